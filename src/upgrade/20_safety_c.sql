-- Issue 10 §5: `=`, `<>` and btree and hash operator classes on the four
-- summary types of 0.1.0 (the same DDL as in each type's part).

-- cx.journey comparison: `=` and `<>` on the canonical stored bytes, with a
-- btree and a hash operator class, so DISTINCT, UNION, GROUP BY, hash
-- joins and REPLICA IDENTITY FULL work; the order is bytewise, a total
-- order for sorting and grouping with no meaning beyond that.

CREATE FUNCTION cx.journey_eq(cx.journey, cx.journey) RETURNS boolean
AS 'MODULE_PATHNAME', 'cx_summary_eq'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.journey_eq(cx.journey, cx.journey) IS
	'Whether two journeys are equal: the same stored bytes';

CREATE FUNCTION cx.journey_ne(cx.journey, cx.journey) RETURNS boolean
AS 'MODULE_PATHNAME', 'cx_summary_ne'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.journey_ne(cx.journey, cx.journey) IS
	'Whether two journeys differ';

CREATE FUNCTION cx.journey_lt(cx.journey, cx.journey) RETURNS boolean
AS 'MODULE_PATHNAME', 'cx_summary_lt'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.journey_lt(cx.journey, cx.journey) IS
	'Bytewise order of two journeys, for sorting: less than';

CREATE FUNCTION cx.journey_le(cx.journey, cx.journey) RETURNS boolean
AS 'MODULE_PATHNAME', 'cx_summary_le'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.journey_le(cx.journey, cx.journey) IS
	'Bytewise order of two journeys, for sorting: less than or equal';

CREATE FUNCTION cx.journey_gt(cx.journey, cx.journey) RETURNS boolean
AS 'MODULE_PATHNAME', 'cx_summary_gt'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.journey_gt(cx.journey, cx.journey) IS
	'Bytewise order of two journeys, for sorting: greater than';

CREATE FUNCTION cx.journey_ge(cx.journey, cx.journey) RETURNS boolean
AS 'MODULE_PATHNAME', 'cx_summary_ge'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.journey_ge(cx.journey, cx.journey) IS
	'Bytewise order of two journeys, for sorting: greater than or equal';

CREATE FUNCTION cx.journey_cmp(cx.journey, cx.journey) RETURNS integer
AS 'MODULE_PATHNAME', 'cx_summary_cmp'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.journey_cmp(cx.journey, cx.journey) IS
	'Btree support: -1, 0 or 1 in the bytewise order of two journeys';

CREATE FUNCTION cx.journey_hash(cx.journey) RETURNS integer
AS 'MODULE_PATHNAME', 'cx_summary_hash'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.journey_hash(cx.journey) IS
	'Hash support: a hash of the stored bytes';

CREATE FUNCTION cx.journey_hash_extended(cx.journey, bigint) RETURNS bigint
AS 'MODULE_PATHNAME', 'cx_summary_hash_extended'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.journey_hash_extended(cx.journey, bigint) IS
	'Hash support: a seeded 64-bit hash of the stored bytes';

CREATE OPERATOR cx.= (
	LEFTARG = cx.journey,
	RIGHTARG = cx.journey,
	FUNCTION = cx.journey_eq,
	COMMUTATOR = OPERATOR(cx.=),
	NEGATOR = OPERATOR(cx.<>),
	RESTRICT = pg_catalog.eqsel,
	JOIN = pg_catalog.eqjoinsel,
	HASHES,
	MERGES
);
COMMENT ON OPERATOR cx.= (cx.journey, cx.journey) IS
	'Whether two journeys are equal (the same stored bytes)';

CREATE OPERATOR cx.<> (
	LEFTARG = cx.journey,
	RIGHTARG = cx.journey,
	FUNCTION = cx.journey_ne,
	COMMUTATOR = OPERATOR(cx.<>),
	NEGATOR = OPERATOR(cx.=),
	RESTRICT = pg_catalog.neqsel,
	JOIN = pg_catalog.neqjoinsel
);
COMMENT ON OPERATOR cx.<> (cx.journey, cx.journey) IS
	'Whether two journeys differ';

CREATE OPERATOR cx.< (
	LEFTARG = cx.journey,
	RIGHTARG = cx.journey,
	FUNCTION = cx.journey_lt,
	COMMUTATOR = OPERATOR(cx.>),
	NEGATOR = OPERATOR(cx.>=),
	RESTRICT = pg_catalog.scalarltsel,
	JOIN = pg_catalog.scalarltjoinsel
);
COMMENT ON OPERATOR cx.< (cx.journey, cx.journey) IS
	'Bytewise order, for sorting only: less than';

CREATE OPERATOR cx.<= (
	LEFTARG = cx.journey,
	RIGHTARG = cx.journey,
	FUNCTION = cx.journey_le,
	COMMUTATOR = OPERATOR(cx.>=),
	NEGATOR = OPERATOR(cx.>),
	RESTRICT = pg_catalog.scalarlesel,
	JOIN = pg_catalog.scalarlejoinsel
);
COMMENT ON OPERATOR cx.<= (cx.journey, cx.journey) IS
	'Bytewise order, for sorting only: less than or equal';

CREATE OPERATOR cx.> (
	LEFTARG = cx.journey,
	RIGHTARG = cx.journey,
	FUNCTION = cx.journey_gt,
	COMMUTATOR = OPERATOR(cx.<),
	NEGATOR = OPERATOR(cx.<=),
	RESTRICT = pg_catalog.scalargtsel,
	JOIN = pg_catalog.scalargtjoinsel
);
COMMENT ON OPERATOR cx.> (cx.journey, cx.journey) IS
	'Bytewise order, for sorting only: greater than';

CREATE OPERATOR cx.>= (
	LEFTARG = cx.journey,
	RIGHTARG = cx.journey,
	FUNCTION = cx.journey_ge,
	COMMUTATOR = OPERATOR(cx.<=),
	NEGATOR = OPERATOR(cx.<),
	RESTRICT = pg_catalog.scalargesel,
	JOIN = pg_catalog.scalargejoinsel
);
COMMENT ON OPERATOR cx.>= (cx.journey, cx.journey) IS
	'Bytewise order, for sorting only: greater than or equal';

CREATE OPERATOR CLASS cx.journey_ops
	DEFAULT FOR TYPE cx.journey USING btree AS
	OPERATOR 1 cx.<,
	OPERATOR 2 cx.<=,
	OPERATOR 3 cx.=,
	OPERATOR 4 cx.>=,
	OPERATOR 5 cx.>,
	FUNCTION 1 cx.journey_cmp(cx.journey, cx.journey);
COMMENT ON OPERATOR CLASS cx.journey_ops USING btree IS
	'Bytewise order of journeys: sorting, grouping, DISTINCT, UNION and merge joins';

CREATE OPERATOR CLASS cx.journey_hash_ops
	DEFAULT FOR TYPE cx.journey USING hash AS
	OPERATOR 1 cx.=,
	FUNCTION 1 cx.journey_hash(cx.journey),
	FUNCTION 2 cx.journey_hash_extended(cx.journey, bigint);
COMMENT ON OPERATOR CLASS cx.journey_hash_ops USING hash IS
	'Hashing of journeys: hash aggregation, hash joins and hashed DISTINCT and UNION';

-- cx.scores comparison: `=` and `<>` on the canonical stored bytes, with a
-- btree and a hash operator class, so DISTINCT, UNION, GROUP BY, hash
-- joins and REPLICA IDENTITY FULL work; the order is bytewise, a total
-- order for sorting and grouping with no meaning beyond that.

CREATE FUNCTION cx.scores_eq(cx.scores, cx.scores) RETURNS boolean
AS 'MODULE_PATHNAME', 'cx_summary_eq'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.scores_eq(cx.scores, cx.scores) IS
	'Whether two score summaries are equal: the same stored bytes';

CREATE FUNCTION cx.scores_ne(cx.scores, cx.scores) RETURNS boolean
AS 'MODULE_PATHNAME', 'cx_summary_ne'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.scores_ne(cx.scores, cx.scores) IS
	'Whether two score summaries differ';

CREATE FUNCTION cx.scores_lt(cx.scores, cx.scores) RETURNS boolean
AS 'MODULE_PATHNAME', 'cx_summary_lt'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.scores_lt(cx.scores, cx.scores) IS
	'Bytewise order of two score summaries, for sorting: less than';

CREATE FUNCTION cx.scores_le(cx.scores, cx.scores) RETURNS boolean
AS 'MODULE_PATHNAME', 'cx_summary_le'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.scores_le(cx.scores, cx.scores) IS
	'Bytewise order of two score summaries, for sorting: less than or equal';

CREATE FUNCTION cx.scores_gt(cx.scores, cx.scores) RETURNS boolean
AS 'MODULE_PATHNAME', 'cx_summary_gt'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.scores_gt(cx.scores, cx.scores) IS
	'Bytewise order of two score summaries, for sorting: greater than';

CREATE FUNCTION cx.scores_ge(cx.scores, cx.scores) RETURNS boolean
AS 'MODULE_PATHNAME', 'cx_summary_ge'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.scores_ge(cx.scores, cx.scores) IS
	'Bytewise order of two score summaries, for sorting: greater than or equal';

CREATE FUNCTION cx.scores_cmp(cx.scores, cx.scores) RETURNS integer
AS 'MODULE_PATHNAME', 'cx_summary_cmp'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.scores_cmp(cx.scores, cx.scores) IS
	'Btree support: -1, 0 or 1 in the bytewise order of two score summaries';

CREATE FUNCTION cx.scores_hash(cx.scores) RETURNS integer
AS 'MODULE_PATHNAME', 'cx_summary_hash'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.scores_hash(cx.scores) IS
	'Hash support: a hash of the stored bytes';

CREATE FUNCTION cx.scores_hash_extended(cx.scores, bigint) RETURNS bigint
AS 'MODULE_PATHNAME', 'cx_summary_hash_extended'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.scores_hash_extended(cx.scores, bigint) IS
	'Hash support: a seeded 64-bit hash of the stored bytes';

CREATE OPERATOR cx.= (
	LEFTARG = cx.scores,
	RIGHTARG = cx.scores,
	FUNCTION = cx.scores_eq,
	COMMUTATOR = OPERATOR(cx.=),
	NEGATOR = OPERATOR(cx.<>),
	RESTRICT = pg_catalog.eqsel,
	JOIN = pg_catalog.eqjoinsel,
	HASHES,
	MERGES
);
COMMENT ON OPERATOR cx.= (cx.scores, cx.scores) IS
	'Whether two score summaries are equal (the same stored bytes)';

CREATE OPERATOR cx.<> (
	LEFTARG = cx.scores,
	RIGHTARG = cx.scores,
	FUNCTION = cx.scores_ne,
	COMMUTATOR = OPERATOR(cx.<>),
	NEGATOR = OPERATOR(cx.=),
	RESTRICT = pg_catalog.neqsel,
	JOIN = pg_catalog.neqjoinsel
);
COMMENT ON OPERATOR cx.<> (cx.scores, cx.scores) IS
	'Whether two score summaries differ';

CREATE OPERATOR cx.< (
	LEFTARG = cx.scores,
	RIGHTARG = cx.scores,
	FUNCTION = cx.scores_lt,
	COMMUTATOR = OPERATOR(cx.>),
	NEGATOR = OPERATOR(cx.>=),
	RESTRICT = pg_catalog.scalarltsel,
	JOIN = pg_catalog.scalarltjoinsel
);
COMMENT ON OPERATOR cx.< (cx.scores, cx.scores) IS
	'Bytewise order, for sorting only: less than';

CREATE OPERATOR cx.<= (
	LEFTARG = cx.scores,
	RIGHTARG = cx.scores,
	FUNCTION = cx.scores_le,
	COMMUTATOR = OPERATOR(cx.>=),
	NEGATOR = OPERATOR(cx.>),
	RESTRICT = pg_catalog.scalarlesel,
	JOIN = pg_catalog.scalarlejoinsel
);
COMMENT ON OPERATOR cx.<= (cx.scores, cx.scores) IS
	'Bytewise order, for sorting only: less than or equal';

CREATE OPERATOR cx.> (
	LEFTARG = cx.scores,
	RIGHTARG = cx.scores,
	FUNCTION = cx.scores_gt,
	COMMUTATOR = OPERATOR(cx.<),
	NEGATOR = OPERATOR(cx.<=),
	RESTRICT = pg_catalog.scalargtsel,
	JOIN = pg_catalog.scalargtjoinsel
);
COMMENT ON OPERATOR cx.> (cx.scores, cx.scores) IS
	'Bytewise order, for sorting only: greater than';

CREATE OPERATOR cx.>= (
	LEFTARG = cx.scores,
	RIGHTARG = cx.scores,
	FUNCTION = cx.scores_ge,
	COMMUTATOR = OPERATOR(cx.<=),
	NEGATOR = OPERATOR(cx.<),
	RESTRICT = pg_catalog.scalargesel,
	JOIN = pg_catalog.scalargejoinsel
);
COMMENT ON OPERATOR cx.>= (cx.scores, cx.scores) IS
	'Bytewise order, for sorting only: greater than or equal';

CREATE OPERATOR CLASS cx.scores_ops
	DEFAULT FOR TYPE cx.scores USING btree AS
	OPERATOR 1 cx.<,
	OPERATOR 2 cx.<=,
	OPERATOR 3 cx.=,
	OPERATOR 4 cx.>=,
	OPERATOR 5 cx.>,
	FUNCTION 1 cx.scores_cmp(cx.scores, cx.scores);
COMMENT ON OPERATOR CLASS cx.scores_ops USING btree IS
	'Bytewise order of score summaries: sorting, grouping, DISTINCT, UNION and merge joins';

CREATE OPERATOR CLASS cx.scores_hash_ops
	DEFAULT FOR TYPE cx.scores USING hash AS
	OPERATOR 1 cx.=,
	FUNCTION 1 cx.scores_hash(cx.scores),
	FUNCTION 2 cx.scores_hash_extended(cx.scores, bigint);
COMMENT ON OPERATOR CLASS cx.scores_hash_ops USING hash IS
	'Hashing of score summaries: hash aggregation, hash joins and hashed DISTINCT and UNION';

-- cx.customer_value comparison: `=` and `<>` on the canonical stored bytes, with a
-- btree and a hash operator class, so DISTINCT, UNION, GROUP BY, hash
-- joins and REPLICA IDENTITY FULL work; the order is bytewise, a total
-- order for sorting and grouping with no meaning beyond that.

CREATE FUNCTION cx.customer_value_eq(cx.customer_value, cx.customer_value) RETURNS boolean
AS 'MODULE_PATHNAME', 'cx_summary_eq'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.customer_value_eq(cx.customer_value, cx.customer_value) IS
	'Whether two customer values are equal: the same stored bytes';

CREATE FUNCTION cx.customer_value_ne(cx.customer_value, cx.customer_value) RETURNS boolean
AS 'MODULE_PATHNAME', 'cx_summary_ne'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.customer_value_ne(cx.customer_value, cx.customer_value) IS
	'Whether two customer values differ';

CREATE FUNCTION cx.customer_value_lt(cx.customer_value, cx.customer_value) RETURNS boolean
AS 'MODULE_PATHNAME', 'cx_summary_lt'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.customer_value_lt(cx.customer_value, cx.customer_value) IS
	'Bytewise order of two customer values, for sorting: less than';

CREATE FUNCTION cx.customer_value_le(cx.customer_value, cx.customer_value) RETURNS boolean
AS 'MODULE_PATHNAME', 'cx_summary_le'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.customer_value_le(cx.customer_value, cx.customer_value) IS
	'Bytewise order of two customer values, for sorting: less than or equal';

CREATE FUNCTION cx.customer_value_gt(cx.customer_value, cx.customer_value) RETURNS boolean
AS 'MODULE_PATHNAME', 'cx_summary_gt'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.customer_value_gt(cx.customer_value, cx.customer_value) IS
	'Bytewise order of two customer values, for sorting: greater than';

CREATE FUNCTION cx.customer_value_ge(cx.customer_value, cx.customer_value) RETURNS boolean
AS 'MODULE_PATHNAME', 'cx_summary_ge'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.customer_value_ge(cx.customer_value, cx.customer_value) IS
	'Bytewise order of two customer values, for sorting: greater than or equal';

CREATE FUNCTION cx.customer_value_cmp(cx.customer_value, cx.customer_value) RETURNS integer
AS 'MODULE_PATHNAME', 'cx_summary_cmp'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.customer_value_cmp(cx.customer_value, cx.customer_value) IS
	'Btree support: -1, 0 or 1 in the bytewise order of two customer values';

CREATE FUNCTION cx.customer_value_hash(cx.customer_value) RETURNS integer
AS 'MODULE_PATHNAME', 'cx_summary_hash'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.customer_value_hash(cx.customer_value) IS
	'Hash support: a hash of the stored bytes';

CREATE FUNCTION cx.customer_value_hash_extended(cx.customer_value, bigint) RETURNS bigint
AS 'MODULE_PATHNAME', 'cx_summary_hash_extended'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.customer_value_hash_extended(cx.customer_value, bigint) IS
	'Hash support: a seeded 64-bit hash of the stored bytes';

CREATE OPERATOR cx.= (
	LEFTARG = cx.customer_value,
	RIGHTARG = cx.customer_value,
	FUNCTION = cx.customer_value_eq,
	COMMUTATOR = OPERATOR(cx.=),
	NEGATOR = OPERATOR(cx.<>),
	RESTRICT = pg_catalog.eqsel,
	JOIN = pg_catalog.eqjoinsel,
	HASHES,
	MERGES
);
COMMENT ON OPERATOR cx.= (cx.customer_value, cx.customer_value) IS
	'Whether two customer values are equal (the same stored bytes)';

CREATE OPERATOR cx.<> (
	LEFTARG = cx.customer_value,
	RIGHTARG = cx.customer_value,
	FUNCTION = cx.customer_value_ne,
	COMMUTATOR = OPERATOR(cx.<>),
	NEGATOR = OPERATOR(cx.=),
	RESTRICT = pg_catalog.neqsel,
	JOIN = pg_catalog.neqjoinsel
);
COMMENT ON OPERATOR cx.<> (cx.customer_value, cx.customer_value) IS
	'Whether two customer values differ';

CREATE OPERATOR cx.< (
	LEFTARG = cx.customer_value,
	RIGHTARG = cx.customer_value,
	FUNCTION = cx.customer_value_lt,
	COMMUTATOR = OPERATOR(cx.>),
	NEGATOR = OPERATOR(cx.>=),
	RESTRICT = pg_catalog.scalarltsel,
	JOIN = pg_catalog.scalarltjoinsel
);
COMMENT ON OPERATOR cx.< (cx.customer_value, cx.customer_value) IS
	'Bytewise order, for sorting only: less than';

CREATE OPERATOR cx.<= (
	LEFTARG = cx.customer_value,
	RIGHTARG = cx.customer_value,
	FUNCTION = cx.customer_value_le,
	COMMUTATOR = OPERATOR(cx.>=),
	NEGATOR = OPERATOR(cx.>),
	RESTRICT = pg_catalog.scalarlesel,
	JOIN = pg_catalog.scalarlejoinsel
);
COMMENT ON OPERATOR cx.<= (cx.customer_value, cx.customer_value) IS
	'Bytewise order, for sorting only: less than or equal';

CREATE OPERATOR cx.> (
	LEFTARG = cx.customer_value,
	RIGHTARG = cx.customer_value,
	FUNCTION = cx.customer_value_gt,
	COMMUTATOR = OPERATOR(cx.<),
	NEGATOR = OPERATOR(cx.<=),
	RESTRICT = pg_catalog.scalargtsel,
	JOIN = pg_catalog.scalargtjoinsel
);
COMMENT ON OPERATOR cx.> (cx.customer_value, cx.customer_value) IS
	'Bytewise order, for sorting only: greater than';

CREATE OPERATOR cx.>= (
	LEFTARG = cx.customer_value,
	RIGHTARG = cx.customer_value,
	FUNCTION = cx.customer_value_ge,
	COMMUTATOR = OPERATOR(cx.<=),
	NEGATOR = OPERATOR(cx.<),
	RESTRICT = pg_catalog.scalargesel,
	JOIN = pg_catalog.scalargejoinsel
);
COMMENT ON OPERATOR cx.>= (cx.customer_value, cx.customer_value) IS
	'Bytewise order, for sorting only: greater than or equal';

CREATE OPERATOR CLASS cx.customer_value_ops
	DEFAULT FOR TYPE cx.customer_value USING btree AS
	OPERATOR 1 cx.<,
	OPERATOR 2 cx.<=,
	OPERATOR 3 cx.=,
	OPERATOR 4 cx.>=,
	OPERATOR 5 cx.>,
	FUNCTION 1 cx.customer_value_cmp(cx.customer_value, cx.customer_value);
COMMENT ON OPERATOR CLASS cx.customer_value_ops USING btree IS
	'Bytewise order of customer values: sorting, grouping, DISTINCT, UNION and merge joins';

CREATE OPERATOR CLASS cx.customer_value_hash_ops
	DEFAULT FOR TYPE cx.customer_value USING hash AS
	OPERATOR 1 cx.=,
	FUNCTION 1 cx.customer_value_hash(cx.customer_value),
	FUNCTION 2 cx.customer_value_hash_extended(cx.customer_value, bigint);
COMMENT ON OPERATOR CLASS cx.customer_value_hash_ops USING hash IS
	'Hashing of customer values: hash aggregation, hash joins and hashed DISTINCT and UNION';

-- cx.quadrant_profile comparison: `=` and `<>` on the canonical stored bytes, with a
-- btree and a hash operator class, so DISTINCT, UNION, GROUP BY, hash
-- joins and REPLICA IDENTITY FULL work; the order is bytewise, a total
-- order for sorting and grouping with no meaning beyond that.

CREATE FUNCTION cx.quadrant_profile_eq(cx.quadrant_profile, cx.quadrant_profile) RETURNS boolean
AS 'MODULE_PATHNAME', 'cx_summary_eq'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.quadrant_profile_eq(cx.quadrant_profile, cx.quadrant_profile) IS
	'Whether two quadrant profiles are equal: the same stored bytes';

CREATE FUNCTION cx.quadrant_profile_ne(cx.quadrant_profile, cx.quadrant_profile) RETURNS boolean
AS 'MODULE_PATHNAME', 'cx_summary_ne'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.quadrant_profile_ne(cx.quadrant_profile, cx.quadrant_profile) IS
	'Whether two quadrant profiles differ';

CREATE FUNCTION cx.quadrant_profile_lt(cx.quadrant_profile, cx.quadrant_profile) RETURNS boolean
AS 'MODULE_PATHNAME', 'cx_summary_lt'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.quadrant_profile_lt(cx.quadrant_profile, cx.quadrant_profile) IS
	'Bytewise order of two quadrant profiles, for sorting: less than';

CREATE FUNCTION cx.quadrant_profile_le(cx.quadrant_profile, cx.quadrant_profile) RETURNS boolean
AS 'MODULE_PATHNAME', 'cx_summary_le'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.quadrant_profile_le(cx.quadrant_profile, cx.quadrant_profile) IS
	'Bytewise order of two quadrant profiles, for sorting: less than or equal';

CREATE FUNCTION cx.quadrant_profile_gt(cx.quadrant_profile, cx.quadrant_profile) RETURNS boolean
AS 'MODULE_PATHNAME', 'cx_summary_gt'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.quadrant_profile_gt(cx.quadrant_profile, cx.quadrant_profile) IS
	'Bytewise order of two quadrant profiles, for sorting: greater than';

CREATE FUNCTION cx.quadrant_profile_ge(cx.quadrant_profile, cx.quadrant_profile) RETURNS boolean
AS 'MODULE_PATHNAME', 'cx_summary_ge'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.quadrant_profile_ge(cx.quadrant_profile, cx.quadrant_profile) IS
	'Bytewise order of two quadrant profiles, for sorting: greater than or equal';

CREATE FUNCTION cx.quadrant_profile_cmp(cx.quadrant_profile, cx.quadrant_profile) RETURNS integer
AS 'MODULE_PATHNAME', 'cx_summary_cmp'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.quadrant_profile_cmp(cx.quadrant_profile, cx.quadrant_profile) IS
	'Btree support: -1, 0 or 1 in the bytewise order of two quadrant profiles';

CREATE FUNCTION cx.quadrant_profile_hash(cx.quadrant_profile) RETURNS integer
AS 'MODULE_PATHNAME', 'cx_summary_hash'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.quadrant_profile_hash(cx.quadrant_profile) IS
	'Hash support: a hash of the stored bytes';

CREATE FUNCTION cx.quadrant_profile_hash_extended(cx.quadrant_profile, bigint) RETURNS bigint
AS 'MODULE_PATHNAME', 'cx_summary_hash_extended'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.quadrant_profile_hash_extended(cx.quadrant_profile, bigint) IS
	'Hash support: a seeded 64-bit hash of the stored bytes';

CREATE OPERATOR cx.= (
	LEFTARG = cx.quadrant_profile,
	RIGHTARG = cx.quadrant_profile,
	FUNCTION = cx.quadrant_profile_eq,
	COMMUTATOR = OPERATOR(cx.=),
	NEGATOR = OPERATOR(cx.<>),
	RESTRICT = pg_catalog.eqsel,
	JOIN = pg_catalog.eqjoinsel,
	HASHES,
	MERGES
);
COMMENT ON OPERATOR cx.= (cx.quadrant_profile, cx.quadrant_profile) IS
	'Whether two quadrant profiles are equal (the same stored bytes)';

CREATE OPERATOR cx.<> (
	LEFTARG = cx.quadrant_profile,
	RIGHTARG = cx.quadrant_profile,
	FUNCTION = cx.quadrant_profile_ne,
	COMMUTATOR = OPERATOR(cx.<>),
	NEGATOR = OPERATOR(cx.=),
	RESTRICT = pg_catalog.neqsel,
	JOIN = pg_catalog.neqjoinsel
);
COMMENT ON OPERATOR cx.<> (cx.quadrant_profile, cx.quadrant_profile) IS
	'Whether two quadrant profiles differ';

CREATE OPERATOR cx.< (
	LEFTARG = cx.quadrant_profile,
	RIGHTARG = cx.quadrant_profile,
	FUNCTION = cx.quadrant_profile_lt,
	COMMUTATOR = OPERATOR(cx.>),
	NEGATOR = OPERATOR(cx.>=),
	RESTRICT = pg_catalog.scalarltsel,
	JOIN = pg_catalog.scalarltjoinsel
);
COMMENT ON OPERATOR cx.< (cx.quadrant_profile, cx.quadrant_profile) IS
	'Bytewise order, for sorting only: less than';

CREATE OPERATOR cx.<= (
	LEFTARG = cx.quadrant_profile,
	RIGHTARG = cx.quadrant_profile,
	FUNCTION = cx.quadrant_profile_le,
	COMMUTATOR = OPERATOR(cx.>=),
	NEGATOR = OPERATOR(cx.>),
	RESTRICT = pg_catalog.scalarlesel,
	JOIN = pg_catalog.scalarlejoinsel
);
COMMENT ON OPERATOR cx.<= (cx.quadrant_profile, cx.quadrant_profile) IS
	'Bytewise order, for sorting only: less than or equal';

CREATE OPERATOR cx.> (
	LEFTARG = cx.quadrant_profile,
	RIGHTARG = cx.quadrant_profile,
	FUNCTION = cx.quadrant_profile_gt,
	COMMUTATOR = OPERATOR(cx.<),
	NEGATOR = OPERATOR(cx.<=),
	RESTRICT = pg_catalog.scalargtsel,
	JOIN = pg_catalog.scalargtjoinsel
);
COMMENT ON OPERATOR cx.> (cx.quadrant_profile, cx.quadrant_profile) IS
	'Bytewise order, for sorting only: greater than';

CREATE OPERATOR cx.>= (
	LEFTARG = cx.quadrant_profile,
	RIGHTARG = cx.quadrant_profile,
	FUNCTION = cx.quadrant_profile_ge,
	COMMUTATOR = OPERATOR(cx.<=),
	NEGATOR = OPERATOR(cx.<),
	RESTRICT = pg_catalog.scalargesel,
	JOIN = pg_catalog.scalargejoinsel
);
COMMENT ON OPERATOR cx.>= (cx.quadrant_profile, cx.quadrant_profile) IS
	'Bytewise order, for sorting only: greater than or equal';

CREATE OPERATOR CLASS cx.quadrant_profile_ops
	DEFAULT FOR TYPE cx.quadrant_profile USING btree AS
	OPERATOR 1 cx.<,
	OPERATOR 2 cx.<=,
	OPERATOR 3 cx.=,
	OPERATOR 4 cx.>=,
	OPERATOR 5 cx.>,
	FUNCTION 1 cx.quadrant_profile_cmp(cx.quadrant_profile, cx.quadrant_profile);
COMMENT ON OPERATOR CLASS cx.quadrant_profile_ops USING btree IS
	'Bytewise order of quadrant profiles: sorting, grouping, DISTINCT, UNION and merge joins';

CREATE OPERATOR CLASS cx.quadrant_profile_hash_ops
	DEFAULT FOR TYPE cx.quadrant_profile USING hash AS
	OPERATOR 1 cx.=,
	FUNCTION 1 cx.quadrant_profile_hash(cx.quadrant_profile),
	FUNCTION 2 cx.quadrant_profile_hash_extended(cx.quadrant_profile, bigint);
COMMENT ON OPERATOR CLASS cx.quadrant_profile_hash_ops USING hash IS
	'Hashing of quadrant profiles: hash aggregation, hash joins and hashed DISTINCT and UNION';

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
