-- Rates over 10M outcomes grouped by service and month: cx.rate_agg and its
-- accessors against the count(*) FILTER formulation an analyst writes for
-- the same figures, with the Wilson interval computed in plain SQL too.
-- Target (issue 14): within 1.2x of the count floor.
SET max_parallel_workers_per_gather = 0;

-- 100 services, one year of months, an outcome true 70%, false 28%,
-- unknown (NULL) 2%.
CREATE TABLE bench.outcome AS
SELECT service, date '2025-01-01' + (((i / 100) % 12)::int * interval '1 month') AS month,
       CASE WHEN h < 20 THEN NULL ELSE h < 720 END AS ok
FROM (SELECT i % 100 AS service, i, (i * 2654435761) % 1000 AS h
      FROM generate_series(1::bigint, 10000000) AS i) AS g;
VACUUM ANALYZE bench.outcome;

SELECT bench.compare('completion rate per service and month: successes, trials, skipped (10M outcomes, 1,200 groups)',
	$$SELECT service, month, cx.successes(r), cx.n(r), cx.skipped(r)
	  FROM (SELECT service, month, cx.rate_agg(ok) AS r FROM bench.outcome GROUP BY service, month) t$$,
	$$SELECT service, month, count(*) FILTER (WHERE ok), count(ok), count(*) FILTER (WHERE ok IS NULL)
	  FROM bench.outcome GROUP BY service, month$$,
	$$SELECT service, month, count(*) FROM bench.outcome GROUP BY service, month$$);

SELECT bench.compare('completion rate per service and month with its 95% Wilson interval (10M outcomes, 1,200 groups)',
	$$SELECT service, month, round((e).value::numeric, 9), round((e).lower::numeric, 9), round((e).upper::numeric, 9)
	  FROM (SELECT service, month, cx.share_ci(cx.rate_agg(ok)) AS e FROM bench.outcome GROUP BY service, month) t$$,
	$$WITH c AS (SELECT service, month, count(*) FILTER (WHERE ok)::float8 AS x, count(ok)::float8 AS n
	             FROM bench.outcome GROUP BY service, month),
	  z AS (SELECT *, x / n AS p, 1.959963984540054 ^ 2 / n AS z2n FROM c)
	  SELECT service, month, round(p::numeric, 9),
	         round(((p + z2n / 2) / (1 + z2n) - 1.959963984540054 / (1 + z2n) * sqrt(p * (1 - p) / n + z2n / (4 * n)))::numeric, 9),
	         round(((p + z2n / 2) / (1 + z2n) + 1.959963984540054 / (1 + z2n) * sqrt(p * (1 - p) / n + z2n / (4 * n)))::numeric, 9)
	  FROM z$$,
	$$SELECT service, month, count(*) FROM bench.outcome GROUP BY service, month$$);

SELECT bench.speedup('cx.rate_agg per service and month, 10M outcomes',
	$$SELECT service, month, cx.rate_agg(ok)::text FROM bench.outcome GROUP BY service, month$$);
