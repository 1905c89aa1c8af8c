-- Co-production quadrants over 1M assessments: cx.quadrant and
-- cx.quadrant_agg against the CASE expressions an analyst would write.
SET max_parallel_workers_per_gather = 0;

CREATE TABLE bench.assessment AS
SELECT i % 100 AS service,
       (((i::bigint * 7919) % 1000) / 999.0)::float8 AS voluntariness,
       (((i::bigint * 104729) % 1000) / 999.0)::float8 AS system_locus
FROM generate_series(1, 1000000) AS i;
VACUUM ANALYZE bench.assessment;

SELECT bench.compare('quadrant per row (1M rows)',
	$$SELECT count(*) AS n, q::text AS quadrant FROM (SELECT cx.quadrant(voluntariness, system_locus) AS q FROM bench.assessment) s GROUP BY q$$,
	$$SELECT count(*) AS n, q AS quadrant FROM (SELECT CASE WHEN voluntariness >= 0.5 THEN CASE WHEN system_locus >= 0.5 THEN 'co-design' ELSE 'co-management' END
	                                  ELSE CASE WHEN system_locus >= 0.5 THEN 'co-construction' ELSE 'co-production' END END AS q
	       FROM bench.assessment) s GROUP BY q$$,
	$$SELECT count(*), voluntariness >= 0.5, system_locus >= 0.5 FROM bench.assessment GROUP BY 2, 3$$);

SELECT bench.compare('quadrant profile per service (1M rows, 100 services)',
	$$SELECT service, cx.count(p, 'co-production') AS i, cx.count(p, 'co-construction') AS ii,
	         cx.count(p, 'co-management') AS iii, cx.count(p, 'co-design') AS iv,
	         round(cx.share(p, 'co-design')::numeric, 9) AS share_iv, cx.dominant(p)::text AS dominant,
	         round((cx.centroid(p)).voluntariness::numeric, 9) AS mean_v
	  FROM (SELECT service, cx.quadrant_agg(voluntariness, system_locus) AS p FROM bench.assessment GROUP BY service) s$$,
	$$WITH counts AS (
	    SELECT service,
	           count(*) FILTER (WHERE voluntariness < 0.5 AND system_locus < 0.5) AS i,
	           count(*) FILTER (WHERE voluntariness < 0.5 AND system_locus >= 0.5) AS ii,
	           count(*) FILTER (WHERE voluntariness >= 0.5 AND system_locus < 0.5) AS iii,
	           count(*) FILTER (WHERE voluntariness >= 0.5 AND system_locus >= 0.5) AS iv,
	           count(*) AS n, avg(voluntariness) AS mean_v
	    FROM bench.assessment GROUP BY service)
	  SELECT service, i, ii, iii, iv, round((iv::float8 / n)::numeric, 9),
	         CASE greatest(i, ii, iii, iv) WHEN i THEN 'co-production' WHEN ii THEN 'co-construction'
	              WHEN iii THEN 'co-management' ELSE 'co-design' END,
	         round(mean_v::numeric, 9)
	  FROM counts$$,
	$$SELECT service, count(*), avg(voluntariness) FROM bench.assessment GROUP BY service$$);

SELECT bench.speedup('quadrant profile per service (1M rows)',
	$$SELECT service, cx.quadrant_agg(voluntariness, system_locus) FROM bench.assessment GROUP BY service$$);
