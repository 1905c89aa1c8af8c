/*
 * journey.h
 *	  The cx.journey summary: stored format, a read-only view of it, and the
 *	  growable state cx.journey_agg collects touchpoints in.
 *
 * Stored format of cx.journey (format version 1), a varlena:
 *
 *	 int32   varlena header
 *	 uint8   format version (1)
 *	 uint8   flags, reserved, always 0
 *	 uint16  reserved, always 0
 *	 uint32  n                touchpoints
 *	 uint32  nstrings         distinct stage and channel strings
 *	 int64   skipped          rows skipped for a NULL time or stage
 *	 int64   at[n]            timestamptz of each touchpoint (microseconds)
 *	 float8  score[n]         score, or the quiet NaN 0x7ff8000000000000
 *	                          where the score is unknown
 *	 uint32  stage[n]         index into the string table
 *	 uint32  channel[n]       index into the string table, or 0xffffffff
 *	                          where the channel is unknown
 *	 uint32  str_end[nstrings] end offset of each string in the bytes below
 *	 char    bytes[]          the strings, concatenated, without terminators
 *
 * so a journey takes 24 bytes of header, 24 bytes per touchpoint, and
 * 4 bytes plus its length per distinct string (a string that is both a
 * stage and a channel is stored once).  Columns keep every array aligned
 * and let an accessor read only what it needs.
 *
 * The form is canonical, so that equal multisets of touchpoints give
 * byte-identical values however they were collected, split or merged:
 *
 *	 - the string table is sorted bytewise (memcmp, then shorter first),
 *	   without duplicates, and every string is used by some touchpoint, so
 *	   comparing two string indexes compares the strings bytewise;
 *	 - touchpoints are in journey order: by at, then stage, then channel
 *	   (unknown last), then score (numerically, unknown last);
 *	 - scores are finite, never -0, and unknown is the one NaN above;
 *	 - every at is a finite, valid timestamp.
 *
 * The same validator (journey_validate) checks values coming from text
 * input, binary receive and aggregate-state deserialisation.
 */
#ifndef CX_JOURNEY_H
#define CX_JOURNEY_H

#include "cxvalue.h"

#include <math.h>

#include "datatype/timestamp.h"

#define JOURNEY_TYPE_NAME "cx.journey"
#define JOURNEY_UNKNOWN PG_UINT32_MAX	/* unknown channel */
#define JOURNEY_NAN_BITS UINT64CONST(0x7ff8000000000000)
#define JOURNEY_TOUCHPOINT_BYTES (8 + 8 + 4 + 4)

typedef struct Journey
{
	int32		vl_len_;
	uint8		version;
	uint8		flags;
	uint16		reserved;
	uint32		n;
	uint32		nstrings;
	int64		skipped;
	char		data[FLEXIBLE_ARRAY_MEMBER];
} Journey;

#define JOURNEY_HEADER_SIZE offsetof(Journey, data)

/* The most touchpoints whose columns still fit in one varlena. */
#define JOURNEY_MAX_TOUCHES \
	((uint32) ((MaxAllocSize - JOURNEY_HEADER_SIZE) / JOURNEY_TOUCHPOINT_BYTES))

#define DatumGetJourneyP(d) ((Journey *) cx_detoast_summary((d), JOURNEY_TYPE_NAME))
#define PG_GETARG_JOURNEY_P(n) DatumGetJourneyP(PG_GETARG_DATUM(n))

/* Pointers into a journey's columns. */
typedef struct JourneyView
{
	uint32		n;
	uint32		nstrings;
	int64		skipped;
	const TimestampTz *at;
	const float8 *score;
	const uint32 *stage;
	const uint32 *channel;
	const uint32 *str_end;
	const char *bytes;
} JourneyView;

static inline void
journey_view(const Journey *j, JourneyView *v)
{
	const char *p = j->data;

	v->n = j->n;
	v->nstrings = j->nstrings;
	v->skipped = j->skipped;
	v->at = (const TimestampTz *) p;
	p += sizeof(TimestampTz) * (Size) j->n;
	v->score = (const float8 *) p;
	p += sizeof(float8) * (Size) j->n;
	v->stage = (const uint32 *) p;
	p += sizeof(uint32) * (Size) j->n;
	v->channel = (const uint32 *) p;
	p += sizeof(uint32) * (Size) j->n;
	v->str_end = (const uint32 *) p;
	p += sizeof(uint32) * (Size) j->nstrings;
	v->bytes = p;
}

static inline const char *
journey_string(const JourneyView *v, uint32 id, int *len)
{
	uint32		start = id == 0 ? 0 : v->str_end[id - 1];

	*len = (int) (v->str_end[id] - start);
	return v->bytes + start;
}

static inline bool
journey_has_score(float8 score)
{
	return !isnan(score);
}

/* Bytewise order of two strings: memcmp, then the shorter first. */
static inline int
journey_strcmp(const char *a, int alen, const char *b, int blen)
{
	int			c = memcmp(a, b, Min(alen, blen));

	if (c != 0)
		return c;
	return (alen > blen) - (alen < blen);
}

/* Journey order of two touchpoints whose string indexes compare bytewise. */
static inline int
journey_touch_cmp(TimestampTz at1, uint32 stage1, uint32 channel1, float8 score1,
				  TimestampTz at2, uint32 stage2, uint32 channel2, float8 score2)
{
	bool		known1,
				known2;

	if (at1 != at2)
		return at1 < at2 ? -1 : 1;
	if (stage1 != stage2)
		return stage1 < stage2 ? -1 : 1;
	if (channel1 != channel2)
		return channel1 < channel2 ? -1 : 1;	/* unknown is largest */
	known1 = journey_has_score(score1);
	known2 = journey_has_score(score2);
	if (known1 != known2)
		return known1 ? -1 : 1;
	if (!known1 || score1 == score2)
		return 0;
	return score1 < score2 ? -1 : 1;
}

/*
 * A touchpoint of the aggregate state.  Stage and channel are indexes into
 * the aggregate's string dictionary.
 */
typedef struct JourneyTouch
{
	TimestampTz at;
	float8		score;
	uint32		stage;
	uint32		channel;
} JourneyTouch;

typedef struct JourneyDictEntry
{
	uint64		offset;			/* of the string in the dictionary's bytes */
	uint64		head;			/* its first 8 bytes, zero-padded */
	uint32		len;
	uint32		hash;
	uint32		order;			/* bytewise rank among the first `ordered` entries */
	uint32		mark;			/* the build that last ranked this string */
	uint32		rank;			/* its rank among that build's strings */
} JourneyDictEntry;

typedef struct JourneyLog JourneyLog;

/*
 * The strings one aggregate has seen, shared by all its groups: stages and
 * channels are a small vocabulary, so the dictionary stays hot in cache
 * and a row costs one hash probe per string instead of a search of its
 * journey's strings.  It lives as long as the query (in the memory context
 * of the calling function) and every state points at it.  Now and then
 * (when it has doubled) all its strings are ranked bytewise, so that the
 * final function orders a journey's strings by comparing integers.
 */
typedef struct JourneyDict
{
	MemoryContext context;
	JourneyDictEntry *entries;
	char	   *bytes;
	uint32	   *table;			/* entry index + 1, 0 = empty */
	Size		nentries;
	Size		entry_capacity;
	Size		nbytes;
	Size		byte_capacity;
	Size		table_capacity;	/* a power of 2, at least twice nentries */
	Size		ordered;		/* entries [0, ordered) have a valid order */
	uint32	   *by_order;		/* entry of each order, for the first `ordered` */
	uint32		stamp;			/* builds so far, for JourneyDictEntry.mark */
	JourneyLog *logs;			/* one per aggregate memory context in use */
} JourneyDict;

typedef struct JourneyState JourneyState;

/* A touchpoint waiting in an aggregate's log, with the journey it is for. */
typedef struct JourneyRecord
{
	TimestampTz at;
	float8		score;
	uint32		stage;
	uint32		channel;
	JourneyState *state;
} JourneyRecord;

typedef struct JourneyLogBlock
{
	struct JourneyLogBlock *next;
	uint32		used;
	uint32		capacity;
	JourneyRecord records[FLEXIBLE_ARRAY_MEMBER];
} JourneyLogBlock;

/*
 * The touchpoints of all the journeys one aggregate collects in one memory
 * context, appended in arrival order.  Rows arrive in any order of journey,
 * so writing each touchpoint into its own journey's array would touch a
 * random cache line per row; appending to one log writes memory
 * sequentially, and the journey's state is not touched at all.  When a
 * final function (or serialisation) first needs a journey, the whole log is
 * moved into per-journey arrays (a pass to count, a pass to move), each
 * array allocated once at its exact size.  The log lives in the aggregate context and leaves the
 * dictionary's list when that context is reset.
 */
struct JourneyLog
{
	MemoryContext context;
	JourneyDict *dict;
	JourneyLog *next;			/* the dictionary's next log */
	JourneyLogBlock *first;
	JourneyLogBlock *last;
	Size		pending;		/* records in the log */
	MemoryContextCallback forget;
};

/*
 * The state of cx.journey_agg for one journey: a small fixed chunk in the
 * aggregate context.  Touchpoints wait in the log until a final function
 * needs them in an array of their own (touches); states that are
 * not the aggregate's own (text input) have no log and fill the array
 * directly.  A deserialised partial state just wraps the validated journey
 * (flat) until it is combined.  There is no memory context per group, and
 * sorting waits for the final function.
 */
struct JourneyState
{
	JourneyDict *dict;
	JourneyLog *log;			/* NULL: add straight to touches */
	JourneyTouch *touches;		/* touches[0 .. n) */
	const Journey *flat;		/* a deserialised journey not yet added */
	int64		skipped;
	uint32		n;
	uint32		capacity;
	uint32		pending;		/* in the log, counted while it is flushed */
	bool		sliced;			/* touches is a slice of a larger allocation */
};

/* journey_agg.c */
extern JourneyDict *journey_dict_new(MemoryContext context);
extern uint32 journey_dict_intern(JourneyDict *dict, const char *s, int len);
extern JourneyLog *journey_log_of(JourneyDict *dict, MemoryContext context);
extern JourneyState *journey_state_new(MemoryContext context, JourneyDict *dict,
									   JourneyLog *log);
extern void journey_state_add(JourneyState *st, TimestampTz at, uint32 stage,
							  float8 score, uint32 channel);
extern void journey_state_add_journey(JourneyState *st, const Journey *j);
extern void journey_state_settle(JourneyState *st);

/* journey.c */
pg_noreturn extern void journey_too_large(void);
extern bool journey_score_valid(float8 score, struct Node *escontext);
extern float8 journey_check_score(float8 score);
extern void journey_check_at(TimestampTz at);
extern Journey *journey_build(JourneyState *st);
extern Journey *journey_empty(void);
extern bool journey_validate(const Journey *j, CxSource source,
							 struct Node *escontext);
extern Journey *journey_merge2(const Journey *a, const Journey *b);

/* journey_io.c */
extern void journey_append_timestamp(StringInfo buf, TimestampTz at);

#endif							/* CX_JOURNEY_H */
