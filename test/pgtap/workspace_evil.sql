-- A schema evil first on search_path (before pg_catalog) holds look-alikes
-- of the operators and functions the workspace uses; each records its call
-- and returns NULL.  cx.create_workspace, the triggers, cx.refresh_workspace,
-- cx.create_workspace_views and every view must never call one, and give
-- the same figures as a workspace made and read without it.
BEGIN;
SELECT plan(6);
SET LOCAL timezone = 'UTC';

-- The reference workspace, made with the usual search_path.
SELECT cx.create_workspace('plain');
SET LOCAL search_path = plain, public;
\ir ../data/synthetic.sql
SELECT cx_synthetic('plain', 300, 5) > 0 AS made;
RESET search_path;
UPDATE plain.services SET repeat_window = interval '3 days' WHERE service = 'benefit';
SELECT cx.refresh_workspace('plain') IS NOT NULL AS refreshed;

CREATE SCHEMA evil;
CREATE TABLE evil.calls (what text);
GRANT INSERT ON evil.calls TO PUBLIC;
-- Operators on every type the workspace compares or computes with.
DO $do$
DECLARE op text; t record; ret text; n int := 0;
BEGIN
	FOREACH op IN ARRAY ARRAY['=', '<>', '<', '>', '<=', '>=', '+', '-', '*', '/', '||', '~~'] LOOP
		FOR t IN SELECT * FROM (VALUES ('text', 'text'), ('name', 'name'), ('name', 'text'), ('"char"', '"char"'),
		                               ('bigint', 'bigint'), ('integer', 'integer'), ('bigint', 'integer'),
		                               ('integer', 'bigint'), ('float8', 'float8'), ('float8', 'integer'),
		                               ('numeric', 'numeric'), ('date', 'date'), ('date', 'integer'),
		                               ('timestamptz', 'timestamptz'), ('timestamp', 'timestamp'),
		                               ('interval', 'interval'), ('oid', 'oid'), ('text[]', 'text[]'),
		                               ('text', 'text[]'), ('regclass', 'regclass')) AS v(l, r) LOOP
			ret := CASE WHEN op IN ('=', '<>', '<', '>', '<=', '>=', '~~') THEN 'boolean' ELSE t.l END;
			n := n + 1;
			EXECUTE format($f$CREATE FUNCTION evil.op%s(a %s, b %s) RETURNS %s LANGUAGE plpgsql AS
				$b$BEGIN INSERT INTO evil.calls VALUES (%L); RETURN NULL; END $b$ $f$,
				n, t.l, t.r, ret, format('operator %s(%s, %s)', op, t.l, t.r));
			EXECUTE format('CREATE OPERATOR evil.%s (LEFTARG = %s, RIGHTARG = %s, FUNCTION = evil.op%s)', op, t.l, t.r, n);
		END LOOP;
	END LOOP;
END $do$;
-- Functions and aggregates the workspace calls, by the same names.
CREATE FUNCTION evil.called(what text) RETURNS void LANGUAGE sql AS $$ INSERT INTO evil.calls VALUES (what) $$;
CREATE FUNCTION evil.lower(text) RETURNS text LANGUAGE sql AS $$ SELECT evil.called('lower'); SELECT NULL::text $$;
CREATE FUNCTION evil.length(text) RETURNS integer LANGUAGE sql AS $$ SELECT evil.called('length'); SELECT 0 $$;
CREATE FUNCTION evil.quote_ident(text) RETURNS text LANGUAGE sql AS $$ SELECT evil.called('quote_ident'); SELECT 'x' $$;
CREATE FUNCTION evil.replace(text, text, text) RETURNS text LANGUAGE sql AS $$ SELECT evil.called('replace'); SELECT NULL::text $$;
CREATE FUNCTION evil.regexp_replace(text, text, text, text) RETURNS text LANGUAGE sql AS $$ SELECT evil.called('regexp_replace'); SELECT NULL::text $$;
CREATE FUNCTION evil.format(text, text) RETURNS text LANGUAGE sql AS $$ SELECT evil.called('format'); SELECT NULL::text $$;
CREATE FUNCTION evil.to_regclass(text) RETURNS regclass LANGUAGE sql AS $$ SELECT evil.called('to_regclass'); SELECT NULL::regclass $$;
CREATE FUNCTION evil.date_trunc(text, timestamp) RETURNS timestamp LANGUAGE sql AS $$ SELECT evil.called('date_trunc'); SELECT NULL::timestamp $$;
CREATE FUNCTION evil.timezone(text, timestamptz) RETURNS timestamp LANGUAGE sql AS $$ SELECT evil.called('timezone'); SELECT NULL::timestamp $$;
CREATE FUNCTION evil.timezone(text, timestamp) RETURNS timestamptz LANGUAGE sql AS $$ SELECT evil.called('timezone'); SELECT NULL::timestamptz $$;
CREATE FUNCTION evil.isfinite(timestamptz) RETURNS boolean LANGUAGE sql AS $$ SELECT evil.called('isfinite'); SELECT true $$;
CREATE FUNCTION evil.now() RETURNS timestamptz LANGUAGE sql AS $$ SELECT evil.called('now'); SELECT NULL::timestamptz $$;
CREATE FUNCTION evil.statement_timestamp() RETURNS timestamptz LANGUAGE sql AS $$ SELECT evil.called('statement_timestamp'); SELECT NULL::timestamptz $$;
CREATE FUNCTION evil.cardinality(anyarray) RETURNS integer LANGUAGE sql AS $$ SELECT evil.called('cardinality'); SELECT 0 $$;
CREATE FUNCTION evil.array_to_string(anyarray, text) RETURNS text LANGUAGE sql AS $$ SELECT evil.called('array_to_string'); SELECT 'x' $$;
CREATE FUNCTION evil.unnest(anyarray) RETURNS SETOF anyelement LANGUAGE sql AS $$ SELECT evil.called('unnest'); SELECT NULL::anyelement WHERE false $$;
CREATE FUNCTION evil.current_setting(text) RETURNS text LANGUAGE sql AS $$ SELECT evil.called('current_setting'); SELECT 'read committed' $$;
CREATE FUNCTION evil.pg_has_role(name, oid, text) RETURNS boolean LANGUAGE sql AS $$ SELECT evil.called('pg_has_role'); SELECT true $$;
CREATE FUNCTION evil.row_security_active(oid) RETURNS boolean LANGUAGE sql AS $$ SELECT evil.called('row_security_active'); SELECT false $$;
CREATE FUNCTION evil.quote_literal(text) RETURNS text LANGUAGE sql AS $$ SELECT evil.called('quote_literal'); SELECT 'x' $$;
CREATE FUNCTION evil.count_sf(bigint) RETURNS bigint LANGUAGE sql AS $$ SELECT evil.called('count'); SELECT 0::bigint $$;
CREATE FUNCTION evil.count_sf(bigint, anyelement) RETURNS bigint LANGUAGE sql AS $$ SELECT evil.called('count'); SELECT 0::bigint $$;
CREATE AGGREGATE evil.count(*) (SFUNC = evil.count_sf, STYPE = bigint, INITCOND = '0');
CREATE AGGREGATE evil.count(anyelement) (SFUNC = evil.count_sf, STYPE = bigint, INITCOND = '0');
CREATE FUNCTION evil.sum_sf(numeric, anyelement) RETURNS numeric LANGUAGE sql AS $$ SELECT evil.called('sum'); SELECT 0::numeric $$;
CREATE AGGREGATE evil.sum(bigint) (SFUNC = evil.sum_sf, STYPE = numeric);
CREATE AGGREGATE evil.sum(numeric) (SFUNC = evil.sum_sf, STYPE = numeric);
CREATE AGGREGATE evil.sum(float8) (SFUNC = evil.sum_sf, STYPE = numeric);
CREATE FUNCTION evil.agg_sf(text, anyelement) RETURNS text LANGUAGE sql AS $$ SELECT evil.called('aggregate'); SELECT ''::text $$;
CREATE FUNCTION evil.agg_sf2(text, text, text) RETURNS text LANGUAGE sql AS $$ SELECT evil.called('string_agg'); SELECT ''::text $$;
CREATE AGGREGATE evil.string_agg(text, text) (SFUNC = evil.agg_sf2, STYPE = text);
CREATE FUNCTION evil.pc_sf(text, float8) RETURNS text LANGUAGE sql AS $$ SELECT evil.called('percentile_cont'); SELECT ''::text $$;
CREATE FUNCTION evil.pc_ff(text, float8, float8) RETURNS float8 LANGUAGE sql AS $$ SELECT -1::float8 $$;
CREATE AGGREGATE evil.percentile_cont(float8 ORDER BY float8) (SFUNC = evil.pc_sf, STYPE = text, FINALFUNC = evil.pc_ff,
	FINALFUNC_EXTRA);
CREATE FUNCTION evil.aa_sf(text[], text) RETURNS text[] LANGUAGE sql AS $$ SELECT evil.called('array_agg'); SELECT NULL::text[] $$;
CREATE AGGREGATE evil.array_agg(text) (SFUNC = evil.aa_sf, STYPE = text[]);
CREATE FUNCTION evil.fa_sf(float8[], float8) RETURNS float8[] LANGUAGE sql AS $$ SELECT evil.called('array_agg'); SELECT NULL::float8[] $$;
CREATE AGGREGATE evil.array_agg(float8) (SFUNC = evil.fa_sf, STYPE = float8[]);
CREATE FUNCTION evil.lead(bigint) RETURNS bigint LANGUAGE sql WINDOW AS $$ SELECT 0::bigint $$;
SELECT cmp_ok((SELECT count(*) FROM pg_operator WHERE oprnamespace = 'evil'::regnamespace), '>=', 200::bigint,
	'evil holds look-alike operators');

-- Everything done with evil first on search_path.
SET LOCAL search_path = evil, pg_catalog, public;
SELECT cx.create_workspace('e');
INSERT INTO e.services SELECT * FROM plain.services;
INSERT INTO e.journeys SELECT * FROM plain.journeys;
INSERT INTO e.touchpoints SELECT * FROM plain.touchpoints;
INSERT INTO e.survey_answers SELECT * FROM plain.survey_answers;
INSERT INTO e.value_answers SELECT * FROM plain.value_answers;
INSERT INTO e.coproduction_assessments SELECT * FROM plain.coproduction_assessments;
SELECT cx.refresh_workspace('e');
-- (the test's own statements spell out their operators too)
UPDATE e.survey_answers SET answered_at = NULL
WHERE answer_id OPERATOR(pg_catalog.=) ANY (ARRAY(SELECT answer_id FROM e.survey_answers ORDER BY answer_id LIMIT 20));
DELETE FROM e.touchpoints
WHERE touchpoint_id OPERATOR(pg_catalog.=) ANY (ARRAY(SELECT touchpoint_id FROM e.touchpoints ORDER BY touchpoint_id LIMIT 15));
UPDATE e.services SET repeat_window = NULL;
SELECT cx.refresh_workspace('e');
SELECT cx.create_workspace_views('e');
CREATE TEMP TABLE evil_views (v text, r text);
DO $$
DECLARE t text;
BEGIN
	FOR t IN SELECT c.relname FROM pg_catalog.pg_class c WHERE c.relnamespace OPERATOR(pg_catalog.=) 'e'::regnamespace
	         AND c.relkind OPERATOR(pg_catalog.=) 'v' LOOP
		EXECUTE pg_catalog.format('INSERT INTO evil_views SELECT %L, r::text FROM e.%I r', t, t);
	END LOOP;
END $$;
RESET search_path;

SELECT is((SELECT string_agg(DISTINCT what, ', ') FROM evil.calls), NULL, 'no look-alike was ever called');
SELECT is((SELECT count(DISTINCT v) FROM evil_views), 18::bigint, 'every view was read');

-- The same changes on the reference workspace, then the same figures.
UPDATE plain.survey_answers SET answered_at = NULL WHERE answer_id IN (SELECT answer_id FROM e.survey_answers WHERE answered_at IS NULL);
UPDATE plain.services SET repeat_window = NULL;
DELETE FROM plain.touchpoints WHERE touchpoint_id NOT IN (SELECT touchpoint_id FROM e.touchpoints);
SELECT cx.refresh_workspace('plain') IS NOT NULL AS refreshed;
CREATE TEMP TABLE plain_views (v text, r text);
DO $$
DECLARE t text;
BEGIN
	FOR t IN SELECT c.relname FROM pg_class c WHERE c.relnamespace = 'plain'::regnamespace AND c.relkind = 'v' LOOP
		EXECUTE format('INSERT INTO plain_views SELECT %L, r::text FROM plain.%I r', t, t);
	END LOOP;
END $$;
-- The refresh times differ (e was rebuilt by cx.create_workspace_views); nothing else may.
DELETE FROM plain_views WHERE v = 'workspace_freshness';
DELETE FROM evil_views WHERE v = 'workspace_freshness';
UPDATE plain_views SET r = regexp_replace(r, '"?\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+\+00"?', 'T', 'g');
UPDATE evil_views SET r = regexp_replace(r, '"?\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+\+00"?', 'T', 'g');
SELECT cmp_ok((SELECT count(*) FROM plain_views), '>', 1000::bigint, 'the views have rows');
SELECT is((SELECT count(*) FROM (SELECT * FROM evil_views EXCEPT ALL SELECT * FROM plain_views) d), 0::bigint,
	'every view row made under the evil search_path is a row of the reference');
SELECT is((SELECT count(*) FROM (SELECT * FROM plain_views EXCEPT ALL SELECT * FROM evil_views) d), 0::bigint,
	'and the other way round');

SELECT * FROM finish();
ROLLBACK;
