-- The benchmark framework every test/bench/*.sql file uses.
--
-- bench.compare(figure, cxvalue_query, plain_query, floor_query) first checks
-- that cxvalue_query and plain_query return the same rows (as multisets),
-- then times all three in turn, five times each after a warm-up, with
-- EXPLAIN ANALYZE (so every output column is computed but nothing is sent
-- to the client), and records the medians in bench.results.  A query that
-- disagrees is reported and not timed.
CREATE SCHEMA bench;

CREATE TABLE bench.results (
	figure text,
	cx_ms float8,
	plain_ms float8,
	floor_ms float8,
	note text
);

CREATE FUNCTION bench.execution_ms(query text) RETURNS float8
LANGUAGE plpgsql AS $$
DECLARE
	plan json;
BEGIN
	EXECUTE 'EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) ' || query INTO plan;
	RETURN (plan -> 0 ->> 'Execution Time')::float8;
END $$;

CREATE FUNCTION bench.median_ms(query text, runs int DEFAULT 5) RETURNS float8
LANGUAGE plpgsql AS $$
DECLARE
	times float8[] := '{}';
BEGIN
	PERFORM bench.execution_ms(query);	-- warm the cache
	FOR i IN 1 .. runs LOOP
		times := times || bench.execution_ms(query);
	END LOOP;
	RETURN (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY t) FROM unnest(times) AS t);
END $$;

CREATE FUNCTION bench.same_rows(a text, b text) RETURNS boolean
LANGUAGE plpgsql AS $$
DECLARE
	differing bigint;
BEGIN
	EXECUTE format('SELECT count(*) FROM ((%s EXCEPT ALL %s) UNION ALL (%s EXCEPT ALL %s)) AS d',
				   '(' || a || ')', '(' || b || ')', '(' || b || ')', '(' || a || ')')
		INTO differing;
	RETURN differing = 0;
END $$;

CREATE FUNCTION bench.compare(figure text, cx_query text, plain_query text,
							  floor_query text) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
	IF NOT bench.same_rows(cx_query, plain_query) THEN
		INSERT INTO bench.results (figure, note)
		VALUES (figure, 'RESULTS DIFFER: cxvalue and plain SQL disagree');
		RAISE WARNING '%: cxvalue and plain SQL disagree', figure;
		RETURN;
	END IF;
	INSERT INTO bench.results
	VALUES (figure, bench.median_ms(cx_query), bench.median_ms(plain_query),
			bench.median_ms(floor_query), 'results equal');
END $$;

-- Record a single timed figure that has no plain-SQL twin (a speed-up, a size).
CREATE FUNCTION bench.note(figure text, note text) RETURNS void
LANGUAGE sql AS $$ INSERT INTO bench.results (figure, note) VALUES (figure, note) $$;

-- The speed-up of a parallel plan with 2 workers against none, after checking
-- both plans give the same rows.  Returns the serial time in ms.
CREATE FUNCTION bench.speedup(figure text, query text, runs int DEFAULT 5) RETURNS float8
LANGUAGE plpgsql AS $$
DECLARE
	serial_ms float8;
	parallel_ms float8;
	serial_rows text;
	parallel_rows text;
BEGIN
	PERFORM set_config('max_parallel_workers_per_gather', '0', true);
	EXECUTE format('SELECT md5(string_agg(r::text, E''\n'' ORDER BY r::text)) FROM (%s) AS r', query) INTO serial_rows;
	serial_ms := bench.median_ms(query, runs);
	PERFORM set_config('max_parallel_workers_per_gather', '2', true);
	EXECUTE format('SELECT md5(string_agg(r::text, E''\n'' ORDER BY r::text)) FROM (%s) AS r', query) INTO parallel_rows;
	parallel_ms := bench.median_ms(query, runs);
	INSERT INTO bench.results (figure, cx_ms, note)
	VALUES (figure, parallel_ms,
			CASE WHEN serial_rows = parallel_rows
				 THEN format('parallel speed-up, 2 workers against none: %sx (serial %s ms)',
							 round((serial_ms / parallel_ms)::numeric, 2), round(serial_ms::numeric, 1))
				 ELSE 'RESULTS DIFFER between the serial and the parallel plan' END);
	RETURN serial_ms;
END $$;

CREATE VIEW bench.report AS
SELECT figure,
       round(cx_ms::numeric, 1) AS cxvalue_ms,
       round(plain_ms::numeric, 1) AS plain_sql_ms,
       round(floor_ms::numeric, 1) AS floor_ms,
       round((plain_ms / cx_ms)::numeric, 2) AS "plain/cxvalue",
       round((cx_ms / floor_ms)::numeric, 2) AS "cxvalue/floor",
       note
FROM bench.results;
