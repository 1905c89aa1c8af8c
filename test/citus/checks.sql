-- The Citus checks, run on the coordinator after cluster.sql, load.sql and
-- rollups.sql: spread.* is distributed, public.* holds the same rows in
-- plain local tables (the single-node reference).  Each check prints one
-- TAP line; the pushdown modes also print "mode|..." lines that
-- test/scripts/citus.sh compares with the table in doc/citus.md.

-- Temporary helpers stay local (Citus would warn that it cannot propagate them).
SET client_min_messages = error;
CREATE FUNCTION pg_temp.tap(ok boolean, description text) RETURNS text
LANGUAGE sql AS $$ SELECT CASE WHEN ok THEN 'ok' ELSE 'not ok' END || ' - ' || description $$;

-- How Citus runs a query's cx aggregates, read from EXPLAIN VERBOSE:
--   whole    the workers run the aggregate to its end (the task's query
--            calls it) and the coordinator only concatenates;
--   partial  the workers run worker_partial_agg(cx aggregate) and the
--            coordinator combines with coord_combine_agg;
--   rows     the tasks ship raw columns and the coordinator aggregates.
CREATE FUNCTION pg_temp.mode_of(query text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	plan text;
BEGIN
	BEGIN
		plan := cx_test.plan_of(query, true);
	EXCEPTION WHEN OTHERS THEN
		RETURN 'refused: ' || SQLERRM;
	END;
	IF plan ~ 'Query: SELECT .*worker_(binary_)?partial_agg\(''cx\.' AND plan ~ 'coord_(binary_)?combine_agg\(' THEN
		RETURN 'partial aggregates on the workers';
	ELSIF plan ~ '^Custom Scan \(Citus Adaptive\)' AND plan ~ 'Query: SELECT [^\n]*cx\.[a-z_]+\(' THEN
		RETURN 'pushed down whole';
	ELSIF plan ~ 'Aggregate\n  Output: [^\n]*cx\.[a-z_]+\(remote_scan\.' AND plan !~ 'Query: SELECT [^\n]*cx\.' THEN
		RETURN 'raw rows gathered to the coordinator';
	END IF;
	RETURN 'unrecognised plan: ' || plan;
END $$;

-- Two results with a text key and a float8[] of figures each match: the
-- same keys, the same NULLs, each figure equal to 1e-12 relative.  Both are
-- materialised first, so the comparison itself is plain local SQL.
CREATE FUNCTION pg_temp.figures_match(cluster_query text, local_query text) RETURNS boolean
LANGUAGE plpgsql AS $$
DECLARE
	bad bigint;
	total bigint;
BEGIN
	DROP TABLE IF EXISTS pg_temp.fig_a, pg_temp.fig_b;
	EXECUTE format('CREATE TEMP TABLE fig_a AS SELECT k::text AS k, f::float8[] AS f FROM (%s) q(k, f)', cluster_query);
	EXECUTE format('CREATE TEMP TABLE fig_b AS SELECT k::text AS k, f::float8[] AS f FROM (%s) q(k, f)', local_query);
	SELECT count(*),
	       count(*) FILTER (WHERE a.k IS NULL OR b.k IS NULL
	                           OR cardinality(a.f) IS DISTINCT FROM cardinality(b.f)
	                           OR EXISTS (SELECT FROM unnest(a.f, b.f) AS u(x, y)
	                                      WHERE (x IS NULL) <> (y IS NULL)
	                                         OR abs(x - y) > 1e-12 * greatest(1, abs(x), abs(y))))
	INTO total, bad
	FROM pg_temp.fig_a a FULL JOIN pg_temp.fig_b b USING (k);
	RETURN total > 0 AND bad = 0;
END $$;

-- Exact: the same rows, compared as text.
CREATE FUNCTION pg_temp.rows_match(cluster_query text, local_query text) RETURNS boolean
LANGUAGE plpgsql AS $$
DECLARE
	a text;
	b text;
BEGIN
	DROP TABLE IF EXISTS pg_temp.rows_a, pg_temp.rows_b;
	EXECUTE format('CREATE TEMP TABLE rows_a AS SELECT q::text AS r FROM (%s) q', cluster_query);
	EXECUTE format('CREATE TEMP TABLE rows_b AS SELECT q::text AS r FROM (%s) q', local_query);
	SELECT md5(string_agg(r, E'\n' ORDER BY r)) INTO a FROM pg_temp.rows_a;
	SELECT md5(string_agg(r, E'\n' ORDER BY r)) INTO b FROM pg_temp.rows_b;
	RETURN a IS NOT NULL AND a = b;
END $$;

-- The error a query raises, or 'no error'.
CREATE FUNCTION pg_temp.error_of(query text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
	EXECUTE query;
	RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
	RETURN SQLERRM;
END $$;
SET client_min_messages = warning;

-- (a) pushdown modes.  Partial aggregation must hold with the strategy
-- that forbids gathering rows for an aggregate.
SET citus.coordinator_aggregation_strategy = 'disabled';

CREATE TEMP TABLE modes (aggregate text, signature regprocedure, grouped text, query text, claimed text);
INSERT INTO modes VALUES
	('`cx.journey_agg`', 'cx.journey_agg(timestamptz, text, float8, text)', 'distribution column',
	 'SELECT journey_id, cx.journey_agg(at, stage, score, channel) FROM spread.touchpoints GROUP BY journey_id',
	 'pushed down whole'),
	('`cx.journey_agg`', 'cx.journey_agg(timestamptz, text, float8)', 'distribution column',
	 'SELECT journey_id, cx.journey_agg(at, stage, score) FROM spread.touchpoints GROUP BY journey_id',
	 'pushed down whole'),
	('`cx.journey_agg`', 'cx.journey_agg(timestamptz, text)', 'distribution column',
	 'SELECT journey_id, cx.journey_agg(at, stage) FROM spread.touchpoints GROUP BY journey_id',
	 'pushed down whole'),
	('`cx.journey_agg`', 'cx.journey_agg(timestamptz, text, float8, text)', 'anything else',
	 'SELECT service, cx.journey_agg(at, stage, score, channel) FROM spread.touchpoints GROUP BY service',
	 'raw rows gathered to the coordinator'),
	('`cx.scores_agg`', 'cx.scores_agg(int, int, int)', 'distribution column',
	 'SELECT journey_id, cx.scores_agg(answer, 1, 5) FROM spread.answers GROUP BY journey_id',
	 'pushed down whole'),
	('`cx.scores_agg`', 'cx.scores_agg(int, int, int)', 'anything else',
	 'SELECT service, item, cx.scores_agg(answer, 1, 5) FROM spread.answers GROUP BY service, item',
	 'partial aggregates on the workers'),
	('`cx.value_agg`', 'cx.value_agg(text, float8, float8, float8)', 'anything else',
	 'SELECT service, cx.value_agg(dimension, score, 1, 7) FROM spread.value_answers GROUP BY service',
	 'partial aggregates on the workers'),
	('`cx.value_agg`', 'cx.value_agg(text[], float8[], float8, float8)', 'anything else',
	 'SELECT service, cx.value_agg(ARRAY[dimension], ARRAY[score], 1, 7) FROM spread.value_answers GROUP BY service',
	 'partial aggregates on the workers'),
	('`cx.quadrant_agg`', 'cx.quadrant_agg(float8, float8)', 'anything else',
	 'SELECT service, cx.quadrant_agg(voluntariness, system_locus) FROM spread.assessments GROUP BY service',
	 'partial aggregates on the workers'),
	('`cx.quadrant_agg`', 'cx.quadrant_agg(boolean, boolean)', 'anything else',
	 'SELECT service, cx.quadrant_agg(voluntariness >= 0.5, system_locus >= 0.5) FROM spread.assessments GROUP BY service',
	 'partial aggregates on the workers'),
	('`cx.merge`', 'cx.merge(cx.scores)', 'anything else',
	 'SELECT date_trunc(''month'', day), cx.merge(scores) FROM spread.rollup_daily GROUP BY 1',
	 'partial aggregates on the workers'),
	('`cx.merge`', 'cx.merge(cx.quadrant_profile)', 'anything else',
	 'SELECT date_trunc(''month'', day), cx.merge(profile) FROM spread.rollup_daily GROUP BY 1',
	 'partial aggregates on the workers'),
	('`cx.merge`', 'cx.merge(cx.customer_value)', 'anything else',
	 'SELECT date_trunc(''month'', day), cx.merge(value) FROM spread.rollup_daily GROUP BY 1',
	 'partial aggregates on the workers'),
	('`cx.merge`', 'cx.merge(cx.scores)', 'distribution column',
	 'SELECT service, cx.merge(scores) FROM spread.rollup_daily GROUP BY service',
	 'pushed down whole'),
	-- cx.merge of journeys keeps an internal state, as cx.journey_agg does
	('`cx.merge(cx.journey)`', 'cx.merge(cx.journey)', 'anything else',
	 'SELECT service, cx.merge(journey) FROM spread.journey_daily GROUP BY service',
	 'raw rows gathered to the coordinator'),
	('`cx.merge(cx.journey)`', 'cx.merge(cx.journey)', 'distribution column',
	 'SELECT journey_id, cx.merge(journey) FROM spread.journey_daily GROUP BY journey_id',
	 'pushed down whole');

-- The 0.2.0 summaries: rates, waiting times and drivers, from touchpoints
-- (a score of 4 or more is a success, the time of day a wait that ended
-- where the stage is 'decide', the score driven by the hour and a cohort).
INSERT INTO modes
SELECT a, sig::regprocedure, g, q, c
FROM (VALUES
	-- (needs: the type, looked up first: to_regprocedure raises on an unknown one)
	('`cx.rate_agg`', 'cx.rate_agg(boolean)', 'anything else',
	 'SELECT service, cx.rate_agg(score >= 4) FROM spread.touchpoints GROUP BY service',
	 'partial aggregates on the workers', 'cx.rate'),
	('`cx.waits_agg`', 'cx.waits_agg(interval, boolean)', 'anything else',
	 $q$SELECT service, cx.waits_agg(at - date_trunc('day', at), stage = 'decide') FROM spread.touchpoints GROUP BY service$q$,
	 'partial aggregates on the workers', 'cx.waits'),
	('`cx.drivers_agg`', 'cx.drivers_agg(float8, float8[], text[])', 'anything else',
	 $q$SELECT service, cx.drivers_agg(score, ARRAY[extract(hour FROM at AT TIME ZONE 'UTC')::float8, (journey_id % 7)::float8], ARRAY['hour', 'cohort']) FROM spread.touchpoints GROUP BY service$q$,
	 'partial aggregates on the workers', 'cx.drivers'),
	('`cx.merge`', 'cx.merge(cx.rate)', 'anything else',
	 'SELECT service, cx.merge(r) FROM (SELECT service, journey_id, cx.rate_agg(score >= 4) AS r FROM spread.touchpoints GROUP BY service, journey_id) x GROUP BY service',
	 'partial aggregates on the workers', 'cx.rate'),
	('`cx.merge`', 'cx.merge(cx.waits)', 'anything else',
	 $q$SELECT service, cx.merge(w) FROM (SELECT service, journey_id, cx.waits_agg(at - date_trunc('day', at), stage = 'decide') AS w FROM spread.touchpoints GROUP BY service, journey_id) x GROUP BY service$q$,
	 'partial aggregates on the workers', 'cx.waits'),
	('`cx.merge`', 'cx.merge(cx.drivers)', 'anything else',
	 $q$SELECT service, cx.merge(d) FROM (SELECT service, journey_id, cx.drivers_agg(score, ARRAY[extract(hour FROM at AT TIME ZONE 'UTC')::float8, (journey_id % 7)::float8], ARRAY['hour', 'cohort']) AS d FROM spread.touchpoints GROUP BY service, journey_id) x GROUP BY service$q$,
	 'partial aggregates on the workers', 'cx.drivers')
) AS v(a, sig, g, q, c, needs)
WHERE CASE WHEN pg_catalog.to_regtype(needs) IS NULL THEN false
           ELSE pg_catalog.to_regprocedure(sig) IS NOT NULL END;

-- Every cx aggregate in the catalog has a row, so a new one cannot go untested.
SELECT pg_temp.tap(
	NOT EXISTS (SELECT FROM pg_catalog.pg_aggregate a JOIN pg_catalog.pg_proc p ON p.oid = a.aggfnoid
	            WHERE p.pronamespace = 'cx'::regnamespace
	              AND a.aggfnoid NOT IN (SELECT signature FROM modes)),
	'every cx aggregate has a pushdown check: ' || coalesce((
		SELECT string_agg(a.aggfnoid::regprocedure::text, ', ') FROM pg_catalog.pg_aggregate a
		JOIN pg_catalog.pg_proc p ON p.oid = a.aggfnoid
		WHERE p.pronamespace = 'cx'::regnamespace AND a.aggfnoid NOT IN (SELECT signature FROM modes)), 'none missing'));

-- Rows gathered for journey_agg is what 'disabled' forbids: it is an
-- error there, and the plan under the default strategy.
CREATE TEMP TABLE measured AS
SELECT aggregate, signature, grouped, claimed,
       CASE WHEN claimed = 'raw rows gathered to the coordinator'
            THEN (SELECT set_config('citus.coordinator_aggregation_strategy', 'row-gather', false) || pg_temp.mode_of(query)
                  || set_config('citus.coordinator_aggregation_strategy', 'disabled', false))
            ELSE pg_temp.mode_of(query) END AS mode
FROM modes;
UPDATE measured SET mode = regexp_replace(mode, '^row-gather(.*)disabled$', '\1');
SELECT current_setting('citus.coordinator_aggregation_strategy') = 'disabled' AS strategy_restored \gset
SELECT pg_temp.tap(:'strategy_restored', 'the coordinator aggregation strategy is back to disabled');
SELECT pg_temp.tap(mode = claimed, format('%s grouped by %s: %s (%s)', signature, grouped, claimed, mode))
FROM measured ORDER BY aggregate, signature::text, grouped;
SELECT DISTINCT format('mode|| %s | %s | %s |', aggregate, grouped, mode) FROM measured ORDER BY 1;

SELECT pg_temp.tap(pg_temp.error_of('SELECT service, cx.journey_agg(at, stage, score, channel) FROM spread.touchpoints GROUP BY service')
                   = 'unsupported aggregate function journey_agg',
	'cx.journey_agg off the distribution column is refused under strategy disabled (it would gather rows)');

-- Gathered rows give the right journeys all the same.
SET citus.coordinator_aggregation_strategy = 'row-gather';
SELECT pg_temp.tap(pg_temp.rows_match(
	'SELECT service, cx.journey_agg(at, stage, score, channel)::text FROM spread.touchpoints GROUP BY service',
	'SELECT service, cx.journey_agg(at, stage, score, channel)::text FROM public.touchpoints GROUP BY service'),
	'cx.journey_agg off the distribution column, from gathered rows, equals the single-node result byte for byte');
SET citus.coordinator_aggregation_strategy = 'disabled';

-- (b) every figure equal to the single-node one.
-- Journeys, built whole on the workers: byte for byte, and every accessor
-- computed there.
SELECT pg_temp.tap(pg_temp.rows_match(
	'SELECT journey_id, cx.journey_agg(at, stage, score, channel)::text FROM spread.touchpoints GROUP BY journey_id',
	'SELECT journey_id, cx.journey_agg(at, stage, score, channel)::text FROM public.touchpoints GROUP BY journey_id'),
	'journeys built on the workers equal the single-node journeys byte for byte');
SELECT format($q$SELECT journey_id, cx.n(j), cx.skipped(j), cx.started_at(j), cx.ended_at(j), cx.duration(j),
	       cx.first_stage(j), cx.last_stage(j), cx.path(j), cx.channels(j), cx.channel_switches(j),
	       cx.repeats(j), cx.repeats(j, interval '20 minutes'), cx.mean_score(j), cx.min_score(j),
	       cx.max_score(j), cx.end_score(j), cx.peak_end(j), cx.peak_end(j, 'best'),
	       cx.peak_end(j, 'extreme', 3), cx.trend(j), cx.worst_stage(j), cx.fail_points(j, 3),
	       cx.reached(j, 'pay'), cx.time_to(j, 'decide'), cx.dwell(j, 'verify'),
	       cx.funnel_depth(j, ARRAY['apply', 'verify', 'decide']),
	       cx.funnel_depth(j, ARRAY['apply', 'verify'], interval '1 hour', 'adjacent'),
	       (SELECT array_agg(t::text) FROM cx.touchpoints(j) t),
	       (SELECT array_agg(t::text) FROM cx.transitions(j) t), cx.to_jsonb(j)
	FROM (SELECT journey_id, cx.journey_agg(at, stage, score, channel) AS j
	      FROM %s.touchpoints GROUP BY journey_id) x$q$, 'SCHEMA') AS journey_figures \gset
SELECT pg_temp.tap(pg_temp.rows_match(replace(:'journey_figures', 'SCHEMA', 'spread'),
                                      replace(:'journey_figures', 'SCHEMA', 'public')),
	'every journey accessor computed on the workers equals the single-node one');
SELECT pg_temp.tap(pg_temp.figures_match(
	$$SELECT service, ARRAY[count(*), sum(cx.repeats(j)), avg(cx.peak_end(j)), sum(cx.channel_switches(j)),
	                        avg(extract(epoch FROM cx.duration(j))), avg(cx.trend(j))]
	  FROM (SELECT service, journey_id, cx.journey_agg(at, stage, score, channel) AS j
	        FROM spread.touchpoints GROUP BY service, journey_id) x GROUP BY service$$,
	$$SELECT service, ARRAY[count(*), sum(cx.repeats(j)), avg(cx.peak_end(j)), sum(cx.channel_switches(j)),
	                        avg(extract(epoch FROM cx.duration(j))), avg(cx.trend(j))]
	  FROM (SELECT service, journey_id, cx.journey_agg(at, stage, score, channel) AS j
	        FROM public.touchpoints GROUP BY service, journey_id) x GROUP BY service$$),
	'the per-service journey scorecard (journeys on the workers, figures averaged) equals the single-node one');

-- Scores, partial on the workers: byte for byte, and every accessor.
SELECT pg_temp.tap(pg_temp.rows_match(
	'SELECT service, item, cx.scores_agg(answer, 1, 5)::text FROM spread.answers GROUP BY service, item',
	'SELECT service, item, cx.scores_agg(answer, 1, 5)::text FROM public.answers GROUP BY service, item'),
	'score summaries combined from the workers equal the single-node ones byte for byte');
SELECT format($q$SELECT service || '/' || item, ARRAY[cx.n(s), cx.missing(s), cx.mean(s), cx.stddev(s), cx.median(s),
	       cx.top_box(s), cx.top_box(s, 1), cx.bottom_box(s), cx.csat(s),
	       (cx.top_box_ci(s)).value, (cx.top_box_ci(s)).lower, (cx.top_box_ci(s)).upper,
	       (cx.top_box_ci(s, 1, 0.9)).lower, cx.nps(t), (cx.nps_ci(t)).lower, (cx.nps_ci(t)).upper]
	       || cx.histogram(s)::float8[]
	FROM (SELECT service, item, cx.scores_agg(answer, 1, 5) AS s, cx.scores_agg(answer * 2, 0, 10) AS t
	      FROM %s.answers GROUP BY service, item) x$q$, 'SCHEMA') AS score_figures \gset
SELECT pg_temp.tap(pg_temp.figures_match(replace(:'score_figures', 'SCHEMA', 'spread'),
                                         replace(:'score_figures', 'SCHEMA', 'public')),
	'every score figure (A-11 top-2-box with Wilson bounds, NPS with bounds, histogram) equals the single-node one');

-- Customer value, partial on the workers: every figure to 1e-12.
SELECT format($q$SELECT service, ARRAY[cx.n(v), cx.missing(v), cx.skipped(v),
	       cx.mean(v, 'functional'), cx.mean(v, 'time'), cx.variance(v, 'effort'), cx.stddev(v, 'money'),
	       cx.n(v, 'emotional'), cx.missing(v, 'perceived'),
	       cx.benefits(v), cx.sacrifices(v), cx.value_index(v), cx.value_ratio(v),
	       cx.benefits(v, 'sheth-newman-gross'), cx.expectations(v), cx.perceptions(v), cx.disconfirmation(v),
	       cx.co_destruction(v)::int, cardinality(cx.dimensions(v)),
	       cx.value_index(w), cx.n(w)]
	FROM (SELECT service, cx.value_agg(dimension, score, 1, 7) AS v,
	             cx.value_agg(ARRAY[dimension], ARRAY[score], 1, 7) AS w
	      FROM %s.value_answers GROUP BY service) x$q$, 'SCHEMA') AS value_figures \gset
SELECT pg_temp.tap(pg_temp.figures_match(replace(:'value_figures', 'SCHEMA', 'spread'),
                                         replace(:'value_figures', 'SCHEMA', 'public')),
	'every customer value figure (long and wide input) combined from the workers equals the single-node one to 1e-12');

-- Quadrant profiles, partial on the workers: byte for byte, and every accessor.
SELECT pg_temp.tap(pg_temp.rows_match(
	'SELECT service, cx.quadrant_agg(voluntariness, system_locus)::text, cx.quadrant_agg(voluntariness >= 0.5, system_locus >= 0.5)::text FROM spread.assessments GROUP BY service',
	'SELECT service, cx.quadrant_agg(voluntariness, system_locus)::text, cx.quadrant_agg(voluntariness >= 0.5, system_locus >= 0.5)::text FROM public.assessments GROUP BY service'),
	'quadrant profiles combined from the workers equal the single-node ones byte for byte');
SELECT format($q$SELECT service, cx.n(p), cx.skipped(p), cx.count(p, 'co-design'), cx.share(p, 'co-management'),
	       cx.dominant(p), cx.label(cx.dominant(p)), (cx.centroid(p)).voluntariness, (cx.centroid(p)).system_locus, cx.to_jsonb(p)
	FROM (SELECT service, cx.quadrant_agg(voluntariness, system_locus) AS p FROM %s.assessments GROUP BY service) x$q$,
	'SCHEMA') AS quadrant_figures \gset
SELECT pg_temp.tap(pg_temp.rows_match(replace(:'quadrant_figures', 'SCHEMA', 'spread'),
                                      replace(:'quadrant_figures', 'SCHEMA', 'public')),
	'every quadrant figure equals the single-node one');

-- Rollups: days merged into months across services (partial merges on the
-- workers) and all time per service (pushed down, distributed by service);
-- journey days merged per journey (whole) and per service (rows gathered).
SELECT pg_temp.tap(pg_temp.rows_match(
	$$SELECT date_trunc('month', day) AS month, cx.merge(scores)::text, cx.merge(profile)::text FROM spread.rollup_daily GROUP BY 1$$,
	$$SELECT date_trunc('month', day) AS month, cx.merge(scores)::text, cx.merge(profile)::text FROM public.rollup_daily GROUP BY 1$$),
	'monthly rollups of scores and profiles merged on the workers equal the single-node ones byte for byte');
SELECT pg_temp.tap(pg_temp.rows_match(
	$$SELECT cx.merge(scores)::text, cx.merge(profile)::text FROM spread.rollup_daily$$,
	$$SELECT (SELECT cx.scores_agg(answer, 1, 5)::text FROM public.answers),
	         (SELECT cx.quadrant_agg(voluntariness, system_locus)::text FROM public.assessments)$$),
	'all rollup days merged equal one pass over the raw answers');
SELECT pg_temp.tap(pg_temp.figures_match(
	$$SELECT month, ARRAY[cx.n(v), cx.value_index(v), cx.mean(v, 'effort'), cx.variance(v, 'time'), cx.disconfirmation(v)]
	  FROM (SELECT date_trunc('month', day) AS month, cx.merge(value) AS v FROM spread.rollup_daily GROUP BY 1) x$$,
	$$SELECT month, ARRAY[cx.n(v), cx.value_index(v), cx.mean(v, 'effort'), cx.variance(v, 'time'), cx.disconfirmation(v)]
	  FROM (SELECT date_trunc('month', day) AS month, cx.merge(value) AS v FROM public.rollup_daily GROUP BY 1) x$$)
	AND pg_temp.figures_match(
	$$SELECT service, ARRAY[cx.n(v), cx.value_index(v), cx.variance(v, 'money')]
	  FROM (SELECT service, cx.merge(value) AS v FROM spread.rollup_daily GROUP BY service) x$$,
	$$SELECT service, ARRAY[cx.n(v), cx.value_index(v), cx.variance(v, 'money')]
	  FROM (SELECT service, cx.value_agg(dimension, score, 1, 7) AS v FROM public.value_answers GROUP BY service) x$$),
	'value rollups merged by month (partial) and by service (whole) equal the single-node figures to 1e-12');
SELECT pg_temp.tap(pg_temp.rows_match(
	'SELECT journey_id, cx.merge(journey)::text FROM spread.journey_daily GROUP BY journey_id',
	'SELECT journey_id, cx.journey_agg(at, stage, score, channel)::text FROM public.touchpoints GROUP BY journey_id'),
	'journey days merged on the workers equal the journeys of the raw rows byte for byte');
SET citus.coordinator_aggregation_strategy = 'row-gather';
SELECT pg_temp.tap(pg_temp.rows_match(
	'SELECT service, cx.merge(journey)::text FROM spread.journey_daily GROUP BY service',
	'SELECT service, cx.merge(journey)::text FROM public.journey_daily GROUP BY service'),
	'journey days merged per service (rows gathered) equal the single-node merge byte for byte');
SET citus.coordinator_aggregation_strategy = 'disabled';

-- The 0.2.0 summaries, where this build has them.
SELECT pg_catalog.to_regprocedure('cx.rate_agg(boolean)') IS NOT NULL
   AND pg_catalog.to_regprocedure('cx.waits_agg(interval, boolean)') IS NOT NULL
   AND pg_catalog.to_regprocedure('cx.drivers_agg(float8, float8[], text[])') IS NOT NULL AS has_020 \gset
\if :has_020
SELECT $q$SELECT service, cx.rate_agg(score >= 4)::text, cx.waits_agg(at - date_trunc('day', at), stage = 'decide')::text
	FROM SCHEMA.touchpoints GROUP BY service$q$ AS rate_waits \gset
SELECT pg_temp.tap(pg_temp.rows_match(replace(:'rate_waits', 'SCHEMA', 'spread'), replace(:'rate_waits', 'SCHEMA', 'public')),
	'rates and waiting times combined from the workers equal the single-node ones byte for byte');
SELECT $q$SELECT service, cx.merge(r)::text, cx.merge(w)::text
	FROM (SELECT service, journey_id, cx.rate_agg(score >= 4) AS r, cx.waits_agg(at - date_trunc('day', at), stage = 'decide') AS w
	      FROM SCHEMA.touchpoints GROUP BY service, journey_id) x GROUP BY service$q$ AS rate_waits_merged \gset
SELECT pg_temp.tap(pg_temp.rows_match(replace(:'rate_waits_merged', 'SCHEMA', 'spread'), replace(:'rate_waits', 'SCHEMA', 'public')),
	'per-journey rates and waits merged per service on the workers equal one pass on a single node byte for byte');
SELECT $q$SELECT service, ARRAY[cx.n(d), cx.r2(d)]
	       || (SELECT array_agg(c.coefficient ORDER BY c.driver) FROM cx.coefficients(d) c)
	       || (SELECT array_agg(c.r ORDER BY c.driver) FROM cx.correlations(d) c)
	FROM (SELECT service, cx.drivers_agg(score, ARRAY[extract(hour FROM at AT TIME ZONE 'UTC')::float8, (journey_id % 7)::float8],
	                                     ARRAY['hour', 'cohort']) AS d
	      FROM SCHEMA.touchpoints GROUP BY service) x$q$ AS drivers \gset
SELECT pg_temp.tap(pg_temp.figures_match(replace(:'drivers', 'SCHEMA', 'spread'), replace(:'drivers', 'SCHEMA', 'public')),
	'driver analyses combined from the workers (n, R², coefficients, correlations) equal the single-node ones to 1e-12');
\endif
