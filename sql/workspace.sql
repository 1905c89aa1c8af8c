-- The workspace views on a small hand-built workspace.  Every figure below
-- was computed by hand; the comments give the arithmetic.
SET extra_float_digits = 0;
SET timezone = 'UTC';
SET intervalstyle = postgres;
SELECT cx.create_workspace('hand');

INSERT INTO hand.services (provider, service, name, repeat_window) VALUES
	('p1', 'permit', 'Permit', NULL),
	('p1', 'fine', 'Fine', '1 day'),
	('p2', 'permit', 'Permit of provider 2', NULL),
	('p2', 'empty', 'A service without data', NULL);
INSERT INTO hand.journeys (provider, service, journey_id, outcome, completed) VALUES
	('p1', 'permit', 'j1', 'granted', true),
	('p1', 'permit', 'j2', 'refused', false),
	('p1', 'permit', 'j3', NULL, NULL),
	('p1', 'fine', 'f1', 'paid', true),
	('p1', 'fine', 'f2', 'paid', true),
	('p2', 'permit', 'q1', 'granted', true);
-- Inserted out of order on purpose: journeys are ordered by time.
INSERT INTO hand.touchpoints (provider, service, journey_id, at, stage, channel, score) VALUES
	('p1', 'permit', 'j1', '2024-01-03 10:00+00', 'decide', NULL, 5),
	('p1', 'permit', 'j1', '2024-01-01 09:00+00', 'apply', 'web', 4),
	('p1', 'permit', 'j1', '2024-01-02 10:00+00', 'apply', 'phone', 3),
	('p1', 'permit', 'j1', '2024-01-01 10:00+00', 'check', 'web', 2),
	('p1', 'permit', 'j2', '2024-01-05 09:30+00', 'decide', 'phone', 1),
	('p1', 'permit', 'j2', '2024-01-05 09:00+00', 'apply', 'phone', NULL),
	('p1', 'fine', 'f1', '2024-02-01 00:00+00', 'notice', 'post', NULL),
	('p1', 'fine', 'f1', '2024-02-10 00:00+00', 'reminder', 'post', NULL),
	('p1', 'fine', 'f1', '2024-02-20 00:00+00', 'reminder', 'post', NULL),
	('p1', 'fine', 'f1', '2024-02-20 12:00+00', 'payment', 'web', NULL),
	('p1', 'fine', 'f2', '2024-02-01 00:00+00', 'notice', 'post', NULL),
	('p1', 'fine', 'f2', '2024-02-01 06:00+00', 'payment', 'web', NULL),
	('p1', 'fine', 'f2', '2024-02-01 08:00+00', 'payment', 'web', NULL),
	('p2', 'permit', 'q1', '2024-03-01 10:00+00', 'apply', 'web', 5),
	('p2', 'permit', 'q1', '2024-03-01 11:00+00', 'decide', 'web', 4);
INSERT INTO hand.survey_answers (provider, service, respondent_id, item, answer, lo, hi) VALUES
	('p1', 'permit', 'r1', 'satisfaction', 5, 1, 5),
	('p1', 'permit', 'r2', 'satisfaction', 4, 1, 5),
	('p1', 'permit', 'r3', 'satisfaction', 4, 1, 5),
	('p1', 'permit', 'r4', 'satisfaction', 3, 1, 5),
	('p1', 'permit', 'r5', 'satisfaction', 1, 1, 5),
	('p1', 'permit', 'r6', 'satisfaction', NULL, 1, 5),
	('p1', 'permit', 'r1', 'recommend', 10, 0, 10),
	('p1', 'permit', 'r2', 'recommend', 9, 0, 10),
	('p1', 'permit', 'r3', 'recommend', 7, 0, 10),
	('p1', 'permit', 'r4', 'recommend', 3, 0, 10),
	('p1', 'permit', 'r1', 'ease', 2, 1, 5);
INSERT INTO hand.value_answers (provider, service, respondent_id, dimension, score, lo, hi) VALUES
	('p1', 'permit', 'r1', 'functional', 5, 1, 5),
	('p1', 'permit', 'r1', 'time', 2, 1, 5),
	('p1', 'permit', 'r2', 'functional', 3, 1, 5),
	('p1', 'permit', 'r2', 'time', 4, 1, 5),
	('p1', 'permit', 'r2', 'effort', 3, 1, 5),
	('p1', 'permit', 'r2', 'perceived', 4, 1, 5),
	('p1', 'permit', 'r2', 'expected', 5, 1, 5),
	('p1', 'fine', 'r7', 'functional', 2, 1, 5),
	('p1', 'fine', 'r7', 'money', 10, 0, 10);
INSERT INTO hand.coproduction_assessments (provider, service, voluntariness, system_locus) VALUES
	('p1', 'permit', 0.8, 0.2),
	('p1', 'permit', 0.7, 0.6),
	('p1', 'permit', 0.9, 0.1),
	('p1', 'permit', NULL, 0.5),
	('p1', 'fine', 0.1, 0.1),
	('p1', 'fine', 0.2, 0.9);

-- The views read rollups: fold the rows in.  Views are not stale
-- unless changes wait (workspace_freshness).
SELECT mode, changes, journeys, journey_days, survey_days, value_days, assessment_days
FROM cx.refresh_workspace('hand');
SELECT provider, service, changes_waiting, last_refresh_at IS NOT NULL AS refreshed
FROM hand.workspace_freshness ORDER BY provider, service;

-- journey_summary.  j1: apply 09:00 (web, 4), check 10:00 (web, 2),
-- apply next day (phone, 3), decide on the 3rd (unknown channel, 5):
-- 4 touchpoints over 2 days 1 hour; channels web, phone; web, web, phone
-- is one switch (the unknown one is skipped); apply repeats once; mean
-- 14/4 = 3.5, worst 2 at check, end 5, peak-end (2 + 5) / 2 = 3.5.
-- j2: apply (phone, unscored), decide 30 min later (phone, 1).
-- j3 has no touchpoints.  f1: the reminder repeats after 10 days, outside
-- the fine service's 1-day repeat window; f2 pays twice 2 hours apart.
SELECT provider, service, journey_id, completed, touchpoints, start_day, duration_hours, path,
       channels, first_channel, channel_switches AS sw, repeats, repeat_contact,
       mean_score, min_score, end_score, peak_end, worst_stage
FROM hand.journey_summary
ORDER BY provider, service, journey_id;

-- service_scorecard.  p1 permit: 3 journeys, 6 touchpoints; completion
-- among the 2 known = 1/2; median of 49 h and 0.5 h = 24.75 h; repeat contact 1 of the 2 journeys with touchpoints;
-- multi-channel 1 of 2; switches (1 + 0) / 2; peak-end (3.5 + 1) / 2.
-- p1 fine: median of 468 h and 8 h = 238 h; only f2 repeats within a day; both journeys use post and web,
-- one switch each.  p2 permit: one journey of one hour, peak-end
-- (4 + 4) / 2.  p2 empty: a service without data.
SELECT provider, service, journeys, touchpoints, completed_journeys, completion_rate, median_duration_hours,
       mean_duration_hours, repeat_contact_rate, multichannel_rate, mean_channel_switches, mean_peak_end
FROM hand.service_scorecard
ORDER BY provider, service;

-- Satisfaction 5, 4, 4, 3, 1 and one skipped: top-2-box 3/5 = 0.6, Wilson
-- 95% interval (p + z^2/2n +- z sqrt(p(1-p)/n + z^2/4n^2)) / (1 + z^2/n)
-- = [0.230724, 0.882379].  Recommend 10, 9, 7, 3: promoters 2/4,
-- detractors 1/4, NPS 25, SE 100 sqrt((0.5 + 0.25 - 0.0625) / 4) = 41.4578,
-- so 25 -+ 1.959964 * 41.4578, the upper bound clamped to 100.
-- Value of p1 permit (normalised (x - 1) / 4): benefits = functional
-- (1 + 0.5) / 2 = 0.75; sacrifices = mean of time (0.25 + 0.75) / 2 and
-- effort 0.5 = 0.5; index 0.25.  p1 fine: functional 0.25, money 1.0:
-- index -0.75, co-destruction.  Quadrants of p1 permit: (0.8, 0.2) and
-- (0.9, 0.1) co-management, (0.7, 0.6) co-design, one skipped: dominant
-- III.  p1 fine: one co-production, one co-construction: the tie goes to I.
SELECT provider, service, satisfaction_answers, satisfaction_top2_share,
       round(satisfaction_top2_lower::numeric, 6) AS top2_lower,
       round(satisfaction_top2_upper::numeric, 6) AS top2_upper,
       nps_answers, nps, round(nps_lower::numeric, 4) AS nps_lower, round(nps_upper::numeric, 4) AS nps_upper,
       value_model, value_index, co_destruction, coproduction_assessments, dominant_quadrant
FROM hand.service_scorecard
ORDER BY provider, service;

-- survey_items: ease has one answer, 2: top-2-box 0, bottom-2-box 1.
SELECT provider, service, item, lo, hi, answers, missing, mean, median, top2_share, bottom2_share, nps
FROM hand.survey_items
ORDER BY provider, service, item;

-- value_by_service and value_dimensions: p1 permit ratio 0.75 / 0.5 = 1.5,
-- disconfirmation perceived 0.75 - expected 1.0 = -0.25; p1 fine ratio
-- 0.25 / 1.0.  Respondents r1, r2 and r7.
SELECT provider, service, value_model, answers, respondents, benefits, sacrifices,
       value_index, value_ratio, disconfirmation, co_destruction
FROM hand.value_by_service
ORDER BY provider, service;
SELECT provider, service, dimension, answers, mean_normalised
FROM hand.value_dimensions
ORDER BY provider, service, dimension;

-- quadrant_mix: centroid of p1 permit (0.8 + 0.7 + 0.9) / 3 = 0.8 and
-- (0.2 + 0.6 + 0.1) / 3 = 0.3 (the skipped row has no voluntariness).
SELECT provider, service, assessments, skipped, dominant_quadrant, co_production_share, co_construction_share,
       co_management_share, co_design_share, round(mean_voluntariness::numeric, 12) AS mean_voluntariness,
       round(mean_system_locus::numeric, 12) AS mean_system_locus
FROM hand.quadrant_mix
ORDER BY provider, service;

-- stage_pain_points.  p1 permit, apply: j1 (twice, scores 4 and 3) and j2
-- (once, unscored): reach 2/3, 1 rework in 1 journey, mean 3.5; dwell in
-- j1 1 h + 1 day, in j2 30 min: median and mean 12.75 h.  check: only j1,
-- its worst stage, dwell 24 h.  decide: scores 5 and 1, worst of j2,
-- last stage of both, dwell 0.
SELECT provider, service, stage, journeys, round(reach_share::numeric, 6) AS reach_share, touchpoints,
       rework_touchpoints, rework_journeys, rework_rate, scored_touchpoints, mean_score, worst_in_journeys,
       last_in_journeys, median_dwell_hours, mean_dwell_hours
FROM hand.stage_pain_points
ORDER BY provider, service, stage;

-- stage_transitions: j1 apply -> check (1 h), check -> apply (24 h,
-- back to a stage already seen), apply -> decide (24 h); j2 apply ->
-- decide (0.5 h): median and mean (24 + 0.5) / 2 = 12.25 h.
SELECT provider, service, from_stage, to_stage, transitions, journeys, backward_transitions,
       median_gap_hours, mean_gap_hours
FROM hand.stage_transitions
ORDER BY provider, service, from_stage, to_stage;

-- rework_loops, journey_paths, channel_mix.  p1 permit channels: web in j1
-- (2 touchpoints), phone in j1 and j2 (3), unknown in j1 (1), of 2
-- journeys and 6 touchpoints.
SELECT * FROM hand.rework_loops ORDER BY provider, service, stage, loop;
SELECT * FROM hand.journey_paths ORDER BY provider, service, path;
SELECT provider, service, channel, journeys, touchpoints, journey_share,
       round(touchpoint_share::numeric, 6) AS touchpoint_share
FROM hand.channel_mix
ORDER BY provider, service, channel;

-- Views are security_invoker, so row-level security on the tables holds.
SELECT c.relname, c.reloptions
FROM pg_class c
WHERE c.relnamespace = 'hand'::regnamespace AND c.relkind = 'v'
ORDER BY c.relname;

-- BI tools see only plain types: no cx type, interval or array in any view,
-- and a comment on every column.
SELECT c.relname, a.attname, a.atttypid::regtype
FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0
JOIN pg_type t ON t.oid = a.atttypid
WHERE c.relnamespace = 'hand'::regnamespace AND c.relkind = 'v'
  AND (t.typnamespace = 'cx'::regnamespace OR t.oid = 'interval'::regtype OR t.typcategory = 'A'
       OR t.oid NOT IN ('bigint'::regtype, 'integer'::regtype, 'float8'::regtype, 'text'::regtype,
                        'boolean'::regtype, 'date'::regtype, 'timestamptz'::regtype))
ORDER BY 1, 2;
SELECT count(*) AS view_columns, count(col_description(c.oid, a.attnum)) AS commented
FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0
WHERE c.relnamespace = 'hand'::regnamespace AND c.relkind = 'v';
-- The period views: grain and period_start first.
SELECT c.relname, array_agg(a.attname::text || ' ' || format_type(a.atttypid, a.atttypmod) ORDER BY a.attnum) AS key
FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum BETWEEN 1 AND 2
WHERE c.relnamespace = 'hand'::regnamespace AND c.relkind = 'v' AND c.relname LIKE '%\_by\_period'
GROUP BY c.relname ORDER BY 1;

-- Per month: a journey counts in the month it starts; answers without a
-- time (all of them here) and journeys without touchpoints (j3) in the
-- period_start IS NULL row.
SELECT grain, period_start, provider, service, journeys, touchpoints, median_duration_hours,
       satisfaction_answers, satisfaction_top2_share, nps, value_index, dominant_quadrant
FROM hand.service_scorecard_by_period
WHERE grain = 'month'
ORDER BY provider, service, period_start;
-- Answers dated later move to their weeks; a refresh folds only that in.
UPDATE hand.survey_answers SET answered_at = timestamptz '2024-01-01 12:00+00' + (answer_id % 3) * interval '7 days'
WHERE item = 'satisfaction';
SELECT provider, service, changes_waiting FROM hand.workspace_freshness WHERE changes_waiting > 0;
SELECT mode, changes, journeys, survey_days FROM cx.refresh_workspace('hand');
SELECT grain, period_start, item, answers, missing, top2_share
FROM hand.survey_items_by_period
WHERE grain IN ('week', 'year') AND item = 'satisfaction'
ORDER BY grain, period_start;
SELECT grain, period_start, stage, journeys, reach_share, rework_touchpoints, median_dwell_hours
FROM hand.stage_pain_points_by_period
WHERE grain = 'quarter' AND provider = 'p1'
ORDER BY period_start, stage;
SELECT grain, period_start, provider, service, answers, benefits, value_index
FROM hand.value_by_service_by_period WHERE grain = 'day' ORDER BY provider, service;

-- Creating a workspace twice is an error that changes nothing.
SELECT cx.create_workspace('hand');
SELECT count(*) AS relations FROM pg_class WHERE relnamespace = 'hand'::regnamespace AND relkind IN ('r', 'v');
-- Never in the extension's own schema, never NULL or empty.
SELECT cx.create_workspace('cx');
SELECT cx.create_workspace(NULL);
SELECT cx.create_workspace('');
SELECT cx.refresh_workspace(NULL);
SELECT cx.refresh_workspace('hand', NULL);
SELECT cx.refresh_workspace('nowhere');
-- The views can be recreated in place.
SELECT cx.create_workspace_views('hand');
SELECT count(*) AS journeys FROM hand.journey_summary;
SELECT cx.create_workspace_views('nowhere');

SET client_min_messages = warning;
DROP SCHEMA hand CASCADE;
