-- Load the HCAHPS state results (test/data/hcahps-national-state) into a
-- table of their own, public.hcahps_state.  Run from the repository root:
--   psql -f test/data/load_hcahps.sql
--
-- These are PUBLISHED STATE-LEVEL SHARES, not individual answers: a row is
-- the percentage of a state's surveyed patients in the top box of one
-- measure in one yearly release (for example 72: 72% answered "Always").
-- They go to a table of their own: the workspace's survey_answers holds
-- individual answers, and the top-box share of a state cannot be turned
-- back into them.
--   release     '07_2015' .. '07_2023' (the July release of each year)
--   period_end  the end of the survey period the release covers
--   state       two-letter code; region its census division
--   measure     H_COMP_1 .. H_COMP_7 (composites) and H_RECMND (recommend)
--   top_box, middle_box, bottom_box   shares as fractions (72 -> 0.72)
BEGIN;
CREATE TEMP TABLE hcahps_raw (release text, state text, measure text,
	bottom_box int, middle_box int, top_box int) ON COMMIT DROP;
CREATE TEMP TABLE hcahps_reports (release text, start_date text, end_date text) ON COMMIT DROP;
CREATE TEMP TABLE hcahps_states (state text, name text, region text) ON COMMIT DROP;
CREATE TEMP TABLE hcahps_measures (measure text, name text, kind text) ON COMMIT DROP;
\copy hcahps_raw FROM 'test/data/hcahps-national-state/state_results.csv' (FORMAT csv, HEADER true)
\copy hcahps_reports FROM 'test/data/hcahps-national-state/reports.csv' (FORMAT csv, HEADER true)
\copy hcahps_states FROM 'test/data/hcahps-national-state/states.csv' (FORMAT csv, HEADER true)
\copy hcahps_measures FROM 'test/data/hcahps-national-state/measures.csv' (FORMAT csv, HEADER true)

CREATE TABLE public.hcahps_state (
	release text NOT NULL,
	period_end date NOT NULL,
	state text NOT NULL,
	region text,
	measure text NOT NULL,
	measure_name text NOT NULL,
	top_box float8 NOT NULL CHECK (top_box BETWEEN 0 AND 1),
	middle_box float8 NOT NULL CHECK (middle_box BETWEEN 0 AND 1),
	bottom_box float8 NOT NULL CHECK (bottom_box BETWEEN 0 AND 1),
	PRIMARY KEY (release, state, measure)
);
COMMENT ON TABLE public.hcahps_state IS
	'HCAHPS published state-level box shares per release (CMS): shares of patients, not individual answers';

INSERT INTO public.hcahps_state
SELECT r.release, to_date(p.end_date, 'MM/DD/YYYY'), r.state, s.region, r.measure, m.name,
       r.top_box / 100.0, r.middle_box / 100.0, r.bottom_box / 100.0
FROM hcahps_raw r
JOIN hcahps_reports p USING (release)
JOIN hcahps_measures m USING (measure)
LEFT JOIN hcahps_states s USING (state);
COMMIT;
ANALYZE public.hcahps_state;
