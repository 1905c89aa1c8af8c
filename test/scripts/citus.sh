#!/usr/bin/env bash
# Citus: a coordinator and two workers on loopback ports, with Citus built
# from the release source in ../shared/vendor/ (test/citus_build.sh, cached).
# Checks, against the same rows in local tables of the coordinator (plain
# PostgreSQL execution, the single-node reference):
#   (a) each aggregate's pushdown mode from EXPLAIN VERBOSE, as doc/citus.md
#       tabulates it, with citus.coordinator_aggregation_strategy = 'disabled'
#       wherever partial aggregation is claimed;
#   (b) every figure and rollup equal: counts and touchpoints byte for byte,
#       float moments to 1e-12;
#   (c) user value models defined, redefined and dropped on the coordinator
#       reach every node; built-in ones stay immutable there;
#   (d) cx.distribute_workspace on a workspace.
# Prints TAP lines; stops its clusters on exit.  Where Citus cannot be built
# (no source, no root for its build dependencies) it skips with one line,
# except under CI=true, where that is a failure.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../lib.sh"

# Ports from this test's own range (30700-30799, below the ephemeral ones),
# so that it never races the other multi-server tests for one.
cx_free_port() {
	local port
	for port in $(seq "${CX_CITUS_PORT_BASE:-30700}" $(( ${CX_CITUS_PORT_BASE:-30700} + 99 ))); do
		if ! (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null && [ ! -e "$CX_WORK/.s.PGSQL.$port" ]; then
			echo "$port"
			return
		fi
	done
	echo "no free loopback port in ${CX_CITUS_PORT_BASE:-30700}-$(( ${CX_CITUS_PORT_BASE:-30700} + 99 ))" >&2
	exit 1
}

case $CX_PGVERSION in
15) citus_version=13.2.2 ;;
*) citus_version=14.0.1 ;;
esac
status=0
citus=$(bash "$CX_ROOT/test/citus_build.sh" "$citus_version" "$CX_PGBIN_SYSTEM/pg_config") || status=$?
if [ "$status" -ne 0 ]; then
	if [ "$status" -eq 3 ] && [ "${CI:-}" != true ]; then
		echo "ok 1 # skip Citus $citus_version cannot be built here (see the lines above)"
		exit 0
	fi
	echo "not ok 1 - Citus $citus_version builds for PostgreSQL $CX_PGVERSION"
	exit 1
fi
echo "ok 1 - Citus $citus_version built for PostgreSQL $CX_PGVERSION ($citus)"

# A private copy of PostgreSQL with cxvalue, and Citus laid over it.
cx_stage_install
stage=$CX_WORK/install
(cd "$citus" && find . -mindepth 1 -maxdepth 1 ! -name '.*' -exec cp -a {} "$stage/" \;)

settings=("shared_preload_libraries = 'citus'" "citus.shard_count = 4"
	"max_connections = 60" "citus.max_adaptive_executor_pool_size = 4")
cx_start_cluster worker1 "${settings[@]}"
w1=$CX_PORT
cx_start_cluster worker2 "${settings[@]}"
w2=$CX_PORT
cx_start_cluster coordinator "${settings[@]}"
coordinator=$CX_PORT
export CX_PGBIN CX_HOST CX_WORK

on() { local port=$1; shift; CX_PORT=$port cx_psql -q -d postgres "$@"; }

for port in $w1 $w2 $coordinator; do
	on "$port" -c "CREATE EXTENSION citus" >/dev/null
done
on "$coordinator" -v w1="$w1" -v w2="$w2" -v coordinator="$coordinator" -o /dev/null \
	-f "$CX_ROOT/test/scale/schema.sql" -f "$CX_ROOT/test/citus/cluster.sql"
on "$coordinator" -f "$CX_ROOT/test/scale/load.sql" -f "$CX_ROOT/test/citus/rollups.sql" -o /dev/null

next=2
CX_PORT=$coordinator cx_psql -q -d postgres -At -v first="$next" \
	-f "$CX_ROOT/test/sql/helpers.sql" -f "$CX_ROOT/test/citus/checks.sql" -f "$CX_ROOT/test/citus/models.sql" \
	-f "$CX_ROOT/test/data/synthetic.sql" -f "$CX_ROOT/test/citus/workspace.sql" | tee "$CX_WORK/checks.out"

# A model defined on a worker (Citus keeps metadata on every node) reaches
# the coordinator and the other worker too.
on "$w1" -o /dev/null -c "SELECT cx.define_value_model('from-a-worker', '{\"benefit\": \"welfare\"}')"
seen=$(for port in $coordinator $w2; do
	on "$port" -At -c "SELECT role || ':' || dimension FROM cx.value_model_dimension WHERE model = 'from-a-worker'"
done | xargs)
if [ "$seen" = "benefit:welfare benefit:welfare" ]; then
	echo "ok - a model defined on a worker is on the coordinator and the other worker"
else
	echo "not ok - a model defined on a worker is on the coordinator and the other worker (saw: $seen)"
fi
