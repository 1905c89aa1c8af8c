-- cxvalue: customer experience and customer value in SQL.
-- The install script is generated from src/*.sql by the Makefile, in the
-- order it lists them; this part comes first.

\echo Use "CREATE EXTENSION cxvalue" to load this file. \quit

COMMENT ON SCHEMA cx IS 'cxvalue: customer experience and customer value summaries';

-- The schema CREATE EXTENSION makes belongs to the installing superuser;
-- analysts and BI roles need to see into it to call anything.
GRANT USAGE ON SCHEMA cx TO PUBLIC;
