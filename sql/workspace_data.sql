-- The real datasets, loaded by test/data/load_*.sql, against counts taken
-- from the raw CSV files with independent tools (Python's csv module):
--   WABO receipt.csv: 8,577 events in 1,434 cases; cases by channel
--   Internet 1,250, Desk 109, Post 53, e-mail 21, Intern 1 (events 7,478,
--   657, 308, 128, 6); case:enddate set in 1,329 cases; 91 cases repeat a
--   step; the commonest variant (713 cases) is Confirmation > T02 > T04 >
--   T05 > T06 > T10; T02 > T03 > T02 happens 41 times in 30 cases; the
--   median case lasts 2,868.5835 s; 116 distinct variants.
--   Road fines: 390 events in 100 cases; 36 sent for credit collection;
--   10 cases repeat a step (instalments); median case 253 days.
--   UWV complaints: 289 complaints from 226 customers; 46 complained more
--   than once, 24 on a subject they had complained about before; channel
--   8: 196 complaints from 161 customers.
--   A-11: 35 VA question rows (2 'No Data') + 14 va-vha means; 3 passport
--   touchpoints x 7 items (5 zeros = not asked).
SET extra_float_digits = 0;
SET intervalstyle = postgres;
SELECT cx.create_workspace('real');
\set ws real
\set QUIET on
\i test/data/load_wabo.sql
\i test/data/load_road_fines.sql
\i test/data/load_uwv.sql
\i test/data/load_a11.sql
\set QUIET off
SELECT mode, changes > 0 AS folded FROM cx.refresh_workspace('real');

-- Tables: journeys and touchpoints per service.
SELECT provider, service,
       (SELECT count(*) FROM real.journeys j WHERE (j.provider, j.service) = (s.provider, s.service)) AS journeys,
       (SELECT count(*) FROM real.touchpoints t WHERE (t.provider, t.service) = (s.provider, s.service)) AS touchpoints,
       (SELECT count(*) FROM real.published_scores p WHERE (p.provider, p.service) = (s.provider, s.service)) AS published,
       (SELECT count(mean) FROM real.published_scores p WHERE (p.provider, p.service) = (s.provider, s.service)) AS means
FROM real.services s
ORDER BY provider, service;

-- The same through the views.
SELECT service, journeys, touchpoints, completed_journeys, round(repeat_contact_rate * journeys) AS repeating,
       round((median_duration_hours * 3600)::numeric, 4) AS median_seconds, multichannel_rate, mean_channel_switches
FROM real.service_scorecard
WHERE journeys > 0
ORDER BY service;

-- WABO: journeys and touchpoints per channel, from the journey summaries
-- and from the tables.
SELECT channel, journeys, touchpoints FROM real.channel_mix WHERE service = 'wabo-receipt' ORDER BY channel;
SELECT first_channel, count(*) AS journeys, sum(touchpoints) AS touchpoints
FROM real.journey_summary WHERE service = 'wabo-receipt' GROUP BY first_channel ORDER BY first_channel;
SELECT outcome, count(*) FROM real.journeys WHERE service = 'wabo-receipt' GROUP BY outcome ORDER BY outcome;

-- WABO: the commonest path, the commonest rework loop, the number of paths.
SELECT journeys, path FROM real.journey_paths WHERE service = 'wabo-receipt' ORDER BY journeys DESC LIMIT 1;
SELECT occurrences, journeys, loop FROM real.rework_loops WHERE service = 'wabo-receipt'
ORDER BY occurrences DESC LIMIT 1;
SELECT count(*) AS paths FROM real.journey_paths WHERE service = 'wabo-receipt';
-- Every step's occurrences add up to the events, every stage's journeys
-- and rework to its occurrences.
SELECT sum(touchpoints) AS touchpoints, sum(journeys + rework_touchpoints) AS journeys_plus_rework
FROM real.stage_pain_points WHERE service = 'wabo-receipt';
SELECT sum(transitions) AS transitions FROM real.stage_transitions WHERE service = 'wabo-receipt';

-- Fines: outcomes; UWV: channels and repeat complainers.
SELECT outcome, completed, count(*) FROM real.journeys WHERE service = 'road-fines'
GROUP BY outcome, completed ORDER BY outcome;
SELECT channel, journeys, touchpoints FROM real.channel_mix WHERE service = 'uwv-complaints' ORDER BY channel;
SELECT count(*) FILTER (WHERE touchpoints > 1) AS complained_again, count(*) FILTER (WHERE repeats > 0) AS same_subject_again
FROM real.journey_summary WHERE service = 'uwv-complaints';

-- The real logs hold no scores: nothing is invented.
SELECT count(score) AS scores FROM real.touchpoints;
SELECT count(*) AS survey_answers FROM real.survey_answers;

-- A-11: the published means of VA's latest quarter in hisp-question-details.
SELECT item, mean, respondents FROM real.published_scores
WHERE service = 'vha' AND period = '2020 Q1' AND touchpoint = ''
ORDER BY item;

SET client_min_messages = warning;
DROP SCHEMA real CASCADE;
