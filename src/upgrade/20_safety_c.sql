-- Issue 10 §6: cx.merge(cx.journey) collects in cx.journey_agg's state and
-- builds once.  Its state type changes (cx.journey to internal), which
-- CREATE OR REPLACE AGGREGATE allows: unlike DROP and CREATE it keeps the
-- aggregate's identity, so views users built on cx.merge(j) survive the
-- update.

CREATE FUNCTION cx.journey_merge_add(internal, cx.journey)
RETURNS internal
AS 'MODULE_PATHNAME', 'cx_journey_merge_add'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION cx.journey_merge_add(internal, cx.journey) IS
	'cx.merge(cx.journey) transition: collect a partial journey''s touchpoints (NULL adds nothing)';

CREATE OR REPLACE AGGREGATE cx.merge(cx.journey) (
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
