/*
 * journey.c
 *	  The cx.journey summary: its validator, the state cx.journey_agg
 *	  collects touchpoints in, the canonical build, merging, and the
 *	  aggregate support functions.  The stored format is described in
 *	  journey.h; text and binary I/O live in journey_io.c, accessors in
 *	  journey_access.c.
 *
 * cx.journey_agg keeps an internal state per journey: touchpoints appended
 * in arrival order (24 bytes each) and the stage and channel strings
 * interned once per journey.  The final function sorts once, into journey
 * order, and writes the varlena in one allocation.  Serialisation writes
 * the same canonical varlena, so deserialisation goes through the same
 * validator as text input and binary receive.
 *
 * cx.merge(cx.journey) uses cx.journey itself as its state: merging two
 * journeys is a linear merge of two sorted string tables and two sorted
 * touchpoint lists, and gives byte for byte the journey one pass over all
 * the rows gives.
 */
#include "journey.h"

#include <math.h>

#include "common/hashfn.h"
#include "miscadmin.h"
#include "mb/pg_wchar.h"
#include "storage/shmem.h"
#include "utils/builtins.h"
#include "utils/memutils.h"
#include "utils/timestamp.h"

/* The most touchpoints whose columns still fit in one varlena. */
#define JOURNEY_MAX_TOUCHES \
	((uint32) ((MaxAllocSize - JOURNEY_HEADER_SIZE) / JOURNEY_TOUCHPOINT_BYTES))

/* Interned strings are found by a linear scan up to this many. */
#define JOURNEY_LINEAR_STRINGS 8

static void
journey_too_large(void)
{
	ereport(ERROR,
			errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
			errmsg("cx.journey is too large"),
			errdetail("A journey holds at most %u touchpoints and 1 GB in all.",
					  JOURNEY_MAX_TOUCHES));
}

/* Scores must be finite; -0 becomes 0 so that equal scores store equally. */
float8
journey_check_score(float8 score)
{
	if (isnan(score) || isinf(score))
		ereport(ERROR,
				errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				errmsg("touchpoint score must be a finite number, got %s",
					   isnan(score) ? "NaN" : score > 0 ? "Infinity" : "-Infinity"));
	if (score == 0.0)
		return 0.0;
	return score;
}

void
journey_check_at(TimestampTz at)
{
	if (TIMESTAMP_NOT_FINITE(at) || !IS_VALID_TIMESTAMP(at))
		ereport(ERROR,
				errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				errmsg("touchpoint time must be finite"));
}

static float8
journey_unknown_score(void)
{
	uint64		bits = JOURNEY_NAN_BITS;
	float8		score;

	memcpy(&score, &bits, sizeof(score));
	return score;
}

Journey *
journey_empty(void)
{
	Journey    *j = palloc0(JOURNEY_HEADER_SIZE);

	SET_VARSIZE(j, JOURNEY_HEADER_SIZE);
	j->version = CX_FORMAT_VERSION;
	return j;
}

/* validator */

/*
 * The one check behind text input, binary receive and deserialisation:
 * sizes agree with the counts, reserved fields are zero, and the value is
 * in canonical form (see journey.h).  Everything else trusts a validated
 * journey, so nothing here may read beyond VARSIZE.
 */
void
journey_validate(const Journey *j, CxSource source)
{
	const char *type_name = JOURNEY_TYPE_NAME;
	Size		size = VARSIZE(j);
	Size		fixed;
	Size		nbytes;
	JourneyView v;
	bool	   *used;
	uint32		previous_end = 0;

	if (size < JOURNEY_HEADER_SIZE)
		cx_corrupt(type_name, source, "The value is shorter than its header.");
	cx_check_format_version(j->version, type_name, source);
	if (j->flags != 0 || j->reserved != 0)
		cx_corrupt(type_name, source, "Reserved fields must be zero.");
	if (j->skipped < 0)
		cx_corrupt(type_name, source, "The skipped count is negative.");
	if (j->n > JOURNEY_MAX_TOUCHES)
		cx_corrupt(type_name, source, "The touchpoint count is out of range.");
	fixed = add_size(JOURNEY_HEADER_SIZE,
					 add_size(mul_size(j->n, JOURNEY_TOUCHPOINT_BYTES),
							  mul_size(j->nstrings, sizeof(uint32))));
	if (fixed > size)
		cx_corrupt(type_name, source, "The value is shorter than its counts say.");
	nbytes = size - fixed;
	if (j->nstrings > (Size) 2 * j->n)
		cx_corrupt(type_name, source, "There are more strings than touchpoints can use.");
	journey_view(j, &v);

	for (uint32 i = 0; i < v.nstrings; i++)
	{
		uint32		end = v.str_end[i];
		const char *s = v.bytes + previous_end;
		int			len;

		if (end < previous_end || end > nbytes)
			cx_corrupt(type_name, source, "A string lies outside the value.");
		len = (int) (end - previous_end);
		if (memchr(s, '\0', len) != NULL || !pg_verifymbstr(s, len, true))
			cx_corrupt(type_name, source, "A string is not valid text in the database encoding.");
		if (i > 0)
		{
			int			prev_len;
			const char *prev = journey_string(&v, i - 1, &prev_len);

			if (journey_strcmp(prev, prev_len, s, len) >= 0)
				cx_corrupt(type_name, source, "Strings must be distinct and in bytewise order.");
		}
		previous_end = end;
	}
	if (previous_end != nbytes)
		cx_corrupt(type_name, source, "The value has bytes after its last string.");

	used = palloc0(Max(v.nstrings, 1) * sizeof(bool));
	for (uint32 i = 0; i < v.n; i++)
	{
		float8		score = v.score[i];

		if (TIMESTAMP_NOT_FINITE(v.at[i]) || !IS_VALID_TIMESTAMP(v.at[i]))
			cx_corrupt(type_name, source, "A touchpoint time is not a finite timestamp.");
		if (v.stage[i] >= v.nstrings)
			cx_corrupt(type_name, source, "A stage index is out of range.");
		if (v.channel[i] >= v.nstrings && v.channel[i] != JOURNEY_UNKNOWN)
			cx_corrupt(type_name, source, "A channel index is out of range.");
		if (isnan(score))
		{
			uint64		bits;

			memcpy(&bits, &score, sizeof(bits));
			if (bits != JOURNEY_NAN_BITS)
				cx_corrupt(type_name, source, "An unknown score has the wrong bit pattern.");
		}
		else if (isinf(score) || (score == 0.0 && signbit(score)))
			cx_corrupt(type_name, source, "A score is infinite or negative zero.");
		if (i > 0 && journey_touch_cmp(v.at[i - 1], v.stage[i - 1], v.channel[i - 1],
									   v.score[i - 1], v.at[i], v.stage[i],
									   v.channel[i], score) > 0)
			cx_corrupt(type_name, source, "Touchpoints must be in journey order.");
		used[v.stage[i]] = true;
		if (v.channel[i] != JOURNEY_UNKNOWN)
			used[v.channel[i]] = true;
	}
	for (uint32 i = 0; i < v.nstrings; i++)
		if (!used[i])
			cx_corrupt(type_name, source, "A string is used by no touchpoint.");
	pfree(used);
}

/* aggregate state */

JourneyState *
journey_state_new(MemoryContext context)
{
	JourneyState *st = MemoryContextAlloc(context, sizeof(JourneyState));

	st->context = context;
	st->skipped = 0;
	st->touches = st->inline_touches;
	st->strings = st->inline_strings;
	st->bytes = st->inline_bytes;
	st->hash = NULL;
	st->n = 0;
	st->touch_capacity = JOURNEY_INLINE_TOUCHES;
	st->nstrings = 0;
	st->string_capacity = JOURNEY_INLINE_STRINGS;
	st->nbytes = 0;
	st->byte_capacity = JOURNEY_INLINE_BYTES;
	st->hash_capacity = 0;
	return st;
}

/*
 * Grow one of the state's arrays to hold at least `needed` elements, at
 * least doubling, within `limit` elements.  An array that still lives
 * inside the state is copied out; later growth is a repalloc.
 */
static void *
state_grow(JourneyState *st, void *array, const void *inline_array,
		   uint32 *capacity, Size element_size, Size needed, Size limit)
{
	Size		new_capacity = Max((Size) *capacity * 2, needed);
	Size		bytes;
	void	   *grown;

	if (needed > limit)
		journey_too_large();
	if (new_capacity > limit)
		new_capacity = limit;
	bytes = mul_size(new_capacity, element_size);
	if (array == inline_array)
	{
		grown = MemoryContextAlloc(st->context, bytes);
		memcpy(grown, array, (Size) *capacity * element_size);
	}
	else
		grown = repalloc(array, bytes);
	*capacity = (uint32) new_capacity;
	return grown;
}

static inline uint32
journey_string_hash(const char *s, int len)
{
	return hash_bytes((const unsigned char *) s, len);
}

static void
state_hash_insert(JourneyState *st, uint32 id)
{
	const JourneyString *str = &st->strings[id];
	uint32		mask = st->hash_capacity - 1;
	uint32		slot = journey_string_hash(st->bytes + str->offset, str->len) & mask;

	while (st->hash[slot] != 0)
		slot = (slot + 1) & mask;
	st->hash[slot] = id + 1;
}

/* Keep the hash table at most half full (it never fills: see the limits). */
static void
state_hash_rebuild(JourneyState *st)
{
	uint32		capacity = 64;

	while (capacity < st->nstrings * 2 && capacity < (1U << 28))
		capacity *= 2;
	if (st->hash != NULL)
		pfree(st->hash);
	st->hash = MemoryContextAllocZero(st->context, capacity * sizeof(uint32));
	st->hash_capacity = capacity;
	for (uint32 id = 0; id < st->nstrings; id++)
		state_hash_insert(st, id);
}

/* The index of a string in the state's list, adding it if it is new. */
uint32
journey_state_intern(JourneyState *st, const char *s, int len)
{
	uint32		id;

	if (st->hash == NULL)
	{
		for (id = 0; id < st->nstrings; id++)
		{
			const JourneyString *str = &st->strings[id];

			if (str->len == (uint32) len
				&& memcmp(st->bytes + str->offset, s, len) == 0)
				return id;
		}
	}
	else
	{
		uint32		mask = st->hash_capacity - 1;
		uint32		slot = journey_string_hash(s, len) & mask;

		while (st->hash[slot] != 0)
		{
			const JourneyString *str = &st->strings[st->hash[slot] - 1];

			if (str->len == (uint32) len
				&& memcmp(st->bytes + str->offset, s, len) == 0)
				return st->hash[slot] - 1;
			slot = (slot + 1) & mask;
		}
	}

	id = st->nstrings;
	if (id == st->string_capacity)
		st->strings = state_grow(st, st->strings, st->inline_strings,
								 &st->string_capacity, sizeof(JourneyString),
								 (Size) id + 1, (Size) 2 * JOURNEY_MAX_TOUCHES);
	if ((Size) st->nbytes + len > st->byte_capacity)
		st->bytes = state_grow(st, st->bytes, st->inline_bytes,
							   &st->byte_capacity, 1,
							   (Size) st->nbytes + len, MaxAllocSize);
	memcpy(st->bytes + st->nbytes, s, len);
	st->strings[id].offset = st->nbytes;
	st->strings[id].len = (uint32) len;
	st->nbytes += (uint32) len;
	st->nstrings++;
	if (st->nstrings > JOURNEY_LINEAR_STRINGS)
	{
		if (st->hash == NULL || st->nstrings * 2 > st->hash_capacity)
			state_hash_rebuild(st);
		else
			state_hash_insert(st, id);
	}
	return id;
}

void
journey_state_add(JourneyState *st, TimestampTz at, uint32 stage,
				  float8 score, uint32 channel)
{
	JourneyTouch *t;

	if (st->n == st->touch_capacity)
		st->touches = state_grow(st, st->touches, st->inline_touches,
								 &st->touch_capacity, sizeof(JourneyTouch),
								 (Size) st->n + 1, JOURNEY_MAX_TOUCHES);
	t = &st->touches[st->n++];
	t->at = at;
	t->score = score;
	t->stage = stage;
	t->channel = channel;
}

/* Add every touchpoint (and the skipped count) of a validated journey. */
void
journey_state_add_journey(JourneyState *st, const Journey *j)
{
	JourneyView v;
	uint32	   *map;

	journey_view(j, &v);
	st->skipped = cx_add_count(st->skipped, v.skipped);
	if (v.n == 0)
		return;
	map = palloc(v.nstrings * sizeof(uint32));
	for (uint32 i = 0; i < v.nstrings; i++)
	{
		int			len;
		const char *s = journey_string(&v, i, &len);

		map[i] = journey_state_intern(st, s, len);
	}
	for (uint32 i = 0; i < v.n; i++)
		journey_state_add(st, v.at[i], map[v.stage[i]], v.score[i],
						  v.channel[i] == JOURNEY_UNKNOWN ? JOURNEY_UNKNOWN
						  : map[v.channel[i]]);
	pfree(map);
}

/* Add every touchpoint of another state: the combine step. */
static void
journey_state_add_state(JourneyState *st, const JourneyState *other)
{
	uint32	   *map;

	st->skipped = cx_add_count(st->skipped, other->skipped);
	if (other->n == 0)
		return;
	map = palloc(other->nstrings * sizeof(uint32));
	for (uint32 i = 0; i < other->nstrings; i++)
		map[i] = journey_state_intern(st, other->bytes + other->strings[i].offset,
									  (int) other->strings[i].len);
	for (uint32 i = 0; i < other->n; i++)
	{
		const JourneyTouch *t = &other->touches[i];

		journey_state_add(st, t->at, map[t->stage], t->score,
						  t->channel == JOURNEY_UNKNOWN ? JOURNEY_UNKNOWN
						  : map[t->channel]);
	}
	pfree(map);
}

/* canonical build */

static inline int
state_string_cmp(const uint32 *a, const uint32 *b, const JourneyState *st)
{
	const JourneyString *sa = &st->strings[*a];
	const JourneyString *sb = &st->strings[*b];

	return journey_strcmp(st->bytes + sa->offset, (int) sa->len,
						  st->bytes + sb->offset, (int) sb->len);
}

#define ST_SORT sort_string_ids
#define ST_ELEMENT_TYPE uint32
#define ST_COMPARE_ARG_TYPE const JourneyState
#define ST_COMPARE(a, b, arg) state_string_cmp(a, b, arg)
#define ST_SCOPE static
#define ST_DEFINE
#include "lib/sort_template.h"

static inline uint32
ranked(uint32 id, const uint32 *rank)
{
	return id == JOURNEY_UNKNOWN ? JOURNEY_UNKNOWN : rank[id];
}

static inline int
ranked_touch_cmp(const JourneyTouch *a, const JourneyTouch *b, const uint32 *rank)
{
	if (a->at != b->at)
		return a->at < b->at ? -1 : 1;
	return journey_touch_cmp(0, rank[a->stage], ranked(a->channel, rank), a->score,
							 0, rank[b->stage], ranked(b->channel, rank), b->score);
}

#define ST_SORT sort_touches
#define ST_ELEMENT_TYPE JourneyTouch
#define ST_COMPARE_ARG_TYPE const uint32
#define ST_COMPARE(a, b, arg) ranked_touch_cmp(a, b, arg)
#define ST_SCOPE static
#define ST_CHECK_FOR_INTERRUPTS
#define ST_DEFINE
#include "lib/sort_template.h"

/* Bytes of a journey with these counts, or an error past 1 GB. */
static Size
journey_size(Size n, Size nstrings, Size nbytes)
{
	Size		size;

	if (n > JOURNEY_MAX_TOUCHES)
		journey_too_large();
	size = add_size(JOURNEY_HEADER_SIZE,
					add_size(mul_size(n, JOURNEY_TOUCHPOINT_BYTES),
							 add_size(mul_size(nstrings, sizeof(uint32)), nbytes)));
	if (size > MaxAllocSize)
		journey_too_large();
	return size;
}

static Journey *
journey_alloc(uint32 n, uint32 nstrings, Size nbytes, int64 skipped)
{
	Size		size = journey_size(n, nstrings, nbytes);
	Journey    *j = palloc(size);

	SET_VARSIZE(j, size);
	j->version = CX_FORMAT_VERSION;
	j->flags = 0;
	j->reserved = 0;
	j->n = n;
	j->nstrings = nstrings;
	j->skipped = skipped;
	return j;
}

/*
 * The canonical journey of a state, in the current memory context.  Sorts
 * the state's touchpoints in place, which leaves its value (a multiset)
 * unchanged, so a final function may run more than once.
 */
Journey *
journey_build(JourneyState *st)
{
	uint32		small_order[16];
	uint32		small_rank[16];
	uint32	   *order = small_order;
	uint32	   *rank = small_rank;
	Journey    *j;
	JourneyView v;
	TimestampTz *at;
	float8	   *score;
	uint32	   *stage;
	uint32	   *channel;
	uint32	   *str_end;
	char	   *bytes;
	uint32		offset = 0;

	if (st->nstrings > lengthof(small_order))
	{
		order = palloc(st->nstrings * sizeof(uint32));
		rank = palloc(st->nstrings * sizeof(uint32));
	}
	for (uint32 i = 0; i < st->nstrings; i++)
		order[i] = i;
	sort_string_ids(order, st->nstrings, st);
	for (uint32 r = 0; r < st->nstrings; r++)
		rank[order[r]] = r;
	sort_touches(st->touches, st->n, rank);

	j = journey_alloc(st->n, st->nstrings, st->nbytes, st->skipped);
	journey_view(j, &v);
	at = (TimestampTz *) v.at;
	score = (float8 *) v.score;
	stage = (uint32 *) v.stage;
	channel = (uint32 *) v.channel;
	str_end = (uint32 *) v.str_end;
	bytes = (char *) v.bytes;
	for (uint32 i = 0; i < st->n; i++)
	{
		const JourneyTouch *t = &st->touches[i];

		at[i] = t->at;
		score[i] = t->score;
		stage[i] = rank[t->stage];
		channel[i] = ranked(t->channel, rank);
	}
	for (uint32 r = 0; r < st->nstrings; r++)
	{
		const JourneyString *s = &st->strings[order[r]];

		memcpy(bytes + offset, st->bytes + s->offset, s->len);
		offset += s->len;
		str_end[r] = offset;
	}
	if (order != small_order)
	{
		pfree(order);
		pfree(rank);
	}
	return j;
}

/* merging */

/*
 * The journey holding the touchpoints of both: the union of the two sorted
 * string tables, then a merge of the two sorted touchpoint lists (mapping
 * indexes keeps each list sorted, since the union preserves string order).
 */
Journey *
journey_merge2(const Journey *a, const Journey *b)
{
	JourneyView va,
				vb,
				vm;
	uint32	   *map_a,
			   *map_b;
	uint32		ia = 0,
				ib = 0,
				nstrings = 0;
	Size		nbytes = 0;
	Journey    *m;
	char	   *bytes;
	uint32	   *str_end;
	TimestampTz *at;
	float8	   *score;
	uint32	   *stage;
	uint32	   *channel;
	uint32		offset = 0;

	journey_view(a, &va);
	journey_view(b, &vb);
	if ((Size) va.n + vb.n > JOURNEY_MAX_TOUCHES)
		journey_too_large();
	map_a = palloc((va.nstrings + 1) * sizeof(uint32));
	map_b = palloc((vb.nstrings + 1) * sizeof(uint32));

	/* number the union of the string tables */
	while (ia < va.nstrings || ib < vb.nstrings)
	{
		int			la = 0,
					lb = 0;
		const char *sa = ia < va.nstrings ? journey_string(&va, ia, &la) : NULL;
		const char *sb = ib < vb.nstrings ? journey_string(&vb, ib, &lb) : NULL;
		int			c = sa == NULL ? 1 : sb == NULL ? -1
			: journey_strcmp(sa, la, sb, lb);

		if (c <= 0)
		{
			map_a[ia++] = nstrings;
			nbytes += la;
		}
		else
			nbytes += lb;
		if (c >= 0)
			map_b[ib++] = nstrings;
		nstrings++;
	}

	m = journey_alloc(va.n + vb.n, nstrings, nbytes,
					  cx_add_count(va.skipped, vb.skipped));
	journey_view(m, &vm);
	bytes = (char *) vm.bytes;
	str_end = (uint32 *) vm.str_end;
	ia = ib = 0;
	for (uint32 s = 0; s < nstrings; s++)
	{
		int			len;
		const char *src;

		if (ia < va.nstrings && map_a[ia] == s)
		{
			src = journey_string(&va, ia, &len);
			ia++;
			if (ib < vb.nstrings && map_b[ib] == s)
				ib++;
		}
		else
			src = journey_string(&vb, ib++, &len);
		memcpy(bytes + offset, src, len);
		offset += len;
		str_end[s] = offset;
	}

	at = (TimestampTz *) vm.at;
	score = (float8 *) vm.score;
	stage = (uint32 *) vm.stage;
	channel = (uint32 *) vm.channel;
	ia = ib = 0;
	for (uint32 i = 0; i < vm.n; i++)
	{
		bool		take_a;

		if (ia == va.n)
			take_a = false;
		else if (ib == vb.n)
			take_a = true;
		else
			take_a = journey_touch_cmp(va.at[ia], map_a[va.stage[ia]],
									   ranked(va.channel[ia], map_a), va.score[ia],
									   vb.at[ib], map_b[vb.stage[ib]],
									   ranked(vb.channel[ib], map_b), vb.score[ib]) <= 0;
		if (take_a)
		{
			at[i] = va.at[ia];
			score[i] = va.score[ia];
			stage[i] = map_a[va.stage[ia]];
			channel[i] = ranked(va.channel[ia], map_a);
			ia++;
		}
		else
		{
			at[i] = vb.at[ib];
			score[i] = vb.score[ib];
			stage[i] = map_b[vb.stage[ib]];
			channel[i] = ranked(vb.channel[ib], map_b);
			ib++;
		}
	}
	pfree(map_a);
	pfree(map_b);
	return m;
}

/* aggregate support functions */

static MemoryContext
journey_agg_context(FunctionCallInfo fcinfo, const char *what)
{
	MemoryContext aggcontext = cx_aggregate_context(fcinfo);

	if (aggcontext == NULL)
		elog(ERROR, "%s called in non-aggregate context", what);
	return aggcontext;
}

PG_FUNCTION_INFO_V1(cx_journey_add);
/* cx.journey_agg transition (all three overloads): collect one touchpoint. */
Datum
cx_journey_add(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext = journey_agg_context(fcinfo, "cx.journey_add");
	JourneyState *st;
	int			nargs = PG_NARGS();
	TimestampTz at;
	text	   *stage;
	float8		score;
	uint32		stage_id;
	uint32		channel_id = JOURNEY_UNKNOWN;

	if (PG_ARGISNULL(0))
		st = journey_state_new(aggcontext);
	else
		st = (JourneyState *) PG_GETARG_POINTER(0);

	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
	{
		st->skipped = cx_add_count(st->skipped, 1);
		PG_RETURN_POINTER(st);
	}
	at = PG_GETARG_TIMESTAMPTZ(1);
	journey_check_at(at);
	if (nargs > 3 && !PG_ARGISNULL(3))
		score = journey_check_score(PG_GETARG_FLOAT8(3));
	else
		score = journey_unknown_score();
	stage = PG_GETARG_TEXT_PP(2);
	stage_id = journey_state_intern(st, VARDATA_ANY(stage),
									VARSIZE_ANY_EXHDR(stage));
	if (nargs > 4 && !PG_ARGISNULL(4))
	{
		text	   *channel = PG_GETARG_TEXT_PP(4);

		channel_id = journey_state_intern(st, VARDATA_ANY(channel),
										  VARSIZE_ANY_EXHDR(channel));
	}
	journey_state_add(st, at, stage_id, score, channel_id);
	PG_RETURN_POINTER(st);
}

PG_FUNCTION_INFO_V1(cx_journey_final);
/* cx.journey_agg final function: the touchpoints as a canonical cx.journey. */
Datum
cx_journey_final(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(0))
		PG_RETURN_POINTER(journey_empty());
	PG_RETURN_POINTER(journey_build((JourneyState *) PG_GETARG_POINTER(0)));
}

PG_FUNCTION_INFO_V1(cx_journey_combine);
/* cx.journey_agg combine function: add one partial state to another. */
Datum
cx_journey_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext = journey_agg_context(fcinfo, "cx.journey_combine");
	JourneyState *st;

	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_POINTER(PG_GETARG_POINTER(0));
	}
	st = PG_ARGISNULL(0) ? journey_state_new(aggcontext)
		: (JourneyState *) PG_GETARG_POINTER(0);
	journey_state_add_state(st, (JourneyState *) PG_GETARG_POINTER(1));
	PG_RETURN_POINTER(st);
}

PG_FUNCTION_INFO_V1(cx_journey_serialize);
/* cx.journey_agg serialisation: the state as canonical cx.journey bytes. */
Datum
cx_journey_serialize(PG_FUNCTION_ARGS)
{
	(void) journey_agg_context(fcinfo, "cx.journey_serialize");
	PG_RETURN_BYTEA_P((bytea *) journey_build((JourneyState *) PG_GETARG_POINTER(0)));
}

PG_FUNCTION_INFO_V1(cx_journey_deserialize);
/* cx.journey_agg deserialisation: validate the bytes, rebuild a state. */
Datum
cx_journey_deserialize(PG_FUNCTION_ARGS)
{
	bytea	   *bytes = PG_GETARG_BYTEA_P(0);
	JourneyState *st;

	(void) journey_agg_context(fcinfo, "cx.journey_deserialize");
	/* bytea is only int-aligned; the columns want 8 bytes */
	if ((uintptr_t) bytes % MAXIMUM_ALIGNOF != 0)
	{
		bytea	   *copy = palloc(VARSIZE(bytes));

		memcpy(copy, bytes, VARSIZE(bytes));
		bytes = copy;
	}
	journey_validate((Journey *) bytes, CX_FROM_BINARY);
	st = journey_state_new(CurrentMemoryContext);
	journey_state_add_journey(st, (Journey *) bytes);
	PG_RETURN_POINTER(st);
}

PG_FUNCTION_INFO_V1(cx_journey_merge);
/* cx.merge(cx.journey) transition and combine: the union of two journeys. */
Datum
cx_journey_merge(PG_FUNCTION_ARGS)
{
	Journey    *a;
	Journey    *b;

	if (PG_ARGISNULL(0))
	{
		if (PG_ARGISNULL(1))
			PG_RETURN_NULL();
		PG_RETURN_POINTER(PG_GETARG_JOURNEY_P(1));
	}
	a = PG_GETARG_JOURNEY_P(0);
	if (PG_ARGISNULL(1))
		PG_RETURN_POINTER(a);
	b = PG_GETARG_JOURNEY_P(1);
	if (b->n == 0 && b->skipped == 0)
		PG_RETURN_POINTER(a);
	if (a->n == 0 && a->skipped == 0)
		PG_RETURN_POINTER(b);
	if (b->n == 0 && cx_aggregate_context(fcinfo) != NULL)
	{
		/* only skipped rows to add: update the state in place */
		a->skipped = cx_add_count(a->skipped, b->skipped);
		PG_RETURN_POINTER(a);
	}
	PG_RETURN_POINTER(journey_merge2(a, b));
}
