/*
 * quadrant.c
 *	  Osborne's co-production quadrants: the classifiers and the
 *	  cx.quadrant_profile summary with its aggregates and accessors.
 *
 * Stored format of cx.quadrant_profile (a fixed-size varlena, 88 bytes):
 *
 *	 int32  varlena header
 *	 uint8  format version (1)
 *	 uint8  flags, reserved, always 0
 *	 uint16 reserved, always 0
 *	 int64  count[4]        rows per quadrant, in cx.quadrant order
 *	 int64  skipped         rows with a NULL argument
 *	 int64  scored          rows classified from scores rather than booleans
 *	 int64  sum_hi[2], sum_lo[2]
 *	                        sums of voluntariness and system locus over the
 *	                        scored rows, as 128-bit fixed-point numbers
 *
 * The sums are fixed-point (units of 2^-62) rather than float8 so that
 * adding and removing rows is exact integer arithmetic: merged partials are
 * byte-identical to one pass in any order, and the moving-aggregate inverse
 * undoes a row exactly.  Every score in [2^-10, 1] is represented without
 * loss; smaller ones are rounded by less than 2^-63.
 */
#include "cxvalue.h"

#include <math.h>

#include "access/htup_details.h"
#include "catalog/namespace.h"
#include "catalog/pg_enum.h"
#include "catalog/pg_type.h"
#include "common/int.h"
#include "common/int128.h"
#include "funcapi.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"
#include "utils/syscache.h"

#define QUADRANTS 4
#define FIXED_SHIFT 62
#define FIXED_ONE ((int128) 1 << FIXED_SHIFT)

/* version and flags bytes, six counts, two 128-bit sums */
#define PROFILE_WIRE_SIZE (2 + 6 * 8 + 2 * 16)

typedef struct QuadrantProfile
{
	int32		vl_len_;
	uint8		version;
	uint8		flags;
	uint16		reserved;
	int64		count[QUADRANTS];
	int64		skipped;
	int64		scored;
	int64		sum_hi[2];
	uint64		sum_lo[2];
} QuadrantProfile;

enum
{
	AXIS_VOLUNTARINESS,
	AXIS_SYSTEM_LOCUS
};

#define PG_GETARG_QUADRANT_PROFILE_P(n) \
	((QuadrantProfile *) cx_detoast_summary(PG_GETARG_DATUM(n), "cx.quadrant_profile"))

static const char *const quadrant_names[QUADRANTS] = {
	"co-production", "co-construction", "co-management", "co-design"
};

static const char *const quadrant_labels[QUADRANTS] = {
	"I: Co-production", "II: Co-construction",
	"III: Co-management", "IV: Co-design and co-innovation"
};

static const char *const axis_names[2] = {"voluntariness", "system_locus"};

static int128
profile_sum(const QuadrantProfile *p, int axis)
{
	return (int128) (((uint128) (uint64) p->sum_hi[axis] << 64)
					 | p->sum_lo[axis]);
}

static void
profile_set_sum(QuadrantProfile *p, int axis, int128 sum)
{
	p->sum_hi[axis] = (int64) (sum >> 64);
	p->sum_lo[axis] = (uint64) sum;
}

static int64
profile_n(const QuadrantProfile *p)
{
	int64		n = 0;

	for (int q = 0; q < QUADRANTS; q++)
		n = cx_add_count(n, p->count[q]);
	return n;
}

static QuadrantProfile *
profile_new(MemoryContext context)
{
	QuadrantProfile *p = MemoryContextAllocZero(context,
												sizeof(QuadrantProfile));

	SET_VARSIZE(p, sizeof(QuadrantProfile));
	p->version = CX_FORMAT_VERSION;
	return p;
}

/*
 * The one validator behind text input and binary receive.  Aggregates trust
 * their states: every stored profile passed through here on its way in.
 */
static bool
profile_validate(const QuadrantProfile *p, CxSource source,
				 struct Node *escontext)
{
	const char *type_name = "cx.quadrant_profile";
	int64		n = 0;

	if (VARSIZE(p) != sizeof(QuadrantProfile))
		return cx_invalid(escontext, type_name, source, "The value has the wrong size.");
	if (!cx_format_version_valid(escontext, p->version, type_name, source))
		return false;
	if (p->flags != 0 || p->reserved != 0)
		return cx_invalid(escontext, type_name, source, "Reserved fields must be zero.");
	for (int q = 0; q < QUADRANTS; q++)
	{
		if (p->count[q] < 0 || pg_add_s64_overflow(n, p->count[q], &n))
			return cx_invalid(escontext, type_name, source, "A quadrant count is out of range.");
	}
	if (p->skipped < 0)
		return cx_invalid(escontext, type_name, source, "The skipped count is negative.");
	if (p->scored < 0 || p->scored > n)
		return cx_invalid(escontext, type_name, source,
						  "The scored count must lie between 0 and the row count.");
	for (int axis = 0; axis < 2; axis++)
	{
		int128		sum = profile_sum(p, axis);

		if (sum < 0 || sum > (int128) p->scored * FIXED_ONE)
			return cx_invalid(escontext, type_name, source,
							  "A score sum lies outside [0, scored].");
	}
	return true;
}

/* The OIDs of cx.quadrant's labels, looked up once per call site. */
static const Oid *
quadrant_oids(FunctionCallInfo fcinfo)
{
	Oid		   *oids = fcinfo->flinfo->fn_extra;

	if (oids == NULL)
	{
		Oid			namespace = get_namespace_oid("cx", false);
		Oid			type = GetSysCacheOid2(TYPENAMENSP, Anum_pg_type_oid,
										   CStringGetDatum("quadrant"),
										   ObjectIdGetDatum(namespace));

		oids = MemoryContextAlloc(fcinfo->flinfo->fn_mcxt,
								  sizeof(Oid) * QUADRANTS);
		for (int q = 0; q < QUADRANTS; q++)
		{
			HeapTuple	tuple = SearchSysCache2(ENUMTYPOIDNAME,
												ObjectIdGetDatum(type),
												CStringGetDatum(quadrant_names[q]));

			if (!HeapTupleIsValid(tuple))
				elog(ERROR, "cx.quadrant label \"%s\" is missing",
					 quadrant_names[q]);
			oids[q] = ((Form_pg_enum) GETSTRUCT(tuple))->oid;
			ReleaseSysCache(tuple);
		}
		fcinfo->flinfo->fn_extra = oids;
	}
	return oids;
}

static int
quadrant_index(FunctionCallInfo fcinfo, Oid label)
{
	const Oid  *oids = quadrant_oids(fcinfo);

	for (int q = 0; q < QUADRANTS; q++)
		if (oids[q] == label)
			return q;
	elog(ERROR, "%u is not a cx.quadrant label", label);
}

static int
quadrant_of_flags(bool voluntary, bool system_level)
{
	return (voluntary ? 2 : 0) + (system_level ? 1 : 0);
}

/* Scores and thresholds must lie in [0, 1]; the message names the culprit. */
static void
check_unit_interval(double value, const char *argument)
{
	if (isnan(value) || value < 0.0 || value > 1.0)
		ereport(ERROR,
				errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				errmsg("%s must be between 0 and 1, got %g", argument, value));
}

static int64
score_to_fixed(double score)
{
	return (int64) rint(ldexp(score, FIXED_SHIFT));
}

PG_FUNCTION_INFO_V1(cx_quadrant_of_flags);
/* cx.quadrant(voluntary, system_level): the quadrant of two yes/no answers. */
Datum
cx_quadrant_of_flags(PG_FUNCTION_ARGS)
{
	int			q = quadrant_of_flags(PG_GETARG_BOOL(0), PG_GETARG_BOOL(1));

	PG_RETURN_OID(quadrant_oids(fcinfo)[q]);
}

PG_FUNCTION_INFO_V1(cx_quadrant_of_scores);
/* cx.quadrant(voluntariness, system_locus, threshold): classify scores. */
Datum
cx_quadrant_of_scores(PG_FUNCTION_ARGS)
{
	double		voluntariness = PG_GETARG_FLOAT8(0);
	double		system_locus = PG_GETARG_FLOAT8(1);
	double		threshold = PG_GETARG_FLOAT8(2);

	check_unit_interval(voluntariness, "voluntariness");
	check_unit_interval(system_locus, "system_locus");
	check_unit_interval(threshold, "threshold");
	PG_RETURN_OID(quadrant_oids(fcinfo)[quadrant_of_flags(voluntariness >= threshold,
														  system_locus >= threshold)]);
}

PG_FUNCTION_INFO_V1(cx_quadrant_label);
/* cx.label(quadrant): the quadrant's name in Osborne's numbering. */
Datum
cx_quadrant_label(PG_FUNCTION_ARGS)
{
	PG_RETURN_TEXT_P(cstring_to_text(quadrant_labels[quadrant_index(fcinfo,
																	PG_GETARG_OID(0))]));
}

/* text and binary I/O */

static void
append_fixed(StringInfo buf, int128 value)
{
	char		digits[48];
	int			len = 0;
	int128		whole = value >> FIXED_SHIFT;
	uint128		fraction = (uint128) (value & (FIXED_ONE - 1));
	const uint128 scale = (uint128) 10000000000000000000ULL;	/* 10^19 */
	uint64		decimals;

	/* 10^19 decimal places resolve 2^-62 units uniquely, so this reads back. */
	decimals = (uint64) ((fraction * scale + (FIXED_ONE >> 1)) >> FIXED_SHIFT);
	if (decimals == 10000000000000000000ULL)
	{
		whole++;
		decimals = 0;
	}
	do
	{
		digits[len++] = '0' + (int) (whole % 10);
		whole /= 10;
	} while (whole > 0);
	while (len > 0)
		appendStringInfoChar(buf, digits[--len]);
	if (decimals > 0)
	{
		char		fraction_digits[20];
		int			last;

		snprintf(fraction_digits, sizeof(fraction_digits), "%019llu",
				 (unsigned long long) decimals);
		for (last = 18; fraction_digits[last] == '0'; last--)
			;
		fraction_digits[last + 1] = '\0';
		appendStringInfo(buf, ".%s", fraction_digits);
	}
}

/* Read a non-negative decimal with at most 19 decimals as a fixed-point sum. */
static int128
read_fixed(CxCursor *c)
{
	int128		whole;
	uint128		decimals = 0;
	int			places = 0;

	whole = cx_read_int64(c);
	if (whole < 0)
	{
		cx_syntax_error(c);
		return 0;
	}
	if (*c->p == '.')
	{
		c->p++;
		while (*c->p >= '0' && *c->p <= '9' && places < 19)
		{
			decimals = decimals * 10 + (*c->p++ - '0');
			places++;
		}
		if (places == 0 || (*c->p >= '0' && *c->p <= '9'))
		{
			cx_syntax_error(c);
			return 0;
		}
		while (places++ < 19)
			decimals *= 10;
	}
	return (whole << FIXED_SHIFT)
		+ (int128) ((decimals * FIXED_ONE + 5000000000000000000ULL)
					/ 10000000000000000000ULL);
}

PG_FUNCTION_INFO_V1(cx_quadrant_profile_in);
/* Text input of cx.quadrant_profile. */
Datum
cx_quadrant_profile_in(PG_FUNCTION_ARGS)
{
	QuadrantProfile *p = profile_new(CurrentMemoryContext);
	CxCursor	c;

	cx_cursor_init(&c, PG_GETARG_CSTRING(0), "cx.quadrant_profile",
				   fcinfo->context);
	cx_expect(&c, '(');
	for (int q = 0; q < QUADRANTS; q++)
	{
		cx_expect_key(&c, quadrant_names[q]);
		p->count[q] = cx_read_int64(&c);
		cx_expect(&c, ',');
	}
	cx_expect_key(&c, "skipped");
	p->skipped = cx_read_int64(&c);
	cx_expect(&c, ',');
	cx_expect_key(&c, "scored");
	p->scored = cx_read_int64(&c);
	for (int axis = 0; axis < 2; axis++)
	{
		char		key[32];

		snprintf(key, sizeof(key), "%s_sum", axis_names[axis]);
		cx_expect(&c, ',');
		cx_expect_key(&c, key);
		profile_set_sum(p, axis, read_fixed(&c));
	}
	cx_expect(&c, ')');
	cx_expect_end(&c);
	if (cx_cursor_failed(&c)
		|| !profile_validate(p, CX_FROM_TEXT, fcinfo->context))
		PG_RETURN_NULL();
	PG_RETURN_POINTER(p);
}

PG_FUNCTION_INFO_V1(cx_quadrant_profile_out);
/* Text output of cx.quadrant_profile; reads back to the identical value. */
Datum
cx_quadrant_profile_out(PG_FUNCTION_ARGS)
{
	QuadrantProfile *p = PG_GETARG_QUADRANT_PROFILE_P(0);
	StringInfoData buf;

	initStringInfo(&buf);
	appendStringInfoChar(&buf, '(');
	for (int q = 0; q < QUADRANTS; q++)
		appendStringInfo(&buf, "%s=" INT64_FORMAT ",",
						 quadrant_names[q], p->count[q]);
	appendStringInfo(&buf, "skipped=" INT64_FORMAT ",scored=" INT64_FORMAT,
					 p->skipped, p->scored);
	for (int axis = 0; axis < 2; axis++)
	{
		appendStringInfo(&buf, ",%s_sum=", axis_names[axis]);
		append_fixed(&buf, profile_sum(p, axis));
	}
	appendStringInfoChar(&buf, ')');
	PG_FREE_IF_COPY(p, 0);
	PG_RETURN_CSTRING(buf.data);
}

PG_FUNCTION_INFO_V1(cx_quadrant_profile_recv);
/* Binary input of cx.quadrant_profile, validated like text input. */
Datum
cx_quadrant_profile_recv(PG_FUNCTION_ARGS)
{
	StringInfo	msg = (StringInfo) PG_GETARG_POINTER(0);
	QuadrantProfile *p = profile_new(CurrentMemoryContext);

	if (msg->len - msg->cursor != PROFILE_WIRE_SIZE)
		cx_corrupt("cx.quadrant_profile", CX_FROM_BINARY,
				   "A binary cx.quadrant_profile has 82 bytes.");
	p->version = pq_getmsgbyte(msg);
	cx_check_format_version(p->version, "cx.quadrant_profile", CX_FROM_BINARY);
	p->flags = pq_getmsgbyte(msg);
	for (int q = 0; q < QUADRANTS; q++)
		p->count[q] = pq_getmsgint64(msg);
	p->skipped = pq_getmsgint64(msg);
	p->scored = pq_getmsgint64(msg);
	for (int axis = 0; axis < 2; axis++)
	{
		p->sum_hi[axis] = pq_getmsgint64(msg);
		p->sum_lo[axis] = (uint64) pq_getmsgint64(msg);
	}
	pq_getmsgend(msg);
	profile_validate(p, CX_FROM_BINARY, NULL);
	PG_RETURN_POINTER(p);
}

PG_FUNCTION_INFO_V1(cx_quadrant_profile_send);
/* Binary output of cx.quadrant_profile, in network byte order. */
Datum
cx_quadrant_profile_send(PG_FUNCTION_ARGS)
{
	QuadrantProfile *p = PG_GETARG_QUADRANT_PROFILE_P(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, p->version);
	pq_sendbyte(&buf, p->flags);
	for (int q = 0; q < QUADRANTS; q++)
		pq_sendint64(&buf, p->count[q]);
	pq_sendint64(&buf, p->skipped);
	pq_sendint64(&buf, p->scored);
	for (int axis = 0; axis < 2; axis++)
	{
		pq_sendint64(&buf, p->sum_hi[axis]);
		pq_sendint64(&buf, (int64) p->sum_lo[axis]);
	}
	PG_FREE_IF_COPY(p, 0);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* aggregates */

/*
 * The state to update: in place inside an aggregate, a fresh copy when the
 * function is called directly (so a stored value is never modified).
 */
static QuadrantProfile *
profile_state(FunctionCallInfo fcinfo)
{
	MemoryContext aggcontext = cx_aggregate_context(fcinfo);
	QuadrantProfile *state;

	if (PG_ARGISNULL(0))
		return profile_new(aggcontext ? aggcontext : CurrentMemoryContext);
	state = PG_GETARG_QUADRANT_PROFILE_P(0);
	if (aggcontext == NULL && (Pointer) state == DatumGetPointer(PG_GETARG_DATUM(0)))
	{
		QuadrantProfile *copy = profile_new(CurrentMemoryContext);

		memcpy(copy, state, sizeof(QuadrantProfile));
		state = copy;
	}
	return state;
}

/* Add (sign 1) or remove (sign -1) one row. */
static void
profile_count_row(QuadrantProfile *p, int q, int sign)
{
	p->count[q] = cx_add_count(p->count[q], sign);
}

static void
profile_add_scores(QuadrantProfile *p, double voluntariness,
				   double system_locus, int sign)
{
	check_unit_interval(voluntariness, "voluntariness");
	check_unit_interval(system_locus, "system_locus");
	profile_count_row(p, quadrant_of_flags(voluntariness >= 0.5,
										   system_locus >= 0.5), sign);
	p->scored = cx_add_count(p->scored, sign);
	profile_set_sum(p, AXIS_VOLUNTARINESS, profile_sum(p, AXIS_VOLUNTARINESS)
					+ sign * (int128) score_to_fixed(voluntariness));
	profile_set_sum(p, AXIS_SYSTEM_LOCUS, profile_sum(p, AXIS_SYSTEM_LOCUS)
					+ sign * (int128) score_to_fixed(system_locus));
}

/* One transition for both overloads and both directions. */
static Datum
profile_transition(FunctionCallInfo fcinfo, bool scores, int sign)
{
	QuadrantProfile *state = profile_state(fcinfo);

	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
		state->skipped = cx_add_count(state->skipped, sign);
	else if (scores)
		profile_add_scores(state, PG_GETARG_FLOAT8(1), PG_GETARG_FLOAT8(2), sign);
	else
		profile_count_row(state, quadrant_of_flags(PG_GETARG_BOOL(1),
												   PG_GETARG_BOOL(2)), sign);
	PG_RETURN_POINTER(state);
}

PG_FUNCTION_INFO_V1(cx_quadrant_profile_add_flags);
/* cx.quadrant_agg(boolean, boolean) transition: count one row. */
Datum
cx_quadrant_profile_add_flags(PG_FUNCTION_ARGS)
{
	return profile_transition(fcinfo, false, 1);
}

PG_FUNCTION_INFO_V1(cx_quadrant_profile_remove_flags);
/* cx.quadrant_agg(boolean, boolean) inverse transition: uncount one row. */
Datum
cx_quadrant_profile_remove_flags(PG_FUNCTION_ARGS)
{
	return profile_transition(fcinfo, false, -1);
}

PG_FUNCTION_INFO_V1(cx_quadrant_profile_add_scores);
/* cx.quadrant_agg(float8, float8) transition: count one scored row. */
Datum
cx_quadrant_profile_add_scores(PG_FUNCTION_ARGS)
{
	return profile_transition(fcinfo, true, 1);
}

PG_FUNCTION_INFO_V1(cx_quadrant_profile_remove_scores);
/* cx.quadrant_agg(float8, float8) inverse transition: uncount one row. */
Datum
cx_quadrant_profile_remove_scores(PG_FUNCTION_ARGS)
{
	return profile_transition(fcinfo, true, -1);
}

/* Add (sign 1) or subtract (sign -1) a whole profile: merge and combine. */
static Datum
profile_merge(FunctionCallInfo fcinfo, int sign)
{
	QuadrantProfile *state;
	QuadrantProfile *other;

	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_POINTER(profile_state(fcinfo));
	}
	state = profile_state(fcinfo);
	other = PG_GETARG_QUADRANT_PROFILE_P(1);
	for (int q = 0; q < QUADRANTS; q++)
		state->count[q] = cx_add_count(state->count[q], sign * other->count[q]);
	state->skipped = cx_add_count(state->skipped, sign * other->skipped);
	state->scored = cx_add_count(state->scored, sign * other->scored);
	for (int axis = 0; axis < 2; axis++)
		profile_set_sum(state, axis, profile_sum(state, axis)
						+ sign * profile_sum(other, axis));
	(void) profile_n(state);	/* the total must stay in range too */
	PG_RETURN_POINTER(state);
}

PG_FUNCTION_INFO_V1(cx_quadrant_profile_merge);
/* cx.merge(cx.quadrant_profile) transition and combine: add a profile. */
Datum
cx_quadrant_profile_merge(PG_FUNCTION_ARGS)
{
	return profile_merge(fcinfo, 1);
}

PG_FUNCTION_INFO_V1(cx_quadrant_profile_unmerge);
/* cx.merge(cx.quadrant_profile) inverse transition: subtract a profile. */
Datum
cx_quadrant_profile_unmerge(PG_FUNCTION_ARGS)
{
	return profile_merge(fcinfo, -1);
}

/* accessors */

PG_FUNCTION_INFO_V1(cx_quadrant_profile_n);
/* cx.n(profile): the rows classified. */
Datum
cx_quadrant_profile_n(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(profile_n(PG_GETARG_QUADRANT_PROFILE_P(0)));
}

PG_FUNCTION_INFO_V1(cx_quadrant_profile_skipped);
/* cx.skipped(profile): the rows skipped for a NULL argument. */
Datum
cx_quadrant_profile_skipped(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(PG_GETARG_QUADRANT_PROFILE_P(0)->skipped);
}

PG_FUNCTION_INFO_V1(cx_quadrant_profile_count);
/* cx.count(profile, quadrant): the rows in one quadrant. */
Datum
cx_quadrant_profile_count(PG_FUNCTION_ARGS)
{
	QuadrantProfile *p = PG_GETARG_QUADRANT_PROFILE_P(0);

	PG_RETURN_INT64(p->count[quadrant_index(fcinfo, PG_GETARG_OID(1))]);
}

PG_FUNCTION_INFO_V1(cx_quadrant_profile_share);
/* cx.share(profile, quadrant): one quadrant's share of the rows, or NULL. */
Datum
cx_quadrant_profile_share(PG_FUNCTION_ARGS)
{
	QuadrantProfile *p = PG_GETARG_QUADRANT_PROFILE_P(0);
	int64		n = profile_n(p);

	if (n == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8((double) p->count[quadrant_index(fcinfo, PG_GETARG_OID(1))] / n);
}

static int
profile_dominant(const QuadrantProfile *p)
{
	int			best = 0;

	for (int q = 1; q < QUADRANTS; q++)
		if (p->count[q] > p->count[best])
			best = q;
	return best;
}

PG_FUNCTION_INFO_V1(cx_quadrant_profile_dominant);
/* cx.dominant(profile): the commonest quadrant, the lower one on ties. */
Datum
cx_quadrant_profile_dominant(PG_FUNCTION_ARGS)
{
	QuadrantProfile *p = PG_GETARG_QUADRANT_PROFILE_P(0);

	if (profile_n(p) == 0)
		PG_RETURN_NULL();
	PG_RETURN_OID(quadrant_oids(fcinfo)[profile_dominant(p)]);
}

static double
profile_mean(const QuadrantProfile *p, int axis)
{
	return (double) ((long double) profile_sum(p, axis)
					 / (long double) FIXED_ONE / (long double) p->scored);
}

PG_FUNCTION_INFO_V1(cx_quadrant_profile_centroid);
/* cx.centroid(profile): mean voluntariness and system locus of scored rows. */
Datum
cx_quadrant_profile_centroid(PG_FUNCTION_ARGS)
{
	QuadrantProfile *p = PG_GETARG_QUADRANT_PROFILE_P(0);
	TupleDesc	tupdesc;
	Datum		values[2];
	bool		nulls[2] = {false, false};

	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "cx.centroid must return a record");
	tupdesc = BlessTupleDesc(tupdesc);
	for (int axis = 0; axis < 2; axis++)
	{
		nulls[axis] = (p->scored == 0);
		values[axis] = nulls[axis] ? (Datum) 0
			: Float8GetDatum(profile_mean(p, axis));
	}
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}

PG_FUNCTION_INFO_V1(cx_quadrant_profile_to_jsonb);
/* cx.to_jsonb(profile), also the cast to jsonb: counts, shares and centroid. */
Datum
cx_quadrant_profile_to_jsonb(PG_FUNCTION_ARGS)
{
	QuadrantProfile *p = PG_GETARG_QUADRANT_PROFILE_P(0);
	int64		n = profile_n(p);
	StringInfoData buf;

	initStringInfo(&buf);
	appendStringInfo(&buf, "{\"n\": " INT64_FORMAT ", \"skipped\": " INT64_FORMAT
					 ", \"counts\": {", n, p->skipped);
	for (int q = 0; q < QUADRANTS; q++)
		appendStringInfo(&buf, "%s\"%s\": " INT64_FORMAT, q ? ", " : "",
						 quadrant_names[q], p->count[q]);
	appendStringInfoString(&buf, "}, \"shares\": {");
	for (int q = 0; q < QUADRANTS; q++)
	{
		appendStringInfo(&buf, "%s\"%s\": ", q ? ", " : "", quadrant_names[q]);
		if (n == 0)
			appendStringInfoString(&buf, "null");
		else
			cx_append_float8(&buf, (double) p->count[q] / n);
	}
	appendStringInfoString(&buf, "}, \"dominant\": ");
	if (n == 0)
		appendStringInfoString(&buf, "null");
	else
		appendStringInfo(&buf, "\"%s\"", quadrant_names[profile_dominant(p)]);
	appendStringInfoString(&buf, ", \"centroid\": ");
	if (p->scored == 0)
		appendStringInfoString(&buf, "null");
	else
	{
		for (int axis = 0; axis < 2; axis++)
		{
			appendStringInfo(&buf, "%s\"%s\": ", axis ? ", " : "{",
							 axis_names[axis]);
			cx_append_float8(&buf, profile_mean(p, axis));
		}
		appendStringInfoChar(&buf, '}');
	}
	appendStringInfoChar(&buf, '}');
	PG_RETURN_DATUM(DirectFunctionCall1(jsonb_in, CStringGetDatum(buf.data)));
}
