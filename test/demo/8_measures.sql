-- The scorecard's operational rates with their intervals, and the
-- "times more likely" claims, on the synthetic sample.
\i test/demo/format.psql
\echo '=== Synthetic sample: operational rates with Wilson 95% intervals; median days to complete (open journeys censored) ==='
SELECT service,
       pg_temp.pct(completion_rate) || ' [' || pg_temp.pct(completion_lower) || ', ' || pg_temp.pct(completion_upper) || ']' AS completion,
       pg_temp.pct(repeat_contact_rate) || ' [' || pg_temp.pct(repeat_contact_lower) || ', ' || pg_temp.pct(repeat_contact_upper) || ']' AS "repeat contact",
       pg_temp.pct(digital_rate) || ' [' || pg_temp.pct(digital_lower) || ', ' || pg_temp.pct(digital_upper) || ']' AS "digital (first channel)",
       round(median_days_to_complete::numeric, 1) || ' [' || round(median_days_to_complete_lower::numeric, 1) || ', '
           || coalesce(round(median_days_to_complete_upper::numeric, 1)::text, '-') || ']' AS "median days to complete",
       open_journeys AS open
FROM demo.service_scorecard WHERE provider = 'cxvalue-synthetic' ORDER BY service;
\echo '=== Synthetic sample: times more likely (relative risk, Katz 95% interval; definitions in demo.likelihood_settings) ==='
SELECT service, statement, group_successes || '/' || group_n AS "group", reference_successes || '/' || reference_n AS reference
FROM demo.times_more_likely WHERE provider = 'cxvalue-synthetic' ORDER BY service, claim DESC;
