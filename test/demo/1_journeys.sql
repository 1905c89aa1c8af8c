\i test/demo/format.psql
\echo '=== Journeys per service (real data first, then the synthetic sample) ==='
\echo 'completion: share of journeys that met their need (- where the data does not say);'
\echo 'repeat contact: share of journeys returning to a stage already passed (failure demand, rework)'
SELECT service, journeys, touchpoints,
       pg_temp.pct(completion_rate) AS completion,
       pg_temp.span(median_duration_hours) AS "median duration",
       pg_temp.pct(repeat_contact_rate) AS "repeat contact",
       pg_temp.pct(multichannel_rate) AS "multi-channel",
       round(mean_channel_switches::numeric, 2) AS "switches/journey",
       round(mean_peak_end::numeric, 2) AS "peak-end (1..5)"
FROM demo.service_scorecard
WHERE journeys > 0
ORDER BY provider = 'cxvalue-synthetic', provider, service;

\echo '=== Channel mix: journeys using each channel (- : not recorded) ==='
SELECT service, string_agg(coalesce(channel, '-') || ' ' || pg_temp.pct(journey_share), ', '
                           ORDER BY journeys DESC, channel) AS channels
FROM demo.channel_mix
GROUP BY provider, service
ORDER BY provider = 'cxvalue-synthetic', provider, service;

\echo '=== Outcomes ==='
SELECT service, string_agg(coalesce(outcome, '(not recorded)') || ' ' || n, ', ' ORDER BY n DESC, outcome) AS outcomes
FROM (SELECT provider, service, outcome, count(*) AS n FROM demo.journeys GROUP BY 1, 2, 3) o
GROUP BY provider, service
ORDER BY provider = 'cxvalue-synthetic', provider, service;
