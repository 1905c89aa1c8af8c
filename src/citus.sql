-- Citus: value models on every node.
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
