\i test/demo/format.psql
\echo '=== Customer value and co-production ==='
\echo 'value index = benefits - sacrifices on [0, 1] scales (get-give; Osborne for parks): below 0 is co-destruction.'
\echo 'Quadrants of the real services are the loaders'' analyst judgements, not data.'
SELECT s.service, s.value_model AS model,
       round(v.benefits::numeric, 3) AS benefits, round(v.sacrifices::numeric, 3) AS sacrifices,
       round(s.value_index::numeric, 3) AS "value index",
       round(v.disconfirmation::numeric, 3) AS disconfirmation,
       s.dominant_quadrant AS "dominant co-production quadrant"
FROM demo.service_scorecard s
LEFT JOIN demo.value_by_service v USING (provider, service)
ORDER BY s.provider = 'cxvalue-synthetic', s.provider, s.service;
