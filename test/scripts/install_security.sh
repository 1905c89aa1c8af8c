#!/usr/bin/env bash
# What CREATE EXTENSION and every function bind, whatever a user planted:
#  1. a schema cx created beforehand by an ordinary role, with an operator
#     that would make it superuser, is refused (42P06) and runs nothing;
#  2. with a schema evil first on search_path, shadowing every pg_catalog
#     operator and the functions and aggregates SQL code uses (each raises
#     "evil ... called"), CREATE EXTENSION, every IMMUTABLE or STABLE
#     function and aggregate with sample arguments, the model functions and
#     a workspace (created, loaded, refreshed, every view read) give exactly
#     what they give without it, and nothing evil is called.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
conn=(-X -v ON_ERROR_STOP=1 -h "$CX_HOST" -p "$CX_PORT" -U postgres)
psql() { "$CX_PGBIN/psql" "${conn[@]}" "$@"; }
export PGOPTIONS="-c client_min_messages=warning"
n=0
tap() { n=$((n + 1)); if [ "$1" = ok ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# 1. the planted schema
psql -q -d postgres -c "DROP DATABASE IF EXISTS cx_planted" -c "DROP ROLE IF EXISTS regress_cx_planter" \
	-c "CREATE ROLE regress_cx_planter LOGIN" -c "CREATE DATABASE cx_planted OWNER regress_cx_planter"
psql -q -d cx_planted -U regress_cx_planter <<'SQL'
CREATE SCHEMA cx;
CREATE FUNCTION cx.gt(float8, integer) RETURNS boolean LANGUAGE sql
	AS 'ALTER ROLE regress_cx_planter SUPERUSER; SELECT $1 > $2';
CREATE OPERATOR cx.> (LEFTARG = float8, RIGHTARG = integer, FUNCTION = cx.gt);
CREATE FUNCTION cx.eq(text, text) RETURNS boolean LANGUAGE sql
	AS 'ALTER ROLE regress_cx_planter SUPERUSER; SELECT $1::bytea = $2::bytea';
CREATE OPERATOR cx.= (LEFTARG = text, RIGHTARG = text, FUNCTION = cx.eq);
SQL
out=$(psql -q -d cx_planted -c "CREATE EXTENSION cxvalue" 2>&1 || true)
case "$out" in
*'cxvalue cannot be installed: schema "cx" already exists'*) tap ok "CREATE EXTENSION refuses a planted schema cx" ;;
*) tap fail "CREATE EXTENSION refuses a planted schema cx: $out" ;;
esac
state=$(psql -At -d cx_planted -c "SELECT (SELECT rolsuper FROM pg_roles WHERE rolname = 'regress_cx_planter'),
	(SELECT count(*) FROM pg_extension WHERE extname = 'cxvalue')")
[ "$state" = "f|0" ] && tap ok "the planter stays an ordinary role and nothing is installed" \
	|| tap fail "the planter stays an ordinary role and nothing is installed ($state)"
psql -q -d cx_planted -c "DROP SCHEMA cx CASCADE" -c "CREATE EXTENSION cxvalue" \
	&& tap ok "once the schema is gone, CREATE EXTENSION succeeds" || tap fail "once the schema is gone, CREATE EXTENSION succeeds"
owner=$(psql -At -d cx_planted -c "SELECT nspowner::regrole FROM pg_namespace WHERE nspname = 'cx'")
member=$(psql -At -d cx_planted -c "SELECT count(*) FROM pg_depend WHERE classid = 'pg_namespace'::regclass
	AND objid = 'cx'::regnamespace AND refclassid = 'pg_extension'::regclass AND deptype = 'e'")
[ "$owner|$member" = "postgres|1" ] && tap ok "the schema cx belongs to the installer and to the extension" \
	|| tap fail "the schema cx belongs to the installer and to the extension ($owner|$member)"
psql -q -d postgres -c "DROP DATABASE cx_planted" -c "DROP ROLE regress_cx_planter"

# 2. evil first on search_path
scenario() {	# the volatile functions and a workspace, in database $1
	local db=$1
	psql -q -d "$db" -v VERBOSITY=terse -f "$root/test/data/synthetic.sql" >/dev/null
	psql -d "$db" -At -v ON_ERROR_STOP=0 -v VERBOSITY=terse 2>&1 <<SQL
SET search_path = $2;
SELECT cx.define_value_model('evil-check', '{"benefit": {"functional": 2}, "sacrifice": ["time"]}');
SELECT cx.define_value_model('evil-check-2', ARRAY['a'], ARRAY['benefits'], NULL);
SELECT cx.drop_value_model('evil-check-2');
SELECT cx.create_workspace('ws');
SET search_path = public;
SELECT cx_synthetic('ws', 300, 7) > 0;
SET search_path = $2;
SELECT format('SELECT cx.refresh_workspace(%L)', 'ws') WHERE pg_catalog.to_regproc('cx.refresh_workspace') IS NOT NULL \gexec
-- (refresh times, in refresh_state and the views that show them, differ by run)
SELECT format('SELECT %L AS view, pg_catalog.count(*), pg_catalog.md5(pg_catalog.string_agg(%s, E''\n'' ORDER BY v::text)) FROM ws.%I v',
              c.relname, CASE WHEN c.relname OPERATOR(pg_catalog.=) ANY ('{refresh_state,workspace_freshness,service_scorecard}'::name[])
                              THEN 'pg_catalog.regexp_replace(v::text, ''\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)?[+-]\d\d'', ''T'', ''g'')'
                              ELSE 'v::text' END, c.relname)
FROM pg_catalog.pg_class c
WHERE c.relnamespace OPERATOR(pg_catalog.=) 'ws'::regnamespace AND c.relkind OPERATOR(pg_catalog.=) ANY ('{v,r,m}'::"char"[])
ORDER BY c.relname \gexec
SELECT cx.value_index(cx.customer_value(ARRAY['functional', 'time'], ARRAY[5, 2], 1, 5), 'evil-check');
SQL
}
for db in cx_plain cx_evil; do
	psql -q -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
done
psql -q -d cx_evil -f "$root/test/security/evil_schema.sql"
shadows=$(psql -At -d cx_evil -c "SELECT count(*) FROM pg_proc WHERE pronamespace = 'evil'::regnamespace")
[ "$shadows" -gt 1000 ] && tap ok "schema evil shadows $shadows operators, functions and aggregates" \
	|| tap fail "schema evil shadows only $shadows operators, functions and aggregates"
psql -q -d cx_plain -c "CREATE EXTENSION cxvalue"
psql -q -d cx_evil -c "SET search_path = evil, pg_catalog, public" -c "CREATE EXTENSION cxvalue" \
	&& tap ok "CREATE EXTENSION with evil first on search_path" || tap fail "CREATE EXTENSION with evil first on search_path"

for db in cx_plain cx_evil; do
	psql -q -d "$db" -f "$root/test/security/calls.sql"
done
unsampled=$(psql -At -d cx_plain -c "SELECT string_agg(DISTINCT type::text, ', ') FROM public.evil_unsampled")
[ -z "$unsampled" ] && tap ok "every function's argument types have samples" \
	|| tap fail "argument types without samples in test/security/calls.sql: $unsampled"
volatile=$(psql -At -d cx_plain -c "SELECT string_agg(p.proname, ', ' ORDER BY p.proname) FROM pg_proc p
	WHERE p.pronamespace = 'cx'::regnamespace AND p.provolatile = 'v' AND p.prokind = 'f'
	  AND p.prorettype <> 'internal'::regtype
	  AND p.proname NOT IN ('define_value_model', 'drop_value_model', 'create_workspace', 'create_workspace_views',
	                        'refresh_workspace',
	                        -- need Citus: test/scripts/citus.sh calls them with evil first on search_path
	                        'distribute_value_models', 'distribute_workspace')")
[ -z "$volatile" ] && tap ok "every volatile function is in the scenario" \
	|| tap fail "volatile functions the scenario does not call: $volatile"
calls=$(psql -At -d cx_plain -c "SELECT count(*) FROM public.evil_calls")
sweep() {
	psql -d "$1" -At -v ON_ERROR_STOP=0 -v VERBOSITY=terse 2>&1 <<SQL
SET search_path = $2;
SELECT stmt FROM public.evil_calls ORDER BY n \gexec
SQL
}
sweep cx_plain '"$user", public' >"$work/plain.out"
sweep cx_evil 'evil, pg_catalog, public' >"$work/evil.out"
if grep -q 'evil .* called' "$work/evil.out"; then
	tap fail "no function called anything evil: $(grep -m3 'evil .* called' "$work/evil.out" | xargs)"
else
	tap ok "$calls calls of every immutable and stable function and aggregate call nothing evil"
fi
if diff -q "$work/plain.out" "$work/evil.out" >/dev/null; then
	tap ok "and give exactly the results they give without evil on search_path"
else
	tap fail "and give exactly the results they give without evil on search_path: $(diff "$work/plain.out" "$work/evil.out" | head -5 | xargs)"
fi
results=$(grep -c '^[0-9]|' "$work/plain.out" || true)
[ "$results" -gt $((calls / 2)) ] && tap ok "$results of the $calls calls return a result, not an error" \
	|| tap fail "only $results of the $calls calls return a result"

scenario cx_plain '"$user", public' >"$work/plain_scenario.out"
scenario cx_evil 'evil, pg_catalog, public' >"$work/evil_scenario.out"
if grep -q 'evil .* called\|ERROR' "$work/evil_scenario.out"; then
	tap fail "models and a workspace with evil on search_path: $(grep -m3 'evil .* called\|ERROR' "$work/evil_scenario.out" | xargs)"
else
	tap ok "models and a workspace with evil on search_path: no error, nothing evil called"
fi
views=$(grep -c '^[a-z_]*|[0-9]*|' "$work/plain_scenario.out" || true)
if [ "$views" -gt 0 ] && diff -q "$work/plain_scenario.out" "$work/evil_scenario.out" >/dev/null; then
	tap ok "the workspace's $views tables and views read the same with and without evil"
else
	tap fail "the workspace's tables and views read the same with and without evil: $(diff "$work/plain_scenario.out" "$work/evil_scenario.out" | head -5 | xargs)"
fi
for db in cx_plain cx_evil; do psql -q -d postgres -c "DROP DATABASE $db"; done
