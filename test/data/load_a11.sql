-- Load the US OMB A-11 section 280 HISP extracts (test/data/us-a11-hisp-cx)
-- into a cxvalue workspace.  Run from the repository root:
--   psql -v ws=<workspace schema> -f test/data/load_a11.sql
--
-- These are published item MEANS on the A-11 1..5 scale, not individual
-- answers: the top-2-box ("percent agree") cannot be derived from a mean,
-- so they go to published_scores, never to survey_answers.
-- Mapping (see test/data/us-a11-hisp-cx/SOURCE.md):
--   service   VA Veterans Health Administration (provider 'us-va', 'vha');
--             State Department passport services ('us-state', 'passports')
--   period    'YYYY Qn' as the files give year and quarter; the passport
--             extract is undated ('undated')
--   touchpoint the survey moment ('' where the file names none)
--   item      the A-11 drivers: satisfaction, trust, effectiveness, ease,
--             efficiency, transparency, employee
--   mean      average_score; 'No Data' and the passport file's 0 ("not
--             asked at that touchpoint") are NULL
--   respondents hisp-quarterly-data's respondents, va-vha's response_count
-- Journeys, touchpoints and outcomes: none in these extracts.
BEGIN;
CREATE TEMP TABLE a11_quarterly (hisp text, service text, year int, quarter int, universe text,
	surveyed text, respondents text, response_rate text) ON COMMIT DROP;
CREATE TEMP TABLE a11_questions (hisp text, service text, year int, quarter int, question text,
	average_score text, description text) ON COMMIT DROP;
CREATE TEMP TABLE a11_passports (touchpoint text, satisfied float8, confidence float8, effective float8,
	easy float8, efficient float8, transparent float8, employee float8) ON COMMIT DROP;
CREATE TEMP TABLE a11_vha (hisp_service_id text, year int, quarter int, touchpoint text,
	surveys_offered_count bigint, response_count bigint, satisfied float8, trust float8,
	effective float8, easy float8, efficient float8, transparent float8, employee float8) ON COMMIT DROP;
\copy a11_quarterly FROM 'test/data/us-a11-hisp-cx/hisp-quarterly-data.csv' (FORMAT csv, HEADER true)
\copy a11_questions FROM 'test/data/us-a11-hisp-cx/hisp-question-details.csv' (FORMAT csv, HEADER true)
\copy a11_passports FROM 'test/data/us-a11-hisp-cx/hisp-state-passports.csv' (FORMAT csv, HEADER true)
\copy a11_vha FROM 'test/data/us-a11-hisp-cx/va-vha.csv' (FORMAT csv, HEADER true)

INSERT INTO :"ws".services (provider, service, name, description)
VALUES ('us-va', 'vha', 'VA Veterans Health Administration',
        'A-11 section 280 post-transaction survey means published on performance.gov, 2019-2020'),
       ('us-state', 'passports', 'State Department passport services',
        'A-11 section 280 survey means by touchpoint published on performance.gov');

CREATE TEMP TABLE a11_items (question text, column_name text, item text) ON COMMIT DROP;
INSERT INTO a11_items VALUES
	('Satisfaction', 'satisfied', 'satisfaction'),
	('Trust / Confidence', 'confidence', 'trust'),
	('Service Effectiveness', 'effective', 'effectiveness'),
	('Process / Ease', 'easy', 'ease'),
	('Efficiency', 'efficient', 'efficiency'),
	('Process Transparency', 'transparent', 'transparency'),
	('Helpful Employees', 'employee', 'employee');

INSERT INTO :"ws".published_scores (provider, service, period, touchpoint, item, mean, respondents, wording, source)
SELECT 'us-va', 'vha', q.year || ' Q' || q.quarter, '', i.item,
       nullif(q.average_score, 'No Data')::float8,
       replace(d.respondents, ',', '')::bigint, q.description, 'hisp-question-details.csv'
FROM a11_questions q
JOIN a11_items i USING (question)
LEFT JOIN a11_quarterly d USING (hisp, service, year, quarter)
WHERE q.hisp = 'va' AND q.service = 'vha'
ORDER BY 3, 5;

INSERT INTO :"ws".published_scores (provider, service, period, touchpoint, item, mean, respondents, source)
SELECT 'us-va', 'vha', v.year || ' Q' || v.quarter, v.touchpoint, x.item, x.mean, v.response_count, 'va-vha.csv'
FROM a11_vha v
CROSS JOIN LATERAL (VALUES ('satisfaction', v.satisfied), ('trust', v.trust),
                           ('effectiveness', v.effective), ('ease', v.easy),
                           ('efficiency', v.efficient), ('transparency', v.transparent),
                           ('employee', v.employee)) AS x(item, mean)
ORDER BY 3, 5;

INSERT INTO :"ws".published_scores (provider, service, period, touchpoint, item, mean, source)
SELECT 'us-state', 'passports', 'undated', p.touchpoint, x.item, nullif(x.mean, 0),
       'hisp-state-passports.csv'
FROM a11_passports p
CROSS JOIN LATERAL (VALUES ('satisfaction', p.satisfied), ('trust', p.confidence),
                           ('effectiveness', p.effective), ('ease', p.easy),
                           ('efficiency', p.efficient), ('transparency', p.transparent),
                           ('employee', p.employee)) AS x(item, mean)
ORDER BY 4, 5;

INSERT INTO :"ws".coproduction_assessments (provider, service, assessor, voluntariness, system_locus, note)
VALUES ('us-va', 'vha', 'analyst judgement (cxvalue loader)', 0.6, 0.2,
        'Veterans choose to seek care, which is about their own health; care is co-produced intensely: voluntary, individual. Not data from the extracts.'),
       ('us-state', 'passports', 'analyst judgement (cxvalue loader)', 0.75, 0.1,
        'Applying for a passport is the citizen''s choice and concerns their own document: voluntary, individual. Not data from the extracts.');
COMMIT;
