-- Behaviour and errors of the waiting-time summary cx.waits.
BEGIN;
SELECT plan(45);

-- A hand-derived Kaplan-Meier case with ties of ended and open cases at the
-- same wait (days; E ended, O open):
--   1 E | 2 E, 2 O | 3 E, 3 E, 3 O | 5 O | 6 E, 6 O      (9 cases)
--   t = 1: at risk 9, 1 ended: S = 8/9
--   t = 2: at risk 8 (the case open at 2 is still at risk), 1 ended: S = 8/9 * 7/8 = 7/9
--   t = 3: at risk 6, 2 ended: S = 7/9 * 4/6 = 14/27
--   t = 5: 1 open, no change; t = 6: at risk 2, 1 ended: S = 14/27 * 1/2 = 7/27
--   Greenwood's sum at 3: 1/(9*8) + 1/(8*7) + 2/(6*4) = 1/72 + 1/56 + 1/12
CREATE TEMP TABLE hand AS
SELECT cx.waits_agg(make_interval(days => d), e) AS w
FROM (VALUES (1, true), (2, true), (2, false), (3, true), (3, true), (3, false),
             (5, false), (6, true), (6, false), (NULL, true), (4, NULL)) AS t(d, e);

SELECT is(w::text, '(skipped=2,waits={86400000000:1:0,172800000000:1:1,259200000000:2:1,432000000000:0:1,518400000000:1:1})',
	'the summary holds each distinct wait with its ended and open cases') FROM hand;
SELECT is(cx.n(w), 9::bigint, 'n counts the cases, ended or open') FROM hand;
SELECT is(cx.open(w), 4::bigint, 'open counts the censored cases') FROM hand;
SELECT is(cx.skipped(w), 2::bigint, 'a NULL wait or a NULL ended flag is skipped and counted') FROM hand;
SELECT is(cx.median_wait(w), interval '6 days', 'median: S(3) = 14/27 > 1/2, S(6) = 7/27') FROM hand;
SELECT ok(abs((cx.share_done_by(w, '3 days')).value - 13::float8 / 27) < 1e-15, 'share done by 3 days = 1 - 14/27') FROM hand;
SELECT ok(abs((cx.share_done_by(w, '2 days 23:59')).value - 2::float8 / 9) < 1e-15, 'share done just before 3 days = 1 - 7/9') FROM hand;
SELECT ok(abs((e).lower - (1 - (14.0 / 27) ^ exp(-1.959963984540054 * sqrt(1.0 / 72 + 1.0 / 56 + 1.0 / 12) / abs(ln(14.0 / 27))))) < 1e-12
          AND abs((e).upper - (1 - (14.0 / 27) ^ exp(1.959963984540054 * sqrt(1.0 / 72 + 1.0 / 56 + 1.0 / 12) / abs(ln(14.0 / 27))))) < 1e-12,
	'the log-log interval at 3 days, from the hand-derived Greenwood sum')
FROM hand, cx.share_done_by(w, '3 days') AS e;
SELECT is((cx.share_done_by(w, '12 hours')).value, 0::float8, 'nothing ended by 12 hours: 0') FROM hand;
SELECT is((SELECT (e).lower FROM cx.share_done_by(w, '12 hours') AS e), NULL, 'and no interval where S is 1') FROM hand;
SELECT is(array_agg(round(share_done::numeric, 6) ORDER BY waited), ARRAY[0.111111, 0.222222, 0.481481, 0.481481, 0.740741],
	'cx.km: the share done after each distinct wait') FROM hand, cx.km(w);
SELECT is(array_agg(at_risk ORDER BY waited), ARRAY[9, 8, 6, 3, 2]::bigint[], 'cx.km: the cases at risk') FROM hand, cx.km(w);
SELECT is((SELECT value FROM cx.wait_quantile(w, 0.2)), interval '2 days', 'quantile 0.2: S(2) = 7/9 <= 0.8') FROM hand;
SELECT is((SELECT value FROM cx.wait_quantile(w, 0.25)), interval '3 days', 'quantile 0.25: S(2) = 7/9 > 3/4, S(3) = 14/27') FROM hand;
SELECT is((SELECT value FROM cx.wait_quantile(w, 0.8)), NULL::interval,
	'quantile 0.8 not reached: S never drops to 0.2, the open cases keep it up') FROM hand;
SELECT is((SELECT n FROM cx.wait_quantile(w, 0.5)), 9::bigint, 'wait_quantile reports the cases') FROM hand;
SELECT is((SELECT upper FROM cx.wait_quantile(w, 0.5)), NULL::interval,
	'the median''s upper bound is unbounded with 9 cases') FROM hand;

-- every case ended at the same time
SELECT is(cx.median_wait(cx.waits_agg('1 hour', true)), interval '1 hour', 'one case: its wait is the median');
SELECT is((cx.share_done_by(cx.waits_agg('1 hour', true), '1 hour')).value, 1::float8, 'done by its wait: 1');
SELECT is((SELECT (cx.share_done_by(w, '1 hour')).upper FROM (SELECT cx.waits_agg('1 hour', true) AS w) AS t), NULL,
	'no interval where S is 0');
-- all open: no median, the dropped-cases bias the issue names
SELECT is(cx.median_wait(cx.waits_agg(w, false)), NULL, 'all open: no median')
FROM (VALUES (interval '1 day'), ('2 days')) AS t(w);
SELECT is(cx.waits_agg(w, e)::text, '(skipped=0,waits={})', 'no rows: the empty summary')
FROM (SELECT NULL::interval, NULL::boolean WHERE false) AS t(w, e);
SELECT is(cx.n(cx.waits_agg(w, e)), 0::bigint, 'the empty summary has no cases')
FROM (SELECT NULL::interval, NULL::boolean WHERE false) AS t(w, e);
SELECT is((SELECT (e).value FROM cx.share_done_by('(skipped=0,waits={})', '1 day') AS e), NULL,
	'the empty summary has no share');
SELECT is(cx.waits_agg(w, true)::text, '(skipped=0,waits={2592000000000:1:0,2678400000000:1:0})',
	'a month counts as 30 days, as interval comparison counts it')
FROM (VALUES (interval '1 month'), ('31 days')) AS t(w);

-- errors
SELECT throws_ok($$SELECT cx.waits_agg('-1 second', true)$$, '22003', NULL, 'a negative wait is out of range');
SELECT throws_ok($$SELECT cx.wait_quantile('(skipped=0,waits={1:1:0})', 1)$$, '22023', NULL, 'p = 1 is a bad parameter');
SELECT throws_ok($$SELECT cx.wait_quantile('(skipped=0,waits={1:1:0})', 0)$$, '22023', NULL, 'p = 0 is a bad parameter');
SELECT throws_ok($$SELECT cx.share_done_by('(skipped=0,waits={1:1:0})', '1 day', 1.5)$$, '22023', NULL, 'confidence 1.5 is a bad parameter');
SELECT throws_ok($$SELECT '(skipped=0,waits={2:1:0,1:1:0})'::cx.waits$$, '22P02', NULL, 'waits out of order: invalid');
SELECT throws_ok($$SELECT '(skipped=0,waits={1:1:0,1:1:0})'::cx.waits$$, '22P02', NULL, 'a repeated wait: invalid');
SELECT throws_ok($$SELECT '(skipped=0,waits={1:0:0})'::cx.waits$$, '22P02', NULL, 'an empty wait: invalid');
SELECT throws_ok($$SELECT '(skipped=0,waits={-1:1:0})'::cx.waits$$, '22P02', NULL, 'a negative wait: invalid');
SELECT throws_ok($$SELECT '(skipped=0,waits={1:9223372036854775807:0,2:1:0})'::cx.waits$$, '22P02', NULL, 'counts that overflow: invalid');
SELECT throws_ok($$SELECT '(skipped=0,waits={1:1})'::cx.waits$$, '22P02', NULL, 'a short entry: syntax error');
SELECT throws_ok($$SELECT cx.waits_unmerge('(skipped=0,waits={1:1:0})', '(skipped=0,waits={1:2:0})')$$, '22023', NULL,
	'subtracting cases the summary does not hold is an error');

-- many cases: merge, parallel plans and rolling windows give one pass's summary
CREATE TABLE cases (service int, month int, waited interval, ended boolean);
INSERT INTO cases
SELECT i % 5, i % 12, make_interval(secs => ((i * 7919) % 100003) * 1.5), (i * 31) % 10 < 7
FROM generate_series(1, 60000) AS i;
INSERT INTO cases VALUES (1, 1, NULL, true), (2, 2, '1 day', NULL);
ANALYZE cases;
SELECT is((SELECT count(*) FROM (SELECT service, cx.merge(w) AS merged FROM (
	SELECT service, month, cx.waits_agg(waited, ended) AS w FROM cases GROUP BY service, month) AS m GROUP BY service) AS a
	JOIN (SELECT service, cx.waits_agg(waited, ended) AS w FROM cases GROUP BY service) AS b USING (service)
	WHERE merged OPERATOR(cx.=) w), 5::bigint, 'merging monthly summaries equals one pass, byte for byte');
SELECT is((SELECT cx.merge(w) OPERATOR(cx.=) (SELECT cx.waits_agg(waited, ended) FROM cases)
           FROM (SELECT cx.waits_agg(waited, ended) AS w FROM cases GROUP BY month ORDER BY month DESC) AS t),
	true, 'merging in another order gives the same summary');
SELECT is((SELECT cx.n(cx.waits_agg(waited, ended)) FROM cases), 60000::bigint, 'n over 60000 cases');
SET LOCAL parallel_setup_cost = 0;
SET LOCAL parallel_tuple_cost = 0;
SET LOCAL min_parallel_table_scan_size = 0;
SET LOCAL max_parallel_workers_per_gather = 2;
SELECT matches(cx_test.plan_of('SELECT service, cx.waits_agg(waited, ended) FROM cases GROUP BY service'),
	'Partial', 'cx.waits_agg gets a partial (parallel) plan');
CREATE TEMP TABLE parallel_result AS SELECT service, cx.waits_agg(waited, ended)::text AS w FROM cases GROUP BY service;
SET LOCAL max_parallel_workers_per_gather = 0;
SELECT is((SELECT count(*) FROM parallel_result p
           JOIN (SELECT service, cx.waits_agg(waited, ended)::text AS w FROM cases GROUP BY service) s USING (service)
           WHERE p.w = s.w), 5::bigint, 'the parallel plan gives the serial summaries');
RESET max_parallel_workers_per_gather;
SELECT is((SELECT count(*) FROM (
	SELECT cx.waits_agg(waited, ended) OVER w AS moving, i
	FROM (SELECT row_number() OVER (ORDER BY waited, ended) AS i, waited, ended FROM cases WHERE service = 3 LIMIT 400) AS t
	WINDOW w AS (ORDER BY i ROWS BETWEEN 99 PRECEDING AND CURRENT ROW)) AS m
	WHERE moving OPERATOR(cx.=) (SELECT cx.waits_agg(waited, ended)
	              FROM (SELECT row_number() OVER (ORDER BY waited, ended) AS i, waited, ended FROM cases WHERE service = 3 LIMIT 400) AS u
	              WHERE u.i BETWEEN m.i - 99 AND m.i)), 400::bigint,
	'rolling waits_agg (inverse transition) equals recomputing each window');
SELECT is((SELECT count(*) FROM (
	SELECT cx.merge(w) OVER (ORDER BY month ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS moving, month
	FROM (SELECT month, cx.waits_agg(waited, ended) AS w FROM cases GROUP BY month) AS t) AS m
	WHERE moving OPERATOR(cx.=) (SELECT cx.waits_agg(waited, ended) FROM cases c WHERE c.month BETWEEN m.month - 2 AND m.month)),
	12::bigint, 'rolling cx.merge (inverse transition) equals recomputing each window');
SELECT is((SELECT count(*) FROM (SELECT cx.waits_agg(waited, ended) AS w FROM cases GROUP BY service) AS t
           WHERE w::text::cx.waits OPERATOR(cx.=) w), 5::bigint, 'text round trip');
SELECT is((SELECT count(DISTINCT w) FROM (SELECT cx.waits_agg(waited, ended) AS w FROM cases GROUP BY service
           UNION ALL SELECT cx.waits_agg(waited, ended) FROM cases WHERE service = 1) AS t), 5::bigint,
	'DISTINCT works through the operator classes');

SELECT * FROM finish();
ROLLBACK;
