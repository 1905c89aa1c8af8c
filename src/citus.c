/*
 * citus.c
 *	  Reading the value models on a Citus cluster.
 *
 * cx.distribute_value_models() (citus.sql) makes cx.value_model a Citus
 * reference table, so that a model defined on the coordinator is on every
 * node, written in the same (two-phase) transaction.  A worker
 * computing cx.value_index for a pushed-down query then reads the model
 * through Citus (a local read of the reference table's placement on that
 * node), and Citus refuses any distributed execution inside a query on a
 * shard unless citus.allow_nested_distributed_execution is on.  The guard
 * is against reading distributed tables whose shards may move; a reference
 * table has a placement on every node and never moves, so the model lookup
 * turns the setting on for its one query, and only that query.
 *
 * Without Citus loaded these do nothing.  The setting is looked up by name,
 * so cxvalue neither links to Citus nor needs it installed.
 */
#include "postgres.h"

#include "utils/guc.h"

#include "citus.h"

#define NESTED_EXECUTION_GUC "citus.allow_nested_distributed_execution"

/*
 * Allow the model lookup that follows to run as a (local) Citus query
 * inside a query on a shard.  Returns the GUC nest level to end, or -1.
 */
int
cx_citus_begin_reference_read(void)
{
	int			nest_level;

	if (GetConfigOption(NESTED_EXECUTION_GUC, true, false) == NULL)
		return -1;
	nest_level = NewGUCNestLevel();
	(void) set_config_option(NESTED_EXECUTION_GUC, "on", PGC_USERSET, PGC_S_SESSION,
							 GUC_ACTION_SAVE, true, 0, false);
	return nest_level;
}

/* Put the setting back as it was before cx_citus_begin_reference_read. */
void
cx_citus_end_reference_read(int nest_level)
{
	if (nest_level >= 0)
		AtEOXact_GUC(true, nest_level);
}
