#!/usr/bin/env bash
# pg_dump / restore of a workspace gives identical view output: the schema
# alone (pg_dump -n, restored into a database that has cxvalue) and the
# whole database (extension included).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
psql() { "$CX_PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$CX_HOST" -p "$CX_PORT" -U postgres "$@"; }
n=0
tap() { n=$((n + 1)); if [ "$1" = ok ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi; }
views="journey_summary service_scorecard_by_period stage_pain_points stage_pain_points_by_period
	stage_transitions rework_loops journey_paths channel_mix survey_items survey_items_by_period quadrant_mix
	value_by_service value_by_service_by_period value_dimensions rollup_journeys rollup_journey_days
	rollup_stage_days rollup_transition_days rollup_loop_days rollup_path_days rollup_channel_days
	rollup_survey_days rollup_value_days rollup_quadrant_days"
digests() {		# digests DB: one line per view and table, with its row count and md5
	local q="" rel
	for rel in $views services journeys touchpoints survey_answers value_answers coproduction_assessments published_scores; do
		q="$q SELECT '$rel', count(*), md5(coalesce(string_agg(r, E'\n' ORDER BY r), '')) FROM (SELECT row(v.*)::text AS r FROM ws.$rel v) s UNION ALL"
	done
	psql -d "$1" -At -c "${q% UNION ALL}"
}

psql -d postgres -c "DROP DATABASE IF EXISTS cx_dump_src" -c "DROP DATABASE IF EXISTS cx_dump_schema" \
	-c "DROP DATABASE IF EXISTS cx_dump_whole" -c "CREATE DATABASE cx_dump_src" \
	-c "CREATE DATABASE cx_dump_schema" -c "CREATE DATABASE cx_dump_whole"
psql -d cx_dump_src -c "CREATE EXTENSION cxvalue" -c "SELECT cx.create_workspace('ws')" >/dev/null
for dataset in wabo road_fines uwv a11; do
	psql -d cx_dump_src -v ws=ws -f "test/data/load_$dataset.sql"
done
psql -d cx_dump_src -c "SET search_path = ws" -f test/data/synthetic.sql -c "SELECT ws.cx_synthetic('ws', 500, 3)" >/dev/null
psql -d cx_dump_src -c "SELECT cx.refresh_workspace('ws')" >/dev/null
# Rows written after the refresh wait in the change log, which the dump keeps.
psql -d cx_dump_src -c "UPDATE ws.survey_answers SET answer = lo WHERE answer_id % 7 = 0" >/dev/null
before=$(digests cx_dump_src)

file=$CX_WORK/workspace.dump
"$CX_PGBIN/pg_dump" -h "$CX_HOST" -p "$CX_PORT" -U postgres -Fc -n ws -f "$file" cx_dump_src
psql -d cx_dump_schema -c "CREATE EXTENSION cxvalue"
"$CX_PGBIN/pg_restore" -h "$CX_HOST" -p "$CX_PORT" -U postgres -d cx_dump_schema --exit-on-error "$file" \
	&& tap ok "pg_restore of the workspace schema" || tap fail "pg_restore of the workspace schema"
waiting=$(psql -d cx_dump_schema -At -c "SELECT count(*) > 0 FROM ws.changes")
[ "$waiting" = t ] && tap ok "the waiting changes survive the dump" || tap fail "the waiting changes survive the dump"
psql -d cx_dump_schema -c "SELECT cx.refresh_workspace('ws')" >/dev/null
psql -d cx_dump_src -c "SELECT cx.refresh_workspace('ws')" >/dev/null
before=$(digests cx_dump_src)
after=$(digests cx_dump_schema)
if [ "$before" = "$after" ]; then
	tap ok "schema dump: every view and table identical ($(echo "$before" | awk -F'|' '{s += $2} END {print s}') rows)"
else
	tap fail "schema dump: views and tables differ"
	diff <(echo "$before") <(echo "$after") || true
fi

"$CX_PGBIN/pg_dump" -h "$CX_HOST" -p "$CX_PORT" -U postgres cx_dump_src \
	| psql -d cx_dump_whole -v ON_ERROR_STOP=1 >/dev/null \
	&& tap ok "restore of the whole database" || tap fail "restore of the whole database"
psql -d cx_dump_whole -c "SELECT cx.refresh_workspace('ws')" >/dev/null
after=$(digests cx_dump_whole)
[ "$before" = "$after" ] && tap ok "whole dump: every view and table identical" || tap fail "whole dump: views and tables differ"

psql -d postgres -c "DROP DATABASE cx_dump_src" -c "DROP DATABASE cx_dump_schema" -c "DROP DATABASE cx_dump_whole"
