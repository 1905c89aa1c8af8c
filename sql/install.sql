-- Installing: the version, the schema the extension creates and owns, and
-- the refusal of a schema cx that someone else created.
CREATE DATABASE cx_install;
\c cx_install
CREATE SCHEMA cx;
-- PostgreSQL 18 adds the script's line to the context: not shown.
\set SHOW_CONTEXT never
CREATE EXTENSION cxvalue;
\set SHOW_CONTEXT errors
DROP SCHEMA cx;
CREATE EXTENSION cxvalue;
SELECT e.extversion, e.extnamespace::regnamespace AS extension_schema,
       n.nspowner::regrole AS cx_owner,
       pg_describe_object(d.classid, d.objid, 0) AS member
FROM pg_extension e
JOIN pg_namespace n ON n.nspname = 'cx'
JOIN pg_depend d ON d.objid = n.oid AND d.refobjid = e.oid AND d.deptype = 'e'
WHERE e.extname = 'cxvalue';
\c postgres
DROP DATABASE cx_install;
