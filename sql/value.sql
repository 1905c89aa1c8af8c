-- customer value: the summary, its aggregates, the built-in value models
-- and user-defined ones, with every figure computed by hand beside it.

-- Figures are shown rounded to 12 decimals next to the hand-computed
-- fraction they must equal.
CREATE FUNCTION pg_temp.r(x float8) RETURNS numeric
LANGUAGE sql IMMUTABLE AS $$ SELECT round(x::numeric, 12) $$;

-- long format: one row per answer, each on its own scale
CREATE TABLE cv_answer (respondent int, dimension text, score float8, lo float8, hi float8);
INSERT INTO cv_answer VALUES
	-- respondent 1 answered six get-give items, on 1..5 and 1..7 scales
	(1, 'functional', 4, 1, 5),		-- 0.75
	(1, 'emotional', 5, 1, 7),		-- 4/6
	(1, 'social', 7, 1, 7),			-- 1
	(1, 'time', 2, 1, 5),			-- 0.25
	(1, 'effort', 4, 1, 7),			-- 0.5
	(1, 'money', NULL, 1, 5),		-- asked, not answered: missing
	-- respondent 2: public-service outcomes (Osborne), capacity unanswered
	(2, 'welfare', 5, 1, 5),		-- 1
	(2, 'wellbeing', 2, 1, 5),		-- 0.25
	(2, 'capacity', NULL, 1, 5),
	(2, NULL, 3, 1, 5);				-- no dimension: skipped

SELECT respondent, v
FROM (SELECT respondent, cx.value_agg(dimension, score, lo, hi) AS v
      FROM cv_answer GROUP BY respondent) s
ORDER BY respondent;

-- counts: answers with a score, NULL scores (missing), NULL dimensions (skipped)
SELECT respondent, cx.n(v), cx.missing(v), cx.skipped(v), cx.dimensions(v),
       cx.n(v, 'time') AS n_time, cx.missing(v, 'money') AS missing_money,
       cx.n(v, 'never asked') AS n_never
FROM (SELECT respondent, cx.value_agg(dimension, score, lo, hi) AS v
      FROM cv_answer GROUP BY respondent) s
ORDER BY respondent;

-- means are normalised: 5 on 1..7 is 4/6, 7 on 1..7 is 1
SELECT pg_temp.r(cx.mean(v, 'emotional')) AS emotional, pg_temp.r(4.0 / 6) AS by_hand,
       cx.mean(v, 'social') AS social, cx.mean(v, 'money') AS money_unanswered,
       cx.mean(v, 'never asked') AS never_asked
FROM (SELECT cx.value_agg(dimension, score, lo, hi) AS v FROM cv_answer WHERE respondent = 1) s;

-- get-give (Zeithaml 1988): benefits = (0.75 + 4/6 + 1) / 3 = 29/36,
-- sacrifices = (0.25 + 0.5) / 2 = 3/8 (money has no score), index 31/72, ratio 58/27
SELECT pg_temp.r(cx.benefits(v, 'get-give')) AS benefits, pg_temp.r(29.0 / 36) AS by_hand,
       cx.sacrifices(v, 'get-give') AS sacrifices,
       pg_temp.r(cx.value_index(v, 'get-give')) AS value_index, pg_temp.r(31.0 / 72) AS by_hand,
       pg_temp.r(cx.value_ratio(v, 'get-give')) AS value_ratio, pg_temp.r(58.0 / 27) AS by_hand,
       cx.co_destruction(v, 'get-give')
FROM (SELECT cx.value_agg(dimension, score, lo, hi) AS v FROM cv_answer WHERE respondent = 1) s;

-- the default model is get-give
SELECT cx.value_index(v) = cx.value_index(v, 'get-give') AS default_is_get_give,
       cx.co_destruction(v) = cx.co_destruction(v, 'get-give') AS same_co_destruction
FROM (SELECT cx.value_agg(dimension, score, lo, hi) AS v FROM cv_answer WHERE respondent = 1) s;

-- sheth-newman-gross (1991): the same three benefits answered, no sacrifices
-- in the model, so the index is the benefits and there is no ratio
SELECT pg_temp.r(cx.benefits(v, 'sheth-newman-gross')) AS benefits,
       cx.sacrifices(v, 'sheth-newman-gross') AS sacrifices,
       pg_temp.r(cx.value_index(v, 'sheth-newman-gross')) AS value_index, pg_temp.r(29.0 / 36) AS by_hand,
       cx.value_ratio(v, 'sheth-newman-gross') AS value_ratio,
       cx.co_destruction(v, 'sheth-newman-gross')
FROM (SELECT cx.value_agg(dimension, score, lo, hi) AS v FROM cv_answer WHERE respondent = 1) s;

-- osborne (public service logic): welfare 1 and wellbeing 0.25, capacity
-- unanswered: benefits 0.625; get-give finds none of its dimensions
SELECT cx.benefits(v, 'osborne') AS benefits, cx.value_index(v, 'osborne') AS value_index,
       cx.value_ratio(v, 'osborne') AS value_ratio,
       cx.value_index(v, 'get-give') AS get_give_index, cx.co_destruction(v) AS get_give_co_destruction
FROM (SELECT cx.value_agg(dimension, score, lo, hi) AS v FROM cv_answer WHERE respondent = 2) s;

-- disconfirmation (Oliver 1980): perceived - expected, on 1..5
SELECT outcome, cx.perceptions(v), cx.expectations(v), cx.disconfirmation(v),
       cx.disconfirmation(v, 'disconfirmation') AS named
FROM (VALUES ('worse than expected', cx.customer_value(ARRAY['perceived', 'expected'], ARRAY[4, 5], 1, 5)),
             ('as expected', cx.customer_value(ARRAY['perceived', 'expected'], ARRAY[3, 3], 1, 5)),
             ('better than expected', cx.customer_value(ARRAY['perceived', 'expected'], ARRAY[5, 2], 1, 5)),
             ('expectation unanswered', cx.customer_value(ARRAY['perceived', 'expected'], ARRAY[5, NULL], 1, 5)))
     AS t(outcome, v);

-- co-destruction: an index exactly 0 is not destruction; below 0 is
SELECT case_name, cx.benefits(v), cx.sacrifices(v), cx.value_index(v), cx.value_ratio(v),
       cx.co_destruction(v)
FROM (VALUES ('balanced', cx.customer_value(ARRAY['functional', 'time'], ARRAY[3, 3], 1, 5)),
             ('destroyed', cx.customer_value(ARRAY['functional', 'time'], ARRAY[1, 5], 1, 5)),
             ('no sacrifice felt', cx.customer_value(ARRAY['functional', 'time'], ARRAY[4, 1], 1, 5)),
             ('only sacrifices', cx.customer_value(ARRAY['time', 'effort'], ARRAY[4, 2], 1, 5)),
             ('nothing answered', cx.customer_value(ARRAY['functional', 'time'], ARRAY[NULL, NULL]::float8[], 1, 5)))
     AS t(case_name, v);

-- wide format: one row per response; the row constructor, its merge and
-- the wide aggregate agree with the long-format aggregate
CREATE TABLE cv_response (id int, functional int, social int, time_taken int, effort int);
INSERT INTO cv_response VALUES (1, 5, 4, 2, NULL), (2, 3, NULL, 4, 1), (3, 4, 5, 1, 2);

SELECT id, cx.customer_value(ARRAY['functional', 'social', 'time', 'effort'],
                             ARRAY[functional, social, time_taken, effort], 1, 5)
FROM cv_response ORDER BY id;

SELECT cx.value_agg(ARRAY['functional', 'social', 'time', 'effort'],
                    ARRAY[functional, social, time_taken, effort], 1, 5)::text AS wide_agg,
       (SELECT cx.value_agg(d, s, 1, 5)::text
        FROM cv_response, unnest(ARRAY['functional', 'social', 'time', 'effort'],
                              ARRAY[functional, social, time_taken, effort]) AS u(d, s))
       = cx.value_agg(ARRAY['functional', 'social', 'time', 'effort'],
                      ARRAY[functional, social, time_taken, effort], 1, 5)::text AS long_equal
FROM cv_response;

-- merging the per-row summaries gives the same counts, and the same means
-- and variances up to float rounding
WITH wide AS (
	SELECT cx.value_agg(ARRAY['functional', 'social', 'time', 'effort'],
	                    ARRAY[functional, social, time_taken, effort], 1, 5) AS v
	FROM cv_response),
merged AS (
	SELECT cx.merge(cx.customer_value(ARRAY['functional', 'social', 'time', 'effort'],
	                                  ARRAY[functional, social, time_taken, effort], 1, 5)) AS v
	FROM cv_response)
SELECT d, cx.n(w.v, d) = cx.n(m.v, d) AS same_n, cx.missing(w.v, d) = cx.missing(m.v, d) AS same_missing,
       abs(cx.mean(w.v, d) - cx.mean(m.v, d)) <= 1e-12 * cx.mean(w.v, d) AS same_mean,
       abs(cx.variance(w.v, d) - cx.variance(m.v, d)) <= 1e-12 * cx.variance(w.v, d) AS same_variance
FROM wide w, merged m, unnest(cx.dimensions(w.v)) AS d
ORDER BY d;

-- functional 5, 3, 4 on 1..5 are 1, 0.5, 0.75: mean 0.75, sample variance
-- (0.0625 + 0.0625 + 0) / 2 = 0.0625, standard deviation 0.25
SELECT cx.mean(v, 'functional'), cx.variance(v, 'functional'), cx.stddev(v, 'functional'),
       cx.variance(v, 'social') AS social_variance, cx.missing(v, 'effort') AS effort_missing
FROM (SELECT cx.value_agg(ARRAY['functional', 'social', 'time', 'effort'],
                          ARRAY[functional, social, time_taken, effort], 1, 5) AS v
      FROM cv_response) s;

-- a NULL score array counts every dimension as missing; a NULL dimension
-- array, every score as skipped; a NULL dimension, that answer
SELECT cx.customer_value(ARRAY['a', 'b'], NULL, 1, 5) AS no_scores,
       cx.customer_value(NULL, ARRAY[1, 2, 3], 1, 5) AS no_dimensions,
       cx.customer_value(ARRAY['a', NULL], ARRAY[2, 3], 1, 5) AS one_null_dimension,
       cx.customer_value(ARRAY['a'], ARRAY[NULL::float8], NULL, NULL) AS missing_needs_no_scale,
       cx.customer_value('{}', '{}', 1, 5) AS empty;

-- the same dimension twice in one response counts twice
SELECT cx.customer_value(ARRAY['time', 'time'], ARRAY[1, 5], 1, 5);

-- a user-defined model with weights
SELECT cx.define_value_model('digital-service',
	'{"benefit": {"functional": 2, "convenience": 1}, "sacrifice": {"time": 3, "effort": 1}}',
	description => 'Weighted for an online transaction');
SELECT model, role, dimension, weight FROM cx.value_model_dimension
WHERE model = 'digital-service' ORDER BY role, dimension;

-- functional 0.75, convenience 0.5: benefits (2 x 0.75 + 0.5) / 3 = 2/3;
-- time 0.25, effort 0.5: sacrifices (3 x 0.25 + 0.5) / 4 = 0.3125
SELECT pg_temp.r(cx.benefits(v, 'digital-service')) AS benefits, pg_temp.r(2.0 / 3) AS by_hand,
       cx.sacrifices(v, 'digital-service') AS sacrifices,
       pg_temp.r(cx.value_index(v, 'digital-service')) AS value_index,
       pg_temp.r(2.0 / 3 - 0.3125) AS by_hand
FROM (SELECT cx.customer_value(ARRAY['functional', 'convenience', 'time', 'effort'],
                               ARRAY[4, 3, 2, 3], 1, 5) AS v) s;

-- the same model from arrays, roles in the plural, weights NULL (all 1)
SELECT cx.define_value_model('plain', ARRAY['functional', 'time'],
                             ARRAY['benefits', 'sacrifices'], NULL);
SELECT model, role, dimension, weight FROM cx.value_model_dimension
WHERE model = 'plain' ORDER BY role, dimension;

-- redefining replaces; built-in models are listed with their sources
SELECT cx.define_value_model('plain', '{"benefit": ["functional"]}');
SELECT model, role, dimension FROM cx.value_model_dimension WHERE model = 'plain';
SELECT cx.drop_value_model('plain');
SELECT name, builtin, source IS NOT NULL AS has_source FROM cx.value_model
WHERE builtin OR name = 'digital-service' ORDER BY name;

-- empty input: an empty summary, figures NULL, counts 0
SELECT v, cx.n(v), cx.missing(v), cx.dimensions(v), cx.mean(v, 'functional'),
       cx.value_index(v), cx.value_ratio(v), cx.disconfirmation(v), cx.co_destruction(v)
FROM (SELECT cx.value_agg(dimension, score, lo, hi) AS v FROM cv_answer WHERE false) s;

-- text, jsonb and the canonical order of names
SELECT '(skipped=1,"a \"quoted\" name"=(n=2,missing=0,sum=1,m2=0.125),"b"=(n=0,missing=3,sum=0,m2=0))'::cx.customer_value;
SELECT cx.value_agg(dimension, score, lo, hi)::jsonb FROM cv_answer WHERE respondent = 2;
SELECT cx.merge(v)::text = (SELECT cx.value_agg(dimension, score, lo, hi) FROM cv_answer)::text AS merge_equals_one_pass
FROM (SELECT cx.value_agg(dimension, score, lo, hi) AS v FROM cv_answer GROUP BY respondent) s;

-- bad input (the context of errors raised in PL/pgSQL is not shown)
\set SHOW_CONTEXT never
SELECT cx.value_agg(dimension, score, 1, 5) FROM (VALUES ('functional', 6::float8)) t(dimension, score);
SELECT cx.value_agg(dimension, score, 1, 5) FROM (VALUES ('functional', 'NaN'::float8)) t(dimension, score);
SELECT cx.value_agg(dimension, score, 5, 1) FROM (VALUES ('functional', 3::float8)) t(dimension, score);
SELECT cx.value_agg(dimension, score, 1, NULL) FROM (VALUES ('functional', 3::float8)) t(dimension, score);
SELECT cx.value_agg(dimension, score, 1, 5) FROM (VALUES ('', 3::float8)) t(dimension, score);
SELECT cx.customer_value(ARRAY['functional', 'time'], ARRAY[1, 2, 3], 1, 5);
SELECT cx.value_index(cx.customer_value(ARRAY['functional'], ARRAY[3], 1, 5), 'no such model');
SELECT cx.define_value_model('bad', '{"benefit": ["functional"], "cost": ["money"]}');
SELECT cx.define_value_model('bad', '{"benefit": {"functional": 0}}');
SELECT cx.define_value_model('bad', '{"benefit": {"functional": -1}}');
SELECT cx.define_value_model('bad', '{}');
SELECT cx.define_value_model('get-give', '{"benefit": ["functional"]}');
SELECT '(skipped=0,"b"=(n=1,missing=0,sum=0.5,m2=0),"a"=(n=1,missing=0,sum=0.5,m2=0))'::cx.customer_value;
SELECT '(skipped=0,"a"=(n=1,missing=0,sum=1.5,m2=0))'::cx.customer_value;

DROP TABLE cv_answer, cv_response;
SELECT cx.drop_value_model('digital-service');
