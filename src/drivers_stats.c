/*
 * drivers_stats.c
 *	  The driver analysis read from a cx.drivers summary (drivers.h):
 *	  correlations, ordinary least squares with an intercept (Cholesky on
 *	  the correlation-scaled co-moments), R squared, the two-sided t test
 *	  (regularized incomplete beta) and the LMG / Shapley decomposition of R
 *	  squared.
 */
#include "drivers.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "common/pg_prng.h"
#include "funcapi.h"
#include "port/pg_bitutils.h"
#include "utils/array.h"
#include "utils/builtins.h"

/* linear algebra on the correlation-scaled co-moments */

/*
 * The correlation matrix of variables 0..k (0 the outcome) into r (K x K,
 * row-major), and the square roots of the diagonal co-moments into s.  A
 * variable without variance gets a zero row and column.
 */
static void
correlation_matrix(const Drivers *d, double *r, double *s)
{
	int			K = d->k + 1;

	for (int i = 0; i < K; i++)
		s[i] = sqrt(comoment(d, i, i));
	for (int i = 0; i < K; i++)
		for (int j = 0; j < K; j++)
		{
			double		v;

			if (s[i] == 0 || s[j] == 0)
				v = 0;
			else if (i == j)
				v = 1;
			else
			{
				v = comoment(d, i, j) / s[i] / s[j];
				v = v > 1 ? 1 : v < -1 ? -1 : v;
			}
			r[i * K + j] = v;
		}
}

/*
 * R squared of the outcome (variable 0 of the K x K correlation matrix r) on
 * the m drivers order[0..m-1], by a Cholesky factorisation of their
 * correlations with the outcome last: the squared last-row entries are the
 * increments of R squared as each driver joins, in order, into inc[0..m-1]
 * (when not NULL).  A driver whose pivot falls below DRIVERS_COLLINEAR is
 * in the span of those before it and adds nothing; dropped[j] (when not
 * NULL) says which.
 */
static double
subset_r2(const double *r, int K, const int *order, int m, double *inc, bool *dropped)
{
	double		l[(DRIVERS_MAX + 1) * (DRIVERS_MAX + 1)];
	double		pivot[DRIVERS_MAX + 1];
	int			vars[DRIVERS_MAX + 1];
	int			M = m + 1;
	double		total = 0;

	for (int i = 0; i < m; i++)
		vars[i] = order[i];
	vars[m] = 0;
	for (int j = 0; j < M; j++)
	{
		double		djj = r[vars[j] * K + vars[j]];

		for (int p = 0; p < j; p++)
			djj -= l[j * M + p] * l[j * M + p];
		if (j < m && !(djj >= DRIVERS_COLLINEAR))
		{
			/* collinear or constant: out of the fit */
			pivot[j] = 0;
			for (int i = j + 1; i < M; i++)
				l[i * M + j] = 0;
			l[j * M + j] = 0;
			if (inc)
				inc[j] = 0;
			if (dropped)
				dropped[j] = true;
			continue;
		}
		if (dropped && j < m)
			dropped[j] = false;
		pivot[j] = sqrt(djj > 0 ? djj : 0);
		l[j * M + j] = pivot[j];
		for (int i = j + 1; i < M; i++)
		{
			double		v = r[vars[i] * K + vars[j]];

			for (int p = 0; p < j; p++)
				v -= l[i * M + p] * l[j * M + p];
			l[i * M + j] = v / pivot[j];
		}
		if (j < m)
		{
			double		e = l[m * M + j] * l[m * M + j];

			if (inc)
				inc[j] = e;
			total += e;
		}
	}
	return total > 1 ? 1 : total;
}

/* The correlation matrix of d, or NULL when the outcome has no variance. */
static double *
outcome_correlations(const Drivers *d, double *s)
{
	int			K = d->k + 1;
	double	   *r;

	if (d->n < 2 || comoment(d, 0, 0) == 0)
		return NULL;
	r = palloc(K * K * sizeof(double));
	correlation_matrix(d, r, s);
	return r;
}

PG_FUNCTION_INFO_V1(cx_drivers_r2);
/* cx.r2(drivers): share of the outcome's variance the drivers explain. */
Datum
cx_drivers_r2(PG_FUNCTION_ARGS)
{
	Drivers    *d = PG_GETARG_DRIVERS_P(0);
	double		s[DRIVERS_MAX + 1];
	int			order[DRIVERS_MAX];
	double	   *r = outcome_correlations(d, s);

	if (r == NULL)
		PG_RETURN_NULL();
	for (int i = 0; i < d->k; i++)
		order[i] = i + 1;
	PG_RETURN_FLOAT8(subset_r2(r, d->k + 1, order, d->k, NULL, NULL));
}

PG_FUNCTION_INFO_V1(cx_drivers_collinear);
/* cx.collinear(drivers): the drivers least squares cannot separate. */
Datum
cx_drivers_collinear(PG_FUNCTION_ARGS)
{
	Drivers    *d = PG_GETARG_DRIVERS_P(0);
	int			K = d->k + 1;
	double		s[DRIVERS_MAX + 1];
	double	   *r = palloc(K * K * sizeof(double));
	int			order[DRIVERS_MAX] = {0};
	bool		dropped[DRIVERS_MAX] = {0};
	Datum	   *names = palloc(Max(d->k, 1) * sizeof(Datum));
	int			count = 0;

	/* the outcome does not matter here: only the drivers' own correlations */
	correlation_matrix(d, r, s);
	for (int i = 0; i < d->k; i++)
		order[i] = i + 1;
	subset_r2(r, K, order, d->k, NULL, dropped);
	for (int j = 0; j < d->k; j++)
		if (dropped[j] || d->n < 2)
			names[count++] = PointerGetDatum(cstring_to_text(driver_name(d, j)));
	PG_RETURN_ARRAYTYPE_P(construct_array(names, count, TEXTOID, -1, false, TYPALIGN_INT));
}

/* The t distribution: regularized incomplete beta */

/*
 * The continued fraction of the incomplete beta function, evaluated by the
 * modified Lentz method (Numerical Recipes, 2nd ed., section 6.4, betacf).
 */
static double
beta_fraction(double a, double b, double x)
{
	const double tiny = 1e-300;
	double		qab = a + b;
	double		qap = a + 1;
	double		qam = a - 1;
	double		c = 1;
	double		dd = 1 - qab * x / qap;
	double		h;

	if (fabs(dd) < tiny)
		dd = tiny;
	dd = 1 / dd;
	h = dd;
	for (int m = 1; m <= 1000000; m++)
	{
		int			m2 = 2 * m;
		double		aa = m * (b - m) * x / ((qam + m2) * (a + m2));
		double		del;

		dd = 1 + aa * dd;
		if (fabs(dd) < tiny)
			dd = tiny;
		c = 1 + aa / c;
		if (fabs(c) < tiny)
			c = tiny;
		dd = 1 / dd;
		h *= dd * c;
		aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
		dd = 1 + aa * dd;
		if (fabs(dd) < tiny)
			dd = tiny;
		c = 1 + aa / c;
		if (fabs(c) < tiny)
			c = tiny;
		dd = 1 / dd;
		del = dd * c;
		h *= del;
		if (fabs(del - 1) < 1e-16)
			break;
	}
	return h;
}

/*
 * The remainder of Stirling's series for log gamma(x), x >= 10:
 * lgamma(x) = (x - 1/2) log x - x + log sqrt(2 pi) + lgammacor(x), to
 * about 1e-16.
 */
static double
lgammacor(double x)
{
	double		x2 = 1 / (x * x);

	return (1.0 / 12 - x2 * (1.0 / 360 - x2 * (1.0 / 1260 - x2 * (1.0 / 1680
														   - x2 * (1.0 / 1188))))) / x;
}

/*
 * log B(a, b), without the cancellation of lgamma(a) + lgamma(b) -
 * lgamma(a + b) when an argument is large (the method of R's nmath lbeta).
 */
static double
log_beta(double a, double b)
{
	double		p = Min(a, b);
	double		q = Max(a, b);
	const double log_sqrt_2pi = 0.918938533204672741780329736406;

	if (p >= 10)
		return -0.5 * log(q) + log_sqrt_2pi + lgammacor(p) + lgammacor(q)
			- lgammacor(p + q) + (p - 0.5) * log(p / (p + q)) + q * log1p(-p / (p + q));
	if (q >= 10)
		return lgamma(p) + lgammacor(q) - lgammacor(p + q) + p - p * log(p + q)
			+ (q - 0.5) * log1p(-p / (p + q));
	return lgamma(p) + lgamma(q) - lgamma(p + q);
}

/*
 * I_x(a, b), the regularized incomplete beta function, for 0 < x < 1, given
 * y = 1 - x and the logarithms of both, computed without cancellation by
 * the caller.
 */
static double
incomplete_beta(double a, double b, double x, double y, double log_x, double log_y)
{
	double		front = exp(a * log_x + b * log_y - log_beta(a, b));

	if (x < (a + 1) / (a + b + 2))
		return front * beta_fraction(a, b, x) / a;
	return 1 - front * beta_fraction(b, a, y) / b;
}

/*
 * Two-sided p-value of t with df degrees of freedom:
 * I_x(df/2, 1/2) with x = df / (df + t^2).
 */
static double
t_p_value(double t, double df)
{
	double		t2 = t * t;

	if (isinf(t))
		return 0;
	if (t2 == 0)
		return 1;
	return incomplete_beta(df / 2, 0.5, df / (df + t2), t2 / (df + t2),
						   -log1p(t2 / df), -log1p(df / t2));
}

PG_FUNCTION_INFO_V1(cx_t_p_value);
/* cx.t_p_value(t, df): two-sided p-value of Student's t. */
Datum
cx_t_p_value(PG_FUNCTION_ARGS)
{
	double		t = PG_GETARG_FLOAT8(0);
	double		df = PG_GETARG_FLOAT8(1);

	if (isnan(t) || !(df > 0) || isinf(df))
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("a t test needs a t that is a number and finite degrees of freedom above 0"));
	PG_RETURN_FLOAT8(t_p_value(t, df));
}

/* set-returning accessors */

typedef struct DriverRows
{
	int			count;
	int			ncols;
	char	  **names;			/* per row */
	double	   *values;			/* count x ncols */
	bool	   *nulls;			/* count x ncols */
	int64		n;				/* for cx.correlations */
} DriverRows;

static DriverRows *
rows_new(int count, int ncols)
{
	DriverRows *rows = palloc0(sizeof(DriverRows));

	rows->count = count;
	rows->ncols = ncols;
	rows->names = palloc0(Max(count, 1) * sizeof(char *));
	rows->values = palloc0(Max(count, 1) * ncols * sizeof(double));
	rows->nulls = palloc0(Max(count, 1) * ncols * sizeof(bool));
	return rows;
}

static void
row_set(DriverRows *rows, int row, int col, bool isnull, double v)
{
	rows->nulls[row * rows->ncols + col] = isnull;
	rows->values[row * rows->ncols + col] = isnull ? 0 : v;
}

typedef DriverRows *(*DriverRowsFn) (const Drivers *d);

/*
 * The value-per-call protocol around fn, which computes every row at the
 * first call: text driver name, then ncols float8 columns, then (for
 * cx.correlations) the bigint n.
 */
static Datum
driver_rows_srf(FunctionCallInfo fcinfo, DriverRowsFn fn, bool with_n)
{
	FuncCallContext *funcctx;
	DriverRows *rows;

	if (SRF_IS_FIRSTCALL())
	{
		MemoryContext old;
		TupleDesc	tupdesc;

		funcctx = SRF_FIRSTCALL_INIT();
		old = MemoryContextSwitchTo(funcctx->multi_call_memory_ctx);
		if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
			elog(ERROR, "return type must be a row type");
		funcctx->tuple_desc = BlessTupleDesc(tupdesc);
		funcctx->user_fctx = fn(PG_GETARG_DRIVERS_P(0));
		MemoryContextSwitchTo(old);
	}
	funcctx = SRF_PERCALL_SETUP();
	rows = funcctx->user_fctx;
	if (funcctx->call_cntr < (uint64) rows->count)
	{
		int			row = funcctx->call_cntr;
		Datum		values[8];
		bool		nulls[8] = {0};
		HeapTuple	tuple;

		values[0] = PointerGetDatum(cstring_to_text(rows->names[row]));
		for (int c = 0; c < rows->ncols; c++)
		{
			nulls[c + 1] = rows->nulls[row * rows->ncols + c];
			values[c + 1] = Float8GetDatum(rows->values[row * rows->ncols + c]);
		}
		if (with_n)
			values[rows->ncols + 1] = Int64GetDatum(rows->n);
		tuple = heap_form_tuple(funcctx->tuple_desc, values, nulls);
		SRF_RETURN_NEXT(funcctx, HeapTupleGetDatum(tuple));
	}
	SRF_RETURN_DONE(funcctx);
}

static DriverRows *
correlation_rows(const Drivers *d)
{
	DriverRows *rows = rows_new(d->k, 1);
	double		s0 = sqrt(comoment(d, 0, 0));

	rows->n = d->n;
	for (int j = 1; j <= d->k; j++)
	{
		double		sj = sqrt(comoment(d, j, j));

		rows->names[j - 1] = driver_name(d, j - 1);
		if (d->n < 2 || s0 == 0 || sj == 0)
			row_set(rows, j - 1, 0, true, 0);
		else
		{
			double		v = comoment(d, 0, j) / s0 / sj;

			row_set(rows, j - 1, 0, false, v > 1 ? 1 : v < -1 ? -1 : v);
		}
	}
	return rows;
}

PG_FUNCTION_INFO_V1(cx_drivers_correlations);
/* cx.correlations(drivers): each driver's Pearson correlation with the outcome. */
Datum
cx_drivers_correlations(PG_FUNCTION_ARGS)
{
	return driver_rows_srf(fcinfo, correlation_rows, true);
}

/*
 * A collinearity error: driver j (1-based variable index) is in the span of
 * the drivers before it.  Names those whose weight in that combination is
 * not negligible, from the factor l of the leading j-1 drivers.
 */
pg_noreturn
static void
collinear_error(const Drivers *d, const double *r, const double *l, int k, int j)
{
	StringInfoData others;
	double		g[DRIVERS_MAX];
	double		z[DRIVERS_MAX];
	int			m = j - 1;		/* drivers before it */
	int			named = 0;

	initStringInfo(&others);
	/* solve R[0..m-1][0..m-1] g = R[0..m-1][j] through l */
	for (int i = 0; i < m; i++)
	{
		double		v = r[(i + 1) * (k + 1) + j];

		for (int p = 0; p < i; p++)
			v -= l[i * k + p] * z[p];
		z[i] = v / l[i * k + i];
	}
	for (int i = m - 1; i >= 0; i--)
	{
		double		v = z[i];

		for (int p = i + 1; p < m; p++)
			v -= l[p * k + i] * g[p];
		g[i] = v / l[i * k + i];
	}
	for (int i = 0; i < m; i++)
		if (fabs(g[i]) > 1e-6)
		{
			appendStringInfo(&others, "%s\"%s\"", named++ > 0 ? ", " : "",
							 driver_name(d, i));
		}
	ereport(ERROR,
			errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			errmsg("drivers are collinear: \"%s\" is (nearly) a linear combination of %s",
				   driver_name(d, j - 1), named > 0 ? others.data : "the others"),
			errdetail("Its variance inflation factor exceeds 1e10, so least squares has no stable solution."),
			errhint("Drop one of these drivers, or combine them into one."));
}

static DriverRows *
coefficient_rows(const Drivers *d)
{
	int			k = d->k;
	int			K = k + 1;
	double		s[DRIVERS_MAX + 1];
	double	   *r;
	double	   *l;
	double	   *linv;
	double		ry[DRIVERS_MAX];
	double		z[DRIVERS_MAX];
	double		g[DRIVERS_MAX];
	double		w[DRIVERS_MAX];
	double		r2 = 0;
	double		sse;
	double		df;
	double		sigma2;
	double		intercept;
	double		q = 0;
	DriverRows *rows;

	if (d->n < k + 2)
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("least squares on %d drivers needs at least %d rows, got " INT64_FORMAT,
					   k, k + 2, d->n));
	r = palloc(K * K * sizeof(double));
	correlation_matrix(d, r, s);
	for (int j = 1; j <= k; j++)
		if (s[j] == 0)
			ereport(ERROR,
					errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					errmsg("driver \"%s\" is constant: it has no variance to explain the outcome with",
						   driver_name(d, j - 1)),
					errhint("Drop it from the drivers."));
	/* Cholesky of the drivers' correlations, k x k */
	l = palloc0(k * k * sizeof(double));
	for (int j = 0; j < k; j++)
	{
		double		djj = r[(j + 1) * K + j + 1];

		for (int p = 0; p < j; p++)
			djj -= l[j * k + p] * l[j * k + p];
		if (!(djj >= DRIVERS_COLLINEAR))
			collinear_error(d, r, l, k, j + 1);
		l[j * k + j] = sqrt(djj);
		for (int i = j + 1; i < k; i++)
		{
			double		v = r[(i + 1) * K + j + 1];

			for (int p = 0; p < j; p++)
				v -= l[i * k + p] * l[j * k + p];
			l[i * k + j] = v / l[j * k + j];
		}
	}
	/* standardized coefficients g: R g = ry */
	for (int i = 0; i < k; i++)
		ry[i] = r[(i + 1) * K];
	for (int i = 0; i < k; i++)
	{
		double		v = ry[i];

		for (int p = 0; p < i; p++)
			v -= l[i * k + p] * z[p];
		z[i] = v / l[i * k + i];
		r2 += z[i] * z[i];
	}
	for (int i = k - 1; i >= 0; i--)
	{
		double		v = z[i];

		for (int p = i + 1; p < k; p++)
			v -= l[p * k + i] * g[p];
		g[i] = v / l[i * k + i];
	}
	if (r2 > 1)
		r2 = 1;
	/* L^-1, lower triangular, for the diagonal of R^-1 */
	linv = palloc0(k * k * sizeof(double));
	for (int c = 0; c < k; c++)
	{
		linv[c * k + c] = 1 / l[c * k + c];
		for (int i = c + 1; i < k; i++)
		{
			double		v = 0;

			for (int p = c; p < i; p++)
				v -= l[i * k + p] * linv[p * k + c];
			linv[i * k + c] = v / l[i * k + i];
		}
	}
	sse = comoment(d, 0, 0) * (1 - r2);
	if (sse < 0)
		sse = 0;
	df = (double) (d->n - k - 1);
	sigma2 = sse / df;
	/* intercept and its variance: sigma2 (1/n + m' Sxx^-1 m) */
	intercept = SHIFTS(d)[0] + MEANS(d)[0];
	for (int j = 0; j < k; j++)
	{
		double		beta = s[0] == 0 ? 0 : g[j] * s[0] / s[j + 1];
		double		mean_j = SHIFTS(d)[j + 1] + MEANS(d)[j + 1];

		intercept -= beta * mean_j;
		w[j] = mean_j / s[j + 1];
	}
	for (int i = 0; i < k; i++)
	{
		double		v = 0;

		for (int p = 0; p <= i; p++)
			v += linv[i * k + p] * w[p];
		q += v * v;
	}

	rows = rows_new(k + 1, 5);
	for (int row = 0; row <= k; row++)
	{
		double		coef;
		double		se;

		if (row == 0)
		{
			rows->names[0] = pstrdup("(intercept)");
			coef = intercept;
			se = sqrt(sigma2 * (1.0 / d->n + q));
			row_set(rows, 0, 4, true, 0);
		}
		else
		{
			int			j = row - 1;
			double		rinv = 0;

			for (int i = j; i < k; i++)
				rinv += linv[i * k + j] * linv[i * k + j];
			rows->names[row] = driver_name(d, j);
			coef = s[0] == 0 ? 0 : g[j] * s[0] / s[j + 1];
			se = sqrt(sigma2 * rinv) / s[j + 1];
			row_set(rows, row, 4, s[0] == 0, g[j]);
		}
		row_set(rows, row, 0, false, coef);
		row_set(rows, row, 1, false, se);
		if (se > 0)
		{
			double		t = coef / se;

			row_set(rows, row, 2, false, t);
			row_set(rows, row, 3, false, t_p_value(t, df));
		}
		else
		{
			row_set(rows, row, 2, true, 0);
			row_set(rows, row, 3, true, 0);
		}
	}
	return rows;
}

PG_FUNCTION_INFO_V1(cx_drivers_coefficients);
/* cx.coefficients(drivers): ordinary least squares with an intercept. */
Datum
cx_drivers_coefficients(PG_FUNCTION_ARGS)
{
	return driver_rows_srf(fcinfo, coefficient_rows, false);
}

/*
 * Shapley values of R squared (the LMG decomposition): each driver's
 * increment of R squared averaged over every order in which the drivers can
 * join.  Up to DRIVERS_EXACT_SHAPLEY drivers, exactly over all subsets;
 * above, over DRIVERS_SHAPLEY_PAIRS random orderings and their reverses from
 * a fixed seed.  Every ordering's increments add up to the full R squared,
 * so the estimate does too.
 */
static void
shapley(const double *r, int k, double *phi)
{
	int			K = k + 1;
	int			order[DRIVERS_MAX];

	memset(phi, 0, k * sizeof(double));
	if (k <= DRIVERS_EXACT_SHAPLEY)
	{
		int			subsets = 1 << k;
		double	   *r2 = palloc(subsets * sizeof(double));
		double		weight[DRIVERS_EXACT_SHAPLEY + 1];

		for (int mask = 0; mask < subsets; mask++)
		{
			int			m = 0;

			for (int j = 0; j < k; j++)
				if (mask & (1 << j))
					order[m++] = j + 1;
			r2[mask] = subset_r2(r, K, order, m, NULL, NULL);
		}
		/* weight of a subset of size s without j: s! (k - s - 1)! / k! */
		for (int sz = 0; sz < k; sz++)
		{
			double		v = 1.0 / k;

			/* 1 / (k * C(k - 1, s)) */
			for (int i = 1; i <= sz; i++)
				v *= (double) i / (double) (k - i);
			weight[sz] = v;
		}
		for (int mask = 0; mask < subsets; mask++)
		{
			int			sz = pg_popcount32((uint32) mask);

			for (int j = 0; j < k; j++)
				if (!(mask & (1 << j)))
					phi[j] += weight[sz] * (r2[mask | (1 << j)] - r2[mask]);
		}
		pfree(r2);
	}
	else
	{
		pg_prng_state prng;
		double		inc[DRIVERS_MAX];
		int			reversed[DRIVERS_MAX];

		pg_prng_seed(&prng, DRIVERS_SHAPLEY_SEED);
		for (int pair = 0; pair < DRIVERS_SHAPLEY_PAIRS; pair++)
		{
			for (int i = 0; i < k; i++)
				order[i] = i + 1;
			for (int i = k - 1; i > 0; i--)
			{
				int			j = (int) pg_prng_uint64_range(&prng, 0, i);
				int			tmp = order[i];

				order[i] = order[j];
				order[j] = tmp;
			}
			subset_r2(r, K, order, k, inc, NULL);
			for (int i = 0; i < k; i++)
				phi[order[i] - 1] += inc[i];
			for (int i = 0; i < k; i++)
				reversed[i] = order[k - 1 - i];
			subset_r2(r, K, reversed, k, inc, NULL);
			for (int i = 0; i < k; i++)
				phi[reversed[i] - 1] += inc[i];
		}
		for (int j = 0; j < k; j++)
			phi[j] /= 2.0 * DRIVERS_SHAPLEY_PAIRS;
	}
}

static DriverRows *
importance_rows(const Drivers *d)
{
	int			k = d->k;
	double		s[DRIVERS_MAX + 1];
	double		phi[DRIVERS_MAX];
	double	   *r = outcome_correlations(d, s);
	double		total = 0;
	DriverRows *rows = rows_new(k, 2);

	if (r != NULL)
	{
		shapley(r, k, phi);
		for (int j = 0; j < k; j++)
			total += phi[j];
	}
	for (int j = 0; j < k; j++)
	{
		rows->names[j] = driver_name(d, j);
		row_set(rows, j, 0, r == NULL || total <= 0, r && total > 0 ? phi[j] / total : 0);
		row_set(rows, j, 1, r == NULL, r ? phi[j] : 0);
	}
	return rows;
}

PG_FUNCTION_INFO_V1(cx_drivers_importance);
/* cx.importance(drivers): each driver's LMG / Shapley share of R squared. */
Datum
cx_drivers_importance(PG_FUNCTION_ARGS)
{
	return driver_rows_srf(fcinfo, importance_rows, false);
}
