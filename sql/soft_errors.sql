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
	('cx.quadrant_profile', '(co-production=1,co-construction=0,co-management=0,co-design=0,skipped=0,scored=1,voluntariness_sum=2,system_locus_sum=0)'),
	-- cx.rate
	('cx.rate', '(successes=0,trials=0,skipped=0)'),
	('cx.rate', '(successes=1,trials=5,skipped=1)'),
	('cx.rate', 'garbage'),
	('cx.rate', '(successes=1,trials=2)'),
	('cx.rate', '(successes=1,trials=2,skipped=-1)'),
	('cx.rate', '(successes=3,trials=2,skipped=0)'),
	('cx.rate', '(successes=0,trials=9223372036854775807,skipped=1)'),
	('cx.rate', '(successes=0,trials=99999999999999999999,skipped=0)'),
	-- cx.waits
	('cx.waits', '(skipped=0,waits={})'),
	('cx.waits', '(skipped=2,waits={86400000000:1:0,172800000000:1:1})'),
	('cx.waits', 'garbage'),
	('cx.waits', '(skipped=0,waits={1:1})'),
	('cx.waits', '(skipped=0,waits={1:1:0'),
	('cx.waits', '(skipped=0,waits={-1:1:0})'),
	('cx.waits', '(skipped=0,waits={2:1:0,1:1:0})'),
	('cx.waits', '(skipped=0,waits={1:0:0})'),
	('cx.waits', '(skipped=0,waits={1:9223372036854775807:0,2:1:0})'),
	('cx.waits', '(skipped=0,waits={1:99999999999999999999:0})'),
	-- cx.drivers
	('cx.drivers', '(n=0,skipped=0,names={},shifts={0},means={0},comoments={0})'),
	('cx.drivers', '(n=2,skipped=0,names={"say \"hi\" \\"},shifts={1,0.1},means={0.5,0.2},comoments={0.5,0.2,0.08000000000000002})'),
	('cx.drivers', 'garbage'),
	('cx.drivers', '(n=2,skipped=0,names={"a"},shifts={0,0},means={1,2},comoments={1,0,1}'),
	('cx.drivers', '(n=2,skipped=-1,names={"a"},shifts={0,0},means={1,2},comoments={1,0,1})'),
	('cx.drivers', '(n=2,skipped=0,names={"a","a"},shifts={0,0,0},means={1,2,3},comoments={1,0,0,1,0,1})'),
	('cx.drivers', '(n=2,skipped=0,names={"a"},shifts={0,0},means={NaN,2},comoments={1,0,1})'),
	('cx.drivers', '(n=2,skipped=0,names={"a"},shifts={0,0},means={1,2},comoments={1,0,-1})'),
	('cx.drivers', '(n=1,skipped=0,names={"a"},shifts={1,2},means={0},comoments={0,0,0})'),
	('cx.drivers', '(n=1,skipped=0,names={"a"},shifts={1,2},means={0,0},comoments={0,0,0,0})'),
	('cx.drivers', '(n=0,skipped=0,names={"a"},shifts={0},means={0,0},comoments={0,0,0})'),
	('cx.drivers', '(n=0,skipped=0,names={' || (SELECT string_agg(format('"d%s"', i), ',') FROM generate_series(1, 33) AS i) || '},shifts={0},means={0},comoments={0})'),
	('cx.drivers', '(n=0,skipped=0,names={"' || repeat('x', 300) || '"},shifts={0,0},means={0,0},comoments={0,0,0})'),
	('cx.drivers', '(n=2,skipped=0,names={"a"},shifts={0,0},means={1e999,2},comoments={1,0,1})'),
	('cx.drivers', '(n=99999999999999999999,skipped=0,names={},shifts={0},means={0},comoments={0})');

-- Valid inputs are valid, every bad one gives its message and SQLSTATE.
SELECT c.ord, c.type, pg_input_is_valid(c.input, c.type::text) AS valid,
	e.sql_error_code, e.message, e.detail
FROM cases c, pg_input_error_info(c.input, c.type::text) e
ORDER BY c.ord;

-- The same inputs through a plain cast still raise (hard errors).
SELECT 'garbage'::cx.journey;
SELECT '(lo=1,hi=2,missing=-1,counts={0,0})'::cx.scores;
SELECT '(successes=3,trials=2,skipped=0)'::cx.rate;
SELECT '(skipped=0,waits={2:1:0,1:1:0})'::cx.waits;
SELECT '(n=2,skipped=0,names={"a","a"},shifts={0,0,0},means={1,2,3},comoments={1,0,0,1,0,1})'::cx.drivers;

-- Many soft errors in one statement leave nothing behind: the valid ones
-- still read back exactly.
SELECT count(*) FILTER (WHERE pg_input_is_valid(s, 'cx.scores')) AS valid,
	count(*) AS tried
FROM (SELECT format('(lo=1,hi=2,missing=%s,counts={%s,0})', i % 3 - 1, i) AS s
	  FROM generate_series(1, 3000) AS i) AS t;
SELECT input::cx.journey::text = input AS round_trip
FROM cases WHERE type = 'cx.journey'::regtype AND pg_input_is_valid(input, 'cx.journey');

-- Every valid value of the three 0.2.0 summary types reads back exactly.
SELECT c.type, c.input, CASE c.type
		WHEN 'cx.rate'::regtype THEN c.input::cx.rate::text
		WHEN 'cx.waits'::regtype THEN c.input::cx.waits::text
		ELSE c.input::cx.drivers::text END = c.input AS round_trip
FROM cases c
WHERE c.type IN ('cx.rate'::regtype, 'cx.waits'::regtype, 'cx.drivers'::regtype)
	AND pg_input_is_valid(c.input, c.type::text)
ORDER BY c.ord;
