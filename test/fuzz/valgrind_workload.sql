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
