/*
 * scores.c
 *	  The cx.scores summary: an exact histogram of integer survey answers on
 *	  a scale lo..hi, with its text and binary I/O and its aggregates
 *	  (cx.scores_agg and cx.merge).  Accessors live in scores_stats.c.
 *
 * Stored format of cx.scores (a varlena of 24 + 8 * points bytes, at most
 * 832 bytes for the widest scale of 101 points):
 *
 *	 int32  varlena header
 *	 uint8  format version (1)
 *	 uint8  flags, reserved, always 0
 *	 uint16 reserved, always 0
 *	 int32  lo              lowest point of the scale
 *	 int32  hi              highest point; 1 <= hi - lo + 1 <= 101
 *	 int64  missing         NULL answers
 *	 int64  count[points]   answers per point, count[0] for lo
 *
 * Every count is >= 0 and their sum plus missing fits in an int64.  Because
 * the summary holds counts only, merging partials is integer addition: any
 * split, order or parallel plan gives the byte-identical summary, and the
 * moving-aggregate inverses undo rows and whole summaries exactly.
 *
 * Text form, which reads back to the identical value:
 *
 *	 (lo=1,hi=5,missing=2,counts={3,0,7,12,8})
 *
 * Binary form (network byte order): version byte, flags byte, int32 lo,
 * int32 hi, int64 missing, then one int64 count per point.
 *
 * The aggregates use cx.scores itself as their state, allocated the first
 * time a group sees a row (the scale comes with the rows, so there is no
 * initial value) and then updated in place inside the aggregate context: a
 * row costs a scale comparison, a range check and one increment.
 */
#include "scores.h"

#include "common/int.h"
#include "libpq/pqformat.h"

static const char *const type_name = "cx.scores";

static Scores *
scores_new(int32 lo, int32 hi)
{
	Size		size = SCORES_SIZE(hi - lo + 1);
	Scores	   *s = palloc0(size);

	SET_VARSIZE(s, size);
	s->version = CX_FORMAT_VERSION;
	s->lo = lo;
	s->hi = hi;
	return s;
}

static Scores *
scores_copy(const Scores *s)
{
	Scores	   *copy = palloc(VARSIZE(s));

	memcpy(copy, s, VARSIZE(s));
	return copy;
}

/* Points of the scale lo..hi, computed without overflow; 0 if lo > hi. */
static int64
scale_points(int64 lo, int64 hi)
{
	return lo > hi ? 0 : hi - lo + 1;
}

/* The scale given to cx.scores_agg: a bad parameter is 22023. */
static void
check_scale_argument(int32 lo, int32 hi)
{
	int64		points = scale_points(lo, hi);

	if (points == 0)
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("invalid scale %d..%d: lo must not exceed hi", lo, hi));
	if (points > SCORES_MAX_POINTS)
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("invalid scale %d..%d: a scale has at most %d points, this one has " INT64_FORMAT,
					   lo, hi, SCORES_MAX_POINTS, points));
}

/* A stored scale: part of the one validator. */
static bool
check_scale_value(int64 lo, int64 hi, CxSource source, struct Node *escontext)
{
	int64		points = scale_points(lo, hi);

	if (lo < PG_INT32_MIN || hi > PG_INT32_MAX)
		return cx_invalid(escontext, type_name, source,
						  "The scale bounds must be 32-bit integers.");
	if (points < 1 || points > SCORES_MAX_POINTS)
		return cx_invalid(escontext, type_name, source,
						  "The scale lo..hi must have between 1 and 101 points.");
	return true;
}

/*
 * The one validator behind text input and binary receive.  Aggregates trust
 * their states: every stored summary passed through here on its way in.
 */
static bool
scores_validate(const Scores *s, CxSource source, struct Node *escontext)
{
	int64		total;

	if (!cx_format_version_valid(escontext, s->version, type_name, source))
		return false;
	if (s->flags != 0 || s->reserved != 0)
		return cx_invalid(escontext, type_name, source, "Reserved fields must be zero.");
	if (!check_scale_value(s->lo, s->hi, source, escontext))
		return false;
	if (VARSIZE(s) != SCORES_SIZE(scores_points(s)))
		return cx_invalid(escontext, type_name, source,
						  "The value has the wrong size for its scale.");
	if (s->missing < 0)
		return cx_invalid(escontext, type_name, source, "The missing count is negative.");
	total = s->missing;
	for (int i = 0; i < scores_points(s); i++)
	{
		if (s->count[i] < 0 || pg_add_s64_overflow(total, s->count[i], &total))
			return cx_invalid(escontext, type_name, source, "An answer count is out of range.");
	}
	return true;
}

/* After arithmetic on counts: n + missing must stay an int64. */
static void
check_total(const Scores *s)
{
	int64		total = s->missing;

	for (int i = 0; i < scores_points(s); i++)
		total = cx_add_count(total, s->count[i]);
}

/* text and binary I/O */

static int32
read_bound(CxCursor *c, const char *key)
{
	int64		value;

	cx_expect_key(c, key);
	value = cx_read_int64(c);
	if (value < PG_INT32_MIN || value > PG_INT32_MAX)
	{
		cx_input_error(c,
					   errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					   errmsg("scale bound out of range in %s value \"%s\"",
							  type_name, c->input));
		return 0;
	}
	return (int32) value;
}

PG_FUNCTION_INFO_V1(cx_scores_in);
/* Text input of cx.scores. */
Datum
cx_scores_in(PG_FUNCTION_ARGS)
{
	CxCursor	c;
	int32		lo;
	int32		hi;
	Scores	   *s;

	cx_cursor_init(&c, PG_GETARG_CSTRING(0), type_name, fcinfo->context);
	cx_expect(&c, '(');
	lo = read_bound(&c, "lo");
	cx_expect(&c, ',');
	hi = read_bound(&c, "hi");
	if (cx_cursor_failed(&c))
		PG_RETURN_NULL();
	if (!check_scale_value(lo, hi, CX_FROM_TEXT, fcinfo->context))
		PG_RETURN_NULL();
	s = scores_new(lo, hi);
	cx_expect(&c, ',');
	cx_expect_key(&c, "missing");
	s->missing = cx_read_int64(&c);
	cx_expect(&c, ',');
	cx_expect_key(&c, "counts");
	cx_expect(&c, '{');
	for (int i = 0; i < scores_points(s); i++)
	{
		if (i > 0)
			cx_expect(&c, ',');
		s->count[i] = cx_read_int64(&c);
	}
	cx_expect(&c, '}');
	cx_expect(&c, ')');
	cx_expect_end(&c);
	if (cx_cursor_failed(&c)
		|| !scores_validate(s, CX_FROM_TEXT, fcinfo->context))
		PG_RETURN_NULL();
	PG_RETURN_POINTER(s);
}

PG_FUNCTION_INFO_V1(cx_scores_out);
/* Text output of cx.scores; reads back to the identical value. */
Datum
cx_scores_out(PG_FUNCTION_ARGS)
{
	Scores	   *s = PG_GETARG_SCORES_P(0);
	StringInfoData buf;

	initStringInfo(&buf);
	appendStringInfo(&buf, "(lo=%d,hi=%d,missing=" INT64_FORMAT ",counts={",
					 s->lo, s->hi, s->missing);
	for (int i = 0; i < scores_points(s); i++)
		appendStringInfo(&buf, "%s" INT64_FORMAT, i ? "," : "", s->count[i]);
	appendStringInfoString(&buf, "})");
	PG_FREE_IF_COPY(s, 0);
	PG_RETURN_CSTRING(buf.data);
}

PG_FUNCTION_INFO_V1(cx_scores_recv);
/* Binary input of cx.scores, validated like text input. */
Datum
cx_scores_recv(PG_FUNCTION_ARGS)
{
	StringInfo	msg = (StringInfo) PG_GETARG_POINTER(0);
	int			version;
	int			flags;
	int32		lo;
	int32		hi;
	Scores	   *s;

	version = pq_getmsgbyte(msg);
	cx_check_format_version(version, type_name, CX_FROM_BINARY);
	flags = pq_getmsgbyte(msg);
	lo = pq_getmsgint(msg, 4);
	hi = pq_getmsgint(msg, 4);
	check_scale_value(lo, hi, CX_FROM_BINARY, NULL);
	s = scores_new(lo, hi);
	if (msg->len - msg->cursor != (int) sizeof(int64) * (scores_points(s) + 1))
		cx_corrupt(type_name, CX_FROM_BINARY,
				   "The number of counts does not match the scale.");
	s->flags = flags;
	s->missing = pq_getmsgint64(msg);
	for (int i = 0; i < scores_points(s); i++)
		s->count[i] = pq_getmsgint64(msg);
	pq_getmsgend(msg);
	scores_validate(s, CX_FROM_BINARY, NULL);
	PG_RETURN_POINTER(s);
}

PG_FUNCTION_INFO_V1(cx_scores_send);
/* Binary output of cx.scores, in network byte order. */
Datum
cx_scores_send(PG_FUNCTION_ARGS)
{
	Scores	   *s = PG_GETARG_SCORES_P(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, s->version);
	pq_sendbyte(&buf, s->flags);
	pq_sendint32(&buf, s->lo);
	pq_sendint32(&buf, s->hi);
	pq_sendint64(&buf, s->missing);
	for (int i = 0; i < scores_points(s); i++)
		pq_sendint64(&buf, s->count[i]);
	PG_FREE_IF_COPY(s, 0);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* aggregates */

pg_noreturn static void
scale_mismatch(const Scores *s, int32 lo, int32 hi, const char *what)
{
	ereport(ERROR,
			errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			errmsg("cannot %s: %d..%d and %d..%d", what, s->lo, s->hi, lo, hi),
			errhint("Summarise each scale separately, e.g. GROUP BY the survey item."));
}

pg_noreturn static void
answer_out_of_range(int32 answer, int32 lo, int32 hi)
{
	ereport(ERROR,
			errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			errmsg("answer %d is outside the scale %d..%d", answer, lo, hi));
}

pg_noreturn static void
nothing_to_remove(void)
{
	ereport(ERROR,
			errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			errmsg("cannot remove answers that the cx.scores summary does not hold"));
}

/*
 * The summary to update for one row: the aggregate's own state in place, or
 * a new one on a group's first row (allocated in the per-call context; the
 * executor copies it into the aggregate context), or a copy when called
 * directly, so that a stored value is never modified.
 */
static Scores *
row_state(FunctionCallInfo fcinfo, int32 lo, int32 hi, bool in_aggregate)
{
	Scores	   *s;

	if (PG_ARGISNULL(0))
	{
		check_scale_argument(lo, hi);
		return scores_new(lo, hi);
	}
	s = PG_GETARG_SCORES_P(0);
	if (unlikely(s->lo != lo || s->hi != hi))
		scale_mismatch(s, lo, hi,
					   "summarise answers on two scales in one group");
	if (unlikely(!in_aggregate)
		&& (Pointer) s == DatumGetPointer(PG_GETARG_DATUM(0)))
		s = scores_copy(s);
	return s;
}

static void
scale_arguments(FunctionCallInfo fcinfo, int32 *lo, int32 *hi)
{
	if (unlikely(PG_ARGISNULL(2) || PG_ARGISNULL(3)))
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("the scale bounds of cx.scores_agg must not be NULL"));
	*lo = PG_GETARG_INT32(2);
	*hi = PG_GETARG_INT32(3);
}

/* The counter a row's answer goes into: its point, or missing for NULL. */
static int64 *
answer_counter(FunctionCallInfo fcinfo, Scores *s, int32 lo, int32 hi)
{
	int32		answer;

	if (PG_ARGISNULL(1))
		return &s->missing;
	answer = PG_GETARG_INT32(1);
	if (unlikely(answer < lo || answer > hi))
		answer_out_of_range(answer, lo, hi);
	return &s->count[answer - lo];
}

PG_FUNCTION_INFO_V1(cx_scores_add);
/* cx.scores_agg(answer, lo, hi) transition: count an answer or a blank. */
Datum
cx_scores_add(PG_FUNCTION_ARGS)
{
	bool		in_aggregate = AggCheckCallContext(fcinfo, NULL) != 0;
	int32		lo;
	int32		hi;
	Scores	   *s;
	int64	   *counter;

	scale_arguments(fcinfo, &lo, &hi);
	s = row_state(fcinfo, lo, hi, in_aggregate);
	counter = answer_counter(fcinfo, s, lo, hi);
	/* Only a summary read from outside can be near the limit; check it. */
	if (unlikely(*counter == PG_INT64_MAX))
		(void) cx_add_count(*counter, 1);
	(*counter)++;
	if (unlikely(!in_aggregate))
		check_total(s);
	PG_RETURN_POINTER(s);
}

PG_FUNCTION_INFO_V1(cx_scores_remove);
/* cx.scores_agg(answer, lo, hi) inverse transition: uncount one answer. */
Datum
cx_scores_remove(PG_FUNCTION_ARGS)
{
	int32		lo;
	int32		hi;
	Scores	   *s;
	int64	   *counter;

	scale_arguments(fcinfo, &lo, &hi);
	if (PG_ARGISNULL(0))
		nothing_to_remove();
	s = row_state(fcinfo, lo, hi, AggCheckCallContext(fcinfo, NULL) != 0);
	counter = answer_counter(fcinfo, s, lo, hi);
	if (unlikely(*counter == 0))
		nothing_to_remove();
	(*counter)--;
	PG_RETURN_POINTER(s);
}

/*
 * Add (sign 1) or subtract (sign -1) a whole summary: cx.merge, the combine
 * function of both aggregates and the inverse of cx.merge.  The SQL
 * functions are strict, so the executor starts a group's state from a copy
 * of its first non-NULL summary and skips NULL ones.
 */
static Datum
scores_merge(FunctionCallInfo fcinfo, int sign)
{
	Scores	   *state = PG_GETARG_SCORES_P(0);
	Scores	   *other = PG_GETARG_SCORES_P(1);

	if (state->lo != other->lo || state->hi != other->hi)
		scale_mismatch(state, other->lo, other->hi,
					   "merge cx.scores summaries of different scales");
	if (!AggCheckCallContext(fcinfo, NULL)
		&& (Pointer) state == DatumGetPointer(PG_GETARG_DATUM(0)))
		state = scores_copy(state);
	state->missing = cx_add_count(state->missing, sign * other->missing);
	if (state->missing < 0)
		nothing_to_remove();
	for (int i = 0; i < scores_points(state); i++)
	{
		state->count[i] = cx_add_count(state->count[i], sign * other->count[i]);
		if (state->count[i] < 0)
			nothing_to_remove();
	}
	check_total(state);
	PG_RETURN_POINTER(state);
}

PG_FUNCTION_INFO_V1(cx_scores_merge);
/* cx.merge(cx.scores) transition and combine function: add a summary. */
Datum
cx_scores_merge(PG_FUNCTION_ARGS)
{
	return scores_merge(fcinfo, 1);
}

PG_FUNCTION_INFO_V1(cx_scores_unmerge);
/* cx.merge(cx.scores) inverse transition: subtract a summary. */
Datum
cx_scores_unmerge(PG_FUNCTION_ARGS)
{
	return scores_merge(fcinfo, -1);
}
