-- The README's customer-value examples, run as a regression test so that
-- the README shows real output.

-- A survey in long format: one row per answer, each item on its own scale.
CREATE TABLE value_answer (
    service    text,
    respondent int,
    item       text,   -- the value dimension the question measures
    score      int,
    scale_max  int     -- the question's scale is 1..scale_max
);
INSERT INTO value_answer VALUES
  ('council tax',     1, 'functional',  5, 5), ('council tax',     1, 'convenience', 4, 5),
  ('council tax',     1, 'time',        2, 5), ('council tax',     1, 'effort',      2, 7),
  ('council tax',     2, 'functional',  4, 5), ('council tax',     2, 'convenience', 3, 5),
  ('council tax',     2, 'time',        1, 5), ('council tax',     2, 'effort',   NULL, 7),
  ('housing benefit', 3, 'functional',  3, 5), ('housing benefit', 3, 'emotional',   2, 7),
  ('housing benefit', 3, 'time',        5, 5), ('housing benefit', 3, 'effort',      6, 7),
  ('housing benefit', 4, 'functional',  2, 5), ('housing benefit', 4, 'emotional',   3, 7),
  ('housing benefit', 4, 'time',        4, 5), ('housing benefit', 4, 'risk',        4, 5);

SELECT service,
       round(cx.benefits(v)::numeric, 3)    AS benefits,
       round(cx.sacrifices(v)::numeric, 3)  AS sacrifices,
       round(cx.value_index(v)::numeric, 3) AS value_index,
       cx.co_destruction(v)
FROM (SELECT service, cx.value_agg(item, score, 1, scale_max) AS v
      FROM value_answer GROUP BY service) AS s
ORDER BY service;

SELECT service, dimension, cx.n(v, dimension), cx.missing(v, dimension),
       round(cx.mean(v, dimension)::numeric, 3) AS mean
FROM (SELECT service, cx.value_agg(item, score, 1, scale_max) AS v
      FROM value_answer GROUP BY service) AS s,
     unnest(cx.dimensions(v)) AS dimension
WHERE service = 'council tax';

-- Wide format: one row per response, one column per question.
CREATE TABLE value_response (
    service    text,
    useful     int,   -- "The service did what I needed"      1..5
    easy       int,   -- "It was easy to use"                 1..5
    slow       int,   -- "It took a long time"                1..5
    expected   int,   -- "What did you expect?" (before)      1..5
    perceived  int    -- "How was it?" (after)                1..5
);
INSERT INTO value_response VALUES
  ('parking permit', 5, 4, 1, 3, 5),
  ('parking permit', 4, 5, 2, 4, 4),
  ('parking permit', 4, NULL, 1, 4, 5),
  ('blue badge',     2, 2, 5, 4, 2),
  ('blue badge',     3, 2, 4, 5, 3);

SELECT service,
       round(cx.value_index(v)::numeric, 3)      AS value_index,
       round(cx.value_ratio(v)::numeric, 3)      AS value_ratio,
       round(cx.disconfirmation(v)::numeric, 3)  AS disconfirmation,
       cx.co_destruction(v)
FROM (SELECT service,
             cx.value_agg(ARRAY['functional', 'convenience', 'time', 'expected', 'perceived'],
                          ARRAY[useful, easy, slow, expected, perceived], 1, 5) AS v
      FROM value_response GROUP BY service) AS s
ORDER BY service;

-- One response as a summary of its own.
SELECT cx.customer_value(ARRAY['functional', 'convenience', 'time'], ARRAY[4, NULL, 1], 1, 5);

-- The built-in value models.
SELECT model, role, string_agg(dimension, ', ' ORDER BY dimension) AS dimensions
FROM cx.value_model_dimension
WHERE model IN (SELECT name FROM cx.value_model WHERE builtin)
GROUP BY model, role
ORDER BY model, role;

-- A model of your own: usefulness counts double, time and effort once.
SELECT cx.define_value_model('digital-first',
    '{"benefit":   {"functional": 2, "convenience": 1},
      "sacrifice": {"time": 1, "effort": 1}}',
    description => 'Digital services: usefulness counts double');

SELECT service,
       round(cx.value_index(v)::numeric, 3)                  AS get_give,
       round(cx.value_index(v, 'digital-first')::numeric, 3) AS digital_first
FROM (SELECT service, cx.value_agg(item, score, 1, scale_max) AS v
      FROM value_answer GROUP BY service) AS s
ORDER BY service;

SELECT cx.value_index(cx.customer_value(ARRAY['functional'], ARRAY[4], 1, 5), 'digital first');

-- Roll daily summaries up into months.
CREATE TABLE value_daily AS
SELECT service, respondent AS day, cx.value_agg(item, score, 1, scale_max) AS v
FROM value_answer GROUP BY service, respondent;

SELECT service, cx.n(cx.merge(v)), round(cx.value_index(cx.merge(v))::numeric, 3) AS value_index
FROM value_daily GROUP BY service ORDER BY service;

-- For BI tools and APIs.
SELECT jsonb_pretty(cx.value_agg(item, score, 1, scale_max)::jsonb -> 'dimensions' -> 'effort')
FROM value_answer WHERE service = 'council tax';

DROP TABLE value_answer, value_response, value_daily;
SELECT cx.drop_value_model('digital-first');
