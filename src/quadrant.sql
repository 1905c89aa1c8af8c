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
