-- Who may change value models: built-in models are immutable, a user model
-- belongs to the role that defined it, the model table takes no DML from
-- users, and every stored row passes the validator whoever writes it.
BEGIN;
SELECT plan(30);

CREATE ROLE regress_cx_modeller;
CREATE ROLE regress_cx_rival;
CREATE ROLE regress_cx_reader;
CREATE ROLE regress_cx_deputy IN ROLE regress_cx_modeller;
GRANT EXECUTE ON FUNCTION cx.define_value_model(text, jsonb, text),
	cx.define_value_model(text, text[], text[], float8[], text), cx.drop_value_model(text)
	TO regress_cx_modeller, regress_cx_rival, regress_cx_deputy;

-- run a statement as a role; the SQLSTATE of its error, or 'ok'
CREATE FUNCTION pg_temp.as_role(role name, query text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	result text := 'ok';
BEGIN
	EXECUTE format('SET LOCAL ROLE %I', role);
	BEGIN
		EXECUTE query;
	EXCEPTION WHEN OTHERS THEN
		result := SQLSTATE;
	END;
	RESET ROLE;
	RETURN result;
END $$;

SELECT is(pg_temp.as_role('regress_cx_reader', $$SELECT cx.define_value_model('x', '{"benefit": ["a"]}')$$),
	'42501', 'a role without the grant cannot define a model');
SELECT is(pg_temp.as_role('regress_cx_modeller', $$SELECT cx.define_value_model('mine', '{"benefit": ["a"], "sacrifice": ["t"]}')$$),
	'ok', 'a role with the grant defines a model');
SELECT is((SELECT owner::text FROM cx.value_model WHERE name = 'mine'), 'regress_cx_modeller',
	'the model belongs to the role that defined it');
SELECT is(pg_temp.as_role('regress_cx_rival', $$SELECT cx.define_value_model('mine', '{"benefit": ["b"]}')$$),
	'42501', 'another role cannot redefine it');
SELECT is(pg_temp.as_role('regress_cx_rival', $$SELECT cx.drop_value_model('mine')$$),
	'42501', 'another role cannot drop it');
SELECT is(pg_temp.as_role('regress_cx_deputy', $$SELECT cx.define_value_model('mine', '{"benefit": ["a", "b"], "sacrifice": ["t"]}')$$),
	'ok', 'a member of the owning role may redefine it');
SELECT is((SELECT dimensions FROM cx.value_model WHERE name = 'mine'), '{a,b,t}'::text[],
	'the redefinition took');
SELECT is(pg_temp.as_role('regress_cx_modeller', $$SELECT cx.define_value_model('mine', '{"benefit": ["a"], "sacrifice": ["t"]}')$$),
	'ok', 'the owner redefines it');
SELECT lives_ok($$SELECT cx.define_value_model('mine', '{"benefit": ["c"]}', 'edited by the DBA')$$,
	'a superuser may redefine any user model');
SELECT is((SELECT owner::text FROM cx.value_model WHERE name = 'mine'), 'regress_cx_modeller',
	'redefining keeps the owner');

-- no DML on the model table, whatever a 0.1.0 README told DBAs to grant
SELECT is(pg_temp.as_role('regress_cx_modeller', $$UPDATE cx.value_model SET weights = '{5}' WHERE name = 'get-give'$$),
	'42501', 'UPDATE of a built-in model: permission denied');
SELECT is(pg_temp.as_role('regress_cx_modeller', $$UPDATE cx.value_model SET builtin = true WHERE name = 'mine'$$),
	'42501', 'flipping builtin: permission denied');
SELECT is(pg_temp.as_role('regress_cx_modeller', $$DELETE FROM cx.value_model WHERE name = 'osborne'$$),
	'42501', 'DELETE of a built-in model: permission denied');
SELECT is(pg_temp.as_role('regress_cx_modeller', $$INSERT INTO cx.value_model (name, roles, dimensions, weights, owner) VALUES ('sneaky', '{benefit}', '{a}', '{1}', 'postgres')$$),
	'42501', 'INSERT into the model table: permission denied');
SELECT is(pg_temp.as_role('regress_cx_reader', $$SELECT count(*) FROM cx.value_model_dimension$$),
	'ok', 'anyone reads the models');

-- built-in models are immutable even to superusers, through the functions
SELECT throws_ok($$SELECT cx.define_value_model('get-give', '{"benefit": ["a"]}')$$, '22023',
	'value model "get-give" is built in and cannot be redefined', 'a superuser cannot redefine a built-in model');
SELECT throws_ok($$SELECT cx.drop_value_model('osborne')$$, '22023',
	'value model "osborne" is built in and cannot be dropped', 'a superuser cannot drop a built-in model');
SELECT is((SELECT pg_catalog.string_agg(concat_ws(':', role, dimension, weight), ',' ORDER BY role, dimension)
           FROM cx.value_model_dimension WHERE model = 'osborne'),
	'benefit:capacity:1,benefit:welfare:1,benefit:wellbeing:1', 'the built-in model is unchanged');

-- the table's CHECK runs the validator on rows written directly (restores too)
SELECT throws_ok($$INSERT INTO cx.value_model (name, roles, dimensions, weights, owner) VALUES ('direct', '{benefit}', '{a}', '{1e308}', 'postgres')$$,
	'22023', NULL, 'a superuser''s direct INSERT of an unbounded weight fails the CHECK');
SELECT throws_ok($$INSERT INTO cx.value_model (name, roles, dimensions, weights, owner) VALUES ('direct', '{cost}', '{a}', '{1}', 'postgres')$$,
	'22023', NULL, 'a direct INSERT of an unknown role fails the CHECK');
SELECT throws_ok($$INSERT INTO cx.value_model (name, roles, dimensions, weights) VALUES ('direct', '{benefit}', '{a}', '{1}')$$,
	'23514', NULL, 'a user model needs an owner');

-- bounded weights keep every figure finite
SELECT throws_ok($$SELECT cx.define_value_model('huge', ARRAY['a', 'b'], ARRAY['benefit', 'sacrifice'], ARRAY[1e308, 1e308])$$,
	'22023', 'weight of dimension "a" in value model "huge" must be a number from 0.000001 to 1000000, got 1e+308',
	'a weight of 1e308 is refused');
SELECT throws_ok($$SELECT cx.define_value_model('huge', '{"benefit": {"a": 1e400}}')$$,
	'22023', 'weight of dimension "a" in value model "huge" must be a number from 0.000001 to 1000000, got 1.0e+400',
	'a jsonb weight of 1e400 gets the model''s own message');
SELECT throws_ok($$SELECT cx.define_value_model('tiny', '{"benefit": {"a": 1e-400}}')$$,
	'22023', NULL, 'a jsonb weight of 1e-400 too');
SELECT lives_ok($$SELECT cx.define_value_model('widest', ARRAY['a', 'b'], ARRAY['benefit', 'sacrifice'], ARRAY[1e6, 1e-6])$$,
	'the extreme allowed weights are accepted');
SELECT is(cx.value_index(cx.customer_value(ARRAY['a', 'b'], ARRAY[5, 1], 1, 5), 'widest'), 1::float8,
	'and give a finite value index');

-- NULL names and malformed arrays
SELECT throws_ok($$SELECT cx.drop_value_model(NULL)$$, '22004', NULL, 'drop_value_model(NULL): 22004');
SELECT throws_ok($$SELECT cx.define_value_model(NULL, '{"benefit": ["a"]}')$$, '22004', NULL, 'define_value_model(NULL, jsonb): 22004');
SELECT throws_ok($$SELECT cx.define_value_model(NULL, ARRAY['a'], ARRAY['benefit'], NULL)$$, '22004', NULL, 'define_value_model(NULL, arrays): 22004');
SELECT throws_ok($$SELECT cx.define_value_model('flat', ARRAY[['a'], ['b']], ARRAY[['benefit'], ['benefit']], NULL)$$,
	'22023', NULL, 'two-dimensional arrays: 22023');

SELECT * FROM finish();
ROLLBACK;
