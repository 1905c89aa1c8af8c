-- cx.refresh_workspace: after a randomized sequence of inserts, late rows,
-- updates, deletes and refreshes, the rollups equal a full rebuild byte for
-- byte, and every view gives the same figures (floats to 1e-9 absolute, the
-- merge order of float summaries being the plan's).
BEGIN;
SELECT plan(20);
SET LOCAL timezone = 'UTC';

SELECT cx.create_workspace('churn');
SET LOCAL search_path = churn, public;
\ir ../data/synthetic.sql
SELECT cx_synthetic('churn', 400, 11) > 0 AS made;
RESET search_path;

-- Every rollup table as text, and every view with floats rounded.
CREATE FUNCTION pg_temp.rollups(ws text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE t text; d text; out text := '';
BEGIN
	FOR t IN SELECT c.relname FROM pg_class c WHERE c.relnamespace = ws::regnamespace
	         AND c.relkind = 'r' AND c.relname LIKE 'rollup\_%' ORDER BY 1 LOOP
		EXECUTE format('SELECT count(*) || '' '' || coalesce(md5(string_agg(r::text, E''\n'' ORDER BY r::text)), '''') FROM %I.%I r', ws, t) INTO d;
		out := out || t || ' ' || d || E'\n';
	END LOOP;
	RETURN out;
END $$;
CREATE FUNCTION pg_temp.views(ws text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE t text; cols text; d text; out text := '';
BEGIN
	FOR t IN SELECT c.relname FROM pg_class c WHERE c.relnamespace = ws::regnamespace
	         AND c.relkind = 'v' AND c.relname <> 'workspace_freshness' ORDER BY 1 LOOP
		SELECT string_agg(CASE WHEN a.atttypid = 'float8'::regtype THEN format('round(%I::numeric, 9)', a.attname)
		                       WHEN a.atttypid = 'timestamptz'::regtype AND a.attname LIKE 'last\_%' THEN 'NULL'
		                       ELSE quote_ident(a.attname) END, ', ' ORDER BY a.attnum) INTO cols
		FROM pg_attribute a WHERE a.attrelid = format('%I.%I', ws, t)::regclass AND a.attnum > 0;
		EXECUTE format('SELECT count(*) || '' '' || coalesce(md5(string_agg(r::text, E''\n'' ORDER BY r::text)), '''') FROM (SELECT %s FROM %I.%I) r', cols, ws, t) INTO d;
		out := out || t || ' ' || d || E'\n';
	END LOOP;
	RETURN out;
END $$;

-- One random step of work on the workspace; returns what it did.
CREATE FUNCTION pg_temp.churn_step(i int) RETURNS text LANGUAGE plpgsql AS $$
DECLARE op int := floor(random() * 14)::int; j record; n int;
BEGIN
	SELECT provider, service, journey_id INTO j FROM churn.journeys ORDER BY random() LIMIT 1;
	CASE op
	WHEN 0 THEN	-- a new journey with touchpoints
		INSERT INTO churn.journeys (provider, service, journey_id, completed)
		VALUES (j.provider, j.service, 'new-' || i, random() < 0.7);
		INSERT INTO churn.touchpoints (provider, service, journey_id, at, stage, channel, score)
		SELECT j.provider, j.service, 'new-' || i, timestamptz '2024-03-01' + random() * interval '300 days',
		       (ARRAY['apply', 'pay fee', 'decision', 'status enquiry'])[1 + floor(random() * 4)::int],
		       (ARRAY['web', 'phone', NULL])[1 + floor(random() * 3)::int],
		       CASE WHEN random() < 0.6 THEN 1 + floor(random() * 5) END
		FROM generate_series(1, 1 + floor(random() * 5)::int);
	WHEN 1 THEN	-- a late touchpoint, earlier than the journey's start: the journey moves day
		INSERT INTO churn.touchpoints (provider, service, journey_id, at, stage, channel, score)
		SELECT j.provider, j.service, j.journey_id, min(t.at) - random() * interval '20 days', 'apply', 'web', 3
		FROM churn.touchpoints t WHERE (t.provider, t.service, t.journey_id) = (j.provider, j.service, j.journey_id)
		HAVING count(*) > 0;
	WHEN 2 THEN	-- scores and channels rewritten
		UPDATE churn.touchpoints SET score = CASE WHEN random() < 0.3 THEN NULL ELSE 1 + floor(random() * 5) END,
		       channel = CASE WHEN random() < 0.2 THEN 'office' ELSE channel END
		WHERE (provider, service, journey_id) = (j.provider, j.service, j.journey_id);
	WHEN 3 THEN	-- a touchpoint deleted
		DELETE FROM churn.touchpoints WHERE touchpoint_id =
			(SELECT min(touchpoint_id) FROM churn.touchpoints WHERE (provider, service, journey_id) = (j.provider, j.service, j.journey_id));
	WHEN 4 THEN	-- a journey deleted (its answers cascade)
		DELETE FROM churn.journeys WHERE (provider, service, journey_id) = (j.provider, j.service, j.journey_id);
	WHEN 5 THEN	-- completion and segment changed
		UPDATE churn.journeys SET completed = NOT coalesce(completed, false), segment = 'changed'
		WHERE (provider, service, journey_id) = (j.provider, j.service, j.journey_id);
	WHEN 6 THEN	-- a touchpoint moved in time and stage
		UPDATE churn.touchpoints SET at = at + (random() - 0.5) * interval '40 days', stage = 'decision'
		WHERE touchpoint_id = (SELECT max(touchpoint_id) FROM churn.touchpoints
		                       WHERE (provider, service, journey_id) = (j.provider, j.service, j.journey_id));
	WHEN 7 THEN	-- survey answers: new, some without a time, some late
		INSERT INTO churn.survey_answers (provider, service, journey_id, respondent_id, answered_at, item, answer, lo, hi)
		SELECT j.provider, j.service, j.journey_id, 'r' || i,
		       CASE WHEN random() < 0.2 THEN NULL ELSE timestamptz '2024-01-01' + random() * interval '365 days' END,
		       it.item, CASE WHEN random() < 0.1 THEN NULL ELSE it.lo + floor(random() * (it.hi - it.lo + 1))::int END, it.lo, it.hi
		FROM (VALUES ('satisfaction', 1, 5), ('recommend', 0, 10), ('ease', 1, 5)) AS it(item, lo, hi);
	WHEN 8 THEN	-- survey answers moved to another day or to no time, or rewritten
		UPDATE churn.survey_answers SET answered_at = CASE WHEN random() < 0.3 THEN NULL ELSE answered_at + interval '3 days' END,
		       answer = CASE WHEN answer IS NULL THEN lo ELSE answer END
		WHERE answer_id IN (SELECT answer_id FROM churn.survey_answers ORDER BY random() LIMIT 5);
	WHEN 9 THEN
		DELETE FROM churn.survey_answers WHERE answer_id IN (SELECT answer_id FROM churn.survey_answers ORDER BY random() LIMIT 4);
	WHEN 10 THEN	-- value answers: new, moved, deleted
		INSERT INTO churn.value_answers (provider, service, journey_id, respondent_id, answered_at, dimension, score)
		SELECT j.provider, j.service, j.journey_id, 'v' || floor(random() * 50)::int,
		       CASE WHEN random() < 0.2 THEN NULL ELSE timestamptz '2024-01-01' + random() * interval '365 days' END,
		       d, 1 + random() * 4
		FROM unnest(ARRAY['functional', 'time', 'effort']) AS d;
		UPDATE churn.value_answers SET answered_at = answered_at - interval '1 day', score = 5
		WHERE answer_id IN (SELECT answer_id FROM churn.value_answers ORDER BY random() LIMIT 3);
		DELETE FROM churn.value_answers WHERE answer_id IN (SELECT answer_id FROM churn.value_answers ORDER BY random() LIMIT 2);
	WHEN 11 THEN	-- assessments
		INSERT INTO churn.coproduction_assessments (provider, service, assessed_at, voluntariness, system_locus)
		VALUES (j.provider, j.service, CASE WHEN random() < 0.3 THEN NULL ELSE timestamptz '2024-06-01' + random() * interval '30 days' END,
		        random(), CASE WHEN random() < 0.2 THEN NULL ELSE random() END);
		DELETE FROM churn.coproduction_assessments WHERE assessment_id =
			(SELECT min(assessment_id) FROM churn.coproduction_assessments WHERE service = j.service);
	WHEN 12 THEN	-- a service's repeat window changes every journey's repeat contact
		UPDATE churn.services SET repeat_window = CASE WHEN repeat_window IS NULL THEN interval '2 days' END
		WHERE (provider, service) = (j.provider, j.service);
	ELSE		-- a refresh in between
		PERFORM cx.refresh_workspace('churn');
		RETURN 'refresh';
	END CASE;
	RETURN 'op ' || op;
END $$;

SELECT is((SELECT mode FROM cx.refresh_workspace('churn')), 'incremental', 'the first refresh folds in the load');
SELECT is((SELECT changes FROM cx.refresh_workspace('churn')), 0::bigint, 'a second refresh has nothing to do');
CREATE TEMP TABLE after_load AS SELECT pg_temp.rollups('churn') AS r;
SELECT is((SELECT mode FROM cx.refresh_workspace('churn', full => true)), 'full', 'full => true rebuilds');
SELECT is(pg_temp.rollups('churn'), (SELECT r FROM after_load), 'the incremental load equals a full rebuild');

SELECT setseed(0.25);
CREATE TEMP TABLE done AS SELECT i, pg_temp.churn_step(i) AS what FROM generate_series(1, 160) AS i;
SELECT cmp_ok((SELECT count(DISTINCT what) FROM done), '=', 14::bigint, 'every kind of step ran');
SELECT ok((SELECT count(*) FROM churn.changes) > 0, 'changes wait in the log');
SELECT ok((SELECT sum(changes_waiting) FROM churn.workspace_freshness) > 0, 'and the freshness view says so');
SELECT cmp_ok((SELECT changes FROM cx.refresh_workspace('churn')), '>', 0::bigint, 'the refresh folds them in');
SELECT is((SELECT count(*) FROM churn.changes), 0::bigint, 'and empties the log');
SELECT is((SELECT sum(changes_waiting) FROM churn.workspace_freshness), 0::numeric, 'nothing waits');
CREATE TEMP TABLE incremental AS SELECT pg_temp.rollups('churn') AS r, pg_temp.views('churn') AS v;
SELECT cx.refresh_workspace('churn', full => true);
SELECT is(pg_temp.rollups('churn'), (SELECT r FROM incremental), 'after 160 random steps: every rollup equals a full rebuild, byte for byte');
SELECT is(pg_temp.views('churn'), (SELECT v FROM incremental), 'and every view gives the same figures');

-- A second round, ending on a late row and a delete.
SELECT setseed(0.75);
CREATE TEMP TABLE done2 AS SELECT i, pg_temp.churn_step(1000 + i) AS what FROM generate_series(1, 80) AS i;
DELETE FROM churn.touchpoints WHERE touchpoint_id = (SELECT max(touchpoint_id) FROM churn.touchpoints);
TRUNCATE incremental;
SELECT cx.refresh_workspace('churn');
INSERT INTO incremental SELECT pg_temp.rollups('churn'), pg_temp.views('churn');
SELECT cx.refresh_workspace('churn', full => true);
SELECT is(pg_temp.rollups('churn'), (SELECT r FROM incremental), 'a second round: rollups equal a full rebuild');
SELECT is(pg_temp.views('churn'), (SELECT v FROM incremental), 'and so do the views');

-- The figures against the tables.
SELECT is((SELECT sum(touchpoints) FROM churn.service_scorecard), (SELECT count(*) FROM churn.touchpoints)::numeric,
	'the scorecard counts every touchpoint');
SELECT is((SELECT sum(journeys) FROM churn.service_scorecard_by_period WHERE grain = 'month'),
	(SELECT count(*) FROM churn.journeys)::numeric, 'each journey in one month (or the NULL period)');
SELECT is((SELECT sum(answers + missing) FROM churn.survey_items_by_period WHERE grain = 'week'),
	(SELECT count(*) FROM churn.survey_answers)::numeric, 'each survey answer in one week (or the NULL period)');
SELECT is((SELECT sum(answers) FROM churn.survey_items_by_period WHERE grain = 'day' AND period_start IS NULL),
	(SELECT count(answer) FROM churn.survey_answers WHERE answered_at IS NULL)::numeric, 'answers without a time in the NULL period');

-- TRUNCATE is logged too: the next refresh rebuilds.
TRUNCATE churn.coproduction_assessments;
SELECT is((SELECT mode FROM cx.refresh_workspace('churn')), 'full', 'after TRUNCATE the refresh rebuilds');
SELECT is((SELECT count(*) FROM churn.quadrant_mix), 0::bigint, 'and the truncated table''s figures are gone');

SELECT * FROM finish();
ROLLBACK;
