/*
 * value_model.c
 *	  Value models and the figures they read out of a cx.customer_value:
 *	  benefits, sacrifices, expectations, perceptions, the value index and
 *	  ratio, disconfirmation and co-destruction.
 *
 * A value model names which dimensions are benefits, sacrifices,
 * expectations or perceptions, with a positive weight each.  Models live in
 * the extension's configuration table cx.value_model (value_model.sql), so
 * user-defined ones survive pg_dump and restore; value_model_define.c
 * writes it.
 *
 * Looking a model up costs nothing per row: each call site (FmgrInfo) keeps
 * the models it has parsed in fn_extra, keyed by the active snapshot.  Rows
 * of one query share one snapshot, so the model is read once per query and
 * call site; a later statement with a new snapshot, or a command of our own
 * transaction that may have redefined the model, reads it again.  Within one
 * transaction two snapshots with the same xmin, xmax, command id and count
 * of completed transactions see the same rows, so that key is exact.
 */
#include "value.h"
#include "citus.h"

#include <math.h>

#include "catalog/namespace.h"
#include "catalog/pg_class.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "storage/proc.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/snapmgr.h"

typedef enum ValueRole
{
	ROLE_BENEFIT,
	ROLE_SACRIFICE,
	ROLE_EXPECTATION,
	ROLE_PERCEPTION,
	ROLES
} ValueRole;

static const char *const role_names[ROLES] = {
	"benefit", "sacrifice", "expectation", "perception"
};

typedef struct ModelDimension
{
	char	   *name;
	int			len;
	double		weight;
} ModelDimension;

typedef struct ValueModel
{
	char	   *name;
	int			name_len;
	int			count[ROLES];
	ModelDimension *dims[ROLES];
} ValueModel;

/* Models one call site keeps; a query naming more re-reads the oldest. */
#define MODEL_CACHE_SIZE 8

typedef struct ModelCache
{
	MemoryContext context;		/* holds the models, reset when stale */
	bool		keyed;			/* whether the key below is set */
	LocalTransactionId lxid;
	TransactionId xmin;
	TransactionId xmax;
	CommandId	curcid;
	uint64		completions;
	int			count;
	int			next_victim;
	ValueModel *models[MODEL_CACHE_SIZE];
} ModelCache;

/*
 * One row a dimension.  A database not yet updated from 0.1.0 keeps the
 * dimensions in a table of their own; the library serves it until
 * ALTER EXTENSION cxvalue UPDATE.
 */
static const char *const model_query_0_1 =
"SELECT d.role, d.dimension, d.weight"
" FROM cx.value_model m"
" JOIN cx.value_model_dimension d ON d.model OPERATOR(pg_catalog.=) m.name"
" WHERE m.name OPERATOR(pg_catalog.=) $1";
static const char *const model_query =
"SELECT d.role, d.dimension, d.weight"
" FROM cx.value_model m,"
" ROWS FROM (pg_catalog.unnest(m.roles), pg_catalog.unnest(m.dimensions),"
" pg_catalog.unnest(m.weights)) AS d(role, dimension, weight)"
" WHERE m.name OPERATOR(pg_catalog.=) $1";

/* Forget the cached models unless the active snapshot is the one they came from. */
static void
model_cache_refresh(ModelCache *cache)
{
	Snapshot	snapshot;

	if (!ActiveSnapshotSet())
	{
		/* no snapshot to key on (not seen in practice): never reuse */
		MemoryContextReset(cache->context);
		cache->count = 0;
		cache->keyed = false;
		return;
	}
	snapshot = GetActiveSnapshot();
	if (cache->keyed
		&& cache->lxid == CX_MYPROC_LXID
		&& cache->xmin == snapshot->xmin
		&& cache->xmax == snapshot->xmax
		&& cache->curcid == snapshot->curcid
		&& cache->completions == snapshot->snapXactCompletionCount)
		return;
	MemoryContextReset(cache->context);
	cache->count = 0;
	cache->next_victim = 0;
	cache->keyed = true;
	cache->lxid = CX_MYPROC_LXID;
	cache->xmin = snapshot->xmin;
	cache->xmax = snapshot->xmax;
	cache->curcid = snapshot->curcid;
	cache->completions = snapshot->snapXactCompletionCount;
}

static int
role_of(const char *role, const char *model)
{
	for (int r = 0; r < ROLES; r++)
		if (strcmp(role, role_names[r]) == 0)
			return r;
	ereport(ERROR,
			errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			errmsg("value model \"%s\" has a dimension with the unknown role \"%s\"",
				   model, role));
}

/* Read one model from the configuration tables into context. */
static ValueModel *
model_load(const char *name, int len, MemoryContext context)
{
	static SPIPlanPtr plan = NULL;
	static bool plan_is_0_1 = false;
	bool		is_0_1;
	Datum		arg = PointerGetDatum(cstring_to_text_with_len(name, len));
	char	   *model_name = pnstrdup(name, len);
	bool		pushed = false;
	ValueModel *m = NULL;
	int			nest_level;
	int			ret;

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	/* the layout changes under a session that runs ALTER EXTENSION UPDATE */
	is_0_1 = get_rel_relkind(get_relname_relid("value_model_dimension",
											   get_namespace_oid("cx", false))) == RELKIND_RELATION;
	if (plan != NULL && plan_is_0_1 != is_0_1)
	{
		SPI_freeplan(plan);
		plan = NULL;
	}
	if (plan == NULL)
	{
		Oid			argtypes[1] = {TEXTOID};
		SPIPlanPtr	prepared = SPI_prepare(is_0_1 ? model_query_0_1 : model_query,
										   1, argtypes);

		if (prepared == NULL)
			elog(ERROR, "SPI_prepare failed: %s", SPI_result_code_string(SPI_result));
		SPI_keepplan(prepared);
		plan = prepared;
		plan_is_0_1 = is_0_1;
	}
	if (!ActiveSnapshotSet())
	{
		PushActiveSnapshot(GetTransactionSnapshot());
		pushed = true;
	}
	nest_level = cx_citus_begin_reference_read();
	ret = SPI_execute_plan(plan, &arg, NULL, true, 0);
	cx_citus_end_reference_read(nest_level);
	if (pushed)
		PopActiveSnapshot();
	if (ret != SPI_OK_SELECT)
		elog(ERROR, "reading value model \"%s\" failed: %s", model_name,
			 SPI_result_code_string(ret));
	if (SPI_processed > 0)
	{
		TupleDesc	desc = SPI_tuptable->tupdesc;
		int			filled[ROLES] = {0};
		int		   *roles = palloc(SPI_processed * sizeof(int));

		m = MemoryContextAllocZero(context, sizeof(ValueModel));
		m->name = MemoryContextStrdup(context, model_name);
		m->name_len = len;
		for (uint64 row = 0; row < SPI_processed; row++)
		{
			char	   *role = SPI_getvalue(SPI_tuptable->vals[row], desc, 1);

			/* a model without dimensions gives one row of NULLs */
			roles[row] = role ? role_of(role, model_name) : -1;
			if (roles[row] >= 0)
				m->count[roles[row]]++;
		}
		for (int r = 0; r < ROLES; r++)
			m->dims[r] = MemoryContextAllocZero(context,
												Max(m->count[r], 1) * sizeof(ModelDimension));
		for (uint64 row = 0; row < SPI_processed; row++)
		{
			HeapTuple	tuple = SPI_tuptable->vals[row];
			ModelDimension *d;
			char	   *dimension;
			bool		isnull;
			double		weight;

			if (roles[row] < 0)
				continue;
			d = &m->dims[roles[row]][filled[roles[row]]++];
			dimension = SPI_getvalue(tuple, desc, 2);
			weight = DatumGetFloat8(SPI_getbinval(tuple, desc, 3, &isnull));
			if (isnull || !(weight > 0) || isinf(weight))
				ereport(ERROR,
						errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						errmsg("value model \"%s\" has an invalid weight", model_name));
			d->name = MemoryContextStrdup(context, dimension);
			d->len = strlen(dimension);
			d->weight = weight;
		}
	}
	SPI_finish();
	if (m == NULL)
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("value model \"%s\" does not exist", model_name),
				errhint("The built-in models are get-give, sheth-newman-gross, osborne and disconfirmation; cx.define_value_model adds others."));
	return m;
}

/* The model named by argument argno, from this call site's cache if it can. */
static const ValueModel *
model_arg(FunctionCallInfo fcinfo, int argno)
{
	text	   *name = PG_GETARG_TEXT_PP(argno);
	const char *chars = VARDATA_ANY(name);
	int			len = VARSIZE_ANY_EXHDR(name);
	ModelCache *cache = fcinfo->flinfo->fn_extra;
	ValueModel *m;

	if (cache == NULL)
	{
		cache = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(ModelCache));
		cache->context = AllocSetContextCreate(fcinfo->flinfo->fn_mcxt,
											   "cxvalue value models",
											   ALLOCSET_SMALL_SIZES);
		fcinfo->flinfo->fn_extra = cache;
	}
	model_cache_refresh(cache);
	for (int i = 0; i < cache->count; i++)
	{
		m = cache->models[i];
		if (m->name_len == len && memcmp(m->name, chars, len) == 0)
			return m;
	}
	m = model_load(chars, len, cache->context);
	if (cache->count < MODEL_CACHE_SIZE)
		cache->models[cache->count++] = m;
	else
	{
		/* the evicted model's memory stays until the next reset: bounded */
		cache->models[cache->next_victim] = m;
		cache->next_victim = (cache->next_victim + 1) % MODEL_CACHE_SIZE;
	}
	return m;
}

/*
 * The weighted mean of the role's dimensions that have scores in v; false
 * when none has.  Each term is at most its weight, so the mean stays in
 * [0, 1] despite rounding.
 */
static bool
model_side(const CustomerValue *v, const ValueModel *m, int role, double *result)
{
	double		weights = 0;
	double		sum = 0;

	for (int k = 0; k < m->count[role]; k++)
	{
		const ModelDimension *md = &m->dims[role][k];
		int			i = value_find(v, md->name, md->len, NULL);

		if (i >= 0 && v->dims[i].n > 0)
		{
			weights += md->weight;
			sum += md->weight * (v->dims[i].sum / v->dims[i].n);
		}
	}
	if (weights == 0)
		return false;
	*result = sum / weights;
	return true;
}

/* benefits - sacrifices, a missing side counting as 0; false when both are. */
static bool
value_index(const CustomerValue *v, const ValueModel *m, double *result)
{
	double		benefits = 0;
	double		sacrifices = 0;
	bool		has_benefits = model_side(v, m, ROLE_BENEFIT, &benefits);
	bool		has_sacrifices = model_side(v, m, ROLE_SACRIFICE, &sacrifices);

	if (!has_benefits && !has_sacrifices)
		return false;
	*result = benefits - sacrifices;
	return true;
}

static Datum
side_figure(FunctionCallInfo fcinfo, int role)
{
	CustomerValue *v = PG_GETARG_CUSTOMER_VALUE_P(0);
	double		result;

	if (!model_side(v, model_arg(fcinfo, 1), role, &result))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(result);
}

PG_FUNCTION_INFO_V1(cx_customer_value_benefits);
/* cx.benefits(value, model): weighted mean of the model's benefit dimensions. */
Datum
cx_customer_value_benefits(PG_FUNCTION_ARGS)
{
	return side_figure(fcinfo, ROLE_BENEFIT);
}

PG_FUNCTION_INFO_V1(cx_customer_value_sacrifices);
/* cx.sacrifices(value, model): weighted mean of the model's sacrifice dimensions. */
Datum
cx_customer_value_sacrifices(PG_FUNCTION_ARGS)
{
	return side_figure(fcinfo, ROLE_SACRIFICE);
}

PG_FUNCTION_INFO_V1(cx_customer_value_expectations);
/* cx.expectations(value, model): weighted mean of the expectation dimensions. */
Datum
cx_customer_value_expectations(PG_FUNCTION_ARGS)
{
	return side_figure(fcinfo, ROLE_EXPECTATION);
}

PG_FUNCTION_INFO_V1(cx_customer_value_perceptions);
/* cx.perceptions(value, model): weighted mean of the perception dimensions. */
Datum
cx_customer_value_perceptions(PG_FUNCTION_ARGS)
{
	return side_figure(fcinfo, ROLE_PERCEPTION);
}

PG_FUNCTION_INFO_V1(cx_customer_value_value_index);
/* cx.value_index(value, model): benefits - sacrifices, in [-1, 1]. */
Datum
cx_customer_value_value_index(PG_FUNCTION_ARGS)
{
	CustomerValue *v = PG_GETARG_CUSTOMER_VALUE_P(0);
	double		result;

	if (!value_index(v, model_arg(fcinfo, 1), &result))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(result);
}

PG_FUNCTION_INFO_V1(cx_customer_value_value_ratio);
/* cx.value_ratio(value, model): benefits / sacrifices, NULL without both. */
Datum
cx_customer_value_value_ratio(PG_FUNCTION_ARGS)
{
	CustomerValue *v = PG_GETARG_CUSTOMER_VALUE_P(0);
	const ValueModel *m = model_arg(fcinfo, 1);
	double		benefits;
	double		sacrifices;

	if (!model_side(v, m, ROLE_BENEFIT, &benefits)
		|| !model_side(v, m, ROLE_SACRIFICE, &sacrifices)
		|| sacrifices == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(benefits / sacrifices);
}

PG_FUNCTION_INFO_V1(cx_customer_value_disconfirmation);
/* cx.disconfirmation(value, model): perceptions - expectations, in [-1, 1]. */
Datum
cx_customer_value_disconfirmation(PG_FUNCTION_ARGS)
{
	CustomerValue *v = PG_GETARG_CUSTOMER_VALUE_P(0);
	const ValueModel *m = model_arg(fcinfo, 1);
	double		perceptions;
	double		expectations;

	if (!model_side(v, m, ROLE_PERCEPTION, &perceptions)
		|| !model_side(v, m, ROLE_EXPECTATION, &expectations))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(perceptions - expectations);
}

PG_FUNCTION_INFO_V1(cx_customer_value_co_destruction);
/* cx.co_destruction(value, model): whether the value index is below 0. */
Datum
cx_customer_value_co_destruction(PG_FUNCTION_ARGS)
{
	CustomerValue *v = PG_GETARG_CUSTOMER_VALUE_P(0);
	double		result;

	if (!value_index(v, model_arg(fcinfo, 1), &result))
		PG_RETURN_NULL();
	PG_RETURN_BOOL(result < 0);
}
