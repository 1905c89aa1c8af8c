/*
 * compare.c
 *	  Equality, a total order and hashing for every summary type
 *	  (cx.journey, cx.scores, cx.customer_value, cx.quadrant_profile): the
 *	  support functions of their `=`, `<>`, btree and hash operator classes.
 *	  Each type's SQL part declares its own functions over this one
 *	  implementation.
 *
 * Every summary's stored form is canonical: equal contents give the same
 * bytes (sorted strings and dimensions, touchpoints in journey order, no
 * -0 scores, one NaN for an unknown score, reserved fields zero, no
 * padding).  So two summaries are equal exactly when their bytes are, and
 * the hash of the bytes is a hash of the value.  The order is that of the
 * bytes (memcmp, then the shorter first): it has no meaning beyond being a
 * total order consistent with `=`, which is what sorting, grouping, DISTINCT,
 * UNION, merge joins and btree indexes need.
 */
#include "cxvalue.h"

#include "common/hashfn.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"

/* Argument argno detoasted, its format version checked. */
static struct varlena *
summary_arg(FunctionCallInfo fcinfo, int argno)
{
	struct varlena *v = (struct varlena *) PG_GETARG_POINTER(argno);

	if (unlikely(VARATT_IS_EXTENDED(v)))
		v = pg_detoast_datum(v);
	if (unlikely(VARSIZE(v) <= VARHDRSZ
				 || *(const uint8 *) VARDATA(v) != CX_FORMAT_VERSION))
	{
		/* the type of the argument as the SQL function declares it */
		Oid		   *types;
		int			nargs;
		Oid			type = get_func_signature(fcinfo->flinfo->fn_oid, &types, &nargs);

		type = argno < nargs ? types[argno] : InvalidOid;
		cx_stored_format_error(v, OidIsValid(type) ? format_type_be(type) : "cxvalue summary");
	}
	return v;
}

/* memcmp of the two values' bytes, then the shorter first. */
static int
summary_cmp(FunctionCallInfo fcinfo)
{
	struct varlena *a = summary_arg(fcinfo, 0);
	struct varlena *b = summary_arg(fcinfo, 1);
	Size		alen = VARSIZE(a) - VARHDRSZ;
	Size		blen = VARSIZE(b) - VARHDRSZ;
	int			c = memcmp(VARDATA(a), VARDATA(b), Min(alen, blen));

	if (c == 0)
		c = (alen > blen) - (alen < blen);
	else
		c = c < 0 ? -1 : 1;
	PG_FREE_IF_COPY(a, 0);
	PG_FREE_IF_COPY(b, 1);
	return c;
}

/* Whether the two values have the same bytes; unequal sizes need no memcmp. */
static bool
summary_eq(FunctionCallInfo fcinfo)
{
	struct varlena *a = summary_arg(fcinfo, 0);
	struct varlena *b = summary_arg(fcinfo, 1);
	bool		eq = VARSIZE(a) == VARSIZE(b)
		&& memcmp(VARDATA(a), VARDATA(b), VARSIZE(a) - VARHDRSZ) == 0;

	PG_FREE_IF_COPY(a, 0);
	PG_FREE_IF_COPY(b, 1);
	return eq;
}

PG_FUNCTION_INFO_V1(cx_summary_eq);
/* The `=` of every summary type: the same stored bytes. */
Datum
cx_summary_eq(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(summary_eq(fcinfo));
}

PG_FUNCTION_INFO_V1(cx_summary_ne);
/* The `<>` of every summary type. */
Datum
cx_summary_ne(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(!summary_eq(fcinfo));
}

PG_FUNCTION_INFO_V1(cx_summary_lt);
/* The `<` of every summary type, in bytewise order. */
Datum
cx_summary_lt(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(summary_cmp(fcinfo) < 0);
}

PG_FUNCTION_INFO_V1(cx_summary_le);
/* The `<=` of every summary type, in bytewise order. */
Datum
cx_summary_le(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(summary_cmp(fcinfo) <= 0);
}

PG_FUNCTION_INFO_V1(cx_summary_gt);
/* The `>` of every summary type, in bytewise order. */
Datum
cx_summary_gt(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(summary_cmp(fcinfo) > 0);
}

PG_FUNCTION_INFO_V1(cx_summary_ge);
/* The `>=` of every summary type, in bytewise order. */
Datum
cx_summary_ge(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(summary_cmp(fcinfo) >= 0);
}

PG_FUNCTION_INFO_V1(cx_summary_cmp);
/* The btree support function of every summary type: -1, 0 or 1. */
Datum
cx_summary_cmp(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(summary_cmp(fcinfo));
}

PG_FUNCTION_INFO_V1(cx_summary_hash);
/* The hash support function of every summary type: a hash of its bytes. */
Datum
cx_summary_hash(PG_FUNCTION_ARGS)
{
	struct varlena *v = summary_arg(fcinfo, 0);
	Datum		h = hash_any((const unsigned char *) VARDATA(v), VARSIZE(v) - VARHDRSZ);

	PG_FREE_IF_COPY(v, 0);
	return h;
}

PG_FUNCTION_INFO_V1(cx_summary_hash_extended);
/* The extended hash support function of every summary type: seeded. */
Datum
cx_summary_hash_extended(PG_FUNCTION_ARGS)
{
	struct varlena *v = summary_arg(fcinfo, 0);
	Datum		h = hash_any_extended((const unsigned char *) VARDATA(v),
									  VARSIZE(v) - VARHDRSZ, PG_GETARG_INT64(1));

	PG_FREE_IF_COPY(v, 0);
	return h;
}
