#!/usr/bin/env bash
# Several servers with postgres_fdw: a coordinator and two shards on
# loopback ports.  Rows are spread over the shards by a hash of their key
# through a partitioned table of foreign tables.  Checks that
#   (a) with partitionwise aggregation and the server option
#       extensions 'cxvalue', per-key aggregates run on the shards (the
#       remote SQL of EXPLAIN VERBOSE names the cxvalue aggregate), and
#   (b) summaries computed on each shard and merged on the coordinator with
#       cx.merge equal the single-server figures exactly.
# Prints TAP lines; stops its clusters on exit.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
pgbin=$CX_PGBIN
source "$here/../lib.sh"
CX_PGBIN=$pgbin
export CX_PGBIN

cx_start_cluster shard1
shard1=$CX_PORT
cx_start_cluster shard2
shard2=$CX_PORT
cx_start_cluster coordinator
coordinator=$CX_PORT

on() { local port=$1; shift; CX_PORT=$port cx_psql -q -d postgres "$@"; }

for port in $shard1 $shard2 $coordinator; do
	on "$port" -f "$CX_ROOT/test/scale/schema.sql"
done
on "$coordinator" -v shard1="$shard1" -v shard2="$shard2" -f "$CX_ROOT/test/scale/coordinator.sql"
# The same rows twice: spread over the shards through the coordinator, and
# whole in a local table on the coordinator, the single-server reference.
on "$coordinator" -f "$CX_ROOT/test/scale/load.sql"

CX_PORT=$coordinator cx_psql -q -d postgres -At -f "$CX_ROOT/test/sql/helpers.sql" \
	-f "$CX_ROOT/test/scale/checks.sql"
