-- A schema evil that shadows what SQL bodies and scripts commonly bind: every
-- operator of pg_catalog (same name and operand types), the aggregates and
-- the functions SQL code reaches for.  Each shadow raises "evil ... called",
-- so a single capture shows up as an error in the output.  Put it first on
-- search_path (evil, pg_catalog, public) to attack.
CREATE SCHEMA evil;
DO $$
DECLARE
	o record;
	i int := 0;
BEGIN
	FOR o IN
		SELECT p.oprname, p.oprkind, p.oprleft, p.oprright, p.oprresult
		FROM pg_catalog.pg_operator p
		WHERE p.oprnamespace = 'pg_catalog'::regnamespace
	LOOP
		i := i + 1;
		BEGIN
			EXECUTE format('CREATE FUNCTION evil.op_%s(%s) RETURNS %s LANGUAGE plpgsql AS %L',
				i,
				concat_ws(', ', CASE WHEN o.oprleft <> 0 THEN o.oprleft::regtype::text END,
				                o.oprright::regtype::text),
				o.oprresult::regtype,
				format('BEGIN RAISE EXCEPTION ''evil operator %s called''; END', o.oprname));
			EXECUTE format('CREATE OPERATOR evil.%s (%s RIGHTARG = %s, FUNCTION = evil.op_%s)',
				o.oprname,
				CASE WHEN o.oprleft <> 0 THEN format('LEFTARG = %s,', o.oprleft::regtype) ELSE '' END,
				o.oprright::regtype, i);
		EXCEPTION WHEN OTHERS THEN
			NULL;	-- pseudo-types and the like: not shadowable
		END;
	END LOOP;

	FOR o IN
		SELECT p.proname, pg_catalog.pg_get_function_identity_arguments(p.oid) AS args,
		       p.prorettype::regtype AS ret, p.proretset, p.prokind,
		       a.aggtranstype::regtype AS trans
		FROM pg_catalog.pg_proc p
		LEFT JOIN pg_catalog.pg_aggregate a ON a.aggfnoid = p.oid
		WHERE p.pronamespace = 'pg_catalog'::regnamespace
		  AND p.prokind IN ('f', 'a')
		  AND p.proname IN (
			'lower', 'upper', 'length', 'char_length', 'octet_length', 'substr', 'substring',
			'left', 'right', 'btrim', 'ltrim', 'rtrim', 'replace', 'split_part', 'concat',
			'concat_ws', 'format', 'quote_ident', 'quote_literal', 'quote_nullable',
			'string_to_array', 'array_to_string', 'array_length', 'array_lower', 'array_upper',
			'cardinality', 'array_position', 'array_append', 'array_prepend', 'array_cat',
			'array_fill', 'unnest', 'generate_series', 'generate_subscripts', 'date_trunc',
			'date_part', 'extract', 'make_interval', 'to_char', 'to_timestamp', 'to_date', 'now',
			'round', 'trunc', 'floor', 'ceil', 'ceiling', 'abs', 'sqrt', 'exp', 'ln', 'log',
			'power', 'mod', 'sign', 'div', 'width_bucket', 'jsonb_build_object',
			'jsonb_build_array', 'jsonb_typeof', 'jsonb_each', 'jsonb_each_text',
			'jsonb_array_elements', 'jsonb_array_elements_text', 'jsonb_object_keys', 'to_jsonb',
			'row_to_json', 'jsonb_agg', 'jsonb_object_agg', 'json_agg', 'pg_has_role',
			'has_schema_privilege', 'has_table_privilege', 'has_function_privilege',
			'current_setting', 'set_config', 'regexp_replace', 'regexp_match', 'regexp_matches',
			'md5', 'hashtext', 'int4', 'int8', 'float8', 'numeric', 'text', 'date', 'timestamptz',
			'interval', 'bool', 'count', 'sum', 'avg', 'min', 'max', 'array_agg', 'string_agg',
			'percentile_cont', 'percentile_disc', 'mode', 'bool_and', 'bool_or', 'every',
			'stddev', 'stddev_samp', 'variance', 'var_samp', 'corr', 'regr_slope',
			'row_number', 'rank', 'lag', 'lead', 'first_value', 'last_value', 'pg_typeof',
			'format_type', 'obj_description', 'col_description', 'pg_get_userbyid',
			'pg_extension_config_dump', 'isfinite', 'age', 'justify_interval', 'date_bin',
			'greatest', 'least', 'nullif', 'coalesce', 'random', 'setseed', 'encode', 'decode',
			'convert_from', 'convert_to', 'position', 'strpos', 'repeat', 'lpad', 'rpad',
			'initcap', 'reverse', 'starts_with', 'to_number', 'float8_accum', 'numeric_accum')
		  AND p.proargtypes::oid[] <@ ARRAY(SELECT t.oid FROM pg_catalog.pg_type t
		                                    WHERE t.typtype <> 'p' OR t.typname IN ('anyelement', 'anyarray', 'anycompatible', 'anycompatiblearray', 'any'))
	LOOP
		i := i + 1;
		BEGIN
			IF o.prokind = 'a' THEN
				IF o.args = '' OR o.args LIKE '%ORDER BY%' THEN
					CONTINUE;	-- count(*) and ordered-set aggregates: left alone
				END IF;
				EXECUTE format('CREATE FUNCTION evil.sfunc_%s(%s, %s) RETURNS %s LANGUAGE plpgsql AS %L',
					i, o.trans, o.args, o.trans,
					format('BEGIN RAISE EXCEPTION ''evil aggregate %s called''; END', o.proname));
				EXECUTE format('CREATE AGGREGATE evil.%I(%s) (SFUNC = evil.sfunc_%s, STYPE = %s)',
					o.proname, o.args, i, o.trans);
			ELSE
				EXECUTE format('CREATE FUNCTION evil.%I(%s) RETURNS %s%s LANGUAGE plpgsql AS %L',
					o.proname, o.args, CASE WHEN o.proretset THEN 'SETOF ' ELSE '' END, o.ret,
					format('BEGIN RAISE EXCEPTION ''evil function %s called''; END', o.proname));
			END IF;
		EXCEPTION WHEN OTHERS THEN
			NULL;
		END;
	END LOOP;
END $$;
GRANT USAGE ON SCHEMA evil TO PUBLIC;
