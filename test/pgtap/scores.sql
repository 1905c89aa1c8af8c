-- Behaviour and errors of the survey-score summary cx.scores.
BEGIN;
SELECT plan(136);

-- Survey answers: 1..5 A-11 items and a 0..10 recommendation, some missing.
CREATE TABLE ans (grp int, day date, item text, answer int);
INSERT INTO ans
SELECT i % 7, date '2026-01-01' + (i * 13) % 120, 'ease',
       CASE WHEN i % 19 = 0 THEN NULL ELSE 1 + (i * 7919 + i / 7) % 5 END
FROM generate_series(1, 20000) AS i;
INSERT INTO ans
SELECT i % 7, date '2026-01-01' + (i * 13) % 120, 'recommend',
       CASE WHEN i % 23 = 0 THEN NULL ELSE (i * 104729 + i / 3) % 11 END
FROM generate_series(1, 12000) AS i;
-- a lopsided group: mostly 5s
INSERT INTO ans SELECT 7, date '2026-02-01', 'ease', CASE WHEN i % 10 = 0 THEN 3 ELSE 5 END
FROM generate_series(1, 101) AS i;
ANALYZE ans;

CREATE TEMP VIEW per_group AS
SELECT grp, cx.scores_agg(answer, 1, 5) AS s, count(answer) AS n,
       count(*) FILTER (WHERE answer IS NULL) AS missing,
       avg(answer)::float8 AS mean, stddev_samp(answer)::float8 AS sd,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY answer) AS median,
       array_agg(answer ORDER BY answer) FILTER (WHERE answer IS NOT NULL) AS answers
FROM ans WHERE item = 'ease' GROUP BY grp;

-- figures against plain SQL over the raw answers, group by group
SELECT is((SELECT count(*) FROM per_group WHERE cx.n(s) = n), 8::bigint, 'n counts the answers given');
SELECT is((SELECT count(*) FROM per_group WHERE cx.missing(s) = missing), 8::bigint, 'missing counts the NULL answers');
SELECT is((SELECT count(*) FROM per_group WHERE abs(cx.mean(s) - mean) <= 1e-12 * mean), 8::bigint,
	'mean equals avg()');
SELECT is((SELECT count(*) FROM per_group WHERE abs(cx.stddev(s) - sd) <= 1e-12 * sd), 8::bigint,
	'stddev is the sample standard deviation, as stddev_samp()');
SELECT is((SELECT count(*) FROM per_group WHERE cx.median(s) = median), 8::bigint,
	'median equals percentile_cont(0.5)');
SELECT is((SELECT count(*) FROM per_group
           WHERE cx.histogram(s) = ARRAY(SELECT count(*) FILTER (WHERE a = v)
                                         FROM generate_series(1, 5) AS v, unnest(answers) AS a GROUP BY v ORDER BY v)),
	8::bigint, 'histogram counts each point, lo first');
SELECT is((SELECT count(*) FROM per_group
           WHERE cx.top_box(s) = (SELECT count(*) FILTER (WHERE a >= 4)::float8 / count(*) FROM unnest(answers) AS a)
             AND cx.top_box(s, 1) = (SELECT count(*) FILTER (WHERE a = 5)::float8 / count(*) FROM unnest(answers) AS a)
             AND cx.bottom_box(s) = (SELECT count(*) FILTER (WHERE a <= 2)::float8 / count(*) FROM unnest(answers) AS a)
             AND cx.bottom_box(s, 3) = (SELECT count(*) FILTER (WHERE a <= 3)::float8 / count(*) FROM unnest(answers) AS a)),
	8::bigint, 'top and bottom boxes are shares of the answers given');
SELECT is((SELECT count(*) FROM per_group
           WHERE cx.csat(s) = (SELECT 100.0::float8 * count(*) FILTER (WHERE a >= 4) / count(*) FROM unnest(answers) AS a)),
	8::bigint, 'csat is the top-2-box as a percentage');
SELECT is((SELECT count(*) FROM per_group WHERE cx.top_box(s, 5) = 1 AND cx.bottom_box(s, 5) = 1), 8::bigint,
	'the box of every point holds every answer');
SELECT is((SELECT count(*) FROM per_group WHERE (s::jsonb ->> 'mean')::float8 = cx.mean(s)
                                             AND (s::jsonb ->> 'n')::bigint = cx.n(s)
                                             AND (s::jsonb ->> 'top_box')::float8 = cx.top_box(s)
                                             AND (s::jsonb -> 'counts' ->> '5')::bigint = (cx.histogram(s))[5]),
	8::bigint, 'jsonb carries the same figures');

-- NPS
SELECT is(cx.nps(cx.scores_agg(CASE WHEN i <= 50 THEN 9 + i % 2 WHEN i <= 80 THEN 7 + i % 2 ELSE i % 7 END, 0, 10)),
	30::float8, 'NPS: 50 promoters, 30 passives, 20 detractors give 30') FROM generate_series(1, 100) AS i;
SELECT is(cx.nps(cx.scores_agg(answer, 0, 10)),
	(SELECT 100.0::float8 * (count(*) FILTER (WHERE answer >= 9) - count(*) FILTER (WHERE answer <= 6)) / count(answer)
	 FROM ans WHERE item = 'recommend'), 'NPS equals the plain-SQL formula')
FROM ans WHERE item = 'recommend';
SELECT is(cx.nps(cx.scores_agg(a, 0, 10)), 100::float8, 'only promoters: NPS 100') FROM (VALUES (9), (10), (10)) t(a);
SELECT is(cx.nps(cx.scores_agg(a, 0, 10)), -100::float8, 'only detractors: NPS -100') FROM (VALUES (0), (6), (3)) t(a);
SELECT is(cx.nps(cx.scores_agg(a, 0, 10)), 0::float8, 'only passives: NPS 0') FROM (VALUES (7), (8)) t(a);

-- the normal quantile (Wichura AS241) against published values, to 1e-9
SELECT ok(abs(cx.normal_quantile(p) - z) < 1e-9, format('normal quantile of %s is %s', p, z))
FROM (VALUES (0.5::float8, 0::float8), (0.75, 0.6744897501960817), (0.9, 1.2815515655446004),
             (0.95, 1.6448536269514727), (0.975, 1.9599639845400542), (0.99, 2.3263478740408411),
             (0.995, 2.5758293035489008), (0.999, 3.0902323061678135), (0.025, -1.9599639845400542),
             (0.3, -0.52440051270804078), (0.575, 0.18911842627279249),
             (1e-10, -6.3613409024040562), (1e-20, -9.2623400897981532)) AS t(p, z);
SELECT is(cx.normal_quantile(0), '-Infinity'::float8, 'quantile 0 is -Infinity');
SELECT is(cx.normal_quantile(1), 'Infinity'::float8, 'quantile 1 is Infinity');
SELECT throws_ok($$SELECT cx.normal_quantile(-0.1)$$, '22003', NULL, 'a probability below 0: 22003');
SELECT throws_ok($$SELECT cx.normal_quantile('NaN')$$, '22003', NULL, 'a NaN probability: 22003');

-- Wilson score interval against the closed formula
-- ARRAY[lower, upper] of x successes in n at critical value z
CREATE FUNCTION pg_temp.wilson(x float8, n float8, z float8) RETURNS float8[]
LANGUAGE sql AS $$
	SELECT ARRAY[(p + z * z / (2 * n) - z * sqrt(p * (1 - p) / n + z * z / (4 * n * n))) / (1 + z * z / n),
	             (p + z * z / (2 * n) + z * sqrt(p * (1 - p) / n + z * z / (4 * n * n))) / (1 + z * z / n)]
	FROM (SELECT x / n AS p) AS t $$;
CREATE TEMP TABLE forty_of_fifty AS
SELECT cx.top_box_ci('(lo=1,hi=5,missing=3,counts={2,3,5,15,25})') AS e,
       pg_temp.wilson(40, 50, 1.959963984540054) AS w,
       cx.top_box_ci('(lo=1,hi=5,missing=3,counts={2,3,5,15,25})', 2, 0.9) AS e90,
       pg_temp.wilson(40, 50, 1.6448536269514727) AS w90;
SELECT is((e).value, 0.8::float8, 'Wilson 40 of 50: the value is the observed share') FROM forty_of_fifty;
SELECT is((e).n, 50::bigint, 'Wilson 40 of 50: n counts answers, not missing ones') FROM forty_of_fifty;
SELECT ok(abs((e).lower - (w)[1]) < 1e-9, 'Wilson 40 of 50 at 95%: lower bound ' || round((w)[1]::numeric, 9)) FROM forty_of_fifty;
SELECT ok(abs((e).upper - (w)[2]) < 1e-9, 'Wilson 40 of 50 at 95%: upper bound ' || round((w)[2]::numeric, 9)) FROM forty_of_fifty;
SELECT ok(round((e).lower::numeric, 4) = 0.6696 AND round((e).upper::numeric, 4) = 0.8876,
	'Wilson 40 of 50 at 95% is [0.6696, 0.8876] as in the textbooks') FROM forty_of_fifty;
SELECT ok(abs((e90).lower - (w90)[1]) < 1e-9 AND abs((e90).upper - (w90)[2]) < 1e-9,
	'Wilson 40 of 50 at 90%') FROM forty_of_fifty;
SELECT ok(abs((e).lower - (w)[1]) < 1e-9 AND abs((e).upper - (w)[2]) < 1e-9,
	format('Wilson top-box of group %s', grp))
FROM (SELECT grp, cx.top_box_ci(s) AS e,
             pg_temp.wilson(cx.top_box(s) * cx.n(s), cx.n(s), 1.959963984540054) AS w
      FROM per_group) AS t ORDER BY grp;
SELECT ok((e).lower = 0 AND (e).upper > 0 AND (e).upper < 1 AND (e).value = 0,
	format('0 of %s: interval inside [0, 1], starting at 0', n))
FROM (SELECT n, cx.top_box_ci(format('(lo=1,hi=5,missing=0,counts={%s,0,0,0,0})', n)::cx.scores) AS e
      FROM unnest(ARRAY[1, 2, 10, 1000, 1000000]) AS n) AS t;
SELECT ok((e).upper = 1 AND (e).lower > 0 AND (e).lower < 1 AND (e).value = 1,
	format('%s of %s: interval inside [0, 1], ending at 1', n, n))
FROM (SELECT n, cx.top_box_ci(format('(lo=1,hi=5,missing=0,counts={0,0,0,0,%s})', n)::cx.scores) AS e
      FROM unnest(ARRAY[1, 2, 10, 1000, 1000000]) AS n) AS t;
SELECT ok((e).lower <= (e).value AND (e).value <= (e).upper, 'the interval holds the value at 99.9%')
FROM (SELECT cx.top_box_ci('(lo=1,hi=5,missing=0,counts={1,0,0,0,2})', 2, 0.999) AS e) AS t;
SELECT is(cx.top_box_ci('(lo=1,hi=5,missing=4,counts={0,0,0,0,0})')::text, '(,,,0)',
	'n = 0: NULL value and bounds, n 0');

-- NPS interval: NPS +- z SE, SE = 100 sqrt((p + d - (p - d)^2) / n)
SELECT ok(abs((e).value - 30) < 1e-12
          AND abs((e).lower - (30 - 1.959963984540054 * 100 * sqrt((0.5 + 0.2 - 0.09) / 100))) < 1e-9
          AND abs((e).upper - (30 + 1.959963984540054 * 100 * sqrt((0.5 + 0.2 - 0.09) / 100))) < 1e-9
          AND (e).n = 100,
	'NPS 30 of 100 answers: the normal-approximation interval')
FROM (SELECT cx.nps_ci(cx.scores_agg(CASE WHEN i <= 50 THEN 10 WHEN i <= 80 THEN 8 ELSE 0 END, 0, 10)) AS e
      FROM generate_series(1, 100) AS i) AS t;
SELECT ok(abs((e).lower - ((e).value - 2.5758293035489008 * se)) < 1e-9
          AND abs((e).upper - ((e).value + 2.5758293035489008 * se)) < 1e-9,
	'NPS interval at 99% on the recommendation answers')
FROM (SELECT cx.nps_ci(s, 0.99) AS e,
             100 * sqrt((p + d - (p - d) ^ 2) / n) AS se
      FROM (SELECT cx.scores_agg(answer, 0, 10) AS s,
                   count(*) FILTER (WHERE answer >= 9)::float8 / count(answer) AS p,
                   count(*) FILTER (WHERE answer <= 6)::float8 / count(answer) AS d,
                   count(answer)::float8 AS n
            FROM ans WHERE item = 'recommend') AS a) AS t;
SELECT ok(round((e).value::numeric, 9) = -33.333333333 AND (e).lower = -100 AND (e).upper = 100 AND (e).n = 3,
	'NPS bounds stay inside [-100, 100]')
FROM (SELECT cx.nps_ci('(lo=0,hi=10,missing=0,counts={2,0,0,0,0,0,0,0,0,0,1})', 0.999) AS e) AS t;
SELECT is(cx.nps_ci('(lo=0,hi=10,missing=2,counts={0,0,0,0,0,0,0,0,0,0,0})')::text, '(,,,0)',
	'NPS interval of no answers: NULLs, n 0');

-- confidence levels outside (0, 1) are 22023
SELECT throws_ok(format($$SELECT cx.top_box_ci('(lo=1,hi=5,missing=0,counts={1,1,1,1,1})', 2, %s)$$, c),
	'22023', NULL, 'top_box_ci with confidence ' || c || ': 22023')
FROM unnest(ARRAY['0', '1', '-0.5', '1.5', '''NaN''', '''Infinity''']) AS c;
SELECT throws_ok(format($$SELECT cx.nps_ci('(lo=0,hi=10,missing=0,counts={1,1,1,1,1,1,1,1,1,1,1})', %s)$$, c),
	'22023', NULL, 'nps_ci with confidence ' || c || ': 22023')
FROM unnest(ARRAY['0', '1', '''NaN''']) AS c;
SELECT throws_ok($$SELECT cx.top_box_ci('(lo=1,hi=5,missing=0,counts={0,0,0,0,0})', 2, 2)$$,
	'22023', NULL, 'a bad confidence is an error even without answers');

-- NULLs and empty input
SELECT is(cx.missing(cx.scores_agg(answer, 1, 5)), (SELECT count(*) FROM ans WHERE item = 'ease' AND answer IS NULL),
	'NULL answers are counted as missing') FROM ans WHERE item = 'ease';
SELECT is(cx.scores_agg(a, 1, 5)::text, '(lo=1,hi=5,missing=3,counts={0,0,0,0,0})',
	'only NULL answers: an empty histogram with three missing') FROM (VALUES (NULL::int), (NULL), (NULL)) t(a);
SELECT is(ARRAY[cx.mean(s), cx.stddev(s), cx.median(s), cx.top_box(s), cx.bottom_box(s), cx.csat(s)],
	ARRAY[NULL, NULL, NULL, NULL, NULL, NULL]::float8[], 'n = 0: every figure is NULL')
FROM (SELECT '(lo=1,hi=5,missing=3,counts={0,0,0,0,0})'::cx.scores AS s) AS t;
SELECT is(cx.nps('(lo=0,hi=10,missing=3,counts={0,0,0,0,0,0,0,0,0,0,0})'), NULL, 'n = 0: NPS is NULL');
SELECT is(cx.n('(lo=0,hi=10,missing=3,counts={0,0,0,0,0,0,0,0,0,0,0})'::cx.scores), 0::bigint, 'n = 0 is still a count');
SELECT is(cx.scores_agg(answer, 1, 5)::text, NULL, 'no rows: no summary') FROM ans WHERE false;
SELECT is(cx.stddev('(lo=1,hi=5,missing=0,counts={0,0,1,0,0})'), NULL, 'one answer: no sample standard deviation');
SELECT is(cx.stddev('(lo=1,hi=5,missing=0,counts={0,0,7,0,0})'), 0::float8, 'identical answers: standard deviation 0');
SELECT is(cx.top_box('(lo=1,hi=5,missing=0,counts={1,2,3,4,5})', NULL), NULL, 'a NULL k gives NULL');
SELECT is(cx.top_box_ci('(lo=1,hi=5,missing=0,counts={1,2,3,4,5})', 2, NULL)::text, NULL, 'a NULL confidence gives NULL');

-- errors with their SQLSTATE
SELECT throws_ok($$SELECT cx.scores_agg(a, 1, 5) FROM (VALUES (1), (6)) t(a)$$, '22003',
	'answer 6 is outside the scale 1..5', 'an answer above the scale: 22003');
SELECT throws_ok($$SELECT cx.scores_agg(a, 0, 10) FROM (VALUES (-1)) t(a)$$, '22003',
	'answer -1 is outside the scale 0..10', 'an answer below the scale: 22003');
SELECT throws_ok($$SELECT cx.scores_agg(a, 5, 1) FROM (VALUES (3)) t(a)$$, '22023', NULL, 'lo > hi: 22023');
SELECT throws_ok($$SELECT cx.scores_agg(a, 5, 1) FROM (VALUES (NULL::int)) t(a)$$, '22023', NULL,
	'lo > hi with only NULL answers: 22023');
SELECT throws_ok($$SELECT cx.scores_agg(a, 0, 101) FROM (VALUES (3)) t(a)$$, '22023', NULL, '102 points: 22023');
SELECT lives_ok($$SELECT cx.scores_agg(a, -100, 0) FROM (VALUES (-3)) t(a)$$, '101 points are fine');
SELECT throws_ok($$SELECT cx.scores_agg(a, -2147483648, 2147483647) FROM (VALUES (3)) t(a)$$, '22023', NULL,
	'the widest int range: 22023, no overflow');
SELECT throws_ok($$SELECT cx.scores_agg(a, NULL, 5) FROM (VALUES (3)) t(a)$$, '22023', NULL, 'a NULL bound: 22023');
SELECT throws_ok($$SELECT cx.scores_agg(a, 1, hi) FROM (VALUES (3, 5), (3, 7)) t(a, hi)$$, '22023', NULL,
	'the scale changing within a group: 22023');
SELECT throws_ok($$SELECT cx.merge(s) FROM (VALUES ('(lo=1,hi=5,missing=0,counts={1,1,1,1,1})'::cx.scores),
	('(lo=1,hi=7,missing=0,counts={1,1,1,1,1,1,1})')) t(s)$$, '22023',
	'cannot merge cx.scores summaries of different scales: 1..5 and 1..7', 'merging different scales: 22023');
SELECT throws_ok($$SELECT cx.scores_agg(answer, CASE WHEN grp = 0 THEN 0 ELSE 1 END, 5) FROM ans WHERE item = 'ease' AND answer > 0$$,
	'22023', NULL, 'answers on two scales in one group: 22023');
SELECT throws_ok(format($$SELECT cx.%s('(lo=1,hi=5,missing=0,counts={1,1,1,1,1})', %s)$$, f, k), '22023', NULL,
	format('cx.%s with k = %s: 22023', f, k))
FROM unnest(ARRAY['top_box', 'bottom_box', 'top_box_ci']) AS f, unnest(ARRAY[0, 6, -1]) AS k;
SELECT throws_ok($$SELECT cx.csat('(lo=1,hi=1,missing=0,counts={4})')$$, '22023', 'CSAT needs a scale of at least two points, not 1..1',
	'csat on a one-point scale: 22023');
SELECT throws_ok($$SELECT cx.nps('(lo=1,hi=10,missing=0,counts={1,1,1,1,1,1,1,1,1,1})')$$, '22023', NULL,
	'NPS on 1..10: 22023');
SELECT throws_ok($$SELECT cx.nps_ci('(lo=1,hi=5,missing=0,counts={1,1,1,1,1})')$$, '22023', NULL,
	'NPS interval on 1..5: 22023');
SELECT throws_ok($$SELECT cx.merge(s) FROM (VALUES ('(lo=1,hi=1,missing=0,counts={9223372036854775807})'::cx.scores),
	('(lo=1,hi=1,missing=0,counts={1})')) t(s)$$, '22003', NULL, 'a merge that overflows a count: 22003');
SELECT throws_ok($$SELECT cx.merge(s) FROM (VALUES ('(lo=1,hi=2,missing=0,counts={9223372036854775807,0})'::cx.scores),
	('(lo=1,hi=2,missing=0,counts={0,1})')) t(s)$$, '22003', NULL, 'a merge that overflows the total: 22003');
SELECT throws_ok($$SELECT cx.scores_remove('(lo=1,hi=5,missing=0,counts={1,0,0,0,0})', 2, 1, 5)$$, '22023', NULL,
	'removing an answer the summary does not hold: 22023');
SELECT throws_ok($$SELECT cx.scores_unmerge('(lo=1,hi=5,missing=0,counts={1,0,0,0,0})', '(lo=1,hi=5,missing=1,counts={0,0,0,0,0})')$$,
	'22023', NULL, 'subtracting a summary that is not contained: 22023');

-- called directly, the support functions never modify their input
SELECT is(s::text || ' ' || cx.scores_add(s, 4, 1, 5)::text || ' ' || s::text,
	'(lo=1,hi=5,missing=0,counts={1,0,0,0,0}) (lo=1,hi=5,missing=0,counts={1,0,0,1,0}) (lo=1,hi=5,missing=0,counts={1,0,0,0,0})',
	'cx.scores_add returns a new summary') FROM (SELECT '(lo=1,hi=5,missing=0,counts={1,0,0,0,0})'::cx.scores AS s) AS t;
SELECT is(s::text || ' ' || cx.scores_merge(s, s)::text || ' ' || cx.scores_unmerge(s, s)::text || ' ' || s::text,
	'(lo=1,hi=2,missing=1,counts={1,2}) (lo=1,hi=2,missing=2,counts={2,4}) (lo=1,hi=2,missing=0,counts={0,0}) (lo=1,hi=2,missing=1,counts={1,2})',
	'cx.scores_merge and cx.scores_unmerge return new summaries') FROM (SELECT '(lo=1,hi=2,missing=1,counts={1,2})'::cx.scores AS s) AS t;

-- merging partials gives the one-pass summary, byte for byte
SELECT is((SELECT cx.merge(s)::text FROM per_group), (SELECT cx.scores_agg(answer, 1, 5)::text FROM ans WHERE item = 'ease'),
	'merge of groups equals one pass');
SELECT is((SELECT cx.merge(s ORDER BY grp DESC)::text FROM per_group), (SELECT cx.merge(s ORDER BY grp)::text FROM per_group),
	'merge order does not matter');
SELECT is((SELECT cx.merge(s)::text FROM (SELECT day, cx.scores_agg(answer, 0, 10) AS s FROM ans WHERE item = 'recommend' GROUP BY day) t),
	(SELECT cx.scores_agg(answer, 0, 10)::text FROM ans WHERE item = 'recommend'), 'merge of daily summaries equals one pass');
SELECT is((SELECT cx.merge(s)::text FROM (SELECT cx.merge(s) AS s FROM (SELECT grp, day, cx.scores_agg(answer, 1, 5) AS s
	FROM ans WHERE item = 'ease' GROUP BY grp, day) d GROUP BY grp % 3) t),
	(SELECT cx.scores_agg(answer, 1, 5)::text FROM ans WHERE item = 'ease'), 'merges of merges equal one pass');
SELECT is((SELECT cx.merge(s)::text FROM (SELECT s FROM per_group UNION ALL SELECT NULL) t),
	(SELECT cx.merge(s)::text FROM per_group), 'NULL summaries are skipped by merge');

-- parallel plans
CREATE TABLE daily AS SELECT grp, day, cx.scores_agg(answer, 1, 5) AS s FROM ans WHERE item = 'ease' GROUP BY grp, day;
ANALYZE daily;
SET LOCAL max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE serial AS
SELECT (SELECT cx.scores_agg(answer, 1, 5)::text FROM ans WHERE item = 'ease') AS one,
       (SELECT string_agg(s::text, ';' ORDER BY grp) FROM (SELECT grp, cx.scores_agg(answer, 1, 5) AS s FROM ans WHERE item = 'ease' GROUP BY grp) g) AS grouped,
       (SELECT cx.merge(s)::text FROM daily) AS merged;
SET LOCAL parallel_setup_cost = 0;
SET LOCAL parallel_tuple_cost = 0;
SET LOCAL min_parallel_table_scan_size = 0;
SET LOCAL max_parallel_workers_per_gather = 2;
SELECT matches(cx_test.plan_of($$SELECT cx.scores_agg(answer, 1, 5) FROM ans WHERE item = 'ease'$$),
	'Gather.*Partial Aggregate.*Parallel Seq Scan', 'a forced parallel plan has a Partial Aggregate under a Gather');
SELECT matches(cx_test.plan_of($$SELECT grp, cx.scores_agg(answer, 1, 5) FROM ans WHERE item = 'ease' GROUP BY grp$$),
	'Partial .*Aggregate', 'grouped scores_agg runs partially in parallel workers');
SELECT matches(cx_test.plan_of('SELECT cx.merge(s) FROM daily'),
	'Gather.*Partial Aggregate.*Parallel Seq Scan', 'cx.merge runs in a parallel plan');
SELECT is((SELECT cx.scores_agg(answer, 1, 5)::text FROM ans WHERE item = 'ease'), (SELECT one FROM serial),
	'the parallel summary equals the serial one');
SELECT is((SELECT string_agg(s::text, ';' ORDER BY grp) FROM (SELECT grp, cx.scores_agg(answer, 1, 5) AS s FROM ans WHERE item = 'ease' GROUP BY grp) g),
	(SELECT grouped FROM serial), 'parallel grouped summaries equal the serial ones');
SELECT is((SELECT cx.merge(s)::text FROM daily), (SELECT merged FROM serial), 'a parallel merge equals the serial one');
SELECT is((SELECT merged FROM serial), (SELECT one FROM serial), 'and the merge of daily summaries equals one pass');
SET LOCAL max_parallel_workers_per_gather = 0;

-- moving aggregates: rolling 30-day figures equal re-aggregating each window
CREATE TEMP TABLE rolling_rows AS
SELECT grp, day, answer,
       cx.top_box(cx.scores_agg(answer, 1, 5) OVER w) AS top_box,
       cx.scores_agg(answer, 1, 5) OVER w AS s
FROM ans WHERE item = 'ease' AND grp < 2
WINDOW w AS (PARTITION BY grp ORDER BY day RANGE BETWEEN '29 days' PRECEDING AND CURRENT ROW);
SELECT is((SELECT count(*) FROM (SELECT DISTINCT grp, day, top_box, s::text FROM rolling_rows) r
           WHERE top_box = (SELECT cx.top_box(cx.scores_agg(answer, 1, 5)) FROM ans a
                            WHERE a.item = 'ease' AND a.grp = r.grp AND a.day BETWEEN r.day - 29 AND r.day)
             AND s = (SELECT cx.scores_agg(answer, 1, 5)::text FROM ans a
                      WHERE a.item = 'ease' AND a.grp = r.grp AND a.day BETWEEN r.day - 29 AND r.day)),
	(SELECT count(DISTINCT (grp, day)) FROM ans WHERE item = 'ease' AND grp < 2),
	'rolling 30-day top-box over answers (moving scores_agg) equals re-aggregation, day by day');
SELECT is((SELECT count(*) FROM (
	SELECT grp, day, cx.top_box(cx.merge(s) OVER w) AS top_box, cx.merge(s) OVER w AS rolled
	FROM daily
	WINDOW w AS (PARTITION BY grp ORDER BY day RANGE BETWEEN '29 days' PRECEDING AND CURRENT ROW)) r
	WHERE rolled::text = (SELECT cx.scores_agg(answer, 1, 5)::text FROM ans a
	                      WHERE a.item = 'ease' AND a.grp = r.grp AND a.day BETWEEN r.day - 29 AND r.day)
	  AND top_box = (SELECT count(*) FILTER (WHERE answer >= 4)::float8 / count(answer) FROM ans a
	                 WHERE a.item = 'ease' AND a.grp = r.grp AND a.day BETWEEN r.day - 29 AND r.day)),
	(SELECT count(*) FROM daily), 'rolling 30-day merge of daily summaries equals re-aggregation and plain SQL');
SELECT is((SELECT count(*) FROM (
	SELECT i, cx.scores_agg(a, 0, 10) OVER (ORDER BY i ROWS BETWEEN 3 PRECEDING AND 1 PRECEDING)::text AS moving,
	       (SELECT cx.scores_agg(a2, 0, 10) FROM (VALUES (1, 5), (2, NULL), (3, 10), (4, 0), (5, NULL), (6, 7)) u(i2, a2)
	        WHERE i2 BETWEEN i - 3 AND i - 1)::text AS fresh
	FROM (VALUES (1, 5), (2, NULL), (3, 10), (4, 0), (5, NULL), (6, 7)) t(i, a)) m
	WHERE moving IS NOT DISTINCT FROM fresh), 6::bigint,
	'moving windows that start empty and drop NULL answers match re-aggregation');
SELECT is((SELECT count(*) FROM (
	SELECT i, cx.merge(s) OVER (ORDER BY i ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)::text AS moving
	FROM (VALUES (1, '(lo=1,hi=2,missing=0,counts={1,0})'::cx.scores), (2, NULL), (3, NULL),
	             (4, '(lo=1,hi=2,missing=1,counts={0,2})')) t(i, s)) m
	WHERE moving IS NOT DISTINCT FROM CASE i WHEN 1 THEN '(lo=1,hi=2,missing=0,counts={1,0})'
	                                        WHEN 2 THEN '(lo=1,hi=2,missing=0,counts={1,0})'
	                                        WHEN 3 THEN NULL
	                                        ELSE '(lo=1,hi=2,missing=1,counts={0,2})' END), 4::bigint,
	'a rolling merge skips NULL summaries and is NULL over a frame of NULLs');

-- text round trip and malformed input
SELECT is((SELECT count(*) FROM daily WHERE s::text::cx.scores::text = s::text), (SELECT count(*) FROM daily),
	'text round trip');
SELECT throws_ok($$SELECT 'garbage'::cx.scores$$, '22P02', NULL, 'malformed text: 22P02');
SELECT throws_ok($$SELECT '(lo=1,hi=5,missing=0,counts={1,2,3,4})'::cx.scores$$, '22P02', NULL, 'too few counts: 22P02');
SELECT throws_ok($$SELECT '(lo=1,hi=5,missing=0,counts={1,2,3,4,5,6})'::cx.scores$$, '22P02', NULL, 'too many counts: 22P02');
SELECT throws_ok($$SELECT '(lo=1,hi=5,missing=0,counts={1,2,-3,4,5})'::cx.scores$$, '22P02', NULL, 'a negative count: 22P02');
SELECT throws_ok($$SELECT '(lo=3,hi=2,missing=0,counts={})'::cx.scores$$, '22P02', NULL, 'lo > hi in text: 22P02');
SELECT throws_ok($$SELECT '(lo=0,hi=101,missing=0,counts={1})'::cx.scores$$, '22P02', NULL, '102 points in text: 22P02');
SELECT throws_ok($$SELECT '(lo=1,hi=2,missing=1,counts={9223372036854775807,0})'::cx.scores$$, '22P02', NULL,
	'a total beyond int64 in text: 22P02');
SELECT throws_ok($$SELECT '(lo=1,hi=2,missing=0,counts={1,99999999999999999999})'::cx.scores$$, '22003', NULL,
	'a count beyond int64 in text: 22003');

SELECT * FROM finish();
ROLLBACK;
