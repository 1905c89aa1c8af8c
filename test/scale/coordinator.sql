-- The coordinator: one foreign server per shard, a hash-partitioned table
-- whose partitions are foreign tables on the shards.
CREATE EXTENSION postgres_fdw;

CREATE SERVER shard1 FOREIGN DATA WRAPPER postgres_fdw
	OPTIONS (host '127.0.0.1', port :'shard1', dbname 'postgres',
			 extensions 'cxvalue', async_capable 'true', batch_size '1000', fetch_size '10000');
CREATE SERVER shard2 FOREIGN DATA WRAPPER postgres_fdw
	OPTIONS (host '127.0.0.1', port :'shard2', dbname 'postgres',
			 extensions 'cxvalue', async_capable 'true', batch_size '1000', fetch_size '10000');
CREATE USER MAPPING FOR CURRENT_USER SERVER shard1 OPTIONS (user 'postgres');
CREATE USER MAPPING FOR CURRENT_USER SERVER shard2 OPTIONS (user 'postgres');

CREATE SCHEMA spread;
CREATE TABLE spread.assessments (LIKE public.assessments) PARTITION BY HASH (assessment_id);
CREATE FOREIGN TABLE spread.assessments_1 PARTITION OF spread.assessments
	FOR VALUES WITH (MODULUS 2, REMAINDER 0) SERVER shard1 OPTIONS (schema_name 'public', table_name 'assessments');
CREATE FOREIGN TABLE spread.assessments_2 PARTITION OF spread.assessments
	FOR VALUES WITH (MODULUS 2, REMAINDER 1) SERVER shard2 OPTIONS (schema_name 'public', table_name 'assessments');
