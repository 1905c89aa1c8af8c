-- The multi-server checks, each printing one TAP line.
SET enable_partitionwise_aggregate = on;

CREATE FUNCTION pg_temp.plan_of(query text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	line text;
	plan text := '';
BEGIN
	FOR line IN EXECUTE 'EXPLAIN (VERBOSE, COSTS OFF) ' || query LOOP
		plan := plan || line || E'\n';
	END LOOP;
	RETURN plan;
END $$;

CREATE FUNCTION pg_temp.tap(ok boolean, description text) RETURNS text
LANGUAGE sql AS $$ SELECT CASE WHEN ok THEN 'ok' ELSE 'not ok' END || ' - ' || description $$;

-- (a) per-key aggregates are pushed down
SELECT pg_temp.tap(
	pg_temp.plan_of('SELECT assessment_id, cx.quadrant_agg(voluntariness, system_locus) FROM spread.assessments GROUP BY assessment_id')
		~ 'Remote SQL: SELECT assessment_id, cx\.quadrant_agg',
	'per-key cx.quadrant_agg is pushed down to the shards');
SELECT pg_temp.tap(
	(SELECT count(*) FROM (
		SELECT assessment_id, cx.quadrant_agg(voluntariness, system_locus)::text AS p FROM spread.assessments GROUP BY assessment_id
		EXCEPT
		SELECT assessment_id, cx.quadrant_agg(voluntariness, system_locus)::text FROM public.assessments GROUP BY assessment_id) d) = 0,
	'pushed-down per-key profiles equal the single-server ones');

-- (b) shard-local summaries merged on the coordinator
SELECT pg_temp.tap(
	pg_temp.plan_of($$SELECT service, cx.merge(p) FROM (
		SELECT service, cx.quadrant_agg(voluntariness, system_locus) AS p FROM spread.assessments_1 GROUP BY service
		UNION ALL
		SELECT service, cx.quadrant_agg(voluntariness, system_locus) FROM spread.assessments_2 GROUP BY service) s
		GROUP BY service$$) ~ 'Remote SQL: SELECT service, cx\.quadrant_agg.*Remote SQL: SELECT service, cx\.quadrant_agg',
	'per-service profiles are computed on each shard');
SELECT pg_temp.tap(
	(SELECT string_agg(service || merge_text, ',' ORDER BY service) FROM (
		SELECT service, cx.merge(p)::text AS merge_text FROM (
			SELECT service, cx.quadrant_agg(voluntariness, system_locus) AS p FROM spread.assessments_1 GROUP BY service
			UNION ALL
			SELECT service, cx.quadrant_agg(voluntariness, system_locus) FROM spread.assessments_2 GROUP BY service) s
		GROUP BY service) m)
	= (SELECT string_agg(service || p, ',' ORDER BY service) FROM (
		SELECT service, cx.quadrant_agg(voluntariness, system_locus)::text AS p FROM public.assessments GROUP BY service) l),
	'merged shard profiles equal the single-server profiles byte for byte');
