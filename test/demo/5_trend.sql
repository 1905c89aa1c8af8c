\i test/demo/format.psql
\echo '=== Monthly trend, synthetic sample (service_scorecard_by_period, grain month) ==='
\echo 'a journey counts in the month it starts; satisfaction is top-2-box of the answers given that month'
SELECT to_char(period_start, 'YYYY-MM') AS month,
       sum(journeys) AS journeys,
       pg_temp.pct(sum(completed_journeys)::float8 / nullif(sum(journeys), 0)) AS completed,
       pg_temp.span(max(median_duration_hours) FILTER (WHERE service = 'passport')) AS "passport median",
       pg_temp.pct(max(repeat_contact_rate) FILTER (WHERE service = 'benefit')) AS "benefit repeat contact",
       pg_temp.pct(max(satisfaction_top2_share) FILTER (WHERE service = 'passport')) AS "passport satisfied",
       pg_temp.pct(max(satisfaction_top2_share) FILTER (WHERE service = 'tax')) AS "tax satisfied",
       round(max(nps) FILTER (WHERE service = 'benefit')::numeric, 1) AS "benefit NPS"
FROM demo.service_scorecard_by_period
WHERE grain = 'month' AND provider = 'cxvalue-synthetic' AND period_start IS NOT NULL
GROUP BY period_start
ORDER BY period_start;

\echo '=== Quarterly pain points: the stage with the most rework per service and quarter (synthetic) ==='
SELECT service, to_char(period_start, 'YYYY-"Q"Q') AS quarter, stage, rework_touchpoints AS rework,
       pg_temp.pct(rework_rate) AS "journeys with rework", pg_temp.span(median_dwell_hours) AS "median wait after"
FROM (SELECT *, row_number() OVER (PARTITION BY service, period_start ORDER BY rework_touchpoints DESC, stage) AS r
      FROM demo.stage_pain_points_by_period
      WHERE grain = 'quarter' AND provider = 'cxvalue-synthetic' AND period_start IS NOT NULL) s
WHERE r = 1
ORDER BY service, period_start;

\echo '=== Freshness: when the rollups were refreshed, what waits ==='
SELECT provider, count(*) AS services, max(changes_waiting) AS "changes waiting",
       bool_and(last_refresh_at IS NOT NULL) AS refreshed
FROM demo.workspace_freshness
GROUP BY provider
ORDER BY provider;
