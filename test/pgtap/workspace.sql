-- Behaviour and errors of cx.create_workspace, its tables and views.
BEGIN;
SELECT plan(58);

-- creating
SELECT lives_ok($$SELECT cx.create_workspace('w')$$, 'creates a workspace and its schema');
SELECT is((SELECT nspowner::regrole::text FROM pg_namespace WHERE nspname = 'w'), current_user::text,
	'the new schema belongs to the caller');
SELECT views_are('w', ARRAY['journey_summary', 'service_scorecard', 'service_scorecard_by_period',
	'stage_pain_points', 'stage_pain_points_by_period', 'stage_transitions', 'rework_loops', 'journey_paths',
	'channel_mix', 'survey_items', 'survey_items_by_period', 'quadrant_mix', 'value_by_service',
	'value_by_service_by_period', 'value_dimensions', 'workspace_freshness'], 'the workspace views');
SELECT is((SELECT count(*) FROM pg_class WHERE relnamespace = 'w'::regnamespace AND relkind = 'v'
	AND reloptions @> '{security_invoker=true}'), 16::bigint, 'every view is security_invoker');
SELECT is((SELECT array_agg(DISTINCT format_type(a.atttypid, NULL) ORDER BY format_type(a.atttypid, NULL))
	FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0
	WHERE c.relnamespace = 'w'::regnamespace AND c.relkind = 'v'),
	ARRAY['bigint', 'boolean', 'date', 'double precision', 'integer', 'text', 'timestamp with time zone'],
	'view columns have plain types only: no cx type, interval or array');
SELECT is((SELECT count(*) FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0
	WHERE c.relnamespace = 'w'::regnamespace AND c.relkind = 'v' AND col_description(c.oid, a.attnum) IS NULL),
	0::bigint, 'every view column has a comment');
SELECT is((SELECT count(*) FROM pg_class c WHERE c.relnamespace = 'w'::regnamespace AND c.relkind = 'v'
	AND obj_description(c.oid, 'pg_class') IS NULL), 0::bigint, 'every view has a comment');
SELECT is((SELECT array_agg(c.relname::text ORDER BY c.relname) FROM pg_class c
	WHERE c.relnamespace = 'w'::regnamespace AND c.relkind = 'v'
	  AND (SELECT array_agg(a.attname::text || ':' || format_type(a.atttypid, NULL) ORDER BY a.attnum)
	       FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum IN (1, 2)) = ARRAY['grain:text', 'period_start:date']),
	ARRAY['service_scorecard_by_period', 'stage_pain_points_by_period', 'survey_items_by_period', 'value_by_service_by_period'],
	'the period views start with grain and period_start');
SELECT tables_are('w', ARRAY['services', 'journeys', 'touchpoints', 'survey_answers', 'value_answers',
	'coproduction_assessments', 'published_scores', 'changes', 'refresh_state', 'rollup_journeys',
	'rollup_journey_days', 'rollup_stage_days', 'rollup_transition_days', 'rollup_loop_days', 'rollup_path_days',
	'rollup_channel_days', 'rollup_survey_days', 'rollup_value_days', 'rollup_quadrant_days'],
	'the tables, the change log and the rollups');
SELECT is((SELECT count(*) FROM pg_trigger WHERE tgrelid = 'w.touchpoints'::regclass AND NOT tgisinternal), 4::bigint,
	'touchpoints log their changes (insert, update, delete, truncate)');
SELECT is((SELECT count(*) FROM pg_depend d JOIN pg_class c ON c.oid = d.objid
	WHERE c.relnamespace = 'w'::regnamespace AND d.refclassid = 'pg_extension'::regclass), 0::bigint,
	'no workspace object belongs to the extension');
SELECT has_index('w', 'touchpoints', 'touchpoints_provider_service_journey_id_at_idx',
	ARRAY['provider', 'service', 'journey_id', 'at'], 'touchpoints are indexed by journey and time');
SELECT col_is_pk('w', 'journeys', ARRAY['provider', 'service', 'journey_id'], 'journeys are keyed by provider, service, id');
SELECT fk_ok('w', 'touchpoints', ARRAY['provider', 'service', 'journey_id'],
	'w', 'journeys', ARRAY['provider', 'service', 'journey_id'], 'touchpoints belong to journeys');

SELECT throws_ok($$SELECT cx.create_workspace('w')$$, '42P07', 'schema w already holds a workspace',
	'a second call is an error');
SELECT throws_ok($$SELECT cx.create_workspace('cx')$$, '22023', 'cannot create a workspace in schema cx',
	'never in the extension''s schema');
SELECT throws_ok($$SELECT cx.create_workspace('pg_catalog')$$, '22023', NULL, 'never in a system schema');
SELECT throws_ok($$SELECT cx.create_workspace(NULL)$$, '22004', 'schema must not be NULL', 'NULL schema');
SELECT throws_ok($$SELECT cx.create_workspace('')$$, '22023', 'schema name must not be empty', 'empty schema name');
SELECT throws_ok($$SELECT cx.create_workspace_views('')$$, '22023', 'schema name must not be empty', 'empty schema name (views)');
SELECT throws_ok($$SELECT cx.refresh_workspace('')$$, '22023', 'schema name must not be empty', 'empty schema name (refresh)');
SELECT throws_ok($$SELECT cx.refresh_workspace(NULL)$$, '22004', 'schema must not be NULL', 'NULL schema (refresh)');
SELECT throws_ok($$SELECT cx.create_workspace_views('nowhere')$$, '42P01', 'schema nowhere holds no workspace',
	'views need the tables');

SELECT lives_ok($$SELECT cx.create_workspace('Mixed Case')$$, 'a schema name that needs quoting');
SELECT is((SELECT count(*) FROM "Mixed Case".service_scorecard), 0::bigint, 'and its views work');

-- A clash half-way leaves nothing behind.
CREATE SCHEMA partly;
CREATE TABLE partly.stage_transitions (x int);
SELECT throws_ok($$SELECT cx.create_workspace('partly')$$, '42P07', NULL, 'a schema with a clashing relation');
SELECT is((SELECT array_agg(relname::text) FROM pg_class WHERE relnamespace = 'partly'::regnamespace),
	ARRAY['stage_transitions'], 'and nothing was created in it');

-- Only in a schema the caller owns, superuser or not.
CREATE ROLE regress_cx_ws_stranger;
CREATE SCHEMA theirs;
GRANT CREATE, USAGE ON SCHEMA theirs TO regress_cx_ws_stranger;
SET ROLE regress_cx_ws_stranger;
SELECT throws_ok($$SELECT cx.create_workspace('theirs')$$, '42501', 'must own schema theirs to create a workspace in it',
	'not in someone else''s schema');
SELECT throws_ok($$SELECT cx.refresh_workspace('w')$$, '42501', 'must own schema w to refresh its workspace',
	'nor refresh someone else''s workspace');
RESET ROLE;
CREATE SCHEMA untrusted AUTHORIZATION regress_cx_ws_stranger;
SELECT throws_ok($$SELECT cx.create_workspace('untrusted')$$, '42501', 'must own schema untrusted to create a workspace in it',
	'a superuser neither, in a schema an untrusted role owns');
SELECT is((SELECT count(*) FROM pg_class WHERE relnamespace = 'untrusted'::regnamespace), 0::bigint, 'which stays empty');
SELECT throws_ok($$SELECT cx.create_workspace_views('untrusted')$$, '42501', NULL, 'no views there either');

-- constraints
INSERT INTO w.services (provider, service, name) VALUES ('p', 's', 'S');
INSERT INTO w.journeys (provider, service, journey_id) VALUES ('p', 's', 'j');
SELECT throws_ok($$INSERT INTO w.services (provider, service, name) VALUES ('', 's', 'S')$$, '23514', NULL, 'empty provider');
SELECT throws_ok($$INSERT INTO w.journeys (provider, service, journey_id) VALUES ('p', 'nope', 'j')$$, '23503', NULL,
	'a journey of an unknown service');
SELECT throws_ok($$INSERT INTO w.journeys (provider, service, journey_id) VALUES ('p', 's', 'j')$$, '23505', NULL,
	'a journey twice');
SELECT throws_ok($$INSERT INTO w.touchpoints (provider, service, journey_id, at, stage) VALUES ('p', 's', 'x', now(), 'a')$$,
	'23503', NULL, 'a touchpoint of an unknown journey');
SELECT throws_ok($$INSERT INTO w.touchpoints (provider, service, journey_id, at, stage) VALUES ('p', 's', 'j', NULL, 'a')$$,
	'23502', NULL, 'a touchpoint without a time');
SELECT throws_ok($$INSERT INTO w.touchpoints (provider, service, journey_id, at, stage) VALUES ('p', 's', 'j', 'infinity', 'a')$$,
	'23514', NULL, 'a touchpoint at infinity');
SELECT throws_ok($$INSERT INTO w.touchpoints (provider, service, journey_id, at, stage, score) VALUES ('p', 's', 'j', now(), 'a', 'NaN')$$,
	'23514', NULL, 'a NaN score');
SELECT throws_ok($$INSERT INTO w.touchpoints (provider, service, journey_id, at, stage) VALUES ('p', 's', 'j', now(), '')$$,
	'23514', NULL, 'an empty stage');
SELECT throws_ok($$INSERT INTO w.survey_answers (provider, service, item, answer) VALUES ('p', 's', 'ease', 6)$$,
	'23514', NULL, 'an answer above the default 1..5 scale');
SELECT throws_ok($$INSERT INTO w.survey_answers (provider, service, item, answer, lo, hi) VALUES ('p', 's', 'x', 1, 0, 101)$$,
	'23514', NULL, 'a scale of more than 101 points');
SELECT lives_ok($$INSERT INTO w.survey_answers (provider, service, item, answer, lo, hi) VALUES ('p', 's', 'recommend', 0, 0, 10),
	('p', 's', 'ease', NULL, 1, 5)$$, 'an NPS answer and a skipped item');
SELECT throws_ok($$INSERT INTO w.value_answers (provider, service, dimension, score) VALUES ('p', 's', 'time', 'NaN')$$,
	'23514', NULL, 'a NaN value score');
SELECT throws_ok($$INSERT INTO w.value_answers (provider, service, dimension, score, lo, hi) VALUES ('p', 's', 'time', 3, 5, 1)$$,
	'23514', NULL, 'a reversed value scale');
SELECT throws_ok($$INSERT INTO w.coproduction_assessments (provider, service, voluntariness) VALUES ('p', 's', 1.5)$$,
	'23514', NULL, 'voluntariness above 1');
SELECT throws_ok($$INSERT INTO w.published_scores (provider, service, period, item, mean) VALUES ('p', 's', 'q', 'ease', 7)$$,
	'23514', NULL, 'a published mean outside its scale');
SELECT lives_ok($$UPDATE w.services SET service = 't' WHERE service = 's'$$, 'renaming a service cascades');
SELECT is((SELECT count(*) FROM w.survey_answers WHERE service = 't'), 2::bigint, 'to its answers');

-- Forced parallel plans give the serial answers.
INSERT INTO w.services (provider, service, name) VALUES ('p', 'big', 'Big');
INSERT INTO w.journeys (provider, service, journey_id, completed)
SELECT 'p', 'big', 'j' || i, i % 3 > 0 FROM generate_series(1, 3000) AS i;
INSERT INTO w.touchpoints (provider, service, journey_id, at, stage, channel, score)
SELECT 'p', 'big', 'j' || (i % 3000 + 1), timestamptz '2024-01-01' + i * interval '17 minutes',
       (ARRAY['a', 'b', 'c', 'b'])[i % 4 + 1], (ARRAY['web', 'phone', NULL])[i % 3 + 1], i % 5 + 1
FROM generate_series(1, 30000) AS i;
ANALYZE w.journeys, w.touchpoints;
SELECT is((SELECT mode || ' ' || journeys FROM cx.refresh_workspace('w')), 'incremental 3002',
	'the refresh folds in the new journeys and the renamed one (old and new key)');
CREATE TEMP TABLE serial AS SELECT * FROM w.service_scorecard WHERE service = 'big';
CREATE TEMP TABLE serial_stages AS SELECT * FROM w.stage_pain_points WHERE service = 'big';
SET LOCAL parallel_setup_cost = 0;
SET LOCAL parallel_tuple_cost = 0;
SET LOCAL min_parallel_table_scan_size = 0;
SET LOCAL max_parallel_workers_per_gather = 2;
SELECT is((SELECT row(s.*)::text FROM w.service_scorecard s WHERE service = 'big'),
	(SELECT row(s.*)::text FROM serial s), 'scorecard: parallel equals serial');
SELECT is((SELECT array_agg(row(s.*)::text ORDER BY stage) FROM w.stage_pain_points s WHERE service = 'big'),
	(SELECT array_agg(row(s.*)::text ORDER BY stage) FROM serial_stages s), 'stage pain points: parallel equals serial');
-- The figures against plain SQL over the tables.
SELECT is((SELECT journeys FROM serial), 3000::bigint, 'journeys');
SELECT is((SELECT touchpoints FROM serial), 30000::bigint, 'touchpoints');
SELECT is((SELECT sum(rework_touchpoints) FROM serial_stages),
	(SELECT sum(n - 1) FROM (SELECT count(*) AS n FROM w.touchpoints WHERE service = 'big'
	                         GROUP BY journey_id, stage) c)::numeric, 'rework against plain SQL');
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;

-- DROP EXTENSION never drops data: the views go, the tables and rows stay,
-- and the views come back.
CREATE TEMP TABLE before AS SELECT service, row(s.*)::text AS r FROM (SELECT provider, service, journeys, touchpoints,
	median_duration_hours, repeat_contact_rate, satisfaction_answers FROM w.service_scorecard) s;
SET client_min_messages = warning;
DROP EXTENSION cxvalue CASCADE;
RESET client_min_messages;
SELECT is((SELECT count(*) FROM w.touchpoints), 30000::bigint, 'DROP EXTENSION CASCADE kept the touchpoints');
CREATE EXTENSION cxvalue;
SELECT lives_ok($$SELECT cx.create_workspace_views('w')$$, 'the views are recreated');
SELECT is((SELECT array_agg(row(s.*)::text ORDER BY service) FROM (SELECT provider, service, journeys, touchpoints,
	median_duration_hours, repeat_contact_rate, satisfaction_answers FROM w.service_scorecard) s),
	(SELECT array_agg(r ORDER BY service) FROM before), 'with the same figures (the rollups rebuilt)');

SELECT * FROM finish();
ROLLBACK;
