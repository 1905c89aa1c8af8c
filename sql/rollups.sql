-- The rollup pattern: keep one compact summary per service and day, merge
-- days into weeks, months and all time with cx.merge, and get exactly the
-- figures that the raw rows give.
CREATE TABLE rollup_answers (service text, day date, answer int);
INSERT INTO rollup_answers
SELECT 'service ' || (i / 7 % 3), date '2026-01-01' + (i * 7919 % 90),
       CASE WHEN i % 23 = 0 THEN NULL ELSE 1 + (i * 7919 / 13 + i / 3 % 3) % 5 END
FROM generate_series(1, 30000) AS i;

CREATE TABLE rollup_assessments (service text, day date, voluntariness float8, system_locus float8);
INSERT INTO rollup_assessments
SELECT 'service ' || (i / 7 % 3), date '2026-01-01' + (i * 7919 % 90),
       ((i * 37) % 101) / 100.0, ((i * 13) % 101) / 100.0
FROM generate_series(1, 3000) AS i;

CREATE TABLE rollup_value_answers (service text, day date, dimension text, score float8);
INSERT INTO rollup_value_answers
SELECT 'service ' || (i / 7 % 3), date '2026-01-01' + (i * 7919 % 90),
       (ARRAY['functional', 'emotional', 'time', 'effort'])[1 + i % 4], 1 + (i * 7919 / 11 + i % 3) % 5
FROM generate_series(1, 8000) AS i;

CREATE TABLE rollup_touchpoints (journey_id int, at timestamptz, stage text, score float8, channel text);
INSERT INTO rollup_touchpoints
SELECT j, timestamptz '2026-01-01 08:00+00' + make_interval(days => j % 60, hours => k * (5 + j % 17)),
       (ARRAY['apply', 'call', 'verify', 'decide'])[1 + (j * 7 + k * k) % 4],
       CASE WHEN (j + k) % 5 = 0 THEN NULL ELSE 1 + (j * 3 + k) % 5 END,
       (ARRAY['web', 'phone', NULL])[1 + (j + k) % 3]
FROM generate_series(1, 2000) AS j, generate_series(1, 1 + j % 9) AS k;

-- Journeys that span days: one partial journey per journey and day, kept
-- in a daily table, merge into exactly the journey one pass builds.
CREATE TABLE rollup_journey_days AS
SELECT journey_id, at::date AS day, cx.journey_agg(at, stage, score, channel) AS j
FROM rollup_touchpoints GROUP BY journey_id, at::date;
-- one row per service and day
CREATE TABLE rollup_daily (
	service text,
	day date,
	scores cx.scores,
	profile cx.quadrant_profile,
	value cx.customer_value,
	PRIMARY KEY (service, day)
);
INSERT INTO rollup_daily (service, day, scores)
SELECT service, day, cx.scores_agg(answer, 1, 5) FROM rollup_answers GROUP BY service, day;
UPDATE rollup_daily d SET profile = p FROM (
	SELECT service, day, cx.quadrant_agg(voluntariness, system_locus) AS p
	FROM rollup_assessments GROUP BY service, day) a
WHERE (a.service, a.day) = (d.service, d.day);
UPDATE rollup_daily d SET value = v FROM (
	SELECT service, day, cx.value_agg(dimension, score, 1, 5) AS v
	FROM rollup_value_answers GROUP BY service, day) a
WHERE (a.service, a.day) = (d.service, d.day);
SELECT count(*) AS daily_rows, (SELECT count(*) FROM rollup_answers) AS raw_rows FROM rollup_daily;

-- weeks, months and all time from the daily rows equal the raw figures
CREATE FUNCTION pg_temp.same(rolled text, raw text) RETURNS boolean
LANGUAGE plpgsql AS $$
DECLARE
	differing bigint;
BEGIN
	EXECUTE format('SELECT count(*) FROM ((%s EXCEPT %s) UNION ALL (%s EXCEPT %s)) d',
				   rolled, raw, raw, rolled) INTO differing;
	RETURN differing = 0;
END $$;

SELECT grain,
       pg_temp.same(format($$SELECT service, date_trunc(%L, day), cx.merge(scores)::text FROM rollup_daily GROUP BY 1, 2$$, grain),
                    format($$SELECT service, date_trunc(%L, day), cx.scores_agg(answer, 1, 5)::text FROM rollup_answers GROUP BY 1, 2$$, grain)) AS scores,
       pg_temp.same(format($$SELECT service, date_trunc(%L, day), cx.merge(profile)::text FROM rollup_daily GROUP BY 1, 2$$, grain),
                    format($$SELECT service, date_trunc(%L, day), cx.quadrant_agg(voluntariness, system_locus)::text FROM rollup_assessments GROUP BY 1, 2$$, grain)) AS profiles,
       pg_temp.same(format($$SELECT service, date_trunc(%L, day), cx.n(cx.merge(value)), round(cx.value_index(cx.merge(value))::numeric, 12) FROM rollup_daily GROUP BY 1, 2$$, grain),
                    format($$SELECT service, date_trunc(%L, day), cx.n(cx.value_agg(dimension, score, 1, 5)), round(cx.value_index(cx.value_agg(dimension, score, 1, 5))::numeric, 12) FROM rollup_value_answers GROUP BY 1, 2$$, grain)) AS values
FROM unnest(ARRAY['week', 'month', 'year']) AS grain;

SELECT (SELECT count(*) FROM rollup_journey_days) AS partial_journeys,
       (SELECT count(DISTINCT journey_id) FROM rollup_touchpoints) AS journeys,
       pg_temp.same($$SELECT journey_id, cx.merge(j)::text FROM rollup_journey_days GROUP BY 1$$,
                    $$SELECT journey_id, cx.journey_agg(at, stage, score, channel)::text FROM rollup_touchpoints GROUP BY 1$$)
         AS merged_days_equal_one_pass;

-- the monthly scorecard an analyst reads, from the rollup
SELECT service, to_char(date_trunc('month', day), 'YYYY-MM') AS month,
       cx.n(cx.merge(scores)) AS answers,
       round(100 * cx.top_box(cx.merge(scores))::numeric, 1) AS pct_agree,
       cx.dominant(cx.merge(profile)) AS quadrant,
       round(cx.value_index(cx.merge(value))::numeric, 3) AS value_index
FROM rollup_daily GROUP BY 1, 2 ORDER BY 1, 2;

-- late answers for a day already rolled up: merge them into its row
INSERT INTO rollup_answers VALUES ('service 0', '2026-01-05', 5), ('service 0', '2026-01-05', 4);
INSERT INTO rollup_daily AS d (service, day, scores)
SELECT service, day, cx.scores_agg(answer, 1, 5)
FROM (VALUES ('service 0', date '2026-01-05', 5), ('service 0', '2026-01-05', 4)) AS late(service, day, answer)
GROUP BY service, day
ON CONFLICT (service, day) DO UPDATE
SET scores = (SELECT cx.merge(s) FROM (VALUES (d.scores), (excluded.scores)) AS both_(s));
SELECT pg_temp.same($$SELECT service, cx.merge(scores)::text FROM rollup_daily GROUP BY 1$$,
                    $$SELECT service, cx.scores_agg(answer, 1, 5)::text FROM rollup_answers GROUP BY 1$$) AS still_equal_after_late_rows;

-- a rolling 7-day figure straight from the daily rows (the moving merge)
SELECT to_char(day, 'YYYY-MM-DD') AS day, round(100 * cx.top_box(cx.merge(scores) OVER w)::numeric, 1) AS pct_agree_7_days
FROM rollup_daily WHERE service = 'service 1'
WINDOW w AS (ORDER BY day ROWS 6 PRECEDING)
ORDER BY 1 LIMIT 3;

DROP TABLE rollup_answers, rollup_assessments, rollup_value_answers, rollup_daily,
	rollup_touchpoints, rollup_journey_days;
