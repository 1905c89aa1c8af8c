-- Behaviour and errors of cx.customer_value, its aggregates and value models.
BEGIN;
SELECT plan(138);

-- 20,000 long-format answers: 12 dimensions, two scales, NULL scores and
-- NULL dimensions sprinkled in
CREATE TABLE a (grp int, respondent int, dimension text, score float8, lo float8, hi float8);
INSERT INTO a
SELECT i % 7, i / 10,
       CASE WHEN i % 211 = 0 THEN NULL
            ELSE (ARRAY['functional', 'emotional', 'social', 'epistemic', 'conditional', 'convenience',
                        'time', 'effort', 'money', 'risk', 'perceived', 'expected'])[1 + i % 12] END,
       CASE WHEN i % 53 = 0 THEN NULL
            WHEN i % 3 = 0 THEN 1 + (i * 7919) % 7 ELSE 1 + (i * 104729) % 5 END,
       1, CASE WHEN i % 3 = 0 THEN 7 ELSE 5 END
FROM generate_series(1, 20000) AS i;

-- the normalised scores, computed by plain SQL
CREATE VIEW normalised AS
SELECT grp, respondent, dimension, (score - lo) / (hi - lo) AS x, score IS NULL AS missing FROM a;

-- equal to 1e-12 relative (moments), or absolute (figures in [-1, 1] that may be 0)
CREATE FUNCTION pg_temp.close(x float8, y float8) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$ SELECT abs(x - y) <= 1e-12 * greatest(abs(x), abs(y)) $$;
CREATE FUNCTION pg_temp.near(x float8, y float8) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$ SELECT abs(x - y) <= 1e-12 $$;

-- the same counts, and means and variances equal to 1e-12 relative, in every dimension
CREATE FUNCTION pg_temp.same_value(v cx.customer_value, w cx.customer_value) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
	SELECT cx.dimensions(v) = cx.dimensions(w) AND cx.skipped(v) = cx.skipped(w)
	       AND bool_and(cx.n(v, d) = cx.n(w, d) AND cx.missing(v, d) = cx.missing(w, d)
	                    AND (cx.mean(v, d) IS NULL) = (cx.mean(w, d) IS NULL)
	                    AND coalesce(pg_temp.close(cx.mean(v, d), cx.mean(w, d)), true)
	                    AND (cx.variance(v, d) IS NULL) = (cx.variance(w, d) IS NULL)
	                    AND coalesce(pg_temp.close(cx.variance(v, d), cx.variance(w, d)), true))
	FROM unnest(cx.dimensions(v)) AS d
$$;

CREATE TEMP TABLE one_pass AS SELECT cx.value_agg(dimension, score, lo, hi) AS v FROM a;

-- counting: nothing vanishes
SELECT is(cx.n(v) + cx.missing(v) + cx.skipped(v), 20000::bigint,
	'every answer is scored, missing or skipped') FROM one_pass;
SELECT is(cx.skipped(v), (SELECT count(*) FROM a WHERE dimension IS NULL),
	'skipped counts NULL dimensions') FROM one_pass;
SELECT is(cx.missing(v), (SELECT count(*) FROM a WHERE dimension IS NOT NULL AND score IS NULL),
	'missing counts NULL scores') FROM one_pass;
SELECT is(cx.missing(v, 'risk'), (SELECT count(*) FROM a WHERE dimension = 'risk' AND score IS NULL),
	'missing per dimension') FROM one_pass;
SELECT is(cx.n(v, 'risk'), (SELECT count(score) FROM a WHERE dimension = 'risk'),
	'n per dimension') FROM one_pass;
SELECT is(cx.n(v, 'unknown dimension'), 0::bigint, 'n of an absent dimension is 0') FROM one_pass;
SELECT is(cx.dimensions(v), (SELECT array_agg(DISTINCT dimension COLLATE "C" ORDER BY dimension COLLATE "C")
                             FROM a WHERE dimension IS NOT NULL),
	'dimensions in bytewise order') FROM one_pass;

-- means and variances against plain SQL over the normalised scores
SELECT ok(bool_and(pg_temp.close(cx.mean(v, n.dimension), n.mean)), 'means equal plain-SQL avg of normalised scores')
FROM one_pass, (SELECT dimension, avg(x) AS mean FROM normalised WHERE dimension IS NOT NULL GROUP BY dimension) n;
SELECT ok(bool_and(pg_temp.close(cx.variance(v, n.dimension), n.variance)), 'variances equal plain-SQL var_samp')
FROM one_pass, (SELECT dimension, var_samp(x) AS variance FROM normalised WHERE dimension IS NOT NULL GROUP BY dimension) n;
SELECT ok(bool_and(pg_temp.close(cx.stddev(v, n.dimension), n.sd)), 'standard deviations equal plain-SQL stddev_samp')
FROM one_pass, (SELECT dimension, stddev_samp(x) AS sd FROM normalised WHERE dimension IS NOT NULL GROUP BY dimension) n;
SELECT ok(bool_and(cx.mean(v, d) BETWEEN 0 AND 1), 'means lie in [0, 1]')
FROM one_pass, unnest(cx.dimensions(v)) AS d;
SELECT is(cx.mean(cx.value_agg(d, s, 1, 5), 'x'), 0.75::float8, 'one scored answer: its normalised score')
FROM (VALUES ('x', 4::float8)) t(d, s);
SELECT is(cx.variance(cx.value_agg(d, s, 1, 5), 'x'), NULL::float8, 'one scored answer: no variance')
FROM (VALUES ('x', 4::float8), ('x', NULL)) t(d, s);
SELECT is(cx.variance(cx.value_agg(d, s, 0, 10), 'x'), 0::float8, 'equal scores: variance exactly 0')
FROM (VALUES ('x', 7::float8), ('x', 7), ('x', 7)) t(d, s);
SELECT is(cx.mean(cx.value_agg(d, s, -1, 1), 'x'), 0.5::float8, 'scales may be negative')
FROM (VALUES ('x', -1::float8), ('x', 1)) t(d, s);

-- merging partials: any split and order gives one pass (counts exactly)
SELECT ok(pg_temp.same_value((SELECT cx.merge(p) FROM (SELECT cx.value_agg(dimension, score, lo, hi) AS p FROM a GROUP BY grp) t),
                             (SELECT v FROM one_pass)), 'merge of 7 groups equals one pass');
SELECT ok(pg_temp.same_value((SELECT cx.merge(p ORDER BY r DESC) FROM (SELECT respondent AS r, cx.value_agg(dimension, score, lo, hi) AS p FROM a GROUP BY respondent) t),
                             (SELECT v FROM one_pass)), 'merge of 2,001 respondents, in reverse, equals one pass');
SELECT ok(pg_temp.same_value((SELECT cx.merge(p) FROM (SELECT cx.value_agg(dimension, score, lo, hi) AS p FROM a GROUP BY dimension) t),
                             (SELECT v FROM one_pass)), 'merge of disjoint dimensions equals one pass');
SELECT is((SELECT cx.n(cx.merge(p)) FROM (SELECT cx.value_agg(dimension, score, lo, hi) AS p FROM a GROUP BY grp) t),
	(SELECT cx.n(v) FROM one_pass), 'merged counts are exact');
SELECT ok(pg_temp.same_value(cx.merge(p), cx.merge(p)), 'merge is deterministic')
FROM (SELECT cx.value_agg(dimension, score, lo, hi) AS p FROM a GROUP BY grp) t;
SELECT is((SELECT cx.merge(p) FROM (VALUES (NULL::cx.customer_value)) t(p))::text, '(skipped=0)',
	'merging only NULLs gives an empty summary');
SELECT is(cx.customer_value_merge(NULL, NULL)::text, NULL, 'the merge function passes NULL through');
SELECT is(cx.customer_value_merge('(skipped=1)', NULL)::text, '(skipped=1)', 'merging NULL changes nothing');
SELECT is(cx.customer_value_merge(NULL, '(skipped=2,"x"=(n=1,missing=0,sum=1,m2=0))')::text,
	'(skipped=2,"x"=(n=1,missing=0,sum=1,m2=0))', 'merging into NULL gives the other');
SELECT is(cx.customer_value_merge('(skipped=0,"x"=(n=0,missing=1,sum=0,m2=0))', '(skipped=2,"x"=(n=1,missing=0,sum=1,m2=0))')::text,
	'(skipped=2,"x"=(n=1,missing=1,sum=1,m2=0))', 'merging a missing-only dimension keeps its count');
SELECT is(cx.customer_value_merge('(skipped=0,"x"=(n=2,missing=0,sum=1,m2=0.5))', '(skipped=0,"x"=(n=2,missing=0,sum=1,m2=0.5))')::text,
	'(skipped=0,"x"=(n=4,missing=0,sum=2,m2=1))', 'Chan''s formula: two halves of 0, 1, 0, 1');

-- a stored value passed to the transition function directly is not modified
CREATE TEMP TABLE stored AS SELECT '(skipped=0,"x"=(n=1,missing=0,sum=1,m2=0))'::cx.customer_value AS v;
SELECT is((SELECT cx.customer_value_add(v, 'x', 1, 1, 5)::text FROM stored),
	'(skipped=0,"x"=(n=2,missing=0,sum=1,m2=0.5))', 'a direct call returns the updated summary');
SELECT is((SELECT v::text FROM stored), '(skipped=0,"x"=(n=1,missing=0,sum=1,m2=0))', 'and leaves its argument alone');

-- wide format
CREATE TABLE w AS
SELECT respondent, array_agg(dimension ORDER BY dimension) FILTER (WHERE dimension IS NOT NULL) AS dims,
       array_agg(score ORDER BY dimension) FILTER (WHERE dimension IS NOT NULL) AS scores
FROM a WHERE hi = 5 GROUP BY respondent;
SELECT ok(pg_temp.same_value((SELECT cx.value_agg(dims, scores, 1, 5) FROM w),
                             (SELECT cx.value_agg(dimension, score, 1, 5) FROM a WHERE hi = 5 AND dimension IS NOT NULL)),
	'the wide aggregate equals the long one');
SELECT ok(pg_temp.same_value((SELECT cx.merge(cx.customer_value(dims, scores, 1, 5)) FROM w),
                             (SELECT cx.value_agg(dims, scores, 1, 5) FROM w)),
	'merging per-row summaries equals the wide aggregate');
SELECT is(cx.skipped(cx.value_agg(d, s, 1, 5)), 3::bigint, 'the wide aggregate counts NULL dimensions')
FROM (VALUES (ARRAY['x', NULL], ARRAY[1, 2]::float8[]), (NULL, ARRAY[3, 4]::float8[])) t(d, s);
SELECT is(cx.missing(cx.value_agg(d, s, 1, 5)), 3::bigint, 'and NULL scores')
FROM (VALUES (ARRAY['x', 'y'], NULL::float8[]), (ARRAY['x'], ARRAY[NULL]::float8[])) t(d, s);
SELECT is(cx.customer_value(NULL, NULL, NULL, NULL)::text, '(skipped=0)', 'a row of NULLs: an empty summary');
SELECT is(cx.customer_value('{}', '{}', 1, 5)::text, '(skipped=0)', 'empty arrays: an empty summary');

-- parallel plans
SET LOCAL parallel_setup_cost = 0;
SET LOCAL parallel_tuple_cost = 0;
SET LOCAL min_parallel_table_scan_size = 0;
SET LOCAL max_parallel_workers_per_gather = 2;
ANALYZE a;
ANALYZE w;
SELECT matches(cx_test.plan_of('SELECT cx.value_agg(dimension, score, lo, hi) FROM a'),
	'Gather.*Partial Aggregate.*Parallel Seq Scan', 'cx.value_agg runs in a parallel plan');
SELECT matches(cx_test.plan_of('SELECT cx.value_agg(dims, scores, 1, 5) FROM w'),
	'Gather.*Partial Aggregate', 'the wide cx.value_agg runs in a parallel plan');
SELECT matches(cx_test.plan_of('SELECT cx.merge(cx.customer_value(dims, scores, 1, 5)) FROM w'),
	'Gather.*Partial Aggregate', 'cx.merge runs in a parallel plan');
SELECT ok(pg_temp.same_value((SELECT cx.value_agg(dimension, score, lo, hi) FROM a), (SELECT v FROM one_pass)),
	'the parallel summary equals the serial one');
SELECT ok(pg_temp.same_value((SELECT cx.merge(cx.customer_value(dims, scores, 1, 5)) FROM w),
                             (SELECT cx.value_agg(dimension, score, 1, 5) FROM a WHERE hi = 5 AND dimension IS NOT NULL)),
	'a parallel merge equals the serial summary');
SELECT matches(cx_test.plan_of($$SELECT count(*) FROM w WHERE cx.value_index(cx.customer_value(dims, scores, 1, 5)) > 0$$),
	'Parallel Seq Scan.*Filter: .*value_index', 'value models are read in parallel workers');
SELECT is((SELECT count(*) FROM w WHERE cx.value_index(cx.customer_value(dims, scores, 1, 5)) > 0.1234567),
	(SELECT count(*) FROM (SELECT respondent, avg(x) FILTER (WHERE dimension IN ('functional', 'emotional', 'social', 'epistemic', 'conditional', 'convenience')) AS b,
	                              avg(x) FILTER (WHERE dimension IN ('time', 'effort', 'money', 'risk')) AS s
	                       FROM (SELECT respondent, dimension, avg((score - 1) / 4) AS x FROM a WHERE hi = 5 GROUP BY 1, 2) d
	                       GROUP BY respondent) r
	 WHERE coalesce(b, 0) - coalesce(s, 0) > 0.1234567),
	'the workers'' value index equals plain SQL');
SET LOCAL max_parallel_workers_per_gather = 0;

-- value models against an independent plain-SQL formulation
SELECT lives_ok($$SELECT cx.define_value_model('weighted',
	'{"benefit": {"functional": 3, "social": 1}, "sacrifice": {"time": 2, "money": 0.5}, "perception": "perceived", "expectation": ["expected"]}')$$,
	'define a weighted model with every role');
CREATE TEMP TABLE model_check AS
WITH means AS (SELECT grp, dimension, avg(x) AS mean FROM normalised WHERE dimension IS NOT NULL GROUP BY grp, dimension),
sides AS (
	SELECT m.grp, r.model,
	       sum(r.weight * m.mean) FILTER (WHERE r.role = 'benefit') / sum(r.weight) FILTER (WHERE r.role = 'benefit') AS b,
	       sum(r.weight * m.mean) FILTER (WHERE r.role = 'sacrifice') / sum(r.weight) FILTER (WHERE r.role = 'sacrifice') AS s,
	       sum(r.weight * m.mean) FILTER (WHERE r.role = 'perception') / sum(r.weight) FILTER (WHERE r.role = 'perception') AS p,
	       sum(r.weight * m.mean) FILTER (WHERE r.role = 'expectation') / sum(r.weight) FILTER (WHERE r.role = 'expectation') AS e
	FROM means m JOIN cx.value_model_dimension r USING (dimension)
	WHERE m.mean IS NOT NULL
	GROUP BY m.grp, r.model)
SELECT s.*, v FROM sides s JOIN (SELECT grp, cx.value_agg(dimension, score, lo, hi) AS v FROM a GROUP BY grp) g USING (grp);
SELECT is(count(*), 7 * (SELECT count(DISTINCT model) FROM cx.value_model_dimension WHERE dimension IN (SELECT dimension FROM a)),
	'every model that has a dimension in the data, in seven groups') FROM model_check;
SELECT ok(bool_and(coalesce(pg_temp.near(cx.benefits(v, model), b), b IS NULL AND cx.benefits(v, model) IS NULL)),
	'benefits equal plain SQL for every model') FROM model_check;
SELECT ok(bool_and(coalesce(pg_temp.near(cx.sacrifices(v, model), s), s IS NULL AND cx.sacrifices(v, model) IS NULL)),
	'sacrifices equal plain SQL for every model') FROM model_check;
SELECT ok(bool_and(coalesce(pg_temp.near(cx.value_index(v, model), coalesce(b, 0) - coalesce(s, 0)),
                            b IS NULL AND s IS NULL AND cx.value_index(v, model) IS NULL)),
	'value index equals plain SQL for every model') FROM model_check;
SELECT ok(bool_and(coalesce(pg_temp.close(cx.value_ratio(v, model), b / s), (b IS NULL OR s IS NULL) AND cx.value_ratio(v, model) IS NULL)),
	'value ratio equals plain SQL for every model') FROM model_check;
SELECT ok(bool_and(coalesce(pg_temp.near(cx.disconfirmation(v, model), p - e), (p IS NULL OR e IS NULL) AND cx.disconfirmation(v, model) IS NULL)),
	'disconfirmation equals plain SQL for every model') FROM model_check;
SELECT ok(bool_and(cx.co_destruction(v, model) IS NOT DISTINCT FROM (cx.value_index(v, model) < 0)),
	'co-destruction is a negative index') FROM model_check;
SELECT ok(bool_and(cx.value_index(v, model) BETWEEN -1 AND 1), 'value indexes lie in [-1, 1]')
FROM model_check WHERE cx.value_index(v, model) IS NOT NULL;
SELECT is(cx.value_ratio(cx.customer_value(ARRAY['functional', 'time'], ARRAY[4, 1], 1, 5)), NULL,
	'no ratio when sacrifices are 0');
SELECT is(cx.co_destruction(cx.customer_value(ARRAY['functional', 'time'], ARRAY[3, 3], 1, 5)), false,
	'an index of exactly 0 is not co-destruction');
SELECT is(cx.co_destruction(cx.customer_value(ARRAY['functional', 'time'], ARRAY[3, 3.0001], 1, 5)), true,
	'just below 0 is co-destruction');
SELECT is(cx.value_index(cx.customer_value(ARRAY['functional', 'time'], ARRAY[5, 1], 1, 5)), 1::float8, 'index 1 at best');
SELECT is(cx.value_index(cx.customer_value(ARRAY['functional', 'time'], ARRAY[1, 5], 1, 5)), -1::float8, 'index -1 at worst');
SELECT is(cx.benefits(cx.customer_value(ARRAY['functional', 'time'], ARRAY[NULL, 5], 1, 5)), NULL,
	'no benefits where no benefit dimension has a score');
SELECT is(cx.value_index(cx.customer_value(ARRAY['functional', 'time'], ARRAY[NULL, 5], 1, 5)), -1::float8,
	'a missing side counts as 0 in the index');
SELECT is(cx.disconfirmation(cx.customer_value(ARRAY['perceived'], ARRAY[5], 1, 5)), NULL,
	'no disconfirmation without expectations');
SELECT is(cx.value_index(v, 'x'), NULL, 'STRICT: a NULL summary gives NULL') FROM (VALUES (NULL::cx.customer_value)) t(v);

-- a model is read once per query and call site, not per row
CREATE FUNCTION pg_temp.model_reads() RETURNS bigint LANGUAGE sql AS $$
	SELECT coalesce(sum(seq_scan + idx_scan), 0) FROM pg_stat_xact_user_tables WHERE relid = 'cx.value_model'::regclass $$;
CREATE TEMP TABLE reads (at text, n bigint);
INSERT INTO reads SELECT 'before', pg_temp.model_reads();
SELECT ok(count(vi) > 0, '20,000 value indexes in one query')
FROM (SELECT cx.value_index(cx.customer_value(ARRAY[dimension], ARRAY[score], lo, hi)) AS vi FROM a) t;
INSERT INTO reads SELECT 'after', pg_temp.model_reads();
SELECT is((SELECT n FROM reads WHERE at = 'after') - (SELECT n FROM reads WHERE at = 'before'), 1::bigint,
	'read the model once for 20,000 rows');
DELETE FROM reads;
INSERT INTO reads SELECT 'before', pg_temp.model_reads();
SELECT ok(count(vi) > 0, 'models named per row')
FROM (SELECT cx.value_index(cx.customer_value(ARRAY[dimension], ARRAY[score], lo, hi),
                            CASE WHEN grp < 3 THEN 'get-give' ELSE 'weighted' END) AS vi FROM a) t;
INSERT INTO reads SELECT 'after', pg_temp.model_reads();
SELECT is((SELECT n FROM reads WHERE at = 'after') - (SELECT n FROM reads WHERE at = 'before'), 2::bigint,
	'read each of two models once');

-- a model changed between statements is seen by the next one
CREATE TEMP TABLE r AS SELECT cx.customer_value(ARRAY['a', 'b'], ARRAY[5, 2], 1, 5) AS v;
SELECT lives_ok($$SELECT cx.define_value_model('changing', '{"benefit": ["a"]}')$$, 'define a model');
SELECT is(cx.value_index(v, 'changing'), 1::float8, 'the first definition') FROM r;
SELECT lives_ok($$SELECT cx.define_value_model('changing', '{"benefit": ["b"]}')$$, 'redefine it');
SELECT is(cx.value_index(v, 'changing'), 0.25::float8, 'the redefinition, in the next statement') FROM r;
CREATE FUNCTION pg_temp.redefine_in_loop() RETURNS float8[] LANGUAGE plpgsql AS $$
DECLARE
	v cx.customer_value := cx.customer_value(ARRAY['a', 'b'], ARRAY[5, 2], 1, 5);
	result float8[] := '{}';
BEGIN
	FOR i IN 1 .. 4 LOOP
		PERFORM cx.define_value_model('changing',
			jsonb_build_object('benefit', jsonb_build_array(CASE WHEN i % 2 = 1 THEN 'a' ELSE 'b' END)));
		result := result || cx.value_index(v, 'changing');
	END LOOP;
	RETURN result;
END $$;
SELECT is(pg_temp.redefine_in_loop(), ARRAY[1, 0.25, 1, 0.25]::float8[],
	'one call site re-reads a model redefined between plpgsql statements');
SELECT lives_ok($$SELECT cx.drop_value_model('changing')$$, 'drop it');
SELECT throws_ok($$SELECT cx.value_index(v, 'changing') FROM r$$, '22023',
	'value model "changing" does not exist', 'a dropped model is gone');

-- privileges: anyone may evaluate models; defining one needs a grant
CREATE ROLE regress_cx_value_analyst;
GRANT USAGE ON SCHEMA cx TO regress_cx_value_analyst;	-- what a DBA grants to use cxvalue at all
CREATE FUNCTION pg_temp.as_analyst(query text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	result text;
BEGIN
	EXECUTE 'SET LOCAL ROLE regress_cx_value_analyst';
	BEGIN
		EXECUTE query INTO result;
	EXCEPTION WHEN OTHERS THEN
		result := 'ERROR ' || SQLSTATE;
	END;
	EXECUTE 'RESET ROLE';
	RETURN result;
END $$;
SELECT is(pg_temp.as_analyst($$SELECT cx.value_index(cx.customer_value(ARRAY['functional', 'time'], ARRAY[5, 2], 1, 5))$$),
	'0.75', 'a role without privileges evaluates models');
SELECT is(pg_temp.as_analyst($$SELECT cx.define_value_model('mine', '{"benefit": ["a"]}')$$),
	'ERROR 42501', 'defining a model needs EXECUTE on cx.define_value_model');

-- window use: running summaries equal re-aggregation
CREATE TEMP TABLE ordered AS
SELECT row_number() OVER (ORDER BY grp, respondent, dimension, score, lo, hi) AS r, dimension, score, lo, hi FROM a;
SELECT is((WITH moving AS MATERIALIZED (
	           SELECT * FROM (SELECT r, cx.value_agg(dimension, score, lo, hi)
	                                 OVER (ORDER BY r ROWS BETWEEN 9 PRECEDING AND CURRENT ROW) AS v
	                          FROM ordered) t
	           WHERE r % 1000 = 0)
	       SELECT count(*) FROM moving m
	       WHERE pg_temp.same_value(m.v, (SELECT cx.value_agg(dimension, score, lo, hi)
	                                      FROM ordered o WHERE o.r BETWEEN m.r - 9 AND m.r))),
	20::bigint, 'a sliding window equals re-aggregation');

-- text, binary and jsonb
SELECT is((SELECT v::text::cx.customer_value::text FROM one_pass), (SELECT v::text FROM one_pass), 'text round trip');
SELECT is((SELECT count(*) FROM (SELECT respondent, cx.value_agg(dimension, score, lo, hi) AS v FROM a GROUP BY respondent) t
	WHERE v::text::cx.customer_value::text = v::text), 2001::bigint, 'text round trips of 2,001 summaries');
SELECT is(v::jsonb -> 'n', to_jsonb(cx.n(v)), 'jsonb carries n') FROM one_pass;
SELECT is((v::jsonb #>> '{dimensions,risk,mean}')::float8, cx.mean(v, 'risk'), 'jsonb carries means') FROM one_pass;
SELECT is((v::jsonb #>> '{dimensions,risk,variance}')::float8, cx.variance(v, 'risk'), 'jsonb carries variances') FROM one_pass;
SELECT is(cx.to_jsonb('(skipped=0,"x"=(n=0,missing=2,sum=0,m2=0))'::cx.customer_value) -> 'dimensions' -> 'x',
	'{"n": 0, "missing": 2, "mean": null, "variance": null}'::jsonb, 'jsonb NULLs where a figure does not exist');
SELECT is(pg_column_size(cx.customer_value(ARRAY['functional', 'time'], ARRAY[5, 2], 1, 5)), 24 + 2 * 40 + 14,
	'24 bytes of header, 40 per dimension, each name once');
SELECT lives_ok($$CREATE TEMP TABLE big AS SELECT cx.value_agg('dimension ' || i, i % 5 + 1, 1, 5) AS v FROM generate_series(1, 1024) AS i$$,
	'1,024 dimensions fit');
SELECT is((SELECT cardinality(cx.dimensions(v)) FROM big), 1024, 'and all are kept (the value is toasted)');
SELECT throws_ok($$SELECT cx.value_agg('dimension ' || i, 3, 1, 5) FROM generate_series(1, 1025) AS i$$,
	'54000', NULL, 'more than 1,024 dimensions: 54000');

-- bad arguments
SELECT throws_ok($$SELECT cx.value_agg(d, s, 1, 5) FROM (VALUES ('x', 5.5::float8)) t(d, s)$$, '22003',
	'score 5.5 is outside the scale [1, 5]', 'score above the scale: 22003');
SELECT throws_ok($$SELECT cx.value_agg(d, s, 1, 5) FROM (VALUES ('x', 0.999::float8)) t(d, s)$$, '22003',
	'score 0.999 is outside the scale [1, 5]', 'score below the scale: 22003');
SELECT throws_ok($$SELECT cx.value_agg(d, s, 1, 5) FROM (VALUES ('x', 'NaN'::float8)) t(d, s)$$, '22003',
	'score NaN is outside the scale [1, 5]', 'NaN score: 22003');
SELECT throws_ok($$SELECT cx.value_agg(d, s, 1, 5) FROM (VALUES ('x', '-Infinity'::float8)) t(d, s)$$, '22003',
	NULL, 'infinite score: 22003');
SELECT throws_ok($$SELECT cx.value_agg(d, s, 5, 5) FROM (VALUES ('x', 5::float8)) t(d, s)$$, '22023',
	'invalid scale [5, 5]', 'lo = hi: 22023');
SELECT throws_ok($$SELECT cx.value_agg(d, s, 5, 1) FROM (VALUES ('x', 3::float8)) t(d, s)$$, '22023',
	'invalid scale [5, 1]', 'lo > hi: 22023');
SELECT throws_ok($$SELECT cx.value_agg(d, s, 'NaN', 5) FROM (VALUES ('x', 3::float8)) t(d, s)$$, '22023',
	NULL, 'NaN bound: 22023');
SELECT throws_ok($$SELECT cx.value_agg(d, s, 1, 'Infinity') FROM (VALUES ('x', 3::float8)) t(d, s)$$, '22023',
	NULL, 'infinite bound: 22023');
SELECT throws_ok($$SELECT cx.value_agg(d, s, -1e308, 1e308) FROM (VALUES ('x', 3::float8)) t(d, s)$$, '22023',
	NULL, 'a scale wider than float8: 22023');
SELECT throws_ok($$SELECT cx.value_agg(d, s, NULL, 5) FROM (VALUES ('x', 3::float8)) t(d, s)$$, '22023',
	'the scale of a score needs both lo and hi, got NULL', 'NULL bound with a score: 22023');
SELECT throws_ok($$SELECT cx.value_agg(d, s, 1, 5) FROM (VALUES ('', 3::float8)) t(d, s)$$, '22023',
	'a value dimension name must not be empty', 'empty dimension name: 22023');
SELECT throws_ok($$SELECT cx.value_agg(repeat('x', 256), 3, 1, 5)$$, '22023',
	'a value dimension name must be at most 255 bytes long', 'dimension name over 255 bytes: 22023');
SELECT throws_ok($$SELECT cx.customer_value(ARRAY['a', 'b'], ARRAY[1, 2, 3], 1, 5)$$, '22023',
	'dimensions and scores must have the same length, got 2 and 3', 'unequal arrays: 22023');
SELECT throws_ok($$SELECT cx.value_agg(ARRAY['a'], ARRAY[1, 2], 1, 5)$$, '22023', NULL,
	'unequal arrays in the wide aggregate: 22023');
SELECT throws_ok($$SELECT cx.customer_value(ARRAY[['a', 'b'], ['c', 'd']], ARRAY[1, 2, 3, 4], 1, 5)$$, '22023',
	'dimensions must be a one-dimensional array', 'two-dimensional arrays: 22023');
SELECT throws_ok($$SELECT cx.customer_value(ARRAY['a'], ARRAY[9], 1, 5)$$, '22003', NULL,
	'the row constructor checks the scale');
SELECT throws_ok($$SELECT cx.value_index('(skipped=0)', 'nope')$$, '22023',
	'value model "nope" does not exist', 'unknown model: 22023 naming it');
SELECT throws_ok($$SELECT cx.disconfirmation('(skipped=0)', 'Get-Give')$$, '22023',
	'value model "Get-Give" does not exist', 'model names are case-sensitive');

-- defining models
SELECT throws_ok($$SELECT cx.define_value_model('m', '{"benefit": ["a"], "cost": ["b"]}')$$, '22023',
	'unknown role "cost" in value model "m"', 'unknown role: 22023');
SELECT throws_ok($$SELECT cx.define_value_model('m', ARRAY['a'], ARRAY[NULL], NULL)$$, '22023',
	'unknown role "NULL" in value model "m"', 'NULL role: 22023');
SELECT throws_ok($$SELECT cx.define_value_model('m', '{"benefit": {"a": 0}}')$$, '22023',
	'weight of dimension "a" in value model "m" must be a number from 0.000001 to 1000000, got 0', 'zero weight: 22023');
SELECT throws_ok($$SELECT cx.define_value_model('m', '{"benefit": {"a": -2}}')$$, '22023',
	NULL, 'negative weight: 22023');
SELECT throws_ok($$SELECT cx.define_value_model('m', ARRAY['a'], ARRAY['benefit'], ARRAY['NaN'::float8])$$, '22023',
	NULL, 'NaN weight: 22023');
SELECT throws_ok($$SELECT cx.define_value_model('m', ARRAY['a'], ARRAY['benefit'], ARRAY['Infinity'::float8])$$, '22023',
	NULL, 'infinite weight: 22023');
SELECT throws_ok($$SELECT cx.define_value_model('m', '{"benefit": {"a": "heavy"}}')$$, '22023',
	NULL, 'a weight that is not a number: 22023');
SELECT throws_ok($$SELECT cx.define_value_model('m', '{}')$$, '22023',
	'value model "m" has no dimensions', 'empty model: 22023');
SELECT throws_ok($$SELECT cx.define_value_model('m', '{"benefit": []}')$$, '22023',
	'value model "m" has no dimensions', 'model with an empty role: 22023');
SELECT throws_ok($$SELECT cx.define_value_model('m', '["benefit"]')$$, '22023', NULL, 'roles not an object: 22023');
SELECT throws_ok($$SELECT cx.define_value_model('m', '{"benefit": [1]}')$$, '22023', NULL, 'a dimension that is not a string: 22023');
SELECT throws_ok($$SELECT cx.define_value_model('m', '{"benefit": 1}')$$, '22023', NULL, 'a role that lists nothing: 22023');
SELECT throws_ok($$SELECT cx.define_value_model('', '{"benefit": ["a"]}')$$, '22023', NULL, 'empty model name: 22023');
SELECT throws_ok($$SELECT cx.define_value_model('m', '{"benefit": [""]}')$$, '22023', NULL, 'empty dimension name: 22023');
SELECT throws_ok($$SELECT cx.define_value_model('m', ARRAY['a', 'a'], ARRAY['benefit', 'benefits'], NULL)$$, '22023',
	'dimension "a" is listed as a benefit of value model "m" more than once', 'a dimension twice in a role: 22023');
SELECT throws_ok($$SELECT cx.define_value_model('m', '{"benefit": ["a"], "sacrifice": ["a"]}')$$, '22023',
	NULL, 'a benefit that is also a sacrifice: 22023');
SELECT throws_ok($$SELECT cx.define_value_model('m', ARRAY['a', 'b'], ARRAY['benefit'], NULL)$$, '22023',
	NULL, 'fewer roles than dimensions: 22023');
SELECT throws_ok($$SELECT cx.define_value_model('osborne', '{"benefit": ["a"]}')$$, '22023',
	'value model "osborne" is built in and cannot be redefined', 'redefining a built-in model: 22023');
SELECT throws_ok($$SELECT cx.drop_value_model('disconfirmation')$$, '22023', NULL, 'dropping a built-in model: 22023');
SELECT throws_ok($$SELECT cx.drop_value_model('never defined')$$, '22023',
	'value model "never defined" does not exist', 'dropping an unknown model: 22023');
SELECT is((SELECT count(*) FROM cx.value_model WHERE name = 'm'), 0::bigint, 'failed definitions leave nothing behind');
SELECT lives_ok($$SELECT cx.define_value_model('both', '{"benefit": ["overall"], "perception": ["overall"], "expectation": ["expected"]}')$$,
	'a dimension may be a benefit and a perception');

-- malformed text
SELECT throws_ok($$SELECT 'garbage'::cx.customer_value$$, '22P02', NULL, 'garbage: 22P02');
SELECT throws_ok($$SELECT '(skipped=0) extra'::cx.customer_value$$, '22P02', NULL, 'trailing text: 22P02');
SELECT throws_ok($$SELECT '(skipped=-1)'::cx.customer_value$$, '22P02', NULL, 'negative skipped: 22P02');
SELECT throws_ok($$SELECT '(skipped=0,"b"=(n=1,missing=0,sum=1,m2=0),"a"=(n=1,missing=0,sum=1,m2=0))'::cx.customer_value$$,
	'22P02', NULL, 'names out of order: 22P02');
SELECT throws_ok($$SELECT '(skipped=0,"a"=(n=1,missing=0,sum=1,m2=0),"a"=(n=1,missing=0,sum=1,m2=0))'::cx.customer_value$$,
	'22P02', NULL, 'a name twice: 22P02');
SELECT throws_ok($$SELECT '(skipped=0,""=(n=1,missing=0,sum=1,m2=0))'::cx.customer_value$$, '22P02', NULL, 'empty name: 22P02');
SELECT throws_ok($$SELECT '(skipped=0,"a"=(n=0,missing=0,sum=0,m2=0))'::cx.customer_value$$, '22P02', NULL, 'a dimension without answers: 22P02');
SELECT throws_ok($$SELECT '(skipped=0,"a"=(n=2,missing=0,sum=2.5,m2=0))'::cx.customer_value$$, '22P02', NULL, 'a sum above n: 22P02');
SELECT throws_ok($$SELECT '(skipped=0,"a"=(n=0,missing=1,sum=0.5,m2=0))'::cx.customer_value$$, '22P02', NULL, 'a sum without scores: 22P02');
SELECT throws_ok($$SELECT '(skipped=0,"a"=(n=2,missing=0,sum=1,m2=-0.1))'::cx.customer_value$$, '22P02', NULL, 'a negative m2: 22P02');
SELECT throws_ok($$SELECT '(skipped=0,"a"=(n=2,missing=0,sum=1,m2=NaN))'::cx.customer_value$$, '22P02', NULL, 'a NaN m2: 22P02');
SELECT throws_ok($$SELECT '(skipped=0,"a"=(n=1,missing=0,sum=1,m2=0.5))'::cx.customer_value$$, '22P02', NULL, 'm2 of a single score: 22P02');
SELECT throws_ok($$SELECT '(skipped=0,"a"=(n=9223372036854775807,missing=0,sum=1,m2=0),"b"=(n=1,missing=0,sum=1,m2=0))'::cx.customer_value$$,
	'22P02', NULL, 'counts whose total overflows: 22P02');
SELECT throws_ok(format($$SELECT '(skipped=0,"%s"=(n=1,missing=0,sum=1,m2=0))'::cx.customer_value$$, repeat('x', 256)),
	'22P02', NULL, 'a name over 255 bytes: 22P02');
SELECT throws_ok(format($$SELECT '(skipped=0%s)'::cx.customer_value$$,
	(SELECT string_agg(format(',"%s"=(n=1,missing=0,sum=1,m2=0)', lpad(i::text, 5, '0')), '' ORDER BY i) FROM generate_series(1, 1025) i)),
	'22P02', NULL, 'more than 1,024 dimensions: 22P02');

SELECT * FROM finish();
ROLLBACK;
