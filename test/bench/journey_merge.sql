-- Merging journeys: cx.merge(cx.journey) over 10k and 100k partial journeys
-- of about 10 touchpoints each, checked equal (byte for byte) to one pass of
-- cx.journey_agg over the touchpoints the partials hold, which is what an
-- analyst without partials would run.  The floor reads every partial
-- (sum(cx.n(p))).  Merging k partials should cost about k times one: the
-- last figure is the time for 100k partials over the time for 10k, about 10
-- when linear (0.1.0 copied the journey at every row: 4,000 partials took
-- 11.8 s, and the ratio grew with k).
SET max_parallel_workers_per_gather = 0;

-- 100k partials (a day's or a shard's touchpoints of a journey): 10
-- touchpoints each, 8 stages, 4 channels, 30% unscored, 10% unknown channel;
-- partials interleave in time, as days of one journey do not.
SELECT setseed(0.42);
CREATE TABLE bench.touchpoint AS
SELECT part, part % 10000 AS journey_id,
       timestamptz '2024-01-01 00:00:00+00' + ((part * 7919) % 100000 * 10 + t) * interval '7 seconds' AS at,
       (ARRAY['apply', 'verify', 'call', 'assess', 'decide', 'appeal', 'pay', 'close'])[1 + floor(random() ^ 2 * 8)::int] AS stage,
       CASE WHEN random() < 0.3 THEN NULL ELSE 1 + floor(random() * 5) END::float8 AS score,
       CASE WHEN random() < 0.1 THEN NULL ELSE (ARRAY['web', 'phone', 'email', 'office'])[1 + floor(random() * 4)::int] END AS channel
FROM generate_series(1, 100000) AS part, generate_series(1, 10) AS t;
CREATE TABLE bench.partial AS
SELECT part, journey_id, cx.journey_agg(at, stage, score, channel) AS p
FROM bench.touchpoint GROUP BY part, journey_id;
VACUUM ANALYZE bench.touchpoint;
VACUUM ANALYZE bench.partial;

-- one journey from k partials: the case that was quadratic
SELECT bench.compare('cx.merge, 10k partials into one journey of 100k touchpoints',
	$$SELECT cx.merge(p) FROM bench.partial WHERE part <= 10000$$,
	$$SELECT cx.journey_agg(at, stage, score, channel) FROM bench.touchpoint WHERE part <= 10000$$,
	$$SELECT sum(cx.n(p)) FROM bench.partial WHERE part <= 10000$$);
SELECT bench.compare('cx.merge, 100k partials into one journey of 1M touchpoints',
	$$SELECT cx.merge(p) FROM bench.partial$$,
	$$SELECT cx.journey_agg(at, stage, score, channel) FROM bench.touchpoint$$,
	$$SELECT sum(cx.n(p)) FROM bench.partial$$);

-- 100k partials rolled up into 10k journeys (ten days each)
SELECT bench.compare('cx.merge, 100k partials into 10k journeys (GROUP BY journey)',
	$$SELECT journey_id, cx.merge(p) FROM bench.partial GROUP BY journey_id$$,
	$$SELECT journey_id, cx.journey_agg(at, stage, score, channel) FROM bench.touchpoint GROUP BY journey_id$$,
	$$SELECT journey_id, count(*), sum(cx.n(p)) FROM bench.partial GROUP BY journey_id$$);

-- linearity and throughput, from the medians just measured
SELECT bench.note('cx.merge throughput',
	format('%s partials/s at 10k, %s partials/s at 100k; 100k partials take %sx the time of 10k (10x is linear)',
	       round(10000 / (small.cx_ms / 1000)), round(100000 / (large.cx_ms / 1000)),
	       round((large.cx_ms / small.cx_ms)::numeric, 1)))
FROM bench.results small, bench.results large
WHERE small.figure LIKE 'cx.merge, 10k partials%' AND large.figure LIKE 'cx.merge, 100k partials into one%';
