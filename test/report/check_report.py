#!/usr/bin/env python3
"""Checks a report Chromium rendered against the workspace it was drawn from.

  check_report.py SCHEMA REPORT.html DOM.html CONSOLE.log SCREENSHOT.png

DOM.html is Chromium's --dump-dom of REPORT.html (after the inline script
ran), CONSOLE.log its stderr with --enable-logging=stderr.  The workspace
is read again here with psql (libpq environment), independently of the
report's own queries: whole views, not the report's SQL.  Prints TAP lines.
"""

import csv
import html.parser
import io
import json
import os
import re
import struct
import subprocess
import sys

NULL = "\x01NULL\x01"
schema, report_path, dom_path, console_path, png_path = sys.argv[1:6]
s = '"' + schema.replace('"', '""') + '"'
n = 0
failures = 0


def tap(ok, what, detail=""):
    global n, failures
    n += 1
    if not ok:
        failures += 1
    print("%s %d - %s" % ("ok" if ok else "not ok", n, what))
    if detail and not ok:
        for line in str(detail).splitlines()[:15]:
            print("#   " + line)


def rows(sql):
    out = subprocess.run([os.environ.get("PSQL", "psql"), "-X", "-q", "--csv", "-v", "ON_ERROR_STOP=1",
                          "-P", "null=" + NULL, "-c", sql], capture_output=True, text=True, check=True).stdout
    return [{k: (None if v == NULL else v) for k, v in r.items()} for r in csv.DictReader(io.StringIO(out))]


class Dom(html.parser.HTMLParser):
    """Every element with its attributes, its ancestors' data-chart/data-service."""

    def __init__(self):
        super().__init__()
        self.stack, self.elements, self.text = [], [], []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        ctx = dict(self.stack[-1][1]) if self.stack else {}
        for k in ("data-chart", "data-service", "data-synthetic"):
            if k in a:
                ctx[k] = a[k]
        if tag == "section" and "data-service" in a:
            ctx["section"] = a["data-service"]
        el = {"tag": tag, "attrs": a, "ctx": ctx}
        self.elements.append(el)
        self.stack.append((tag, ctx))

    def handle_endtag(self, tag):
        while self.stack:
            t, _ = self.stack.pop()
            if t == tag:
                break

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        self.handle_endtag(tag)

    def handle_data(self, data):
        self.text.append(data)


source = open(report_path, encoding="utf-8").read()
dom_text = open(dom_path, encoding="utf-8").read()
console = open(console_path, encoding="utf-8", errors="replace").read()

# -- offline and self-contained ---------------------------------------------------
refs = re.findall(r'(?:src|href|xlink:href)\s*=\s*"([^"]*)"', source)
external = [r for r in refs if not r.startswith("#")]
external += re.findall(r"<link\b[^>]*>|@import|url\((?!#)[^)]*\)", source)
tap(not external, "the report references nothing outside itself (no src, link, @import or url())", external[:5])
tap("Content-Security-Policy" in source and "default-src 'none'" in source,
    "the report forbids every fetch in its Content-Security-Policy")

# -- console ------------------------------------------------------------------------
# Chromium's own pages (chrome://...) log to the same stream; the report's
# messages, its errors and blocked requests all name the report as source.
lines = [l for l in console.splitlines() if ":CONSOLE" in l and "source: chrome://" not in l]
tap(any('"cx-report ready"' in l for l in lines), "Chromium ran the report's script to its end (console marker seen)",
    console[-2000:])
others = [l for l in lines if '"cx-report ready"' not in l]
tap(not others, "no other console message (errors, warnings, blocked requests)", "\n".join(others))

dom = Dom()
dom.feed(dom_text)
els = dom.elements
figures = [e for e in els if e["tag"] == "figure" and "data-chart" in e["attrs"]]

# -- the charts expected for each service -------------------------------------------------
services = rows("SELECT * FROM %s.service_scorecard" % s)
stages = {(r["provider"], r["service"]) for r in rows("SELECT provider, service FROM %s.stage_pain_points" % s)}
values = {(r["provider"], r["service"]) for r in rows(
    "SELECT provider, service FROM %s.value_by_service WHERE benefits IS NOT NULL OR sacrifices IS NOT NULL" % s)}
published = {(r["provider"], r["service"]) for r in rows(
    "SELECT DISTINCT provider, service FROM %s.published_scores WHERE mean IS NOT NULL" % s)}
started = {(r["provider"], r["service"]) for r in rows(
    "SELECT DISTINCT provider, service FROM %s.journey_summary WHERE started_at IS NOT NULL" % s)}
have = {}
for fig in figures:
    have.setdefault(fig["attrs"].get("data-service"), set()).add(fig["attrs"]["data-chart"])
missing = []
expected_total = 0
for svc in services:
    key = (svc["provider"], svc["service"])
    sid = "%s/%s" % key
    want = set()
    if key in stages:
        want |= {"process-map", "funnel"}
    sat = svc.get("satisfaction_top2_share", svc.get("satisfaction_top2"))
    if int(svc["journeys"]) > 0 or sat is not None:
        want.add("scorecard")
    if key in started:
        want.add("trends")
    if key in values:
        want.add("value")
    if key in published:
        want.add("published-scores")
    expected_total += len(want)
    if want - have.get(sid, set()):
        missing.append("%s: %s" % (sid, ", ".join(sorted(want - have.get(sid, set())))))
tap(not missing and expected_total > 0,
    "every expected chart is there for each of %d services (%d charts: process map, funnel, scorecard, "
    "published scores, trends, value)"
    % (len(services), expected_total), "\n".join(missing))
for chart in ("headline", "value-overview", "quadrant-map"):
    tap(chart in have.get(None, set()), "the overview has its %s chart" % chart)
sections = [e["attrs"]["data-service"] for e in els if e["tag"] == "section" and "data-service" in e["attrs"]]
tap(sections == ["%s/%s" % (r["provider"], r["service"]) for r in
                 sorted(services, key=lambda r: (r["provider"] == "cxvalue-synthetic", r["provider"], r["service"]))],
    "one section per service, real data first", sections)

# -- synthetic data labelled on every chart --------------------------------------------------------
synthetic = {"%s/%s" % (r["provider"], r["service"]) for r in services if r["provider"] == "cxvalue-synthetic"}
unlabelled = [f["attrs"].get("data-chart") + " " + f["attrs"]["data-service"] for f in figures
              if f["attrs"].get("data-service") in synthetic and f["attrs"].get("data-synthetic") != "true"]
tap(synthetic and not unlabelled, "every chart of the %d synthetic services is labelled synthetic" % len(synthetic),
    unlabelled)
badges = len(re.findall(r'<span class="synthetic">Synthetic data', dom_text))
labelled = sum(1 for f in figures if f["attrs"].get("data-synthetic") == "true")
tap(badges == labelled, "each chart marked synthetic shows the words (%d badges)" % badges)

# -- every mark drawn from a view equals the view's cell -------------------------------------------------
marks = [e for e in els if "data-view" in e["attrs"]]
cache = {}


def view_rows(view):
    if view not in cache:
        cache[view] = rows("SELECT * FROM %s.%s" % (s, view))
    return cache[view]


LOWER = {"top2_share": ("top2_lower", "top2_upper"), "top2": ("top2_lower", "top2_upper"),
         "nps": ("nps_lower", "nps_upper")}
checked, wrong, per_view = 0, [], {}
for m in marks:
    a = m["attrs"]
    key = json.loads(a["data-key"])
    hits = [r for r in view_rows(a["data-view"]) if all(r.get(k) == v for k, v in key.items())]
    if len(hits) != 1:
        wrong.append("%s %s: %d rows" % (a["data-view"], key, len(hits)))
        continue
    row = hits[0]
    got = a.get("data-value")
    want = row[a["data-column"]]
    if (want is None) != (a.get("data-null") == "true") or (want is not None and got != want):
        wrong.append("%s.%s %s: DOM %r, view %r" % (a["data-view"], a["data-column"], key, got, want))
    if "data-lower" in a:
        lo, hi = LOWER[a["data-column"]]
        if (a["data-lower"], a["data-upper"]) != (row[lo] or "", row[hi] or ""):
            wrong.append("%s interval %s: DOM %s..%s, view %s..%s" % (a["data-view"], key, a["data-lower"],
                                                                       a["data-upper"], row[lo], row[hi]))
    if "data-wait" in a:
        w = row.get("median_gap_hours", row.get("median_seconds"))
        if a["data-wait"] != (w or ""):
            wrong.append("wait %s: DOM %s, view %s" % (key, a["data-wait"], w))
    checked += 1
    per_view[a["data-view"]] = per_view.get(a["data-view"], 0) + 1
tap(checked >= 300 and not wrong,
    "all %d marks tied to a view cell equal it (%s)" % (checked, ", ".join(
        "%s %d" % kv for kv in sorted(per_view.items()))), "\n".join(wrong))
for view in ("service_scorecard", "survey_items", "stage_pain_points", "stage_transitions", "value_by_service",
             "quadrant_mix", "published_scores"):
    tap(per_view.get(view, 0) > 0, "marks are drawn from %s" % view)

# the process map: one box per stage, one arrow per transition, per service
boxes, arrows = {}, {}
for e in els:
    a = e["attrs"]
    if e["ctx"].get("data-chart") == "process-map" and a.get("data-view") == "stage_pain_points":
        boxes[e["ctx"]["data-service"]] = boxes.get(e["ctx"]["data-service"], 0) + 1
    if e["ctx"].get("data-chart") == "process-map" and a.get("data-view") == "stage_transitions":
        arrows[e["ctx"]["data-service"]] = arrows.get(e["ctx"]["data-service"], 0) + 1
want_boxes, want_arrows = {}, {}
for r in view_rows("stage_pain_points"):
    k = "%s/%s" % (r["provider"], r["service"])
    want_boxes[k] = want_boxes.get(k, 0) + 1
for r in view_rows("stage_transitions"):
    k = "%s/%s" % (r["provider"], r["service"])
    want_arrows[k] = want_arrows.get(k, 0) + 1
tap(boxes == want_boxes and arrows == want_arrows,
    "each process map has a box per stage and an arrow per transition (%d boxes, %d arrows)"
    % (sum(boxes.values()), sum(arrows.values())), "%s\n%s\n%s\n%s" % (boxes, want_boxes, arrows, want_arrows))
rework = [e for e in els if e["attrs"].get("class") == "edge" and e["attrs"].get("data-rework") == "true"]
tap(len(rework) > 0, "rework loops are drawn (%d dashed arrows back to a stage already passed)" % len(rework))

# the threshold control ran: edges below it are hidden, the others shown
bad = []
for e in els:
    a = e["attrs"]
    if e["tag"] == "input" and "edge-filter" in a.get("class", ""):
        t = int(a["value"])
        for g in els:
            ga = g["attrs"]
            if g["tag"] == "g" and ga.get("class") == "edge" and ga.get("id", "").startswith(a["data-map"] + "_"):
                hidden = "display: none" in ga.get("style", "")
                if hidden != (int(ga["data-count"]) < t):
                    bad.append("%s count %s threshold %d hidden %s" % (ga["id"], ga["data-count"], t, hidden))
filters = sum(1 for e in els if e["tag"] == "input" and "edge-filter" in e["attrs"].get("class", ""))
tap(filters == len(want_boxes) and not bad,
    "the frequency threshold hides exactly the rarer hand-offs on each of %d maps" % filters, "\n".join(bad))

# -- the funnel, recomputed here from the distinct paths -----------------------------------------------------
paths = view_rows("journey_paths")
funnel_marks = [e for e in els if e["ctx"].get("data-chart") == "funnel" and e["attrs"].get("data-field") == "reached"]
by_service = {}
for e in funnel_marks:
    by_service.setdefault(e["ctx"]["data-service"], []).append(e["attrs"])
bad = []
for sid, ms in by_service.items():
    steps = [m["data-step"] for m in sorted(ms, key=lambda m: int(m["data-step-number"]))]
    for k, m in enumerate(sorted(ms, key=lambda m: int(m["data-step-number"])), 1):
        reached = 0
        for p in paths:
            if "%s/%s" % (p["provider"], p["service"]) != sid:
                continue
            depth = 0
            for stage in p["path"].split(" > "):
                if depth < len(steps) and stage == steps[depth]:
                    depth += 1
            if depth >= k:
                reached += int(p["journeys"])
        if str(reached) != m["data-value"]:
            bad.append("%s step %d %s: DOM %s, paths %d" % (sid, k, m["data-step"], m["data-value"], reached))
tap(len(by_service) == len(want_boxes) and not bad,
    "each funnel's journeys per step equal a count over the distinct paths (%d steps in %d funnels)"
    % (len(funnel_marks), len(by_service)), "\n".join(bad))

# -- trends: the monthly journeys add up to the service's journeys -------------------------------------------
bad = []
month_sum = {}
for e in els:
    a = e["attrs"]
    if e["ctx"].get("data-chart") == "trends" and a.get("data-field") == "journeys":
        month_sum[e["ctx"]["data-service"]] = month_sum.get(e["ctx"]["data-service"], 0) + int(a["data-value"])
undated = {(r["provider"], r["service"]): int(r["n"]) for r in rows(
    "SELECT provider, service, count(*) AS n FROM %s.journeys GROUP BY 1, 2" % s)}
for svc in services:
    sid = "%s/%s" % (svc["provider"], svc["service"])
    if sid in month_sum and month_sum[sid] != int(svc["journeys"]):
        bad.append("%s: months %d, scorecard %s" % (sid, month_sum[sid], svc["journeys"]))
tap(month_sum and not bad, "the monthly journey bars of %d services add up to their journeys" % len(month_sum),
    "\n".join(bad))
bands = sum(1 for e in els if e["ctx"].get("data-chart") == "trends" and e["attrs"].get("class") == "band")
tap(bands > 0, "trends draw their intervals as bands (%d)" % bands)

# -- units and words ---------------------------------------------------------------------------------------
text = " ".join(dom.text)
for unit in ("(count)", "(%)", "(points", "score 0–1", "0 (lowest)"):
    tap(unit in text, "an axis states its unit: %s" % unit)
internal = [w for w in ("top2_share", "repeat_contact_rate", "completion_rate", "mean_voluntariness",
                        "median_gap_hours", "median_seconds") if w in text]
tap(not internal, "no internal column name is shown as a label", internal)
tap(all(q in text for q in ("I: Co-production", "II: Co-construction", "III: Co-management",
                            "IV: Co-design and co-innovation")), "the quadrant map names its four quadrants")
tap("co-destruction" in text, "co-destruction is marked")
tap("data-stale" not in dom_text, "the report does not warn of stale rollups after a refresh")

# -- the screenshot ---------------------------------------------------------------------------------------
with open(png_path, "rb") as fh:
    head = fh.read(24)
ok = head[:8] == b"\x89PNG\r\n\x1a\n" and head[12:16] == b"IHDR"
w, h = struct.unpack(">II", head[16:24]) if ok else (0, 0)
tap(ok and w >= 800 and h >= 800 and os.path.getsize(png_path) > 20000,
    "a screenshot of the first page was saved (%dx%d PNG, %d bytes)" % (w, h, os.path.getsize(png_path)))
print("# %d checks, %d failed" % (n, failures))
sys.exit(1 if failures else 0)
