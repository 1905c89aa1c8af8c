-- The examples of doc/rates.md, in order (generated with the page; keep them equal).
-- psql shows intervals in the postgres style; pg_regress would use postgres_verbose.
SET intervalstyle = postgres;
SELECT cx.rate(31283, 31689) AS calls,
       round(cx.share(cx.rate(31283, 31689))::numeric, 4) AS performance;
SELECT * FROM cx.share_ci(cx.rate(31283, 31689));
SELECT cx.rate_agg(met) AS r, cx.n(cx.rate_agg(met)) AS trials,
       cx.skipped(cx.rate_agg(met)) AS skipped
FROM (VALUES (true), (true), (false), (NULL), (true)) AS cases(met);
SELECT d.value AS difference, d.lower, d.upper,
       cx.p_value(cx.rate(46, 78), cx.rate(315, 412)) AS p
FROM cx.difference(cx.rate(46, 78), cx.rate(315, 412)) AS d;
SELECT * FROM cx.ratio(cx.rate(46, 78), cx.rate(315, 412));
SELECT cx.top_box_rate(cx.scores_agg(answer, 1, 5)) AS agree
FROM (VALUES (5), (4), (4), (2), (NULL)) AS t(answer);
SELECT cx.merge(r) FROM (VALUES (cx.rate(3, 10)), (cx.rate(5, 6)), (NULL)) AS t(r);
SET TimeZone = 'Europe/Amsterdam';
SELECT cx.elapsed(j, 'received', 'decided'),
       cx.within(j, '5 days', 'decided', 'received'),
       cx.elapsed_working_days(j, 'received', 'decided'),
       cx.within_working_days(j, 2, 'decided', 'received')
FROM (SELECT cx.journey_agg(at, stage) AS j
      FROM (VALUES (timestamptz '2024-03-01 09:00', 'received'),
                   ('2024-03-04 10:00', 'checked'),
                   ('2024-03-05 16:00', 'decided')) AS t(at, stage)) AS x;
SELECT cx.working_days('2024-03-01 12:00', '2024-03-04 12:00') AS fri_mon,
       cx.working_days('2024-03-02 00:00', '2024-03-04 06:00') AS sat_mon,
       cx.working_days('2024-03-01', '2024-04-01', '{2024-03-29}') AS march;
