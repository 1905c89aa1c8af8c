#!/usr/bin/env bash
# Row-level security through the workspace views and rollups, everything
# done by non-superusers with the usual grants:
#   regress_cx_ws_owner   creates the workspace (owns its schema and tables)
#   regress_cx_ws_prov_a  provider 'cxvalue-synthetic', writes the synthetic sample
#   regress_cx_ws_prov_b  provider 'nl-municipality', loads the WABO log
#   regress_cx_ws_bi_a, regress_cx_ws_bi_b   BI roles that may only read their provider
# Each BI role must see, through every view and every rollup table, exactly
# the rows the owner sees for that provider, and nothing of the other.  The
# policies are on the tables only: the rollups' own policies follow them.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
psql() { "$CX_PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$CX_HOST" -p "$CX_PORT" "$@"; }
as() { local role=$1; shift; psql -U "$role" -d cx_rls "$@"; }
n=0
tap() { n=$((n + 1)); if [ "$1" = ok ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi; }

psql -U postgres -d postgres <<'SQL'
DROP DATABASE IF EXISTS cx_rls;
DROP ROLE IF EXISTS regress_cx_ws_owner, regress_cx_ws_prov_a, regress_cx_ws_prov_b, regress_cx_ws_bi_a, regress_cx_ws_bi_b;
CREATE ROLE regress_cx_ws_owner LOGIN;
CREATE ROLE regress_cx_ws_prov_a LOGIN;
CREATE ROLE regress_cx_ws_prov_b LOGIN;
CREATE ROLE regress_cx_ws_bi_a LOGIN;
CREATE ROLE regress_cx_ws_bi_b LOGIN;
CREATE DATABASE cx_rls;
GRANT CREATE ON DATABASE cx_rls TO regress_cx_ws_owner;
SQL
psql -U postgres -d cx_rls -c "CREATE EXTENSION cxvalue"

if as regress_cx_ws_owner -c "SELECT cx.create_workspace('ws')" >/dev/null; then
	tap ok "a non-superuser creates a workspace"
else
	tap fail "a non-superuser creates a workspace"
fi
as regress_cx_ws_owner <<'SQL'
SET search_path = ws;
\i test/data/synthetic.sql
DO $$
DECLARE t text;
BEGIN
	FOREACH t IN ARRAY ARRAY['services', 'journeys', 'touchpoints', 'survey_answers', 'value_answers',
	                         'coproduction_assessments', 'published_scores'] LOOP
		EXECUTE format('ALTER TABLE ws.%I ENABLE ROW LEVEL SECURITY', t);
		EXECUTE format($p$CREATE POLICY provider_a ON ws.%I TO regress_cx_ws_prov_a, regress_cx_ws_bi_a
			USING (provider = 'cxvalue-synthetic') WITH CHECK (provider = 'cxvalue-synthetic')$p$, t);
		EXECUTE format($p$CREATE POLICY provider_b ON ws.%I TO regress_cx_ws_prov_b, regress_cx_ws_bi_b
			USING (provider = 'nl-municipality') WITH CHECK (provider = 'nl-municipality')$p$, t);
	END LOOP;
END $$;
GRANT USAGE ON SCHEMA ws TO regress_cx_ws_prov_a, regress_cx_ws_prov_b, regress_cx_ws_bi_a, regress_cx_ws_bi_b;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ws TO regress_cx_ws_prov_a, regress_cx_ws_prov_b;
GRANT SELECT ON ALL TABLES IN SCHEMA ws TO regress_cx_ws_bi_a, regress_cx_ws_bi_b;
SQL

if as regress_cx_ws_prov_a -c "SELECT ws.cx_synthetic('ws', 400, 7)" >/dev/null; then
	tap ok "provider a writes its synthetic sample"
else
	tap fail "provider a writes its synthetic sample"
fi
if as regress_cx_ws_prov_b -v ws=ws -f test/data/load_wabo.sql >/dev/null; then
	tap ok "provider b loads the WABO log"
else
	tap fail "provider b loads the WABO log"
fi
if as regress_cx_ws_prov_a -c "INSERT INTO ws.services (provider, service, name) VALUES ('nl-municipality', 'x', 'x')" 2>/dev/null; then
	tap fail "provider a cannot write provider b's rows"
else
	tap ok "provider a cannot write provider b's rows"
fi
if as regress_cx_ws_bi_a -c "DELETE FROM ws.touchpoints" 2>/dev/null; then
	tap fail "a BI role cannot change data"
else
	tap ok "a BI role cannot change data"
fi
# Both providers' rows are there for the owner (who is exempt from RLS).
owner_providers=$(as regress_cx_ws_owner -At -c "SELECT string_agg(DISTINCT provider, ',' ORDER BY provider) FROM ws.touchpoints")
[ "$owner_providers" = "cxvalue-synthetic,nl-municipality" ] && tap ok "the owner sees both providers" \
	|| tap fail "the owner sees both providers (got $owner_providers)"

# The owner folds both providers' rows into the rollups.
if as regress_cx_ws_owner -c "SELECT cx.refresh_workspace('ws')" >/dev/null; then
	tap ok "the owner refreshes the rollups"
else
	tap fail "the owner refreshes the rollups"
fi
# Refreshing is the owner's: a provider would fold only the rows it sees.
if as regress_cx_ws_prov_a -c "SELECT cx.refresh_workspace('ws')" 2>/dev/null; then
	tap fail "a provider cannot refresh"
else
	tap ok "a provider cannot refresh"
fi
# The rollups follow the tables' policies: a BI role reads only its provider's rows.
for rel in rollup_journeys rollup_journey_days rollup_stage_days rollup_transition_days rollup_loop_days \
	rollup_path_days rollup_channel_days rollup_survey_days rollup_value_days rollup_quadrant_days refresh_state changes; do
	for side in a:cxvalue-synthetic b:nl-municipality; do
		role=regress_cx_ws_bi_${side%%:*}
		provider=${side#*:}
		seen=$(as "$role" -At -c "SELECT count(*) FROM ws.$rel")
		want=$(as regress_cx_ws_owner -At -c "SELECT count(*) FROM ws.$rel WHERE provider = '$provider'")
		others=$(as "$role" -At -c "SELECT count(*) FROM ws.$rel WHERE provider IS DISTINCT FROM '$provider'")
		if [ "$seen" = "$want" ] && [ "$others" = 0 ]; then
			tap ok "$rel: $role reads exactly provider $provider's rows ($seen)"
		else
			tap fail "$rel: $role reads exactly provider $provider's rows (got $seen, want $want, others $others)"
		fi
	done
done

digest="SELECT count(*) || ' ' || coalesce(md5(string_agg(r, E'\n' ORDER BY r)), '') FROM (SELECT row(v.*)::text AS r, v.provider FROM ws.%s v) s"
for view in journey_summary service_scorecard service_scorecard_by_period stage_pain_points \
	stage_pain_points_by_period stage_transitions rework_loops journey_paths channel_mix survey_items \
	survey_items_by_period quadrant_mix value_by_service value_by_service_by_period value_dimensions workspace_freshness; do
	for side in a:cxvalue-synthetic b:nl-municipality; do
		role=regress_cx_ws_bi_${side%%:*}
		provider=${side#*:}
		seen=$(as "$role" -At -c "$(printf "$digest" "$view")")
		want=$(as regress_cx_ws_owner -At -c "$(printf "$digest" "$view") WHERE provider = '$provider'")
		others=$(as "$role" -At -c "SELECT count(*) FROM ws.$view WHERE provider <> '$provider'")
		if [ "$seen" = "$want" ] && [ "$others" = 0 ]; then
			tap ok "$view: $role sees exactly provider $provider's rows (${seen%% *})"
		else
			tap fail "$view: $role sees exactly provider $provider's rows (got $seen, want $want, others $others)"
		fi
	done
done
nonempty=$(as regress_cx_ws_bi_a -At -c "SELECT count(*) FROM ws.survey_items" -c "SELECT count(*) FROM ws.value_by_service" \
	-c "SELECT count(*) FROM ws.quadrant_mix" -c "SELECT count(*) FROM ws.rework_loops" | xargs)
case "$nonempty" in *" 0"*|"0 "*) tap fail "the BI role of provider a has rows in every view ($nonempty)";;
	*) tap ok "the BI role of provider a has rows in every view ($nonempty)";; esac
psql -U postgres -d postgres -c "DROP DATABASE cx_rls" \
	-c "DROP ROLE regress_cx_ws_owner, regress_cx_ws_prov_a, regress_cx_ws_prov_b, regress_cx_ws_bi_a, regress_cx_ws_bi_b"
