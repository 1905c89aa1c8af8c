-- Behaviour and errors of the co-production quadrant functions.
BEGIN;
SELECT plan(45);

-- classifiers
SELECT is(cx.quadrant(false, false), 'co-production'::cx.quadrant, 'involuntary, individual: I');
SELECT is(cx.quadrant(false, true), 'co-construction'::cx.quadrant, 'involuntary, system: II');
SELECT is(cx.quadrant(true, false), 'co-management'::cx.quadrant, 'voluntary, individual: III');
SELECT is(cx.quadrant(true, true), 'co-design'::cx.quadrant, 'voluntary, system: IV');
SELECT is(cx.quadrant(0.5, 0.5), 'co-design'::cx.quadrant, 'exactly 0.5 is voluntary and system level');
SELECT is(cx.quadrant(0.4999999999, 0.4999999999), 'co-production'::cx.quadrant, 'just below 0.5 is neither');
SELECT is(cx.quadrant(0.3, 0.3, 0.3), 'co-design'::cx.quadrant, 'a score equal to the threshold counts');
SELECT is(cx.quadrant(1, 1, 0), 'co-design'::cx.quadrant, 'threshold 0 puts everything in IV');
SELECT is(cx.quadrant(0.99, 0.99, 1), 'co-production'::cx.quadrant, 'threshold 1 needs a full score');
SELECT is(cx.label('co-management'), 'III: Co-management', 'label');
SELECT is(cx.quadrant(NULL::float8, 0.5), NULL, 'NULL score gives NULL');

SELECT throws_ok($$SELECT cx.quadrant('NaN'::float8, 0.5)$$, '22003',
	'voluntariness must be between 0 and 1, got NaN', 'NaN voluntariness: 22003 naming it');
SELECT throws_ok($$SELECT cx.quadrant(0.5, 1.0000001)$$, '22003',
	'system_locus must be between 0 and 1, got 1', 'system_locus above 1: 22003 naming it');
SELECT throws_ok($$SELECT cx.quadrant(0.5, 0.5, -0.5)$$, '22003',
	'threshold must be between 0 and 1, got -0.5', 'negative threshold: 22003 naming it');
SELECT throws_ok($$SELECT cx.quadrant(0.5, 0.5, 'NaN')$$, '22003', NULL, 'NaN threshold: 22003');

-- the aggregate
CREATE TABLE a (grp int, v float8, s float8, vb boolean, sb boolean);
INSERT INTO a
SELECT i % 7, (i % 11) / 10.0, (i % 13) / 12.0,
       CASE WHEN i % 17 = 0 THEN NULL ELSE i % 3 = 0 END, i % 5 < 2
FROM generate_series(1, 20000) AS i;
UPDATE a SET v = NULL WHERE grp = 3 AND s > 0.9;

SELECT is(cx.n(cx.quadrant_agg(v, s)) + cx.skipped(cx.quadrant_agg(v, s)), 20000::bigint,
	'every row is classified or counted as skipped') FROM a;
SELECT is(cx.skipped(cx.quadrant_agg(v, s)), (SELECT count(*) FROM a WHERE v IS NULL OR s IS NULL),
	'skipped counts the rows with a NULL') FROM a;
SELECT is(cx.skipped(cx.quadrant_agg(vb, sb)), (SELECT count(*) FROM a WHERE vb IS NULL OR sb IS NULL),
	'skipped counts NULL flags') FROM a;
SELECT is(cx.count(cx.quadrant_agg(v, s), q),
	(SELECT count(*) FROM a WHERE cx.quadrant(v, s) = q), 'count of ' || q)
FROM a, unnest(enum_range(NULL::cx.quadrant)) AS q GROUP BY q ORDER BY q;
SELECT is(round(cx.share(cx.quadrant_agg(v, s), 'co-design')::numeric, 12),
	round((SELECT count(*) FILTER (WHERE v >= 0.5 AND s >= 0.5)::numeric / count(*)
	       FROM a WHERE v IS NOT NULL AND s IS NOT NULL), 12), 'share') FROM a;
SELECT ok(abs((cx.centroid(cx.quadrant_agg(v, s))).voluntariness
              - (SELECT avg(v) FROM a WHERE s IS NOT NULL)) < 1e-12, 'centroid voluntariness is the mean') FROM a;
SELECT ok(abs((cx.centroid(cx.quadrant_agg(v, s))).system_locus
              - (SELECT avg(s) FROM a WHERE v IS NOT NULL)) < 1e-12, 'centroid system locus is the mean') FROM a;
SELECT is((cx.centroid(cx.quadrant_agg(vb, sb))).voluntariness, NULL, 'no centroid from yes/no answers') FROM a;
SELECT is(cx.dominant(cx.quadrant_agg(v, s)),
	(SELECT cx.quadrant(v, s) FROM a WHERE v IS NOT NULL AND s IS NOT NULL
	 GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1), 'dominant is the commonest') FROM a;
SELECT throws_ok($$SELECT cx.quadrant_agg(v, s) FROM (VALUES (0.5, 2.0)) t(v, s)$$, '22003',
	'system_locus must be between 0 and 1, got 2', 'the aggregate rejects out-of-range scores');

-- merging partials: any split gives the one-pass profile, byte for byte
SELECT is((SELECT cx.merge(p)::text FROM (SELECT cx.quadrant_agg(v, s) AS p FROM a GROUP BY grp) t),
	(SELECT cx.quadrant_agg(v, s)::text FROM a), 'merge of groups equals one pass');
SELECT is((SELECT cx.merge(p ORDER BY grp DESC)::text FROM (SELECT grp, cx.quadrant_agg(v, s) AS p FROM a GROUP BY grp) t),
	(SELECT cx.merge(p ORDER BY grp)::text FROM (SELECT grp, cx.quadrant_agg(v, s) AS p FROM a GROUP BY grp) t),
	'merge order does not matter');
SELECT is((SELECT cx.merge(p)::text FROM (SELECT cx.quadrant_agg(vb, sb) AS p FROM a GROUP BY v) t),
	(SELECT cx.quadrant_agg(vb, sb)::text FROM a), 'merge of another split equals one pass');
SELECT is((SELECT cx.merge(p) FROM (VALUES (NULL::cx.quadrant_profile)) t(p))::text,
	'(co-production=0,co-construction=0,co-management=0,co-design=0,skipped=0,scored=0,voluntariness_sum=0,system_locus_sum=0)',
	'merging only NULLs gives an empty profile');

-- parallel plans
SET LOCAL max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE serial_profile AS SELECT cx.quadrant_agg(v, s)::text AS p FROM a;
SET LOCAL parallel_setup_cost = 0;
SET LOCAL parallel_tuple_cost = 0;
SET LOCAL min_parallel_table_scan_size = 0;
SET LOCAL max_parallel_workers_per_gather = 2;
ANALYZE a;
SELECT matches(cx_test.plan_of('SELECT cx.quadrant_agg(v, s) FROM a'),
	'Gather.*Partial Aggregate.*Parallel Seq Scan',
	'a forced parallel plan has a Partial Aggregate under a Gather');
SELECT matches(cx_test.plan_of('SELECT cx.merge(p) FROM (SELECT cx.quadrant_agg(vb, sb) AS p FROM a GROUP BY grp) t'),
	'Partial',
	'cx.merge runs in a parallel plan too');
SELECT is((SELECT cx.quadrant_agg(v, s)::text FROM a),
	(SELECT p FROM serial_profile), 'the parallel profile equals the serial one');
SELECT is((SELECT cx.merge(p)::text FROM (SELECT cx.quadrant_agg(v, s) AS p FROM a GROUP BY grp) t),
	(SELECT p FROM serial_profile), 'a parallel merge equals the serial profile');
SET LOCAL max_parallel_workers_per_gather = 0;

-- moving aggregate: the inverse transition undoes rows exactly
SELECT is((SELECT count(*) FROM (
	SELECT i, cx.quadrant_agg(v, s) OVER w AS moving
	FROM (SELECT row_number() OVER (ORDER BY grp, v, s) AS i, v, s FROM a) t
	WINDOW w AS (ORDER BY i ROWS BETWEEN 49 PRECEDING AND CURRENT ROW)) m
	JOIN (SELECT i, (SELECT cx.quadrant_agg(v2, s2) FROM (SELECT row_number() OVER (ORDER BY grp, v, s) AS i2, v AS v2, s AS s2 FROM a) u
	                 WHERE i2 BETWEEN i - 49 AND i) AS fresh
	      FROM generate_series(1, 20000, 997) AS i) f USING (i)
	WHERE moving::text = fresh::text), 21::bigint,
	'rolling 50-row profiles equal re-aggregated windows');
SELECT is((SELECT count(*) FROM (
	SELECT day, cx.merge(p) OVER (ORDER BY day ROWS 2 PRECEDING)::text AS rolled,
	       (SELECT cx.quadrant_agg(vb, sb) FROM a WHERE grp BETWEEN day - 2 AND day)::text AS fresh
	FROM (SELECT grp AS day, cx.quadrant_agg(vb, sb) AS p FROM a GROUP BY grp) d) r
	WHERE rolled = fresh), 7::bigint, 'a rolling merge of daily profiles equals re-aggregation');

-- text and jsonb
SELECT is((SELECT cx.quadrant_agg(v, s)::text::cx.quadrant_profile::text FROM a),
	(SELECT cx.quadrant_agg(v, s)::text FROM a), 'text round trip');
SELECT is(cx.quadrant_agg(v, s)::jsonb -> 'n', to_jsonb(cx.n(cx.quadrant_agg(v, s))), 'jsonb carries n') FROM a;
SELECT throws_ok($$SELECT 'garbage'::cx.quadrant_profile$$, '22P02', NULL, 'malformed text: 22P02');
SELECT throws_ok($$SELECT '(co-production=1,co-construction=0,co-management=0,co-design=0,skipped=0,scored=0,voluntariness_sum=0,system_locus_sum=0) extra'::cx.quadrant_profile$$,
	'22P02', NULL, 'trailing text: 22P02');
SELECT throws_ok($$SELECT '(co-production=1,co-construction=0,co-management=0,co-design=0,skipped=-1,scored=0,voluntariness_sum=0,system_locus_sum=0)'::cx.quadrant_profile$$,
	'22P02', NULL, 'negative skipped count: rejected');
SELECT throws_ok($$SELECT '(co-production=1,co-construction=0,co-management=0,co-design=0,skipped=0,scored=1,voluntariness_sum=0.12345678901234567890,system_locus_sum=0)'::cx.quadrant_profile$$,
	'22P02', NULL, 'more than 19 decimals: 22P02');
SELECT throws_ok($$SELECT '(co-production=9223372036854775807,co-construction=1,co-management=0,co-design=0,skipped=0,scored=0,voluntariness_sum=0,system_locus_sum=0)'::cx.quadrant_profile$$,
	'22P02', NULL, 'counts whose total overflows: rejected');

SELECT * FROM finish();
ROLLBACK;
