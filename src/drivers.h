/*
 * drivers.h
 *	  cx.drivers, shared by drivers.c (the summary: aggregate, merging,
 *	  validation, I/O, comparison) and drivers_stats.c (the analysis read
 *	  from it: correlations, least squares, R squared, importance).
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
 * [0, 1e300]; every float is finite.  Names are distinct and valid in
 * the database encoding.
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
#ifndef CX_DRIVERS_H
#define CX_DRIVERS_H

#include "cxvalue.h"

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

/* The name of driver i as a NUL-terminated palloc'd string, for messages. */
extern char *driver_name(const Drivers *d, int i);

#endif							/* CX_DRIVERS_H */
