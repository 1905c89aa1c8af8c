-- Workspaces on the cluster, run on the coordinator after models.sql (its
-- pg_temp helpers and the schema evil, in the same session).  Two
-- workspaces get the same synthetic rows: cws is distributed, lws stays in
-- local tables of the coordinator (the single-server reference).  Every
-- view of cws must equal lws's, after the distribution and again after
-- changes to both and a refresh.
SET client_min_messages = error;
SET citus.enable_ddl_propagation = off;	-- the generator stays on the coordinator
SET search_path = public;
\i :synthetic
RESET citus.enable_ddl_propagation;
SELECT cx.create_workspace('cws'), cx.create_workspace('lws');
SELECT cx_synthetic('cws', 1500, 11), cx_synthetic('lws', 1500, 11);
SELECT mode FROM cx.refresh_workspace('lws');
SET client_min_messages = warning;
RESET search_path;

-- Two views match: the columns that are not float8 equal as text, the
-- float8 ones to 1e-12 relative (sums of floats combine in shard order);
-- the times of the last refresh aside.
CREATE FUNCTION pg_temp.view_matches(cluster_view regclass, local_view regclass) RETURNS boolean
LANGUAGE plpgsql AS $$
DECLARE
	exact text;
	floats text;
BEGIN
	SELECT coalesce(string_agg(format('coalesce(x.%I::text, ''(null)'')', attname), $s$ || '|' || $s$ ORDER BY attnum)
	                FILTER (WHERE atttypid <> 'float8'::regtype), $s$''$s$),
	       coalesce('ARRAY[' || string_agg(format('x.%I', attname), ', ' ORDER BY attnum)
	                FILTER (WHERE atttypid = 'float8'::regtype) || ']::float8[]', 'ARRAY[]::float8[]')
	INTO exact, floats
	FROM pg_attribute WHERE attrelid = local_view AND attnum > 0 AND NOT attisdropped
	  AND attname !~ 'refresh';	-- when each was refreshed
	RETURN pg_temp.figures_match(
		format('SELECT %s || ''#'' || row_number() OVER (PARTITION BY %s ORDER BY %s::text), %s FROM %s x',
		       exact, exact, floats, floats, cluster_view),
		format('SELECT %s || ''#'' || row_number() OVER (PARTITION BY %s ORDER BY %s::text), %s FROM %s x',
		       exact, exact, floats, floats, local_view));
END $$;

-- The views that differ, by name (workspace_freshness holds only times and counts of waiting changes).
CREATE FUNCTION pg_temp.views_differing() RETURNS text LANGUAGE sql AS $$
	SELECT coalesce(string_agg(c.relname, ', ' ORDER BY c.relname), '')
	FROM pg_class c
	WHERE c.relnamespace = 'lws'::regnamespace AND c.relkind = 'v' AND c.relname <> 'workspace_freshness'
	  AND NOT pg_temp.view_matches(format('cws.%I', c.relname)::regclass, format('lws.%I', c.relname)::regclass)
$$;

-- What cannot be distributed is refused, and nothing changes.
CREATE ROLE regress_cx_citus_other LOGIN;
GRANT USAGE ON SCHEMA cws TO regress_cx_citus_other;
GRANT EXECUTE ON FUNCTION cx.distribute_workspace(name) TO regress_cx_citus_other;
SET ROLE regress_cx_citus_other;
SELECT pg_temp.tap(pg_temp.error_of($$SELECT cx.distribute_workspace('cws')$$)
	= 'must own schema cws to distribute its workspace', 'cx.distribute_workspace: only the schema''s owner (42501)');
RESET ROLE;
ALTER TABLE cws.journeys ENABLE ROW LEVEL SECURITY;
SELECT pg_temp.tap(pg_temp.error_of($$SELECT cx.distribute_workspace('cws')$$)
	= 'cannot distribute workspace cws: row-level security is enabled on journeys',
	'a workspace whose tables have row-level security is not distributed (0A000: Citus runs no policy with a subquery)');
ALTER TABLE cws.journeys DISABLE ROW LEVEL SECURITY;
INSERT INTO cws.survey_answers (provider, service, item, answer)
SELECT provider, service, 'satisfaction', 4 FROM cws.services LIMIT 1;
SELECT pg_temp.tap(pg_temp.error_of($$SELECT cx.distribute_workspace('cws')$$)
	= 'cannot distribute workspace cws: some answers have no journey_id',
	'answers without a journey id are refused (0A000), nothing lost');
DELETE FROM cws.survey_answers WHERE journey_id IS NULL;
SELECT pg_temp.tap(NOT cx.workspace_distributed('cws') AND NOT EXISTS (SELECT FROM pg_dist_partition WHERE logicalrelid::text LIKE 'cws.%'),
	'after the refusals the workspace is still local');
SELECT pg_temp.tap(pg_temp.error_of($$SELECT cx.distribute_workspace('')$$) = 'schema name must not be empty'
	AND pg_temp.error_of($$SELECT cx.distribute_workspace(NULL)$$) = 'schema must not be NULL'
	AND NOT cx.workspace_distributed('') AND cx.workspace_distributed(NULL) IS NULL,
	'an empty schema name (22023) and NULL (22004) are refused');
SELECT pg_temp.tap(pg_temp.error_of($$SELECT cx.distribute_workspace('nowhere')$$)
	= 'schema nowhere holds no workspace with rollups', 'a schema without a workspace: 42P01');

SET search_path = evil, pg_catalog, public;
SELECT cx.distribute_workspace('cws');
RESET search_path;
SELECT pg_temp.tap(cx.workspace_distributed('cws') AND NOT cx.workspace_distributed('lws'),
	'cx.distribute_workspace distributes a filled workspace (evil first on search_path)');
SELECT pg_temp.tap(
	(SELECT array_agg(c.relname::text ORDER BY c.relname) FROM pg_dist_partition p JOIN pg_class c ON c.oid = p.logicalrelid
	 WHERE c.relnamespace = 'cws'::regnamespace AND p.partmethod = 'h'
	   AND p.colocationid = (SELECT colocationid FROM pg_dist_partition WHERE logicalrelid = 'cws.journeys'::regclass)
	   AND column_to_column_name(p.logicalrelid, p.partkey) = 'journey_id')
	= ARRAY['journeys', 'rollup_journeys', 'survey_answers', 'touchpoints', 'value_answers']
	AND (SELECT count(*) FROM pg_dist_partition p JOIN pg_class c ON c.oid = p.logicalrelid
	     WHERE c.relnamespace = 'cws'::regnamespace AND p.partmethod = 'n') = 15
	AND NOT EXISTS (SELECT FROM pg_class c WHERE c.relnamespace = 'cws'::regnamespace AND c.relkind = 'r'
	                AND NOT EXISTS (SELECT FROM pg_dist_partition p WHERE p.logicalrelid = c.oid)),
	'journeys, touchpoints, answers and journey rollups are distributed by journey id, co-located; the other 15 tables are reference tables');
SELECT pg_temp.tap(
	(SELECT array_agg(conname || ' ' || replace(pg_get_constraintdef(k.oid), 'cws.', 'ws.') ORDER BY conname)
	 FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid	-- (pg_class hides the shards)
	 WHERE k.contype = 'f' AND c.relnamespace = 'cws'::regnamespace)
	= (SELECT array_agg(conname || ' ' || replace(CASE WHEN pg_get_constraintdef(k.oid) ~ '\(provider, service, journey_id\) REF'
	                                                  THEN replace(pg_get_constraintdef(k.oid), ' ON UPDATE CASCADE', '')
	                                                  ELSE pg_get_constraintdef(k.oid) END, 'lws.', 'ws.') ORDER BY conname)
	   FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
	   WHERE k.contype = 'f' AND c.relnamespace = 'lws'::regnamespace),
	'every foreign key of the workspace is kept (those between tables kept by journey without ON UPDATE CASCADE, which Citus refuses)');
SELECT pg_temp.tap(NOT EXISTS (SELECT FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
                                WHERE c.relnamespace = 'cws'::regnamespace AND NOT t.tgisinternal)
	AND NOT EXISTS (SELECT FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid WHERE c.relnamespace = 'cws'::regnamespace),
	'the distributed workspace has no change-log triggers and no policies (Citus runs neither)');
SELECT pg_temp.tap(pg_temp.views_differing() = '',
	'every view of the distributed workspace equals the single-server one (floats to 1e-12): ' || pg_temp.views_differing());
SELECT pg_temp.tap(cx_test.plan_of('SELECT * FROM cws.journey_summary', true) ~ 'Custom Scan \(Citus Adaptive\)'
	AND cx_test.plan_of('SELECT * FROM cws.journey_summary', true) ~ 'Task Count: 4',
	'journey_summary runs on the workers, shard beside shard');
SELECT pg_temp.tap(pg_temp.error_of($$SELECT cx.distribute_workspace('cws')$$) = 'no error',
	'cx.distribute_workspace a second time has nothing to do');

-- Changes to both: a service's repeat window (first: Citus writes a
-- reference table in a transaction only before parallel writes to
-- shards), new touchpoints, journeys gone, answers changed, new journeys
-- with answers.  The local
-- workspace folds them in from its change log; the distributed one rebuilds.
SET client_min_messages = error;
CREATE TEMP TABLE cx_citus_changes AS SELECT unnest(ARRAY['cws', 'lws']) AS ws;
DO $$
DECLARE
	w text;
BEGIN
	FOR w IN SELECT ws FROM cx_citus_changes LOOP
		EXECUTE format($q$
		UPDATE %1$s.services SET repeat_window = interval '2 days' WHERE service = 'passport';
		INSERT INTO %1$s.touchpoints (provider, service, journey_id, at, stage, channel, score)
		SELECT provider, service, journey_id, at + interval '3 days', 'status enquiry', 'phone', 2
		FROM %1$s.touchpoints WHERE touchpoint_id %% 97 = 0;
		DELETE FROM %1$s.journeys WHERE journey_id IN (SELECT journey_id FROM %1$s.journeys ORDER BY journey_id LIMIT 7);
		UPDATE %1$s.survey_answers SET answer = lo WHERE answer_id %% 13 = 0 AND answer IS NOT NULL;
		UPDATE %1$s.value_answers SET score = hi WHERE answer_id %% 11 = 0;
		INSERT INTO %1$s.journeys (provider, service, journey_id, completed)
		SELECT provider, service, 'late-' || service, true FROM %1$s.services;
		INSERT INTO %1$s.touchpoints (provider, service, journey_id, at, stage, channel, score)
		SELECT provider, service, 'late-' || service, timestamptz '2025-01-02 10:00+00' + k * interval '1 hour', 'step ' || k, 'web', k
		FROM %1$s.services, generate_series(1, 3) AS k;
		INSERT INTO %1$s.survey_answers (provider, service, journey_id, answered_at, item, answer)
		SELECT provider, service, 'late-' || service, timestamptz '2025-01-03 10:00+00', 'satisfaction', 5 FROM %1$s.services;
		$q$, w);
	END LOOP;
END $$;
SET client_min_messages = warning;
SELECT mode AS cws_mode FROM cx.refresh_workspace('cws') \gset
SELECT mode AS lws_mode FROM cx.refresh_workspace('lws') \gset
SELECT pg_temp.tap(:'cws_mode' = 'full' AND :'lws_mode' = 'incremental',
	'cx.refresh_workspace rebuilds a distributed workspace (' || :'cws_mode' || ') and folds in a local one''s changes (' || :'lws_mode' || ')');
SELECT pg_temp.tap(pg_temp.views_differing() = '',
	'after changes and a refresh, every view of the distributed workspace equals the single-server one: ' || pg_temp.views_differing());
SELECT pg_temp.tap((SELECT count(*) FROM cws.workspace_freshness WHERE last_full_refresh_at IS NOT NULL AND changes_waiting = 0) = 4,
	'workspace_freshness of the distributed workspace: every service rebuilt, nothing waiting');
SELECT pg_temp.tap(pg_temp.error_of($$INSERT INTO cws.survey_answers (provider, service, item, answer) VALUES ('cxvalue-synthetic', 'tax', 'ease', 3)$$)
	~ 'without a partition column value|null value in column "journey_id"',
	'the distributed workspace refuses an answer without a journey id');
SELECT pg_temp.tap(pg_temp.error_of($$SELECT cx.refresh_workspace('cws', full => true)$$) = 'no error'
	AND pg_temp.views_differing() = '',
	'a full refresh of the distributed workspace gives the same figures');
DROP OWNED BY regress_cx_citus_other;
DROP ROLE regress_cx_citus_other;
