-- rate type

CREATE TYPE cx.rate;

CREATE FUNCTION cx.rate_in(cstring) RETURNS cx.rate
AS 'MODULE_PATHNAME', 'cx_rate_in'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.rate_in(cstring) IS 'Text input of cx.rate';

CREATE FUNCTION cx.rate_out(cx.rate) RETURNS cstring
AS 'MODULE_PATHNAME', 'cx_rate_out'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.rate_out(cx.rate) IS 'Text output of cx.rate';

CREATE FUNCTION cx.rate_recv(internal) RETURNS cx.rate
AS 'MODULE_PATHNAME', 'cx_rate_recv'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.rate_recv(internal) IS 'Binary input of cx.rate';

CREATE FUNCTION cx.rate_send(cx.rate) RETURNS bytea
AS 'MODULE_PATHNAME', 'cx_rate_send'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.rate_send(cx.rate) IS 'Binary output of cx.rate';

CREATE TYPE cx.rate (
	INPUT = cx.rate_in,
	OUTPUT = cx.rate_out,
	RECEIVE = cx.rate_recv,
	SEND = cx.rate_send,
	INTERNALLENGTH = VARIABLE,
	ALIGNMENT = double,
	STORAGE = plain
);
COMMENT ON TYPE cx.rate IS
	'Successes out of trials (completion, repeat contact, within standard, digital take-up), with the count of NULL outcomes skipped';

CREATE FUNCTION cx.rate(successes bigint, trials bigint) RETURNS cx.rate
AS 'MODULE_PATHNAME', 'cx_rate_make'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.rate(bigint, bigint) IS
	'A rate from published counts; 0 <= successes <= trials, else an error (22003)';

CREATE FUNCTION cx.top_box_rate(s cx.scores, k integer DEFAULT 2) RETURNS cx.rate
AS 'MODULE_PATHNAME', 'cx_rate_top_box'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.top_box_rate(cx.scores, integer) IS
	'The answers in the k highest points out of all answers, as a cx.rate (missing answers become skipped), so survey items compare like other rates';

-- rate aggregates

CREATE FUNCTION cx.rate_add(cx.rate, boolean) RETURNS cx.rate
AS 'MODULE_PATHNAME', 'cx_rate_add'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION cx.rate_add(cx.rate, boolean) IS
	'Transition function of cx.rate_agg: count a success (true), a failure (false) or a skipped outcome (NULL)';

CREATE FUNCTION cx.rate_remove(cx.rate, boolean) RETURNS cx.rate
AS 'MODULE_PATHNAME', 'cx_rate_remove'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION cx.rate_remove(cx.rate, boolean) IS
	'Inverse transition function of cx.rate_agg: uncount one outcome';

CREATE FUNCTION cx.rate_merge(cx.rate, cx.rate) RETURNS cx.rate
AS 'MODULE_PATHNAME', 'cx_rate_merge'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.rate_merge(cx.rate, cx.rate) IS
	'Add two rates: transition of cx.merge and combine function of both aggregates';

CREATE FUNCTION cx.rate_unmerge(cx.rate, cx.rate) RETURNS cx.rate
AS 'MODULE_PATHNAME', 'cx_rate_unmerge'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.rate_unmerge(cx.rate, cx.rate) IS
	'Subtract a rate from one that contains it: inverse transition of cx.merge';

CREATE AGGREGATE cx.rate_agg(outcome boolean) (
	SFUNC = cx.rate_add,
	STYPE = cx.rate,
	SSPACE = 40,
	INITCOND = '(successes=0,trials=0,skipped=0)',
	COMBINEFUNC = cx.rate_merge,
	MSFUNC = cx.rate_add,
	MINVFUNC = cx.rate_remove,
	MSTYPE = cx.rate,
	MSSPACE = 40,
	MINITCOND = '(successes=0,trials=0,skipped=0)',
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE cx.rate_agg(boolean) IS
	'Successes (true) out of trials (true or false); NULL outcomes are counted as skipped. No rows give the empty rate';

CREATE AGGREGATE cx.merge(cx.rate) (
	SFUNC = cx.rate_merge,
	STYPE = cx.rate,
	SSPACE = 40,
	INITCOND = '(successes=0,trials=0,skipped=0)',
	COMBINEFUNC = cx.rate_merge,
	MSFUNC = cx.rate_merge,
	MINVFUNC = cx.rate_unmerge,
	MSTYPE = cx.rate,
	MSSPACE = 40,
	MINITCOND = '(successes=0,trials=0,skipped=0)',
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE cx.merge(cx.rate) IS
	'Roll rates up into one (NULL rates are ignored); the result equals one pass over all their outcomes';

-- rate accessors

CREATE FUNCTION cx.n(cx.rate) RETURNS bigint
AS 'MODULE_PATHNAME', 'cx_rate_n'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.n(cx.rate) IS 'Trials: the outcomes that were true or false (skipped ones not included)';

CREATE FUNCTION cx.successes(cx.rate) RETURNS bigint
AS 'MODULE_PATHNAME', 'cx_rate_successes'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.successes(cx.rate) IS 'The outcomes that were true';

CREATE FUNCTION cx.skipped(cx.rate) RETURNS bigint
AS 'MODULE_PATHNAME', 'cx_rate_skipped'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.skipped(cx.rate) IS 'The NULL outcomes, counted and left out of the share';

CREATE FUNCTION cx.share(cx.rate) RETURNS float8
AS 'MODULE_PATHNAME', 'cx_rate_share'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.share(cx.rate) IS 'Successes / trials, in [0, 1]; NULL without trials';

CREATE FUNCTION cx.share_ci(cx.rate, confidence float8 DEFAULT 0.95)
RETURNS cx.estimate
AS 'MODULE_PATHNAME', 'cx_rate_share_ci'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.share_ci(cx.rate, float8) IS
	'The share with its Wilson score interval at the given confidence level; n is the trials; NULL figures without trials';

CREATE FUNCTION cx.difference(a cx.rate, b cx.rate, confidence float8 DEFAULT 0.95)
RETURNS cx.estimate
AS 'MODULE_PATHNAME', 'cx_rate_difference'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.difference(cx.rate, cx.rate, float8) IS
	'share(a) - share(b) with Newcombe''s hybrid score interval (his method 10, 1998); n is the trials of both; NULL figures when a side has no trials';

CREATE FUNCTION cx.ratio(a cx.rate, b cx.rate, confidence float8 DEFAULT 0.95)
RETURNS cx.estimate
AS 'MODULE_PATHNAME', 'cx_rate_ratio'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.ratio(cx.rate, cx.rate, float8) IS
	'share(a) / share(b) (relative risk) with the Katz log interval; where a side has 0 successes, 0.5 is added to every count (adjusted log); NULL figures when a side has no trials';

CREATE FUNCTION cx.p_value(a cx.rate, b cx.rate) RETURNS float8
AS 'MODULE_PATHNAME', 'cx_rate_p_value'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.p_value(cx.rate, cx.rate) IS
	'Two-sided p-value of the pooled two-proportion z test of share(a) = share(b); 1 when the pooled share is 0 or 1; NULL when a side has no trials';

CREATE FUNCTION cx.to_jsonb(cx.rate) RETURNS jsonb
AS 'MODULE_PATHNAME', 'cx_rate_to_jsonb'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.to_jsonb(cx.rate) IS
	'Successes, trials, skipped, share and its 95% Wilson interval as jsonb';

CREATE CAST (cx.rate AS jsonb)
	WITH FUNCTION cx.to_jsonb(cx.rate);

