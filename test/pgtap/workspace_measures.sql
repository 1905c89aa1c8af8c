-- The workspace's operational rates, time to complete, "times more likely"
-- and satisfaction drivers against plain SQL over the tables (not the
-- rollups): counts, Wilson and Katz intervals by their formulas, the
-- Kaplan-Meier median by window functions, correlations by corr().
BEGIN;
SELECT plan(13);
SET LOCAL timezone = 'UTC';

SELECT cx.create_workspace('ms');
SET LOCAL search_path = ms, public;
\ir ../data/synthetic.sql
SELECT cx_synthetic('ms', 1500, 5) > 0 AS made;
RESET search_path;
UPDATE ms.services SET standard = '10 days', standard_stage = 'decision' WHERE service = 'passport';
UPDATE ms.services SET standard = '5 days', standard_stage = 'decision', standard_from_stage = 'submit claim'
WHERE service = 'benefit';
UPDATE ms.services SET digital_channels = '{web,phone}' WHERE service = 'tax';
SELECT cx.refresh_workspace('ms');

-- Per journey, from the tables alone.
CREATE TEMP TABLE pj AS
SELECT j.provider, j.service, j.journey_id, j.completed, t.n,
       t.last_at - t.first_at AS duration,
       t.repeated,
       (SELECT lower(x.channel) FROM ms.touchpoints x
        WHERE (x.provider, x.service, x.journey_id) = (j.provider, j.service, j.journey_id) AND x.channel IS NOT NULL
        ORDER BY x.at LIMIT 1) AS first_channel,
       t.first_at,
       (SELECT min(x.at) FROM ms.touchpoints x
        WHERE (x.provider, x.service, x.journey_id) = (j.provider, j.service, j.journey_id) AND x.stage = v.standard_from_stage) AS from_at,
       v.standard, v.standard_stage, v.standard_from_stage, v.digital_channels
FROM ms.journeys j
JOIN ms.services v USING (provider, service)
LEFT JOIN LATERAL (SELECT count(*) AS n, min(x.at) AS first_at, max(x.at) AS last_at,
                          EXISTS (SELECT FROM ms.touchpoints y
                                  WHERE (y.provider, y.service, y.journey_id) = (j.provider, j.service, j.journey_id)
                                  GROUP BY y.stage HAVING count(*) > 1) AS repeated
                   FROM ms.touchpoints x
                   WHERE (x.provider, x.service, x.journey_id) = (j.provider, j.service, j.journey_id)) t ON true;
ALTER TABLE pj ADD COLUMN within boolean;
UPDATE pj SET within = CASE
	WHEN standard IS NULL OR n = 0 THEN NULL
	ELSE (SELECT CASE WHEN min(x.at) IS NOT NULL THEN min(x.at) - coalesce(pj.from_at, pj.first_at) <= pj.standard
	                  WHEN pj.standard_from_stage IS NULL AND pj.duration > pj.standard THEN false END
	      FROM ms.touchpoints x
	      WHERE (x.provider, x.service, x.journey_id) = (pj.provider, pj.service, pj.journey_id)
	        AND x.stage = pj.standard_stage AND x.at >= coalesce(pj.from_at, pj.first_at)
	        AND (pj.standard_from_stage IS NULL OR pj.from_at IS NOT NULL)) END;

-- Wilson 95% by its formula.
CREATE FUNCTION pg_temp.wilson(s bigint, n bigint, OUT p float8, OUT lo float8, OUT hi float8) LANGUAGE sql AS $$
	SELECT s::float8 / n, c - h, c + h
	FROM (SELECT 1.959963984540054::float8 AS z) z,
	     LATERAL (SELECT (s::float8 / n + z * z / (2 * n)) / (1 + z * z / n) AS c,
	                     z * sqrt((s::float8 / n) * (1 - s::float8 / n) / n + z * z / (4.0 * n * n)) / (1 + z * z / n) AS h) w
	WHERE n > 0 $$;

CREATE TEMP TABLE plain AS
SELECT service,
       count(*) FILTER (WHERE completed) AS c_s, count(completed) AS c_n,
       count(*) FILTER (WHERE n > 0 AND repeated) AS r_s, count(*) FILTER (WHERE n > 0) AS r_n,
       count(*) FILTER (WHERE first_channel = ANY (digital_channels)) AS d_s, count(first_channel) AS d_n,
       count(*) FILTER (WHERE within) AS w_s, count(within) AS w_n,
       count(*) FILTER (WHERE n > 0 AND completed IS NOT TRUE) AS open_n
FROM pj GROUP BY service;

CREATE TEMP TABLE got AS SELECT * FROM ms.service_scorecard;

SELECT is((SELECT count(*) FROM got g JOIN plain p USING (service)
           WHERE (g.completion_n, g.repeat_contact_n, g.digital_n, g.open_journeys) = (p.c_n, p.r_n, p.d_n, p.open_n)
             AND g.within_standard_n = p.w_n), 4::bigint,
          'the trials behind completion, repeat contact, digital take-up and the standard, and the open journeys, equal plain counts for all four services');
SELECT is((SELECT string_agg(service, ',' ORDER BY service) FROM got WHERE within_standard_rate IS NOT NULL), 'benefit,passport',
          'within_standard_rate only where a service defines a standard');
SELECT ok((SELECT bool_and(abs(g.completion_rate - w.p) < 1e-12 AND abs(g.completion_lower - w.lo) < 1e-12 AND abs(g.completion_upper - w.hi) < 1e-12)
           FROM got g JOIN plain p USING (service), pg_temp.wilson(p.c_s, p.c_n) w),
          'completion rate and Wilson bounds equal the formula over the tables');
SELECT ok((SELECT bool_and(abs(g.repeat_contact_rate - w.p) < 1e-12 AND abs(g.repeat_contact_lower - w.lo) < 1e-12 AND abs(g.repeat_contact_upper - w.hi) < 1e-12)
           FROM got g JOIN plain p USING (service), pg_temp.wilson(p.r_s, p.r_n) w),
          'repeat contact rate (no repeat window: any repeated stage) and Wilson bounds equal the formula');
SELECT ok((SELECT bool_and(abs(g.digital_rate - w.p) < 1e-12 AND abs(g.digital_lower - w.lo) < 1e-12 AND abs(g.digital_upper - w.hi) < 1e-12)
           FROM got g JOIN plain p USING (service), pg_temp.wilson(p.d_s, p.d_n) w),
          'digital take-up (first known channel in digital_channels) and Wilson bounds equal the formula');
SELECT ok((SELECT bool_and(abs(g.within_standard_rate - w.p) < 1e-12 AND abs(g.within_standard_lower - w.lo) < 1e-12 AND abs(g.within_standard_upper - w.hi) < 1e-12)
           FROM got g JOIN plain p USING (service), pg_temp.wilson(p.w_s, p.w_n) w WHERE g.service IN ('benefit', 'passport')),
          'within standard (from the first touchpoint; from a stage) and Wilson bounds equal the formula');

-- Kaplan-Meier median by window functions: the smallest time with S(t) <= 0.5.
CREATE TEMP TABLE km AS
WITH t AS (SELECT service, extract(epoch FROM duration)::numeric AS d, completed IS TRUE AS e FROM pj WHERE n > 0),
g AS (SELECT service, d, count(*) FILTER (WHERE e) AS events, count(*) AS leaving FROM t GROUP BY service, d),
r AS (SELECT service, d, events, sum(leaving) OVER (PARTITION BY service ORDER BY d DESC) AS at_risk FROM g),
s AS (SELECT service, d, exp(sum(ln(1 - events::float8 / at_risk)) OVER (PARTITION BY service ORDER BY d)) AS surv FROM r
      WHERE events < at_risk)
SELECT service, min(d) FILTER (WHERE surv <= 0.5 + 1e-12) / 86400 AS median_days FROM s GROUP BY service;
SELECT ok((SELECT bool_and(abs(g.median_days_to_complete - k.median_days::float8) < 1e-9) AND count(*) = 4
           FROM got g JOIN km k USING (service)),
          'median_days_to_complete equals a plain-SQL Kaplan-Meier median, open journeys censored');
SELECT ok((SELECT bool_and(abs(g.median_days_to_complete_lower - extract(epoch FROM q.lower)::float8 / 86400) < 1e-9
                           AND g.median_days_to_complete_upper IS NOT DISTINCT FROM extract(epoch FROM q.upper)::float8 / 86400)
           FROM got g JOIN (SELECT service, (cx.wait_quantile(cx.waits_agg(duration, completed IS TRUE), 0.5)).* FROM pj
                            WHERE n > 0 GROUP BY service) q USING (service)),
          'its Brookmeyer-Crowley bounds equal cx.wait_quantile over the journeys read from the tables');

-- The period view merges to the same rates.
SELECT is((SELECT string_agg(service || ' ' || n, ',' ORDER BY service)
           FROM (SELECT service, sum(completion_n) AS n, sum(within_standard_n) AS w, sum(open_journeys) AS o
                 FROM ms.service_scorecard_by_period WHERE grain = 'year' GROUP BY service) y),
          (SELECT string_agg(service || ' ' || completion_n, ',' ORDER BY service) FROM got),
          'the yearly rows'' trials add up to all time');

-- Times more likely: counts and the Katz interval by formula.
CREATE TEMP TABLE resp AS
SELECT service, coalesce(respondent_id, journey_id) AS respondent, max(journey_id) AS journey_id,
       bool_or(answer >= 4) FILTER (WHERE item = 'satisfaction') AS sat,
       bool_or(answer <= 2) FILTER (WHERE item = 'satisfaction') AS dis,
       bool_or(answer >= 4) FILTER (WHERE item = 'trust') AS trusts
FROM ms.survey_answers WHERE answer IS NOT NULL GROUP BY 1, 2;
CREATE TEMP TABLE cells AS
SELECT r.service,
       count(*) FILTER (WHERE sat AND trusts) AS a, count(trusts) FILTER (WHERE sat) AS n1,
       count(*) FILTER (WHERE dis AND trusts) AS b, count(trusts) FILTER (WHERE dis) AS n2,
       count(*) FILTER (WHERE dis AND j.repeats >= 3) AS c, count(j.repeats) FILTER (WHERE dis) AS n3,
       count(*) FILTER (WHERE sat AND j.repeats >= 3) AS d, count(j.repeats) FILTER (WHERE sat) AS n4
FROM resp r
LEFT JOIN (SELECT service, journey_id, (SELECT count(*) FROM ms.touchpoints x
                                        WHERE (x.service, x.journey_id) = (t.service, t.journey_id)) -
                                       (SELECT count(DISTINCT stage) FROM ms.touchpoints x
                                        WHERE (x.service, x.journey_id) = (t.service, t.journey_id)) AS repeats
           FROM pj t WHERE n > 0) j USING (service, journey_id)
GROUP BY r.service;
SELECT is((SELECT count(*) FROM ms.times_more_likely t JOIN cells c USING (service)
           WHERE (t.claim = 'trust' AND (t.group_successes, t.group_n, t.reference_successes, t.reference_n) = (c.a, c.n1, c.b, c.n2))
              OR (t.claim = 'repeat contact' AND (t.group_successes, t.group_n, t.reference_successes, t.reference_n) = (c.c, c.n3, c.d, c.n4))),
          8::bigint, 'times_more_likely: the counts behind both claims equal plain counts, four services');
SELECT ok((SELECT bool_and(abs(t.ratio - (c.a::float8 / c.n1) / (c.b::float8 / c.n2)) < 1e-9
                           AND abs(t.ratio_lower - exp(ln((c.a::float8 / c.n1) / (c.b::float8 / c.n2)) - 1.959963984540054 * sqrt(1.0 / c.a - 1.0 / c.n1 + 1.0 / c.b - 1.0 / c.n2))) < 1e-9
                           AND abs(t.ratio_upper - exp(ln((c.a::float8 / c.n1) / (c.b::float8 / c.n2)) + 1.959963984540054 * sqrt(1.0 / c.a - 1.0 / c.n1 + 1.0 / c.b - 1.0 / c.n2))) < 1e-9)
                  AND count(*) > 0
           FROM ms.times_more_likely t JOIN cells c USING (service)
           WHERE t.claim = 'trust' AND c.a > 0 AND c.b > 0 AND c.a < c.n1 AND c.b < c.n2),
          'the trust ratio and its Katz interval equal the formula where no cell is zero');
INSERT INTO ms.likelihood_settings (service, provider, trust_top) VALUES (NULL, NULL, 1);
SELECT is((SELECT t.group_successes FROM ms.times_more_likely t WHERE service = 'passport' AND claim = 'trust'),
          (SELECT count(*) FROM resp WHERE service = 'passport' AND sat AND trusts AND respondent IN
             (SELECT coalesce(respondent_id, journey_id) FROM ms.survey_answers WHERE item = 'trust' AND answer = 5)),
          'a settings row for all services changes the trust definition (top box only)');

-- Drivers: correlations equal corr() over the complete journeys.
SELECT ok((SELECT bool_and(abs(v.correlation - p.r) < 1e-9 AND v.journeys = p.n) AND count(*) = 4
           FROM ms.satisfaction_drivers v
           JOIN (SELECT a.service, corr(a.sat, a.ease) AS r, count(*) AS n
                 FROM (SELECT s.service, s.journey_id,
                              avg(s.answer) FILTER (WHERE item = 'satisfaction') AS sat,
                              avg(s.answer) FILTER (WHERE item = 'ease') AS ease,
                              count(*) FILTER (WHERE item IN ('effectiveness', 'efficiency', 'transparency', 'employee') AND answer IS NOT NULL) AS others
                       FROM ms.survey_answers s GROUP BY 1, 2) a
                 JOIN ms.journey_summary j USING (service, journey_id)
                 WHERE a.sat IS NOT NULL AND a.ease IS NOT NULL AND a.others = 4 AND j.peak_end IS NOT NULL
                   AND j.completed IS NOT NULL AND j.duration_hours IS NOT NULL
                 GROUP BY a.service) p USING (service)
           WHERE v.driver = 'ease'),
          'satisfaction_drivers: the correlation of ease with satisfaction equals corr() over the complete journeys');

SELECT * FROM finish();
ROLLBACK;
