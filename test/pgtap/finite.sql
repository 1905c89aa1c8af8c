-- Issue 10 §4, finite in, finite out: the accessors of journeys, scores,
-- customer values and quadrant profiles never return Infinity or NaN from
-- finite inputs.  Scores near the edge of float8 (1e308) are summed without
-- overflow and checked against an exact computation in numeric; a figure
-- whose true value lies beyond float8 raises 22003.
BEGIN;
SELECT plan(29);
SET LOCAL TimeZone = 'UTC';

-- A journey of the given scores, one touchpoint a minute, in this order.
CREATE FUNCTION pg_temp.j(VARIADIC scores float8[]) RETURNS cx.journey LANGUAGE sql AS $$
	SELECT cx.journey_agg(timestamptz '2026-01-01' + i * interval '1 minute', 's' || i, scores[i])
	FROM generate_subscripts(scores, 1) AS i
$$;
-- The exact mean and least-squares slope (against the ordinal 1..n) in numeric.
CREATE FUNCTION pg_temp.exact_mean(scores float8[]) RETURNS numeric LANGUAGE sql AS $$
	SELECT avg(s::numeric) FROM unnest(scores) AS s
$$;
CREATE FUNCTION pg_temp.exact_slope(scores float8[]) RETURNS numeric LANGUAGE sql AS $$
	SELECT sum((i - (n + 1) / 2.0) * (scores[i]::numeric - m)) / sum((i - (n + 1) / 2.0) ^ 2)
	FROM generate_subscripts(scores, 1) AS i,
	     LATERAL (SELECT cardinality(scores) AS n, pg_temp.exact_mean(scores) AS m) AS c
$$;
-- Whether a float8 agrees with an exact numeric to 1e-14 of the magnitude
-- of the scores (sums of floats round relative to their terms, not to a
-- result that cancels).
CREATE FUNCTION pg_temp.close(x float8, exact numeric, magnitude numeric) RETURNS boolean LANGUAGE sql AS $$
	SELECT x::text NOT IN ('Infinity', '-Infinity', 'NaN')
	   AND abs(x::numeric - exact) <= 1e-14 * magnitude
$$;

-- the reproduction: two touchpoints scored 1e308
SELECT is(cx.mean_score(pg_temp.j(1e308, 1e308)), 1e308::float8,
	'mean_score of two scores of 1e308 is 1e308, not Infinity');
SELECT is(cx.peak_end(pg_temp.j(1e308, 1e308)), 1e308::float8,
	'peak_end of two scores of 1e308 is 1e308, not Infinity');
SELECT is(cx.trend(pg_temp.j(1e308, 1e308)), 0::float8,
	'trend of two scores of 1e308 is 0, not NaN');
SELECT is(cx.peak_end(pg_temp.j(1.7976931348623157e308, 1.7976931348623157e308), 'best'),
	1.7976931348623157e308::float8, 'peak_end best at the largest float8');
SELECT is(cx.peak_end(pg_temp.j(-1.7976931348623157e308, -1.7976931348623157e308)),
	-1.7976931348623157e308::float8, 'peak_end worst at the most negative float8');
SELECT is(cx.peak_end(pg_temp.j(1e308, 1.5e308, 1.2e308), 'extreme', -1e308), 1.35e308::float8,
	'extreme peak: 1.5e308 is farther from -1e308 than 1e308 although both distances overflow');
SELECT is(cx.peak_end(pg_temp.j(-1.5e308, 1.5e308), 'extreme', 0), 0::float8,
	'extreme peak: a tie of distances goes to the lower score, even at the edge');

-- against exact arithmetic, on journeys of large scores of both signs
CREATE TEMP TABLE big AS
SELECT k, ARRAY(SELECT ((i * 7919 + k * 31) % 13 - 6) * 2.9e307::float8
                FROM generate_series(1, 5 + k) AS i) AS scores
FROM generate_series(1, 40) AS k;
SELECT is((SELECT count(*) FROM big
           WHERE NOT pg_temp.close(cx.mean_score(pg_temp.j(VARIADIC scores)), pg_temp.exact_mean(scores), 1.74e308)),
	0::bigint, 'mean_score of large scores of both signs equals the exact mean');
SELECT is((SELECT count(*) FROM big
           WHERE NOT pg_temp.close(cx.trend(pg_temp.j(VARIADIC scores)), pg_temp.exact_slope(scores), 1.74e308)),
	0::bigint, 'trend of large scores of both signs equals the exact slope');
SELECT is((SELECT count(*) FROM big, LATERAL (SELECT pg_temp.j(VARIADIC scores) AS j) AS q
           WHERE NOT pg_temp.close(cx.peak_end(j),
                                   (SELECT min(s::numeric) FROM unnest(scores) AS s) / 2
                                   + scores[cardinality(scores)]::numeric / 2, 1.74e308)),
	0::bigint, 'peak_end of large scores equals (min + end) / 2 computed exactly');
SELECT is(cx.mean_score(j), 1.7976931348623157e308::float8,
	'the mean of 1,000 scores at the largest float8 is that score (rounding kept within the scores)')
FROM (SELECT cx.journey_agg(timestamptz '2026-01-01' + i * interval '1 s', 'a', 1.7976931348623157e308)
      FROM generate_series(1, 1000) AS i) AS t(j);
SELECT is(cx.trend(pg_temp.j(1e300, 2e300, 3e300)), 1e300::float8,
	'trend of scores around 1e300 is exact');
SELECT is(cx.mean_score(pg_temp.j(1, 2, 4)), 7 / 3::float8, 'small scores: the mean is unchanged');
SELECT is(cx.trend(pg_temp.j(1, 2, 4)), 1.5::float8, 'small scores: the trend is unchanged');
SELECT is(cx.mean_score(pg_temp.j(5e-324, 5e-324)), 5e-324::float8, 'the smallest subnormal score has itself as mean');

-- a slope beyond float8 is an error, not Infinity
SELECT throws_ok($$SELECT cx.trend(pg_temp.j(-1e308, 1e308))$$, '22003',
	'the trend of this journey''s scores is out of the range of float8',
	'trend of -1e308 then 1e308 (a slope of 2e308): 22003');

-- every float8 accessor of a journey, over journeys at the edges of float8
CREATE TEMP TABLE edge AS
SELECT pg_temp.j(VARIADIC s) AS j
FROM (VALUES (ARRAY[1e308, 1e308]::float8[]), (ARRAY[-1e308, -1e308, -1.7976931348623157e308]),
             (ARRAY[1.7976931348623157e308, 1.7976931348623157e308, 1.7976931348623157e308]),
             (ARRAY[1e308, 5e-324, 1e308]), (ARRAY[-1e308, 0, -1e308, 1e-308])) AS v(s);
SELECT is((SELECT count(*) FROM edge,
                  LATERAL (VALUES (cx.mean_score(j)), (cx.min_score(j)), (cx.max_score(j)), (cx.end_score(j)),
                                  (cx.peak_end(j)), (cx.peak_end(j, 'best')), (cx.peak_end(j, 'extreme', 0)),
                                  (cx.peak_end(j, 'extreme', -1.7976931348623157e308)),
                                  (cx.peak_end(j, 'extreme', 1.7976931348623157e308)), (cx.trend(j))) AS f(x)
           WHERE x::text IN ('Infinity', '-Infinity', 'NaN')),
	0::bigint, 'no journey accessor returns Infinity or NaN at the edges of float8');
SELECT is((SELECT count(*) FROM edge, cx.transitions(j) AS t WHERE t.seconds::text IN ('Infinity', 'NaN')),
	0::bigint, 'transition seconds are finite');
SELECT is((SELECT cx.mean_score(cx.merge(j)) FROM edge WHERE cx.min_score(j) >= 0),
	((1e308 + 1e308 + 3 * 1.7976931348623157e308::numeric + 1e308 + 5e-324 + 1e308) / 8)::float8,
	'the mean of merged journeys at the edge of float8 is the exact mean');

-- scores: the widest counts and the most extreme scale a summary holds
CREATE TEMP TABLE sc AS
SELECT ('(lo=2147483547,hi=2147483647,missing=1,counts={4611686018427387903'
        || repeat(',0', 99) || ',4611686018427387903})')::cx.scores AS s;
SELECT is(cx.mean(s), 2147483597::float8, 'scores: the mean of the largest counts on the highest scale') FROM sc;
SELECT is(cx.median(s), 2147483597::float8, 'scores: the median of two extreme answers') FROM sc;
SELECT ok(abs(cx.stddev(s) - 50) < 1e-12, 'scores: the standard deviation of the largest counts is 50') FROM sc;
SELECT is((SELECT count(*) FROM sc,
                  LATERAL (VALUES (cx.mean(s)), (cx.stddev(s)), (cx.median(s)), (cx.top_box(s)), (cx.bottom_box(s)),
                                  (cx.csat(s)), ((cx.top_box_ci(s)).lower), ((cx.top_box_ci(s)).upper)) AS f(x)
           WHERE x IS NULL OR x::text IN ('Infinity', '-Infinity', 'NaN')),
	0::bigint, 'no scores accessor returns Infinity, NaN or NULL for the largest counts');
SELECT is((SELECT count(*) FROM (SELECT cx.nps(s) AS a, (cx.nps_ci(s)).lower AS b, (cx.nps_ci(s)).upper AS c
                                 FROM (SELECT ('(lo=0,hi=10,missing=0,counts={9223372036854775806' || repeat(',0', 9)
                                               || ',1})')::cx.scores AS s) AS t) AS f,
                                LATERAL (VALUES (a), (b), (c)) AS v(x)
           WHERE x::text IN ('Infinity', '-Infinity', 'NaN')),
	0::bigint, 'NPS and its interval are finite for the largest counts');

-- customer values: scales at the edges of float8
SELECT is(cx.mean(cx.value_agg('d', s, -1e308, 0), 'd'), 0.5::float8,
	'a scale [-1e308, 0] normalises -5e307 to 0.5')
FROM (VALUES (-5e307::float8)) AS t(s);
SELECT is(ARRAY[cx.mean(v, 'd'), cx.variance(v, 'd'), cx.stddev(v, 'd')], ARRAY[0.5, 0.5, sqrt(0.5)]::float8[],
	'a scale [0, 1.7976931348623157e308] with answers at both ends: mean, variance and stddev finite')
FROM (SELECT cx.value_agg('d', s, 0, 1.7976931348623157e308) AS v
      FROM (VALUES (0::float8), (1.7976931348623157e308)) AS t(s)) AS q;
SELECT is(cx.mean(cx.value_agg('d', s, 0, 1e-323), 'd'), 0.5::float8,
	'a subnormal scale [0, 1e-323] normalises 5e-324 to 0.5')
FROM (VALUES (5e-324::float8)) AS t(s);
SELECT is((SELECT count(*) FROM (SELECT cx.merge(v) AS v FROM (VALUES (x), (x), (x)) AS t(v)) AS m,
                  LATERAL (VALUES (cx.mean(v, 'd')), (cx.variance(v, 'd')), (cx.stddev(v, 'd'))) AS f(y)
           WHERE y IS NULL OR y::text IN ('Infinity', '-Infinity', 'NaN')),
	0::bigint, 'customer values with the largest counts merge into finite figures')
FROM (SELECT '(skipped=0,"d"=(n=3000000000000000000,missing=0,sum=3000000000000000000,m2=3000000000000000000))'::cx.customer_value AS x) AS c;

-- quadrant profiles: the largest counts
SELECT is((SELECT count(*) FROM (SELECT '(co-production=9223372036854775806,co-construction=1,co-management=0,co-design=0,skipped=9223372036854775807,scored=9223372036854775807,voluntariness_sum=9223372036854775807,system_locus_sum=0)'::cx.quadrant_profile AS p) AS t,
                  LATERAL (VALUES (cx.share(p, 'co-production')), (cx.share(p, 'co-construction')),
                                  ((cx.centroid(p)).voluntariness), ((cx.centroid(p)).system_locus)) AS f(x)
           WHERE x IS NULL OR x::text IN ('Infinity', '-Infinity', 'NaN')),
	0::bigint, 'quadrant shares and centroid are finite for the largest counts');

SELECT * FROM finish();
ROLLBACK;
