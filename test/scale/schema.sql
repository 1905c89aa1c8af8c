-- The tables every node of the multi-server test has: the same rows live
-- on the shards (spread by a hash of the journey id) and, for reference,
-- whole on the coordinator.
CREATE EXTENSION IF NOT EXISTS cxvalue;
CREATE TABLE touchpoints (
	journey_id bigint NOT NULL,
	service text NOT NULL,
	at timestamptz NOT NULL,
	stage text NOT NULL,
	score float8,
	channel text
);
CREATE TABLE answers (
	journey_id bigint NOT NULL,
	service text NOT NULL,
	item text NOT NULL,
	answer int
);
CREATE TABLE assessments (
	journey_id bigint NOT NULL,
	service text NOT NULL,
	voluntariness float8,
	system_locus float8
);
