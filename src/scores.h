/*
 * scores.h
 *	  The cx.scores survey-score histogram, shared by scores.c (the type,
 *	  its I/O and aggregates) and scores_stats.c (accessors and interval
 *	  estimates).  The stored format is documented in scores.c.
 */
#ifndef CX_SCORES_H
#define CX_SCORES_H

#include "cxvalue.h"

/* A scale has at most this many points (0..100 is the widest usual one). */
#define SCORES_MAX_POINTS 101

typedef struct Scores
{
	int32		vl_len_;
	uint8		version;
	uint8		flags;			/* reserved, always 0 */
	uint16		reserved;		/* always 0 */
	int32		lo;				/* lowest point of the scale */
	int32		hi;				/* highest point, lo <= hi < lo + 101 */
	int64		missing;		/* NULL answers */
	int64		count[FLEXIBLE_ARRAY_MEMBER];	/* per point, lo first */
} Scores;

#define SCORES_HEADER_SIZE offsetof(Scores, count)
#define SCORES_SIZE(points) (SCORES_HEADER_SIZE + (points) * sizeof(int64))

/*
 * A summary is never toasted (it is at most 832 bytes and stored plain), so
 * detoasting is a header check, and the format version is checked too.
 */
#define DatumGetScoresP(d) ((Scores *) cx_detoast_summary((d), "cx.scores"))
#define PG_GETARG_SCORES_P(n) DatumGetScoresP(PG_GETARG_DATUM(n))

static inline int
scores_points(const Scores *s)
{
	return s->hi - s->lo + 1;
}

/* Answers given (not missing); validated summaries cannot overflow. */
static inline int64
scores_n(const Scores *s)
{
	int64		n = 0;
	int			points = scores_points(s);

	for (int i = 0; i < points; i++)
		n += s->count[i];
	return n;
}

extern double cx_normal_quantile(double p);

#endif							/* CX_SCORES_H */
