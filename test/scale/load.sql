-- Deterministic rows, loaded into the shards (through the coordinator's
-- partitioned tables) and into the local reference tables.
INSERT INTO public.touchpoints
SELECT j, 'service ' || (j % 5),
       timestamptz '2026-03-01 09:00+00' + make_interval(days => j % 30, mins => k * (7 + j % 13)),
       (ARRAY['apply', 'verify', 'pay', 'decide', 'appeal'])[1 + (j * k) % 5],
       CASE WHEN (j + k) % 9 = 0 THEN NULL ELSE 1 + (j * 7 + k * 3) % 5 END,
       CASE WHEN (j + k) % 11 = 0 THEN NULL ELSE (ARRAY['web', 'phone', 'office'])[1 + (j + k * k) % 3] END
FROM generate_series(1, 3000) AS j, generate_series(1, 1 + j % 8) AS k;
INSERT INTO public.answers
SELECT j, 'service ' || (j % 5), item,
       CASE WHEN (j * 3 + length(item)) % 17 = 0 THEN NULL ELSE 1 + (j * 7 + length(item)) % 5 END
FROM generate_series(1, 3000) AS j, unnest(ARRAY['satisfaction', 'trust', 'ease']) AS item;
INSERT INTO public.assessments
SELECT j, 'service ' || (j % 5),
       CASE WHEN j % 53 = 0 THEN NULL ELSE ((j * 37) % 101) / 100.0 END,
       ((j * 11) % 101) / 100.0
FROM generate_series(1, 3000) AS j;

INSERT INTO spread.touchpoints SELECT * FROM public.touchpoints;
INSERT INTO spread.answers SELECT * FROM public.answers;
INSERT INTO spread.assessments SELECT * FROM public.assessments;
ANALYZE;
