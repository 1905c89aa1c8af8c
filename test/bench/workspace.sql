-- The workspace's journey figures per service (journeys, median duration,
-- repeat-contact rate, mean channel switches) over the synthetic sample of
-- test/data/synthetic.sql: 100,000 journeys, about 480,000 touchpoints.
-- cxvalue: the journey_summary view (cx.journey_agg and its accessors);
-- plain SQL: what an analyst writes with lag() and count(DISTINCT);
-- floor: count(*), avg(score) ... GROUP BY journey.
SET max_parallel_workers_per_gather = 0;
SELECT cx.create_workspace('bench_ws');
\ir ../data/synthetic.sql
SELECT cx_synthetic('bench_ws', 100000, 1);
VACUUM ANALYZE bench_ws.journeys, bench_ws.touchpoints;

SELECT bench.compare('scorecard journey figures (100k journeys, 480k touchpoints)',
	$$SELECT service, count(*) AS journeys,
	         percentile_cont(0.5) WITHIN GROUP (ORDER BY duration) AS median_duration,
	         avg(repeat_contact::int) AS repeat_contact_rate,
	         avg(channel_switches) AS channel_switches
	  FROM bench_ws.journey_summary GROUP BY service$$,
	$$WITH switches AS (
	    SELECT service, journey_id, count(*) FILTER (WHERE channel <> previous) AS switches
	    FROM (SELECT service, journey_id, channel,
	                 lag(channel) OVER (PARTITION BY service, journey_id
	                                    ORDER BY at, stage, channel, score) AS previous
	          FROM bench_ws.touchpoints WHERE channel IS NOT NULL) t
	    GROUP BY service, journey_id),
	  journeys AS (
	    SELECT service, journey_id, max(at) - min(at) AS duration,
	           count(*) > count(DISTINCT stage) AS repeated
	    FROM bench_ws.touchpoints GROUP BY service, journey_id)
	  SELECT j.service, count(*),
	         percentile_cont(0.5) WITHIN GROUP (ORDER BY j.duration),
	         avg(j.repeated::int), avg(s.switches)
	  FROM journeys j LEFT JOIN switches s USING (service, journey_id)
	  GROUP BY j.service$$,
	$$SELECT service, journey_id, count(*), avg(score) FROM bench_ws.touchpoints GROUP BY service, journey_id$$);
