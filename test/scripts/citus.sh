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

citus_settings=("citus.shard_count = 4" "citus.max_adaptive_executor_pool_size = 4")
source "$CX_ROOT/test/citus/cluster.sh"
if [ "$citus_status" -ne 0 ]; then
	if [ "$citus_status" -eq 3 ] && [ "${CI:-}" != true ]; then
		echo "ok 1 # skip Citus $citus_version cannot be built here (see the lines above)"
		exit 0
	fi
	echo "not ok 1 - Citus $citus_version builds for PostgreSQL $CX_PGVERSION"
	exit 1
fi
echo "ok 1 - Citus $citus_version built for PostgreSQL $CX_PGVERSION ($citus_dir)"
citus_start

on "$coordinator" -o /dev/null -f "$CX_ROOT/test/scale/schema.sql" -f "$CX_ROOT/test/citus/tables.sql"
on "$coordinator" -f "$CX_ROOT/test/scale/load.sql" -f "$CX_ROOT/test/citus/rollups.sql" -o /dev/null

status=0
CX_PORT=$coordinator cx_psql -q -d postgres -At \
	-f "$CX_ROOT/test/sql/helpers.sql" -f "$CX_ROOT/test/citus/checks.sql" -f "$CX_ROOT/test/citus/models.sql" \
	-f "$CX_ROOT/test/data/synthetic.sql" -f "$CX_ROOT/test/citus/workspace.sql" >"$CX_WORK/checks.out" 2>&1 || status=$?
grep -v '^mode|' "$CX_WORK/checks.out"
[ "$status" -eq 0 ] || echo "not ok - the checks stopped on an error (psql exited with $status)"

# The pushdown table of doc/citus.md is the one measured.
grep '^mode|' "$CX_WORK/checks.out" | cut -d'|' -f2- | sort >"$CX_WORK/modes.measured"
grep -E '^\| `cx\.[a-z_]+` \|' "$CX_ROOT/doc/citus.md" | sed -E 's/ +/ /g' | sort >"$CX_WORK/modes.documented" || true
if diff "$CX_WORK/modes.documented" "$CX_WORK/modes.measured" >"$CX_WORK/modes.diff"; then
	echo "ok - the pushdown table in doc/citus.md is what EXPLAIN VERBOSE shows ($(wc -l <"$CX_WORK/modes.measured") rows)"
else
	echo "not ok - the pushdown table in doc/citus.md differs from what EXPLAIN VERBOSE shows:"
	sed 's/^/# /' "$CX_WORK/modes.diff"
fi

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
