/*
 * journey_io.c
 *	  Text, binary and jsonb forms of cx.journey.
 *
 * Text form, one tuple per touchpoint in journey order:
 *
 *	 (skipped=0,touchpoints=[("2024-05-01 09:00:00+00","apply",4,"web"),
 *	                         ("2024-05-01 09:05:00.25+00","call",null,null)])
 *
 * Times are written in UTC with microseconds where there are any, whatever
 * TimeZone and DateStyle say, so the text form reads back identically in
 * any session.  Input accepts any UTC offset ("+02", "-05:30", "Z") and
 * touchpoints in any order, and stores them in journey order, as the
 * aggregate would.  Scores are written as the shortest exact decimal.
 *
 * Binary form (network byte order):
 *
 *	 uint8 version, uint8 flags (0), int64 skipped,
 *	 int32 nstrings, then per string: int32 length, bytes
 *	 int32 n, then per touchpoint: int64 at, int32 stage, int32 channel
 *	   (-1 unknown), float8 score (NaN unknown)
 *
 * which receive turns into the stored form and hands to the same validator
 * as text input.
 */
#include "journey.h"

#include <ctype.h>
#include <math.h>

#include "catalog/pg_type.h"
#include "libpq/pqformat.h"
#include "mb/pg_wchar.h"
#include "utils/builtins.h"
#include "utils/datetime.h"
#include "utils/json.h"
#include "utils/memutils.h"
#include "utils/jsonb.h"
#include "utils/timestamp.h"

/* times */

/* "YYYY-MM-DD HH:MM:SS[.ffffff]+00[ BC]", in UTC. */
void
journey_append_timestamp(StringInfo buf, TimestampTz at)
{
	struct pg_tm tm;
	fsec_t		fsec;
	int			year;

	if (timestamp2tm(at, NULL, &tm, &fsec, NULL, NULL) != 0)
		ereport(ERROR,
				errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				errmsg("timestamp out of range"));
	year = tm.tm_year > 0 ? tm.tm_year : -(tm.tm_year - 1);
	appendStringInfo(buf, "%04d-%02d-%02d %02d:%02d:%02d",
					 year, tm.tm_mon, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
	if (fsec != 0)
	{
		char		digits[8];
		int			last;

		snprintf(digits, sizeof(digits), "%06d", (int) fsec);
		for (last = 5; digits[last] == '0'; last--)
			;
		digits[last + 1] = '\0';
		appendStringInfo(buf, ".%s", digits);
	}
	appendStringInfoString(buf, "+00");
	if (tm.tm_year <= 0)
		appendStringInfoString(buf, " BC");
}

/* Read exactly `width` digits (or, with width 0, one to nine). */
static bool
read_digits(const char **p, int width, int *value)
{
	int			count = 0;

	*value = 0;
	while (isdigit((unsigned char) **p) && (width == 0 ? count < 9 : count < width))
	{
		*value = *value * 10 + (**p - '0');
		(*p)++;
		count++;
	}
	return count > 0 && (width == 0 || count == width)
		&& !(width == 0 && isdigit((unsigned char) **p));
}

/*
 * Parse the time of a touchpoint: an ISO date and time with an explicit
 * UTC offset, and nothing that depends on the session (no "now", no
 * TimeZone), so input stays immutable.  Returns false on bad syntax; a time
 * out of range is reported through the cursor.
 */
static bool
parse_timestamp(const char *s, TimestampTz *result, CxCursor *c)
{
	const char *p = s;
	struct pg_tm tm = {0};
	int			fsec = 0;
	int			tz = 0;
	int			zone_hour = 0,
				zone_min = 0;

	if (!read_digits(&p, 0, &tm.tm_year) || *p++ != '-'
		|| !read_digits(&p, 2, &tm.tm_mon) || *p++ != '-'
		|| !read_digits(&p, 2, &tm.tm_mday) || (*p != ' ' && *p != 'T'))
		return false;
	p++;
	if (!read_digits(&p, 2, &tm.tm_hour) || *p++ != ':'
		|| !read_digits(&p, 2, &tm.tm_min) || *p++ != ':'
		|| !read_digits(&p, 2, &tm.tm_sec))
		return false;
	if (*p == '.')
	{
		int			places = 0;

		p++;
		while (isdigit((unsigned char) *p) && places < 6)
		{
			fsec = fsec * 10 + (*p++ - '0');
			places++;
		}
		if (places == 0 || isdigit((unsigned char) *p))
			return false;
		while (places++ < 6)
			fsec *= 10;
	}
	if (*p == 'Z')
		p++;
	else if (*p == '+' || *p == '-')
	{
		int			sign = *p++ == '-' ? -1 : 1;

		if (!read_digits(&p, 2, &zone_hour))
			return false;
		if (*p == ':')
		{
			p++;
			if (!read_digits(&p, 2, &zone_min))
				return false;
		}
		else if (isdigit((unsigned char) *p) && !read_digits(&p, 2, &zone_min))
			return false;
		if (zone_hour > 15 || zone_min > 59)
			return false;
		/* PostgreSQL counts offsets in seconds west of UTC */
		tz = -sign * (zone_hour * SECS_PER_HOUR + zone_min * SECS_PER_MINUTE);
	}
	else
		return false;
	if (tm.tm_year == 0)
		return false;			/* there is no year 0 */
	if (strcmp(p, " BC") == 0)
	{
		tm.tm_year = -(tm.tm_year - 1);
		p += 3;
	}
	if (*p != '\0' || tm.tm_mon < 1 || tm.tm_mon > 12 || tm.tm_mday < 1
		|| tm.tm_mday > day_tab[isleap(tm.tm_year)][tm.tm_mon - 1]
		|| tm.tm_hour > 23 || tm.tm_min > 59 || tm.tm_sec > 59)
		return false;
	if (tm2timestamp(&tm, fsec, &tz, result) != 0 || !IS_VALID_TIMESTAMP(*result))
	{
		cx_input_error(c,
					   errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
					   errmsg("timestamp out of range: \"%s\"", s));
		*result = 0;
	}
	return true;
}

/* text I/O */

static bool
accept_null(CxCursor *c)
{
	while (isspace((unsigned char) *c->p))
		c->p++;
	if (strncmp(c->p, "null", 4) != 0)
		return false;
	c->p += 4;
	return true;
}

PG_FUNCTION_INFO_V1(cx_journey_in);
/* Text input of cx.journey: touchpoints in any order, stored in journey order. */
Datum
cx_journey_in(PG_FUNCTION_ARGS)
{
	CxCursor	c;
	JourneyState *st = journey_state_new(CurrentMemoryContext, journey_dict_new(CurrentMemoryContext), NULL);
	int64		skipped;
	Journey    *j;

	cx_cursor_init(&c, PG_GETARG_CSTRING(0), JOURNEY_TYPE_NAME, fcinfo->context);
	cx_expect(&c, '(');
	cx_expect_key(&c, "skipped");
	skipped = cx_read_int64(&c);
	if (skipped < 0)
		cx_input_error(&c,
					   errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					   errmsg("skipped count must not be negative in cx.journey value \"%s\"",
							  c.input));
	st->skipped = skipped;
	cx_expect(&c, ',');
	cx_expect_key(&c, "touchpoints");
	cx_expect(&c, '[');
	if (!cx_accept(&c, ']'))
	{
		do
		{
			const char *at_start;
			char	   *at_text;
			char	   *stage;
			int			len;
			TimestampTz at = 0;
			float8		score = 0;
			uint32		stage_id;
			uint32		channel_id = JOURNEY_UNKNOWN;
			uint64		unknown = JOURNEY_NAN_BITS;

			cx_expect(&c, '(');
			while (isspace((unsigned char) *c.p))
				c.p++;
			at_start = c.p;
			at_text = cx_read_quoted(&c, &len);
			if (!cx_cursor_failed(&c) && !parse_timestamp(at_text, &at, &c))
			{
				c.p = at_start;
				cx_syntax_error(&c);
			}
			cx_expect(&c, ',');
			stage = cx_read_quoted(&c, &len);
			cx_expect(&c, ',');
			if (accept_null(&c))
				memcpy(&score, &unknown, sizeof(score));
			else
			{
				float8		read = cx_read_float8(&c);

				if (journey_score_valid(read, c.escontext))
					score = journey_check_score(read);
				else
					cx_cursor_fail(&c);
			}
			cx_expect(&c, ',');
			if (cx_cursor_failed(&c))
				break;
			stage_id = journey_dict_intern(st->dict, stage, len);
			if (!accept_null(&c))
			{
				char	   *channel = cx_read_quoted(&c, &len);

				channel_id = journey_dict_intern(st->dict, channel, len);
				pfree(channel);
			}
			cx_expect(&c, ')');
			if (cx_cursor_failed(&c))
				break;
			journey_state_add(st, at, stage_id, score, channel_id);
			pfree(at_text);
			pfree(stage);
		} while (cx_accept(&c, ','));
		cx_expect(&c, ']');
	}
	cx_expect(&c, ')');
	cx_expect_end(&c);
	if (cx_cursor_failed(&c))
		PG_RETURN_NULL();
	j = journey_build(st);
	if (!journey_validate(j, CX_FROM_TEXT, fcinfo->context))
		PG_RETURN_NULL();
	PG_RETURN_POINTER(j);
}

PG_FUNCTION_INFO_V1(cx_journey_out);
/* Text output of cx.journey; reads back to the identical value. */
Datum
cx_journey_out(PG_FUNCTION_ARGS)
{
	Journey    *j = PG_GETARG_JOURNEY_P(0);
	JourneyView v;
	StringInfoData buf;

	journey_view(j, &v);
	initStringInfo(&buf);
	appendStringInfo(&buf, "(skipped=" INT64_FORMAT ",touchpoints=[", v.skipped);
	for (uint32 i = 0; i < v.n; i++)
	{
		const char *s;
		int			len;

		appendStringInfoString(&buf, i == 0 ? "(\"" : ",(\"");
		journey_append_timestamp(&buf, v.at[i]);
		appendStringInfoString(&buf, "\",");
		s = journey_string(&v, v.stage[i], &len);
		cx_append_quoted(&buf, s, len);
		appendStringInfoChar(&buf, ',');
		if (journey_has_score(v.score[i]))
			cx_append_float8(&buf, v.score[i]);
		else
			appendStringInfoString(&buf, "null");
		appendStringInfoChar(&buf, ',');
		if (v.channel[i] == JOURNEY_UNKNOWN)
			appendStringInfoString(&buf, "null");
		else
		{
			s = journey_string(&v, v.channel[i], &len);
			cx_append_quoted(&buf, s, len);
		}
		appendStringInfoChar(&buf, ')');
	}
	appendStringInfoString(&buf, "])");
	PG_FREE_IF_COPY(j, 0);
	PG_RETURN_CSTRING(buf.data);
}

/* binary I/O */

static void
binary_corrupt(const char *detail)
{
	cx_corrupt(JOURNEY_TYPE_NAME, CX_FROM_BINARY, detail);
}

/* Check that the message still holds `bytes` bytes before reading them. */
static void
need_bytes(StringInfo msg, Size bytes)
{
	if ((Size) (msg->len - msg->cursor) < bytes)
		binary_corrupt("The value is shorter than its counts say.");
}

PG_FUNCTION_INFO_V1(cx_journey_recv);
/* Binary input of cx.journey, validated like text input. */
Datum
cx_journey_recv(PG_FUNCTION_ARGS)
{
	StringInfo	msg = (StringInfo) PG_GETARG_POINTER(0);
	int			version;
	int			flags;
	int64		skipped;
	uint32		nstrings;
	uint32		n;
	const char **strings;
	uint32	   *lengths;
	Size		nbytes = 0;
	Size		size;
	Journey    *j;
	JourneyView v;
	char	   *bytes;
	uint32		offset = 0;

	need_bytes(msg, 2 + 8 + 4);
	version = pq_getmsgbyte(msg);
	cx_check_format_version(version, JOURNEY_TYPE_NAME, CX_FROM_BINARY);
	flags = pq_getmsgbyte(msg);
	skipped = pq_getmsgint64(msg);
	nstrings = (uint32) pq_getmsgint(msg, 4);
	/* every string takes at least its 4-byte length: bound the count first */
	if (nstrings > (Size) (msg->len - msg->cursor) / 4)
		binary_corrupt("The string count exceeds the value's length.");
	strings = palloc((nstrings + 1) * sizeof(char *));
	lengths = palloc((nstrings + 1) * sizeof(uint32));
	for (uint32 i = 0; i < nstrings; i++)
	{
		need_bytes(msg, 4);
		lengths[i] = (uint32) pq_getmsgint(msg, 4);
		need_bytes(msg, lengths[i]);
		strings[i] = pq_getmsgbytes(msg, (int) lengths[i]);
		nbytes += lengths[i];
	}
	need_bytes(msg, 4);
	n = (uint32) pq_getmsgint(msg, 4);
	if ((Size) n * JOURNEY_TOUCHPOINT_BYTES != (Size) (msg->len - msg->cursor))
		binary_corrupt("The value's length does not match its touchpoint count.");
	size = add_size(JOURNEY_HEADER_SIZE,
					add_size(mul_size(n, JOURNEY_TOUCHPOINT_BYTES),
							 add_size(mul_size(nstrings, sizeof(uint32)), nbytes)));
	if (size > MaxAllocSize)
		binary_corrupt("The value exceeds 1 GB.");

	j = palloc(size);
	SET_VARSIZE(j, size);
	j->version = (uint8) version;
	j->flags = (uint8) flags;
	j->reserved = 0;
	j->n = n;
	j->nstrings = nstrings;
	j->skipped = skipped;
	journey_view(j, &v);
	for (uint32 i = 0; i < n; i++)
	{
		((TimestampTz *) v.at)[i] = pq_getmsgint64(msg);
		((uint32 *) v.stage)[i] = (uint32) pq_getmsgint(msg, 4);
		((uint32 *) v.channel)[i] = (uint32) pq_getmsgint(msg, 4);
		((float8 *) v.score)[i] = pq_getmsgfloat8(msg);
	}
	pq_getmsgend(msg);
	bytes = (char *) v.bytes;
	for (uint32 i = 0; i < nstrings; i++)
	{
		memcpy(bytes + offset, strings[i], lengths[i]);
		offset += lengths[i];
		((uint32 *) v.str_end)[i] = offset;
	}
	pfree(strings);
	pfree(lengths);
	journey_validate(j, CX_FROM_BINARY, NULL);
	PG_RETURN_POINTER(j);
}

PG_FUNCTION_INFO_V1(cx_journey_send);
/* Binary output of cx.journey, in network byte order. */
Datum
cx_journey_send(PG_FUNCTION_ARGS)
{
	Journey    *j = PG_GETARG_JOURNEY_P(0);
	JourneyView v;
	StringInfoData buf;

	journey_view(j, &v);
	pq_begintypsend(&buf);
	pq_sendbyte(&buf, j->version);
	pq_sendbyte(&buf, j->flags);
	pq_sendint64(&buf, v.skipped);
	pq_sendint32(&buf, v.nstrings);
	for (uint32 i = 0; i < v.nstrings; i++)
	{
		int			len;
		const char *s = journey_string(&v, i, &len);

		pq_sendint32(&buf, (uint32) len);
		pq_sendbytes(&buf, s, len);
	}
	pq_sendint32(&buf, v.n);
	for (uint32 i = 0; i < v.n; i++)
	{
		pq_sendint64(&buf, v.at[i]);
		pq_sendint32(&buf, v.stage[i]);
		pq_sendint32(&buf, v.channel[i]);
		pq_sendfloat8(&buf, v.score[i]);
	}
	PG_FREE_IF_COPY(j, 0);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* jsonb */

static void
append_json_time(StringInfo buf, TimestampTz at)
{
	char		text[MAXDATELEN + 1];
	int			utc = 0;

	JsonEncodeDateTime(text, TimestampTzGetDatum(at), TIMESTAMPTZOID, &utc);
	appendStringInfo(buf, "\"%s\"", text);
}

PG_FUNCTION_INFO_V1(cx_journey_to_jsonb);
/* cx.to_jsonb(journey), also the cast to jsonb: counts and touchpoints. */
Datum
cx_journey_to_jsonb(PG_FUNCTION_ARGS)
{
	Journey    *j = PG_GETARG_JOURNEY_P(0);
	JourneyView v;
	StringInfoData buf;

	journey_view(j, &v);
	initStringInfo(&buf);
	appendStringInfo(&buf, "{\"n\": %u, \"skipped\": " INT64_FORMAT ", \"started_at\": ",
					 v.n, v.skipped);
	if (v.n == 0)
		appendStringInfoString(&buf, "null, \"ended_at\": null");
	else
	{
		append_json_time(&buf, v.at[0]);
		appendStringInfoString(&buf, ", \"ended_at\": ");
		append_json_time(&buf, v.at[v.n - 1]);
	}
	appendStringInfoString(&buf, ", \"touchpoints\": [");
	for (uint32 i = 0; i < v.n; i++)
	{
		const char *s;
		int			len;

		appendStringInfoString(&buf, i == 0 ? "{\"at\": " : ", {\"at\": ");
		append_json_time(&buf, v.at[i]);
		appendStringInfoString(&buf, ", \"stage\": ");
		s = journey_string(&v, v.stage[i], &len);
		cx_append_json_string(&buf, s, len);
		appendStringInfoString(&buf, ", \"score\": ");
		if (journey_has_score(v.score[i]))
			cx_append_float8(&buf, v.score[i]);
		else
			appendStringInfoString(&buf, "null");
		appendStringInfoString(&buf, ", \"channel\": ");
		if (v.channel[i] == JOURNEY_UNKNOWN)
			appendStringInfoString(&buf, "null");
		else
		{
			s = journey_string(&v, v.channel[i], &len);
			cx_append_json_string(&buf, s, len);
		}
		appendStringInfoChar(&buf, '}');
	}
	appendStringInfoString(&buf, "]}");
	PG_RETURN_DATUM(DirectFunctionCall1(jsonb_in, CStringGetDatum(buf.data)));
}
