-- Every IMMUTABLE or STABLE function and every aggregate of cxvalue, called
-- with sample arguments of each type: the statements go into
-- public.evil_calls, run later with and without evil first on search_path.
-- Functions with an argument type that has no sample are listed in
-- public.evil_unsampled (the test fails on them: add a sample).
CREATE TABLE public.evil_samples (type regtype, pos int, literal text);
CREATE TABLE public.evil_calls (n serial, fn regprocedure, stmt text);
CREATE TABLE public.evil_unsampled (fn regprocedure, type regtype);

CREATE TEMP TABLE tp (at timestamptz, stage text, score float8, channel text);
INSERT INTO tp VALUES
	('2024-03-01 09:00+00', 'apply', 4, 'web'), ('2024-03-02 10:00+00', 'pay', 2, 'phone'),
	('2024-03-02 11:30+00', 'apply', NULL, NULL), ('2024-03-05 16:00+00', 'decide', 5, 'web');

INSERT INTO public.evil_samples VALUES
	('boolean', 1, 'true'), ('boolean', 2, 'false'),
	('integer', 1, '2'), ('integer', 2, '5'), ('bigint', 1, '3'), ('bigint', 2, '10'),
	('double precision', 1, '0.5'), ('double precision', 2, '4'), ('double precision', 3, '0.95'),
	('numeric', 1, '0.5'),
	('text', 1, 'apply'), ('text', 2, 'get-give'), ('text', 3, 'worst'), ('text', 4, 'decide'),
	('name', 1, 'evil_no_such_schema'),
	('text[]', 1, '{apply,pay,decide}'), ('text[]', 2, '{functional,time}'),
	('double precision[]', 1, '{4,2}'), ('integer[]', 1, '{6,7}'), ('date[]', 1, '{2024-03-04}'),
	('interval', 1, '1 day'), ('interval', 2, '36 hours'),
	('timestamp with time zone', 1, '2024-03-01 09:00+00'), ('timestamp with time zone', 2, '2024-03-08 17:00+00'),
	('date', 1, '2024-03-01'),
	('jsonb', 1, '{"benefit": ["a"]}'),
	('cx.quadrant', 1, 'co-design');
INSERT INTO public.evil_samples
SELECT 'cx.journey'::regtype, 1, cx.journey_agg(at, stage, score, channel)::text FROM tp
UNION ALL SELECT 'cx.journey', 2, cx.journey_agg(at, stage)::text FROM tp WHERE stage <> 'pay'
UNION ALL SELECT 'cx.scores', 1, cx.scores_agg(a, 1, 5)::text FROM unnest(ARRAY[1, 4, 5, 5, NULL]) a
UNION ALL SELECT 'cx.scores', 2, cx.scores_agg(a, 0, 10)::text FROM unnest(ARRAY[0, 7, 9, 10, 10]) a
UNION ALL SELECT 'cx.customer_value', 1,
	cx.customer_value(ARRAY['functional', 'time', 'perceived', 'expected'], ARRAY[4, 2, 5, 3], 1, 5)::text
UNION ALL SELECT 'cx.quadrant_profile', 1, cx.quadrant_agg(v, s)::text
	FROM (VALUES (0.2, 0.9), (0.7, 0.1), (NULL, 0.5)) AS t(v, s);
-- the summary types later releases add, when present
DO $$
BEGIN
	IF pg_catalog.to_regtype('cx.rate') IS NOT NULL THEN
		INSERT INTO public.evil_samples VALUES ('cx.rate', 1, cx.rate(7, 20)::text), ('cx.rate', 2, cx.rate(3, 25)::text);
	END IF;
	IF pg_catalog.to_regtype('cx.waits') IS NOT NULL THEN
		EXECUTE $q$INSERT INTO public.evil_samples
			SELECT 'cx.waits', 1, cx.waits_agg(w, e)::text
			FROM (VALUES ('1 day'::interval, true), ('3 days', false), ('3 days', true), ('5 days', true)) AS t(w, e)$q$;
	END IF;
	IF pg_catalog.to_regtype('cx.drivers') IS NOT NULL THEN
		EXECUTE $q$INSERT INTO public.evil_samples
			SELECT 'cx.drivers', 1, cx.drivers_agg(o, ARRAY[a, b], ARRAY['speed', 'ease'])::text
			FROM (VALUES (1.0, 2.0, 1.0), (2, 1, 3), (3, 5, 2), (5, 4, 6), (4, 7, 4)) AS t(o, a, b)$q$;
	END IF;
	IF pg_catalog.to_regtype('cx.estimate') IS NOT NULL THEN
		INSERT INTO public.evil_samples VALUES ('cx.estimate', 1, '(0.5,0.4,0.6,10)');
	END IF;
END $$;

DO $$
DECLARE
	f record;
	t regtype;
	missing regtype;
	combos int;
	args text;
	k int;
BEGIN
	FOR f IN
		SELECT p.oid::regprocedure AS fn, p.oid, p.prokind, p.proargtypes::regtype[] AS types, p.pronargs
		FROM pg_catalog.pg_proc p
		WHERE p.pronamespace = 'cx'::regnamespace
		  AND (p.prokind = 'a' OR (p.prokind = 'f' AND p.provolatile IN ('i', 's')))
		  AND NOT ('internal'::regtype = ANY (p.proargtypes::regtype[]))
		  AND NOT ('cstring'::regtype = ANY (p.proargtypes::regtype[]))	-- input functions: the literals call them
		  AND p.prorettype <> 'internal'::regtype
		ORDER BY p.oid::regprocedure::text
	LOOP
		missing := NULL;
		FOREACH t IN ARRAY f.types LOOP
			IF NOT EXISTS (SELECT FROM public.evil_samples s WHERE s.type = t) THEN
				missing := t;
			END IF;
		END LOOP;
		IF missing IS NOT NULL THEN
			INSERT INTO public.evil_unsampled VALUES (f.fn, missing);
			CONTINUE;
		END IF;
		-- the k-th combination takes, for each argument, sample (k mod count) + 1
		FOR k IN 0 .. 5 LOOP
			SELECT string_agg(pg_catalog.quote_literal(s.literal) || '::' || a.t::text, ', ' ORDER BY a.i)
			INTO args
			FROM unnest(f.types) WITH ORDINALITY AS a(t, i)
			LEFT JOIN LATERAL (SELECT s.literal FROM public.evil_samples s WHERE s.type = a.t
			                   ORDER BY s.pos
			                   OFFSET (k + a.i) % (SELECT count(*) FROM public.evil_samples s2 WHERE s2.type = a.t)
			                   LIMIT 1) s ON true;
			IF f.prokind = 'a' THEN
				INSERT INTO public.evil_calls (fn, stmt)
				VALUES (f.fn, format('SELECT %s AS k, %s(%s)::text AS result FROM (VALUES (1), (2)) AS rows(r);',
				                     k, f.oid::regproc, coalesce(args, '*')));
			ELSE
				INSERT INTO public.evil_calls (fn, stmt)
				VALUES (f.fn, format('SELECT %s AS k, %s(%s)::text AS result;', k, f.oid::regproc, args));
			END IF;
			EXIT WHEN f.pronargs = 0;
		END LOOP;
	END LOOP;
END $$;
