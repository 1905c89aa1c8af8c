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
#   (d) a workspace distributed by cx.distribute_workspace gives every view
#       as a single-server one does, before and after changes and refreshes.
# Prints TAP lines; stops its clusters on exit.  Where Citus cannot be built
# (no source, no root for its build dependencies) it skips with one line,
# except under CI=true, where that is a failure.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
citus_parent_pgbin=${CX_PGBIN:-}
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
CX_PORT=$coordinator cx_psql -q -d postgres -At -v evil="$CX_ROOT/test/security/evil_schema.sql" \
	-v synthetic="$CX_ROOT/test/data/synthetic.sql" \
	-f "$CX_ROOT/test/sql/helpers.sql" -f "$CX_ROOT/test/citus/checks.sql" -f "$CX_ROOT/test/citus/models.sql" \
	-f "$CX_ROOT/test/citus/workspace.sql" \
	>"$CX_WORK/checks.out" 2>&1 || status=$?
grep -v '^mode|' "$CX_WORK/checks.out"
[ "$status" -eq 0 ] || echo "not ok - the checks stopped on an error (psql exited with $status)"

# A worker added now gets cxvalue and the user models (the reference table's
# placement) from Citus, and computes with them.
cx_start_cluster worker3 "shared_preload_libraries = 'citus'" "max_connections = 60" "${citus_settings[@]}"
w3=$CX_PORT
on "$w3" -c "CREATE EXTENSION citus" >/dev/null
on "$coordinator" -o /dev/null -c "SET client_min_messages = warning" -c "SELECT cx.define_value_model('before-w3', '{\"benefit\": \"welfare\", \"sacrifice\": \"time\"}')" \
	-c "SELECT citus_add_node('127.0.0.1', $w3)" -c "SELECT rebalance_table_shards('spread.value_answers', shard_transfer_mode => 'block_writes')"
late=$(on "$w3" -At -c "SELECT extversion FROM pg_extension WHERE extname = 'cxvalue'" \
	-c "SELECT string_agg(role || ':' || dimension, ',' ORDER BY role) FROM cx.value_model_dimension WHERE model = 'before-w3'")
shards=$(on "$coordinator" -At -c "SELECT count(*) FROM citus_shards WHERE nodeport = $w3 AND table_name::text = 'spread.value_answers'")
if [ "$late" = "$(on "$coordinator" -At -c "SELECT extversion FROM pg_extension WHERE extname = 'cxvalue'")
benefit:welfare,sacrifice:time" ]; then
	echo "ok - a worker added later has cxvalue and the user models"
else
	echo "not ok - a worker added later has cxvalue and the user models (saw: $late)"
fi
per_journey() {	# per_journey SCHEMA: the model's index per journey, as one digest
	on "$coordinator" -At -c "SELECT count(*), count(v), md5(string_agg(journey_id || ':' || coalesce(v::text, ''), ',' ORDER BY journey_id))
		FROM (SELECT journey_id, cx.value_index(cx.value_agg(dimension, score, 1, 7), 'before-w3') AS v
		      FROM $1.value_answers GROUP BY journey_id) x"
}
figures=$(per_journey spread)
if [ "$shards" -gt 0 ] && [ "$figures" = "$(per_journey public)" ]; then
	echo "ok - with $shards shards moved to it, the added worker computes per-journey figures with the user model as one node does"
else
	echo "not ok - with $shards shards moved to it, the added worker computes per-journey figures with the user model as one node does ($figures)"
fi

# The examples of doc/citus.md, in order, in a fresh database of the
# cluster: each sql block marked "-- not run here: needs a Citus cluster"
# (test/scripts/docs.sh exempts them) prints exactly the text block after
# it (nothing where none follows), with psql -X -q as docs.sh runs pages.
# The actual outputs are kept in build/citus_doc/.
for port in $w1 $w2 $coordinator; do
	on "$port" -c "SET client_min_messages = warning" -c "CREATE DATABASE cx_doc"
	CX_PORT=$port cx_psql -q -d cx_doc -c "CREATE EXTENSION citus" >/dev/null
done
CX_PORT=$coordinator cx_psql -q -d cx_doc -o /dev/null -c "SELECT citus_set_coordinator_host('127.0.0.1', $coordinator)" \
	-c "SELECT citus_add_node('127.0.0.1', $w1)" -c "SELECT citus_add_node('127.0.0.1', $w2)" \
	-c "CREATE EXTENSION cxvalue" -c "SELECT cx.distribute_value_models()"
mkdir -p "$CX_WORK/doc" "$CX_ROOT/build"
python3 - "$CX_ROOT/doc/citus.md" "$CX_WORK/doc" <<'PY'
import re, sys
blocks = re.findall(r"```(sql|text)\n(.*?)```", open(sys.argv[1]).read(), re.S)
n = 0
for i, (kind, body) in enumerate(blocks):
    if kind != "sql" or not body.startswith("-- not run here: needs a Citus cluster"):
        continue
    n += 1
    expected = blocks[i + 1][1] if i + 1 < len(blocks) and blocks[i + 1][0] == "text" else ""
    open(f"{sys.argv[2]}/{n:02d}.sql", "w").write(body)
    open(f"{sys.argv[2]}/{n:02d}.expected", "w").write(expected)
PY
rm -rf "$CX_ROOT/build/citus_doc"
mkdir -p "$CX_ROOT/build/citus_doc"
for block in "$CX_WORK"/doc/*.sql; do
	CX_PORT=$coordinator cx_psql -q -d cx_doc -f "$block" >"${block%.sql}.out" 2>"${block%.sql}.err" || true
	cp "$block" "${block%.sql}.out" "${block%.sql}.err" "$CX_ROOT/build/citus_doc/"
	if diff "${block%.sql}.expected" "${block%.sql}.out" >/dev/null && ! grep -q ERROR "${block%.sql}.err"; then
		echo "ok - doc/citus.md example $(basename "$block" .sql) prints what the page shows: $(sed -n 2p "$block" | cut -c1-60)"
	else
		echo "not ok - doc/citus.md example $(basename "$block" .sql) prints what the page shows: $(sed -n 2p "$block" | cut -c1-60)"
		{ diff "${block%.sql}.expected" "${block%.sql}.out" || true; } | sed 's/^/# /' | head -n 20
		sed 's/^/# /' "${block%.sql}.err" | head -n 5 || true
	fi
done

# The pushdown table of doc/citus.md is the one measured.
grep '^mode|' "$CX_WORK/checks.out" | cut -d'|' -f2- | sort >"$CX_WORK/modes.measured"
grep -E '^\| `cx\.[a-z_]+(\(cx\.[a-z_]+\))?` \| (distribution column|anything else) \|' "$CX_ROOT/doc/citus.md" | sed -E 's/ +/ /g' | sort >"$CX_WORK/modes.documented" || true
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
