-- The rollup recipe (README "Over time: rollups") on both sides: one
-- summary per service and day, and one journey per journey and day, made
-- from the raw rows by an INSERT ... SELECT.  On the cluster the service
-- rollup is distributed by service and the journey rollup by journey id.
DO $$
DECLARE
	s text;
BEGIN
	FOREACH s IN ARRAY ARRAY['public', 'spread'] LOOP
		EXECUTE format($sql$
			CREATE TABLE %1$I.rollup_daily (
				service text NOT NULL,
				day date NOT NULL,
				scores cx.scores,
				profile cx.quadrant_profile,
				value cx.customer_value,
				PRIMARY KEY (service, day));
			CREATE TABLE %1$I.journey_daily (
				journey_id bigint NOT NULL,
				service text NOT NULL,
				day date NOT NULL,
				journey cx.journey,
				PRIMARY KEY (journey_id, day))$sql$, s);
	END LOOP;
END $$;
SELECT create_distributed_table('spread.rollup_daily', 'service');
SELECT create_distributed_table('spread.journey_daily', 'journey_id', colocate_with => 'spread.touchpoints');

-- Answers carry no time of their own: a journey's answers fall on the day
-- given by its id, as its touchpoints do.
DO $$
DECLARE
	s text;
BEGIN
	FOREACH s IN ARRAY ARRAY['public', 'spread'] LOOP
		EXECUTE format($sql$
			INSERT INTO %1$I.rollup_daily (service, day, scores, profile, value)
			SELECT service, day, a.scores, q.profile, v.value
			FROM (SELECT service, date '2026-03-01' + (journey_id %% 30)::int AS day,
			             cx.scores_agg(answer, 1, 5) AS scores
			      FROM %1$I.answers GROUP BY 1, 2) a
			FULL JOIN (SELECT service, date '2026-03-01' + (journey_id %% 30)::int AS day,
			                  cx.quadrant_agg(voluntariness, system_locus) AS profile
			           FROM %1$I.assessments GROUP BY 1, 2) q USING (service, day)
			FULL JOIN (SELECT service, date '2026-03-01' + (journey_id %% 30)::int AS day,
			                  cx.value_agg(dimension, score, 1, 7) AS value
			           FROM %1$I.value_answers GROUP BY 1, 2) v USING (service, day)$sql$, s);
		EXECUTE format($sql$
			INSERT INTO %1$I.journey_daily (journey_id, service, day, journey)
			SELECT journey_id, service, (at AT TIME ZONE 'UTC')::date,
			       cx.journey_agg(at, stage, score, channel)
			FROM %1$I.touchpoints GROUP BY 1, 2, 3$sql$, s);
	END LOOP;
END $$;
