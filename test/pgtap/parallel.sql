-- Every cxvalue aggregate in a parallel plan: a Partial Aggregate under a
-- Gather, and the same result with 0 and with 2 workers.  The aggregate
-- list is read from the catalog, so a new aggregate without a case here
-- fails the first test.
BEGIN;
SELECT plan(35);

CREATE TABLE par (
	journey_id int, service int, at timestamptz, stage text, score float8, channel text,
	answer int, voluntary boolean, v float8, s float8
);
INSERT INTO par
SELECT i / 6, i % 7, timestamptz '2026-02-01 00:00+00' + (i * 7919 % 100000) * interval '1 minute',
       (ARRAY['apply', 'call', 'verify', 'decide'])[1 + i * 31 % 4],
       CASE WHEN i % 13 = 0 THEN NULL ELSE 1 + i * 17 % 5 END,
       (ARRAY['web', 'phone', 'office', NULL])[1 + i * 7 % 4],
       CASE WHEN i % 11 = 0 THEN NULL ELSE 1 + i * 13 % 5 END,
       i % 3 = 0, (i * 37 % 101) / 100.0, (i * 11 % 101) / 100.0
FROM generate_series(1, 60000) AS i;
ANALYZE par;

-- The calls to check: each aggregate, a grouping with enough rows per
-- group for the planner to choose partial aggregation, and what to compare
-- of a summary x: the summary itself where it holds counts or touchpoints
-- (byte-identical), its figures to 12 decimals where it holds float moments.
CREATE TEMP TABLE calls (call text, grp text, fingerprint text);
INSERT INTO calls VALUES
	('cx.journey_agg(at, stage)', 'journey_id % 50', 'x::text'),
	('cx.journey_agg(at, stage, score)', 'journey_id % 50', 'x::text'),
	('cx.journey_agg(at, stage, score, channel)', 'journey_id % 50', 'x::text'),
	('cx.scores_agg(answer, 1, 5)', 'service', 'x::text'),
	('cx.value_agg(stage, score, 1, 5)', 'service', 'pg_temp.value_figures(x)'),
	('cx.value_agg(ARRAY[stage, channel], ARRAY[score, answer::float8], 1, 5)', 'service', 'pg_temp.value_figures(x)'),
	('cx.quadrant_agg(v, s)', 'service', 'x::text'),
	('cx.quadrant_agg(voluntary, v > 0.5)', 'service', 'x::text'),
	('cx.drivers_agg(score, ARRAY[v, s, answer::float8], ARRAY[''v'', ''s'', ''answer''])', 'service', 'pg_temp.drivers_figures(x)'),
	('cx.rate_agg(answer > 2)', 'service', 'x::text'),
	('cx.waits_agg(at - timestamptz ''2026-02-01 00:00+00'', voluntary OR answer IS NULL)', 'service', 'x::text');

CREATE FUNCTION pg_temp.value_figures(v cx.customer_value) RETURNS text LANGUAGE sql PARALLEL SAFE AS $$
	SELECT string_agg(format('%s n=%s missing=%s mean=%s sd=%s', d, cx.n(v, d), cx.missing(v, d),
	                         round(cx.mean(v, d)::numeric, 12), round(cx.stddev(v, d)::numeric, 12)), ' ')
	FROM unnest(cx.dimensions(v)) AS d
$$;

CREATE FUNCTION pg_temp.drivers_figures(d cx.drivers) RETURNS text LANGUAGE sql PARALLEL SAFE AS $$
	SELECT format('n=%s skipped=%s r2=%s %s', cx.n(d), cx.skipped(d), round(cx.r2(d)::numeric, 10),
	              (SELECT string_agg(format('%s=%s', driver, round(coefficient::numeric, 10)), ' ')
	               FROM cx.coefficients(d)))
$$;

SELECT is((SELECT count(*) FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggfnoid
           WHERE p.pronamespace = 'cx'::regnamespace AND p.proname <> 'merge'),
          (SELECT count(*) FROM calls), 'every cxvalue aggregate but cx.merge has a case here');
SELECT is((SELECT count(*) FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggfnoid
           WHERE p.pronamespace = 'cx'::regnamespace
             AND (a.aggcombinefn = 0 OR p.proparallel <> 's')),
          0::bigint, 'every cxvalue aggregate has a combine function and is PARALLEL SAFE');


-- the summaries per group, as text, and the merge of the per-group summaries
CREATE FUNCTION pg_temp.query(c calls) RETURNS text LANGUAGE sql AS $$
	SELECT format('SELECT g, %s FROM (SELECT %s AS g, %s AS x FROM par GROUP BY 1) t',
	              c.fingerprint, c.grp, c.call)
$$;
CREATE FUNCTION pg_temp.merge_query(c calls) RETURNS text LANGUAGE sql AS $$
	SELECT format('SELECT %s FROM (SELECT cx.merge(x) AS x FROM (SELECT %s AS x FROM par GROUP BY %s) t) m',
	              c.fingerprint, c.call, c.grp)
$$;

CREATE TEMP TABLE serial AS
SELECT call, cx_test.rows_of(pg_temp.query(c)) AS rows,
       cx_test.rows_of(pg_temp.merge_query(c)) AS merged
FROM calls c;

SET LOCAL parallel_setup_cost = 0;
SET LOCAL parallel_tuple_cost = 0;
SET LOCAL min_parallel_table_scan_size = 0;
SET LOCAL max_parallel_workers_per_gather = 2;
SET LOCAL parallel_leader_participation = off;	-- the workers must do the work
SET LOCAL enable_hashagg = off;	-- partial hash aggregation is costed out for few rows per group

SELECT matches(cx_test.plan_of(pg_temp.query(c)), 'Gather.*Partial .*Aggregate.*Parallel Seq Scan',
	call || ' runs as a Partial Aggregate under a Gather')
FROM calls c ORDER BY call;
SELECT is(cx_test.rows_of(pg_temp.query(c)), s.rows,
	c.call || ': 2 workers give the serial result')
FROM calls c JOIN serial s USING (call) ORDER BY call;
SELECT is(cx_test.rows_of(pg_temp.merge_query(c)), s.merged,
	'cx.merge over ' || c.call || ': 2 workers give the serial result')
FROM calls c JOIN serial s USING (call) ORDER BY call;

SELECT * FROM finish();
ROLLBACK;
