-- Journeys over 1M touchpoints in 100k journeys: cx.journey_agg plus
-- accessors against the window functions and CTEs an analyst would write
-- for the same columns (n, duration, repeats, channel switches, end score,
-- peak-end), and against the floor: count(*), avg(score) per journey.
SET max_parallel_workers_per_gather = 0;

-- Touchpoints arrive in time order, journeys interleaved (an events table),
-- about 10 per journey; 8 stages, 4 channels, 30% unscored, 10% unknown channel.
SELECT setseed(0.42);
CREATE TABLE bench.touchpoint AS
SELECT floor(random() * 100000)::int AS journey_id,
       timestamptz '2024-01-01 00:00:00+00' + i * interval '7 seconds' AS at,
       (ARRAY['apply', 'verify', 'call', 'assess', 'decide', 'appeal', 'pay', 'close'])[1 + floor(random() ^ 2 * 8)::int] AS stage,
       CASE WHEN random() < 0.3 THEN NULL ELSE 1 + floor(random() * 5) END::float8 AS score,
       CASE WHEN random() < 0.1 THEN NULL ELSE (ARRAY['web', 'phone', 'email', 'office'])[1 + floor(random() * 4)::int] END AS channel
FROM generate_series(1, 1000000) AS i;
VACUUM ANALYZE bench.touchpoint;

-- Journey order is at, then stage, channel and score (bytewise, NULLs last).
SELECT bench.compare('journey figures, 1M touchpoints in 100k journeys (CTE per figure)',
	$$SELECT journey_id, cx.n(j) AS n, cx.duration(j) AS duration, cx.repeats(j) AS repeats,
	         cx.channel_switches(j) AS channel_switches, cx.end_score(j) AS end_score, cx.peak_end(j) AS peak_end
	  FROM (SELECT journey_id, cx.journey_agg(at, stage, score, channel) AS j
	        FROM bench.touchpoint GROUP BY journey_id) s$$,
	$$WITH ordered AS (
	    SELECT journey_id, at, stage, score, channel,
	           row_number() OVER (PARTITION BY journey_id
	                              ORDER BY at, stage COLLATE "C", channel COLLATE "C", score) AS pos
	    FROM bench.touchpoint),
	  totals AS (
	    SELECT journey_id, count(*) AS n, max(at) - min(at) AS duration, min(score) AS worst
	    FROM ordered GROUP BY journey_id),
	  repeats AS (
	    SELECT journey_id, count(*) FILTER (WHERE occurrence > 1) AS repeats
	    FROM (SELECT journey_id, row_number() OVER (PARTITION BY journey_id, stage ORDER BY pos) AS occurrence
	          FROM ordered) r
	    GROUP BY journey_id),
	  switches AS (
	    SELECT journey_id, count(*) FILTER (WHERE channel <> previous) AS channel_switches
	    FROM (SELECT journey_id, channel, lag(channel) OVER (PARTITION BY journey_id ORDER BY pos) AS previous
	          FROM ordered WHERE channel IS NOT NULL) c
	    GROUP BY journey_id),
	  ends AS (
	    SELECT DISTINCT ON (journey_id) journey_id, score AS end_score
	    FROM ordered WHERE score IS NOT NULL ORDER BY journey_id, pos DESC)
	  SELECT t.journey_id, t.n, t.duration, r.repeats, s.channel_switches, e.end_score,
	         (t.worst + e.end_score) / 2 AS peak_end
	  FROM totals t JOIN repeats r USING (journey_id)
	  LEFT JOIN switches s USING (journey_id) LEFT JOIN ends e USING (journey_id)$$,
	$$SELECT journey_id, count(*), avg(score) FROM bench.touchpoint GROUP BY journey_id$$);

-- The same columns from a single pass of windows, the fastest plain SQL we
-- found: unknown channels and scores are partitioned away instead of joined.
SELECT bench.compare('journey figures, 1M touchpoints in 100k journeys (one window pass)',
	$$SELECT journey_id, cx.n(j) AS n, cx.duration(j) AS duration, cx.repeats(j) AS repeats,
	         cx.channel_switches(j) AS channel_switches, cx.end_score(j) AS end_score, cx.peak_end(j) AS peak_end
	  FROM (SELECT journey_id, cx.journey_agg(at, stage, score, channel) AS j
	        FROM bench.touchpoint GROUP BY journey_id) s$$,
	$$WITH marked AS (
	    SELECT journey_id, at, score, channel,
	           row_number() OVER (PARTITION BY journey_id, stage ORDER BY at) > 1 AS is_repeat,
	           channel <> lag(channel) OVER (PARTITION BY journey_id, channel IS NULL
	                                         ORDER BY at, stage COLLATE "C", channel COLLATE "C", score) AS is_switch,
	           first_value(score) OVER (PARTITION BY journey_id, score IS NULL
	                                    ORDER BY at DESC, stage COLLATE "C" DESC, channel COLLATE "C" DESC, score DESC) AS last_score
	    FROM bench.touchpoint)
	  SELECT journey_id, count(*) AS n, max(at) - min(at) AS duration,
	         count(*) FILTER (WHERE is_repeat) AS repeats,
	         CASE WHEN count(channel) > 0 THEN count(*) FILTER (WHERE is_switch) END AS channel_switches,
	         max(last_score) FILTER (WHERE score IS NOT NULL) AS end_score,
	         (min(score) + max(last_score) FILTER (WHERE score IS NOT NULL)) / 2 AS peak_end
	  FROM marked GROUP BY journey_id$$,
	$$SELECT journey_id, count(*), avg(score) FROM bench.touchpoint GROUP BY journey_id$$);

-- Storage: journeys kept in a table, against the touchpoint rows they replace.
CREATE TABLE bench.journeys AS
SELECT journey_id, cx.journey_agg(at, stage, score, channel) AS j FROM bench.touchpoint GROUP BY journey_id;
SELECT bench.note('journey storage, 100k stored journeys',
	format('%s bytes per touchpoint in cx.journey (%s of them for the strings); the touchpoint table takes %s bytes per row',
	       round(sum(pg_column_size(j))::numeric / sum(cx.n(j)), 1),
	       round(sum(pg_column_size(j) - 24 - 24 * cx.n(j))::numeric / sum(cx.n(j)), 1),
	       round(pg_relation_size('bench.touchpoint')::numeric / (SELECT count(*) FROM bench.touchpoint), 1)))
FROM bench.journeys;

SELECT bench.speedup('journey figures, 1M touchpoints in 100k journeys',
	$$SELECT journey_id, cx.n(j), cx.duration(j), cx.repeats(j), cx.channel_switches(j), cx.end_score(j), cx.peak_end(j)
	  FROM (SELECT journey_id, cx.journey_agg(at, stage, score, channel) AS j
	        FROM bench.touchpoint GROUP BY journey_id) s$$);
-- for comparison, the same speed-up of the floor on this machine
SELECT bench.speedup('floor: count(*), avg(score) per journey, 1M touchpoints',
	$$SELECT journey_id, count(*), avg(score) FROM bench.touchpoint GROUP BY journey_id$$);
