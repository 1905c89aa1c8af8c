-- A driver analysis with 8 drivers over 10M rows (CX_BENCH_ROWS to change
-- it): cx.drivers_agg and its accessors against the same regression in
-- plain SQL (PostgreSQL's pairwise regr_sxx / regr_sxy / corr aggregates
-- for the 45 sums of products, then the 8 x 8 normal equations solved by a
-- small plpgsql Gauss-Jordan elimination, which costs nothing next to the
-- scan), and against the floor count(*), avg(y) over the same rows.
\getenv bench_rows CX_BENCH_ROWS
\if :{?bench_rows}
\else
\set bench_rows 10000000
\endif
SET max_parallel_workers_per_gather = 0;

SELECT setseed(0.15);
CREATE TABLE bench.driver_rows AS
SELECT y + 0.8 * x1 + 0.5 * x2 - 0.3 * x3 + 0.2 * x4 + 0.1 * x5 + 0.05 * x6 - 0.4 * x7 + 0.6 * x8 AS y,
       x1, x2, x3, x4, x5, x6, x7, x8
FROM (SELECT random() AS y, c + random() AS x1, c + random() AS x2, random() AS x3, c + random() AS x4,
             random() AS x5, random() + random() AS x6, c * 2 + random() AS x7, random() AS x8
      FROM (SELECT random() AS c FROM generate_series(1, :bench_rows)) s) t;
VACUUM ANALYZE bench.driver_rows;

-- Solve a x = b (a n x n, row-major) by Gauss-Jordan elimination with
-- partial pivoting.
CREATE FUNCTION bench.solve(a float8[], b float8[]) RETURNS float8[]
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
	n int := array_length(b, 1);
	m float8[][] := array_fill(0::float8, ARRAY[n, n + 1]);
	p int;
	f float8;
	t float8;
BEGIN
	FOR i IN 1 .. n LOOP
		FOR j IN 1 .. n LOOP m[i][j] := a[(i - 1) * n + j]; END LOOP;
		m[i][n + 1] := b[i];
	END LOOP;
	FOR c IN 1 .. n LOOP
		p := c;
		FOR i IN c + 1 .. n LOOP IF abs(m[i][c]) > abs(m[p][c]) THEN p := i; END IF; END LOOP;
		FOR j IN 1 .. n + 1 LOOP t := m[c][j]; m[c][j] := m[p][j]; m[p][j] := t; END LOOP;
		FOR i IN 1 .. n LOOP
			IF i <> c THEN
				f := m[i][c] / m[c][c];
				FOR j IN c .. n + 1 LOOP m[i][j] := m[i][j] - f * m[c][j]; END LOOP;
			END IF;
		END LOOP;
	END LOOP;
	RETURN (SELECT array_agg(m[i][n + 1] / m[i][i] ORDER BY i) FROM generate_series(1, n) i);
END $$;

SELECT bench.compare('drivers: OLS coefficients, 8 drivers (' || :bench_rows || ' rows)',
	$$SELECT driver, round(coefficient::numeric, 9) AS coefficient
	  FROM cx.coefficients((SELECT cx.drivers_agg(y, ARRAY[x1, x2, x3, x4, x5, x6, x7, x8],
	                                              ARRAY['x1', 'x2', 'x3', 'x4', 'x5', 'x6', 'x7', 'x8'])
	                        FROM bench.driver_rows))$$,
	$$WITH s AS (
	    SELECT ARRAY[regr_sxx(x1, x1), regr_sxy(x1, x2), regr_sxy(x1, x3), regr_sxy(x1, x4), regr_sxy(x1, x5), regr_sxy(x1, x6), regr_sxy(x1, x7), regr_sxy(x1, x8),
	                 regr_sxy(x2, x1), regr_sxx(x2, x2), regr_sxy(x2, x3), regr_sxy(x2, x4), regr_sxy(x2, x5), regr_sxy(x2, x6), regr_sxy(x2, x7), regr_sxy(x2, x8),
	                 regr_sxy(x3, x1), regr_sxy(x3, x2), regr_sxx(x3, x3), regr_sxy(x3, x4), regr_sxy(x3, x5), regr_sxy(x3, x6), regr_sxy(x3, x7), regr_sxy(x3, x8),
	                 regr_sxy(x4, x1), regr_sxy(x4, x2), regr_sxy(x4, x3), regr_sxx(x4, x4), regr_sxy(x4, x5), regr_sxy(x4, x6), regr_sxy(x4, x7), regr_sxy(x4, x8),
	                 regr_sxy(x5, x1), regr_sxy(x5, x2), regr_sxy(x5, x3), regr_sxy(x5, x4), regr_sxx(x5, x5), regr_sxy(x5, x6), regr_sxy(x5, x7), regr_sxy(x5, x8),
	                 regr_sxy(x6, x1), regr_sxy(x6, x2), regr_sxy(x6, x3), regr_sxy(x6, x4), regr_sxy(x6, x5), regr_sxx(x6, x6), regr_sxy(x6, x7), regr_sxy(x6, x8),
	                 regr_sxy(x7, x1), regr_sxy(x7, x2), regr_sxy(x7, x3), regr_sxy(x7, x4), regr_sxy(x7, x5), regr_sxy(x7, x6), regr_sxx(x7, x7), regr_sxy(x7, x8),
	                 regr_sxy(x8, x1), regr_sxy(x8, x2), regr_sxy(x8, x3), regr_sxy(x8, x4), regr_sxy(x8, x5), regr_sxy(x8, x6), regr_sxy(x8, x7), regr_sxx(x8, x8)] AS sxx,
	           ARRAY[regr_sxy(y, x1), regr_sxy(y, x2), regr_sxy(y, x3), regr_sxy(y, x4),
	                 regr_sxy(y, x5), regr_sxy(y, x6), regr_sxy(y, x7), regr_sxy(y, x8)] AS sxy,
	           ARRAY[avg(x1), avg(x2), avg(x3), avg(x4), avg(x5), avg(x6), avg(x7), avg(x8)] AS mx,
	           avg(y) AS my
	    FROM bench.driver_rows
	    WHERE y IS NOT NULL AND x1 IS NOT NULL AND x2 IS NOT NULL AND x3 IS NOT NULL AND x4 IS NOT NULL
	      AND x5 IS NOT NULL AND x6 IS NOT NULL AND x7 IS NOT NULL AND x8 IS NOT NULL),
	  b AS (SELECT bench.solve(sxx, sxy) AS beta, mx, my FROM s)
	  SELECT '(intercept)', round((my - (SELECT sum(beta[i] * mx[i]) FROM generate_series(1, 8) i))::numeric, 9) FROM b
	  UNION ALL
	  SELECT 'x' || i, round(beta[i]::numeric, 9) FROM b, generate_series(1, 8) i$$,
	$$SELECT count(*), avg(y) FROM bench.driver_rows$$);

SELECT bench.compare('drivers: correlations with the outcome, 8 drivers (' || :bench_rows || ' rows)',
	$$SELECT driver, round(r::numeric, 12) AS r
	  FROM cx.correlations((SELECT cx.drivers_agg(y, ARRAY[x1, x2, x3, x4, x5, x6, x7, x8],
	                                              ARRAY['x1', 'x2', 'x3', 'x4', 'x5', 'x6', 'x7', 'x8'])
	                        FROM bench.driver_rows))$$,
	$$SELECT 'x' || i, round(r[i]::numeric, 12)
	  FROM (SELECT ARRAY[corr(y, x1), corr(y, x2), corr(y, x3), corr(y, x4),
	                     corr(y, x5), corr(y, x6), corr(y, x7), corr(y, x8)] AS r
	        FROM bench.driver_rows) s, generate_series(1, 8) i$$,
	$$SELECT count(*), avg(y) FROM bench.driver_rows$$);

-- (rounded: parallel partials merge equal to float rounding only)
SELECT bench.speedup('drivers: OLS coefficients, 8 drivers (' || :bench_rows || ' rows)',
	$$SELECT driver, round(coefficient::numeric, 9), round(std_error::numeric, 9)
	  FROM cx.coefficients((SELECT cx.drivers_agg(y, ARRAY[x1, x2, x3, x4, x5, x6, x7, x8],
	                                              ARRAY['x1', 'x2', 'x3', 'x4', 'x5', 'x6', 'x7', 'x8'])
	                        FROM bench.driver_rows))$$);
