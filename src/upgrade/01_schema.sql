
-- The extension owns its schema (see src/cxvalue.sql).  0.1.0 let
-- CREATE EXTENSION make cx as the extension's schema, outside the
-- extension; 0.2.0 names pg_catalog instead and makes cx a member, so that
-- an updated database dumps, restores and drops like a fresh install.
-- ALTER EXTENSION has no way to change an extension's schema, so the
-- catalog row is changed here, with the dependency it implies.
DO $$
DECLARE
	ext oid := (SELECT e.oid FROM pg_catalog.pg_extension e
	            WHERE e.extname OPERATOR(pg_catalog.=) 'cxvalue');
BEGIN
	DELETE FROM pg_catalog.pg_depend d
	WHERE d.classid OPERATOR(pg_catalog.=) 'pg_catalog.pg_extension'::pg_catalog.regclass
	  AND d.objid OPERATOR(pg_catalog.=) ext
	  AND d.refclassid OPERATOR(pg_catalog.=) 'pg_catalog.pg_namespace'::pg_catalog.regclass
	  AND d.refobjid OPERATOR(pg_catalog.=) 'cx'::pg_catalog.regnamespace;
	UPDATE pg_catalog.pg_extension e
	SET extnamespace = 'pg_catalog'::pg_catalog.regnamespace
	WHERE e.oid OPERATOR(pg_catalog.=) ext;
END $$;
ALTER EXTENSION cxvalue ADD SCHEMA cx;
