-- waits type

CREATE TYPE cx.waits;

CREATE FUNCTION cx.waits_in(cstring) RETURNS cx.waits
AS 'MODULE_PATHNAME', 'cx_waits_in'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.waits_in(cstring) IS 'Text input of cx.waits';

CREATE FUNCTION cx.waits_out(cx.waits) RETURNS cstring
AS 'MODULE_PATHNAME', 'cx_waits_out'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.waits_out(cx.waits) IS 'Text output of cx.waits';

CREATE FUNCTION cx.waits_recv(internal) RETURNS cx.waits
AS 'MODULE_PATHNAME', 'cx_waits_recv'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.waits_recv(internal) IS 'Binary input of cx.waits';

CREATE FUNCTION cx.waits_send(cx.waits) RETURNS bytea
AS 'MODULE_PATHNAME', 'cx_waits_send'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.waits_send(cx.waits) IS 'Binary output of cx.waits';

CREATE TYPE cx.waits (
	INPUT = cx.waits_in,
	OUTPUT = cx.waits_out,
	RECEIVE = cx.waits_recv,
	SEND = cx.waits_send,
	INTERNALLENGTH = VARIABLE,
	ALIGNMENT = double,
	STORAGE = extended
);
COMMENT ON TYPE cx.waits IS
	'Exact Kaplan-Meier data of waiting times: for each distinct wait, the cases that ended after it and those still open (right-censored)';

-- waits aggregates

CREATE FUNCTION cx.waits_add(cx.waits, interval, boolean) RETURNS cx.waits
AS 'MODULE_PATHNAME', 'cx_waits_add'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION cx.waits_add(cx.waits, interval, boolean) IS
	'Transition function of cx.waits_agg: count a case that ended (true) or is still open (false) after the wait; NULL wait or flag: skipped';

CREATE FUNCTION cx.waits_remove(cx.waits, interval, boolean) RETURNS cx.waits
AS 'MODULE_PATHNAME', 'cx_waits_remove'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION cx.waits_remove(cx.waits, interval, boolean) IS
	'Inverse transition function of cx.waits_agg: uncount one case';

CREATE FUNCTION cx.waits_merge(cx.waits, cx.waits) RETURNS cx.waits
AS 'MODULE_PATHNAME', 'cx_waits_merge'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.waits_merge(cx.waits, cx.waits) IS
	'Add two summaries: transition of cx.merge and combine function of both aggregates';

CREATE FUNCTION cx.waits_unmerge(cx.waits, cx.waits) RETURNS cx.waits
AS 'MODULE_PATHNAME', 'cx_waits_unmerge'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.waits_unmerge(cx.waits, cx.waits) IS
	'Subtract a summary from one that contains it: inverse transition of cx.merge';

CREATE FUNCTION cx.waits_final(cx.waits) RETURNS cx.waits
AS 'MODULE_PATHNAME', 'cx_waits_final'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION cx.waits_final(cx.waits) IS
	'Final function of cx.waits_agg and cx.merge(cx.waits): the canonical (sorted, coalesced) summary of the working state';

-- The state is cx.waits in its working form (see src/waits.c): sorted
-- distinct waits plus rows not yet sorted in, with room to grow.  SSPACE is
-- the first allocation, 64 entries.
CREATE AGGREGATE cx.waits_agg(waited interval, ended boolean) (
	SFUNC = cx.waits_add,
	STYPE = cx.waits,
	SSPACE = 1560,
	INITCOND = '(skipped=0,waits={})',
	FINALFUNC = cx.waits_final,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = cx.waits_merge,
	MSFUNC = cx.waits_add,
	MINVFUNC = cx.waits_remove,
	MSTYPE = cx.waits,
	MSSPACE = 1560,
	MINITCOND = '(skipped=0,waits={})',
	MFINALFUNC = cx.waits_final,
	MFINALFUNC_MODIFY = READ_ONLY,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE cx.waits_agg(interval, boolean) IS
	'Kaplan-Meier data of waits: ended true for a case that ended after the wait, false for one still open after it (censored); NULL wait or flag: skipped. No rows give the empty summary';

CREATE AGGREGATE cx.merge(cx.waits) (
	SFUNC = cx.waits_merge,
	STYPE = cx.waits,
	SSPACE = 1560,
	INITCOND = '(skipped=0,waits={})',
	FINALFUNC = cx.waits_final,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = cx.waits_merge,
	MSFUNC = cx.waits_merge,
	MINVFUNC = cx.waits_unmerge,
	MSTYPE = cx.waits,
	MSSPACE = 1560,
	MINITCOND = '(skipped=0,waits={})',
	MFINALFUNC = cx.waits_final,
	MFINALFUNC_MODIFY = READ_ONLY,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE cx.merge(cx.waits) IS
	'Roll waiting-time summaries up into one (NULL summaries are ignored); the result equals one pass over all their cases';

-- waits accessors

CREATE FUNCTION cx.n(cx.waits) RETURNS bigint
AS 'MODULE_PATHNAME', 'cx_waits_n'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.n(cx.waits) IS 'Cases, ended or still open (skipped rows not included)';

CREATE FUNCTION cx.open(cx.waits) RETURNS bigint
AS 'MODULE_PATHNAME', 'cx_waits_open'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.open(cx.waits) IS 'Cases still open: right-censored at their wait so far';

CREATE FUNCTION cx.skipped(cx.waits) RETURNS bigint
AS 'MODULE_PATHNAME', 'cx_waits_skipped'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.skipped(cx.waits) IS 'Rows skipped for a NULL wait or a NULL ended flag';

CREATE FUNCTION cx.median_wait(cx.waits) RETURNS interval
AS 'MODULE_PATHNAME', 'cx_waits_median'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.median_wait(cx.waits) IS
	'Kaplan-Meier median wait: the smallest wait by which half the cases ended; NULL when open cases keep the curve above one half';

CREATE FUNCTION cx.wait_quantile(w cx.waits, p float8, confidence float8 DEFAULT 0.95,
								 OUT value interval, OUT lower interval,
								 OUT upper interval, OUT n bigint)
AS 'MODULE_PATHNAME', 'cx_waits_quantile'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.wait_quantile(cx.waits, float8, float8) IS
	'Kaplan-Meier p-quantile of the wait (0 < p < 1) with the Brookmeyer-Crowley interval on the log-log scale; NULL value when not reached, NULL upper bound when unbounded';

CREATE FUNCTION cx.share_done_by(w cx.waits, t interval, confidence float8 DEFAULT 0.95)
RETURNS cx.estimate
AS 'MODULE_PATHNAME', 'cx_waits_share_done_by'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.share_done_by(cx.waits, interval, float8) IS
	'Kaplan-Meier share of cases ended within the wait t (1 - S(t)) with the Greenwood log-log interval; n is the cases; NULL bounds where S(t) is 1 or 0';

CREATE FUNCTION cx.km(w cx.waits, OUT waited interval, OUT at_risk bigint,
					  OUT ended bigint, OUT open bigint, OUT share_done float8)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'cx_waits_curve'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 100;
COMMENT ON FUNCTION cx.km(cx.waits) IS
	'The Kaplan-Meier table: per distinct wait, the cases at risk, ended and open, and the share done (1 - S) after it';

CREATE FUNCTION cx.to_jsonb(cx.waits) RETURNS jsonb
AS 'MODULE_PATHNAME', 'cx_waits_to_jsonb'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.to_jsonb(cx.waits) IS
	'Cases, open cases, skipped rows, median wait in seconds and the waits (seconds, ended, open) as jsonb';

CREATE CAST (cx.waits AS jsonb)
	WITH FUNCTION cx.to_jsonb(cx.waits);

