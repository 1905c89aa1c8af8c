"""The report's only contact with the database: every SQL query it runs.

The report draws what these queries return and computes no figure itself
(only positions and sizes).  Each query reads a workspace's views; the
funnel reads the workspace's touchpoints through cx.funnel_depth, the one
figure no view holds, and published A-11 means come from the table
published_scores, which has no view.

Two dialects of the workspace views exist:
  "0.2"  plain types, units in the names, period views (grain, period_start)
  "0.1"  the views of cxvalue 0.1.0 (interval columns, no period views)
Workspace.dialect says which one a workspace has (the presence of
service_scorecard_by_period decides); the queries of each dialect return
the same field names, so the drawing code never sees the difference.

Every field a chart draws straight from a view is named in PROVENANCE
(dataset -> field -> (view, column)), and the chart writes the view, the
row's key and the column next to the value (data-view, data-key,
data-column), so a test can read the same cell back.

Queries run through psql (--csv), so that only the standard library and
libpq's own client are needed; connection settings are libpq's (PGHOST,
PGPORT, PGDATABASE, PGUSER, PGPASSWORD, PGSERVICE, ~/.pgpass).
"""

import csv
import io
import os
import subprocess

SYNTHETIC_PROVIDER = "cxvalue-synthetic"
NULL = "\x01NULL\x01"

# Real data first, then the synthetic sample; within each by provider and service.
ORDER = "provider = 'cxvalue-synthetic', provider, service"


def ident(name):
    """A quoted SQL identifier."""
    return '"' + name.replace('"', '""') + '"'


def literal(text):
    """A quoted SQL string literal (standard_conforming_strings on)."""
    return "'" + text.replace("'", "''") + "'"


class QueryError(Exception):
    pass


class Workspace:
    def __init__(self, schema, psql="psql", env=None, dbname=None):
        self.schema = schema
        # psql -d also takes a conninfo string or URI (PGDATABASE does not)
        self.dbname = ["-d", dbname] if dbname else []
        self.s = ident(schema)
        self.psql = psql
        self.env = dict(os.environ, **(env or {}))
        self.env.setdefault("PGAPPNAME", "cx_report")
        self.dialect = None

    # -- running queries ------------------------------------------------

    def rows(self, sql):
        """The rows of one query, as dicts of text (None for NULL), exactly
        as PostgreSQL prints them."""
        proc = subprocess.run(
            [self.psql, "-X", "-q", "--csv", "-v", "ON_ERROR_STOP=1",
             "-P", "null=" + NULL, "-f", "-"] + self.dbname,
            input=sql, capture_output=True, text=True, env=self.env)
        if proc.returncode != 0:
            raise QueryError(proc.stderr.strip() or "psql failed")
        reader = csv.DictReader(io.StringIO(proc.stdout))
        return [{k: (None if v == NULL else v) for k, v in row.items()} for row in reader]

    def detect(self):
        found = self.rows(
            "SELECT to_regclass(%s) IS NOT NULL AS ws, to_regclass(%s) IS NOT NULL AS v2"
            % (literal(self.s + ".service_scorecard"),
               literal(self.s + ".service_scorecard_by_period")))[0]
        if found["ws"] != "t":
            raise QueryError("schema %s holds no cxvalue workspace (no view service_scorecard)"
                             % self.schema)
        self.dialect = "0.2" if found["v2"] == "t" else "0.1"
        return self.dialect

    def fetch(self):
        """Every dataset the report draws, by name."""
        if self.dialect is None:
            self.detect()
        q = QUERIES[self.dialect]
        data = {name: self.rows(sql.format(s=self.s, order=ORDER)) for name, sql in q.items()}
        data["dialect"] = self.dialect
        return data


def provenance(dialect, dataset, field):
    """(view, column) a field is read from, or None."""
    return PROVENANCE[dialect].get(dataset, {}).get(field)


# -- the queries, by dialect ------------------------------------------------
# Field names are the 0.2 column names; the 0.1 queries rename to them.
# Durations keep their view's unit; the field's name says which.

_FUNNEL = """
-- The funnel of each service's main path: the commonest path among those
-- most of whose journeys completed (the commonest overall where completion
-- is not recorded).  reached: journeys whose touchpoints pass the first k
-- steps in order (cx.funnel_depth >= k).
WITH main AS (
	SELECT DISTINCT ON (provider, service) provider, service, path,
	       string_to_array(path, ' > ') AS steps
	FROM {s}.journey_paths
	ORDER BY provider, service, (completion_rate >= 0.5) DESC NULLS LAST, journeys DESC, path
), depth AS (
	SELECT t.provider, t.service,
	       cx.funnel_depth(cx.journey_agg(t.at, t.stage), m.steps) AS depth
	FROM {s}.touchpoints t
	JOIN main m USING (provider, service)
	GROUP BY t.provider, t.service, t.journey_id, m.steps
), depths AS (
	SELECT provider, service, depth, count(*) AS journeys
	FROM depth
	GROUP BY provider, service, depth
), funnel AS (
	SELECT m.provider, m.service, m.path AS main_path, s.k AS step_number, s.step,
	       coalesce(sum(d.journeys), 0)::bigint AS reached
	FROM main m
	CROSS JOIN LATERAL unnest(m.steps) WITH ORDINALITY AS s(step, k)
	LEFT JOIN depths d ON d.provider = m.provider AND d.service = m.service AND d.depth >= s.k
	GROUP BY m.provider, m.service, m.path, s.k, s.step
)
SELECT provider, service, main_path, step_number, step, reached,
       reached::float8 / nullif(first_value(reached) OVER w, 0) AS reached_share,
       lag(reached) OVER w - reached AS dropped,
       (lag(reached) OVER w - reached)::float8 / nullif(lag(reached) OVER w, 0) AS dropped_share
FROM funnel
WINDOW w AS (PARTITION BY provider, service ORDER BY step_number)
ORDER BY {order}, step_number
"""

QUERIES = {
    "0.2": {
        "services": """
SELECT provider, service, name, provider = 'cxvalue-synthetic' AS synthetic,
       journeys, touchpoints, completed_journeys, completion_rate,
       median_duration_hours, repeat_contact_rate,
       satisfaction_answers, satisfaction_top2_share, satisfaction_top2_lower, satisfaction_top2_upper,
       nps_answers, nps, nps_lower, nps_upper,
       value_model, value_index, co_destruction, coproduction_assessments, dominant_quadrant
FROM {s}.service_scorecard
ORDER BY {order}""",
        "items": """
SELECT provider, service, item, lo, hi, answers, top2_share, top2_lower, top2_upper
FROM {s}.survey_items
WHERE lo = 1 AND hi = 5
ORDER BY {order}, item""",
        "stages": """
SELECT provider, service, stage, journeys, reach_share, rework_journeys, scored_touchpoints,
       mean_score, median_dwell_hours
FROM {s}.stage_pain_points
ORDER BY {order}, journeys DESC, stage""",
        "transitions": """
SELECT provider, service, from_stage, to_stage, transitions, journeys, backward_transitions,
       median_gap_hours
FROM {s}.stage_transitions
ORDER BY {order}, transitions DESC, from_stage, to_stage""",
        "funnel": _FUNNEL,
        "trends": """
SELECT provider, service, period_start, journeys, completion_rate, repeat_contact_rate,
       satisfaction_answers, satisfaction_top2_share, satisfaction_top2_lower, satisfaction_top2_upper,
       nps_answers, nps, nps_lower, nps_upper
FROM {s}.service_scorecard_by_period
WHERE grain = 'month' AND period_start IS NOT NULL
ORDER BY {order}, period_start""",
        "published": """
SELECT provider, service, period, touchpoint, item, mean, lo, hi, respondents
FROM {s}.published_scores
WHERE mean IS NOT NULL
ORDER BY {order}, period, touchpoint, item""",
        "value": """
SELECT provider, service, value_model, answers, respondents, benefits, sacrifices, value_index,
       co_destruction
FROM {s}.value_by_service
ORDER BY {order}""",
        # 0.2 views read rollups: say when logged changes wait for cx.refresh_workspace
        "freshness": """
SELECT provider, service, last_refresh_at, changes_waiting
FROM {s}.workspace_freshness
WHERE changes_waiting > 0 OR last_refresh_at IS NULL
ORDER BY {order}""",
        "quadrants": """
SELECT provider, service, assessments, dominant_quadrant, mean_voluntariness, mean_system_locus
FROM {s}.quadrant_mix
WHERE mean_voluntariness IS NOT NULL AND mean_system_locus IS NOT NULL
ORDER BY {order}""",
    },
    "0.1": {
        "services": """
SELECT provider, service, name, provider = 'cxvalue-synthetic' AS synthetic,
       journeys, touchpoints, completed AS completed_journeys, completion_rate,
       median_duration_days, repeat_contact_rate,
       satisfaction_answers, satisfaction_top2 AS satisfaction_top2_share,
       satisfaction_top2_lower, satisfaction_top2_upper,
       nps_answers, nps, nps_lower, nps_upper,
       value_model, value_index, co_destruction, coproduction_assessments,
       dominant_quadrant_label AS dominant_quadrant
FROM {s}.service_scorecard
ORDER BY {order}""",
        "items": """
SELECT provider, service, item, lo, hi, answers, top2 AS top2_share, top2_lower, top2_upper
FROM {s}.survey_items
WHERE lo = 1 AND hi = 5
ORDER BY {order}, item""",
        "stages": """
SELECT provider, service, stage, journeys, reach_rate AS reach_share, rework_journeys,
       scored AS scored_touchpoints, mean_score
FROM {s}.stage_pain_points
ORDER BY {order}, journeys DESC, stage""",
        "transitions": """
SELECT provider, service, from_stage, to_stage, transitions, journeys,
       backward AS backward_transitions, median_seconds
FROM {s}.stage_transitions
ORDER BY {order}, transitions DESC, from_stage, to_stage""",
        "funnel": _FUNNEL,
        # 0.1.0 has no period views: the months are grouped here, with the
        # same cx estimators the 0.2 period views use (Wilson, NPS normal).
        "trends": """
WITH j AS (
	SELECT provider, service, date_trunc('month', started_at AT TIME ZONE 'UTC')::date AS period_start,
	       count(*) AS journeys,
	       avg(completed::int)::float8 AS completion_rate,
	       avg(repeat_contact::int) FILTER (WHERE touchpoints > 0)::float8 AS repeat_contact_rate
	FROM {s}.journey_summary
	WHERE started_at IS NOT NULL
	GROUP BY 1, 2, 3
), a AS (
	SELECT provider, service, date_trunc('month', answered_at AT TIME ZONE 'UTC')::date AS period_start,
	       cx.scores_agg(answer, lo, hi) FILTER (WHERE item = 'satisfaction' AND lo = 1 AND hi = 5) AS sat,
	       cx.scores_agg(answer, lo, hi) FILTER (WHERE item = 'recommend' AND lo = 0 AND hi = 10) AS rec
	FROM {s}.survey_answers
	WHERE answered_at IS NOT NULL AND item IN ('satisfaction', 'recommend')
	GROUP BY 1, 2, 3
)
SELECT provider, service, period_start, coalesce(j.journeys, 0) AS journeys,
       j.completion_rate, j.repeat_contact_rate,
       cx.n(a.sat) AS satisfaction_answers,
       (cx.top_box_ci(a.sat)).value AS satisfaction_top2_share,
       (cx.top_box_ci(a.sat)).lower AS satisfaction_top2_lower,
       (cx.top_box_ci(a.sat)).upper AS satisfaction_top2_upper,
       cx.n(a.rec) AS nps_answers,
       (cx.nps_ci(a.rec)).value AS nps, (cx.nps_ci(a.rec)).lower AS nps_lower,
       (cx.nps_ci(a.rec)).upper AS nps_upper
FROM j FULL JOIN a USING (provider, service, period_start)
ORDER BY {order}, period_start""",
        "published": """
SELECT provider, service, period, touchpoint, item, mean, lo, hi, respondents
FROM {s}.published_scores
WHERE mean IS NOT NULL
ORDER BY {order}, period, touchpoint, item""",
        "value": """
SELECT provider, service, value_model, answers, respondents, benefits, sacrifices, value_index,
       co_destruction
FROM {s}.value_by_service
ORDER BY {order}""",
        "quadrants": """
SELECT provider, service, assessments, dominant_label AS dominant_quadrant,
       voluntariness AS mean_voluntariness, system_locus AS mean_system_locus
FROM {s}.quadrant_mix
WHERE voluntariness IS NOT NULL AND system_locus IS NOT NULL
ORDER BY {order}""",
    },
}


def _same(view, fields, renamed=None):
    renamed = renamed or {}
    return {f: (view, renamed.get(f, f)) for f in fields}


_SCORECARD = ["journeys", "completion_rate", "repeat_contact_rate", "satisfaction_top2_share",
              "satisfaction_top2_lower", "satisfaction_top2_upper", "nps", "nps_lower", "nps_upper",
              "value_index", "median_duration_hours", "median_duration_days"]
_ITEMS = ["answers", "top2_share", "top2_lower", "top2_upper"]
_VALUE = ["benefits", "sacrifices", "value_index", "co_destruction"]

PROVENANCE = {
    "0.2": {
        "services": _same("service_scorecard", _SCORECARD),
        "items": _same("survey_items", _ITEMS),
        "stages": _same("stage_pain_points", ["journeys", "mean_score"]),
        "transitions": _same("stage_transitions", ["transitions", "journeys", "backward_transitions",
                                                   "median_gap_hours"]),
        "trends": _same("service_scorecard_by_period",
                        ["journeys", "completion_rate", "repeat_contact_rate", "satisfaction_top2_share",
                         "satisfaction_top2_lower", "satisfaction_top2_upper", "nps", "nps_lower",
                         "nps_upper"]),
        "value": _same("value_by_service", _VALUE),
        "published": _same("published_scores", ["mean"]),
        "quadrants": _same("quadrant_mix", ["mean_voluntariness", "mean_system_locus"]),
    },
    "0.1": {
        "services": _same("service_scorecard", _SCORECARD,
                          {"satisfaction_top2_share": "satisfaction_top2"}),
        "items": _same("survey_items", _ITEMS, {"top2_share": "top2"}),
        "stages": _same("stage_pain_points", ["journeys", "mean_score"]),
        "transitions": _same("stage_transitions", ["transitions", "journeys", "backward_transitions",
                                                   "median_seconds"],
                             {"backward_transitions": "backward"}),
        "value": _same("value_by_service", _VALUE),
        "published": _same("published_scores", ["mean"]),
        "quadrants": _same("quadrant_mix", ["mean_voluntariness", "mean_system_locus"],
                           {"mean_voluntariness": "voluntariness", "mean_system_locus": "system_locus"}),
    },
}

# The key columns of each view's rows (besides provider and service).
VIEW_KEYS = {
    "service_scorecard": [],
    "survey_items": ["item", "lo", "hi"],
    "stage_pain_points": ["stage"],
    "stage_transitions": ["from_stage", "to_stage"],
    "service_scorecard_by_period": ["grain", "period_start"],
    "value_by_service": [],
    "quadrant_mix": [],
    "published_scores": ["period", "touchpoint", "item"],
}
