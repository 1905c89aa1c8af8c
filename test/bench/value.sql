-- Customer value over 5M long-format answers in 1,000 services:
-- cx.value_agg + cx.value_index against the plain SQL an analyst would write
-- (per-dimension means of normalised scores, joined to the model's roles and
-- weights, combined per service), and against the floor
-- count(*), avg(score) ... GROUP BY service.
SET max_parallel_workers_per_gather = 0;

-- Twelve dimensions: the ten of the get-give model and two it does not use;
-- scores 1..5 with one in 101 NULL (counted as missing).
CREATE TABLE bench.answer AS
SELECT i % 1000 AS service,
       (ARRAY['functional', 'emotional', 'social', 'epistemic', 'conditional', 'convenience',
              'time', 'effort', 'money', 'risk', 'perceived', 'expected'])[1 + (i / 1000) % 12] AS dimension,
       CASE WHEN i % 101 = 7 THEN NULL
            ELSE 1 + ((i::bigint * 7919) % 10007) % 5 END::float8 AS score
FROM generate_series(1, 5000000) AS i;
VACUUM ANALYZE bench.answer;

SELECT bench.compare('value index per service (5M answers, 1,000 services)',
	$$SELECT service, round(cx.value_index(v)::numeric, 9) AS value_index
	  FROM (SELECT service, cx.value_agg(dimension, score, 1, 5) AS v
	        FROM bench.answer GROUP BY service) s$$,
	$$WITH means AS (
	    SELECT service, dimension, avg((score - 1) / 4) AS mean
	    FROM bench.answer GROUP BY service, dimension),
	  sides AS (
	    SELECT m.service,
	           sum(r.weight * m.mean) FILTER (WHERE r.role = 'benefit')
	             / sum(r.weight) FILTER (WHERE r.role = 'benefit') AS benefits,
	           sum(r.weight * m.mean) FILTER (WHERE r.role = 'sacrifice')
	             / sum(r.weight) FILTER (WHERE r.role = 'sacrifice') AS sacrifices
	    FROM means m
	    JOIN cx.value_model_dimension r ON r.dimension = m.dimension AND r.model = 'get-give'
	    WHERE m.mean IS NOT NULL
	    GROUP BY m.service)
	  SELECT service, round((coalesce(benefits, 0) - coalesce(sacrifices, 0))::numeric, 9)
	  FROM sides$$,
	$$SELECT service, count(*), avg(score) FROM bench.answer GROUP BY service$$);

-- (figures rounded: parallel partials merge equal to float rounding only)
SELECT bench.speedup('value index per service (5M answers)',
	$$SELECT service, round(cx.value_index(cx.value_agg(dimension, score, 1, 5))::numeric, 9)
	  FROM bench.answer GROUP BY service$$);
