-- Citus: value models on every node, and workspaces that distribute.
-- Every function here calls Citus through EXECUTE, so that cxvalue installs
-- and runs where Citus is absent; they refuse to run there (0A000).

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
	'Raise 0A000 unless Citus is installed and this node is its coordinator (used by cx.distribute_value_models and cx.distribute_workspace)';

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

-- workspaces that distribute

CREATE FUNCTION cx.distribute_workspace(schema name)
RETURNS TABLE (table_name regclass, distribution text)
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
SET client_min_messages = warning	-- not Citus's notices about copying each table
AS $$
DECLARE
	nsp oid;
	anchor regclass;
	t record;
	k record;
	fk record;
	fks text[] := '{}';
	journey_col int2;
	cols text;
	i int;
BEGIN
	PERFORM cx.citus_coordinator_check('cx.distribute_workspace()');
	IF schema IS NULL THEN
		RAISE EXCEPTION 'schema must not be NULL' USING ERRCODE = '22004';
	END IF;
	SELECT n.oid INTO nsp FROM pg_catalog.pg_namespace n WHERE n.nspname OPERATOR(pg_catalog.=) schema;
	anchor := pg_catalog.to_regclass(pg_catalog.format('%I.journeys', schema));
	IF nsp IS NULL OR anchor IS NULL
	   OR pg_catalog.to_regclass(pg_catalog.format('%I.touchpoints', schema)) IS NULL THEN
		RAISE EXCEPTION 'schema % holds no workspace', schema
			USING ERRCODE = '42P01', HINT = 'cx.create_workspace() makes one.';
	END IF;
	IF EXISTS (SELECT FROM pg_catalog.pg_dist_partition p WHERE p.logicalrelid OPERATOR(pg_catalog.=) anchor) THEN
		RAISE EXCEPTION 'workspace % is distributed already', schema USING ERRCODE = '55000';
	END IF;

	-- Foreign keys are checked on one connection per node.
	PERFORM pg_catalog.set_config('citus.multi_shard_modify_mode', 'sequential', true);
	-- Services name their value model; figures pushed down read it on the
	-- workers.  Making the model table a reference table takes its owner.
	IF NOT EXISTS (SELECT FROM pg_catalog.pg_dist_partition p
	               WHERE p.logicalrelid OPERATOR(pg_catalog.=) 'cx.value_model'::regclass) THEN
		IF pg_catalog.pg_has_role((SELECT c.relowner FROM pg_catalog.pg_class c
		                           WHERE c.oid OPERATOR(pg_catalog.=) 'cx.value_model'::regclass), 'USAGE') THEN
			PERFORM cx.distribute_value_models();
		ELSE
			RAISE WARNING 'the value models are not on the workers yet'
				USING HINT = 'The owner of cx.value_model (who installed cxvalue) runs SELECT cx.distribute_value_models(); once.';
		END IF;
	END IF;

	-- Every table of the schema: by journey id, co-located with journeys,
	-- where it has a journey id; a reference table (a copy on every node)
	-- where it has none (services, co-production assessments, published
	-- scores, small lookups).  Journeys come first: the others co-locate.
	CREATE TEMP TABLE IF NOT EXISTS cx_distribute_plan (rel regclass, how text, ord int) ON COMMIT DROP;
	TRUNCATE cx_distribute_plan;
	INSERT INTO cx_distribute_plan
	SELECT c.oid::regclass,
	       CASE WHEN a.attnum IS NULL THEN 'reference' ELSE 'journey_id' END,
	       CASE WHEN c.oid OPERATOR(pg_catalog.=) anchor THEN 0 WHEN a.attnum IS NULL THEN 2 ELSE 1 END
	FROM pg_catalog.pg_class c
	LEFT JOIN pg_catalog.pg_attribute a
	  ON a.attrelid OPERATOR(pg_catalog.=) c.oid AND a.attname OPERATOR(pg_catalog.=) 'journey_id'
	 AND NOT a.attisdropped
	WHERE c.relnamespace OPERATOR(pg_catalog.=) nsp AND c.relkind OPERATOR(pg_catalog.=) 'r'
	  AND NOT EXISTS (SELECT FROM pg_catalog.pg_dist_partition p WHERE p.logicalrelid OPERATOR(pg_catalog.=) c.oid);

	-- A row needs a journey id to have a shard: answers that belong to no
	-- journey cannot be distributed by it.
	FOR t IN SELECT rel FROM cx_distribute_plan WHERE how OPERATOR(pg_catalog.=) 'journey_id' LOOP
		EXECUTE pg_catalog.format('SELECT pg_catalog.count(*) FROM %s WHERE journey_id IS NULL', t.rel) INTO i;
		IF i OPERATOR(pg_catalog.>) 0 THEN
			RAISE EXCEPTION 'cannot distribute workspace %: % rows of % have no journey_id', schema, i, t.rel
				USING ERRCODE = '23502',
				      HINT = 'Every row of a distributed workspace belongs to a journey: give those rows one (a journey per respondent, say) or delete them.';
		END IF;
		EXECUTE pg_catalog.format('ALTER TABLE %s ALTER COLUMN journey_id SET NOT NULL', t.rel);
	END LOOP;

	-- Foreign keys off, to be put back once every table is in place (Citus
	-- would otherwise turn the referencing tables into Citus local tables).
	FOR fk IN
		SELECT con.conrelid::regclass AS rel, con.conname, pg_catalog.pg_get_constraintdef(con.oid) AS def
		FROM pg_catalog.pg_constraint con
		WHERE con.contype OPERATOR(pg_catalog.=) 'f'
		  AND con.conrelid OPERATOR(pg_catalog.=) ANY (SELECT rel FROM cx_distribute_plan)
		ORDER BY con.conrelid, con.conname
	LOOP
		EXECUTE pg_catalog.format('ALTER TABLE %s DROP CONSTRAINT %I', fk.rel, fk.conname);
		fks := fks OPERATOR(pg_catalog.||) ARRAY[fk.rel::text, fk.conname::text, fk.def];
	END LOOP;

	-- Keys of a distributed table must hold the distribution column:
	-- (touchpoint_id) becomes (journey_id, touchpoint_id), and so on.
	FOR k IN
		SELECT con.conrelid::regclass AS rel, con.conname, con.contype, con.conkey,
		       (SELECT a.attnum FROM pg_catalog.pg_attribute a
		        WHERE a.attrelid OPERATOR(pg_catalog.=) con.conrelid
		          AND a.attname OPERATOR(pg_catalog.=) 'journey_id') AS journey_col
		FROM pg_catalog.pg_constraint con
		JOIN cx_distribute_plan p ON p.rel OPERATOR(pg_catalog.=) con.conrelid
		WHERE p.how OPERATOR(pg_catalog.=) 'journey_id' AND con.contype OPERATOR(pg_catalog.=) ANY ('{p,u}'::"char"[])
	LOOP
		CONTINUE WHEN k.journey_col OPERATOR(pg_catalog.=) ANY (k.conkey);
		SELECT pg_catalog.string_agg(pg_catalog.quote_ident(a.attname::text), ', ' ORDER BY u.o)
		INTO cols
		FROM pg_catalog.unnest(k.conkey) WITH ORDINALITY AS u(attnum, o)
		JOIN pg_catalog.pg_attribute a ON a.attrelid OPERATOR(pg_catalog.=) k.rel::oid
		 AND a.attnum OPERATOR(pg_catalog.=) u.attnum;
		EXECUTE pg_catalog.format('ALTER TABLE %s DROP CONSTRAINT %I, ADD CONSTRAINT %I %s (journey_id, %s)',
								  k.rel, k.conname, k.conname,
								  CASE WHEN k.contype OPERATOR(pg_catalog.=) 'p' THEN 'PRIMARY KEY' ELSE 'UNIQUE' END, cols);
	END LOOP;

	FOR t IN SELECT rel, how FROM cx_distribute_plan ORDER BY ord, rel::text LOOP
		IF t.how OPERATOR(pg_catalog.=) 'reference' THEN
			EXECUTE 'SELECT pg_catalog.create_reference_table($1)' USING t.rel;
		ELSIF t.rel OPERATOR(pg_catalog.=) anchor THEN
			EXECUTE 'SELECT pg_catalog.create_distributed_table($1, ''journey_id'')' USING t.rel;
		ELSE
			EXECUTE 'SELECT pg_catalog.create_distributed_table($1, ''journey_id'', colocate_with => $2)'
				USING t.rel, anchor::text;
		END IF;
		EXECUTE 'SELECT pg_catalog.truncate_local_data_after_distributing_table($1)' USING t.rel;
	END LOOP;

	-- The foreign keys back.  Citus refuses ON UPDATE CASCADE (and SET
	-- NULL / SET DEFAULT) from a distributed table: changing a key then
	-- fails instead of cascading; ON DELETE CASCADE stays.
	i := 1;
	WHILE i OPERATOR(pg_catalog.<) pg_catalog.cardinality(fks) LOOP
		EXECUTE pg_catalog.format('ALTER TABLE %s ADD CONSTRAINT %I %s', fks[i], fks[i OPERATOR(pg_catalog.+) 1],
								  pg_catalog.regexp_replace(fks[i OPERATOR(pg_catalog.+) 2], ' ON UPDATE (CASCADE|SET NULL|SET DEFAULT)', ''));
		i := i OPERATOR(pg_catalog.+) 3;
	END LOOP;

	RETURN QUERY SELECT p.rel, CASE WHEN p.how OPERATOR(pg_catalog.=) 'reference' THEN 'reference table'
	                                ELSE 'distributed by journey_id' END
	             FROM cx_distribute_plan p ORDER BY p.ord, p.rel::text;
END $$;
COMMENT ON FUNCTION cx.distribute_workspace(name) IS
	'On a Citus coordinator: distribute a workspace''s tables by journey id (co-located with journeys; keys gain journey_id first), make those without a journey id reference tables, keep the foreign keys (ON UPDATE actions dropped) and the views, and make the value models reference tables; returns what it did with each table';

REVOKE EXECUTE ON FUNCTION cx.distribute_value_models() FROM PUBLIC;
