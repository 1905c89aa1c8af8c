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

-- waits comparison: bytewise, for DISTINCT, GROUP BY, UNION, joins and indexes

CREATE FUNCTION cx.waits_eq(cx.waits, cx.waits) RETURNS boolean
AS 'MODULE_PATHNAME', 'cx_summary_eq'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.waits_eq(cx.waits, cx.waits) IS
	'Support of the = operator of cx.waits: the same summary (bytewise)';

CREATE OPERATOR cx.= (
	LEFTARG = cx.waits,
	RIGHTARG = cx.waits,
	FUNCTION = cx.waits_eq,
	COMMUTATOR = OPERATOR(cx.=),
	NEGATOR = OPERATOR(cx.<>),
	RESTRICT = pg_catalog.eqsel,
	JOIN = pg_catalog.eqjoinsel,
	HASHES,
	MERGES
);
COMMENT ON OPERATOR cx.= (cx.waits, cx.waits) IS 'The same summary (bytewise)';

CREATE FUNCTION cx.waits_ne(cx.waits, cx.waits) RETURNS boolean
AS 'MODULE_PATHNAME', 'cx_summary_ne'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.waits_ne(cx.waits, cx.waits) IS
	'Support of the <> operator of cx.waits: not the same summary';

CREATE OPERATOR cx.<> (
	LEFTARG = cx.waits,
	RIGHTARG = cx.waits,
	FUNCTION = cx.waits_ne,
	COMMUTATOR = OPERATOR(cx.<>),
	NEGATOR = OPERATOR(cx.=),
	RESTRICT = pg_catalog.neqsel,
	JOIN = pg_catalog.neqjoinsel
);
COMMENT ON OPERATOR cx.<> (cx.waits, cx.waits) IS 'Not the same summary';

CREATE FUNCTION cx.waits_lt(cx.waits, cx.waits) RETURNS boolean
AS 'MODULE_PATHNAME', 'cx_summary_lt'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.waits_lt(cx.waits, cx.waits) IS
	'Support of the < operator of cx.waits: before in the bytewise order';

CREATE OPERATOR cx.< (
	LEFTARG = cx.waits,
	RIGHTARG = cx.waits,
	FUNCTION = cx.waits_lt,
	COMMUTATOR = OPERATOR(cx.>),
	NEGATOR = OPERATOR(cx.>=),
	RESTRICT = pg_catalog.scalarltsel,
	JOIN = pg_catalog.scalarltjoinsel
);
COMMENT ON OPERATOR cx.< (cx.waits, cx.waits) IS 'Before in the bytewise order';

CREATE FUNCTION cx.waits_le(cx.waits, cx.waits) RETURNS boolean
AS 'MODULE_PATHNAME', 'cx_summary_le'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.waits_le(cx.waits, cx.waits) IS
	'Support of the <= operator of cx.waits: before or equal in the bytewise order';

CREATE OPERATOR cx.<= (
	LEFTARG = cx.waits,
	RIGHTARG = cx.waits,
	FUNCTION = cx.waits_le,
	COMMUTATOR = OPERATOR(cx.>=),
	NEGATOR = OPERATOR(cx.>),
	RESTRICT = pg_catalog.scalarlesel,
	JOIN = pg_catalog.scalarlejoinsel
);
COMMENT ON OPERATOR cx.<= (cx.waits, cx.waits) IS 'Before or equal in the bytewise order';

CREATE FUNCTION cx.waits_gt(cx.waits, cx.waits) RETURNS boolean
AS 'MODULE_PATHNAME', 'cx_summary_gt'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.waits_gt(cx.waits, cx.waits) IS
	'Support of the > operator of cx.waits: after in the bytewise order';

CREATE OPERATOR cx.> (
	LEFTARG = cx.waits,
	RIGHTARG = cx.waits,
	FUNCTION = cx.waits_gt,
	COMMUTATOR = OPERATOR(cx.<),
	NEGATOR = OPERATOR(cx.<=),
	RESTRICT = pg_catalog.scalargtsel,
	JOIN = pg_catalog.scalargtjoinsel
);
COMMENT ON OPERATOR cx.> (cx.waits, cx.waits) IS 'After in the bytewise order';

CREATE FUNCTION cx.waits_ge(cx.waits, cx.waits) RETURNS boolean
AS 'MODULE_PATHNAME', 'cx_summary_ge'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.waits_ge(cx.waits, cx.waits) IS
	'Support of the >= operator of cx.waits: after or equal in the bytewise order';

CREATE OPERATOR cx.>= (
	LEFTARG = cx.waits,
	RIGHTARG = cx.waits,
	FUNCTION = cx.waits_ge,
	COMMUTATOR = OPERATOR(cx.<=),
	NEGATOR = OPERATOR(cx.<),
	RESTRICT = pg_catalog.scalargesel,
	JOIN = pg_catalog.scalargejoinsel
);
COMMENT ON OPERATOR cx.>= (cx.waits, cx.waits) IS 'After or equal in the bytewise order';

CREATE FUNCTION cx.waits_cmp(cx.waits, cx.waits) RETURNS integer
AS 'MODULE_PATHNAME', 'cx_summary_cmp'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.waits_cmp(cx.waits, cx.waits) IS
	'btree support of cx.waits: -1, 0 or 1 in the bytewise order';

CREATE FUNCTION cx.waits_hash(cx.waits) RETURNS integer
AS 'MODULE_PATHNAME', 'cx_summary_hash'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.waits_hash(cx.waits) IS
	'Hash support of cx.waits: a hash of its bytes';

CREATE FUNCTION cx.waits_hash_extended(cx.waits, bigint) RETURNS bigint
AS 'MODULE_PATHNAME', 'cx_summary_hash_extended'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.waits_hash_extended(cx.waits, bigint) IS
	'Hash support of cx.waits: a seeded 64-bit hash of its bytes';

CREATE OPERATOR CLASS cx.waits_ops
	DEFAULT FOR TYPE cx.waits USING btree AS
	OPERATOR 1 cx.< ,
	OPERATOR 2 cx.<= ,
	OPERATOR 3 cx.= ,
	OPERATOR 4 cx.>= ,
	OPERATOR 5 cx.> ,
	FUNCTION 1 cx.waits_cmp(cx.waits, cx.waits);

CREATE OPERATOR CLASS cx.waits_hash_ops
	DEFAULT FOR TYPE cx.waits USING hash AS
	OPERATOR 1 cx.= ,
	FUNCTION 1 cx.waits_hash(cx.waits),
	FUNCTION 2 cx.waits_hash_extended(cx.waits, bigint);

