#!/usr/bin/env bash
# The input fuzzer against a server running under valgrind: every memory
# error in a backend is reported with its stack.  Slow (minutes), so not part
# of `make test`; run it after touching an input, receive or aggregate
# function:   bash test/fuzz/valgrind.sh [ITERATIONS]
source "$(dirname "$0")/../lib.sh"
iterations=${1:-300}

cx_ensure_dependencies
command -v valgrind >/dev/null || { echo "valgrind is not installed: apt-get install valgrind" >&2; exit 1; }
cx_build
cx_build_fuzzer
cx_stage_install
cp "$CX_ROOT/test/fuzz/valgrind.supp" "$CX_WORK/"
cx_start_cluster valgrind "max_parallel_workers_per_gather = 0"
cx_stop_clusters
# pg_ctl cannot wrap the postmaster in valgrind, so start it directly.
cx_as_server_user valgrind --quiet --trace-children=yes --track-origins=no \
	--suppressions="$CX_WORK/valgrind.supp" \
	--error-markers=VALGRINDERROR-BEGIN,VALGRINDERROR-END \
	--log-file="$CX_WORK/valgrind.%p.log" \
	"$CX_PGBIN/postgres" -D "$CX_WORK/valgrind" >"$CX_WORK/valgrind.log" 2>&1 &
for _ in $(seq 120); do
	"$CX_PGBIN/pg_isready" -q -h "$CX_HOST" -p "$CX_PORT" && break
	sleep 1
done
cx_psql -q -d postgres -c "CREATE EXTENSION cxvalue"
grep -vE '^(#|[[:space:]]*$)' "$CX_ROOT/test/fuzz/targets" | while IFS='|' read -r type query; do
	"$CX_FUZZER" "host=$CX_HOST port=$CX_PORT user=postgres dbname=postgres" \
		"$(echo $type)" "$query" "$iterations" || true
done
cx_psql -q -d postgres -f "$CX_ROOT/test/fuzz/valgrind_workload.sql" >/dev/null || echo "not ok - workload failed"
CX_CLUSTERS=("$CX_WORK/valgrind")
cx_as_server_user "$CX_PGBIN/pg_ctl" -D "$CX_WORK/valgrind" -m fast -w -t 300 stop >/dev/null || true
CX_CLUSTERS=()
errors=$(cat "$CX_WORK"/valgrind.*.log | grep -c VALGRINDERROR-BEGIN || true)
if [ "$errors" -gt 0 ]; then
	cat "$CX_WORK"/valgrind.*.log | sed -n '/VALGRINDERROR-BEGIN/,/VALGRINDERROR-END/p' | head -200
	echo "not ok - valgrind reported $errors errors"
	exit 1
fi
echo "ok - valgrind reported no memory errors"
