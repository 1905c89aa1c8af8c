/*
 * journey_agg.c
 *	  cx.journey_agg: the string dictionary, the touchpoint log, the state
 *	  the aggregate collects touchpoints in, and its support functions
 *	  (transition, combine, serialisation, deserialisation, final).  The
 *	  per-row path stays in this one file so that it keeps its inlining.
 *	  The canonical build of a state into a journey, the validator and
 *	  merging live in journey.c; the structures are described in journey.h.
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
 *	   writes the varlena in one allocation (journey_build, in journey.c).
 *
 * Serialisation writes the same canonical varlena, so deserialisation goes
 * through the same validator as text input and binary receive; the
 * deserialised journey is combined without an intermediate copy.
 */
#include "journey.h"

#include "utils/memutils.h"
#include "utils/timestamp.h"

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
void
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

static float8
journey_unknown_score(void)
{
	uint64		bits = JOURNEY_NAN_BITS;
	float8		score;

	memcpy(&score, &bits, sizeof(score));
	return score;
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

PG_FUNCTION_INFO_V1(cx_journey_merge_add);
/*
 * cx.merge(cx.journey) transition: collect a partial journey's touchpoints
 * in the state cx.journey_agg uses (NULL adds nothing).  Each partial costs
 * one dictionary probe per distinct string and one log record per
 * touchpoint; the final function sorts once, so merging k partials costs
 * about k times one partial, not the quadratic cost of building the whole
 * journey again at every row.
 */
Datum
cx_journey_merge_add(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext = journey_agg_context(fcinfo, "cx.journey_merge_add");
	JourneyState *st;

	if (PG_ARGISNULL(0))
	{
		JourneyDict *dict = journey_dict_of(fcinfo);

		st = journey_state_new(aggcontext, dict, journey_log_of(dict, aggcontext));
	}
	else
		st = (JourneyState *) PG_GETARG_POINTER(0);
	if (!PG_ARGISNULL(1))
		journey_state_add_journey(st, PG_GETARG_JOURNEY_P(1));
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
	journey_validate((Journey *) bytes, CX_FROM_BINARY, NULL);
	st = journey_state_new(CurrentMemoryContext, journey_dict_of(fcinfo), NULL);
	st->flat = (Journey *) bytes;
	PG_RETURN_POINTER(st);
}
