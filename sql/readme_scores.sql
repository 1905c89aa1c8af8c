-- The README's survey-score examples: every SQL block of the README section
-- is copied from this file and every output block from its expected output.
SET datestyle = ISO;
CREATE TABLE survey_scale (item text PRIMARY KEY, lo int, hi int);
INSERT INTO survey_scale VALUES
    ('satisfaction', 1, 5), ('trust', 1, 5), ('ease', 1, 5), ('recommend', 0, 10);

CREATE TABLE survey_answer (
    service     text,
    item        text REFERENCES survey_scale,
    answered_on date,
    answer      int
);

-- 90 days of answers for two services; every 20th answer left blank.
-- The tax refund service draws from the lower part of each item's answers.
INSERT INTO survey_answer
SELECT service, item, date '2026-01-01' + (n * 37 + (n * n) % 17 + k) % 90,
       CASE WHEN n % 20 = 7 THEN NULL
            ELSE (CASE item
                  WHEN 'satisfaction' THEN ARRAY[1,2,3,3,4,4,4,5,5,5,4]
                  WHEN 'trust'        THEN ARRAY[1,1,2,2,3,3,3,4,4,5,5]
                  WHEN 'ease'         THEN ARRAY[1,2,3,4,4,4,5,5,5,5,5]
                  ELSE ARRAY[0,5,7,8,8,9,9,10,10,10,9]
                  END)[1 + (n * 7 + n / 11) % (11 - k)]
       END
FROM (VALUES ('passport', 0), ('tax refund', 3)) AS s(service, k),
     unnest(ARRAY['satisfaction', 'trust', 'ease', 'recommend']) AS item,
     generate_series(1, CASE WHEN service = 'passport' THEN 400 ELSE 150 END) AS n;

SELECT service, item,
       cx.n(s) AS answers, cx.missing(s) AS blank,
       round(100 * cx.top_box(s)) AS pct_agree,
       round(cx.mean(s)::numeric, 2) AS mean
FROM (SELECT service, item, cx.scores_agg(answer, lo, hi) AS s
      FROM survey_answer JOIN survey_scale USING (item)
      WHERE item <> 'recommend'
      GROUP BY service, item) AS t
ORDER BY service, item;

SELECT service, item,
       round(100 * (e).value) AS pct_agree,
       round(100 * (e).lower) AS lower_95,
       round(100 * (e).upper) AS upper_95,
       (e).n
FROM (SELECT service, item, cx.top_box_ci(cx.scores_agg(answer, 1, 5)) AS e
      FROM survey_answer
      WHERE item = 'trust'
      GROUP BY service, item) AS t
ORDER BY service;

SELECT service,
       round((e).value::numeric, 1) AS nps,
       round((e).lower::numeric, 1) AS lower_90,
       round((e).upper::numeric, 1) AS upper_90,
       (e).n
FROM (SELECT service, cx.nps_ci(cx.scores_agg(answer, 0, 10), confidence => 0.9) AS e
      FROM survey_answer
      WHERE item = 'recommend'
      GROUP BY service) AS t
ORDER BY service;

SELECT cx.scores_agg(answer, 1, 5)
FROM survey_answer
WHERE service = 'tax refund' AND item = 'ease';

SELECT jsonb_pretty(cx.scores_agg(answer, 1, 5)::jsonb)
FROM survey_answer
WHERE service = 'tax refund' AND item = 'ease';

SELECT cx.histogram(s), cx.mean(s), round(cx.stddev(s)::numeric, 3) AS stddev,
       cx.median(s), cx.csat(s), cx.bottom_box(s, 1) AS share_of_1s
FROM (SELECT cx.scores_agg(answer, 1, 5) AS s
      FROM survey_answer
      WHERE service = 'tax refund' AND item = 'ease') AS t;

CREATE TABLE daily_scores AS
SELECT service, item, answered_on AS day,
       cx.scores_agg(answer, lo, hi) AS scores
FROM survey_answer JOIN survey_scale USING (item)
GROUP BY service, item, answered_on;

SELECT service, date_trunc('month', day)::date AS month,
       cx.n(cx.merge(scores)) AS answers,
       round(100 * cx.top_box(cx.merge(scores))) AS pct_agree
FROM daily_scores
WHERE item = 'satisfaction'
GROUP BY service, month
ORDER BY service, month;

SELECT day, cx.n(rolled) AS answers, round((100 * cx.top_box(rolled))::numeric, 1) AS pct_agree_30d
FROM (SELECT day, cx.merge(scores) OVER (ORDER BY day RANGE BETWEEN '29 days' PRECEDING AND CURRENT ROW) AS rolled
      FROM daily_scores
      WHERE service = 'passport' AND item = 'satisfaction') AS t
WHERE day >= date '2026-03-25'
ORDER BY day;

SELECT cx.scores_agg(answer, 1, 5) FROM (VALUES (4), (6)) AS t(answer);
SELECT cx.merge(scores) FROM daily_scores WHERE service = 'passport';
SELECT cx.nps(cx.scores_agg(answer, 1, 5)) FROM survey_answer WHERE item = 'ease';

-- leave the shared regression database as we found it
DROP TABLE daily_scores, survey_answer, survey_scale;
