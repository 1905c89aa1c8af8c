-- The README's co-production examples, verbatim: test/scripts/readme.sh
-- checks that every SQL and output block of README.md stands in a
-- sql/readme*.sql file and its expected output.
SELECT cx.quadrant(voluntary => false, system_level => false),
       cx.label(cx.quadrant(0.8, 0.9));

CREATE TABLE assessments (service text, voluntariness float8, system_locus float8);
INSERT INTO assessments VALUES
  ('residential care', 0.2, 0.1), ('residential care', 0.3, 0.2),
  ('residential care', 0.6, 0.2), ('school governance', 0.9, 0.8),
  ('school governance', 0.7, 0.6), ('online tax return', 0.1, 0.1),
  ('online tax return', NULL, 0.3);

SELECT service, cx.n(p) AS n, cx.skipped(p) AS skipped,
       cx.dominant(p) AS dominant,
       round(cx.share(p, cx.dominant(p))::numeric, 2) AS share,
       round((cx.centroid(p)).voluntariness::numeric, 2) AS voluntariness
FROM (SELECT service, cx.quadrant_agg(voluntariness, system_locus) AS p
      FROM assessments GROUP BY service) AS profiles
ORDER BY service;

SELECT cx.n(cx.merge(p)) AS n, cx.dominant(cx.merge(p)) AS dominant
FROM (SELECT cx.quadrant_agg(voluntariness, system_locus) AS p
      FROM assessments GROUP BY service) AS profiles;

SELECT cx.quadrant_agg(voluntariness, system_locus)::jsonb -> 'counts' AS counts
FROM assessments;
