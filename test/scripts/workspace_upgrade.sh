#!/usr/bin/env bash
# The upgrade script replaces the workspace functions whole: the Makefile
# puts src/workspace.sql in it with CREATE OR REPLACE for the two
# functions 0.1.0 had (cx.create_workspace and cx.create_workspace_views),
# and test/scripts/upgrade_path.sh checks an updated install equals a
# fresh one.  Here: a 0.1.0 workspace brought up to date.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
script=$(find "${CX_WORK:-/nonexistent}" -name 'cxvalue--0.1.0--0.2.0.sql' -path '*/extension/*' 2>/dev/null | head -n 1)
n=$( [ -n "$script" ] && grep -c '^CREATE OR REPLACE FUNCTION' "$script" || echo "no installed upgrade script")
[ "$n" = 2 ] && echo "ok 1 - the installed upgrade script replaces just the two functions 0.1.0 had" \
	|| echo "not ok 1 - the installed upgrade script replaces just the two functions 0.1.0 had ($n)"

# A workspace made by 0.1.0, its extension updated, brought up to date by
# cx.create_workspace_views: the 0.2.0 views, with the figures of a fresh one.
[ -n "${CX_PORT:-}" ] || exit 0
psql() { "$CX_PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$CX_HOST" -p "$CX_PORT" -U postgres "$@"; }
cd "$root"
psql -d postgres -c "DROP DATABASE IF EXISTS cx_ws_upgrade" -c "CREATE DATABASE cx_ws_upgrade"
psql -d cx_ws_upgrade -c "CREATE EXTENSION cxvalue VERSION '0.1.0'" -c "SELECT cx.create_workspace('old')" \
	-c "SELECT cx.create_workspace('new')" >/dev/null
for ws in old new; do
	psql -d cx_ws_upgrade -v ws=$ws -f test/data/load_wabo.sql >/dev/null
done
psql -d cx_ws_upgrade -c "ALTER EXTENSION cxvalue UPDATE" >/dev/null
old_cols=$(psql -d cx_ws_upgrade -At -c "SELECT count(*) FROM pg_attribute WHERE attrelid = 'old.service_scorecard'::regclass AND attname = 'median_duration'")
[ "$old_cols" = 1 ] && echo "ok 3 - after ALTER EXTENSION UPDATE the 0.1.0 views still stand" \
	|| echo "not ok 3 - after ALTER EXTENSION UPDATE the 0.1.0 views still stand"
if psql -d cx_ws_upgrade -c "SELECT cx.create_workspace_views('old')" >/dev/null; then
	echo "ok 4 - cx.create_workspace_views brings the 0.1.0 workspace up to date"
else
	echo "not ok 4 - cx.create_workspace_views brings the 0.1.0 workspace up to date"
fi
psql -d cx_ws_upgrade -c "DROP SCHEMA new CASCADE" -c "SELECT cx.create_workspace('new')" >/dev/null 2>&1
psql -d cx_ws_upgrade -v ws=new -f test/data/load_wabo.sql >/dev/null
psql -d cx_ws_upgrade -c "SELECT cx.refresh_workspace('new')" >/dev/null
same=$(psql -d cx_ws_upgrade -At -c "SELECT (SELECT string_agg(r::text, '|' ORDER BY r::text) FROM (SELECT journeys, touchpoints, median_duration_hours, repeat_contact_rate FROM old.service_scorecard) r)
	= (SELECT string_agg(r::text, '|' ORDER BY r::text) FROM (SELECT journeys, touchpoints, median_duration_hours, repeat_contact_rate FROM new.service_scorecard) r)
	AND (SELECT count(*) FROM old.stage_pain_points_by_period) = (SELECT count(*) FROM new.stage_pain_points_by_period)
	AND (SELECT count(*) FROM old.stage_pain_points_by_period) > 0")
[ "$same" = t ] && echo "ok 5 - the updated workspace gives the figures of a fresh one" \
	|| echo "not ok 5 - the updated workspace gives the figures of a fresh one"
trig=$(psql -d cx_ws_upgrade -At -c "SELECT count(*) FROM pg_trigger WHERE tgrelid = 'old.touchpoints'::regclass AND NOT tgisinternal")
[ "$trig" = 4 ] && echo "ok 6 - and logs its changes" || echo "not ok 6 - and logs its changes ($trig triggers)"
psql -d postgres -c "DROP DATABASE cx_ws_upgrade"
