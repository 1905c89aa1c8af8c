/*
 * compat.h
 *	  Everything that differs between the PostgreSQL releases cxvalue
 *	  supports, 15 to 18.  This is the only file that tests PG_VERSION_NUM:
 *	  code elsewhere uses the names defined here and reads the same on every
 *	  release.  Included by cxvalue.h, right after postgres.h.
 *
 * What changed, and the name the code uses for it:
 *
 *	 noreturn		18 dropped pg_attribute_noreturn() for pg_noreturn, which
 *					goes first in a declaration or definition:
 *						pg_noreturn extern void f(void);
 *					15 to 17 get pg_noreturn defined here.
 *	 varatt.h		from 16 the varlena macros (VARSIZE, SET_VARSIZE, ...)
 *					live in varatt.h, which 18's postgres.h no longer includes.
 *	 int128			PostgreSQL's own int128 and uint128 (c.h, with
 *					common/int128.h beside them); cxvalue needs the native
 *					type, so a compiler without one stops here.
 *	 float8 input	cx_float8in_internal(num, endptr, type, orig, escontext):
 *					16 added the escontext argument to float8in_internal.
 *	 pq_sendcountedtext	cx_pq_sendcountedtext(buf, str, len): 17 dropped the
 *					countincludesself argument (always false for us).
 *	 MyProc's lxid	CX_MYPROC_LXID: 17 moved it to MyProc->vxid.lxid.
 *	 soft errors	16 added them; see below.
 *
 * Soft errors (the pattern every cx input function follows).  From 16 on,
 * pg_input_is_valid() and pg_input_error_info() call a type's input function
 * with an ErrorSaveContext in fcinfo->context, and the function must report
 * bad input through it and return, not raise.  In cxvalue:
 *
 *	 - the input function passes fcinfo->context to cx_cursor_init() and to
 *	   its type's validator;
 *	 - every error that bad input causes goes through errsave(escontext, ...),
 *	   ereturn(escontext, value, ...) or, inside the parser, cx_input_error(c,
 *	   ...) / cx_syntax_error(c), which also mark the cursor failed; the
 *	   cursor's readers then return dummies and consume nothing, so the
 *	   parser runs to its end without looping; before it builds or validates
 *	   anything from what it read, the input function checks
 *	   cx_cursor_failed(&c) and returns NULL (PG_RETURN_NULL is ignored by
 *	   the caller, which sees the saved error);
 *	 - a validator (journey_validate, scores_validate, ...) takes the
 *	   escontext too and returns false after a soft error: it reports with
 *	   "return cx_invalid(escontext, type_name, source, detail)".  Binary
 *	   receive and deserialisation pass NULL, so their errors stay hard;
 *	 - errors that are not about the input (out of memory, a value too large
 *	   for 1 GB) stay hard ereport(ERROR), as in PostgreSQL's own types.
 *
 * On 15, where none of this exists, errsave and ereturn raise the error at
 * once (the context is ignored) and SOFT_ERROR_OCCURRED is always false, so
 * the same code behaves exactly as before.
 */
#ifndef CXVALUE_COMPAT_H
#define CXVALUE_COMPAT_H

#include "postgres.h"

#if PG_VERSION_NUM < 150000
#error "cxvalue needs PostgreSQL 15 or later"
#endif

#if PG_VERSION_NUM >= 160000
#include "varatt.h"
#include "nodes/miscnodes.h"
#endif

#ifndef HAVE_INT128
#error "cxvalue needs a compiler with a native 128-bit integer (PostgreSQL's int128)"
#endif
#include "common/int128.h"

#if PG_VERSION_NUM < 180000
#define pg_noreturn pg_attribute_noreturn()
#endif

/* float8 input with a soft-error context */
#if PG_VERSION_NUM >= 160000
#define cx_float8in_internal(num, endptr, type_name, orig, escontext) \
	float8in_internal((num), (endptr), (type_name), (orig), (escontext))
#else
#define cx_float8in_internal(num, endptr, type_name, orig, escontext) \
	((void) (escontext), float8in_internal((num), (endptr), (type_name), (orig)))
#endif

/* a counted string in the client encoding, for binary send functions */
#if PG_VERSION_NUM >= 170000
#define cx_pq_sendcountedtext(buf, str, len) \
	pq_sendcountedtext((buf), (str), (len))
#else
#define cx_pq_sendcountedtext(buf, str, len) \
	pq_sendcountedtext((buf), (str), (len), false)
#endif

/* the local transaction id of this backend's current transaction */
#if PG_VERSION_NUM >= 170000
#define CX_MYPROC_LXID (MyProc->vxid.lxid)
#else
#define CX_MYPROC_LXID (MyProc->lxid)
#endif

/* soft errors: on 15 every error is hard */
#if PG_VERSION_NUM < 160000
#define errsave(context, ...) \
	do { \
		(void) (context); \
		ereport(ERROR, __VA_ARGS__); \
	} while (0)
#define ereturn(context, dummy_value, ...) \
	do { \
		errsave(context, __VA_ARGS__); \
		return dummy_value; \
	} while (0)
#define SOFT_ERROR_OCCURRED(escontext) ((void) (escontext), false)
#endif

#endif							/* CXVALUE_COMPAT_H */
