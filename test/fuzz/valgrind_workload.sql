-- What the valgrind run executes besides the fuzzer: every aggregate,
-- accessor and merge over a little data, so their memory use is checked too.
CREATE TABLE a AS
SELECT i % 5 AS grp, (i % 11) / 10.0::float8 AS v, (i % 13) / 12.0::float8 AS s,
       CASE WHEN i % 7 = 0 THEN NULL ELSE i % 3 = 0 END AS vb, i % 2 = 0 AS sb
FROM generate_series(1, 500) AS i;
SELECT grp, p::text, p::jsonb, cx.n(p), cx.skipped(p), cx.dominant(p), cx.centroid(p),
       cx.share(p, 'co-design'), cx.count(p, 'co-production')
FROM (SELECT grp, cx.quadrant_agg(v, s) AS p FROM a GROUP BY grp) t;
SELECT cx.merge(p) FROM (SELECT grp, cx.quadrant_agg(vb, sb) AS p FROM a GROUP BY grp) t;
SELECT cx.quadrant_agg(v, s) OVER (ORDER BY v, s ROWS 9 PRECEDING) FROM a;
SELECT cx.label(cx.quadrant(v, s, 0.3)) FROM a;

-- journeys
CREATE TABLE tp AS
SELECT i / 7 AS j, timestamptz '2026-01-01' + (i * 37 % 500) * interval '1 hour' AS at,
       (ARRAY['apply', 'call', 'verify', 'decide'])[1 + i % 4] AS stage,
       CASE WHEN i % 5 = 0 THEN NULL ELSE (1 + i % 5)::float8 END AS score,
       (ARRAY['web', 'phone', NULL])[1 + i % 3] AS channel
FROM generate_series(1, 700) AS i;
SELECT j, x::text, x::jsonb, cx.n(x), cx.duration(x), cx.path(x), cx.channels(x), cx.channel_switches(x),
       cx.repeats(x), cx.repeats(x, '2 days'), cx.mean_score(x), cx.end_score(x), cx.peak_end(x),
       cx.peak_end(x, 'extreme', 3), cx.trend(x), cx.worst_stage(x), cx.fail_points(x, 3),
       cx.reached(x, 'verify'), cx.time_to(x, 'decide'), cx.dwell(x, 'call'),
       cx.funnel_depth(x, ARRAY['apply', 'call', 'decide']),
       cx.funnel_depth(x, ARRAY['apply', 'call'], '1 day', 'adjacent')
FROM (SELECT j, cx.journey_agg(at, stage, score, channel) AS x FROM tp GROUP BY j) t;
SELECT (cx.touchpoints(x)).*, (cx.transitions(x)).* FROM (SELECT cx.journey_agg(at, stage, score, channel) AS x FROM tp WHERE j < 3) t;
SELECT cx.merge(x)::text FROM (SELECT at::date, cx.journey_agg(at, stage, score, channel) AS x FROM tp GROUP BY 1) t;

-- survey scores
SELECT s::text, s::jsonb, cx.mean(s), cx.stddev(s), cx.median(s), cx.histogram(s), cx.top_box(s),
       cx.bottom_box(s), cx.csat(s), cx.top_box_ci(s)
FROM (SELECT j % 5 AS g, cx.scores_agg((j % 5 + 1)::int, 1, 5) AS s FROM tp GROUP BY 1) t;
SELECT cx.nps(s), cx.nps_ci(s) FROM (SELECT cx.scores_agg((j % 11)::int, 0, 10) AS s FROM tp) t;
SELECT cx.merge(s) OVER (ORDER BY g ROWS 1 PRECEDING)::text
FROM (SELECT j % 5 AS g, cx.scores_agg((j % 5 + 1)::int, 1, 5) AS s FROM tp GROUP BY 1) t;

-- customer value
SELECT v::text, v::jsonb, cx.dimensions(v), cx.benefits(v), cx.sacrifices(v), cx.value_index(v),
       cx.value_ratio(v), cx.co_destruction(v), cx.mean(v, 'functional')
FROM (SELECT j % 3 AS g, cx.value_agg((ARRAY['functional', 'time', 'effort', 'emotional'])[1 + j % 4], score, 1, 5) AS v
      FROM tp GROUP BY 1) t;
SELECT cx.merge(cx.customer_value(ARRAY['perceived', 'expected'], ARRAY[score, 3], 1, 5))::text FROM tp;
SELECT cx.disconfirmation(cx.value_agg(ARRAY['perceived', 'expected'], ARRAY[score, 3], 1, 5)) FROM tp;

-- driver analysis
SELECT d::text, d::jsonb, cx.n(d), cx.skipped(d), cx.names(d), cx.r2(d)
FROM (SELECT j % 3 AS g, cx.drivers_agg(score, ARRAY[j % 7, (j * 13) % 5, score * (j % 2)], ARRAY['a', 'b', 'c']) AS d
      FROM tp GROUP BY 1) t;
SELECT (cx.correlations(d)).*, (cx.importance(d)).* FROM (SELECT cx.merge(d) AS d FROM (
	SELECT cx.drivers_agg(score, ARRAY[j % 7, (j * 13) % 5, score * (j % 2)], ARRAY['a', 'b', 'c']) AS d
	FROM tp GROUP BY j % 4) t) m;
SELECT (cx.coefficients(cx.drivers_agg(score, ARRAY[j % 7, (j * 13) % 5], ARRAY['a', 'b']))).* FROM tp;
SELECT cx.importance(cx.drivers_agg(score, x, n)) FROM (
	SELECT score, array_agg(((r * i * 7919) % 101)::float8 ORDER BY i) AS x, array_agg('d' || i ORDER BY i) AS n
	FROM (SELECT row_number() OVER () AS r, score FROM tp) t, generate_series(1, 14) AS i GROUP BY r, score) t;
