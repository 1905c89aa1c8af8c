-- Without Citus the distributing functions refuse (0A000), and nothing
-- else changes; test/scripts/citus.sh tests them on a cluster.
\set SHOW_CONTEXT never
SELECT cx.distribute_value_models();
\set VERBOSITY sqlstate
SELECT cx.distribute_value_models();
SELECT cx.citus_coordinator_check('a test');
SELECT cx.distribute_workspace('cx_citus_ws');
\set VERBOSITY default
-- no workspace is distributed without Citus
SELECT cx.workspace_distributed('cx_citus_ws'), cx.workspace_distributed('');
-- a model lookup outside Citus is unaffected by the Citus guard
SELECT round(cx.value_index(cx.customer_value(ARRAY['functional', 'time'], ARRAY[5, 2], 1, 5))::numeric, 4);
-- only the owner of the model table makes it a reference table; a
-- workspace's owner distributes it
SELECT p.proname, pg_catalog.has_function_privilege('public', p.oid, 'EXECUTE') AS public_may
FROM pg_proc p WHERE p.pronamespace = 'cx'::regnamespace AND p.proname ~ '^(distribute|citus)'
ORDER BY 1;
