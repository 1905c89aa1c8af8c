-- doc/workspace-views.md, its examples in order.
SET timezone = 'UTC';
SET datestyle = ISO;
SELECT cx.create_workspace('trend');
INSERT INTO trend.services (provider, service, name) VALUES ('city', 'permit', 'Permit');
INSERT INTO trend.journeys (provider, service, journey_id, completed)
VALUES ('city', 'permit', 'a', true), ('city', 'permit', 'b', false), ('city', 'permit', 'c', true);
INSERT INTO trend.touchpoints (provider, service, journey_id, at, stage) VALUES
	('city', 'permit', 'a', '2025-01-10 09:00+00', 'apply'), ('city', 'permit', 'a', '2025-01-12 09:00+00', 'decide'),
	('city', 'permit', 'b', '2025-01-20 09:00+00', 'apply'),
	('city', 'permit', 'c', '2025-02-03 09:00+00', 'apply'), ('city', 'permit', 'c', '2025-02-03 15:00+00', 'decide');
INSERT INTO trend.survey_answers (provider, service, answered_at, item, answer) VALUES
	('city', 'permit', '2025-01-13 10:00+00', 'satisfaction', 5),
	('city', 'permit', '2025-02-04 10:00+00', 'satisfaction', 2),
	('city', 'permit', NULL, 'satisfaction', 4);
SELECT mode, changes, journeys, journey_days, survey_days FROM cx.refresh_workspace('trend');
SELECT period_start, journeys, completion_rate, median_duration_hours,
       satisfaction_answers, satisfaction_top2_share
FROM trend.service_scorecard_by_period
WHERE grain = 'month'
ORDER BY period_start;
SELECT provider, service, changes_waiting, last_refresh_at IS NOT NULL AS refreshed
FROM trend.workspace_freshness;
SET client_min_messages = warning;
DROP SCHEMA trend CASCADE;
