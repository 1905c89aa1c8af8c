/*
 * journey_access.c
 *	  Accessors of cx.journey: the figures CX research says matter, read
 *	  from a journey's columns in journey order.
 *
 * Every accessor reads a validated, canonical journey (see journey.h), so
 * touchpoints are in journey order and stage strings are found by binary
 * search in the sorted string table.  A figure that does not exist (no
 * scores, a stage never reached) is NULL; a list with no members is an
 * empty array; counts of an empty journey are 0.
 */
#include "journey.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "common/int.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/timestamp.h"
#include "utils/tuplestore.h"

#define NO_STRING PG_UINT32_MAX

/* helpers */

/* The index of a string in the journey's table, or NO_STRING. */
static uint32
find_string(const JourneyView *v, const char *s, int len)
{
	uint32		lo = 0,
				hi = v->nstrings;

	while (lo < hi)
	{
		uint32		mid = lo + (hi - lo) / 2;
		int			mid_len;
		const char *mid_s = journey_string(v, mid, &mid_len);
		int			c = journey_strcmp(mid_s, mid_len, s, len);

		if (c == 0)
			return mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NO_STRING;
}

static uint32
find_text(const JourneyView *v, text *t)
{
	return find_string(v, VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t));
}

static text *
string_text(const JourneyView *v, uint32 id)
{
	int			len;
	const char *s = journey_string(v, id, &len);

	return cstring_to_text_with_len(s, len);
}

/*
 * The interval between two touchpoints, as timestamptz subtraction gives
 * it: whole days and the rest as time (justify_hours).
 */
static Interval *
usecs_interval(int64 usecs)
{
	Interval   *result = palloc(sizeof(Interval));

	result->month = 0;
	result->day = (int32) (usecs / USECS_PER_DAY);
	result->time = usecs % USECS_PER_DAY;
	return result;
}

static int64
span_usecs(TimestampTz from, TimestampTz to)
{
	int64		result;

	if (pg_sub_s64_overflow(to, from, &result))
		ereport(ERROR,
				errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				errmsg("interval out of range"));
	return result;
}

/*
 * A time window in microseconds, months counted as 30 days and days as
 * 24 hours, as interval comparison counts them.  NULL means no limit.
 */
static int128
window_usecs(FunctionCallInfo fcinfo, int argno, bool *unlimited)
{
	Interval   *within;
	int128		usecs;

	*unlimited = PG_ARGISNULL(argno);
	if (*unlimited)
		return 0;
	within = PG_GETARG_INTERVAL_P(argno);
	usecs = (int128) within->time
		+ ((int128) within->month * DAYS_PER_MONTH + within->day) * USECS_PER_DAY;
	if (usecs < 0)
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("within must not be a negative interval"));
	return usecs;
}

/* A mode argument, matched case-insensitively against the known names. */
static int
parse_mode(text *mode, const char *what, const char *const *names, int count)
{
	char	   *s = text_to_cstring(mode);

	for (int i = 0; i < count; i++)
		if (pg_strcasecmp(s, names[i]) == 0)
			return i;
	ereport(ERROR,
			errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			errmsg("unknown %s mode \"%s\"", what, s),
			errhint("Use %s%s%s%s%s.", names[0],
					count > 2 ? ", " : " or ", names[1],
					count > 2 ? " or " : "", count > 2 ? names[2] : ""));
}

/* A "seen" flag per string, on the stack for small journeys. */
typedef struct SeenSet
{
	bool		small[64];
	bool	   *flags;
} SeenSet;

static void
seen_init(SeenSet *seen, uint32 nstrings)
{
	if (nstrings <= lengthof(seen->small))
	{
		memset(seen->small, 0, sizeof(seen->small));
		seen->flags = seen->small;
	}
	else
		seen->flags = palloc0(nstrings * sizeof(bool));
}

/* counts and times */

PG_FUNCTION_INFO_V1(cx_journey_n);
/* cx.n(journey): the touchpoints. */
Datum
cx_journey_n(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(PG_GETARG_JOURNEY_P(0)->n);
}

PG_FUNCTION_INFO_V1(cx_journey_skipped);
/* cx.skipped(journey): rows skipped for a NULL time or stage. */
Datum
cx_journey_skipped(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(PG_GETARG_JOURNEY_P(0)->skipped);
}

PG_FUNCTION_INFO_V1(cx_journey_started_at);
/* cx.started_at(journey): time of the first touchpoint. */
Datum
cx_journey_started_at(PG_FUNCTION_ARGS)
{
	JourneyView v;

	journey_view(PG_GETARG_JOURNEY_P(0), &v);
	if (v.n == 0)
		PG_RETURN_NULL();
	PG_RETURN_TIMESTAMPTZ(v.at[0]);
}

PG_FUNCTION_INFO_V1(cx_journey_ended_at);
/* cx.ended_at(journey): time of the last touchpoint. */
Datum
cx_journey_ended_at(PG_FUNCTION_ARGS)
{
	JourneyView v;

	journey_view(PG_GETARG_JOURNEY_P(0), &v);
	if (v.n == 0)
		PG_RETURN_NULL();
	PG_RETURN_TIMESTAMPTZ(v.at[v.n - 1]);
}

PG_FUNCTION_INFO_V1(cx_journey_duration);
/* cx.duration(journey): from the first touchpoint to the last. */
Datum
cx_journey_duration(PG_FUNCTION_ARGS)
{
	JourneyView v;

	journey_view(PG_GETARG_JOURNEY_P(0), &v);
	if (v.n == 0)
		PG_RETURN_NULL();
	PG_RETURN_INTERVAL_P(usecs_interval(span_usecs(v.at[0], v.at[v.n - 1])));
}

/* stages and channels */

PG_FUNCTION_INFO_V1(cx_journey_first_stage);
/* cx.first_stage(journey): stage of the first touchpoint. */
Datum
cx_journey_first_stage(PG_FUNCTION_ARGS)
{
	JourneyView v;

	journey_view(PG_GETARG_JOURNEY_P(0), &v);
	if (v.n == 0)
		PG_RETURN_NULL();
	PG_RETURN_TEXT_P(string_text(&v, v.stage[0]));
}

PG_FUNCTION_INFO_V1(cx_journey_last_stage);
/* cx.last_stage(journey): stage of the last touchpoint. */
Datum
cx_journey_last_stage(PG_FUNCTION_ARGS)
{
	JourneyView v;

	journey_view(PG_GETARG_JOURNEY_P(0), &v);
	if (v.n == 0)
		PG_RETURN_NULL();
	PG_RETURN_TEXT_P(string_text(&v, v.stage[v.n - 1]));
}

/* A text[] of the given string ids; each distinct string is made once. */
static ArrayType *
strings_array(const JourneyView *v, const uint32 *ids, uint32 count)
{
	Datum	   *elems;
	Datum	   *made;
	ArrayType  *result;

	if (count == 0)
		return construct_empty_array(TEXTOID);
	elems = palloc(count * sizeof(Datum));
	made = palloc0(v->nstrings * sizeof(Datum));
	for (uint32 i = 0; i < count; i++)
	{
		if (made[ids[i]] == (Datum) 0)
			made[ids[i]] = PointerGetDatum(string_text(v, ids[i]));
		elems[i] = made[ids[i]];
	}
	result = construct_array(elems, (int) count, TEXTOID, -1, false, TYPALIGN_INT);
	pfree(elems);
	pfree(made);
	return result;
}

PG_FUNCTION_INFO_V1(cx_journey_path);
/* cx.path(journey): the stages in journey order. */
Datum
cx_journey_path(PG_FUNCTION_ARGS)
{
	JourneyView v;

	journey_view(PG_GETARG_JOURNEY_P(0), &v);
	PG_RETURN_ARRAYTYPE_P(strings_array(&v, v.stage, v.n));
}

PG_FUNCTION_INFO_V1(cx_journey_channels);
/* cx.channels(journey): distinct known channels in order of first use. */
Datum
cx_journey_channels(PG_FUNCTION_ARGS)
{
	JourneyView v;
	SeenSet		seen;
	uint32	   *ids;
	uint32		count = 0;

	journey_view(PG_GETARG_JOURNEY_P(0), &v);
	seen_init(&seen, v.nstrings);
	ids = palloc((v.nstrings + 1) * sizeof(uint32));
	for (uint32 i = 0; i < v.n; i++)
	{
		uint32		ch = v.channel[i];

		if (ch != JOURNEY_UNKNOWN && !seen.flags[ch])
		{
			seen.flags[ch] = true;
			ids[count++] = ch;
		}
	}
	PG_RETURN_ARRAYTYPE_P(strings_array(&v, ids, count));
}

PG_FUNCTION_INFO_V1(cx_journey_channel_switches);
/* cx.channel_switches(journey): changes of known channel along the journey. */
Datum
cx_journey_channel_switches(PG_FUNCTION_ARGS)
{
	JourneyView v;
	uint32		previous = JOURNEY_UNKNOWN;
	int64		switches = 0;

	journey_view(PG_GETARG_JOURNEY_P(0), &v);
	for (uint32 i = 0; i < v.n; i++)
	{
		uint32		ch = v.channel[i];

		if (ch == JOURNEY_UNKNOWN)
			continue;
		if (previous != JOURNEY_UNKNOWN && ch != previous)
			switches++;
		previous = ch;
	}
	if (previous == JOURNEY_UNKNOWN)
		PG_RETURN_NULL();		/* no channel known: switching unknown */
	PG_RETURN_INT64(switches);
}

PG_FUNCTION_INFO_V1(cx_journey_repeats);
/*
 * cx.repeats(journey [, within]): touchpoints whose stage occurred earlier;
 * with within, only those at most within after its previous occurrence.
 */
Datum
cx_journey_repeats(PG_FUNCTION_ARGS)
{
	JourneyView v;
	bool		unlimited = true;
	int128		within = 0;
	int64		repeats = 0;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	journey_view(PG_GETARG_JOURNEY_P(0), &v);
	if (PG_NARGS() > 1)
		within = window_usecs(fcinfo, 1, &unlimited);
	if (unlimited)
	{
		SeenSet		seen;

		seen_init(&seen, v.nstrings);
		for (uint32 i = 0; i < v.n; i++)
		{
			repeats += seen.flags[v.stage[i]];
			seen.flags[v.stage[i]] = true;
		}
	}
	else
	{
		SeenSet		seen;
		TimestampTz *last = palloc(Max(v.nstrings, 1) * sizeof(TimestampTz));

		seen_init(&seen, v.nstrings);
		for (uint32 i = 0; i < v.n; i++)
		{
			uint32		s = v.stage[i];

			if (seen.flags[s] && (int128) v.at[i] - last[s] <= within)
				repeats++;
			seen.flags[s] = true;
			last[s] = v.at[i];
		}
	}
	PG_RETURN_INT64(repeats);
}

/* scores */

/*
 * Finite scores, finite figures.  A sum of finite scores can overflow (two
 * scores of 1e308), so where the largest score could make a sum or a sum of
 * products overflow, the figures are computed on the scores scaled by a
 * power of two, which is exact (but for scores some 2^1022 times smaller
 * than the largest, far below the result's rounding), and scaled back.
 * Below 2^500 no sum of 2^32 scores can overflow, so the common case
 * computes exactly as before.
 */
#define SCORE_SCALE_LIMIT 0x1p500

static inline float8
scaled(float8 score, int scale)
{
	return scale == 0 ? score : ldexp(score, -scale);
}

/*
 * The mean of the known scores scaled by 2^-scale, and their count; the
 * mean is kept between the lowest and the highest score, where rounding
 * could take it.
 */
static float8
mean_at_scale(const JourneyView *v, int scale, int64 *count, float8 *largest)
{
	float8		sum = 0;
	float8		lo = 0,
				hi = 0;

	*count = 0;
	for (uint32 i = 0; i < v->n; i++)
		if (journey_has_score(v->score[i]))
		{
			float8		s = scaled(v->score[i], scale);

			if (*count == 0 || s < lo)
				lo = s;
			if (*count == 0 || s > hi)
				hi = s;
			sum += s;
			(*count)++;
		}
	*largest = Max(fabs(lo), fabs(hi));
	if (*count == 0)
		return 0;
	sum /= *count;
	return sum < lo ? lo : sum > hi ? hi : sum;
}

/*
 * The mean of the known scores, scaled by 2^-*scale: *scale is 0 unless the
 * scores reach SCORE_SCALE_LIMIT, when it brings them below 1 (a second
 * pass, only then).
 */
static float8
scaled_mean(const JourneyView *v, int *scale, int64 *count)
{
	float8		largest;
	float8		mean = mean_at_scale(v, 0, count, &largest);

	*scale = 0;
	if (largest < SCORE_SCALE_LIMIT)
		return mean;
	*scale = ilogb(largest) + 1;
	return mean_at_scale(v, *scale, count, &largest);
}

PG_FUNCTION_INFO_V1(cx_journey_mean_score);
/* cx.mean_score(journey): mean of the known scores. */
Datum
cx_journey_mean_score(PG_FUNCTION_ARGS)
{
	JourneyView v;
	int			scale;
	float8		mean;
	int64		count;

	journey_view(PG_GETARG_JOURNEY_P(0), &v);
	mean = scaled_mean(&v, &scale, &count);
	if (count == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(ldexp(mean, scale));
}

/* (a + b) / 2 of two finite numbers, without overflow. */
static float8
half_sum(float8 a, float8 b)
{
	float8		sum = a + b;

	return isinf(sum) ? a / 2 + b / 2 : sum / 2;
}

/* How much farther from neutral a is than b (-1, 0, 1), without overflow. */
static int
distance_cmp(float8 a, float8 b, float8 neutral)
{
	float8		da = fabs(a - neutral);
	float8		db = fabs(b - neutral);

	if (isinf(da) || isinf(db))
	{
		da = fabs(a / 2 - neutral / 2);
		db = fabs(b / 2 - neutral / 2);
	}
	return (da > db) - (da < db);
}

/* The index of the lowest (sign 1) or highest (sign -1) score, earliest on ties. */
static int64
extreme_score(const JourneyView *v, int sign)
{
	int64		best = -1;

	for (uint32 i = 0; i < v->n; i++)
		if (journey_has_score(v->score[i])
			&& (best < 0 || sign * v->score[i] < sign * v->score[best]))
			best = i;
	return best;
}

PG_FUNCTION_INFO_V1(cx_journey_min_score);
/* cx.min_score(journey): the lowest known score. */
Datum
cx_journey_min_score(PG_FUNCTION_ARGS)
{
	JourneyView v;
	int64		i;

	journey_view(PG_GETARG_JOURNEY_P(0), &v);
	i = extreme_score(&v, 1);
	if (i < 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(v.score[i]);
}

PG_FUNCTION_INFO_V1(cx_journey_max_score);
/* cx.max_score(journey): the highest known score. */
Datum
cx_journey_max_score(PG_FUNCTION_ARGS)
{
	JourneyView v;
	int64		i;

	journey_view(PG_GETARG_JOURNEY_P(0), &v);
	i = extreme_score(&v, -1);
	if (i < 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(v.score[i]);
}

static int64
last_scored(const JourneyView *v)
{
	for (int64 i = (int64) v->n - 1; i >= 0; i--)
		if (journey_has_score(v->score[i]))
			return i;
	return -1;
}

PG_FUNCTION_INFO_V1(cx_journey_end_score);
/* cx.end_score(journey): score of the last scored touchpoint. */
Datum
cx_journey_end_score(PG_FUNCTION_ARGS)
{
	JourneyView v;
	int64		i;

	journey_view(PG_GETARG_JOURNEY_P(0), &v);
	i = last_scored(&v);
	if (i < 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(v.score[i]);
}

enum
{
	PEAK_WORST,
	PEAK_BEST,
	PEAK_EXTREME
};

static const char *const peak_modes[] = {"worst", "best", "extreme"};

PG_FUNCTION_INFO_V1(cx_journey_peak_end);
/*
 * cx.peak_end(journey, peak, neutral): (peak + end) / 2, the peak being the
 * lowest score, the highest, or the one farthest from neutral (the lower
 * on ties).
 */
Datum
cx_journey_peak_end(PG_FUNCTION_ARGS)
{
	JourneyView v;
	int			mode;
	float8		neutral = 0;
	int64		end;
	float8		peak = 0;
	bool		found = false;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		PG_RETURN_NULL();
	mode = parse_mode(PG_GETARG_TEXT_PP(1), "peak", peak_modes, lengthof(peak_modes));
	if (mode == PEAK_EXTREME)
	{
		if (PG_ARGISNULL(2))
			ereport(ERROR,
					errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					errmsg("peak mode \"extreme\" needs a neutral score"),
					errhint("Pass the scale's neutral point, e.g. cx.peak_end(j, 'extreme', 3) on a 1..5 scale."));
		neutral = PG_GETARG_FLOAT8(2);
		if (isnan(neutral) || isinf(neutral))
			ereport(ERROR,
					errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					errmsg("neutral score must be a finite number"));
	}
	journey_view(PG_GETARG_JOURNEY_P(0), &v);
	end = last_scored(&v);
	if (end < 0)
		PG_RETURN_NULL();
	for (uint32 i = 0; i < v.n; i++)
	{
		float8		s = v.score[i];
		bool		better;

		if (!journey_has_score(s))
			continue;
		if (!found)
			better = true;
		else if (mode == PEAK_WORST)
			better = s < peak;
		else if (mode == PEAK_BEST)
			better = s > peak;
		else
		{
			int			c = distance_cmp(s, peak, neutral);

			better = c > 0 || (c == 0 && s < peak);
		}
		if (better)
		{
			peak = s;
			found = true;
		}
	}
	PG_RETURN_FLOAT8(half_sum(peak, v.score[end]));
}

PG_FUNCTION_INFO_V1(cx_journey_trend);
/*
 * cx.trend(journey): least-squares slope of score against scored ordinal,
 * on scaled scores (see scaled_mean); a slope beyond float8 (scores of
 * -1e308 then 1e308) is an error, never Infinity or NaN.
 */
Datum
cx_journey_trend(PG_FUNCTION_ARGS)
{
	JourneyView v;
	int			scale;
	float8		mean;
	float8		sxy = 0;
	float8		sxx = 0;
	float8		xmean;
	float8		slope;
	int64		count;
	int64		x = 0;

	journey_view(PG_GETARG_JOURNEY_P(0), &v);
	mean = scaled_mean(&v, &scale, &count);
	if (count < 2)
		PG_RETURN_NULL();
	xmean = (count + 1) / 2.0;
	for (uint32 i = 0; i < v.n; i++)
		if (journey_has_score(v.score[i]))
		{
			float8		dx = ++x - xmean;

			sxy += dx * (scaled(v.score[i], scale) - mean);
			sxx += dx * dx;
		}
	slope = ldexp(sxy / sxx, scale);
	if (isinf(slope))
		ereport(ERROR,
				errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				errmsg("the trend of this journey's scores is out of the range of float8"));
	PG_RETURN_FLOAT8(slope);
}

PG_FUNCTION_INFO_V1(cx_journey_worst_stage);
/* cx.worst_stage(journey): stage of the lowest score, earliest on ties. */
Datum
cx_journey_worst_stage(PG_FUNCTION_ARGS)
{
	JourneyView v;
	int64		i;

	journey_view(PG_GETARG_JOURNEY_P(0), &v);
	i = extreme_score(&v, 1);
	if (i < 0)
		PG_RETURN_NULL();
	PG_RETURN_TEXT_P(string_text(&v, v.stage[i]));
}

PG_FUNCTION_INFO_V1(cx_journey_fail_points);
/* cx.fail_points(journey, below): stages scored below `below`, in order. */
Datum
cx_journey_fail_points(PG_FUNCTION_ARGS)
{
	JourneyView v;
	float8		below = PG_GETARG_FLOAT8(1);
	uint32	   *ids;
	uint32		count = 0;

	if (isnan(below))
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("below must be a number, got NaN"));
	journey_view(PG_GETARG_JOURNEY_P(0), &v);
	ids = palloc((v.n + 1) * sizeof(uint32));
	for (uint32 i = 0; i < v.n; i++)
		if (journey_has_score(v.score[i]) && v.score[i] < below)
			ids[count++] = v.stage[i];
	PG_RETURN_ARRAYTYPE_P(strings_array(&v, ids, count));
}

/* stages reached and time spent */

static int64
first_occurrence(const JourneyView *v, uint32 id)
{
	if (id == NO_STRING)
		return -1;
	for (uint32 i = 0; i < v->n; i++)
		if (v->stage[i] == id)
			return i;
	return -1;
}

PG_FUNCTION_INFO_V1(cx_journey_reached);
/* cx.reached(journey, stage): whether some touchpoint has this stage. */
Datum
cx_journey_reached(PG_FUNCTION_ARGS)
{
	JourneyView v;
	uint32		id;

	journey_view(PG_GETARG_JOURNEY_P(0), &v);
	id = find_text(&v, PG_GETARG_TEXT_PP(1));
	/* every string is used, but perhaps only as a channel */
	PG_RETURN_BOOL(first_occurrence(&v, id) >= 0);
}

PG_FUNCTION_INFO_V1(cx_journey_time_to);
/* cx.time_to(journey, stage): from the first touchpoint to the stage's first. */
Datum
cx_journey_time_to(PG_FUNCTION_ARGS)
{
	JourneyView v;
	int64		i;

	journey_view(PG_GETARG_JOURNEY_P(0), &v);
	i = first_occurrence(&v, find_text(&v, PG_GETARG_TEXT_PP(1)));
	if (i < 0)
		PG_RETURN_NULL();
	PG_RETURN_INTERVAL_P(usecs_interval(span_usecs(v.at[0], v.at[i])));
}

PG_FUNCTION_INFO_V1(cx_journey_dwell);
/* cx.dwell(journey, stage): total time from each touchpoint of stage to the next. */
Datum
cx_journey_dwell(PG_FUNCTION_ARGS)
{
	JourneyView v;
	uint32		id;
	int64		total = 0;
	bool		found = false;

	journey_view(PG_GETARG_JOURNEY_P(0), &v);
	id = find_text(&v, PG_GETARG_TEXT_PP(1));
	if (id == NO_STRING)
		PG_RETURN_NULL();
	for (uint32 i = 0; i < v.n; i++)
	{
		if (v.stage[i] != id)
			continue;
		found = true;
		if (i + 1 < v.n
			&& pg_add_s64_overflow(total, span_usecs(v.at[i], v.at[i + 1]), &total))
			ereport(ERROR,
					errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
					errmsg("interval out of range"));
	}
	if (!found)
		PG_RETURN_NULL();
	PG_RETURN_INTERVAL_P(usecs_interval(total));
}

enum
{
	FUNNEL_ANY,
	FUNNEL_ADJACENT
};

static const char *const funnel_modes[] = {"any", "adjacent"};

PG_FUNCTION_INFO_V1(cx_journey_funnel_depth);
/*
 * cx.funnel_depth(journey, steps, within, mode): the most leading steps
 * matched by touchpoints in journey order, within `within` of the first.
 */
Datum
cx_journey_funnel_depth(PG_FUNCTION_ARGS)
{
	JourneyView v;
	ArrayType  *steps;
	Datum	   *elems;
	bool	   *elem_nulls;
	int			m;
	int			mode;
	bool		unlimited;
	int128		within;
	uint32	   *step_id;
	int			depth = 0;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1) || PG_ARGISNULL(3))
		PG_RETURN_NULL();
	mode = parse_mode(PG_GETARG_TEXT_PP(3), "funnel", funnel_modes, lengthof(funnel_modes));
	within = window_usecs(fcinfo, 2, &unlimited);
	steps = PG_GETARG_ARRAYTYPE_P(1);
	if (ARR_NDIM(steps) > 1)
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("funnel steps must be a one-dimensional array"),
				errdetail("The array has %d dimensions.", ARR_NDIM(steps)));
	deconstruct_array(steps, TEXTOID, -1, false, TYPALIGN_INT, &elems, &elem_nulls, &m);
	journey_view(PG_GETARG_JOURNEY_P(0), &v);
	step_id = palloc((m + 1) * sizeof(uint32));
	for (int k = 0; k < m; k++)
	{
		if (elem_nulls[k])
			ereport(ERROR,
					errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					errmsg("funnel steps must not be NULL"));
		step_id[k] = find_text(&v, DatumGetTextPP(elems[k]));
	}
	if (m == 0 || v.n == 0)
		PG_RETURN_INT32(0);

	if (mode == FUNNEL_ADJACENT)
	{
		for (uint32 p = 0; p < v.n && depth < m; p++)
		{
			int			k = 0;

			CHECK_FOR_INTERRUPTS();
			while (k < m && p + k < v.n && v.stage[p + k] == step_id[k]
				   && (unlimited || (int128) v.at[p + k] - v.at[p] <= within))
				k++;
			depth = Max(depth, k);
		}
	}
	else
	{
		/*
		 * For each step k, the latest start (time of the touchpoint filling
		 * step 1) of a chain filling steps 1..k within the window at a
		 * touchpoint seen so far.  The latest start is the best one to
		 * extend, and a chain over the window never comes back into it.
		 * Steps sharing a stage are visited from the last, so that one
		 * touchpoint fills at most one step.
		 */
		TimestampTz *start = palloc(m * sizeof(TimestampTz));
		bool	   *has = palloc0(m * sizeof(bool));
		int		   *first_step = palloc(Max(v.nstrings, 1) * sizeof(int));
		int		   *next_step = palloc(m * sizeof(int));

		for (uint32 s = 0; s < v.nstrings; s++)
			first_step[s] = -1;
		for (int k = 0; k < m; k++)
		{
			if (step_id[k] == NO_STRING)
			{
				m = k;			/* no chain gets past a stage never reached */
				break;
			}
			next_step[k] = first_step[step_id[k]];
			first_step[step_id[k]] = k;
		}
		for (uint32 p = 0; p < v.n && depth < m; p++)
		{
			if ((p & 0xffff) == 0)
				CHECK_FOR_INTERRUPTS();
			for (int k = first_step[v.stage[p]]; k >= 0; k = next_step[k])
			{
				TimestampTz s;

				if (k == 0)
					s = v.at[p];
				else if (!has[k - 1])
					continue;
				else
				{
					s = start[k - 1];
					if (!unlimited && (int128) v.at[p] - s > within)
						continue;
				}
				if (!has[k] || s > start[k])
				{
					start[k] = s;
					has[k] = true;
				}
				depth = Max(depth, k + 1);
			}
		}
	}
	PG_RETURN_INT32(depth);
}

/* set-returning functions */

/* Every stage and channel string of a journey as a text Datum, made once. */
static Datum *
string_datums(const JourneyView *v)
{
	Datum	   *strings = palloc(Max(v->nstrings, 1) * sizeof(Datum));

	for (uint32 s = 0; s < v->nstrings; s++)
		strings[s] = PointerGetDatum(string_text(v, s));
	return strings;
}

PG_FUNCTION_INFO_V1(cx_journey_touchpoints);
/* cx.touchpoints(journey): (at, stage, score, channel) in journey order. */
Datum
cx_journey_touchpoints(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	JourneyView v;
	Datum	   *strings;

	InitMaterializedSRF(fcinfo, 0);
	journey_view(PG_GETARG_JOURNEY_P(0), &v);
	strings = string_datums(&v);
	for (uint32 i = 0; i < v.n; i++)
	{
		Datum		values[4];
		bool		nulls[4] = {false, false, false, false};

		values[0] = TimestampTzGetDatum(v.at[i]);
		values[1] = strings[v.stage[i]];
		nulls[2] = !journey_has_score(v.score[i]);
		values[2] = nulls[2] ? (Datum) 0 : Float8GetDatum(v.score[i]);
		nulls[3] = v.channel[i] == JOURNEY_UNKNOWN;
		values[3] = nulls[3] ? (Datum) 0 : strings[v.channel[i]];
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}

PG_FUNCTION_INFO_V1(cx_journey_transitions);
/* cx.transitions(journey): (from_stage, to_stage, seconds) per adjacent pair. */
Datum
cx_journey_transitions(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	JourneyView v;
	Datum	   *strings;

	InitMaterializedSRF(fcinfo, 0);
	journey_view(PG_GETARG_JOURNEY_P(0), &v);
	strings = string_datums(&v);
	for (uint32 i = 0; i + 1 < v.n; i++)
	{
		Datum		values[3];
		bool		nulls[3] = {false, false, false};

		values[0] = strings[v.stage[i]];
		values[1] = strings[v.stage[i + 1]];
		values[2] = Float8GetDatum((float8) ((int128) v.at[i + 1] - v.at[i]) / USECS_PER_SEC);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}
