#!/usr/bin/env bash
# What `make demo` does, in the test cluster: the loaders, the synthetic
# generator (deterministic: same seed, same rows) and every report of
# test/demo/*.sql, which must run without error and print the real WABO
# figures.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
psql() { "$CX_PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$CX_HOST" -p "$CX_PORT" -U postgres "$@"; }
n=0
tap() { n=$((n + 1)); if [ "$1" = ok ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi; }

psql -d postgres -c "DROP DATABASE IF EXISTS cx_demo" -c "CREATE DATABASE cx_demo"
psql -d cx_demo -c "CREATE EXTENSION cxvalue" -c "SELECT cx.create_workspace('demo')" \
	-c "SELECT cx.create_workspace('s1')" -c "SELECT cx.create_workspace('s2')" -c "SELECT cx.create_workspace('s3')" >/dev/null
for dataset in wabo wabo_deadlines gc_standards road_fines uwv a11; do
	psql -d cx_demo -v ws=demo -f "test/data/load_$dataset.sql" && tap ok "load_$dataset.sql" || tap fail "load_$dataset.sql"
done
psql -d cx_demo -f test/data/load_hcahps.sql && tap ok "load_hcahps.sql" || tap fail "load_hcahps.sql"
psql -d cx_demo -f test/data/synthetic.sql
made=$(psql -d cx_demo -At -c "SELECT cx_synthetic('demo', 3000, 2024)")
[ "$made" -gt 3000 ] && tap ok "cx_synthetic made $made touchpoints" || tap fail "cx_synthetic made $made touchpoints"

digest() {	# digest SCHEMA: every synthetic row of the workspace, ids left out
	psql -d cx_demo -At -c "SELECT md5(string_agg(r, E'\n' ORDER BY r)) FROM (
		SELECT row(provider, service, journey_id, customer_id, segment, outcome, completed)::text AS r FROM $1.journeys
		UNION ALL SELECT row(journey_id, at, stage, channel, score)::text FROM $1.touchpoints
		UNION ALL SELECT row(journey_id, respondent_id, answered_at, item, answer, lo, hi)::text FROM $1.survey_answers
		UNION ALL SELECT row(journey_id, dimension, score, lo, hi)::text FROM $1.value_answers
		UNION ALL SELECT row(service, assessor, voluntariness, system_locus)::text FROM $1.coproduction_assessments) s"
}
psql -d cx_demo -At -c "SELECT cx_synthetic('s1', 1000, 5)" -c "SELECT cx_synthetic('s2', 1000, 5)" \
	-c "SELECT cx_synthetic('s3', 1000, 6)" >/dev/null
[ "$(digest s1)" = "$(digest s2)" ] && tap ok "the same seed gives the same rows" || tap fail "the same seed gives the same rows"
[ "$(digest s1)" != "$(digest s3)" ] && tap ok "another seed gives other rows" || tap fail "another seed gives other rows"
# Services' shares of journeys: 25/30/35/10 % by design; 1000 draws stay within 5 points.
off=$(psql -d cx_demo -At -c "SELECT count(*) FROM (SELECT service, count(*) / 1000.0 AS share FROM s1.journeys GROUP BY service) s
	JOIN (VALUES ('benefit', 0.25), ('parks', 0.10), ('passport', 0.35), ('tax', 0.30)) AS d(service, want) USING (service)
	WHERE abs(share - want) > 0.05")
[ "$off" = 0 ] && tap ok "the services' shares are as designed" || tap fail "the services' shares are as designed ($off off)"

rm -f "$CX_WORK/reports.out"
psql -d cx_demo -At -c "SELECT cx.refresh_workspace('demo')" >/dev/null \
	&& tap ok "cx.refresh_workspace folds the loaded rows in" || tap fail "cx.refresh_workspace folds the loaded rows in"
psql -d cx_demo -c "ANALYZE"
for report in test/demo/*.sql; do
	if psql -d cx_demo -f "$report" >"$CX_WORK/report.out" 2>&1; then
		tap ok "report $(basename "$report") runs"
	else
		tap fail "report $(basename "$report") runs"
		cat "$CX_WORK/report.out"
	fi
	cat "$CX_WORK/report.out" >>"$CX_WORK/reports.out"
done
grep -q ' wabo-receipt   |     1434 |        8577 | 92.7% ' "$CX_WORK/reports.out" \
	&& tap ok "the scorecard shows WABO's 1434 journeys, 8577 touchpoints, 92.7% closed" \
	|| tap fail "the scorecard shows WABO's 1434 journeys, 8577 touchpoints, 92.7% closed"
grep -q '      713 | 49.7% | 8 min           | Receipt > T02 > T04 > T05 > T06 > T10' "$CX_WORK/reports.out" \
	&& tap ok "the commonest WABO path: 713 journeys" || tap fail "the commonest WABO path: 713 journeys"
grep -q '          41 |       30 | T02 > T03 > T02' "$CX_WORK/reports.out" \
	&& tap ok "the commonest WABO rework loop: 41 times in 30 journeys" || tap fail "the commonest WABO rework loop"
grep -qE '^ 2024-06 +\| +[0-9]+ \|' "$CX_WORK/reports.out" \
	&& tap ok "the monthly trend shows June 2024" || tap fail "the monthly trend shows June 2024"
[ "$(grep -cE '^ 2024-[01][0-9] +\|' "$CX_WORK/reports.out")" = 12 ] \
	&& tap ok "the monthly trend has twelve months" || tap fail "the monthly trend has twelve months"
grep -q ' care_transition | 0.89 |        0.77 |      0.06 | <0.001 |  0.64 | 29.2%' "$CX_WORK/reports.out" \
	&& tap ok "the HCAHPS drivers: care transition first, 29.2% of R squared over 458 state-releases" \
	|| tap fail "the HCAHPS drivers: care transition first, 29.2% of R squared over 458 state-releases"
psql -d postgres -c "DROP DATABASE cx_demo"
