-- Survey scores over 10M answers grouped by service and month: cx.scores_agg
-- and its accessors against the count(*) FILTER formulation an analyst
-- writes for the same figures, and rolling 30-day figures with the moving
-- aggregate against re-aggregating each window and against window sums.
SET max_parallel_workers_per_gather = 0;

-- 100 services, one year of days, an A-11 item on 1..5 (2% missing, skewed
-- towards agreement) and a 0..10 recommendation (1.5% missing).
CREATE TABLE bench.answer AS
SELECT service, day, date_trunc('month', day)::date AS month,
       (CASE WHEN h < 20 THEN NULL WHEN h < 80 THEN 1 WHEN h < 180 THEN 2
             WHEN h < 380 THEN 3 WHEN h < 700 THEN 4 ELSE 5 END)::int AS answer,
       (CASE WHEN h2 < 15 THEN NULL ELSE (h2 * 7 + h / 100) % 11 END)::int AS recommend
FROM (SELECT i % 100 AS service, date '2025-01-01' + ((i / 100) % 365)::int AS day,
             (i * 2654435761) % 1000 AS h, (i * 40503 + 17) % 1009 AS h2
      FROM generate_series(1::bigint, 10000000) AS i) AS g;
VACUUM ANALYZE bench.answer;

SELECT bench.compare('A-11 item per service and month: n, missing, mean, stddev, median, agree, disagree (10M answers, 1,200 groups)',
	$$SELECT service, month, cx.n(s) AS n, cx.missing(s) AS missing,
	         round(cx.mean(s)::numeric, 9) AS mean, round(cx.stddev(s)::numeric, 9) AS stddev,
	         cx.median(s) AS median,
	         round(cx.top_box(s)::numeric, 9) AS agree, round(cx.bottom_box(s)::numeric, 9) AS disagree
	  FROM (SELECT service, month, cx.scores_agg(answer, 1, 5) AS s FROM bench.answer GROUP BY service, month) t$$,
	$$WITH c AS (
	    SELECT service, month,
	           count(*) FILTER (WHERE answer = 1) AS c1, count(*) FILTER (WHERE answer = 2) AS c2,
	           count(*) FILTER (WHERE answer = 3) AS c3, count(*) FILTER (WHERE answer = 4) AS c4,
	           count(*) FILTER (WHERE answer = 5) AS c5, count(*) FILTER (WHERE answer IS NULL) AS missing
	    FROM bench.answer GROUP BY service, month),
	  f AS (SELECT *, c1 + c2 + c3 + c4 + c5 AS n,
	               (c1 + 2 * c2 + 3 * c3 + 4 * c4 + 5 * c5)::numeric / (c1 + c2 + c3 + c4 + c5) AS m
	        FROM c)
	  SELECT service, month, n, missing, round(m, 9),
	         round(sqrt((c1 * (1 - m) ^ 2 + c2 * (2 - m) ^ 2 + c3 * (3 - m) ^ 2 + c4 * (4 - m) ^ 2
	                     + c5 * (5 - m) ^ 2) / (n - 1)), 9),
	         (CASE WHEN (n - 1) / 2 < c1 THEN 1 WHEN (n - 1) / 2 < c1 + c2 THEN 2
	               WHEN (n - 1) / 2 < c1 + c2 + c3 THEN 3 WHEN (n - 1) / 2 < c1 + c2 + c3 + c4 THEN 4 ELSE 5 END
	          + CASE WHEN n / 2 < c1 THEN 1 WHEN n / 2 < c1 + c2 THEN 2
	                 WHEN n / 2 < c1 + c2 + c3 THEN 3 WHEN n / 2 < c1 + c2 + c3 + c4 THEN 4 ELSE 5 END) / 2.0,
	         round(((c4 + c5)::float8 / n)::numeric, 9), round(((c1 + c2)::float8 / n)::numeric, 9)
	  FROM f$$,
	$$SELECT service, month, count(*), avg(answer) FROM bench.answer GROUP BY service, month$$);

SELECT bench.compare('NPS with its 95% interval per service and month (10M answers, 1,200 groups)',
	$$SELECT service, month, cx.n(s) AS n, round(cx.nps(s)::numeric, 9) AS nps,
	         round((cx.nps_ci(s)).lower::numeric, 6) AS lower, round((cx.nps_ci(s)).upper::numeric, 6) AS upper
	  FROM (SELECT service, month, cx.scores_agg(recommend, 0, 10) AS s FROM bench.answer GROUP BY service, month) t$$,
	$$WITH c AS (
	    SELECT service, month, count(recommend) AS n,
	           count(*) FILTER (WHERE recommend >= 9)::float8 / count(recommend) AS p,
	           count(*) FILTER (WHERE recommend <= 6)::float8 / count(recommend) AS d
	    FROM bench.answer GROUP BY service, month)
	  SELECT service, month, n, round((100 * (p - d))::numeric, 9),
	         round((100 * (p - d) - 1.959963984540054 * 100 * sqrt((p + d - (p - d) ^ 2) / n))::numeric, 6),
	         round((100 * (p - d) + 1.959963984540054 * 100 * sqrt((p + d - (p - d) ^ 2) / n))::numeric, 6)
	  FROM c$$,
	$$SELECT service, month, count(*), avg(recommend) FROM bench.answer GROUP BY service, month$$);

SELECT bench.speedup('cx.scores_agg per service and month (10M answers)',
	$$SELECT service, month, cx.scores_agg(answer, 1, 5) FROM bench.answer GROUP BY service, month$$);

-- Rolling 30-day agree share per service and day: daily summaries rolled up
-- by the moving cx.merge (an exact inverse drops the day leaving the
-- window), against window sums of daily FILTER counts over all 10M answers,
-- and against re-aggregating every window's answers on one service (100k
-- answers; re-aggregation reads each answer 30 times, too slow for 10M).
SELECT bench.compare('rolling 30-day agree share per service and day, moving cx.merge vs window sums (10M answers, 36,500 days)',
	$$SELECT service, day, round(cx.top_box(cx.merge(s) OVER w)::numeric, 9) AS agree
	  FROM (SELECT service, day, cx.scores_agg(answer, 1, 5) AS s FROM bench.answer GROUP BY service, day) d
	  WINDOW w AS (PARTITION BY service ORDER BY day RANGE BETWEEN '29 days' PRECEDING AND CURRENT ROW)$$,
	$$SELECT service, day, round((sum(agree) OVER w::float8 / sum(n) OVER w)::numeric, 9)
	  FROM (SELECT service, day, count(*) FILTER (WHERE answer >= 4) AS agree, count(answer) AS n
	        FROM bench.answer GROUP BY service, day) d
	  WINDOW w AS (PARTITION BY service ORDER BY day RANGE BETWEEN '29 days' PRECEDING AND CURRENT ROW)$$,
	$$SELECT service, day, count(*), avg(answer) FROM bench.answer GROUP BY service, day$$);

CREATE TABLE bench.answer_one_service AS SELECT service, day, answer FROM bench.answer WHERE service = 0;
VACUUM ANALYZE bench.answer_one_service;

SELECT bench.compare('rolling 30-day agree share per day, moving cx.merge vs re-aggregating each window (100k answers, 365 days)',
	$$SELECT service, day, round(cx.top_box(cx.merge(s) OVER w)::numeric, 9) AS agree
	  FROM (SELECT service, day, cx.scores_agg(answer, 1, 5) AS s FROM bench.answer_one_service GROUP BY service, day) d
	  WINDOW w AS (PARTITION BY service ORDER BY day RANGE BETWEEN '29 days' PRECEDING AND CURRENT ROW)$$,
	$$SELECT d.service, d.day, round((count(*) FILTER (WHERE a.answer >= 4)::float8 / count(a.answer))::numeric, 9)
	  FROM (SELECT DISTINCT service, day FROM bench.answer_one_service) d
	  JOIN bench.answer_one_service a ON a.service = d.service AND a.day BETWEEN d.day - 29 AND d.day
	  GROUP BY d.service, d.day$$,
	$$SELECT service, day, count(*), avg(answer) FROM bench.answer_one_service GROUP BY service, day$$);
