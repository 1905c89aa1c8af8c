-- journeys: the cx.journey type, cx.journey_agg, cx.merge and every accessor
SET TimeZone = 'UTC';
SET DateStyle = 'ISO, YMD';
SET IntervalStyle = 'postgres';
CREATE SCHEMA journey_test;
SET search_path = journey_test, public;

CREATE TABLE touchpoint (journey text, at timestamptz, stage text, score float8, channel text);
INSERT INTO touchpoint VALUES
	-- a benefit claim: apply online, call twice, get a decision, appeal
	('claim', '2024-03-01 09:00+00', 'apply',   4,    'web'),
	('claim', '2024-03-01 09:20+00', 'verify',  NULL, NULL),
	('claim', '2024-03-02 10:00+00', 'call',    2,    'phone'),
	('claim', '2024-03-02 10:30+00', 'call',    1,    'phone'),
	('claim', '2024-03-05 14:00+00', 'decide',  3,    'web'),
	('claim', NULL,                  'call',    1,    'phone'),
	('claim', '2024-03-06 08:00+00', NULL,      5,    'web'),
	-- a passport renewal: one touchpoint
	('passport', '2024-03-01 12:00+00', 'apply', 5, 'web'),
	-- ties on time: ordered by stage, then channel (unknown last), then score (unknown last)
	('ties', '2024-03-01 08:00+00', 'b', 3,    'web'),
	('ties', '2024-03-01 08:00+00', 'a', NULL, NULL),
	('ties', '2024-03-01 08:00+00', 'a', 2,    'web'),
	('ties', '2024-03-01 08:00+00', 'a', 1,    'web'),
	('ties', '2024-03-01 08:00+00', 'a', 1,    'phone'),
	('ties', '2024-03-01 08:00+00', 'a', NULL, 'web'),
	-- no scores, no channels
	('silent', '2024-03-01 10:00+00', 'apply', NULL, NULL),
	('silent', '2024-03-03 10:00+00', 'decide', NULL, NULL);

CREATE TABLE journeys AS
SELECT journey, cx.journey_agg(at, stage, score, channel) AS j
FROM touchpoint GROUP BY journey;

-- the text form: UTC times, journey order, unknowns as null
SELECT journey, j FROM journeys ORDER BY journey;

-- counts, times and stages
SELECT journey, cx.n(j), cx.skipped(j), cx.started_at(j), cx.ended_at(j), cx.duration(j),
       cx.first_stage(j), cx.last_stage(j)
FROM journeys ORDER BY journey;

SELECT journey, cx.path(j), cx.channels(j), cx.channel_switches(j),
       cx.repeats(j), cx.repeats(j, '1 hour'), cx.repeats(j, '30 minutes'), cx.repeats(j, NULL)
FROM journeys ORDER BY journey;

-- scores: end score is the last scored touchpoint; peak-end variants
SELECT journey, cx.mean_score(j), cx.min_score(j), cx.max_score(j), cx.end_score(j),
       cx.peak_end(j), cx.peak_end(j, 'best'), cx.peak_end(j, 'extreme', 3),
       cx.trend(j), cx.worst_stage(j), cx.fail_points(j, 3)
FROM journeys ORDER BY journey;

-- the issue's peak-end example: scores 4, 2, 5, 3
SELECT cx.peak_end(j) AS worst, cx.peak_end(j, 'best') AS best,
       cx.peak_end(j, 'extreme', 3) AS extreme, cx.peak_end(j, 'EXTREME', 3.5) AS extreme_35,
       cx.trend(j)
FROM (SELECT cx.journey_agg(at, 'step', s) AS j
      FROM unnest(ARRAY[4, 2, 5, 3]::float8[]) WITH ORDINALITY AS t(s, i),
           LATERAL (SELECT timestamptz '2024-01-01 00:00+00' + i * interval '1 minute' AS at) a) x;
-- 'extreme' ties go to the lower score: |1 - 3| = |5 - 3|
SELECT cx.peak_end(cx.journey_agg(at, 'x', s), 'extreme', 3)
FROM (VALUES (timestamptz '2024-01-01 00:00+00', 5.0::float8), ('2024-01-01 00:01+00', 1), ('2024-01-01 00:02+00', 4)) AS t(at, s);

-- reaching stages, time to them and dwell in them (repeated stages add up)
SELECT journey, cx.reached(j, 'call'), cx.reached(j, 'web') AS channel_is_no_stage,
       cx.time_to(j, 'call'), cx.time_to(j, 'decide'), cx.time_to(j, 'apply'),
       cx.dwell(j, 'call'), cx.dwell(j, 'decide'), cx.dwell(j, 'appeal')
FROM journeys ORDER BY journey;

-- the set-returning functions
SELECT t.* FROM journeys, cx.touchpoints(j) WITH ORDINALITY AS t WHERE journey = 'claim';
SELECT t.* FROM journeys, cx.transitions(j) AS t WHERE journey = 'claim';
SELECT t.* FROM journeys, cx.touchpoints(j) AS t WHERE journey = 'ties';
SELECT count(*) FROM journeys, cx.transitions(j) WHERE journey = 'passport';

-- funnels
CREATE FUNCTION pg_temp.j(VARIADIC steps text[]) RETURNS cx.journey LANGUAGE sql AS $$
	SELECT cx.journey_agg(timestamptz '2024-01-01 00:00+00' + split_part(s, '@', 2)::float8 * interval '1 second',
	                      split_part(s, '@', 1))
	FROM unnest(steps) AS s $$;
SELECT cx.funnel_depth(pg_temp.j('a@0'), '{a,a}') AS "a a over one a",
       cx.funnel_depth(pg_temp.j('a@0', 'b@1'), '{b,a}') AS "order matters",
       cx.funnel_depth(pg_temp.j('a@0', 'b@100', 'a@200', 'b@205', 'c@206'), '{a,b,c}', '10 seconds') AS "later start wins",
       cx.funnel_depth(pg_temp.j('a@0', 'b@10'), '{a,b}', '10 seconds') AS "window inclusive",
       cx.funnel_depth(pg_temp.j('a@0', 'b@10.000001'), '{a,b}', '10 seconds') AS "just outside",
       cx.funnel_depth(pg_temp.j('b@0', 'a@0'), '{a,b}') AS "tie a before b",
       cx.funnel_depth(pg_temp.j('b@0', 'a@0'), '{b,a}') AS "tie b after a";
SELECT cx.funnel_depth(j, '{a,b,c}') AS any_mode,
       cx.funnel_depth(j, '{a,b,c}', mode => 'adjacent') AS adjacent,
       cx.funnel_depth(j, '{x,c}', mode => 'adjacent') AS adjacent_later,
       cx.funnel_depth(j, '{a,b,c}', '2 seconds', 'adjacent') AS adjacent_window,
       cx.funnel_depth(j, '{}') AS no_steps,
       cx.funnel_depth(j, '{z,a}') AS first_never_reached,
       cx.funnel_depth(j, '{a,b,c}', NULL, NULL) AS null_mode
FROM (SELECT pg_temp.j('a@0', 'x@1', 'b@2', 'x@3', 'c@4', 'a@10', 'b@11', 'x@12', 'c@13') AS j) s;

-- empty journeys: from no rows and from skipped rows only
SELECT j, cx.n(j), cx.skipped(j), cx.duration(j), cx.path(j), cx.channels(j), cx.channel_switches(j),
       cx.repeats(j), cx.end_score(j), cx.peak_end(j), cx.funnel_depth(j, '{a}'), cx.reached(j, 'a'),
       cx.time_to(j, 'a'), cx.dwell(j, 'a')
FROM (SELECT cx.journey_agg(at, stage) AS j FROM touchpoint WHERE false) e;
SELECT cx.journey_agg(at, stage, score) FROM touchpoint WHERE at IS NULL OR stage IS NULL;

-- the two- and three-argument aggregates
SELECT cx.journey_agg(at, stage), cx.journey_agg(at, stage, score)
FROM touchpoint WHERE journey = 'claim';

-- merging partial journeys gives the one-pass journey, byte for byte
SELECT (SELECT cx.merge(p) FROM (SELECT cx.journey_agg(at, stage, score, channel) AS p
                                 FROM touchpoint WHERE journey = 'claim'
                                 GROUP BY date_trunc('day', at)) d)::text
     = (SELECT j::text FROM journeys WHERE journey = 'claim') AS merge_equals_one_pass;
SELECT cx.merge(j) FROM (VALUES (NULL::cx.journey)) AS t(j);
SELECT cx.journey_merge(j, NULL), cx.journey_merge(NULL, j) FROM journeys WHERE journey = 'passport';

-- jsonb
SELECT j::jsonb FROM journeys WHERE journey = 'claim';
SELECT cx.to_jsonb(j) FROM journeys WHERE journey = 'silent';

-- text input: any UTC offset, any order, stored in journey order; escapes
SELECT '(skipped=2,touchpoints=[("2024-03-01 10:00:00.5+01:00","say \"hi\"",3.25,"w\\eb"),("2024-03-01T08:00:00Z","start",null,null)])'::cx.journey;
SELECT '( skipped = 0 , touchpoints = [ ] )'::cx.journey;
SELECT '(skipped=0,touchpoints=[("0044-03-15 12:00:00+00 BC","ides",-1e-3,null),("294276-12-31 23:59:59.999999+00","end",1e300,null)])'::cx.journey;

-- bad input
SELECT cx.journey_agg(at, 'x', score) FROM (VALUES (now(), 'NaN'::float8)) AS t(at, score);
SELECT cx.journey_agg(at, 'x', score) FROM (VALUES (now(), '-Infinity'::float8)) AS t(at, score);
SELECT cx.journey_agg(at, 'x') FROM (VALUES ('infinity'::timestamptz)) AS t(at);
SELECT cx.peak_end(j, 'extreme') FROM journeys WHERE journey = 'claim';
SELECT cx.peak_end(j, 'extreme', 'NaN') FROM journeys WHERE journey = 'claim';
SELECT cx.peak_end(j, 'median') FROM journeys WHERE journey = 'claim';
SELECT cx.funnel_depth(j, '{apply}', mode => 'strict') FROM journeys WHERE journey = 'claim';
SELECT cx.funnel_depth(j, '{apply}', '-1 second') FROM journeys WHERE journey = 'claim';
SELECT cx.funnel_depth(j, '{apply,NULL}') FROM journeys WHERE journey = 'claim';
SELECT cx.repeats(j, '-1 day') FROM journeys WHERE journey = 'claim';
SELECT cx.fail_points(j, 'NaN') FROM journeys WHERE journey = 'claim';
SELECT 'garbage'::cx.journey;
SELECT '(skipped=0,touchpoints=[("2024-03-01 10:00:00","a",1,null)])'::cx.journey;
SELECT '(skipped=0,touchpoints=[("now","a",1,null)])'::cx.journey;
SELECT '(skipped=0,touchpoints=[("2024-02-30 10:00:00+00","a",1,null)])'::cx.journey;
SELECT '(skipped=0,touchpoints=[("2024-03-01 10:00:00+00","a",NaN,null)])'::cx.journey;
SELECT '(skipped=-1,touchpoints=[])'::cx.journey;
SELECT '(skipped=0,touchpoints=[("2024-03-01 10:00:00+00","a",1,null)]) trailing'::cx.journey;

-- strings order bytewise (C order), whatever the collation; -0 is stored as 0
SELECT cx.path(cx.journey_agg(at, s)), cx.channels(cx.journey_agg(at, 'x', NULL, s))
FROM (VALUES (timestamptz '2024-01-01 00:00+00', 'é'), ('2024-01-01 00:00+00', 'a'),
             ('2024-01-01 00:00+00', 'Z'), ('2024-01-01 00:00+00', 'ab')) AS t(at, s);
SELECT cx.journey_agg(at, 'x', s) FROM (VALUES (timestamptz '2024-01-01 00:00+00', '-0'::float8)) AS t(at, s);

RESET search_path;
DROP SCHEMA journey_test CASCADE;
