-- Load the WABO environmental-permit receipt log (test/data/wabo-receipt)
-- into a cxvalue workspace.  Run from the repository root:
--   psql -v ws=<workspace schema> -f test/data/load_wabo.sql
--
-- Mapping (see test/data/wabo-receipt/SOURCE.md):
--   journey   a case (case:concept:name): one permit application    1,434
--   touchpoint an event of the case                                 8,577
--   stage     the step (concept:name): Confirmation of receipt, T02..T20
--   at        time:timestamp (ISO 8601 with its UTC offset)
--   channel   case:channel, the channel the application came in by
--             (Internet, Desk, Post, e-mail, Intern).  The log records it
--             per case, not per event, so every touchpoint of a journey
--             carries it and channel switches are 0 by construction.
--   outcome   'closed' where case:enddate is set (the receipt phase was
--             completed), else 'open'; completed = closed.
--   scores    none: the log holds no customer scores, so none are loaded.
--   customer  none: the log has no applicant id.
--   segment   case:department (General, Experts, Customer contact).
BEGIN;
CREATE TEMP TABLE wabo_raw (
	channel text, case_id text, deadline text, department text, enddate text,
	enddate_planned text, case_group text, responsible text, startdate text,
	instance text, step text, transition text, org_group text, resource text,
	at text
) ON COMMIT DROP;
-- COPY reads the log's empty fields (e.g. case:enddate of an open case) as NULL.
\copy wabo_raw FROM 'test/data/wabo-receipt/receipt.csv' (FORMAT csv, HEADER true)

INSERT INTO :"ws".services (provider, service, name, description)
VALUES ('nl-municipality', 'wabo-receipt', 'Environmental permit (WABO), receipt phase',
        'A Dutch municipality''s receipt of environmental permit applications, 2010-2014 (Buijs, 4TU.ResearchData)');

INSERT INTO :"ws".journeys (provider, service, journey_id, segment, outcome, completed)
SELECT 'nl-municipality', 'wabo-receipt', case_id, min(department),
       CASE WHEN max(enddate) IS NOT NULL THEN 'closed' ELSE 'open' END,
       max(enddate) IS NOT NULL
FROM wabo_raw
GROUP BY case_id
ORDER BY case_id;

INSERT INTO :"ws".touchpoints (provider, service, journey_id, at, stage, channel)
SELECT 'nl-municipality', 'wabo-receipt', case_id, at::timestamptz, step, channel
FROM wabo_raw
ORDER BY case_id, at::timestamptz, step;

INSERT INTO :"ws".coproduction_assessments (provider, service, assessor, voluntariness, system_locus, note)
VALUES ('nl-municipality', 'wabo-receipt', 'analyst judgement (cxvalue loader)', 0.7, 0.2,
        'Applying is the applicant''s own choice (a permit is needed only for what they chose to build or run) and concerns their own case: voluntary, individual. Not data from the log.');
COMMIT;
