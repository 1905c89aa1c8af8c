"""Drawing: inline SVG for every chart, Graphviz for the process map.

Numbers arrive as the text PostgreSQL printed (views.py); they are turned
into floats only to place marks, and each mark carries the text unchanged
in data-value (and its source in data-view / data-key / data-column) and in
a <title> tooltip.  The only arithmetic here is layout: scales, positions,
sizes, display rounding of labels.

Palette (Okabe and Ito 2008, "Color Universal Design"; safe for the
common colour-vision deficiencies): blue #0072B2 for the measure, orange
#E69F00 for a second series, vermillion #D55E00 for warnings (rework,
co-destruction), sky blue #56B4E9 for intervals, bluish green #009E73.
Every pair is also told apart without colour: dashes, marker shapes,
hatching, labels.  Scores on stages use five viridis steps, whose
lightness rises monotonically, so they read in greyscale too.
"""

import html
import json
import math
import re
import subprocess
import textwrap

import views

BLUE, ORANGE, VERMILLION, SKY, GREEN, YELLOW, PURPLE = (
    "#0072B2", "#E69F00", "#D55E00", "#56B4E9", "#009E73", "#F0E442", "#CC79A7")
GREY, INK, FAINT = "#767676", "#1a1a1a", "#d9d9d9"
VIRIDIS = ["#440154", "#3b528b", "#21918c", "#5ec962", "#fde725"]
VIRIDIS_INK = ["#ffffff", "#ffffff", "#ffffff", "#000000", "#000000"]

A11_ITEMS = [
    ("satisfaction", "Satisfied with the service"),
    ("trust", "Trust in the service increased"),
    ("effectiveness", "Need was met (effectiveness)"),
    ("ease", "Easy to do (ease)"),
    ("efficiency", "Reasonable time taken (efficiency)"),
    ("transparency", "Understood what was asked (transparency)"),
    ("employee", "Employees were helpful"),
]


def esc(text):
    return html.escape(str(text), quote=True)


def f(text):
    """A value's float, for placing it; None for NULL."""
    return None if text is None else float(text)


def pct(text, digits=1):
    return "n/a" if text is None else "%.*f%%" % (digits, 100 * float(text))


def count(text):
    return "n/a" if text is None else "{:,}".format(int(text))


def points(text, digits=1):
    return "n/a" if text is None else "%+.*f" % (digits, float(text))


def duration(text, unit):
    """A duration for a label, from a value in seconds, hours or days."""
    if text is None:
        return "n/a"
    seconds = float(text) * {"seconds": 1, "hours": 3600, "days": 86400}[unit]
    if seconds < 90:
        return "%.0f s" % seconds
    if seconds < 5400:
        return "%.0f min" % (seconds / 60)
    if seconds < 172800:
        return "%.1f h" % (seconds / 3600)
    return "%.1f d" % (seconds / 86400)


class Marks:
    """Writes the attributes that tie a mark to the view cell it shows."""

    def __init__(self, dialect):
        self.dialect = dialect

    def attrs(self, dataset, row, field, **extra_key):
        value = row.get(field)
        out = ' data-field="%s" data-value="%s"' % (esc(field), esc("" if value is None else value))
        if value is None:
            out += ' data-null="true"'
        src = views.provenance(self.dialect, dataset, field)
        if src:
            view, column = src
            key = {"provider": row["provider"], "service": row["service"]}
            for k in views.VIEW_KEYS[view]:
                if k in row:
                    key[k] = row[k]
            key.update(extra_key)
            out += ' data-view="%s" data-column="%s" data-key="%s"' % (
                esc(view), esc(column), esc(json.dumps(key, sort_keys=True)))
        else:
            out += ' data-query="%s"' % esc(dataset)
        return out


# -- small SVG helpers --------------------------------------------------------

def svg(width, height, body, label):
    return ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" width="%d" height="%d" '
            'role="img" aria-label="%s">%s</svg>' % (width, height, width, height, esc(label), body))


def text(x, y, s, size=11, anchor="start", weight="normal", fill=INK, extra=""):
    return ('<text x="%.1f" y="%.1f" font-size="%d" text-anchor="%s" font-weight="%s" fill="%s"%s>%s</text>'
            % (x, y, size, anchor, weight, fill, extra, esc(s)))


def title(s):
    return "<title>%s</title>" % esc(s)


def hatch_defs(uid):
    return ('<defs><pattern id="hatch-%s" width="6" height="6" patternUnits="userSpaceOnUse" '
            'patternTransform="rotate(45)"><rect width="6" height="6" fill="#fbe3d3"/>'
            '<line x1="0" y1="0" x2="0" y2="6" stroke="%s" stroke-width="2.5"/></pattern></defs>'
            % (uid, VERMILLION))


def nice_ticks(lo, hi, n=5, integer=False):
    if hi <= lo:
        hi = lo + 1
    raw = (hi - lo) / n
    mag = 10 ** math.floor(math.log10(raw))
    step = min((m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw), default=10 * mag)
    if integer:
        step = max(1, round(step))
    start = math.floor(lo / step) * step
    ticks, t = [], start
    while True:
        ticks.append(round(t, 10))
        if t >= hi - step * 1e-9:
            break
        t += step
    return ticks


def x_axis(x0, x1, y, lo, hi, ticks, fmt, label):
    scale = lambda v: x0 + (v - lo) / (hi - lo) * (x1 - x0)
    out = '<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="%s"/>' % (x0, y, x1, y, GREY)
    for t in ticks:
        if lo - 1e-9 <= t <= hi + 1e-9:
            out += '<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="%s"/>' % (scale(t), y, scale(t), y + 4, GREY)
            out += text(scale(t), y + 15, fmt(t), 10, "middle", fill=GREY)
    out += text((x0 + x1) / 2, y + 30, label, 11, "middle")
    return out


def grid_x(x0, x1, ytop, ybot, lo, hi, ticks):
    scale = lambda v: x0 + (v - lo) / (hi - lo) * (x1 - x0)
    return "".join('<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="%s" stroke-dasharray="2 3"/>'
                   % (scale(t), ytop, scale(t), ybot, FAINT) for t in ticks if lo <= t <= hi)


def y_axis(x, y0, y1, lo, hi, ticks, fmt, label, width):
    """y0 is the bottom (lo), y1 the top (hi); grid lines run to x + width."""
    scale = lambda v: y0 - (v - lo) / (hi - lo) * (y0 - y1)
    out = '<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="%s"/>' % (x, y0, x, y1, GREY)
    for t in ticks:
        if lo - 1e-9 <= t <= hi + 1e-9:
            yy = scale(t)
            out += '<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="%s" stroke-dasharray="2 3"/>' % (
                x, yy, x + width, yy, FAINT)
            out += text(x - 5, yy + 3.5, fmt(t), 10, "end", fill=GREY)
    out += text(x - 42, (y0 + y1) / 2, label, 11, "middle",
                extra=' transform="rotate(-90 %.1f %.1f)"' % (x - 42, (y0 + y1) / 2))
    return out


# -- the charts ----------------------------------------------------------------

def figure(kind, service, heading, question, body, synthetic, note=""):
    badge = ('<span class="synthetic">Synthetic data: generated by test/data/synthetic.sql, '
             'not real customers</span>' if synthetic else "")
    data_service = "" if service is None else ' data-service="%s"' % esc(service)
    return ('<figure class="chart" data-chart="%s"%s%s><figcaption><b>%s</b> %s<br><span class="question">%s</span>'
            '</figcaption>%s%s</figure>'
            % (esc(kind), data_service, ' data-synthetic="true"' if synthetic else "",
               esc(heading), badge, esc(question), body,
               '<p class="note">%s</p>' % esc(note) if note else ""))


def process_map(marks, svc, stages, transitions, wait_field, wait_unit, uid):
    """The process map: Graphviz dot lays it out, the SVG is inlined and
    every node and edge gets its values as data attributes."""
    names = {s["stage"]: "n%d" % i for i, s in enumerate(stages)}
    scored = [f(s["mean_score"]) for s in stages if s.get("mean_score") is not None]
    lo, hi = (1.0, 5.0) if scored and min(scored) >= 1 and max(scored) <= 5 else (
        (min(scored), max(scored)) if scored else (0, 1))
    if hi <= lo:
        hi = lo + 1

    def step(v):
        return min(4, max(0, int((v - lo) / (hi - lo) * 5)))

    def q(s):
        return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'

    max_count = max([int(t["transitions"]) for t in transitions] or [1])
    ids = {}
    dot = ['digraph process {', 'graph [rankdir=TB, nodesep=0.35, ranksep=0.45, bgcolor="transparent", '
           'fontname="Helvetica"];',
           'node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=11, margin="0.12,0.06", '
           'penwidth=1.2, color="%s"];' % INK,
           'edge [fontname="Helvetica", fontsize=9, color="%s", fontcolor="%s", arrowsize=0.7];' % (INK, INK)]
    for i, s in enumerate(stages):
        nid = "%s_n%d" % (uid, i)
        ms = s.get("mean_score")
        if ms is None:
            fill, ink, extra, score_txt = "#ffffff", INK, ', style="rounded,filled,dashed"', "not scored"
        else:
            k = step(float(ms))
            fill, ink, extra, score_txt = VIRIDIS[k], VIRIDIS_INK[k], "", "mean score %.2f" % float(ms)
        label = "%s\n%s %s · %s" % ("\n".join(textwrap.wrap(s["stage"], 24)) or s["stage"], count(s["journeys"]),
                                     "journey" if s["journeys"] == "1" else "journeys", score_txt)
        dot.append('%s [id=%s, label=%s, fillcolor="%s", fontcolor="%s"%s];'
                   % (names[s["stage"]], q(nid), q(label), fill, ink, extra))
        ids[nid] = ("node", marks.attrs("stages", s, "journeys")
                    + (' data-mean-score="%s"' % esc(ms) if ms is not None else ""),
                    "%s: %s journeys reach this stage; %s" % (
                        s["stage"], s["journeys"], "mean score " + ms if ms is not None else "not scored"))
    for i, t in enumerate(transitions):
        if t["from_stage"] not in names or t["to_stage"] not in names:
            continue
        eid = "%s_e%d" % (uid, i)
        n = int(t["transitions"])
        rework = t["from_stage"] == t["to_stage"] or int(t["backward_transitions"] or 0) > 0
        width = 0.6 + 5.0 * n / max_count
        attrs = 'id=%s, label=%s, penwidth=%.2f' % (
            q(eid), q("%s · %s" % (count(t["transitions"]), duration(t[wait_field], wait_unit))), width)
        if rework:
            attrs += ', color="%s", fontcolor="%s", style=dashed, constraint=false' % (VERMILLION, VERMILLION)
        dot.append("%s -> %s [%s];" % (names[t["from_stage"]], names[t["to_stage"]], attrs))
        ids[eid] = ("edge", marks.attrs("transitions", t, "transitions")
                    + ' data-count="%d" data-rework="%s" data-wait="%s"'
                    % (n, "true" if rework else "false", esc(t[wait_field] or "")),
                    "%s → %s: %s transitions in %s journeys; median wait %s %s (%s)%s" % (
                        t["from_stage"], t["to_stage"], t["transitions"], t["journeys"], t[wait_field],
                        wait_unit, duration(t[wait_field], wait_unit),
                        "; rework: back to a stage already passed" if rework else ""))
    dot.append("}")
    out = subprocess.run(["dot", "-Tsvg"], input="\n".join(dot), capture_output=True, text=True, check=True).stdout
    out = out[out.index("<svg"):]
    natural = re.search(r'<svg\s+width="([0-9.]+)pt"', out)
    # Narrow maps fit the page width at first; wide ones keep their natural
    # size (readable labels) in a scrolling box, and a checkbox fits them.
    fit = natural is not None and float(natural.group(1)) <= 1300
    out = re.sub(r'<svg\s+width="[^"]*"\s+height="[^"]*"',
                 lambda m: m.group(0) + ' class="process-map%s" id="%s"' % (" fit" if fit else "", uid), out, count=1)
    out = re.sub(r"<!--.*?-->", "", out, flags=re.S)

    def tag(m):
        kind, attrs, tip = ids[m.group(1)]
        return '<g id="%s" class="%s"%s>%s' % (m.group(1), kind, attrs, title(tip))
    out = re.sub(r'<g id="(%s_[ne]\d+)" class="(?:node|edge)">\s*<title>[^<]*</title>' % re.escape(uid), tag, out)
    if scored:
        legend = ['<div class="legend">Box colour: mean touchpoint score (%g to %g):' % (lo, hi)]
        for k in range(5):
            a, b = lo + (hi - lo) * k / 5, lo + (hi - lo) * (k + 1) / 5
            legend.append('<span class="swatch" style="background:%s;color:%s">%.1f–%.1f</span>'
                          % (VIRIDIS[k], VIRIDIS_INK[k], a, b))
    else:
        legend = ['<div class="legend">Boxes: stages, with the journeys reaching them; no touchpoint of this '
                  'service is scored, so no box is coloured:']
    legend.append('<span class="swatch dashed">not scored</span> · Arrow: hand-off, labelled '
                  '“transitions · median wait”, thicker = more frequent; '
                  '<span style="color:%s">dashed vermillion = rework (back to a stage already passed)</span></div>'
                  % VERMILLION)
    return out, "".join(legend), max_count, fit


def edge_filter(uid, max_count, default, fit):
    return ('<div class="filter noprint"><label>Show hand-offs taken at least '
            '<input type="range" class="edge-filter" data-map="%s" min="1" max="%d" step="1" value="%d"> '
            '<output>%d</output> times</label> <span class="shown"></span> · '
            '<label><input type="checkbox" class="fit-map" data-map="%s"%s> fit the map to the page width</label></div>'
            % (uid, max(max_count, 1), max(default, 1), max(default, 1), uid, " checked" if fit else ""))


def funnel(marks, rows):
    w, left, right, bar_h, gap = 760, 250, 250, 22, 12
    top = 10
    h = top + len(rows) * (bar_h + gap) + 50
    first = max(int(r["reached"]) for r in rows) or 1
    ticks = nice_ticks(0, first, integer=True)
    hi = max(ticks[-1], first)
    sx = lambda v: left + v / hi * (w - left - right)
    body = grid_x(left, w - right, top, h - 45, 0, hi, ticks)
    for i, r in enumerate(rows):
        y = top + i * (bar_h + gap)
        n = int(r["reached"])
        label = r["step"] if len(r["step"]) <= 38 else r["step"][:36] + "…"
        body += text(left - 8, y + bar_h / 2 + 4, "%s. %s" % (r["step_number"], label), 11, "end")
        body += ('<rect x="%.1f" y="%.1f" width="%.1f" height="%d" fill="%s"%s>%s</rect>'
                 % (left, y, max(sx(n) - left, 0.5), bar_h, BLUE, marks.attrs("funnel", r, "reached")
                    + ' data-step="%s" data-step-number="%s"' % (esc(r["step"]), esc(r["step_number"])),
                    title("Step %s, %s: %s journeys reached it (%s of those starting)" % (
                        r["step_number"], r["step"], r["reached"], pct(r["reached_share"])))))
        body += text(sx(n) + 5, y + bar_h / 2 + 4, "%s (%s)" % (count(r["reached"]), pct(r["reached_share"])), 11)
        if r.get("dropped") is not None:
            body += text(w - right + 105, y + bar_h / 2 + 4,
                         "▼ %s dropped (%s)" % (count(r["dropped"]), pct(r["dropped_share"])),
                         10, "start", fill=VERMILLION,
                         extra=' data-field="dropped" data-value="%s" data-query="funnel"' % esc(r["dropped"]))
    body += x_axis(left, w - right, h - 45, 0, hi, ticks, lambda t: "{:,.0f}".format(t),
                   "Journeys reaching the step, in order (count)")
    return svg(w, h, body, "Funnel")


def _dot_row(body, y, sx, value, lower, upper, attrs, tip, colour=BLUE, shape="circle"):
    if lower is not None and upper is not None:
        body.append('<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="%s" stroke-width="2"/>'
                    % (sx(lower), y, sx(upper), y, GREY))
        for v in (lower, upper):
            body.append('<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="%s" stroke-width="2"/>'
                        % (sx(v), y - 5, sx(v), y + 5, GREY))
    if shape == "circle":
        body.append('<circle cx="%.1f" cy="%.1f" r="5" fill="%s" stroke="#fff"%s>%s</circle>'
                    % (sx(value), y, colour, attrs, title(tip)))
    else:
        body.append('<rect x="%.1f" y="%.1f" width="9" height="9" fill="%s" stroke="#fff"%s>%s</rect>'
                    % (sx(value) - 4.5, y - 4.5, colour, attrs, title(tip)))


def scorecard(marks, svc, items):
    """Three panels: A-11 items (top-2-box with Wilson whiskers), NPS with
    its interval, and the operational rates."""
    w, left, right = 760, 270, 170
    body, y = [], 12
    by_item = {r["item"]: r for r in items}
    order = [(k, lab) for k, lab in A11_ITEMS if k in by_item] + \
        [(k, k) for k in sorted(by_item) if k not in dict(A11_ITEMS)]
    sx = lambda v: left + v * (w - left - right)
    ticks = [0, 0.2, 0.4, 0.6, 0.8, 1.0]
    if order:
        body.append(text(8, y + 4, "A-11 drivers: customers who agree (top-2-box: 4 or 5 of 5)", 12, weight="bold"))
        y += 16
        y0 = y
        for key, lab in order:
            r = by_item[key]
            y += 20
            body.append(text(left - 8, y + 4, lab, 11, "end"))
            _dot_row(body, y, sx, f(r["top2_share"]), f(r["top2_lower"]), f(r["top2_upper"]),
                     marks.attrs("items", r, "top2_share")
                     + ' data-lower="%s" data-upper="%s"' % (esc(r["top2_lower"]), esc(r["top2_upper"])),
                     "%s: top-2-box %s, 95%% Wilson interval %s to %s, %s answers" % (
                         lab, r["top2_share"], r["top2_lower"], r["top2_upper"], r["answers"]))
            body.append(text(w - right + 10, y + 4, "%s (%s–%s), n=%s" % (
                pct(r["top2_share"]), pct(r["top2_lower"], 0), pct(r["top2_upper"], 0), count(r["answers"])), 10))
        body.insert(0, grid_x(left, w - right, y0, y + 10, 0, 1, ticks))
        y += 14
        body.append(x_axis(left, w - right, y, 0, 1, ticks, lambda t: "%d%%" % round(t * 100),
                           "Share of answers agreeing (%), dot = estimate, whisker = 95% Wilson interval"))
        y += 44
    if svc.get("nps") is not None:
        body.append(text(8, y + 4, "Net Promoter Score (0–10 “would recommend”: % 9–10 minus % 0–6)", 12,
                         weight="bold"))
        y += 26
        nx = lambda v: left + (v + 100) / 200 * (w - left - right)
        nt = [-100, -50, 0, 50, 100]
        body.append(grid_x(left, w - right, y - 10, y + 10, -100, 100, nt))
        body.append(text(left - 8, y + 4, "NPS", 11, "end"))
        _dot_row(body, y, nx, f(svc["nps"]), f(svc["nps_lower"]), f(svc["nps_upper"]),
                 marks.attrs("services", svc, "nps")
                 + ' data-lower="%s" data-upper="%s"' % (esc(svc["nps_lower"]), esc(svc["nps_upper"])),
                 "NPS %s, 95%% interval %s to %s, %s answers" % (
                     svc["nps"], svc["nps_lower"], svc["nps_upper"], svc["nps_answers"]), colour=ORANGE, shape="square")
        body.append(text(w - right + 10, y + 4, "%s (%s to %s), n=%s" % (
            points(svc["nps"]), points(svc["nps_lower"], 0), points(svc["nps_upper"], 0), count(svc["nps_answers"])), 10))
        y += 14
        body.append(x_axis(left, w - right, y, -100, 100, nt, lambda t: "%+d" % t if t else "0",
                           "NPS (points, −100 to +100), whisker = 95% interval"))
        y += 44
    rates = [(k, lab) for k, lab in (("completion_rate", "Journeys completed (need met)"),
                                      ("repeat_contact_rate", "Journeys with a repeat contact (rework)"))
             if svc.get(k) is not None]
    if rates:
        body.append(text(8, y + 4, "Operational rates (share of journeys)", 12, weight="bold"))
        y += 16
        y0 = y
        for k, lab in rates:
            y += 20
            body.append(text(left - 8, y + 4, lab, 11, "end"))
            lo_, hi_ = svc.get(k.replace("_rate", "_lower")), svc.get(k.replace("_rate", "_upper"))
            _dot_row(body, y, sx, f(svc[k]), f(lo_), f(hi_), marks.attrs("services", svc, k),
                     "%s: %s of journeys%s" % (lab, svc[k], "" if lo_ is None else
                                                 ", 95%% interval %s to %s" % (lo_, hi_)),
                     colour=GREEN if k == "completion_rate" else VERMILLION, shape="square")
            body.append(text(w - right + 10, y + 4, "%s of %s journeys" % (pct(svc[k]), count(svc["journeys"])), 10))
        body.insert(0, grid_x(left, w - right, y0, y + 10, 0, 1, ticks))
        y += 14
        body.append(x_axis(left, w - right, y, 0, 1, ticks, lambda t: "%d%%" % round(t * 100),
                           "Share of the service's journeys (%); the views give no interval for these rates"))
        y += 44
    return svg(w, y, "".join(body), "Scorecard")


def _months(d):
    y, m = int(d[:4]), int(d[5:7])
    return y * 12 + m - 1


def trend(marks, rows, field, lower, upper, lo, hi, ylabel, fmt, colour, second=None, bars=False):
    """One monthly series (dots and a line, or bars), its interval as a band."""
    w, h, left, right, top, bottom = 360, 210, 58, 26, 10, 48
    pts = [r for r in rows if r.get(field) is not None]
    m0 = _months(rows[0]["period_start"])
    m1 = max(_months(rows[-1]["period_start"]), m0 + 1)
    span = m1 - m0
    sx = lambda d: left + (_months(d) - m0 + (0.5 if bars else 0)) / (span + (1 if bars else 0)) * (w - left - right)
    sy = lambda v: h - bottom - (v - lo) / (hi - lo) * (h - top - bottom)
    ticks = nice_ticks(lo, hi, 4, integer=bars)
    body = [y_axis(left, h - bottom, top, lo, hi, ticks, fmt, ylabel, w - left - right)]
    # month ticks: each month, each quarter or each year, whatever fits
    every = next(e for e in (1, 3, 6, 12, 24, 36, 60, 120) if span / e <= 6)
    body.append('<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="%s"/>' % (left, h - bottom, w - right, h - bottom, GREY))
    for mm in range(m0 - m0 % every + (every if m0 % every else 0), m1 + 1, every):
        d = "%04d-%02d-01" % (mm // 12, mm % 12 + 1)
        x = sx(d)
        body.append('<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="%s"/>' % (x, h - bottom, x, h - bottom + 4, GREY))
        body.append(text(x, h - bottom + 15, d[:7] if every < 12 else d[:4], 10, "middle", fill=GREY))
    body.append(text((left + w - right) / 2, h - 12, "Month (UTC) the journey started or the answer was given", 10, "middle"))
    if bars:
        bw = max(1.0, (w - left - right) / (span + 1) * 0.8)
        for r in pts:
            v = f(r[field])
            body.append('<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s"%s>%s</rect>'
                        % (sx(r["period_start"]) - bw / 2, sy(v), bw, max(sy(lo) - sy(v), 0), colour,
                           marks.attrs("trends", r, field, grain="month"),
                           title("%s: %s" % (r["period_start"][:7], r[field]))))
        return svg(w, h, "".join(body), ylabel)
    series = [(field, lower, upper, colour, "", "circle")]
    if second:
        series.append(second)
    for fld, low, up, col, dash, shape in series:
        srs = [r for r in rows if r.get(fld) is not None]
        if low:
            # the band, in runs of consecutive months that have one
            run = []
            for r in rows + [None]:
                if r is not None and r.get(low) is not None and r.get(up) is not None:
                    run.append(r)
                    continue
                if len(run) >= 2:
                    poly = ["%.1f,%.1f" % (sx(q["period_start"]), sy(f(q[up]))) for q in run] + \
                           ["%.1f,%.1f" % (sx(q["period_start"]), sy(f(q[low]))) for q in reversed(run)]
                    body.append('<polygon points="%s" fill="%s" fill-opacity="0.28" stroke="none" class="band"/>'
                                % (" ".join(poly), SKY))
                for q in run if len(run) == 1 else []:
                    body.append('<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="%s" stroke-width="2"/>'
                                % (sx(q["period_start"]), sy(f(q[low])), sx(q["period_start"]), sy(f(q[up])), SKY))
                run = []
        body.append('<polyline points="%s" fill="none" stroke="%s" stroke-width="1.6"%s/>' % (
            " ".join("%.1f,%.1f" % (sx(r["period_start"]), sy(f(r[fld]))) for r in srs), col,
            ' stroke-dasharray="%s"' % dash if dash else ""))
        for r in srs:
            x, yv = sx(r["period_start"]), sy(f(r[fld]))
            tip = "%s: %s%s" % (r["period_start"][:7], r[fld],
                                ", 95%% interval %s to %s" % (r[low], r[up]) if low and r.get(low) is not None else "")
            a = marks.attrs("trends", r, fld, grain="month")
            if shape == "circle":
                body.append('<circle cx="%.1f" cy="%.1f" r="2.6" fill="%s"%s>%s</circle>' % (x, yv, col, a, title(tip)))
            else:
                body.append('<rect x="%.1f" y="%.1f" width="5" height="5" fill="%s"%s>%s</rect>'
                            % (x - 2.5, yv - 2.5, col, a, title(tip)))
    return svg(w, h, "".join(body), ylabel)


def value_chart(marks, rows, names, synthetic, uid):
    w, left, right, bar = 760, 250, 190, 13
    rows = [r for r in rows if r.get("benefits") is not None or r.get("sacrifices") is not None]
    h = 20 + len(rows) * 52 + 50
    sx = lambda v: left + v * (w - left - right)
    ticks = [0, 0.2, 0.4, 0.6, 0.8, 1.0]
    body = [hatch_defs(uid), grid_x(left, w - right, 10, h - 45, 0, 1, ticks)]
    y = 18
    for r in rows:
        key = (r["provider"], r["service"])
        cod = r.get("co_destruction") == "t"
        if cod:
            body.append('<rect x="4" y="%.1f" width="%d" height="44" fill="url(#hatch-%s)" fill-opacity="0.35" '
                        'stroke="%s" stroke-width="2" class="co-destruction"%s>%s</rect>'
                        % (y - 6, w - 8, uid, VERMILLION, marks.attrs("value", r, "co_destruction"),
                           title("Co-destruction: sacrifices outweigh benefits (value index %s)" % r["value_index"])))
        label = names[key] + (" (synthetic data)" if synthetic[key] and "synthetic" not in names[key] else "")
        lines = textwrap.wrap(label, 34)[:2]
        for k, line in enumerate(lines):
            body.append(text(left - 8, y + 9 + 12 * k, line, 10, "end", weight="bold"))
        body.append(text(left - 8, y + 9 + 12 * len(lines), "value index %s" % points(r["value_index"], 2), 10, "end",
                         fill=VERMILLION if cod else GREY))
        for k, (fld, lab, col) in enumerate((("benefits", "benefits", BLUE), ("sacrifices", "sacrifices", ORANGE))):
            yy = y + k * (bar + 3)
            v = r.get(fld)
            if v is None:
                body.append(text(left + 4, yy + 10, "no %s items in the %s model" % (lab[:-1], r["value_model"]), 10,
                                 fill=GREY, extra=' data-field="%s" data-null="true"' % fld))
                continue
            body.append('<rect x="%.1f" y="%.1f" width="%.1f" height="%d" fill="%s"%s%s>%s</rect>'
                        % (left, yy, max(sx(f(v)) - left, 0.5), bar, col,
                           ' stroke="%s" stroke-dasharray="3 2"' % INK if fld == "sacrifices" else "",
                           marks.attrs("value", r, fld),
                           title("%s: %s %s (0 to 1)" % (label, lab, v))))
            body.append(text(sx(f(v)) + 5, yy + 10, "%s %.2f" % (lab, f(v)), 10))
        if cod:
            body.append(text(w - right + 60, y + 20, "⚠ co-destruction", 11, "start", "bold", VERMILLION))
        y += 52
    body.append(x_axis(left, w - right, h - 45, 0, 1, ticks, lambda t: "%.1f" % t,
                       "Mean rating, normalised to 0 (lowest) … 1 (highest point of the scale)"))
    return svg(w, h, "".join(body), "Value")


def quadrant_map(marks, rows, names, synthetic):
    size, left, top = 420, 70, 26
    w, h = 780, size + top + 80
    sx = lambda v: left + v * size
    sy = lambda v: top + (1 - v) * size
    body = ['<rect x="%d" y="%d" width="%d" height="%d" fill="#fafafa" stroke="%s"/>' % (left, top, size, size, GREY),
            '<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="%s" stroke-dasharray="4 3"/>'
            % (sx(0.5), top, sx(0.5), top + size, GREY),
            '<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="%s" stroke-dasharray="4 3"/>'
            % (left, sy(0.5), left + size, sy(0.5), GREY)]
    for label, (x, y) in (("I: Co-production", (0.25, 0)), ("II: Co-construction", (0.75, 0)),
                          ("III: Co-management", (0.25, 1)), ("IV: Co-design and co-innovation", (0.75, 1))):
        body.append(text(sx(x), sy(y) + (-8 if y else 30), label, 12, "middle", "bold", INK,
                         ' class="quadrant-label"'))
    for t in (0, 0.25, 0.5, 0.75, 1):
        body.append(text(sx(t), top + size + 13, "%.2f" % t, 10, "middle", fill=GREY))
        body.append(text(left - 6, sy(t) + 3.5, "%.2f" % t, 10, "end", fill=GREY))
    body.append(text(sx(0.5), top + size + 50, "Locus: the individual service (0) … the service system (1), "
                     "mean assessment (score 0–1)", 11, "middle"))
    body.append(text(left - 40, sy(0.5), "Nature: involuntary (0) … voluntary (1), mean assessment (score 0–1)", 11,
                     "middle", extra=' transform="rotate(-90 %d %.1f)"' % (left - 40, sy(0.5))))
    legend_x, ly = left + size + 22, top + 10
    body.append(text(legend_x, ly, "Services (● real data, ◇ synthetic)", 11, weight="bold"))
    for i, r in enumerate(rows, 1):
        key = (r["provider"], r["service"])
        x, y = sx(f(r["mean_system_locus"])), sy(f(r["mean_voluntariness"]))
        tip = "%s: voluntariness %s, system locus %s, %s assessments, dominant %s" % (
            names[key], r["mean_voluntariness"], r["mean_system_locus"], r["assessments"], r["dominant_quadrant"])
        a = marks.attrs("quadrants", r, "mean_voluntariness") + ' data-locus="%s"' % esc(r["mean_system_locus"])
        if synthetic[key]:
            body.append('<path d="M%.1f %.1fl8 8l-8 8l-8 -8z" fill="#fff" stroke="%s" stroke-width="2"%s>%s</path>'
                        % (x, y - 8, BLUE, a, title(tip + " (synthetic data)")))
            body.append(text(x, y + 4, str(i), 9, "middle", "bold", BLUE))
        else:
            body.append('<circle cx="%.1f" cy="%.1f" r="8" fill="%s"%s>%s</circle>' % (x, y, BLUE, a, title(tip)))
            body.append(text(x, y + 3.5, str(i), 9, "middle", "bold", "#fff"))
        ly += 17
        nm = names[key] + (" (synthetic)" if synthetic[key] and "synthetic" not in names[key] else "")
        body.append(text(legend_x, ly, "%d  %s" % (i, nm if len(nm) <= 44 else nm[:42] + "…"), 10))
    return svg(w, h, "".join(body), "Co-production quadrant map")


SERIES = [(BLUE, "circle"), (ORANGE, "square"), (GREEN, "diamond"), (VERMILLION, "triangle"),
          (PURPLE, "circle"), (SKY, "square"), (INK, "diamond"), (YELLOW, "triangle")]


def _marker(shape, x, y, colour, attrs, tip):
    if shape == "circle":
        return '<circle cx="%.1f" cy="%.1f" r="4.5" fill="%s" stroke="#333" stroke-width="0.6"%s>%s</circle>' % (
            x, y, colour, attrs, title(tip))
    if shape == "square":
        return '<rect x="%.1f" y="%.1f" width="8" height="8" fill="%s" stroke="#333" stroke-width="0.6"%s>%s</rect>' % (
            x - 4, y - 4, colour, attrs, title(tip))
    d = ("M%.1f %.1fl5 5l-5 5l-5 -5z" % (x, y - 5)) if shape == "diamond" else ("M%.1f %.1fl5 9h-10z" % (x, y - 5))
    return '<path d="%s" fill="%s" stroke="#333" stroke-width="0.6"%s>%s</path>' % (d, colour, attrs, title(tip))


def published(marks, rows):
    """Published item means (A-11 HISP reports): one row per item, one
    marker per period and survey moment; no interval exists for them."""
    w, left, right = 760, 270, 20
    series = []
    for r in rows:
        k = (r["period"], r["touchpoint"])
        if k not in series:
            series.append(k)
    by_item = {}
    for r in rows:
        by_item.setdefault(r["item"], []).append(r)
    order = [(k, lab) for k, lab in A11_ITEMS if k in by_item] + \
        [(k, k) for k in sorted(by_item) if k not in dict(A11_ITEMS)]
    scale_lo = min(f(r["lo"]) for r in rows)
    scale_hi = max(f(r["hi"]) for r in rows)
    lo = max(scale_lo, math.floor(min(f(r["mean"]) for r in rows) * 2) / 2 - 0.5)
    hi = scale_hi
    sx = lambda v: left + (v - lo) / (hi - lo) * (w - left - right)
    ticks = [t for t in nice_ticks(lo, hi, 5) if lo <= t <= hi]
    y = 10
    body = []
    y0 = y
    for key, lab in order:
        y += 22
        body.append(text(left - 8, y + 4, lab, 11, "end"))
        for r in by_item[key]:
            colour, shape = SERIES[series.index((r["period"], r["touchpoint"])) % len(SERIES)]
            body.append(_marker(shape, sx(f(r["mean"])), y, colour, marks.attrs("published", r, "mean"),
                                "%s, %s%s: mean %s on %s to %s%s" % (
                                    lab, r["period"], " (" + r["touchpoint"] + ")" if r["touchpoint"] else "",
                                    r["mean"], r["lo"], r["hi"],
                                    ", %s respondents" % r["respondents"] if r["respondents"] else "")))
    body.insert(0, grid_x(left, w - right, y0, y + 12, lo, hi, ticks))
    y += 16
    body.append(x_axis(left, w - right, y, lo, hi, ticks, lambda t: "%g" % t,
                       "Published mean score (scale %g = strongly disagree … %g = strongly agree; axis starts at %g)"
                       % (scale_lo, scale_hi, lo)))
    y += 44
    lx, ly = left, y
    for i, (period, touch) in enumerate(series):
        colour, shape = SERIES[i % len(SERIES)]
        x = lx + (i % 2) * 240
        yy = ly + (i // 2) * 16
        body.append(_marker(shape, x, yy, colour, "", "%s %s" % (period, touch)))
        body.append(text(x + 9, yy + 4, "%s%s" % (period, " · " + touch if touch else ""), 10))
    y = ly + ((len(series) - 1) // 2 + 1) * 16 + 6
    return svg(w, y, "".join(body), "Published scores")
