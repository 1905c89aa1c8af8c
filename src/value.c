/*
 * value.c
 *	  The cx.customer_value summary (stored format in value.h): per named
 *	  value dimension, the count, mean and variance of scores normalised to
 *	  [0, 1]; its aggregates over long-format (one answer per row) and
 *	  wide-format (one response per row) survey data, cx.merge and the plain
 *	  accessors.  Validation and I/O live in value_io.c, value models and
 *	  the figures they give in value_model.c.
 *
 * Scores are normalised with their own scale, (score - lo) / (hi - lo), so
 * answers on 1..5 and 1..7 items fall into one summary.  Each dimension keeps
 * the sum of its normalised scores and, updated by Welford's method, the sum
 * of squared deviations m2; summaries merge with Chan, Golub and LeVeque's
 * parallel formula, equal to one pass up to float rounding (the counts
 * exactly).
 */
#include "value.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "utils/array.h"
#include "utils/builtins.h"

/* building */

static Size
value_size(int ndims, Size names_len)
{
	return add_size(add_size(VALUE_HEADER_SIZE,
							  mul_size(ndims, sizeof(ValueDimension))),
					 names_len);
}

static CustomerValue *
value_new_empty(MemoryContext context)
{
	CustomerValue *v = MemoryContextAllocZero(context, VALUE_HEADER_SIZE);

	SET_VARSIZE(v, VALUE_HEADER_SIZE);
	v->version = CX_FORMAT_VERSION;
	return v;
}

/* A summary from entries in the order given (the validator checks order). */
CustomerValue *
value_build(int64 skipped, const ValueEntry *entries, int count)
{
	Size		names_len = 0;
	CustomerValue *v;
	char	   *names;
	uint32		offset = 0;

	for (int i = 0; i < count; i++)
		names_len = add_size(names_len, entries[i].len);
	v = palloc0(value_size(count, names_len));
	SET_VARSIZE(v, value_size(count, names_len));
	v->version = CX_FORMAT_VERSION;
	v->ndims = count;
	v->skipped = skipped;
	names = VALUE_NAMES(v);
	for (int i = 0; i < count; i++)
	{
		ValueDimension *d = &v->dims[i];

		d->n = entries[i].n;
		d->missing = entries[i].missing;
		d->sum = entries[i].sum;
		d->m2 = entries[i].m2;
		d->name_offset = offset;
		d->name_length = entries[i].len;
		memcpy(names + offset, entries[i].name, entries[i].len);
		offset += entries[i].len;
	}
	return v;
}

static void
entry_of(const CustomerValue *v, int i, ValueEntry *e)
{
	const ValueDimension *d = &v->dims[i];

	e->name = VALUE_NAME(v, i);
	e->len = d->name_length;
	e->n = d->n;
	e->missing = d->missing;
	e->sum = d->sum;
	e->m2 = d->m2;
}

/* Names come from SQL text here, so only emptiness and length can be wrong. */
static void
check_dimension_name(int len, int ndims)
{
	if (len == 0)
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("a value dimension name must not be empty"));
	if (len > VALUE_MAX_NAME)
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("a value dimension name must be at most %d bytes long",
					   VALUE_MAX_NAME));
	if (ndims >= VALUE_MAX_DIMENSIONS)
		ereport(ERROR,
				errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				errmsg("a cx.customer_value holds at most %d dimensions",
					   VALUE_MAX_DIMENSIONS));
}

/* A copy of v with an empty dimension called name inserted at position pos. */
static CustomerValue *
value_insert(const CustomerValue *v, int pos, const char *name, int len)
{
	ValueEntry *entries;
	CustomerValue *result;

	check_dimension_name(len, v->ndims);
	entries = palloc((v->ndims + 1) * sizeof(ValueEntry));
	for (int i = 0; i < v->ndims; i++)
		entry_of(v, i, &entries[i < pos ? i : i + 1]);
	memset(&entries[pos], 0, sizeof(ValueEntry));
	entries[pos].name = name;
	entries[pos].len = len;
	result = value_build(v->skipped, entries, v->ndims + 1);
	pfree(entries);
	return result;
}

/* scores and scales */

static char *
float8_text(double value)
{
	StringInfoData buf;

	initStringInfo(&buf);
	cx_append_float8(&buf, value);
	return buf.data;
}

static void
check_scale(bool lo_null, double lo, bool hi_null, double hi)
{
	if (lo_null || hi_null)
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("the scale of a score needs both lo and hi, got NULL"));
	if (!(lo < hi) || isinf(lo) || isinf(hi) || isinf(hi - lo))
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("invalid scale [%s, %s]", float8_text(lo), float8_text(hi)),
				errhint("A scale needs finite bounds lo < hi whose difference is finite too."));
}

/* The score mapped onto [0, 1]; the scale must have been checked. */
static inline double
normalise(double score, double lo, double hi)
{
	double		x;

	if (!(score >= lo && score <= hi))
		ereport(ERROR,
				errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				errmsg("score %s is outside the scale [%s, %s]",
					   float8_text(score), float8_text(lo), float8_text(hi)));
	x = (score - lo) / (hi - lo);
	return x > 1.0 ? 1.0 : x;
}

/*
 * Welford's update with one normalised score.  The running sum gives the
 * means (exactly, for scores on the common 1..5 scale, whose normalised
 * values are multiples of 1/4); the product of the deviations from the old
 * and the new mean is m2's increment, never negative but for rounding.
 */
static inline void
dimension_add(ValueDimension *d, double x)
{
	double		before = d->n > 0 ? x - d->sum / d->n : 0;

	d->n = cx_add_count(d->n, 1);
	d->sum += x;
	d->m2 += before * (x - d->sum / d->n);
	if (d->m2 < 0)
		d->m2 = 0;
}

/*
 * Chan, Golub and LeVeque's combination of two dimensions' moments into the
 * first: m2 = m2 + m2' + delta^2 n n' / (n + n'), delta the difference of
 * the means.
 */
static void
moments_combine(int64 *n, double *sum, double *m2,
				int64 n2, double sum2, double m22)
{
	int64		total;
	double		delta;

	if (n2 == 0)
		return;
	if (*n == 0)
	{
		*n = n2;
		*sum = sum2;
		*m2 = m22;
		return;
	}
	total = cx_add_count(*n, n2);
	delta = sum2 / n2 - *sum / *n;
	*m2 += m22 + delta * delta * ((double) *n / (double) total) * (double) n2;
	*sum += sum2;
	*n = total;
}

/* aggregate state */

/*
 * The state to update: in place inside an aggregate, a fresh copy when the
 * function is called directly (so a stored value is never modified).
 */
static CustomerValue *
value_state(FunctionCallInfo fcinfo)
{
	MemoryContext aggcontext = cx_aggregate_context(fcinfo);
	CustomerValue *state;

	if (PG_ARGISNULL(0))
		return value_new_empty(aggcontext ? aggcontext : CurrentMemoryContext);
	state = PG_GETARG_CUSTOMER_VALUE_P(0);
	if (aggcontext == NULL && (Pointer) state == DatumGetPointer(PG_GETARG_DATUM(0)))
	{
		CustomerValue *copy = palloc(VARSIZE(state));

		memcpy(copy, state, VARSIZE(state));
		state = copy;
	}
	return state;
}

/*
 * The dimension called name in *state, added if new.  Adding one builds a
 * larger copy in the current (per-row) memory context; the aggregate
 * machinery moves the returned state into the aggregate context and frees
 * the old one.
 */
static inline ValueDimension *
state_dimension(CustomerValue **state, const char *name, int len)
{
	int			pos = 0;
	int			i = value_find(*state, name, len, &pos);

	if (i < 0)
	{
		*state = value_insert(*state, pos, name, len);
		i = pos;
	}
	return &(*state)->dims[i];
}

/* long format: one answer per row */

PG_FUNCTION_INFO_V1(cx_customer_value_add);
/* cx.value_agg(dimension, score, lo, hi) transition: add one answer. */
Datum
cx_customer_value_add(PG_FUNCTION_ARGS)
{
	CustomerValue *state = value_state(fcinfo);
	text	   *dimension;
	ValueDimension *d;

	if (PG_ARGISNULL(1))
	{
		state->skipped = cx_add_count(state->skipped, 1);
		PG_RETURN_POINTER(state);
	}
	dimension = PG_GETARG_TEXT_PP(1);
	if (PG_ARGISNULL(2))
	{
		d = state_dimension(&state, VARDATA_ANY(dimension),
							VARSIZE_ANY_EXHDR(dimension));
		d->missing = cx_add_count(d->missing, 1);
	}
	else
	{
		double		lo = PG_ARGISNULL(3) ? 0 : PG_GETARG_FLOAT8(3);
		double		hi = PG_ARGISNULL(4) ? 0 : PG_GETARG_FLOAT8(4);
		double		x;

		check_scale(PG_ARGISNULL(3), lo, PG_ARGISNULL(4), hi);
		x = normalise(PG_GETARG_FLOAT8(2), lo, hi);
		d = state_dimension(&state, VARDATA_ANY(dimension),
							VARSIZE_ANY_EXHDR(dimension));
		dimension_add(d, x);
	}
	PG_RETURN_POINTER(state);
}

/* wide format: one response per row */

/*
 * Check the arrays of one wide-format row and return how many answers it
 * has.  NULL dimensions mean every answer is skipped; NULL scores, that every
 * answer is missing.
 */
static int
wide_row_size(ArrayType *dimensions, ArrayType *scores)
{
	int			n;

	if (dimensions && ARR_NDIM(dimensions) > 1)
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("dimensions must be a one-dimensional array"));
	if (scores && ARR_NDIM(scores) > 1)
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("scores must be a one-dimensional array"));
	if (dimensions && scores
		&& ArrayGetNItems(ARR_NDIM(dimensions), ARR_DIMS(dimensions))
		!= ArrayGetNItems(ARR_NDIM(scores), ARR_DIMS(scores)))
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("dimensions and scores must have the same length, got %d and %d",
					   ArrayGetNItems(ARR_NDIM(dimensions), ARR_DIMS(dimensions)),
					   ArrayGetNItems(ARR_NDIM(scores), ARR_DIMS(scores))));
	n = dimensions ? ArrayGetNItems(ARR_NDIM(dimensions), ARR_DIMS(dimensions))
		: scores ? ArrayGetNItems(ARR_NDIM(scores), ARR_DIMS(scores)) : 0;
	return n;
}

typedef struct WideRow
{
	ArrayType  *dimensions;		/* NULL when the argument was NULL */
	ArrayType  *scores;			/* likewise */
	bool		lo_null;
	bool		hi_null;
	double		lo;
	double		hi;
} WideRow;

static void
wide_row_args(FunctionCallInfo fcinfo, int first, WideRow *row)
{
	row->dimensions = PG_ARGISNULL(first) ? NULL : PG_GETARG_ARRAYTYPE_P(first);
	row->scores = PG_ARGISNULL(first + 1) ? NULL : PG_GETARG_ARRAYTYPE_P(first + 1);
	row->lo_null = PG_ARGISNULL(first + 2);
	row->hi_null = PG_ARGISNULL(first + 3);
	row->lo = row->lo_null ? 0 : PG_GETARG_FLOAT8(first + 2);
	row->hi = row->hi_null ? 0 : PG_GETARG_FLOAT8(first + 3);
	if (row->dimensions && ARR_ELEMTYPE(row->dimensions) != TEXTOID)
		elog(ERROR, "dimensions must be a text array");
	if (row->scores && ARR_ELEMTYPE(row->scores) != FLOAT8OID)
		elog(ERROR, "scores must be a float8 array");
}

/*
 * Walk one wide-format row: for each answer, call back with its dimension
 * (NULL to skip) and its normalised score (missing when *scored is false).
 */
typedef void (*WideAnswerFn) (void *arg, text *dimension, bool scored, double x);

static void
wide_row_walk(const WideRow *row, WideAnswerFn fn, void *arg)
{
	int			n = wide_row_size(row->dimensions, row->scores);
	Datum	   *dims = NULL;
	bool	   *dim_nulls = NULL;
	Datum	   *scores = NULL;
	bool	   *score_nulls = NULL;
	int			count;
	bool		scale_checked = false;

	if (row->dimensions)
		deconstruct_array(row->dimensions, TEXTOID, -1, false, TYPALIGN_INT,
						  &dims, &dim_nulls, &count);
	if (row->scores)
		deconstruct_array(row->scores, FLOAT8OID, sizeof(float8), FLOAT8PASSBYVAL,
						  TYPALIGN_DOUBLE, &scores, &score_nulls, &count);
	for (int i = 0; i < n; i++)
	{
		bool		score_null = scores == NULL || score_nulls[i];
		double		x = 0;

		if (dims == NULL || dim_nulls[i])
		{
			/* like a long-format row with a NULL dimension: only counted */
			fn(arg, NULL, false, 0);
			continue;
		}
		if (!score_null)
		{
			if (!scale_checked)
			{
				check_scale(row->lo_null, row->lo, row->hi_null, row->hi);
				scale_checked = true;
			}
			x = normalise(DatumGetFloat8(scores[i]), row->lo, row->hi);
		}
		fn(arg, (text *) DatumGetPointer(dims[i]), !score_null, x);
	}
}

/* The aggregate: update the state in place. */
static void
wide_add_to_state(void *arg, text *dimension, bool scored, double x)
{
	CustomerValue **state = (CustomerValue **) arg;
	ValueDimension *d;

	if (dimension == NULL)
	{
		(*state)->skipped = cx_add_count((*state)->skipped, 1);
		return;
	}
	d = state_dimension(state, VARDATA_ANY(dimension), VARSIZE_ANY_EXHDR(dimension));
	if (scored)
		dimension_add(d, x);
	else
		d->missing = cx_add_count(d->missing, 1);
}

PG_FUNCTION_INFO_V1(cx_customer_value_add_wide);
/* cx.value_agg(dimensions[], scores[], lo, hi) transition: add one response. */
Datum
cx_customer_value_add_wide(PG_FUNCTION_ARGS)
{
	CustomerValue *state = value_state(fcinfo);
	WideRow		row;

	wide_row_args(fcinfo, 1, &row);
	wide_row_walk(&row, wide_add_to_state, &state);
	PG_RETURN_POINTER(state);
}

/* The constructor: collect the answers, sort them, build once. */
typedef struct WideAnswer
{
	const char *name;
	int			len;
	int			position;
	bool		scored;
	double		x;
} WideAnswer;

typedef struct WideCollect
{
	WideAnswer *answers;
	int			count;
	int64		skipped;
} WideCollect;

static void
wide_collect(void *arg, text *dimension, bool scored, double x)
{
	WideCollect *c = (WideCollect *) arg;
	WideAnswer *a;

	if (dimension == NULL)
	{
		c->skipped++;
		return;
	}
	a = &c->answers[c->count];
	a->name = VARDATA_ANY(dimension);
	a->len = VARSIZE_ANY_EXHDR(dimension);
	a->position = c->count++;
	a->scored = scored;
	a->x = x;
}

static int
wide_answer_cmp(const void *a, const void *b)
{
	const WideAnswer *x = a;
	const WideAnswer *y = b;
	int			c = value_name_cmp(x->name, x->len, y->name, y->len);

	return c != 0 ? c : x->position - y->position;
}

PG_FUNCTION_INFO_V1(cx_customer_value_of_row);
/* cx.customer_value(dimensions[], scores[], lo, hi): one response's summary. */
Datum
cx_customer_value_of_row(PG_FUNCTION_ARGS)
{
	WideRow		row;
	WideCollect collect = {0};
	ValueEntry *entries;
	int			count = 0;
	CustomerValue *v;

	wide_row_args(fcinfo, 0, &row);
	collect.answers = palloc(Max(wide_row_size(row.dimensions, row.scores), 1)
							 * sizeof(WideAnswer));
	wide_row_walk(&row, wide_collect, &collect);
	qsort(collect.answers, collect.count, sizeof(WideAnswer), wide_answer_cmp);
	entries = palloc0(Max(collect.count, 1) * sizeof(ValueEntry));
	for (int i = 0; i < collect.count; i++)
	{
		const WideAnswer *a = &collect.answers[i];
		ValueEntry *e;

		if (count == 0 || value_name_cmp(entries[count - 1].name, entries[count - 1].len,
										 a->name, a->len) != 0)
		{
			check_dimension_name(a->len, count);
			e = &entries[count++];
			e->name = a->name;
			e->len = a->len;
		}
		e = &entries[count - 1];
		if (a->scored)
		{
			ValueDimension d = {e->n, e->missing, e->sum, e->m2, 0, 0};

			dimension_add(&d, a->x);
			e->n = d.n;
			e->sum = d.sum;
			e->m2 = d.m2;
		}
		else
			e->missing++;
	}
	v = value_build(collect.skipped, entries, count);
	PG_RETURN_POINTER(v);
}

/* merging */

/*
 * other merged into state: in place when state already has every dimension
 * of other, otherwise as a new summary in the current memory context.
 */
static CustomerValue *
value_merge_into(CustomerValue *state, const CustomerValue *other)
{
	int			missing_dims = 0;
	ValueEntry *entries;
	int			i = 0;
	int			j = 0;
	int			count = 0;
	CustomerValue *result;

	for (int k = 0; k < other->ndims; k++)
		if (value_find(state, VALUE_NAME(other, k), other->dims[k].name_length, NULL) < 0)
			missing_dims++;
	if (missing_dims == 0)
	{
		for (int k = 0; k < other->ndims; k++)
		{
			const ValueDimension *o = &other->dims[k];
			ValueDimension *d = &state->dims[value_find(state, VALUE_NAME(other, k),
														o->name_length, NULL)];

			d->missing = cx_add_count(d->missing, o->missing);
			moments_combine(&d->n, &d->sum, &d->m2, o->n, o->sum, o->m2);
		}
		state->skipped = cx_add_count(state->skipped, other->skipped);
		return state;
	}
	if (state->ndims + missing_dims > VALUE_MAX_DIMENSIONS)
		ereport(ERROR,
				errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				errmsg("a cx.customer_value holds at most %d dimensions",
					   VALUE_MAX_DIMENSIONS));
	entries = palloc((state->ndims + missing_dims) * sizeof(ValueEntry));
	while (i < state->ndims || j < other->ndims)
	{
		int			c;

		if (i == state->ndims)
			c = 1;
		else if (j == other->ndims)
			c = -1;
		else
			c = value_name_cmp(VALUE_NAME(state, i), state->dims[i].name_length,
							   VALUE_NAME(other, j), other->dims[j].name_length);
		if (c <= 0)
		{
			entry_of(state, i++, &entries[count]);
			if (c == 0)
			{
				const ValueDimension *o = &other->dims[j++];

				entries[count].missing = cx_add_count(entries[count].missing, o->missing);
				moments_combine(&entries[count].n, &entries[count].sum,
								&entries[count].m2, o->n, o->sum, o->m2);
			}
		}
		else
			entry_of(other, j++, &entries[count]);
		count++;
	}
	result = value_build(cx_add_count(state->skipped, other->skipped), entries, count);
	pfree(entries);
	return result;
}

PG_FUNCTION_INFO_V1(cx_customer_value_merge);
/* cx.merge(cx.customer_value) transition and combine: add a summary. */
Datum
cx_customer_value_merge(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_POINTER(value_state(fcinfo));
	}
	PG_RETURN_POINTER(value_merge_into(value_state(fcinfo),
									   PG_GETARG_CUSTOMER_VALUE_P(1)));
}

/* accessors */

/* The dimension named by argument argno, or NULL when v does not have it. */
static const ValueDimension *
dimension_arg(FunctionCallInfo fcinfo, const CustomerValue *v, int argno)
{
	text	   *name = PG_GETARG_TEXT_PP(argno);
	int			i = value_find(v, VARDATA_ANY(name), VARSIZE_ANY_EXHDR(name), NULL);

	return i < 0 ? NULL : &v->dims[i];
}

PG_FUNCTION_INFO_V1(cx_customer_value_n);
/* cx.n(value): answers with a score, over every dimension. */
Datum
cx_customer_value_n(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(value_total(PG_GETARG_CUSTOMER_VALUE_P(0), false));
}

PG_FUNCTION_INFO_V1(cx_customer_value_n_of);
/* cx.n(value, dimension): answers with a score in one dimension. */
Datum
cx_customer_value_n_of(PG_FUNCTION_ARGS)
{
	const ValueDimension *d = dimension_arg(fcinfo, PG_GETARG_CUSTOMER_VALUE_P(0), 1);

	PG_RETURN_INT64(d ? d->n : 0);
}

PG_FUNCTION_INFO_V1(cx_customer_value_missing);
/* cx.missing(value): answers whose score was NULL, over every dimension. */
Datum
cx_customer_value_missing(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(value_total(PG_GETARG_CUSTOMER_VALUE_P(0), true));
}

PG_FUNCTION_INFO_V1(cx_customer_value_missing_of);
/* cx.missing(value, dimension): NULL scores in one dimension. */
Datum
cx_customer_value_missing_of(PG_FUNCTION_ARGS)
{
	const ValueDimension *d = dimension_arg(fcinfo, PG_GETARG_CUSTOMER_VALUE_P(0), 1);

	PG_RETURN_INT64(d ? d->missing : 0);
}

PG_FUNCTION_INFO_V1(cx_customer_value_skipped);
/* cx.skipped(value): answers skipped because their dimension was NULL. */
Datum
cx_customer_value_skipped(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(PG_GETARG_CUSTOMER_VALUE_P(0)->skipped);
}

PG_FUNCTION_INFO_V1(cx_customer_value_mean);
/* cx.mean(value, dimension): the mean normalised score, or NULL. */
Datum
cx_customer_value_mean(PG_FUNCTION_ARGS)
{
	const ValueDimension *d = dimension_arg(fcinfo, PG_GETARG_CUSTOMER_VALUE_P(0), 1);

	if (d == NULL || d->n == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(d->sum / d->n);
}

PG_FUNCTION_INFO_V1(cx_customer_value_variance);
/* cx.variance(value, dimension): sample variance of normalised scores. */
Datum
cx_customer_value_variance(PG_FUNCTION_ARGS)
{
	const ValueDimension *d = dimension_arg(fcinfo, PG_GETARG_CUSTOMER_VALUE_P(0), 1);

	if (d == NULL || d->n < 2)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(d->m2 / (d->n - 1));
}

PG_FUNCTION_INFO_V1(cx_customer_value_stddev);
/* cx.stddev(value, dimension): sample standard deviation of normalised scores. */
Datum
cx_customer_value_stddev(PG_FUNCTION_ARGS)
{
	const ValueDimension *d = dimension_arg(fcinfo, PG_GETARG_CUSTOMER_VALUE_P(0), 1);

	if (d == NULL || d->n < 2)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(sqrt(d->m2 / (d->n - 1)));
}

PG_FUNCTION_INFO_V1(cx_customer_value_dimensions);
/* cx.dimensions(value): the dimension names, in bytewise order. */
Datum
cx_customer_value_dimensions(PG_FUNCTION_ARGS)
{
	CustomerValue *v = PG_GETARG_CUSTOMER_VALUE_P(0);
	Datum	   *names = palloc(Max(v->ndims, 1) * sizeof(Datum));

	for (int i = 0; i < v->ndims; i++)
		names[i] = PointerGetDatum(cstring_to_text_with_len(VALUE_NAME(v, i),
															v->dims[i].name_length));
	PG_RETURN_ARRAYTYPE_P(construct_array(names, v->ndims, TEXTOID, -1, false,
										  TYPALIGN_INT));
}

