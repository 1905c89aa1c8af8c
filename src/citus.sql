-- Citus: value models on every node, workspaces over the workers.
-- Every function here calls Citus through EXECUTE, so that cxvalue installs
-- and runs where Citus is absent; those that act refuse to run there (0A000).

CREATE FUNCTION cx.citus_coordinator_check(what text)
RETURNS void
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	coordinator boolean;
BEGIN
	IF NOT EXISTS (SELECT FROM pg_catalog.pg_extension WHERE extname OPERATOR(pg_catalog.=) 'citus') THEN
		RAISE EXCEPTION '% needs the citus extension', what
			USING ERRCODE = '0A000',
			      HINT = 'On a single server there is nothing to distribute.';
	END IF;
	EXECUTE 'SELECT pg_catalog.citus_is_coordinator()' INTO coordinator;
	IF NOT coordinator THEN
		RAISE EXCEPTION '% runs on the Citus coordinator', what
			USING ERRCODE = '0A000';
	END IF;
END $$;
COMMENT ON FUNCTION cx.citus_coordinator_check(text) IS
	'Raise 0A000 unless Citus is installed and this node is its coordinator (used by cx.distribute_value_models)';

-- value models on every node

CREATE FUNCTION cx.distribute_value_models()
RETURNS boolean
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
SET client_min_messages = warning	-- not Citus's notices about copying each table
AS $$
DECLARE
	tables regclass[];
	t regclass;
	fk record;
	fks text[] := '{}';
	i int;
BEGIN
	PERFORM cx.citus_coordinator_check('cx.distribute_value_models()');
	-- The model tables are the extension's own tables named value_model*
	-- (views of them need nothing: they read the reference table).
	SELECT pg_catalog.array_agg(c.oid::regclass ORDER BY c.relname)
	INTO tables
	FROM pg_catalog.pg_class c
	JOIN pg_catalog.pg_depend d
	  ON d.classid OPERATOR(pg_catalog.=) 'pg_catalog.pg_class'::regclass
	 AND d.objid OPERATOR(pg_catalog.=) c.oid AND d.deptype OPERATOR(pg_catalog.=) 'e'
	JOIN pg_catalog.pg_extension e ON e.oid OPERATOR(pg_catalog.=) d.refobjid
	 AND e.extname OPERATOR(pg_catalog.=) 'cxvalue'
	WHERE c.relnamespace OPERATOR(pg_catalog.=) 'cx'::regnamespace
	  AND c.relkind OPERATOR(pg_catalog.=) 'r'
	  AND c.relname OPERATOR(pg_catalog.~) '^value_model';
	IF NOT EXISTS (SELECT FROM pg_catalog.unnest(tables) AS u(r)
	               WHERE NOT EXISTS (SELECT FROM pg_catalog.pg_dist_partition p
	                                 WHERE p.logicalrelid OPERATOR(pg_catalog.=) u.r)) THEN
		RETURN false;		-- done before
	END IF;

	-- Since 0.2.0 the models are one table (cx.value_model_dimension is a
	-- view of it).  Should model tables ever reference one another again:
	-- Citus turns a local table that references a new reference table into
	-- a Citus local table, and creating that one's shell on a worker fails
	-- with "relation ... already exists", since CREATE EXTENSION made it
	-- there (Citus skips the shell of an extension's table only on the
	-- create_reference_table path; that is what broke 0.1.0's two tables).
	-- So foreign keys between them come off, each table becomes a
	-- reference table, and the keys go back on.
	FOR fk IN
		SELECT con.conrelid::regclass AS rel, con.conname, pg_catalog.pg_get_constraintdef(con.oid) AS def
		FROM pg_catalog.pg_constraint con
		WHERE con.contype OPERATOR(pg_catalog.=) 'f'
		  AND con.conrelid OPERATOR(pg_catalog.=) ANY (tables::oid[])
		ORDER BY con.conname
	LOOP
		EXECUTE pg_catalog.format('ALTER TABLE %s DROP CONSTRAINT %I', fk.rel, fk.conname);
		fks := fks OPERATOR(pg_catalog.||) ARRAY[fk.rel::text, fk.conname::text, fk.def];
	END LOOP;
	FOREACH t IN ARRAY tables LOOP
		IF NOT EXISTS (SELECT FROM pg_catalog.pg_dist_partition p WHERE p.logicalrelid OPERATOR(pg_catalog.=) t) THEN
			EXECUTE 'SELECT pg_catalog.create_reference_table($1)' USING t;
			EXECUTE 'SELECT pg_catalog.truncate_local_data_after_distributing_table($1)' USING t;
		END IF;
	END LOOP;
	-- The workers' copies (the extension's own tables, which Citus keeps as
	-- the reference tables' shells there) still have the keys: drop them
	-- everywhere, then add them back to every shell and placement.
	i := 1;
	WHILE i OPERATOR(pg_catalog.<) pg_catalog.cardinality(fks) LOOP
		EXECUTE pg_catalog.format('ALTER TABLE %s DROP CONSTRAINT IF EXISTS %I', fks[i], fks[i OPERATOR(pg_catalog.+) 1]);
		EXECUTE pg_catalog.format('ALTER TABLE %s ADD CONSTRAINT %I %s', fks[i], fks[i OPERATOR(pg_catalog.+) 1], fks[i OPERATOR(pg_catalog.+) 2]);
		i := i OPERATOR(pg_catalog.+) 3;
	END LOOP;
	RETURN true;
END $$;
COMMENT ON FUNCTION cx.distribute_value_models() IS
	'On a Citus coordinator: make the value model tables reference tables, so that models defined, redefined or dropped on any node are on every node (nodes added later get them too); true if it did so now, false if done before';

REVOKE EXECUTE ON FUNCTION cx.distribute_value_models() FROM PUBLIC;

-- workspaces on the workers

-- Whether the workspace is on the workers (cx.create_workspace_views and
-- cx.refresh_workspace ask, to leave out what Citus cannot run).
CREATE FUNCTION cx.workspace_distributed(schema name)
RETURNS boolean
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	journeys regclass;
	distributed boolean;
BEGIN
	IF pg_catalog.length(schema::text) OPERATOR(pg_catalog.=) 0 THEN
		RETURN false;
	END IF;
	journeys := pg_catalog.to_regclass(pg_catalog.format('%I.journeys', schema));
	IF pg_catalog.to_regclass('pg_catalog.pg_dist_partition') IS NULL OR journeys IS NULL THEN
		RETURN false;
	END IF;
	EXECUTE 'SELECT EXISTS (SELECT FROM pg_catalog.pg_dist_partition p WHERE p.logicalrelid OPERATOR(pg_catalog.=) $1)'
		INTO distributed USING journeys;
	RETURN distributed;
END $$;
COMMENT ON FUNCTION cx.workspace_distributed(name) IS
	'Whether the workspace in the schema is distributed on Citus (cx.distribute_workspace); false without Citus';

-- Moves a workspace onto the workers: by journey id what is per journey,
-- reference tables for the rest.
CREATE FUNCTION cx.distribute_workspace(schema name)
RETURNS void
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
SET client_min_messages = warning
AS $$
DECLARE
	s text := pg_catalog.quote_ident(schema);
	nsp oid;
	owner oid;
	t text;
	guarded text;
	fk record;
	fks text[] := '{}';
	i int;
	per_journey CONSTANT text[] := ARRAY['journeys', 'touchpoints', 'survey_answers', 'value_answers', 'rollup_journeys'];
	everywhere CONSTANT text[] := ARRAY['services', 'published_scores', 'likelihood_settings', 'coproduction_assessments',
		'changes', 'refresh_state', 'rollup_journey_days', 'rollup_stage_days', 'rollup_transition_days',
		'rollup_loop_days', 'rollup_path_days', 'rollup_channel_days', 'rollup_survey_days', 'rollup_value_days',
		'rollup_quadrant_days'];
BEGIN
	IF schema IS NULL THEN
		RAISE EXCEPTION 'schema must not be NULL' USING ERRCODE = '22004';
	END IF;
	IF pg_catalog.length(schema::text) OPERATOR(pg_catalog.=) 0 THEN
		RAISE EXCEPTION 'schema name must not be empty' USING ERRCODE = '22023';
	END IF;
	PERFORM cx.citus_coordinator_check('cx.distribute_workspace()');
	SELECT n.oid, n.nspowner INTO nsp, owner FROM pg_catalog.pg_namespace n WHERE n.nspname OPERATOR(pg_catalog.=) schema;
	IF nsp IS NOT NULL AND owner OPERATOR(pg_catalog.<>) (SELECT r.oid FROM pg_catalog.pg_roles r
	                                                       WHERE r.rolname OPERATOR(pg_catalog.=) current_user) THEN
		RAISE EXCEPTION 'must own schema % to distribute its workspace', schema USING ERRCODE = '42501';
	END IF;
	IF nsp IS NULL OR pg_catalog.to_regclass(pg_catalog.format('%s.rollup_journeys', s)) IS NULL THEN
		RAISE EXCEPTION 'schema % holds no workspace with rollups', schema USING ERRCODE = '42P01',
			HINT = 'cx.create_workspace() makes one; cx.create_workspace_views() brings a 0.1.0 workspace up to date.';
	END IF;
	IF cx.workspace_distributed(schema) THEN
		RETURN;
	END IF;
	-- The rollups' policies follow the tables' through subqueries, which
	-- Citus cannot run on a shard: a workspace whose tables hide rows cannot
	-- be distributed without the rollups showing them.
	SELECT pg_catalog.string_agg(c.relname::text, ', ' ORDER BY c.relname) INTO guarded
	FROM pg_catalog.pg_class c
	WHERE c.relnamespace OPERATOR(pg_catalog.=) nsp
	  AND c.relname OPERATOR(pg_catalog.=) ANY (ARRAY['services', 'journeys', 'touchpoints', 'survey_answers',
	                                                  'value_answers', 'coproduction_assessments', 'published_scores']::name[])
	  AND c.relrowsecurity;
	IF guarded IS NOT NULL THEN
		RAISE EXCEPTION 'cannot distribute workspace %: row-level security is enabled on %', schema, guarded
			USING ERRCODE = '0A000',
			      DETAIL = 'The rollups follow the tables'' policies through subqueries, and Citus runs no policy with a subquery.',
			      HINT = 'Keep a workspace with row-level security on one server, or one workspace per audience.';
	END IF;
	EXECUTE pg_catalog.format('SELECT 1 FROM %1$s.survey_answers WHERE journey_id IS NULL
		UNION ALL SELECT 1 FROM %1$s.value_answers WHERE journey_id IS NULL LIMIT 1', s) INTO i;
	IF i IS NOT NULL THEN
		RAISE EXCEPTION 'cannot distribute workspace %: some answers have no journey_id', schema
			USING ERRCODE = '0A000',
			      DETAIL = 'Answers are kept beside their journeys, by journey id, and Citus stores no row without one.',
			      HINT = 'Give each answer without a journey one of its own (a journeys row per respondent, say).';
	END IF;

	-- What Citus cannot run: the change log's triggers (a refresh on a
	-- cluster rebuilds, on the workers) and the rollups' policies.
	FOREACH t IN ARRAY ARRAY['services', 'journeys', 'touchpoints', 'survey_answers', 'value_answers', 'coproduction_assessments'] LOOP
		EXECUTE pg_catalog.format('DROP TRIGGER IF EXISTS cx_log_insert ON %1$s.%2$I;
			DROP TRIGGER IF EXISTS cx_log_update ON %1$s.%2$I; DROP TRIGGER IF EXISTS cx_log_delete ON %1$s.%2$I;
			DROP TRIGGER IF EXISTS cx_log_truncate ON %1$s.%2$I', s, t);
	END LOOP;
	EXECUTE pg_catalog.format('DROP FUNCTION IF EXISTS %s.cx_log_changes()', s);
	FOREACH t IN ARRAY everywhere OPERATOR(pg_catalog.||) per_journey LOOP
		EXECUTE pg_catalog.format('DROP POLICY IF EXISTS follows_services ON %1$s.%2$I;
			DROP POLICY IF EXISTS follows_journeys ON %1$s.%2$I;
			ALTER TABLE %1$s.%2$I DISABLE ROW LEVEL SECURITY', s, t);
	END LOOP;

	-- Keys Citus accepts: the journey id in every key of a table kept by
	-- journey, and foreign keys off while the tables move.
	FOR fk IN
		SELECT con.conrelid::regclass AS rel, con.conname, pg_catalog.pg_get_constraintdef(con.oid) AS def
		FROM pg_catalog.pg_constraint con JOIN pg_catalog.pg_class c ON c.oid OPERATOR(pg_catalog.=) con.conrelid
		WHERE con.contype OPERATOR(pg_catalog.=) 'f' AND c.relnamespace OPERATOR(pg_catalog.=) nsp
		ORDER BY con.conname
	LOOP
		EXECUTE pg_catalog.format('ALTER TABLE %s DROP CONSTRAINT %I', fk.rel, fk.conname);
		fks := fks OPERATOR(pg_catalog.||) ARRAY[fk.rel::text, fk.conname::text, fk.def];
	END LOOP;
	EXECUTE pg_catalog.format('ALTER TABLE %1$s.touchpoints DROP CONSTRAINT touchpoints_pkey,
			ADD CONSTRAINT touchpoints_pkey PRIMARY KEY (journey_id, touchpoint_id);
		ALTER TABLE %1$s.survey_answers ALTER journey_id SET NOT NULL, DROP CONSTRAINT survey_answers_pkey,
			ADD CONSTRAINT survey_answers_pkey PRIMARY KEY (journey_id, answer_id);
		ALTER TABLE %1$s.value_answers ALTER journey_id SET NOT NULL, DROP CONSTRAINT value_answers_pkey,
			ADD CONSTRAINT value_answers_pkey PRIMARY KEY (journey_id, answer_id)', s);

	FOREACH t IN ARRAY everywhere LOOP
		EXECUTE 'SELECT pg_catalog.create_reference_table($1)' USING pg_catalog.format('%s.%I', s, t)::regclass;
	END LOOP;
	FOREACH t IN ARRAY per_journey LOOP
		EXECUTE 'SELECT pg_catalog.create_distributed_table($1, ''journey_id'', colocate_with => $2)'
			USING pg_catalog.format('%s.%I', s, t)::regclass,
			      CASE t WHEN 'journeys' THEN 'default' ELSE pg_catalog.format('%s.journeys', s) END;
	END LOOP;
	FOREACH t IN ARRAY everywhere OPERATOR(pg_catalog.||) per_journey LOOP
		EXECUTE 'SELECT pg_catalog.truncate_local_data_after_distributing_table($1)'
			USING pg_catalog.format('%s.%I', s, t)::regclass;
	END LOOP;

	-- The foreign keys back, but ON UPDATE CASCADE between tables kept by
	-- journey: Citus refuses it (it never changes a journey id in place).
	i := 1;
	WHILE i OPERATOR(pg_catalog.<) pg_catalog.cardinality(fks) LOOP
		EXECUTE pg_catalog.format('ALTER TABLE %s ADD CONSTRAINT %I %s', fks[i], fks[i OPERATOR(pg_catalog.+) 1],
			CASE WHEN fks[i OPERATOR(pg_catalog.+) 2] OPERATOR(pg_catalog.~~) '%journey_id%'
			     THEN pg_catalog.replace(fks[i OPERATOR(pg_catalog.+) 2], ' ON UPDATE CASCADE', '')
			     ELSE fks[i OPERATOR(pg_catalog.+) 2] END);
		i := i OPERATOR(pg_catalog.+) 3;
	END LOOP;
	PERFORM cx.create_workspace_views(schema);
END $$;
COMMENT ON FUNCTION cx.distribute_workspace(name) IS
	'On a Citus coordinator: distributes the workspace in the schema (its owner''s), its tables and figures kept per journey by journey id, co-located, the others reference tables; a refresh then rebuilds on the workers';
