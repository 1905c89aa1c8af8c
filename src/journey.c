/*
 * journey.c
 *	  The cx.journey summary: its validator, the state cx.journey_agg
 *	  collects touchpoints in, the canonical build, merging, and the
 *	  aggregate support functions.  The stored format is described in
 *	  journey.h; text and binary I/O live in journey_io.c, accessors in
 *	  journey_access.c.
 *
 * cx.journey_agg is built for the common case of many journeys whose rows
 * arrive interleaved (an events table in time order):
 *
 *	 - stage and channel strings are interned once per query, in a
 *	   dictionary shared by all groups (a hash probe per string per row);
 *	 - a row appends a 32-byte record to one log per aggregate context
 *	   (sequential writes) and does not touch its journey's state, a fixed
 *	   56-byte chunk whose cache line is likely cold;
 *	 - the first final function moves the whole log into per-journey
 *	   arrays in two sequential passes (count, then move), each array an
 *	   exact slice of one allocation;
 *	 - each final function sorts its journey once into journey order and
 *	   writes the varlena in one allocation.
 *
 * Serialisation writes the same canonical varlena, so deserialisation goes
 * through the same validator as text input and binary receive; the
 * deserialised journey is combined without an intermediate copy.
 *
 * cx.merge(cx.journey) uses cx.journey itself as its state: merging two
 * journeys is a linear merge of two sorted string tables and two sorted
 * touchpoint lists, and gives byte for byte the journey one pass over all
 * the rows gives.  Merging k partials costs O(k * size), fine for the days,
 * partitions or shards of one journey.
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

/* The most touchpoints whose columns still fit in one varlena. */
#define JOURNEY_MAX_TOUCHES \
	((uint32) ((MaxAllocSize - JOURNEY_HEADER_SIZE) / JOURNEY_TOUCHPOINT_BYTES))

pg_attribute_noreturn()
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

/* string dictionary */

JourneyDict *
journey_dict_new(MemoryContext context)
{
	JourneyDict *dict = MemoryContextAlloc(context, sizeof(JourneyDict));

	dict->context = context;
	dict->entry_capacity = 16;
	dict->entries = MemoryContextAlloc(context, dict->entry_capacity * sizeof(JourneyDictEntry));
	dict->byte_capacity = 256;
	dict->bytes = MemoryContextAlloc(context, dict->byte_capacity);
	dict->table_capacity = 64;
	dict->table = MemoryContextAllocZero(context, dict->table_capacity * sizeof(uint32));
	dict->nentries = 0;
	dict->nbytes = 0;
	dict->ordered = 0;
	dict->by_order = NULL;
	dict->stamp = 0;
	dict->logs = NULL;
	return dict;
}

/* The first 8 bytes of a string, zero-padded. */
static inline uint64
dict_head(const char *s, int len)
{
	uint64		head = 0;

	memcpy(&head, s, Min(len, 8));
	return head;
}

/*
 * A fast hash for the short strings stages and channels are: eight bytes
 * at a time through a multiply-xorshift mix.
 */
static inline uint32
dict_hash(uint64 head, const char *s, int len)
{
	uint64		h = ((uint64) len * UINT64CONST(0x9e3779b97f4a7c15)) ^ head;

	h *= UINT64CONST(0xff51afd7ed558ccd);
	for (int i = 8; i < len; i += 8)
	{
		uint64		w = 0;

		memcpy(&w, s + i, Min(len - i, 8));
		h ^= h >> 32;
		h = (h ^ w) * UINT64CONST(0xc4ceb9fe1a85ec53);
	}
	h ^= h >> 29;
	h *= UINT64CONST(0xff51afd7ed558ccd);
	return (uint32) (h >> 32);
}

static void
dict_rehash(JourneyDict *dict)
{
	Size		capacity = dict->table_capacity * 2;
	Size		mask = capacity - 1;

	pfree(dict->table);
	dict->table = MemoryContextAllocExtended(dict->context, capacity * sizeof(uint32),
											 MCXT_ALLOC_HUGE | MCXT_ALLOC_ZERO);
	dict->table_capacity = capacity;
	for (Size e = 0; e < dict->nentries; e++)
	{
		Size		slot = dict->entries[e].hash & mask;

		while (dict->table[slot] != 0)
			slot = (slot + 1) & mask;
		dict->table[slot] = (uint32) e + 1;
	}
}

/* The index of a string in the dictionary, adding it if it is new. */
uint32
journey_dict_intern(JourneyDict *dict, const char *s, int len)
{
	uint64		head = dict_head(s, len);
	uint32		hash = dict_hash(head, s, len);
	Size		mask = dict->table_capacity - 1;
	Size		slot = hash & mask;
	JourneyDictEntry *entry;
	uint32		id;

	while (dict->table[slot] != 0)
	{
		entry = &dict->entries[dict->table[slot] - 1];
		if (entry->hash == hash && entry->len == (uint32) len && entry->head == head
			&& (len <= 8 || memcmp(dict->bytes + entry->offset + 8, s + 8, len - 8) == 0))
			return dict->table[slot] - 1;
		slot = (slot + 1) & mask;
	}

	if (dict->nentries >= PG_INT32_MAX)
		ereport(ERROR,
				errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				errmsg("too many distinct stage and channel strings for cx.journey_agg"));
	id = (uint32) dict->nentries;
	if (dict->nentries == dict->entry_capacity)
	{
		dict->entry_capacity *= 2;
		dict->entries = repalloc_huge(dict->entries,
									  dict->entry_capacity * sizeof(JourneyDictEntry));
	}
	if (dict->nbytes + len > dict->byte_capacity)
	{
		dict->byte_capacity = Max(dict->byte_capacity * 2, dict->nbytes + len);
		dict->bytes = repalloc_huge(dict->bytes, dict->byte_capacity);
	}
	memcpy(dict->bytes + dict->nbytes, s, len);
	entry = &dict->entries[id];
	entry->offset = dict->nbytes;
	entry->len = (uint32) len;
	entry->head = head;
	entry->hash = hash;
	entry->order = 0;
	entry->mark = 0;
	entry->rank = 0;
	dict->nbytes += len;
	dict->nentries++;
	dict->table[slot] = id + 1;
	if (dict->nentries * 2 > dict->table_capacity)
		dict_rehash(dict);
	return id;
}

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

/* the log of an aggregate's touchpoints */

#define LOG_FIRST_BLOCK 64			/* records; blocks double up to ... */
#define LOG_MAX_BLOCK 2047			/* ... just under 64 kB */

static void
journey_log_forget(void *arg)
{
	JourneyLog *log = arg;
	JourneyLog **link = &log->dict->logs;

	while (*link != NULL && *link != log)
		link = &(*link)->next;
	if (*link == log)
		*link = log->next;
}

/*
 * The log of this dictionary's aggregate in this memory context, made on
 * first use.  Usually there is one; grouping sets in sorted mode have one
 * context per set.
 */
JourneyLog *
journey_log_of(JourneyDict *dict, MemoryContext context)
{
	JourneyLog *log;

	for (log = dict->logs; log != NULL; log = log->next)
		if (log->context == context)
			return log;
	log = MemoryContextAlloc(context, sizeof(JourneyLog));
	log->context = context;
	log->dict = dict;
	log->first = NULL;
	log->last = NULL;
	log->pending = 0;
	log->forget.func = journey_log_forget;
	log->forget.arg = log;
	MemoryContextRegisterResetCallback(context, &log->forget);
	log->next = dict->logs;
	dict->logs = log;
	return log;
}

static void journey_log_flush(JourneyLog *log);

/*
 * A log longer than this (512 MB) is flushed before it grows further, so
 * that a journey too large for one value is caught (and the memory of a
 * single huge journey bounded) while rows still arrive.
 */
#define LOG_FLUSH_RECORDS (1U << 24)

static pg_noinline JourneyLogBlock *
log_new_block(JourneyLog *log)
{
	uint32		capacity;
	JourneyLogBlock *block;

	if (log->pending >= LOG_FLUSH_RECORDS)
	{
		journey_log_flush(log);
		return log->last;		/* the first block, now empty */
	}
	capacity = log->last == NULL ? LOG_FIRST_BLOCK
		: Min(log->last->capacity * 2, LOG_MAX_BLOCK);

	block = MemoryContextAlloc(log->context, offsetof(JourneyLogBlock, records)
							   + capacity * sizeof(JourneyRecord));
	block->next = NULL;
	block->used = 0;
	block->capacity = capacity;
	if (log->last == NULL)
		log->first = block;
	else
		log->last->next = block;
	log->last = block;
	return block;
}

/* Make room in a state's array for `needed` touchpoints in all. */
static void
state_reserve(JourneyState *st, Size needed, MemoryContext context)
{
	Size		capacity = Max(needed, (Size) st->capacity * 2);
	JourneyTouch *touches;

	if (needed > JOURNEY_MAX_TOUCHES)
		journey_too_large();
	capacity = Min(capacity, JOURNEY_MAX_TOUCHES);
	if (st->touches == NULL || st->sliced)
	{
		touches = MemoryContextAllocHuge(context, capacity * sizeof(JourneyTouch));
		if (st->n > 0)
			memcpy(touches, st->touches, st->n * sizeof(JourneyTouch));
		st->sliced = false;
	}
	else
		touches = repalloc_huge(st->touches, capacity * sizeof(JourneyTouch));
	st->touches = touches;
	st->capacity = (uint32) capacity;
}

/*
 * The states of records this far ahead are fetched into cache while the
 * flush works on the current one: journeys interleave, so each is a miss.
 */
#define LOG_PREFETCH 16
#if defined(__GNUC__) || defined(__clang__)
#define journey_prefetch(p) __builtin_prefetch((p), 1)
#else
#define journey_prefetch(p) ((void) (p))
#endif

/* A flush of at least this many records carves arrays out of one slab. */
#define LOG_SLAB_MIN 4096

/*
 * Move every touchpoint waiting in the log into its journey's array.  A
 * first pass counts each journey's records (rows do not touch their
 * state, so the count is taken here), a second moves them.  A large flush
 * (the first final function after a hash aggregate's input) gives each
 * journey without an array an exact slice of one allocation; otherwise
 * each array grows at most once.  The first block is kept for what comes
 * next.
 */
static void
journey_log_flush(JourneyLog *log)
{
	JourneyLogBlock *block;
	JourneyTouch *slab = NULL;

	for (block = log->first; block != NULL; block = block->next)
		for (uint32 i = 0; i < block->used; i++)
		{
			JourneyState *st = block->records[i].state;

			if (i + LOG_PREFETCH < block->used)
				journey_prefetch(block->records[i + LOG_PREFETCH].state);

			if (unlikely((Size) st->n + st->pending >= JOURNEY_MAX_TOUCHES))
				journey_too_large();
			st->pending++;
		}
	if (log->pending >= LOG_SLAB_MIN)
		slab = MemoryContextAllocHuge(log->context, log->pending * sizeof(JourneyTouch));
	block = log->first;
	while (block != NULL)
	{
		JourneyLogBlock *next = block->next;

		for (uint32 i = 0; i < block->used; i++)
		{
			const JourneyRecord *r = &block->records[i];
			JourneyState *st = r->state;
			JourneyTouch *t;

			if (i + LOG_PREFETCH < block->used)
				journey_prefetch(block->records[i + LOG_PREFETCH].state);

			if (st->n == st->capacity)
			{
				if (st->touches == NULL && slab != NULL)
				{
					/* the slab holds every pending record, so this fits */
					st->touches = slab;
					st->capacity = st->pending;
					st->sliced = true;
					slab += st->pending;
				}
				else
					state_reserve(st, (Size) st->n + st->pending, log->context);
			}
			t = &st->touches[st->n++];
			t->at = r->at;
			t->score = r->score;
			t->stage = r->stage;
			t->channel = r->channel;
			st->pending--;
		}
		if (block == log->first)
			block->used = 0;
		else
			pfree(block);
		block = next;
	}
	if (log->first != NULL)
		log->first->next = NULL;
	log->last = log->first;
	log->pending = 0;
}

/* aggregate state */

/*
 * A new state in `context`.  With a log, touchpoints wait there (the
 * aggregate's own states, in its aggregate context); without one they go
 * straight into the state's array.
 */
JourneyState *
journey_state_new(MemoryContext context, JourneyDict *dict, JourneyLog *log)
{
	JourneyState *st = MemoryContextAlloc(context, sizeof(JourneyState));

	st->dict = dict;
	st->log = log;
	st->touches = NULL;
	st->flat = NULL;
	st->skipped = 0;
	st->n = 0;
	st->capacity = 0;
	st->pending = 0;
	st->sliced = false;
	return st;
}

/*
 * Append a touchpoint of `st` to the log.  The hot path of a row: it
 * writes the log sequentially and does not read or write the state, whose
 * cache line is likely cold (journeys interleave); the flush counts.
 */
static inline void
journey_log_append(JourneyLog *log, JourneyState *st, TimestampTz at,
				   uint32 stage, float8 score, uint32 channel)
{
	JourneyLogBlock *block = log->last;
	JourneyRecord *r;

	if (unlikely(block == NULL || block->used == block->capacity))
		block = log_new_block(log);
	r = &block->records[block->used++];
	r->at = at;
	r->score = score;
	r->stage = stage;
	r->channel = channel;
	r->state = st;
	log->pending++;
}

void
journey_state_add(JourneyState *st, TimestampTz at, uint32 stage,
				  float8 score, uint32 channel)
{
	JourneyTouch *t;

	if (st->log != NULL)
	{
		journey_log_append(st->log, st, at, stage, score, channel);
		return;
	}
	if (st->n == st->capacity)
		state_reserve(st, (Size) st->n + 1, GetMemoryChunkContext(st));
	t = &st->touches[st->n++];
	t->at = at;
	t->score = score;
	t->stage = stage;
	t->channel = channel;
}

/* The state's touchpoints, all in its array. */
static void
journey_state_settle(JourneyState *st)
{
	if (st->flat != NULL)
	{
		const Journey *flat = st->flat;

		st->flat = NULL;
		journey_state_add_journey(st, flat);
	}
	if (st->log != NULL && st->log->pending > 0)
		journey_log_flush(st->log);
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
	if (st->log == NULL)
		state_reserve(st, (Size) st->n + v.n, GetMemoryChunkContext(st));
	map = palloc(v.nstrings * sizeof(uint32));
	for (uint32 i = 0; i < v.nstrings; i++)
	{
		int			len;
		const char *s = journey_string(&v, i, &len);

		map[i] = journey_dict_intern(st->dict, s, len);
	}
	for (uint32 i = 0; i < v.n; i++)
		journey_state_add(st, v.at[i], map[v.stage[i]], v.score[i],
						  v.channel[i] == JOURNEY_UNKNOWN ? JOURNEY_UNKNOWN
						  : map[v.channel[i]]);
	pfree(map);
}

/* The index in `to` of string `id` of dictionary `from`. */
static uint32
dict_translate(JourneyDict *to, const JourneyDict *from, uint32 id)
{
	const JourneyDictEntry *e;

	if (id == JOURNEY_UNKNOWN || to == from)
		return id;
	e = &from->entries[id];
	return journey_dict_intern(to, from->bytes + e->offset, (int) e->len);
}

/* Add every touchpoint of another state: the combine step. */
static void
journey_state_add_state(JourneyState *st, JourneyState *other)
{
	st->skipped = cx_add_count(st->skipped, other->skipped);
	if (other->flat != NULL && other->n == 0)
	{
		/* a deserialised partial: its strings are interned once each */
		journey_state_add_journey(st, other->flat);
		return;
	}
	journey_state_settle(other);
	for (uint32 i = 0; i < other->n; i++)
	{
		const JourneyTouch *t = &other->touches[i];

		journey_state_add(st, t->at,
						  dict_translate(st->dict, other->dict, t->stage),
						  t->score,
						  dict_translate(st->dict, other->dict, t->channel));
	}
}

/* canonical build */

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

/* The string dictionary of this call site, made on first use. */
static JourneyDict *
journey_dict_of(FunctionCallInfo fcinfo)
{
	JourneyDict *dict = fcinfo->flinfo->fn_extra;

	if (dict == NULL)
	{
		dict = journey_dict_new(fcinfo->flinfo->fn_mcxt);
		fcinfo->flinfo->fn_extra = dict;
	}
	return dict;
}

static MemoryContext
journey_agg_context(FunctionCallInfo fcinfo, const char *what)
{
	MemoryContext aggcontext = cx_aggregate_context(fcinfo);

	if (aggcontext == NULL)
		elog(ERROR, "%s called in non-aggregate context", what);
	return aggcontext;
}

/* A text argument's bytes, detoasted if need be (without a call when not). */
static inline text *
text_arg(FunctionCallInfo fcinfo, int argno)
{
	struct varlena *datum = (struct varlena *) PG_GETARG_POINTER(argno);

	if (unlikely(VARATT_IS_COMPRESSED(datum) || VARATT_IS_EXTERNAL(datum)))
		datum = PG_DETOAST_DATUM_PACKED(PG_GETARG_DATUM(argno));
	return (text *) datum;
}

PG_FUNCTION_INFO_V1(cx_journey_add);
/* cx.journey_agg transition (all three overloads): collect one touchpoint. */
Datum
cx_journey_add(PG_FUNCTION_ARGS)
{
	JourneyDict *dict = journey_dict_of(fcinfo);
	JourneyState *st;
	JourneyLog *log;
	int			nargs = PG_NARGS();
	TimestampTz at;
	text	   *stage;
	float8		score;
	uint32		stage_id;
	uint32		channel_id = JOURNEY_UNKNOWN;

	if (unlikely(PG_ARGISNULL(0)))
	{
		MemoryContext aggcontext = journey_agg_context(fcinfo, "cx.journey_add");

		st = journey_state_new(aggcontext, dict, journey_log_of(dict, aggcontext));
		log = st->log;
	}
	else
	{
		st = (JourneyState *) PG_GETARG_POINTER(0);

		/*
		 * Every live state's log is in the dictionary's list, so with one
		 * log (no grouping sets) the state need not be read at all.
		 */
		log = dict->logs != NULL && dict->logs->next == NULL ? dict->logs : st->log;
	}

	if (unlikely(PG_ARGISNULL(1) || PG_ARGISNULL(2)))
	{
		st->skipped = cx_add_count(st->skipped, 1);
		PG_RETURN_POINTER(st);
	}
	at = PG_GETARG_TIMESTAMPTZ(1);
	if (unlikely(TIMESTAMP_NOT_FINITE(at)))
		journey_check_at(at);
	if (nargs > 3 && !PG_ARGISNULL(3))
		score = journey_check_score(PG_GETARG_FLOAT8(3));
	else
		score = journey_unknown_score();
	stage = text_arg(fcinfo, 2);
	stage_id = journey_dict_intern(dict, VARDATA_ANY(stage), VARSIZE_ANY_EXHDR(stage));
	if (nargs > 4 && !PG_ARGISNULL(4))
	{
		text	   *channel = text_arg(fcinfo, 4);

		channel_id = journey_dict_intern(dict, VARDATA_ANY(channel),
										 VARSIZE_ANY_EXHDR(channel));
	}
	journey_log_append(log, st, at, stage_id, score, channel_id);
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
	JourneyState *other;

	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_POINTER(PG_GETARG_POINTER(0));
	}
	other = (JourneyState *) PG_GETARG_POINTER(1);
	if (PG_ARGISNULL(0))
	{
		JourneyDict *dict = journey_dict_of(fcinfo);

		st = journey_state_new(aggcontext, dict, journey_log_of(dict, aggcontext));
	}
	else
		st = (JourneyState *) PG_GETARG_POINTER(0);
	journey_state_add_state(st, other);
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
	st = journey_state_new(CurrentMemoryContext, journey_dict_of(fcinfo), NULL);
	st->flat = (Journey *) bytes;
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
	if (b->n == 0 && cx_aggregate_context(fcinfo) != NULL
		&& (Pointer) a == DatumGetPointer(PG_GETARG_DATUM(0)))
	{
		/* only skipped rows to add: update the state in place */
		a->skipped = cx_add_count(a->skipped, b->skipped);
		PG_RETURN_POINTER(a);
	}
	PG_RETURN_POINTER(journey_merge2(a, b));
}
