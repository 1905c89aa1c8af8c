-- Issue 10 §6, merging journeys in linear time: cx.merge(cx.journey)
-- collects partials in cx.journey_agg's state and builds the journey once.
-- Merged partials are byte-identical to one pass over the rows, whatever the
-- split, the order, the plan (serial, forced parallel, sorted or hashed
-- grouping, grouping sets, windows); timing is for make bench, not here.
BEGIN;
SELECT plan(21);
SET LOCAL TimeZone = 'UTC';

SELECT is((SELECT a.aggtranstype::regtype::text || ' ' || a.aggserialfn::regproc::text || ' '
                  || a.aggfinalfn::regproc::text
           FROM pg_aggregate a WHERE a.aggfnoid = 'cx.merge(cx.journey)'::regprocedure),
	'internal cx.journey_serialize cx.journey_final',
	'cx.merge(cx.journey) uses the collecting state of cx.journey_agg');
SELECT is((SELECT a.aggtranstype FROM pg_aggregate a WHERE a.aggfnoid = 'cx.merge(cx.journey)'::regprocedure),
          (SELECT a.aggtranstype FROM pg_aggregate a
           WHERE a.aggfnoid = 'cx.journey_agg(timestamptz, text, float8, text)'::regprocedure),
	'the same state type as cx.journey_agg');

-- 2,000 journeys over 30 days, with ties, repeats, unknown scores and
-- channels and skipped rows
SELECT setseed(0.5);
CREATE TABLE tp AS
SELECT 1 + floor(random() * 2000)::int AS j, floor(random() * 30)::int AS day,
       CASE WHEN random() < 0.01 THEN NULL
            ELSE timestamptz '2026-03-01' + floor(random() * 300) * interval '97 minutes' END AS at,
       CASE WHEN random() < 0.01 THEN NULL
            ELSE (ARRAY['apply', 'verify', 'call', 'decide', 'appeal', 'pay'])[1 + floor(random() * 6)::int] END AS stage,
       CASE WHEN random() < 0.25 THEN NULL ELSE 1 + floor(random() * 5) END::float8 AS score,
       CASE WHEN random() < 0.2 THEN NULL ELSE (ARRAY['web', 'phone', 'office'])[1 + floor(random() * 3)::int] END AS channel
FROM generate_series(1, 40000);
ANALYZE tp;
CREATE TABLE whole AS SELECT j, cx.journey_agg(at, stage, score, channel) AS jy FROM tp GROUP BY j;
CREATE TABLE daily AS SELECT j, day, cx.journey_agg(at, stage, score, channel) AS p FROM tp GROUP BY j, day;
ANALYZE whole;
ANALYZE daily;

-- Journeys whose merge differs from one pass, compared byte for byte (=)
-- and as text.
CREATE FUNCTION pg_temp.mismatches(merged text) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
	result bigint;
BEGIN
	EXECUTE format('SELECT count(*) FROM whole w FULL JOIN (%s) m USING (j)
	                WHERE w.jy IS NULL OR m.m IS NULL
	                   OR NOT (w.jy OPERATOR(cx.=) m.m) OR w.jy::text <> m.m::text', merged) INTO result;
	RETURN result;
END $$;

SELECT is(pg_temp.mismatches('SELECT j, cx.merge(p) AS m FROM daily GROUP BY j'), 0::bigint,
	'daily partials merge into the journey of one pass (hashed grouping)');
SELECT is(pg_temp.mismatches('SELECT j, cx.merge(p ORDER BY random()) AS m FROM daily GROUP BY j'), 0::bigint,
	'in any order (sorted grouping)');
SELECT is(pg_temp.mismatches('SELECT j, cx.merge(p) AS m FROM (SELECT j, cx.merge(p) AS p FROM daily
                              GROUP BY j, day / 7) AS weekly GROUP BY j'), 0::bigint,
	'merges of merges (days into weeks into the whole)');
SELECT is(pg_temp.mismatches('SELECT j, cx.merge(p) AS m FROM (SELECT j, p FROM daily UNION ALL
                              SELECT j, NULL FROM daily UNION ALL
                              SELECT j, ''(skipped=0,touchpoints=[])'' FROM daily) AS t GROUP BY j'), 0::bigint,
	'NULL and empty partials add nothing');
SELECT is(pg_temp.mismatches('SELECT DISTINCT ON (j) j, m
                              FROM (SELECT j, day, cx.merge(p) OVER (PARTITION BY j ORDER BY day
                                  ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS m FROM daily) AS t
                              ORDER BY j, day'), 0::bigint,
	'as a window aggregate over the whole partition');
SELECT is((SELECT count(*) FROM (SELECT j, day, cx.merge(p) OVER (PARTITION BY j ORDER BY day) AS m FROM daily) AS w
                  JOIN (SELECT d.j, d.day, cx.journey_agg(at, stage, score, channel) AS upto
                        FROM daily d JOIN tp ON tp.j = d.j AND tp.day <= d.day GROUP BY d.j, d.day) AS o
                  USING (j, day)
           WHERE NOT (m OPERATOR(cx.=) upto)),
	0::bigint, 'a running merge (a window, its final function run at every row) equals one pass up to each day');
SELECT is((SELECT count(*) FROM (SELECT j, day, m FROM (SELECT j, day, cx.merge(p) AS m FROM daily
                                                         GROUP BY GROUPING SETS ((j), (j, day))) AS g
                                 WHERE day IS NULL) AS s JOIN whole USING (j)
           WHERE NOT (m OPERATOR(cx.=) jy)),
	0::bigint, 'under grouping sets');
SELECT is((SELECT cx.merge(p) OPERATOR(cx.=) (SELECT cx.journey_agg(at, stage, score, channel) FROM tp) FROM daily),
	true, 'all partials of all journeys into one');
SELECT is((SELECT cx.merge(p)::text FROM daily WHERE false), '(skipped=0,touchpoints=[])',
	'merging no rows gives the empty journey, as in 0.1.0');
SELECT is((SELECT cx.merge(p)::text FROM (VALUES (NULL::cx.journey), (NULL)) AS t(p)),
	'(skipped=0,touchpoints=[])', 'merging only NULLs gives the empty journey, as in 0.1.0');
SELECT is((SELECT cx.skipped(cx.merge(p)) FROM daily), (SELECT count(*) FROM tp WHERE at IS NULL OR stage IS NULL),
	'skipped rows add up');

-- many partials of one journey: 10,000 single touchpoints, then 100,000
CREATE TABLE singles AS
SELECT i, cx.journey_agg(timestamptz '2026-03-01' + (i * 7919 % 5000) * interval '1 minute',
                         'stage ' || i % 40, (i % 5)::float8, (ARRAY['web', 'phone', NULL])[1 + i % 3]) AS p
FROM generate_series(1, 100000) AS i GROUP BY i;
SELECT ok((SELECT cx.merge(p) FROM singles WHERE i <= 10000)
          OPERATOR(cx.=) (SELECT cx.journey_agg(timestamptz '2026-03-01' + (i * 7919 % 5000) * interval '1 minute',
                                 'stage ' || i % 40, (i % 5)::float8, (ARRAY['web', 'phone', NULL])[1 + i % 3])
                          FROM generate_series(1, 10000) AS i),
	'10,000 partials of one journey merge into its one pass');
SELECT is((SELECT cx.merge(p ORDER BY i DESC)::text FROM singles),
          (SELECT cx.journey_agg(timestamptz '2026-03-01' + (i * 7919 % 5000) * interval '1 minute',
                                 'stage ' || i % 40, (i % 5)::float8, (ARRAY['web', 'phone', NULL])[1 + i % 3])::text
           FROM generate_series(1, 100000) AS i),
	'100,000 partials of one journey, in reverse, merge into its one pass');
SELECT is((SELECT jy OPERATOR(cx.=) cx.journey_merge(a, b) FROM whole,
                  (SELECT cx.merge(p) FILTER (WHERE day < 15) AS a, cx.merge(p) FILTER (WHERE day >= 15) AS b
                   FROM daily WHERE j = 7) AS halves WHERE j = 7),
	true, 'cx.journey_merge of two halves equals the aggregate');

-- forced parallel plans: partial states are serialised, deserialised and
-- combined, and the result is still byte-identical
SET LOCAL parallel_setup_cost = 0;
SET LOCAL parallel_tuple_cost = 0;
SET LOCAL min_parallel_table_scan_size = 0;
SET LOCAL max_parallel_workers_per_gather = 2;
SET LOCAL parallel_leader_participation = off;
SELECT matches(cx_test.plan_of('SELECT cx.merge(p) FROM daily'), 'Gather.*Partial Aggregate.*Parallel Seq Scan',
	'cx.merge(cx.journey) runs as a Partial Aggregate under a Gather');
SELECT is((SELECT cx.merge(p)::text FROM daily),
          (SELECT cx.journey_agg(at, stage, score, channel)::text FROM tp),
	'a parallel merge of every partial equals one pass');
SELECT is((SELECT cx.merge(p)::text FROM singles),
          (SELECT cx.journey_agg(timestamptz '2026-03-01' + (i * 7919 % 5000) * interval '1 minute',
                                 'stage ' || i % 40, (i % 5)::float8, (ARRAY['web', 'phone', NULL])[1 + i % 3])::text
           FROM generate_series(1, 100000) AS i),
	'a parallel merge of 100,000 partials equals one pass');
SET LOCAL enable_hashagg = off;
SELECT matches(cx_test.plan_of('SELECT j, cx.merge(p) FROM daily GROUP BY j'),
	'Gather.*Partial GroupAggregate', 'grouped cx.merge runs as a partial aggregate');
SELECT is(pg_temp.mismatches('SELECT j, cx.merge(p) AS m FROM daily GROUP BY j'), 0::bigint,
	'a parallel grouped merge equals one pass per journey');

SELECT * FROM finish();
ROLLBACK;
