-- workspace: tables, rollups kept up to date and BI views, in a schema the
-- caller owns
--
-- A workspace (cx.create_workspace) is a schema of the caller's holding
--   tables      services, journeys, touchpoints, survey_answers,
--               value_answers, coproduction_assessments, published_scores
--   a change log  changes: statement-level triggers on the tables record
--               which journeys and which (service, day) of answers and
--               assessments changed; nothing else is done per row
--   rollups     rollup_journeys (one row per journey: its cx.journey and
--               its figures) and per service and day: rollup_journey_days,
--               rollup_stage_days, rollup_transition_days, rollup_loop_days,
--               rollup_path_days, rollup_channel_days, rollup_survey_days
--               (cx.scores), rollup_value_days (cx.customer_value),
--               rollup_quadrant_days (cx.quadrant_profile); refresh_state
--   views       plain-typed views BI tools read, all time and per period,
--               reading the rollups and merging them
-- cx.refresh_workspace(schema) folds the change log into the rollups: it
-- recomputes every journey and every (service, day) the log names, from
-- the tables, so the rollups always equal a full rebuild.
--
-- Days are UTC days.  A journey belongs to the day of its first touchpoint,
-- a survey or value answer to the day of answered_at, an assessment to the
-- day of assessed_at; rows without a time have the day NULL.
--
-- Every name below binds to pg_catalog or cx: the functions pin
-- search_path, and the SQL they run spells out pg_catalog operators and
-- functions, so objects of the caller's (a schema first on search_path
-- holding look-alike operators, say) are never used.

CREATE FUNCTION cx.workspace_sql(template text, schema text, per_period boolean)
RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
RETURN pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(
	pg_catalog.regexp_replace(pg_catalog.regexp_replace(pg_catalog.regexp_replace(template,
		'@src\((\w+)\)',
		CASE WHEN per_period
		     THEN '(SELECT g.grain, pg_catalog.date_trunc(g.grain, r0.day::timestamp without time zone)::date AS period_start, r0.*
		            FROM @ws.\1 r0 CROSS JOIN (VALUES (''day''::text), (''week''::text), (''month''::text),
		                                             (''quarter''::text), (''year''::text)) AS g(grain))'
		     ELSE '@ws.\1' END, 'g'),
		'@k\((\w+)\)', CASE WHEN per_period THEN '\1.grain, \1.period_start,' ELSE '' END, 'g'),
		'@on\((\w+), (\w+)\)',
		CASE WHEN per_period
		     THEN 'AND \1.grain OPERATOR(pg_catalog.=) \2.grain AND COALESCE(\1.period_start, ''-infinity''::date) OPERATOR(pg_catalog.=) COALESCE(\2.period_start, ''-infinity''::date)'
		     ELSE '' END, 'g'),
	'@name', CASE WHEN per_period THEN '_by_period' ELSE '' END),
	'@per', CASE WHEN per_period THEN 'per service and period' ELSE 'per service' END),
	'@fresh', ''),
	'@ws', schema);
COMMENT ON FUNCTION cx.workspace_sql(text, text, boolean) IS
	'Internal to cx.create_workspace_views: expands a view template for the workspace schema, all time or per period';

CREATE FUNCTION cx.create_workspace_views(schema name)
RETURNS void
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
SET client_min_messages = warning
AS $views$
DECLARE
	s text := pg_catalog.quote_ident(schema);
	nsp oid;
	owner oid;
	per boolean;
	t text;
	col text;
	sql text;
	tpl text;
	missing text;
	-- On a Citus cluster (cx.distribute_workspace) the tables keep no
	-- triggers and the rollups no policies: Citus runs neither.
	distributed CONSTANT boolean := cx.workspace_distributed(schema);
	eq CONSTANT text := 'OPERATOR(pg_catalog.=)';
	grains CONSTANT text := '(VALUES (''day''::text), (''week''::text), (''month''::text), (''quarter''::text), (''year''::text)) AS g(grain)';
BEGIN
	IF schema IS NULL THEN
		RAISE EXCEPTION 'schema must not be NULL' USING ERRCODE = '22004';
	END IF;
	IF pg_catalog.length(schema::text) OPERATOR(pg_catalog.=) 0 THEN
		RAISE EXCEPTION 'schema name must not be empty' USING ERRCODE = '22023';
	END IF;
	SELECT n.oid, n.nspowner INTO nsp, owner FROM pg_catalog.pg_namespace n
	WHERE n.nspname OPERATOR(pg_catalog.=) schema;
	IF nsp IS NOT NULL AND owner OPERATOR(pg_catalog.<>) (SELECT r.oid FROM pg_catalog.pg_roles r
	                                                       WHERE r.rolname OPERATOR(pg_catalog.=) current_user) THEN
		RAISE EXCEPTION 'must own schema % to create the views of its workspace', schema
			USING ERRCODE = '42501',
			      HINT = 'Superusers too: the schema''s owner could otherwise swap what other roles read.';
	END IF;
	IF nsp IS NULL OR pg_catalog.to_regclass(pg_catalog.format('%s.touchpoints', s)) IS NULL THEN
		RAISE EXCEPTION 'schema % holds no workspace', schema
			USING ERRCODE = '42P01', HINT = 'cx.create_workspace() makes one.';
	END IF;

	---------------------------------------------------------- old views
	-- 0.1.0 had views of the same names with other columns.
	-- Dependent views first (0.1.0's read journey_summary and survey_items).
	FOREACH t IN ARRAY ARRAY['service_scorecard', 'service_scorecard_by_period',
	                         'stage_pain_points', 'stage_pain_points_by_period', 'stage_transitions',
	                         'rework_loops', 'journey_paths', 'channel_mix', 'journey_summary', 'survey_items',
	                         'survey_items_by_period', 'quadrant_mix', 'value_by_service',
	                         'value_by_service_by_period', 'value_dimensions', 'workspace_freshness',
	                         'times_more_likely', 'satisfaction_drivers'] LOOP
		EXECUTE pg_catalog.format('DROP VIEW IF EXISTS %s.%I', s, t);
	END LOOP;

	-- A rollup table whose summary column DROP EXTENSION cxvalue CASCADE took
	-- away, or made before its layout changed, is made anew (and filled by the
	-- full refresh at the end).
	FOR t, col IN SELECT * FROM (VALUES ('rollup_journeys', 'journey'), ('rollup_journey_days', 'bucket'),
	                                   ('rollup_journey_days', 'time_to_complete'),
	                                   ('rollup_stage_days', 'bucket'), ('rollup_transition_days', 'bucket'),
	                                   ('rollup_loop_days', 'bucket'), ('rollup_path_days', 'bucket'),
	                                   ('rollup_channel_days', 'bucket'), ('rollup_survey_days', 'scores'),
	                                   ('rollup_value_days', 'value'), ('rollup_quadrant_days', 'profile'),
	                                   ('rollup_survey_days', 'bucket'), ('rollup_value_days', 'bucket'),
	                                   ('rollup_quadrant_days', 'bucket'), ('changes', 'bucket')) AS r(t, col) LOOP
		IF pg_catalog.to_regclass(pg_catalog.format('%s.%I', s, t)) IS NOT NULL
		   AND NOT EXISTS (SELECT FROM pg_catalog.pg_attribute a
		                   WHERE a.attrelid OPERATOR(pg_catalog.=) pg_catalog.to_regclass(pg_catalog.format('%s.%I', s, t))
		                     AND a.attname OPERATOR(pg_catalog.=) col AND NOT a.attisdropped) THEN
			EXECUTE pg_catalog.format('DROP TABLE %s.%I', s, t);
		END IF;
	END LOOP;

	---------------------------------------------------------- change log
	IF pg_catalog.to_regclass(pg_catalog.format('%s.changes', s)) IS NULL THEN
		EXECUTE pg_catalog.format($sql$
		CREATE TABLE %1$s.changes (
			change_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
			kind text NOT NULL,
			provider text,
			service text,
			journey_id text,
			day date,
			bucket integer,
			logged_at timestamptz NOT NULL DEFAULT pg_catalog.statement_timestamp()
		);
		COMMENT ON TABLE %1$s.changes IS
			'cxvalue workspace: what changed since the last cx.refresh_workspace(), written by triggers on the tables (kind journey: a journey''s touchpoints or row; survey, value, assessment: the answers or assessments of a service on a UTC day, NULL day: without a time; service: a service''s repeat window; truncate: everything)';
		CREATE TABLE IF NOT EXISTS %1$s.refresh_state (
			provider text NOT NULL,
			service text NOT NULL,
			last_refresh_at timestamptz,
			last_full_refresh_at timestamptz,
			PRIMARY KEY (provider, service)
		);
		COMMENT ON TABLE %1$s.refresh_state IS
			'cxvalue workspace: when cx.refresh_workspace() last brought each service''s rollups up to date';
		$sql$, s);
	END IF;

	---------------------------------------------------------- service standards, settings
	-- 0.2.0: the service standard and the digital channels (the journeys'
	-- rollups read them; a change to them is logged as kind service).
	IF NOT distributed THEN	-- there they exist: Citus refuses ADD COLUMN with a CHECK
		EXECUTE pg_catalog.format($sql$
		ALTER TABLE %1$s.services
			ADD COLUMN IF NOT EXISTS standard interval CHECK (standard OPERATOR(pg_catalog.>) '0'::interval),
			ADD COLUMN IF NOT EXISTS standard_stage text,
			ADD COLUMN IF NOT EXISTS standard_from_stage text,
			ADD COLUMN IF NOT EXISTS digital_channels text[] NOT NULL DEFAULT '{web,online,app,portal,email,chat}'::text[];
		COMMENT ON COLUMN %1$s.services.standard IS
			'The service standard: a journey meets it when it reaches standard_stage at most this long after standard_from_stage (its first touchpoint when NULL); NULL: the service has none';
		COMMENT ON COLUMN %1$s.services.standard_stage IS
			'The stage the service standard is met at (the decision, say); NULL: no standard';
		COMMENT ON COLUMN %1$s.services.standard_from_stage IS
			'The stage the service standard counts from; NULL: the journey''s first touchpoint';
		COMMENT ON COLUMN %1$s.services.digital_channels IS
			'The channels, in lower case, that count as digital for digital take-up (the journey''s first known channel)';
		$sql$, s);
	END IF;
	EXECUTE pg_catalog.format($sql$
	CREATE TABLE IF NOT EXISTS %1$s.likelihood_settings (
		provider text,
		service text,
		satisfaction_item text NOT NULL DEFAULT 'satisfaction'::text,
		satisfied_top integer NOT NULL DEFAULT 2 CHECK (satisfied_top OPERATOR(pg_catalog.>) 0),
		dissatisfied_bottom integer NOT NULL DEFAULT 2 CHECK (dissatisfied_bottom OPERATOR(pg_catalog.>) 0),
		trust_item text NOT NULL DEFAULT 'trust'::text,
		trust_top integer NOT NULL DEFAULT 2 CHECK (trust_top OPERATOR(pg_catalog.>) 0),
		repeat_contacts bigint NOT NULL DEFAULT 3 CHECK (repeat_contacts OPERATOR(pg_catalog.>) 0),
		confidence float8 NOT NULL DEFAULT 0.95 CHECK (confidence OPERATOR(pg_catalog.>) 0::float8 AND confidence OPERATOR(pg_catalog.<) 1::float8),
		UNIQUE NULLS NOT DISTINCT (provider, service)
	);
	COMMENT ON TABLE %1$s.likelihood_settings IS
		'cxvalue workspace: the definitions times_more_likely reads, per service (provider and service set), per provider (service NULL) or for all (both NULL); without a row: satisfied = the two highest points of item satisfaction, dissatisfied = its two lowest, trusts = the two highest points of item trust, three or more repeat contacts, 95%% intervals';
	$sql$, s);
	IF NOT distributed THEN
		EXECUTE pg_catalog.format($sql$
		ALTER TABLE %1$s.likelihood_settings ENABLE ROW LEVEL SECURITY;
		DROP POLICY IF EXISTS follows_services ON %1$s.likelihood_settings;
		CREATE POLICY follows_services ON %1$s.likelihood_settings FOR SELECT
		USING (likelihood_settings.provider IS NULL
		       OR EXISTS (SELECT FROM %1$s.services v WHERE v.provider OPERATOR(pg_catalog.=) likelihood_settings.provider
		                                              AND (likelihood_settings.service IS NULL
		                                                   OR v.service OPERATOR(pg_catalog.=) likelihood_settings.service)));
		$sql$, s);
	END IF;

	---------------------------------------------------------- rollups

	IF pg_catalog.to_regclass(pg_catalog.format('%s.rollup_journeys', s)) IS NULL THEN
		EXECUTE pg_catalog.format($sql$
		CREATE TABLE %1$s.rollup_journeys (
			provider text NOT NULL,
			service text NOT NULL,
			journey_id text NOT NULL,
			start_day date,
			customer_id text,
			segment text,
			outcome text,
			completed boolean,
			touchpoints bigint NOT NULL,
			started_at timestamptz,
			ended_at timestamptz,
			duration_seconds float8,
			first_stage text,
			last_stage text,
			path text,
			channels text,
			first_channel text,
			channel_count integer,
			channel_switches bigint,
			repeats bigint,
			repeat_contact boolean,
			mean_score float8,
			min_score float8,
			max_score float8,
			end_score float8,
			peak_end float8,
			worst_stage text,
			journey cx.journey,
			PRIMARY KEY (provider, service, journey_id)
		);
		CREATE INDEX ON %1$s.rollup_journeys (provider, service, (COALESCE(start_day, '-infinity'::date)));
		COMMENT ON TABLE %1$s.rollup_journeys IS
			'cxvalue workspace rollup: one row per journey, its cx.journey summary and figures (kept by cx.refresh_workspace)';
		$sql$, s);
	END IF;

	IF pg_catalog.to_regclass(pg_catalog.format('%s.rollup_journey_days', s)) IS NULL THEN
		EXECUTE pg_catalog.format($sql$
		CREATE TABLE %1$s.rollup_journey_days (
			provider text NOT NULL,
			service text NOT NULL,
			day date,
			bucket integer NOT NULL,
			journeys bigint NOT NULL,
			touchpoints bigint NOT NULL,
			journeys_with_touchpoints bigint NOT NULL,
			completed bigint NOT NULL,
			completion_known bigint NOT NULL,
			repeat_contacts bigint NOT NULL,
			multichannel bigint NOT NULL,
			channel_switches bigint NOT NULL,
			peak_end_n bigint NOT NULL,
			peak_end_sum numeric,
			duration_n bigint NOT NULL,
			duration_sum numeric,
			duration_seconds float8[],
			completion cx.rate NOT NULL,
			repeat_contact cx.rate NOT NULL,
			digital cx.rate NOT NULL,
			within_standard cx.rate NOT NULL,
			time_to_complete cx.waits NOT NULL
		);
		CREATE INDEX ON %1$s.rollup_journey_days (provider, service, day, bucket);
		COMMENT ON TABLE %1$s.rollup_journey_days IS
			'cxvalue workspace rollup: per service and start day (UTC), the journeys'' counts and sums, their durations in seconds, sorted, and the cx.rate and cx.waits summaries of completion, repeat contact, digital take-up, the service standard and the time to complete';
		$sql$, s);
	END IF;

	IF pg_catalog.to_regclass(pg_catalog.format('%s.rollup_stage_days', s)) IS NULL THEN
		EXECUTE pg_catalog.format($sql$

		CREATE TABLE %1$s.rollup_stage_days (
			provider text NOT NULL,
			service text NOT NULL,
			day date,
			bucket integer NOT NULL,
			stage text NOT NULL,
			journeys bigint NOT NULL,
			touchpoints bigint NOT NULL,
			rework_touchpoints bigint NOT NULL,
			rework_journeys bigint NOT NULL,
			scored bigint NOT NULL,
			score_sum numeric,
			worst_in bigint NOT NULL,
			last_in bigint NOT NULL,
			dwell_sum numeric,
			dwell_seconds float8[]
		);
		CREATE INDEX ON %1$s.rollup_stage_days (provider, service, day, bucket);
		COMMENT ON TABLE %1$s.rollup_stage_days IS
			'cxvalue workspace rollup: per service, start day and stage, the journeys reaching it, rework, scores, and per journey the dwell in seconds, sorted';

		CREATE TABLE %1$s.rollup_transition_days (
			provider text NOT NULL,
			service text NOT NULL,
			day date,
			bucket integer NOT NULL,
			from_stage text NOT NULL,
			to_stage text NOT NULL,
			transitions bigint NOT NULL,
			journeys bigint NOT NULL,
			backward bigint NOT NULL,
			gap_sum numeric,
			gap_seconds float8[]
		);
		CREATE INDEX ON %1$s.rollup_transition_days (provider, service, day, bucket);
		COMMENT ON TABLE %1$s.rollup_transition_days IS
			'cxvalue workspace rollup: per service, start day and pair of adjacent stages, the transitions and the seconds between, sorted';

		CREATE TABLE %1$s.rollup_loop_days (
			provider text NOT NULL,
			service text NOT NULL,
			day date,
			bucket integer NOT NULL,
			stage text NOT NULL,
			loop text NOT NULL,
			occurrences bigint NOT NULL,
			journeys bigint NOT NULL
		);
		CREATE INDEX ON %1$s.rollup_loop_days (provider, service, day, bucket);
		COMMENT ON TABLE %1$s.rollup_loop_days IS
			'cxvalue workspace rollup: per service, start day, stage and loop (the stages from one occurrence of the stage to the next), occurrences and journeys';

		CREATE TABLE %1$s.rollup_path_days (
			provider text NOT NULL,
			service text NOT NULL,
			day date,
			bucket integer NOT NULL,
			path text NOT NULL,
			journeys bigint NOT NULL,
			completed bigint NOT NULL,
			completion_known bigint NOT NULL,
			duration_seconds float8[]
		);
		CREATE INDEX ON %1$s.rollup_path_days (provider, service, day, bucket);
		COMMENT ON TABLE %1$s.rollup_path_days IS
			'cxvalue workspace rollup: per service, start day and path, the journeys, their completion and durations in seconds, sorted';

		CREATE TABLE %1$s.rollup_channel_days (
			provider text NOT NULL,
			service text NOT NULL,
			day date,
			bucket integer NOT NULL,
			channel text,
			journeys bigint NOT NULL,
			touchpoints bigint NOT NULL
		);
		CREATE INDEX ON %1$s.rollup_channel_days (provider, service, day, bucket);
		COMMENT ON TABLE %1$s.rollup_channel_days IS
			'cxvalue workspace rollup: per service, start day and channel (NULL: unknown), the journeys using it and the touchpoints through it';
		$sql$, s);
	END IF;

	IF pg_catalog.to_regclass(pg_catalog.format('%s.rollup_survey_days', s)) IS NULL THEN
		EXECUTE pg_catalog.format($sql$
		CREATE TABLE %1$s.rollup_survey_days (
			provider text NOT NULL,
			service text NOT NULL,
			day date,
			bucket integer NOT NULL,
			item text NOT NULL,
			lo integer NOT NULL,
			hi integer NOT NULL,
			scores cx.scores NOT NULL
		);
		CREATE INDEX ON %1$s.rollup_survey_days (provider, service, day, bucket);
		COMMENT ON TABLE %1$s.rollup_survey_days IS
			'cxvalue workspace rollup: per service, answer day (UTC) and survey item, the cx.scores summary of the answers';
		$sql$, s);
	END IF;
	IF pg_catalog.to_regclass(pg_catalog.format('%s.rollup_value_days', s)) IS NULL THEN
		EXECUTE pg_catalog.format($sql$
		CREATE TABLE %1$s.rollup_value_days (
			provider text NOT NULL,
			service text NOT NULL,
			day date,
			bucket integer NOT NULL,
			value cx.customer_value NOT NULL,
			respondents text[]
		);
		CREATE INDEX ON %1$s.rollup_value_days (provider, service, day, bucket);
		COMMENT ON TABLE %1$s.rollup_value_days IS
			'cxvalue workspace rollup: per service and answer day (UTC), the cx.customer_value summary of the value answers and the respondents, sorted';
		$sql$, s);
	END IF;
	IF pg_catalog.to_regclass(pg_catalog.format('%s.rollup_quadrant_days', s)) IS NULL THEN
		EXECUTE pg_catalog.format($sql$
		CREATE TABLE %1$s.rollup_quadrant_days (
			provider text NOT NULL,
			service text NOT NULL,
			day date,
			bucket integer NOT NULL,
			profile cx.quadrant_profile NOT NULL
		);
		CREATE INDEX ON %1$s.rollup_quadrant_days (provider, service, day, bucket);
		COMMENT ON TABLE %1$s.rollup_quadrant_days IS
			'cxvalue workspace rollup: per service and assessment day (UTC), the cx.quadrant_profile of the co-production assessments';
		$sql$, s);
	END IF;

	IF NOT distributed THEN
		-- Row-level security follows the tables: a rollup row is visible to
		-- whoever can see its service (its journey, for rollup_journeys).  The
		-- policies' subqueries run as the reader, under the tables' own policies.
		FOREACH t IN ARRAY ARRAY['rollup_journey_days', 'rollup_stage_days', 'rollup_transition_days',
		                         'rollup_loop_days', 'rollup_path_days', 'rollup_channel_days',
		                         'rollup_survey_days', 'rollup_value_days', 'rollup_quadrant_days',
		                         'refresh_state', 'changes'] LOOP
			EXECUTE pg_catalog.format('ALTER TABLE %1$s.%2$I ENABLE ROW LEVEL SECURITY;
				DROP POLICY IF EXISTS follows_services ON %1$s.%2$I;
				CREATE POLICY follows_services ON %1$s.%2$I FOR SELECT
				USING (EXISTS (SELECT FROM %1$s.services v WHERE v.provider OPERATOR(pg_catalog.=) %2$I.provider
				                                             AND v.service OPERATOR(pg_catalog.=) %2$I.service))', s, t);
		END LOOP;
		EXECUTE pg_catalog.format('ALTER TABLE %1$s.rollup_journeys ENABLE ROW LEVEL SECURITY;
			DROP POLICY IF EXISTS follows_journeys ON %1$s.rollup_journeys;
			CREATE POLICY follows_journeys ON %1$s.rollup_journeys FOR SELECT
			USING (EXISTS (SELECT FROM %1$s.journeys j WHERE j.provider OPERATOR(pg_catalog.=) rollup_journeys.provider
			                                             AND j.service OPERATOR(pg_catalog.=) rollup_journeys.service
			                                             AND j.journey_id OPERATOR(pg_catalog.=) rollup_journeys.journey_id))', s);

		---------------------------------------------------------- triggers
		-- Statement-level triggers with transition tables: one INSERT into the
		-- change log per statement, whatever its size.  SECURITY DEFINER (the
		-- workspace owner), so writers need no rights on the change log.
		EXECUTE pg_catalog.format($sql$
		CREATE OR REPLACE FUNCTION %1$s.cx_log_changes()
		RETURNS trigger
		LANGUAGE plpgsql SECURITY DEFINER
		SET search_path = pg_catalog, pg_temp
		AS $body$
		DECLARE
			rows text;
		BEGIN
			IF TG_OP OPERATOR(pg_catalog.=) 'TRUNCATE' THEN
				INSERT INTO %1$s.changes (kind) VALUES ('truncate');
				RETURN NULL;
			END IF;
			FOREACH rows IN ARRAY CASE TG_OP WHEN 'INSERT' THEN ARRAY['new_rows'] WHEN 'DELETE' THEN ARRAY['old_rows']
			                                 ELSE ARRAY['old_rows', 'new_rows'] END LOOP
				EXECUTE pg_catalog.format(CASE TG_ARGV[0]
					WHEN 'journey' THEN
						'INSERT INTO %1$s.changes (kind, provider, service, journey_id)
						 SELECT DISTINCT ''journey'', r.provider, r.service, r.journey_id FROM %%s r'
					WHEN 'service' THEN
						'INSERT INTO %1$s.changes (kind, provider, service)
						 SELECT DISTINCT ''service'', r.provider, r.service FROM %%s r'
					ELSE
						'INSERT INTO %1$s.changes (kind, provider, service, day, bucket)
						 SELECT DISTINCT ' OPERATOR(pg_catalog.||) pg_catalog.quote_literal(TG_ARGV[0])
						 OPERATOR(pg_catalog.||) ', r.provider, r.service, pg_catalog.timezone(''UTC''::text, r.'
						 OPERATOR(pg_catalog.||) pg_catalog.quote_ident(TG_ARGV[1]) OPERATOR(pg_catalog.||) ')::date, (r.'
						 OPERATOR(pg_catalog.||) pg_catalog.quote_ident(TG_ARGV[2]) OPERATOR(pg_catalog.||) ' OPERATOR(pg_catalog.%%%%) 8)::integer FROM %%s r'
					END, rows);
			END LOOP;
			RETURN NULL;
		END
		$body$;
		COMMENT ON FUNCTION %1$s.cx_log_changes() IS
			'cxvalue workspace: records in the change log what a statement changed (trigger function)';
		REVOKE ALL ON FUNCTION %1$s.cx_log_changes() FROM PUBLIC;
		$sql$, s);

		FOR t, col, sql, missing IN SELECT * FROM (VALUES ('journeys', 'journey', '', ''), ('touchpoints', 'journey', '', ''),
		                                        ('survey_answers', 'survey', 'answered_at', 'answer_id'),
		                                        ('value_answers', 'value', 'answered_at', 'answer_id'),
		                                        ('coproduction_assessments', 'assessment', 'assessed_at', 'assessment_id')) AS r(t, col, sql, missing) LOOP
			EXECUTE pg_catalog.format($sql$
			DROP TRIGGER IF EXISTS cx_log_insert ON %1$s.%2$I;
			DROP TRIGGER IF EXISTS cx_log_update ON %1$s.%2$I;
			DROP TRIGGER IF EXISTS cx_log_delete ON %1$s.%2$I;
			DROP TRIGGER IF EXISTS cx_log_truncate ON %1$s.%2$I;
			CREATE TRIGGER cx_log_insert AFTER INSERT ON %1$s.%2$I REFERENCING NEW TABLE AS new_rows
				FOR EACH STATEMENT EXECUTE FUNCTION %1$s.cx_log_changes(%3$L, %4$L, %5$L);
			CREATE TRIGGER cx_log_update AFTER UPDATE ON %1$s.%2$I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
				FOR EACH STATEMENT EXECUTE FUNCTION %1$s.cx_log_changes(%3$L, %4$L, %5$L);
			CREATE TRIGGER cx_log_delete AFTER DELETE ON %1$s.%2$I REFERENCING OLD TABLE AS old_rows
				FOR EACH STATEMENT EXECUTE FUNCTION %1$s.cx_log_changes(%3$L, %4$L, %5$L);
			CREATE TRIGGER cx_log_truncate AFTER TRUNCATE ON %1$s.%2$I
				FOR EACH STATEMENT EXECUTE FUNCTION %1$s.cx_log_changes(%3$L, %4$L, %5$L);
			$sql$, s, t, col, sql, missing);
		END LOOP;
		-- A service's repeat window decides its journeys' repeat contacts.
		EXECUTE pg_catalog.format($sql$
		DROP TRIGGER IF EXISTS cx_log_update ON %1$s.services;
		DROP TRIGGER IF EXISTS cx_log_truncate ON %1$s.services;
		CREATE TRIGGER cx_log_update AFTER UPDATE ON %1$s.services REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
			FOR EACH STATEMENT EXECUTE FUNCTION %1$s.cx_log_changes('service', '');
		CREATE TRIGGER cx_log_truncate AFTER TRUNCATE ON %1$s.services
			FOR EACH STATEMENT EXECUTE FUNCTION %1$s.cx_log_changes('service', '');
		$sql$, s);
	END IF;

	---------------------------------------------------------- views
	-- Each figure view comes twice: all time, and per period (grain, period_start)
	-- from the same template.  In a template, @src(t) is the rollup table t
	-- (per period: with grain and period_start added), @k(a) the period key
	-- columns of alias a, @on(a, b) the period part of a join condition,
	-- @name the view name's suffix.  To add a column to the scorecard, add
	-- a CTE reading a rollup and a LEFT JOIN ... ON ... @on(k, x) to it.
	FOREACH per IN ARRAY ARRAY[false, true] LOOP

	-- The scorecard: one row per service (and period).
	tpl := $tpl$
	CREATE VIEW @ws.service_scorecard@name WITH (security_invoker = true) AS
	WITH jd0 AS NOT MATERIALIZED (
	    SELECT @k(r) r.provider, r.service,
	           pg_catalog.sum(r.journeys)::bigint AS journeys,
	           pg_catalog.sum(r.touchpoints)::bigint AS touchpoints,
	           pg_catalog.sum(r.journeys_with_touchpoints)::bigint AS with_touchpoints,
	           pg_catalog.sum(r.completed)::bigint AS completed,
	           pg_catalog.sum(r.completion_known)::bigint AS completion_known,
	           pg_catalog.sum(r.repeat_contacts)::bigint AS repeat_contacts,
	           pg_catalog.sum(r.multichannel)::bigint AS multichannel,
	           pg_catalog.sum(r.channel_switches)::bigint AS channel_switches,
	           pg_catalog.sum(r.peak_end_n)::bigint AS peak_end_n,
	           pg_catalog.sum(r.peak_end_sum) AS peak_end_sum,
	           pg_catalog.sum(r.duration_n)::bigint AS duration_n,
	           pg_catalog.sum(r.duration_sum) AS duration_sum,
	           cx.merge(r.completion) AS completion,
	           cx.merge(r.repeat_contact) AS repeat_contact,
	           cx.merge(r.digital) AS digital,
	           cx.merge(r.within_standard) AS within_standard,
	           cx.merge(r.time_to_complete) AS time_to_complete
	    FROM @src(rollup_journey_days) r
	    GROUP BY @k(r) r.provider, r.service),
	jd AS NOT MATERIALIZED (
	    SELECT jd0.*,
	           cx.share_ci(jd0.completion) AS completion_ci,
	           cx.share_ci(jd0.repeat_contact) AS repeat_contact_ci,
	           cx.share_ci(jd0.digital) AS digital_ci,
	           cx.share_ci(jd0.within_standard) AS within_standard_ci,
	           cx.wait_quantile(jd0.time_to_complete, 0.5::float8) AS ttc,
	           cx.open(jd0.time_to_complete) AS open_journeys
	    FROM jd0),
	dur AS NOT MATERIALIZED (
	    SELECT @k(r) r.provider, r.service,
	           pg_catalog.percentile_cont(0.5::float8) WITHIN GROUP (ORDER BY u.seconds) AS median_seconds
	    FROM @src(rollup_journey_days) r CROSS JOIN LATERAL pg_catalog.unnest(r.duration_seconds) AS u(seconds)
	    GROUP BY @k(r) r.provider, r.service),
	sat AS NOT MATERIALIZED (
	    SELECT @k(r) r.provider, r.service, cx.merge(r.scores) AS scores
	    FROM @src(rollup_survey_days) r
	    WHERE r.item OPERATOR(pg_catalog.=) 'satisfaction'::text AND r.lo OPERATOR(pg_catalog.=) 1 AND r.hi OPERATOR(pg_catalog.=) 5
	    GROUP BY @k(r) r.provider, r.service),
	rec AS NOT MATERIALIZED (
	    SELECT @k(r) r.provider, r.service, cx.merge(r.scores) AS scores
	    FROM @src(rollup_survey_days) r
	    WHERE r.item OPERATOR(pg_catalog.=) 'recommend'::text AND r.lo OPERATOR(pg_catalog.=) 0 AND r.hi OPERATOR(pg_catalog.=) 10
	    GROUP BY @k(r) r.provider, r.service),
	val AS NOT MATERIALIZED (
	    SELECT @k(r) r.provider, r.service, cx.merge(r.value) AS value
	    FROM @src(rollup_value_days) r
	    GROUP BY @k(r) r.provider, r.service),
	quad AS NOT MATERIALIZED (
	    SELECT @k(r) r.provider, r.service, cx.merge(r.profile) AS profile
	    FROM @src(rollup_quadrant_days) r
	    GROUP BY @k(r) r.provider, r.service),
	k AS NOT MATERIALIZED (@keys)
	SELECT @k(k) k.provider, k.service, v.name,
	       COALESCE(jd.journeys, 0::bigint) AS journeys,
	       COALESCE(jd.touchpoints, 0::bigint) AS touchpoints,
	       COALESCE(jd.completed, 0::bigint) AS completed_journeys,
	       jd.completed::float8 OPERATOR(pg_catalog./) (CASE WHEN jd.completion_known OPERATOR(pg_catalog.>) 0 THEN jd.completion_known END)::float8 AS completion_rate,
	       dur.median_seconds OPERATOR(pg_catalog./) 3600::float8 AS median_duration_hours,
	       (jd.duration_sum OPERATOR(pg_catalog./) (CASE WHEN jd.duration_n OPERATOR(pg_catalog.>) 0 THEN jd.duration_n END)::numeric)::float8
	           OPERATOR(pg_catalog./) 3600::float8 AS mean_duration_hours,
	       jd.repeat_contacts::float8 OPERATOR(pg_catalog./) (CASE WHEN jd.with_touchpoints OPERATOR(pg_catalog.>) 0 THEN jd.with_touchpoints END)::float8 AS repeat_contact_rate,
	       jd.multichannel::float8 OPERATOR(pg_catalog./) (CASE WHEN jd.with_touchpoints OPERATOR(pg_catalog.>) 0 THEN jd.with_touchpoints END)::float8 AS multichannel_rate,
	       jd.channel_switches::float8 OPERATOR(pg_catalog./) (CASE WHEN jd.with_touchpoints OPERATOR(pg_catalog.>) 0 THEN jd.with_touchpoints END)::float8 AS mean_channel_switches,
	       (jd.peak_end_sum OPERATOR(pg_catalog./) (CASE WHEN jd.peak_end_n OPERATOR(pg_catalog.>) 0 THEN jd.peak_end_n END)::numeric)::float8 AS mean_peak_end,
	       (jd.completion_ci).lower AS completion_lower,
	       (jd.completion_ci).upper AS completion_upper,
	       (jd.completion_ci).n AS completion_n,
	       (jd.repeat_contact_ci).lower AS repeat_contact_lower,
	       (jd.repeat_contact_ci).upper AS repeat_contact_upper,
	       (jd.repeat_contact_ci).n AS repeat_contact_n,
	       (jd.digital_ci).value AS digital_rate,
	       (jd.digital_ci).lower AS digital_lower,
	       (jd.digital_ci).upper AS digital_upper,
	       (jd.digital_ci).n AS digital_n,
	       (jd.within_standard_ci).value AS within_standard_rate,
	       (jd.within_standard_ci).lower AS within_standard_lower,
	       (jd.within_standard_ci).upper AS within_standard_upper,
	       (jd.within_standard_ci).n AS within_standard_n,
	       pg_catalog.date_part('epoch'::text, (jd.ttc).value) OPERATOR(pg_catalog./) 86400::float8 AS median_days_to_complete,
	       pg_catalog.date_part('epoch'::text, (jd.ttc).lower) OPERATOR(pg_catalog./) 86400::float8 AS median_days_to_complete_lower,
	       pg_catalog.date_part('epoch'::text, (jd.ttc).upper) OPERATOR(pg_catalog./) 86400::float8 AS median_days_to_complete_upper,
	       (jd.ttc).n AS time_to_complete_n,
	       jd.open_journeys,
	       cx.n(sat.scores) AS satisfaction_answers,
	       (cx.top_box_ci(sat.scores)).value AS satisfaction_top2_share,
	       (cx.top_box_ci(sat.scores)).lower AS satisfaction_top2_lower,
	       (cx.top_box_ci(sat.scores)).upper AS satisfaction_top2_upper,
	       cx.n(rec.scores) AS nps_answers,
	       (cx.nps_ci(rec.scores)).value AS nps,
	       (cx.nps_ci(rec.scores)).lower AS nps_lower,
	       (cx.nps_ci(rec.scores)).upper AS nps_upper,
	       v.value_model,
	       cx.value_index(val.value, v.value_model) AS value_index,
	       cx.co_destruction(val.value, v.value_model) AS co_destruction,
	       cx.n(quad.profile) AS coproduction_assessments,
	       cx.label(cx.dominant(quad.profile)) AS dominant_quadrant@fresh
	FROM k
	LEFT JOIN @ws.services v ON v.provider OPERATOR(pg_catalog.=) k.provider AND v.service OPERATOR(pg_catalog.=) k.service
	LEFT JOIN jd ON jd.provider OPERATOR(pg_catalog.=) k.provider AND jd.service OPERATOR(pg_catalog.=) k.service @on(jd, k)
	LEFT JOIN dur ON dur.provider OPERATOR(pg_catalog.=) k.provider AND dur.service OPERATOR(pg_catalog.=) k.service @on(dur, k)
	LEFT JOIN sat ON sat.provider OPERATOR(pg_catalog.=) k.provider AND sat.service OPERATOR(pg_catalog.=) k.service @on(sat, k)
	LEFT JOIN rec ON rec.provider OPERATOR(pg_catalog.=) k.provider AND rec.service OPERATOR(pg_catalog.=) k.service @on(rec, k)
	LEFT JOIN val ON val.provider OPERATOR(pg_catalog.=) k.provider AND val.service OPERATOR(pg_catalog.=) k.service @on(val, k)
	LEFT JOIN quad ON quad.provider OPERATOR(pg_catalog.=) k.provider AND quad.service OPERATOR(pg_catalog.=) k.service @on(quad, k)
	@freshjoin;
	COMMENT ON VIEW @ws.service_scorecard@name IS
		'cxvalue workspace: one row @per: journeys, completion, durations, repeat contact, channels, peak-end, satisfaction top-2-box with its Wilson interval, NPS, value index and dominant co-production quadrant, from the rollups';
	$tpl$;
	IF per THEN
		-- The keys from the rollups themselves, not from the CTEs (which
		-- would then be computed twice).
		tpl := pg_catalog.replace(tpl, '@keys',
			'SELECT r.grain, r.period_start, r.provider, r.service FROM @src(rollup_journey_days) r
			 UNION SELECT r.grain, r.period_start, r.provider, r.service FROM @src(rollup_survey_days) r
			 WHERE (r.item OPERATOR(pg_catalog.=) ''satisfaction''::text AND r.lo OPERATOR(pg_catalog.=) 1 AND r.hi OPERATOR(pg_catalog.=) 5)
			    OR (r.item OPERATOR(pg_catalog.=) ''recommend''::text AND r.lo OPERATOR(pg_catalog.=) 0 AND r.hi OPERATOR(pg_catalog.=) 10)
			 UNION SELECT r.grain, r.period_start, r.provider, r.service FROM @src(rollup_value_days) r
			 UNION SELECT r.grain, r.period_start, r.provider, r.service FROM @src(rollup_quadrant_days) r');
		tpl := pg_catalog.replace(pg_catalog.replace(tpl, '@freshjoin', ''), '@fresh', '');
	ELSE
		tpl := pg_catalog.replace(tpl, '@keys', 'SELECT v.provider, v.service FROM @ws.services v');
		tpl := pg_catalog.replace(tpl, '@freshjoin',
			'LEFT JOIN @ws.refresh_state f ON f.provider OPERATOR(pg_catalog.=) k.provider AND f.service OPERATOR(pg_catalog.=) k.service');
		tpl := pg_catalog.replace(tpl, '@fresh', ', f.last_refresh_at');
	END IF;
	EXECUTE cx.workspace_sql(tpl, s, per);

	-- Survey items with their intervals.
	tpl := $tpl$
	CREATE VIEW @ws.survey_items@name WITH (security_invoker = true) AS
	SELECT @k(a) a.provider, a.service, a.item, a.lo, a.hi,
	       cx.n(a.scores) AS answers,
	       cx.missing(a.scores) AS missing,
	       cx.mean(a.scores) AS mean,
	       cx.median(a.scores) AS median,
	       (cx.top_box_ci(a.scores)).value AS top2_share,
	       (cx.top_box_ci(a.scores)).lower AS top2_lower,
	       (cx.top_box_ci(a.scores)).upper AS top2_upper,
	       cx.bottom_box(a.scores) AS bottom2_share,
	       CASE WHEN a.lo OPERATOR(pg_catalog.=) 0 AND a.hi OPERATOR(pg_catalog.=) 10 THEN (cx.nps_ci(a.scores)).value END AS nps,
	       CASE WHEN a.lo OPERATOR(pg_catalog.=) 0 AND a.hi OPERATOR(pg_catalog.=) 10 THEN (cx.nps_ci(a.scores)).lower END AS nps_lower,
	       CASE WHEN a.lo OPERATOR(pg_catalog.=) 0 AND a.hi OPERATOR(pg_catalog.=) 10 THEN (cx.nps_ci(a.scores)).upper END AS nps_upper
	FROM (SELECT @k(r) r.provider, r.service, r.item, r.lo, r.hi, cx.merge(r.scores) AS scores
	      FROM @src(rollup_survey_days) r
	      GROUP BY @k(r) r.provider, r.service, r.item, r.lo, r.hi) a;
	COMMENT ON VIEW @ws.survey_items@name IS
		'cxvalue workspace: @per and survey item, the answers, mean, median, top-2-box (A-11 percent agree) with its Wilson 95% interval, bottom-2-box, and NPS with its 95% interval for 0..10 items';
	$tpl$;
	EXECUTE cx.workspace_sql(tpl, s, per);

	-- Value by service, read with the service's value model.
	tpl := $tpl$
	CREATE VIEW @ws.value_by_service@name WITH (security_invoker = true) AS
	WITH val AS NOT MATERIALIZED (
	    SELECT @k(r) r.provider, r.service, cx.merge(r.value) AS value
	    FROM @src(rollup_value_days) r
	    GROUP BY @k(r) r.provider, r.service),
	resp AS NOT MATERIALIZED (
	    SELECT @k(r) r.provider, r.service, pg_catalog.count(DISTINCT u.respondent) AS respondents
	    FROM @src(rollup_value_days) r CROSS JOIN LATERAL pg_catalog.unnest(r.respondents) AS u(respondent)
	    GROUP BY @k(r) r.provider, r.service)
	SELECT @k(a) a.provider, a.service, v.value_model,
	       cx.n(a.value) AS answers,
	       COALESCE(resp.respondents, 0::bigint) AS respondents,
	       cx.benefits(a.value, v.value_model) AS benefits,
	       cx.sacrifices(a.value, v.value_model) AS sacrifices,
	       cx.value_index(a.value, v.value_model) AS value_index,
	       cx.value_ratio(a.value, v.value_model) AS value_ratio,
	       cx.disconfirmation(a.value, 'disconfirmation'::text) AS disconfirmation,
	       cx.co_destruction(a.value, v.value_model) AS co_destruction
	FROM val a
	JOIN @ws.services v ON v.provider OPERATOR(pg_catalog.=) a.provider AND v.service OPERATOR(pg_catalog.=) a.service
	LEFT JOIN resp ON resp.provider OPERATOR(pg_catalog.=) a.provider AND resp.service OPERATOR(pg_catalog.=) a.service @on(resp, a);
	COMMENT ON VIEW @ws.value_by_service@name IS
		'cxvalue workspace: customer value @per (benefits, sacrifices, value index and ratio, disconfirmation, co-destruction) under the service''s value model';
	$tpl$;
	EXECUTE cx.workspace_sql(tpl, s, per);

	-- Stages: where journeys hurt.
	tpl := $tpl$
	CREATE VIEW @ws.stage_pain_points@name WITH (security_invoker = true) AS
	WITH st AS NOT MATERIALIZED (
	    SELECT @k(r) r.provider, r.service, r.stage,
	           pg_catalog.sum(r.journeys)::bigint AS journeys,
	           pg_catalog.sum(r.touchpoints)::bigint AS touchpoints,
	           pg_catalog.sum(r.rework_touchpoints)::bigint AS rework_touchpoints,
	           pg_catalog.sum(r.rework_journeys)::bigint AS rework_journeys,
	           pg_catalog.sum(r.scored)::bigint AS scored,
	           pg_catalog.sum(r.score_sum) AS score_sum,
	           pg_catalog.sum(r.worst_in)::bigint AS worst_in,
	           pg_catalog.sum(r.last_in)::bigint AS last_in,
	           pg_catalog.sum(r.dwell_sum) AS dwell_sum
	    FROM @src(rollup_stage_days) r
	    GROUP BY @k(r) r.provider, r.service, r.stage),
	dw AS NOT MATERIALIZED (
	    SELECT @k(r) r.provider, r.service, r.stage,
	           pg_catalog.percentile_cont(0.5::float8) WITHIN GROUP (ORDER BY u.seconds) AS median_seconds
	    FROM @src(rollup_stage_days) r CROSS JOIN LATERAL pg_catalog.unnest(r.dwell_seconds) AS u(seconds)
	    GROUP BY @k(r) r.provider, r.service, r.stage),
	jd AS NOT MATERIALIZED (
	    SELECT @k(r) r.provider, r.service, pg_catalog.sum(r.journeys)::bigint AS journeys
	    FROM @src(rollup_journey_days) r
	    GROUP BY @k(r) r.provider, r.service)
	SELECT @k(st) st.provider, st.service, st.stage, st.journeys,
	       st.journeys::float8 OPERATOR(pg_catalog./) jd.journeys::float8 AS reach_share,
	       st.touchpoints, st.rework_touchpoints, st.rework_journeys,
	       st.rework_journeys::float8 OPERATOR(pg_catalog./) st.journeys::float8 AS rework_rate,
	       st.scored AS scored_touchpoints,
	       (st.score_sum OPERATOR(pg_catalog./) (CASE WHEN st.scored OPERATOR(pg_catalog.>) 0 THEN st.scored END)::numeric)::float8 AS mean_score,
	       st.worst_in AS worst_in_journeys,
	       st.last_in AS last_in_journeys,
	       dw.median_seconds OPERATOR(pg_catalog./) 3600::float8 AS median_dwell_hours,
	       (st.dwell_sum OPERATOR(pg_catalog./) st.journeys::numeric)::float8 OPERATOR(pg_catalog./) 3600::float8 AS mean_dwell_hours
	FROM st
	JOIN jd ON jd.provider OPERATOR(pg_catalog.=) st.provider AND jd.service OPERATOR(pg_catalog.=) st.service @on(jd, st)
	LEFT JOIN dw ON dw.provider OPERATOR(pg_catalog.=) st.provider AND dw.service OPERATOR(pg_catalog.=) st.service
	            AND dw.stage OPERATOR(pg_catalog.=) st.stage @on(dw, st);
	COMMENT ON VIEW @ws.stage_pain_points@name IS
		'cxvalue workspace: @per and stage, the journeys reaching it, rework (repeated occurrences), mean score, how often it is the worst or last moment, and dwell time';
	$tpl$;
	EXECUTE cx.workspace_sql(tpl, s, per);

	END LOOP;

	-- All time only: transitions, loops, paths, channels, dimensions, quadrants, journeys.
	tpl := $tpl$
	CREATE VIEW @ws.stage_transitions WITH (security_invoker = true) AS
	WITH tr AS NOT MATERIALIZED (
	    SELECT r.provider, r.service, r.from_stage, r.to_stage,
	           pg_catalog.sum(r.transitions)::bigint AS transitions,
	           pg_catalog.sum(r.journeys)::bigint AS journeys,
	           pg_catalog.sum(r.backward)::bigint AS backward,
	           pg_catalog.sum(r.gap_sum) AS gap_sum
	    FROM @ws.rollup_transition_days r
	    GROUP BY r.provider, r.service, r.from_stage, r.to_stage),
	md AS NOT MATERIALIZED (
	    SELECT r.provider, r.service, r.from_stage, r.to_stage,
	           pg_catalog.percentile_cont(0.5::float8) WITHIN GROUP (ORDER BY u.seconds) AS median_seconds
	    FROM @ws.rollup_transition_days r CROSS JOIN LATERAL pg_catalog.unnest(r.gap_seconds) AS u(seconds)
	    GROUP BY r.provider, r.service, r.from_stage, r.to_stage)
	SELECT tr.provider, tr.service, tr.from_stage, tr.to_stage, tr.transitions, tr.journeys,
	       tr.backward AS backward_transitions,
	       md.median_seconds OPERATOR(pg_catalog./) 3600::float8 AS median_gap_hours,
	       (tr.gap_sum OPERATOR(pg_catalog./) tr.transitions::numeric)::float8 OPERATOR(pg_catalog./) 3600::float8 AS mean_gap_hours
	FROM tr
	LEFT JOIN md ON md.provider OPERATOR(pg_catalog.=) tr.provider AND md.service OPERATOR(pg_catalog.=) tr.service
	            AND md.from_stage OPERATOR(pg_catalog.=) tr.from_stage AND md.to_stage OPERATOR(pg_catalog.=) tr.to_stage;
	COMMENT ON VIEW @ws.stage_transitions IS
		'cxvalue workspace: per service, how often one stage follows another, in how many journeys, how often back to a stage already seen (rework), and the time between';

	CREATE VIEW @ws.rework_loops WITH (security_invoker = true) AS
	SELECT r.provider, r.service, r.stage, r.loop,
	       pg_catalog.sum(r.occurrences)::bigint AS occurrences,
	       pg_catalog.sum(r.journeys)::bigint AS journeys
	FROM @ws.rollup_loop_days r
	GROUP BY r.provider, r.service, r.stage, r.loop;
	COMMENT ON VIEW @ws.rework_loops IS
		'cxvalue workspace: per service, each way journeys return to a stage (the stages from one occurrence to the next), how often and in how many journeys';

	CREATE VIEW @ws.journey_paths WITH (security_invoker = true) AS
	WITH p AS NOT MATERIALIZED (
	    SELECT r.provider, r.service, r.path,
	           pg_catalog.sum(r.journeys)::bigint AS journeys,
	           pg_catalog.sum(r.completed)::bigint AS completed,
	           pg_catalog.sum(r.completion_known)::bigint AS completion_known
	    FROM @ws.rollup_path_days r
	    GROUP BY r.provider, r.service, r.path),
	md AS NOT MATERIALIZED (
	    SELECT r.provider, r.service, r.path,
	           pg_catalog.percentile_cont(0.5::float8) WITHIN GROUP (ORDER BY u.seconds) AS median_seconds
	    FROM @ws.rollup_path_days r CROSS JOIN LATERAL pg_catalog.unnest(r.duration_seconds) AS u(seconds)
	    GROUP BY r.provider, r.service, r.path)
	SELECT p.provider, p.service, p.path, p.journeys,
	       p.journeys::float8 OPERATOR(pg_catalog./)
	           (pg_catalog.sum(p.journeys) OVER (PARTITION BY p.provider, p.service))::float8 AS journey_share,
	       p.completed::float8 OPERATOR(pg_catalog./) (CASE WHEN p.completion_known OPERATOR(pg_catalog.>) 0 THEN p.completion_known END)::float8 AS completion_rate,
	       md.median_seconds OPERATOR(pg_catalog./) 3600::float8 AS median_duration_hours
	FROM p
	LEFT JOIN md ON md.provider OPERATOR(pg_catalog.=) p.provider AND md.service OPERATOR(pg_catalog.=) p.service
	            AND md.path OPERATOR(pg_catalog.=) p.path;
	COMMENT ON VIEW @ws.journey_paths IS
		'cxvalue workspace: per service, each distinct path (stages in order, ''apply > pay > decide''), its journeys, share, completion and median duration';

	CREATE VIEW @ws.channel_mix WITH (security_invoker = true) AS
	WITH c AS NOT MATERIALIZED (
	    SELECT r.provider, r.service, r.channel,
	           pg_catalog.sum(r.journeys)::bigint AS journeys,
	           pg_catalog.sum(r.touchpoints)::bigint AS touchpoints
	    FROM @ws.rollup_channel_days r
	    GROUP BY r.provider, r.service, r.channel),
	jd AS NOT MATERIALIZED (
	    SELECT r.provider, r.service,
	           pg_catalog.sum(r.journeys_with_touchpoints)::bigint AS journeys,
	           pg_catalog.sum(r.touchpoints)::bigint AS touchpoints
	    FROM @ws.rollup_journey_days r
	    GROUP BY r.provider, r.service)
	SELECT c.provider, c.service, c.channel, c.journeys, c.touchpoints,
	       c.journeys::float8 OPERATOR(pg_catalog./) jd.journeys::float8 AS journey_share,
	       c.touchpoints::float8 OPERATOR(pg_catalog./) jd.touchpoints::float8 AS touchpoint_share
	FROM c
	JOIN jd ON jd.provider OPERATOR(pg_catalog.=) c.provider AND jd.service OPERATOR(pg_catalog.=) c.service;
	COMMENT ON VIEW @ws.channel_mix IS
		'cxvalue workspace: per service and channel (NULL: unknown), the journeys using it and the touchpoints through it, with their shares';

	CREATE VIEW @ws.value_dimensions WITH (security_invoker = true) AS
	SELECT a.provider, a.service, d.dimension,
	       cx.n(a.value, d.dimension) AS answers,
	       cx.mean(a.value, d.dimension) AS mean_normalised
	FROM (SELECT r.provider, r.service, cx.merge(r.value) AS value
	      FROM @ws.rollup_value_days r
	      GROUP BY r.provider, r.service) a
	CROSS JOIN LATERAL pg_catalog.unnest(cx.dimensions(a.value)) AS d(dimension);
	COMMENT ON VIEW @ws.value_dimensions IS
		'cxvalue workspace: per service and value dimension, the answers and their mean normalised to [0, 1]';

	CREATE VIEW @ws.quadrant_mix WITH (security_invoker = true) AS
	SELECT a.provider, a.service,
	       cx.n(a.profile) AS assessments,
	       cx.skipped(a.profile) AS skipped,
	       cx.label(cx.dominant(a.profile)) AS dominant_quadrant,
	       cx.share(a.profile, 'co-production'::cx.quadrant) AS co_production_share,
	       cx.share(a.profile, 'co-construction'::cx.quadrant) AS co_construction_share,
	       cx.share(a.profile, 'co-management'::cx.quadrant) AS co_management_share,
	       cx.share(a.profile, 'co-design'::cx.quadrant) AS co_design_share,
	       (cx.centroid(a.profile)).voluntariness AS mean_voluntariness,
	       (cx.centroid(a.profile)).system_locus AS mean_system_locus
	FROM (SELECT r.provider, r.service, cx.merge(r.profile) AS profile
	      FROM @ws.rollup_quadrant_days r
	      GROUP BY r.provider, r.service) a;
	COMMENT ON VIEW @ws.quadrant_mix IS
		'cxvalue workspace: per service, the share of assessments in each co-production quadrant, the dominant one and the centroid';

	CREATE VIEW @ws.journey_summary WITH (security_invoker = true) AS
	SELECT r.provider, r.service, r.journey_id, r.customer_id, r.segment, r.outcome, r.completed,
	       r.touchpoints, r.started_at, r.ended_at, r.start_day,
	       r.duration_seconds OPERATOR(pg_catalog./) 3600::float8 AS duration_hours,
	       r.first_stage, r.last_stage, r.path, r.channels, r.first_channel,
	       r.channel_switches, r.repeats, r.repeat_contact,
	       r.mean_score, r.min_score, r.max_score, r.end_score, r.peak_end, r.worst_stage
	FROM @ws.rollup_journeys r;
	COMMENT ON VIEW @ws.journey_summary IS
		'cxvalue workspace: one row per journey with its figures (path, channels, repeats, scores, peak-end); the cx.journey summary itself is in rollup_journeys.journey';

	CREATE VIEW @ws.times_more_likely WITH (security_invoker = true) AS
	WITH st AS NOT MATERIALIZED (
	    SELECT v.provider, v.service,
	           COALESCE(l.satisfaction_item, 'satisfaction'::text) AS sat_item,
	           COALESCE(l.satisfied_top, 2) AS sat_top,
	           COALESCE(l.dissatisfied_bottom, 2) AS dis_bottom,
	           COALESCE(l.trust_item, 'trust'::text) AS trust_item,
	           COALESCE(l.trust_top, 2) AS trust_top,
	           COALESCE(l.repeat_contacts, 3::bigint) AS repeats,
	           COALESCE(l.confidence, 0.95::float8) AS confidence
	    FROM @ws.services v
	    LEFT JOIN LATERAL (SELECT l.* FROM @ws.likelihood_settings l
	                       WHERE (l.provider IS NULL OR l.provider OPERATOR(pg_catalog.=) v.provider)
	                         AND (l.service IS NULL OR l.service OPERATOR(pg_catalog.=) v.service)
	                       ORDER BY l.service IS NULL, l.provider IS NULL
	                       LIMIT 1) l ON true),
	resp AS NOT MATERIALIZED (
	    SELECT a.provider, a.service, COALESCE(a.respondent_id, a.journey_id) AS respondent,
	           pg_catalog.max(a.journey_id) AS journey_id,
	           pg_catalog.bool_or(a.answer OPERATOR(pg_catalog.>) (a.hi OPERATOR(pg_catalog.-) st.sat_top))
	               FILTER (WHERE a.item OPERATOR(pg_catalog.=) st.sat_item) AS satisfied,
	           pg_catalog.bool_or(a.answer OPERATOR(pg_catalog.<) (a.lo OPERATOR(pg_catalog.+) st.dis_bottom))
	               FILTER (WHERE a.item OPERATOR(pg_catalog.=) st.sat_item) AS dissatisfied,
	           pg_catalog.bool_or(a.answer OPERATOR(pg_catalog.>) (a.hi OPERATOR(pg_catalog.-) st.trust_top))
	               FILTER (WHERE a.item OPERATOR(pg_catalog.=) st.trust_item) AS trusts
	    FROM @ws.survey_answers a
	    JOIN st ON st.provider OPERATOR(pg_catalog.=) a.provider AND st.service OPERATOR(pg_catalog.=) a.service
	    WHERE a.answer IS NOT NULL AND COALESCE(a.respondent_id, a.journey_id) IS NOT NULL
	    GROUP BY a.provider, a.service, COALESCE(a.respondent_id, a.journey_id)),
	r AS NOT MATERIALIZED (
	    SELECT st.provider, st.service, st.confidence,
	           cx.rate_agg(resp.trusts) FILTER (WHERE resp.satisfied) AS trust_sat,
	           cx.rate_agg(resp.trusts) FILTER (WHERE resp.dissatisfied) AS trust_dis,
	           cx.rate_agg(j.repeats OPERATOR(pg_catalog.>=) st.repeats) FILTER (WHERE resp.dissatisfied) AS rep_dis,
	           cx.rate_agg(j.repeats OPERATOR(pg_catalog.>=) st.repeats) FILTER (WHERE resp.satisfied) AS rep_sat
	    FROM st
	    LEFT JOIN resp ON resp.provider OPERATOR(pg_catalog.=) st.provider AND resp.service OPERATOR(pg_catalog.=) st.service
	    LEFT JOIN @ws.rollup_journeys j ON j.provider OPERATOR(pg_catalog.=) resp.provider
	          AND j.service OPERATOR(pg_catalog.=) resp.service AND j.journey_id OPERATOR(pg_catalog.=) resp.journey_id
	          AND j.touchpoints OPERATOR(pg_catalog.>) 0::bigint
	    GROUP BY st.provider, st.service, st.confidence)
	SELECT r.provider, r.service, c.claim, e.value AS ratio, e.lower AS ratio_lower, e.upper AS ratio_upper,
	       r.confidence,
	       cx.successes(c.a) AS group_successes, cx.n(c.a) AS group_n,
	       cx.successes(c.b) AS reference_successes, cx.n(c.b) AS reference_n,
	       CASE WHEN e.value IS NOT NULL
	             AND (cx.successes(c.a) OPERATOR(pg_catalog.+) cx.successes(c.b)) OPERATOR(pg_catalog.>) 0::bigint THEN
	           pg_catalog.format('%s were %s times [%s, %s] as likely to %s', c.who,
	                             pg_catalog.round(e.value::numeric, 1),
	                             COALESCE(pg_catalog.round(e.lower::numeric, 1)::text, '-'::text),
	                             COALESCE(pg_catalog.round(e.upper::numeric, 1)::text, '-'::text), c.what) END AS statement
	FROM r
	CROSS JOIN LATERAL (VALUES ('trust'::text, 'satisfied respondents'::text, 'trust the service'::text, r.trust_sat, r.trust_dis),
	                           ('repeat contact'::text, 'dissatisfied journeys'::text,
	                            'have three or more repeat contacts'::text, r.rep_dis, r.rep_sat)) AS c(claim, who, what, a, b)
	CROSS JOIN LATERAL (SELECT (cx.ratio(COALESCE(c.a, '(successes=0,trials=0,skipped=0)'::cx.rate),
	                                     COALESCE(c.b, '(successes=0,trials=0,skipped=0)'::cx.rate), r.confidence)).*) AS e;
	COMMENT ON VIEW @ws.times_more_likely IS
		'cxvalue workspace: per service, how many times as likely satisfied respondents are to trust as dissatisfied ones, and dissatisfied journeys to have three or more repeat contacts as satisfied ones: relative risks (cx.ratio, Katz log interval) with the counts behind them; definitions in likelihood_settings';

	CREATE VIEW @ws.satisfaction_drivers WITH (security_invoker = true) AS
	WITH ans AS NOT MATERIALIZED (
	    SELECT a.provider, a.service, a.journey_id,
	           pg_catalog.avg(a.answer::float8) FILTER (WHERE a.item OPERATOR(pg_catalog.=) 'satisfaction'::text) AS satisfaction,
	           pg_catalog.avg(a.answer::float8) FILTER (WHERE a.item OPERATOR(pg_catalog.=) 'effectiveness'::text) AS effectiveness,
	           pg_catalog.avg(a.answer::float8) FILTER (WHERE a.item OPERATOR(pg_catalog.=) 'ease'::text) AS ease,
	           pg_catalog.avg(a.answer::float8) FILTER (WHERE a.item OPERATOR(pg_catalog.=) 'efficiency'::text) AS efficiency,
	           pg_catalog.avg(a.answer::float8) FILTER (WHERE a.item OPERATOR(pg_catalog.=) 'transparency'::text) AS transparency,
	           pg_catalog.avg(a.answer::float8) FILTER (WHERE a.item OPERATOR(pg_catalog.=) 'employee'::text) AS employee
	    FROM @ws.survey_answers a
	    WHERE a.journey_id IS NOT NULL AND a.lo OPERATOR(pg_catalog.=) 1 AND a.hi OPERATOR(pg_catalog.=) 5
	      AND a.item OPERATOR(pg_catalog.=) ANY (ARRAY['satisfaction', 'effectiveness', 'ease', 'efficiency',
	                                                   'transparency', 'employee']::text[])
	    GROUP BY a.provider, a.service, a.journey_id),
	d AS NOT MATERIALIZED (
	    SELECT ans.provider, ans.service,
	           cx.drivers_agg(ans.satisfaction,
	                          ARRAY[ans.effectiveness, ans.ease, ans.efficiency, ans.transparency, ans.employee,
	                                j.duration_seconds OPERATOR(pg_catalog./) 86400::float8, j.repeats::float8,
	                                j.channel_switches::float8, j.peak_end,
	                                CASE WHEN j.completed THEN 1::float8 WHEN NOT j.completed THEN 0::float8 END],
	                          ARRAY['effectiveness', 'ease', 'efficiency', 'transparency', 'employee',
	                                'duration_days', 'repeats', 'channel_switches', 'peak_end', 'completed']::text[]) AS d
	    FROM ans
	    JOIN @ws.rollup_journeys j ON j.provider OPERATOR(pg_catalog.=) ans.provider
	     AND j.service OPERATOR(pg_catalog.=) ans.service AND j.journey_id OPERATOR(pg_catalog.=) ans.journey_id
	    GROUP BY ans.provider, ans.service),
	ok AS MATERIALIZED (
	    SELECT d.provider, d.service, d.d,
	           cx.collinear(d.d) AS collinear,
	           (cx.collinear(d.d) OPERATOR(pg_catalog.=) '{}'::text[]
	            AND cx.n(d.d) OPERATOR(pg_catalog.>=) 22::bigint) AS fit
	    FROM d)
	SELECT ok.provider, ok.service, c.driver,
	       c.n AS journeys,
	       cx.skipped(ok.d) AS skipped_journeys,
	       c.r AS correlation,
	       f.standardized AS standardized_coefficient,
	       f.p AS coefficient_p,
	       i.share AS importance_share,
	       CASE WHEN ok.fit THEN cx.r2(ok.d) END AS r2,
	       pg_catalog.array_to_string(ok.collinear, ', '::text) AS collinear_drivers
	FROM ok
	CROSS JOIN LATERAL cx.correlations(ok.d) c
	LEFT JOIN (SELECT o.provider, o.service, x.driver, x.standardized, x.p
	           FROM ok o CROSS JOIN LATERAL cx.coefficients(CASE WHEN o.fit THEN o.d END) x) f
	       ON f.provider OPERATOR(pg_catalog.=) ok.provider AND f.service OPERATOR(pg_catalog.=) ok.service
	      AND f.driver OPERATOR(pg_catalog.=) c.driver
	LEFT JOIN (SELECT o.provider, o.service, x.driver, x.share
	           FROM ok o CROSS JOIN LATERAL cx.importance(CASE WHEN o.fit THEN o.d END) x) i
	       ON i.provider OPERATOR(pg_catalog.=) ok.provider AND i.service OPERATOR(pg_catalog.=) ok.service
	      AND i.driver OPERATOR(pg_catalog.=) c.driver;
	COMMENT ON VIEW @ws.satisfaction_drivers IS
		'cxvalue workspace: per service, what drives overall satisfaction (item satisfaction, 1..5) among journeys with answers: the A-11 items and the journey''s figures, with their correlation, standardized least-squares coefficient and share of R squared (LMG); coefficients only when no driver is collinear and there are at least 22 complete journeys';

	CREATE VIEW @ws.workspace_freshness WITH (security_invoker = true) AS
	SELECT v.provider, v.service, f.last_refresh_at, f.last_full_refresh_at,
	       (SELECT pg_catalog.count(*) FROM @ws.changes c
	        WHERE (c.provider OPERATOR(pg_catalog.=) v.provider AND c.service OPERATOR(pg_catalog.=) v.service)
	           OR c.kind OPERATOR(pg_catalog.=) 'truncate'::text) AS changes_waiting
	FROM @ws.services v
	LEFT JOIN @ws.refresh_state f ON f.provider OPERATOR(pg_catalog.=) v.provider AND f.service OPERATOR(pg_catalog.=) v.service;
	COMMENT ON VIEW @ws.workspace_freshness IS
		'cxvalue workspace: per service, when cx.refresh_workspace() last brought its rollups up to date and how many logged changes wait for the next refresh';
	$tpl$;
	EXECUTE cx.workspace_sql(tpl, s, false);

	---------------------------------------------------------- column comments
	-- One dictionary: (view or '*', column, meaning).  Every column of every
	-- view gets its comment; a column without one is a bug caught here.
	FOR t, col, sql IN
		SELECT c.relname::text, a.attname::text, d.meaning
		FROM pg_catalog.pg_class c
		JOIN pg_catalog.pg_attribute a ON a.attrelid OPERATOR(pg_catalog.=) c.oid AND a.attnum OPERATOR(pg_catalog.>) 0
		LEFT JOIN LATERAL (
			SELECT m.meaning FROM (VALUES
			('*', 'grain', 'The period length: day, week, month, quarter or year (filter one)'),
			('*', 'period_start', 'First day of the period (date_trunc of the UTC day); NULL: rows without a time'),
			('*', 'provider', 'The organisation providing the service'),
			('*', 'service', 'The service (services.service)'),
			('*', 'name', 'The service''s name'),
			('*', 'touchpoints', 'Touchpoints (count)'),
			('*', 'value_model', 'The value model the service''s value answers are read with'),
			('*', 'value_index', 'Benefits minus sacrifices under the value model, in [-1, 1]'),
			('*', 'co_destruction', 'Whether the value index is below 0 (value co-destruction)'),
			('*', 'stage', 'The stage (touchpoints.stage)'),
			('*', 'completion_rate', 'Share of journeys that met their need, among those whose completion is known, in [0, 1]'),
			('*', 'last_refresh_at', 'When cx.refresh_workspace() last brought the service''s rollups up to date'),
			('service_scorecard', 'journeys', 'Journeys (count), including those without touchpoints'),
			('service_scorecard_by_period', 'journeys', 'Journeys starting in the period (count); those without touchpoints in the period_start IS NULL row'),
			('*', 'completed_journeys', 'Journeys with completed = true (count)'),
			('*', 'median_duration_hours', 'Median time from first to last touchpoint, hours'),
			('*', 'mean_duration_hours', 'Mean time from first to last touchpoint, hours'),
			('*', 'repeat_contact_rate', 'Share of journeys (with touchpoints) that return to a stage within the service''s repeat window, in [0, 1]'),
			('*', 'multichannel_rate', 'Share of journeys (with touchpoints) using more than one channel, in [0, 1]'),
			('*', 'mean_channel_switches', 'Channel changes per journey (with touchpoints), unknown channels skipped'),
			('*', 'completion_lower', 'Lower bound of the Wilson 95% interval of completion_rate'),
			('*', 'completion_upper', 'Upper bound of the Wilson 95% interval of completion_rate'),
			('*', 'completion_n', 'Journeys whose completion is known: the trials behind completion_rate (count)'),
			('*', 'repeat_contact_lower', 'Lower bound of the Wilson 95% interval of repeat_contact_rate'),
			('*', 'repeat_contact_upper', 'Upper bound of the Wilson 95% interval of repeat_contact_rate'),
			('*', 'repeat_contact_n', 'Journeys with touchpoints: the trials behind repeat_contact_rate (count)'),
			('*', 'digital_rate', 'Digital take-up: share of journeys (with a known channel) whose first known channel is one of the service''s digital_channels, in [0, 1]'),
			('*', 'digital_lower', 'Lower bound of the Wilson 95% interval of digital_rate'),
			('*', 'digital_upper', 'Upper bound of the Wilson 95% interval of digital_rate'),
			('*', 'digital_n', 'Journeys with a known channel: the trials behind digital_rate (count)'),
			('*', 'within_standard_rate', 'Share of journeys meeting the service standard (standard_stage reached at most standard after standard_from_stage), among those where it is known; NULL: the service defines no standard, in [0, 1]'),
			('*', 'within_standard_lower', 'Lower bound of the Wilson 95% interval of within_standard_rate'),
			('*', 'within_standard_upper', 'Upper bound of the Wilson 95% interval of within_standard_rate'),
			('*', 'within_standard_n', 'Journeys where meeting the standard is known: reached standard_stage, or (counting from the first touchpoint) already past the standard without it (count)'),
			('*', 'median_days_to_complete', 'Kaplan-Meier median time from first to last touchpoint of completed journeys, journeys not (yet) completed censored at their duration so far, days'),
			('*', 'median_days_to_complete_lower', 'Lower bound of the Brookmeyer-Crowley 95% interval of median_days_to_complete, days'),
			('*', 'median_days_to_complete_upper', 'Upper bound of the Brookmeyer-Crowley 95% interval of median_days_to_complete, days; NULL: not bounded by the data'),
			('*', 'time_to_complete_n', 'Journeys with touchpoints behind median_days_to_complete, completed or open (count)'),
			('*', 'open_journeys', 'Journeys with touchpoints not completed (completed false or unknown): censored in median_days_to_complete (count)'),
			('*', 'claim', 'The claim: trust (satisfied against dissatisfied respondents) or repeat contact (dissatisfied against satisfied journeys)'),
			('*', 'ratio', 'Relative risk: the rate in the group divided by the rate in the reference (cx.ratio)'),
			('*', 'ratio_lower', 'Lower bound of the Katz log interval of ratio, at confidence'),
			('*', 'ratio_upper', 'Upper bound of the Katz log interval of ratio, at confidence'),
			('*', 'confidence', 'Confidence level of the interval (likelihood_settings.confidence, default 0.95)'),
			('*', 'group_successes', 'In the group (satisfied respondents for trust, dissatisfied journeys for repeat contact): those with the outcome (count)'),
			('*', 'group_n', 'The group''s size: satisfied respondents answering the trust item, or dissatisfied respondents'' journeys with touchpoints (count)'),
			('*', 'reference_successes', 'In the reference group (dissatisfied respondents for trust, satisfied journeys for repeat contact): those with the outcome (count)'),
			('*', 'reference_n', 'The reference group''s size (count)'),
			('*', 'statement', 'The claim in words, figures rounded to 0.1 (''satisfied respondents were 4.1 times [3.2, 5.3] as likely to trust the service''); NULL when the ratio is not defined or neither group has the outcome (the ratio then rests on the zero-cell correction alone)'),
			('*', 'driver', 'The driver: an A-11 item (effectiveness, ease, efficiency, transparency, employee; 1..5) or a journey figure (duration_days, repeats, channel_switches, peak_end, completed as 1/0)'),
			('satisfaction_drivers', 'journeys', 'Journeys with the satisfaction answer, every driver known, in the analysis (count)'),
			('*', 'skipped_journeys', 'Journeys with a satisfaction answer left out because a driver or the outcome is missing (count)'),
			('*', 'correlation', 'Pearson correlation of the driver with satisfaction'),
			('*', 'standardized_coefficient', 'Least-squares coefficient of the driver in standard deviations of satisfaction per standard deviation of the driver, all drivers together; NULL: collinear drivers or fewer than 22 journeys'),
			('*', 'coefficient_p', 'Two-sided p-value of the coefficient (t test)'),
			('*', 'importance_share', 'The driver''s share of R squared (LMG / Shapley decomposition), in [0, 1]'),
			('*', 'r2', 'R squared of satisfaction on all drivers (the same on every row of the service)'),
			('*', 'collinear_drivers', 'Drivers that are constant or a linear combination of others (cx.collinear), comma-separated; empty: none'),
			('*', 'mean_peak_end', 'Mean over scored journeys of (worst score + last score) / 2, on the touchpoint score scale'),
			('*', 'satisfaction_answers', 'Answers to item satisfaction on 1..5 (count)'),
			('*', 'satisfaction_top2_share', 'Share of satisfaction answers of 4 or 5 (A-11 percent agree), in [0, 1]'),
			('*', 'satisfaction_top2_lower', 'Lower bound of the Wilson 95% interval of satisfaction_top2_share'),
			('*', 'satisfaction_top2_upper', 'Upper bound of the Wilson 95% interval of satisfaction_top2_share'),
			('*', 'nps_answers', 'Answers to item recommend on 0..10 (count)'),
			('*', 'nps', 'Net Promoter Score, points in [-100, 100]'),
			('*', 'nps_lower', 'Lower bound of the 95% interval of the NPS, points'),
			('*', 'nps_upper', 'Upper bound of the 95% interval of the NPS, points'),
			('*', 'coproduction_assessments', 'Co-production assessments (count)'),
			('*', 'dominant_quadrant', 'The commonest co-production quadrant, as its label (I: Co-production ... IV: Co-design and co-innovation)'),
			('*', 'item', 'The survey item'),
			('*', 'lo', 'Lowest point of the item''s scale'),
			('*', 'hi', 'Highest point of the item''s scale'),
			('survey_items', 'answers', 'Answers (count), skipped items not included'),
			('survey_items_by_period', 'answers', 'Answers in the period (count), skipped items not included'),
			('*', 'missing', 'Skipped items: rows with a NULL answer (count)'),
			('*', 'mean', 'Mean answer, scale points'),
			('*', 'median', 'Median answer, scale points'),
			('*', 'top2_share', 'Share of answers in the two highest points (top-2-box), in [0, 1]'),
			('*', 'top2_lower', 'Lower bound of the Wilson 95% interval of top2_share'),
			('*', 'top2_upper', 'Upper bound of the Wilson 95% interval of top2_share'),
			('*', 'bottom2_share', 'Share of answers in the two lowest points, in [0, 1]'),
			('value_by_service', 'answers', 'Value answers with a score (count)'),
			('value_by_service_by_period', 'answers', 'Value answers with a score in the period (count)'),
			('*', 'respondents', 'Distinct respondents (respondent_id) who gave value answers (count)'),
			('*', 'benefits', 'Weighted mean of the model''s benefit dimensions, normalised to [0, 1]'),
			('*', 'sacrifices', 'Weighted mean of the model''s sacrifice dimensions, normalised to [0, 1]'),
			('*', 'value_ratio', 'Benefits divided by sacrifices; NULL without both or when sacrifices are 0'),
			('*', 'disconfirmation', 'Perceived minus expected (the disconfirmation model), in [-1, 1]'),
			('stage_pain_points', 'journeys', 'Journeys reaching the stage (count)'),
			('stage_pain_points_by_period', 'journeys', 'Journeys starting in the period that reach the stage (count)'),
			('*', 'reach_share', 'Share of the service''s journeys (in the period) that reach the stage, in [0, 1]'),
			('stage_pain_points', 'touchpoints', 'Touchpoints at the stage (count)'),
			('stage_pain_points_by_period', 'touchpoints', 'Touchpoints at the stage (count)'),
			('*', 'rework_touchpoints', 'Repeated occurrences of the stage: touchpoints minus journeys (count)'),
			('*', 'rework_journeys', 'Journeys passing the stage more than once (count)'),
			('*', 'rework_rate', 'Share of the journeys reaching the stage that pass it more than once, in [0, 1]'),
			('*', 'scored_touchpoints', 'Touchpoints at the stage with a score (count)'),
			('*', 'mean_score', 'Mean score, on the touchpoint score scale'),
			('*', 'worst_in_journeys', 'Journeys whose lowest-scored touchpoint is at this stage (count)'),
			('*', 'last_in_journeys', 'Journeys ending at this stage (count)'),
			('*', 'median_dwell_hours', 'Median over journeys of the time from the stage''s touchpoints to the next touchpoint, hours'),
			('*', 'mean_dwell_hours', 'Mean over journeys of the time from the stage''s touchpoints to the next touchpoint, hours'),
			('*', 'from_stage', 'The stage left'),
			('*', 'to_stage', 'The stage entered next'),
			('*', 'transitions', 'Moves from from_stage to to_stage (count)'),
			('stage_transitions', 'journeys', 'Journeys making the move (count)'),
			('*', 'backward_transitions', 'Moves to a stage already seen earlier in the journey: rework (count)'),
			('*', 'median_gap_hours', 'Median time between the two touchpoints, hours'),
			('*', 'mean_gap_hours', 'Mean time between the two touchpoints, hours'),
			('*', 'loop', 'The stages from one occurrence of the stage to the next, as text (''T02 > T03 > T02'')'),
			('*', 'occurrences', 'Times the loop occurs (count)'),
			('rework_loops', 'journeys', 'Journeys with the loop (count)'),
			('*', 'path', 'The stages in order, as text (''apply > pay > decide'')'),
			('journey_paths', 'journeys', 'Journeys taking the path (count)'),
			('*', 'journey_share', 'Share of the service''s journeys (with touchpoints), in [0, 1]'),
			('*', 'channel', 'The channel; NULL: unknown'),
			('channel_mix', 'journeys', 'Journeys using the channel (count)'),
			('channel_mix', 'touchpoints', 'Touchpoints through the channel (count)'),
			('*', 'touchpoint_share', 'Share of the service''s touchpoints through the channel, in [0, 1]'),
			('*', 'dimension', 'The value dimension'),
			('value_dimensions', 'answers', 'Answers in the dimension (count)'),
			('*', 'mean_normalised', 'Mean score in the dimension, normalised to [0, 1]'),
			('*', 'assessments', 'Co-production assessments (count)'),
			('*', 'skipped', 'Assessments without both scores (count)'),
			('*', 'co_production_share', 'Share of assessments in quadrant I: Co-production, in [0, 1]'),
			('*', 'co_construction_share', 'Share of assessments in quadrant II: Co-construction, in [0, 1]'),
			('*', 'co_management_share', 'Share of assessments in quadrant III: Co-management, in [0, 1]'),
			('*', 'co_design_share', 'Share of assessments in quadrant IV: Co-design and co-innovation, in [0, 1]'),
			('*', 'mean_voluntariness', 'Mean voluntariness of the assessments with scores, in [0, 1]'),
			('*', 'mean_system_locus', 'Mean system locus of the assessments with scores, in [0, 1]'),
			('*', 'journey_id', 'The journey'),
			('*', 'customer_id', 'The customer'),
			('*', 'segment', 'The customer segment'),
			('*', 'outcome', 'The journey''s outcome as recorded'),
			('*', 'completed', 'Whether the journey met its need; NULL: not known'),
			('journey_summary', 'touchpoints', 'Touchpoints of the journey (count)'),
			('*', 'started_at', 'Time of the first touchpoint'),
			('*', 'ended_at', 'Time of the last touchpoint'),
			('*', 'start_day', 'UTC day of the first touchpoint: the day the journey counts in'),
			('*', 'duration_hours', 'Time from first to last touchpoint, hours'),
			('*', 'first_stage', 'Stage of the first touchpoint'),
			('*', 'last_stage', 'Stage of the last touchpoint'),
			('*', 'channels', 'Distinct channels in order of first use, as text (''web, phone'')'),
			('*', 'first_channel', 'Channel of the first touchpoint with a known channel'),
			('*', 'channel_switches', 'Channel changes from one touchpoint to the next, unknown channels skipped (count)'),
			('*', 'repeats', 'Touchpoints at a stage that occurred earlier in the journey (count)'),
			('*', 'repeat_contact', 'Whether a stage repeats within the service''s repeat window'),
			('*', 'min_score', 'Lowest touchpoint score'),
			('*', 'max_score', 'Highest touchpoint score'),
			('*', 'end_score', 'Score of the last scored touchpoint'),
			('*', 'peak_end', '(Lowest score + last score) / 2: the remembered experience'),
			('*', 'worst_stage', 'Stage of the lowest-scored touchpoint (the earliest on ties)'),
			('*', 'last_full_refresh_at', 'When cx.refresh_workspace(full => true) last rebuilt the rollups'),
			('*', 'changes_waiting', 'Logged changes to the service not yet folded into the rollups (count)')
			) AS m(v, col, meaning)
			WHERE m.col OPERATOR(pg_catalog.=) a.attname::text
			  AND (m.v OPERATOR(pg_catalog.=) c.relname::text OR m.v OPERATOR(pg_catalog.=) '*'::text)
			ORDER BY m.v OPERATOR(pg_catalog.=) '*'::text
			LIMIT 1) d ON true
		WHERE c.relnamespace OPERATOR(pg_catalog.=) nsp AND c.relkind OPERATOR(pg_catalog.=) 'v'::"char"
		ORDER BY c.relname, a.attnum
	LOOP
		IF sql IS NULL THEN
			RAISE EXCEPTION 'cxvalue bug: no comment for column %.% of the workspace', t, col;
		END IF;
		EXECUTE pg_catalog.format('COMMENT ON COLUMN %s.%I.%I IS %L', s, t, col, sql);
	END LOOP;

	PERFORM cx.refresh_workspace(schema, true);
END
$views$;
COMMENT ON FUNCTION cx.create_workspace_views(name) IS
	'(Re)creates the change log, rollups, triggers and views of a cxvalue workspace and rebuilds the rollups, e.g. after DROP EXTENSION cxvalue CASCADE or to bring a 0.1.0 workspace up to date';

CREATE FUNCTION cx.refresh_workspace(schema name, full boolean DEFAULT false,
	OUT mode text, OUT changes bigint, OUT journeys bigint, OUT journey_days bigint,
	OUT survey_days bigint, OUT value_days bigint, OUT assessment_days bigint)
RETURNS record
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
SET client_min_messages = warning
SET enable_nestloop = off
AS $refresh$
DECLARE
	s text := pg_catalog.quote_ident(schema);
	nsp oid;
	owner oid;
	hidden text;
	-- The join of a day-keyed rollup r with the days d being rebuilt.
	-- Day rollups are split in 8 buckets (by journey or answer id), so that a
	-- change rebuilds an eighth of its day.
	day_of_r CONSTANT text := 'r.provider OPERATOR(pg_catalog.=) d.provider AND r.service OPERATOR(pg_catalog.=) d.service
		AND COALESCE(r.%s, ''-infinity''::date) OPERATOR(pg_catalog.=) d.day_key AND %s OPERATOR(pg_catalog.=) d.bucket';
	journey_bucket CONSTANT text := '(pg_catalog.hashtext(r.journey_id) OPERATOR(pg_catalog.&) 7)';
	j_of CONSTANT text := '%1$s.provider OPERATOR(pg_catalog.=) d.provider AND %1$s.service OPERATOR(pg_catalog.=) d.service
		AND %1$s.journey_id OPERATOR(pg_catalog.=) d.journey_id';
	t text;
	rebuild boolean := refresh_workspace.full;
	distributed boolean;
	gather text;
BEGIN
	IF schema IS NULL THEN
		RAISE EXCEPTION 'schema must not be NULL' USING ERRCODE = '22004';
	END IF;
	IF rebuild IS NULL THEN
		RAISE EXCEPTION 'full must not be NULL' USING ERRCODE = '22004';
	END IF;
	IF pg_catalog.length(schema::text) OPERATOR(pg_catalog.=) 0 THEN
		RAISE EXCEPTION 'schema name must not be empty' USING ERRCODE = '22023';
	END IF;
	SELECT n.oid, n.nspowner INTO nsp, owner FROM pg_catalog.pg_namespace n
	WHERE n.nspname OPERATOR(pg_catalog.=) schema;
	IF nsp IS NOT NULL AND NOT pg_catalog.pg_has_role(current_user, owner, 'USAGE') THEN
		RAISE EXCEPTION 'must own schema % to refresh its workspace', schema USING ERRCODE = '42501';
	END IF;
	IF nsp IS NULL OR pg_catalog.to_regclass(pg_catalog.format('%s.rollup_journeys', s)) IS NULL
	   OR pg_catalog.to_regclass(pg_catalog.format('%s.changes', s)) IS NULL THEN
		RAISE EXCEPTION 'schema % holds no workspace with rollups', schema
			USING ERRCODE = '42P01',
			      HINT = 'cx.create_workspace() makes one; cx.create_workspace_views() adds the rollups to a 0.1.0 workspace.';
	END IF;
	-- Rows the caller cannot see would vanish from everybody's figures.
	SELECT pg_catalog.string_agg(c.relname::text, ', ' ORDER BY c.relname) INTO hidden
	FROM pg_catalog.pg_class c
	WHERE c.relnamespace OPERATOR(pg_catalog.=) nsp AND c.relkind OPERATOR(pg_catalog.=) 'r'::"char"
	  AND pg_catalog.row_security_active(c.oid);
	IF hidden IS NOT NULL THEN
		RAISE EXCEPTION 'row-level security hides rows of % from the refreshing role', hidden
			USING ERRCODE = '42501', HINT = 'Refresh as the workspace owner (without FORCE ROW LEVEL SECURITY) or a role with BYPASSRLS.';
	END IF;

	-- Plans: the sets to rebuild are temporary tables, analyzed; the rollups
	-- were just written and have no statistics, so nested loops (which a
	-- misestimate would turn quadratic) are off: hash joins scale linearly.

	-- Concurrency.  One refresh at a time (the lock); writers never wait.
	-- The change-log rows this refresh deletes are those committed before
	-- its DELETE; every later statement sees at least as much, so what they
	-- name is rebuilt from data no older than the change.  A change that
	-- commits later keeps its log row and is folded in next time (rebuilding
	-- a journey or a day twice gives the same rows).  Under REPEATABLE READ
	-- or SERIALIZABLE one snapshot serves all: the log rows it sees are
	-- exactly the changes in the data it reads; a refresh that waited for
	-- another's lock then fails with a serialization error (retry it)
	-- rather than undo the other's work.
	EXECUTE pg_catalog.format('LOCK TABLE %s.refresh_state IN EXCLUSIVE MODE', s);

	-- On a Citus cluster the tables log no changes (Citus runs no such
	-- triggers): a refresh rebuilds, on the workers.
	distributed := cx.workspace_distributed(schema);
	rebuild := rebuild OR distributed;
	IF distributed THEN	-- the ordered aggregates of the day rollups gather their rows
		gather := pg_catalog.current_setting('citus.coordinator_aggregation_strategy');
		PERFORM pg_catalog.set_config('citus.coordinator_aggregation_strategy', 'row-gather', true);
	END IF;

	CREATE TEMP TABLE IF NOT EXISTS cx_ws_changes (kind text, provider text, service text, journey_id text, day date,
		bucket integer) ON COMMIT DROP;
	CREATE TEMP TABLE IF NOT EXISTS cx_ws_journeys (provider text, service text, journey_id text,
		PRIMARY KEY (provider, service, journey_id)) ON COMMIT DROP;
	CREATE TEMP TABLE IF NOT EXISTS cx_ws_days (provider text, service text, day_key date, bucket integer,
		PRIMARY KEY (provider, service, day_key, bucket)) ON COMMIT DROP;
	CREATE TEMP TABLE IF NOT EXISTS cx_ws_answer_days (kind text, provider text, service text, day_key date,
		bucket integer, day date, PRIMARY KEY (kind, provider, service, day_key, bucket)) ON COMMIT DROP;
	TRUNCATE pg_temp.cx_ws_changes, pg_temp.cx_ws_journeys, pg_temp.cx_ws_days, pg_temp.cx_ws_answer_days;

	EXECUTE pg_catalog.format('WITH c AS (DELETE FROM %s.changes RETURNING kind, provider, service, journey_id, day, bucket)
		INSERT INTO pg_temp.cx_ws_changes SELECT * FROM c', s);
	GET DIAGNOSTICS changes = ROW_COUNT;
	IF EXISTS (SELECT FROM pg_temp.cx_ws_changes c WHERE c.kind OPERATOR(pg_catalog.=) 'truncate'::text) THEN
		rebuild := true;
	END IF;
	mode := CASE WHEN rebuild THEN 'full' ELSE 'incremental' END;

	-- Freshness first: Citus lets a transaction write reference tables
	-- (refresh_state) only before its parallel writes to shards.
	EXECUTE pg_catalog.format($sql$
	DELETE FROM %1$s.refresh_state f
	WHERE NOT EXISTS (SELECT FROM %1$s.services v
	                  WHERE v.provider OPERATOR(pg_catalog.=) f.provider AND v.service OPERATOR(pg_catalog.=) f.service);
	INSERT INTO %1$s.refresh_state AS f (provider, service, last_refresh_at, last_full_refresh_at)
	SELECT v.provider, v.service, pg_catalog.now(), CASE WHEN %2$L::boolean THEN pg_catalog.now() END
	FROM %1$s.services v
	ON CONFLICT (provider, service) DO UPDATE
	SET last_refresh_at = excluded.last_refresh_at,
	    last_full_refresh_at = COALESCE(excluded.last_full_refresh_at, f.last_full_refresh_at);
	$sql$, s, rebuild);

	---------------------------------------------------------- what to rebuild
	IF rebuild THEN
		FOREACH t IN ARRAY ARRAY['rollup_journeys', 'rollup_journey_days', 'rollup_stage_days',
		                         'rollup_transition_days', 'rollup_loop_days', 'rollup_path_days',
		                         'rollup_channel_days', 'rollup_survey_days', 'rollup_value_days',
		                         'rollup_quadrant_days'] LOOP
			EXECUTE pg_catalog.format('DELETE FROM %s.%I', s, t);
		END LOOP;
		EXECUTE pg_catalog.format('INSERT INTO pg_temp.cx_ws_journeys SELECT j.provider, j.service, j.journey_id
			FROM %s.journeys j', s);
		EXECUTE pg_catalog.format($sql$
		INSERT INTO pg_temp.cx_ws_answer_days (kind, provider, service, day_key, bucket)
		SELECT DISTINCT 'survey', a.provider, a.service, COALESCE(pg_catalog.timezone('UTC'::text, a.answered_at)::date, '-infinity'::date),
		       (a.answer_id OPERATOR(pg_catalog.%%) 8)::integer
		FROM %1$s.survey_answers a
		UNION ALL
		SELECT DISTINCT 'value', a.provider, a.service, COALESCE(pg_catalog.timezone('UTC'::text, a.answered_at)::date, '-infinity'::date),
		       (a.answer_id OPERATOR(pg_catalog.%%) 8)::integer
		FROM %1$s.value_answers a
		UNION ALL
		SELECT DISTINCT 'assessment', a.provider, a.service, COALESCE(pg_catalog.timezone('UTC'::text, a.assessed_at)::date, '-infinity'::date),
		       (a.assessment_id OPERATOR(pg_catalog.%%) 8)::integer
		FROM %1$s.coproduction_assessments a
		$sql$, s);
	ELSE
		EXECUTE pg_catalog.format($sql$
		INSERT INTO pg_temp.cx_ws_journeys
		SELECT c.provider, c.service, c.journey_id FROM pg_temp.cx_ws_changes c
		WHERE c.kind OPERATOR(pg_catalog.=) 'journey'::text
		UNION
		SELECT j.provider, j.service, j.journey_id
		FROM %1$s.journeys j JOIN pg_temp.cx_ws_changes c
		  ON c.kind OPERATOR(pg_catalog.=) 'service'::text
		 AND j.provider OPERATOR(pg_catalog.=) c.provider AND j.service OPERATOR(pg_catalog.=) c.service
		UNION
		SELECT j.provider, j.service, j.journey_id
		FROM %1$s.rollup_journeys j JOIN pg_temp.cx_ws_changes c
		  ON c.kind OPERATOR(pg_catalog.=) 'service'::text
		 AND j.provider OPERATOR(pg_catalog.=) c.provider AND j.service OPERATOR(pg_catalog.=) c.service
		$sql$, s);
		INSERT INTO pg_temp.cx_ws_answer_days (kind, provider, service, day_key, bucket)
		SELECT DISTINCT c.kind, c.provider, c.service, COALESCE(c.day, '-infinity'::date), c.bucket
		FROM pg_temp.cx_ws_changes c
		WHERE c.kind OPERATOR(pg_catalog.=) ANY (ARRAY['survey', 'value', 'assessment']::text[]);
	END IF;
	UPDATE pg_temp.cx_ws_answer_days d
	SET day = CASE WHEN d.day_key OPERATOR(pg_catalog.<>) '-infinity'::date THEN d.day_key END;
	ANALYZE pg_temp.cx_ws_journeys;
	ANALYZE pg_temp.cx_ws_answer_days;
	SELECT pg_catalog.count(*) INTO journeys FROM pg_temp.cx_ws_journeys;

	---------------------------------------------------------- journeys
	-- The days the journeys were in, then the journeys rebuilt, then the days they are in now.
	EXECUTE pg_catalog.format('INSERT INTO pg_temp.cx_ws_days
		SELECT DISTINCT r.provider, r.service, COALESCE(r.start_day, ''-infinity''::date), ' OPERATOR(pg_catalog.||) journey_bucket OPERATOR(pg_catalog.||) '
		FROM %1$s.rollup_journeys r JOIN pg_temp.cx_ws_journeys d ON ' OPERATOR(pg_catalog.||) pg_catalog.format(j_of, 'r') OPERATOR(pg_catalog.||) '
		ON CONFLICT DO NOTHING', s);
	EXECUTE pg_catalog.format('DELETE FROM %1$s.rollup_journeys r USING pg_temp.cx_ws_journeys d WHERE '
		OPERATOR(pg_catalog.||) pg_catalog.format(j_of, 'r'), s);
	-- A rebuild reads every journey without the temporary set, so that on
	-- Citus the statement runs on the workers, shard beside shard.
	EXECUTE pg_catalog.format($sql$
	INSERT INTO %1$s.rollup_journeys
	SELECT j.provider, j.service, j.journey_id,
	       pg_catalog.timezone('UTC'::text, cx.started_at(a.journey))::date,
	       j.customer_id, j.segment, j.outcome, j.completed,
	       COALESCE(cx.n(a.journey), 0::bigint),
	       cx.started_at(a.journey), cx.ended_at(a.journey),
	       EXTRACT(epoch FROM cx.duration(a.journey))::float8,
	       cx.first_stage(a.journey), cx.last_stage(a.journey),
	       pg_catalog.array_to_string(cx.path(a.journey), ' > '::text),
	       pg_catalog.array_to_string(cx.channels(a.journey), ', '::text),
	       (cx.channels(a.journey))[1],
	       pg_catalog.cardinality(cx.channels(a.journey)),
	       cx.channel_switches(a.journey),
	       cx.repeats(a.journey),
	       COALESCE(cx.repeats(a.journey, v.repeat_window), cx.repeats(a.journey)) OPERATOR(pg_catalog.>) 0::bigint,
	       cx.mean_score(a.journey), cx.min_score(a.journey), cx.max_score(a.journey), cx.end_score(a.journey),
	       cx.peak_end(a.journey, 'worst'::text, NULL::float8), cx.worst_stage(a.journey),
	       a.journey
	FROM %1$s.journeys j
	%2$s
	LEFT JOIN (SELECT t.provider, t.service, t.journey_id, cx.journey_agg(t.at, t.stage, t.score, t.channel) AS journey
	           FROM %1$s.touchpoints t %3$s
	           GROUP BY t.provider, t.service, t.journey_id) a
	       ON a.provider OPERATOR(pg_catalog.=) j.provider AND a.service OPERATOR(pg_catalog.=) j.service
	      AND a.journey_id OPERATOR(pg_catalog.=) j.journey_id
	LEFT JOIN %1$s.services v ON v.provider OPERATOR(pg_catalog.=) j.provider AND v.service OPERATOR(pg_catalog.=) j.service
	$sql$, s, CASE WHEN NOT rebuild THEN 'JOIN pg_temp.cx_ws_journeys d ON ' OPERATOR(pg_catalog.||) pg_catalog.format(j_of, 'j') END,
	          CASE WHEN NOT rebuild THEN 'JOIN pg_temp.cx_ws_journeys d ON ' OPERATOR(pg_catalog.||) pg_catalog.format(j_of, 't') END);
	EXECUTE pg_catalog.format('INSERT INTO pg_temp.cx_ws_days
		SELECT DISTINCT r.provider, r.service, COALESCE(r.start_day, ''-infinity''::date), ' OPERATOR(pg_catalog.||) journey_bucket OPERATOR(pg_catalog.||) '
		FROM %1$s.rollup_journeys r JOIN pg_temp.cx_ws_journeys d ON ' OPERATOR(pg_catalog.||) pg_catalog.format(j_of, 'r') OPERATOR(pg_catalog.||) '
		ON CONFLICT DO NOTHING', s);
	ANALYZE pg_temp.cx_ws_days;
	SELECT pg_catalog.count(*) INTO journey_days FROM pg_temp.cx_ws_days;
	-- The journeys of those day buckets, read once for the six day rollups.
	DROP TABLE IF EXISTS pg_temp.cx_ws_day_journeys;
	EXECUTE pg_catalog.format('CREATE TEMP TABLE cx_ws_day_journeys ON COMMIT DROP AS
		SELECT r.*, d.bucket FROM %1$s.rollup_journeys r JOIN pg_temp.cx_ws_days d ON %2$s', s,
		pg_catalog.format(day_of_r, 'start_day', journey_bucket));
	ANALYZE pg_temp.cx_ws_day_journeys;

	---------------------------------------------------------- journey days
	IF NOT rebuild THEN
		FOREACH t IN ARRAY ARRAY['rollup_journey_days', 'rollup_stage_days', 'rollup_transition_days',
		                         'rollup_loop_days', 'rollup_path_days', 'rollup_channel_days'] LOOP
			EXECUTE pg_catalog.format('DELETE FROM %s.%I r USING pg_temp.cx_ws_days d WHERE ', s, t)
				OPERATOR(pg_catalog.||) pg_catalog.format(day_of_r, 'day', 'r.bucket');
		END LOOP;
	END IF;
	EXECUTE pg_catalog.format($sql$
	INSERT INTO %1$s.rollup_journey_days
	SELECT r.provider, r.service, r.start_day, r.bucket,
	       pg_catalog.count(*),
	       pg_catalog.sum(r.touchpoints)::bigint,
	       pg_catalog.count(*) FILTER (WHERE r.touchpoints OPERATOR(pg_catalog.>) 0::bigint),
	       pg_catalog.count(*) FILTER (WHERE r.completed),
	       pg_catalog.count(r.completed),
	       pg_catalog.count(*) FILTER (WHERE r.repeat_contact AND r.touchpoints OPERATOR(pg_catalog.>) 0::bigint),
	       pg_catalog.count(*) FILTER (WHERE r.channel_count OPERATOR(pg_catalog.>) 1),
	       COALESCE(pg_catalog.sum(r.channel_switches), 0::numeric)::bigint,
	       pg_catalog.count(r.peak_end),
	       pg_catalog.sum(r.peak_end::numeric),
	       pg_catalog.count(r.duration_seconds),
	       pg_catalog.sum(r.duration_seconds::numeric),
	       pg_catalog.array_agg(r.duration_seconds ORDER BY r.duration_seconds) FILTER (WHERE r.duration_seconds IS NOT NULL),
	       cx.rate_agg(r.completed),
	       cx.rate_agg(r.repeat_contact) FILTER (WHERE r.touchpoints OPERATOR(pg_catalog.>) 0::bigint),
	       cx.rate_agg(pg_catalog.lower(r.first_channel) OPERATOR(pg_catalog.=) ANY (v.digital_channels))
	           FILTER (WHERE r.touchpoints OPERATOR(pg_catalog.>) 0::bigint),
	       cx.rate_agg(COALESCE(cx.within(r.journey, v.standard, v.standard_stage, v.standard_from_stage),
	                            CASE WHEN v.standard_from_stage IS NULL
	                                  AND cx.duration(r.journey) OPERATOR(pg_catalog.>) v.standard THEN false END))
	           FILTER (WHERE v.standard IS NOT NULL AND v.standard_stage IS NOT NULL
	                     AND r.touchpoints OPERATOR(pg_catalog.>) 0::bigint),
	       cx.waits_agg(cx.duration(r.journey), r.completed IS TRUE) FILTER (WHERE r.touchpoints OPERATOR(pg_catalog.>) 0::bigint)
	FROM pg_temp.cx_ws_day_journeys r
	LEFT JOIN %1$s.services v ON v.provider OPERATOR(pg_catalog.=) r.provider AND v.service OPERATOR(pg_catalog.=) r.service
	GROUP BY r.provider, r.service, r.start_day, r.bucket;

	INSERT INTO %1$s.rollup_stage_days
	SELECT r.provider, r.service, r.start_day, r.bucket, st.stage,
	       pg_catalog.count(*),
	       pg_catalog.sum(st.n)::bigint,
	       pg_catalog.sum(st.n OPERATOR(pg_catalog.-) 1::bigint)::bigint,
	       pg_catalog.count(*) FILTER (WHERE st.n OPERATOR(pg_catalog.>) 1::bigint),
	       pg_catalog.sum(st.scored)::bigint,
	       pg_catalog.sum(st.score_sum),
	       pg_catalog.count(*) FILTER (WHERE r.worst_stage OPERATOR(pg_catalog.=) st.stage),
	       pg_catalog.count(*) FILTER (WHERE r.last_stage OPERATOR(pg_catalog.=) st.stage),
	       pg_catalog.sum(st.dwell::numeric),
	       pg_catalog.array_agg(st.dwell ORDER BY st.dwell)
	FROM pg_temp.cx_ws_day_journeys r
	CROSS JOIN LATERAL (SELECT t.stage, pg_catalog.count(*) AS n, pg_catalog.count(t.score) AS scored,
	                           pg_catalog.sum(t.score::numeric) AS score_sum,
	                           EXTRACT(epoch FROM cx.dwell(r.journey, t.stage))::float8 AS dwell
	                    FROM cx.touchpoints(r.journey) t
	                    GROUP BY t.stage) st
	GROUP BY r.provider, r.service, r.start_day, r.bucket, st.stage;

	INSERT INTO %1$s.rollup_transition_days
	SELECT r.provider, r.service, r.start_day, r.bucket, tr.from_stage, tr.to_stage,
	       pg_catalog.count(*),
	       pg_catalog.count(DISTINCT r.journey_id),
	       pg_catalog.count(*) FILTER (WHERE tr.to_stage OPERATOR(pg_catalog.=) ANY (p.path[1:tr.k])),
	       pg_catalog.sum(tr.seconds::numeric),
	       pg_catalog.array_agg(tr.seconds ORDER BY tr.seconds)
	FROM pg_temp.cx_ws_day_journeys r
	CROSS JOIN LATERAL (SELECT cx.path(r.journey) AS path) p
	CROSS JOIN LATERAL cx.transitions(r.journey) WITH ORDINALITY AS tr(from_stage, to_stage, seconds, k)
	GROUP BY r.provider, r.service, r.start_day, r.bucket, tr.from_stage, tr.to_stage;

	INSERT INTO %1$s.rollup_loop_days
	SELECT o.provider, o.service, o.start_day, o.bucket, o.stage, o.loop,
	       pg_catalog.count(*), pg_catalog.count(DISTINCT o.journey_id)
	FROM (SELECT r.provider, r.service, r.start_day, r.bucket, r.journey_id, t.stage,
	             pg_catalog.array_to_string(p.path[t.k:pg_catalog.lead(t.k) OVER w], ' > '::text) AS loop
	      FROM pg_temp.cx_ws_day_journeys r
	      CROSS JOIN LATERAL (SELECT cx.path(r.journey) AS path) p
	      CROSS JOIN LATERAL cx.touchpoints(r.journey) WITH ORDINALITY AS t(at, stage, score, channel, k)
	      WINDOW w AS (PARTITION BY r.provider, r.service, r.journey_id, t.stage ORDER BY t.k)) o
	WHERE o.loop IS NOT NULL
	GROUP BY o.provider, o.service, o.start_day, o.bucket, o.stage, o.loop;

	INSERT INTO %1$s.rollup_path_days
	SELECT r.provider, r.service, r.start_day, r.bucket, r.path,
	       pg_catalog.count(*),
	       pg_catalog.count(*) FILTER (WHERE r.completed),
	       pg_catalog.count(r.completed),
	       pg_catalog.array_agg(r.duration_seconds ORDER BY r.duration_seconds)
	FROM pg_temp.cx_ws_day_journeys r
	WHERE r.touchpoints OPERATOR(pg_catalog.>) 0::bigint
	GROUP BY r.provider, r.service, r.start_day, r.bucket, r.path;

	INSERT INTO %1$s.rollup_channel_days
	SELECT r.provider, r.service, r.start_day, r.bucket, t.channel,
	       pg_catalog.count(DISTINCT r.journey_id), pg_catalog.count(*)
	FROM pg_temp.cx_ws_day_journeys r
	CROSS JOIN LATERAL cx.touchpoints(r.journey) t
	GROUP BY r.provider, r.service, r.start_day, r.bucket, t.channel;
	$sql$, s);

	---------------------------------------------------------- answer days
	-- Rows without a time form the NULL day ('-infinity' as a join key).  The aggregates read rows in id order, so that a
	-- day rebuilt gives the same floating-point summary as a full rebuild.
	IF NOT rebuild THEN
		FOR t, hidden IN SELECT * FROM (VALUES ('rollup_survey_days', 'survey'), ('rollup_value_days', 'value'),
		                                       ('rollup_quadrant_days', 'assessment')) AS x(t, k) LOOP
			EXECUTE pg_catalog.format('DELETE FROM %s.%I r USING pg_temp.cx_ws_answer_days d WHERE d.kind OPERATOR(pg_catalog.=) %L AND ',
				s, t, hidden) OPERATOR(pg_catalog.||) pg_catalog.format(day_of_r, 'day', 'r.bucket');
		END LOOP;
	END IF;
	EXECUTE pg_catalog.format($sql$
	INSERT INTO %1$s.rollup_survey_days
	SELECT a.provider, a.service, d.day, d.bucket, a.item, a.lo, a.hi, cx.scores_agg(a.answer, a.lo, a.hi ORDER BY a.answer_id)
	FROM pg_temp.cx_ws_answer_days d
	JOIN %1$s.survey_answers a
	  ON a.provider OPERATOR(pg_catalog.=) d.provider AND a.service OPERATOR(pg_catalog.=) d.service
	 AND COALESCE(pg_catalog.timezone('UTC'::text, a.answered_at)::date, '-infinity'::date) OPERATOR(pg_catalog.=) d.day_key
	 AND (a.answer_id OPERATOR(pg_catalog.%%) 8)::integer OPERATOR(pg_catalog.=) d.bucket
	WHERE d.kind OPERATOR(pg_catalog.=) 'survey'::text
	GROUP BY a.provider, a.service, d.day, d.bucket, a.item, a.lo, a.hi;

	INSERT INTO %1$s.rollup_value_days
	SELECT a.provider, a.service, d.day, d.bucket, cx.value_agg(a.dimension, a.score, a.lo, a.hi ORDER BY a.answer_id),
	       pg_catalog.array_agg(DISTINCT a.respondent_id ORDER BY a.respondent_id) FILTER (WHERE a.respondent_id IS NOT NULL)
	FROM pg_temp.cx_ws_answer_days d
	JOIN %1$s.value_answers a
	  ON a.provider OPERATOR(pg_catalog.=) d.provider AND a.service OPERATOR(pg_catalog.=) d.service
	 AND COALESCE(pg_catalog.timezone('UTC'::text, a.answered_at)::date, '-infinity'::date) OPERATOR(pg_catalog.=) d.day_key
	 AND (a.answer_id OPERATOR(pg_catalog.%%) 8)::integer OPERATOR(pg_catalog.=) d.bucket
	WHERE d.kind OPERATOR(pg_catalog.=) 'value'::text
	GROUP BY a.provider, a.service, d.day, d.bucket;

	INSERT INTO %1$s.rollup_quadrant_days
	SELECT a.provider, a.service, d.day, d.bucket, cx.quadrant_agg(a.voluntariness, a.system_locus ORDER BY a.assessment_id)
	FROM pg_temp.cx_ws_answer_days d
	JOIN %1$s.coproduction_assessments a
	  ON a.provider OPERATOR(pg_catalog.=) d.provider AND a.service OPERATOR(pg_catalog.=) d.service
	 AND COALESCE(pg_catalog.timezone('UTC'::text, a.assessed_at)::date, '-infinity'::date) OPERATOR(pg_catalog.=) d.day_key
	 AND (a.assessment_id OPERATOR(pg_catalog.%%) 8)::integer OPERATOR(pg_catalog.=) d.bucket
	WHERE d.kind OPERATOR(pg_catalog.=) 'assessment'::text
	GROUP BY a.provider, a.service, d.day, d.bucket;
	$sql$, s);
	SELECT pg_catalog.count(*) FILTER (WHERE d.kind OPERATOR(pg_catalog.=) 'survey'::text),
	       pg_catalog.count(*) FILTER (WHERE d.kind OPERATOR(pg_catalog.=) 'value'::text),
	       pg_catalog.count(*) FILTER (WHERE d.kind OPERATOR(pg_catalog.=) 'assessment'::text)
	INTO survey_days, value_days, assessment_days
	FROM pg_temp.cx_ws_answer_days d;
	IF distributed THEN
		PERFORM pg_catalog.set_config('citus.coordinator_aggregation_strategy', gather, true);
	END IF;
END
$refresh$;
COMMENT ON FUNCTION cx.refresh_workspace(name, boolean) IS
	'Folds what changed in a workspace''s tables since the last refresh (its change log) into its rollups, or with full => true rebuilds them; returns what it rebuilt.  The rollups then equal a full rebuild';

CREATE FUNCTION cx.create_workspace(schema name)
RETURNS void
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $workspace$
DECLARE
	nsp oid;
	owner oid;
	clash text;
	s text := pg_catalog.quote_ident(schema);
BEGIN
	IF schema IS NULL THEN
		RAISE EXCEPTION 'schema must not be NULL' USING ERRCODE = '22004';
	END IF;
	IF pg_catalog.length(schema::text) OPERATOR(pg_catalog.=) 0 THEN
		RAISE EXCEPTION 'schema name must not be empty' USING ERRCODE = '22023';
	END IF;
	IF schema OPERATOR(pg_catalog.=) 'cx'::name OR schema::text OPERATOR(pg_catalog.~~) 'pg\_%'::text
	   OR schema OPERATOR(pg_catalog.=) 'information_schema'::name THEN
		RAISE EXCEPTION 'cannot create a workspace in schema %', schema
			USING ERRCODE = '22023',
			      HINT = 'A workspace holds data: put it in a schema of your own, so that DROP EXTENSION cxvalue never drops it.';
	END IF;

	SELECT n.oid, n.nspowner INTO nsp, owner FROM pg_catalog.pg_namespace n WHERE n.nspname OPERATOR(pg_catalog.=) schema;
	IF nsp IS NULL THEN
		EXECUTE pg_catalog.format('CREATE SCHEMA %s', s);
	ELSE
		IF EXISTS (SELECT FROM pg_catalog.pg_depend d
		           WHERE d.classid OPERATOR(pg_catalog.=) 'pg_catalog.pg_namespace'::regclass
		             AND d.objid OPERATOR(pg_catalog.=) nsp
		             AND d.refclassid OPERATOR(pg_catalog.=) 'pg_catalog.pg_extension'::regclass
		             AND d.deptype OPERATOR(pg_catalog.=) 'e'::"char") THEN
			RAISE EXCEPTION 'cannot create a workspace in schema %, which belongs to an extension', schema
				USING ERRCODE = '22023',
				      HINT = 'Dropping the extension would drop the workspace''s data; use a schema of your own.';
		END IF;
		-- Own it, superuser or not: the owner of the schema could otherwise
		-- swap the views other roles read.
		IF owner OPERATOR(pg_catalog.<>) (SELECT r.oid FROM pg_catalog.pg_roles r
		                                   WHERE r.rolname OPERATOR(pg_catalog.=) current_user) THEN
			RAISE EXCEPTION 'must own schema % to create a workspace in it', schema
				USING ERRCODE = '42501';
		END IF;
		SELECT pg_catalog.string_agg(pg_catalog.quote_ident(c.relname::text), ', ' ORDER BY c.relname) INTO clash
		FROM pg_catalog.pg_class c
		WHERE c.relnamespace OPERATOR(pg_catalog.=) nsp
		  AND c.relname OPERATOR(pg_catalog.=) ANY (ARRAY['services', 'journeys', 'touchpoints', 'survey_answers', 'value_answers',
		                    'coproduction_assessments', 'published_scores', 'journey_summary',
		                    'service_scorecard', 'service_scorecard_by_period', 'stage_pain_points',
		                    'stage_pain_points_by_period', 'stage_transitions', 'rework_loops', 'journey_paths',
		                    'channel_mix', 'survey_items', 'survey_items_by_period', 'quadrant_mix',
		                    'value_by_service', 'value_by_service_by_period', 'value_dimensions',
		                    'workspace_freshness', 'changes', 'refresh_state', 'rollup_journeys',
		                    'rollup_journey_days', 'rollup_stage_days', 'rollup_transition_days',
		                    'rollup_loop_days', 'rollup_path_days', 'rollup_channel_days',
		                    'rollup_survey_days', 'rollup_value_days', 'rollup_quadrant_days']::name[]);
		IF clash IS NOT NULL THEN
			RAISE EXCEPTION 'schema % already holds a workspace', schema
				USING ERRCODE = '42P07',
				      DETAIL = pg_catalog.format('It has relations named %s.', clash),
				      HINT = 'A workspace is created once; cx.create_workspace_views() recreates its views.';
		END IF;
	END IF;

	---------------------------------------------------------- tables

	EXECUTE pg_catalog.format($sql$
	CREATE TABLE %1$s.services (
		provider text NOT NULL CHECK (provider OPERATOR(pg_catalog.<>) ''::text),
		service text NOT NULL CHECK (service OPERATOR(pg_catalog.<>) ''::text),
		name text NOT NULL,
		description text,
		value_model text NOT NULL DEFAULT 'get-give'::text,
		repeat_window interval CHECK (repeat_window OPERATOR(pg_catalog.>) '0'::interval),
		PRIMARY KEY (provider, service)
	);
	COMMENT ON TABLE %1$s.services IS
		'cxvalue workspace: the public services measured, one row per provider and service';
	COMMENT ON COLUMN %1$s.services.provider IS
		'The organisation providing the service; row-level security policies can key on it';
	COMMENT ON COLUMN %1$s.services.value_model IS
		'The cxvalue value model (cx.value_index) the scorecard reads this service''s value answers with';
	COMMENT ON COLUMN %1$s.services.repeat_window IS
		'A repeated stage counts as a repeat contact when its previous occurrence is at most this long before; NULL: any time';

	CREATE TABLE %1$s.journeys (
		provider text NOT NULL,
		service text NOT NULL,
		journey_id text NOT NULL CHECK (journey_id OPERATOR(pg_catalog.<>) ''::text),
		customer_id text,
		segment text,
		outcome text,
		completed boolean,
		PRIMARY KEY (provider, service, journey_id),
		FOREIGN KEY (provider, service) REFERENCES %1$s.services
			ON UPDATE CASCADE ON DELETE CASCADE
	);
	COMMENT ON TABLE %1$s.journeys IS
		'cxvalue workspace: one customer''s journey with one need through one service';
	COMMENT ON COLUMN %1$s.journeys.completed IS
		'Whether the journey met its need (true), ended without (false), or the data does not say (NULL)';
	CREATE INDEX ON %1$s.journeys (provider, customer_id);

	CREATE TABLE %1$s.touchpoints (
		touchpoint_id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
		provider text NOT NULL,
		service text NOT NULL,
		journey_id text NOT NULL,
		at timestamptz NOT NULL CHECK (pg_catalog.isfinite(at)),
		stage text NOT NULL CHECK (stage OPERATOR(pg_catalog.<>) ''::text),
		channel text CHECK (channel OPERATOR(pg_catalog.<>) ''::text),
		score float8 CHECK (score OPERATOR(pg_catalog.>) '-Infinity'::float8 AND score OPERATOR(pg_catalog.<) 'Infinity'::float8),
		FOREIGN KEY (provider, service, journey_id) REFERENCES %1$s.journeys
			ON UPDATE CASCADE ON DELETE CASCADE
	);
	COMMENT ON TABLE %1$s.touchpoints IS
		'cxvalue workspace: the moments of truth of each journey (stage, channel, optional score)';
	COMMENT ON COLUMN %1$s.touchpoints.score IS
		'The customer''s score of this moment, on the service''s own scale; NULL where not scored';
	CREATE INDEX ON %1$s.touchpoints (provider, service, journey_id, at);

	CREATE TABLE %1$s.survey_answers (
		answer_id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
		provider text NOT NULL,
		service text NOT NULL,
		journey_id text,
		respondent_id text,
		answered_at timestamptz,
		item text NOT NULL CHECK (item OPERATOR(pg_catalog.<>) ''::text),
		answer int,
		lo int NOT NULL DEFAULT 1,
		hi int NOT NULL DEFAULT 5,
		CHECK (lo OPERATOR(pg_catalog.<) hi AND hi OPERATOR(pg_catalog.-) lo OPERATOR(pg_catalog.<=) 100),
		CHECK (answer OPERATOR(pg_catalog.>=) lo AND answer OPERATOR(pg_catalog.<=) hi),
		FOREIGN KEY (provider, service) REFERENCES %1$s.services
			ON UPDATE CASCADE ON DELETE CASCADE,
		FOREIGN KEY (provider, service, journey_id) REFERENCES %1$s.journeys
			ON UPDATE CASCADE ON DELETE CASCADE
	);
	COMMENT ON TABLE %1$s.survey_answers IS
		'cxvalue workspace: one answer per row to a survey item on an integer scale lo..hi (NULL answer: skipped item)';
	COMMENT ON COLUMN %1$s.survey_answers.item IS
		'The item: the A-11 drivers satisfaction, trust, effectiveness, ease, efficiency, transparency, employee (1..5); recommend (0..10, NPS); or any other';
	COMMENT ON COLUMN %1$s.survey_answers.answered_at IS
		'When the answer was given: the period views count it in its UTC day; NULL: in the period_start IS NULL rows';
	CREATE INDEX ON %1$s.survey_answers (provider, service, item);
	CREATE INDEX ON %1$s.survey_answers (provider, service, journey_id);

	CREATE TABLE %1$s.value_answers (
		answer_id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
		provider text NOT NULL,
		service text NOT NULL,
		journey_id text,
		respondent_id text,
		answered_at timestamptz,
		dimension text NOT NULL CHECK (dimension OPERATOR(pg_catalog.<>) ''::text),
		score float8 NOT NULL,
		lo float8 NOT NULL DEFAULT 1,
		hi float8 NOT NULL DEFAULT 5,
		CHECK (lo OPERATOR(pg_catalog.<) hi AND lo OPERATOR(pg_catalog.>) '-Infinity'::float8 AND hi OPERATOR(pg_catalog.<) 'Infinity'::float8),
		CHECK (score OPERATOR(pg_catalog.>=) lo AND score OPERATOR(pg_catalog.<=) hi),
		FOREIGN KEY (provider, service) REFERENCES %1$s.services
			ON UPDATE CASCADE ON DELETE CASCADE,
		FOREIGN KEY (provider, service, journey_id) REFERENCES %1$s.journeys
			ON UPDATE CASCADE ON DELETE CASCADE
	);
	COMMENT ON TABLE %1$s.value_answers IS
		'cxvalue workspace: one answer per row on a customer-value dimension (functional, time, perceived, ...) scored on lo..hi';
	CREATE INDEX ON %1$s.value_answers (provider, service, dimension);
	CREATE INDEX ON %1$s.value_answers (provider, service, journey_id);

	CREATE TABLE %1$s.coproduction_assessments (
		assessment_id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
		provider text NOT NULL,
		service text NOT NULL,
		assessed_at timestamptz,
		assessor text,
		voluntariness float8 CHECK (voluntariness OPERATOR(pg_catalog.>=) 0::float8 AND voluntariness OPERATOR(pg_catalog.<=) 1::float8),
		system_locus float8 CHECK (system_locus OPERATOR(pg_catalog.>=) 0::float8 AND system_locus OPERATOR(pg_catalog.<=) 1::float8),
		note text,
		FOREIGN KEY (provider, service) REFERENCES %1$s.services
			ON UPDATE CASCADE ON DELETE CASCADE
	);
	COMMENT ON TABLE %1$s.coproduction_assessments IS
		'cxvalue workspace: how voluntary (0..1) and how system-level (0..1) co-production in a service is, one assessment per row';
	CREATE INDEX ON %1$s.coproduction_assessments (provider, service);

	CREATE TABLE %1$s.published_scores (
		provider text NOT NULL,
		service text NOT NULL,
		period text NOT NULL,
		touchpoint text NOT NULL DEFAULT ''::text,
		item text NOT NULL CHECK (item OPERATOR(pg_catalog.<>) ''::text),
		mean float8 CHECK (mean OPERATOR(pg_catalog.>=) lo AND mean OPERATOR(pg_catalog.<=) hi),
		lo float8 NOT NULL DEFAULT 1,
		hi float8 NOT NULL DEFAULT 5,
		respondents bigint CHECK (respondents OPERATOR(pg_catalog.>=) 0::bigint),
		wording text,
		source text,
		CHECK (lo OPERATOR(pg_catalog.<) hi),
		PRIMARY KEY (provider, service, period, touchpoint, item),
		FOREIGN KEY (provider, service) REFERENCES %1$s.services
			ON UPDATE CASCADE ON DELETE CASCADE
	);
	COMMENT ON TABLE %1$s.published_scores IS
		'cxvalue workspace: item means published by a provider (e.g. A-11 HISP reports) where the individual answers are not available; NULL mean: not asked';
	$sql$, s);

	PERFORM cx.create_workspace_views(schema);
END
$workspace$;
COMMENT ON FUNCTION cx.create_workspace(name) IS
	'Creates, in a schema the caller owns (created if missing), the cxvalue tables (services, journeys, touchpoints, survey and value answers, co-production assessments, published scores), their change log and rollups, and the plain-typed security_invoker views BI tools read';
