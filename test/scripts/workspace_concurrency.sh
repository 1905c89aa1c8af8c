#!/usr/bin/env bash
# Writers, refreshes and readers at once, with pgbench, for a bounded time
# (CX_CONCURRENCY_SECONDS, default 20 s in make test): three writers insert
# journeys, touchpoints (some late, before their journey's start) and
# survey answers, update and delete rows; two sessions call
# cx.refresh_workspace in a loop (they take turns on the workspace's lock);
# two readers read the scorecards.  Afterwards one more refresh, and the
# rollups must equal a full rebuild byte for byte: nothing lost, nothing
# counted twice.  No client may fail (a deadlock or an error aborts it).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
psql() { "$CX_PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$CX_HOST" -p "$CX_PORT" -U postgres "$@"; }
n=0
tap() { n=$((n + 1)); if [ "$1" = ok ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi; }
seconds=${CX_CONCURRENCY_SECONDS:-20}
dir=$CX_WORK/concurrency
mkdir -p "$dir"

psql -d postgres -c "DROP DATABASE IF EXISTS cx_conc" -c "CREATE DATABASE cx_conc"
psql -d cx_conc -c "CREATE EXTENSION cxvalue" -c "SELECT cx.create_workspace('ws')" >/dev/null
psql -d cx_conc -c "SET search_path = ws" -f test/data/synthetic.sql -c "SELECT ws.cx_synthetic('ws', 600, 9)" >/dev/null
psql -d cx_conc -c "SELECT cx.refresh_workspace('ws')" >/dev/null

cat >"$dir/writer.sql" <<'SQL'
\set j random(1, 1000000)
\set day random(0, 364)
\set k random(1, 4)
\set victim random(1, 4000)
\set late random(1, 600)
BEGIN;
INSERT INTO ws.journeys (provider, service, journey_id, completed)
VALUES ('cxvalue-synthetic', 'passport', 'pg-' || :client_id || '-' || :j, :k > 1)
ON CONFLICT DO NOTHING;
INSERT INTO ws.touchpoints (provider, service, journey_id, at, stage, channel, score)
SELECT 'cxvalue-synthetic', 'passport', 'pg-' || :client_id || '-' || :j,
       timestamptz '2024-01-01' + :day * interval '1 day' + g * interval '5 hours',
       (ARRAY['apply', 'pay fee', 'upload photo', 'decision'])[g], 'web', g + 1
FROM generate_series(1, :k) AS g;
COMMIT;
-- a late touchpoint for a journey of the sample: it may start earlier now
INSERT INTO ws.touchpoints (provider, service, journey_id, at, stage, channel, score)
SELECT provider, service, journey_id, timestamptz '2024-01-01' + :day * interval '1 day', 'status enquiry', 'phone', 2
FROM ws.journeys WHERE journey_id NOT LIKE 'pg-%' ORDER BY journey_id OFFSET :late LIMIT 1;
UPDATE ws.touchpoints SET score = CASE WHEN score IS NULL THEN 3 END, channel = 'office' WHERE touchpoint_id = :victim;
DELETE FROM ws.touchpoints WHERE touchpoint_id = :victim + 1;
INSERT INTO ws.survey_answers (provider, service, respondent_id, answered_at, item, answer)
VALUES ('cxvalue-synthetic', 'tax', 'pg' || :j, CASE WHEN :k = 1 THEN NULL ELSE timestamptz '2024-01-01' + :day * interval '1 day' END,
        'satisfaction', :k + 1);
UPDATE ws.survey_answers SET answered_at = answered_at + interval '1 day' WHERE answer_id = :victim;
DELETE FROM ws.journeys WHERE journey_id = 'pg-' || :client_id || '-' || (:j + 1);
SQL
cat >"$dir/refresher.sql" <<'SQL'
SELECT cx.refresh_workspace('ws');
SQL
cat >"$dir/reader.sql" <<'SQL'
SELECT sum(journeys), sum(touchpoints), avg(median_duration_hours) FROM ws.service_scorecard;
SELECT count(*), sum(journeys) FROM ws.service_scorecard_by_period WHERE grain = 'month';
SELECT count(*) FROM ws.stage_pain_points_by_period WHERE grain = 'week';
SELECT sum(answers) FROM ws.survey_items;
SQL
bench() {	# bench NAME CLIENTS: pgbench for $seconds seconds
	"$CX_PGBIN/pgbench" -n -h "$CX_HOST" -p "$CX_PORT" -U postgres -c "$2" -j "$2" -T "$seconds" \
		-f "$dir/$1.sql" cx_conc >"$dir/$1.out" 2>&1
}
bench writer 3 & w=$!
bench refresher 2 & r=$!
bench reader 2 & q=$!
status=0
for pid in $w $r $q; do wait "$pid" || status=1; done
for job in writer refresher reader; do
	done_tx=$(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' "$dir/$job.out")
	failed=$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' "$dir/$job.out")
	if grep -q "aborted\|ERROR" "$dir/$job.out" || [ -z "$done_tx" ] || [ "$done_tx" = 0 ] || [ "${failed:-0}" != 0 ]; then
		tap fail "pgbench $job: $seconds s without an error ($done_tx transactions)"
		cat "$dir/$job.out"
	else
		tap ok "pgbench $job: $seconds s without an error"
		echo "# $job: $done_tx transactions in $seconds s"
	fi
done
[ "$status" = 0 ] && tap ok "every pgbench client finished" || tap fail "every pgbench client finished"

rollups="SELECT string_agg(t || ' ' || d, E'\n' ORDER BY t) FROM (
	SELECT 'journeys' AS t, count(*) || ' ' || md5(string_agg(r::text, '' ORDER BY r::text)) AS d FROM ws.rollup_journeys r
	UNION ALL SELECT 'journey_days', count(*) || ' ' || md5(string_agg(r::text, '' ORDER BY r::text)) FROM ws.rollup_journey_days r
	UNION ALL SELECT 'stage_days', count(*) || ' ' || md5(string_agg(r::text, '' ORDER BY r::text)) FROM ws.rollup_stage_days r
	UNION ALL SELECT 'transition_days', count(*) || ' ' || md5(string_agg(r::text, '' ORDER BY r::text)) FROM ws.rollup_transition_days r
	UNION ALL SELECT 'loop_days', count(*) || ' ' || md5(string_agg(r::text, '' ORDER BY r::text)) FROM ws.rollup_loop_days r
	UNION ALL SELECT 'path_days', count(*) || ' ' || md5(string_agg(r::text, '' ORDER BY r::text)) FROM ws.rollup_path_days r
	UNION ALL SELECT 'channel_days', count(*) || ' ' || md5(string_agg(r::text, '' ORDER BY r::text)) FROM ws.rollup_channel_days r
	UNION ALL SELECT 'survey_days', count(*) || ' ' || md5(string_agg(r::text, '' ORDER BY r::text)) FROM ws.rollup_survey_days r
	UNION ALL SELECT 'value_days', count(*) || ' ' || md5(string_agg(r::text, '' ORDER BY r::text)) FROM ws.rollup_value_days r
	UNION ALL SELECT 'quadrant_days', count(*) || ' ' || md5(string_agg(r::text, '' ORDER BY r::text)) FROM ws.rollup_quadrant_days r) s"
psql -d cx_conc -c "SELECT cx.refresh_workspace('ws')" >/dev/null
waiting=$(psql -d cx_conc -At -c "SELECT count(*) FROM ws.changes")
[ "$waiting" = 0 ] && tap ok "the last refresh leaves no change waiting" || tap fail "the last refresh leaves no change waiting ($waiting)"
incremental=$(psql -d cx_conc -At -c "$rollups")
psql -d cx_conc -c "SELECT cx.refresh_workspace('ws', full => true)" >/dev/null
full=$(psql -d cx_conc -At -c "$rollups")
if [ "$incremental" = "$full" ]; then
	tap ok "after the concurrent run the rollups equal a full rebuild ($(echo "$full" | awk '{s += $2} END {print s}') rows)"
else
	tap fail "after the concurrent run the rollups equal a full rebuild"
	diff <(echo "$incremental") <(echo "$full") || true
fi
counts=$(psql -d cx_conc -At -c "SELECT (SELECT sum(touchpoints) FROM ws.service_scorecard) = (SELECT count(*) FROM ws.touchpoints)
	AND (SELECT sum(journeys) FROM ws.service_scorecard) = (SELECT count(*) FROM ws.journeys)
	AND (SELECT sum(answers + missing) FROM ws.survey_items) = (SELECT count(*) FROM ws.survey_answers)")
[ "$counts" = t ] && tap ok "the scorecard counts every journey, touchpoint and answer once" \
	|| tap fail "the scorecard counts every journey, touchpoint and answer once"
psql -d postgres -c "DROP DATABASE cx_conc"
