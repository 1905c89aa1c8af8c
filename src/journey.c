/*
 * journey.c
 *	  The cx.journey summary: its validator, the canonical build of an
 *	  aggregate state into a journey, merging, and cx.merge(cx.journey).
 *	  The stored format is described in journey.h.  The string dictionary,
 *	  the touchpoint log, the state cx.journey_agg collects touchpoints in
 *	  and that aggregate's support functions live in journey_agg.c; text
 *	  and binary I/O in journey_io.c, accessors in journey_access.c.
 *
 * cx.journey_merge(a, b) merges two journeys: a linear merge of two sorted
 * string tables and two sorted touchpoint lists, giving byte for byte the
 * journey one pass over all the rows gives.  The aggregate cx.merge(cx.journey)
 * does not use it (that would copy the whole journey at every row): it
 * collects partials in cx.journey_agg's state (journey_agg.c) and builds once.
 */
#include "journey.h"

#include <math.h>

#include "miscadmin.h"
#include "port/pg_bitutils.h"
#include "mb/pg_wchar.h"
#include "storage/shmem.h"
#include "utils/builtins.h"
#include "utils/memutils.h"
#include "utils/timestamp.h"

pg_noreturn void
journey_too_large(void)
{
	ereport(ERROR,
			errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
			errmsg("cx.journey is too large"),
			errdetail("A journey holds at most %u touchpoints and 1 GB in all.",
					  JOURNEY_MAX_TOUCHES));
}

/* Scores must be finite: false after a soft error (compat.h). */
bool
journey_score_valid(float8 score, struct Node *escontext)
{
	if (isnan(score) || isinf(score))
		ereturn(escontext, false,
				errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				errmsg("touchpoint score must be a finite number, got %s",
					   isnan(score) ? "NaN" : score > 0 ? "Infinity" : "-Infinity"));
	return true;
}

/* Scores must be finite; -0 becomes 0 so that equal scores store equally. */
float8
journey_check_score(float8 score)
{
	journey_score_valid(score, NULL);
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
bool
journey_validate(const Journey *j, CxSource source, struct Node *escontext)
{
	const char *type_name = JOURNEY_TYPE_NAME;
	Size		size = VARSIZE(j);
	Size		fixed;
	Size		nbytes;
	JourneyView v;
	bool	   *used;
	uint32		previous_end = 0;

	if (size < JOURNEY_HEADER_SIZE)
		return cx_invalid(escontext, type_name, source, "The value is shorter than its header.");
	if (!cx_format_version_valid(escontext, j->version, type_name, source))
		return false;
	if (j->flags != 0 || j->reserved != 0)
		return cx_invalid(escontext, type_name, source, "Reserved fields must be zero.");
	if (j->skipped < 0)
		return cx_invalid(escontext, type_name, source, "The skipped count is negative.");
	if (j->n > JOURNEY_MAX_TOUCHES)
		return cx_invalid(escontext, type_name, source, "The touchpoint count is out of range.");
	fixed = add_size(JOURNEY_HEADER_SIZE,
					 add_size(mul_size(j->n, JOURNEY_TOUCHPOINT_BYTES),
							  mul_size(j->nstrings, sizeof(uint32))));
	if (fixed > size)
		return cx_invalid(escontext, type_name, source, "The value is shorter than its counts say.");
	nbytes = size - fixed;
	if (j->nstrings > (Size) 2 * j->n)
		return cx_invalid(escontext, type_name, source, "There are more strings than touchpoints can use.");
	journey_view(j, &v);

	for (uint32 i = 0; i < v.nstrings; i++)
	{
		uint32		end = v.str_end[i];
		const char *s = v.bytes + previous_end;
		int			len;

		if (end < previous_end || end > nbytes)
			return cx_invalid(escontext, type_name, source, "A string lies outside the value.");
		len = (int) (end - previous_end);
		if (memchr(s, '\0', len) != NULL || !pg_verifymbstr(s, len, true))
			return cx_invalid(escontext, type_name, source, "A string is not valid text in the database encoding.");
		if (i > 0)
		{
			int			prev_len;
			const char *prev = journey_string(&v, i - 1, &prev_len);

			if (journey_strcmp(prev, prev_len, s, len) >= 0)
				return cx_invalid(escontext, type_name, source, "Strings must be distinct and in bytewise order.");
		}
		previous_end = end;
	}
	if (previous_end != nbytes)
		return cx_invalid(escontext, type_name, source, "The value has bytes after its last string.");

	used = palloc0(Max(v.nstrings, 1) * sizeof(bool));
	for (uint32 i = 0; i < v.n; i++)
	{
		float8		score = v.score[i];

		if (TIMESTAMP_NOT_FINITE(v.at[i]) || !IS_VALID_TIMESTAMP(v.at[i]))
			return cx_invalid(escontext, type_name, source, "A touchpoint time is not a finite timestamp.");
		if (v.stage[i] >= v.nstrings)
			return cx_invalid(escontext, type_name, source, "A stage index is out of range.");
		if (v.channel[i] >= v.nstrings && v.channel[i] != JOURNEY_UNKNOWN)
			return cx_invalid(escontext, type_name, source, "A channel index is out of range.");
		if (isnan(score))
		{
			uint64		bits;

			memcpy(&bits, &score, sizeof(bits));
			if (bits != JOURNEY_NAN_BITS)
				return cx_invalid(escontext, type_name, source, "An unknown score has the wrong bit pattern.");
		}
		else if (isinf(score) || (score == 0.0 && signbit(score)))
			return cx_invalid(escontext, type_name, source, "A score is infinite or negative zero.");
		if (i > 0 && journey_touch_cmp(v.at[i - 1], v.stage[i - 1], v.channel[i - 1],
									   v.score[i - 1], v.at[i], v.stage[i],
									   v.channel[i], score) > 0)
			return cx_invalid(escontext, type_name, source, "Touchpoints must be in journey order.");
		used[v.stage[i]] = true;
		if (v.channel[i] != JOURNEY_UNKNOWN)
			used[v.channel[i]] = true;
	}
	for (uint32 i = 0; i < v.nstrings; i++)
		if (!used[i])
			return cx_invalid(escontext, type_name, source, "A string is used by no touchpoint.");
	pfree(used);
	return true;
}

/* canonical build */

static inline int
dict_string_cmp(const uint32 *a, const uint32 *b, const JourneyDict *dict)
{
	const JourneyDictEntry *ea = &dict->entries[*a];
	const JourneyDictEntry *eb = &dict->entries[*b];

	return journey_strcmp(dict->bytes + ea->offset, (int) ea->len,
						  dict->bytes + eb->offset, (int) eb->len);
}

#define ST_SORT sort_string_ids
#define ST_ELEMENT_TYPE uint32
#define ST_COMPARE_ARG_TYPE const JourneyDict
#define ST_COMPARE(a, b, arg) dict_string_cmp(a, b, arg)
#define ST_SCOPE static
#define ST_CHECK_FOR_INTERRUPTS
#define ST_DEFINE
#include "lib/sort_template.h"

/* Rank every string of the dictionary bytewise (JourneyDictEntry.order). */
static void
dict_order(JourneyDict *dict)
{
	uint32	   *ids = MemoryContextAllocHuge(dict->context, dict->nentries * sizeof(uint32));

	for (Size e = 0; e < dict->nentries; e++)
		ids[e] = (uint32) e;
	sort_string_ids(ids, dict->nentries, dict);
	for (Size r = 0; r < dict->nentries; r++)
		dict->entries[ids[r]].order = (uint32) r;
	dict->ordered = dict->nentries;
	if (dict->by_order != NULL)
		pfree(dict->by_order);
	dict->by_order = ids;
}

static inline uint32
ranked(uint32 id, const JourneyDict *dict)
{
	return id == JOURNEY_UNKNOWN ? JOURNEY_UNKNOWN : dict->entries[id].rank;
}

static inline int
ranked_touch_cmp(const JourneyTouch *a, const JourneyTouch *b, const JourneyDict *dict)
{
	if (a->at != b->at)
		return a->at < b->at ? -1 : 1;
	return journey_touch_cmp(0, ranked(a->stage, dict), ranked(a->channel, dict), a->score,
							 0, ranked(b->stage, dict), ranked(b->channel, dict), b->score);
}

#define ST_SORT sort_touches
#define ST_ELEMENT_TYPE JourneyTouch
#define ST_COMPARE_ARG_TYPE const JourneyDict
#define ST_COMPARE(a, b, arg) ranked_touch_cmp(a, b, arg)
#define ST_SCOPE static
#define ST_CHECK_FOR_INTERRUPTS
#define ST_DEFINE
#include "lib/sort_template.h"

static inline int
order_cmp(const uint32 *a, const uint32 *b, const JourneyDict *dict)
{
	uint32		oa = dict->entries[*a].order;
	uint32		ob = dict->entries[*b].order;

	return (oa > ob) - (oa < ob);
}

#define ST_SORT sort_ordered_ids
#define ST_ELEMENT_TYPE uint32
#define ST_COMPARE_ARG_TYPE const JourneyDict
#define ST_COMPARE(a, b, arg) order_cmp(a, b, arg)
#define ST_SCOPE static
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
 * The canonical journey of a state, in the current memory context.  Ranks
 * the strings the journey uses (in their dictionary entries) and sorts the
 * state's touchpoints in place, which leaves its value (a multiset)
 * unchanged, so a final function may run more than once.
 */
Journey *
journey_build(JourneyState *st)
{
	JourneyDict *dict = st->dict;
	uint32		small_ids[32];
	uint32	   *ids = small_ids;
	uint32		nids = 0;
	uint32		stamp;
	bool		all_ordered = true;
	Size		nbytes = 0;
	Journey    *j;
	JourneyView v;
	TimestampTz *at;
	float8	   *score;
	uint32	   *stage;
	uint32	   *channel;
	uint32	   *str_end;
	char	   *bytes;
	uint32		offset = 0;

	journey_state_settle(st);

	/* the strings this journey uses, each once */
	if (++dict->stamp == 0)
	{
		for (Size e = 0; e < dict->nentries; e++)
			dict->entries[e].mark = 0;
		dict->stamp = 1;
	}
	stamp = dict->stamp;
	if ((Size) st->n * 2 > lengthof(small_ids))
		ids = palloc(mul_size(st->n, 2 * sizeof(uint32)));
	for (uint32 i = 0; i < st->n; i++)
	{
		const JourneyTouch *t = &st->touches[i];
		JourneyDictEntry *e = &dict->entries[t->stage];

		if (e->mark != stamp)
		{
			e->mark = stamp;
			ids[nids++] = t->stage;
			all_ordered &= t->stage < dict->ordered;
		}
		if (t->channel != JOURNEY_UNKNOWN)
		{
			e = &dict->entries[t->channel];
			if (e->mark != stamp)
			{
				e->mark = stamp;
				ids[nids++] = t->channel;
				all_ordered &= t->channel < dict->ordered;
			}
		}
	}

	/*
	 * Put them in bytewise order: by their rank in the whole dictionary when
	 * it has one (an integer comparison), else by comparing bytes.  The
	 * dictionary is re-ranked whenever it has doubled since last time, so
	 * with a settled vocabulary this costs nothing and with an ever-growing
	 * one it stays O(log) per string.
	 */
	if (!all_ordered && dict->nentries >= 2 * dict->ordered)
	{
		dict_order(dict);
		all_ordered = true;
	}
	if (all_ordered && dict->ordered <= 64)
	{
		/* a small vocabulary: read the used strings off a bitmap of orders */
		uint64		used = 0;

		for (uint32 i = 0; i < nids; i++)
			used |= UINT64CONST(1) << dict->entries[ids[i]].order;
		for (uint32 i = 0; used != 0; i++)
		{
			int			order = pg_rightmost_one_pos64(used);

			ids[i] = dict->by_order[order];
			used &= used - 1;
		}
	}
	else if (all_ordered)
		sort_ordered_ids(ids, nids, dict);
	else
		sort_string_ids(ids, nids, dict);
	for (uint32 r = 0; r < nids; r++)
	{
		dict->entries[ids[r]].rank = r;
		nbytes += dict->entries[ids[r]].len;
	}
	sort_touches(st->touches, st->n, dict);

	j = journey_alloc(st->n, nids, nbytes, st->skipped);
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
		stage[i] = dict->entries[t->stage].rank;
		channel[i] = ranked(t->channel, dict);
	}
	for (uint32 r = 0; r < nids; r++)
	{
		const JourneyDictEntry *e = &dict->entries[ids[r]];

		memcpy(bytes + offset, dict->bytes + e->offset, e->len);
		offset += e->len;
		str_end[r] = offset;
	}
	if (ids != small_ids)
		pfree(ids);
	return j;
}

/* merging */

static inline uint32
mapped(uint32 id, const uint32 *map)
{
	return id == JOURNEY_UNKNOWN ? JOURNEY_UNKNOWN : map[id];
}

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
									   mapped(va.channel[ia], map_a), va.score[ia],
									   vb.at[ib], map_b[vb.stage[ib]],
									   mapped(vb.channel[ib], map_b), vb.score[ib]) <= 0;
		if (take_a)
		{
			at[i] = va.at[ia];
			score[i] = va.score[ia];
			stage[i] = map_a[va.stage[ia]];
			channel[i] = mapped(va.channel[ia], map_a);
			ia++;
		}
		else
		{
			at[i] = vb.at[ib];
			score[i] = vb.score[ib];
			stage[i] = map_b[vb.stage[ib]];
			channel[i] = mapped(vb.channel[ib], map_b);
			ib++;
		}
	}
	pfree(map_a);
	pfree(map_b);
	return m;
}

/* aggregate support functions */

PG_FUNCTION_INFO_V1(cx_journey_merge);
/* cx.journey_merge(a, b): the union of two journeys; NULL counts as empty. */
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
	if (b->n == 0 && cx_aggregate_context(fcinfo) != NULL
		&& (Pointer) a == DatumGetPointer(PG_GETARG_DATUM(0)))
	{
		/* only skipped rows to add: update the state in place */
		a->skipped = cx_add_count(a->skipped, b->skipped);
		PG_RETURN_POINTER(a);
	}
	PG_RETURN_POINTER(journey_merge2(a, b));
}
