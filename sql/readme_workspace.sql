-- The README's workspace examples, run as they stand there.
SET extra_float_digits = 0;
SET intervalstyle = postgres;
SET timezone = 'UTC';

SELECT cx.create_workspace('cxws');

INSERT INTO cxws.services (provider, service, name)
VALUES ('city', 'parking', 'Residents'' parking permit');

INSERT INTO cxws.journeys (provider, service, journey_id, completed)
VALUES ('city', 'parking', 'a', true), ('city', 'parking', 'b', true), ('city', 'parking', 'c', false);

INSERT INTO cxws.touchpoints (provider, service, journey_id, at, stage, channel, score) VALUES
	('city', 'parking', 'a', '2025-03-03 09:00+00', 'apply', 'web', 4),
	('city', 'parking', 'a', '2025-03-05 10:00+00', 'permit issued', 'email', 5),
	('city', 'parking', 'b', '2025-03-03 11:00+00', 'apply', 'web', 3),
	('city', 'parking', 'b', '2025-03-04 08:00+00', 'proof of address', 'web', 2),
	('city', 'parking', 'b', '2025-03-06 15:00+00', 'proof of address', 'desk', 3),
	('city', 'parking', 'b', '2025-03-07 09:00+00', 'permit issued', 'email', 4),
	('city', 'parking', 'c', '2025-03-04 13:00+00', 'apply', 'phone', 2);

INSERT INTO cxws.survey_answers (provider, service, journey_id, item, answer)
VALUES ('city', 'parking', 'a', 'satisfaction', 5), ('city', 'parking', 'b', 'satisfaction', 4),
       ('city', 'parking', 'c', 'satisfaction', 2);

SELECT mode, changes, journeys, journey_days, survey_days
FROM cx.refresh_workspace('cxws');

SELECT service, journeys, completion_rate, median_duration_hours, repeat_contact_rate,
       mean_channel_switches, satisfaction_top2_share
FROM cxws.service_scorecard;

SELECT journey_id, path, channels, repeats, peak_end
FROM cxws.journey_summary
ORDER BY journey_id;

SELECT from_stage, to_stage, transitions, backward_transitions, median_gap_hours
FROM cxws.stage_transitions
ORDER BY transitions DESC, from_stage, to_stage;

SELECT stage, journeys, rework_touchpoints, mean_score, worst_in_journeys
FROM cxws.stage_pain_points
ORDER BY stage;

-- Row-level security: a BI role that sees one provider only, through every view.
INSERT INTO cxws.services (provider, service, name) VALUES ('county', 'parking', 'County parking');
INSERT INTO cxws.journeys (provider, service, journey_id) VALUES ('county', 'parking', 'x');
SELECT mode FROM cx.refresh_workspace('cxws');

CREATE ROLE city_bi;
GRANT USAGE ON SCHEMA cxws TO city_bi;
GRANT SELECT ON ALL TABLES IN SCHEMA cxws TO city_bi;
DO $$
DECLARE t text;
BEGIN
	FOREACH t IN ARRAY ARRAY['services', 'journeys', 'touchpoints', 'survey_answers',
	                         'value_answers', 'coproduction_assessments', 'published_scores'] LOOP
		EXECUTE format('ALTER TABLE cxws.%I ENABLE ROW LEVEL SECURITY', t);
		EXECUTE format('CREATE POLICY city_only ON cxws.%I TO city_bi USING (provider = %L)', t, 'city');
	END LOOP;
END $$;

SELECT provider, service, journeys FROM cxws.service_scorecard ORDER BY provider;
SET ROLE city_bi;
SELECT provider, service, journeys FROM cxws.service_scorecard;
RESET ROLE;

SET client_min_messages = warning;
DROP SCHEMA cxws CASCADE;
DROP ROLE city_bi;
