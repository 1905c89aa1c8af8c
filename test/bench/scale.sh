#!/usr/bin/env bash
# The multi-server scorecard: a coordinator and two shards on loopback
# ports (postgres_fdw).  The per-service A-11 scorecard is computed two ways
# and checked equal: shard-local cx.scores summaries merged on the
# coordinator with cx.merge, against pulling every answer to the
# coordinator and aggregating there.  Prints one report row.
# Run by test/bench/run with CX_PGBIN set; CX_SCALE_ANSWERS sets the size.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
pgbin=$CX_PGBIN
source "$here/../lib.sh"
CX_PGBIN=$pgbin
answers=${CX_SCALE_ANSWERS:-2000000}

cx_start_cluster shard1 "jit = on"
shard1=$CX_PORT
cx_start_cluster shard2 "jit = on"
shard2=$CX_PORT
cx_start_cluster coordinator "jit = on"
coordinator=$CX_PORT

for shard in 1 2; do
	port=$shard1
	[ "$shard" = 2 ] && port=$shard2
	CX_PORT=$port cx_psql -q -d postgres <<SQL
CREATE EXTENSION cxvalue;
CREATE TABLE answers AS
SELECT 'service ' || (i % 50) AS service,
       (ARRAY['satisfaction', 'trust', 'ease', 'efficiency', 'equity', 'helpfulness', 'effectiveness'])[1 + i / 50 % 7] AS item,
       CASE WHEN i % 29 = 0 THEN NULL ELSE (1 + (i::bigint * 7919 / 13) % 5)::int END AS answer
FROM generate_series($shard, $answers, 2) AS i;
VACUUM ANALYZE answers;
SQL
done

CX_PORT=$coordinator cx_psql -q -d postgres -c "CREATE EXTENSION cxvalue" -f "$CX_ROOT/test/bench/framework.sql"
CX_PORT=$coordinator cx_psql -q -d postgres -v shard1="$shard1" -v shard2="$shard2" <<'SQL'
CREATE EXTENSION postgres_fdw;
CREATE SERVER shard1 FOREIGN DATA WRAPPER postgres_fdw
	OPTIONS (host '127.0.0.1', port :'shard1', dbname 'postgres', extensions 'cxvalue',
			 async_capable 'true', fetch_size '50000');
CREATE SERVER shard2 FOREIGN DATA WRAPPER postgres_fdw
	OPTIONS (host '127.0.0.1', port :'shard2', dbname 'postgres', extensions 'cxvalue',
			 async_capable 'true', fetch_size '50000');
CREATE USER MAPPING FOR CURRENT_USER SERVER shard1 OPTIONS (user 'postgres');
CREATE USER MAPPING FOR CURRENT_USER SERVER shard2 OPTIONS (user 'postgres');
CREATE FOREIGN TABLE answers_1 (service text, item text, answer int) SERVER shard1 OPTIONS (table_name 'answers');
CREATE FOREIGN TABLE answers_2 (service text, item text, answer int) SERVER shard2 OPTIONS (table_name 'answers');

\o /dev/null
SELECT bench.compare('multi-server A-11 scorecard: merged shard summaries (cxvalue) against pulling every answer to the coordinator (plain)',
	$$SELECT service, item, cx.n(s) AS n, round(cx.top_box(s)::numeric, 12) AS agree, round((cx.top_box_ci(s)).lower::numeric, 12) AS lower
	  FROM (SELECT service, item, cx.merge(s) AS s FROM (
	          SELECT service, item, cx.scores_agg(answer, 1, 5) AS s FROM answers_1 GROUP BY service, item
	          UNION ALL
	          SELECT service, item, cx.scores_agg(answer, 1, 5) FROM answers_2 GROUP BY service, item) parts
	        GROUP BY service, item) m$$,
	$$SELECT service, item, cx.n(s) AS n, round(cx.top_box(s)::numeric, 12) AS agree, round((cx.top_box_ci(s)).lower::numeric, 12) AS lower
	  FROM (SELECT service, item, cx.scores_agg(answer, 1, 5) AS s
	        FROM (SELECT * FROM answers_1 UNION ALL SELECT * FROM answers_2) a GROUP BY service, item) m$$,
	$$SELECT service, item, count(*) FROM (SELECT * FROM answers_1 UNION ALL SELECT * FROM answers_2) a GROUP BY service, item$$);
\o
SELECT figure, round((plain_ms / cx_ms)::numeric, 1) || 'x faster (' || round(cx_ms::numeric, 1) || ' ms against '
       || round(plain_ms::numeric, 1) || ' ms), ' || note AS multi_server
FROM bench.results;
SQL
