-- Deterministic rows, loaded into the shards and into the local reference.
INSERT INTO public.assessments
SELECT i, 'service ' || (i % 7),
       CASE WHEN i % 53 = 0 THEN NULL ELSE ((i * 37) % 101) / 100.0 END,
       ((i * 11) % 101) / 100.0
FROM generate_series(1, 20000) AS i;
INSERT INTO spread.assessments SELECT * FROM public.assessments;
ANALYZE public.assessments;
ANALYZE spread.assessments;
