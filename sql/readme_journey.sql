-- The README's journey examples, run as written there.
SET TimeZone = 'UTC';
SET DateStyle = 'ISO, YMD';
SET IntervalStyle = 'postgres';
CREATE SCHEMA readme_journey;
SET search_path = readme_journey, public;

CREATE TABLE touchpoint (
    journey_id int,
    at         timestamptz,
    stage      text,
    score      float8,    -- satisfaction 1..5, NULL if not asked
    channel    text       -- NULL if not recorded
);
INSERT INTO touchpoint VALUES
    (1, '2024-05-01 09:00+00', 'apply',  4,    'web'),
    (1, '2024-05-01 09:40+00', 'verify', NULL, 'web'),
    (1, '2024-05-03 10:00+00', 'decide', 5,    'email'),
    (2, '2024-05-01 10:00+00', 'apply',  3,    'web'),
    (2, '2024-05-02 11:00+00', 'call',   2,    'phone'),
    (2, '2024-05-02 11:30+00', 'call',   1,    'phone'),
    (2, '2024-05-06 15:00+00', 'verify', NULL, NULL),
    (2, '2024-05-08 09:00+00', 'decide', 3,    'email'),
    (3, '2024-05-02 08:00+00', 'apply',  NULL, 'office'),
    (3, NULL,                  'call',   2,    'phone');

SELECT journey_id,
       cx.n(j)                AS touchpoints,
       cx.duration(j)         AS duration,
       cx.repeats(j)          AS repeats,
       cx.channel_switches(j) AS switches,
       cx.end_score(j)        AS end_score,
       cx.peak_end(j)         AS peak_end
FROM (SELECT journey_id, cx.journey_agg(at, stage, score, channel) AS j
      FROM touchpoint GROUP BY journey_id) AS journeys
ORDER BY journey_id;

CREATE TABLE journey AS
SELECT journey_id, cx.journey_agg(at, stage, score, channel) AS j
FROM touchpoint GROUP BY journey_id;

SELECT j FROM journey WHERE journey_id = 3;

SELECT journey_id, cx.path(j), cx.channels(j), cx.worst_stage(j),
       cx.fail_points(j, 3) AS below_3, cx.skipped(j)
FROM journey ORDER BY journey_id;

SELECT journey_id,
       cx.peak_end(j)                AS worst_and_end,
       cx.peak_end(j, 'best')        AS best_and_end,
       cx.peak_end(j, 'extreme', 3)  AS extreme_and_end,
       cx.mean_score(j)              AS mean,
       cx.trend(j)                   AS trend
FROM journey ORDER BY journey_id;

SELECT journey_id,
       cx.repeats(j)                   AS repeats,
       cx.repeats(j, interval '1 hour') AS repeats_within_an_hour,
       cx.time_to(j, 'decide')         AS time_to_decision,
       cx.dwell(j, 'call')             AS time_after_calls
FROM journey ORDER BY journey_id;

SELECT journey_id,
       cx.funnel_depth(j, ARRAY['apply', 'verify', 'decide'])                        AS funnel,
       cx.funnel_depth(j, ARRAY['apply', 'verify', 'decide'], interval '3 days')     AS within_3_days,
       cx.funnel_depth(j, ARRAY['apply', 'verify', 'decide'], mode => 'adjacent')    AS without_detours
FROM journey ORDER BY journey_id;

SELECT from_stage, to_stage, count(*) AS journeys,
       round((avg(seconds) / 3600)::numeric, 1) AS avg_hours
FROM journey, cx.transitions(j)
GROUP BY from_stage, to_stage
ORDER BY journeys DESC, from_stage, to_stage;

SELECT t.* FROM journey, cx.touchpoints(j) AS t WHERE journey_id = 1;

CREATE TABLE daily_journey AS
SELECT date_trunc('day', at) AS day, journey_id,
       cx.journey_agg(at, stage, score, channel) AS j
FROM touchpoint GROUP BY 1, 2;

SELECT journey_id, cx.n(cx.merge(j)), cx.duration(cx.merge(j))
FROM daily_journey GROUP BY journey_id ORDER BY journey_id;

SELECT (SELECT cx.merge(j) FROM daily_journey WHERE journey_id = 2)::text
     = (SELECT j FROM journey WHERE journey_id = 2)::text AS same_journey;

SELECT jsonb_pretty(j::jsonb) FROM journey WHERE journey_id = 1;

SELECT journey_id, pg_column_size(j) AS bytes FROM journey ORDER BY journey_id;

RESET search_path;
DROP SCHEMA readme_journey CASCADE;
