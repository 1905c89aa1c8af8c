/*
 * value_io.c
 *	  cx.customer_value in and out: the one validator, text and binary input
 *	  and output, and jsonb.  The formats are documented in value.h.
 */
#include "value.h"

#include "common/int.h"
#include "libpq/pqformat.h"
#include "mb/pg_wchar.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"

static const char *const type_name = "cx.customer_value";

/* validation */

static bool
value_check_count(int64 count, int64 *total, CxSource source,
				  struct Node *escontext)
{
	if (count < 0 || pg_add_s64_overflow(*total, count, total))
		return cx_invalid(escontext, type_name, source, "A count is out of range.");
	return true;
}

/*
 * The one validator behind text input, binary receive and every other way a
 * summary gets in.  Aggregates trust their states: every stored value went
 * through here.
 */
bool
value_validate(const CustomerValue *v, CxSource source, struct Node *escontext)
{
	Size		size = VARSIZE(v);
	Size		names_len;
	uint32		offset = 0;
	int64		total_n = 0;
	int64		total_missing = 0;
	const char *names;

	if (size < VALUE_HEADER_SIZE)
		return cx_invalid(escontext, type_name, source, "The value is too short.");
	if (!cx_format_version_valid(escontext, v->version, type_name, source))
		return false;
	if (v->flags != 0 || v->reserved != 0 || v->reserved2 != 0)
		return cx_invalid(escontext, type_name, source, "Reserved fields must be zero.");
	if (v->ndims < 0 || v->ndims > VALUE_MAX_DIMENSIONS)
		return cx_invalid(escontext, type_name, source, "The dimension count is out of range.");
	if (size < VALUE_HEADER_SIZE + (Size) v->ndims * sizeof(ValueDimension))
		return cx_invalid(escontext, type_name, source, "The value is too short for its dimensions.");
	if (v->skipped < 0)
		return cx_invalid(escontext, type_name, source, "The skipped count is negative.");
	names = VALUE_NAMES(v);
	names_len = size - VALUE_HEADER_SIZE - v->ndims * sizeof(ValueDimension);
	for (int i = 0; i < v->ndims; i++)
	{
		const ValueDimension *d = &v->dims[i];

		if (d->name_offset != offset || d->name_length < 1
			|| d->name_length > VALUE_MAX_NAME
			|| d->name_length > names_len - offset)
			return cx_invalid(escontext, type_name, source, "A dimension name is out of bounds.");
		if (memchr(names + offset, '\0', d->name_length) != NULL
			|| !pg_verifymbstr(names + offset, d->name_length, true))
			return cx_invalid(escontext, type_name, source,
							  "A dimension name is not valid in the database encoding.");
		if (i > 0 && value_name_cmp(VALUE_NAME(v, i - 1), v->dims[i - 1].name_length,
									names + offset, d->name_length) >= 0)
			return cx_invalid(escontext, type_name, source,
							  "Dimensions must be in ascending bytewise order of name, each once.");
		offset += d->name_length;
		if (!value_check_count(d->n, &total_n, source, escontext)
			|| !value_check_count(d->missing, &total_missing, source, escontext))
			return false;
		if (d->n == 0 && d->missing == 0)
			return cx_invalid(escontext, type_name, source, "A dimension has no answers.");
		if (d->n == 0 ? (d->sum != 0 || d->m2 != 0)
			: !(d->sum >= 0 && d->sum <= (double) d->n))
			return cx_invalid(escontext, type_name, source,
							  "A sum of scores lies outside [0, n] or is given without scores.");
		if (!(d->m2 >= 0 && d->m2 <= (double) d->n) || (d->n == 1 && d->m2 != 0))
			return cx_invalid(escontext, type_name, source,
							  "A sum of squared deviations is out of range.");
	}
	if (offset != names_len)
		return cx_invalid(escontext, type_name, source, "The name area has the wrong size.");
	return true;
}

/* text and binary I/O */

PG_FUNCTION_INFO_V1(cx_customer_value_in);
/* Text input of cx.customer_value. */
Datum
cx_customer_value_in(PG_FUNCTION_ARGS)
{
	CxCursor	c;
	int64		skipped;
	ValueEntry *entries = palloc(8 * sizeof(ValueEntry));
	int			count = 0;
	int			capacity = 8;
	CustomerValue *v;

	cx_cursor_init(&c, PG_GETARG_CSTRING(0), type_name, fcinfo->context);
	cx_expect(&c, '(');
	cx_expect_key(&c, "skipped");
	skipped = cx_read_int64(&c);
	while (cx_accept(&c, ','))
	{
		ValueEntry *e;

		if (count >= VALUE_MAX_DIMENSIONS)
		{
			cx_invalid(c.escontext, type_name, CX_FROM_TEXT, "Too many dimensions.");
			cx_cursor_fail(&c);
			break;
		}
		if (count == capacity)
		{
			capacity *= 2;
			entries = repalloc(entries, capacity * sizeof(ValueEntry));
		}
		e = &entries[count++];
		e->name = cx_read_quoted(&c, &e->len);
		cx_expect(&c, '=');
		cx_expect(&c, '(');
		cx_expect_key(&c, "n");
		e->n = cx_read_int64(&c);
		cx_expect(&c, ',');
		cx_expect_key(&c, "missing");
		e->missing = cx_read_int64(&c);
		cx_expect(&c, ',');
		cx_expect_key(&c, "sum");
		e->sum = cx_read_float8(&c);
		cx_expect(&c, ',');
		cx_expect_key(&c, "m2");
		e->m2 = cx_read_float8(&c);
		cx_expect(&c, ')');
	}
	cx_expect(&c, ')');
	cx_expect_end(&c);
	if (cx_cursor_failed(&c))
		PG_RETURN_NULL();
	for (int i = 0; i < count; i++)
		if (entries[i].len > VALUE_MAX_NAME)
			ereturn(fcinfo->context, (Datum) 0,
					errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
					errmsg("invalid %s value", type_name),
					errdetail("A dimension name is too long."));
	v = value_build(skipped, entries, count);
	if (!value_validate(v, CX_FROM_TEXT, fcinfo->context))
		PG_RETURN_NULL();
	PG_RETURN_POINTER(v);
}

PG_FUNCTION_INFO_V1(cx_customer_value_out);
/* Text output of cx.customer_value; reads back to the identical value. */
Datum
cx_customer_value_out(PG_FUNCTION_ARGS)
{
	CustomerValue *v = PG_GETARG_CUSTOMER_VALUE_P(0);
	StringInfoData buf;

	initStringInfo(&buf);
	appendStringInfo(&buf, "(skipped=" INT64_FORMAT, v->skipped);
	for (int i = 0; i < v->ndims; i++)
	{
		const ValueDimension *d = &v->dims[i];

		appendStringInfoChar(&buf, ',');
		cx_append_quoted(&buf, VALUE_NAME(v, i), d->name_length);
		appendStringInfo(&buf, "=(n=" INT64_FORMAT ",missing=" INT64_FORMAT ",sum=",
						 d->n, d->missing);
		cx_append_float8(&buf, d->sum);
		appendStringInfoString(&buf, ",m2=");
		cx_append_float8(&buf, d->m2);
		appendStringInfoChar(&buf, ')');
	}
	appendStringInfoChar(&buf, ')');
	PG_FREE_IF_COPY(v, 0);
	PG_RETURN_CSTRING(buf.data);
}

/* bytes of a binary dimension besides its name: length, 2 counts, 2 floats */
#define WIRE_DIMENSION_SIZE (4 + 2 * 8 + 2 * 8)

PG_FUNCTION_INFO_V1(cx_customer_value_recv);
/* Binary input of cx.customer_value, validated like text input. */
Datum
cx_customer_value_recv(PG_FUNCTION_ARGS)
{
	StringInfo	msg = (StringInfo) PG_GETARG_POINTER(0);
	int			version;
	int			flags;
	int64		skipped;
	int			ndims;
	ValueEntry *entries;
	CustomerValue *v;

	if (msg->len - msg->cursor < 2 + 8 + 4)
		cx_corrupt(type_name, CX_FROM_BINARY, "The value is too short.");
	version = pq_getmsgbyte(msg);
	cx_check_format_version(version, type_name, CX_FROM_BINARY);
	flags = pq_getmsgbyte(msg);
	if (flags != 0)
		cx_corrupt(type_name, CX_FROM_BINARY, "Reserved fields must be zero.");
	skipped = pq_getmsgint64(msg);
	ndims = pq_getmsgint(msg, 4);
	if (ndims < 0 || ndims > VALUE_MAX_DIMENSIONS
		|| ndims > (msg->len - msg->cursor) / (WIRE_DIMENSION_SIZE + 1))
		cx_corrupt(type_name, CX_FROM_BINARY, "The dimension count is out of range.");
	entries = palloc0(Max(ndims, 1) * sizeof(ValueEntry));
	for (int i = 0; i < ndims; i++)
	{
		ValueEntry *e = &entries[i];
		int			raw;

		if (msg->len - msg->cursor < WIRE_DIMENSION_SIZE)
			cx_corrupt(type_name, CX_FROM_BINARY, "The value is too short.");
		raw = pq_getmsgint(msg, 4);
		if (raw < 1 || raw > VALUE_MAX_NAME
			|| raw > msg->len - msg->cursor - (WIRE_DIMENSION_SIZE - 4))
			cx_corrupt(type_name, CX_FROM_BINARY, "A dimension name is out of bounds.");
		e->name = pq_getmsgtext(msg, raw, &e->len);
		if (e->len > VALUE_MAX_NAME)
			cx_corrupt(type_name, CX_FROM_BINARY, "A dimension name is too long.");
		e->n = pq_getmsgint64(msg);
		e->missing = pq_getmsgint64(msg);
		e->sum = pq_getmsgfloat8(msg);
		e->m2 = pq_getmsgfloat8(msg);
	}
	pq_getmsgend(msg);
	v = value_build(skipped, entries, ndims);
	value_validate(v, CX_FROM_BINARY, NULL);
	PG_RETURN_POINTER(v);
}

PG_FUNCTION_INFO_V1(cx_customer_value_send);
/* Binary output of cx.customer_value, in network byte order. */
Datum
cx_customer_value_send(PG_FUNCTION_ARGS)
{
	CustomerValue *v = PG_GETARG_CUSTOMER_VALUE_P(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, v->version);
	pq_sendbyte(&buf, v->flags);
	pq_sendint64(&buf, v->skipped);
	pq_sendint32(&buf, v->ndims);
	for (int i = 0; i < v->ndims; i++)
	{
		const ValueDimension *d = &v->dims[i];

		cx_pq_sendcountedtext(&buf, VALUE_NAME(v, i), d->name_length);
		pq_sendint64(&buf, d->n);
		pq_sendint64(&buf, d->missing);
		pq_sendfloat8(&buf, d->sum);
		pq_sendfloat8(&buf, d->m2);
	}
	PG_FREE_IF_COPY(v, 0);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* jsonb */

PG_FUNCTION_INFO_V1(cx_customer_value_to_jsonb);
/* cx.to_jsonb(value), also the cast to jsonb: counts and moments per dimension. */
Datum
cx_customer_value_to_jsonb(PG_FUNCTION_ARGS)
{
	CustomerValue *v = PG_GETARG_CUSTOMER_VALUE_P(0);
	StringInfoData buf;

	initStringInfo(&buf);
	appendStringInfo(&buf, "{\"n\": " INT64_FORMAT ", \"missing\": " INT64_FORMAT
					 ", \"skipped\": " INT64_FORMAT ", \"dimensions\": {",
					 value_total(v, false), value_total(v, true), v->skipped);
	for (int i = 0; i < v->ndims; i++)
	{
		const ValueDimension *d = &v->dims[i];

		if (i > 0)
			appendStringInfoString(&buf, ", ");
		cx_append_json_string(&buf, VALUE_NAME(v, i), d->name_length);
		appendStringInfo(&buf, ": {\"n\": " INT64_FORMAT ", \"missing\": " INT64_FORMAT
						 ", \"mean\": ", d->n, d->missing);
		if (d->n == 0)
			appendStringInfoString(&buf, "null");
		else
			cx_append_float8(&buf, d->sum / d->n);
		appendStringInfoString(&buf, ", \"variance\": ");
		if (d->n < 2)
			appendStringInfoString(&buf, "null");
		else
			cx_append_float8(&buf, d->m2 / (d->n - 1));
		appendStringInfoChar(&buf, '}');
	}
	appendStringInfoString(&buf, "}}");
	PG_RETURN_DATUM(DirectFunctionCall1(jsonb_in, CStringGetDatum(buf.data)));
}
