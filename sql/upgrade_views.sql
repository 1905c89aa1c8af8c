-- Updating from 0.1.0 keeps what users built on the summary types: a view
-- over cx.merge(cx.journey), whose state type changed in 0.2.0 (the update
-- replaces the aggregate in place rather than dropping it), still works,
-- and the summaries stored under 0.1.0 compare with = after the update.
CREATE DATABASE cx_upgrade_views;
\c cx_upgrade_views
SET TimeZone = 'UTC';
CREATE EXTENSION cxvalue VERSION '0.1.0';
CREATE TABLE daily (journey_id int, day int, j cx.journey);
INSERT INTO daily
SELECT journey_id, day, cx.journey_agg(timestamptz '2024-05-01' + (day * 24 + i) * interval '1 hour',
                                       (ARRAY['apply', 'call', 'decide'])[1 + (i + day) % 3], i)
FROM generate_series(1, 2) AS journey_id, generate_series(1, 3) AS day, generate_series(1, 2) AS i
GROUP BY journey_id, day;
CREATE VIEW rolled AS SELECT journey_id, cx.merge(j) AS j FROM daily GROUP BY journey_id;
CREATE TABLE before AS SELECT journey_id, j::text AS j FROM rolled;
SELECT aggtranstype::regtype FROM pg_aggregate WHERE aggfnoid = 'cx.merge(cx.journey)'::regprocedure;
ALTER EXTENSION cxvalue UPDATE TO '0.2.0';
SELECT aggtranstype::regtype FROM pg_aggregate WHERE aggfnoid = 'cx.merge(cx.journey)'::regprocedure;
SELECT journey_id, cx.n(r.j), r.j::text = b.j AS same_as_before
FROM rolled r JOIN before b USING (journey_id) ORDER BY journey_id;
SET search_path = public, cx;
SELECT count(*) AS stored, count(DISTINCT j) AS distinct_stored,
       count(*) FILTER (WHERE j = j::text::cx.journey) AS equal_to_round_trip
FROM daily;
-- the updated aggregate is defined as a fresh install defines it
RESET search_path;
SELECT concat_ws(' ', aggtransfn, aggfinalfn, aggcombinefn, aggserialfn, aggdeserialfn, aggtranstype::regtype,
                 aggtransspace, agginitval, aggfinalmodify) AS updated_merge
FROM pg_aggregate WHERE aggfnoid = 'cx.merge(cx.journey)'::regprocedure \gset
CREATE DATABASE cx_fresh_views;
\c cx_fresh_views
CREATE EXTENSION cxvalue;
SELECT concat_ws(' ', aggtransfn, aggfinalfn, aggcombinefn, aggserialfn, aggdeserialfn, aggtranstype::regtype,
                 aggtransspace, agginitval, aggfinalmodify) = :'updated_merge' AS same_as_fresh,
       :'updated_merge' AS definition
FROM pg_aggregate WHERE aggfnoid = 'cx.merge(cx.journey)'::regprocedure;
\c postgres
DROP DATABASE cx_upgrade_views;
DROP DATABASE cx_fresh_views;
