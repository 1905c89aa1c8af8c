-- The examples of doc/waits.md, in order (generated with the page; keep them equal).
-- psql shows intervals in the postgres style; pg_regress would use postgres_verbose.
SET intervalstyle = postgres;
CREATE TABLE wait_cases (waited interval, ended boolean);
INSERT INTO wait_cases VALUES
	('1 day', true), ('2 days', true), ('2 days', false), ('3 days', true),
	('3 days', true), ('3 days', false), ('5 days', false), ('6 days', true),
	('6 days', false), (NULL, true);
SELECT cx.n(w), cx.open(w), cx.skipped(w), cx.median_wait(w)
FROM (SELECT cx.waits_agg(waited, ended) AS w FROM wait_cases) AS t;
SELECT * FROM cx.km((SELECT cx.waits_agg(waited, ended) FROM wait_cases));
SELECT * FROM cx.share_done_by((SELECT cx.waits_agg(waited, ended) FROM wait_cases), '3 days');
SELECT p, q.*
FROM unnest(ARRAY[0.2, 0.5, 0.8]) AS p,
     cx.wait_quantile((SELECT cx.waits_agg(waited, ended) FROM wait_cases), p) AS q;
