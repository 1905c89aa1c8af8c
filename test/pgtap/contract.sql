-- Issue 10 §7, smaller points of the contract, for the four summary types:
--  - the stored format version is checked whenever a value is read, not only
--    on input: every function that takes a summary rejects a value of
--    another format version (22P03) instead of misreading it;
--  - 2-D arrays are rejected (22023) wherever an array argument is taken;
--  - NULL arguments that name something: where NULL means "unknown" the
--    result is NULL; where it is a caller's mistake, 22004.
BEGIN;
SELECT plan(26);
SET LOCAL TimeZone = 'UTC';

-- The stored bytes of a summary and back, without validation: what a value
-- written by another release, or bytes that never were a summary, look like
-- to this one.  (byteasend returns its argument's bytes unchanged.)
CREATE FUNCTION pg_temp.bytes(cx.journey) RETURNS bytea LANGUAGE internal IMMUTABLE STRICT AS 'byteasend';
CREATE FUNCTION pg_temp.bytes(cx.scores) RETURNS bytea LANGUAGE internal IMMUTABLE STRICT AS 'byteasend';
CREATE FUNCTION pg_temp.bytes(cx.customer_value) RETURNS bytea LANGUAGE internal IMMUTABLE STRICT AS 'byteasend';
CREATE FUNCTION pg_temp.bytes(cx.quadrant_profile) RETURNS bytea LANGUAGE internal IMMUTABLE STRICT AS 'byteasend';
CREATE FUNCTION pg_temp.as_journey(bytea) RETURNS cx.journey LANGUAGE internal IMMUTABLE STRICT AS 'byteasend';
CREATE FUNCTION pg_temp.as_scores(bytea) RETURNS cx.scores LANGUAGE internal IMMUTABLE STRICT AS 'byteasend';
CREATE FUNCTION pg_temp.as_customer_value(bytea) RETURNS cx.customer_value LANGUAGE internal IMMUTABLE STRICT AS 'byteasend';
CREATE FUNCTION pg_temp.as_quadrant_profile(bytea) RETURNS cx.quadrant_profile LANGUAGE internal IMMUTABLE STRICT AS 'byteasend';

-- a valid value of each type, and the same bytes with version byte 2
CREATE TEMP TABLE good AS
SELECT cx.journey_agg(timestamptz '2026-01-01' + i * interval '1 hour', 'apply', i, 'web') AS j,
       cx.scores_agg(i, 1, 5) AS s, cx.value_agg('effort', i, 1, 5) AS v,
       cx.quadrant_agg(i / 5.0, 0.5) AS p
FROM generate_series(1, 5) AS i;
CREATE TEMP TABLE stored AS
SELECT pg_temp.as_journey(set_byte(pg_temp.bytes(j), 0, 2)) AS j,
       pg_temp.as_scores(set_byte(pg_temp.bytes(s), 0, 2)) AS s,
       pg_temp.as_customer_value(set_byte(pg_temp.bytes(v), 0, 2)) AS v,
       pg_temp.as_quadrant_profile(set_byte(pg_temp.bytes(p), 0, 2)) AS p
FROM good;

SELECT is((SELECT cx.n(pg_temp.as_journey(pg_temp.bytes(j))) FROM good), 5::bigint,
	'the unchecked byte copy of a valid journey reads as that journey');
SELECT throws_ok($$SELECT cx.n(j) FROM stored$$, '22P03', 'unsupported cx.journey format version 2',
	'cx.n of a journey stored in format version 2: 22P03, not a misread count');
SELECT throws_ok($$SELECT j::text FROM stored$$, '22P03', 'unsupported cx.journey format version 2',
	'its text output: 22P03');
SELECT throws_ok($$SELECT cx.mean(s) FROM stored$$, '22P03', 'unsupported cx.scores format version 2',
	'cx.mean of scores stored in format version 2: 22P03');
SELECT throws_ok($$SELECT cx.mean(v, 'effort') FROM stored$$, '22P03', 'unsupported cx.customer_value format version 2',
	'cx.mean of a customer value stored in format version 2: 22P03');
SELECT throws_ok($$SELECT cx.n(p) FROM stored$$, '22P03', 'unsupported cx.quadrant_profile format version 2',
	'cx.n of a quadrant profile stored in format version 2: 22P03');
SELECT throws_ok($$SELECT cx.n(pg_temp.as_journey(set_byte(pg_temp.bytes(j), 0, 0))) FROM good$$, '22P03',
	'unsupported cx.journey format version 0', 'version byte 0: 22P03');
SELECT throws_ok($$SELECT cx.n(pg_temp.as_scores(''::bytea))$$, '22P03', 'invalid cx.scores value',
	'a value too short for a version byte: 22P03');

-- Every function (and aggregate) that takes a summary, called with the
-- version-2 value in each summary position and valid other arguments: the
-- calls that do not fail with 22P03 "unsupported ... format version 2".
CREATE FUNCTION pg_temp.sample(type regtype, name text) RETURNS text LANGUAGE sql AS $$
	SELECT CASE type
		WHEN 'text'::regtype THEN CASE name WHEN 'peak' THEN '''worst''' WHEN 'mode' THEN '''any'''
		                                    WHEN 'model' THEN '''get-give''' ELSE '''apply''' END
		WHEN 'double precision'::regtype THEN '3::float8'
		WHEN 'integer'::regtype THEN '1'
		WHEN 'bigint'::regtype THEN '1::bigint'
		WHEN 'numeric'::regtype THEN '5::numeric'
		WHEN 'date[]'::regtype THEN '''{}''::date[]'
		WHEN 'integer[]'::regtype THEN '''{6,7}''::int[]'
		WHEN 'cx.rate'::regtype THEN 'cx.rate(1, 2)'
		WHEN 'interval'::regtype THEN '''1 day''::interval'
		WHEN 'text[]'::regtype THEN '''{apply}''::text[]'
		WHEN 'double precision[]'::regtype THEN '''{3}''::float8[]'
		WHEN 'boolean'::regtype THEN 'true'
		WHEN 'cx.quadrant'::regtype THEN '''co-design''::cx.quadrant'
		WHEN 'timestamp with time zone'::regtype THEN 'now()'
		WHEN 'cx.journey'::regtype THEN '(SELECT j FROM good)'
		WHEN 'cx.scores'::regtype THEN '(SELECT s FROM good)'
		WHEN 'cx.customer_value'::regtype THEN '(SELECT v FROM good)'
		WHEN 'cx.quadrant_profile'::regtype THEN '(SELECT p FROM good)'
	END
$$;
CREATE FUNCTION pg_temp.misread() RETURNS SETOF text LANGUAGE plpgsql AS $$
DECLARE
	f record;
	bad text;
	call text;
	state text;
	message text;
BEGIN
	FOR f IN
		SELECT p.oid, p.prokind, a.types, coalesce(p.proargnames, '{}') AS names, t.type, t.col, pos
		FROM pg_proc p,
		     LATERAL (SELECT ARRAY(SELECT unnest(p.proargtypes::regtype[])) AS types) AS a,	-- 1-based
		     (VALUES ('cx.journey'::regtype, 'j'), ('cx.scores', 's'), ('cx.customer_value', 'v'),
		             ('cx.quadrant_profile', 'p')) AS t(type, col),
		     LATERAL generate_subscripts(a.types, 1) AS pos
		WHERE p.pronamespace = 'cx'::regnamespace AND p.prokind IN ('f', 'a')
		  AND a.types[pos] = t.type
		  AND NOT 'internal'::regtype = ANY (a.types)
		ORDER BY p.oid::regprocedure::text, pos
	LOOP
		call := format('%s.%I(%s)', 'cx', (SELECT proname FROM pg_proc WHERE oid = f.oid),
			(SELECT string_agg(CASE WHEN i = f.pos THEN '(SELECT ' || f.col || ' FROM stored)'
			                        ELSE pg_temp.sample(f.types[i], f.names[i]) END, ', ' ORDER BY i)
			 FROM generate_subscripts(f.types, 1) AS i));
		IF f.prokind = 'a' THEN
			call := 'SELECT ' || call || ' FROM (VALUES (1), (2)) AS two';	-- two rows: the transition runs
		ELSE
			call := 'SELECT ' || call;
		END IF;
		BEGIN
			EXECUTE call;
			RETURN NEXT f.oid::regprocedure::text || ' read it: ' || call;
		EXCEPTION WHEN OTHERS THEN
			GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, message = MESSAGE_TEXT;
			IF state <> '22P03' OR message <> format('unsupported %s format version 2', f.type) THEN
				RETURN NEXT f.oid::regprocedure::text || ' raised ' || state || ' ' || message;
			END IF;
		END;
	END LOOP;
END $$;
SELECT is(ARRAY(SELECT pg_temp.misread()), '{}'::text[],
	'every function and aggregate taking a summary rejects one of another format version with 22P03');
SELECT cmp_ok((SELECT count(*) FROM pg_proc p
               WHERE p.pronamespace = 'cx'::regnamespace
                 AND p.proargtypes::regtype[] && ARRAY['cx.journey', 'cx.scores', 'cx.customer_value',
                                                       'cx.quadrant_profile']::regtype[]
                 AND NOT 'internal'::regtype = ANY (p.proargtypes::regtype[])), '>', 100::bigint,
	'and that covers over a hundred functions');
SELECT throws_ok($$SELECT j OPERATOR(cx.=) j FROM stored$$, '22P03', 'unsupported cx.journey format version 2',
	'= on a value of another format version: 22P03');
SELECT throws_ok($$SELECT DISTINCT s FROM stored$$, '22P03', 'unsupported cx.scores format version 2',
	'hashing one for DISTINCT: 22P03');
SELECT throws_ok($$SELECT j::jsonb FROM stored$$, '22P03', 'unsupported cx.journey format version 2',
	'its jsonb cast: 22P03');

-- 2-D arrays: 22023 wherever an array argument is taken
SELECT throws_ok($$SELECT cx.funnel_depth(j, '{{apply,call},{decide,pay}}') FROM good$$, '22023',
	'funnel steps must be a one-dimensional array', 'cx.funnel_depth with 2-D steps: 22023');
SELECT throws_ok($$SELECT cx.funnel_depth(j, '{{apply}}', '1 day', 'adjacent') FROM good$$, '22023',
	'funnel steps must be a one-dimensional array', 'cx.funnel_depth with 1x1 steps: 22023');
SELECT is((SELECT cx.funnel_depth(j, '[0:0]={apply}') FROM good), 1,
	'one-dimensional steps with another lower bound are fine');
SELECT throws_ok($$SELECT cx.customer_value('{{a,b},{c,d}}', '{1,2,3,4}', 1, 5)$$, '22023',
	'dimensions must be a one-dimensional array', 'cx.customer_value with 2-D dimensions: 22023');
SELECT throws_ok($$SELECT cx.customer_value('{a,b,c,d}', '{{1,2},{3,4}}', 1, 5)$$, '22023',
	'scores must be a one-dimensional array', 'cx.customer_value with 2-D scores: 22023');
SELECT throws_ok($$SELECT cx.value_agg(d, s, 1, 5) FROM (VALUES ('{{a,b},{c,d}}'::text[], '{1,2,3,4}'::float8[])) AS t(d, s)$$,
	'22023', 'dimensions must be a one-dimensional array', 'cx.value_agg wide form with 2-D dimensions: 22023');
SELECT throws_ok($$SELECT cx.value_agg(d, s, 1, 5) FROM (VALUES ('{a,b,c,d}'::text[], '{{1,2},{3,4}}'::float8[])) AS t(d, s)$$,
	'22023', 'scores must be a one-dimensional array', 'cx.value_agg wide form with 2-D scores: 22023');

-- NULL names: a NULL stage, dimension or quadrant is unknown, so is the figure
SELECT is((SELECT ARRAY[cx.reached(j, NULL)::text, cx.time_to(j, NULL)::text, cx.dwell(j, NULL)::text,
                        cx.funnel_depth(j, NULL)::text] FROM good),
	ARRAY[NULL, NULL, NULL, NULL]::text[],
	'journeys: a NULL stage (or steps) is unknown, the figure NULL');
SELECT is((SELECT ARRAY[cx.mean(v, NULL), cx.variance(v, NULL), cx.stddev(v, NULL)] FROM good),
	ARRAY[NULL, NULL, NULL]::float8[], 'customer values: a NULL dimension gives NULL figures');
SELECT is((SELECT ARRAY[cx.n(v, NULL), cx.missing(v, NULL)] FROM good), ARRAY[NULL, NULL]::bigint[],
	'and NULL counts');
SELECT is((SELECT ARRAY[cx.count(p, NULL)::float8, cx.share(p, NULL)] FROM good), ARRAY[NULL, NULL]::float8[],
	'quadrant profiles: a NULL quadrant gives NULL');
-- a NULL mode is NULL too, as date_trunc(NULL, t) is: the mode may come from a column
SELECT is((SELECT ARRAY[cx.peak_end(j, NULL), cx.funnel_depth(j, '{apply}', NULL, NULL)::float8] FROM good),
	ARRAY[NULL, NULL]::float8[], 'a NULL peak or funnel mode gives NULL, as date_trunc(NULL, t) does');
-- a NULL inside a list of names is a mistake
SELECT throws_ok($$SELECT cx.funnel_depth(j, ARRAY['apply', NULL]) FROM good$$, '22004',
	'funnel steps must not be NULL', 'a NULL funnel step: 22004');

SELECT * FROM finish();
ROLLBACK;
