#!/usr/bin/env bash
# The upgrade path: install the released 0.1.0 script (src/versions/, byte
# for byte as it landed), store data of every type, define a user value
# model and fill a workspace; ALTER EXTENSION cxvalue UPDATE; then
#  - the extension's objects equal a fresh install's (test/sql/extension_objects.sql:
#    membership, definitions, privileges, configuration tables);
#  - every stored value reads back the same text, and every figure of it,
#    of the user model and of the 0.1.0 workspace views is what it was.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
conn=(-X -q -v ON_ERROR_STOP=1 -h "$CX_HOST" -p "$CX_PORT" -U postgres)
psql() { "$CX_PGBIN/psql" "${conn[@]}" "$@"; }
export PGOPTIONS="-c client_min_messages=warning"
n=0
tap() { n=$((n + 1)); if [ "$1" = ok ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi; }
same() {	# same DESCRIPTION A B
	if [ "$2" = "$3" ] && [ -n "$2" ]; then tap ok "$1"; else tap fail "$1: '$2' then '$3'"; fi
}

oldest=$(ls "$root"/src/versions/cxvalue--*.sql | grep -v -- '--.*--' | sed 's/.*cxvalue--\(.*\)\.sql/\1/' | sort -V | head -n 1)
current=$(sed -n "s/^default_version = '\(.*\)'/\1/p" "$root/cxvalue.control")
for db in cx_upgrade_path cx_upgrade_fresh; do
	psql -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
done

psql -d cx_upgrade_path <<SQL
CREATE EXTENSION cxvalue VERSION '$oldest';
SELECT cx.define_value_model('digital-first',
	'{"benefit": {"convenience": 2, "functional": 1}, "sacrifice": {"effort": 1.5}}', 'Online first');
CREATE TABLE stored AS
SELECT g AS grp,
       cx.journey_agg(t0 + (i * 37 % 1000) * interval '1 hour', (ARRAY['apply', 'pay', 'decide'])[1 + i % 3],
                      CASE WHEN i % 4 = 0 THEN NULL ELSE 1 + i % 5 END, (ARRAY['web', 'phone', NULL])[1 + i % 3]) AS j,
       cx.scores_agg(CASE WHEN i % 9 = 0 THEN NULL ELSE i % 5 + 1 END, 1, 5) AS s,
       cx.value_agg((ARRAY['convenience', 'functional', 'effort', 'time'])[1 + i % 4], i % 7 + 1, 1, 7) AS v,
       cx.quadrant_agg(CASE WHEN i % 11 = 0 THEN NULL ELSE (i % 10) / 10.0 END, (i % 7) / 7.0) AS q
FROM generate_series(1, 4000) AS i, LATERAL (SELECT i % 5 AS g, timestamptz '2024-01-01 08:00+00' AS t0) x
GROUP BY g;
SELECT cx.create_workspace('ws');
INSERT INTO ws.services (provider, service, name, value_model, repeat_window)
VALUES ('city', 'permit', 'Building permit', 'digital-first', '30 days'), ('city', 'tax', 'Local tax', 'get-give', NULL);
INSERT INTO ws.journeys (provider, service, journey_id, customer_id, segment, outcome, completed)
SELECT 'city', (ARRAY['permit', 'tax'])[1 + i % 2], 'j' || i, 'c' || i % 40, (ARRAY['online', 'offline'])[1 + i % 2],
       CASE WHEN i % 5 = 0 THEN 'withdrawn' ELSE 'decided' END, i % 5 <> 0
FROM generate_series(1, 200) AS i;
INSERT INTO ws.touchpoints (provider, service, journey_id, at, stage, channel, score)
SELECT 'city', (ARRAY['permit', 'tax'])[1 + i % 2], 'j' || i,
       timestamptz '2024-02-01 09:00+00' + (i * 7 % 90) * interval '1 day' + k * interval '26 hours',
       (ARRAY['apply', 'review', 'review', 'pay', 'decide'])[k], (ARRAY['web', 'phone', 'desk'])[1 + (i + k) % 3],
       CASE WHEN (i + k) % 3 = 0 THEN NULL ELSE 1 + (i * k) % 5 END
FROM generate_series(1, 200) AS i, generate_series(1, 5) AS k WHERE k <= 2 + i % 4;
INSERT INTO ws.survey_answers (provider, service, journey_id, respondent_id, answered_at, item, answer)
SELECT 'city', (ARRAY['permit', 'tax'])[1 + i % 2], 'j' || i, 'r' || i, timestamptz '2024-05-01 00:00+00' + i * interval '1 hour',
       item, CASE WHEN i % 13 = 0 THEN NULL ELSE 1 + (i * length(item)) % 5 END
FROM generate_series(1, 200) AS i, unnest(ARRAY['satisfaction', 'trust', 'ease']) AS item;
INSERT INTO ws.value_answers (provider, service, journey_id, dimension, score)
SELECT 'city', (ARRAY['permit', 'tax'])[1 + i % 2], 'j' || i, d, 1 + (i + length(d)) % 5
FROM generate_series(1, 200) AS i, unnest(ARRAY['convenience', 'functional', 'effort', 'time']) AS d;
INSERT INTO ws.coproduction_assessments (provider, service, assessor, voluntariness, system_locus)
VALUES ('city', 'permit', 'a', 0.2, 0.3), ('city', 'permit', 'b', 0.4, 0.1), ('city', 'tax', 'a', 0.9, 0.8);
SQL

# Everything that should read the same after the update: stored values as
# text, their figures, the user model, and every view of the workspace.
readings() {
	psql -d cx_upgrade_path -At <<'SQL'
SELECT grp, j::text, s::text, v::text, q::text FROM stored ORDER BY grp;
SELECT grp, cx.n(j), cx.duration(j), cx.path(j), cx.channel_switches(j), cx.repeats(j), cx.mean_score(j),
       cx.peak_end(j), cx.trend(j), cx.funnel_depth(j, ARRAY['apply', 'pay', 'decide']),
       cx.n(s), cx.mean(s), cx.stddev(s), cx.median(s), cx.top_box(s), cx.top_box_ci(s), cx.histogram(s),
       cx.n(v), cx.dimensions(v), cx.mean(v, 'effort'), cx.value_index(v), cx.value_index(v, 'digital-first'),
       cx.value_ratio(v, 'digital-first'), cx.co_destruction(v, 'digital-first'),
       cx.n(q), cx.dominant(q), cx.centroid(q), cx.share(q, 'co-design'), cx.skipped(q)
FROM stored ORDER BY grp;
SELECT name, description, builtin FROM cx.value_model ORDER BY name;
SELECT model, role, dimension, weight FROM cx.value_model_dimension ORDER BY model, role, dimension;
SELECT format('SELECT %L, count(*), md5(string_agg(v::text, E''\n'' ORDER BY v::text)) FROM ws.%I v', c.relname, c.relname)
FROM pg_class c WHERE c.relnamespace = 'ws'::regnamespace AND c.relkind IN ('r', 'v') ORDER BY c.relname \gexec
SQL
}
before=$(readings)
psql -d cx_upgrade_path -c "ALTER EXTENSION cxvalue UPDATE" \
	&& tap ok "ALTER EXTENSION cxvalue UPDATE from $oldest" || tap fail "ALTER EXTENSION cxvalue UPDATE from $oldest"
same "the updated extension is at version $current" "$current" \
	"$(psql -d cx_upgrade_path -At -c "SELECT extversion FROM pg_extension WHERE extname = 'cxvalue'")"
after=$(readings)
same "every stored value, figure, model and workspace view reads as before the update ($(echo "$before" | wc -l) lines)" \
	"$before" "$after"
if [ "$before" != "$after" ]; then diff <(echo "$before") <(echo "$after") | head -20; fi

psql -d cx_upgrade_fresh -c "CREATE EXTENSION cxvalue"
definitions() { psql -d "$1" -At -f "$root/test/sql/extension_objects.sql"; }
definitions cx_upgrade_path >"$CX_WORK/updated_objects"
definitions cx_upgrade_fresh >"$CX_WORK/fresh_objects"
if cmp -s "$CX_WORK/updated_objects" "$CX_WORK/fresh_objects"; then
	tap ok "the updated extension has the same $(wc -l <"$CX_WORK/fresh_objects") objects with the same definitions as a fresh install"
else
	tap fail "the updated extension has the same objects with the same definitions as a fresh install"
	diff "$CX_WORK/updated_objects" "$CX_WORK/fresh_objects" | cut -c1-300 | head -20
fi
user_models=$(psql -d cx_upgrade_path -At -c "SELECT string_agg(name || ':' || owner, ',') FROM cx.value_model WHERE NOT builtin")
same "the user model survives the update, owned by the updating role" "digital-first:postgres" "$user_models"
for db in cx_upgrade_path cx_upgrade_fresh; do psql -d postgres -c "DROP DATABASE $db"; done
