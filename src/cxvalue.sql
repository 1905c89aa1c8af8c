-- cxvalue: customer experience and customer value in SQL.
-- The install script is generated from src/*.sql by the Makefile, in the
-- order it lists them; this part comes first.

\echo Use "CREATE EXTENSION cxvalue" to load this file. \quit

-- The control file names pg_catalog as the extension's schema, so this
-- script runs with search_path = pg_catalog and nothing a user planted can
-- capture a name.  The extension then creates cx itself and owns it: a
-- schema cx that already exists is someone else's, and its objects would
-- bind in place of ours, so it is refused.
DO $$
BEGIN
	IF EXISTS (SELECT FROM pg_catalog.pg_namespace WHERE nspname OPERATOR(pg_catalog.=) 'cx') THEN
		RAISE EXCEPTION 'cxvalue cannot be installed: schema "cx" already exists'
			USING ERRCODE = '42P06',
			      DETAIL = 'cxvalue creates and owns the schema cx; objects in a schema it did not create could capture the names its script binds.',
			      HINT = 'Drop or rename the existing schema cx (ALTER SCHEMA cx RENAME TO ...), then run CREATE EXTENSION cxvalue again.';
	END IF;
END $$;

CREATE SCHEMA cx;
COMMENT ON SCHEMA cx IS 'cxvalue: customer experience and customer value summaries';

-- The schema belongs to the installing superuser; analysts and BI roles
-- need to see into it to call anything.
GRANT USAGE ON SCHEMA cx TO PUBLIC;
