\i test/demo/format.psql
\echo '=== Environmental permits (WABO): the five most common paths ==='
\echo 'Receipt = Confirmation of receipt; T02 check, T04 determine, T05 print and send the confirmation;'
\echo 'T06/T10 decide whether advice or a stop is needed; T03 adjust the confirmation (rework)'
SELECT journeys, pg_temp.pct(journey_share) AS share, pg_temp.span(median_duration_hours) AS "median duration",
       (SELECT string_agg(pg_temp.short(s), ' > ' ORDER BY o)
        FROM unnest(string_to_array(path, ' > ')) WITH ORDINALITY AS p(s, o)) AS path
FROM demo.journey_paths
WHERE service = 'wabo-receipt'
ORDER BY journeys DESC, path
LIMIT 5;

\echo '=== Environmental permits (WABO): rework loops (back to a stage already passed) ==='
SELECT occurrences, journeys,
       (SELECT string_agg(pg_temp.short(s), ' > ' ORDER BY o)
        FROM unnest(string_to_array(loop, ' > ')) WITH ORDINALITY AS p(s, o)) AS loop
FROM demo.rework_loops
WHERE service = 'wabo-receipt'
ORDER BY occurrences DESC, loop
LIMIT 6;

\echo '=== Environmental permits (WABO): stages with the most rework ==='
SELECT stage, journeys, rework_touchpoints AS rework, pg_temp.pct(rework_rate) AS "journeys with rework",
       pg_temp.span(median_dwell_hours) AS "median wait after"
FROM demo.stage_pain_points
WHERE service = 'wabo-receipt' AND rework_touchpoints > 0
ORDER BY rework_touchpoints DESC, stage
LIMIT 6;
