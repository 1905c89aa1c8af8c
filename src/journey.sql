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

CREATE FUNCTION cx.journey_merge_add(internal, cx.journey)
RETURNS internal
AS 'MODULE_PATHNAME', 'cx_journey_merge_add'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION cx.journey_merge_add(internal, cx.journey) IS
	'cx.merge(cx.journey) transition: collect a partial journey''s touchpoints (NULL adds nothing)';

-- cx.merge(cx.journey) collects in cx.journey_agg's state and builds the
-- journey once in the final function, so merging k partials costs about k
-- times one partial; a group of a few partials of ten touchpoints each
-- takes about 1 kB (SSPACE).
CREATE AGGREGATE cx.merge(cx.journey) (
	SFUNC = cx.journey_merge_add,
	STYPE = internal,
	SSPACE = 1000,
	FINALFUNC = cx.journey_final,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = cx.journey_combine,
	SERIALFUNC = cx.journey_serialize,
	DESERIALFUNC = cx.journey_deserialize,
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
