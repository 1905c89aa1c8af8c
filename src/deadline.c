/*
 * deadline.c
 *	  Service standards and deadlines: the time a journey took from one
 *	  stage to another (cx.elapsed), whether that met a limit (cx.within),
 *	  and working time (cx.working_days and the working-day variants).
 *
 * cx.elapsed(j, from_stage, to_stage) runs from the first touchpoint of
 * from_stage (the journey's first touchpoint when from_stage is NULL) to
 * the first touchpoint of to_stage at the same time or later (so it is
 * never negative, and 0 when both are the same touchpoint); NULL when
 * either stage was never reached.
 *
 * Working days.  cx.working_days(from, to, holidays, weekend) counts the
 * working time between two instants in days, on the calendar of the
 * session time zone (TimeZone):
 *   - a calendar day is a working day unless its ISO day of the week
 *     (1 = Monday .. 7 = Sunday) is in `weekend` or its date is in
 *     `holidays`;
 *   - every working day wholly inside [from, to) counts 1, whatever its
 *     length (a day with a daylight-saving change is still one day);
 *   - a working day that from or to cuts counts the fraction of that day's
 *     own length (local midnight to local midnight, 23, 24 or 25 hours)
 *     that lies inside [from, to); a non-working day counts 0 however
 *     much of it lies inside;
 *   - the sum is rounded to 12 decimal places (a microsecond is about
 *     1.2e-11 days) and printed without trailing zeros;
 *   - to before from gives the negative of working_days(to, from).
 * So Friday 12:00 to Monday 12:00 is 1 working day (half of Friday and
 * half of Monday), and a case received on Saturday and decided on Monday
 * at 06:00 took 0.25 working days.  Holidays on a weekend day change
 * nothing; duplicates count once.
 */
#include "journey.h"

#include "catalog/pg_type.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/numeric.h"
#include "utils/timestamp.h"

#define NO_STRING PG_UINT32_MAX
#define FRACTION_DIGITS 12

/* The index of a string in the journey's table, or NO_STRING. */
static uint32
stage_id(const JourneyView *v, text *t)
{
	const char *s = VARDATA_ANY(t);
	int			len = VARSIZE_ANY_EXHDR(t);
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

pg_noreturn
static void
null_argument(const char *name)
{
	ereport(ERROR,
			errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
			errmsg("%s must not be NULL", name));
}

/*
 * The touchpoints that cx.elapsed measures between: false when a stage was
 * never reached.  Arguments from_arg and to_arg are the stages.
 */
static bool
elapsed_span(FunctionCallInfo fcinfo, int from_arg, int to_arg,
			 TimestampTz *from, TimestampTz *to)
{
	JourneyView v;
	uint32		to_id;
	uint32		i = 0;

	if (PG_ARGISNULL(to_arg))
		null_argument("to_stage");
	journey_view(PG_GETARG_JOURNEY_P(0), &v);
	if (v.n == 0)
		return false;
	if (!PG_ARGISNULL(from_arg))
	{
		uint32		from_id = stage_id(&v, PG_GETARG_TEXT_PP(from_arg));

		if (from_id == NO_STRING)
			return false;
		while (i < v.n && v.stage[i] != from_id)
			i++;
		if (i == v.n)
			return false;
	}
	*from = v.at[i];
	to_id = stage_id(&v, PG_GETARG_TEXT_PP(to_arg));
	if (to_id == NO_STRING)
		return false;
	for (uint32 k = 0; k < v.n; k++)
	{
		if (v.stage[k] == to_id && v.at[k] >= *from)
		{
			*to = v.at[k];
			return true;
		}
	}
	return false;
}

static Interval *
usecs_interval(int64 usecs)
{
	Interval   *result = palloc(sizeof(Interval));

	result->month = 0;
	result->day = (int32) (usecs / USECS_PER_DAY);
	result->time = usecs % USECS_PER_DAY;
	return result;
}

PG_FUNCTION_INFO_V1(cx_journey_elapsed);
/* cx.elapsed(journey, from_stage, to_stage): time from one stage to another. */
Datum
cx_journey_elapsed(PG_FUNCTION_ARGS)
{
	TimestampTz from,
				to;

	if (PG_ARGISNULL(0) || !elapsed_span(fcinfo, 1, 2, &from, &to))
		PG_RETURN_NULL();
	PG_RETURN_INTERVAL_P(usecs_interval(to - from));
}

PG_FUNCTION_INFO_V1(cx_journey_within);
/* cx.within(journey, limit, to_stage, from_stage): elapsed <= limit. */
Datum
cx_journey_within(PG_FUNCTION_ARGS)
{
	TimestampTz from,
				to;
	Interval   *limit;
	int128		limit_usecs;

	if (PG_ARGISNULL(1))
		null_argument("limit");
	if (PG_ARGISNULL(0) || !elapsed_span(fcinfo, 3, 2, &from, &to))
		PG_RETURN_NULL();
	limit = PG_GETARG_INTERVAL_P(1);
	limit_usecs = (int128) limit->month * DAYS_PER_MONTH * USECS_PER_DAY
		+ (int128) limit->day * USECS_PER_DAY + limit->time;
	PG_RETURN_BOOL((int128) (to - from) <= limit_usecs);
}

/* working days */

typedef struct Calendar
{
	bool		weekend[8];		/* by ISO day of the week, 1..7 */
	DateADT    *holidays;		/* working-weekday holidays, sorted, distinct */
	int			nholidays;
} Calendar;

static inline int
iso_dow(DateADT d)
{
	/* 2000-01-01, day 0, was a Saturday (6). */
	return (int) (((d % 7) + 7 + 5) % 7) + 1;
}

static int
date_cmp_qsort(const void *a, const void *b)
{
	DateADT		x = *(const DateADT *) a;
	DateADT		y = *(const DateADT *) b;

	return (x > y) - (x < y);
}

static void
calendar_init(Calendar *cal, ArrayType *holidays, ArrayType *weekend)
{
	Datum	   *values;
	bool	   *nulls;
	int			n;
	int			kept = 0;

	memset(cal->weekend, 0, sizeof(cal->weekend));
	deconstruct_array(weekend, INT4OID, sizeof(int32), true, TYPALIGN_INT,
					  &values, &nulls, &n);
	for (int i = 0; i < n; i++)
	{
		int32		day;

		if (nulls[i])
			null_argument("a weekend day");
		day = DatumGetInt32(values[i]);
		if (day < 1 || day > 7)
			ereport(ERROR,
					errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					errmsg("weekend days are ISO days of the week, 1 (Monday) to 7 (Sunday), got %d",
						   day));
		cal->weekend[day] = true;
	}
	deconstruct_array(holidays, DATEOID, sizeof(DateADT), true, TYPALIGN_INT,
					  &values, &nulls, &n);
	cal->holidays = palloc(sizeof(DateADT) * Max(n, 1));
	for (int i = 0; i < n; i++)
	{
		DateADT		d;

		if (nulls[i])
			null_argument("a holiday");
		d = DatumGetDateADT(values[i]);
		if (DATE_NOT_FINITE(d))
			ereport(ERROR,
					errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					errmsg("holidays must be finite dates"));
		if (!cal->weekend[iso_dow(d)])
			cal->holidays[kept++] = d;
	}
	qsort(cal->holidays, kept, sizeof(DateADT), date_cmp_qsort);
	n = kept;
	kept = 0;
	for (int i = 0; i < n; i++)
		if (kept == 0 || cal->holidays[kept - 1] != cal->holidays[i])
			cal->holidays[kept++] = cal->holidays[i];
	cal->nholidays = kept;
}

static bool
is_holiday(const Calendar *cal, DateADT d)
{
	return bsearch(&d, cal->holidays, cal->nholidays, sizeof(DateADT),
				   date_cmp_qsort) != NULL;
}

static bool
is_working_day(const Calendar *cal, DateADT d)
{
	return !cal->weekend[iso_dow(d)] && !is_holiday(cal, d);
}

static inline int64
floor_div7(int64 x)
{
	return x >= 0 ? x / 7 : -((-x + 6) / 7);
}

/* Working days among the dates a..b (inclusive); 0 when a > b. */
static int64
working_days_between(const Calendar *cal, DateADT a, DateADT b)
{
	int64		count = 0;

	if (a > b)
		return 0;
	for (int dow = 1; dow <= 7; dow++)
	{
		int64		r = dow - 1;	/* (d + 5) mod 7 of the days with this dow */

		if (cal->weekend[dow])
			continue;
		count += floor_div7((int64) b + 5 - r) - floor_div7((int64) a + 4 - r);
	}
	for (int i = 0; i < cal->nholidays; i++)
		if (cal->holidays[i] >= a && cal->holidays[i] <= b)
			count--;
	return count;
}

static TimestampTz
local_midnight(DateADT d)
{
	return DatumGetTimestampTz(DirectFunctionCall1(date_timestamptz,
												   DateADTGetDatum(d)));
}

static DateADT
local_date(TimestampTz t)
{
	return DatumGetDateADT(DirectFunctionCall1(timestamptz_date,
											   TimestampTzGetDatum(t)));
}

static Datum
int8_num(int64 v)
{
	return DirectFunctionCall1(int8_numeric, Int64GetDatum(v));
}

/* The share of day d inside [from, to), as numeric. */
static Datum
day_fraction(DateADT d, TimestampTz from, TimestampTz to)
{
	TimestampTz start = local_midnight(d);
	TimestampTz end = local_midnight(d + 1);
	TimestampTz lo = Max(start, from);
	TimestampTz hi = Min(end, to);

	if (hi <= lo)
		return int8_num(0);
	return DirectFunctionCall2(numeric_div, int8_num(hi - lo), int8_num(end - start));
}

static Datum
working_days(const Calendar *cal, TimestampTz from, TimestampTz to)
{
	bool		negative = false;
	DateADT		first,
				last;
	Datum		result;

	if (TIMESTAMP_NOT_FINITE(from) || TIMESTAMP_NOT_FINITE(to))
		ereport(ERROR,
				errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				errmsg("working days need finite timestamps"));
	if (to < from)
	{
		TimestampTz swap = from;

		from = to;
		to = swap;
		negative = true;
	}
	first = local_date(from);
	last = local_date(to);
	result = int8_num(working_days_between(cal, first + 1, last - 1));
	if (is_working_day(cal, first))
		result = DirectFunctionCall2(numeric_add, result, day_fraction(first, from, to));
	if (last != first && is_working_day(cal, last))
		result = DirectFunctionCall2(numeric_add, result, day_fraction(last, from, to));
	result = DirectFunctionCall2(numeric_round, result, Int32GetDatum(FRACTION_DIGITS));
	result = DirectFunctionCall1(numeric_trim_scale, result);
	if (negative)
		result = DirectFunctionCall1(numeric_uminus, result);
	return result;
}

PG_FUNCTION_INFO_V1(cx_working_days);
/* cx.working_days(from, to, holidays, weekend): working time in days. */
Datum
cx_working_days(PG_FUNCTION_ARGS)
{
	Calendar	cal;

	calendar_init(&cal, PG_GETARG_ARRAYTYPE_P(2), PG_GETARG_ARRAYTYPE_P(3));
	PG_RETURN_DATUM(working_days(&cal, PG_GETARG_TIMESTAMPTZ(0),
								 PG_GETARG_TIMESTAMPTZ(1)));
}

static void
calendar_args(FunctionCallInfo fcinfo, int argno, Calendar *cal)
{
	if (PG_ARGISNULL(argno))
		null_argument("holidays");
	if (PG_ARGISNULL(argno + 1))
		null_argument("weekend");
	calendar_init(cal, PG_GETARG_ARRAYTYPE_P(argno), PG_GETARG_ARRAYTYPE_P(argno + 1));
}

PG_FUNCTION_INFO_V1(cx_journey_elapsed_working_days);
/* cx.elapsed_working_days(journey, from_stage, to_stage, holidays, weekend). */
Datum
cx_journey_elapsed_working_days(PG_FUNCTION_ARGS)
{
	TimestampTz from,
				to;
	Calendar	cal;

	calendar_args(fcinfo, 3, &cal);
	if (PG_ARGISNULL(0) || !elapsed_span(fcinfo, 1, 2, &from, &to))
		PG_RETURN_NULL();
	PG_RETURN_DATUM(working_days(&cal, from, to));
}

PG_FUNCTION_INFO_V1(cx_journey_within_working_days);
/* cx.within_working_days(journey, days, to_stage, from_stage, holidays, weekend). */
Datum
cx_journey_within_working_days(PG_FUNCTION_ARGS)
{
	TimestampTz from,
				to;
	Calendar	cal;
	Datum		days;

	if (PG_ARGISNULL(1))
		null_argument("days");
	calendar_args(fcinfo, 4, &cal);
	if (PG_ARGISNULL(0) || !elapsed_span(fcinfo, 3, 2, &from, &to))
		PG_RETURN_NULL();
	days = working_days(&cal, from, to);
	PG_RETURN_BOOL(DatumGetBool(DirectFunctionCall2(numeric_le, days,
													PG_GETARG_DATUM(1))));
}
