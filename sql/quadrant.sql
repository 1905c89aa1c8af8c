-- co-production quadrants: classifiers, labels, profiles
SET extra_float_digits = 0;

-- every quadrant from yes/no answers
SELECT v, s, cx.quadrant(v, s), cx.label(cx.quadrant(v, s))
FROM (VALUES (false, false), (false, true), (true, false), (true, true)) AS t(v, s)
ORDER BY 3;

-- scores, with the threshold boundary: exactly the threshold counts as voluntary / system level
SELECT v, s, cx.quadrant(v, s) AS default_threshold, cx.quadrant(v, s, 0.8) AS threshold_08
FROM (VALUES (0.0, 0.0), (0.49999, 0.5), (0.5, 0.49999), (0.5, 0.5), (0.8, 1.0), (1.0, 0.79)) AS t(v, s);

SELECT cx.quadrant(NULL::boolean, true) IS NULL AS null_flag,
       cx.quadrant(0.3, NULL) IS NULL AS null_score,
       cx.quadrant(0.3, 0.3, NULL) IS NULL AS null_threshold;

-- enum order and labels
SELECT q, cx.label(q) FROM unnest(enum_range(NULL::cx.quadrant)) AS q ORDER BY q;

-- errors name the argument
SELECT cx.quadrant('NaN'::float8, 0.5);
SELECT cx.quadrant(0.5, 1.5);
SELECT cx.quadrant(0.5, -0.1);
SELECT cx.quadrant(0.5, 0.5, 'Infinity');

-- profiles
CREATE TABLE assessment (service text, voluntariness float8, system_locus float8,
                         voluntary boolean, system_level boolean);
INSERT INTO assessment VALUES
	('care',    0.1, 0.2, false, false),
	('care',    0.2, 0.1, false, false),
	('care',    0.3, 0.7, false, true),
	('care',    0.9, 0.3, true,  false),
	('schools', 0.6, 0.6, true,  true),
	('schools', 0.75, 0.8, true, true),
	('schools', NULL, 0.5, NULL, true),
	('tax',     0.0, 0.0, false, false);

SELECT service, p, cx.n(p), cx.skipped(p), cx.dominant(p),
       cx.count(p, 'co-design'), cx.share(p, 'co-production'), (cx.centroid(p)).*
FROM (SELECT service, cx.quadrant_agg(voluntariness, system_locus) AS p
      FROM assessment GROUP BY service) AS s
ORDER BY service;

SELECT service, cx.quadrant_agg(voluntary, system_level) AS p
FROM assessment GROUP BY service ORDER BY service;

-- an empty input gives an empty profile, not NULL
SELECT p, cx.n(p), cx.share(p, 'co-design'), cx.dominant(p), (cx.centroid(p)).*
FROM (SELECT cx.quadrant_agg(voluntariness, system_locus) AS p FROM assessment WHERE false) AS e;

-- ties go to the lower quadrant
SELECT cx.dominant(cx.quadrant_agg(v, s))
FROM (VALUES (true, true), (false, true), (true, true), (false, true)) AS t(v, s);

-- merge of per-service profiles equals one pass
SELECT (SELECT cx.merge(p) FROM (SELECT cx.quadrant_agg(voluntariness, system_locus) AS p
                                 FROM assessment GROUP BY service) s)::text
     = (SELECT cx.quadrant_agg(voluntariness, system_locus) FROM assessment)::text AS merge_equals_one_pass;

-- jsonb
SELECT jsonb_pretty(cx.quadrant_agg(voluntariness, system_locus)::jsonb) FROM assessment;
SELECT cx.to_jsonb(cx.quadrant_agg(voluntariness, system_locus)) FROM assessment WHERE false;

-- text round trip, and malformed input
SELECT '(co-production=1,co-construction=2,co-management=3,co-design=4,skipped=5,scored=2,voluntariness_sum=0.75,system_locus_sum=1.5)'::cx.quadrant_profile;
SELECT (cx.centroid('(co-production=1,co-construction=2,co-management=3,co-design=4,skipped=5,scored=2,voluntariness_sum=0.75,system_locus_sum=1.5)')).*;
SELECT '(co-production=1)'::cx.quadrant_profile;
SELECT '(co-production=-1,co-construction=0,co-management=0,co-design=0,skipped=0,scored=0,voluntariness_sum=0,system_locus_sum=0)'::cx.quadrant_profile;
SELECT '(co-production=1,co-construction=0,co-management=0,co-design=0,skipped=0,scored=2,voluntariness_sum=0,system_locus_sum=0)'::cx.quadrant_profile;
SELECT '(co-production=1,co-construction=0,co-management=0,co-design=0,skipped=0,scored=1,voluntariness_sum=1.5,system_locus_sum=0)'::cx.quadrant_profile;
SELECT '(co-production=99999999999999999999,co-construction=0,co-management=0,co-design=0,skipped=0,scored=0,voluntariness_sum=0,system_locus_sum=0)'::cx.quadrant_profile;
