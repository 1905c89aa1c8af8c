#!/usr/bin/env bash
# The HTML report (test/report/cx_report.py) rendered in headless Chromium
# with the network off, on the demo's data (the four real datasets and a
# synthetic sample): no console message but the script's own marker, every
# chart each service should have, every mark tied to a view cell equal to
# it, the funnels recomputed from the paths, the frequency threshold
# applied, a screenshot of the first page and a PDF print.  The outputs stay
# in build/report/test/ (first-page.png is the README's picture).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
source test/report/chromium.sh
psql() { "$CX_PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$CX_HOST" -p "$CX_PORT" -U postgres "$@"; }
n=0
tap() { n=$((n + 1)); if [ "$1" = ok ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi; }

for tool in chromium dot; do
	if ! command -v $tool >/dev/null; then
		echo "not ok - $tool is missing (test/lib.sh installs it as root: apt-get install chromium graphviz)"
		exit 1
	fi
done

out=$root/build/report/test
rm -rf "$out"
mkdir -p "$out"
psql -d postgres -c "DROP DATABASE IF EXISTS cx_report" -c "CREATE DATABASE cx_report"
psql -d cx_report -c "CREATE EXTENSION cxvalue" -c "SELECT cx.create_workspace('demo')" >/dev/null
for dataset in wabo road_fines uwv a11; do
	psql -d cx_report -v ws=demo -f "test/data/load_$dataset.sql"
done
psql -d cx_report -f test/data/synthetic.sql
psql -d cx_report -At -c "SELECT cx_synthetic('demo', 3000, 2024)" >/dev/null
# 0.2.0 workspaces read rollups: fold the loaded rows in first.
psql -d cx_report -At -c "SELECT to_regproc('cx.refresh_workspace') IS NOT NULL" | grep -q t \
	&& psql -d cx_report -c "SELECT cx.refresh_workspace('demo')" >/dev/null
export PGHOST=$CX_HOST PGPORT=$CX_PORT PGUSER=postgres PGDATABASE=cx_report PSQL=$CX_PGBIN/psql

if python3 test/report/cx_report.py --schema demo --output "$out/index.html" >"$out/cx_report.log" 2>&1; then
	tap ok "cx_report.py wrote the report ($(wc -c <"$out/index.html") bytes)"
else
	tap fail "cx_report.py wrote the report"
	cat "$out/cx_report.log"
	exit 1
fi
# The same report again, connected by a conninfo string alone: the same
# file, but for the time it was drawn.
env -u PGHOST -u PGPORT -u PGUSER -u PGDATABASE python3 test/report/cx_report.py --schema demo \
	--dbname "host=$CX_HOST port=$CX_PORT user=postgres dbname=cx_report" --output "$out/again.html" >/dev/null
if diff <(sed 's/drawn [0-9: -]* UTC//' "$out/index.html") <(sed 's/drawn [0-9: -]* UTC//' "$out/again.html") >/dev/null; then
	tap ok "a conninfo string connects it, and the same data give the same file"
else
	tap fail "a conninfo string connects it, and the same data give the same file"
fi
python3 test/report/cx_report.py --help | grep -q -- '--schema' && tap ok "cx_report.py --help names its options" \
	|| tap fail "cx_report.py --help names its options"
if python3 test/report/cx_report.py --schema no_such_workspace --output "$out/none.html" 2>"$out/none.err"; then
	tap fail "a schema without a workspace is refused"
else
	grep -q 'holds no cxvalue workspace' "$out/none.err" && tap ok "a schema without a workspace is refused" \
		|| tap fail "a schema without a workspace is refused: $(cat "$out/none.err")"
fi

url="file://$out/index.html"
cx_chromium "$out" --virtual-time-budget=2000 --dump-dom "$url" >"$out/dom.html" || true
cp "$out/chromium.log" "$out/console.log"
cx_chromium "$out" --window-size=1100,1500 --screenshot="$out/first-page.png" "$url" >/dev/null || true
cx_chromium "$out" --no-pdf-header-footer --print-to-pdf="$out/report.pdf" "$url" >/dev/null || true
[ -s "$out/dom.html" ] && tap ok "Chromium rendered the report" || tap fail "Chromium rendered the report"
if [ -s "$out/report.pdf" ] && head -c 5 "$out/report.pdf" | grep -q '%PDF'; then
	pages=$(grep -ao '/Count [0-9]*' "$out/report.pdf" | awk '{ print $2 }' | sort -n | tail -n 1)
	pages=${pages:-0}
	[ "$pages" -gt 1 ] && tap ok "the report prints ($pages A4 pages)" || tap fail "the report prints ($pages pages)"
else
	tap fail "the report prints to PDF"
fi

set +e
python3 test/report/check_report.py demo "$out/index.html" "$out/dom.html" "$out/console.log" \
	"$out/first-page.png" | awk -v n=$n '/^(not )?ok [0-9]+/ { sub(/[0-9]+/, ++n) } { print }'
status=${PIPESTATUS[0]}
set -e
psql -d postgres -c "DROP DATABASE cx_report"
exit "$status"
