-- survey scores: the cx.scores histogram, its aggregates, accessors and estimates
SET extra_float_digits = 0;

-- A-11 items on 1..5 and a recommendation question on 0..10
CREATE TABLE answer (service text, item text, answer int);
INSERT INTO answer VALUES
	('passport', 'satisfaction', 5), ('passport', 'satisfaction', 4),
	('passport', 'satisfaction', 4), ('passport', 'satisfaction', 2),
	('passport', 'satisfaction', NULL), ('passport', 'satisfaction', 3),
	('passport', 'trust', 1), ('passport', 'trust', 2),
	('passport', 'trust', 4), ('passport', 'trust', 5),
	('passport', 'recommend', 10), ('passport', 'recommend', 9),
	('passport', 'recommend', 7), ('passport', 'recommend', 6),
	('passport', 'recommend', 0), ('passport', 'recommend', NULL),
	('benefits', 'satisfaction', 1), ('benefits', 'satisfaction', 2),
	('benefits', 'satisfaction', 2), ('benefits', 'satisfaction', 5),
	('benefits', 'satisfaction', 4), ('benefits', 'trust', NULL),
	('benefits', 'recommend', 8);
CREATE TABLE item (item text PRIMARY KEY, lo int, hi int);
INSERT INTO item VALUES ('satisfaction', 1, 5), ('trust', 1, 5), ('recommend', 0, 10);

CREATE TABLE summary AS
SELECT service, item, cx.scores_agg(answer, lo, hi) AS s
FROM answer JOIN item USING (item)
GROUP BY service, item;

SELECT service, item, s FROM summary ORDER BY service, item;

SELECT service, item, cx.n(s), cx.missing(s), cx.lo(s), cx.hi(s), cx.histogram(s),
       cx.mean(s), round(cx.stddev(s)::numeric, 12) AS stddev, cx.median(s)
FROM summary ORDER BY service, item;

SELECT service, item, cx.top_box(s), cx.top_box(s, 1) AS top_1, cx.bottom_box(s),
       cx.bottom_box(s, 1) AS bottom_1, cx.csat(s)
FROM summary ORDER BY service, item;

-- the figures agree with SQL's own aggregates over the raw answers
SELECT service, item,
       cx.mean(cx.scores_agg(answer, lo, hi)) = avg(answer)::float8 AS mean_is_avg,
       abs(cx.stddev(cx.scores_agg(answer, lo, hi)) - stddev(answer)::float8) < 1e-12 AS stddev_is_stddev_samp,
       cx.median(cx.scores_agg(answer, lo, hi)) = percentile_cont(0.5) WITHIN GROUP (ORDER BY answer) AS median_is_percentile_cont
FROM answer JOIN item USING (item)
GROUP BY service, item ORDER BY service, item;

-- NPS: 50 promoters, 30 passives and 20 detractors out of 100 give 30
SELECT cx.nps(s), cx.histogram(s), cx.n(s)
FROM (SELECT cx.scores_agg(CASE WHEN i <= 50 THEN 9 + i % 2
                                WHEN i <= 80 THEN 7 + i % 2
                                ELSE i % 7 END, 0, 10) AS s
      FROM generate_series(1, 100) AS i) AS t;
SELECT service, cx.nps(s), cx.nps_ci(s) FROM summary WHERE item = 'recommend' ORDER BY service;

-- a NULL answer is missing, not zero; a summary without answers gives NULL figures
SELECT s, cx.n(s), cx.missing(s), cx.mean(s), cx.stddev(s), cx.median(s), cx.top_box(s),
       cx.bottom_box(s), cx.csat(s), cx.top_box_ci(s)
FROM summary WHERE service = 'benefits' AND item = 'trust';
SELECT cx.nps(s), cx.nps_ci(s)
FROM (SELECT cx.scores_agg(NULL, 0, 10) AS s) AS t;
-- one answer: a mean and a median, but no sample standard deviation
SELECT cx.mean(s), cx.stddev(s), cx.median(s) FROM summary WHERE service = 'benefits' AND item = 'recommend';
-- no rows at all: no scale, so no summary (like sum() of no rows)
SELECT cx.scores_agg(answer, 1, 5) IS NULL AS no_summary, cx.n(cx.scores_agg(answer, 1, 5)) FROM answer WHERE false;
-- the median of an even count is the mean of the two middle answers
SELECT cx.median(cx.scores_agg(a, 1, 5)), percentile_cont(0.5) WITHIN GROUP (ORDER BY a)
FROM (VALUES (1), (2), (4), (5), (5), (2)) AS t(a);

-- a one-point scale and the widest one
SELECT cx.scores_agg(a, 7, 7), cx.top_box(cx.scores_agg(a, 7, 7), 1) FROM (VALUES (7), (NULL), (7)) AS t(a);
SELECT cx.n(s), cx.mean(s), cx.median(s), cx.top_box(s, 50)
FROM (SELECT cx.scores_agg(i, 0, 100) AS s FROM generate_series(0, 100) AS i) AS t;
SELECT cx.scores_agg(a, -3, 3) FROM (VALUES (-3), (0), (3), (3)) AS t(a);

-- interval estimates: Wilson for the top box, normal approximation for NPS
SELECT (cx.top_box_ci(s)).*, (cx.top_box_ci(s, 1, 0.9)).*
FROM summary WHERE service = 'passport' AND item = 'satisfaction';
SELECT cx.top_box_ci('(lo=1,hi=5,missing=0,counts={5,5,0,20,20})', confidence => 0.99);
SELECT (cx.top_box_ci('(lo=1,hi=5,missing=0,counts={0,0,0,0,30})')).*;
SELECT (cx.top_box_ci('(lo=1,hi=5,missing=0,counts={30,0,0,0,0})')).*;
SELECT (cx.nps_ci('(lo=0,hi=10,missing=0,counts={0,0,0,0,0,0,0,0,0,0,12})')).*;
SELECT cx.normal_quantile(0.975), cx.normal_quantile(0.5), cx.normal_quantile(0), cx.normal_quantile(1);

-- merging: per service summaries roll up to the one-pass summary
SELECT item, cx.merge(s) FROM summary GROUP BY item ORDER BY item;
SELECT item, cx.merge(s)::text = (SELECT cx.scores_agg(answer, lo, hi)::text FROM answer a JOIN item i USING (item) WHERE a.item = summary.item) AS merge_equals_one_pass
FROM summary GROUP BY item ORDER BY item;
SELECT cx.merge(s) FROM (VALUES (NULL::cx.scores), (NULL)) AS t(s);

-- jsonb, for BI tools
SELECT service, item, s::jsonb FROM summary ORDER BY service, item;

-- errors
SELECT cx.scores_agg(a, 1, 5) FROM (VALUES (3), (6)) AS t(a);
SELECT cx.scores_agg(a, 1, 5) FROM (VALUES (0)) AS t(a);
SELECT cx.scores_agg(a, 5, 1) FROM (VALUES (3)) AS t(a);
SELECT cx.scores_agg(a, 0, 101) FROM (VALUES (3)) AS t(a);
SELECT cx.scores_agg(a, -2147483648, 2147483647) FROM (VALUES (3)) AS t(a);
SELECT cx.scores_agg(a, 1, NULL) FROM (VALUES (3)) AS t(a);
SELECT cx.scores_agg(a, 1, hi) FROM (VALUES (3, 5), (3, 7)) AS t(a, hi);
SELECT cx.merge(s) FROM summary;
SELECT cx.top_box(s, 0) FROM summary WHERE service = 'passport' AND item = 'trust';
SELECT cx.bottom_box(s, 6) FROM summary WHERE service = 'passport' AND item = 'trust';
SELECT cx.nps(s) FROM summary WHERE service = 'passport' AND item = 'trust';
SELECT cx.nps_ci(s) FROM summary WHERE service = 'passport' AND item = 'trust';
SELECT cx.top_box_ci(s, 2, 1) FROM summary WHERE service = 'passport' AND item = 'trust';
SELECT cx.top_box_ci(s, 2, 0) FROM summary WHERE service = 'passport' AND item = 'trust';
SELECT cx.nps_ci(s, 'NaN') FROM summary WHERE service = 'passport' AND item = 'recommend';
SELECT cx.normal_quantile(1.5);

-- the binary form: version 1, flags 0, lo, hi, missing, then one count per point
SELECT cx.scores_send('(lo=1,hi=2,missing=3,counts={4,5})');

-- text input: round trip, white space, and malformed or hostile values
SELECT '(lo=1,hi=5,missing=2,counts={3,0,7,12,8})'::cx.scores;
SELECT ' ( lo = -1 , hi = 1 , missing = 0 , counts = { 1 , 2 , 3 } ) '::cx.scores;
SELECT count(*) = count(*) FILTER (WHERE s::text::cx.scores::text = s::text) AS round_trip FROM summary;
SELECT 'garbage'::cx.scores;
SELECT '(lo=1,hi=5,missing=0,counts={1,2,3,4})'::cx.scores;
SELECT '(lo=1,hi=5,missing=0,counts={1,2,3,4,5,6})'::cx.scores;
SELECT '(lo=1,hi=5,missing=0,counts={1,2,3,4,5}) x'::cx.scores;
SELECT '(lo=1,hi=5,missing=0,counts={1,2,-3,4,5})'::cx.scores;
SELECT '(lo=1,hi=5,missing=-1,counts={1,2,3,4,5})'::cx.scores;
SELECT '(lo=5,hi=1,missing=0,counts={1})'::cx.scores;
SELECT '(lo=0,hi=101,missing=0,counts={1})'::cx.scores;
SELECT '(lo=-2147483649,hi=1,missing=0,counts={1})'::cx.scores;
SELECT '(lo=1,hi=2,missing=0,counts={9223372036854775807,1})'::cx.scores;
SELECT '(lo=1,hi=1,missing=0,counts={99999999999999999999})'::cx.scores;
SELECT '(hi=5,lo=1,missing=0,counts={1,2,3,4,5})'::cx.scores;

-- leave the shared regression database as we found it
DROP TABLE answer, item, summary;
