/*
 * scores_stats.c
 *	  Figures read out of a cx.scores summary: counts, mean, standard
 *	  deviation, median, histogram, top and bottom boxes, NPS and CSAT, the
 *	  interval estimates cx.top_box_ci (Wilson score interval) and cx.nps_ci
 *	  (normal approximation), the normal quantile they need, and the jsonb
 *	  form.
 *
 * What the figures mean, where survey practice leaves a choice:
 *   - Shares are over the answers given: missing answers are reported by
 *     cx.missing and never enter a denominator.
 *   - A summary without answers gives NULL figures (never a division error);
 *     cx.n and cx.missing are still counts.
 *   - cx.stddev is the sample standard deviation (divisor n - 1), as SQL's
 *     stddev() is, and NULL below two answers.
 *   - cx.median is percentile_cont(0.5): the mean of the two middle answers
 *     on an even count.
 *   - cx.nps needs the 0..10 scale; any other scale is an error, because an
 *     NPS rescaled from another scale is not an NPS.
 */
#include "scores.h"

#include <math.h>

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "funcapi.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/float.h"
#include "utils/jsonb.h"

/* The 0..10 scale of the Net Promoter Score and its bands. */
#define NPS_LO 0
#define NPS_HI 10
#define NPS_PROMOTER 9			/* 9 and 10 */
#define NPS_DETRACTOR 6			/* 0 to 6 */

/*
 * Wichura's algorithm AS241 (PPND16, Applied Statistics 37(3), 1988): the
 * p-quantile of the standard normal distribution, accurate to about 1e-16
 * relative.  p = 0 and p = 1 give -Infinity and Infinity.
 */
double
cx_normal_quantile(double p)
{
	double		q = p - 0.5;
	double		r;
	double		x;

	if (p <= 0.0)
		return -get_float8_infinity();
	if (p >= 1.0)
		return get_float8_infinity();
	if (fabs(q) <= 0.425)
	{
		r = 0.180625 - q * q;
		return q * (((((((2509.0809287301226727 * r +
						  33430.575583588128105) * r +
						 67265.770927008700853) * r +
						45921.953931549871457) * r +
					   13731.693765509461125) * r +
					  1971.5909503065514427) * r +
					 133.14166789178437745) * r +
					3.387132872796366608)
			/ (((((((5226.495278852545925 * r +
					 28729.085735721942674) * r +
					39307.89580009271061) * r +
				   21213.794301586595867) * r +
				  5394.1960214247511077) * r +
				 687.1870074920579083) * r +
				42.313330701600911252) * r +
			   1.0);
	}
	r = sqrt(-log(q < 0.0 ? p : 1.0 - p));
	if (r <= 5.0)
	{
		r -= 1.6;
		x = (((((((7.7454501427834140764e-4 * r +
				   0.0227238449892691845833) * r +
				  0.24178072517745061177) * r +
				 1.27045825245236838258) * r +
				3.64784832476320460504) * r +
			   5.7694972214606914055) * r +
			  4.6303378461565452959) * r +
			 1.42343711074968357734)
			/ (((((((1.05075007164441684324e-9 * r +
					 5.475938084995344946e-4) * r +
					0.0151986665636164571966) * r +
				   0.14810397642748007459) * r +
				  0.68976733498510000455) * r +
				 1.6763848301838038494) * r +
				2.05319162663775882187) * r +
			   1.0);
	}
	else
	{
		r -= 5.0;
		x = (((((((2.01033439929228813265e-7 * r +
				   2.71155556874348757815e-5) * r +
				  0.0012426609473880784386) * r +
				 0.026532189526576123093) * r +
				0.29656057182850489123) * r +
			   1.7848265399172913358) * r +
			  5.4637849111641143699) * r +
			 6.6579046435011037772)
			/ (((((((2.04426310338993978564e-15 * r +
					 1.4215117583164458887e-7) * r +
					1.8463183175100546818e-5) * r +
				   7.868691311456132591e-4) * r +
				  0.0148753612908506148525) * r +
				 0.13692988092273580531) * r +
				0.59983220655588793769) * r +
			   1.0);
	}
	return q < 0.0 ? -x : x;
}

PG_FUNCTION_INFO_V1(cx_normal_quantile_sql);
/* cx.normal_quantile(p): the p-quantile of the standard normal distribution. */
Datum
cx_normal_quantile_sql(PG_FUNCTION_ARGS)
{
	double		p = PG_GETARG_FLOAT8(0);

	if (isnan(p) || p < 0.0 || p > 1.0)
		ereport(ERROR,
				errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				errmsg("probability must be between 0 and 1, got %g", p));
	PG_RETURN_FLOAT8(cx_normal_quantile(p));
}

/* The two-sided critical value of a confidence level in (0, 1). */
static double
critical_value(double confidence)
{
	if (isnan(confidence) || confidence <= 0.0 || confidence >= 1.0)
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("confidence must be strictly between 0 and 1, got %g",
					   confidence));
	return -cx_normal_quantile((1.0 - confidence) / 2.0);
}

/* Answers in the k highest (top) or k lowest points; k must fit the scale. */
static int64
box_count(const Scores *s, int32 k, bool top)
{
	int			points = scores_points(s);
	int64		count = 0;

	if (k < 1 || k > points)
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("k must be between 1 and %d, the points of the scale %d..%d, got %d",
					   points, s->lo, s->hi, k));
	for (int i = 0; i < k; i++)
		count += s->count[top ? points - 1 - i : i];
	return count;
}

static void
check_nps_scale(const Scores *s)
{
	if (s->lo != NPS_LO || s->hi != NPS_HI)
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("the Net Promoter Score needs answers on the scale 0..10, not %d..%d",
					   s->lo, s->hi),
				errhint("Use cx.top_box and cx.bottom_box on other scales."));
}

static void
nps_bands(const Scores *s, int64 *promoters, int64 *detractors)
{
	*promoters = 0;
	*detractors = 0;
	for (int answer = NPS_LO; answer <= NPS_HI; answer++)
	{
		if (answer >= NPS_PROMOTER)
			*promoters += s->count[answer - NPS_LO];
		else if (answer <= NPS_DETRACTOR)
			*detractors += s->count[answer - NPS_LO];
	}
}

static double
scores_mean(const Scores *s, int64 n)
{
	int128		sum = 0;

	for (int i = 0; i < scores_points(s); i++)
		sum += (int128) (s->lo + i) * s->count[i];
	return (double) ((long double) sum / (long double) n);
}

/* Sample standard deviation, two passes over the points in long double. */
static double
scores_stddev(const Scores *s, int64 n)
{
	int128		offsets = 0;
	long double mean;
	long double squares = 0;

	for (int i = 0; i < scores_points(s); i++)
		offsets += (int128) i * s->count[i];
	mean = (long double) offsets / (long double) n;
	for (int i = 0; i < scores_points(s); i++)
		squares += (long double) s->count[i] * (i - mean) * (i - mean);
	return (double) sqrtl(squares / (long double) (n - 1));
}

/* The answer at 0-based rank r of the sorted answers, r < n. */
static int32
answer_at_rank(const Scores *s, int64 r)
{
	int64		below = 0;

	for (int i = 0; i < scores_points(s); i++)
	{
		below += s->count[i];
		if (r < below)
			return s->lo + i;
	}
	elog(ERROR, "rank " INT64_FORMAT " lies beyond the answers", r);
}

/* percentile_cont(0.5) of the answers. */
static double
scores_median(const Scores *s, int64 n)
{
	if (n % 2 == 1)
		return answer_at_rank(s, n / 2);
	return ((double) answer_at_rank(s, n / 2 - 1)
			+ (double) answer_at_rank(s, n / 2)) / 2.0;
}

PG_FUNCTION_INFO_V1(cx_scores_n);
/* cx.n(scores): the answers given (missing ones not included). */
Datum
cx_scores_n(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(scores_n(PG_GETARG_SCORES_P(0)));
}

PG_FUNCTION_INFO_V1(cx_scores_missing);
/* cx.missing(scores): the NULL answers counted. */
Datum
cx_scores_missing(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(PG_GETARG_SCORES_P(0)->missing);
}

PG_FUNCTION_INFO_V1(cx_scores_lo);
/* cx.lo(scores): the lowest point of the scale. */
Datum
cx_scores_lo(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(PG_GETARG_SCORES_P(0)->lo);
}

PG_FUNCTION_INFO_V1(cx_scores_hi);
/* cx.hi(scores): the highest point of the scale. */
Datum
cx_scores_hi(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(PG_GETARG_SCORES_P(0)->hi);
}

PG_FUNCTION_INFO_V1(cx_scores_mean);
/* cx.mean(scores): the mean answer, or NULL without answers. */
Datum
cx_scores_mean(PG_FUNCTION_ARGS)
{
	Scores	   *s = PG_GETARG_SCORES_P(0);
	int64		n = scores_n(s);

	if (n == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(scores_mean(s, n));
}

PG_FUNCTION_INFO_V1(cx_scores_stddev);
/* cx.stddev(scores): the sample standard deviation, NULL below two answers. */
Datum
cx_scores_stddev(PG_FUNCTION_ARGS)
{
	Scores	   *s = PG_GETARG_SCORES_P(0);
	int64		n = scores_n(s);

	if (n < 2)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(scores_stddev(s, n));
}

PG_FUNCTION_INFO_V1(cx_scores_median);
/* cx.median(scores): the median as percentile_cont(0.5), or NULL. */
Datum
cx_scores_median(PG_FUNCTION_ARGS)
{
	Scores	   *s = PG_GETARG_SCORES_P(0);
	int64		n = scores_n(s);

	if (n == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(scores_median(s, n));
}

PG_FUNCTION_INFO_V1(cx_scores_histogram);
/* cx.histogram(scores): answers per point, from lo to hi. */
Datum
cx_scores_histogram(PG_FUNCTION_ARGS)
{
	Scores	   *s = PG_GETARG_SCORES_P(0);
	int			points = scores_points(s);
	Datum	   *elements = palloc(sizeof(Datum) * points);

	for (int i = 0; i < points; i++)
		elements[i] = Int64GetDatum(s->count[i]);
	PG_RETURN_ARRAYTYPE_P(construct_array(elements, points, INT8OID,
										  sizeof(int64), FLOAT8PASSBYVAL,
										  TYPALIGN_DOUBLE));
}

PG_FUNCTION_INFO_V1(cx_scores_top_box);
/* cx.top_box(scores, k): the share of answers in the k highest points. */
Datum
cx_scores_top_box(PG_FUNCTION_ARGS)
{
	Scores	   *s = PG_GETARG_SCORES_P(0);
	int64		top = box_count(s, PG_GETARG_INT32(1), true);
	int64		n = scores_n(s);

	if (n == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8((double) top / (double) n);
}

PG_FUNCTION_INFO_V1(cx_scores_bottom_box);
/* cx.bottom_box(scores, k): the share of answers in the k lowest points. */
Datum
cx_scores_bottom_box(PG_FUNCTION_ARGS)
{
	Scores	   *s = PG_GETARG_SCORES_P(0);
	int64		bottom = box_count(s, PG_GETARG_INT32(1), false);
	int64		n = scores_n(s);

	if (n == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8((double) bottom / (double) n);
}

PG_FUNCTION_INFO_V1(cx_scores_csat);
/* cx.csat(scores): the top-2-box as a percentage. */
Datum
cx_scores_csat(PG_FUNCTION_ARGS)
{
	Scores	   *s = PG_GETARG_SCORES_P(0);
	int64		top;
	int64		n;

	if (scores_points(s) < 2)
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("CSAT needs a scale of at least two points, not %d..%d",
					   s->lo, s->hi));
	top = box_count(s, 2, true);
	n = scores_n(s);
	if (n == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(100.0 * (double) top / (double) n);
}

static double
nps_value(int64 promoters, int64 detractors, int64 n)
{
	return 100.0 * (double) (promoters - detractors) / (double) n;
}

PG_FUNCTION_INFO_V1(cx_scores_nps);
/* cx.nps(scores): 100 x (share of 9-10 - share of 0-6), on 0..10 only. */
Datum
cx_scores_nps(PG_FUNCTION_ARGS)
{
	Scores	   *s = PG_GETARG_SCORES_P(0);
	int64		promoters;
	int64		detractors;
	int64		n;

	check_nps_scale(s);
	n = scores_n(s);
	if (n == 0)
		PG_RETURN_NULL();
	nps_bands(s, &promoters, &detractors);
	PG_RETURN_FLOAT8(nps_value(promoters, detractors, n));
}

/* A cx.estimate(value, lower, upper, n); NULL figures when n = 0. */
static Datum
make_estimate(FunctionCallInfo fcinfo, double value, double lower,
			  double upper, int64 n)
{
	TupleDesc	tupdesc;
	Datum		values[4];
	bool		nulls[4] = {n == 0, n == 0, n == 0, false};

	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "an interval estimate must return cx.estimate");
	tupdesc = BlessTupleDesc(tupdesc);
	values[0] = Float8GetDatum(value);
	values[1] = Float8GetDatum(lower);
	values[2] = Float8GetDatum(upper);
	values[3] = Int64GetDatum(n);
	return HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls));
}

PG_FUNCTION_INFO_V1(cx_scores_top_box_ci);
/* cx.top_box_ci(scores, k, confidence): top-k-box with its Wilson interval. */
Datum
cx_scores_top_box_ci(PG_FUNCTION_ARGS)
{
	Scores	   *s = PG_GETARG_SCORES_P(0);
	int64		top = box_count(s, PG_GETARG_INT32(1), true);
	double		z = critical_value(PG_GETARG_FLOAT8(2));
	int64		n = scores_n(s);
	double		p;
	double		z2n;
	double		centre;
	double		half;
	double		lower;
	double		upper;

	if (n == 0)
		PG_RETURN_DATUM(make_estimate(fcinfo, 0, 0, 0, 0));
	p = (double) top / (double) n;
	z2n = z * z / (double) n;
	centre = (p + z2n / 2.0) / (1.0 + z2n);
	half = z / (1.0 + z2n)
		* sqrt(p * (1.0 - p) / (double) n + z2n / (4.0 * (double) n));
	/* Exactly 0 of n or n of n puts a bound on 0 or 1; rounding would not. */
	lower = top == 0 ? 0.0 : fmax(0.0, centre - half);
	upper = top == n ? 1.0 : fmin(1.0, centre + half);
	PG_RETURN_DATUM(make_estimate(fcinfo, p, lower, upper, n));
}

PG_FUNCTION_INFO_V1(cx_scores_nps_ci);
/* cx.nps_ci(scores, confidence): NPS with its normal-approximation interval. */
Datum
cx_scores_nps_ci(PG_FUNCTION_ARGS)
{
	Scores	   *s = PG_GETARG_SCORES_P(0);
	double		z;
	int64		n;
	int64		promoters;
	int64		detractors;
	double		p;
	double		d;
	double		nps;
	double		se;

	check_nps_scale(s);
	z = critical_value(PG_GETARG_FLOAT8(1));
	n = scores_n(s);
	if (n == 0)
		PG_RETURN_DATUM(make_estimate(fcinfo, 0, 0, 0, 0));
	nps_bands(s, &promoters, &detractors);
	p = (double) promoters / (double) n;
	d = (double) detractors / (double) n;
	nps = nps_value(promoters, detractors, n);
	se = 100.0 * sqrt(fmax(0.0, p + d - (p - d) * (p - d)) / (double) n);
	PG_RETURN_DATUM(make_estimate(fcinfo, nps, fmax(-100.0, nps - z * se),
								  fmin(100.0, nps + z * se), n));
}

static void
append_figure(StringInfo buf, const char *key, bool isnull, double value)
{
	appendStringInfo(buf, ", \"%s\": ", key);
	if (isnull)
		appendStringInfoString(buf, "null");
	else
		cx_append_float8(buf, value);
}

PG_FUNCTION_INFO_V1(cx_scores_to_jsonb);
/* cx.to_jsonb(scores), also the cast to jsonb: scale, counts and figures. */
Datum
cx_scores_to_jsonb(PG_FUNCTION_ARGS)
{
	Scores	   *s = PG_GETARG_SCORES_P(0);
	int			points = scores_points(s);
	int64		n = scores_n(s);
	StringInfoData buf;

	initStringInfo(&buf);
	appendStringInfo(&buf, "{\"lo\": %d, \"hi\": %d, \"n\": " INT64_FORMAT
					 ", \"missing\": " INT64_FORMAT ", \"counts\": {",
					 s->lo, s->hi, n, s->missing);
	for (int i = 0; i < points; i++)
		appendStringInfo(&buf, "%s\"%d\": " INT64_FORMAT, i ? ", " : "",
						 s->lo + i, s->count[i]);
	appendStringInfoChar(&buf, '}');
	append_figure(&buf, "mean", n == 0, n ? scores_mean(s, n) : 0);
	append_figure(&buf, "stddev", n < 2, n >= 2 ? scores_stddev(s, n) : 0);
	append_figure(&buf, "median", n == 0, n ? scores_median(s, n) : 0);
	append_figure(&buf, "top_box", n == 0 || points < 2,
				  n && points >= 2 ? (double) box_count(s, 2, true) / n : 0);
	append_figure(&buf, "bottom_box", n == 0 || points < 2,
				  n && points >= 2 ? (double) box_count(s, 2, false) / n : 0);
	if (s->lo == NPS_LO && s->hi == NPS_HI && n > 0)
	{
		int64		promoters;
		int64		detractors;

		nps_bands(s, &promoters, &detractors);
		append_figure(&buf, "nps", false, nps_value(promoters, detractors, n));
	}
	else
		append_figure(&buf, "nps", true, 0);
	appendStringInfoChar(&buf, '}');
	PG_RETURN_DATUM(DirectFunctionCall1(jsonb_in, CStringGetDatum(buf.data)));
}
