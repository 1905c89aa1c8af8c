/*
 * drivers.c
 *	  The cx.drivers summary (stored format in drivers.h): the count, means
 *	  and co-moment matrix of an outcome and up to 32 named drivers; its
 *	  aggregate and cx.merge, the one validator, text, binary and jsonb I/O,
 *	  byte-wise comparison and the plain accessors.  The analysis read from
 *	  a summary lives in drivers_stats.c.
 *
 * Rows are added by the multivariate form of Welford's update and summaries
 * merged with Chan, Golub and LeVeque's pairwise formula, so a merge of
 * partial summaries equals one pass up to float rounding, the counts
 * exactly.  Means are kept from a shift (the first row's values), so that a
 * variable far from 0 keeps the digits of its deviations: merged partials
 * then agree with one pass to about 1e-16 x spread / sd, whatever the
 * offset.
 */
#include "drivers.h"

#include <math.h>

#include "access/tupmacs.h"
#include "catalog/pg_type.h"
#include "common/hashfn.h"
#include "libpq/pqformat.h"
#include "mb/pg_wchar.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"

static const char *const type_name = "cx.drivers";

static Size
drivers_size(int k, Size names_len)
{
	int			K = k + 1;

	return add_size(add_size(DRIVERS_HEADER_SIZE,
							 mul_size(NFLOATS(K), sizeof(float8))),
					add_size(mul_size(k, sizeof(uint32)), names_len));
}

static Size
drivers_names_len(const Drivers *d)
{
	Size		len = 0;

	for (int i = 0; i < d->k; i++)
		len += NAME_LENGTHS(d)[i];
	return len;
}

/* A zeroed summary of k drivers with room for names_len bytes of names. */
static Drivers *
drivers_alloc(MemoryContext context, int k, Size names_len)
{
	Size		size = drivers_size(k, names_len);
	Drivers    *d = MemoryContextAllocZero(context, size);

	SET_VARSIZE(d, size);
	d->version = CX_FORMAT_VERSION;
	d->k = k;
	return d;
}

/* validation */

/*
 * The one validator behind text input, binary receive and every other way a
 * summary gets in.  Aggregates trust their states: every stored value went
 * through here.
 */
static bool
drivers_validate(const Drivers *d, CxSource source, struct Node *escontext)
{
	Size		size = VARSIZE(d);
	int			K;
	const char *names;
	Size		names_len = 0;

	if (size < DRIVERS_HEADER_SIZE)
		return cx_invalid(escontext, type_name, source, "The value is too short.");
	if (!cx_format_version_valid(escontext, d->version, type_name, source))
		return false;
	if (d->flags != 0 || d->reserved != 0 || d->reserved2 != 0)
		return cx_invalid(escontext, type_name, source, "Reserved fields must be zero.");
	if (d->k < 0 || d->k > DRIVERS_MAX)
		return cx_invalid(escontext, type_name, source, "The driver count is out of range.");
	if (size < drivers_size(d->k, 0))
		return cx_invalid(escontext, type_name, source, "The value is too short for its drivers.");
	for (int i = 0; i < d->k; i++)
	{
		uint32		len = NAME_LENGTHS(d)[i];

		if (len < 1 || len > DRIVERS_MAX_NAME)
			return cx_invalid(escontext, type_name, source, "A driver name is out of bounds.");
		names_len += len;
	}
	if (size != drivers_size(d->k, names_len))
		return cx_invalid(escontext, type_name, source, "The value has the wrong size for its names.");
	if (d->n < 0 || d->skipped < 0)
		return cx_invalid(escontext, type_name, source, "A count is negative.");
	if (d->k == 0 && (d->n != 0 || d->skipped != 0))
		return cx_invalid(escontext, type_name, source, "Rows are counted but no drivers are named.");
	K = d->k + 1;
	for (int i = 0; i < NFLOATS(K); i++)
	{
		double		x = d->data[i];

		if (!isfinite(x))
			return cx_invalid(escontext, type_name, source, "A shift, mean or co-moment is not finite.");
		if (d->n == 0 && x != 0)
			return cx_invalid(escontext, type_name, source, "Shifts, means and co-moments must be 0 without rows.");
		if (d->n == 1 && i >= K && x != 0)
			return cx_invalid(escontext, type_name, source, "Means and co-moments must be 0 with one row.");
	}
	for (int i = 0; i < K; i++)
		if (!(COMOMENTS(d)[tri_index(K, i, i)] >= 0
			  && COMOMENTS(d)[tri_index(K, i, i)] <= DRIVERS_MAX_SQUARES))
			return cx_invalid(escontext, type_name, source, "A sum of squared deviations is negative or above 1e300.");
	names = NAMES(d);
	for (int i = 0, offset = 0; i < d->k; i++)
	{
		uint32		len = NAME_LENGTHS(d)[i];

		if (memchr(names + offset, '\0', len) != NULL
			|| !pg_verifymbstr(names + offset, len, true))
			return cx_invalid(escontext, type_name, source,
					   "A driver name is not valid in the database encoding.");
		for (int j = 0, other = 0; j < i; j++)
		{
			if (NAME_LENGTHS(d)[j] == len && memcmp(names + other, names + offset, len) == 0)
				return cx_invalid(escontext, type_name, source, "Driver names must be distinct.");
			other += NAME_LENGTHS(d)[j];
		}
		offset += len;
	}
	return true;
}

/* One summary while it is being read: names, then the floats. */
typedef struct DriversParts
{
	int64		n;
	int64		skipped;
	int			k;
	char	   *names[DRIVERS_MAX];
	int			lengths[DRIVERS_MAX];
	double		floats[NFLOATS(DRIVERS_MAX + 1)];
	int			nfloats;
} DriversParts;

static Drivers *
drivers_from_parts(const DriversParts *p, CxSource source, struct Node *escontext)
{
	Size		names_len = 0;
	Drivers    *d;
	char	   *names;
	int			K = p->k + 1;

	if (p->nfloats != NFLOATS(K))
	{
		cx_invalid(escontext, type_name, source,
				   "The number of shifts, means or co-moments does not match the drivers.");
		return NULL;
	}
	for (int i = 0; i < p->k; i++)
	{
		if (p->lengths[i] < 1 || p->lengths[i] > DRIVERS_MAX_NAME)
		{
			cx_invalid(escontext, type_name, source, "A driver name is out of bounds.");
			return NULL;
		}
		names_len += p->lengths[i];
	}
	d = drivers_alloc(CurrentMemoryContext, p->k, names_len);
	d->n = p->n;
	d->skipped = p->skipped;
	memcpy(d->data, p->floats, p->nfloats * sizeof(double));
	names = NAMES(d);
	for (int i = 0; i < p->k; i++)
	{
		NAME_LENGTHS(d)[i] = p->lengths[i];
		memcpy(names, p->names[i], p->lengths[i]);
		names += p->lengths[i];
	}
	if (!drivers_validate(d, source, escontext))
		return NULL;
	return d;
}

/* text and binary I/O */

static void
read_float_list(CxCursor *c, DriversParts *p, int most)
{
	cx_expect(c, '{');
	if (cx_accept(c, '}'))
		return;
	do
	{
		if (!cx_cursor_failed(c) && p->nfloats >= most)
		{
			cx_invalid(c->escontext, type_name, CX_FROM_TEXT,
					   "The number of shifts, means or co-moments does not match the drivers.");
			cx_cursor_fail(c);
			return;
		}
		p->floats[p->nfloats++] = cx_read_float8(c);
	} while (cx_accept(c, ','));
	cx_expect(c, '}');
}

PG_FUNCTION_INFO_V1(cx_drivers_in);
/* Text input of cx.drivers. */
Datum
cx_drivers_in(PG_FUNCTION_ARGS)
{
	CxCursor	c;
	DriversParts *p = palloc0(sizeof(DriversParts));
	Drivers    *d;
	int			K;

	cx_cursor_init(&c, PG_GETARG_CSTRING(0), type_name, fcinfo->context);
	cx_expect(&c, '(');
	cx_expect_key(&c, "n");
	p->n = cx_read_int64(&c);
	cx_expect(&c, ',');
	cx_expect_key(&c, "skipped");
	p->skipped = cx_read_int64(&c);
	cx_expect(&c, ',');
	cx_expect_key(&c, "names");
	cx_expect(&c, '{');
	if (!cx_accept(&c, '}'))
	{
		do
		{
			if (!cx_cursor_failed(&c) && p->k >= DRIVERS_MAX)
			{
				cx_invalid(c.escontext, type_name, CX_FROM_TEXT,
						   "The driver count is out of range.");
				cx_cursor_fail(&c);
				break;
			}
			p->names[p->k] = cx_read_quoted(&c, &p->lengths[p->k]);
			p->k++;
		} while (cx_accept(&c, ','));
		cx_expect(&c, '}');
	}
	K = p->k + 1;
	cx_expect(&c, ',');
	cx_expect_key(&c, "shifts");
	read_float_list(&c, p, K);
	if (!cx_cursor_failed(&c) && p->nfloats != K)
	{
		cx_invalid(c.escontext, type_name, CX_FROM_TEXT,
				   "The number of shifts does not match the drivers.");
		cx_cursor_fail(&c);
	}
	cx_expect(&c, ',');
	cx_expect_key(&c, "means");
	read_float_list(&c, p, 2 * K);
	if (!cx_cursor_failed(&c) && p->nfloats != 2 * K)
	{
		cx_invalid(c.escontext, type_name, CX_FROM_TEXT,
				   "The number of means does not match the drivers.");
		cx_cursor_fail(&c);
	}
	cx_expect(&c, ',');
	cx_expect_key(&c, "comoments");
	read_float_list(&c, p, NFLOATS(K));
	cx_expect(&c, ')');
	cx_expect_end(&c);
	if (cx_cursor_failed(&c))
		PG_RETURN_NULL();
	d = drivers_from_parts(p, CX_FROM_TEXT, fcinfo->context);
	if (d == NULL)
		PG_RETURN_NULL();
	PG_RETURN_POINTER(d);
}

static void
append_float_list(StringInfo buf, const double *x, int count)
{
	appendStringInfoChar(buf, '{');
	for (int i = 0; i < count; i++)
	{
		if (i > 0)
			appendStringInfoChar(buf, ',');
		cx_append_float8(buf, x[i]);
	}
	appendStringInfoChar(buf, '}');
}

PG_FUNCTION_INFO_V1(cx_drivers_out);
/* Text output of cx.drivers; reads back to the identical value. */
Datum
cx_drivers_out(PG_FUNCTION_ARGS)
{
	Drivers    *d = PG_GETARG_DRIVERS_P(0);
	StringInfoData buf;
	const char *name = NAMES(d);
	int			K = d->k + 1;

	initStringInfo(&buf);
	appendStringInfo(&buf, "(n=" INT64_FORMAT ",skipped=" INT64_FORMAT ",names={",
					 d->n, d->skipped);
	for (int i = 0; i < d->k; i++)
	{
		if (i > 0)
			appendStringInfoChar(&buf, ',');
		cx_append_quoted(&buf, name, NAME_LENGTHS(d)[i]);
		name += NAME_LENGTHS(d)[i];
	}
	appendStringInfoString(&buf, "},shifts=");
	append_float_list(&buf, SHIFTS(d), K);
	appendStringInfoString(&buf, ",means=");
	append_float_list(&buf, MEANS(d), K);
	appendStringInfoString(&buf, ",comoments=");
	append_float_list(&buf, COMOMENTS(d), TRI(K));
	appendStringInfoChar(&buf, ')');
	PG_FREE_IF_COPY(d, 0);
	PG_RETURN_CSTRING(buf.data);
}

PG_FUNCTION_INFO_V1(cx_drivers_recv);
/* Binary input of cx.drivers, validated like text input. */
Datum
cx_drivers_recv(PG_FUNCTION_ARGS)
{
	StringInfo	msg = (StringInfo) PG_GETARG_POINTER(0);
	DriversParts *p = palloc0(sizeof(DriversParts));
	int			version;
	int			k;
	int			K;

	if (msg->len - msg->cursor < 2 + 8 + 8 + 4)
		cx_corrupt(type_name, CX_FROM_BINARY, "The value is too short.");
	version = pq_getmsgbyte(msg);
	cx_check_format_version(version, type_name, CX_FROM_BINARY);
	if (pq_getmsgbyte(msg) != 0)
		cx_corrupt(type_name, CX_FROM_BINARY, "Reserved fields must be zero.");
	p->n = pq_getmsgint64(msg);
	p->skipped = pq_getmsgint64(msg);
	k = pq_getmsgint(msg, 4);
	if (k < 0 || k > DRIVERS_MAX)
		cx_corrupt(type_name, CX_FROM_BINARY, "The driver count is out of range.");
	p->k = k;
	for (int i = 0; i < k; i++)
	{
		int			raw;

		if (msg->len - msg->cursor < 4)
			cx_corrupt(type_name, CX_FROM_BINARY, "The value is too short.");
		raw = pq_getmsgint(msg, 4);
		if (raw < 1 || raw > DRIVERS_MAX_NAME || raw > msg->len - msg->cursor)
			cx_corrupt(type_name, CX_FROM_BINARY, "A driver name is out of bounds.");
		p->names[i] = pq_getmsgtext(msg, raw, &p->lengths[i]);
	}
	K = k + 1;
	if (msg->len - msg->cursor != NFLOATS(K) * 8)
		cx_corrupt(type_name, CX_FROM_BINARY,
				   "The number of shifts, means or co-moments does not match the drivers.");
	for (int i = 0; i < NFLOATS(K); i++)
		p->floats[p->nfloats++] = pq_getmsgfloat8(msg);
	pq_getmsgend(msg);
	PG_RETURN_POINTER(drivers_from_parts(p, CX_FROM_BINARY, NULL));
}

PG_FUNCTION_INFO_V1(cx_drivers_send);
/* Binary output of cx.drivers, in network byte order. */
Datum
cx_drivers_send(PG_FUNCTION_ARGS)
{
	Drivers    *d = PG_GETARG_DRIVERS_P(0);
	StringInfoData buf;
	const char *name = NAMES(d);
	int			K = d->k + 1;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, d->version);
	pq_sendbyte(&buf, d->flags);
	pq_sendint64(&buf, d->n);
	pq_sendint64(&buf, d->skipped);
	pq_sendint32(&buf, d->k);
	for (int i = 0; i < d->k; i++)
	{
		int			len = NAME_LENGTHS(d)[i];
		char	   *converted = pg_server_to_client(name, len);

		/* converted is name itself when no conversion was needed */
		if (converted != name)
			len = strlen(converted);
		pq_sendint32(&buf, len);
		pq_sendbytes(&buf, converted, len);
		name += NAME_LENGTHS(d)[i];
	}
	for (int i = 0; i < NFLOATS(K); i++)
		pq_sendfloat8(&buf, d->data[i]);
	PG_FREE_IF_COPY(d, 0);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(cx_drivers_to_jsonb);
/* cx.to_jsonb(drivers), also the cast to jsonb: the whole summary. */
Datum
cx_drivers_to_jsonb(PG_FUNCTION_ARGS)
{
	Drivers    *d = PG_GETARG_DRIVERS_P(0);
	StringInfoData buf;
	const char *name = NAMES(d);
	int			K = d->k + 1;

	initStringInfo(&buf);
	appendStringInfo(&buf, "{\"n\": " INT64_FORMAT ", \"skipped\": " INT64_FORMAT
					 ", \"drivers\": [", d->n, d->skipped);
	for (int i = 0; i < d->k; i++)
	{
		if (i > 0)
			appendStringInfoString(&buf, ", ");
		cx_append_json_string(&buf, name, NAME_LENGTHS(d)[i]);
		name += NAME_LENGTHS(d)[i];
	}
	appendStringInfoString(&buf, "], \"means\": [");
	for (int i = 0; i < K; i++)
	{
		if (i > 0)
			appendStringInfoString(&buf, ", ");
		cx_append_float8(&buf, SHIFTS(d)[i] + MEANS(d)[i]);
	}
	appendStringInfoString(&buf, "], \"comoments\": [");
	for (int i = 0; i < TRI(K); i++)
	{
		if (i > 0)
			appendStringInfoString(&buf, ", ");
		cx_append_float8(&buf, COMOMENTS(d)[i]);
	}
	appendStringInfoString(&buf, "]}");
	PG_RETURN_DATUM(DirectFunctionCall1(jsonb_in, CStringGetDatum(buf.data)));
}

/* the aggregate */

/*
 * The state to update: in place inside an aggregate, a fresh copy when the
 * function is called directly (so a stored value is never modified).
 */
static Drivers *
drivers_state(FunctionCallInfo fcinfo)
{
	MemoryContext aggcontext = cx_aggregate_context(fcinfo);
	Drivers    *state;

	if (PG_ARGISNULL(0))
		return drivers_alloc(aggcontext ? aggcontext : CurrentMemoryContext, 0, 0);
	state = PG_GETARG_DRIVERS_P(0);
	if (aggcontext == NULL && (Pointer) state == DatumGetPointer(PG_GETARG_DATUM(0)))
	{
		Drivers    *copy = palloc(VARSIZE(state));

		memcpy(copy, state, VARSIZE(state));
		state = copy;
	}
	return state;
}

static void
check_one_dimensional(ArrayType *a, const char *what)
{
	if (ARR_NDIM(a) > 1)
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("%s must be a one-dimensional array, got %d dimensions",
					   what, ARR_NDIM(a)));
}

/* The elements of an array without NULLs (ARR_DATA_PTR trips -Wsign-compare). */
static inline const char *
array_data_nonulls(ArrayType *a)
{
	return (const char *) a + ARR_OVERHEAD_NONULLS(ARR_NDIM(a));
}

/*
 * Whether the names array equals the names of state, which has drivers.
 * Walks the array in place: no allocation per row.
 */
static bool
names_match_slow(const Drivers *state, ArrayType *names, int count)
{
	const char *p;
	const char *mine = NAMES(state);

	if (count != state->k || ARR_HASNULL(names))
		return false;
	p = array_data_nonulls(names);
	for (int i = 0; i < count; i++)
	{
		const text *t = (const text *) p;
		int			len = VARSIZE_ANY_EXHDR(t);

		if (len != (int) NAME_LENGTHS(state)[i] || memcmp(VARDATA_ANY(t), mine, len) != 0)
			return false;
		mine += len;
		p = att_addlength_pointer(p, -1, p);
		p = (const char *) att_align_nominal(p, TYPALIGN_INT);
	}
	return true;
}

/*
 * The last names array that matched a state's names, and those names (the
 * state's name lengths and bytes), kept in fn_extra: the names are usually
 * one constant, so most rows cost two memcmp calls.
 */
typedef struct NamesCache
{
	Size		array_size;
	Size		names_size;
	char	   *array;
	char	   *names;
} NamesCache;

static bool
names_match(FunctionCallInfo fcinfo, const Drivers *state, ArrayType *names, int count)
{
	NamesCache *cache = fcinfo->flinfo->fn_extra;
	const char *state_names = (const char *) NAME_LENGTHS(state);
	Size		names_size = VARSIZE(state) - (state_names - (const char *) state);

	if (cache && cache->array_size == VARSIZE(names) && cache->names_size == names_size
		&& memcmp(cache->array, names, cache->array_size) == 0
		&& memcmp(cache->names, state_names, names_size) == 0)
		return true;
	if (!names_match_slow(state, names, count))
		return false;
	if (cache == NULL)
		cache = fcinfo->flinfo->fn_extra =
			MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(NamesCache));
	if (cache->array)
		pfree(cache->array);
	if (cache->names)
		pfree(cache->names);
	cache->array = MemoryContextAlloc(fcinfo->flinfo->fn_mcxt, VARSIZE(names));
	memcpy(cache->array, names, VARSIZE(names));
	cache->array_size = VARSIZE(names);
	cache->names = MemoryContextAlloc(fcinfo->flinfo->fn_mcxt, names_size);
	memcpy(cache->names, state_names, names_size);
	cache->names_size = names_size;
	return true;
}

/* A summary of the drivers called names, without rows, in the current context. */
static Drivers *
drivers_named(ArrayType *names, int count)
{
	Datum	   *elems;
	bool	   *nulls;
	int			n;
	Size		names_len = 0;
	Drivers    *d;
	char	   *dest;

	if (count == 0)
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("a driver analysis needs at least one driver"));
	if (count > DRIVERS_MAX)
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("a driver analysis takes at most %d drivers, got %d",
					   DRIVERS_MAX, count));
	deconstruct_array(names, TEXTOID, -1, false, TYPALIGN_INT, &elems, &nulls, &n);
	for (int i = 0; i < n; i++)
	{
		int			len;

		if (nulls[i])
			ereport(ERROR,
					errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					errmsg("driver names must not be NULL"));
		len = VARSIZE_ANY_EXHDR(DatumGetPointer(elems[i]));
		if (len < 1 || len > DRIVERS_MAX_NAME)
			ereport(ERROR,
					errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					errmsg("a driver name must be 1 to %d bytes long", DRIVERS_MAX_NAME));
		for (int j = 0; j < i; j++)
			if ((int) VARSIZE_ANY_EXHDR(DatumGetPointer(elems[j])) == len
				&& memcmp(VARDATA_ANY(DatumGetPointer(elems[j])),
						  VARDATA_ANY(DatumGetPointer(elems[i])), len) == 0)
				ereport(ERROR,
						errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						errmsg("driver \"%s\" is named twice",
							   text_to_cstring((text *) DatumGetPointer(elems[i]))));
		names_len += len;
	}
	d = drivers_alloc(CurrentMemoryContext, n, names_len);
	dest = NAMES(d);
	for (int i = 0; i < n; i++)
	{
		int			len = VARSIZE_ANY_EXHDR(DatumGetPointer(elems[i]));

		NAME_LENGTHS(d)[i] = len;
		memcpy(dest, VARDATA_ANY(DatumGetPointer(elems[i])), len);
		dest += len;
	}
	return d;
}

pg_noreturn
static void
names_differ(void)
{
	ereport(ERROR,
			errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			errmsg("the driver names must be the same on every row"),
			errhint("Pass the same names array, in the same order, with every row of one driver analysis."));
}

pg_noreturn
static void
out_of_range(void)
{
	ereport(ERROR,
			errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			errmsg("driver analysis values out of range"),
			errdetail("The outcome and drivers must be finite, and their sums of squared deviations at most 1e300."));
}

/*
 * The means are finite and every sum of squared deviations at most
 * DRIVERS_MAX_SQUARES, which bounds the co-moments too (|C_ij| <= sqrt(C_ii
 * C_jj)), so none of them can overflow.
 */
static inline void
check_moments(const Drivers *d)
{
	int			K = d->k + 1;
	bool		ok = true;

	for (int i = 0; i < K; i++)
		ok &= isfinite(SHIFTS(d)[i]) & isfinite(MEANS(d)[i])
			& (COMOMENTS(d)[tri_index(K, i, i)] <= DRIVERS_MAX_SQUARES);
	if (!ok)
		out_of_range();
}

/*
 * Welford's update of the means and co-moments with one row of K values:
 * C[i][j] += (n / (n + 1)) d[i] d[j], d the deviations from the old means.
 */
static inline void
drivers_add_row(Drivers *d, const double *x)
{
	int			K = d->k + 1;
	double		dev[DRIVERS_MAX + 1];
	double	   *shift = SHIFTS(d);
	double	   *mean = MEANS(d);
	double	   *c = COMOMENTS(d);
	double		n1 = (double) d->n + 1.0;
	double		f = (double) d->n / n1;

	if (d->n == 0)
	{
		/* the first row is the origin: its deviations are all 0 */
		for (int i = 0; i < K; i++)
			shift[i] = x[i];
		check_moments(d);
		d->n = 1;
		return;
	}
	for (int i = 0; i < K; i++)
	{
		dev[i] = (x[i] - shift[i]) - mean[i];
		mean[i] += dev[i] / n1;
	}
	for (int i = 0; i < K; i++)
	{
		double		e = dev[i] * f;

		for (int j = i; j < K; j++)
			*c++ += e * dev[j];
	}
	check_moments(d);
	d->n = cx_add_count(d->n, 1);
}

PG_FUNCTION_INFO_V1(cx_drivers_add);
/* cx.drivers_agg(outcome, drivers[], names[]) transition: add one row. */
Datum
cx_drivers_add(PG_FUNCTION_ARGS)
{
	Drivers    *state = drivers_state(fcinfo);
	ArrayType  *names;
	ArrayType  *drivers = NULL;
	int			count;
	double		x[DRIVERS_MAX + 1];

	if (PG_ARGISNULL(3))
		ereport(ERROR,
				errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				errmsg("the driver names must not be NULL"));
	names = PG_GETARG_ARRAYTYPE_P(3);
	check_one_dimensional(names, "names");
	count = ArrayGetNItems(ARR_NDIM(names), ARR_DIMS(names));
	if (!PG_ARGISNULL(2))
	{
		drivers = PG_GETARG_ARRAYTYPE_P(2);
		check_one_dimensional(drivers, "drivers");
		if (ArrayGetNItems(ARR_NDIM(drivers), ARR_DIMS(drivers)) != count)
			ereport(ERROR,
					errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					errmsg("drivers and names must have the same length, got %d and %d",
						   ArrayGetNItems(ARR_NDIM(drivers), ARR_DIMS(drivers)), count));
	}
	if (state->k == 0)
	{
		Drivers    *named = drivers_named(names, count);

		named->skipped = state->skipped;
		state = named;
	}
	else if (!names_match(fcinfo, state, names, count))
		names_differ();

	if (drivers == NULL || PG_ARGISNULL(1) || ARR_HASNULL(drivers))
	{
		state->skipped = cx_add_count(state->skipped, 1);
		PG_RETURN_POINTER(state);
	}
	if (ARR_ELEMTYPE(drivers) != FLOAT8OID)
		elog(ERROR, "drivers must be a float8 array");
	x[0] = PG_GETARG_FLOAT8(1);
	memcpy(x + 1, array_data_nonulls(drivers), count * sizeof(double));
	drivers_add_row(state, x);
	PG_RETURN_POINTER(state);
}

/*
 * Chan, Golub and LeVeque's combination of other into state (same drivers):
 * C = C + C' + delta delta' n n' / (n + n'), delta the difference of the
 * means.
 */
static void
drivers_combine(Drivers *state, const Drivers *other)
{
	int			K = state->k + 1;
	double		delta[DRIVERS_MAX + 1];
	double	   *mean = MEANS(state);
	double	   *c = COMOMENTS(state);
	const double *oc = COMOMENTS(other);
	int64		total;
	double		w;
	double		share;

	state->skipped = cx_add_count(state->skipped, other->skipped);
	if (other->n == 0)
		return;
	if (state->n == 0)
	{
		memcpy(state->data, other->data, NFLOATS(K) * sizeof(double));
		state->n = other->n;
		return;
	}
	total = cx_add_count(state->n, other->n);
	share = (double) other->n / (double) total;
	w = (double) state->n * share;
	for (int i = 0; i < K; i++)
	{
		delta[i] = (SHIFTS(other)[i] - SHIFTS(state)[i]) + (MEANS(other)[i] - mean[i]);
		mean[i] += delta[i] * share;
	}
	for (int i = 0; i < K; i++)
		for (int j = i; j < K; j++)
		{
			*c += *oc + delta[i] * delta[j] * w;
			c++;
			oc++;
		}
	state->n = total;
	check_moments(state);
}

static bool
same_names(const Drivers *a, const Drivers *b)
{
	return a->k == b->k
		&& memcmp(NAME_LENGTHS(a), NAME_LENGTHS(b), a->k * sizeof(uint32)) == 0
		&& memcmp(NAMES(a), NAMES(b), drivers_names_len(a)) == 0;
}

PG_FUNCTION_INFO_V1(cx_drivers_merge);
/* cx.merge(cx.drivers) transition and combine: add a summary. */
Datum
cx_drivers_merge(PG_FUNCTION_ARGS)
{
	Drivers    *state;
	Drivers    *other;

	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_POINTER(drivers_state(fcinfo));
	}
	state = drivers_state(fcinfo);
	other = PG_GETARG_DRIVERS_P(1);
	if (other->k == 0)
		PG_RETURN_POINTER(state);
	if (state->k == 0)
	{
		Drivers    *copy = palloc(VARSIZE(other));

		memcpy(copy, other, VARSIZE(other));
		PG_RETURN_POINTER(copy);
	}
	if (!same_names(state, other))
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("cannot merge driver analyses of different drivers"),
				errhint("Summaries merge only when their names are the same, in the same order."));
	drivers_combine(state, other);
	PG_RETURN_POINTER(state);
}

/* plain accessors */

PG_FUNCTION_INFO_V1(cx_drivers_n);
/* cx.n(drivers): rows summarised (without a NULL). */
Datum
cx_drivers_n(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(PG_GETARG_DRIVERS_P(0)->n);
}

PG_FUNCTION_INFO_V1(cx_drivers_skipped);
/* cx.skipped(drivers): rows skipped because of a NULL. */
Datum
cx_drivers_skipped(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(PG_GETARG_DRIVERS_P(0)->skipped);
}

PG_FUNCTION_INFO_V1(cx_drivers_names);
/* cx.names(drivers): the driver names, in the order given. */
Datum
cx_drivers_names(PG_FUNCTION_ARGS)
{
	Drivers    *d = PG_GETARG_DRIVERS_P(0);
	Datum	   *names = palloc(Max(d->k, 1) * sizeof(Datum));
	const char *p = NAMES(d);

	for (int i = 0; i < d->k; i++)
	{
		names[i] = PointerGetDatum(cstring_to_text_with_len(p, NAME_LENGTHS(d)[i]));
		p += NAME_LENGTHS(d)[i];
	}
	PG_RETURN_ARRAYTYPE_P(construct_array(names, d->k, TEXTOID, -1, false, TYPALIGN_INT));
}

/* The name of driver i as a NUL-terminated palloc'd string, for messages. */
char *
driver_name(const Drivers *d, int i)
{
	const char *p = NAMES(d);

	for (int j = 0; j < i; j++)
		p += NAME_LENGTHS(d)[j];
	return pnstrdup(p, NAME_LENGTHS(d)[i]);
}
