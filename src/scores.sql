-- scores type

CREATE TYPE cx.scores;

CREATE FUNCTION cx.scores_in(cstring) RETURNS cx.scores
AS 'MODULE_PATHNAME', 'cx_scores_in'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION cx.scores_out(cx.scores) RETURNS cstring
AS 'MODULE_PATHNAME', 'cx_scores_out'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION cx.scores_recv(internal) RETURNS cx.scores
AS 'MODULE_PATHNAME', 'cx_scores_recv'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION cx.scores_send(cx.scores) RETURNS bytea
AS 'MODULE_PATHNAME', 'cx_scores_send'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE cx.scores (
	INPUT = cx.scores_in,
	OUTPUT = cx.scores_out,
	RECEIVE = cx.scores_recv,
	SEND = cx.scores_send,
	INTERNALLENGTH = VARIABLE,
	ALIGNMENT = double,
	STORAGE = plain
);
COMMENT ON TYPE cx.scores IS
	'Exact histogram of integer survey answers on a scale lo..hi (at most 101 points), with the count of missing answers';

CREATE TYPE cx.estimate AS (
	value float8,
	lower float8,
	upper float8,
	n bigint
);
COMMENT ON TYPE cx.estimate IS
	'A figure with the bounds of its confidence interval and the number of answers it rests on';

-- scores aggregates

CREATE FUNCTION cx.scores_add(cx.scores, integer, integer, integer)
RETURNS cx.scores
AS 'MODULE_PATHNAME', 'cx_scores_add'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION cx.scores_add(cx.scores, integer, integer, integer) IS
	'Transition function of cx.scores_agg: count one answer (or a missing one) on the scale lo..hi';

CREATE FUNCTION cx.scores_remove(cx.scores, integer, integer, integer)
RETURNS cx.scores
AS 'MODULE_PATHNAME', 'cx_scores_remove'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION cx.scores_remove(cx.scores, integer, integer, integer) IS
	'Inverse transition function of cx.scores_agg: uncount one answer';

CREATE FUNCTION cx.scores_merge(cx.scores, cx.scores)
RETURNS cx.scores
AS 'MODULE_PATHNAME', 'cx_scores_merge'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.scores_merge(cx.scores, cx.scores) IS
	'Add two summaries of the same scale: transition of cx.merge and combine function of both aggregates';

CREATE FUNCTION cx.scores_unmerge(cx.scores, cx.scores)
RETURNS cx.scores
AS 'MODULE_PATHNAME', 'cx_scores_unmerge'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.scores_unmerge(cx.scores, cx.scores) IS
	'Subtract a summary from one that contains it: inverse transition of cx.merge';

-- The scale comes with the rows, so the state starts NULL and the first row
-- of a group creates it.  SSPACE is a 0..10 summary with allocator overhead.
CREATE AGGREGATE cx.scores_agg(answer integer, lo integer, hi integer) (
	SFUNC = cx.scores_add,
	STYPE = cx.scores,
	SSPACE = 128,
	COMBINEFUNC = cx.scores_merge,
	MSFUNC = cx.scores_add,
	MINVFUNC = cx.scores_remove,
	MSTYPE = cx.scores,
	MSSPACE = 128,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE cx.scores_agg(integer, integer, integer) IS
	'Exact histogram of answers on the scale lo..hi; NULL answers are counted as missing, answers off the scale are errors';

CREATE AGGREGATE cx.merge(cx.scores) (
	SFUNC = cx.scores_merge,
	STYPE = cx.scores,
	SSPACE = 128,
	COMBINEFUNC = cx.scores_merge,
	MSFUNC = cx.scores_merge,
	MINVFUNC = cx.scores_unmerge,
	MSTYPE = cx.scores,
	MSSPACE = 128,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE cx.merge(cx.scores) IS
	'Roll survey-score summaries of one scale up into one; the result equals one pass over all their answers';

-- scores accessors

CREATE FUNCTION cx.n(cx.scores) RETURNS bigint
AS 'MODULE_PATHNAME', 'cx_scores_n'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.n(cx.scores) IS 'Answers given (missing answers not included)';

CREATE FUNCTION cx.missing(cx.scores) RETURNS bigint
AS 'MODULE_PATHNAME', 'cx_scores_missing'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.missing(cx.scores) IS 'NULL answers counted as missing';

CREATE FUNCTION cx.lo(cx.scores) RETURNS integer
AS 'MODULE_PATHNAME', 'cx_scores_lo'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.lo(cx.scores) IS 'The lowest point of the scale';

CREATE FUNCTION cx.hi(cx.scores) RETURNS integer
AS 'MODULE_PATHNAME', 'cx_scores_hi'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.hi(cx.scores) IS 'The highest point of the scale';

CREATE FUNCTION cx.mean(cx.scores) RETURNS float8
AS 'MODULE_PATHNAME', 'cx_scores_mean'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.mean(cx.scores) IS 'Mean answer; NULL without answers';

CREATE FUNCTION cx.stddev(cx.scores) RETURNS float8
AS 'MODULE_PATHNAME', 'cx_scores_stddev'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.stddev(cx.scores) IS
	'Sample standard deviation of the answers (divisor n - 1, like stddev()); NULL below two answers';

CREATE FUNCTION cx.median(cx.scores) RETURNS float8
AS 'MODULE_PATHNAME', 'cx_scores_median'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.median(cx.scores) IS
	'Median answer, as percentile_cont(0.5) (the mean of the two middle answers on an even count); NULL without answers';

CREATE FUNCTION cx.histogram(cx.scores) RETURNS bigint[]
AS 'MODULE_PATHNAME', 'cx_scores_histogram'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.histogram(cx.scores) IS
	'Answers per point of the scale: element 1 counts answer lo, the last counts answer hi';

CREATE FUNCTION cx.top_box(cx.scores, k integer DEFAULT 2) RETURNS float8
AS 'MODULE_PATHNAME', 'cx_scores_top_box'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.top_box(cx.scores, integer) IS
	'Share of the answers in the k highest points, in [0, 1] (A-11 "percent agree" is cx.top_box on 1..5); NULL without answers';

CREATE FUNCTION cx.bottom_box(cx.scores, k integer DEFAULT 2) RETURNS float8
AS 'MODULE_PATHNAME', 'cx_scores_bottom_box'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.bottom_box(cx.scores, integer) IS
	'Share of the answers in the k lowest points, in [0, 1]; NULL without answers';

CREATE FUNCTION cx.nps(cx.scores) RETURNS float8
AS 'MODULE_PATHNAME', 'cx_scores_nps'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.nps(cx.scores) IS
	'Net Promoter Score on the 0..10 scale: 100 x (share of 9-10 - share of 0-6), in [-100, 100]; NULL without answers';

CREATE FUNCTION cx.csat(cx.scores) RETURNS float8
AS 'MODULE_PATHNAME', 'cx_scores_csat'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.csat(cx.scores) IS
	'Customer satisfaction score: the top-2-box as a percentage, in [0, 100]; NULL without answers';

CREATE FUNCTION cx.normal_quantile(p float8) RETURNS float8
AS 'MODULE_PATHNAME', 'cx_normal_quantile_sql'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.normal_quantile(float8) IS
	'The p-quantile of the standard normal distribution (Wichura''s AS241); 1.959963984540054 for p = 0.975';

CREATE FUNCTION cx.top_box_ci(cx.scores, k integer DEFAULT 2,
							  confidence float8 DEFAULT 0.95)
RETURNS cx.estimate
AS 'MODULE_PATHNAME', 'cx_scores_top_box_ci'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.top_box_ci(cx.scores, integer, float8) IS
	'Top-k-box share with its Wilson score interval at the given confidence level; NULL figures without answers';

CREATE FUNCTION cx.nps_ci(cx.scores, confidence float8 DEFAULT 0.95)
RETURNS cx.estimate
AS 'MODULE_PATHNAME', 'cx_scores_nps_ci'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.nps_ci(cx.scores, float8) IS
	'Net Promoter Score with its normal-approximation interval, SE = 100 sqrt((p + d - (p - d)^2) / n), clipped to [-100, 100]';

CREATE FUNCTION cx.to_jsonb(cx.scores) RETURNS jsonb
AS 'MODULE_PATHNAME', 'cx_scores_to_jsonb'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.to_jsonb(cx.scores) IS
	'Scale, counts per answer, mean, stddev, median, top- and bottom-2-box and (on 0..10) NPS as jsonb';

CREATE CAST (cx.scores AS jsonb)
	WITH FUNCTION cx.to_jsonb(cx.scores);
