#!/usr/bin/env bash
# Binary round trip of every summary type through a client-side COPY: the
# values of each seed query in test/fuzz/targets go out with
# COPY ... (FORMAT binary) and back in, and must come back unchanged.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
psql() { "$CX_PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$CX_HOST" -p "$CX_PORT" -U postgres "$@"; }
psql -d postgres -c "DROP DATABASE IF EXISTS cx_copy" -c "CREATE DATABASE cx_copy"
psql -d cx_copy -c "CREATE EXTENSION cxvalue"
n=0
grep -vE '^(#|[[:space:]]*$)' "$root/test/fuzz/targets" | while IFS='|' read -r type query; do
	type=$(echo $type)
	n=$((n + 1))
	file=$(mktemp)
	psql -d cx_copy -c "CREATE TABLE original AS SELECT row_number() OVER () AS i, v FROM ($query) AS s(v)" \
		-c "CREATE TABLE copied (i bigint, v $type)" \
		-c "\\copy original TO '$file' (FORMAT binary)" \
		-c "\\copy copied FROM '$file' (FORMAT binary)"
	same=$(psql -d cx_copy -At -c "SELECT count(*) > 0 AND count(*) = count(*) FILTER (WHERE o.v::text = c.v::text)
		FROM original o FULL JOIN copied c USING (i)")
	psql -d cx_copy -c "DROP TABLE original, copied"
	rm -f "$file"
	if [ "$same" = t ]; then echo "ok $n - binary COPY round trip of $type"; else echo "not ok $n - binary COPY round trip of $type"; fi
done
psql -d postgres -c "DROP DATABASE cx_copy"
