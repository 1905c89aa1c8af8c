-- Functions the pgTAP suites and the multi-server checks share, in schema
-- cx_test of the test database.
CREATE SCHEMA IF NOT EXISTS cx_test;

-- A query's plan as one text, for matching its shape.
CREATE FUNCTION cx_test.plan_of(query text, remote_sql boolean DEFAULT false)
RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	line text;
	plan text := '';
BEGIN
	FOR line IN EXECUTE format('EXPLAIN (COSTS OFF, VERBOSE %s) %s',
								 CASE WHEN remote_sql THEN 'true' ELSE 'false' END, query) LOOP
		plan := plan || line || E'\n';
	END LOOP;
	RETURN plan;
END $$;

-- A digest of a query's rows in a fixed order, for comparing two results.
CREATE FUNCTION cx_test.rows_of(query text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	result text;
BEGIN
	EXECUTE format('SELECT md5(string_agg(r::text, E''\n'' ORDER BY r::text)) FROM (%s) r', query)
		INTO result;
	RETURN result;
END $$;
