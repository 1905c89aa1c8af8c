-- Scale: every aggregate with 2 parallel workers against none over 10M
-- touchpoints (1M journeys of 10), and the throughput of cx.journey_agg per
-- core next to the floor.  Journeys are also measured on a table
-- hash-partitioned by journey id with partitionwise aggregation, where each
-- worker builds whole journeys instead of partial ones.
CREATE TABLE bench.touch10m AS
SELECT i / 10 AS journey_id,
       (i / 10) % 20 AS service,
       timestamptz '2025-01-01 00:00+00' + (i / 10 % 50000) * interval '1 minute' + (i % 10) * interval '3 hours' AS at,
       (ARRAY['apply', 'verify', 'call', 'assess', 'decide', 'appeal', 'pay', 'close'])[1 + (i * 7919 / 3) % 8] AS stage,
       CASE WHEN i % 7 = 0 THEN NULL ELSE (1 + (i * 104729 / 7) % 5)::float8 END AS score,
       (ARRAY['web', 'phone', 'email', NULL])[1 + (i * 31 / 5) % 4] AS channel,
       CASE WHEN i % 11 = 0 THEN NULL ELSE (1 + (i * 13 / 3) % 5)::int END AS answer,
       ((i * 37) % 101) / 100.0::float8 AS voluntariness,
       ((i * 11) % 101) / 100.0::float8 AS system_locus
FROM generate_series(0::bigint, 9999999) AS i;
VACUUM ANALYZE bench.touch10m;

CREATE TABLE bench.touch10m_by_journey (LIKE bench.touch10m) PARTITION BY HASH (journey_id);
CREATE TABLE bench.touch10m_p0 PARTITION OF bench.touch10m_by_journey FOR VALUES WITH (MODULUS 4, REMAINDER 0);
CREATE TABLE bench.touch10m_p1 PARTITION OF bench.touch10m_by_journey FOR VALUES WITH (MODULUS 4, REMAINDER 1);
CREATE TABLE bench.touch10m_p2 PARTITION OF bench.touch10m_by_journey FOR VALUES WITH (MODULUS 4, REMAINDER 2);
CREATE TABLE bench.touch10m_p3 PARTITION OF bench.touch10m_by_journey FOR VALUES WITH (MODULUS 4, REMAINDER 3);
INSERT INTO bench.touch10m_by_journey SELECT * FROM bench.touch10m;
VACUUM ANALYZE bench.touch10m_by_journey;

-- Journey figures per journey, as a scorecard reads them.
\set journey_figures 'SELECT journey_id, cx.n(j), cx.repeats(j), cx.peak_end(j), cx.channel_switches(j) FROM (SELECT journey_id, cx.journey_agg(at, stage, score, channel) AS j FROM bench.touch10m GROUP BY journey_id) s'
\set floor 'SELECT journey_id, count(*), avg(score) FROM bench.touch10m GROUP BY journey_id'

SELECT bench.speedup('parallel: cx.journey_agg per journey, 10M touchpoints', :'journey_figures', 3) AS journey_serial_ms \gset
SELECT bench.speedup('parallel: floor count(*), avg(score) per journey, 10M touchpoints', :'floor', 3) AS floor_serial_ms \gset
SET enable_partitionwise_aggregate = on;
SELECT bench.speedup('parallel: cx.journey_agg per journey, 10M touchpoints hash-partitioned by journey, partitionwise',
	replace(:'journey_figures', 'bench.touch10m', 'bench.touch10m_by_journey'), 3);
RESET enable_partitionwise_aggregate;
SELECT bench.speedup('parallel: cx.scores_agg per service, 10M answers',
	'SELECT service, cx.scores_agg(answer, 1, 5)::text FROM bench.touch10m GROUP BY service', 3);
SELECT bench.speedup('parallel: cx.value_agg per service, 10M answers',
	'SELECT service, cx.n(v), round(cx.value_index(v)::numeric, 9) FROM (SELECT service, cx.value_agg(stage, score, 1, 5) AS v FROM bench.touch10m GROUP BY service) s', 3);
SELECT bench.speedup('parallel: cx.quadrant_agg per service, 10M assessments',
	'SELECT service, cx.quadrant_agg(voluntariness, system_locus)::text FROM bench.touch10m GROUP BY service', 3);
SELECT bench.speedup('parallel: cx.merge of daily journeys into whole ones, 10M touchpoints',
	'SELECT journey_id, cx.merge(j)::text FROM (SELECT journey_id, at::date, cx.journey_agg(at, stage, score, channel) AS j FROM bench.touch10m WHERE journey_id < 200000 GROUP BY 1, 2) d GROUP BY 1', 3);

SELECT bench.note('throughput, one core: cx.journey_agg with the scorecard figures against the floor',
	format('%s M touchpoints/s per core; floor count(*), avg(score) per journey: %s M/s',
	       round((10000 / :journey_serial_ms)::numeric, 2), round((10000 / :floor_serial_ms)::numeric, 2)));
