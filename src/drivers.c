/*
 * drivers.c
 *	  The cx.drivers summary: the count, means and co-moment matrix of an
 *	  outcome and up to 32 named drivers, its aggregate and cx.merge, text,
 *	  binary and jsonb I/O, byte-wise comparison, and the driver analysis
 *	  read from it: correlations, ordinary least squares with an intercept,
 *	  R squared and the LMG / Shapley decomposition of R squared.
 *
 * Stored format (a varlena, 32 + 8 x (2K + K(K+1)/2) + 4 x k bytes plus the
 * names, where k is the number of drivers and K = k + 1):
 *
 *	 int32  varlena header
 *	 uint8  format version (1)
 *	 uint8  flags, reserved, always 0
 *	 uint16 reserved, always 0
 *	 int32  k               drivers, 0 .. 32 (0 only in the empty summary)
 *	 uint32 reserved, always 0
 *	 int64  n               rows summarised
 *	 int64  skipped         rows skipped because of a NULL
 *	 float8 shifts[K]       a value of each variable (the first row's), the
 *	                        origin the means are kept from: the outcome's,
 *	                        then each driver's
 *	 float8 means[K]        mean - shift of each variable
 *	 float8 comoments[K(K+1)/2]
 *	                        sums of products of deviations from the means,
 *	                        upper triangle row by row: (0,0), (0,1) .. (0,k),
 *	                        (1,1) .. (k,k); variable 0 is the outcome
 *	 uint32 name_length[k]  1 .. 255 bytes each
 *	 then the names, concatenated, in the order the aggregate was given them.
 *
 * The empty summary (no row yet) has k = 0, n = skipped = 0 and one zero
 * shift, mean and co-moment.  With n = 0 every shift, mean and co-moment is
 * 0; with n = 1 every mean and co-moment is 0; diagonal co-moments lie in
 * [0, 1e300]; every float is finite.  Names are distinct and valid in the database encoding.
 *
 * Text form:
 *	 (n=3,skipped=1,names={"price","speed"},shifts={...},means={...},comoments={...})
 * with floats in their shortest exact decimal (so text round-trips exactly).
 * Binary form: version and flags (one byte each), n and skipped (int64), k
 * (int32), each name (int32 length and the bytes, in the client encoding),
 * then the K shifts, K means and K(K+1)/2 co-moments (float8).
 *
 * Rows are added by the multivariate form of Welford's update and summaries
 * merged with Chan, Golub and LeVeque's pairwise formula, so a merge of
 * partial summaries equals one pass up to float rounding, the counts
 * exactly.  Means are kept from a shift (the first row's values), so that a
 * variable far from 0 keeps the digits of its deviations: merged partials
 * then agree with one pass to about 1e-16 x spread / sd, whatever the
 * offset.
 */
#include "cxvalue.h"

#include <math.h>

#include "access/tupmacs.h"
#include "catalog/pg_type.h"
#include "common/hashfn.h"
#include "common/pg_prng.h"
#include "funcapi.h"
#include "libpq/pqformat.h"
#include "mb/pg_wchar.h"
#include "port/pg_bitutils.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"

#define DRIVERS_MAX 32
#define DRIVERS_MAX_NAME 255
/* subsets up to this many drivers are enumerated exactly by cx.importance */
#define DRIVERS_EXACT_SHAPLEY 12
/* above it, this many random orderings, each with its reverse */
#define DRIVERS_SHAPLEY_PAIRS 5000
#define DRIVERS_SHAPLEY_SEED UINT64CONST(20260815)
/*
 * A driver whose correlation-scaled pivot (1 - R squared of it on the
 * drivers before it) falls below this counts as collinear: its variance
 * inflation factor would exceed 1e10.
 */
#define DRIVERS_COLLINEAR 1e-10
/* a bound on the sums of squares that keeps every co-moment finite */
#define DRIVERS_MAX_SQUARES 1e300

static const char *const type_name = "cx.drivers";

typedef struct Drivers
{
	int32		vl_len_;
	uint8		version;
	uint8		flags;			/* reserved, always 0 */
	uint16		reserved;		/* always 0 */
	int32		k;				/* drivers */
	uint32		reserved2;		/* always 0 */
	int64		n;				/* rows summarised */
	int64		skipped;		/* rows skipped because of a NULL */
	float8		data[FLEXIBLE_ARRAY_MEMBER];	/* shifts, means, co-moments */
} Drivers;

#define DRIVERS_HEADER_SIZE offsetof(Drivers, data)
#define TRI(K) ((K) * ((K) + 1) / 2)
/* floats of a summary of K variables: shifts, means, co-moments */
#define NFLOATS(K) (2 * (K) + TRI(K))
#define SHIFTS(d) ((d)->data)
#define MEANS(d) ((d)->data + (d)->k + 1)
#define COMOMENTS(d) ((d)->data + 2 * ((d)->k + 1))
#define NAME_LENGTHS(d) ((uint32 *) ((d)->data + NFLOATS((d)->k + 1)))
#define NAMES(d) ((char *) (NAME_LENGTHS(d) + (d)->k))

#define PG_GETARG_DRIVERS_P(n) ((Drivers *) PG_DETOAST_DATUM(PG_GETARG_DATUM(n)))

/* index of (i, j), i <= j, in a packed upper triangle of order K */
static inline int
tri_index(int K, int i, int j)
{
	return i * K - i * (i + 1) / 2 + j;
}

static inline double
comoment(const Drivers *d, int i, int j)
{
	return COMOMENTS(d)[i <= j ? tri_index(d->k + 1, i, j) : tri_index(d->k + 1, j, i)];
}

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

/* The name of driver i as a NUL-terminated palloc'd string, for messages. */
static char *
driver_name(const Drivers *d, int i)
{
	const char *p = NAMES(d);

	for (int j = 0; j < i; j++)
		p += NAME_LENGTHS(d)[j];
	return pnstrdup(p, NAME_LENGTHS(d)[i]);
}

/* validation */

/*
 * The one validator behind text input, binary receive and every other way a
 * summary gets in.  Aggregates trust their states: every stored value went
 * through here.
 */
static void
drivers_validate(const Drivers *d, CxSource source)
{
	Size		size = VARSIZE(d);
	int			K;
	const char *names;
	Size		names_len = 0;

	if (size < DRIVERS_HEADER_SIZE)
		cx_corrupt(type_name, source, "The value is too short.");
	cx_check_format_version(d->version, type_name, source);
	if (d->flags != 0 || d->reserved != 0 || d->reserved2 != 0)
		cx_corrupt(type_name, source, "Reserved fields must be zero.");
	if (d->k < 0 || d->k > DRIVERS_MAX)
		cx_corrupt(type_name, source, "The driver count is out of range.");
	if (size < drivers_size(d->k, 0))
		cx_corrupt(type_name, source, "The value is too short for its drivers.");
	for (int i = 0; i < d->k; i++)
	{
		uint32		len = NAME_LENGTHS(d)[i];

		if (len < 1 || len > DRIVERS_MAX_NAME)
			cx_corrupt(type_name, source, "A driver name is out of bounds.");
		names_len += len;
	}
	if (size != drivers_size(d->k, names_len))
		cx_corrupt(type_name, source, "The value has the wrong size for its names.");
	if (d->n < 0 || d->skipped < 0)
		cx_corrupt(type_name, source, "A count is negative.");
	if (d->k == 0 && (d->n != 0 || d->skipped != 0))
		cx_corrupt(type_name, source, "Rows are counted but no drivers are named.");
	K = d->k + 1;
	for (int i = 0; i < NFLOATS(K); i++)
	{
		double		x = d->data[i];

		if (!isfinite(x))
			cx_corrupt(type_name, source, "A shift, mean or co-moment is not finite.");
		if (d->n == 0 && x != 0)
			cx_corrupt(type_name, source, "Shifts, means and co-moments must be 0 without rows.");
		if (d->n == 1 && i >= K && x != 0)
			cx_corrupt(type_name, source, "Means and co-moments must be 0 with one row.");
	}
	for (int i = 0; i < K; i++)
		if (!(COMOMENTS(d)[tri_index(K, i, i)] >= 0
			  && COMOMENTS(d)[tri_index(K, i, i)] <= DRIVERS_MAX_SQUARES))
			cx_corrupt(type_name, source, "A sum of squared deviations is negative or above 1e300.");
	names = NAMES(d);
	for (int i = 0, offset = 0; i < d->k; i++)
	{
		uint32		len = NAME_LENGTHS(d)[i];

		if (memchr(names + offset, '\0', len) != NULL
			|| !pg_verifymbstr(names + offset, len, true))
			cx_corrupt(type_name, source,
					   "A driver name is not valid in the database encoding.");
		for (int j = 0, other = 0; j < i; j++)
		{
			if (NAME_LENGTHS(d)[j] == len && memcmp(names + other, names + offset, len) == 0)
				cx_corrupt(type_name, source, "Driver names must be distinct.");
			other += NAME_LENGTHS(d)[j];
		}
		offset += len;
	}
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
drivers_from_parts(const DriversParts *p, CxSource source)
{
	Size		names_len = 0;
	Drivers    *d;
	char	   *names;
	int			K = p->k + 1;

	if (p->nfloats != NFLOATS(K))
		cx_corrupt(type_name, source,
				   "The number of shifts, means or co-moments does not match the drivers.");
	for (int i = 0; i < p->k; i++)
	{
		if (p->lengths[i] < 1 || p->lengths[i] > DRIVERS_MAX_NAME)
			cx_corrupt(type_name, source, "A driver name is out of bounds.");
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
	drivers_validate(d, source);
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
		if (p->nfloats >= most)
			cx_corrupt(type_name, CX_FROM_TEXT,
					   "The number of shifts, means or co-moments does not match the drivers.");
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
	int			K;

	cx_cursor_init(&c, PG_GETARG_CSTRING(0), type_name);
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
			if (p->k >= DRIVERS_MAX)
				cx_corrupt(type_name, CX_FROM_TEXT, "The driver count is out of range.");
			p->names[p->k] = cx_read_quoted(&c, &p->lengths[p->k]);
			p->k++;
		} while (cx_accept(&c, ','));
		cx_expect(&c, '}');
	}
	K = p->k + 1;
	cx_expect(&c, ',');
	cx_expect_key(&c, "shifts");
	read_float_list(&c, p, K);
	if (p->nfloats != K)
		cx_corrupt(type_name, CX_FROM_TEXT,
				   "The number of shifts does not match the drivers.");
	cx_expect(&c, ',');
	cx_expect_key(&c, "means");
	read_float_list(&c, p, 2 * K);
	if (p->nfloats != 2 * K)
		cx_corrupt(type_name, CX_FROM_TEXT,
				   "The number of means does not match the drivers.");
	cx_expect(&c, ',');
	cx_expect_key(&c, "comoments");
	read_float_list(&c, p, NFLOATS(K));
	cx_expect(&c, ')');
	cx_expect_end(&c);
	PG_RETURN_POINTER(drivers_from_parts(p, CX_FROM_TEXT));
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
	PG_RETURN_POINTER(drivers_from_parts(p, CX_FROM_BINARY));
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

/* comparison on bytes */

static int
drivers_cmp_internal(FunctionCallInfo fcinfo)
{
	Drivers    *a = PG_GETARG_DRIVERS_P(0);
	Drivers    *b = PG_GETARG_DRIVERS_P(1);
	Size		la = VARSIZE(a);
	Size		lb = VARSIZE(b);
	int			c = memcmp(a, b, Min(la, lb));

	if (c == 0)
		c = la < lb ? -1 : la > lb ? 1 : 0;
	else
		c = c < 0 ? -1 : 1;
	PG_FREE_IF_COPY(a, 0);
	PG_FREE_IF_COPY(b, 1);
	return c;
}

PG_FUNCTION_INFO_V1(cx_drivers_cmp);
/* Btree support: byte-wise order of two summaries (identical bytes are equal). */
Datum
cx_drivers_cmp(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(drivers_cmp_internal(fcinfo));
}

PG_FUNCTION_INFO_V1(cx_drivers_eq);
/* The = operator: the two summaries have identical bytes. */
Datum
cx_drivers_eq(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(drivers_cmp_internal(fcinfo) == 0);
}

PG_FUNCTION_INFO_V1(cx_drivers_ne);
/* The <> operator. */
Datum
cx_drivers_ne(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(drivers_cmp_internal(fcinfo) != 0);
}

PG_FUNCTION_INFO_V1(cx_drivers_lt);
/* The < operator (byte-wise order, for btree). */
Datum
cx_drivers_lt(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(drivers_cmp_internal(fcinfo) < 0);
}

PG_FUNCTION_INFO_V1(cx_drivers_le);
/* The <= operator. */
Datum
cx_drivers_le(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(drivers_cmp_internal(fcinfo) <= 0);
}

PG_FUNCTION_INFO_V1(cx_drivers_gt);
/* The > operator. */
Datum
cx_drivers_gt(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(drivers_cmp_internal(fcinfo) > 0);
}

PG_FUNCTION_INFO_V1(cx_drivers_ge);
/* The >= operator. */
Datum
cx_drivers_ge(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(drivers_cmp_internal(fcinfo) >= 0);
}

PG_FUNCTION_INFO_V1(cx_drivers_hash);
/* Hash support: a hash of the bytes. */
Datum
cx_drivers_hash(PG_FUNCTION_ARGS)
{
	Drivers    *d = PG_GETARG_DRIVERS_P(0);
	Datum		h = hash_any((unsigned char *) d, VARSIZE(d));

	PG_FREE_IF_COPY(d, 0);
	return h;
}

PG_FUNCTION_INFO_V1(cx_drivers_hash_extended);
/* Extended hash support: a seeded 64-bit hash of the bytes. */
Datum
cx_drivers_hash_extended(PG_FUNCTION_ARGS)
{
	Drivers    *d = PG_GETARG_DRIVERS_P(0);
	Datum		h = hash_any_extended((unsigned char *) d, VARSIZE(d),
									  PG_GETARG_INT64(1));

	PG_FREE_IF_COPY(d, 0);
	return h;
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

pg_attribute_noreturn()
static void
names_differ(void)
{
	ereport(ERROR,
			errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			errmsg("the driver names must be the same on every row"),
			errhint("Pass the same names array, in the same order, with every row of one driver analysis."));
}

pg_attribute_noreturn()
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
 * in the span of those before it and adds nothing.
 */
static double
subset_r2(const double *r, int K, const int *order, int m, double *inc)
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
			continue;
		}
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
	PG_RETURN_FLOAT8(subset_r2(r, d->k + 1, order, d->k, NULL));
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
pg_attribute_noreturn()
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
			r2[mask] = subset_r2(r, K, order, m, NULL);
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
			subset_r2(r, K, order, k, inc);
			for (int i = 0; i < k; i++)
				phi[order[i] - 1] += inc[i];
			for (int i = 0; i < k; i++)
				reversed[i] = order[k - 1 - i];
			subset_r2(r, K, reversed, k, inc);
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
