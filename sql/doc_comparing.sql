-- The examples of doc/comparing.md, run as written there, in order.
CREATE TABLE daily_touchpoint (journey_id int, day int, at timestamptz, stage text, score float8);
INSERT INTO daily_touchpoint VALUES
    (1, 1, '2024-05-01 09:00+00', 'apply',  4),
    (1, 1, '2024-05-01 09:40+00', 'verify', NULL),
    (1, 3, '2024-05-03 10:00+00', 'decide', 5),
    (2, 1, '2024-05-01 10:00+00', 'apply',  3),
    (2, 2, '2024-05-02 11:00+00', 'call',   2),
    (2, 2, '2024-05-02 11:30+00', 'call',   1),
    (2, 8, '2024-05-08 09:00+00', 'decide', 3);
CREATE TABLE daily_journey AS
SELECT journey_id, day, cx.journey_agg(at, stage, score) AS j
FROM daily_touchpoint GROUP BY journey_id, day;

SELECT d.journey_id, cx.n(d.j) AS touchpoints, cx.path(d.j) AS path,
       d.j OPERATOR(cx.=) o.j AS same_as_one_pass
FROM (SELECT journey_id, cx.merge(j) AS j FROM daily_journey GROUP BY journey_id) AS d
JOIN (SELECT journey_id, cx.journey_agg(at, stage, score) AS j
      FROM daily_touchpoint GROUP BY journey_id) AS o USING (journey_id)
ORDER BY d.journey_id;

SET search_path = public, cx;
SELECT count(*) AS partials,
       count(*) FILTER (WHERE j::text::cx.journey = j) AS round_trips,
       count(DISTINCT j) AS distinct_partials,
       count(DISTINCT cx.path(j)) AS distinct_paths
FROM daily_journey;

SELECT s.scores, count(*) AS services
FROM (SELECT service, cx.scores_agg(answer, 1, 5) AS scores
      FROM (VALUES ('tax', 4), ('tax', 5), ('permits', 4), ('permits', 5), ('benefits', 2)) AS a(service, answer)
      GROUP BY service) AS s
GROUP BY s.scores
ORDER BY services DESC;

SELECT cx.mean_score(j) AS mean, cx.peak_end(j) AS peak_end, cx.trend(j) AS trend
FROM (SELECT cx.journey_agg(at, 'rate', score) AS j
      FROM (VALUES (timestamptz '2024-05-01 09:00+00', 1e308::float8),
                   ('2024-05-01 10:00+00', 1e308),
                   ('2024-05-01 11:00+00', 1.5e308)) AS t(at, score)) AS s;

SELECT cx.trend(j)
FROM (SELECT cx.journey_agg(at, 'rate', score) AS j
      FROM (VALUES (timestamptz '2024-05-01 09:00+00', -1e308::float8),
                   ('2024-05-01 10:00+00', 1e308)) AS t(at, score)) AS s;

-- leave the shared regression database as it was
RESET search_path;
DROP TABLE daily_touchpoint, daily_journey;
