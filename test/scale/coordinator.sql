-- The coordinator: one foreign server per shard, and for each table a
-- partitioned twin in schema spread whose hash partitions (by journey id)
-- are foreign tables on the shards.
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
DO $$
DECLARE
	t text;
BEGIN
	FOREACH t IN ARRAY ARRAY['touchpoints', 'answers', 'assessments'] LOOP
		EXECUTE format('CREATE TABLE spread.%1$I (LIKE public.%1$I) PARTITION BY HASH (journey_id)', t);
		FOR shard IN 1 .. 2 LOOP
			EXECUTE format('CREATE FOREIGN TABLE spread.%1$I_%2$s PARTITION OF spread.%1$I
							FOR VALUES WITH (MODULUS 2, REMAINDER %3$s)
							SERVER shard%2$s OPTIONS (schema_name %4$L, table_name %1$L)',
						   t, shard, shard - 1, 'public');
		END LOOP;
	END LOOP;
END $$;
