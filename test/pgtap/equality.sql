-- Issue 10 §5, summaries people can compare: `=` and `<>` on cx.journey,
-- cx.scores, cx.customer_value and cx.quadrant_profile, with a btree and a
-- hash operator class, so that s::text::cx.T = s can be written and
-- DISTINCT, UNION, GROUP BY, hash and merge joins, row comparison (what
-- logical replication with REPLICA IDENTITY FULL does) and indexes work.
BEGIN;
SELECT plan(55);
SET LOCAL TimeZone = 'UTC';
SET LOCAL search_path = public, cx;

-- Summaries of every type, with duplicates: each value of `v` appears in
-- `dup` copies, built independently (through text, through binary, from rows).
CREATE TEMP TABLE summaries (type text, k int, v text);
INSERT INTO summaries
SELECT 'cx.journey', k, cx.journey_agg(timestamptz '2026-01-01' + (i * k % 7) * interval '1 hour',
                                       (ARRAY['apply', 'call', 'decide'])[1 + (i + k) % 3],
                                       CASE WHEN i % 4 = 0 THEN NULL ELSE i % 5 END,
                                       (ARRAY['web', NULL, 'phone'])[1 + i % 3])::text
FROM generate_series(1, 12) AS k, generate_series(1, k % 5) AS i GROUP BY k
UNION ALL
SELECT 'cx.scores', k, cx.scores_agg(CASE WHEN i % 6 = 0 THEN NULL ELSE 1 + (i * k) % 5 END, 1, 5)::text
FROM generate_series(1, 12) AS k, generate_series(1, k % 5) AS i GROUP BY k
UNION ALL
SELECT 'cx.customer_value', k, cx.value_agg((ARRAY['effort', 'time', 'trust'])[1 + (i + k) % 3],
                                            1 + (i * k) % 5, 1, 5)::text
FROM generate_series(1, 12) AS k, generate_series(1, k % 5) AS i GROUP BY k
UNION ALL
SELECT 'cx.quadrant_profile', k, cx.quadrant_agg(((i * k) % 11) / 10.0, ((i + k) % 11) / 10.0)::text
FROM generate_series(1, 12) AS k, generate_series(1, k % 5) AS i GROUP BY k;

-- The number of distinct text forms per type: what `=` must agree with.
CREATE TEMP TABLE distinct_texts AS
SELECT type, count(DISTINCT v) AS n FROM summaries GROUP BY type;

-- the operators and classes exist, for every type, and validate
SELECT is((SELECT count(*) FROM pg_opclass c JOIN pg_am a ON a.oid = c.opcmethod
           WHERE c.opcdefault AND c.opcintype IN ('cx.journey'::regtype, 'cx.scores'::regtype,
                                                  'cx.customer_value'::regtype, 'cx.quadrant_profile'::regtype)
             AND a.amname IN ('btree', 'hash')),
	8::bigint, 'each summary type has a default btree and a default hash operator class');
SELECT is((SELECT bool_and(amvalidate(c.oid)) FROM pg_opclass c
           WHERE c.opcnamespace = 'cx'::regnamespace), true, 'every operator class validates');
SELECT is((SELECT count(*) FROM pg_operator
           WHERE oprname IN ('=', '<>') AND oprleft = oprright
             AND oprleft IN ('cx.journey'::regtype, 'cx.scores'::regtype,
                             'cx.customer_value'::regtype, 'cx.quadrant_profile'::regtype)),
	8::bigint, '= and <> for each summary type');
SELECT is((SELECT count(DISTINCT p.prosrc) FROM pg_operator o JOIN pg_proc p ON p.oid = o.oprcode
           WHERE o.oprname = '=' AND o.oprnamespace = 'cx'::regnamespace), 1::bigint,
	'one C implementation serves = of all four types');

-- round trips through text and binary compare equal
CREATE FUNCTION pg_temp.check(type text, test text) RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE
	result boolean;
BEGIN
	EXECUTE replace(replace(test, '@F', type || '_'), '@T', type) INTO result;
	RETURN result;
END $$;
CREATE TEMP TABLE types AS SELECT unnest(ARRAY['cx.journey', 'cx.scores', 'cx.customer_value',
                                                'cx.quadrant_profile']) AS type;
SELECT ok(pg_temp.check(type, $$SELECT bool_and(v::@T::text::@T = v::@T AND NOT v::@T::text::@T <> v::@T)
                                FROM summaries WHERE type = '@T'$$), type || ': s::text::T = s')
FROM types ORDER BY type;
SELECT ok(pg_temp.check(type, $$SELECT count(*) = 0 FROM summaries a JOIN summaries b USING (type)
                                WHERE type = '@T' AND (a.v::@T = b.v::@T) <> (a.v = b.v)$$),
	type || ': = holds exactly when the text forms are equal')
FROM types ORDER BY type;
SELECT ok(pg_temp.check(type,
	$$SELECT count(*) = 0 FROM summaries a JOIN summaries b USING (type)
	          WHERE type = '@T'
	            AND (sign(@Fcmp(a.v::@T, b.v::@T)) <> -sign(@Fcmp(b.v::@T, a.v::@T))
	                 OR (a.v::@T < b.v::@T) <> (@Fcmp(a.v::@T, b.v::@T) < 0)
	                 OR (a.v::@T >= b.v::@T) <> NOT (a.v::@T < b.v::@T)
	                 OR (a.v::@T > b.v::@T) <> (b.v::@T < a.v::@T)
	                 OR (a.v::@T <= b.v::@T) <> NOT (a.v::@T > b.v::@T)
	                 OR ((a.v::@T = b.v::@T) AND (@Fhash(a.v::@T) <> @Fhash(b.v::@T)
	                     OR @Fhash_extended(a.v::@T, 42) <> @Fhash_extended(b.v::@T, 42))))$$),
	type || ': the order is total and consistent, equal values hash equally')
FROM types ORDER BY type;

-- DISTINCT, UNION, GROUP BY: hashed and sorted
CREATE FUNCTION pg_temp.count_of(query text) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
	result bigint;
BEGIN
	EXECUTE query INTO result;
	RETURN result;
END $$;
CREATE FUNCTION pg_temp.queries(type text) RETURNS TABLE (what text, query text) LANGUAGE sql AS $$
	SELECT what, replace(query, '@T', type) FROM (VALUES
		('DISTINCT', $q$SELECT count(*) FROM (SELECT DISTINCT v::@T FROM summaries WHERE type = '@T') AS d$q$),
		('UNION', $q$SELECT count(*) FROM (SELECT v::@T FROM summaries WHERE type = '@T' AND k % 2 = 0
		                                  UNION SELECT v::@T FROM summaries WHERE type = '@T' AND k % 2 = 1) AS u$q$),
		('GROUP BY', $q$SELECT count(*) FROM (SELECT v::@T, count(*) FROM summaries WHERE type = '@T'
		                                      GROUP BY v::@T) AS g$q$)) AS q(what, query)
$$;
SELECT is(pg_temp.count_of(q.query), d.n, t.type || ': ' || q.what || ' (hashed)')
FROM types t JOIN distinct_texts d USING (type), pg_temp.queries(t.type) AS q ORDER BY t.type, q.what;
SET LOCAL enable_hashagg = off;
SELECT is(pg_temp.count_of(q.query), d.n, t.type || ': ' || q.what || ' (sorted)')
FROM types t JOIN distinct_texts d USING (type), pg_temp.queries(t.type) AS q ORDER BY t.type, q.what;
RESET enable_hashagg;

-- joins on a summary: hash join and merge join give the pairs of equal text forms
CREATE TEMP TABLE journeys AS SELECT k, v::cx.journey AS j FROM summaries WHERE type = 'cx.journey';
ANALYZE journeys;
SELECT is((SELECT count(*) FROM summaries a JOIN summaries b USING (type, v) WHERE type = 'cx.journey'),
          (SELECT count(*) FROM journeys a JOIN journeys b ON a.j = b.j), 'a join on = pairs equal journeys');
SET LOCAL enable_mergejoin = off;
SET LOCAL enable_nestloop = off;
SELECT matches(cx_test.plan_of('SELECT * FROM journeys a JOIN journeys b ON a.j = b.j'), 'Hash Join',
	'journeys join by hashing');
SELECT is((SELECT count(*) FROM journeys a JOIN journeys b ON a.j = b.j),
          (SELECT count(*) FROM summaries a JOIN summaries b USING (type, v) WHERE type = 'cx.journey'),
	'the hash join pairs equal journeys');
SET LOCAL enable_hashjoin = off;
SET LOCAL enable_mergejoin = on;
SELECT matches(cx_test.plan_of('SELECT * FROM journeys a JOIN journeys b ON a.j = b.j'), 'Merge Join',
	'journeys join by merging');
SELECT is((SELECT count(*) FROM journeys a JOIN journeys b ON a.j = b.j),
          (SELECT count(*) FROM summaries a JOIN summaries b USING (type, v) WHERE type = 'cx.journey'),
	'the merge join pairs equal journeys');
RESET enable_hashjoin;
RESET enable_mergejoin;
RESET enable_nestloop;

-- rows holding summaries compare, as logical replication's apply does for
-- REPLICA IDENTITY FULL (the type's default equality), and such a table
-- takes updates and deletes
CREATE TABLE daily (k int, j cx.journey, s cx.scores, v cx.customer_value, p cx.quadrant_profile);
ALTER TABLE daily REPLICA IDENTITY FULL;
INSERT INTO daily
SELECT j.k, j.v::cx.journey, s.v::cx.scores, c.v::cx.customer_value, q.v::cx.quadrant_profile
FROM summaries j JOIN summaries s USING (k) JOIN summaries c USING (k) JOIN summaries q USING (k)
WHERE j.type = 'cx.journey' AND s.type = 'cx.scores' AND c.type = 'cx.customer_value'
  AND q.type = 'cx.quadrant_profile';
SELECT is((SELECT count(*) FROM daily a JOIN daily b ON a = b), (SELECT count(*) FROM daily),
	'rows of summaries compare equal to themselves only (record equality)');
SELECT is((SELECT count(*) FROM daily a, daily b WHERE a IS NOT DISTINCT FROM b), (SELECT count(*) FROM daily),
	'IS NOT DISTINCT FROM on rows of summaries');
SELECT is((SELECT count(*) FROM (SELECT DISTINCT j, s, v, p FROM daily) AS d),
          (SELECT count(DISTINCT (j::text, s::text, v::text, p::text)) FROM daily),
	'DISTINCT over several summary columns');
UPDATE daily SET k = k + 100 WHERE k = 1;
DELETE FROM daily WHERE k = 2;
SELECT is((SELECT count(*) FROM daily), 9::bigint, 'a REPLICA IDENTITY FULL table of summaries takes updates and deletes');

-- a large journey, stored compressed and out of line, equals its rebuilt copy
CREATE TEMP TABLE big (j cx.journey);
INSERT INTO big
SELECT cx.journey_agg(timestamptz '2026-01-01' + i * interval '1 minute', 'stage ' || i % 50, i % 5, 'web')
FROM generate_series(1, 20000) AS i;
SELECT ok(pg_column_size(j) < octet_length(j::text) / 4, 'the large journey is stored compressed') FROM big;
SELECT ok(j = (SELECT cx.journey_agg(timestamptz '2026-01-01' + i * interval '1 minute', 'stage ' || i % 50,
                                     i % 5, 'web') FROM generate_series(1, 20000) AS i),
	'a stored, compressed journey equals the same journey built again') FROM big;
SELECT ok(j <> (SELECT cx.journey_agg(timestamptz '2026-01-01' + i * interval '1 minute', 'stage ' || i % 50,
                                      i % 5, 'web') FROM generate_series(1, 19999) AS i),
	'and differs from one touchpoint fewer') FROM big;

-- a unique index on small summaries
CREATE TEMP TABLE profiles (p cx.quadrant_profile UNIQUE);
INSERT INTO profiles SELECT DISTINCT v::cx.quadrant_profile FROM summaries WHERE type = 'cx.quadrant_profile';
SELECT throws_ok($$INSERT INTO profiles SELECT p::text::cx.quadrant_profile FROM profiles LIMIT 1$$, '23505',
	NULL, 'a unique btree index on profiles rejects an equal one');

-- without cx on the search path the operator is reached qualified
SET LOCAL search_path = public;
SELECT ok('(lo=1,hi=3,missing=0,counts={1,2,3})'::cx.scores OPERATOR(cx.=) '(lo=1,hi=3,missing=0,counts={1,2,3})',
	'OPERATOR(cx.=) without cx on the search path');
SELECT ok('(lo=1,hi=3,missing=0,counts={1,2,3})'::cx.scores OPERATOR(cx.<>) '(lo=1,hi=3,missing=1,counts={1,2,3})',
	'OPERATOR(cx.<>) without cx on the search path');

SELECT * FROM finish();
ROLLBACK;
