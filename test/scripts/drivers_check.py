"""cx.drivers checked against statsmodels, numpy, scipy and brute force.

Run by drivers_statsmodels.sh with $PSQL set; prints TAP lines.
"""
import csv
import io
import itertools
import math
import os
import shlex
import subprocess

import numpy as np
import scipy.stats
import statsmodels.api as sm

PSQL = shlex.split(os.environ["PSQL"])
n_test = 0


def tap(ok, description):
    global n_test
    n_test += 1
    print(("ok" if ok else "not ok") + f" {n_test} - {description}", flush=True)


def sql(query, stdin=None):
    """Rows of a query as lists of strings (None for NULL)."""
    out = subprocess.run(PSQL + ["-At", "--csv", "-P", "null=\\N", "-c", query],
                         input=stdin, capture_output=True, text=True, check=True).stdout
    return [[None if v == "\\N" else v for v in row] for row in csv.reader(io.StringIO(out))]


def sql_error(query):
    """(SQLSTATE, message) of a failing query."""
    r = subprocess.run(PSQL + ["-At", "-v", "VERBOSITY=verbose", "-c", query],
                       capture_output=True, text=True)
    if r.returncode == 0:
        return None, ""
    first = r.stderr.strip().splitlines()[0]
    # "ERROR:  22023: message"
    rest = first.split(":", 1)[1].strip()
    return rest[:5], rest[7:]


def load(table, y, X):
    """A table (y, x1 .. xk) from numpy arrays; NaN becomes NULL."""
    k = X.shape[1]
    cols = ", ".join(f"x{j + 1} float8" for j in range(k))
    sql(f"DROP TABLE IF EXISTS {table}; CREATE TABLE {table} (i serial, y float8, {cols})")
    buf = io.StringIO()
    for yi, row in zip(y, X):
        vals = [yi] + list(row)
        buf.write(",".join("" if (v is None or (isinstance(v, float) and math.isnan(v))) else repr(float(v))
                           for v in vals) + "\n")
    names = ", ".join(f"x{j + 1}" for j in range(k))
    subprocess.run(PSQL + ["-c", f"\\copy {table} (y, {names}) FROM STDIN (FORMAT csv)"],
                   input=buf.getvalue(), text=True, check=True, capture_output=True)


def summary_expr(table, k, names=None):
    names = names or [f"x{j + 1}" for j in range(k)]
    arr = ", ".join(f"x{j + 1}" for j in range(k))
    lab = ", ".join("'" + n + "'" for n in names)
    return f"(SELECT cx.drivers_agg(y, ARRAY[{arr}], ARRAY[{lab}]) FROM {table})"


def close(a, b, rel, absolute=0.0):
    if a is None or b is None:
        return a is None and b is None
    a, b = float(a), float(b)
    if math.isnan(b):
        return math.isnan(a)
    return abs(a - b) <= max(rel * max(abs(a), abs(b)), absolute)


def all_close(xs, ys, rel, absolute=0.0):
    return len(xs) == len(ys) and all(close(a, b, rel, absolute) for a, b in zip(xs, ys))


def r2_of(y, X):
    """R squared of OLS with an intercept by least squares (handles collinearity)."""
    if X.shape[1] == 0:
        return 0.0
    A = np.column_stack([np.ones(len(y)), X])
    beta, *_ = np.linalg.lstsq(A, y, rcond=1e-10)
    resid = y - A @ beta
    yc = y - y.mean()
    return 1 - resid @ resid / (yc @ yc)


def shapley(y, X):
    """Brute-force LMG: each driver's R squared increment over every subset."""
    k = X.shape[1]
    r2 = {}
    for size in range(k + 1):
        for s in itertools.combinations(range(k), size):
            r2[s] = r2_of(y, X[:, list(s)])
    phi = np.zeros(k)
    for j in range(k):
        others = [i for i in range(k) if i != j]
        for size in range(k):
            w = math.factorial(size) * math.factorial(k - size - 1) / math.factorial(k)
            for s in itertools.combinations(others, size):
                with_j = tuple(sorted(s + (j,)))
                phi[j] += w * (r2[with_j] - r2[s])
    return phi


def check_ols(label, table, y, X, rel=1e-9, centred=False):
    """cx.coefficients, cx.r2 and cx.correlations against statsmodels and numpy.

    Standard errors, t and p come from the residual sum of squares, which a
    summary of moments knows to about 1e-16 of the outcome's variance: their
    relative tolerance grows as 1 / (1 - R squared).  With centred=True the
    reference is statsmodels on data centred by numpy (for offsets that make
    the raw design matrix too ill-conditioned for statsmodels itself); the
    intercept is then ybar - b . xbar and its standard error is not compared.
    """
    k = X.shape[1]
    keep = ~(np.isnan(y) | np.isnan(X).any(axis=1))
    yk, Xk = y[keep], X[keep]
    if centred:
        fit = sm.OLS(yk - yk.mean(), sm.add_constant(Xk - Xk.mean(axis=0), has_constant="add")).fit()
        params = fit.params.copy()
        params[0] = yk.mean() - fit.params[1:] @ Xk.mean(axis=0)
        first = 1
    else:
        fit = sm.OLS(yk, sm.add_constant(Xk, has_constant="add")).fit()
        params = fit.params
        first = 0
    rel_se = max(rel, 1e-14 / (1 - fit.rsquared))
    s = summary_expr(table, k)
    rows = sql(f"SELECT driver, coefficient, std_error, t, p, standardized FROM cx.coefficients({s})")
    tap([r[0] for r in rows] == ["(intercept)"] + [f"x{j + 1}" for j in range(k)],
        f"{label}: one row for the intercept, then one per driver in order")
    got = np.array([[float(v) if v is not None else float("nan") for v in r[1:5]] for r in rows])
    tap(all_close(got[:, 0], params, rel, 1e-12), f"{label}: coefficients equal statsmodels")
    tap(all_close(got[first:, 1], fit.bse[first:], rel_se, 1e-14), f"{label}: standard errors equal statsmodels")
    tap(all_close(got[first:, 2], fit.tvalues[first:], rel_se), f"{label}: t values equal statsmodels")
    tap(all_close(got[first:, 3], fit.pvalues[first:], max(1e-8, rel_se), 1e-15), f"{label}: p-values equal statsmodels")
    std = [float(r[5]) for r in rows[1:]]
    expect_std = fit.params[1:] * Xk.std(axis=0, ddof=1) / yk.std(ddof=1)
    tap(all_close(std, expect_std, rel, 1e-12), f"{label}: standardized coefficients equal b sd(x) / sd(y)")
    r2 = float(sql(f"SELECT cx.r2({s})")[0][0])
    tap(close(r2, fit.rsquared, rel, 1e-12), f"{label}: R squared equals statsmodels ({fit.rsquared:.6f})")
    corr = [float(r[1]) for r in sql(f"SELECT driver, r, n FROM cx.correlations({s})")]
    expect = [np.corrcoef(yk, Xk[:, j])[0, 1] for j in range(k)]
    tap(all_close(corr, expect, rel, 1e-12), f"{label}: correlations equal numpy corrcoef")
    n, skipped = map(int, sql(f"SELECT cx.n(d), cx.skipped(d) FROM {s} AS t(d)")[0])
    tap(n == keep.sum() and skipped == (~keep).sum(), f"{label}: n and skipped count the rows ({n}, {skipped})")


def check_importance(label, table, y, X, tol=1e-9):
    k = X.shape[1]
    s = summary_expr(table, k)
    rows = sql(f"SELECT driver, share, contribution FROM cx.importance({s})")
    phi = shapley(y, X)
    contribution = [float(r[2]) for r in rows]
    share = [float(r[1]) for r in rows]
    tap(all_close(contribution, phi, tol, tol), f"{label}: importance equals brute-force Shapley values")
    tap(all_close(share, phi / phi.sum(), tol, tol), f"{label}: shares equal Shapley values over R squared")
    r2 = float(sql(f"SELECT cx.r2({s})")[0][0])
    tap(close(sum(contribution), r2, 1e-12, 1e-14), f"{label}: contributions add up to cx.r2")
    return share, phi


rng = np.random.default_rng(20260815)

# 1. random data: 5 drivers, 400 rows, correlated drivers
n, k = 400, 5
Z = rng.normal(size=(n, k))
X = Z @ np.triu(np.full((k, k), 0.4)) + rng.normal(size=(n, k))
y = 3 + X @ np.array([1.5, -0.7, 0.0, 0.3, 2.0]) + rng.normal(scale=2.0, size=n)
load("random5", y, X)
check_ols("random, 5 drivers", "random5", y, X)
tap(sql(f"SELECT cx.collinear({summary_expr('random5', 5)})")[0][0] == "{}", "random, 5 drivers: none collinear")
check_importance("random, 5 drivers", "random5", y, X)

# 2. NULLs are skipped: listwise deletion, as statsmodels with missing='drop'
Xn, yn = X.copy(), y.copy()
Xn[rng.choice(n, 30, replace=False), rng.integers(0, k, 30)] = np.nan
yn[rng.choice(n, 10, replace=False)] = np.nan
load("nulls5", yn, Xn)
check_ols("with NULLs", "nulls5", yn, Xn)

# 3. large offsets and scales (the centred co-moments keep their digits)
Xo = X * np.array([1e-3, 1, 1e3, 1, 1]) + np.array([1e6, -5e5, 0, 1e9, 3])
yo = 1e5 + y
load("offset5", yo, Xo)
check_ols("large offsets", "offset5", yo, Xo, rel=1e-9, centred=True)

# 4. a perfect fit with little data: 3 drivers, 12 rows, tiny noise
Xs = rng.normal(size=(12, 3))
ys = Xs @ np.array([1.0, 2.0, 3.0]) + rng.normal(scale=1e-3, size=12)
load("small3", ys, Xs)
check_ols("12 rows, 3 drivers", "small3", ys, Xs)

# 5. collinear: x3 = x1 + 2 x2 is an error naming the drivers
Xc = rng.normal(size=(200, 4))
Xc[:, 2] = Xc[:, 0] + 2 * Xc[:, 1]
yc = Xc[:, 0] + Xc[:, 3] + rng.normal(size=200)
load("collinear", yc, Xc)
state, message = sql_error(f"SELECT * FROM cx.coefficients({summary_expr('collinear', 4)})")
tap(state == "22023", f"collinear drivers: coefficients raise 22023 (got {state})")
tap('"x3"' in message and '"x1"' in message and '"x2"' in message and '"x4"' not in message,
    f"collinear drivers: the error names x3, x1 and x2, not x4 ({message})")
tap(sql(f"SELECT cx.collinear({summary_expr('collinear', 4)})")[0][0] == "{x3}",
    "collinear drivers: cx.collinear names x3")
fit = sm.OLS(yc, sm.add_constant(Xc)).fit()   # pinv: the projection
r2 = float(sql(f"SELECT cx.r2({summary_expr('collinear', 4)})")[0][0])
tap(close(r2, fit.rsquared, 1e-9), "collinear drivers: R squared is the projection's, as statsmodels' pinv gives")
check_importance("collinear drivers", "collinear", yc, Xc)

# 6. a duplicated driver: the Shapley shares split its part equally
Xd = rng.normal(size=(300, 3))
Xd = np.column_stack([Xd, Xd[:, 0]])
yd = 2 * Xd[:, 0] + Xd[:, 1] + rng.normal(size=300)
load("duplicate", yd, Xd)
share, _ = check_importance("duplicated driver", "duplicate", yd, Xd)
tap(close(share[0], share[3], 1e-12), "duplicated driver: the two copies get equal shares")

# 7. a constant driver: correlations NULL, coefficients an error, importance 0
Xk = rng.normal(size=(100, 3))
Xk[:, 1] = 4.25
yk = Xk[:, 0] + rng.normal(size=100)
load("constant", yk, Xk)
s = summary_expr("constant", 3)
corr = sql(f"SELECT r FROM cx.correlations({s})")
tap(corr[1][0] is None and corr[0][0] is not None, "constant driver: its correlation is NULL")
state, message = sql_error(f"SELECT * FROM cx.coefficients({s})")
tap(state == "22023" and '"x2"' in message and "constant" in message,
    f"constant driver: coefficients raise 22023 naming it ({message})")
tap(sql(f"SELECT cx.collinear({s})")[0][0] == "{x2}", "constant driver: cx.collinear names it")
imp = sql(f"SELECT contribution FROM cx.importance({s})")
tap(float(imp[1][0]) == 0.0, "constant driver: contributes nothing to R squared")
check_importance("constant driver", "constant", yk, Xk)

# 8. constant outcome: R squared, shares and t are NULL, coefficients 0
load("flat", np.full(50, 7.0), rng.normal(size=(50, 2)))
s = summary_expr("flat", 2)
tap(sql(f"SELECT cx.r2({s}) IS NULL")[0][0] == "t", "constant outcome: R squared is NULL")
rows = sql(f"SELECT coefficient, std_error, t, p, standardized FROM cx.coefficients({s})")
tap([r for r in rows] == [["7", "0", None, None, None], ["0", "0", None, None, None], ["0", "0", None, None, None]],
    f"constant outcome: intercept 7, slopes 0 with no t or p ({rows})")

# 9. importance for 12 drivers exactly, and the estimate for 14
for k, tol in ((12, 1e-9), (14, None)):
    Xi = rng.normal(size=(250, k)) + 0.5 * rng.normal(size=(250, 1))
    yi = Xi @ rng.uniform(-1, 1, size=k) + rng.normal(size=250)
    load(f"wide{k}", yi, Xi)
    if tol:
        check_importance(f"{k} drivers (exact)", f"wide{k}", yi, Xi, tol)
    else:
        s = summary_expr(f"wide{k}", k)
        rows = sql(f"SELECT contribution FROM cx.importance({s})")
        est = np.array([float(r[0]) for r in rows])
        phi = shapley(yi, Xi)
        worst = np.abs(est - phi).max()
        tap(worst < 0.01 * phi.sum(), f"14 drivers: the sampled estimate is within 1% of R squared of brute force (worst {worst:.2e})")
        tap(close(est.sum(), phi.sum(), 1e-9), "14 drivers: the estimate's contributions add up to R squared exactly")
        again = np.array([float(r[0]) for r in sql(f"SELECT contribution FROM cx.importance({s})")])
        tap((again == est).all(), "14 drivers: the estimate is the same on every call (fixed seed)")

# 10. p-values of t against scipy over a grid, including large df
grid = [(t, df) for t in (0.0, 1e-8, 0.3, 1.0, 1.96, 2.5, 4.0, 8.0, 20.0, -3.1)
        for df in (1, 2, 3, 7.5, 19, 21, 30, 500, 1e5, 1e7)]
values = ", ".join(f"({t!r}::float8, {df!r}::float8)" for t, df in grid)
got = [float(r[0]) for r in sql(f"SELECT cx.t_p_value(t, df) FROM (VALUES {values}) AS v(t, df)")]
expect = [2 * scipy.stats.t.sf(abs(t), df) for t, df in grid]
bad = [(g, e, p) for g, e, p in zip(got, expect, grid) if not close(g, e, 1e-9, 1e-300)]
tap(not bad, f"t p-values equal scipy's to 1e-9 relative on {len(grid)} points {bad[:3]}")
