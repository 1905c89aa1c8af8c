-- Soft input errors (PostgreSQL 16 and later): every cx type's input
-- function reports bad input through the caller's ErrorSaveContext, so
-- pg_input_is_valid() answers false and pg_input_error_info() gives the
-- message, detail and SQLSTATE, instead of raising.  PostgreSQL 15 has
-- neither function: there the file stops at once (expected/soft_errors_1.out).
SELECT current_setting('server_version_num')::int >= 160000 AS has_soft_errors \gset
\if :has_soft_errors
\else
\echo 'PostgreSQL 15: no pg_input_is_valid, nothing to test'
\quit
\endif

CREATE TEMP TABLE cases (type regtype, input text, ord serial);
INSERT INTO cases (type, input) VALUES
	-- cx.journey
	('cx.journey', '(skipped=0,touchpoints=[])'),
	('cx.journey', '(skipped=2,touchpoints=[("2024-03-01 09:00:00+00","apply",4,"web"),("2024-03-01 09:20:00+00","verify",null,null)])'),
	('cx.journey', 'garbage'),
	('cx.journey', ''),
	('cx.journey', '(skipped=-1,touchpoints=[])'),
	('cx.journey', '(skipped=99999999999999999999,touchpoints=[])'),
	('cx.journey', '(skipped=0,touchpoints=[("2024-13-01 00:00:00+00","a",1,null)])'),
	('cx.journey', '(skipped=0,touchpoints=[("294277-01-01 00:00:00+00","a",1,null)])'),
	('cx.journey', '(skipped=0,touchpoints=[("2024-01-01 00:00:00+00","a",NaN,null)])'),
	('cx.journey', '(skipped=0,touchpoints=[("2024-01-01 00:00:00+00","a",1e999,null)])'),
	('cx.journey', '(skipped=0,touchpoints=[("2024-01-01 00:00:00+00","a",1,null),("2024-01-02 00:00:00+00","b",1,null'),
	('cx.journey', '(skipped=0,touchpoints=[("2024-01-01 00:00:00+00","a\x",1,null)])'),
	-- cx.scores
	('cx.scores', '(lo=1,hi=5,missing=1,counts={0,1,2,3,4})'),
	('cx.scores', 'garbage'),
	('cx.scores', '(lo=5,hi=1,missing=0,counts={})'),
	('cx.scores', '(lo=99999999999,hi=1,missing=0,counts={})'),
	('cx.scores', '(lo=1,hi=2,missing=-1,counts={0,0})'),
	('cx.scores', '(lo=1,hi=2,missing=0,counts={0})'),
	('cx.scores', '(lo=1,hi=2,missing=0,counts={9223372036854775807,1})'),
	-- cx.customer_value
	('cx.customer_value', '(skipped=0)'),
	('cx.customer_value', '(skipped=0,"time"=(n=2,missing=1,sum=1.5,m2=0.125))'),
	('cx.customer_value', 'garbage'),
	('cx.customer_value', '(skipped=0,"a"=(n=1,missing=0,sum=5,m2=0))'),
	('cx.customer_value', '(skipped=0,"a"=(n=1,missing=0,sum=1e999,m2=0))'),
	('cx.customer_value', '(skipped=0,"b"=(n=1,missing=0,sum=1,m2=0),"a"=(n=1,missing=0,sum=1,m2=0))'),
	('cx.customer_value', '(skipped=0,"' || repeat('x', 300) || '"=(n=1,missing=0,sum=1,m2=0))'),
	-- cx.quadrant_profile
	('cx.quadrant_profile', '(co-production=1,co-construction=0,co-management=0,co-design=0,skipped=0,scored=1,voluntariness_sum=0.25,system_locus_sum=0.5)'),
	('cx.quadrant_profile', 'garbage'),
	('cx.quadrant_profile', '(co-production=1,co-construction=0,co-management=0,co-design=0,skipped=0,scored=2,voluntariness_sum=0,system_locus_sum=0)'),
	('cx.quadrant_profile', '(co-production=1,co-construction=0,co-management=0,co-design=0,skipped=0,scored=1,voluntariness_sum=0.,system_locus_sum=0)'),
	('cx.quadrant_profile', '(co-production=1,co-construction=0,co-management=0,co-design=0,skipped=0,scored=1,voluntariness_sum=2,system_locus_sum=0)');

-- Valid inputs are valid, every bad one gives its message and SQLSTATE.
SELECT c.ord, c.type, pg_input_is_valid(c.input, c.type::text) AS valid,
	e.sql_error_code, e.message, e.detail
FROM cases c, pg_input_error_info(c.input, c.type::text) e
ORDER BY c.ord;

-- The same inputs through a plain cast still raise (hard errors).
SELECT 'garbage'::cx.journey;
SELECT '(lo=1,hi=2,missing=-1,counts={0,0})'::cx.scores;

-- Many soft errors in one statement leave nothing behind: the valid ones
-- still read back exactly.
SELECT count(*) FILTER (WHERE pg_input_is_valid(s, 'cx.scores')) AS valid,
	count(*) AS tried
FROM (SELECT format('(lo=1,hi=2,missing=%s,counts={%s,0})', i % 3 - 1, i) AS s
	  FROM generate_series(1, 3000) AS i) AS t;
SELECT input::cx.journey::text = input AS round_trip
FROM cases WHERE type = 'cx.journey'::regtype AND pg_input_is_valid(input, 'cx.journey');
