
-- Value models move from two tables (a model and its dimensions, joined by
-- a foreign key that parallel pg_restore could not order, writable by any
-- role granted DML) into one table written only through the functions
-- (src/value_model.sql, recreated whole after this file).  User models are
-- kept in a temporary table meanwhile (temporary objects never become
-- members of the extension) and come back in upgrade/after/05; the role
-- running the update owns them, since 0.1.0 recorded no owner.
CREATE TEMPORARY TABLE cx_upgrade_user_models ON COMMIT DROP AS
SELECT m.name, m.description, m.source,
       pg_catalog.array_agg(d.role ORDER BY d.ctid) AS roles,
       pg_catalog.array_agg(d.dimension ORDER BY d.ctid) AS dimensions,
       pg_catalog.array_agg(d.weight ORDER BY d.ctid) AS weights
FROM cx.value_model m
JOIN cx.value_model_dimension d ON d.model OPERATOR(pg_catalog.=) m.name
WHERE NOT m.builtin
GROUP BY m.name, m.description, m.source;

ALTER EXTENSION cxvalue DROP TABLE cx.value_model_dimension;
ALTER EXTENSION cxvalue DROP TABLE cx.value_model;
DROP TABLE cx.value_model_dimension;
DROP TABLE cx.value_model;
DROP FUNCTION cx.define_value_model(text, text[], text[], float8[], text);
DROP FUNCTION cx.define_value_model(text, jsonb, text);
DROP FUNCTION cx.drop_value_model(text);
