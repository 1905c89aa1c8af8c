/*
 * value.h
 *	  cx.customer_value, shared by value.c (aggregates, merging, plain
 *	  accessors), value_io.c (validation, text, binary and jsonb) and
 *	  value_model.c (value models and the figures they give).
 *
 * Stored format of cx.customer_value (a varlena, 24 + 40 x ndims bytes plus
 * the names):
 *
 *	 int32  varlena header
 *	 uint8  format version (1)
 *	 uint8  flags, reserved, always 0
 *	 uint16 reserved, always 0
 *	 int32  ndims           number of dimensions, 0 .. 1024
 *	 uint32 reserved, always 0
 *	 int64  skipped         answers whose dimension was NULL
 *	 then ndims entries of 40 bytes, in bytewise order of their names:
 *	   int64  n             answers with a score
 *	   int64  missing       answers whose score was NULL
 *	   float8 sum           sum of the normalised scores, in [0, n]
 *	   float8 m2            sum of squared deviations from the mean, >= 0
 *	   uint32 name_offset   where the name starts in the name area
 *	   uint32 name_length   1 .. 255 bytes
 *	 then the name area: every dimension name once, in entry order.
 *
 * A dimension appears once some answer named it, so n + missing > 0.  The
 * order is canonical (strictly increasing names), which makes a summary's
 * text form depend only on its contents.
 *
 * Text form: (skipped=0,"effort"=(n=2,missing=0,sum=0.5,m2=0.125),...),
 * floats in their shortest exact decimal, names double-quoted with \ and "
 * escaped by a backslash.
 *
 * Binary form: version and flags (one byte each), skipped (int64), ndims
 * (int32), then per dimension its name (int32 length and the bytes, in the
 * client encoding), n and missing (int64), sum and m2 (float8).
 */
#ifndef CX_VALUE_H
#define CX_VALUE_H

#include "cxvalue.h"

/* Limits that keep a summary small and every per-row lookup cheap. */
#define VALUE_MAX_DIMENSIONS 1024
#define VALUE_MAX_NAME 255

/* One named dimension: the moments of its normalised scores. */
typedef struct ValueDimension
{
	int64		n;				/* answers with a score */
	int64		missing;		/* answers whose score was NULL */
	float8		sum;			/* sum of the normalised scores, in [0, n] */
	float8		m2;				/* sum of squared deviations from the mean */
	uint32		name_offset;	/* where the name starts in the name area */
	uint32		name_length;	/* bytes, no terminator */
} ValueDimension;

typedef struct CustomerValue
{
	int32		vl_len_;
	uint8		version;
	uint8		flags;			/* reserved, always 0 */
	uint16		reserved;		/* always 0 */
	int32		ndims;
	uint32		reserved2;		/* always 0 */
	int64		skipped;		/* answers whose dimension was NULL */
	ValueDimension dims[FLEXIBLE_ARRAY_MEMBER];
	/* then the dimension names, concatenated in dimension order */
} CustomerValue;

#define VALUE_HEADER_SIZE offsetof(CustomerValue, dims)
#define VALUE_NAMES(v) ((char *) &(v)->dims[(v)->ndims])
#define VALUE_NAME(v, i) (VALUE_NAMES(v) + (v)->dims[i].name_offset)

#define PG_GETARG_CUSTOMER_VALUE_P(n) \
	((CustomerValue *) cx_detoast_summary(PG_GETARG_DATUM(n), "cx.customer_value"))

/* Dimension names sort bytewise, a shorter prefix first. */
static inline int
value_name_cmp(const char *a, int alen, const char *b, int blen)
{
	int			c = memcmp(a, b, Min(alen, blen));

	return c != 0 ? c : alen - blen;
}

/*
 * The index of the dimension called name, or -1.  Binary search over the
 * sorted names: no allocation, a handful of memcmp calls.
 */
static inline int
value_find(const CustomerValue *v, const char *name, int len, int *insert_at)
{
	int			lo = 0;
	int			hi = v->ndims - 1;
	const char *names = VALUE_NAMES(v);

	while (lo <= hi)
	{
		int			mid = (lo + hi) / 2;
		const ValueDimension *d = &v->dims[mid];
		int			c = value_name_cmp(names + d->name_offset, d->name_length,
									   name, len);

		if (c == 0)
			return mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	if (insert_at)
		*insert_at = lo;
	return -1;
}

/* One dimension while a summary is being assembled. */
typedef struct ValueEntry
{
	const char *name;
	int			len;
	int64		n;
	int64		missing;
	double		sum;
	double		m2;
} ValueEntry;

extern CustomerValue *value_build(int64 skipped, const ValueEntry *entries,
								  int count);
extern bool value_validate(const CustomerValue *v, CxSource source,
						   struct Node *escontext);

/* Answers with a score (or, if missing, without one) over every dimension. */
static inline int64
value_total(const CustomerValue *v, bool missing)
{
	int64		total = 0;

	for (int i = 0; i < v->ndims; i++)
		total = cx_add_count(total, missing ? v->dims[i].missing : v->dims[i].n);
	return total;
}

#endif							/* CX_VALUE_H */
