-- The upgrade path: install the oldest released version, update step by
-- step to the current one, and compare every object with a fresh install.
-- Add each release to the chain below when it ships.
CREATE DATABASE cx_upgrade_path;
CREATE DATABASE cx_upgrade_fresh;

\c cx_upgrade_path
CREATE EXTENSION cxvalue VERSION '0.1.0';
ALTER EXTENSION cxvalue UPDATE;
SELECT extversion FROM pg_extension WHERE extname = 'cxvalue';
\set prefix updated_
\i test/sql/extension_objects.sql

\c cx_upgrade_fresh
CREATE EXTENSION cxvalue;
\set prefix fresh_
\i test/sql/extension_objects.sql

SELECT :'updated_objects' = :'fresh_objects' AS same_objects, :updated_objects > 0 AS has_objects,
       :'updated_digest' = :'fresh_digest' AS same_definitions;

\c postgres
DROP DATABASE cx_upgrade_path;
DROP DATABASE cx_upgrade_fresh;
