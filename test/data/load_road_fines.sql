-- Load the road-traffic-fine log (test/data/road-traffic-fines), 100 cases,
-- into a cxvalue workspace.  Run from the repository root:
--   psql -v ws=<workspace schema> -f test/data/load_road_fines.sql
--
-- A coercive public service: the citizen did not ask for it.
-- Mapping (see test/data/road-traffic-fines/SOURCE.md):
--   journey   a fine (case:concept:name)                               100
--   touchpoint an event of the fine                                    390
--   stage     the step (concept:name): Create Fine, Send Fine, Insert Fine
--             Notification, Add penalty, Payment, Send for Credit
--             Collection, the appeal steps
--   at        time:timestamp; the log records days only, so same-day
--             steps are ordered by stage name (DESIGN 3.2's tie rule),
--             not by the order the file lists them in
--   channel   none recorded: NULL (unknown)
--   outcome   'credit collection' where the fine was sent for credit
--             collection; 'dismissed' where the dismissal code is other
--             than NIL; 'paid' where payments reach the amount due (the
--             latest amount, which Add penalty raises, plus expenses);
--             'part paid' where some payment was made; else 'open'.
--             completed = paid or dismissed (the obligation is settled).
--   scores    none: the log holds no citizen scores, so none are loaded.
--   segment   vehicleClass of the fine.
-- Instalments show up as repeated Payment steps, which cx.repeats counts
-- as repeats: for this service they are not failure demand.
BEGIN;
CREATE TEMP TABLE fines_raw (
	amount text, article text, case_id text, step text, dismissal text,
	expense text, last_sent text, transition text, notification_type text,
	resource text, payment_amount text, points text, at text,
	total_payment_amount text, vehicle_class text
) ON COMMIT DROP;
\copy fines_raw FROM 'test/data/road-traffic-fines/roadtraffic100traces.csv' (FORMAT csv, HEADER true)

INSERT INTO :"ws".services (provider, service, name, description)
VALUES ('it-local-police', 'road-fines', 'Road-traffic fines',
        'An Italian local police force''s road-traffic fines, first 100 cases (de Leoni and Mannhardt, 4TU.ResearchData)');

INSERT INTO :"ws".journeys (provider, service, journey_id, segment, outcome, completed)
SELECT 'it-local-police', 'road-fines', case_id, vehicle, outcome, outcome IN ('paid', 'dismissed')
FROM (SELECT case_id,
             max(nullif(vehicle_class, '')) AS vehicle,
             CASE WHEN bool_or(step = 'Send for Credit Collection') THEN 'credit collection'
                  WHEN bool_or(dismissal NOT IN ('', 'NIL')) THEN 'dismissed'
                  WHEN coalesce(sum(nullif(payment_amount, '')::numeric), 0)
                       >= max(nullif(amount, '')::numeric) + coalesce(sum(nullif(expense, '')::numeric), 0)
                       AND bool_or(step = 'Payment') THEN 'paid'
                  WHEN bool_or(step = 'Payment') THEN 'part paid'
                  ELSE 'open' END AS outcome
      FROM fines_raw
      GROUP BY case_id) f
ORDER BY case_id;

INSERT INTO :"ws".touchpoints (provider, service, journey_id, at, stage)
SELECT 'it-local-police', 'road-fines', case_id, at::timestamptz, step
FROM fines_raw
ORDER BY case_id, at::timestamptz, step;

INSERT INTO :"ws".coproduction_assessments (provider, service, assessor, voluntariness, system_locus, note)
VALUES ('it-local-police', 'road-fines', 'analyst judgement (cxvalue loader)', 0.05, 0.1,
        'A coercive service: the offender co-produces it (pays, appeals) without choosing to: involuntary, individual. Not data from the log.');
COMMIT;
