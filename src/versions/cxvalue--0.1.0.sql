-- cxvalue: customer experience and customer value in SQL.
-- The install script is generated from src/*.sql by the Makefile, in the
-- order it lists them; this part comes first.

\echo Use "CREATE EXTENSION cxvalue" to load this file. \quit

COMMENT ON SCHEMA cx IS 'cxvalue: customer experience and customer value summaries';

-- The schema CREATE EXTENSION makes belongs to the installing superuser;
-- analysts and BI roles need to see into it to call anything.
GRANT USAGE ON SCHEMA cx TO PUBLIC;
-- quadrant enum and classifiers

CREATE TYPE cx.quadrant AS ENUM (
	'co-production', 'co-construction', 'co-management', 'co-design');
COMMENT ON TYPE cx.quadrant IS
	'Osborne, Strokosch and Radnor''s co-production quadrants: involuntary or voluntary, individual service or service system';

CREATE FUNCTION cx.quadrant(voluntary boolean, system_level boolean)
RETURNS cx.quadrant
AS 'MODULE_PATHNAME', 'cx_quadrant_of_flags'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.quadrant(boolean, boolean) IS
	'The co-production quadrant of a voluntary/involuntary and system/individual answer';

CREATE FUNCTION cx.quadrant(voluntariness float8, system_locus float8,
							threshold float8 DEFAULT 0.5)
RETURNS cx.quadrant
AS 'MODULE_PATHNAME', 'cx_quadrant_of_scores'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.quadrant(float8, float8, float8) IS
	'The co-production quadrant of scores in [0, 1]; a score >= threshold counts as voluntary / system level';

CREATE FUNCTION cx.label(cx.quadrant)
RETURNS text
AS 'MODULE_PATHNAME', 'cx_quadrant_label'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.label(cx.quadrant) IS
	'The quadrant''s name in Osborne''s numbering, from ''I: Co-production'' to ''IV: Co-design and co-innovation''';

-- quadrant_profile type

CREATE TYPE cx.quadrant_profile;

CREATE FUNCTION cx.quadrant_profile_in(cstring) RETURNS cx.quadrant_profile
AS 'MODULE_PATHNAME', 'cx_quadrant_profile_in'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION cx.quadrant_profile_out(cx.quadrant_profile) RETURNS cstring
AS 'MODULE_PATHNAME', 'cx_quadrant_profile_out'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION cx.quadrant_profile_recv(internal) RETURNS cx.quadrant_profile
AS 'MODULE_PATHNAME', 'cx_quadrant_profile_recv'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION cx.quadrant_profile_send(cx.quadrant_profile) RETURNS bytea
AS 'MODULE_PATHNAME', 'cx_quadrant_profile_send'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE cx.quadrant_profile (
	INPUT = cx.quadrant_profile_in,
	OUTPUT = cx.quadrant_profile_out,
	RECEIVE = cx.quadrant_profile_recv,
	SEND = cx.quadrant_profile_send,
	INTERNALLENGTH = VARIABLE,
	ALIGNMENT = double,
	STORAGE = plain
);
COMMENT ON TYPE cx.quadrant_profile IS
	'Counts of rows per co-production quadrant, with the mean scores where scores were given';

-- quadrant_profile aggregates

CREATE FUNCTION cx.quadrant_profile_add_flags(cx.quadrant_profile, boolean, boolean)
RETURNS cx.quadrant_profile
AS 'MODULE_PATHNAME', 'cx_quadrant_profile_add_flags'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION cx.quadrant_profile_remove_flags(cx.quadrant_profile, boolean, boolean)
RETURNS cx.quadrant_profile
AS 'MODULE_PATHNAME', 'cx_quadrant_profile_remove_flags'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION cx.quadrant_profile_add_scores(cx.quadrant_profile, float8, float8)
RETURNS cx.quadrant_profile
AS 'MODULE_PATHNAME', 'cx_quadrant_profile_add_scores'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION cx.quadrant_profile_remove_scores(cx.quadrant_profile, float8, float8)
RETURNS cx.quadrant_profile
AS 'MODULE_PATHNAME', 'cx_quadrant_profile_remove_scores'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION cx.quadrant_profile_merge(cx.quadrant_profile, cx.quadrant_profile)
RETURNS cx.quadrant_profile
AS 'MODULE_PATHNAME', 'cx_quadrant_profile_merge'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION cx.quadrant_profile_unmerge(cx.quadrant_profile, cx.quadrant_profile)
RETURNS cx.quadrant_profile
AS 'MODULE_PATHNAME', 'cx_quadrant_profile_unmerge'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE AGGREGATE cx.quadrant_agg(voluntary boolean, system_level boolean) (
	SFUNC = cx.quadrant_profile_add_flags,
	STYPE = cx.quadrant_profile,
	INITCOND = '(co-production=0,co-construction=0,co-management=0,co-design=0,skipped=0,scored=0,voluntariness_sum=0,system_locus_sum=0)',
	COMBINEFUNC = cx.quadrant_profile_merge,
	MSFUNC = cx.quadrant_profile_add_flags,
	MINVFUNC = cx.quadrant_profile_remove_flags,
	MSTYPE = cx.quadrant_profile,
	MINITCOND = '(co-production=0,co-construction=0,co-management=0,co-design=0,skipped=0,scored=0,voluntariness_sum=0,system_locus_sum=0)',
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE cx.quadrant_agg(boolean, boolean) IS
	'Profile of co-production quadrants over yes/no answers; rows with a NULL are skipped and counted';

CREATE AGGREGATE cx.quadrant_agg(voluntariness float8, system_locus float8) (
	SFUNC = cx.quadrant_profile_add_scores,
	STYPE = cx.quadrant_profile,
	INITCOND = '(co-production=0,co-construction=0,co-management=0,co-design=0,skipped=0,scored=0,voluntariness_sum=0,system_locus_sum=0)',
	COMBINEFUNC = cx.quadrant_profile_merge,
	MSFUNC = cx.quadrant_profile_add_scores,
	MINVFUNC = cx.quadrant_profile_remove_scores,
	MSTYPE = cx.quadrant_profile,
	MINITCOND = '(co-production=0,co-construction=0,co-management=0,co-design=0,skipped=0,scored=0,voluntariness_sum=0,system_locus_sum=0)',
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE cx.quadrant_agg(float8, float8) IS
	'Profile of co-production quadrants over scores in [0, 1] (threshold 0.5); rows with a NULL are skipped and counted';

CREATE AGGREGATE cx.merge(cx.quadrant_profile) (
	SFUNC = cx.quadrant_profile_merge,
	STYPE = cx.quadrant_profile,
	INITCOND = '(co-production=0,co-construction=0,co-management=0,co-design=0,skipped=0,scored=0,voluntariness_sum=0,system_locus_sum=0)',
	COMBINEFUNC = cx.quadrant_profile_merge,
	MSFUNC = cx.quadrant_profile_merge,
	MINVFUNC = cx.quadrant_profile_unmerge,
	MSTYPE = cx.quadrant_profile,
	MINITCOND = '(co-production=0,co-construction=0,co-management=0,co-design=0,skipped=0,scored=0,voluntariness_sum=0,system_locus_sum=0)',
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE cx.merge(cx.quadrant_profile) IS
	'Roll quadrant profiles up into one; the result equals one pass over all their rows';

-- quadrant_profile accessors

CREATE FUNCTION cx.n(cx.quadrant_profile) RETURNS bigint
AS 'MODULE_PATHNAME', 'cx_quadrant_profile_n'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.n(cx.quadrant_profile) IS 'Rows classified';

CREATE FUNCTION cx.skipped(cx.quadrant_profile) RETURNS bigint
AS 'MODULE_PATHNAME', 'cx_quadrant_profile_skipped'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.skipped(cx.quadrant_profile) IS 'Rows skipped because an argument was NULL';

CREATE FUNCTION cx.count(cx.quadrant_profile, cx.quadrant) RETURNS bigint
AS 'MODULE_PATHNAME', 'cx_quadrant_profile_count'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.count(cx.quadrant_profile, cx.quadrant) IS 'Rows in one quadrant';

CREATE FUNCTION cx.share(cx.quadrant_profile, cx.quadrant) RETURNS float8
AS 'MODULE_PATHNAME', 'cx_quadrant_profile_share'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.share(cx.quadrant_profile, cx.quadrant) IS
	'One quadrant''s share of the rows in [0, 1]; NULL for an empty profile';

CREATE FUNCTION cx.dominant(cx.quadrant_profile) RETURNS cx.quadrant
AS 'MODULE_PATHNAME', 'cx_quadrant_profile_dominant'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.dominant(cx.quadrant_profile) IS
	'The commonest quadrant (the lower one on ties); NULL for an empty profile';

CREATE FUNCTION cx.centroid(cx.quadrant_profile,
							OUT voluntariness float8, OUT system_locus float8)
AS 'MODULE_PATHNAME', 'cx_quadrant_profile_centroid'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.centroid(cx.quadrant_profile) IS
	'Mean voluntariness and system locus of the rows classified from scores; NULLs where there were none';

CREATE FUNCTION cx.to_jsonb(cx.quadrant_profile) RETURNS jsonb
AS 'MODULE_PATHNAME', 'cx_quadrant_profile_to_jsonb'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.to_jsonb(cx.quadrant_profile) IS
	'Counts, shares, dominant quadrant and centroid as jsonb';

CREATE CAST (cx.quadrant_profile AS jsonb)
	WITH FUNCTION cx.to_jsonb(cx.quadrant_profile);
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
-- journey type

CREATE TYPE cx.journey;

CREATE FUNCTION cx.journey_in(cstring) RETURNS cx.journey
AS 'MODULE_PATHNAME', 'cx_journey_in'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION cx.journey_out(cx.journey) RETURNS cstring
AS 'MODULE_PATHNAME', 'cx_journey_out'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION cx.journey_recv(internal) RETURNS cx.journey
AS 'MODULE_PATHNAME', 'cx_journey_recv'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION cx.journey_send(cx.journey) RETURNS bytea
AS 'MODULE_PATHNAME', 'cx_journey_send'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE cx.journey (
	INPUT = cx.journey_in,
	OUTPUT = cx.journey_out,
	RECEIVE = cx.journey_recv,
	SEND = cx.journey_send,
	INTERNALLENGTH = VARIABLE,
	ALIGNMENT = double,
	STORAGE = extended
);
COMMENT ON TYPE cx.journey IS
	'The touchpoints of one customer journey (time, stage, score, channel) in journey order';

-- journey aggregates

CREATE FUNCTION cx.journey_add(internal, timestamptz, text)
RETURNS internal
AS 'MODULE_PATHNAME', 'cx_journey_add'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION cx.journey_add(internal, timestamptz, text) IS
	'cx.journey_agg transition: collect a touchpoint';

CREATE FUNCTION cx.journey_add(internal, timestamptz, text, float8)
RETURNS internal
AS 'MODULE_PATHNAME', 'cx_journey_add'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION cx.journey_add(internal, timestamptz, text, float8) IS
	'cx.journey_agg transition: collect a scored touchpoint';

CREATE FUNCTION cx.journey_add(internal, timestamptz, text, float8, text)
RETURNS internal
AS 'MODULE_PATHNAME', 'cx_journey_add'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION cx.journey_add(internal, timestamptz, text, float8, text) IS
	'cx.journey_agg transition: collect a scored touchpoint with its channel';

CREATE FUNCTION cx.journey_final(internal)
RETURNS cx.journey
AS 'MODULE_PATHNAME', 'cx_journey_final'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION cx.journey_final(internal) IS
	'cx.journey_agg final function: sort the touchpoints into journey order';

CREATE FUNCTION cx.journey_combine(internal, internal)
RETURNS internal
AS 'MODULE_PATHNAME', 'cx_journey_combine'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION cx.journey_combine(internal, internal) IS
	'cx.journey_agg combine function: add a partial state to another';

CREATE FUNCTION cx.journey_serialize(internal)
RETURNS bytea
AS 'MODULE_PATHNAME', 'cx_journey_serialize'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.journey_serialize(internal) IS
	'cx.journey_agg serialisation: the state in the cx.journey format';

CREATE FUNCTION cx.journey_deserialize(bytea, internal)
RETURNS internal
AS 'MODULE_PATHNAME', 'cx_journey_deserialize'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.journey_deserialize(bytea, internal) IS
	'cx.journey_agg deserialisation: validate a serialised state and rebuild it';

-- The state of a journey is a 56-byte chunk plus 32 bytes per touchpoint
-- in the aggregate's log: about 400 bytes for a journey of ten (SSPACE).
CREATE AGGREGATE cx.journey_agg(at timestamptz, stage text) (
	SFUNC = cx.journey_add,
	STYPE = internal,
	SSPACE = 400,
	FINALFUNC = cx.journey_final,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = cx.journey_combine,
	SERIALFUNC = cx.journey_serialize,
	DESERIALFUNC = cx.journey_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE cx.journey_agg(timestamptz, text) IS
	'The journey of touchpoints (time, stage); rows with a NULL time or stage are skipped and counted';

CREATE AGGREGATE cx.journey_agg(at timestamptz, stage text, score float8) (
	SFUNC = cx.journey_add,
	STYPE = internal,
	SSPACE = 400,
	FINALFUNC = cx.journey_final,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = cx.journey_combine,
	SERIALFUNC = cx.journey_serialize,
	DESERIALFUNC = cx.journey_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE cx.journey_agg(timestamptz, text, float8) IS
	'The journey of touchpoints (time, stage, score); rows with a NULL time or stage are skipped and counted, a NULL score is kept as unknown';

CREATE AGGREGATE cx.journey_agg(at timestamptz, stage text, score float8, channel text) (
	SFUNC = cx.journey_add,
	STYPE = internal,
	SSPACE = 400,
	FINALFUNC = cx.journey_final,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = cx.journey_combine,
	SERIALFUNC = cx.journey_serialize,
	DESERIALFUNC = cx.journey_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE cx.journey_agg(timestamptz, text, float8, text) IS
	'The journey of touchpoints (time, stage, score, channel); rows with a NULL time or stage are skipped and counted, a NULL score or channel is kept as unknown';

CREATE FUNCTION cx.journey_merge(cx.journey, cx.journey)
RETURNS cx.journey
AS 'MODULE_PATHNAME', 'cx_journey_merge'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION cx.journey_merge(cx.journey, cx.journey) IS
	'The journey holding the touchpoints of both (a multiset union); NULL counts as empty';

CREATE AGGREGATE cx.merge(cx.journey) (
	SFUNC = cx.journey_merge,
	STYPE = cx.journey,
	INITCOND = '(skipped=0,touchpoints=[])',
	COMBINEFUNC = cx.journey_merge,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE cx.merge(cx.journey) IS
	'Roll partial journeys (partitions, days, shards) up into one; the result equals one pass over all their rows';

-- journey accessors

CREATE FUNCTION cx.n(cx.journey) RETURNS bigint
AS 'MODULE_PATHNAME', 'cx_journey_n'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.n(cx.journey) IS 'Touchpoints in the journey';

CREATE FUNCTION cx.skipped(cx.journey) RETURNS bigint
AS 'MODULE_PATHNAME', 'cx_journey_skipped'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.skipped(cx.journey) IS
	'Rows skipped because their time or stage was NULL';

CREATE FUNCTION cx.started_at(cx.journey) RETURNS timestamptz
AS 'MODULE_PATHNAME', 'cx_journey_started_at'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.started_at(cx.journey) IS
	'Time of the first touchpoint; NULL for an empty journey';

CREATE FUNCTION cx.ended_at(cx.journey) RETURNS timestamptz
AS 'MODULE_PATHNAME', 'cx_journey_ended_at'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.ended_at(cx.journey) IS
	'Time of the last touchpoint; NULL for an empty journey';

CREATE FUNCTION cx.duration(cx.journey) RETURNS interval
AS 'MODULE_PATHNAME', 'cx_journey_duration'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.duration(cx.journey) IS
	'Time from the first touchpoint to the last; NULL for an empty journey';

CREATE FUNCTION cx.first_stage(cx.journey) RETURNS text
AS 'MODULE_PATHNAME', 'cx_journey_first_stage'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.first_stage(cx.journey) IS 'Stage of the first touchpoint';

CREATE FUNCTION cx.last_stage(cx.journey) RETURNS text
AS 'MODULE_PATHNAME', 'cx_journey_last_stage'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.last_stage(cx.journey) IS 'Stage of the last touchpoint';

CREATE FUNCTION cx.path(cx.journey) RETURNS text[]
AS 'MODULE_PATHNAME', 'cx_journey_path'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.path(cx.journey) IS 'The stages in journey order';

CREATE FUNCTION cx.channels(cx.journey) RETURNS text[]
AS 'MODULE_PATHNAME', 'cx_journey_channels'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.channels(cx.journey) IS
	'The distinct known channels in order of first use';

CREATE FUNCTION cx.channel_switches(cx.journey) RETURNS bigint
AS 'MODULE_PATHNAME', 'cx_journey_channel_switches'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.channel_switches(cx.journey) IS
	'How often the channel changes from one touchpoint to the next, skipping unknown channels; NULL when no channel is known';

CREATE FUNCTION cx.repeats(cx.journey) RETURNS bigint
AS 'MODULE_PATHNAME', 'cx_journey_repeats'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.repeats(cx.journey) IS
	'Touchpoints whose stage already occurred earlier in the journey (rework, failure demand)';

CREATE FUNCTION cx.repeats(cx.journey, within interval) RETURNS bigint
AS 'MODULE_PATHNAME', 'cx_journey_repeats'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION cx.repeats(cx.journey, interval) IS
	'Touchpoints whose previous occurrence of the same stage is at most within before (NULL within: no limit)';

CREATE FUNCTION cx.mean_score(cx.journey) RETURNS float8
AS 'MODULE_PATHNAME', 'cx_journey_mean_score'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.mean_score(cx.journey) IS 'Mean of the known scores; NULL without scores';

CREATE FUNCTION cx.min_score(cx.journey) RETURNS float8
AS 'MODULE_PATHNAME', 'cx_journey_min_score'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.min_score(cx.journey) IS 'Lowest known score; NULL without scores';

CREATE FUNCTION cx.max_score(cx.journey) RETURNS float8
AS 'MODULE_PATHNAME', 'cx_journey_max_score'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.max_score(cx.journey) IS 'Highest known score; NULL without scores';

CREATE FUNCTION cx.end_score(cx.journey) RETURNS float8
AS 'MODULE_PATHNAME', 'cx_journey_end_score'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.end_score(cx.journey) IS
	'Score of the last scored touchpoint; NULL without scores';

CREATE FUNCTION cx.peak_end(j cx.journey, peak text DEFAULT 'worst',
							neutral float8 DEFAULT NULL) RETURNS float8
AS 'MODULE_PATHNAME', 'cx_journey_peak_end'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION cx.peak_end(cx.journey, text, float8) IS
	'Remembered experience (peak + end) / 2; peak ''worst'' (lowest score), ''best'' (highest) or ''extreme'' (farthest from neutral, the lower on ties)';

CREATE FUNCTION cx.trend(cx.journey) RETURNS float8
AS 'MODULE_PATHNAME', 'cx_journey_trend'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.trend(cx.journey) IS
	'Least-squares slope of score against the ordinal of scored touchpoints; NULL with fewer than two scores';

CREATE FUNCTION cx.worst_stage(cx.journey) RETURNS text
AS 'MODULE_PATHNAME', 'cx_journey_worst_stage'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.worst_stage(cx.journey) IS
	'Stage of the lowest-scored touchpoint, the earliest on ties; NULL without scores';

CREATE FUNCTION cx.fail_points(cx.journey, below float8) RETURNS text[]
AS 'MODULE_PATHNAME', 'cx_journey_fail_points'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.fail_points(cx.journey, float8) IS
	'Stages of touchpoints scored below `below`, in journey order';

CREATE FUNCTION cx.reached(cx.journey, stage text) RETURNS boolean
AS 'MODULE_PATHNAME', 'cx_journey_reached'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.reached(cx.journey, text) IS 'Whether some touchpoint has this stage';

CREATE FUNCTION cx.time_to(cx.journey, stage text) RETURNS interval
AS 'MODULE_PATHNAME', 'cx_journey_time_to'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.time_to(cx.journey, text) IS
	'Time from the first touchpoint to the first occurrence of the stage; NULL if never reached';

CREATE FUNCTION cx.dwell(cx.journey, stage text) RETURNS interval
AS 'MODULE_PATHNAME', 'cx_journey_dwell'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.dwell(cx.journey, text) IS
	'Total time from each touchpoint of the stage to the next touchpoint (the last adds nothing); NULL if never reached';

CREATE FUNCTION cx.funnel_depth(j cx.journey, steps text[], within interval DEFAULT NULL,
								mode text DEFAULT 'any') RETURNS integer
AS 'MODULE_PATHNAME', 'cx_journey_funnel_depth'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION cx.funnel_depth(cx.journey, text[], interval, text) IS
	'How many leading steps touchpoints fill in journey order, the last at most within after the first; mode ''adjacent'' needs consecutive touchpoints';

CREATE FUNCTION cx.touchpoints(cx.journey, OUT at timestamptz, OUT stage text,
							   OUT score float8, OUT channel text)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'cx_journey_touchpoints'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 10;
COMMENT ON FUNCTION cx.touchpoints(cx.journey) IS
	'The touchpoints (at, stage, score, channel) in journey order';

CREATE FUNCTION cx.transitions(cx.journey, OUT from_stage text, OUT to_stage text,
							   OUT seconds float8)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'cx_journey_transitions'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 10;
COMMENT ON FUNCTION cx.transitions(cx.journey) IS
	'Each pair of adjacent touchpoints (from_stage, to_stage, seconds between them): journey maps and Sankey diagrams';

CREATE FUNCTION cx.to_jsonb(cx.journey) RETURNS jsonb
AS 'MODULE_PATHNAME', 'cx_journey_to_jsonb'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.to_jsonb(cx.journey) IS
	'Counts, start, end and every touchpoint as jsonb';

CREATE CAST (cx.journey AS jsonb)
	WITH FUNCTION cx.to_jsonb(cx.journey);
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

-- value models

CREATE TABLE cx.value_model (
	name text PRIMARY KEY CHECK (name <> ''),
	description text,
	source text,
	builtin boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE cx.value_model IS
	'Value models: which dimensions are benefits, sacrifices, expectations or perceptions (in cx.value_model_dimension); define them with cx.define_value_model';
COMMENT ON COLUMN cx.value_model.source IS 'Where the model comes from in the literature';
COMMENT ON COLUMN cx.value_model.builtin IS 'Shipped with cxvalue (not dumped: CREATE EXTENSION recreates it)';

CREATE TABLE cx.value_model_dimension (
	model text NOT NULL REFERENCES cx.value_model (name) ON UPDATE CASCADE ON DELETE CASCADE,
	role text NOT NULL CHECK (role IN ('benefit', 'sacrifice', 'expectation', 'perception')),
	dimension text NOT NULL CHECK (dimension <> '' AND octet_length(dimension) <= 255),
	weight float8 NOT NULL DEFAULT 1 CHECK (weight > 0 AND weight < 'Infinity'),
	PRIMARY KEY (model, role, dimension)
);
COMMENT ON TABLE cx.value_model_dimension IS
	'The dimensions of each value model with their role and weight';

GRANT SELECT ON cx.value_model, cx.value_model_dimension TO PUBLIC;

SELECT pg_catalog.pg_extension_config_dump('cx.value_model', 'WHERE NOT builtin');
SELECT pg_catalog.pg_extension_config_dump('cx.value_model_dimension',
	'WHERE model IN (SELECT name FROM cx.value_model WHERE NOT builtin)');

INSERT INTO cx.value_model (name, description, source, builtin) VALUES
	('get-give',
	 'Value as what is received against what is given up: functional, emotional, social, epistemic, conditional and convenience benefits against time, effort, money and risk',
	 'Zeithaml, V. A. (1988). Consumer perceptions of price, quality, and value: a means-end model and synthesis of evidence. Journal of Marketing, 52(3), 2-22.',
	 true),
	('sheth-newman-gross',
	 'The five consumption values: functional, social, emotional, epistemic and conditional',
	 'Sheth, J. N., Newman, B. I., & Gross, B. L. (1991). Why we buy what we buy: a theory of consumption values. Journal of Business Research, 22(2), 159-170.',
	 true),
	('osborne',
	 'Public service logic: value as welfare needs met, well-being and capacity to solve future problems, created by the citizen in use',
	 'Osborne, S. P., Radnor, Z., & Strokosch, K. (2016). Co-production and the co-creation of value in public services: a suitable case for treatment? Public Management Review, 18(5), 639-653; Osborne, S. P. (2018). From public service-dominant logic to public service logic. Public Management Review, 20(2), 225-231.',
	 true),
	('disconfirmation',
	 'Expectation-disconfirmation: the perceived experience against what was expected',
	 'Oliver, R. L. (1980). A cognitive model of the antecedents and consequences of satisfaction decisions. Journal of Marketing Research, 17(4), 460-469.',
	 true);

INSERT INTO cx.value_model_dimension (model, role, dimension) VALUES
	('get-give', 'benefit', 'functional'),
	('get-give', 'benefit', 'emotional'),
	('get-give', 'benefit', 'social'),
	('get-give', 'benefit', 'epistemic'),
	('get-give', 'benefit', 'conditional'),
	('get-give', 'benefit', 'convenience'),
	('get-give', 'sacrifice', 'time'),
	('get-give', 'sacrifice', 'effort'),
	('get-give', 'sacrifice', 'money'),
	('get-give', 'sacrifice', 'risk'),
	('sheth-newman-gross', 'benefit', 'functional'),
	('sheth-newman-gross', 'benefit', 'social'),
	('sheth-newman-gross', 'benefit', 'emotional'),
	('sheth-newman-gross', 'benefit', 'epistemic'),
	('sheth-newman-gross', 'benefit', 'conditional'),
	('osborne', 'benefit', 'welfare'),
	('osborne', 'benefit', 'wellbeing'),
	('osborne', 'benefit', 'capacity'),
	('disconfirmation', 'perception', 'perceived'),
	('disconfirmation', 'expectation', 'expected');

CREATE FUNCTION cx.define_value_model(name text, dimensions text[], roles text[],
									  weights float8[], description text DEFAULT NULL)
RETURNS void
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	model_name text := define_value_model.name;
	n int := coalesce(cardinality(dimensions), 0);
	canonical text[];
	bad record;
BEGIN
	IF model_name IS NULL OR model_name = '' THEN
		RAISE EXCEPTION 'a value model needs a name' USING ERRCODE = '22023';
	END IF;
	IF EXISTS (SELECT FROM cx.value_model m WHERE m.name = model_name AND m.builtin) THEN
		RAISE EXCEPTION 'value model "%" is built in and cannot be redefined', model_name
			USING ERRCODE = '22023', HINT = 'Define a model under another name.';
	END IF;
	IF n = 0 THEN
		RAISE EXCEPTION 'value model "%" has no dimensions', model_name
			USING ERRCODE = '22023';
	END IF;
	IF coalesce(cardinality(roles), 0) <> n OR coalesce(cardinality(weights), n) <> n THEN
		RAISE EXCEPTION 'value model "%" needs as many roles and weights as dimensions, got % dimensions, % roles and % weights',
			model_name, n, coalesce(cardinality(roles), 0), coalesce(cardinality(weights), n)
			USING ERRCODE = '22023';
	END IF;
	weights := coalesce(weights, array_fill(1::float8, ARRAY[n]));

	-- roles in the singular; the plural is accepted too
	SELECT array_agg(CASE WHEN r IN ('benefit', 'sacrifice', 'expectation', 'perception') THEN r
	                      WHEN r IN ('benefits', 'sacrifices', 'expectations', 'perceptions')
	                      THEN left(r, -1) END ORDER BY i)
	INTO canonical
	FROM unnest(roles) WITH ORDINALITY AS t(r, i);

	SELECT r INTO bad FROM unnest(roles, canonical) WITH ORDINALITY AS t(r, c, i)
	WHERE c IS NULL ORDER BY i LIMIT 1;
	IF FOUND THEN
		RAISE EXCEPTION 'unknown role "%" in value model "%"', coalesce(bad.r, 'NULL'), model_name
			USING ERRCODE = '22023',
			      HINT = 'The roles are benefit, sacrifice, expectation and perception.';
	END IF;
	SELECT i INTO bad FROM unnest(dimensions) WITH ORDINALITY AS t(d, i)
	WHERE d IS NULL OR d = '' OR octet_length(d) > 255 ORDER BY i LIMIT 1;
	IF FOUND THEN
		RAISE EXCEPTION 'dimension % of value model "%" needs a name of 1 to 255 bytes', bad.i, model_name
			USING ERRCODE = '22023';
	END IF;
	SELECT d, w INTO bad FROM unnest(dimensions, weights) WITH ORDINALITY AS t(d, w, i)
	WHERE w IS NULL OR NOT (w > 0 AND w < 'Infinity') ORDER BY i LIMIT 1;
	IF FOUND THEN
		RAISE EXCEPTION 'weight of dimension "%" in value model "%" must be positive and finite, got %',
			bad.d, model_name, coalesce(bad.w::text, 'NULL')
			USING ERRCODE = '22023';
	END IF;
	SELECT d, c INTO bad FROM unnest(dimensions, canonical) WITH ORDINALITY AS t(d, c, i)
	GROUP BY d, c HAVING count(*) > 1 ORDER BY min(i) LIMIT 1;
	IF FOUND THEN
		RAISE EXCEPTION 'dimension "%" is listed as a % of value model "%" more than once',
			bad.d, bad.c, model_name
			USING ERRCODE = '22023';
	END IF;
	SELECT d INTO bad FROM unnest(dimensions, canonical) WITH ORDINALITY AS t(d, c, i)
	GROUP BY d
	HAVING count(*) FILTER (WHERE c IN ('benefit', 'sacrifice')) > 1
	    OR count(*) FILTER (WHERE c IN ('expectation', 'perception')) > 1
	ORDER BY min(i) LIMIT 1;
	IF FOUND THEN
		RAISE EXCEPTION 'dimension "%" of value model "%" cannot be both a benefit and a sacrifice, or both an expectation and a perception',
			bad.d, model_name
			USING ERRCODE = '22023';
	END IF;

	DELETE FROM cx.value_model m WHERE m.name = model_name;
	INSERT INTO cx.value_model (name, description) VALUES (model_name, define_value_model.description);
	INSERT INTO cx.value_model_dimension (model, role, dimension, weight)
	SELECT model_name, c, d, w
	FROM unnest(dimensions, canonical, weights) WITH ORDINALITY AS t(d, c, w, i)
	ORDER BY i;
END $$;
COMMENT ON FUNCTION cx.define_value_model(text, text[], text[], float8[], text) IS
	'Define (or replace) a value model: dimensions[i] plays roles[i] (benefit, sacrifice, expectation or perception) with weights[i] (all 1 when weights is NULL)';

CREATE FUNCTION cx.define_value_model(name text, roles jsonb, description text DEFAULT NULL)
RETURNS void
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	model_name text := define_value_model.name;
	role_name text;
	members jsonb;
	dimension text;
	weight jsonb;
	dims text[] := '{}';
	rls text[] := '{}';
	wts float8[] := '{}';
BEGIN
	IF roles IS NULL OR jsonb_typeof(roles) <> 'object' THEN
		RAISE EXCEPTION 'the roles of value model "%" must be a jsonb object', model_name
			USING ERRCODE = '22023',
			      HINT = 'For example {"benefit": {"functional": 2, "social": 1}, "sacrifice": ["time", "effort"]}.';
	END IF;
	FOR role_name, members IN SELECT key, value FROM jsonb_each(roles) LOOP
		CASE jsonb_typeof(members)
		WHEN 'object' THEN
			FOR dimension, weight IN SELECT key, value FROM jsonb_each(members) LOOP
				IF jsonb_typeof(weight) <> 'number' THEN
					RAISE EXCEPTION 'weight of dimension "%" in value model "%" must be positive and finite, got %',
						dimension, model_name, weight
						USING ERRCODE = '22023';
				END IF;
				dims := dims || dimension;
				rls := rls || role_name;
				wts := wts || weight::float8;
			END LOOP;
		WHEN 'array' THEN
			FOR weight IN SELECT value FROM jsonb_array_elements(members) LOOP
				IF jsonb_typeof(weight) <> 'string' THEN
					RAISE EXCEPTION 'role "%" of value model "%" lists %, not a dimension name', role_name, model_name, weight
						USING ERRCODE = '22023';
				END IF;
				dims := dims || (weight #>> '{}');
				rls := rls || role_name;
				wts := wts || 1::float8;
			END LOOP;
		WHEN 'string' THEN
			dims := dims || (members #>> '{}');
			rls := rls || role_name;
			wts := wts || 1::float8;
		ELSE
			RAISE EXCEPTION 'role "%" of value model "%" must list dimensions as an object of weights, an array or a string, got %',
				role_name, model_name, members
				USING ERRCODE = '22023';
		END CASE;
	END LOOP;
	PERFORM cx.define_value_model(model_name, dims, rls, wts, description);
END $$;
COMMENT ON FUNCTION cx.define_value_model(text, jsonb, text) IS
	'Define (or replace) a value model from jsonb such as {"benefit": {"functional": 2, "social": 1}, "sacrifice": ["time", "effort"]}; weights default to 1';

CREATE FUNCTION cx.drop_value_model(name text)
RETURNS void
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	IF EXISTS (SELECT FROM cx.value_model m WHERE m.name = drop_value_model.name AND m.builtin) THEN
		RAISE EXCEPTION 'value model "%" is built in and cannot be dropped', drop_value_model.name
			USING ERRCODE = '22023';
	END IF;
	DELETE FROM cx.value_model m WHERE m.name = drop_value_model.name;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'value model "%" does not exist', drop_value_model.name
			USING ERRCODE = '22023';
	END IF;
END $$;
COMMENT ON FUNCTION cx.drop_value_model(text) IS 'Drop a user-defined value model';

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
-- workspace: tables and BI views in a schema the caller owns

CREATE FUNCTION cx.create_workspace_views(schema name)
RETURNS void
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $views$
DECLARE
	s text := quote_ident(schema);
BEGIN
	IF schema IS NULL THEN
		RAISE EXCEPTION 'schema must not be NULL' USING ERRCODE = '22004';
	END IF;
	IF to_regclass(format('%s.touchpoints', s)) IS NULL THEN
		RAISE EXCEPTION 'schema % holds no workspace', schema
			USING ERRCODE = '42P01', HINT = 'cx.create_workspace() makes one.';
	END IF;

	---------------------------------------------------------------- views

	-- Means over many rows are summed in numeric, so that they never depend
	-- on the order rows arrive in (plan, parallel workers, a restored copy).

	-- One row per journey: the cx.journey summary and its figures.
	EXECUTE format($sql$
	CREATE OR REPLACE VIEW %1$s.journey_summary WITH (security_invoker = true) AS
	SELECT j.provider, j.service, j.journey_id, j.customer_id, j.segment, j.outcome, j.completed,
	       coalesce(cx.n(a.journey), 0) AS touchpoints,
	       cx.started_at(a.journey) AS started_at,
	       cx.ended_at(a.journey) AS ended_at,
	       cx.duration(a.journey) AS duration,
	       extract(epoch FROM cx.duration(a.journey))::float8 / 86400 AS duration_days,
	       cx.first_stage(a.journey) AS first_stage,
	       cx.last_stage(a.journey) AS last_stage,
	       cx.path(a.journey) AS path,
	       array_to_string(cx.path(a.journey), ' > ') AS path_text,
	       cx.channels(a.journey) AS channels,
	       (cx.channels(a.journey))[1] AS first_channel,
	       cx.channel_switches(a.journey) AS channel_switches,
	       cx.repeats(a.journey) AS repeats,
	       coalesce(cx.repeats(a.journey, (SELECT v.repeat_window FROM %1$s.services v
	                                       WHERE v.provider = j.provider AND v.service = j.service)),
	                cx.repeats(a.journey)) > 0 AS repeat_contact,
	       cx.mean_score(a.journey) AS mean_score,
	       cx.min_score(a.journey) AS min_score,
	       cx.end_score(a.journey) AS end_score,
	       cx.peak_end(a.journey) AS peak_end,
	       cx.worst_stage(a.journey) AS worst_stage,
	       a.journey
	FROM %1$s.journeys j
	LEFT JOIN (SELECT t.provider, t.service, t.journey_id,
	                  cx.journey_agg(t.at, t.stage, t.score, t.channel) AS journey
	           FROM %1$s.touchpoints t
	           GROUP BY t.provider, t.service, t.journey_id) a USING (provider, service, journey_id);
	COMMENT ON VIEW %1$s.journey_summary IS
		'cxvalue workspace: one row per journey with its cx.journey summary (path, channels, repeats, scores, peak-end)';
	$sql$, s);

	-- Survey items per service: n, mean, top-2-box with its Wilson interval, NPS on 0..10.
	EXECUTE format($sql$
	CREATE OR REPLACE VIEW %1$s.survey_items WITH (security_invoker = true) AS
	SELECT provider, service, item, lo, hi,
	       cx.n(sc) AS answers, cx.missing(sc) AS missing, cx.mean(sc) AS mean,
	       (cx.top_box_ci(sc)).value AS top2, (cx.top_box_ci(sc)).lower AS top2_lower,
	       (cx.top_box_ci(sc)).upper AS top2_upper, cx.bottom_box(sc) AS bottom2,
	       CASE WHEN lo = 0 AND hi = 10 THEN cx.nps(sc) END AS nps,
	       sc AS scores
	FROM (SELECT provider, service, item, lo, hi, cx.scores_agg(answer, lo, hi) AS sc
	      FROM %1$s.survey_answers
	      GROUP BY provider, service, item, lo, hi) a;
	COMMENT ON VIEW %1$s.survey_items IS
		'cxvalue workspace: per service and survey item, the answers, mean, top-2-box (A-11 percent agree) with its Wilson 95%% interval, and NPS for 0..10 items';
	$sql$, s);

	-- Value per service, read with the service's value model.
	EXECUTE format($sql$
	CREATE OR REPLACE VIEW %1$s.value_by_service WITH (security_invoker = true) AS
	SELECT v.provider, v.service, v.value_model,
	       cx.n(a.value) AS answers, a.respondents,
	       cx.benefits(a.value, v.value_model) AS benefits,
	       cx.sacrifices(a.value, v.value_model) AS sacrifices,
	       cx.value_index(a.value, v.value_model) AS value_index,
	       cx.value_ratio(a.value, v.value_model) AS value_ratio,
	       cx.disconfirmation(a.value) AS disconfirmation,
	       cx.co_destruction(a.value, v.value_model) AS co_destruction,
	       a.value
	FROM %1$s.services v
	JOIN (SELECT provider, service, count(DISTINCT respondent_id) AS respondents,
	             cx.value_agg(dimension, score, lo, hi) AS value
	      FROM %1$s.value_answers
	      GROUP BY provider, service) a USING (provider, service);
	COMMENT ON VIEW %1$s.value_by_service IS
		'cxvalue workspace: customer value per service (benefits, sacrifices, value index and ratio, disconfirmation, co-destruction) under the service''s value model';

	CREATE OR REPLACE VIEW %1$s.value_dimensions WITH (security_invoker = true) AS
	SELECT provider, service, dimension, cx.n(value) AS answers,
	       cx.mean(value, dimension) AS mean
	FROM (SELECT provider, service, dimension, cx.value_agg(dimension, score, lo, hi) AS value
	      FROM %1$s.value_answers
	      GROUP BY provider, service, dimension) a;
	COMMENT ON VIEW %1$s.value_dimensions IS
		'cxvalue workspace: per service and value dimension, the answers and their mean normalised to [0, 1]';
	$sql$, s);

	-- Co-production quadrant mix per service.
	EXECUTE format($sql$
	CREATE OR REPLACE VIEW %1$s.quadrant_mix WITH (security_invoker = true) AS
	SELECT provider, service,
	       cx.n(profile) AS assessments, cx.skipped(profile) AS skipped,
	       cx.dominant(profile) AS dominant, cx.label(cx.dominant(profile)) AS dominant_label,
	       cx.share(profile, 'co-production') AS co_production,
	       cx.share(profile, 'co-construction') AS co_construction,
	       cx.share(profile, 'co-management') AS co_management,
	       cx.share(profile, 'co-design') AS co_design,
	       (cx.centroid(profile)).voluntariness AS voluntariness,
	       (cx.centroid(profile)).system_locus AS system_locus,
	       profile
	FROM (SELECT provider, service, cx.quadrant_agg(voluntariness, system_locus) AS profile
	      FROM %1$s.coproduction_assessments
	      GROUP BY provider, service) a;
	COMMENT ON VIEW %1$s.quadrant_mix IS
		'cxvalue workspace: per service, the share of assessments in each co-production quadrant, the dominant one and the centroid';
	$sql$, s);

	-- The scorecard: one row per service.
	EXECUTE format($sql$
	CREATE OR REPLACE VIEW %1$s.service_scorecard WITH (security_invoker = true) AS
	SELECT v.provider, v.service, v.name,
	       coalesce(j.journeys, 0) AS journeys,
	       coalesce(j.touchpoints, 0) AS touchpoints,
	       j.completed,
	       j.completion_rate,
	       j.median_duration,
	       extract(epoch FROM j.median_duration)::float8 / 86400 AS median_duration_days,
	       j.repeat_contact_rate,
	       j.multichannel_rate,
	       j.channel_switches,
	       j.mean_peak_end,
	       sat.answers AS satisfaction_answers,
	       sat.top2 AS satisfaction_top2,
	       sat.top2_lower AS satisfaction_top2_lower,
	       sat.top2_upper AS satisfaction_top2_upper,
	       rec.answers AS nps_answers,
	       (cx.nps_ci(rec.scores)).value AS nps,
	       (cx.nps_ci(rec.scores)).lower AS nps_lower,
	       (cx.nps_ci(rec.scores)).upper AS nps_upper,
	       val.value_model,
	       val.value_index,
	       val.co_destruction,
	       q.assessments AS coproduction_assessments,
	       q.dominant AS dominant_quadrant,
	       q.dominant_label AS dominant_quadrant_label
	FROM %1$s.services v
	LEFT JOIN (SELECT provider, service,
	                  count(*) AS journeys,
	                  sum(touchpoints) AS touchpoints,
	                  count(*) FILTER (WHERE completed) AS completed,
	                  avg(completed::int)::float8 AS completion_rate,
	                  percentile_cont(0.5) WITHIN GROUP (ORDER BY duration) AS median_duration,
	                  avg(repeat_contact::int) FILTER (WHERE touchpoints > 0)::float8 AS repeat_contact_rate,
	                  avg((cardinality(channels) > 1)::int) FILTER (WHERE touchpoints > 0)::float8 AS multichannel_rate,
	                  avg(channel_switches)::float8 AS channel_switches,
	                  avg(peak_end::numeric)::float8 AS mean_peak_end
	           FROM %1$s.journey_summary
	           GROUP BY provider, service) j USING (provider, service)
	LEFT JOIN %1$s.survey_items sat
	       ON sat.provider = v.provider AND sat.service = v.service
	      AND sat.item = 'satisfaction' AND sat.lo = 1 AND sat.hi = 5
	LEFT JOIN %1$s.survey_items rec
	       ON rec.provider = v.provider AND rec.service = v.service
	      AND rec.item = 'recommend' AND rec.lo = 0 AND rec.hi = 10
	LEFT JOIN %1$s.value_by_service val
	       ON val.provider = v.provider AND val.service = v.service
	LEFT JOIN %1$s.quadrant_mix q
	       ON q.provider = v.provider AND q.service = v.service;
	COMMENT ON VIEW %1$s.service_scorecard IS
		'cxvalue workspace: one row per service: journeys, completion, median duration, repeat contact, channels, peak-end, satisfaction top-2-box with Wilson interval, NPS, value index, dominant co-production quadrant';
	$sql$, s);

	-- Stages: where journeys hurt.
	EXECUTE format($sql$
	CREATE OR REPLACE VIEW %1$s.stage_pain_points WITH (security_invoker = true) AS
	SELECT js.provider, js.service, st.stage,
	       count(*) AS journeys,
	       count(*)::float8 / max(js.service_journeys) AS reach_rate,
	       sum(st.touchpoints) AS touchpoints,
	       sum(st.touchpoints - 1) AS rework,
	       count(*) FILTER (WHERE st.touchpoints > 1) AS rework_journeys,
	       (count(*) FILTER (WHERE st.touchpoints > 1))::float8 / count(*) AS rework_rate,
	       sum(st.scored) AS scored,
	       (sum(st.score_sum) / nullif(sum(st.scored), 0))::float8 AS mean_score,
	       count(*) FILTER (WHERE js.worst_stage = st.stage) AS worst_in,
	       count(*) FILTER (WHERE js.last_stage = st.stage) AS last_in,
	       percentile_cont(0.5) WITHIN GROUP (ORDER BY cx.dwell(js.journey, st.stage)) AS median_dwell,
	       avg(cx.dwell(js.journey, st.stage)) AS mean_dwell
	FROM (SELECT provider, service, journey, worst_stage, last_stage,
	             count(*) OVER (PARTITION BY provider, service) AS service_journeys
	      FROM %1$s.journey_summary) js
	CROSS JOIN LATERAL (SELECT t.stage, count(*) AS touchpoints, count(t.score) AS scored,
	                           sum(t.score::numeric) AS score_sum
	                    FROM cx.touchpoints(js.journey) t
	                    GROUP BY t.stage) st
	GROUP BY js.provider, js.service, st.stage;
	COMMENT ON VIEW %1$s.stage_pain_points IS
		'cxvalue workspace: per service and stage, the journeys reaching it, rework (repeated occurrences), mean score, how often it is the worst or last moment, and dwell time';
	$sql$, s);

	-- Transitions between adjacent touchpoints: journey maps, Sankey diagrams.
	EXECUTE format($sql$
	CREATE OR REPLACE VIEW %1$s.stage_transitions WITH (security_invoker = true) AS
	SELECT js.provider, js.service, tr.from_stage, tr.to_stage,
	       count(*) AS transitions,
	       count(DISTINCT js.journey_id) AS journeys,
	       count(*) FILTER (WHERE tr.to_stage = ANY (js.path[1:tr.k])) AS backward,
	       percentile_cont(0.5) WITHIN GROUP (ORDER BY tr.seconds) AS median_seconds,
	       avg(tr.seconds::numeric)::float8 AS mean_seconds
	FROM %1$s.journey_summary js
	CROSS JOIN LATERAL cx.transitions(js.journey) WITH ORDINALITY AS tr(from_stage, to_stage, seconds, k)
	GROUP BY js.provider, js.service, tr.from_stage, tr.to_stage;
	COMMENT ON VIEW %1$s.stage_transitions IS
		'cxvalue workspace: per service, how often one stage follows another, in how many journeys, how often back to a stage already seen (rework), and the time between';

	CREATE OR REPLACE VIEW %1$s.rework_loops WITH (security_invoker = true) AS
	SELECT provider, service, stage, loop, count(*) AS occurrences,
	       count(DISTINCT journey_id) AS journeys
	FROM (SELECT js.provider, js.service, js.journey_id, t.stage,
	             array_to_string(js.path[t.k:lead(t.k) OVER w], ' > ') AS loop
	      FROM %1$s.journey_summary js
	      CROSS JOIN LATERAL cx.touchpoints(js.journey) WITH ORDINALITY AS t(at, stage, score, channel, k)
	      WINDOW w AS (PARTITION BY js.provider, js.service, js.journey_id, t.stage ORDER BY t.k)) o
	WHERE loop IS NOT NULL
	GROUP BY provider, service, stage, loop;
	COMMENT ON VIEW %1$s.rework_loops IS
		'cxvalue workspace: per service, each way journeys return to a stage (the stages from one occurrence to the next), how often and in how many journeys';

	CREATE OR REPLACE VIEW %1$s.journey_paths WITH (security_invoker = true) AS
	SELECT provider, service, path_text AS path, count(*) AS journeys,
	       count(*)::float8 / sum(count(*)) OVER (PARTITION BY provider, service) AS share,
	       avg(completed::int)::float8 AS completion_rate,
	       percentile_cont(0.5) WITHIN GROUP (ORDER BY duration) AS median_duration
	FROM %1$s.journey_summary
	WHERE touchpoints > 0
	GROUP BY provider, service, path_text;
	COMMENT ON VIEW %1$s.journey_paths IS
		'cxvalue workspace: per service, each distinct path (stages in order), its journeys, share, completion and median duration';

	CREATE OR REPLACE VIEW %1$s.channel_mix WITH (security_invoker = true) AS
	SELECT js.provider, js.service, t.channel,
	       count(DISTINCT js.journey_id) AS journeys,
	       count(*) AS touchpoints,
	       count(DISTINCT js.journey_id)::float8 / max(js.service_journeys) AS journey_share,
	       count(*)::float8 / max(js.service_touchpoints) AS touchpoint_share
	FROM (SELECT provider, service, journey_id, journey,
	             count(*) OVER w AS service_journeys, sum(touchpoints) OVER w AS service_touchpoints
	      FROM %1$s.journey_summary
	      WHERE touchpoints > 0
	      WINDOW w AS (PARTITION BY provider, service)) js
	CROSS JOIN LATERAL cx.touchpoints(js.journey) t
	GROUP BY js.provider, js.service, t.channel;
	COMMENT ON VIEW %1$s.channel_mix IS
		'cxvalue workspace: per service and channel (NULL: unknown), the journeys using it and the touchpoints through it, with their shares';
	$sql$, s);
END
$views$;
COMMENT ON FUNCTION cx.create_workspace_views(name) IS
	'(Re)creates the views of a cxvalue workspace, e.g. after DROP EXTENSION cxvalue CASCADE dropped them and left the tables';

CREATE FUNCTION cx.create_workspace(schema name)
RETURNS void
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $workspace$
DECLARE
	nsp oid;
	owner oid;
	clash text;
	s text := quote_ident(schema);
BEGIN
	IF schema IS NULL THEN
		RAISE EXCEPTION 'schema must not be NULL' USING ERRCODE = '22004';
	END IF;
	IF schema = 'cx' OR schema LIKE 'pg\_%' OR schema = 'information_schema' THEN
		RAISE EXCEPTION 'cannot create a workspace in schema %', schema
			USING ERRCODE = '22023',
			      HINT = 'A workspace holds data: put it in a schema of your own, so that DROP EXTENSION cxvalue never drops it.';
	END IF;

	SELECT n.oid, n.nspowner INTO nsp, owner FROM pg_namespace n WHERE n.nspname = schema;
	IF nsp IS NULL THEN
		EXECUTE format('CREATE SCHEMA %s', s);
	ELSE
		IF EXISTS (SELECT FROM pg_depend d
		           WHERE d.classid = 'pg_namespace'::regclass AND d.objid = nsp
		             AND d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e') THEN
			RAISE EXCEPTION 'cannot create a workspace in schema %, which belongs to an extension', schema
				USING ERRCODE = '22023',
				      HINT = 'Dropping the extension would drop the workspace''s data; use a schema of your own.';
		END IF;
		IF NOT pg_has_role(current_user, owner, 'USAGE') THEN
			RAISE EXCEPTION 'must own schema % to create a workspace in it', schema
				USING ERRCODE = '42501';
		END IF;
		SELECT string_agg(quote_ident(c.relname), ', ' ORDER BY c.relname) INTO clash
		FROM pg_class c
		WHERE c.relnamespace = nsp
		  AND c.relname IN ('services', 'journeys', 'touchpoints', 'survey_answers', 'value_answers',
		                    'coproduction_assessments', 'published_scores', 'journey_summary',
		                    'service_scorecard', 'stage_pain_points', 'stage_transitions',
		                    'rework_loops', 'journey_paths', 'channel_mix', 'survey_items',
		                    'quadrant_mix', 'value_by_service', 'value_dimensions');
		IF clash IS NOT NULL THEN
			RAISE EXCEPTION 'schema % already holds a workspace', schema
				USING ERRCODE = '42P07',
				      DETAIL = format('It has relations named %s.', clash),
				      HINT = 'A workspace is created once; cx.create_workspace_views() recreates its views.';
		END IF;
	END IF;

	---------------------------------------------------------------- tables

	EXECUTE format($sql$
	CREATE TABLE %1$s.services (
		provider text NOT NULL CHECK (provider <> ''),
		service text NOT NULL CHECK (service <> ''),
		name text NOT NULL,
		description text,
		value_model text NOT NULL DEFAULT 'get-give',
		repeat_window interval CHECK (repeat_window > interval '0'),
		PRIMARY KEY (provider, service)
	);
	COMMENT ON TABLE %1$s.services IS
		'cxvalue workspace: the public services measured, one row per provider and service';
	COMMENT ON COLUMN %1$s.services.provider IS
		'The organisation providing the service; row-level security policies can key on it';
	COMMENT ON COLUMN %1$s.services.value_model IS
		'The cxvalue value model (cx.value_index) the scorecard reads this service''s value answers with';
	COMMENT ON COLUMN %1$s.services.repeat_window IS
		'A repeated stage counts as a repeat contact when its previous occurrence is at most this long before; NULL: any time';

	CREATE TABLE %1$s.journeys (
		provider text NOT NULL,
		service text NOT NULL,
		journey_id text NOT NULL CHECK (journey_id <> ''),
		customer_id text,
		segment text,
		outcome text,
		completed boolean,
		PRIMARY KEY (provider, service, journey_id),
		FOREIGN KEY (provider, service) REFERENCES %1$s.services
			ON UPDATE CASCADE ON DELETE CASCADE
	);
	COMMENT ON TABLE %1$s.journeys IS
		'cxvalue workspace: one customer''s journey with one need through one service';
	COMMENT ON COLUMN %1$s.journeys.completed IS
		'Whether the journey met its need (true), ended without (false), or the data does not say (NULL)';
	CREATE INDEX ON %1$s.journeys (provider, customer_id);

	CREATE TABLE %1$s.touchpoints (
		touchpoint_id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
		provider text NOT NULL,
		service text NOT NULL,
		journey_id text NOT NULL,
		at timestamptz NOT NULL CHECK (isfinite(at)),
		stage text NOT NULL CHECK (stage <> ''),
		channel text CHECK (channel <> ''),
		score float8 CHECK (score > '-Infinity' AND score < 'Infinity'),
		FOREIGN KEY (provider, service, journey_id) REFERENCES %1$s.journeys
			ON UPDATE CASCADE ON DELETE CASCADE
	);
	COMMENT ON TABLE %1$s.touchpoints IS
		'cxvalue workspace: the moments of truth of each journey (stage, channel, optional score)';
	COMMENT ON COLUMN %1$s.touchpoints.score IS
		'The customer''s score of this moment, on the service''s own scale; NULL where not scored';
	CREATE INDEX ON %1$s.touchpoints (provider, service, journey_id, at);

	CREATE TABLE %1$s.survey_answers (
		answer_id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
		provider text NOT NULL,
		service text NOT NULL,
		journey_id text,
		respondent_id text,
		answered_at timestamptz,
		item text NOT NULL CHECK (item <> ''),
		answer int,
		lo int NOT NULL DEFAULT 1,
		hi int NOT NULL DEFAULT 5,
		CHECK (lo < hi AND hi - lo <= 100),
		CHECK (answer BETWEEN lo AND hi),
		FOREIGN KEY (provider, service) REFERENCES %1$s.services
			ON UPDATE CASCADE ON DELETE CASCADE,
		FOREIGN KEY (provider, service, journey_id) REFERENCES %1$s.journeys
			ON UPDATE CASCADE ON DELETE CASCADE
	);
	COMMENT ON TABLE %1$s.survey_answers IS
		'cxvalue workspace: one answer per row to a survey item on an integer scale lo..hi (NULL answer: skipped item)';
	COMMENT ON COLUMN %1$s.survey_answers.item IS
		'The item: the A-11 drivers satisfaction, trust, effectiveness, ease, efficiency, transparency, employee (1..5); recommend (0..10, NPS); or any other';
	CREATE INDEX ON %1$s.survey_answers (provider, service, item);
	CREATE INDEX ON %1$s.survey_answers (provider, service, journey_id);

	CREATE TABLE %1$s.value_answers (
		answer_id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
		provider text NOT NULL,
		service text NOT NULL,
		journey_id text,
		respondent_id text,
		answered_at timestamptz,
		dimension text NOT NULL CHECK (dimension <> ''),
		score float8 NOT NULL,
		lo float8 NOT NULL DEFAULT 1,
		hi float8 NOT NULL DEFAULT 5,
		CHECK (lo < hi AND lo > '-Infinity' AND hi < 'Infinity'),
		CHECK (score BETWEEN lo AND hi),
		FOREIGN KEY (provider, service) REFERENCES %1$s.services
			ON UPDATE CASCADE ON DELETE CASCADE,
		FOREIGN KEY (provider, service, journey_id) REFERENCES %1$s.journeys
			ON UPDATE CASCADE ON DELETE CASCADE
	);
	COMMENT ON TABLE %1$s.value_answers IS
		'cxvalue workspace: one answer per row on a customer-value dimension (functional, time, perceived, ...) scored on lo..hi';
	CREATE INDEX ON %1$s.value_answers (provider, service, dimension);
	CREATE INDEX ON %1$s.value_answers (provider, service, journey_id);

	CREATE TABLE %1$s.coproduction_assessments (
		assessment_id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
		provider text NOT NULL,
		service text NOT NULL,
		assessed_at timestamptz,
		assessor text,
		voluntariness float8 CHECK (voluntariness BETWEEN 0 AND 1),
		system_locus float8 CHECK (system_locus BETWEEN 0 AND 1),
		note text,
		FOREIGN KEY (provider, service) REFERENCES %1$s.services
			ON UPDATE CASCADE ON DELETE CASCADE
	);
	COMMENT ON TABLE %1$s.coproduction_assessments IS
		'cxvalue workspace: how voluntary (0..1) and how system-level (0..1) co-production in a service is, one assessment per row';
	CREATE INDEX ON %1$s.coproduction_assessments (provider, service);

	CREATE TABLE %1$s.published_scores (
		provider text NOT NULL,
		service text NOT NULL,
		period text NOT NULL,
		touchpoint text NOT NULL DEFAULT '',
		item text NOT NULL CHECK (item <> ''),
		mean float8 CHECK (mean BETWEEN lo AND hi),
		lo float8 NOT NULL DEFAULT 1,
		hi float8 NOT NULL DEFAULT 5,
		respondents bigint CHECK (respondents >= 0),
		wording text,
		source text,
		CHECK (lo < hi),
		PRIMARY KEY (provider, service, period, touchpoint, item),
		FOREIGN KEY (provider, service) REFERENCES %1$s.services
			ON UPDATE CASCADE ON DELETE CASCADE
	);
	COMMENT ON TABLE %1$s.published_scores IS
		'cxvalue workspace: item means published by a provider (e.g. A-11 HISP reports) where the individual answers are not available; NULL mean: not asked';
	$sql$, s);

	PERFORM cx.create_workspace_views(schema);
END
$workspace$;
COMMENT ON FUNCTION cx.create_workspace(name) IS
	'Creates, in a schema the caller owns (created if missing), the cxvalue tables (services, journeys, touchpoints, survey and value answers, co-production assessments, published scores) and the security_invoker views BI tools read';
