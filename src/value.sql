-- customer_value type

CREATE TYPE cx.customer_value;

CREATE FUNCTION cx.customer_value_in(cstring) RETURNS cx.customer_value
AS 'MODULE_PATHNAME', 'cx_customer_value_in'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION cx.customer_value_out(cx.customer_value) RETURNS cstring
AS 'MODULE_PATHNAME', 'cx_customer_value_out'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION cx.customer_value_recv(internal) RETURNS cx.customer_value
AS 'MODULE_PATHNAME', 'cx_customer_value_recv'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION cx.customer_value_send(cx.customer_value) RETURNS bytea
AS 'MODULE_PATHNAME', 'cx_customer_value_send'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE cx.customer_value (
	INPUT = cx.customer_value_in,
	OUTPUT = cx.customer_value_out,
	RECEIVE = cx.customer_value_recv,
	SEND = cx.customer_value_send,
	INTERNALLENGTH = VARIABLE,
	ALIGNMENT = double,
	STORAGE = extended
);
COMMENT ON TYPE cx.customer_value IS
	'Customer value: per named dimension, the count, mean and variance of scores normalised to [0, 1]';

-- customer_value constructor and aggregates

CREATE FUNCTION cx.customer_value(dimensions text[], scores float8[], lo float8, hi float8)
RETURNS cx.customer_value
AS 'MODULE_PATHNAME', 'cx_customer_value_of_row'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION cx.customer_value(text[], float8[], float8, float8) IS
	'One wide-format response as a customer value: scores[i] answers dimensions[i] on the scale lo..hi; NULL scores are counted as missing, NULL dimensions as skipped';

CREATE FUNCTION cx.customer_value_add(cx.customer_value, text, float8, float8, float8)
RETURNS cx.customer_value
AS 'MODULE_PATHNAME', 'cx_customer_value_add'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION cx.customer_value_add(cx.customer_value, text, float8, float8, float8) IS
	'Transition function of cx.value_agg(text, float8, float8, float8)';

CREATE FUNCTION cx.customer_value_add_wide(cx.customer_value, text[], float8[], float8, float8)
RETURNS cx.customer_value
AS 'MODULE_PATHNAME', 'cx_customer_value_add_wide'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION cx.customer_value_add_wide(cx.customer_value, text[], float8[], float8, float8) IS
	'Transition function of cx.value_agg(text[], float8[], float8, float8)';

CREATE FUNCTION cx.customer_value_merge(cx.customer_value, cx.customer_value)
RETURNS cx.customer_value
AS 'MODULE_PATHNAME', 'cx_customer_value_merge'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION cx.customer_value_merge(cx.customer_value, cx.customer_value) IS
	'Transition and combine function of cx.merge(cx.customer_value): the two summaries as one';

CREATE AGGREGATE cx.value_agg(dimension text, score float8, lo float8, hi float8) (
	SFUNC = cx.customer_value_add,
	STYPE = cx.customer_value,
	INITCOND = '(skipped=0)',
	COMBINEFUNC = cx.customer_value_merge,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE cx.value_agg(text, float8, float8, float8) IS
	'Customer value over long-format answers (one row per answer), each score normalised with its own scale lo..hi; NULL scores are counted as missing, NULL dimensions as skipped';

CREATE AGGREGATE cx.value_agg(dimensions text[], scores float8[], lo float8, hi float8) (
	SFUNC = cx.customer_value_add_wide,
	STYPE = cx.customer_value,
	INITCOND = '(skipped=0)',
	COMBINEFUNC = cx.customer_value_merge,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE cx.value_agg(text[], float8[], float8, float8) IS
	'Customer value over wide-format responses (one row per response): the same as cx.merge(cx.customer_value(dimensions, scores, lo, hi)), without a summary per row';

CREATE AGGREGATE cx.merge(cx.customer_value) (
	SFUNC = cx.customer_value_merge,
	STYPE = cx.customer_value,
	INITCOND = '(skipped=0)',
	COMBINEFUNC = cx.customer_value_merge,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE cx.merge(cx.customer_value) IS
	'Roll customer values up into one; counts add exactly, means and variances equal one pass up to float rounding';

-- customer_value accessors

CREATE FUNCTION cx.n(cx.customer_value) RETURNS bigint
AS 'MODULE_PATHNAME', 'cx_customer_value_n'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.n(cx.customer_value) IS 'Answers with a score, over every dimension';

CREATE FUNCTION cx.n(cx.customer_value, dimension text) RETURNS bigint
AS 'MODULE_PATHNAME', 'cx_customer_value_n_of'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.n(cx.customer_value, text) IS 'Answers with a score in one dimension (0 if it never occurred)';

CREATE FUNCTION cx.missing(cx.customer_value) RETURNS bigint
AS 'MODULE_PATHNAME', 'cx_customer_value_missing'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.missing(cx.customer_value) IS 'Answers whose score was NULL, over every dimension';

CREATE FUNCTION cx.missing(cx.customer_value, dimension text) RETURNS bigint
AS 'MODULE_PATHNAME', 'cx_customer_value_missing_of'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.missing(cx.customer_value, text) IS 'Answers in one dimension whose score was NULL';

CREATE FUNCTION cx.skipped(cx.customer_value) RETURNS bigint
AS 'MODULE_PATHNAME', 'cx_customer_value_skipped'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.skipped(cx.customer_value) IS 'Answers skipped because their dimension was NULL';

CREATE FUNCTION cx.mean(cx.customer_value, dimension text) RETURNS float8
AS 'MODULE_PATHNAME', 'cx_customer_value_mean'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.mean(cx.customer_value, text) IS
	'Mean normalised score of one dimension, in [0, 1]; NULL without scores';

CREATE FUNCTION cx.variance(cx.customer_value, dimension text) RETURNS float8
AS 'MODULE_PATHNAME', 'cx_customer_value_variance'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.variance(cx.customer_value, text) IS
	'Sample variance of one dimension''s normalised scores; NULL with fewer than two';

CREATE FUNCTION cx.stddev(cx.customer_value, dimension text) RETURNS float8
AS 'MODULE_PATHNAME', 'cx_customer_value_stddev'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.stddev(cx.customer_value, text) IS
	'Sample standard deviation of one dimension''s normalised scores; NULL with fewer than two';

CREATE FUNCTION cx.dimensions(cx.customer_value) RETURNS text[]
AS 'MODULE_PATHNAME', 'cx_customer_value_dimensions'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.dimensions(cx.customer_value) IS
	'The dimensions answered (with a score or NULL), in bytewise order';

CREATE FUNCTION cx.to_jsonb(cx.customer_value) RETURNS jsonb
AS 'MODULE_PATHNAME', 'cx_customer_value_to_jsonb'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.to_jsonb(cx.customer_value) IS
	'Counts, mean and sample variance per dimension as jsonb';

CREATE CAST (cx.customer_value AS jsonb)
	WITH FUNCTION cx.to_jsonb(cx.customer_value);

-- value model figures

CREATE FUNCTION cx.benefits(cx.customer_value, model text DEFAULT 'get-give') RETURNS float8
AS 'MODULE_PATHNAME', 'cx_customer_value_benefits'
LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.benefits(cx.customer_value, text) IS
	'Weighted mean of the model''s benefit dimensions that have scores, in [0, 1]; NULL where none has';

CREATE FUNCTION cx.sacrifices(cx.customer_value, model text DEFAULT 'get-give') RETURNS float8
AS 'MODULE_PATHNAME', 'cx_customer_value_sacrifices'
LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.sacrifices(cx.customer_value, text) IS
	'Weighted mean of the model''s sacrifice dimensions that have scores, in [0, 1]; NULL where none has';

CREATE FUNCTION cx.expectations(cx.customer_value, model text DEFAULT 'disconfirmation') RETURNS float8
AS 'MODULE_PATHNAME', 'cx_customer_value_expectations'
LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.expectations(cx.customer_value, text) IS
	'Weighted mean of the model''s expectation dimensions that have scores, in [0, 1]; NULL where none has';

CREATE FUNCTION cx.perceptions(cx.customer_value, model text DEFAULT 'disconfirmation') RETURNS float8
AS 'MODULE_PATHNAME', 'cx_customer_value_perceptions'
LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.perceptions(cx.customer_value, text) IS
	'Weighted mean of the model''s perception dimensions that have scores, in [0, 1]; NULL where none has';

CREATE FUNCTION cx.value_index(cx.customer_value, model text DEFAULT 'get-give') RETURNS float8
AS 'MODULE_PATHNAME', 'cx_customer_value_value_index'
LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.value_index(cx.customer_value, text) IS
	'Benefits - sacrifices in [-1, 1], a side without scores counting as 0; NULL when both lack scores';

CREATE FUNCTION cx.value_ratio(cx.customer_value, model text DEFAULT 'get-give') RETURNS float8
AS 'MODULE_PATHNAME', 'cx_customer_value_value_ratio'
LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.value_ratio(cx.customer_value, text) IS
	'Benefits / sacrifices; NULL without both sides or when sacrifices are 0';

CREATE FUNCTION cx.disconfirmation(cx.customer_value, model text DEFAULT 'disconfirmation') RETURNS float8
AS 'MODULE_PATHNAME', 'cx_customer_value_disconfirmation'
LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.disconfirmation(cx.customer_value, text) IS
	'Perceptions - expectations in [-1, 1] (positive: better than expected); NULL without both';

CREATE FUNCTION cx.co_destruction(cx.customer_value, model text DEFAULT 'get-give') RETURNS boolean
AS 'MODULE_PATHNAME', 'cx_customer_value_co_destruction'
LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.co_destruction(cx.customer_value, text) IS
	'Whether value was destroyed: value index below 0 (exactly 0 is not); NULL without an index';
