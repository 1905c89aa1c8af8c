-- drivers type

CREATE TYPE cx.drivers;

CREATE FUNCTION cx.drivers_in(cstring) RETURNS cx.drivers
AS 'MODULE_PATHNAME', 'cx_drivers_in'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION cx.drivers_out(cx.drivers) RETURNS cstring
AS 'MODULE_PATHNAME', 'cx_drivers_out'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION cx.drivers_recv(internal) RETURNS cx.drivers
AS 'MODULE_PATHNAME', 'cx_drivers_recv'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION cx.drivers_send(cx.drivers) RETURNS bytea
AS 'MODULE_PATHNAME', 'cx_drivers_send'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE cx.drivers (
	INPUT = cx.drivers_in,
	OUTPUT = cx.drivers_out,
	RECEIVE = cx.drivers_recv,
	SEND = cx.drivers_send,
	INTERNALLENGTH = VARIABLE,
	ALIGNMENT = double,
	STORAGE = extended
);
COMMENT ON TYPE cx.drivers IS
	'Driver analysis: the count, means and co-moment matrix of an outcome and up to 32 named drivers';

COMMENT ON FUNCTION cx.drivers_in(cstring) IS 'Text input of cx.drivers';
COMMENT ON FUNCTION cx.drivers_out(cx.drivers) IS 'Text output of cx.drivers (exact round trip)';
COMMENT ON FUNCTION cx.drivers_recv(internal) IS 'Binary input of cx.drivers';
COMMENT ON FUNCTION cx.drivers_send(cx.drivers) IS 'Binary output of cx.drivers';

-- drivers aggregates

CREATE FUNCTION cx.drivers_add(cx.drivers, float8, float8[], text[])
RETURNS cx.drivers
AS 'MODULE_PATHNAME', 'cx_drivers_add'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION cx.drivers_add(cx.drivers, float8, float8[], text[]) IS
	'Transition function of cx.drivers_agg(float8, float8[], text[])';

CREATE FUNCTION cx.drivers_merge(cx.drivers, cx.drivers)
RETURNS cx.drivers
AS 'MODULE_PATHNAME', 'cx_drivers_merge'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION cx.drivers_merge(cx.drivers, cx.drivers) IS
	'Transition and combine function of cx.merge(cx.drivers): the two summaries as one';

CREATE AGGREGATE cx.drivers_agg(outcome float8, drivers float8[], names text[]) (
	SFUNC = cx.drivers_add,
	STYPE = cx.drivers,
	INITCOND = '(n=0,skipped=0,names={},shifts={0},means={0},comoments={0})',
	COMBINEFUNC = cx.drivers_merge,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE cx.drivers_agg(float8, float8[], text[]) IS
	'Driver analysis of an outcome on up to 32 named drivers (names the same on every row); a row with a NULL outcome, drivers array or driver is skipped and counted';

CREATE AGGREGATE cx.merge(cx.drivers) (
	SFUNC = cx.drivers_merge,
	STYPE = cx.drivers,
	INITCOND = '(n=0,skipped=0,names={},shifts={0},means={0},comoments={0})',
	COMBINEFUNC = cx.drivers_merge,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE cx.merge(cx.drivers) IS
	'Roll driver analyses of the same drivers up into one; counts add exactly, means and co-moments equal one pass up to float rounding';

-- drivers accessors

CREATE FUNCTION cx.n(cx.drivers) RETURNS bigint
AS 'MODULE_PATHNAME', 'cx_drivers_n'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.n(cx.drivers) IS 'Rows in the driver analysis (none of their values NULL)';

CREATE FUNCTION cx.skipped(cx.drivers) RETURNS bigint
AS 'MODULE_PATHNAME', 'cx_drivers_skipped'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.skipped(cx.drivers) IS 'Rows skipped because the outcome, the drivers array or a driver was NULL';

CREATE FUNCTION cx.names(cx.drivers) RETURNS text[]
AS 'MODULE_PATHNAME', 'cx_drivers_names'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.names(cx.drivers) IS 'The driver names, in the order the aggregate was given them';

CREATE FUNCTION cx.correlations(d cx.drivers, OUT driver text, OUT r float8, OUT n bigint)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'cx_drivers_correlations'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 8;
COMMENT ON FUNCTION cx.correlations(cx.drivers) IS
	'Each driver''s Pearson correlation with the outcome over the n rows (NULL where either has no variance)';

CREATE FUNCTION cx.coefficients(d cx.drivers, OUT driver text, OUT coefficient float8,
	OUT std_error float8, OUT t float8, OUT p float8, OUT standardized float8)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'cx_drivers_coefficients'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 9;
COMMENT ON FUNCTION cx.coefficients(cx.drivers) IS
	'Ordinary least squares of the outcome on the drivers with an intercept (first row, ''(intercept)''): coefficient, standard error, t, two-sided p (n - k - 1 degrees of freedom) and standardized coefficient; collinear or constant drivers are an error naming them';

CREATE FUNCTION cx.r2(cx.drivers) RETURNS float8
AS 'MODULE_PATHNAME', 'cx_drivers_r2'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.r2(cx.drivers) IS
	'R squared of the least-squares fit: the share of the outcome''s variance the drivers explain (NULL when the outcome has no variance)';

CREATE FUNCTION cx.collinear(cx.drivers) RETURNS text[]
AS 'MODULE_PATHNAME', 'cx_drivers_collinear'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.collinear(cx.drivers) IS
	'The drivers that are constant or (nearly) a linear combination of the drivers before them, in order: empty when cx.coefficients can separate them all';

CREATE FUNCTION cx.importance(d cx.drivers, OUT driver text, OUT share float8, OUT contribution float8)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'cx_drivers_importance'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 8;
COMMENT ON FUNCTION cx.importance(cx.drivers) IS
	'Relative importance by the LMG / Shapley decomposition of R squared: each driver''s contribution (summing to cx.r2) and share of it (summing to 1); exact up to 12 drivers, from 10,000 orderings with a fixed seed above';

CREATE FUNCTION cx.t_p_value(t float8, df float8) RETURNS float8
AS 'MODULE_PATHNAME', 'cx_t_p_value'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.t_p_value(float8, float8) IS
	'Two-sided p-value of Student''s t with df degrees of freedom (regularized incomplete beta by continued fraction)';

CREATE FUNCTION cx.to_jsonb(cx.drivers) RETURNS jsonb
AS 'MODULE_PATHNAME', 'cx_drivers_to_jsonb'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.to_jsonb(cx.drivers) IS
	'The whole summary as jsonb: n, skipped, drivers, means (outcome first) and the packed co-moments';

CREATE CAST (cx.drivers AS jsonb)
	WITH FUNCTION cx.to_jsonb(cx.drivers);
