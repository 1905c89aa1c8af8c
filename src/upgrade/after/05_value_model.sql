
-- The user models of 0.1.0 (saved by upgrade/05_value_model.sql), their
-- weights brought into the bounds 0.2.0 sets (0.1.0 took any positive
-- finite weight; 1e308 made figures overflow).
INSERT INTO cx.value_model (name, description, source, owner, roles, dimensions, weights)
SELECT u.name, u.description, u.source, CURRENT_USER, u.roles, u.dimensions,
       ARRAY(SELECT LEAST(GREATEST(w.w, 0.000001::float8), 1000000::float8)
             FROM pg_catalog.unnest(u.weights) WITH ORDINALITY AS w(w, i) ORDER BY w.i)
FROM pg_temp.cx_upgrade_user_models u;
DROP TABLE pg_temp.cx_upgrade_user_models;
