-- Behaviour and errors of cx.drivers: counting, merging, plain-SQL checks of
-- the moments, I/O, comparison and every error the contract names.  The
-- statistics themselves are checked against statsmodels by
-- test/scripts/drivers_statsmodels.sh.
BEGIN;
SELECT plan(75);

-- 30,000 rows in 7 groups: an outcome and three drivers with NULLs sprinkled
-- in; b lies 1e9 away from 0 with a standard deviation of 5 (the summary
-- keeps its means from a shift, so merges keep 1e-12 all the same).
CREATE TABLE r (grp int, y float8, a float8, b float8, c float8);
INSERT INTO r
SELECT i % 7,
       CASE WHEN i % 401 = 0 THEN NULL ELSE 10 + (i * 7919 % 1000) / 100.0 + (i % 13) / 3.0 END,
       (i * 104729 % 997) / 99.7,
       CASE WHEN i % 307 = 0 THEN NULL ELSE 1e9 + (i * 31 % 113) / 7.0 END,
       ((i * 17) % 5) - 2.0 + (i % 3) / 10.0
FROM generate_series(1::bigint, 30000) AS i;
CREATE VIEW complete AS SELECT * FROM r WHERE y IS NOT NULL AND a IS NOT NULL AND b IS NOT NULL AND c IS NOT NULL;

CREATE TEMP TABLE one_pass AS
SELECT cx.drivers_agg(y, ARRAY[a, b, c], ARRAY['a', 'b', 'c']) AS d FROM r;

-- x equals y to 1e-12 relative to the larger of them and of scale
CREATE FUNCTION pg_temp.close(x float8, y float8, scale float8 DEFAULT 0) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$ SELECT abs(x - y) <= 1e-12 * greatest(abs(x), abs(y), scale) $$;

-- the same counts and names; means and co-moments equal to 1e-12 relative
-- (co-moments relative to the largest sum of squares, so that a covariance
-- near 0 is compared on the scale of the matrix)
CREATE FUNCTION pg_temp.same_drivers(x cx.drivers, y cx.drivers) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
	WITH j AS (SELECT x::jsonb AS x, y::jsonb AS y),
	     scale AS (SELECT max(abs(v::float8)) AS s FROM j, jsonb_array_elements_text(x -> 'comoments') AS v)
	SELECT x -> 'n' = y -> 'n' AND x -> 'skipped' = y -> 'skipped' AND x -> 'drivers' = y -> 'drivers'
	       AND jsonb_array_length(x -> 'comoments') = jsonb_array_length(y -> 'comoments')
	       AND (SELECT bool_and(pg_temp.close(m.v::float8, (y -> 'means' ->> (m.i - 1)::int)::float8))
	            FROM jsonb_array_elements_text(x -> 'means') WITH ORDINALITY AS m(v, i))
	       AND (SELECT bool_and(pg_temp.close(c.v::float8, (y -> 'comoments' ->> (c.i - 1)::int)::float8, scale.s))
	            FROM jsonb_array_elements_text(x -> 'comoments') WITH ORDINALITY AS c(v, i))
	FROM j, scale
$$;

-- counting: nothing vanishes
SELECT is(cx.n(d), (SELECT count(*) FROM complete), 'n counts the rows without a NULL') FROM one_pass;
SELECT is(cx.n(d) + cx.skipped(d), 30000::bigint, 'every row is used or skipped') FROM one_pass;
SELECT is(cx.names(d), ARRAY['a', 'b', 'c'], 'names are kept in the order given') FROM one_pass;
SELECT is(cx.skipped(cx.drivers_agg(y, x, ARRAY['p', 'q'])), 3::bigint,
	'a NULL outcome, a NULL drivers array and a NULL driver each skip a row')
FROM (VALUES (1::float8, ARRAY[1, 2]::float8[]), (NULL, ARRAY[1, 2]), (2, NULL), (3, ARRAY[NULL, 2]), (4, ARRAY[3, 5])) t(y, x);

-- the moments against plain SQL (which sums raw values: b is compared
-- without its offset, which covariances do not depend on)
SELECT ok(pg_temp.close((d::jsonb -> 'means' ->> 0)::float8, (SELECT avg(y) FROM complete))
          AND pg_temp.close((d::jsonb -> 'means' ->> 2)::float8, (SELECT avg(b) FROM complete)),
	'means equal plain-SQL avg over the complete rows') FROM one_pass;
SELECT ok(pg_temp.close((d::jsonb -> 'comoments' ->> 0)::float8, (SELECT regr_syy(y, a) FROM complete))
          AND pg_temp.close((d::jsonb -> 'comoments' ->> 1)::float8, (SELECT regr_sxy(y, a) FROM complete))
          AND pg_temp.close((d::jsonb -> 'comoments' ->> 8)::float8, (SELECT regr_sxy(b - 1e9, c) FROM complete),
                             (SELECT regr_sxx(c, b - 1e9) FROM complete))
          AND pg_temp.close((d::jsonb -> 'comoments' ->> 9)::float8, (SELECT regr_sxx(y, c) FROM complete)),
	'co-moments equal plain-SQL regr_syy, regr_sxy and regr_sxx') FROM one_pass;
SELECT ok(bool_and(abs(c.r - p.r) <= 1e-12), 'correlations equal plain-SQL corr')
FROM one_pass, cx.correlations(d) c
JOIN (SELECT 'a' AS driver, corr(y, a) AS r FROM complete UNION ALL
      SELECT 'b', corr(y, b - 1e9) FROM complete UNION ALL SELECT 'c', corr(y, c) FROM complete) p USING (driver);
SELECT is((SELECT array_agg(n) FROM cx.correlations(d)), ARRAY[cx.n(d), cx.n(d), cx.n(d)],
	'each correlation is over the n complete rows') FROM one_pass;
SELECT ok(abs(cx.r2(cx.drivers_agg(y, ARRAY[a], ARRAY['a'])) - (SELECT regr_r2(y, a) FROM complete)) <= 1e-12,
	'R squared of one driver equals plain-SQL regr_r2') FROM complete;
SELECT ok(abs(c.coefficient - (SELECT regr_slope(y, a) FROM complete)) <= 1e-12
          AND abs(i.coefficient - (SELECT regr_intercept(y, a) FROM complete)) <= 1e-9,
	'slope and intercept of one driver equal regr_slope and regr_intercept')
FROM (SELECT cx.drivers_agg(y, ARRAY[a], ARRAY['a']) AS d FROM complete) s,
     cx.coefficients(d) c, cx.coefficients(d) i
WHERE c.driver = 'a' AND i.driver = '(intercept)';
SELECT is((SELECT round(sum(contribution)::numeric, 12) FROM cx.importance(d)), round(cx.r2(d)::numeric, 12),
	'importance adds up to R squared') FROM one_pass;
SELECT is((SELECT round(sum(share)::numeric, 12) FROM cx.importance(d)), 1.000000000000,
	'shares add up to 1') FROM one_pass;

-- merging partials: any split and order gives one pass
SELECT ok(pg_temp.same_drivers((SELECT cx.merge(p) FROM (SELECT cx.drivers_agg(y, ARRAY[a, b, c], ARRAY['a', 'b', 'c']) AS p FROM r GROUP BY grp) t),
                               (SELECT d FROM one_pass)), 'merge of 7 groups equals one pass');
SELECT ok(pg_temp.same_drivers((SELECT cx.merge(p ORDER BY g DESC) FROM (SELECT grp * 1000 + (a * 10)::int % 100 AS g, cx.drivers_agg(y, ARRAY[a, b, c], ARRAY['a', 'b', 'c']) AS p FROM r GROUP BY 1) t),
                               (SELECT d FROM one_pass)), 'merge of 700 groups, in reverse, equals one pass');
SELECT ok(pg_temp.same_drivers((SELECT cx.merge(p) FROM (SELECT cx.drivers_agg(y, ARRAY[a, b, c], ARRAY['a', 'b', 'c']) AS p FROM r GROUP BY (y * 1000)::bigint % 5000) t),
                               (SELECT d FROM one_pass)), 'merge of 5,000 small groups equals one pass');
SELECT is(cx.n(cx.merge(p)), (SELECT count(*) FROM complete), 'merged counts add exactly')
FROM (SELECT cx.drivers_agg(y, ARRAY[a, b, c], ARRAY['a', 'b', 'c']) AS p FROM r GROUP BY grp) t;
SELECT is(cx.merge(p)::text, (SELECT d::text FROM one_pass), 'merge of one summary is that summary')
FROM one_pass AS o(p);
SELECT is(cx.merge(p) OPERATOR(cx.=) (SELECT d FROM one_pass), true, 'merge skips NULL summaries and empty ones')
FROM (SELECT d FROM one_pass UNION ALL SELECT NULL UNION ALL SELECT cx.drivers_agg(y, ARRAY[a], ARRAY['a']) FROM r WHERE false) AS o(p);

-- empty and small inputs
SELECT is(cx.drivers_agg(y, ARRAY[a], ARRAY['a'])::text, '(n=0,skipped=0,names={},shifts={0},means={0},comoments={0})',
	'no rows: the empty summary') FROM r WHERE false;
SELECT is(cx.r2(cx.drivers_agg(y, ARRAY[a], ARRAY['a'])), NULL, 'no rows: R squared is NULL') FROM r WHERE false;
SELECT is((SELECT count(*) FROM cx.correlations('(n=0,skipped=0,names={},shifts={0},means={0},comoments={0})')), 0::bigint,
	'no drivers: no correlations');
SELECT is((SELECT r FROM cx.correlations(cx.drivers_agg(y, ARRAY[a], ARRAY['a']))), NULL,
	'one row: the correlation is NULL') FROM (VALUES (1::float8, 2::float8)) t(y, a);
SELECT throws_ok($$SELECT * FROM cx.coefficients((SELECT cx.drivers_agg(y, ARRAY[a, b], ARRAY['a', 'b']) FROM (VALUES (1::float8, 2::float8, 0::float8), (2, 3, 1), (4, 1, 1)) t(y, a, b)))$$,
	'22023', 'least squares on 2 drivers needs at least 4 rows, got 3', 'coefficients need k + 2 rows');
SELECT is(cx.n(cx.drivers_agg(y, x, n)), 5::bigint, 'exactly 32 drivers are accepted')
FROM (SELECT i::float8 AS y, array_agg((i * j * 7 % 11)::float8 ORDER BY j) AS x, array_agg('d' || j ORDER BY j) AS n
      FROM generate_series(1, 5) i, generate_series(1, 32) j GROUP BY i) t;
SELECT is((SELECT round(sum(contribution)::numeric, 12) FROM cx.importance(d)), round(cx.r2(d)::numeric, 12),
	'importance of 16 drivers (sampled orderings) adds up to R squared')
FROM (SELECT cx.drivers_agg(y, x, n) AS d
      FROM (SELECT i::float8 + (i * 13 % 7) AS y, array_agg(((i * j * 7919) % 101)::float8 ORDER BY j) AS x,
                   array_agg('d' || j ORDER BY j) AS n
            FROM generate_series(1, 300) i, generate_series(1, 16) j GROUP BY i) t) s;

-- the drivers least squares cannot separate
SELECT is(cx.collinear(cx.drivers_agg(y, ARRAY[a, b, a + b, 3, c], ARRAY['a', 'b', 'a_plus_b', 'three', 'c'])),
	ARRAY['a_plus_b', 'three'], 'collinear: a combination of earlier drivers and a constant, in order')
FROM (SELECT i::float8 AS y, (i * 7 % 11)::float8 AS a, (i * 13 % 17)::float8 AS b, (i % 5)::float8 AS c
      FROM generate_series(1, 100) i) t;
SELECT is(cx.collinear(d), '{}'::text[], 'collinear: none among separable drivers') FROM one_pass;
SELECT is(cx.collinear(cx.drivers_agg(1, ARRAY[2, 3], ARRAY['a', 'b'])), ARRAY['a', 'b'],
	'collinear: with one row every driver is constant');

-- bad rows
SELECT throws_ok($$SELECT cx.drivers_agg(1, ARRAY[1], NULL)$$, '22004', 'the driver names must not be NULL',
	'NULL names are an error');
SELECT throws_ok($$SELECT cx.drivers_agg(1, ARRAY[1, 2], ARRAY['a', NULL])$$, '22004', 'driver names must not be NULL',
	'a NULL name is an error');
SELECT throws_ok($$SELECT cx.drivers_agg(y, ARRAY[1], ARRAY[n]) FROM (VALUES (1, 'a'), (2, 'b')) t(y, n)$$,
	'22023', 'the driver names must be the same on every row', 'names that change between rows are an error');
SELECT throws_ok($$SELECT cx.drivers_agg(y, ARRAY[1], ARRAY[n]) FROM (VALUES (1, 'a'), (2, 'a'), (3, 'a'), (4, 'b')) t(y, n)$$,
	'22023', 'the driver names must be the same on every row', 'names that change after a run of equal ones are an error');
SELECT is(array_agg(g || ':' || array_to_string(cx.names(d), ',') ORDER BY g), ARRAY['1:a', '2:b', '3:a,b'],
	'each group has its own names')
FROM (SELECT g, cx.drivers_agg(y, x, n) AS d
      FROM (VALUES (1, 1::float8, ARRAY[1::float8], ARRAY['a']), (2, 1, ARRAY[1], ARRAY['b']), (1, 2, ARRAY[2], ARRAY['a']),
                   (3, 1, ARRAY[1, 2], ARRAY['a', 'b']), (2, 2, ARRAY[2], ARRAY['b']), (3, 2, ARRAY[2, 1], ARRAY['a', 'b'])) t(g, y, x, n)
      GROUP BY g) s;
SELECT throws_ok($$SELECT cx.drivers_agg(y, ARRAY[1, 2], n) FROM (VALUES (1, ARRAY['a', 'b']), (2, ARRAY['b', 'a'])) t(y, n)$$,
	'22023', 'the driver names must be the same on every row', 'names in another order are an error');
SELECT throws_ok($$SELECT cx.drivers_agg(y, x, ARRAY['a']) FROM (VALUES (1, ARRAY[1]), (NULL, ARRAY[1, 2])) t(y, x)$$,
	'22023', 'drivers and names must have the same length, got 2 and 1', 'a skipped row is checked too');
SELECT throws_ok($$SELECT cx.drivers_agg(1, ARRAY[1, 2], ARRAY['a'])$$, '22023',
	'drivers and names must have the same length, got 2 and 1', 'drivers and names of unequal length');
SELECT throws_ok($$SELECT cx.drivers_agg(1, ARRAY[[1, 2], [3, 4]], ARRAY['a', 'b', 'c', 'd'])$$, '22023',
	'drivers must be a one-dimensional array, got 2 dimensions', 'a 2-D drivers array is an error');
SELECT throws_ok($$SELECT cx.drivers_agg(1, ARRAY[1, 2], ARRAY[['a', 'b']])$$, '22023',
	'names must be a one-dimensional array, got 2 dimensions', 'a 2-D names array is an error');
SELECT throws_ok($$SELECT cx.drivers_agg(1, '{}', '{}')$$, '22023',
	'a driver analysis needs at least one driver', 'no drivers is an error');
SELECT throws_ok($$SELECT cx.drivers_agg(1, array_fill(1::float8, ARRAY[33]), (SELECT array_agg('d' || i) FROM generate_series(1, 33) i))$$,
	'22023', 'a driver analysis takes at most 32 drivers, got 33', '33 drivers are too many');
SELECT throws_ok($$SELECT cx.drivers_agg(1, ARRAY[1, 2], ARRAY['a', 'a'])$$, '22023',
	'driver "a" is named twice', 'a name twice is an error');
SELECT throws_ok($$SELECT cx.drivers_agg(1, ARRAY[1], ARRAY[''])$$, '22023',
	'a driver name must be 1 to 255 bytes long', 'an empty name is an error');
SELECT throws_ok($$SELECT cx.drivers_agg('NaN', ARRAY[1], ARRAY['a'])$$, '22003',
	'driver analysis values out of range', 'a NaN outcome is an error');
SELECT throws_ok($$SELECT cx.drivers_agg(1, ARRAY['Infinity'::float8], ARRAY['a'])$$, '22003',
	'driver analysis values out of range', 'an infinite driver is an error');
SELECT throws_ok($$SELECT cx.drivers_agg(y, ARRAY[1e200 * y], ARRAY['a']) FROM (VALUES (1::float8), (-1)) t(y)$$, '22003',
	'driver analysis values out of range', 'squared deviations that overflow are an error');
SELECT throws_ok($$SELECT cx.merge(d) FROM (SELECT cx.drivers_agg(1, ARRAY[1], ARRAY[n]) FROM (VALUES ('a'), ('b')) t(n) GROUP BY n) s(d)$$,
	'22023', 'cannot merge driver analyses of different drivers', 'merging different drivers is an error');

-- a direct call never modifies its argument
SELECT is(d::text, (SELECT d::text FROM one_pass), 'a direct transition call leaves the stored summary alone')
FROM one_pass, LATERAL (SELECT cx.drivers_add(d, 1, ARRAY[1, 2, 3], ARRAY['a', 'b', 'c'])) AS x;
SELECT is(cx.n(cx.drivers_add(d, 1, ARRAY[1, 2, 3], ARRAY['a', 'b', 'c'])), cx.n(d) + 1,
	'a direct transition call returns one more row') FROM one_pass;

-- text, binary and jsonb
SELECT ok(d::text::cx.drivers OPERATOR(cx.=) d, 'text round trip is exact') FROM one_pass;
SELECT is(d::text::cx.drivers::text, d::text, 'text round trip gives the same text') FROM one_pass;
SELECT is(cx.drivers_agg(y, ARRAY[x], ARRAY['say "hi" \'])::text,
	'(n=2,skipped=0,names={"say \"hi\" \\"},shifts={1,0.1},means={0.5,0.2},comoments={0.5,0.2,0.08000000000000002})',
	'text output: shortest exact floats, quotes and backslashes escaped, means from the first row')
FROM (VALUES (1::float8, 0.1::float8), (2, 0.5)) t(y, x);
SELECT is(cx.to_jsonb(cx.drivers_agg(y, ARRAY[x], ARRAY['x'])),
	'{"n": 2, "skipped": 0, "drivers": ["x"], "means": [1.5, 3], "comoments": [0.5, 1, 2]}'::jsonb,
	'jsonb: counts, names, means and co-moments')
FROM (VALUES (1::float8, 2::float8), (2, 4)) t(y, x);
SELECT is(d::jsonb, cx.to_jsonb(d), 'the cast to jsonb is cx.to_jsonb') FROM one_pass;
SELECT ok(typreceive = 'cx.drivers_recv'::regproc AND typsend = 'cx.drivers_send'::regproc,
	'binary I/O is declared (round trips: test/scripts/binary_copy.sh)')
FROM pg_type WHERE oid = 'cx.drivers'::regtype;
SELECT throws_ok($$SELECT '(n=1,skipped=0,names={"a"},shifts={1,2},means={0},comoments={0,0,0})'::cx.drivers$$, '22P02',
	'invalid cx.drivers value', 'text: too few means');
SELECT throws_ok($$SELECT '(n=2,skipped=0,names={"a"},shifts={0,0},means={1,2},comoments={1,0,-1})'::cx.drivers$$, '22P02',
	'invalid cx.drivers value', 'text: a negative sum of squares');
SELECT throws_ok($$SELECT '(n=2,skipped=0,names={"a"},shifts={0,0},means={NaN,2},comoments={1,0,1})'::cx.drivers$$, '22P02',
	'invalid cx.drivers value', 'text: a NaN mean');
SELECT throws_ok($$SELECT '(n=1,skipped=0,names={"a"},shifts={1,2},means={1,2},comoments={1,0,0})'::cx.drivers$$, '22P02',
	'invalid cx.drivers value', 'text: co-moments with one row');
SELECT throws_ok($$SELECT '(n=0,skipped=0,names={"a"},shifts={0,0},means={1,0},comoments={0,0,0})'::cx.drivers$$, '22P02',
	'invalid cx.drivers value', 'text: means without rows');
SELECT throws_ok($$SELECT '(n=0,skipped=3,names={},shifts={0},means={0},comoments={0})'::cx.drivers$$, '22P02',
	'invalid cx.drivers value', 'text: skipped rows without names');
SELECT throws_ok($$SELECT '(n=2,skipped=0,names={"a","a"},shifts={0,0,0},means={1,2,3},comoments={1,0,0,1,0,1})'::cx.drivers$$, '22P02',
	'invalid cx.drivers value', 'text: a name twice');
SELECT throws_ok($$SELECT '(n=2,skipped=-1,names={"a"},shifts={0,0},means={1,2},comoments={1,0,1})'::cx.drivers$$, '22P02',
	'invalid cx.drivers value', 'text: a negative count');
SELECT throws_ok($$SELECT '(n=2,skipped=0,names={"a"},shifts={0,0},means={1,2},comoments={1,0,1}'::cx.drivers$$, '22P02',
	NULL, 'text: a missing parenthesis');
SELECT throws_ok($$SELECT '(n=99999999999999999999,skipped=0,names={},shifts={0},means={0},comoments={0})'::cx.drivers$$, '22003',
	NULL, 'text: a count out of range');

-- comparison, hashing and sorting
SELECT is((SELECT count(DISTINCT d) FROM (SELECT d FROM one_pass UNION ALL SELECT d FROM one_pass
                                           UNION ALL SELECT cx.drivers_agg(y, ARRAY[a], ARRAY['a']) FROM r) t),
	2::bigint, 'DISTINCT sorts summaries: equal bytes are one');
SET LOCAL enable_sort = off;
SELECT is((SELECT count(*) FROM (SELECT d FROM (SELECT d FROM one_pass UNION ALL SELECT d FROM one_pass
                                                 UNION ALL SELECT cx.drivers_agg(y, ARRAY[a], ARRAY['a']) FROM r) t GROUP BY d) g),
	2::bigint, 'GROUP BY hashes summaries');
RESET enable_sort;
SELECT ok(d OPERATOR(cx.<>) cx.drivers_add(d, 1, ARRAY[1, 2, 3], ARRAY['a', 'b', 'c'])
          AND NOT d OPERATOR(cx.<>) d AND d OPERATOR(cx.<=) d AND d OPERATOR(cx.>=) d
          AND NOT d OPERATOR(cx.<) d AND NOT d OPERATOR(cx.>) d,
	'the comparison operators agree') FROM one_pass;
SELECT ok(cx.drivers_cmp(a, b) = -cx.drivers_cmp(b, a) AND (a OPERATOR(cx.<) b) = (cx.drivers_cmp(a, b) < 0),
	'the byte-wise order is antisymmetric')
FROM (SELECT d AS a, cx.drivers_add(d, 1, ARRAY[1, 2, 3], ARRAY['a', 'b', 'c']) AS b FROM one_pass) t;
CREATE TEMP TABLE kept (d cx.drivers);
CREATE INDEX ON kept (d);
CREATE INDEX ON kept USING hash (d);
INSERT INTO kept SELECT d FROM one_pass;
SELECT is((SELECT count(*) FROM kept WHERE d OPERATOR(cx.=) (SELECT d FROM one_pass)), 1::bigint,
	'btree and hash indexes take summaries');

-- the t distribution
SELECT is(cx.t_p_value(0, 5), 1::float8, 't = 0: p = 1');
SELECT ok(abs(cx.t_p_value(1, 1) - 0.5) <= 1e-15, 't = 1 on 1 df (Cauchy): p = 1/2');
SELECT ok(abs(cx.t_p_value(-2, 2) - (1 - 2 / sqrt(6))) <= 1e-15, 't = 2 on 2 df: p = 1 - 2/sqrt(6), by symmetry for -2');
SELECT ok(abs(cx.t_p_value(1.959963984540054, 1e6) - 0.05) <= 1e-6, 'large df: the normal distribution''s 5%');
SELECT throws_ok($$SELECT cx.t_p_value(1, 0)$$, '22023', NULL, 'df must be above 0');

-- security: every function pins its search_path or is C, and is PARALLEL SAFE
SELECT is((SELECT count(*) FROM pg_proc p JOIN pg_depend d ON d.objid = p.oid AND d.deptype = 'e'
           WHERE d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'cxvalue')
             AND p.proname ~ '^(drivers_|correlations|coefficients|collinear|r2|importance|names|t_p_value)'
             AND (p.proparallel <> 's' OR obj_description(p.oid, 'pg_proc') IS NULL)),
	0::bigint, 'every drivers function is PARALLEL SAFE and has a comment');

SELECT * FROM finish();
ROLLBACK;
