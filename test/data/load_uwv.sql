-- Load the UWV complaints of BPI Challenge 2016 (test/data/bpic2016-uwv-complaints)
-- into a cxvalue workspace.  Run from the repository root:
--   psql -v ws=<workspace schema> -f test/data/load_uwv.sql
--
-- Complaints are the clearest failure demand there is.
-- Mapping (see test/data/bpic2016-uwv-complaints/SOURCE.md):
--   journey   a customer (CustomerID): their complaint history with UWV,
--             July 2015 to February 2016                             226
--   touchpoint a complaint (ComplaintID)                              289
--   stage     what the complaint is about: the English theme and, where
--             it has one, subtheme ('services: payment',
--             'treatment (attitude/behavior)', ...); a complaint on a
--             subject the customer complained about before counts as a
--             repeat (cx.repeats)
--   at        ContactDate (a date: midnight, Europe/Amsterdam); same-day
--             complaints are ordered by stage name
--   channel   'channel ' || ContactChannelID: the codes 1..8 are not
--             documented in the source, so they are kept as codes
--   outcome   not recorded: outcome and completed are NULL
--   scores    none: complaints carry no scores, so none are loaded
--   segment   AgeCategory; customer_id = CustomerID
BEGIN;
CREATE TEMP TABLE uwv_raw (
	customer_id text, age text, gender text, office_u text, office_w text,
	dossier_id text, complaint_id text, contact_date text, channel_id text,
	theme_id text, subtheme_id text, topic_id text, theme text, subtheme text,
	topic text, theme_en text, subtheme_en text, topic_en text
) ON COMMIT DROP;
\copy uwv_raw FROM 'test/data/bpic2016-uwv-complaints/BPI2016_Complaints.csv' (FORMAT csv, HEADER true, DELIMITER ';', ENCODING 'LATIN1')

INSERT INTO :"ws".services (provider, service, name, description)
VALUES ('uwv', 'uwv-complaints', 'UWV complaints',
        'Complaints to UWV, the Dutch Employee Insurance Agency, 2015-2016 (BPI Challenge 2016, 4TU.ResearchData)');

INSERT INTO :"ws".journeys (provider, service, journey_id, customer_id, segment)
SELECT 'uwv', 'uwv-complaints', 'customer-' || customer_id, customer_id, min(age)
FROM uwv_raw
GROUP BY customer_id
ORDER BY customer_id;

INSERT INTO :"ws".touchpoints (provider, service, journey_id, at, stage, channel)
SELECT 'uwv', 'uwv-complaints', 'customer-' || customer_id,
       contact_date::date::timestamp AT TIME ZONE 'Europe/Amsterdam',
       CASE WHEN subtheme_en = 'N.A.' THEN theme_en ELSE theme_en || ': ' || subtheme_en END,
       'channel ' || channel_id
FROM uwv_raw
ORDER BY customer_id, contact_date, complaint_id::int;

INSERT INTO :"ws".coproduction_assessments (provider, service, assessor, voluntariness, system_locus, note)
VALUES ('uwv', 'uwv-complaints', 'analyst judgement (cxvalue loader)', 0.8, 0.35,
        'Complaining is voluntary and about the customer''s own case, though complaints also feed service improvement: voluntary, mostly individual. Not data from the log.');
COMMIT;
