/*
 * rate.c
 *	  The cx.rate summary: successes out of trials, with the outcomes that
 *	  were NULL counted as skipped.  Its I/O, aggregates (cx.rate_agg and
 *	  cx.merge), accessors, the Wilson interval of a share and the
 *	  comparisons of two rates (Newcombe's hybrid score interval of a
 *	  difference, the Katz log interval of a ratio, the pooled z test).
 *
 * Stored format of cx.rate (a varlena of 32 bytes):
 *
 *	 int32  varlena header
 *	 uint8  format version (1)
 *	 uint8  flags, reserved, always 0
 *	 uint16 reserved, always 0
 *	 int64  successes       0 <= successes <= trials
 *	 int64  trials          outcomes that were true or false
 *	 int64  skipped         NULL outcomes, >= 0; trials + skipped fits int64
 *
 * Text form, which reads back to the identical value:
 *
 *	 (successes=31283,trials=31689,skipped=0)
 *
 * Binary form (network byte order): version byte, flags byte, then the
 * three counts as int64.
 *
 * The summary holds counts only, so merging is integer addition: any split,
 * order or parallel plan gives the byte-identical summary, and the moving
 * inverses undo rows and whole summaries exactly.  Both aggregates start
 * from the empty rate (INITCOND) and update it in place inside the
 * aggregate context: a row costs one or two increments.
 *
 * Formulas (z is the two-sided critical value of the confidence level):
 *   - Wilson score interval (Wilson 1927): centre (p + z^2/2n) / (1 + z^2/n),
 *     half width z / (1 + z^2/n) sqrt(p(1-p)/n + z^2/4n^2); a bound lies on
 *     0 or 1 exactly when successes are 0 or n.
 *   - cx.difference: p1 - p2 with Newcombe's hybrid score interval (method
 *     10 of Newcombe, Statistics in Medicine 17, 1998): with (l_i, u_i) the
 *     Wilson interval of p_i, lower = D - sqrt((p1-l1)^2 + (u2-p2)^2), upper
 *     = D + sqrt((u1-p1)^2 + (p2-l2)^2).
 *   - cx.ratio: p1 / p2 with the Katz log interval (Katz et al., Biometrics
 *     34, 1978): exp(log RR +- z sqrt(1/x1 - 1/n1 + 1/x2 - 1/n2)).  When
 *     either success count is 0, the plain estimate or its variance is
 *     infinite, and value and interval both use the adjusted form that adds
 *     0.5 to each count and each number of trials (Fagerland, Lydersen and
 *     Laake 2015; statsmodels' method 'log-adjusted'), so every figure is
 *     finite.
 *   - cx.p_value: two-sided pooled two-proportion z test, z = (p1 - p2) /
 *     sqrt(p(1-p)(1/n1 + 1/n2)) with p = (x1 + x2) / (n1 + n2); 1 when the
 *     pooled share is 0 or 1 (both groups alike, nothing to test).
 * A figure that needs trials on a side without any is NULL.
 */
#include "rate.h"
#include "scores.h"

#include <math.h>

#include "access/htup_details.h"
#include "common/hashfn.h"
#include "common/int.h"
#include "funcapi.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"

static const char *const type_name = "cx.rate";

/* shared helpers (also used by waits.c) */

/* A cx.estimate(value, lower, upper, n) composite for the calling function. */
Datum
cx_estimate_datum(FunctionCallInfo fcinfo, const CxEstimate *e)
{
	TupleDesc	tupdesc;
	Datum		values[4];
	bool		nulls[4];

	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "an interval estimate must return cx.estimate");
	tupdesc = BlessTupleDesc(tupdesc);
	values[0] = Float8GetDatum(e->value);
	values[1] = Float8GetDatum(e->lower);
	values[2] = Float8GetDatum(e->upper);
	values[3] = Int64GetDatum(e->n);
	nulls[0] = !e->has_value;
	nulls[1] = !e->has_lower;
	nulls[2] = !e->has_upper;
	nulls[3] = false;
	return HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls));
}

/* The two-sided critical value of a confidence level in (0, 1). */
double
cx_critical_value(double confidence)
{
	if (isnan(confidence) || confidence <= 0.0 || confidence >= 1.0)
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("confidence must be strictly between 0 and 1, got %g",
					   confidence));
	return -cx_normal_quantile((1.0 - confidence) / 2.0);
}

/* Wilson score interval of successes out of trials > 0. */
void
cx_wilson(int64 successes, int64 trials, double z, double *lower, double *upper)
{
	double		n = (double) trials;
	double		p = (double) successes / n;
	double		z2n = z * z / n;
	double		centre = (p + z2n / 2.0) / (1.0 + z2n);
	double		half = z / (1.0 + z2n) * sqrt(p * (1.0 - p) / n + z2n / (4.0 * n));

	*lower = successes == 0 ? 0.0 : fmax(0.0, centre - half);
	*upper = successes == trials ? 1.0 : fmin(1.0, centre + half);
}

/* the type */

static Rate *
rate_new(int64 successes, int64 trials, int64 skipped)
{
	Rate	   *r = palloc0(RATE_SIZE);

	SET_VARSIZE(r, RATE_SIZE);
	r->version = CX_FORMAT_VERSION;
	r->successes = successes;
	r->trials = trials;
	r->skipped = skipped;
	return r;
}

/* The one validator behind text input and binary receive. */
static bool
rate_validate(const Rate *r, CxSource source, struct Node *escontext)
{
	int64		total;

	if (!cx_format_version_valid(escontext, r->version, type_name, source))
		return false;
	if (r->flags != 0 || r->reserved != 0)
		return cx_invalid(escontext, type_name, source, "Reserved fields must be zero.");
	if (VARSIZE(r) != RATE_SIZE)
		return cx_invalid(escontext, type_name, source, "The value has the wrong size.");
	if (r->trials < 0 || r->skipped < 0 || r->successes < 0)
		return cx_invalid(escontext, type_name, source, "A count is negative.");
	if (r->successes > r->trials)
		return cx_invalid(escontext, type_name, source, "Successes exceed trials.");
	if (pg_add_s64_overflow(r->trials, r->skipped, &total))
		return cx_invalid(escontext, type_name, source,
						  "Trials plus skipped outcomes overflow.");
	return true;
}

PG_FUNCTION_INFO_V1(cx_rate_in);
/* Text input of cx.rate. */
Datum
cx_rate_in(PG_FUNCTION_ARGS)
{
	CxCursor	c;
	Rate	   *r = rate_new(0, 0, 0);

	cx_cursor_init(&c, PG_GETARG_CSTRING(0), type_name, fcinfo->context);
	cx_expect(&c, '(');
	cx_expect_key(&c, "successes");
	r->successes = cx_read_int64(&c);
	cx_expect(&c, ',');
	cx_expect_key(&c, "trials");
	r->trials = cx_read_int64(&c);
	cx_expect(&c, ',');
	cx_expect_key(&c, "skipped");
	r->skipped = cx_read_int64(&c);
	cx_expect(&c, ')');
	cx_expect_end(&c);
	if (cx_cursor_failed(&c)
		|| !rate_validate(r, CX_FROM_TEXT, fcinfo->context))
		PG_RETURN_NULL();
	PG_RETURN_POINTER(r);
}

PG_FUNCTION_INFO_V1(cx_rate_out);
/* Text output of cx.rate; reads back to the identical value. */
Datum
cx_rate_out(PG_FUNCTION_ARGS)
{
	Rate	   *r = PG_GETARG_RATE_P(0);

	PG_RETURN_CSTRING(psprintf("(successes=" INT64_FORMAT ",trials=" INT64_FORMAT
							   ",skipped=" INT64_FORMAT ")",
							   r->successes, r->trials, r->skipped));
}

PG_FUNCTION_INFO_V1(cx_rate_recv);
/* Binary input of cx.rate, validated like text input. */
Datum
cx_rate_recv(PG_FUNCTION_ARGS)
{
	StringInfo	msg = (StringInfo) PG_GETARG_POINTER(0);
	Rate	   *r = rate_new(0, 0, 0);

	r->version = pq_getmsgbyte(msg);
	cx_check_format_version(r->version, type_name, CX_FROM_BINARY);
	r->flags = pq_getmsgbyte(msg);
	r->successes = pq_getmsgint64(msg);
	r->trials = pq_getmsgint64(msg);
	r->skipped = pq_getmsgint64(msg);
	pq_getmsgend(msg);
	rate_validate(r, CX_FROM_BINARY, NULL);
	PG_RETURN_POINTER(r);
}

PG_FUNCTION_INFO_V1(cx_rate_send);
/* Binary output of cx.rate, in network byte order. */
Datum
cx_rate_send(PG_FUNCTION_ARGS)
{
	Rate	   *r = PG_GETARG_RATE_P(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, r->version);
	pq_sendbyte(&buf, r->flags);
	pq_sendint64(&buf, r->successes);
	pq_sendint64(&buf, r->trials);
	pq_sendint64(&buf, r->skipped);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(cx_rate_make);
/* cx.rate(successes, trials): a rate from published counts. */
Datum
cx_rate_make(PG_FUNCTION_ARGS)
{
	int64		successes = PG_GETARG_INT64(0);
	int64		trials = PG_GETARG_INT64(1);

	if (trials < 0)
		ereport(ERROR,
				errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				errmsg("trials must not be negative, got " INT64_FORMAT, trials));
	if (successes < 0 || successes > trials)
		ereport(ERROR,
				errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				errmsg("successes must be between 0 and the trials (" INT64_FORMAT
					   "), got " INT64_FORMAT, trials, successes));
	PG_RETURN_POINTER(rate_new(successes, trials, 0));
}

/* aggregates */

pg_noreturn
static void
nothing_to_remove(void)
{
	ereport(ERROR,
			errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			errmsg("cannot remove outcomes that the cx.rate summary does not hold"));
}

/*
 * The state to update: the aggregate's own in place, else a copy (or an
 * empty rate for a NULL state), so that a stored value is never modified.
 */
static inline Rate *
rate_state(FunctionCallInfo fcinfo)
{
	Rate	   *r;

	if (PG_ARGISNULL(0))
		return rate_new(0, 0, 0);
	r = PG_GETARG_RATE_P(0);
	if (unlikely(!AggCheckCallContext(fcinfo, NULL))
		&& (Pointer) r == DatumGetPointer(PG_GETARG_DATUM(0)))
	{
		Rate	   *copy = palloc(RATE_SIZE);

		memcpy(copy, r, RATE_SIZE);
		r = copy;
	}
	return r;
}

static inline void
increment(int64 *counter, int64 by)
{
	if (unlikely(pg_add_s64_overflow(*counter, by, counter)))
		ereport(ERROR,
				errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				errmsg("cxvalue counter out of range"));
}

static void
check_total(const Rate *r)
{
	(void) cx_add_count(r->trials, r->skipped);
}

PG_FUNCTION_INFO_V1(cx_rate_add);
/* cx.rate_agg(outcome) transition: count a success, a failure or a skip. */
Datum
cx_rate_add(PG_FUNCTION_ARGS)
{
	Rate	   *r = rate_state(fcinfo);

	if (PG_ARGISNULL(1))
		increment(&r->skipped, 1);
	else
	{
		increment(&r->trials, 1);
		r->successes += PG_GETARG_BOOL(1);
	}
	if (unlikely(r->skipped != 0))
		check_total(r);
	PG_RETURN_POINTER(r);
}

PG_FUNCTION_INFO_V1(cx_rate_remove);
/* cx.rate_agg(outcome) inverse transition: uncount one outcome. */
Datum
cx_rate_remove(PG_FUNCTION_ARGS)
{
	Rate	   *r = rate_state(fcinfo);

	if (PG_ARGISNULL(1))
	{
		if (r->skipped == 0)
			nothing_to_remove();
		r->skipped--;
	}
	else
	{
		bool		success = PG_GETARG_BOOL(1);

		if (r->trials == 0 || (success && r->successes == 0)
			|| (!success && r->trials == r->successes))
			nothing_to_remove();
		r->trials--;
		r->successes -= success;
	}
	PG_RETURN_POINTER(r);
}

/* Add (sign 1) or subtract (sign -1) a whole summary. */
static Datum
rate_merge(FunctionCallInfo fcinfo, int sign)
{
	Rate	   *r = rate_state(fcinfo);
	Rate	   *other = PG_GETARG_RATE_P(1);

	increment(&r->successes, sign * other->successes);
	increment(&r->trials, sign * other->trials);
	increment(&r->skipped, sign * other->skipped);
	if (r->successes < 0 || r->trials < 0 || r->skipped < 0
		|| r->successes > r->trials)
		nothing_to_remove();
	check_total(r);
	PG_RETURN_POINTER(r);
}

PG_FUNCTION_INFO_V1(cx_rate_merge);
/* cx.merge(cx.rate) transition and combine function: add a summary. */
Datum
cx_rate_merge(PG_FUNCTION_ARGS)
{
	return rate_merge(fcinfo, 1);
}

PG_FUNCTION_INFO_V1(cx_rate_unmerge);
/* cx.merge(cx.rate) inverse transition: subtract a summary. */
Datum
cx_rate_unmerge(PG_FUNCTION_ARGS)
{
	return rate_merge(fcinfo, -1);
}

PG_FUNCTION_INFO_V1(cx_rate_top_box);
/* cx.top_box_rate(scores, k): answers in the k highest points out of all. */
Datum
cx_rate_top_box(PG_FUNCTION_ARGS)
{
	Scores	   *s = PG_GETARG_SCORES_P(0);
	int32		k = PG_GETARG_INT32(1);
	int			points = scores_points(s);
	int64		top = 0;

	if (k < 1 || k > points)
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("k must be between 1 and %d, the points of the scale %d..%d, got %d",
					   points, s->lo, s->hi, k));
	for (int i = 0; i < k; i++)
		top += s->count[points - 1 - i];
	PG_RETURN_POINTER(rate_new(top, scores_n(s), s->missing));
}

/* accessors */

PG_FUNCTION_INFO_V1(cx_rate_n);
/* cx.n(rate): trials, the outcomes that were true or false. */
Datum
cx_rate_n(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(PG_GETARG_RATE_P(0)->trials);
}

PG_FUNCTION_INFO_V1(cx_rate_successes);
/* cx.successes(rate): the outcomes that were true. */
Datum
cx_rate_successes(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(PG_GETARG_RATE_P(0)->successes);
}

PG_FUNCTION_INFO_V1(cx_rate_skipped);
/* cx.skipped(rate): the NULL outcomes. */
Datum
cx_rate_skipped(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(PG_GETARG_RATE_P(0)->skipped);
}

static inline double
share_of(const Rate *r)
{
	return (double) r->successes / (double) r->trials;
}

PG_FUNCTION_INFO_V1(cx_rate_share);
/* cx.share(rate): successes / trials; NULL without trials. */
Datum
cx_rate_share(PG_FUNCTION_ARGS)
{
	Rate	   *r = PG_GETARG_RATE_P(0);

	if (r->trials == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(share_of(r));
}

PG_FUNCTION_INFO_V1(cx_rate_share_ci);
/* cx.share_ci(rate, confidence): the share with its Wilson interval. */
Datum
cx_rate_share_ci(PG_FUNCTION_ARGS)
{
	Rate	   *r = PG_GETARG_RATE_P(0);
	double		z = cx_critical_value(PG_GETARG_FLOAT8(1));
	CxEstimate	e = {0};

	e.n = r->trials;
	if (r->trials > 0)
	{
		e.value = share_of(r);
		cx_wilson(r->successes, r->trials, z, &e.lower, &e.upper);
		e.has_value = e.has_lower = e.has_upper = true;
	}
	PG_RETURN_DATUM(cx_estimate_datum(fcinfo, &e));
}

PG_FUNCTION_INFO_V1(cx_rate_difference);
/* cx.difference(a, b, confidence): share(a) - share(b), Newcombe's method 10. */
Datum
cx_rate_difference(PG_FUNCTION_ARGS)
{
	Rate	   *a = PG_GETARG_RATE_P(0);
	Rate	   *b = PG_GETARG_RATE_P(1);
	double		z = cx_critical_value(PG_GETARG_FLOAT8(2));
	CxEstimate	e = {0};

	e.n = cx_add_count(a->trials, b->trials);
	if (a->trials > 0 && b->trials > 0)
	{
		double		p1 = share_of(a);
		double		p2 = share_of(b);
		double		l1,
					u1,
					l2,
					u2;

		cx_wilson(a->successes, a->trials, z, &l1, &u1);
		cx_wilson(b->successes, b->trials, z, &l2, &u2);
		e.value = p1 - p2;
		e.lower = e.value - sqrt((p1 - l1) * (p1 - l1) + (u2 - p2) * (u2 - p2));
		e.upper = e.value + sqrt((u1 - p1) * (u1 - p1) + (p2 - l2) * (p2 - l2));
		e.has_value = e.has_lower = e.has_upper = true;
	}
	PG_RETURN_DATUM(cx_estimate_datum(fcinfo, &e));
}

PG_FUNCTION_INFO_V1(cx_rate_ratio);
/* cx.ratio(a, b, confidence): share(a) / share(b), Katz log interval. */
Datum
cx_rate_ratio(PG_FUNCTION_ARGS)
{
	Rate	   *a = PG_GETARG_RATE_P(0);
	Rate	   *b = PG_GETARG_RATE_P(1);
	double		z = cx_critical_value(PG_GETARG_FLOAT8(2));
	CxEstimate	e = {0};

	e.n = cx_add_count(a->trials, b->trials);
	if (a->trials > 0 && b->trials > 0)
	{
		/* The adjusted form where a success count is 0 (see the header). */
		double		adjust = (a->successes == 0 || b->successes == 0) ? 0.5 : 0.0;
		double		x1 = (double) a->successes + adjust;
		double		n1 = (double) a->trials + adjust;
		double		x2 = (double) b->successes + adjust;
		double		n2 = (double) b->trials + adjust;
		double		log_ratio = log(x1 / n1) - log(x2 / n2);
		double		se = sqrt(fmax(0.0, 1.0 / x1 - 1.0 / n1 + 1.0 / x2 - 1.0 / n2));

		e.value = exp(log_ratio);
		e.lower = exp(log_ratio - z * se);
		e.upper = exp(log_ratio + z * se);
		e.has_value = e.has_lower = e.has_upper = true;
	}
	PG_RETURN_DATUM(cx_estimate_datum(fcinfo, &e));
}

PG_FUNCTION_INFO_V1(cx_rate_p_value);
/* cx.p_value(a, b): two-sided pooled two-proportion z test. */
Datum
cx_rate_p_value(PG_FUNCTION_ARGS)
{
	Rate	   *a = PG_GETARG_RATE_P(0);
	Rate	   *b = PG_GETARG_RATE_P(1);
	double		n1 = (double) a->trials;
	double		n2 = (double) b->trials;
	double		pooled;
	double		se;

	if (a->trials == 0 || b->trials == 0)
		PG_RETURN_NULL();
	pooled = ((double) a->successes + (double) b->successes) / (n1 + n2);
	se = sqrt(pooled * (1.0 - pooled) * (1.0 / n1 + 1.0 / n2));
	if (!(se > 0.0))
		PG_RETURN_FLOAT8(1.0);
	PG_RETURN_FLOAT8(erfc(fabs(share_of(a) - share_of(b)) / se / M_SQRT2));
}

PG_FUNCTION_INFO_V1(cx_rate_to_jsonb);
/* cx.to_jsonb(rate), also the cast to jsonb: counts, share, Wilson 95%. */
Datum
cx_rate_to_jsonb(PG_FUNCTION_ARGS)
{
	Rate	   *r = PG_GETARG_RATE_P(0);
	StringInfoData buf;

	initStringInfo(&buf);
	appendStringInfo(&buf, "{\"successes\": " INT64_FORMAT ", \"trials\": " INT64_FORMAT
					 ", \"skipped\": " INT64_FORMAT,
					 r->successes, r->trials, r->skipped);
	if (r->trials > 0)
	{
		double		lower,
					upper;

		cx_wilson(r->successes, r->trials, cx_critical_value(0.95), &lower, &upper);
		appendStringInfoString(&buf, ", \"share\": ");
		cx_append_float8(&buf, share_of(r));
		appendStringInfoString(&buf, ", \"lower_95\": ");
		cx_append_float8(&buf, lower);
		appendStringInfoString(&buf, ", \"upper_95\": ");
		cx_append_float8(&buf, upper);
	}
	else
		appendStringInfoString(&buf, ", \"share\": null, \"lower_95\": null, \"upper_95\": null");
	appendStringInfoChar(&buf, '}');
	PG_RETURN_DATUM(DirectFunctionCall1(jsonb_in, CStringGetDatum(buf.data)));
}
