#!/usr/bin/env bash
# cx.rate and cx.waits against an independent implementation: statsmodels
# (Debian's python3-statsmodels).  Random counts and random censored waits
# (with many ties of ended and open cases at the same wait) are summarised
# in SQL; the figures must match statsmodels' to 1e-9:
#   cx.share_ci       proportion_confint(method='wilson')
#   cx.difference     confint_proportions_2indep(compare='diff', method='newcomb')
#   cx.ratio          confint_proportions_2indep(compare='ratio', method='log'),
#                     'log-adjusted' where a side has no successes
#   cx.p_value        proportions_ztest (pooled, two-sided)
#   cx.wait_quantile  SurvfuncRight.quantile_ci(method='cloglog') for the
#                     bounds; the value by its definition on SurvfuncRight's
#                     curve
#   cx.share_done_by  1 - SurvfuncRight.surv_prob with the log-log interval
#                     built from its Greenwood surv_prob_se
set -euo pipefail
bin=$CX_PGBIN
conn=(-X -q -A -t -v ON_ERROR_STOP=1 -h "$CX_HOST" -p "$CX_PORT" -U postgres)
python=
for candidate in /usr/bin/python3 python3; do
	if "$candidate" -c 'import statsmodels' 2>/dev/null; then python=$candidate; break; fi
done
if [ -z "$python" ]; then
	echo "not ok 1 - python3-statsmodels is not installed (apt-get install python3-statsmodels)"
	exit 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$bin/psql" "${conn[@]}" -d postgres -c "DROP DATABASE IF EXISTS cx_rates_reference" -c "CREATE DATABASE cx_rates_reference"
"$bin/psql" "${conn[@]}" -d cx_rates_reference -c "CREATE EXTENSION cxvalue"

# 1. the inputs, written by Python, and the SQL that summarises them
"$python" - "$work" <<'PY'
import random, sys
work = sys.argv[1]
rng = random.Random(20261206)
with open(f"{work}/pairs.csv", "w") as f:
    edge = [(0, 1, 0, 1), (0, 10, 3, 10), (10, 10, 0, 7), (5, 5, 5, 5), (0, 20, 0, 30),
            (1, 1, 0, 1), (56, 70, 48, 80), (9, 10, 3, 10), (6, 7, 2, 7), (5, 56, 0, 29)]
    rows = edge + [(lambda n1, n2: (rng.randint(0, n1), n1, rng.randint(0, n2), n2))(
        rng.choice([1, 2, 5, 13, 40, 100, 1000, 123456]), rng.choice([1, 3, 8, 21, 55, 500, 99999]))
        for _ in range(290)]
    for i, (x1, n1, x2, n2) in enumerate(rows):
        conf = [0.95, 0.9, 0.99][i % 3]
        f.write(f"{i},{x1},{n1},{x2},{n2},{conf}\n")
with open(f"{work}/cases.csv", "w") as f:
    for d in range(60):
        n = rng.choice([1, 2, 3, 5, 8, 20, 50, 200, 600])
        span = rng.choice([1, 3, 10, 100, 100000])
        p_open = rng.choice([0.0, 0.1, 0.3, 0.6, 0.9])
        for _ in range(n):
            f.write(f"{d},{rng.randint(0, span)},{'f' if rng.random() < p_open else 't'}\n")
PY

"$bin/psql" "${conn[@]}" -d cx_rates_reference >"$work/rates.out" <<SQL
CREATE TABLE pairs (id int, x1 bigint, n1 bigint, x2 bigint, n2 bigint, conf float8);
\copy pairs FROM '$work/pairs.csv' (FORMAT csv)
SET extra_float_digits = 3;
SELECT concat_ws(',', id, (s).value, (s).lower, (s).upper, (d).value, (d).lower, (d).upper,
                 (r).value, (r).lower, (r).upper, p)
FROM (SELECT id, cx.share_ci(cx.rate(x1, n1), conf) AS s,
             cx.difference(cx.rate(x1, n1), cx.rate(x2, n2), conf) AS d,
             cx.ratio(cx.rate(x1, n1), cx.rate(x2, n2), conf) AS r,
             cx.p_value(cx.rate(x1, n1), cx.rate(x2, n2)) AS p
      FROM pairs) AS t
ORDER BY id;
SQL
"$bin/psql" "${conn[@]}" -d cx_rates_reference >"$work/waits.out" <<SQL
CREATE TABLE cases (dataset int, days int, ended boolean);
\copy cases FROM '$work/cases.csv' (FORMAT csv)
SET extra_float_digits = 3;
CREATE TABLE summaries AS
SELECT dataset, cx.waits_agg(make_interval(days => days), ended) AS w FROM cases GROUP BY dataset;
SELECT concat_ws(',', dataset, 'n', cx.n(w), cx.open(w)) FROM summaries
UNION ALL
SELECT concat_ws(',', dataset, 'q', p, coalesce(extract(epoch FROM q.value) / 86400, -1),
                 coalesce(extract(epoch FROM q.lower) / 86400, -1), coalesce(extract(epoch FROM q.upper) / 86400, -1))
FROM summaries, unnest(ARRAY[0.1, 0.25, 0.5, 0.75, 0.9]) AS p, cx.wait_quantile(w, p) AS q
UNION ALL
SELECT concat_ws(',', dataset, 's', t, coalesce((e).value, -1), coalesce((e).lower, -1), coalesce((e).upper, -1))
FROM summaries, unnest(ARRAY[0, 1, 2, 5, 50, 5000, 99999]) AS t,
     LATERAL (SELECT cx.share_done_by(w, make_interval(days => t), 0.95) AS e) AS x;
SQL

# 2. the same figures from statsmodels, compared
"$python" - "$work" <<'PY'
import csv, math, sys, warnings
import numpy as np
from collections import defaultdict
from statsmodels.stats.proportion import proportion_confint, confint_proportions_2indep, proportions_ztest
from statsmodels.duration.survfunc import SurvfuncRight
from scipy.stats import norm
warnings.simplefilter("ignore")
work = sys.argv[1]
n = 0
def close(a, b, tol=1e-9):
    if a is None or b is None:
        return a is None and b is None
    if math.isinf(a) or math.isinf(b):
        return a == b
    return abs(a - b) <= tol * max(1.0, abs(b))
def report(ok, what):
    global n
    n += 1
    print(("ok" if ok else "not ok") + f" {n} - {what}")

pairs = {int(r[0]): (int(r[1]), int(r[2]), int(r[3]), int(r[4]), float(r[5])) for r in csv.reader(open(f"{work}/pairs.csv"))}
fails = defaultdict(list)
for line in open(f"{work}/rates.out").read().split():
    f = line.split(",")
    i = int(f[0])
    x1, n1, x2, n2, conf = pairs[i]
    alpha = 1 - conf
    got = [float(v) for v in f[1:]]
    lo, hi = proportion_confint(x1, n1, alpha=alpha, method="wilson")
    if not (close(got[0], x1 / n1) and close(got[1], lo) and close(got[2], hi)):
        fails["wilson"].append((i, got[:3], (x1 / n1, lo, hi)))
    lo, hi = confint_proportions_2indep(x1, n1, x2, n2, method="newcomb", compare="diff", alpha=alpha)
    if not (close(got[3], x1 / n1 - x2 / n2) and close(got[4], lo) and close(got[5], hi)):
        fails["newcombe"].append((i, got[3:6], (x1 / n1 - x2 / n2, lo, hi)))
    if x1 > 0 and x2 > 0:
        value = (x1 / n1) / (x2 / n2)
        lo, hi = confint_proportions_2indep(x1, n1, x2, n2, method="log", compare="ratio", alpha=alpha)
    else:
        value = ((x1 + 0.5) / (n1 + 0.5)) / ((x2 + 0.5) / (n2 + 0.5))
        lo, hi = confint_proportions_2indep(x1, n1, x2, n2, method="log-adjusted", compare="ratio", alpha=alpha)
    if not (close(got[6], value) and close(got[7], lo) and close(got[8], hi)):
        fails["katz"].append((i, got[6:9], (value, lo, hi)))
    z, p = proportions_ztest([x1, x2], [n1, n2])
    pooled = (x1 + x2) / (n1 + n2)
    expected = 1.0 if pooled in (0.0, 1.0) else p
    if not close(got[9], expected):
        fails["ztest"].append((i, got[9], expected))
for what, name in [("wilson", "cx.share_ci equals statsmodels' Wilson interval"),
                   ("newcombe", "cx.difference equals statsmodels' Newcombe (method 10) interval"),
                   ("katz", "cx.ratio equals statsmodels' Katz log (log-adjusted at zero successes) interval"),
                   ("ztest", "cx.p_value equals statsmodels' pooled two-sided z test")]:
    report(not fails[what], f"{name}, {len(pairs)} pairs" + (f": {fails[what][:3]}" if fails[what] else ""))

cases = defaultdict(lambda: ([], []))
for r in csv.reader(open(f"{work}/cases.csv")):
    cases[int(r[0])][0].append(float(r[1]))
    cases[int(r[0])][1].append(1 if r[2] == "t" else 0)
checked = defaultdict(int)
for line in open(f"{work}/waits.out").read().split():
    f = line.split(",")
    d = int(f[0])
    time, status = np.array(cases[d][0]), np.array(cases[d][1])
    if f[1] == "n":
        ok = int(f[2]) == len(time) and int(f[3]) == int((status == 0).sum())
        if not ok: fails["counts"].append((d, f))
        checked["counts"] += 1
        continue
    if status.sum() == 0:
        expected_value = expected_lo = expected_hi = None
        sf = None
    else:
        sf = SurvfuncRight(time, status)
    got = [None if float(v) == -1 else float(v) for v in f[3:]]
    if f[1] == "q":
        p = float(f[2])
        if sf is None:
            exp = [None, None, None]
        else:
            hit = [t for t, s in zip(sf.surv_times, sf.surv_prob) if s <= 1 - p + 1e-10]
            lo, hi = sf.quantile_ci(p, alpha=0.05, method="cloglog")
            exp = [hit[0] if hit else None, None if np.isnan(lo) else lo,
                   None if (np.isnan(hi) or np.isinf(hi)) else hi]
        if not all(close(a, b) for a, b in zip(got, exp)):
            fails["quantile"].append((d, p, got, exp))
        checked["quantile"] += 1
    else:
        t = float(f[2])
        if sf is None:
            exp = [0.0, None, None]
        else:
            idx = [i for i, u in enumerate(sf.surv_times) if u <= t]
            if not idx:
                exp = [0.0, None, None]
            else:
                s, se = sf.surv_prob[idx[-1]], sf.surv_prob_se[idx[-1]]
                if s <= 0 or s >= 1 or not np.isfinite(se):
                    exp = [1 - s, None, None]
                else:
                    spread = norm.ppf(0.975) * se / (s * abs(math.log(s)))
                    exp = [1 - s, 1 - s ** math.exp(-spread), 1 - s ** math.exp(spread)]
        if not all(close(a, b) for a, b in zip(got, exp)):
            fails["done_by"].append((d, t, got, exp))
        checked["done_by"] += 1
report(not fails["counts"] and checked["counts"] == len(cases),
       f"cx.n and cx.open count the cases and the open ones, {checked['counts']} summaries" + (f": {fails['counts'][:3]}" if fails["counts"] else ""))
report(not fails["quantile"] and checked["quantile"] == 5 * len(cases),
       f"cx.wait_quantile equals the Kaplan-Meier quantile and statsmodels' Brookmeyer-Crowley (cloglog) interval, {checked['quantile']} quantiles" + (f": {fails['quantile'][:3]}" if fails["quantile"] else ""))
report(not fails["done_by"] and checked["done_by"] == 7 * len(cases),
       f"cx.share_done_by equals 1 - statsmodels' Kaplan-Meier curve with the Greenwood log-log interval, {checked['done_by']} points" + (f": {fails['done_by'][:3]}" if fails["done_by"] else ""))
PY
"$bin/psql" "${conn[@]}" -d postgres -c "DROP DATABASE cx_rates_reference"
