-- cxvalue: customer experience and customer value in SQL.
-- The install script is generated from src/*.sql by the Makefile, in the
-- order it lists them; this part comes first.

\echo Use "CREATE EXTENSION cxvalue" to load this file. \quit

COMMENT ON SCHEMA cx IS 'cxvalue: customer experience and customer value summaries';
