#!/usr/bin/env bash
# User-defined value models survive pg_dump and restore: define two (one
# owned by an ordinary role), use them, dump the database and restore it
# four ways (plain through psql; custom; directory; directory with -j 4)
# into new databases, and get the same figures and models, owners included,
# with the built-in models there once.
set -euo pipefail
bin=$CX_PGBIN
conn=(-X -q -v ON_ERROR_STOP=1 -h "$CX_HOST" -p "$CX_PORT" -U postgres)
psql() { "$bin/psql" "${conn[@]}" "$@"; }
n=0
check() {			# check DESCRIPTION COMMAND...: one TAP line
	local description=$1
	shift
	n=$((n + 1))
	if "$@"; then echo "ok $n - $description"; else echo "not ok $n - $description"; fi
}

restored=(cx_value_restored_plain cx_value_restored_custom cx_value_restored_dir cx_value_restored_dir_j4)
for db in cx_value_dump "${restored[@]}"; do
	psql -d postgres -c "DROP DATABASE IF EXISTS $db"
done
psql -d postgres -c "DROP ROLE IF EXISTS regress_cx_modeller" -c "CREATE ROLE regress_cx_modeller"
psql -d postgres -c "CREATE DATABASE cx_value_dump"
psql -d cx_value_dump -o /dev/null <<'SQL'
CREATE EXTENSION cxvalue;
GRANT EXECUTE ON FUNCTION cx.define_value_model(text, jsonb, text),
	cx.define_value_model(text, text[], text[], float8[], text) TO regress_cx_modeller;
SET ROLE regress_cx_modeller;
SELECT cx.define_value_model('self-service', '{"benefit": ["convenience"], "sacrifice": {"effort": 2}}');
RESET ROLE;
SELECT cx.define_value_model('council-tax',
	'{"benefit": {"functional": 2, "convenience": 1, "wellbeing": 1},
	  "sacrifice": {"time": 3, "effort": 1, "money": 1},
	  "perception": ["perceived"], "expectation": ["expected"]}',
	'Paying council tax online');
CREATE TABLE answer (service text, dimension text, score float8, lo float8, hi float8);
INSERT INTO answer
SELECT 'service ' || i % 5,
       (ARRAY['functional', 'convenience', 'wellbeing', 'time', 'effort', 'money', 'perceived', 'expected'])[1 + i % 8],
       CASE WHEN i % 17 = 0 THEN NULL WHEN i % 2 = 0 THEN 1 + i % 5 ELSE 1 + i % 7 END,
       1, CASE WHEN i % 2 = 0 THEN 5 ELSE 7 END
FROM generate_series(1, 2000) AS i;
-- summaries stored in a table go through the dump as text
CREATE TABLE monthly AS
SELECT service, cx.value_agg(dimension, score, lo, hi) AS v FROM answer GROUP BY service;
SQL

figures="SELECT string_agg(concat_ws(' ', service, cx.value_index(v, 'council-tax'), cx.value_ratio(v, 'council-tax'),
                                        cx.disconfirmation(v, 'council-tax'), cx.value_index(v)), E'\n' ORDER BY service)
         FROM (SELECT service, cx.value_agg(dimension, score, lo, hi) AS v FROM answer GROUP BY service) s"
stored="SELECT string_agg(concat_ws(' ', service, v::text, cx.value_index(v, 'council-tax')), E'\n' ORDER BY service) FROM monthly"
models="SELECT string_agg(concat_ws(' ', m.name, m.builtin, m.owner, m.description, m.roles, m.dimensions, m.weights), E'\n'
                          ORDER BY m.name)
        FROM cx.value_model m"
before_figures=$(psql -At -d cx_value_dump -c "$figures")
before_stored=$(psql -At -d cx_value_dump -c "$stored")
before_models=$(psql -At -d cx_value_dump -c "$models")

dump=$(mktemp -d)
trap 'rm -rf "$dump"' EXIT
server=(-h "$CX_HOST" -p "$CX_PORT" -U postgres)
"$bin/pg_dump" "${server[@]}" -Fc -f "$dump/value.dump" cx_value_dump
"$bin/pg_dump" "${server[@]}" -Fp -f "$dump/value.sql" cx_value_dump
"$bin/pg_dump" "${server[@]}" -Fd -f "$dump/value.dir" cx_value_dump
check "the dump holds the user-defined model" grep -q 'council-tax' "$dump/value.sql"
check "the dump leaves the built-in models to CREATE EXTENSION" \
	bash -c "! grep -qE '^(get-give|osborne|sheth-newman-gross|disconfirmation)[[:space:]]' '$dump/value.sql'"

for db in "${restored[@]}"; do psql -d postgres -c "CREATE DATABASE $db"; done
check "psql restores the plain dump without an error" \
	psql -d cx_value_restored_plain -f "$dump/value.sql" -o /dev/null
check "pg_restore of the custom-format dump succeeds" \
	"$bin/pg_restore" "${server[@]}" --exit-on-error -d cx_value_restored_custom "$dump/value.dump"
check "pg_restore of the directory-format dump succeeds" \
	"$bin/pg_restore" "${server[@]}" --exit-on-error -d cx_value_restored_dir "$dump/value.dir"
check "pg_restore -j 4 of the directory-format dump succeeds" \
	"$bin/pg_restore" "${server[@]}" --exit-on-error -j 4 -d cx_value_restored_dir_j4 "$dump/value.dir"

for db in "${restored[@]}"; do
	check "$db: the same figures from the user-defined model" \
		test "$(psql -At -d $db -c "$figures")" = "$before_figures"
	check "$db: the stored summaries and their figures are unchanged" \
		test "$(psql -At -d $db -c "$stored")" = "$before_stored"
	check "$db: every model, built-in and user-defined, exactly once, with its owner" \
		test "$(psql -At -d $db -c "$models")" = "$before_models"
	check "$db: four built-in models" \
		test "$(psql -At -d $db -c "SELECT count(*) FROM cx.value_model WHERE builtin")" = 4
done
check "the figures are not empty" test -n "$before_figures"

for db in cx_value_dump "${restored[@]}"; do
	psql -d postgres -c "DROP DATABASE $db"
done
psql -d postgres -c "DROP ROLE regress_cx_modeller"
