-- Behaviour and errors of the rate summary cx.rate.
BEGIN;
SELECT plan(58);

-- Outcomes: completion of cases by channel and month, some unknown.
CREATE TABLE outcome (channel text, month int, ok boolean);
INSERT INTO outcome
SELECT (ARRAY['web', 'phone', 'desk'])[1 + i % 3], 1 + i % 12,
       CASE WHEN i % 17 = 0 THEN NULL ELSE (i * 7919) % 10 < 7 - i % 3 END
FROM generate_series(1, 30000) AS i;
ANALYZE outcome;

-- counts against plain SQL
SELECT is((SELECT count(*) FROM (SELECT channel, cx.rate_agg(ok) AS r,
                                        count(*) FILTER (WHERE ok) AS s, count(ok) AS n,
                                        count(*) FILTER (WHERE ok IS NULL) AS skipped
                                 FROM outcome GROUP BY channel) AS t
           WHERE cx.successes(r) = s AND cx.n(r) = n AND cx.skipped(r) = skipped
             AND cx.share(r) = s::float8 / n),
	3::bigint, 'successes, trials, skipped and share equal count(*) FILTER');
SELECT is(cx.rate_agg(ok)::text, '(successes=0,trials=0,skipped=0)', 'no rows give the empty rate')
FROM outcome WHERE false;
SELECT is(cx.share(cx.rate_agg(ok)), NULL, 'the share of the empty rate is NULL') FROM outcome WHERE false;
SELECT is(cx.rate_agg(x)::text, '(successes=0,trials=0,skipped=2)', 'NULL outcomes are skipped, never lost')
FROM (VALUES (NULL::boolean), (NULL)) AS t(x);
SELECT is(cx.rate(3, 10)::text, '(successes=3,trials=10,skipped=0)', 'cx.rate builds a rate from counts');
SELECT is(cx.rate(0, 0)::text, '(successes=0,trials=0,skipped=0)', 'zero trials is a rate');
SELECT throws_ok('SELECT cx.rate(11, 10)', '22003', NULL, 'successes above trials are out of range');
SELECT throws_ok('SELECT cx.rate(-1, 10)', '22003', NULL, 'negative successes are out of range');
SELECT throws_ok('SELECT cx.rate(0, -1)', '22003', NULL, 'negative trials are out of range');
SELECT is(cx.rate(NULL, 10)::text, NULL, 'cx.rate is strict');

-- merge: any split gives the identical summary
SELECT is((SELECT cx.merge(r)::text FROM (SELECT month, cx.rate_agg(ok) AS r FROM outcome GROUP BY month) AS t),
          (SELECT cx.rate_agg(ok)::text FROM outcome), 'merging monthly rates equals one pass');
SELECT is(cx.merge(r)::text, '(successes=0,trials=0,skipped=0)', 'merging nothing gives the empty rate')
FROM (SELECT NULL::cx.rate WHERE false) AS t(r);
SELECT is(cx.merge(r)::text, '(successes=3,trials=10,skipped=0)', 'NULL rates are ignored by cx.merge')
FROM (VALUES (cx.rate(3, 10)), (NULL)) AS t(r);
SELECT throws_ok($$SELECT cx.merge(r) FROM (VALUES ('(successes=9223372036854775807,trials=9223372036854775807,skipped=0)'::cx.rate), (cx.rate(1, 1))) AS t(r)$$,
	'22003', NULL, 'merging past the counter range is an error');

-- parallel plans give the serial answer
SET LOCAL parallel_setup_cost = 0;
SET LOCAL parallel_tuple_cost = 0;
SET LOCAL min_parallel_table_scan_size = 0;
SET LOCAL max_parallel_workers_per_gather = 2;
SELECT matches(cx_test.plan_of('SELECT month, cx.rate_agg(ok) FROM outcome GROUP BY month'),
	'Partial', 'cx.rate_agg gets a partial (parallel) plan');
CREATE TEMP TABLE parallel_result AS SELECT month, cx.rate_agg(ok)::text AS r FROM outcome GROUP BY month;
SET LOCAL max_parallel_workers_per_gather = 0;
SELECT is((SELECT count(*) FROM parallel_result p
           JOIN (SELECT month, cx.rate_agg(ok)::text AS r FROM outcome GROUP BY month) s USING (month)
           WHERE p.r = s.r), 12::bigint, 'the parallel plan gives the serial summaries');
RESET max_parallel_workers_per_gather;

-- moving aggregate: a rolling window equals recomputation
SELECT is((SELECT count(*) FROM (
	SELECT cx.rate_agg(ok) OVER w AS moving, i
	FROM (SELECT row_number() OVER () AS i, ok FROM outcome LIMIT 500) AS t
	WINDOW w AS (ORDER BY i ROWS BETWEEN 9 PRECEDING AND CURRENT ROW)) AS m
	JOIN LATERAL (SELECT cx.rate_agg(ok) AS fresh
	              FROM (SELECT row_number() OVER () AS i, ok FROM outcome LIMIT 500) AS u
	              WHERE u.i BETWEEN m.i - 9 AND m.i) AS f ON true
	WHERE moving OPERATOR(cx.=) fresh), 500::bigint,
	'rolling rate_agg (inverse transition) equals recomputing each window');
SELECT is((SELECT count(*) FROM (
	SELECT cx.merge(r) OVER (ORDER BY month ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS moving, month
	FROM (SELECT month, cx.rate_agg(ok) AS r FROM outcome GROUP BY month) AS t) AS m
	WHERE moving OPERATOR(cx.=) (SELECT cx.rate_agg(ok) FROM outcome o WHERE o.month BETWEEN m.month - 2 AND m.month)),
	12::bigint, 'rolling cx.merge (inverse transition) equals recomputing each window');
SELECT throws_ok('SELECT cx.rate_remove(cx.rate(0, 1), true)', '22023', NULL,
	'removing a success the rate does not hold is an error');
SELECT throws_ok('SELECT cx.rate_remove(cx.rate(1, 1), false)', '22023', NULL,
	'removing a failure the rate does not hold is an error');
SELECT throws_ok('SELECT cx.rate_remove(cx.rate(1, 1), NULL)', '22023', NULL,
	'removing a skip the rate does not hold is an error');
SELECT throws_ok('SELECT cx.rate_unmerge(cx.rate(1, 2), cx.rate(2, 2))', '22023', NULL,
	'subtracting a rate that is not contained is an error');
SELECT is(cx.rate_add(cx.rate(1, 2), true)::text, '(successes=2,trials=3,skipped=0)',
	'the transition called directly returns a new rate');

-- survey items as rates
SELECT is(cx.top_box_rate(cx.scores_agg(a, 1, 5))::text, '(successes=3,trials=5,skipped=1)',
	'top_box_rate: the top-2-box out of the answers, missing ones skipped')
FROM (VALUES (5), (4), (4), (1), (3), (NULL)) AS t(a);
SELECT is(cx.top_box_rate(cx.scores_agg(a, 1, 5), 1)::text, '(successes=1,trials=5,skipped=1)',
	'top_box_rate with k = 1')
FROM (VALUES (5), (4), (4), (1), (3), (NULL)) AS t(a);
SELECT throws_ok('SELECT cx.top_box_rate(cx.scores_agg(3, 1, 5), 6)', '22023', NULL,
	'k beyond the scale is a bad parameter');
SELECT is((SELECT cx.share_ci(cx.top_box_rate(s)) = cx.top_box_ci(s) FROM (SELECT cx.scores_agg(1 + i % 5, 1, 5) AS s
           FROM generate_series(1, 77) AS i) AS t), true, 'share_ci of top_box_rate equals top_box_ci');

-- intervals: published worked examples
SELECT is((SELECT format('%s %s', round((e).lower::numeric, 4), round((e).upper::numeric, 4))
           FROM (SELECT cx.share_ci(cx.rate(81, 263)) AS e) AS t), '0.2553 0.3662',
	'Wilson interval of 81/263 (Newcombe 1998, table I example)');
SELECT is((SELECT format('%s %s', round((e).lower::numeric, 4), round((e).upper::numeric, 4))
           FROM (SELECT cx.share_ci(cx.rate(0, 10)) AS e) AS t), '0.0000 0.2775',
	'Wilson interval of 0/10 (Newcombe 1998, table I): 0 to 0.2775');
SELECT is((SELECT format('%s %s', round((e).lower::numeric, 4), round((e).upper::numeric, 4))
           FROM (SELECT cx.share_ci(cx.rate(1, 29)) AS e) AS t), '0.0061 0.1718',
	'Wilson interval of 1/29 (Newcombe 1998, table I): 0.0061 to 0.1718');
SELECT is((SELECT format('%s %s', round((e).lower::numeric, 4), round((e).upper::numeric, 4))
           FROM (SELECT cx.difference(cx.rate(56, 70), cx.rate(48, 80)) AS e) AS t), '0.0524 0.3339',
	'Newcombe method 10, 56/70 - 48/80 (Newcombe 1998, table II, example a): 0.0524 to 0.3339');
SELECT is((SELECT format('%s %s', round((e).lower::numeric, 4), round((e).upper::numeric, 4))
           FROM (SELECT cx.difference(cx.rate(9, 10), cx.rate(3, 10)) AS e) AS t), '0.1705 0.8090',
	'Newcombe method 10, 9/10 - 3/10 (table II): 0.1705 to 0.8090');
SELECT is((SELECT format('%s %s', round((e).lower::numeric, 4), round((e).upper::numeric, 4))
           FROM (SELECT cx.difference(cx.rate(6, 7), cx.rate(2, 7)) AS e) AS t), '0.0582 0.8062',
	'Newcombe method 10, 6/7 - 2/7 (table II): 0.0582 to 0.8062');
SELECT is((SELECT format('%s %s', round((e).lower::numeric, 4), round((e).upper::numeric, 4))
           FROM (SELECT cx.difference(cx.rate(5, 56), cx.rate(0, 29)) AS e) AS t), '-0.0381 0.1926',
	'Newcombe method 10, 5/56 - 0/29 (table II): -0.0381 to 0.1926');
SELECT is((SELECT format('%s %s', round((e).lower::numeric, 4), round((e).upper::numeric, 4))
           FROM (SELECT cx.difference(cx.rate(0, 10), cx.rate(0, 20)) AS e) AS t), '-0.1611 0.2775',
	'Newcombe method 10, 0/10 - 0/20 (table II): -0.1611 to 0.2775');
SELECT is((SELECT format('%s %s %s', round((e).value::numeric, 4), round((e).lower::numeric, 4), round((e).upper::numeric, 4))
           FROM (SELECT cx.ratio(cx.rate(56, 70), cx.rate(48, 80)) AS e) AS t), '1.3333 1.0766 1.6512',
	'Katz log interval of 56/70 over 48/80 (by the formula: exp(log RR +- 1.96 sqrt(1/56 - 1/70 + 1/48 - 1/80)))');
SELECT is((SELECT round((e).value::numeric, 6) FROM (SELECT cx.ratio(cx.rate(0, 10), cx.rate(3, 10)) AS e) AS t),
	round(((0.5 / 10.5) / (3.5 / 10.5))::numeric, 6), 'a zero success count: the ratio adds 0.5 to every count');
SELECT is((SELECT (e).upper < 'Infinity' AND (e).lower > 0 FROM (SELECT cx.ratio(cx.rate(4, 10), cx.rate(0, 10)) AS e) AS t),
	true, 'a zero denominator count still gives finite figures');
SELECT is((SELECT (e).value FROM (SELECT cx.ratio(cx.rate(1, 10), cx.rate(0, 0)) AS e) AS t), NULL,
	'a side without trials gives a NULL ratio');
SELECT is((SELECT (e).n FROM (SELECT cx.ratio(cx.rate(1, 10), cx.rate(0, 0)) AS e) AS t), 10::bigint,
	'n is the trials of both sides');
SELECT is((SELECT (e).value FROM (SELECT cx.difference(cx.rate(0, 0), cx.rate(1, 2)) AS e) AS t), NULL,
	'a side without trials gives a NULL difference');
SELECT is(round(cx.p_value(cx.rate(56, 70), cx.rate(48, 80))::numeric, 6), 0.008045,
	'pooled z test: z = 2.6502, p = 0.008045');
SELECT is(cx.p_value(cx.rate(0, 10), cx.rate(0, 20)), 1::float8, 'no successes on either side: p = 1');
SELECT is(cx.p_value(cx.rate(10, 10), cx.rate(20, 20)), 1::float8, 'all successes on both sides: p = 1');
SELECT is(cx.p_value(cx.rate(0, 0), cx.rate(1, 2)), NULL, 'a side without trials: no p-value');
SELECT is(cx.p_value(cx.rate(5, 10), cx.rate(5, 10)), 1::float8, 'equal shares: p = 1');
SELECT is((SELECT format('%s %s %s', (e).value, (e).lower, (e).upper) FROM (SELECT cx.share_ci(cx.rate(0, 0)) AS e) AS t),
	'  ', 'no trials: NULL share and bounds');
SELECT is((SELECT (e).lower = 0 AND (e).upper < 1 FROM (SELECT cx.share_ci(cx.rate(0, 1)) AS e) AS t), true,
	'0 of 1: the lower bound is exactly 0, the upper below 1');
SELECT is((SELECT (e).upper FROM (SELECT cx.share_ci(cx.rate(7, 7)) AS e) AS t), 1::float8, 'n of n: the upper bound is exactly 1');
SELECT throws_ok('SELECT cx.share_ci(cx.rate(1, 2), 1)', '22023', NULL, 'confidence 1 is a bad parameter');
SELECT throws_ok('SELECT cx.difference(cx.rate(1, 2), cx.rate(1, 2), 0)', '22023', NULL, 'confidence 0 is a bad parameter');
SELECT throws_ok($$SELECT cx.ratio(cx.rate(1, 2), cx.rate(1, 2), 'NaN')$$, '22023', NULL, 'confidence NaN is a bad parameter');

-- I/O: text and binary round trips, one validator
SELECT is(r::text::cx.rate OPERATOR(cx.=) r, true, 'text round trip')
FROM (SELECT cx.rate_agg(ok) AS r FROM outcome) AS t;
SELECT throws_ok($$SELECT '(successes=3,trials=2,skipped=0)'::cx.rate$$, '22P02', NULL, 'successes above trials: invalid text');
SELECT throws_ok($$SELECT '(successes=1,trials=2)'::cx.rate$$, '22P02', NULL, 'a missing count: syntax error');
SELECT throws_ok($$SELECT '(successes=1,trials=2,skipped=-1)'::cx.rate$$, '22P02', NULL, 'a negative count: invalid');
SELECT is((SELECT count(DISTINCT r) FROM (VALUES (cx.rate(1, 2)), (cx.rate(1, 2)), (cx.rate(2, 2))) AS t(r)), 2::bigint,
	'DISTINCT works through the btree / hash operator classes');
SELECT is(cx.rate(3, 4)::jsonb,
	(SELECT jsonb_build_object('successes', 3, 'trials', 4, 'skipped', 0, 'share', 0.75,
	                           'lower_95', (e).lower, 'upper_95', (e).upper) FROM cx.share_ci(cx.rate(3, 4)) AS e),
	'the jsonb cast carries the counts, the share and its Wilson interval');

SELECT * FROM finish();
ROLLBACK;
