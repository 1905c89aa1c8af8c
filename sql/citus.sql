-- Without Citus the distributing function refuses (0A000), and nothing
-- else changes; test/scripts/citus.sh tests it on a cluster.
\set SHOW_CONTEXT never
SELECT cx.distribute_value_models();
\set VERBOSITY sqlstate
SELECT cx.distribute_value_models();
SELECT cx.citus_coordinator_check('a test');
\set VERBOSITY default
-- a model lookup outside Citus is unaffected by the Citus guard
SELECT round(cx.value_index(cx.customer_value(ARRAY['functional', 'time'], ARRAY[5, 2], 1, 5))::numeric, 4);
-- only the owner of the model table makes it a reference table
SELECT p.proname, pg_catalog.has_function_privilege('public', p.oid, 'EXECUTE') AS public_may
FROM pg_proc p WHERE p.pronamespace = 'cx'::regnamespace AND p.proname ~ '^(distribute|citus)'
ORDER BY 1;
