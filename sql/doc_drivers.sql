-- The examples of doc/drivers.md, in order (each block verbatim), in a
-- schema of their own so their tables meet no other test's.
CREATE SCHEMA doc_drivers;
SET search_path = doc_drivers, public;
CREATE TABLE responses AS
SELECT id, date '2026-03-02' + id % 14 AS answered_on,
       ease, helpful, waited_days, contacts, online,
       least(5, greatest(1, round(0.45 * ease + 0.35 * helpful - 0.08 * waited_days
                                  - 0.3 * contacts + 1.2 * u + 1.2)))::int AS satisfaction
FROM (SELECT id, ease,
             least(5, (ease + 1 + abs(hashint4(id + 1)) % 5) / 2 + 1) AS helpful,
             abs(hashint4(id + 2)) % 8 + 2 * (5 - ease) AS waited_days,
             1 + abs(hashint4(id + 3)) % 3 AS contacts,
             abs(hashint4(id + 5)) % 2 AS online,
             (abs(hashint4(id + 4)) % 1000) / 500.0 - 1 AS u
      FROM (SELECT id, 1 + abs(hashint4(id)) % 5 AS ease
            FROM generate_series(1, 2400) AS id) i) s;

SELECT cx.n(d), cx.skipped(d), round(cx.r2(d)::numeric, 3) AS r2
FROM (SELECT cx.drivers_agg(satisfaction,
                            ARRAY[ease, helpful, waited_days, contacts, online],
                            ARRAY['ease', 'helpful', 'waited_days', 'contacts', 'online']) AS d
      FROM responses) s;

CREATE TABLE daily AS
SELECT answered_on,
       cx.drivers_agg(satisfaction,
                      ARRAY[ease, helpful, waited_days, contacts, online],
                      ARRAY['ease', 'helpful', 'waited_days', 'contacts', 'online']) AS drivers
FROM responses
GROUP BY answered_on;

SELECT c.driver,
       round(c.r::numeric, 2) AS r,
       round(k.coefficient::numeric, 3) AS coefficient,
       round(k.std_error::numeric, 3) AS std_error,
       CASE WHEN k.p < 0.001 THEN '<0.001' ELSE round(k.p::numeric, 3)::text END AS p,
       round(k.standardized::numeric, 2) AS beta,
       round(i.share::numeric, 3) AS share
FROM (SELECT cx.merge(drivers) AS d FROM daily) m,
     cx.correlations(d) c
     JOIN cx.coefficients(d) k USING (driver)
     JOIN cx.importance(d) i USING (driver)
ORDER BY i.share DESC;

SELECT driver, round(coefficient::numeric, 3) AS coefficient,
       round(std_error::numeric, 3) AS std_error, round(t::numeric, 1) AS t
FROM cx.coefficients((SELECT cx.merge(drivers) FROM daily))
WHERE driver = '(intercept)';

SELECT to_char(date_trunc('week', answered_on), 'YYYY-MM-DD') AS week,
       cx.n(cx.merge(drivers)) AS n,
       round(cx.r2(cx.merge(drivers))::numeric, 3) AS r2
FROM daily
GROUP BY 1
ORDER BY 1;

SELECT * FROM cx.coefficients(
  (SELECT cx.drivers_agg(satisfaction, ARRAY[ease, helpful, ease + helpful],
                         ARRAY['ease', 'helpful', 'ease_plus_helpful'])
   FROM responses));

SELECT cx.collinear(cx.drivers_agg(satisfaction, ARRAY[ease, helpful, ease + helpful],
                                   ARRAY['ease', 'helpful', 'ease_plus_helpful']))
FROM responses;

SELECT driver, round(share::numeric, 3) AS share, round(contribution::numeric, 3) AS contribution
FROM cx.importance(
  (SELECT cx.drivers_agg(satisfaction, ARRAY[ease, helpful, ease + helpful],
                         ARRAY['ease', 'helpful', 'ease_plus_helpful'])
   FROM responses));

SELECT cx.drivers_agg(y, ARRAY[x], ARRAY['x'])
FROM (VALUES (1.0, 2.0), (2.0, 4.5), (NULL, 1.0)) AS t(y, x);

SELECT cx.drivers_agg(y, ARRAY[x], ARRAY['x'])::jsonb
FROM (VALUES (1.0, 2.0), (2.0, 4.5), (NULL, 1.0)) AS t(y, x);
RESET search_path;
DROP SCHEMA doc_drivers CASCADE;
