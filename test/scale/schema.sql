-- The tables every node of the multi-server test has: the same rows live
-- on the shards (spread by hash) and, for reference, whole on the coordinator.
CREATE EXTENSION IF NOT EXISTS cxvalue;
CREATE TABLE assessments (
	assessment_id bigint PRIMARY KEY,
	service text NOT NULL,
	voluntariness float8,
	system_locus float8
);
