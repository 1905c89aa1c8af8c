/*
 * value_model_define.c
 *	  Defining and dropping value models, and the one validator every
 *	  stored model passes.
 *
 * Models live in the table cx.value_model, one row a model, its roles,
 * dimensions and weights as three parallel arrays (value.sql).  Nobody but
 * the table's owner (the superuser who installed cxvalue) may write it:
 * users change models only through cx.define_value_model and
 * cx.drop_value_model, which check the caller's rights and then write as
 * the owner, as REFRESH MATERIALIZED VIEW runs as the view's owner.  A
 * user model belongs to the role that defined it; only that role (or one
 * with its privileges) and superusers may redefine or drop it.  Built-in
 * models are immutable to everyone: the functions refuse them, and the
 * table's CHECK runs the same validator on every row whoever writes it,
 * pg_restore included.
 */
#include "cxvalue.h"

#include <math.h>

#include "catalog/namespace.h"
#include "catalog/pg_authid.h"
#include "catalog/pg_class.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "miscadmin.h"
#include "utils/acl.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/float.h"
#include "utils/lsyscache.h"
#include "utils/syscache.h"

/* Bounds that keep every weighted mean finite and a model cheap to read. */
#define MODEL_MAX_DIMENSIONS 1000
#define MODEL_MAX_NAME 255
#define MODEL_MIN_WEIGHT 1e-6
#define MODEL_MAX_WEIGHT 1e6

static const char *const model_roles[] = {
	"benefit", "sacrifice", "expectation", "perception"
};

/* Index of role in model_roles, or -1; plural names count when plural_ok. */
static int
model_role_index(const char *role, bool plural_ok)
{
	int			len = strlen(role);

	for (int r = 0; r < (int) lengthof(model_roles); r++)
	{
		int			rlen = strlen(model_roles[r]);

		if (len == rlen && memcmp(role, model_roles[r], len) == 0)
			return r;
		if (plural_ok && len == rlen + 1 && role[rlen] == 's'
			&& memcmp(role, model_roles[r], rlen) == 0)
			return r;
	}
	return -1;
}

/* The elements of a one-dimensional array argument; 22023 otherwise. */
static void
model_array(ArrayType *array, Oid elemtype, const char *what, const char *model,
			Datum **elems, bool **nulls, int *n)
{
	int16		typlen;
	bool		typbyval;
	char		typalign;

	if (ARR_NDIM(array) > 1)
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("the %s of value model \"%s\" must be a one-dimensional array", what, model));
	get_typlenbyvalalign(elemtype, &typlen, &typbyval, &typalign);
	deconstruct_array(array, elemtype, typlen, typbyval, typalign, elems, nulls, n);
}

/* The model name argument: 22004 when NULL, 22023 when empty or too long. */
static char *
model_name_arg(FunctionCallInfo fcinfo, int argno)
{
	char	   *name;

	if (PG_ARGISNULL(argno))
		ereport(ERROR,
				errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				errmsg("a value model name must not be NULL"));
	name = text_to_cstring(PG_GETARG_TEXT_PP(argno));
	if (name[0] == '\0' || strlen(name) > MODEL_MAX_NAME)
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("a value model needs a name of 1 to %d bytes", MODEL_MAX_NAME));
	return name;
}

/*
 * Check a model's parallel arrays (roles already in the singular); raise
 * 22023 naming the first fault.
 */
static void
model_validate(const char *model, ArrayType *roles_array, ArrayType *dims_array,
			   ArrayType *weights_array)
{
	Datum	   *roles,
			   *dims,
			   *weights;
	bool	   *role_nulls,
			   *dim_nulls,
			   *weight_nulls;
	int			nroles,
				ndims,
				nweights;
	char	  **dim_names;
	int		   *role_of;

	model_array(dims_array, TEXTOID, "dimensions", model, &dims, &dim_nulls, &ndims);
	model_array(roles_array, TEXTOID, "roles", model, &roles, &role_nulls, &nroles);
	model_array(weights_array, FLOAT8OID, "weights", model, &weights, &weight_nulls, &nweights);

	if (ndims == 0)
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("value model \"%s\" has no dimensions", model));
	if (ndims > MODEL_MAX_DIMENSIONS)
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("value model \"%s\" has %d dimensions, more than the %d allowed",
					   model, ndims, MODEL_MAX_DIMENSIONS));
	if (nroles != ndims || nweights != ndims)
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("value model \"%s\" needs as many roles and weights as dimensions, got %d dimensions, %d roles and %d weights",
					   model, ndims, nroles, nweights));

	dim_names = palloc(ndims * sizeof(char *));
	role_of = palloc(ndims * sizeof(int));
	for (int i = 0; i < ndims; i++)
	{
		char	   *role = role_nulls[i] ? NULL : TextDatumGetCString(roles[i]);

		role_of[i] = role ? model_role_index(role, false) : -1;
		if (role_of[i] < 0)
			ereport(ERROR,
					errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					errmsg("unknown role \"%s\" in value model \"%s\"", role ? role : "NULL", model),
					errhint("The roles are benefit, sacrifice, expectation and perception."));
	}
	for (int i = 0; i < ndims; i++)
	{
		dim_names[i] = dim_nulls[i] ? NULL : TextDatumGetCString(dims[i]);
		if (dim_names[i] == NULL || dim_names[i][0] == '\0'
			|| strlen(dim_names[i]) > MODEL_MAX_NAME)
			ereport(ERROR,
					errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					errmsg("dimension %d of value model \"%s\" needs a name of 1 to %d bytes",
						   i + 1, model, MODEL_MAX_NAME));
	}
	for (int i = 0; i < ndims; i++)
	{
		double		w = weight_nulls[i] ? NAN : DatumGetFloat8(weights[i]);

		if (!(w >= MODEL_MIN_WEIGHT && w <= MODEL_MAX_WEIGHT))
			ereport(ERROR,
					errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					errmsg("weight of dimension \"%s\" in value model \"%s\" must be a number from 0.000001 to 1000000, got %s",
						   dim_names[i], model,
						   weight_nulls[i] ? "NULL" : float8out_internal(w)),
					errhint("Weights are relative: only their ratios matter."));
	}
	for (int i = 0; i < ndims; i++)
		for (int j = 0; j < i; j++)
		{
			/* benefit/sacrifice (0, 1) and expectation/perception (2, 3) are pairs */
			if (strcmp(dim_names[i], dim_names[j]) != 0
				|| role_of[i] / 2 != role_of[j] / 2)
				continue;
			if (role_of[i] == role_of[j])
				ereport(ERROR,
						errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						errmsg("dimension \"%s\" is listed as a %s of value model \"%s\" more than once",
							   dim_names[i], model_roles[role_of[i]], model));
			ereport(ERROR,
					errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					errmsg("dimension \"%s\" of value model \"%s\" cannot be both a benefit and a sacrifice, or both an expectation and a perception",
						   dim_names[i], model));
		}
}

PG_FUNCTION_INFO_V1(cx_value_model_check);
/* cx.value_model_check(name, roles, dimensions, weights): true, or the first fault as an error. */
Datum
cx_value_model_check(PG_FUNCTION_ARGS)
{
	char	   *model = model_name_arg(fcinfo, 0);

	for (int arg = 1; arg <= 3; arg++)
		if (PG_ARGISNULL(arg))
			ereport(ERROR,
					errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					errmsg("value model \"%s\" needs roles, dimensions and weights", model));
	model_validate(model, PG_GETARG_ARRAYTYPE_P(1), PG_GETARG_ARRAYTYPE_P(2),
				   PG_GETARG_ARRAYTYPE_P(3));
	PG_RETURN_BOOL(true);
}

/* The roles in the singular (the plural is accepted), as a text array. */
static ArrayType *
model_canonical_roles(ArrayType *roles, const char *model)
{
	Datum	   *elems;
	bool	   *nulls;
	int			n;

	model_array(roles, TEXTOID, "roles", model, &elems, &nulls, &n);
	for (int i = 0; i < n; i++)
	{
		int			r = nulls[i] ? -1 : model_role_index(TextDatumGetCString(elems[i]), true);

		if (r < 0)
			ereport(ERROR,
					errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					errmsg("unknown role \"%s\" in value model \"%s\"",
						   nulls[i] ? "NULL" : TextDatumGetCString(elems[i]), model),
					errhint("The roles are benefit, sacrifice, expectation and perception."));
		elems[i] = CStringGetTextDatum(model_roles[r]);
	}
	return construct_array(elems, n, TEXTOID, -1, false, TYPALIGN_INT);
}

/* Weights of 1 for every dimension, when the caller gives none. */
static ArrayType *
model_unit_weights(int n)
{
	Datum	   *elems = palloc(Max(n, 1) * sizeof(Datum));

	for (int i = 0; i < n; i++)
		elems[i] = Float8GetDatum(1.0);
	return construct_array(elems, n, FLOAT8OID, sizeof(float8), FLOAT8PASSBYVAL,
						   TYPALIGN_DOUBLE);
}

static int
array_length_1d(ArrayType *a)
{
	return ARR_NDIM(a) == 0 ? 0 : ArrayGetNItems(ARR_NDIM(a), ARR_DIMS(a));
}

/* The owner of cx.value_model: the role that writes models. */
static Oid
model_table_owner(void)
{
	Oid			relid = get_relname_relid("value_model", get_namespace_oid("cx", false));
	HeapTuple	tuple;
	Oid			owner;

	if (!OidIsValid(relid))
		elog(ERROR, "cx.value_model is missing");
	tuple = SearchSysCache1(RELOID, ObjectIdGetDatum(relid));
	if (!HeapTupleIsValid(tuple))
		elog(ERROR, "cache lookup failed for relation %u", relid);
	owner = ((Form_pg_class) GETSTRUCT(tuple))->relowner;
	ReleaseSysCache(tuple);
	return owner;
}

/*
 * Lock the model's row and check that caller may change it.  Returns false
 * when the model does not exist.  Runs inside SPI, as the table owner.
 */
static bool
model_lock_for_change(const char *model, Oid caller, const char *verb)
{
	Datum		arg = CStringGetTextDatum(model);
	Oid			argtype = TEXTOID;
	bool		isnull;
	bool		builtin;
	char	   *owner;
	Oid			owner_oid;
	int			ret;

	ret = SPI_execute_with_args("SELECT builtin, owner::pg_catalog.text FROM cx.value_model"
								" WHERE name OPERATOR(pg_catalog.=) $1 FOR UPDATE",
								1, &argtype, &arg, NULL, false, 1);
	if (ret != SPI_OK_SELECT)
		elog(ERROR, "reading value model \"%s\" failed: %s", model, SPI_result_code_string(ret));
	if (SPI_processed == 0)
		return false;
	builtin = DatumGetBool(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
	if (builtin)
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("value model \"%s\" is built in and cannot be %s", model, verb),
				errhint("Define a model under another name."));
	owner = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2);
	owner_oid = owner ? get_role_oid(owner, true) : InvalidOid;
	if (!superuser_arg(caller)
		&& !(OidIsValid(owner_oid) && has_privs_of_role(caller, owner_oid)))
		ereport(ERROR,
				errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				errmsg("must be owner of value model \"%s\"", model),
				errdetail("Value model \"%s\" belongs to role \"%s\".", model, owner ? owner : "(none)"));
	return true;
}

/*
 * Become the owner of cx.value_model and connect to SPI; returns the
 * caller.  model_restore_caller undoes it; on error the transaction abort
 * restores the caller.
 */
static Oid
model_become_owner(int *sec_context)
{
	Oid			caller;

	GetUserIdAndSecContext(&caller, sec_context);
	SetUserIdAndSecContext(model_table_owner(),
						   *sec_context | SECURITY_LOCAL_USERID_CHANGE
						   | SECURITY_RESTRICTED_OPERATION);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	return caller;
}

static void
model_restore_caller(Oid caller, int sec_context)
{
	SPI_finish();
	SetUserIdAndSecContext(caller, sec_context);
}

PG_FUNCTION_INFO_V1(cx_define_value_model);
/* cx.define_value_model(name, dimensions, roles, weights, description): define or replace a user model. */
Datum
cx_define_value_model(PG_FUNCTION_ARGS)
{
	char	   *model = model_name_arg(fcinfo, 0);
	ArrayType  *dims = PG_ARGISNULL(1) ? construct_empty_array(TEXTOID) : PG_GETARG_ARRAYTYPE_P(1);
	ArrayType  *roles = PG_ARGISNULL(2) ? construct_empty_array(TEXTOID) : PG_GETARG_ARRAYTYPE_P(2);
	ArrayType  *weights;
	Datum		description = PG_ARGISNULL(4) ? (Datum) 0 : PG_GETARG_DATUM(4);
	char		nulls[6] = {' ', PG_ARGISNULL(4) ? 'n' : ' ', ' ', ' ', ' ', ' '};
	Oid			caller;
	int			sec_context;
	int			ret;

	roles = model_canonical_roles(roles, model);
	weights = PG_ARGISNULL(3) ? model_unit_weights(array_length_1d(dims)) : PG_GETARG_ARRAYTYPE_P(3);
	model_validate(model, roles, dims, weights);

	caller = model_become_owner(&sec_context);
	if (model_lock_for_change(model, caller, "redefined"))
	{
		Oid			types[5] = {TEXTOID, TEXTOID, TEXTARRAYOID, TEXTARRAYOID, FLOAT8ARRAYOID};
		Datum		values[5] = {CStringGetTextDatum(model), description,
			PointerGetDatum(roles), PointerGetDatum(dims), PointerGetDatum(weights)};

		ret = SPI_execute_with_args("UPDATE cx.value_model"
									" SET description = $2, roles = $3, dimensions = $4, weights = $5"
									" WHERE name OPERATOR(pg_catalog.=) $1",
									5, types, values, nulls, false, 0);
	}
	else
	{
		Oid			types[6] = {TEXTOID, TEXTOID, TEXTARRAYOID, TEXTARRAYOID, FLOAT8ARRAYOID, TEXTOID};
		Datum		values[6] = {CStringGetTextDatum(model), description,
			PointerGetDatum(roles), PointerGetDatum(dims), PointerGetDatum(weights),
		CStringGetTextDatum(GetUserNameFromId(caller, false))};

		ret = SPI_execute_with_args("INSERT INTO cx.value_model"
									" (name, description, roles, dimensions, weights, owner)"
									" VALUES ($1, $2, $3, $4, $5, $6::pg_catalog.name)",
									6, types, values, nulls, false, 0);
	}
	if (ret != SPI_OK_UPDATE && ret != SPI_OK_INSERT)
		elog(ERROR, "writing value model \"%s\" failed: %s", model, SPI_result_code_string(ret));
	model_restore_caller(caller, sec_context);
	PG_RETURN_VOID();
}

PG_FUNCTION_INFO_V1(cx_drop_value_model);
/* cx.drop_value_model(name): drop a user model the caller owns. */
Datum
cx_drop_value_model(PG_FUNCTION_ARGS)
{
	char	   *model = model_name_arg(fcinfo, 0);
	Datum		arg = CStringGetTextDatum(model);
	Oid			argtype = TEXTOID;
	Oid			caller;
	int			sec_context;

	caller = model_become_owner(&sec_context);
	if (!model_lock_for_change(model, caller, "dropped"))
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("value model \"%s\" does not exist", model));
	if (SPI_execute_with_args("DELETE FROM cx.value_model WHERE name OPERATOR(pg_catalog.=) $1",
							  1, &argtype, &arg, NULL, false, 0) != SPI_OK_DELETE)
		elog(ERROR, "dropping value model \"%s\" failed", model);
	model_restore_caller(caller, sec_context);
	PG_RETURN_VOID();
}
