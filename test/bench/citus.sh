#!/usr/bin/env bash
# Citus on this machine: a coordinator and two workers (test/citus/cluster.sh)
# against one PostgreSQL backend (no parallel workers) on the same rows.
#   1. journey figures per service for CX_CITUS_TOUCHPOINTS touchpoints
#      (default 1M, in 100k journeys): journeys built on the workers, the
#      shards queried in parallel, against one backend;
#   2. the A-11 survey scorecard for CX_CITUS_ANSWERS answers (default 1M),
#      grouped by service and item, off the distribution column: partial
#      cx.scores_agg on the workers, against gathering the rows to the
#      coordinator first, and against twelve count(*) FILTER aggregates
#      (also partial: the floor).
# Every pair is checked equal before it is timed; medians of five runs.
# Prints one report; skips (one line) where Citus cannot be built.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
citus_parent_pgbin=${CX_PGBIN:-}
source "$here/../lib.sh"
touchpoints=${CX_CITUS_TOUCHPOINTS:-1000000}
answers=${CX_CITUS_ANSWERS:-1000000}

citus_settings=("citus.shard_count = 8" "jit = off" "work_mem = '256MB'" "max_wal_size = '4GB'")
source "$CX_ROOT/test/citus/cluster.sh"
if [ "$citus_status" -ne 0 ]; then
	echo "citus bench skipped: Citus $citus_version cannot be built here"
	exit 0
fi
citus_start
cx_say "Citus $citus_version, coordinator and two workers; loading $touchpoints touchpoints, $answers answers"

on "$coordinator" -o /dev/null -c "CREATE EXTENSION cxvalue" -c "SET client_min_messages = error" -f - \
	-v touchpoints="$touchpoints" -v answers="$answers" <<'SQL'
-- One backend: local tables on the coordinator, plain PostgreSQL execution.
CREATE TABLE public.touchpoints AS
SELECT j AS journey_id, 'service ' || (j % 20) AS service,
       timestamptz '2026-01-01 08:00+00' + make_interval(days => j % 90, mins => k * (5 + j % 17)) AS at,
       (ARRAY['apply', 'verify', 'pay', 'decide', 'appeal', 'call'])[1 + (j * k) % 6] AS stage,
       CASE WHEN (j + k) % 7 = 0 THEN NULL ELSE 1 + (j * 7 + k * 3) % 5 END::float8 AS score,
       (ARRAY['web', 'phone', 'office'])[1 + (j + k * k) % 3] AS channel
FROM generate_series(1, (:touchpoints / 10)::int) AS j, generate_series(1, 10) AS k;
CREATE TABLE public.answers AS
SELECT i / 7 AS journey_id, 'service ' || (i % 50) AS service,
       (ARRAY['satisfaction', 'trust', 'ease', 'efficiency', 'equity', 'helpfulness', 'effectiveness'])[1 + i % 7] AS item,
       CASE WHEN i % 29 = 0 THEN NULL ELSE (1 + (i::bigint * 7919 / 13) % 5)::int END AS answer
FROM generate_series(1, :answers) AS i;
CREATE SCHEMA spread;
CREATE TABLE spread.touchpoints (LIKE public.touchpoints);
CREATE TABLE spread.answers (LIKE public.answers);
SELECT create_distributed_table('spread.touchpoints', 'journey_id');
SELECT create_distributed_table('spread.answers', 'journey_id', colocate_with => 'spread.touchpoints');
INSERT INTO spread.touchpoints SELECT * FROM public.touchpoints;
INSERT INTO spread.answers SELECT * FROM public.answers;
VACUUM ANALYZE public.touchpoints;
VACUUM ANALYZE public.answers;
VACUUM ANALYZE spread.touchpoints;
VACUUM ANALYZE spread.answers;

-- (Helpers in pg_temp stay local: client_min_messages hides Citus saying so.)
-- Wall time of a query, run in this backend (a Citus query's tasks run on
-- the workers meanwhile): median of five after one warm-up.
CREATE FUNCTION pg_temp.wall_ms(query text, one_backend boolean) RETURNS float8 LANGUAGE plpgsql AS $$
DECLARE
	times float8[] := '{}';
	t0 timestamptz;
BEGIN
	IF one_backend THEN
		PERFORM set_config('max_parallel_workers_per_gather', '0', true);
	END IF;
	FOR i IN 0 .. 5 LOOP
		t0 := clock_timestamp();
		EXECUTE query;
		IF i > 0 THEN
			times := times || (extract(epoch FROM clock_timestamp() - t0) * 1000)::float8;
		END IF;
	END LOOP;
	PERFORM set_config('max_parallel_workers_per_gather', '2', true);
	RETURN (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY t) FROM unnest(times) AS t);
END $$;

CREATE FUNCTION pg_temp.digest(query text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	d text;
BEGIN
	EXECUTE format('CREATE TEMP TABLE digest_rows AS SELECT q::text AS r FROM (%s) q', query);
	SELECT md5(string_agg(r, E'\n' ORDER BY r)) INTO d FROM digest_rows;
	DROP TABLE digest_rows;
	RETURN d;
END $$;

-- fast: the query timed as cxvalue on Citus; slow: its twin.
CREATE TEMP TABLE citus_bench (figure text, fast_ms float8, slow_ms float8, what text);
CREATE FUNCTION pg_temp.pair(figure text, fast text, fast_one_backend boolean, slow text, slow_one_backend boolean, what text)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
	IF pg_temp.digest(fast) IS DISTINCT FROM pg_temp.digest(slow) THEN
		INSERT INTO citus_bench VALUES (figure, NULL, NULL, 'RESULTS DIFFER');
		RAISE WARNING '%: results differ', figure;
		RETURN;
	END IF;
	INSERT INTO citus_bench VALUES (figure, pg_temp.wall_ms(fast, fast_one_backend),
	                                pg_temp.wall_ms(slow, slow_one_backend), what);
END $$;

SELECT format($q$SELECT service, count(*) AS journeys, sum(cx.n(j)) AS touchpoints,
	       sum(cx.repeats(j)) AS repeats, sum(cx.channel_switches(j)) AS switches,
	       round(avg(cx.peak_end(j))::numeric, 10) AS peak_end,
	       round(avg(extract(epoch FROM cx.duration(j)))::numeric, 6) AS duration_s,
	       count(*) FILTER (WHERE cx.reached(j, 'decide')) AS decided
	FROM (SELECT service, journey_id, cx.journey_agg(at, stage, score, channel) AS j
	      FROM %s.touchpoints GROUP BY service, journey_id) x GROUP BY service$q$, 'SCHEMA') AS journeys \gset
SELECT pg_temp.pair('journey figures per service, Citus 2 workers against one backend',
	replace(:'journeys', 'SCHEMA', 'spread'), false, replace(:'journeys', 'SCHEMA', 'public'), true,
	'journeys built on the workers (pushed down), shards in parallel');

SELECT $q$SELECT service, item, cx.n(s) AS n, round(cx.top_box(s)::numeric, 9) AS agree,
	       round((cx.top_box_ci(s)).lower::numeric, 9) AS lower, round((cx.top_box_ci(s)).upper::numeric, 9) AS upper
	FROM (SELECT service, item, cx.scores_agg(answer, 1, 5) AS s FROM SOURCE GROUP BY service, item) m$q$ AS scorecard \gset
-- Rows gathered: a LIMIT makes Citus pull the answers to the coordinator
-- (an intermediate result) and aggregate them there.
SELECT pg_temp.pair('A-11 scorecard off the distribution column, partial aggregates against gathering rows',
	replace(:'scorecard', 'SOURCE', 'spread.answers'), false,
	replace(:'scorecard', 'SOURCE', '(SELECT service, item, answer FROM spread.answers LIMIT 1000000000) a'), false,
	'partial cx.scores_agg on the workers; rows gathered to the coordinator');
SELECT pg_temp.pair('A-11 scorecard off the distribution column, cx.scores_agg against twelve count(*) FILTER (both partial)',
	replace(:'scorecard', 'SOURCE', 'spread.answers'), false,
	$q$SELECT service, item, n, round(agree::numeric, 9), round(lower::numeric, 9), round(upper::numeric, 9)
	   FROM (SELECT service, item, n, a AS agree,
	                (a + z*z/(2*n) - z * sqrt(a*(1-a)/n + z*z/(4*n*n))) / (1 + z*z/n) AS lower,
	                (a + z*z/(2*n) + z * sqrt(a*(1-a)/n + z*z/(4*n*n))) / (1 + z*z/n) AS upper
	         FROM (SELECT service, item, n, CASE WHEN n > 0 THEN (c4 + c5)::float8 / n END AS a,
	                      1.959963984540054::float8 AS z
	               FROM (SELECT service, item, count(answer) AS n,
	                            count(*) FILTER (WHERE answer = 1) AS c1, count(*) FILTER (WHERE answer = 2) AS c2,
	                            count(*) FILTER (WHERE answer = 3) AS c3, count(*) FILTER (WHERE answer = 4) AS c4,
	                            count(*) FILTER (WHERE answer = 5) AS c5, count(*) FILTER (WHERE answer IS NULL) AS missing,
	                            count(*) FILTER (WHERE answer >= 4) AS top2, count(*) FILTER (WHERE answer <= 2) AS bottom2,
	                            count(*) FILTER (WHERE answer = 5) AS top1, count(*) FILTER (WHERE answer = 1) AS bottom1,
	                            count(*) FILTER (WHERE answer > 3) AS above, count(*) FILTER (WHERE answer < 3) AS below
	                     FROM spread.answers GROUP BY service, item) c) p) w$q$, false,
	'the floor: the same partial aggregation in plain SQL');
SELECT pg_temp.pair('A-11 scorecard, Citus 2 workers against one backend',
	replace(:'scorecard', 'SOURCE', 'spread.answers'), false, replace(:'scorecard', 'SOURCE', 'public.answers'), true,
	'partial cx.scores_agg on the workers; one backend, no parallel workers');
\o
\pset footer off
SELECT figure, round(fast_ms::numeric, 1) AS first_ms, round(slow_ms::numeric, 1) AS second_ms,
       round((slow_ms / fast_ms)::numeric, 2) AS "second/first", what
FROM citus_bench;
SQL
