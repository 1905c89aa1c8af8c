/*
 * cxvalue.c
 *	  Module magic and the helpers every cxvalue type shares: format-version
 *	  checks, aggregate contexts, counter arithmetic and the text tokenizer.
 */
#include "cxvalue.h"

#include <ctype.h>

#include "common/int.h"
#include "common/shortest_dec.h"
#include "utils/float.h"
#include "utils/json.h"

PG_MODULE_MAGIC;

int
cx_format_errcode(CxSource source)
{
	return source == CX_FROM_TEXT ? ERRCODE_INVALID_TEXT_REPRESENTATION
		: ERRCODE_INVALID_BINARY_REPRESENTATION;
}

/* The format version check, reporting through escontext (compat.h). */
bool
cx_format_version_valid(struct Node *escontext, int version,
						const char *type_name, CxSource source)
{
	if (version != CX_FORMAT_VERSION)
		ereturn(escontext, false,
				errcode(cx_format_errcode(source)),
				errmsg("unsupported %s format version %d", type_name, version),
				errhint("This build of cxvalue reads format version %d.",
						CX_FORMAT_VERSION));
	return true;
}

/*
 * A stored value whose format this build does not read: another version
 * byte, or too short to have one.  22P03, as receiving it would give.
 */
void
cx_stored_format_error(const struct varlena *v, const char *type_name)
{
	if (VARSIZE(v) <= VARHDRSZ)
		cx_corrupt(type_name, CX_FROM_BINARY, "The value is shorter than its header.");
	ereport(ERROR,
			errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
			errmsg("unsupported %s format version %d", type_name,
				   *(const uint8 *) VARDATA(v)),
			errdetail("The stored value was written in another format than the one this build of cxvalue reads (version %d).",
					  CX_FORMAT_VERSION),
			errhint("Read it with the cxvalue release that wrote it, or rebuild it from its rows."));
}

/* Reject a value whose parts contradict each other. */
void
cx_check_format_version(int version, const char *type_name, CxSource source)
{
	cx_format_version_valid(NULL, version, type_name, source);
}

/*
 * Reject a value whose parts contradict each other, through escontext:
 * validators say "return cx_invalid(...)".  Always returns false.
 */
bool
cx_invalid(struct Node *escontext, const char *type_name, CxSource source,
		   const char *detail)
{
	ereturn(escontext, false,
			errcode(cx_format_errcode(source)),
			errmsg("invalid %s value", type_name),
			errdetail("%s", detail));
}

/* The same, always as an ERROR. */
void
cx_corrupt(const char *type_name, CxSource source, const char *detail)
{
	cx_invalid(NULL, type_name, source, detail);
	pg_unreachable();
}

/*
 * The memory context that outlives one aggregate group's rows, or NULL when
 * the function was called directly rather than as an aggregate.  Callers
 * update a state in place only when this is not NULL.
 */
MemoryContext
cx_aggregate_context(FunctionCallInfo fcinfo)
{
	MemoryContext aggcontext;

	if (AggCheckCallContext(fcinfo, &aggcontext))
		return aggcontext;
	return NULL;
}

int64
cx_add_count(int64 a, int64 b)
{
	int64		result;

	if (pg_add_s64_overflow(a, b, &result))
		ereport(ERROR,
				errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				errmsg("cxvalue counter out of range"));
	return result;
}

/* text tokenizer */

/* escontext: the input function's fcinfo->context, or NULL for hard errors */
void
cx_cursor_init(CxCursor *c, const char *input, const char *type_name,
			   struct Node *escontext)
{
	c->input = input;
	c->p = input;
	c->type_name = type_name;
	c->escontext = escontext;
	c->failed = false;
}

/* After a soft error: nothing is left to read. */
void
cx_cursor_fail(CxCursor *c)
{
	static const char nothing[] = "";

	c->failed = true;
	c->p = nothing;
}

void
cx_syntax_error(CxCursor *c)
{
	cx_input_error(c,
				   errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				   errmsg("invalid input syntax for type %s: \"%s\"",
						  c->type_name, c->input),
				   errdetail("Unexpected %s at character %d.",
							 *c->p ? "character" : "end of input",
							 (int) (c->p - c->input) + 1));
}

static void
skip_space(CxCursor *c)
{
	while (isspace((unsigned char) *c->p))
		c->p++;
}

/* Consume ch (after optional white space) if it is next. */
bool
cx_accept(CxCursor *c, char ch)
{
	skip_space(c);
	if (*c->p != ch)
		return false;
	c->p++;
	return true;
}

void
cx_expect(CxCursor *c, char ch)
{
	if (!cx_accept(c, ch))
		cx_syntax_error(c);
}

/* Consume "key=". */
void
cx_expect_key(CxCursor *c, const char *key)
{
	size_t		len = strlen(key);

	skip_space(c);
	if (strncmp(c->p, key, len) != 0)
	{
		cx_syntax_error(c);
		return;
	}
	c->p += len;
	cx_expect(c, '=');
}

int64
cx_read_int64(CxCursor *c)
{
	bool		negative;
	uint64		magnitude = 0;
	const char *start;

	skip_space(c);
	negative = (*c->p == '-');
	if (negative)
		c->p++;
	start = c->p;
	while (isdigit((unsigned char) *c->p))
	{
		int			digit = *c->p - '0';

		if (magnitude > (PG_UINT64_MAX - digit) / 10)
			goto out_of_range;
		magnitude = magnitude * 10 + digit;
		c->p++;
	}
	if (c->p == start)
	{
		cx_syntax_error(c);
		return 0;
	}
	if (negative)
	{
		if (magnitude > (uint64) PG_INT64_MAX + 1)
			goto out_of_range;
		return (int64) (0 - magnitude);
	}
	if (magnitude > (uint64) PG_INT64_MAX)
		goto out_of_range;
	return (int64) magnitude;

out_of_range:
	cx_input_error(c,
				   errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				   errmsg("integer out of range in %s value \"%s\"",
						  c->type_name, c->input));
	return 0;
}

/* Read a float8 with float8in's rules (so "Infinity" and "NaN" parse too). */
double
cx_read_float8(CxCursor *c)
{
	char	   *end;
	double		value;

	skip_space(c);
	if (*c->p == '\0')
	{
		cx_syntax_error(c);
		return 0;
	}
	value = cx_float8in_internal((char *) c->p, &end, c->type_name, c->input,
								 c->escontext);
	if (SOFT_ERROR_OCCURRED(c->escontext))
	{
		cx_cursor_fail(c);
		return 0;
	}
	c->p = end;
	return value;
}

/*
 * Read a double-quoted string in which only backslash and double quote are
 * escaped.  Returns a palloc'd NUL-terminated copy; *len is its length.
 */
char *
cx_read_quoted(CxCursor *c, int *len)
{
	StringInfoData buf;

	initStringInfo(&buf);
	*len = 0;
	cx_expect(c, '"');
	if (cx_cursor_failed(c))
		return buf.data;
	for (;;)
	{
		if (*c->p == '\0')
		{
			cx_syntax_error(c);
			return buf.data;
		}
		if (*c->p == '"')
			break;
		if (*c->p == '\\')
		{
			c->p++;
			if (*c->p != '\\' && *c->p != '"')
			{
				cx_syntax_error(c);
				return buf.data;
			}
		}
		appendStringInfoChar(&buf, *c->p);
		c->p++;
	}
	c->p++;
	*len = buf.len;
	return buf.data;
}

void
cx_expect_end(CxCursor *c)
{
	skip_space(c);
	if (*c->p != '\0')
		cx_syntax_error(c);
}

/*
 * The shortest decimal that reads back as the same double, whatever
 * extra_float_digits says: text output must round-trip exactly, because
 * dumps and Citus ship summaries as text.
 */
void
cx_append_float8(StringInfo buf, double value)
{
	char		digits[32];

	if (isnan(value))
		appendStringInfoString(buf, "NaN");
	else if (isinf(value))
		appendStringInfoString(buf, value > 0 ? "Infinity" : "-Infinity");
	else
	{
		double_to_shortest_decimal_buf(value, digits);
		appendStringInfoString(buf, digits);
	}
}

void
cx_append_quoted(StringInfo buf, const char *s, int len)
{
	appendStringInfoChar(buf, '"');
	for (int i = 0; i < len; i++)
	{
		if (s[i] == '"' || s[i] == '\\')
			appendStringInfoChar(buf, '\\');
		appendStringInfoChar(buf, s[i]);
	}
	appendStringInfoChar(buf, '"');
}

void
cx_append_json_string(StringInfo buf, const char *s, int len)
{
	char	   *copy = pnstrdup(s, len);

	escape_json(buf, copy);
	pfree(copy);
}
