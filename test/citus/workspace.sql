-- A workspace distributed with cx.distribute_workspace, against the same
-- rows in a workspace left on the coordinator.  Run after models.sql, in
-- the same session (pg_temp helpers); test/data/synthetic.sql is loaded.
SET client_min_messages = error;
SELECT cx.create_workspace('wsd') \g /dev/null
SELECT cx.create_workspace('wsl') \g /dev/null
SELECT cx_synthetic('wsd', 600, 16) \g /dev/null
SELECT cx_synthetic('wsl', 600, 16) \g /dev/null
SET client_min_messages = warning;
-- BI tools run with Citus's defaults (views with medians gather rows).
RESET citus.coordinator_aggregation_strategy;

SELECT pg_temp.tap(pg_temp.error_of($$SELECT cx.distribute_workspace('nowhere')$$) = 'schema nowhere holds no workspace',
	'cx.distribute_workspace refuses a schema without a workspace');
SET client_min_messages = error;
SELECT cx.create_workspace('wsn') \g /dev/null
SET client_min_messages = warning;
INSERT INTO wsn.services (provider, service, name) VALUES ('p', 's', 'S');
INSERT INTO wsn.survey_answers (provider, service, item, answer) VALUES ('p', 's', 'satisfaction', 4);
SELECT pg_temp.tap(pg_temp.error_of($$SELECT cx.distribute_workspace('wsn')$$)
	= 'cannot distribute workspace wsn: 1 rows of wsn.survey_answers have no journey_id'
	AND NOT EXISTS (SELECT FROM pg_dist_partition WHERE logicalrelid::text LIKE 'wsn.%')
	AND (SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND connamespace = 'wsn'::regnamespace) = 8,
	'answers without a journey make cx.distribute_workspace fail before it changes anything');

SET search_path = evil, pg_catalog, public;
CREATE TEMP TABLE distributed AS SELECT table_name::text, distribution FROM cx.distribute_workspace('wsd');
RESET search_path;
SELECT pg_temp.tap(
	(SELECT array_agg(table_name || ': ' || distribution ORDER BY table_name) FROM distributed)
	@> ARRAY['wsd.coproduction_assessments: reference table', 'wsd.journeys: distributed by journey_id',
	         'wsd.published_scores: reference table', 'wsd.services: reference table',
	         'wsd.survey_answers: distributed by journey_id', 'wsd.touchpoints: distributed by journey_id',
	         'wsd.value_answers: distributed by journey_id'],
	'cx.distribute_workspace (evil first on search_path) distributes journeys, touchpoints and answers by journey id and makes the rest reference tables: '
	|| (SELECT string_agg(table_name || ' ' || distribution, ', ' ORDER BY table_name) FROM distributed));
SELECT pg_temp.tap(
	(SELECT count(DISTINCT colocationid) FROM pg_dist_partition
	 WHERE logicalrelid::text IN ('wsd.journeys', 'wsd.touchpoints', 'wsd.survey_answers', 'wsd.value_answers')) = 1,
	'the journey tables are co-located');
SELECT pg_temp.tap(pg_temp.error_of($$SELECT cx.distribute_workspace('wsd')$$) = 'workspace wsd is distributed already',
	'a workspace is distributed once');
SELECT pg_temp.tap(
	(SELECT array_agg(conrelid::regclass::text || ' ' || pg_get_constraintdef(oid) ORDER BY conrelid::regclass::text, conname)
	 FROM pg_constraint WHERE contype = 'f' AND connamespace = 'wsd'::regnamespace
	   AND conrelid IN (SELECT logicalrelid FROM pg_dist_partition))
	= (SELECT array_agg(replace(conrelid::regclass::text, 'wsl.', 'wsd.') || ' '
	                    || replace(replace(pg_get_constraintdef(oid), ' ON UPDATE CASCADE', ''), 'wsl.', 'wsd.')
	                    ORDER BY conrelid::regclass::text, conname)
	   FROM pg_constraint WHERE contype = 'f' AND connamespace = 'wsl'::regnamespace),
	'every foreign key is kept, with ON DELETE CASCADE and without ON UPDATE CASCADE');
SELECT pg_temp.tap(
	(SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'wsd.touchpoints'::regclass AND contype = 'p')
	= 'PRIMARY KEY (journey_id, touchpoint_id)',
	'touchpoints are keyed on (journey_id, touchpoint_id)');
SELECT pg_temp.tap(
	(SELECT count(*) FROM pg_views WHERE schemaname = 'wsd') = (SELECT count(*) FROM pg_views WHERE schemaname = 'wsl')
	AND (SELECT count(*) FROM pg_views WHERE schemaname = 'wsl') > 0,
	'the workspace keeps all its views');
SELECT pg_temp.tap(pg_temp.mode_of('SELECT * FROM wsd.journey_summary') = 'pushed down whole',
	'the journey view runs pushed down whole on the workers');

-- Every view equals the single-node one (views are found in the catalog,
-- so a view added to the workspace is compared too): floats to 12
-- significant digits (means of floats merged in another order), all else
-- as text.  A cx.customer_value column is left out: its float moments
-- depend on the merge order, and the view shows its figures beside it.
SET client_min_messages = error;
CREATE FUNCTION pg_temp.view_columns(v regclass) RETURNS text LANGUAGE sql AS $$
	SELECT string_agg(CASE WHEN a.atttypid IN ('float8'::regtype, 'float4'::regtype)
	                       THEN format('to_char(%I, ''9.99999999999EEEE'')', a.attname)
	                       ELSE format('%I::text', a.attname) END, ', ' ORDER BY a.attnum)
	FROM pg_attribute a
	WHERE a.attrelid = v AND a.attnum > 0 AND NOT a.attisdropped
	  AND a.atttypid <> 'cx.customer_value'::regtype
$$;
SET client_min_messages = warning;
-- Citus 14.0.1 on PostgreSQL 18 cannot plan one shape (a LATERAL subquery
-- over a set-returning function beside a window function): "missing
-- FROM-clause entry".  That view is reported as skipped there, with the
-- error, and listed in doc/citus.md; any other error fails.
SET client_min_messages = error;
CREATE FUNCTION pg_temp.view_check(v text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	same boolean;
BEGIN
	same := pg_temp.rows_match(format('SELECT %s FROM wsd.%I', pg_temp.view_columns(format('wsl.%I', v)::regclass), v),
	                           format('SELECT %s FROM wsl.%I', pg_temp.view_columns(format('wsl.%I', v)::regclass), v));
	RETURN pg_temp.tap(same, format('view %s of the distributed workspace equals the single-node one', v));
EXCEPTION WHEN OTHERS THEN
	IF SQLERRM ~ '^missing FROM-clause entry' AND citus_version() ~ '^Citus 14\.' THEN
		RETURN format('ok - view %s of the distributed workspace # skip Citus 14 cannot plan it: %s', v, SQLERRM);
	END IF;
	RETURN pg_temp.tap(false, format('view %s of the distributed workspace equals the single-node one (%s)', v, SQLERRM));
END $$;
SET client_min_messages = warning;
SELECT pg_temp.view_check(c.relname)
FROM pg_class c WHERE c.relnamespace = 'wsl'::regnamespace AND c.relkind = 'v' ORDER BY c.relname;

-- Writing after distribution: a new journey, a deleted service (cascading).
INSERT INTO wsd.journeys (provider, service, journey_id, completed)
SELECT provider, service, 'late-1', true FROM wsd.services ORDER BY service LIMIT 1;
INSERT INTO wsl.journeys (provider, service, journey_id, completed)
SELECT provider, service, 'late-1', true FROM wsl.services ORDER BY service LIMIT 1;
INSERT INTO wsd.touchpoints (provider, service, journey_id, at, stage, channel, score)
SELECT provider, service, 'late-1', timestamptz '2026-05-01 10:00+00' + k * interval '1 hour', 'step' || k, 'web', k
FROM wsd.journeys, generate_series(1, 3) k WHERE journey_id = 'late-1';
INSERT INTO wsl.touchpoints (provider, service, journey_id, at, stage, channel, score)
SELECT provider, service, 'late-1', timestamptz '2026-05-01 10:00+00' + k * interval '1 hour', 'step' || k, 'web', k
FROM wsl.journeys, generate_series(1, 3) k WHERE journey_id = 'late-1';
DELETE FROM wsd.services WHERE service = (SELECT max(service) FROM wsd.services);
DELETE FROM wsl.services WHERE service = (SELECT max(service) FROM wsl.services);
SELECT pg_temp.tap(
	(SELECT count(*) FROM wsd.journeys) = (SELECT count(*) FROM wsl.journeys)
	AND (SELECT count(*) FROM wsd.touchpoints) = (SELECT count(*) FROM wsl.touchpoints)
	AND (SELECT count(*) FROM wsd.survey_answers) = (SELECT count(*) FROM wsl.survey_answers),
	'inserts and a cascading delete of a service behave as on one node');
SELECT pg_temp.tap(pg_temp.rows_match(format('SELECT %s FROM wsd.service_scorecard', pg_temp.view_columns('wsl.service_scorecard')),
                                      format('SELECT %s FROM wsl.service_scorecard', pg_temp.view_columns('wsl.service_scorecard'))),
	'the service scorecard after the writes equals the single-node one');
SELECT pg_temp.tap(pg_temp.error_of($$INSERT INTO wsd.survey_answers (provider, service, item, answer)
                                      SELECT provider, service, 'satisfaction', 4 FROM wsd.services LIMIT 1$$)
	= 'the partition column of table wsd.survey_answers should have a value',
	'an answer without a journey is refused by the distributed workspace');
