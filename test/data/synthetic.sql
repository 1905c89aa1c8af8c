-- A deterministic generator of scored journeys, survey answers and value
-- answers for four made-up public services, at any size.
--
--   \i test/data/synthetic.sql          creates the functions below in the
--                                       first schema on search_path (which
--                                       cx_synthetic keeps as its own)
--   SELECT cx_synthetic('ws', 10000, 42);
--
-- cx_synthetic(workspace name, journeys int, seed int DEFAULT 1) fills the
-- workspace (made by cx.create_workspace) with `journeys` journeys of the
-- provider 'cxvalue-synthetic' and returns the number of touchpoints.  The
-- same (journeys, seed) always gives the same rows, on any machine and plan:
-- every random draw is cx_synthetic_u(key, seed), a hash of the row's key
-- (journey number, step, repetition, purpose) and the seed, never random().
-- Calling it twice on one workspace is an error (the services exist).
--
-- The services, their steps and their co-production (all invented; they
-- are shaped after the real services in test/data so the figures look
-- like public-service figures, and labelled "(synthetic)" everywhere):
--
--   passport  Passport renewal: apply, pay fee, upload photo (often
--             rejected: rework), status enquiry by phone (failure demand),
--             decision, passport delivered by post.  Voluntary, individual
--             (III co-management).  35% of journeys.
--   benefit   Unemployment benefit claim: register, submit claim, documents
--             requested (rework), intake interview, status enquiries,
--             decision, first payment.  Needed, hence barely voluntary;
--             individual (I co-production).  25%.
--   tax       Online tax return: log in, check the prefilled return,
--             correct income, submit, assessment notice.  A legal duty
--             (I co-production).  30%.
--   parks     Neighbourhood park redesign: invitation, online survey,
--             design workshop, vote on designs, feedback on the outcome.
--             Voluntary, system level (IV co-design).  10%.
--
-- Per journey: a start in 2024, a journey quality q (a shared random
-- effect), a primary channel (web with the service's digital take-up, else
-- phone, office or paper), drop-out after each step with the step's
-- probability (completed = reached the service's last mandatory step).
-- Per step: whether it occurs, how often it is repeated (rework), an
-- exponential gap after the previous touchpoint, the channel (the step's
-- own, e.g. phone for enquiries, or the primary one; 3% unknown), and a
-- 1..5 score for 60% of touchpoints: the step's base + q + noise, minus
-- 0.8 per repetition.  40% of journeys answer a survey: the seven A-11
-- items on 1..5 and 'recommend' on 0..10 (3% of items skipped), driven by
-- q, the journey's repeats and whether it completed; and value items on
-- 1..5 (get-give benefits and sacrifices plus expected and perceived, or
-- Osborne's welfare, wellbeing and capacity for parks).  Ten co-production
-- assessments per service scatter around the service's quadrant.

CREATE OR REPLACE FUNCTION cx_synthetic_u(key bigint, seed int)
RETURNS float8
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$ SELECT ((hashint8extended(key, seed) >> 11) & 9007199254740991)::float8 / 9007199254740992 $$;
COMMENT ON FUNCTION cx_synthetic_u(bigint, int) IS
	'A uniform draw in [0, 1) from a key and a seed: the same on every machine and plan';

CREATE OR REPLACE FUNCTION cx_synthetic(workspace name, journeys int, seed int DEFAULT 1)
RETURNS bigint
LANGUAGE plpgsql VOLATILE
SET search_path FROM CURRENT
AS $synthetic$
DECLARE
	ws text := quote_ident(workspace);
	made bigint;
BEGIN
	IF journeys IS NULL OR journeys < 0 THEN
		RAISE EXCEPTION 'journeys must be 0 or more' USING ERRCODE = '22023';
	END IF;
	seed := coalesce(seed, 1);

	CREATE TEMP TABLE syn_services (service text, name text, share_from float8, share_to float8,
		digital float8, survey_base float8, benefit float8, sacrifice float8, expected float8,
		value_model text, voluntariness float8, system_locus float8, done_step int, description text);
	INSERT INTO syn_services VALUES
		('passport', 'Passport renewal (synthetic)', 0.00, 0.35, 0.80, 4.0, 3.9, 2.4, 3.8, 'get-give', 0.70, 0.15, 6,
		 'Synthetic: renewing a passport online or on paper'),
		('benefit', 'Unemployment benefit claim (synthetic)', 0.35, 0.60, 0.55, 3.3, 3.4, 3.3, 3.5, 'get-give', 0.30, 0.20, 7,
		 'Synthetic: claiming unemployment benefit'),
		('tax', 'Online tax return (synthetic)', 0.60, 0.90, 0.92, 4.1, 3.6, 2.6, 3.4, 'get-give', 0.15, 0.30, 4,
		 'Synthetic: filing a prefilled income-tax return'),
		('parks', 'Neighbourhood park redesign (synthetic)', 0.90, 1.00, 0.70, 3.9, 4.0, 2.0, 3.6, 'osborne', 0.85, 0.85, 4,
		 'Synthetic: residents co-designing a park');

	-- k: step number; p_occur: it happens; p_rework: it is repeated (once
	-- with p, twice with p squared); p_drop: the journey ends after it;
	-- gap: mean hours since the previous touchpoint; base: mean 1..5 score;
	-- channel: the step's own channel, NULL for the journey's primary one.
	CREATE TEMP TABLE syn_steps (service text, k int, stage text, p_occur float8, p_rework float8,
		p_drop float8, gap float8, base float8, channel text);
	INSERT INTO syn_steps VALUES
		('passport', 1, 'apply', 1.00, 0.00, 0.03, 0, 4.2, NULL),
		('passport', 2, 'pay fee', 1.00, 0.05, 0.02, 0.5, 4.0, NULL),
		('passport', 3, 'upload photo', 1.00, 0.22, 0.03, 20, 3.2, NULL),
		('passport', 4, 'status enquiry', 0.25, 0.30, 0.00, 120, 2.6, 'phone'),
		('passport', 5, 'decision', 1.00, 0.00, 0.00, 200, 4.0, NULL),
		('passport', 6, 'passport delivered', 1.00, 0.00, 0.00, 72, 4.6, 'post'),
		('benefit', 1, 'register', 1.00, 0.00, 0.04, 0, 3.6, NULL),
		('benefit', 2, 'submit claim', 1.00, 0.10, 0.05, 30, 3.3, NULL),
		('benefit', 3, 'documents requested', 0.45, 0.35, 0.06, 90, 2.5, 'post'),
		('benefit', 4, 'intake interview', 0.80, 0.00, 0.03, 120, 3.8, 'office'),
		('benefit', 5, 'status enquiry', 0.40, 0.50, 0.00, 100, 2.2, 'phone'),
		('benefit', 6, 'decision', 1.00, 0.00, 0.00, 150, 3.4, NULL),
		('benefit', 7, 'first payment', 1.00, 0.00, 0.00, 200, 4.1, NULL),
		('tax', 1, 'log in', 1.00, 0.08, 0.02, 0, 3.7, NULL),
		('tax', 2, 'check prefilled return', 1.00, 0.00, 0.02, 0.2, 4.2, NULL),
		('tax', 3, 'correct income', 0.30, 0.10, 0.02, 0.3, 3.1, NULL),
		('tax', 4, 'submit', 1.00, 0.00, 0.00, 0.2, 4.3, NULL),
		('tax', 5, 'assessment notice', 0.95, 0.00, 0.00, 700, 3.9, 'post'),
		('parks', 1, 'invitation', 1.00, 0.00, 0.25, 0, 3.8, 'post'),
		('parks', 2, 'online survey', 1.00, 0.00, 0.15, 80, 4.0, 'web'),
		('parks', 3, 'design workshop', 0.40, 0.20, 0.05, 300, 4.4, 'office'),
		('parks', 4, 'vote on designs', 1.00, 0.00, 0.00, 400, 4.1, 'web'),
		('parks', 5, 'feedback on outcome', 0.60, 0.00, 0.00, 900, 3.5, 'post');

	CREATE TEMP TABLE syn_items (item text, n int, lo int, hi int, offset_ float8);
	INSERT INTO syn_items VALUES
		('satisfaction', 1, 1, 5, 0.0), ('trust', 2, 1, 5, -0.3), ('effectiveness', 3, 1, 5, 0.1),
		('ease', 4, 1, 5, -0.1), ('efficiency', 5, 1, 5, -0.4), ('transparency', 6, 1, 5, -0.2),
		('employee', 7, 1, 5, 0.2), ('recommend', 8, 0, 10, 0.0);

	-- Keys: journey i's draws use i * 4096 + purpose; purposes 0..15 per
	-- journey, 16 + 16 * step + rep per touchpoint, 1000 + n per answer.
	CREATE TEMP TABLE syn_journeys AS
	SELECT i, s.service,
	       s.service || '-' || lpad(i::text, 7, '0') AS journey_id,
	       timestamptz '2024-01-01 08:00:00+00'
	         + make_interval(secs => round(cx_synthetic_u(i::bigint * 4096 + 2, seed) * 364 * 86400)) AS start_at,
	       (cx_synthetic_u(i::bigint * 4096 + 3, seed) - 0.5) * 1.5 AS q,
	       CASE WHEN cx_synthetic_u(i::bigint * 4096 + 4, seed) < s.digital THEN 'web'
	            ELSE (ARRAY['phone', 'office', 'paper'])[1 + floor(cx_synthetic_u(i::bigint * 4096 + 5, seed) * 3)::int]
	       END AS channel,
	       coalesce((SELECT min(st.k) FROM syn_steps st
	                 WHERE st.service = s.service
	                   AND cx_synthetic_u(i::bigint * 4096 + 16 + 16 * st.k + 15, seed) < st.p_drop), 99) AS drop_after,
	       s.done_step
	FROM generate_series(1, journeys) AS i
	JOIN syn_services s ON cx_synthetic_u(i::bigint * 4096 + 1, seed) >= s.share_from
	                   AND cx_synthetic_u(i::bigint * 4096 + 1, seed) < s.share_to;

	CREATE TEMP TABLE syn_touchpoints AS
	SELECT j.i, j.service, j.journey_id, st.k, r.rep, st.stage,
	       j.start_at + make_interval(secs => round(sum(
	           -ln(1 - cx_synthetic_u(j.i::bigint * 4096 + 16 + 16 * st.k + r.rep, seed))
	           * CASE WHEN r.rep > 1 THEN 24 ELSE st.gap END * 3600)
	         OVER (PARTITION BY j.i ORDER BY st.k, r.rep))) AS at,
	       CASE WHEN cx_synthetic_u(j.i::bigint * 4096 + 16 + 16 * st.k + 4 + r.rep, seed) < 0.03 THEN NULL
	            ELSE coalesce(st.channel, j.channel) END AS channel,
	       CASE WHEN cx_synthetic_u(j.i::bigint * 4096 + 16 + 16 * st.k + 8 + r.rep, seed) < 0.4 THEN NULL
	            ELSE greatest(1, least(5, round(st.base + j.q - 0.8 * (r.rep - 1)
	                 + (cx_synthetic_u(j.i::bigint * 4096 + 16 + 16 * st.k + 11 + r.rep, seed) - 0.5) * 1.5)))
	       END::float8 AS score
	FROM syn_journeys j
	JOIN syn_steps st ON st.service = j.service AND st.k <= j.drop_after
	CROSS JOIN LATERAL generate_series(1, 1 + (cx_synthetic_u(j.i::bigint * 4096 + 16 + 16 * st.k + 12, seed) < st.p_rework)::int
	                                     + (cx_synthetic_u(j.i::bigint * 4096 + 16 + 16 * st.k + 12, seed) < st.p_rework ^ 2)::int) AS r(rep)
	WHERE cx_synthetic_u(j.i::bigint * 4096 + 16 + 16 * st.k + 13, seed) < st.p_occur;

	CREATE TEMP TABLE syn_respondents AS
	SELECT j.i, j.service, j.journey_id, j.q,
	       max(t.at) + interval '1 day' AS answered_at,
	       count(*) - count(DISTINCT t.stage) AS repeats,
	       bool_or(t.k = j.done_step) AS completed
	FROM syn_journeys j
	JOIN syn_touchpoints t USING (i)
	WHERE cx_synthetic_u(j.i::bigint * 4096 + 6, seed) < 0.4
	GROUP BY j.i, j.service, j.journey_id, j.q
	HAVING count(DISTINCT t.k) >= 2;

	EXECUTE format($sql$
	INSERT INTO %1$s.services (provider, service, name, description, value_model)
	SELECT 'cxvalue-synthetic', service, name, description, value_model FROM syn_services ORDER BY service;

	INSERT INTO %1$s.journeys (provider, service, journey_id, segment, outcome, completed)
	SELECT 'cxvalue-synthetic', j.service, j.journey_id, j.channel,
	       CASE WHEN d.done THEN 'completed' ELSE 'dropped out' END, d.done
	FROM syn_journeys j
	CROSS JOIN LATERAL (SELECT EXISTS (SELECT FROM syn_touchpoints t WHERE t.i = j.i AND t.k = j.done_step) AS done) d
	ORDER BY j.i;

	INSERT INTO %1$s.touchpoints (provider, service, journey_id, at, stage, channel, score)
	SELECT 'cxvalue-synthetic', service, journey_id, at, stage, channel, score
	FROM syn_touchpoints ORDER BY i, k, rep;

	INSERT INTO %1$s.survey_answers (provider, service, journey_id, respondent_id, answered_at, item, answer, lo, hi)
	SELECT 'cxvalue-synthetic', r.service, r.journey_id, r.journey_id, r.answered_at, it.item,
	       CASE WHEN cx_synthetic_u(r.i::bigint * 4096 + 1000 + it.n, %2$s) < 0.03 THEN NULL
	            WHEN it.hi = 10 THEN greatest(0, least(10, round(2.5 * (l.latent - 1) + 1
	                 + (cx_synthetic_u(r.i::bigint * 4096 + 1100 + it.n, %2$s) - 0.5) * 3)))
	            ELSE greatest(1, least(5, round(l.latent + it.offset_
	                 + (cx_synthetic_u(r.i::bigint * 4096 + 1100 + it.n, %2$s)
	                    + cx_synthetic_u(r.i::bigint * 4096 + 1200 + it.n, %2$s) - 1) * 1.6)))
	       END::int,
	       it.lo, it.hi
	FROM syn_respondents r
	JOIN syn_services s USING (service)
	CROSS JOIN syn_items it
	CROSS JOIN LATERAL (SELECT s.survey_base + 0.8 * r.q - 0.5 * r.repeats
	                           - CASE WHEN r.completed THEN 0 ELSE 0.8 END AS latent) l
	ORDER BY r.i, it.n;

	INSERT INTO %1$s.value_answers (provider, service, journey_id, respondent_id, answered_at, dimension, score, lo, hi)
	SELECT 'cxvalue-synthetic', r.service, r.journey_id, r.journey_id, r.answered_at, d.dimension,
	       greatest(1, least(5, round(d.centre
	           + (cx_synthetic_u(r.i::bigint * 4096 + 1300 + d.n, %2$s)
	              + cx_synthetic_u(r.i::bigint * 4096 + 1400 + d.n, %2$s) - 1) * 1.8))),
	       1, 5
	FROM syn_respondents r
	JOIN syn_services s USING (service)
	CROSS JOIN LATERAL (VALUES
	         (1, 'functional', s.benefit + 0.6 * r.q - CASE WHEN r.completed THEN 0 ELSE 1 END, 'get-give'),
	         (2, 'emotional', s.benefit - 0.3 + 0.8 * r.q - 0.3 * r.repeats, 'get-give'),
	         (3, 'convenience', s.benefit - 0.2 + 0.5 * r.q - 0.4 * r.repeats, 'get-give'),
	         (4, 'time', s.sacrifice + 0.5 * r.repeats - 0.3 * r.q, 'get-give'),
	         (5, 'effort', s.sacrifice + 0.4 * r.repeats - 0.4 * r.q, 'get-give'),
	         (6, 'money', s.sacrifice - 0.5, 'get-give'),
	         (7, 'expected', s.expected, 'get-give'),
	         (8, 'perceived', s.survey_base + 0.8 * r.q - 0.4 * r.repeats, 'get-give'),
	         (1, 'welfare', s.benefit + 0.6 * r.q, 'osborne'),
	         (2, 'wellbeing', s.benefit - 0.2 + 0.8 * r.q, 'osborne'),
	         (3, 'capacity', s.benefit - 0.4 + 0.5 * r.q, 'osborne')) AS d(n, dimension, centre, model)
	WHERE d.model = s.value_model
	ORDER BY r.i, d.n;

	INSERT INTO %1$s.coproduction_assessments (provider, service, assessor, voluntariness, system_locus, note)
	SELECT 'cxvalue-synthetic', s.service, 'synthetic assessor ' || a,
	       round(greatest(0, least(1, s.voluntariness
	             + (cx_synthetic_u(a * 64 + row_number() OVER (ORDER BY s.service, a), %2$s) - 0.5) * 0.5))::numeric, 2),
	       round(greatest(0, least(1, s.system_locus
	             + (cx_synthetic_u(a * 64 + 32 + row_number() OVER (ORDER BY s.service, a), %2$s) - 0.5) * 0.5))::numeric, 2),
	       'synthetic'
	FROM syn_services s CROSS JOIN generate_series(1, 10) AS a
	ORDER BY s.service, a;
	$sql$, ws, seed);

	SELECT count(*) INTO made FROM syn_touchpoints;
	DROP TABLE syn_services, syn_steps, syn_items, syn_journeys, syn_touchpoints, syn_respondents;
	RETURN made;
END
$synthetic$;
COMMENT ON FUNCTION cx_synthetic(name, int, int) IS
	'Fills a cxvalue workspace with a deterministic synthetic sample of four public services: journeys, scored touchpoints, survey and value answers, co-production assessments';
