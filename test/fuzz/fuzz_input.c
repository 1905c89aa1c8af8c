/*
 * fuzz_input: throw random and mutated values at a type's text and binary
 * input functions through a live server, and check that each one either is
 * rejected with a data-exception SQLSTATE (class 22), a program-limit one
 * (class 54) or, for binary input, the protocol violation PostgreSQL's own
 * receive functions raise on a short message (08P01), or is accepted as a value whose text form reads back
 * unchanged.  Anything else (a crash, a lost connection, an internal error)
 * fails the run.  On PostgreSQL 16 and later every text input is also given
 * to pg_input_error_info(), which must not raise (soft errors, see
 * src/compat.h) and must report exactly the SQLSTATE and message the cast
 * raised, or no error where the cast accepted; only program limits (class
 * 54) and encoding errors found before the input function (22021) may stay
 * hard.
 *
 *   fuzz_input CONNINFO TYPE SEED_QUERY ITERATIONS [RANDOM_SEED]
 *
 * SEED_QUERY returns valid values of TYPE in its first column; they are the
 * material the mutations start from.  Output is TAP, one line per input
 * format.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "libpq-fe.h"

#define MAX_SEEDS 64
#define MAX_INPUT 65536

typedef struct Buffer
{
	char	   *data;
	int			len;
} Buffer;

static PGconn *conn;
static Buffer text_seeds[MAX_SEEDS];
static Buffer binary_seeds[MAX_SEEDS];
static int	nseeds;
static unsigned long long rng_state;
static int	soft_errors;		/* the server has pg_input_error_info (16+) */

static unsigned
rnd(unsigned bound)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return bound ? (unsigned) (rng_state % bound) : 0;
}

static void
die(const char *what)
{
	printf("not ok - %s: %s\n", what, PQerrorMessage(conn));
	exit(1);
}

static void
load_seeds(const char *type, const char *query)
{
	for (int format = 0; format <= 1; format++)
	{
		PGresult   *res = PQexecParams(conn, query, 0, NULL, NULL, NULL, NULL, format);

		if (PQresultStatus(res) != PGRES_TUPLES_OK)
			die("seed query");
		nseeds = PQntuples(res) < MAX_SEEDS ? PQntuples(res) : MAX_SEEDS;
		if (nseeds == 0)
		{
			printf("not ok - seed query for %s returned no rows\n", type);
			exit(1);
		}
		for (int i = 0; i < nseeds; i++)
		{
			Buffer	   *b = format ? &binary_seeds[i] : &text_seeds[i];

			b->len = PQgetlength(res, i, 0);
			b->data = malloc(b->len + 1);
			memcpy(b->data, PQgetvalue(res, i, 0), b->len);
			b->data[b->len] = '\0';
		}
		PQclear(res);
	}
}

static const char *const interesting_text[] = {
	"-1", "0", "9223372036854775807", "9223372036854775808",
	"-9223372036854775808", "1e308", "1e400", "NaN", "Infinity", "-Infinity",
	"\"", "\\", "(", ")", "[", "]", "{", "}", ",", "=", "", " ", "null",
	"99999999999999999999999999999999999999"
};

static const unsigned char interesting_bytes[] = {0, 1, 0x7f, 0x80, 0xff, 0xfe};

/* Make one input from a seed: a few stacked mutations. */
static void
mutate(Buffer *out, const Buffer *seed, const Buffer *other, int text)
{
	int			rounds = 1 + rnd(4);

	memcpy(out->data, seed->data, seed->len);
	out->len = seed->len;
	if (rnd(20) == 0)
	{
		out->len = rnd(200);
		for (int i = 0; i < out->len; i++)
			out->data[i] = text ? (char) (32 + rnd(95)) : (char) rnd(256);
		return;
	}
	while (rounds-- > 0)
	{
		int			pos = out->len ? rnd(out->len) : 0;

		switch (rnd(7))
		{
			case 0:				/* flip a bit */
				if (out->len)
					out->data[pos] ^= (char) (1 << rnd(8));
				break;
			case 1:				/* an interesting byte */
				if (out->len)
					out->data[pos] = (char) interesting_bytes[rnd(sizeof(interesting_bytes))];
				break;
			case 2:				/* truncate */
				out->len = pos;
				break;
			case 3:				/* delete a span */
				{
					int			span = rnd(16);

					if (pos + span > out->len)
						span = out->len - pos;
					memmove(out->data + pos, out->data + pos + span, out->len - pos - span);
					out->len -= span;
				}
				break;
			case 4:				/* insert an interesting token or bytes */
				{
					char		token[64];
					int			tlen;

					if (text)
						tlen = snprintf(token, sizeof(token), "%s",
										interesting_text[rnd(sizeof(interesting_text) / sizeof(char *))]);
					else
					{
						tlen = 1 + rnd(8);
						for (int i = 0; i < tlen; i++)
							token[i] = (char) interesting_bytes[rnd(sizeof(interesting_bytes))];
					}
					if (out->len + tlen < MAX_INPUT)
					{
						memmove(out->data + pos + tlen, out->data + pos, out->len - pos);
						memcpy(out->data + pos, token, tlen);
						out->len += tlen;
					}
				}
				break;
			case 5:				/* splice with another seed */
				{
					int			from = other->len ? rnd(other->len) : 0;
					int			take = other->len - from;

					if (pos + take < MAX_INPUT)
					{
						memcpy(out->data + pos, other->data + from, take);
						out->len = pos + take;
					}
				}
				break;
			case 6:				/* duplicate a span */
				{
					int			span = rnd(64);

					if (pos + span > out->len)
						span = out->len - pos;
					if (out->len + span < MAX_INPUT)
					{
						memmove(out->data + pos + span, out->data + pos, out->len - pos);
						out->len += span;
					}
				}
				break;
		}
	}
}

static void
hex_dump(const Buffer *b)
{
	for (int i = 0; i < b->len && i < 256; i++)
		fprintf(stderr, "%02x", (unsigned char) b->data[i]);
	fprintf(stderr, "\n");
}

/*
 * The soft-error report of a text input must agree with the cast: state and
 * message are the cast's error, or NULL when it accepted the input.
 */
static int
soft_agrees(const char *type, const Buffer *input, const char *state,
			const char *message)
{
	const char *values[2] = {input->data, type};
	PGresult   *res;
	int			ok;

	res = PQexecParams(conn, "SELECT sql_error_code, message FROM pg_input_error_info($1, $2)",
					   2, NULL, values, NULL, NULL, 0);
	if (PQresultStatus(res) != PGRES_TUPLES_OK)
	{
		const char *hard = PQresultErrorField(res, PG_DIAG_SQLSTATE);

		ok = hard != NULL && state != NULL && strcmp(hard, state) == 0
			&& (strncmp(hard, "54", 2) == 0 || strcmp(hard, "22021") == 0);
		if (!ok)
			fprintf(stderr, "pg_input_error_info raised %s for %s: %s", hard ? hard : "no SQLSTATE",
					type, PQerrorMessage(conn));
	}
	else if (PQgetisnull(res, 0, 0))
	{
		ok = state == NULL;
		if (!ok)
			fprintf(stderr, "pg_input_error_info found no error in %s input the cast rejected with %s\n",
					type, state);
	}
	else
	{
		ok = state != NULL && strcmp(PQgetvalue(res, 0, 0), state) == 0
			&& message != NULL && strcmp(PQgetvalue(res, 0, 1), message) == 0;
		if (!ok)
			fprintf(stderr, "pg_input_error_info reports %s \"%s\" for %s input the cast %s %s \"%s\"\n",
					PQgetvalue(res, 0, 0), PQgetvalue(res, 0, 1), type,
					state ? "rejected with" : "accepted", state ? state : "", message ? message : "");
	}
	if (!ok)
		hex_dump(input);
	PQclear(res);
	return ok;
}

/* Returns 1 if the server behaved. */
static int
try_input(const char *type, Oid type_oid, const Buffer *input, int binary,
		  long *rejected, long *accepted)
{
	char		sql[512];
	const char *values[1] = {input->data};
	int			lengths[1] = {input->len};
	int			formats[1] = {binary};
	Oid			types[1] = {binary ? type_oid : 0};
	PGresult   *res;
	const char *state;

	snprintf(sql, sizeof(sql), "SELECT ($1::%s)::text", type);
	res = PQexecParams(conn, sql, 1, types, values, lengths, formats, 0);
	if (PQresultStatus(res) == PGRES_TUPLES_OK)
	{
		char	   *out = strdup(PQgetvalue(res, 0, 0));
		PGresult   *again;
		const char *reparse[1] = {out};
		int			same;

		PQclear(res);
		again = PQexecParams(conn, sql, 1, NULL, reparse, NULL, NULL, 0);
		same = PQresultStatus(again) == PGRES_TUPLES_OK
			&& strcmp(PQgetvalue(again, 0, 0), out) == 0;
		if (!same)
			fprintf(stderr, "accepted value does not round-trip: %s\n", out);
		PQclear(again);
		free(out);
		(*accepted)++;
		if (soft_errors && !binary && !soft_agrees(type, input, NULL, NULL))
			return 0;
		return same;
	}
	state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
	/* 08P01 is what PostgreSQL's own receive functions raise on a short message */
	if (PQstatus(conn) != CONNECTION_OK || state == NULL
		|| !(strncmp(state, "22", 2) == 0 || strncmp(state, "54", 2) == 0
			 || (binary && strcmp(state, "08P01") == 0)))
	{
		fprintf(stderr, "%s input of %s failed with %s: %s", binary ? "binary" : "text",
				type, state ? state : "no SQLSTATE", PQerrorMessage(conn));
		hex_dump(input);
		PQclear(res);
		return 0;
	}
	if (soft_errors && !binary
		&& !soft_agrees(type, input, state, PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY)))
	{
		PQclear(res);
		return 0;
	}
	PQclear(res);
	(*rejected)++;
	return 1;
}

int
main(int argc, char **argv)
{
	const char *type;
	long		iterations;
	Oid			type_oid;
	Buffer		input;
	int			failed_any = 0;
	PGresult   *res;
	char		sql[512];

	if (argc < 5)
	{
		fprintf(stderr, "usage: %s CONNINFO TYPE SEED_QUERY ITERATIONS [RANDOM_SEED]\n", argv[0]);
		return 2;
	}
	type = argv[2];
	iterations = atol(argv[4]);
	rng_state = argc > 5 ? strtoull(argv[5], NULL, 10) : 20261125;
	if (rng_state == 0)
		rng_state = 1;
	conn = PQconnectdb(argv[1]);
	if (PQstatus(conn) != CONNECTION_OK)
		die("connect");
	soft_errors = PQserverVersion(conn) >= 160000;
	snprintf(sql, sizeof(sql), "SELECT '%s'::regtype::oid", type);
	res = PQexec(conn, sql);
	if (PQresultStatus(res) != PGRES_TUPLES_OK)
		die("type lookup");
	type_oid = (Oid) strtoul(PQgetvalue(res, 0, 0), NULL, 10);
	PQclear(res);
	load_seeds(type, argv[3]);
	input.data = malloc(MAX_INPUT + 1);

	for (int binary = 0; binary <= 1; binary++)
	{
		Buffer	   *seeds = binary ? binary_seeds : text_seeds;
		long		rejected = 0,
					accepted = 0,
					failures = 0;

		for (long i = 0; i < iterations && PQstatus(conn) == CONNECTION_OK; i++)
		{
			mutate(&input, &seeds[rnd(nseeds)], &seeds[rnd(nseeds)], !binary);
			input.data[input.len] = '\0';
			if (!binary)
				for (int k = 0; k < input.len; k++)
					if (input.data[k] == '\0')
						input.data[k] = ' ';
			if (!try_input(type, type_oid, &input, binary, &rejected, &accepted))
				failures++;
		}
		if (failures || PQstatus(conn) != CONNECTION_OK)
			failed_any = 1;
		printf("%s %d - fuzz %s input of %s: %ld inputs, %ld rejected with a class 22/54 error, %ld accepted and round-tripped%s, %ld misbehaved\n",
			   failures || PQstatus(conn) != CONNECTION_OK ? "not ok" : "ok",
			   binary + 1, binary ? "binary" : "text", type,
			   rejected + accepted + failures, rejected, accepted,
			   soft_errors && !binary ? ", pg_input_error_info agreeing on each" : "",
			   failures);
	}
	PQfinish(conn);
	return failed_any;
}
