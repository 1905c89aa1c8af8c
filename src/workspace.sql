-- workspace: tables and BI views in a schema the caller owns

CREATE FUNCTION cx.create_workspace_views(schema name)
RETURNS void
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $views$
DECLARE
	s text := quote_ident(schema);
BEGIN
	IF schema IS NULL THEN
		RAISE EXCEPTION 'schema must not be NULL' USING ERRCODE = '22004';
	END IF;
	IF to_regclass(format('%s.touchpoints', s)) IS NULL THEN
		RAISE EXCEPTION 'schema % holds no workspace', schema
			USING ERRCODE = '42P01', HINT = 'cx.create_workspace() makes one.';
	END IF;

	---------------------------------------------------------------- views

	-- Means over many rows are summed in numeric, so that they never depend
	-- on the order rows arrive in (plan, parallel workers, a restored copy).

	-- One row per journey: the cx.journey summary and its figures.
	EXECUTE format($sql$
	CREATE OR REPLACE VIEW %1$s.journey_summary WITH (security_invoker = true) AS
	SELECT j.provider, j.service, j.journey_id, j.customer_id, j.segment, j.outcome, j.completed,
	       coalesce(cx.n(a.journey), 0) AS touchpoints,
	       cx.started_at(a.journey) AS started_at,
	       cx.ended_at(a.journey) AS ended_at,
	       cx.duration(a.journey) AS duration,
	       extract(epoch FROM cx.duration(a.journey))::float8 / 86400 AS duration_days,
	       cx.first_stage(a.journey) AS first_stage,
	       cx.last_stage(a.journey) AS last_stage,
	       cx.path(a.journey) AS path,
	       array_to_string(cx.path(a.journey), ' > ') AS path_text,
	       cx.channels(a.journey) AS channels,
	       (cx.channels(a.journey))[1] AS first_channel,
	       cx.channel_switches(a.journey) AS channel_switches,
	       cx.repeats(a.journey) AS repeats,
	       coalesce(cx.repeats(a.journey, (SELECT v.repeat_window FROM %1$s.services v
	                                       WHERE v.provider = j.provider AND v.service = j.service)),
	                cx.repeats(a.journey)) > 0 AS repeat_contact,
	       cx.mean_score(a.journey) AS mean_score,
	       cx.min_score(a.journey) AS min_score,
	       cx.end_score(a.journey) AS end_score,
	       cx.peak_end(a.journey) AS peak_end,
	       cx.worst_stage(a.journey) AS worst_stage,
	       a.journey
	FROM %1$s.journeys j
	LEFT JOIN (SELECT t.provider, t.service, t.journey_id,
	                  cx.journey_agg(t.at, t.stage, t.score, t.channel) AS journey
	           FROM %1$s.touchpoints t
	           GROUP BY t.provider, t.service, t.journey_id) a USING (provider, service, journey_id);
	COMMENT ON VIEW %1$s.journey_summary IS
		'cxvalue workspace: one row per journey with its cx.journey summary (path, channels, repeats, scores, peak-end)';
	$sql$, s);

	-- Survey items per service: n, mean, top-2-box with its Wilson interval, NPS on 0..10.
	EXECUTE format($sql$
	CREATE OR REPLACE VIEW %1$s.survey_items WITH (security_invoker = true) AS
	SELECT provider, service, item, lo, hi,
	       cx.n(sc) AS answers, cx.missing(sc) AS missing, cx.mean(sc) AS mean,
	       (cx.top_box_ci(sc)).value AS top2, (cx.top_box_ci(sc)).lower AS top2_lower,
	       (cx.top_box_ci(sc)).upper AS top2_upper, cx.bottom_box(sc) AS bottom2,
	       CASE WHEN lo = 0 AND hi = 10 THEN cx.nps(sc) END AS nps,
	       sc AS scores
	FROM (SELECT provider, service, item, lo, hi, cx.scores_agg(answer, lo, hi) AS sc
	      FROM %1$s.survey_answers
	      GROUP BY provider, service, item, lo, hi) a;
	COMMENT ON VIEW %1$s.survey_items IS
		'cxvalue workspace: per service and survey item, the answers, mean, top-2-box (A-11 percent agree) with its Wilson 95%% interval, and NPS for 0..10 items';
	$sql$, s);

	-- Value per service, read with the service's value model.
	EXECUTE format($sql$
	CREATE OR REPLACE VIEW %1$s.value_by_service WITH (security_invoker = true) AS
	SELECT v.provider, v.service, v.value_model,
	       cx.n(a.value) AS answers, a.respondents,
	       cx.benefits(a.value, v.value_model) AS benefits,
	       cx.sacrifices(a.value, v.value_model) AS sacrifices,
	       cx.value_index(a.value, v.value_model) AS value_index,
	       cx.value_ratio(a.value, v.value_model) AS value_ratio,
	       cx.disconfirmation(a.value) AS disconfirmation,
	       cx.co_destruction(a.value, v.value_model) AS co_destruction,
	       a.value
	FROM %1$s.services v
	JOIN (SELECT provider, service, count(DISTINCT respondent_id) AS respondents,
	             cx.value_agg(dimension, score, lo, hi) AS value
	      FROM %1$s.value_answers
	      GROUP BY provider, service) a USING (provider, service);
	COMMENT ON VIEW %1$s.value_by_service IS
		'cxvalue workspace: customer value per service (benefits, sacrifices, value index and ratio, disconfirmation, co-destruction) under the service''s value model';

	CREATE OR REPLACE VIEW %1$s.value_dimensions WITH (security_invoker = true) AS
	SELECT provider, service, dimension, cx.n(value) AS answers,
	       cx.mean(value, dimension) AS mean
	FROM (SELECT provider, service, dimension, cx.value_agg(dimension, score, lo, hi) AS value
	      FROM %1$s.value_answers
	      GROUP BY provider, service, dimension) a;
	COMMENT ON VIEW %1$s.value_dimensions IS
		'cxvalue workspace: per service and value dimension, the answers and their mean normalised to [0, 1]';
	$sql$, s);

	-- Co-production quadrant mix per service.
	EXECUTE format($sql$
	CREATE OR REPLACE VIEW %1$s.quadrant_mix WITH (security_invoker = true) AS
	SELECT provider, service,
	       cx.n(profile) AS assessments, cx.skipped(profile) AS skipped,
	       cx.dominant(profile) AS dominant, cx.label(cx.dominant(profile)) AS dominant_label,
	       cx.share(profile, 'co-production') AS co_production,
	       cx.share(profile, 'co-construction') AS co_construction,
	       cx.share(profile, 'co-management') AS co_management,
	       cx.share(profile, 'co-design') AS co_design,
	       (cx.centroid(profile)).voluntariness AS voluntariness,
	       (cx.centroid(profile)).system_locus AS system_locus,
	       profile
	FROM (SELECT provider, service, cx.quadrant_agg(voluntariness, system_locus) AS profile
	      FROM %1$s.coproduction_assessments
	      GROUP BY provider, service) a;
	COMMENT ON VIEW %1$s.quadrant_mix IS
		'cxvalue workspace: per service, the share of assessments in each co-production quadrant, the dominant one and the centroid';
	$sql$, s);

	-- The scorecard: one row per service.
	EXECUTE format($sql$
	CREATE OR REPLACE VIEW %1$s.service_scorecard WITH (security_invoker = true) AS
	SELECT v.provider, v.service, v.name,
	       coalesce(j.journeys, 0) AS journeys,
	       coalesce(j.touchpoints, 0) AS touchpoints,
	       j.completed,
	       j.completion_rate,
	       j.median_duration,
	       extract(epoch FROM j.median_duration)::float8 / 86400 AS median_duration_days,
	       j.repeat_contact_rate,
	       j.multichannel_rate,
	       j.channel_switches,
	       j.mean_peak_end,
	       sat.answers AS satisfaction_answers,
	       sat.top2 AS satisfaction_top2,
	       sat.top2_lower AS satisfaction_top2_lower,
	       sat.top2_upper AS satisfaction_top2_upper,
	       rec.answers AS nps_answers,
	       (cx.nps_ci(rec.scores)).value AS nps,
	       (cx.nps_ci(rec.scores)).lower AS nps_lower,
	       (cx.nps_ci(rec.scores)).upper AS nps_upper,
	       val.value_model,
	       val.value_index,
	       val.co_destruction,
	       q.assessments AS coproduction_assessments,
	       q.dominant AS dominant_quadrant,
	       q.dominant_label AS dominant_quadrant_label
	FROM %1$s.services v
	LEFT JOIN (SELECT provider, service,
	                  count(*) AS journeys,
	                  sum(touchpoints) AS touchpoints,
	                  count(*) FILTER (WHERE completed) AS completed,
	                  avg(completed::int)::float8 AS completion_rate,
	                  percentile_cont(0.5) WITHIN GROUP (ORDER BY duration) AS median_duration,
	                  avg(repeat_contact::int) FILTER (WHERE touchpoints > 0)::float8 AS repeat_contact_rate,
	                  avg((cardinality(channels) > 1)::int) FILTER (WHERE touchpoints > 0)::float8 AS multichannel_rate,
	                  avg(channel_switches)::float8 AS channel_switches,
	                  avg(peak_end::numeric)::float8 AS mean_peak_end
	           FROM %1$s.journey_summary
	           GROUP BY provider, service) j USING (provider, service)
	LEFT JOIN %1$s.survey_items sat
	       ON sat.provider = v.provider AND sat.service = v.service
	      AND sat.item = 'satisfaction' AND sat.lo = 1 AND sat.hi = 5
	LEFT JOIN %1$s.survey_items rec
	       ON rec.provider = v.provider AND rec.service = v.service
	      AND rec.item = 'recommend' AND rec.lo = 0 AND rec.hi = 10
	LEFT JOIN %1$s.value_by_service val
	       ON val.provider = v.provider AND val.service = v.service
	LEFT JOIN %1$s.quadrant_mix q
	       ON q.provider = v.provider AND q.service = v.service;
	COMMENT ON VIEW %1$s.service_scorecard IS
		'cxvalue workspace: one row per service: journeys, completion, median duration, repeat contact, channels, peak-end, satisfaction top-2-box with Wilson interval, NPS, value index, dominant co-production quadrant';
	$sql$, s);

	-- Stages: where journeys hurt.
	EXECUTE format($sql$
	CREATE OR REPLACE VIEW %1$s.stage_pain_points WITH (security_invoker = true) AS
	SELECT js.provider, js.service, st.stage,
	       count(*) AS journeys,
	       count(*)::float8 / max(js.service_journeys) AS reach_rate,
	       sum(st.touchpoints) AS touchpoints,
	       sum(st.touchpoints - 1) AS rework,
	       count(*) FILTER (WHERE st.touchpoints > 1) AS rework_journeys,
	       (count(*) FILTER (WHERE st.touchpoints > 1))::float8 / count(*) AS rework_rate,
	       sum(st.scored) AS scored,
	       (sum(st.score_sum) / nullif(sum(st.scored), 0))::float8 AS mean_score,
	       count(*) FILTER (WHERE js.worst_stage = st.stage) AS worst_in,
	       count(*) FILTER (WHERE js.last_stage = st.stage) AS last_in,
	       percentile_cont(0.5) WITHIN GROUP (ORDER BY cx.dwell(js.journey, st.stage)) AS median_dwell,
	       avg(cx.dwell(js.journey, st.stage)) AS mean_dwell
	FROM (SELECT provider, service, journey, worst_stage, last_stage,
	             count(*) OVER (PARTITION BY provider, service) AS service_journeys
	      FROM %1$s.journey_summary) js
	CROSS JOIN LATERAL (SELECT t.stage, count(*) AS touchpoints, count(t.score) AS scored,
	                           sum(t.score::numeric) AS score_sum
	                    FROM cx.touchpoints(js.journey) t
	                    GROUP BY t.stage) st
	GROUP BY js.provider, js.service, st.stage;
	COMMENT ON VIEW %1$s.stage_pain_points IS
		'cxvalue workspace: per service and stage, the journeys reaching it, rework (repeated occurrences), mean score, how often it is the worst or last moment, and dwell time';
	$sql$, s);

	-- Transitions between adjacent touchpoints: journey maps, Sankey diagrams.
	EXECUTE format($sql$
	CREATE OR REPLACE VIEW %1$s.stage_transitions WITH (security_invoker = true) AS
	SELECT js.provider, js.service, tr.from_stage, tr.to_stage,
	       count(*) AS transitions,
	       count(DISTINCT js.journey_id) AS journeys,
	       count(*) FILTER (WHERE tr.to_stage = ANY (js.path[1:tr.k])) AS backward,
	       percentile_cont(0.5) WITHIN GROUP (ORDER BY tr.seconds) AS median_seconds,
	       avg(tr.seconds::numeric)::float8 AS mean_seconds
	FROM %1$s.journey_summary js
	CROSS JOIN LATERAL cx.transitions(js.journey) WITH ORDINALITY AS tr(from_stage, to_stage, seconds, k)
	GROUP BY js.provider, js.service, tr.from_stage, tr.to_stage;
	COMMENT ON VIEW %1$s.stage_transitions IS
		'cxvalue workspace: per service, how often one stage follows another, in how many journeys, how often back to a stage already seen (rework), and the time between';

	CREATE OR REPLACE VIEW %1$s.rework_loops WITH (security_invoker = true) AS
	SELECT provider, service, stage, loop, count(*) AS occurrences,
	       count(DISTINCT journey_id) AS journeys
	FROM (SELECT js.provider, js.service, js.journey_id, t.stage,
	             array_to_string(js.path[t.k:lead(t.k) OVER w], ' > ') AS loop
	      FROM %1$s.journey_summary js
	      CROSS JOIN LATERAL cx.touchpoints(js.journey) WITH ORDINALITY AS t(at, stage, score, channel, k)
	      WINDOW w AS (PARTITION BY js.provider, js.service, js.journey_id, t.stage ORDER BY t.k)) o
	WHERE loop IS NOT NULL
	GROUP BY provider, service, stage, loop;
	COMMENT ON VIEW %1$s.rework_loops IS
		'cxvalue workspace: per service, each way journeys return to a stage (the stages from one occurrence to the next), how often and in how many journeys';

	CREATE OR REPLACE VIEW %1$s.journey_paths WITH (security_invoker = true) AS
	SELECT provider, service, path_text AS path, count(*) AS journeys,
	       count(*)::float8 / sum(count(*)) OVER (PARTITION BY provider, service) AS share,
	       avg(completed::int)::float8 AS completion_rate,
	       percentile_cont(0.5) WITHIN GROUP (ORDER BY duration) AS median_duration
	FROM %1$s.journey_summary
	WHERE touchpoints > 0
	GROUP BY provider, service, path_text;
	COMMENT ON VIEW %1$s.journey_paths IS
		'cxvalue workspace: per service, each distinct path (stages in order), its journeys, share, completion and median duration';

	CREATE OR REPLACE VIEW %1$s.channel_mix WITH (security_invoker = true) AS
	SELECT js.provider, js.service, t.channel,
	       count(DISTINCT js.journey_id) AS journeys,
	       count(*) AS touchpoints,
	       count(DISTINCT js.journey_id)::float8 / max(js.service_journeys) AS journey_share,
	       count(*)::float8 / max(js.service_touchpoints) AS touchpoint_share
	FROM (SELECT provider, service, journey_id, journey,
	             count(*) OVER w AS service_journeys, sum(touchpoints) OVER w AS service_touchpoints
	      FROM %1$s.journey_summary
	      WHERE touchpoints > 0
	      WINDOW w AS (PARTITION BY provider, service)) js
	CROSS JOIN LATERAL cx.touchpoints(js.journey) t
	GROUP BY js.provider, js.service, t.channel;
	COMMENT ON VIEW %1$s.channel_mix IS
		'cxvalue workspace: per service and channel (NULL: unknown), the journeys using it and the touchpoints through it, with their shares';
	$sql$, s);
END
$views$;
COMMENT ON FUNCTION cx.create_workspace_views(name) IS
	'(Re)creates the views of a cxvalue workspace, e.g. after DROP EXTENSION cxvalue CASCADE dropped them and left the tables';

CREATE FUNCTION cx.create_workspace(schema name)
RETURNS void
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $workspace$
DECLARE
	nsp oid;
	owner oid;
	clash text;
	s text := quote_ident(schema);
BEGIN
	IF schema IS NULL THEN
		RAISE EXCEPTION 'schema must not be NULL' USING ERRCODE = '22004';
	END IF;
	IF schema = 'cx' OR schema LIKE 'pg\_%' OR schema = 'information_schema' THEN
		RAISE EXCEPTION 'cannot create a workspace in schema %', schema
			USING ERRCODE = '22023',
			      HINT = 'A workspace holds data: put it in a schema of your own, so that DROP EXTENSION cxvalue never drops it.';
	END IF;

	SELECT n.oid, n.nspowner INTO nsp, owner FROM pg_namespace n WHERE n.nspname = schema;
	IF nsp IS NULL THEN
		EXECUTE format('CREATE SCHEMA %s', s);
	ELSE
		IF EXISTS (SELECT FROM pg_depend d
		           WHERE d.classid = 'pg_namespace'::regclass AND d.objid = nsp
		             AND d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e') THEN
			RAISE EXCEPTION 'cannot create a workspace in schema %, which belongs to an extension', schema
				USING ERRCODE = '22023',
				      HINT = 'Dropping the extension would drop the workspace''s data; use a schema of your own.';
		END IF;
		IF NOT pg_has_role(current_user, owner, 'USAGE') THEN
			RAISE EXCEPTION 'must own schema % to create a workspace in it', schema
				USING ERRCODE = '42501';
		END IF;
		SELECT string_agg(quote_ident(c.relname), ', ' ORDER BY c.relname) INTO clash
		FROM pg_class c
		WHERE c.relnamespace = nsp
		  AND c.relname IN ('services', 'journeys', 'touchpoints', 'survey_answers', 'value_answers',
		                    'coproduction_assessments', 'published_scores', 'journey_summary',
		                    'service_scorecard', 'stage_pain_points', 'stage_transitions',
		                    'rework_loops', 'journey_paths', 'channel_mix', 'survey_items',
		                    'quadrant_mix', 'value_by_service', 'value_dimensions');
		IF clash IS NOT NULL THEN
			RAISE EXCEPTION 'schema % already holds a workspace', schema
				USING ERRCODE = '42P07',
				      DETAIL = format('It has relations named %s.', clash),
				      HINT = 'A workspace is created once; cx.create_workspace_views() recreates its views.';
		END IF;
	END IF;

	---------------------------------------------------------------- tables

	EXECUTE format($sql$
	CREATE TABLE %1$s.services (
		provider text NOT NULL CHECK (provider <> ''),
		service text NOT NULL CHECK (service <> ''),
		name text NOT NULL,
		description text,
		value_model text NOT NULL DEFAULT 'get-give',
		repeat_window interval CHECK (repeat_window > interval '0'),
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
		journey_id text NOT NULL CHECK (journey_id <> ''),
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
		at timestamptz NOT NULL CHECK (isfinite(at)),
		stage text NOT NULL CHECK (stage <> ''),
		channel text CHECK (channel <> ''),
		score float8 CHECK (score > '-Infinity' AND score < 'Infinity'),
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
		item text NOT NULL CHECK (item <> ''),
		answer int,
		lo int NOT NULL DEFAULT 1,
		hi int NOT NULL DEFAULT 5,
		CHECK (lo < hi AND hi - lo <= 100),
		CHECK (answer BETWEEN lo AND hi),
		FOREIGN KEY (provider, service) REFERENCES %1$s.services
			ON UPDATE CASCADE ON DELETE CASCADE,
		FOREIGN KEY (provider, service, journey_id) REFERENCES %1$s.journeys
			ON UPDATE CASCADE ON DELETE CASCADE
	);
	COMMENT ON TABLE %1$s.survey_answers IS
		'cxvalue workspace: one answer per row to a survey item on an integer scale lo..hi (NULL answer: skipped item)';
	COMMENT ON COLUMN %1$s.survey_answers.item IS
		'The item: the A-11 drivers satisfaction, trust, effectiveness, ease, efficiency, transparency, employee (1..5); recommend (0..10, NPS); or any other';
	CREATE INDEX ON %1$s.survey_answers (provider, service, item);
	CREATE INDEX ON %1$s.survey_answers (provider, service, journey_id);

	CREATE TABLE %1$s.value_answers (
		answer_id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
		provider text NOT NULL,
		service text NOT NULL,
		journey_id text,
		respondent_id text,
		answered_at timestamptz,
		dimension text NOT NULL CHECK (dimension <> ''),
		score float8 NOT NULL,
		lo float8 NOT NULL DEFAULT 1,
		hi float8 NOT NULL DEFAULT 5,
		CHECK (lo < hi AND lo > '-Infinity' AND hi < 'Infinity'),
		CHECK (score BETWEEN lo AND hi),
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
		voluntariness float8 CHECK (voluntariness BETWEEN 0 AND 1),
		system_locus float8 CHECK (system_locus BETWEEN 0 AND 1),
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
		touchpoint text NOT NULL DEFAULT '',
		item text NOT NULL CHECK (item <> ''),
		mean float8 CHECK (mean BETWEEN lo AND hi),
		lo float8 NOT NULL DEFAULT 1,
		hi float8 NOT NULL DEFAULT 5,
		respondents bigint CHECK (respondents >= 0),
		wording text,
		source text,
		CHECK (lo < hi),
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
	'Creates, in a schema the caller owns (created if missing), the cxvalue tables (services, journeys, touchpoints, survey and value answers, co-production assessments, published scores) and the security_invoker views BI tools read';
