/*
 * waits.c
 *	  The cx.waits summary: the exact Kaplan-Meier data of waiting times in
 *	  which open cases are right-censored, its I/O, its aggregates
 *	  (cx.waits_agg and cx.merge) and the figures read from it: the median
 *	  and other quantiles of the wait with the Brookmeyer-Crowley interval,
 *	  the share done by a given wait with the Greenwood log-log interval,
 *	  the cases and the open cases.
 *
 * Stored format of cx.waits (format version 1), a varlena:
 *
 *	 int32  varlena header
 *	 uint8  format version (1)
 *	 uint8  flags, always 0 in a stored value
 *	 uint16 reserved, always 0
 *	 uint32 count           distinct waits
 *	 uint32 pending         always 0 in a stored value
 *	 int64  skipped         rows with a NULL wait or a NULL ended flag
 *	 then count entries of three int64:
 *	 int64  usecs           the wait in microseconds, >= 0, strictly
 *	                        increasing from entry to entry
 *	 int64  ended           cases that ended after exactly this wait
 *	 int64  open            cases still open after exactly this wait
 *	                        (right-censored); ended + open >= 1
 *
 * so a summary takes 24 bytes plus 24 per distinct wait, whatever the
 * number of cases.  The form is canonical (sorted, no duplicate or empty
 * entry), so equal multisets of cases give byte-identical summaries however
 * they were split or merged.  A wait is an interval; months count as 30
 * days and days as 24 hours, as interval comparison counts them
 * (timestamptz subtraction gives days and time only).
 *
 * Text form, which reads back to the identical value:
 *
 *	 (skipped=0,waits={3600000000:2:1,86400000000:1:0})
 *
 * Binary form (network byte order): version byte, flags byte, uint32
 * count, int64 skipped, then usecs, ended and open of each entry.
 *
 * The aggregate state.  The aggregates summarise across customers, so their
 * state is cx.waits itself (DESIGN section 2), updated in place inside the
 * aggregate context.  Keeping the entries sorted on every row would cost a
 * shift of the array per new distinct wait, quadratic when waits are
 * measured to the microsecond; so the state has a working form, flag
 * WAITS_STATE: VARSIZE covers a capacity of entries, the first count of
 * them sorted and distinct, then `pending` unsorted ones (a row is the
 * entry (usecs, 1, 0) or (usecs, 0, 1); an inverse transition appends
 * negative counts; cx.merge appends a summary's entries).  When the
 * capacity is full, the pending entries are sorted, coalesced and merged
 * into the sorted ones, and the capacity doubles when that leaves less
 * than half of it free: each row costs amortised O(log n), and memory
 * stays within twice the distinct waits plus the pending rows.  The
 * working form exists only inside an aggregate and between parallel
 * workers and their leader (whose combine function appends entries the
 * same way); the final function, output and send all give the canonical
 * form, and input, receive and every accessor accept only it (the one
 * validator rejects the flag).
 *
 * Kaplan-Meier (Kaplan and Meier 1958) over the distinct waits t_i with d_i
 * ended and c_i open cases and r_i cases at risk (waits >= t_i; a case open
 * at t_i is at risk at t_i, the usual convention when an end and a
 * censoring tie):
 *   S(t) = prod over t_i <= t of (1 - d_i / r_i),   the share still waiting;
 *   Greenwood's variance: Var S(t) = S(t)^2 sum d_i / (r_i (r_i - d_i)).
 *   cx.share_done_by(w, t) = 1 - S(t) with the log-log (complementary
 *   log-log) interval of S (Kalbfleisch and Prentice 1980): S^exp(+-z s)
 *   with s = sqrt(sum d_i / (r_i (r_i - d_i))) / |log S|; its bounds are
 *   NULL where S(t) is 1 (nothing ended by t) or 0.
 *   cx.wait_quantile(w, p): the smallest wait t_i with S(t_i) <= 1 - p
 *   (compared with a tolerance of 1e-10, so that a curve that reaches
 *   1 - p exactly is not missed through rounding); NULL when the curve
 *   never gets there (too many cases are still open).  Its interval is
 *   Brookmeyer and Crowley's (Biometrics 38, 1982), the set of event times
 *   whose S is not rejected as 1 - p by a test at the confidence level, on
 *   the log-log scale (as SAS PROC LIFETEST's default and statsmodels'
 *   SurvfuncRight.quantile_ci(method='cloglog')): t_j is in it when
 *   |g(S_j) - g(1 - p)| <= z g'(S_j) se(S_j), g(x) = log(-log x), se the
 *   Greenwood standard error (so g'(S_j) se(S_j) is the delta-method
 *   standard error of g(S_j)); the
 *   lower bound is the first such t_j, the upper bound the event time after
 *   the last one, NULL (unbounded) when none follows.
 */
#include "rate.h"

#include <math.h>

#include "access/htup_details.h"
#include "common/int.h"
#include "datatype/timestamp.h"
#include "funcapi.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/float.h"
#include "utils/jsonb.h"
#include "utils/timestamp.h"
#include "utils/tuplestore.h"

#define WAITS_STATE 0x01		/* the aggregates' working form */
#define WAITS_MIN_CAPACITY 64
#define WAITS_QUANTILE_TOLERANCE 1e-10

typedef struct WaitsEntry
{
	int64		usecs;
	int64		ended;
	int64		open;
} WaitsEntry;

typedef struct Waits
{
	int32		vl_len_;
	uint8		version;
	uint8		flags;
	uint16		reserved;
	uint32		count;
	uint32		pending;
	int64		skipped;
	WaitsEntry	entry[FLEXIBLE_ARRAY_MEMBER];
} Waits;

#define WAITS_HEADER_SIZE offsetof(Waits, entry)
#define WAITS_MAX_ENTRIES \
	((uint32) ((MaxAllocSize - WAITS_HEADER_SIZE) / sizeof(WaitsEntry)))

static const char *const type_name = "cx.waits";

#define PG_GETARG_WAITS_P(n) ((Waits *) PG_DETOAST_DATUM(PG_GETARG_DATUM(n)))

static inline Size
waits_size(Size entries)
{
	return add_size(WAITS_HEADER_SIZE, mul_size(entries, sizeof(WaitsEntry)));
}

static inline uint32
waits_capacity(const Waits *w)
{
	return (uint32) ((VARSIZE(w) - WAITS_HEADER_SIZE) / sizeof(WaitsEntry));
}

pg_noreturn
static void
too_many_waits(void)
{
	ereport(ERROR,
			errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
			errmsg("a cx.waits summary holds at most %u distinct waits",
				   WAITS_MAX_ENTRIES));
}

static Waits *
waits_alloc(Size capacity, uint8 flags)
{
	Waits	   *w;

	if (capacity > WAITS_MAX_ENTRIES)
		too_many_waits();
	w = palloc(waits_size(capacity));
	SET_VARSIZE(w, waits_size(capacity));
	w->version = CX_FORMAT_VERSION;
	w->flags = flags;
	w->reserved = 0;
	w->count = 0;
	w->pending = 0;
	w->skipped = 0;
	return w;
}

/* The one validator behind text input and binary receive. */
static bool
waits_validate(const Waits *w, CxSource source, struct Node *escontext)
{
	int64		total = w->skipped;

	if (!cx_format_version_valid(escontext, w->version, type_name, source))
		return false;
	if (w->flags != 0 || w->reserved != 0 || w->pending != 0)
		return cx_invalid(escontext, type_name, source, "Reserved fields must be zero.");
	if (w->count > WAITS_MAX_ENTRIES || VARSIZE(w) != waits_size(w->count))
		return cx_invalid(escontext, type_name, source,
						  "The value has the wrong size for its waits.");
	if (w->skipped < 0)
		return cx_invalid(escontext, type_name, source, "The skipped count is negative.");
	for (uint32 i = 0; i < w->count; i++)
	{
		const WaitsEntry *e = &w->entry[i];

		if (e->usecs < 0)
			return cx_invalid(escontext, type_name, source, "A wait is negative.");
		if (i > 0 && e->usecs <= w->entry[i - 1].usecs)
			return cx_invalid(escontext, type_name, source,
							  "The waits are not strictly increasing.");
		if (e->ended < 0 || e->open < 0 || (e->ended == 0 && e->open == 0))
			return cx_invalid(escontext, type_name, source,
							  "Each wait needs a non-negative count of ended and open cases, not both 0.");
		if (pg_add_s64_overflow(total, e->ended, &total)
			|| pg_add_s64_overflow(total, e->open, &total))
			return cx_invalid(escontext, type_name, source, "The case counts overflow.");
	}
	return true;
}

/* sorting and coalescing */

static int
entry_cmp(const void *a, const void *b)
{
	int64		x = ((const WaitsEntry *) a)->usecs;
	int64		y = ((const WaitsEntry *) b)->usecs;

	return (x > y) - (x < y);
}

pg_noreturn
static void
nothing_to_remove(void)
{
	ereport(ERROR,
			errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			errmsg("cannot remove cases that the cx.waits summary does not hold"));
}

/* Add entry e into the output run out[0 .. *n), coalescing equal waits. */
static inline void
emit(WaitsEntry *out, uint32 *n, const WaitsEntry *e)
{
	if (*n > 0 && out[*n - 1].usecs == e->usecs)
	{
		out[*n - 1].ended = cx_add_count(out[*n - 1].ended, e->ended);
		out[*n - 1].open = cx_add_count(out[*n - 1].open, e->open);
	}
	else
		out[(*n)++] = *e;
}

/*
 * Sort the pending entries of w and merge them with its sorted ones into
 * out (room for count + pending entries; may be w's own entries only when
 * nothing is pending).  Returns the number of distinct, non-empty entries.
 */
static uint32
waits_settle_into(Waits *w, WaitsEntry *out)
{
	WaitsEntry *sorted = w->entry;
	WaitsEntry *pending = w->entry + w->count;
	uint32		i = 0,
				j = 0,
				n = 0,
				kept = 0;
	WaitsEntry *merged;

	if (w->pending > 1)
		qsort(pending, w->pending, sizeof(WaitsEntry), entry_cmp);
	merged = (out == w->entry) ? palloc(sizeof(WaitsEntry) * Max(w->count + w->pending, 1)) : out;
	while (i < w->count || j < w->pending)
	{
		if (j >= w->pending || (i < w->count && sorted[i].usecs <= pending[j].usecs))
			emit(merged, &n, &sorted[i++]);
		else
			emit(merged, &n, &pending[j++]);
	}
	for (uint32 k = 0; k < n; k++)
	{
		if (merged[k].ended < 0 || merged[k].open < 0)
			nothing_to_remove();
		if (merged[k].ended != 0 || merged[k].open != 0)
			merged[kept++] = merged[k];
	}
	if (merged != out)
	{
		memcpy(out, merged, sizeof(WaitsEntry) * kept);
		pfree(merged);
	}
	return kept;
}

/* The canonical form of w: w itself when it is already, else a new copy. */
static Waits *
waits_canonical(Waits *w)
{
	Waits	   *result;
	Waits	   *work;
	Size		used;

	if (!(w->flags & WAITS_STATE))
		return w;
	/* Settle a copy: the state may still be in use (Citus outputs partials). */
	used = waits_size((Size) w->count + w->pending);
	work = palloc(used);
	memcpy(work, w, used);
	result = waits_alloc(w->count + w->pending, 0);
	result->skipped = w->skipped;
	result->count = waits_settle_into(work, result->entry);
	pfree(work);
	SET_VARSIZE(result, waits_size(result->count));
	return result;
}

static Waits *
arg_canonical(FunctionCallInfo fcinfo, int n)
{
	return waits_canonical(PG_GETARG_WAITS_P(n));
}

/*
 * A working state with room for `more` pending entries: w itself if it has
 * the room (and may be changed in place), else a new working state, its
 * pending entries settled, with the capacity doubled when settling leaves
 * less than half of it free.
 */
static Waits *
waits_room(Waits *w, bool in_place, uint32 more)
{
	uint32		capacity = (w->flags & WAITS_STATE) ? waits_capacity(w) : 0;
	Size		used = (Size) w->count + w->pending;
	Waits	   *result;
	Size		need;
	Size		new_capacity;

	if (in_place && (w->flags & WAITS_STATE) && used + more <= capacity)
		return w;
	if (in_place && (w->flags & WAITS_STATE) && w->pending > 0)
	{
		/* Settle in place first: often that frees enough room. */
		uint32		kept = waits_settle_into(w, w->entry);

		w->count = kept;
		w->pending = 0;
		if ((Size) kept + more <= capacity / 2
			|| ((Size) kept + more <= capacity && capacity >= WAITS_MAX_ENTRIES / 2))
			return w;
		used = kept;
	}
	need = used + more;
	new_capacity = Max(WAITS_MIN_CAPACITY, Max(capacity, 1));
	while (new_capacity < 2 * need && new_capacity < WAITS_MAX_ENTRIES)
		new_capacity *= 2;
	new_capacity = Min(new_capacity, WAITS_MAX_ENTRIES);
	if (need > new_capacity)
		too_many_waits();
	result = waits_alloc(new_capacity, WAITS_STATE);
	result->skipped = w->skipped;
	if (w->pending > 0)
		result->count = waits_settle_into(w, result->entry);
	else
	{
		memcpy(result->entry, w->entry, sizeof(WaitsEntry) * w->count);
		result->count = w->count;
	}
	return result;
}

static inline void
append(Waits *w, int64 usecs, int64 ended, int64 open)
{
	WaitsEntry *e = &w->entry[w->count + w->pending++];

	e->usecs = usecs;
	e->ended = ended;
	e->open = open;
}

/* text and binary I/O */

PG_FUNCTION_INFO_V1(cx_waits_in);
/* Text input of cx.waits. */
Datum
cx_waits_in(PG_FUNCTION_ARGS)
{
	CxCursor	c;
	int64		skipped;
	Size		count = 0;
	Size		capacity = 16;
	WaitsEntry *entries = palloc(sizeof(WaitsEntry) * capacity);
	Waits	   *w;

	cx_cursor_init(&c, PG_GETARG_CSTRING(0), type_name, fcinfo->context);
	cx_expect(&c, '(');
	cx_expect_key(&c, "skipped");
	skipped = cx_read_int64(&c);
	cx_expect(&c, ',');
	cx_expect_key(&c, "waits");
	cx_expect(&c, '{');
	if (!cx_accept(&c, '}'))
	{
		do
		{
			if (count == capacity)
			{
				if (capacity >= WAITS_MAX_ENTRIES)
					too_many_waits();
				capacity *= 2;
				entries = repalloc(entries, mul_size(sizeof(WaitsEntry), capacity));
			}
			entries[count].usecs = cx_read_int64(&c);
			cx_expect(&c, ':');
			entries[count].ended = cx_read_int64(&c);
			cx_expect(&c, ':');
			entries[count].open = cx_read_int64(&c);
			count++;
		} while (cx_accept(&c, ','));
		cx_expect(&c, '}');
	}
	cx_expect(&c, ')');
	cx_expect_end(&c);
	if (cx_cursor_failed(&c))
		PG_RETURN_NULL();
	if (count > WAITS_MAX_ENTRIES)
		too_many_waits();
	w = waits_alloc(count, 0);
	w->count = (uint32) count;
	w->skipped = skipped;
	memcpy(w->entry, entries, sizeof(WaitsEntry) * count);
	pfree(entries);
	if (!waits_validate(w, CX_FROM_TEXT, fcinfo->context))
		PG_RETURN_NULL();
	PG_RETURN_POINTER(w);
}

PG_FUNCTION_INFO_V1(cx_waits_out);
/* Text output of cx.waits; reads back to the identical value. */
Datum
cx_waits_out(PG_FUNCTION_ARGS)
{
	Waits	   *w = arg_canonical(fcinfo, 0);
	StringInfoData buf;

	initStringInfo(&buf);
	appendStringInfo(&buf, "(skipped=" INT64_FORMAT ",waits={", w->skipped);
	for (uint32 i = 0; i < w->count; i++)
		appendStringInfo(&buf, "%s" INT64_FORMAT ":" INT64_FORMAT ":" INT64_FORMAT,
						 i ? "," : "", w->entry[i].usecs, w->entry[i].ended,
						 w->entry[i].open);
	appendStringInfoString(&buf, "})");
	PG_RETURN_CSTRING(buf.data);
}

PG_FUNCTION_INFO_V1(cx_waits_recv);
/* Binary input of cx.waits, validated like text input. */
Datum
cx_waits_recv(PG_FUNCTION_ARGS)
{
	StringInfo	msg = (StringInfo) PG_GETARG_POINTER(0);
	int			version;
	int			flags;
	uint32		count;
	Waits	   *w;

	version = pq_getmsgbyte(msg);
	cx_check_format_version(version, type_name, CX_FROM_BINARY);
	flags = pq_getmsgbyte(msg);
	count = (uint32) pq_getmsgint(msg, 4);
	/* Check the length before allocating: the count may be hostile. */
	if (count > WAITS_MAX_ENTRIES
		|| (Size) (msg->len - msg->cursor) != sizeof(int64) + (Size) count * 3 * sizeof(int64))
		cx_corrupt(type_name, CX_FROM_BINARY,
				   "The number of waits does not match the length of the value.");
	w = waits_alloc(count, 0);
	w->flags = flags;
	w->count = count;
	w->skipped = pq_getmsgint64(msg);
	for (uint32 i = 0; i < count; i++)
	{
		w->entry[i].usecs = pq_getmsgint64(msg);
		w->entry[i].ended = pq_getmsgint64(msg);
		w->entry[i].open = pq_getmsgint64(msg);
	}
	pq_getmsgend(msg);
	waits_validate(w, CX_FROM_BINARY, NULL);
	PG_RETURN_POINTER(w);
}

PG_FUNCTION_INFO_V1(cx_waits_send);
/* Binary output of cx.waits, in network byte order. */
Datum
cx_waits_send(PG_FUNCTION_ARGS)
{
	Waits	   *w = arg_canonical(fcinfo, 0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, w->version);
	pq_sendbyte(&buf, 0);
	pq_sendint32(&buf, w->count);
	pq_sendint64(&buf, w->skipped);
	for (uint32 i = 0; i < w->count; i++)
	{
		pq_sendint64(&buf, w->entry[i].usecs);
		pq_sendint64(&buf, w->entry[i].ended);
		pq_sendint64(&buf, w->entry[i].open);
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* aggregates */

/* A wait in microseconds: months as 30 days, days as 24 hours; >= 0. */
static int64
interval_usecs(const Interval *span)
{
	int128		usecs = (int128) span->month * DAYS_PER_MONTH * USECS_PER_DAY
		+ (int128) span->day * USECS_PER_DAY + span->time;

	if (usecs < 0 || usecs > PG_INT64_MAX)
		ereport(ERROR,
				errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				errmsg("a wait must be a finite, non-negative interval"));
	return (int64) usecs;
}

/*
 * The state a transition updates: the aggregate's own (in place), or, when
 * called directly, a working copy, so that a stored value never changes.
 */
static Waits *
transition_state(FunctionCallInfo fcinfo, bool *in_aggregate, uint32 more)
{
	Waits	   *w;

	*in_aggregate = AggCheckCallContext(fcinfo, NULL) != 0;
	if (PG_ARGISNULL(0))
		w = waits_alloc(0, 0);
	else
		w = PG_GETARG_WAITS_P(0);
	return waits_room(w, *in_aggregate, more);
}

static Datum
transition_result(bool in_aggregate, Waits *w)
{
	if (in_aggregate)
		PG_RETURN_POINTER(w);
	PG_RETURN_POINTER(waits_canonical(w));
}

/* One row: sign 1 adds it, -1 removes it. */
static Datum
waits_row(FunctionCallInfo fcinfo, int sign)
{
	bool		in_aggregate;
	Waits	   *w;

	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
	{
		w = transition_state(fcinfo, &in_aggregate, 0);
		w->skipped = cx_add_count(w->skipped, sign);
		if (w->skipped < 0)
			nothing_to_remove();
	}
	else
	{
		int64		usecs = interval_usecs(PG_GETARG_INTERVAL_P(1));
		bool		ended = PG_GETARG_BOOL(2);

		w = transition_state(fcinfo, &in_aggregate, 1);
		append(w, usecs, ended ? sign : 0, ended ? 0 : sign);
	}
	return transition_result(in_aggregate, w);
}

PG_FUNCTION_INFO_V1(cx_waits_add);
/* cx.waits_agg(waited, ended) transition: count an ended or open case. */
Datum
cx_waits_add(PG_FUNCTION_ARGS)
{
	return waits_row(fcinfo, 1);
}

PG_FUNCTION_INFO_V1(cx_waits_remove);
/* cx.waits_agg(waited, ended) inverse transition: uncount one case. */
Datum
cx_waits_remove(PG_FUNCTION_ARGS)
{
	return waits_row(fcinfo, -1);
}

/* A whole summary (either form): sign 1 adds it, -1 subtracts it. */
static Datum
waits_merge(FunctionCallInfo fcinfo, int sign)
{
	Waits	   *other = PG_GETARG_WAITS_P(1);
	uint32		more = other->count + other->pending;
	bool		in_aggregate;
	Waits	   *w;

	if ((Size) more > WAITS_MAX_ENTRIES)
		too_many_waits();
	w = transition_state(fcinfo, &in_aggregate, more);
	w->skipped = cx_add_count(w->skipped, sign * other->skipped);
	if (w->skipped < 0)
		nothing_to_remove();
	for (uint32 i = 0; i < more; i++)
		append(w, other->entry[i].usecs, sign * other->entry[i].ended,
			   sign * other->entry[i].open);
	return transition_result(in_aggregate, w);
}

PG_FUNCTION_INFO_V1(cx_waits_merge);
/* cx.merge(cx.waits) transition and combine function: add a summary. */
Datum
cx_waits_merge(PG_FUNCTION_ARGS)
{
	return waits_merge(fcinfo, 1);
}

PG_FUNCTION_INFO_V1(cx_waits_unmerge);
/* cx.merge(cx.waits) inverse transition: subtract a summary. */
Datum
cx_waits_unmerge(PG_FUNCTION_ARGS)
{
	return waits_merge(fcinfo, -1);
}

PG_FUNCTION_INFO_V1(cx_waits_final);
/* Final function of both aggregates: the canonical summary. */
Datum
cx_waits_final(PG_FUNCTION_ARGS)
{
	Waits	   *w;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	w = PG_GETARG_WAITS_P(0);
	if (!(w->flags & WAITS_STATE))
	{
		Waits	   *copy = palloc(VARSIZE(w));

		memcpy(copy, w, VARSIZE(w));
		PG_RETURN_POINTER(copy);
	}
	PG_RETURN_POINTER(waits_canonical(w));
}

/* Kaplan-Meier */

typedef struct KmTotals
{
	int64		n;
	int64		open;
} KmTotals;

static KmTotals
km_totals(const Waits *w)
{
	KmTotals	t = {0, 0};

	for (uint32 i = 0; i < w->count; i++)
	{
		t.n += w->entry[i].ended + w->entry[i].open;
		t.open += w->entry[i].open;
	}
	return t;
}

/*
 * Walk the event times: calls back with S and Greenwood's sum after each
 * distinct wait that has ended cases.  at_risk starts at the cases.
 */
typedef struct KmStep
{
	int64		usecs;
	double		survival;
	double		greenwood;		/* sum d / (r (r - d)); Infinity once S = 0 */
} KmStep;

static KmStep *
km_steps(const Waits *w, int *nsteps)
{
	KmStep	   *steps = palloc(sizeof(KmStep) * Max(w->count, 1));
	int64		at_risk = km_totals(w).n;
	double		survival = 1.0;
	double		greenwood = 0.0;
	int			n = 0;

	for (uint32 i = 0; i < w->count; i++)
	{
		const WaitsEntry *e = &w->entry[i];

		if (e->ended > 0)
		{
			double		r = (double) at_risk;
			double		d = (double) e->ended;

			survival *= 1.0 - d / r;
			if (e->ended < at_risk)
				greenwood += d / (r * (r - d));
			else
			{
				survival = 0.0;
				greenwood = get_float8_infinity();
			}
			steps[n].usecs = e->usecs;
			steps[n].survival = survival;
			steps[n].greenwood = greenwood;
			n++;
		}
		at_risk -= e->ended + e->open;
	}
	*nsteps = n;
	return steps;
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

static void
check_probability(double p)
{
	if (isnan(p) || p <= 0.0 || p >= 1.0)
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("the quantile p must be strictly between 0 and 1, got %g", p));
}

/* The index of the p-quantile's step, or -1 when the curve never gets there. */
static int
quantile_step(const KmStep *steps, int nsteps, double p)
{
	for (int i = 0; i < nsteps; i++)
		if (steps[i].survival <= 1.0 - p + WAITS_QUANTILE_TOLERANCE)
			return i;
	return -1;
}

PG_FUNCTION_INFO_V1(cx_waits_median);
/* cx.median_wait(waits): the Kaplan-Meier median wait. */
Datum
cx_waits_median(PG_FUNCTION_ARGS)
{
	Waits	   *w = arg_canonical(fcinfo, 0);
	int			nsteps;
	KmStep	   *steps = km_steps(w, &nsteps);
	int			i = quantile_step(steps, nsteps, 0.5);

	if (i < 0)
		PG_RETURN_NULL();
	PG_RETURN_INTERVAL_P(usecs_interval(steps[i].usecs));
}

PG_FUNCTION_INFO_V1(cx_waits_quantile);
/* cx.wait_quantile(waits, p, confidence): quantile, Brookmeyer-Crowley interval. */
Datum
cx_waits_quantile(PG_FUNCTION_ARGS)
{
	Waits	   *w = arg_canonical(fcinfo, 0);
	double		p = PG_GETARG_FLOAT8(1);
	double		z;
	int			nsteps;
	KmStep	   *steps;
	int			i;
	int			first = -1;
	int			last = -1;
	double		target;
	double		g_target;
	TupleDesc	tupdesc;
	Datum		values[4];
	bool		nulls[4] = {true, true, true, false};

	check_probability(p);
	z = cx_critical_value(PG_GETARG_FLOAT8(2));
	steps = km_steps(w, &nsteps);
	i = quantile_step(steps, nsteps, p);
	target = 1.0 - p;
	g_target = log(-log(target));
	for (int j = 0; j < nsteps; j++)
	{
		double		s = steps[j].survival;
		double		se_g;

		if (!(s > 0.0) || isinf(steps[j].greenwood))
			continue;
		/* The delta-method SE of g(S_j): g'(S_j) S_j sqrt(Greenwood). */
		se_g = sqrt(steps[j].greenwood) / fabs(log(s));
		if (fabs(log(-log(s)) - g_target) <= z * se_g)
		{
			if (first < 0)
				first = j;
			last = j;
		}
	}
	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "cx.wait_quantile must return a record");
	tupdesc = BlessTupleDesc(tupdesc);
	if (i >= 0)
	{
		values[0] = IntervalPGetDatum(usecs_interval(steps[i].usecs));
		nulls[0] = false;
	}
	if (first >= 0)
	{
		values[1] = IntervalPGetDatum(usecs_interval(steps[first].usecs));
		nulls[1] = false;
		if (last + 1 < nsteps)
		{
			values[2] = IntervalPGetDatum(usecs_interval(steps[last + 1].usecs));
			nulls[2] = false;
		}
	}
	values[3] = Int64GetDatum(km_totals(w).n);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}

PG_FUNCTION_INFO_V1(cx_waits_share_done_by);
/* cx.share_done_by(waits, t, confidence): 1 - S(t), Greenwood log-log interval. */
Datum
cx_waits_share_done_by(PG_FUNCTION_ARGS)
{
	Waits	   *w = arg_canonical(fcinfo, 0);
	Interval   *t = PG_GETARG_INTERVAL_P(1);
	double		z = cx_critical_value(PG_GETARG_FLOAT8(2));
	int128		limit = (int128) t->month * DAYS_PER_MONTH * USECS_PER_DAY
		+ (int128) t->day * USECS_PER_DAY + t->time;
	int			nsteps;
	KmStep	   *steps = km_steps(w, &nsteps);
	double		survival = 1.0;
	double		greenwood = 0.0;
	CxEstimate	e = {0};

	for (int i = 0; i < nsteps && steps[i].usecs <= limit; i++)
	{
		survival = steps[i].survival;
		greenwood = steps[i].greenwood;
	}
	e.n = km_totals(w).n;
	if (e.n > 0)
	{
		e.value = 1.0 - survival;
		e.has_value = true;
		if (survival > 0.0 && survival < 1.0 && !isinf(greenwood))
		{
			double		spread = z * sqrt(greenwood) / fabs(log(survival));

			e.lower = 1.0 - pow(survival, exp(-spread));
			e.upper = 1.0 - pow(survival, exp(spread));
			e.has_lower = e.has_upper = true;
		}
	}
	PG_RETURN_DATUM(cx_estimate_datum(fcinfo, &e));
}

PG_FUNCTION_INFO_V1(cx_waits_n);
/* cx.n(waits): the cases, ended or open. */
Datum
cx_waits_n(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(km_totals(arg_canonical(fcinfo, 0)).n);
}

PG_FUNCTION_INFO_V1(cx_waits_open);
/* cx.open(waits): the cases still open (right-censored). */
Datum
cx_waits_open(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(km_totals(arg_canonical(fcinfo, 0)).open);
}

PG_FUNCTION_INFO_V1(cx_waits_skipped);
/* cx.skipped(waits): rows skipped for a NULL wait or ended flag. */
Datum
cx_waits_skipped(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(PG_GETARG_WAITS_P(0)->skipped);
}

PG_FUNCTION_INFO_V1(cx_waits_curve);
/* cx.km(waits): the Kaplan-Meier table, one row per distinct wait. */
Datum
cx_waits_curve(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	Waits	   *w = arg_canonical(fcinfo, 0);
	int64		at_risk = km_totals(w).n;
	double		survival = 1.0;

	InitMaterializedSRF(fcinfo, 0);
	for (uint32 i = 0; i < w->count; i++)
	{
		const WaitsEntry *e = &w->entry[i];
		Datum		values[5];
		bool		nulls[5] = {false, false, false, false, false};

		if (e->ended > 0)
			survival = e->ended == at_risk ? 0.0
				: survival * (1.0 - (double) e->ended / (double) at_risk);
		values[0] = IntervalPGetDatum(usecs_interval(e->usecs));
		values[1] = Int64GetDatum(at_risk);
		values[2] = Int64GetDatum(e->ended);
		values[3] = Int64GetDatum(e->open);
		values[4] = Float8GetDatum(1.0 - survival);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
		at_risk -= e->ended + e->open;
	}
	return (Datum) 0;
}

static void
append_seconds(StringInfo buf, int64 usecs)
{
	appendStringInfo(buf, INT64_FORMAT, usecs / USECS_PER_SEC);
	if (usecs % USECS_PER_SEC != 0)
		appendStringInfo(buf, ".%06d", (int) (usecs % USECS_PER_SEC));
}

PG_FUNCTION_INFO_V1(cx_waits_to_jsonb);
/* cx.to_jsonb(waits), also the cast to jsonb: counts, median, the waits. */
Datum
cx_waits_to_jsonb(PG_FUNCTION_ARGS)
{
	Waits	   *w = arg_canonical(fcinfo, 0);
	KmTotals	t = km_totals(w);
	int			nsteps;
	KmStep	   *steps = km_steps(w, &nsteps);
	int			median = quantile_step(steps, nsteps, 0.5);
	StringInfoData buf;

	initStringInfo(&buf);
	appendStringInfo(&buf, "{\"n\": " INT64_FORMAT ", \"open\": " INT64_FORMAT
					 ", \"skipped\": " INT64_FORMAT ", \"median_seconds\": ",
					 t.n, t.open, w->skipped);
	if (median >= 0)
		append_seconds(&buf, steps[median].usecs);
	else
		appendStringInfoString(&buf, "null");
	appendStringInfoString(&buf, ", \"waits\": [");
	for (uint32 i = 0; i < w->count; i++)
	{
		appendStringInfo(&buf, "%s{\"seconds\": ", i ? ", " : "");
		append_seconds(&buf, w->entry[i].usecs);
		appendStringInfo(&buf, ", \"ended\": " INT64_FORMAT ", \"open\": " INT64_FORMAT "}",
						 w->entry[i].ended, w->entry[i].open);
	}
	appendStringInfoString(&buf, "]}");
	PG_RETURN_DATUM(DirectFunctionCall1(jsonb_in, CStringGetDatum(buf.data)));
}
