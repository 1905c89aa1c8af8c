/*
 * rate.h
 *	  The cx.rate summary (successes out of trials) and the helpers that
 *	  rate.c shares with waits.c: the cx.estimate builder, the two-sided
 *	  critical value of a confidence level and the bytewise comparison that
 *	  backs `=` and the btree and hash operator classes of both types.
 */
#ifndef CX_RATE_H
#define CX_RATE_H

#include "cxvalue.h"

typedef struct Rate
{
	int32		vl_len_;
	uint8		version;
	uint8		flags;			/* reserved, always 0 */
	uint16		reserved;		/* always 0 */
	int64		successes;
	int64		trials;
	int64		skipped;		/* NULL outcomes */
} Rate;

#define RATE_SIZE sizeof(Rate)

static inline Rate *
DatumGetRateP(Datum d)
{
	struct varlena *v = (struct varlena *) DatumGetPointer(d);

	return (Rate *) (VARATT_IS_EXTENDED(v) ? pg_detoast_datum(v) : v);
}
#define PG_GETARG_RATE_P(n) DatumGetRateP(PG_GETARG_DATUM(n))

/* An estimate's figures; a figure whose flag is false is NULL. */
typedef struct CxEstimate
{
	double		value;
	double		lower;
	double		upper;
	int64		n;
	bool		has_value;
	bool		has_lower;
	bool		has_upper;
} CxEstimate;

extern Datum cx_estimate_datum(FunctionCallInfo fcinfo, const CxEstimate *e);
extern double cx_critical_value(double confidence);
extern void cx_wilson(int64 successes, int64 trials, double z,
					  double *lower, double *upper);
extern int	cx_bytes_cmp(const struct varlena *a, const struct varlena *b);

#endif							/* CX_RATE_H */
