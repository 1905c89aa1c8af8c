-- What drives the share of patients who would recommend the hospital?
-- A driver analysis of the HCAHPS state results (public.hcahps_state,
-- loaded by test/data/load_hcahps.sql): the top-box share of "definitely
-- yes, I would recommend this hospital" against the top-box shares of the
-- six composites, over every state and yearly release.
\i test/demo/format.psql
\echo '=== HCAHPS: what drives the share who would definitely recommend the hospital (states x releases) ==='
\echo 'These are PUBLISHED STATE-LEVEL SHARES, not individual answers.  Each row is one state in one'
\echo 'yearly release (n = states x releases, not patients).  A driver here is a composite whose share'
\echo 'moves with the recommend share ACROSS STATES AND YEARS: an ecological association.  It does not'
\echo 'say that a patient whose care transition went well is more likely to recommend (that needs the'
\echo 'individual answers), and the same state appears in every release, so the p-values are optimistic.'

CREATE TEMP VIEW hcahps_wide AS
SELECT release, state,
       max(top_box) FILTER (WHERE measure = 'H_RECMND') AS recommend,
       max(top_box) FILTER (WHERE measure = 'H_COMP_1') AS nurses,
       max(top_box) FILTER (WHERE measure = 'H_COMP_2') AS doctors,
       max(top_box) FILTER (WHERE measure = 'H_COMP_3') AS responsiveness,
       max(top_box) FILTER (WHERE measure = 'H_COMP_5') AS medicines,
       max(top_box) FILTER (WHERE measure = 'H_COMP_6') AS discharge_info,
       max(top_box) FILTER (WHERE measure = 'H_COMP_7') AS care_transition
FROM public.hcahps_state
GROUP BY release, state;

-- one summary per release: the analysis rolls up with cx.merge
CREATE TEMP TABLE hcahps_drivers AS
SELECT release,
       cx.drivers_agg(recommend,
                      ARRAY[nurses, doctors, responsiveness, medicines, discharge_info, care_transition],
                      ARRAY['nurses', 'doctors', 'responsiveness', 'medicines', 'discharge_info', 'care_transition']) AS d
FROM hcahps_wide
GROUP BY release;

SELECT cx.n(d) AS "state-releases", cx.skipped(d) AS skipped, round(cx.r2(d)::numeric, 3) AS r2
FROM (SELECT cx.merge(d) AS d FROM hcahps_drivers) m;

\echo 'r: correlation with the recommend share; coefficient: percentage points of recommend per point of'
\echo 'the composite, the others held fixed; beta: standardized; share: LMG share of R squared'
SELECT c.driver, round(c.r::numeric, 2) AS r,
       round(k.coefficient::numeric, 2) AS coefficient, round(k.std_error::numeric, 2) AS std_error,
       CASE WHEN k.p < 0.001 THEN '<0.001' ELSE to_char(k.p, 'FM0.000') END AS p,
       round(k.standardized::numeric, 2) AS beta, pg_temp.pct(i.share) AS share
FROM (SELECT cx.merge(d) AS d FROM hcahps_drivers) m,
     cx.correlations(d) c
     JOIN cx.coefficients(d) k USING (driver)
     JOIN cx.importance(d) i USING (driver)
ORDER BY i.share DESC;
\echo 'Reading it: the composites move together across states (r 0.66 to 0.89 each), so single'
\echo 'coefficients are unstable (medicines is negative with r = +0.75: the others carry its part).'
\echo 'The LMG share averages over every order of entry and is the figure to rank drivers by.'

\echo '=== The same analysis within each release (51 states each): is the ranking stable over the years? ==='
SELECT release, cx.n(d) AS states, round(cx.r2(d)::numeric, 2) AS r2,
       (SELECT string_agg(format('%s %s', driver, pg_temp.pct(share)), ', ' ORDER BY share DESC)
        FROM (SELECT * FROM cx.importance(d) ORDER BY share DESC LIMIT 3) t) AS "top three drivers (share of R squared)"
FROM hcahps_drivers
ORDER BY release;
