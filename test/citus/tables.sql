-- The Citus coordinator, after test/scale/schema.sql made the local tables
-- in public (the single-node reference): the same tables distributed by
-- journey id in schema spread (so that test/scale/load.sql fills both),
-- and the value answers the scale test does not have.
-- test/citus/cluster.sh has added the workers.

CREATE TABLE public.value_answers (
	journey_id bigint NOT NULL,
	service text NOT NULL,
	dimension text NOT NULL,
	score float8
);

CREATE SCHEMA spread;
CREATE TABLE spread.touchpoints (LIKE public.touchpoints);
CREATE TABLE spread.answers (LIKE public.answers);
CREATE TABLE spread.assessments (LIKE public.assessments);
CREATE TABLE spread.value_answers (LIKE public.value_answers);
SELECT create_distributed_table('spread.touchpoints', 'journey_id');
SELECT create_distributed_table('spread.answers', 'journey_id', colocate_with => 'spread.touchpoints');
SELECT create_distributed_table('spread.assessments', 'journey_id', colocate_with => 'spread.touchpoints');
SELECT create_distributed_table('spread.value_answers', 'journey_id', colocate_with => 'spread.touchpoints');

-- Value answers: the get-give dimensions, scores 1..7 with gaps, NULLs
-- and fractions, so that moments are not exact in binary.
INSERT INTO public.value_answers
SELECT j, 'service ' || (j % 5), d,
       CASE WHEN (j + length(d)) % 19 = 0 THEN NULL ELSE 1 + ((j * 13 + length(d) * 7) % 61) / 10.0 END
FROM generate_series(1, 3000) AS j,
     unnest(ARRAY['functional', 'emotional', 'time', 'effort', 'money', 'perceived', 'expected']) AS d
WHERE (j + length(d)) % 4 <> 0;
INSERT INTO spread.value_answers SELECT * FROM public.value_answers;
