/*
 * cxvalue.h
 *	  Declarations shared by every cxvalue type: the stored-format version,
 *	  aggregate-state helpers and the text I/O toolkit.
 *
 * Every summary type is a varlena whose first byte after the length word is
 * a format version.  A reader accepts the versions it knows and rejects the
 * rest, so a summary written by a newer release fails loudly in an older one
 * instead of being misread.
 */
#ifndef CXVALUE_H
#define CXVALUE_H

#include "postgres.h"

#include "compat.h"

#include "fmgr.h"
#include "lib/stringinfo.h"

#define CX_FORMAT_VERSION 1

/*
 * Whether a summary comes from text, binary or a serialised aggregate state
 * decides only which SQLSTATE a malformed value raises (22P02 for text,
 * 22P03 for binary); the checks themselves are the same.
 */
typedef enum CxSource
{
	CX_FROM_TEXT,
	CX_FROM_BINARY
} CxSource;

extern int	cx_format_errcode(CxSource source);
extern void cx_check_format_version(int version, const char *type_name,
									CxSource source);
extern bool cx_format_version_valid(struct Node *escontext, int version,
									const char *type_name, CxSource source);
pg_noreturn extern void cx_corrupt(const char *type_name, CxSource source,
								   const char *detail);
extern bool cx_invalid(struct Node *escontext, const char *type_name,
					   CxSource source, const char *detail);
pg_noreturn extern void cx_stored_format_error(const struct varlena *v, const char *type_name);

/*
 * A stored summary argument, detoasted, after checking that this build reads
 * its format: every getter of a summary type goes through here, so a value
 * written in another format version (by a newer release, or bytes that never
 * were a summary) is rejected with an error instead of misread.  The check is
 * one byte: the version right after the length word, where every summary
 * type keeps it.  A summary is rarely toasted, so the common case makes no
 * call at all.
 */
static inline struct varlena *
cx_detoast_summary(Datum d, const char *type_name)
{
	struct varlena *v = (struct varlena *) DatumGetPointer(d);

	if (unlikely(VARATT_IS_EXTENDED(v)))
		v = pg_detoast_datum(v);
	if (unlikely(VARSIZE(v) <= VARHDRSZ
				 || *(const uint8 *) VARDATA(v) != CX_FORMAT_VERSION))
		cx_stored_format_error(v, type_name);
	return v;
}

/* Aggregate support */
extern MemoryContext cx_aggregate_context(FunctionCallInfo fcinfo);

/* Overflow-checked counter arithmetic: 22003 rather than a silent wrap. */
extern int64 cx_add_count(int64 a, int64 b);

/*
 * A cursor over a text representation.  Every summary's text form is made
 * of the same tokens (punctuation, keys, integers, floats and double-quoted
 * strings), so one small tokenizer reads them all and reports every syntax
 * error the same way.
 */
typedef struct CxCursor
{
	const char *input;			/* the whole string, quoted in errors */
	const char *p;				/* next unread character */
	const char *type_name;
	struct Node *escontext;		/* fcinfo->context: soft errors (compat.h) */
	bool		failed;			/* a soft error was saved */
} CxCursor;

/*
 * Report an error in the input being read: through the cursor's escontext
 * when it is a soft-error context (then the cursor is marked failed and
 * every later read returns a dummy without consuming anything), else as
 * ereport(ERROR).  Takes ereport's auxiliary calls.
 */
#define cx_input_error(c, ...) \
	do { \
		CxCursor   *cx_cursor_ = (c); \
		if (!cx_cursor_->failed) \
		{ \
			errsave(cx_cursor_->escontext, __VA_ARGS__); \
			cx_cursor_fail(cx_cursor_); \
		} \
	} while (0)

#define cx_cursor_failed(c) ((c)->failed)

extern void cx_cursor_init(CxCursor *c, const char *input,
						   const char *type_name, struct Node *escontext);
extern void cx_cursor_fail(CxCursor *c);
extern void cx_syntax_error(CxCursor *c);
extern bool cx_accept(CxCursor *c, char ch);
extern void cx_expect(CxCursor *c, char ch);
extern void cx_expect_key(CxCursor *c, const char *key);
extern int64 cx_read_int64(CxCursor *c);
extern double cx_read_float8(CxCursor *c);
extern char *cx_read_quoted(CxCursor *c, int *len);
extern void cx_expect_end(CxCursor *c);

extern void cx_append_float8(StringInfo buf, double value);
extern void cx_append_quoted(StringInfo buf, const char *s, int len);
extern void cx_append_json_string(StringInfo buf, const char *s, int len);

#endif							/* CXVALUE_H */
