-- The multi-server checks, each printing one TAP line.
SET enable_partitionwise_aggregate = on;


CREATE FUNCTION pg_temp.tap(ok boolean, description text) RETURNS text
LANGUAGE sql AS $$ SELECT CASE WHEN ok THEN 'ok' ELSE 'not ok' END || ' - ' || description $$;

-- Shard-local summaries merged on the coordinator: the query a scorecard runs.
CREATE FUNCTION pg_temp.merged(aggregate text, tab text, key text) RETURNS text
LANGUAGE sql AS $$
	SELECT format('SELECT %3$s, cx.merge(s) AS s FROM (
	                 SELECT %3$s, %1$s AS s FROM spread.%2$s_1 GROUP BY %3$s
	                 UNION ALL
	                 SELECT %3$s, %1$s FROM spread.%2$s_2 GROUP BY %3$s) parts
	               GROUP BY %3$s', aggregate, tab, key)
$$;

-- (a) per-journey aggregates are pushed down to the shards
SELECT pg_temp.tap(
	cx_test.plan_of('SELECT journey_id, cx.journey_agg(at, stage, score, channel) FROM spread.touchpoints GROUP BY journey_id', true)
		~ 'Remote SQL: SELECT journey_id, cx\.journey_agg\(at, stage, score, channel\).*GROUP BY 1.*Remote SQL: SELECT journey_id, cx\.journey_agg',
	'per-journey cx.journey_agg is pushed down to both shards');
SELECT pg_temp.tap(
	cx_test.rows_of('SELECT journey_id, cx.journey_agg(at, stage, score, channel)::text FROM spread.touchpoints GROUP BY journey_id')
	= cx_test.rows_of('SELECT journey_id, cx.journey_agg(at, stage, score, channel)::text FROM public.touchpoints GROUP BY journey_id'),
	'journeys built on the shards equal the single-server journeys byte for byte');
SELECT pg_temp.tap(
	cx_test.rows_of($$SELECT service, count(*), sum(cx.repeats(j)), round(avg(cx.peak_end(j))::numeric, 10), sum(cx.channel_switches(j))
	                  FROM (SELECT service, journey_id, cx.journey_agg(at, stage, score, channel) AS j
	                        FROM spread.touchpoints GROUP BY service, journey_id) x GROUP BY service$$)
	= cx_test.rows_of($$SELECT service, count(*), sum(cx.repeats(j)), round(avg(cx.peak_end(j))::numeric, 10), sum(cx.channel_switches(j))
	                    FROM (SELECT service, journey_id, cx.journey_agg(at, stage, score, channel) AS j
	                          FROM public.touchpoints GROUP BY service, journey_id) x GROUP BY service$$),
	'the per-service journey scorecard from the shards equals the single-server one');
SELECT pg_temp.tap(
	cx_test.plan_of('SELECT journey_id, cx.quadrant_agg(voluntariness, system_locus) FROM spread.assessments GROUP BY journey_id', true)
		~ 'Remote SQL: SELECT journey_id, cx\.quadrant_agg',
	'per-journey cx.quadrant_agg is pushed down to the shards');
SELECT pg_temp.tap(
	cx_test.rows_of('SELECT journey_id, cx.quadrant_agg(voluntariness, system_locus)::text FROM spread.assessments GROUP BY journey_id')
	= cx_test.rows_of('SELECT journey_id, cx.quadrant_agg(voluntariness, system_locus)::text FROM public.assessments GROUP BY journey_id'),
	'pushed-down per-journey profiles equal the single-server ones');

-- (b) per-service scorecards from shard summaries merged on the coordinator
SELECT pg_temp.tap(
	cx_test.plan_of(pg_temp.merged('cx.scores_agg(answer, 1, 5)', 'answers', 'service, item'), true)
		~ 'Remote SQL: SELECT service, item, cx\.scores_agg.*Remote SQL: SELECT service, item, cx\.scores_agg',
	'per-service score summaries are computed on each shard');
SELECT pg_temp.tap(
	cx_test.rows_of(format('SELECT service, item, s::text FROM (%s) m', pg_temp.merged('cx.scores_agg(answer, 1, 5)', 'answers', 'service, item')))
	= cx_test.rows_of('SELECT service, item, cx.scores_agg(answer, 1, 5)::text FROM public.answers GROUP BY service, item'),
	'merged shard score summaries equal the single-server ones byte for byte');
SELECT pg_temp.tap(
	cx_test.rows_of(format('SELECT service, s::text FROM (%s) m', pg_temp.merged('cx.quadrant_agg(voluntariness, system_locus)', 'assessments', 'service')))
	= cx_test.rows_of('SELECT service, cx.quadrant_agg(voluntariness, system_locus)::text FROM public.assessments GROUP BY service'),
	'merged shard quadrant profiles equal the single-server ones byte for byte');
SELECT pg_temp.tap(
	cx_test.rows_of(format('SELECT service, round(100 * cx.top_box(s)::numeric, 6), (cx.top_box_ci(s)).*
	                        FROM (%s) m', pg_temp.merged('cx.scores_agg(answer, 1, 5)', 'answers', 'service')))
	= cx_test.rows_of('SELECT service, round(100 * cx.top_box(s)::numeric, 6), (cx.top_box_ci(s)).*
	                   FROM (SELECT service, cx.scores_agg(answer, 1, 5) AS s FROM public.answers GROUP BY service) l'),
	'the per-service A-11 scorecard from merged shards equals the single-server one');
