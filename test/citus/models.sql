-- Value models on the cluster, run on the coordinator after checks.sql
-- (whose pg_temp helpers it uses, in the same session).
-- The schema evil of the install security test, on the coordinator only:
-- the distributing functions run with it first on search_path.
SET client_min_messages = error;
SET citus.enable_ddl_propagation = off;
\i :evil
RESET citus.enable_ddl_propagation;
SET client_min_messages = warning;

SET search_path = evil, pg_catalog, public;
SELECT cx.distribute_value_models() AS distributed \gset
RESET search_path;
SELECT pg_temp.tap(:'distributed', 'cx.distribute_value_models() makes the model table a reference table (evil first on search_path)');
SELECT pg_temp.tap(NOT cx.distribute_value_models(), 'cx.distribute_value_models() a second time has nothing to do');
SELECT pg_temp.tap(
	(SELECT pg_catalog.array_agg(logicalrelid::text || ':' || partmethod::text ORDER BY logicalrelid::text)
	 FROM pg_dist_partition WHERE logicalrelid::text LIKE 'cx.%')
	= ARRAY['cx.value_model:n'],
	'the model table is a reference table, nothing else of cx is distributed');

SET client_min_messages = error;
-- What each worker has of a model, as text ('' for none).
CREATE FUNCTION pg_temp.on_workers(model text) RETURNS text[] LANGUAGE sql AS $$
	SELECT array_agg(coalesce(result, '') ORDER BY nodeport)
	FROM run_command_on_workers(format(
		$q$SELECT string_agg(role || ':' || dimension || ':' || weight, ',' ORDER BY role, dimension)
		   FROM cx.value_model_dimension WHERE model = %L$q$, model))
$$;
CREATE FUNCTION pg_temp.index_by_journey(schema text, model text) RETURNS text LANGUAGE sql AS $$
	SELECT format('SELECT journey_id, ARRAY[cx.value_index(v, %2$L), cx.benefits(v, %2$L), cx.sacrifices(v, %2$L), cx.value_ratio(v, %2$L)]
	               FROM (SELECT journey_id, cx.value_agg(dimension, score, 1, 7) AS v FROM %1$I.value_answers GROUP BY journey_id) x',
	              schema, model)
$$;

SET client_min_messages = warning;

SELECT pg_temp.tap(pg_temp.mode_of(replace(pg_temp.index_by_journey('spread', 'get-give'), 'ARRAY[', 'ARRAY[0, ')) = 'pushed down whole',
	'per-journey value figures are computed on the workers (pushed down whole)');
SELECT pg_temp.tap(pg_temp.figures_match(pg_temp.index_by_journey('spread', 'get-give'), pg_temp.index_by_journey('public', 'get-give')),
	'built-in models read on the workers give the single-node figures');

SELECT cx.define_value_model('digital-first', '{"benefit": {"convenience": 2, "functional": 1, "emotional": 0.5}, "sacrifice": ["time", "effort"]}') \g /dev/null
SELECT pg_temp.tap(pg_temp.on_workers('digital-first')
	= ARRAY['benefit:convenience:2,benefit:emotional:0.5,benefit:functional:1,sacrifice:effort:1,sacrifice:time:1',
	        'benefit:convenience:2,benefit:emotional:0.5,benefit:functional:1,sacrifice:effort:1,sacrifice:time:1'],
	'a model defined on the coordinator is on both workers');
SELECT pg_temp.tap(pg_temp.figures_match(pg_temp.index_by_journey('spread', 'digital-first'), pg_temp.index_by_journey('public', 'digital-first')),
	'per-journey figures of a user model, computed on the workers, equal the single-node ones');

SELECT cx.define_value_model('digital-first', ARRAY['functional', 'money'], ARRAY['benefit', 'sacrifice'], ARRAY[3, 2]::float8[]) \g /dev/null
SELECT pg_temp.tap(pg_temp.on_workers('digital-first') = ARRAY['benefit:functional:3,sacrifice:money:2', 'benefit:functional:3,sacrifice:money:2'],
	'a model redefined on the coordinator is redefined on both workers');
SELECT pg_temp.tap(pg_temp.figures_match(pg_temp.index_by_journey('spread', 'digital-first'), pg_temp.index_by_journey('public', 'digital-first')),
	'per-journey figures of the redefined model, on the workers, equal the single-node ones');

BEGIN;
SELECT cx.define_value_model('rolled-back', '{"benefit": "functional"}') \g /dev/null
ROLLBACK;
SELECT pg_temp.tap(pg_temp.on_workers('rolled-back') = ARRAY['', ''],
	'a model defined in a transaction that rolls back reaches no worker');

SELECT cx.drop_value_model('digital-first') \g /dev/null
SELECT pg_temp.tap(pg_temp.on_workers('digital-first') = ARRAY['', ''],
	'a model dropped on the coordinator is gone from both workers');
SELECT pg_temp.tap(pg_temp.error_of(pg_temp.index_by_journey('spread', 'digital-first')) = 'value model "digital-first" does not exist',
	'a pushed-down query naming the dropped model fails on the workers');

-- Built-in models stay immutable, on the coordinator and on the workers.
SELECT pg_temp.tap(pg_temp.error_of($$SELECT cx.define_value_model('get-give', '{"benefit": "functional"}')$$)
	= 'value model "get-give" is built in and cannot be redefined',
	'a built-in model cannot be redefined on the coordinator');
SELECT pg_temp.tap(pg_temp.error_of($$SELECT cx.drop_value_model('osborne')$$)
	= 'value model "osborne" is built in and cannot be dropped',
	'a built-in model cannot be dropped on the coordinator');
SELECT pg_temp.tap(
	(SELECT bool_and(NOT success AND result = 'ERROR:  value model "osborne" is built in and cannot be dropped')
	 FROM run_command_on_workers($$SELECT cx.drop_value_model('osborne')$$))
	AND (SELECT bool_and(NOT success AND result = 'ERROR:  value model "get-give" is built in and cannot be redefined')
	     FROM run_command_on_workers($$SELECT cx.define_value_model('get-give', '{"benefit": "functional"}')$$)),
	'a built-in model cannot be redefined or dropped on a worker');
SELECT pg_temp.tap(pg_temp.on_workers('osborne') = ARRAY['benefit:capacity:1,benefit:welfare:1,benefit:wellbeing:1',
                                                        'benefit:capacity:1,benefit:welfare:1,benefit:wellbeing:1'],
	'the built-in models are intact on both workers');
