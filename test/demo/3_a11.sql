\i test/demo/format.psql
\echo '=== A-11 survey items, synthetic sample: top-2-box ("percent agree") with Wilson 95% intervals ==='
SELECT item,
       max(ci) FILTER (WHERE service = 'benefit') AS benefit,
       max(ci) FILTER (WHERE service = 'parks') AS parks,
       max(ci) FILTER (WHERE service = 'passport') AS passport,
       max(ci) FILTER (WHERE service = 'tax') AS tax
FROM (SELECT service, item,
             format('%s [%s, %s]', pg_temp.pct(top2_share), to_char(100 * top2_lower, 'FM990.0'),
                    to_char(100 * top2_upper, 'FM990.0')) AS ci
      FROM demo.survey_items
      WHERE provider = 'cxvalue-synthetic' AND lo = 1 AND hi = 5) i
GROUP BY item
ORDER BY array_position('{satisfaction,trust,effectiveness,ease,efficiency,transparency,employee}'::text[], item);

\echo '=== Net Promoter Score (recommend, 0..10), synthetic sample, with 95% intervals ==='
SELECT service, i.answers, round(i.nps::numeric, 1) AS nps,
       round(s.nps_lower::numeric, 1) AS "nps 95% low", round(s.nps_upper::numeric, 1) AS "nps 95% high"
FROM demo.survey_items i
JOIN demo.service_scorecard s USING (provider, service)
WHERE i.item = 'recommend'
ORDER BY service;

\echo '=== A-11 HISP, real published item means (1..5); top-2-box cannot be derived from a mean ==='
SELECT service, period, nullif(touchpoint, '') AS touchpoint, max(respondents) AS respondents,
       string_agg(item || ' ' || coalesce(to_char(mean, 'FM0.00'), '-'), ', '
                  ORDER BY array_position('{satisfaction,trust,effectiveness,ease,efficiency,transparency,employee}'::text[], item)) AS means
FROM demo.published_scores
WHERE (service = 'vha' AND period = (SELECT max(period) FROM demo.published_scores WHERE service = 'vha'))
   OR service = 'passports'
GROUP BY provider, service, period, touchpoint
ORDER BY service DESC, touchpoint;
