-- Kaplan-Meier median wait per service over 1M cases, open cases censored:
-- cx.waits_agg and cx.median_wait against the window-function Kaplan-Meier
-- an analyst writes in plain SQL (distinct waits, at-risk counts by a
-- reverse running sum, the survival curve as exp(running sum of log(1 - d/r))),
-- results checked equal.  Target (issue 14): faster than the plain SQL.
SET max_parallel_workers_per_gather = 0;

-- 20 services, waits to the second over up to 90 days (many distinct
-- waits, some ties), 80% of the cases ended, 20% still open.
CREATE TABLE bench.cases AS
SELECT i % 20 AS service,
       make_interval(secs => ((i * 2654435761) % 7776000) * (1 + i % 20) / 20) AS waited,
       (i / 20 * 40503) % 10 < 8 AS ended
FROM generate_series(1::bigint, 1000000) AS i;
VACUUM ANALYZE bench.cases;

SELECT bench.compare('Kaplan-Meier median wait per service (1M cases, 20% open, 20 services)',
	$$SELECT service, cx.median_wait(cx.waits_agg(waited, ended)) FROM bench.cases GROUP BY service$$,
	$$WITH d AS (SELECT service, waited, count(*) FILTER (WHERE ended) AS d, count(*) AS c
	             FROM bench.cases GROUP BY service, waited),
	  r AS (SELECT service, waited, d, sum(c) OVER (PARTITION BY service ORDER BY waited DESC) AS at_risk FROM d),
	  s AS (SELECT service, waited,
	               exp(sum(ln(greatest(1 - d::float8 / at_risk, 1e-300))) OVER (PARTITION BY service ORDER BY waited)) AS surv
	        FROM r WHERE d > 0)
	  SELECT service, min(waited) FILTER (WHERE surv <= 0.5 + 1e-10) FROM s GROUP BY service$$,
	$$SELECT service, count(*) FROM bench.cases GROUP BY service$$);

SELECT bench.speedup('cx.waits_agg and median per service, 1M cases',
	$$SELECT service, cx.median_wait(cx.waits_agg(waited, ended)) FROM bench.cases GROUP BY service$$);

-- Waits in whole days (few distinct waits, small partial states): the
-- parallel plan pays off; to the second, the exact partial states are as
-- large as the data and the leader's merge of them eats the gain.
CREATE TABLE bench.case_days AS SELECT service, date_trunc('day', waited) AS waited, ended FROM bench.cases;
VACUUM ANALYZE bench.case_days;
SELECT bench.speedup('cx.waits_agg and median per service, 1M cases, waits in whole days',
	$$SELECT service, cx.median_wait(cx.waits_agg(waited, ended)) FROM bench.case_days GROUP BY service$$);
