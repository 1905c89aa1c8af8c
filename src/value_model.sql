-- value models

CREATE FUNCTION cx.value_model_check(name text, roles text[], dimensions text[], weights float8[])
RETURNS boolean
AS 'MODULE_PATHNAME', 'cx_value_model_check'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION cx.value_model_check(text, text[], text[], float8[]) IS
	'True for a well-formed value model (known roles, named dimensions, each at most once per side, weights from 0.000001 to 1000000); otherwise raises 22023 naming the fault';

CREATE TABLE cx.value_model (
	name text PRIMARY KEY,
	description text,
	source text,
	builtin boolean NOT NULL DEFAULT false,
	owner name,
	roles text[] NOT NULL,
	dimensions text[] NOT NULL,
	weights float8[] NOT NULL,
	CONSTRAINT value_model_valid CHECK (cx.value_model_check(name, roles, dimensions, weights)),
	CONSTRAINT value_model_owned CHECK (builtin OR owner IS NOT NULL)
);
COMMENT ON TABLE cx.value_model IS
	'Value models, one row each: dimensions[i] plays roles[i] (benefit, sacrifice, expectation or perception) with weights[i]; change them with cx.define_value_model and cx.drop_value_model';
COMMENT ON COLUMN cx.value_model.source IS 'Where the model comes from in the literature';
COMMENT ON COLUMN cx.value_model.builtin IS 'Shipped with cxvalue: immutable, and not dumped (CREATE EXTENSION recreates it)';
COMMENT ON COLUMN cx.value_model.owner IS 'The role that defined the model: it (or a role with its privileges) and superusers may redefine or drop it';

CREATE VIEW cx.value_model_dimension WITH (security_invoker = true) AS
SELECT m.name AS model, d.role, d.dimension, d.weight
FROM cx.value_model m
CROSS JOIN LATERAL ROWS FROM (pg_catalog.unnest(m.roles), pg_catalog.unnest(m.dimensions),
                               pg_catalog.unnest(m.weights)) AS d(role, dimension, weight);
COMMENT ON VIEW cx.value_model_dimension IS
	'The dimensions of each value model with their role and weight, one row each';

GRANT SELECT ON cx.value_model, cx.value_model_dimension TO PUBLIC;

SELECT pg_catalog.pg_extension_config_dump('cx.value_model', 'WHERE NOT builtin');

INSERT INTO cx.value_model (name, description, source, builtin, roles, dimensions, weights) VALUES
	('get-give',
	 'Value as what is received against what is given up: functional, emotional, social, epistemic, conditional and convenience benefits against time, effort, money and risk',
	 'Zeithaml, V. A. (1988). Consumer perceptions of price, quality, and value: a means-end model and synthesis of evidence. Journal of Marketing, 52(3), 2-22.',
	 true,
	 '{benefit,benefit,benefit,benefit,benefit,benefit,sacrifice,sacrifice,sacrifice,sacrifice}',
	 '{functional,emotional,social,epistemic,conditional,convenience,time,effort,money,risk}',
	 '{1,1,1,1,1,1,1,1,1,1}'),
	('sheth-newman-gross',
	 'The five consumption values: functional, social, emotional, epistemic and conditional',
	 'Sheth, J. N., Newman, B. I., & Gross, B. L. (1991). Why we buy what we buy: a theory of consumption values. Journal of Business Research, 22(2), 159-170.',
	 true,
	 '{benefit,benefit,benefit,benefit,benefit}',
	 '{functional,social,emotional,epistemic,conditional}',
	 '{1,1,1,1,1}'),
	('osborne',
	 'Public service logic: value as welfare needs met, well-being and capacity to solve future problems, created by the citizen in use',
	 'Osborne, S. P., Radnor, Z., & Strokosch, K. (2016). Co-production and the co-creation of value in public services: a suitable case for treatment? Public Management Review, 18(5), 639-653; Osborne, S. P. (2018). From public service-dominant logic to public service logic. Public Management Review, 20(2), 225-231.',
	 true,
	 '{benefit,benefit,benefit}',
	 '{welfare,wellbeing,capacity}',
	 '{1,1,1}'),
	('disconfirmation',
	 'Expectation-disconfirmation: the perceived experience against what was expected',
	 'Oliver, R. L. (1980). A cognitive model of the antecedents and consequences of satisfaction decisions. Journal of Marketing Research, 17(4), 460-469.',
	 true,
	 '{perception,expectation}',
	 '{perceived,expected}',
	 '{1,1}');

-- value model definition

CREATE FUNCTION cx.define_value_model(name text, dimensions text[], roles text[],
									  weights float8[], description text DEFAULT NULL)
RETURNS void
AS 'MODULE_PATHNAME', 'cx_define_value_model'
LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION cx.define_value_model(text, text[], text[], float8[], text) IS
	'Define (or replace) a value model the caller owns: dimensions[i] plays roles[i] (benefit, sacrifice, expectation or perception) with weights[i] (all 1 when weights is NULL)';

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
	IF model_name IS NULL THEN
		RAISE EXCEPTION 'a value model name must not be NULL' USING ERRCODE = '22004';
	END IF;
	IF roles IS NULL OR pg_catalog.jsonb_typeof(roles) OPERATOR(pg_catalog.<>) 'object' THEN
		RAISE EXCEPTION 'the roles of value model "%" must be a jsonb object', model_name
			USING ERRCODE = '22023',
			      HINT = 'For example {"benefit": {"functional": 2, "social": 1}, "sacrifice": ["time", "effort"]}.';
	END IF;
	FOR role_name, members IN SELECT e.key, e.value FROM pg_catalog.jsonb_each(roles) AS e LOOP
		CASE pg_catalog.jsonb_typeof(members)
		WHEN 'object' THEN
			FOR dimension, weight IN SELECT e.key, e.value FROM pg_catalog.jsonb_each(members) AS e LOOP
				-- checked as numeric first, so 1e400 gets this message, not a cast's overflow
				IF pg_catalog.jsonb_typeof(weight) OPERATOR(pg_catalog.<>) 'number'
				   OR NOT (weight::numeric OPERATOR(pg_catalog.>=) 0.000001::numeric
				           AND weight::numeric OPERATOR(pg_catalog.<=) 1000000::numeric) THEN
					RAISE EXCEPTION 'weight of dimension "%" in value model "%" must be a number from 0.000001 to 1000000, got %',
						dimension, model_name,
						CASE WHEN pg_catalog.jsonb_typeof(weight) OPERATOR(pg_catalog.=) 'number'
						      AND pg_catalog.length(weight::text) OPERATOR(pg_catalog.>) 20
						     THEN pg_catalog.btrim(pg_catalog.to_char(weight::numeric, '9.9EEEE'))
						     ELSE weight::text END
						USING ERRCODE = '22023', HINT = 'Weights are relative: only their ratios matter.';
				END IF;
				dims := dims OPERATOR(pg_catalog.||) dimension;
				rls := rls OPERATOR(pg_catalog.||) role_name;
				wts := wts OPERATOR(pg_catalog.||) weight::float8;
			END LOOP;
		WHEN 'array' THEN
			FOR weight IN SELECT e.value FROM pg_catalog.jsonb_array_elements(members) AS e LOOP
				IF pg_catalog.jsonb_typeof(weight) OPERATOR(pg_catalog.<>) 'string' THEN
					RAISE EXCEPTION 'role "%" of value model "%" lists %, not a dimension name', role_name, model_name, weight
						USING ERRCODE = '22023';
				END IF;
				dims := dims OPERATOR(pg_catalog.||) (weight OPERATOR(pg_catalog.#>>) '{}'::text[]);
				rls := rls OPERATOR(pg_catalog.||) role_name;
				wts := wts OPERATOR(pg_catalog.||) 1::float8;
			END LOOP;
		WHEN 'string' THEN
			dims := dims OPERATOR(pg_catalog.||) (members OPERATOR(pg_catalog.#>>) '{}'::text[]);
			rls := rls OPERATOR(pg_catalog.||) role_name;
			wts := wts OPERATOR(pg_catalog.||) 1::float8;
		ELSE
			RAISE EXCEPTION 'role "%" of value model "%" must list dimensions as an object of weights, an array or a string, got %',
				role_name, model_name, members
				USING ERRCODE = '22023';
		END CASE;
	END LOOP;
	PERFORM cx.define_value_model(model_name, dims, rls, wts, description);
END $$;
COMMENT ON FUNCTION cx.define_value_model(text, jsonb, text) IS
	'Define (or replace) a value model the caller owns from jsonb such as {"benefit": {"functional": 2, "social": 1}, "sacrifice": ["time", "effort"]}; weights default to 1';

CREATE FUNCTION cx.drop_value_model(name text)
RETURNS void
AS 'MODULE_PATHNAME', 'cx_drop_value_model'
LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION cx.drop_value_model(text) IS 'Drop a user-defined value model the caller owns';

-- Defining models is a right the DBA grants (see README): a model is
-- shared by every user of the database, and its name is first come.
REVOKE ALL ON FUNCTION cx.define_value_model(text, text[], text[], float8[], text),
	cx.define_value_model(text, jsonb, text), cx.drop_value_model(text) FROM PUBLIC;

