-- The workspace over the synthetic sample of test/data/synthetic.sql:
-- 100,000 journeys, about 480,000 touchpoints.
--   1. the all-time scorecard's journey figures (journeys, median duration,
--      repeat-contact rate, mean channel switches per service), read from
--      the rollups, against the plain SQL an analyst writes (lag(),
--      count(DISTINCT)) and against the 0.1.0 way (cx.journey_agg per
--      journey, recomputed at every query); the floor is one scan of the raw
--      touchpoints (count(*), avg(score) GROUP BY service);
--   2. the same per month (service_scorecard_by_period);
--   3. the satisfaction top-2-box per service, from the rollups, against
--      plain SQL over the answers;
--   4. cx.refresh_workspace after 1% new rows (journeys, touchpoints,
--      answers) against a full rebuild, the two checked equal.
SET max_parallel_workers_per_gather = 0;
SET timezone = 'UTC';
SELECT cx.create_workspace('bench_ws');
\ir ../data/synthetic.sql
SELECT cx_synthetic('bench_ws', 100000, 1);
VACUUM ANALYZE bench_ws.journeys, bench_ws.touchpoints, bench_ws.survey_answers;

CREATE TEMP TABLE refresh_ms (what text, ms float8);
CREATE FUNCTION pg_temp.timed_refresh(what text, rebuild boolean) RETURNS float8 LANGUAGE plpgsql AS $$
DECLARE t0 timestamptz := clock_timestamp(); ms float8;
BEGIN
	PERFORM cx.refresh_workspace('bench_ws', rebuild);
	ms := extract(epoch FROM clock_timestamp() - t0) * 1000;
	INSERT INTO refresh_ms VALUES (what, ms);
	RETURN ms;
END $$;
SELECT pg_temp.timed_refresh('load', false);
VACUUM ANALYZE;

-- 1. All time.  Durations in hours, rounded to 1e-9, so that the three agree exactly.
SELECT bench.compare('workspace all-time scorecard from rollups vs plain SQL (100k journeys)',
	$$SELECT service, journeys, round(median_duration_hours::numeric, 9) AS median_hours,
	         round(repeat_contact_rate::numeric, 9) AS repeat_rate, round(mean_channel_switches::numeric, 9) AS switches
	  FROM bench_ws.service_scorecard$$,
	$$WITH switches AS (
	    SELECT service, journey_id, count(*) FILTER (WHERE channel <> previous) AS switches
	    FROM (SELECT service, journey_id, channel,
	                 lag(channel) OVER (PARTITION BY service, journey_id
	                                    ORDER BY at, stage, channel, score) AS previous
	          FROM bench_ws.touchpoints WHERE channel IS NOT NULL) t
	    GROUP BY service, journey_id),
	  journeys AS (
	    SELECT service, journey_id, extract(epoch FROM max(at) - min(at))::float8 / 3600 AS hours,
	           count(*) > count(DISTINCT stage) AS repeated
	    FROM bench_ws.touchpoints GROUP BY service, journey_id)
	  SELECT j.service, count(*), round(percentile_cont(0.5) WITHIN GROUP (ORDER BY j.hours)::numeric, 9),
	         round(avg(j.repeated::int)::numeric, 9), round((sum(coalesce(s.switches, 0))::float8 / count(*))::numeric, 9)
	  FROM journeys j LEFT JOIN switches s USING (service, journey_id)
	  GROUP BY j.service$$,
	$$SELECT service, count(*), avg(score) FROM bench_ws.touchpoints GROUP BY service$$);

SELECT bench.compare('workspace all-time scorecard from rollups vs 0.1.0 recomputing (cx.journey_agg per query)',
	$$SELECT service, journeys, round(median_duration_hours::numeric, 9) AS median_hours,
	         round(repeat_contact_rate::numeric, 9) AS repeat_rate, round(mean_channel_switches::numeric, 9) AS switches
	  FROM bench_ws.service_scorecard$$,
	$$SELECT service, count(*),
	         round(percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM cx.duration(j))::float8 / 3600)::numeric, 9),
	         round(avg((cx.repeats(j) > 0)::int)::numeric, 9),
	         round(avg(coalesce(cx.channel_switches(j), 0))::numeric, 9)
	  FROM (SELECT service, cx.journey_agg(at, stage, score, channel) AS j
	        FROM bench_ws.touchpoints GROUP BY service, journey_id) a
	  GROUP BY service$$,
	$$SELECT service, count(*), avg(score) FROM bench_ws.touchpoints GROUP BY service$$);

-- 2. Per month: a journey in the month of its first touchpoint.
SELECT bench.compare('workspace monthly scorecard from rollups vs plain SQL (100k journeys)',
	$$SELECT service, period_start, journeys, touchpoints, round(median_duration_hours::numeric, 9) AS median_hours,
	         round(repeat_contact_rate::numeric, 9) AS repeat_rate
	  FROM bench_ws.service_scorecard_by_period WHERE grain = 'month' AND journeys > 0$$,
	$$SELECT service, date_trunc('month', start_at AT TIME ZONE 'UTC')::date, count(*), sum(n)::bigint,
	         round(percentile_cont(0.5) WITHIN GROUP (ORDER BY hours)::numeric, 9),
	         round(avg(repeated::int)::numeric, 9)
	  FROM (SELECT service, journey_id, min(at) AS start_at, count(*) AS n,
	               extract(epoch FROM max(at) - min(at))::float8 / 3600 AS hours,
	               count(*) > count(DISTINCT stage) AS repeated
	        FROM bench_ws.touchpoints GROUP BY service, journey_id) j
	  GROUP BY 1, 2$$,
	$$SELECT service, date_trunc('month', at AT TIME ZONE 'UTC'), count(*), avg(score)
	  FROM bench_ws.touchpoints GROUP BY 1, 2$$);

-- 3. Survey: satisfaction top-2-box per service and month.
SELECT bench.compare('workspace monthly satisfaction top-2-box from rollups vs plain SQL',
	$$SELECT service, period_start, answers, round(top2_share::numeric, 12) AS top2
	  FROM bench_ws.survey_items_by_period WHERE grain = 'month' AND item = 'satisfaction' AND answers > 0$$,
	$$SELECT service, date_trunc('month', answered_at AT TIME ZONE 'UTC')::date, count(answer),
	         round((count(*) FILTER (WHERE answer >= 4))::numeric / count(answer), 12)
	  FROM bench_ws.survey_answers WHERE item = 'satisfaction' GROUP BY 1, 2 HAVING count(answer) > 0$$,
	$$SELECT service, date_trunc('month', answered_at AT TIME ZONE 'UTC'), count(*), avg(answer)
	  FROM bench_ws.survey_answers WHERE item = 'satisfaction' GROUP BY 1, 2$$);

-- 4. 1% new rows: every 100th journey again, under a new id, with its
-- touchpoints and answers; then an incremental refresh, checked equal to a
-- full rebuild.
INSERT INTO bench_ws.journeys (provider, service, journey_id, customer_id, segment, outcome, completed)
SELECT provider, service, journey_id || '-again', customer_id, segment, outcome, completed
FROM bench_ws.journeys WHERE hashtext(journey_id) % 100 = 0;
INSERT INTO bench_ws.touchpoints (provider, service, journey_id, at, stage, channel, score)
SELECT provider, service, journey_id || '-again', at + interval '3 days', stage, channel, score
FROM bench_ws.touchpoints WHERE hashtext(journey_id) % 100 = 0;
INSERT INTO bench_ws.survey_answers (provider, service, journey_id, respondent_id, answered_at, item, answer, lo, hi)
SELECT provider, service, journey_id || '-again', respondent_id, answered_at + interval '3 days', item, answer, lo, hi
FROM bench_ws.survey_answers WHERE hashtext(journey_id) % 100 = 0;
INSERT INTO bench_ws.value_answers (provider, service, journey_id, respondent_id, answered_at, dimension, score, lo, hi)
SELECT provider, service, journey_id || '-again', respondent_id, answered_at + interval '3 days', dimension, score, lo, hi
FROM bench_ws.value_answers WHERE hashtext(journey_id) % 100 = 0;
SELECT count(*) AS changes_waiting FROM bench_ws.changes;
SELECT pg_temp.timed_refresh('incremental after 1% new rows', false);
CREATE TEMP TABLE incremental AS
SELECT 'journeys' AS t, md5(string_agg(r::text, '' ORDER BY r::text)) AS d FROM bench_ws.rollup_journeys r
UNION ALL SELECT 'journey_days', md5(string_agg(r::text, '' ORDER BY r::text)) FROM bench_ws.rollup_journey_days r
UNION ALL SELECT 'stage_days', md5(string_agg(r::text, '' ORDER BY r::text)) FROM bench_ws.rollup_stage_days r
UNION ALL SELECT 'survey_days', md5(string_agg(r::text, '' ORDER BY r::text)) FROM bench_ws.rollup_survey_days r
UNION ALL SELECT 'value_days', md5(string_agg(r::text, '' ORDER BY r::text)) FROM bench_ws.rollup_value_days r;
SELECT pg_temp.timed_refresh('full', true);
CREATE TEMP TABLE rebuilt AS
SELECT 'journeys' AS t, md5(string_agg(r::text, '' ORDER BY r::text)) AS d FROM bench_ws.rollup_journeys r
UNION ALL SELECT 'journey_days', md5(string_agg(r::text, '' ORDER BY r::text)) FROM bench_ws.rollup_journey_days r
UNION ALL SELECT 'stage_days', md5(string_agg(r::text, '' ORDER BY r::text)) FROM bench_ws.rollup_stage_days r
UNION ALL SELECT 'survey_days', md5(string_agg(r::text, '' ORDER BY r::text)) FROM bench_ws.rollup_survey_days r
UNION ALL SELECT 'value_days', md5(string_agg(r::text, '' ORDER BY r::text)) FROM bench_ws.rollup_value_days r;
INSERT INTO bench.results (figure, cx_ms, plain_ms, note)
SELECT 'workspace refresh after 1% new rows: incremental (cxvalue) vs full rebuild (plain)',
       (SELECT ms FROM refresh_ms WHERE what LIKE 'incremental%'), (SELECT ms FROM refresh_ms WHERE what = 'full'),
       CASE WHEN (SELECT count(*) FROM incremental i JOIN rebuilt r USING (t) WHERE i.d = r.d) = 5
            THEN 'results equal (rollups byte-identical); one run each' ELSE 'RESULTS DIFFER: incremental and full rollups' END;
