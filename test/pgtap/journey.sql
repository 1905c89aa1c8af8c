-- Behaviour and errors of cx.journey: every accessor against an independent
-- plain-SQL formulation over random journeys, order and split independence,
-- merges, forced parallel plans, huge journeys, and every error's SQLSTATE.
BEGIN;
SELECT plan(86);
SET LOCAL TimeZone = 'UTC';

-- 3,000 random journeys with ties on time, repeated stages, unknown scores
-- and channels, and rows skipped for a NULL time or stage
SELECT setseed(0.25);
CREATE TABLE tp AS
SELECT 1 + floor(random() * 3000)::int AS j,
       CASE WHEN random() < 0.01 THEN NULL
            ELSE timestamptz '2024-01-01 00:00+00' + floor(random() * 200) * interval '17 minutes' END AS at,
       CASE WHEN random() < 0.01 THEN NULL
            ELSE (ARRAY['apply', 'verify', 'call', 'decide', 'appeal', 'pay'])[1 + floor(random() * 6)::int] END AS stage,
       CASE WHEN random() < 0.25 THEN NULL ELSE 1 + floor(random() * 5) END::float8 AS score,
       CASE WHEN random() < 0.2 THEN NULL ELSE (ARRAY['web', 'phone', 'office'])[1 + floor(random() * 3)::int] END AS channel
FROM generate_series(1, 30000);
ANALYZE tp;
CREATE TABLE jr AS
SELECT j, cx.journey_agg(at, stage, score, channel) AS jy FROM tp GROUP BY j;

-- journey order, written out in plain SQL
CREATE VIEW ordered AS
SELECT j, at, stage, score, channel,
       row_number() OVER (PARTITION BY j ORDER BY at, stage COLLATE "C", channel COLLATE "C" NULLS LAST,
                                                  score NULLS LAST) AS pos
FROM tp WHERE at IS NOT NULL AND stage IS NOT NULL;
CREATE VIEW plain AS
SELECT j, count(*) AS n, min(at) AS started_at, max(at) AS ended_at, max(at) - min(at) AS duration,
       array_agg(stage ORDER BY pos) AS path,
       count(*) - count(DISTINCT stage) AS repeats,
       avg(score) AS mean_score, min(score) AS min_score, max(score) AS max_score,
       coalesce(array_agg(stage ORDER BY pos) FILTER (WHERE score < 3), '{}') AS fail_points,
       bool_or(stage = 'call') AS reached_call,
       min(at) FILTER (WHERE stage = 'call') - min(at) AS time_to_call
FROM ordered GROUP BY j;

-- mismatches between a cxvalue figure and its plain-SQL twin, over all journeys
CREATE FUNCTION pg_temp.mismatches(cx_figure text, plain_figure text, plain_from text DEFAULT 'SELECT * FROM plain')
RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
	result bigint;
BEGIN
	EXECUTE format('SELECT count(*) FROM jr LEFT JOIN (%s) p USING (j)
	                WHERE (%s) IS DISTINCT FROM (%s)', plain_from, cx_figure, plain_figure)
		INTO result;
	RETURN result;
END $$;

SELECT is(pg_temp.mismatches('cx.n(jy)', 'coalesce(p.n, 0)'), 0::bigint, 'n counts the touchpoints');
SELECT is(pg_temp.mismatches('cx.skipped(jy)', 'p.skipped',
	'SELECT j, count(*) FILTER (WHERE at IS NULL OR stage IS NULL) AS skipped FROM tp GROUP BY j'),
	0::bigint, 'skipped counts rows with a NULL time or stage');
SELECT is((SELECT sum(cx.n(jy) + cx.skipped(jy)) FROM jr), 30000::numeric, 'no row vanishes');
SELECT is(pg_temp.mismatches('cx.started_at(jy)', 'p.started_at'), 0::bigint, 'started_at');
SELECT is(pg_temp.mismatches('cx.ended_at(jy)', 'p.ended_at'), 0::bigint, 'ended_at');
SELECT is(pg_temp.mismatches('cx.duration(jy)::text', 'p.duration::text'), 0::bigint,
	'duration is ended_at - started_at, written as timestamptz subtraction writes it');
SELECT is(pg_temp.mismatches('cx.path(jy)', 'p.path'), 0::bigint, 'path lists the stages in journey order');
SELECT is(pg_temp.mismatches('cx.first_stage(jy)', 'p.path[1]'), 0::bigint, 'first_stage');
SELECT is(pg_temp.mismatches('cx.last_stage(jy)', 'p.path[p.n]'), 0::bigint, 'last_stage');
SELECT is(pg_temp.mismatches('cx.channels(jy)', 'coalesce(p.channels, ''{}'')',
	'SELECT j, array_agg(channel ORDER BY first_pos) AS channels
	 FROM (SELECT j, channel, min(pos) AS first_pos FROM ordered WHERE channel IS NOT NULL GROUP BY j, channel) c
	 GROUP BY j'), 0::bigint, 'channels: distinct known channels in order of first use');
SELECT is(pg_temp.mismatches('cx.channel_switches(jy)', 'p.switches',
	'SELECT j, count(*) FILTER (WHERE channel <> previous) AS switches
	 FROM (SELECT j, channel, lag(channel) OVER (PARTITION BY j ORDER BY pos) AS previous
	       FROM ordered WHERE channel IS NOT NULL) c GROUP BY j'),
	0::bigint, 'channel_switches skip unknown channels (NULL when none is known)');
SELECT is(cx.channel_switches(cx.journey_agg(at, 's', NULL, ch)), 0::bigint, 'web, unknown, web: no switch')
FROM (VALUES (timestamptz '2024-01-01 00:00+00', 'web'), ('2024-01-01 00:01+00', NULL), ('2024-01-01 00:02+00', 'web')) AS t(at, ch);
SELECT is(cx.channel_switches(cx.journey_agg(at, 's', NULL, ch)), 1::bigint, 'web, unknown, phone: one switch')
FROM (VALUES (timestamptz '2024-01-01 00:00+00', 'web'), ('2024-01-01 00:01+00', NULL), ('2024-01-01 00:02+00', 'phone')) AS t(at, ch);
SELECT is(pg_temp.mismatches('cx.repeats(jy)', 'coalesce(p.repeats, 0)'), 0::bigint,
	'repeats: touchpoints whose stage occurred before');
SELECT is(pg_temp.mismatches('cx.repeats(jy, ''1 hour'')', 'coalesce(p.repeats, 0)',
	'SELECT j, count(*) FILTER (WHERE at - previous <= interval ''1 hour'') AS repeats
	 FROM (SELECT j, at, lag(at) OVER (PARTITION BY j, stage ORDER BY pos) AS previous FROM ordered) r GROUP BY j'),
	0::bigint, 'repeats within an hour of the previous occurrence (inclusive)');
SELECT is(pg_temp.mismatches('cx.repeats(jy, ''1 day'')', 'coalesce(p.repeats, 0)',
	'SELECT j, count(*) FILTER (WHERE at - previous <= interval ''1 day'') AS repeats
	 FROM (SELECT j, at, lag(at) OVER (PARTITION BY j, stage ORDER BY pos) AS previous FROM ordered) r GROUP BY j'),
	0::bigint, 'repeats within a day');
SELECT is(pg_temp.mismatches('cx.mean_score(jy)', 'p.mean_score'), 0::bigint, 'mean_score');
SELECT is(pg_temp.mismatches('cx.min_score(jy)', 'p.min_score'), 0::bigint, 'min_score');
SELECT is(pg_temp.mismatches('cx.max_score(jy)', 'p.max_score'), 0::bigint, 'max_score');
SELECT is(pg_temp.mismatches('cx.end_score(jy)', 'p.end_score',
	'SELECT DISTINCT ON (j) j, score AS end_score FROM ordered WHERE score IS NOT NULL ORDER BY j, pos DESC'),
	0::bigint, 'end_score is the score of the last scored touchpoint');
SELECT is(pg_temp.mismatches('cx.peak_end(jy)', '(p.peak + p.end_score) / 2',
	'SELECT j, min(score) AS peak, (array_agg(score ORDER BY pos DESC) FILTER (WHERE score IS NOT NULL))[1] AS end_score
	 FROM ordered GROUP BY j'), 0::bigint, 'peak_end worst: (lowest + end) / 2');
SELECT is(pg_temp.mismatches('cx.peak_end(jy, ''best'')', '(p.peak + p.end_score) / 2',
	'SELECT j, max(score) AS peak, (array_agg(score ORDER BY pos DESC) FILTER (WHERE score IS NOT NULL))[1] AS end_score
	 FROM ordered GROUP BY j'), 0::bigint, 'peak_end best: (highest + end) / 2');
SELECT is(pg_temp.mismatches('cx.peak_end(jy, ''extreme'', 2.5)', '(p.peak + p.end_score) / 2',
	'SELECT j, (array_agg(score ORDER BY abs(score - 2.5) DESC, score) FILTER (WHERE score IS NOT NULL))[1] AS peak,
	        (array_agg(score ORDER BY pos DESC) FILTER (WHERE score IS NOT NULL))[1] AS end_score
	 FROM ordered GROUP BY j'), 0::bigint, 'peak_end extreme: farthest from neutral, the lower on ties');
SELECT is(pg_temp.mismatches('round(cx.trend(jy)::numeric, 9)', 'round(p.slope::numeric, 9)',
	'SELECT j, regr_slope(score, k) AS slope
	 FROM (SELECT j, score, row_number() OVER (PARTITION BY j ORDER BY pos) AS k FROM ordered WHERE score IS NOT NULL) s
	 GROUP BY j'), 0::bigint, 'trend is the least-squares slope over scored touchpoints');
SELECT is(pg_temp.mismatches('cx.worst_stage(jy)', 'p.stage',
	'SELECT DISTINCT ON (j) j, stage FROM ordered WHERE score IS NOT NULL ORDER BY j, score, pos'),
	0::bigint, 'worst_stage: lowest score, earliest on ties');
SELECT is(pg_temp.mismatches('cx.fail_points(jy, 3)', 'coalesce(p.fail_points, ''{}'')'), 0::bigint,
	'fail_points: stages scored below the threshold, in order');
SELECT is(pg_temp.mismatches('cx.reached(jy, ''call'')', 'coalesce(p.reached_call, false)'), 0::bigint, 'reached');
SELECT is(pg_temp.mismatches('cx.time_to(jy, ''call'')::text', 'p.time_to_call::text'), 0::bigint,
	'time_to: first touchpoint to the first occurrence');
SELECT is(pg_temp.mismatches('cx.dwell(jy, ''call'')::text', 'justify_hours(p.dwell)::text',
	'SELECT j, sum(coalesce(next_at - at, interval ''0'')) FILTER (WHERE stage = ''call'') AS dwell
	 FROM (SELECT j, at, stage, lead(at) OVER (PARTITION BY j ORDER BY pos) AS next_at FROM ordered) d GROUP BY j'),
	0::bigint, 'dwell: time from each touchpoint of the stage to the next, summed');
SELECT is(pg_temp.mismatches(
	'(SELECT array_agg(row(at, stage, score, channel)::text ORDER BY o) FROM cx.touchpoints(jy) WITH ORDINALITY AS t(at, stage, score, channel, o))',
	'p.touchpoints',
	'SELECT j, array_agg(row(at, stage, score, channel)::text ORDER BY pos) AS touchpoints FROM ordered GROUP BY j'),
	0::bigint, 'touchpoints returns every touchpoint in journey order');
SELECT is(pg_temp.mismatches(
	'(SELECT array_agg(row(f, tt, s)::text ORDER BY o) FROM cx.transitions(jy) WITH ORDINALITY AS t(f, tt, s, o))',
	'p.transitions',
	'SELECT j, array_agg(row(stage, next_stage, extract(epoch FROM next_at - at)::float8)::text ORDER BY pos) AS transitions
	 FROM (SELECT j, pos, at, stage, lead(stage) OVER w AS next_stage, lead(at) OVER w AS next_at
	       FROM ordered WINDOW w AS (PARTITION BY j ORDER BY pos)) t
	 WHERE next_stage IS NOT NULL GROUP BY j'),
	0::bigint, 'transitions: each adjacent pair with the seconds between');

-- funnels against a brute-force search over positions
SELECT is(pg_temp.mismatches('cx.funnel_depth(jy, ''{apply,call,decide}'', ''2 days'')', 'coalesce(p.depth, 0)',
	'SELECT a.j, max(CASE WHEN c.pos IS NOT NULL THEN 3 WHEN b.pos IS NOT NULL THEN 2 ELSE 1 END) AS depth
	 FROM ordered a
	 LEFT JOIN ordered b ON b.j = a.j AND b.stage = ''call'' AND b.pos > a.pos AND b.at - a.at <= interval ''2 days''
	 LEFT JOIN ordered c ON c.j = a.j AND c.stage = ''decide'' AND c.pos > b.pos AND c.at - a.at <= interval ''2 days''
	 WHERE a.stage = ''apply'' GROUP BY a.j'),
	0::bigint, 'funnel_depth any: the best chain of steps within the window');
SELECT is(pg_temp.mismatches('cx.funnel_depth(jy, ''{call,call,apply}'')', 'coalesce(p.depth, 0)',
	'SELECT a.j, max(CASE WHEN c.pos IS NOT NULL THEN 3 WHEN b.pos IS NOT NULL THEN 2 ELSE 1 END) AS depth
	 FROM ordered a
	 LEFT JOIN ordered b ON b.j = a.j AND b.stage = ''call'' AND b.pos > a.pos
	 LEFT JOIN ordered c ON c.j = a.j AND c.stage = ''apply'' AND c.pos > b.pos
	 WHERE a.stage = ''call'' GROUP BY a.j'),
	0::bigint, 'funnel_depth any: a repeated step needs two touchpoints');
SELECT is(pg_temp.mismatches('cx.funnel_depth(jy, ''{apply,call,decide}'', ''1 day'', ''adjacent'')', 'coalesce(p.depth, 0)',
	'SELECT a.j, max(CASE WHEN c.pos IS NOT NULL THEN 3 WHEN b.pos IS NOT NULL THEN 2 ELSE 1 END) AS depth
	 FROM ordered a
	 LEFT JOIN ordered b ON b.j = a.j AND b.stage = ''call'' AND b.pos = a.pos + 1 AND b.at - a.at <= interval ''1 day''
	 LEFT JOIN ordered c ON c.j = a.j AND c.stage = ''decide'' AND c.pos = b.pos + 1 AND c.at - a.at <= interval ''1 day''
	 WHERE a.stage = ''apply'' GROUP BY a.j'),
	0::bigint, 'funnel_depth adjacent: consecutive touchpoints within the window');
SELECT is(cx.funnel_depth(jy, '{call,decide}', mode => 'ANY'), cx.funnel_depth(jy, '{call,decide}'),
	'modes are case-insensitive') FROM jr WHERE j = 1;

-- the result never depends on input order, plan or split
SELECT is((SELECT count(*) FROM (
	SELECT j, cx.journey_agg(at, stage, score, channel ORDER BY random())::text AS a,
	          cx.journey_agg(at, stage, score, channel ORDER BY at DESC, stage DESC, channel DESC, score DESC)::text AS b
	FROM tp GROUP BY j) o WHERE a <> b), 0::bigint, 'input order does not matter');
SELECT is((SELECT count(*) FROM (SELECT j, cx.merge(p)::text AS m FROM (
	SELECT j, cx.journey_agg(at, stage, score, channel) AS p FROM tp GROUP BY j, date_trunc('day', at)) d GROUP BY j) m
	JOIN jr USING (j) WHERE m <> jy::text), 0::bigint, 'merging daily journeys gives the one-pass journey');
SELECT is((SELECT count(*) FROM (SELECT j, cx.merge(p ORDER BY random())::text AS m FROM (
	SELECT j, cx.journey_agg(at, stage, score, channel) AS p FROM tp GROUP BY j, stage, channel) d GROUP BY j) m
	JOIN jr USING (j) WHERE m <> jy::text), 0::bigint, 'merging overlapping partials, in any order, gives the one-pass journey');
SELECT is((SELECT count(*) FROM (SELECT j, cx.merge(p)::text AS m FROM (
	SELECT j, cx.journey_agg(at, stage, score, channel) AS p FROM tp GROUP BY j, random() < 0.5) d GROUP BY j) m
	JOIN jr USING (j) WHERE m <> jy::text), 0::bigint, 'merging a random split gives the one-pass journey');
SELECT is((SELECT cx.merge(jy)::text FROM jr), (SELECT cx.journey_agg(at, stage, score, channel)::text FROM tp),
	'merging all journeys equals one journey of every row');
SELECT is((SELECT cx.journey_merge(a, b)::text FROM
	(SELECT cx.journey_agg(at, stage, score, channel) FILTER (WHERE score > 2) AS a,
	        cx.journey_agg(at, stage, score, channel) FILTER (WHERE score <= 2 OR score IS NULL) AS b FROM tp WHERE j = 7) s),
	(SELECT jy::text FROM jr WHERE j = 7), 'journey_merge of two halves');
SELECT is((SELECT cx.merge(p)::text FROM (VALUES (NULL::cx.journey), (NULL)) AS t(p)),
	'(skipped=0,touchpoints=[])', 'merging only NULLs gives an empty journey');

-- parallel plans
CREATE TEMP TABLE serial AS
SELECT md5(string_agg(jy::text, E'\n' ORDER BY j)) AS journeys,
       (SELECT md5(cx.journey_agg(at, stage, score, channel)::text) FROM tp) AS one,
       (SELECT md5(cx.merge(jy)::text) FROM jr) AS merged
FROM jr;
SET LOCAL parallel_setup_cost = 0;
SET LOCAL parallel_tuple_cost = 0;
SET LOCAL min_parallel_table_scan_size = 0;
SET LOCAL max_parallel_workers_per_gather = 2;
SET LOCAL enable_hashagg = off;
SELECT matches(cx_test.plan_of('SELECT j, cx.journey_agg(at, stage, score, channel) FROM tp GROUP BY j'),
	'Finalize GroupAggregate.*Partial GroupAggregate.*Parallel Seq Scan', 'a forced parallel plan aggregates partial journeys');
SELECT is((SELECT md5(string_agg(p::text, E'\n' ORDER BY j)) FROM
	(SELECT j, cx.journey_agg(at, stage, score, channel) AS p FROM tp GROUP BY j) s),
	(SELECT journeys FROM serial), 'parallel group aggregate equals the serial journeys');
RESET enable_hashagg;
SELECT matches(cx_test.plan_of('SELECT cx.journey_agg(at, stage, score, channel) FROM tp'),
	'Finalize Aggregate.*Gather.*Partial Aggregate.*Parallel Seq Scan', 'one journey over all rows, in parallel');
SELECT is((SELECT md5(cx.journey_agg(at, stage, score, channel)::text) FROM tp), (SELECT one FROM serial),
	'partial states serialised, combined and finalised equal the serial journey');
SELECT is((SELECT md5(string_agg(p::text, E'\n' ORDER BY j)) FROM
	(SELECT j, cx.journey_agg(at, stage, score, channel) AS p FROM tp GROUP BY j) s),
	(SELECT journeys FROM serial), 'parallel hash aggregate equals the serial journeys');
SELECT matches(cx_test.plan_of('SELECT cx.merge(jy) FROM jr'), 'Partial Aggregate', 'cx.merge runs in parallel plans');
SELECT is((SELECT md5(cx.merge(jy)::text) FROM jr), (SELECT merged FROM serial), 'a parallel merge equals the serial one');
SET LOCAL max_parallel_workers_per_gather = 0;

-- hash aggregation that spills to disk, and grouping sets in sorted mode
-- (one aggregate context per set): states, logs and resets stay apart
SET LOCAL work_mem = '64kB';
SET LOCAL enable_sort = off;
SELECT matches(cx_test.plan_of('SELECT j, cx.journey_agg(at, stage, score, channel) FROM tp GROUP BY j'),
	'HashAggregate', 'a hash aggregate with little memory');
SELECT is((SELECT md5(string_agg(p::text, E'\n' ORDER BY j)) FROM
	(SELECT j, cx.journey_agg(at, stage, score, channel) AS p FROM tp GROUP BY j) s),
	(SELECT journeys FROM serial), 'a hash aggregate that spills gives the same journeys');
RESET work_mem;
RESET enable_sort;
SET LOCAL enable_hashagg = off;
SELECT is((SELECT count(*) FROM (
	SELECT j, stage, GROUPING(j) = 0 AS by_journey, cx.journey_agg(at, stage, score, channel)::text AS p
	FROM tp GROUP BY GROUPING SETS ((j), (stage))) g
	LEFT JOIN jr ON g.by_journey AND jr.j = g.j
	LEFT JOIN (SELECT stage, cx.journey_agg(at, stage, score, channel)::text AS q FROM tp GROUP BY stage) s
	       ON NOT g.by_journey AND s.stage IS NOT DISTINCT FROM g.stage
	WHERE p IS DISTINCT FROM coalesce(jy::text, q)), 0::bigint,
	'grouping sets aggregate each set as if alone');
RESET enable_hashagg;

-- window use: the final function may run repeatedly on a growing state
SELECT is((SELECT count(*) FROM (
	SELECT pos, cx.n(cx.journey_agg(at, stage) OVER (ORDER BY pos)) AS running FROM ordered WHERE j = 5) w
	WHERE running <> pos), 0::bigint, 'a running journey grows by one touchpoint a row');
SELECT is((SELECT count(*) FROM (
	SELECT pos, cx.journey_agg(at, stage, score, channel) OVER (ORDER BY pos ROWS BETWEEN 2 PRECEDING AND CURRENT ROW)::text AS sliding,
	       (SELECT cx.journey_agg(at, stage, score, channel)::text FROM ordered o
	        WHERE o.j = 9 AND o.pos BETWEEN w.pos - 2 AND w.pos) AS fresh
	FROM ordered w WHERE j = 9) s
	WHERE sliding IS DISTINCT FROM fresh), 0::bigint, 'a sliding window of three touchpoints equals fresh aggregation');

-- text and jsonb
SELECT is((SELECT count(*) FROM jr WHERE jy::text::cx.journey::text <> jy::text), 0::bigint, 'text round trip');
SELECT is((SELECT count(*) FROM jr WHERE (jy::jsonb ->> 'n')::bigint <> cx.n(jy)
	OR jsonb_array_length(jy::jsonb -> 'touchpoints') <> cx.n(jy)), 0::bigint, 'jsonb carries every touchpoint');
SELECT is((SELECT jy::jsonb -> 'touchpoints' -> 0 ->> 'stage' FROM jr WHERE j = 3), (SELECT cx.first_stage(jy) FROM jr WHERE j = 3),
	'jsonb touchpoints are in journey order');
SELECT ok((SELECT bool_and(pg_column_size(jy) <= 24 + 32 * cx.n(jy)
	                         + (SELECT coalesce(sum(octet_length(s)), 0) FROM (SELECT DISTINCT unnest(cx.path(jy) || cx.channels(jy)) AS s) d))
	FROM jr), 'a journey takes at most 32 bytes per touchpoint plus each distinct string once');
SELECT is((SELECT pg_column_size(jy) FROM jr WHERE j = 2),
	24 + 24 * cx.n(jy)::int + (SELECT sum(4 + octet_length(s))::int FROM (SELECT DISTINCT unnest(cx.path(jy) || cx.channels(jy)) AS s) d),
	'the size is 24 bytes, 24 per touchpoint, and 4 plus its length per distinct string') FROM jr WHERE j = 2;

-- huge journeys: a million touchpoints in one journey
CREATE TEMP TABLE huge AS
SELECT cx.journey_agg(timestamptz '2024-01-01 00:00+00' + i * interval '1 second', 'stage ' || (i % 1000),
                      (i % 5)::float8, CASE WHEN i % 3 = 0 THEN 'web' END) AS jy
FROM generate_series(1, 1000000) AS i;
SELECT is((SELECT cx.n(jy) FROM huge), 1000000::bigint, 'a journey of a million touchpoints');
SELECT is((SELECT cx.repeats(jy) FROM huge), 999000::bigint, 'its repeats');
SELECT is((SELECT cx.duration(jy) FROM huge), interval '999999 seconds', 'its duration');
SELECT is((SELECT md5(jy::text::cx.journey::text) FROM huge), (SELECT md5(jy::text) FROM huge), 'its text round trip');
SELECT is((SELECT md5(cx.journey_merge(a, b)::text) FROM
	(SELECT cx.journey_agg(at, s) FILTER (WHERE i % 2 = 0) AS a, cx.journey_agg(at, s) FILTER (WHERE i % 2 = 1) AS b
	 FROM (SELECT i, timestamptz '2024-01-01 00:00+00' + (i % 1000) * interval '1 second' AS at, 's' || (i % 7) AS s
	       FROM generate_series(1, 1000000) AS i) g) h),
	(SELECT md5(cx.journey_agg(timestamptz '2024-01-01 00:00+00' + (i % 1000) * interval '1 second', 's' || (i % 7))::text)
	 FROM generate_series(1, 1000000) AS i), 'merging two halves of a million touchpoints equals one pass');
SELECT is((SELECT cx.funnel_depth(jy, ARRAY['stage 1', 'stage 2', 'stage 3'], '2 seconds') FROM huge), 3,
	'funnels over a million touchpoints');
SELECT is((SELECT cx.n(cx.journey_agg(at, 'distinct ' || i)) FROM
	(SELECT i, timestamptz '2024-01-01 00:00+00' + i * interval '1 second' AS at FROM generate_series(1, 200000) AS i) g),
	200000::bigint, 'a journey whose every stage is distinct');

-- errors, with their SQLSTATEs
SELECT throws_ok($$SELECT cx.journey_agg(now(), 'x', 'NaN')$$, '22003',
	'touchpoint score must be a finite number, got NaN', 'NaN score: 22003');
SELECT throws_ok($$SELECT cx.journey_agg(now(), 'x', 'Infinity', 'web')$$, '22003',
	'touchpoint score must be a finite number, got Infinity', 'infinite score: 22003');
SELECT throws_ok($$SELECT cx.journey_agg('-infinity', 'x')$$, '22008',
	'touchpoint time must be finite', 'infinite time: 22008');
SELECT throws_ok($$SELECT cx.peak_end(jy, 'extreme') FROM jr$$, '22023',
	'peak mode "extreme" needs a neutral score', 'extreme without a neutral point: 22023');
SELECT throws_ok($$SELECT cx.peak_end(jy, 'extreme', 'Infinity') FROM jr$$, '22023',
	'neutral score must be a finite number', 'infinite neutral point: 22023');
SELECT throws_ok($$SELECT cx.peak_end(jy, 'last') FROM jr$$, '22023',
	'unknown peak mode "last"', 'unknown peak mode: 22023');
SELECT throws_ok($$SELECT cx.peak_end(cx.journey_agg(now(), 'x'), 'bad')$$, '22023', NULL,
	'unknown peak mode is an error even without scores');
SELECT throws_ok($$SELECT cx.funnel_depth(jy, '{apply}', NULL, 'next') FROM jr$$, '22023',
	'unknown funnel mode "next"', 'unknown funnel mode: 22023');
SELECT throws_ok($$SELECT cx.funnel_depth(jy, '{apply}', '-1 hour') FROM jr$$, '22023',
	'within must not be a negative interval', 'negative funnel window: 22023');
SELECT throws_ok($$SELECT cx.repeats(jy, '-1 hour') FROM jr$$, '22023',
	'within must not be a negative interval', 'negative repeat window: 22023');
SELECT throws_ok($$SELECT cx.funnel_depth(jy, ARRAY['apply', NULL]) FROM jr$$, '22004',
	'funnel steps must not be NULL', 'NULL funnel step: 22004');
SELECT throws_ok($$SELECT cx.fail_points(jy, 'NaN') FROM jr$$, '22023',
	'below must be a number, got NaN', 'NaN threshold: 22023');
SELECT throws_ok($$SELECT 'nonsense'::cx.journey$$, '22P02', NULL, 'malformed text: 22P02');
SELECT throws_ok($$SELECT '(skipped=0,touchpoints=[("2024-01-01 00:00:00","a",1,null)])'::cx.journey$$, '22P02', NULL,
	'a time without a UTC offset: 22P02');
SELECT throws_ok($$SELECT '(skipped=0,touchpoints=[("epoch","a",1,null)])'::cx.journey$$, '22P02', NULL,
	'special time words: 22P02');
SELECT throws_ok($$SELECT '(skipped=0,touchpoints=[("2024-01-01 00:00:00+00","a",Infinity,null)])'::cx.journey$$, '22003', NULL,
	'an infinite score in text: 22003');
SELECT throws_ok($$SELECT '(skipped=99999999999999999999,touchpoints=[])'::cx.journey$$, '22003', NULL,
	'a skipped count out of range: 22003');
SELECT throws_ok($$SELECT '(skipped=0,touchpoints=[("2024-01-01 00:00:00+00","a",1,null),])'::cx.journey$$, '22P02', NULL,
	'a trailing comma: 22P02');
SELECT throws_ok($$SELECT '(skipped=0,touchpoints=[("2024-01-01 00:00:00+00","a",1)])'::cx.journey$$, '22P02', NULL,
	'a touchpoint without its channel: 22P02');
SELECT throws_ok($$SELECT '(skipped=0,touchpoints=[("99999999-01-01 00:00:00+00","a",1,null)])'::cx.journey$$, '22008', NULL,
	'a time out of range: 22008');

SELECT * FROM finish();
ROLLBACK;
