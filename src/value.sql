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
