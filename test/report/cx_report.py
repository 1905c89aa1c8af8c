#!/usr/bin/env python3
"""cx_report: one self-contained HTML report of a cxvalue workspace.

  python3 test/report/cx_report.py --schema demo --output build/report/index.html
  PGHOST=db.example PGDATABASE=cx python3 test/report/cx_report.py --schema ws

Reads the workspace's views through psql (libpq settings: PGHOST, PGPORT,
PGDATABASE, PGUSER, PGPASSWORD, PGSERVICE, ~/.pgpass, or the options below),
lays the process maps out with Graphviz dot, and writes one HTML file with
inline SVG and CSS and a few lines of inline script (no fonts, scripts or
styles from anywhere else: it reads offline and prints).  Needs python3 (the
standard library only), psql and dot (Debian: postgresql-client, graphviz).
"""

import argparse
import datetime
import html
import os
import sys

sys.dont_write_bytecode = True  # nothing written into the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import charts  # noqa: E402
import views  # noqa: E402

CSS = """
:root { --ink: #1a1a1a; --grey: #767676; --vermillion: #D55E00; }
* { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", Helvetica, Arial, sans-serif;
       color: var(--ink); margin: 0 auto; max-width: 1000px; padding: 16px 24px; line-height: 1.35; font-size: 14px; }
h1 { font-size: 24px; margin: 4px 0; } h2 { font-size: 20px; margin: 28px 0 6px; border-bottom: 2px solid var(--ink); }
h3 { font-size: 15px; margin: 14px 0 4px; }
.meta, .note, .question, .legend { color: #444; font-size: 12px; }
figure.chart { margin: 10px 0 18px; break-inside: avoid; page-break-inside: avoid; }
figcaption { margin-bottom: 4px; }
figure svg { max-width: 100%; height: auto; display: block; }
.map-wrap { overflow: auto; max-height: 760px; border: 1px solid #eee; }
.map-wrap svg.process-map { max-width: none; }
.map-wrap svg.process-map.fit { max-width: 100%; }
@media print { .map-wrap { overflow: visible; max-height: none; border: 0; } .map-wrap svg.process-map { max-width: 100%; } }
.synthetic { display: inline-block; background: #fff; color: var(--vermillion); border: 1.5px dashed var(--vermillion);
             padding: 0 6px; font-size: 11px; font-weight: bold; border-radius: 3px; margin-left: 6px; }
table.headline { border-collapse: collapse; width: 100%; font-size: 12px; margin: 8px 0; }
table.headline th, table.headline td { border-bottom: 1px solid #ccc; padding: 3px 5px; text-align: right; vertical-align: top; }
table.headline th:first-child, table.headline td:first-child { text-align: left; }
table.headline tr.synthetic-row td:first-child::after { content: " · synthetic data"; color: var(--vermillion); font-size: 11px; }
.co-destruction-cell { color: var(--vermillion); font-weight: bold; }
.swatch { display: inline-block; padding: 0 5px; margin: 0 2px; border: 1px solid #333; font-size: 11px; }
.swatch.dashed { border-style: dashed; background: #fff; }
.filter { font-size: 12px; margin: 4px 0; }
.trends { display: grid; grid-template-columns: 1fr 1fr; gap: 4px 16px; }
.trends figure { margin: 4px 0; }
section.service { break-before: page; page-break-before: always; }
.empty { color: var(--grey); font-style: italic; }
.stale { border: 2px solid var(--vermillion); padding: 6px 10px; font-weight: bold; }
nav a { margin-right: 10px; color: #0072B2; }
@media print { .noprint { display: none; } body { max-width: none; padding: 0; font-size: 11px; }
  @page { size: A4; margin: 12mm; } }
"""

# The threshold control of the process maps; the last line tells a test
# that the script ran to the end.
SCRIPT = """
document.querySelectorAll('input.edge-filter').forEach(function (input) {
  var map = document.getElementById(input.dataset.map);
  function apply() {
    var min = Number(input.value), shown = 0, edges = map.querySelectorAll('g.edge');
    edges.forEach(function (e) {
      var on = Number(e.dataset.count) >= min;
      e.style.display = on ? '' : 'none';
      if (on) shown++;
    });
    input.nextElementSibling.textContent = min;
    input.parentNode.nextElementSibling.textContent = '(' + shown + ' of ' + edges.length + ' hand-offs shown)';
  }
  input.addEventListener('input', apply);
  apply();
});
document.querySelectorAll('input.fit-map').forEach(function (box) {
  box.addEventListener('change', function () {
    document.getElementById(box.dataset.map).classList.toggle('fit', box.checked);
  });
});
console.log('cx-report ready');
"""


def group(rows):
    out = {}
    for r in rows:
        out.setdefault((r["provider"], r["service"]), []).append(r)
    return out


def headline(marks, services):
    head = ("<tr><th>Service</th><th>Journeys</th><th>Completed (need met)</th><th>Repeat contact</th>"
            "<th>Satisfied (top-2-box, 95% CI)</th><th>NPS (95% CI)</th><th>Value index</th>"
            "<th>Co-production (dominant)</th></tr>")
    body = []
    for s in services:
        def cell(field, txt):
            return "<td%s>%s</td>" % (marks.attrs("services", s, field), html.escape(txt))
        sat = "n/a" if s["satisfaction_top2_share"] is None else "%s (%s–%s)" % (
            charts.pct(s["satisfaction_top2_share"]), charts.pct(s["satisfaction_top2_lower"], 0),
            charts.pct(s["satisfaction_top2_upper"], 0))
        nps = "n/a" if s["nps"] is None else "%s (%s to %s)" % (
            charts.points(s["nps"]), charts.points(s["nps_lower"], 0), charts.points(s["nps_upper"], 0))
        vi = "n/a" if s["value_index"] is None else charts.points(s["value_index"], 2) + (
            " co-destruction" if s["co_destruction"] == "t" else "")
        body.append('<tr%s><td><a href="#%s">%s</a></td>%s%s%s%s%s<td%s%s>%s</td><td>%s</td></tr>' % (
            ' class="synthetic-row"' if s["synthetic"] == "t" else "", anchor(s), html.escape(s["name"]),
            cell("journeys", charts.count(s["journeys"])), cell("completion_rate", charts.pct(s["completion_rate"])),
            cell("repeat_contact_rate", charts.pct(s["repeat_contact_rate"])),
            cell("satisfaction_top2_share", sat), cell("nps", nps),
            ' class="co-destruction-cell"' if s["co_destruction"] == "t" else "",
            marks.attrs("services", s, "value_index"), html.escape(vi),
            html.escape(s["dominant_quadrant"] or "not assessed")))
    return '<table class="headline">%s%s</table>' % (head, "".join(body))


def anchor(s):
    return "svc-" + "".join(c if c.isalnum() else "-" for c in s["provider"] + "-" + s["service"])


def service_section(marks, data, s, n, threshold_share):
    key = (s["provider"], s["service"])
    syn = s["synthetic"] == "t"
    sid = "%s/%s" % key
    uid = "pm%d" % n
    out = ['<section class="service" id="%s" data-service="%s"><h2>%s</h2><p class="meta">Provider %s, service %s'
           ' · %s journeys, %s touchpoints%s</p>' % (
               anchor(s), html.escape(sid), html.escape(s["name"]), html.escape(s["provider"]),
               html.escape(s["service"]), charts.count(s["journeys"]), charts.count(s["touchpoints"]),
               ' · <span class="synthetic">synthetic data</span>' if syn else "")]
    stages = data["stages"].get(key, [])
    transitions = data["transitions"].get(key, [])
    wait_field, wait_unit = ("median_gap_hours", "hours") if data["dialect"] == "0.2" else ("median_seconds", "seconds")
    if stages:
        svg, legend, max_count, fit = charts.process_map(marks, s, stages, transitions, wait_field, wait_unit, uid)
        default = max(1, int(-(-float(s["journeys"]) * threshold_share // 1))) if len(transitions) > 30 else 1
        out.append(charts.figure(
            "process-map", sid, "Process map",
            "Where do journeys go, how long do they wait between stages, and where do they loop back?",
            charts.edge_filter(uid, max_count, default, fit) + legend + '<div class="map-wrap">%s</div>' % svg, syn,
            "Laid out by Graphviz dot from the stage and transition views. Hidden hand-offs are only hidden "
            "on screen; the layout includes them."))
    funnel = data["funnel"].get(key, [])
    if funnel:
        out.append(charts.figure(
            "funnel", sid, "Funnel of the main path",
            "Of the journeys that start the main path (%s), how many reach each step in order, and where do "
            "they drop off?" % funnel[0]["main_path"],
            charts.funnel(marks, funnel), syn,
            "Main path: the commonest path among those most of whose journeys completed."))
    items = data["items"].get(key, [])
    if items or s["nps"] is not None or s["completion_rate"] is not None or s["repeat_contact_rate"] is not None:
        out.append(charts.figure(
            "scorecard", sid, "Scorecard",
            "How do customers rate the service on the A-11 drivers, would they recommend it, and how often "
            "is the need met first time?", charts.scorecard(marks, s, items), syn))
    pub = data["published"].get(key, [])
    if pub:
        out.append(charts.figure(
            "published-scores", sid, "Published A-11 scores",
            "How did customers rate the service on the A-11 drivers, in the figures the provider published?",
            charts.published(marks, pub), syn,
            "Means as published (only the means are public, not the answers): neither a top-2-box share nor an "
            "interval can be derived from them, so none is drawn."))
    trends = data["trends"].get(key, [])
    if trends:
        panels = [charts.trend(marks, trends, "journeys", None, None, 0,
                               max(charts.nice_ticks(0, max(float(r["journeys"]) for r in trends), 4, integer=True)),
                               "Journeys started (count)", lambda t: "{:,.0f}".format(t), charts.BLUE, bars=True)]
        if any(r["completion_rate"] is not None or r["repeat_contact_rate"] is not None for r in trends):
            panels.append(charts.trend(
                marks, trends, "completion_rate", None, None, 0, 1, "Share of journeys (%)",
                lambda t: "%d%%" % round(t * 100), charts.GREEN,
                second=("repeat_contact_rate", None, None, charts.VERMILLION, "4 3", "square")))
        if any(r["satisfaction_top2_share"] is not None for r in trends):
            panels.append(charts.trend(marks, trends, "satisfaction_top2_share", "satisfaction_top2_lower",
                                       "satisfaction_top2_upper", 0, 1, "Satisfied, top-2-box (%)",
                                       lambda t: "%d%%" % round(t * 100), charts.BLUE))
        if any(r["nps"] is not None for r in trends):
            panels.append(charts.trend(marks, trends, "nps", "nps_lower", "nps_upper", -100, 100, "NPS (points)",
                                       lambda t: "%+d" % t if t else "0", charts.ORANGE))
        legend = ('<p class="legend">Bars: journeys started per month. Lines: '
                  '<span style="color:%s">● completed (solid)</span>, '
                  '<span style="color:%s">■ repeat contact (dashed)</span>; '
                  'shaded band: 95%% interval where the views give one.</p>' % (charts.GREEN, charts.VERMILLION))
        out.append(charts.figure(
            "trends", sid, "Trends per month",
            "Is the service getting better or worse, and is the change larger than the uncertainty?",
            legend + '<div class="trends">%s</div>' % "".join(panels), syn))
    value = data["value"].get(key, [])
    if value:
        out.append(charts.figure(
            "value", sid, "Customer value: benefits against sacrifices",
            "Do customers get more out of the service than it costs them in time, effort, money and risk?",
            charts.value_chart(marks, value, data["names"], data["synthetic"], uid), syn))
    if len(out) == 1:
        out.append('<p class="empty">No journeys, survey answers or value answers for this service in the '
                   'workspace.</p>')
    out.append("</section>")
    return "".join(out)


def render(data, schema, threshold_share):
    marks = charts.Marks(data["dialect"])
    services = data["services"]
    data["names"] = {(s["provider"], s["service"]): s["name"] for s in services}
    data["synthetic"] = {(s["provider"], s["service"]): s["synthetic"] == "t" for s in services}
    for k in ("stages", "transitions", "funnel", "items", "trends", "value", "published"):
        data[k] = group(data[k])
    any_syn = any(data["synthetic"].values())
    value_rows = [r for rows in data["value"].values() for r in rows]
    over = []
    over.append(charts.figure(
        "headline", None, "All services at a glance",
        "Which services meet needs, which make customers come back, and how satisfied are they?",
        headline(marks, services), False,
        "Completion: share of journeys whose completion is recorded that met their need. Repeat contact: share "
        "of journeys returning to a stage already passed."))
    if value_rows:
        over.append(charts.figure(
            "value-overview", None, "Customer value by service: benefits against sacrifices",
            "Where does the service create value, and where does it destroy it (co-destruction)?",
            charts.value_chart(marks, value_rows, data["names"], data["synthetic"], "overview"),
            any(data["synthetic"][(r["provider"], r["service"])] for r in value_rows),
            "Co-destruction (hatched, ⚠): the value index (benefits − sacrifices) is below zero."))
    if data["quadrants"]:
        over.append(charts.figure(
            "quadrant-map", None, "Co-production: where each service sits on Osborne's two axes",
            "How voluntary is the customers' part in the service, and is it the individual service or the "
            "service system they shape?",
            charts.quadrant_map(marks, data["quadrants"], data["names"], data["synthetic"]),
            any(data["synthetic"][(r["provider"], r["service"])] for r in data["quadrants"]),
            "Each service at the centroid (mean) of its assessments; dashed lines at 0.5 divide the quadrants."))
    stale = data.get("freshness", [])
    if stale:
        over.insert(0, '<p class="stale" data-stale="%d">Not up to date: %s. Run <code>SELECT cx.refresh_workspace(%s)'
                    '</code> and draw the report again.</p>' % (
                        len(stale), html.escape("; ".join(
                            "%s: %s changes wait%s" % (data["names"].get((r["provider"], r["service"]), r["service"]),
                                                       r["changes_waiting"],
                                                       "" if r["last_refresh_at"] else ", never refreshed")
                            for r in stale)), html.escape(views.literal(schema))))
    sections = [service_section(marks, data, s, n, threshold_share) for n, s in enumerate(services)]
    nav = " ".join('<a href="#%s">%s</a>' % (anchor(s), html.escape(s["name"])) for s in services)
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Customer experience report: workspace %(schema)s</title>
<style>%(css)s</style></head>
<body data-workspace="%(schema)s" data-dialect="%(dialect)s">
<header><h1>Customer experience report</h1>
<p class="meta">Workspace <b>%(schema)s</b> · drawn %(now)s from the workspace views by cx_report (cxvalue) · %(count)d services, real data first%(syn)s</p>
<nav class="noprint">%(nav)s</nav></header>
<section class="overview">%(over)s</section>
%(sections)s
<footer class="meta"><p>Colours: Okabe–Ito palette (blue, orange, vermillion, green) and viridis steps for scores, chosen to read in greyscale and for colour-blind readers; shapes, dashes and hatching carry the same meaning. Every mark's exact value is in its tooltip.</p></footer>
<script>%(script)s</script>
</body></html>
""" % {"schema": html.escape(schema), "css": CSS, "dialect": data["dialect"], "now": now,
       "count": len(services), "syn": "; synthetic data marked on every chart" if any_syn else "",
       "nav": nav, "over": "".join(over), "sections": "\n".join(sections), "script": SCRIPT}


def main(argv=None):
    p = argparse.ArgumentParser(
        description="Write a self-contained HTML report (process maps, funnels, scorecards, trends, value, "
                    "co-production) of a cxvalue workspace. Connection settings are libpq's: the options "
                    "below, else PGHOST, PGPORT, PGDATABASE, PGUSER, PGPASSWORD, PGSERVICE, ~/.pgpass.")
    p.add_argument("--schema", "-s", required=True, help="the workspace schema (made by cx.create_workspace)")
    p.add_argument("--output", "-o", default="build/report/index.html", help="the HTML file to write "
                   "(default build/report/index.html)")
    p.add_argument("--host", "-H", help="database host (PGHOST)")
    p.add_argument("--port", "-p", help="database port (PGPORT)")
    p.add_argument("--dbname", "-d", help="database name, or a conninfo string or URI as psql -d takes (PGDATABASE)")
    p.add_argument("--user", "-U", help="database user (PGUSER)")
    p.add_argument("--psql", default=os.environ.get("PSQL", "psql"), help="the psql to run (default: psql on PATH)")
    p.add_argument("--min-share", type=float, default=0.01,
                   help="on maps with more than 30 hand-offs, hide at first those taken by fewer than this share "
                        "of the service's journeys (default 0.01; a slider in the report changes it)")
    a = p.parse_args(argv)
    env = {}
    for opt, var in (("host", "PGHOST"), ("port", "PGPORT"), ("user", "PGUSER")):
        if getattr(a, opt):
            env[var] = getattr(a, opt)
    ws = views.Workspace(a.schema, psql=a.psql, env=env, dbname=a.dbname)
    try:
        data = ws.fetch()
    except views.QueryError as e:
        print("cx_report: %s" % e, file=sys.stderr)
        return 1
    page = render(data, a.schema, a.min_share)
    os.makedirs(os.path.dirname(os.path.abspath(a.output)), exist_ok=True)
    with open(a.output, "w", encoding="utf-8") as out:
        out.write(page)
    print(os.path.abspath(a.output))
    return 0


if __name__ == "__main__":
    sys.exit(main())
