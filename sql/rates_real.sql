-- cx.rate and cx.waits on real data, against figures computed from the raw
-- CSV files with independent tools (Python's csv module and statsmodels'
-- SurvfuncRight):
--   GC ss_2024.csv: 2,343 standards; 2,091 with both volumes and
--   met <= total, 9 with met > total; volume meeting / total by type TML
--   225,903,213 / 254,195,115 (1,796 standards), ACS 119,950,486 /
--   146,810,161 (147), ACY 112,688,197 / 120,492,367 (99), OTH 408,114,712 /
--   408,616,126 (49); target_met Y/N/NA: TML 1122/444/400, ACS 88/8/88,
--   ACY 68/11/46, OTH 35/7/26.
--   GC si_2024.csv: 1,376 services without an ND application channel,
--   264,299,775 of their 400,949,262 applications online.
--   WABO: of 1,434 cases, 1,225 decided (first T10) by case:deadline out of
--   1,421 decided or past their deadline, 13 undecided with the deadline
--   after the log's end; waits from case:startdate: 1,432 (2 decided before
--   their start date), 151 open; Kaplan-Meier median 23 days 15:05:11.026,
--   Brookmeyer-Crowley (cloglog) 95% interval 22 days 14:19:19.416 to
--   25 days 09:05:58.411; share decided within 56 days 0.849369798257 (12 decimals).
SET extra_float_digits = 0;
SET intervalstyle = postgres;
CREATE SCHEMA rates_real;
\set ws rates_real
\set ECHO none
\set QUIET on
\i test/data/load_gc_standards.sql
\set QUIET off
\set ECHO all

SELECT count(*) AS standards, count(standard_rate) AS rates,
       count(*) FILTER (WHERE note = 'volume meeting target exceeds total volume') AS invalid,
       count(*) FILTER (WHERE note = 'volumes not reported') AS unreported
FROM rates_real.gc_standards;

-- The share of every standard equals the published performance to its
-- published precision (its number of decimals): within half a unit of the
-- last published digit.
SELECT count(*) AS published,
       count(*) FILTER (WHERE abs(cx.share(standard_rate) - performance::float8)
                              <= 0.5 * 10 ^ -length(split_part(performance, '.', 2)) + 1e-12) AS equal
FROM rates_real.gc_standards
WHERE performance IS NOT NULL AND standard_rate IS NOT NULL;

-- Rates by standard type, with Wilson intervals (volumes), and the share of
-- standards meeting their target (NA skipped).
SELECT type, cx.merge(standard_rate) AS volume,
       round((cx.share_ci(cx.merge(standard_rate))).value::numeric, 6) AS share,
       round((cx.share_ci(cx.merge(standard_rate))).lower::numeric, 6) AS lower,
       round((cx.share_ci(cx.merge(standard_rate))).upper::numeric, 6) AS upper,
       cx.rate_agg(CASE target_met WHEN 'Y' THEN true WHEN 'N' THEN false END) AS target_met
FROM rates_real.gc_standards
GROUP BY type
ORDER BY type;

-- Digital take-up: online applications out of all, per service and overall.
SELECT count(take_up) AS services, cx.merge(take_up) AS applications,
       round(cx.share(cx.merge(take_up))::numeric, 6) AS take_up
FROM rates_real.gc_services;

-- The WABO permit log: decided by the case's own deadline, and the time to
-- a decision with the undecided cases censored at the log's end.
SELECT cx.create_workspace('rates_wabo') IS NOT NULL AS created;
\set ws rates_wabo
\set ECHO none
\set QUIET on
\i test/data/load_wabo.sql
\i test/data/load_wabo_deadlines.sql
\set QUIET off
\set ECHO all
-- The decision instant is the start plus the time to T10 in seconds: adding
-- days to a timestamptz would follow the session's daylight-saving rules.
CREATE TEMP TABLE wabo AS
SELECT d.journey_id, d.started_at, d.deadline, l.log_end,
       cx.started_at(j) + make_interval(secs => extract(epoch FROM cx.time_to(j, 'T10 Determine necessity to stop indication'))) AS decided_at
FROM rates_wabo.wabo_case_dates d
JOIN (SELECT journey_id, cx.journey_agg(at, stage) AS j FROM rates_wabo.touchpoints GROUP BY journey_id) AS t USING (journey_id),
     (SELECT max(at) AS log_end FROM rates_wabo.touchpoints) AS l;
SELECT cx.rate_agg(CASE WHEN decided_at IS NOT NULL THEN decided_at <= deadline
                        WHEN deadline <= log_end THEN false END) AS decided_by_deadline
FROM wabo;
CREATE TEMP TABLE wabo_waits AS
SELECT cx.waits_agg(CASE WHEN decided_at IS NULL THEN log_end - started_at
                         WHEN decided_at >= started_at THEN decided_at - started_at END,
                    decided_at IS NOT NULL) AS w
FROM wabo;
SELECT cx.n(w), cx.open(w), cx.skipped(w), q.value AS median, q.lower, q.upper,
       round((cx.share_done_by(w, '56 days')).value::numeric, 12) AS done_in_56_days
FROM wabo_waits, cx.wait_quantile(w, 0.5) AS q;
-- dropping the open cases biases the median down
SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY decided_at - started_at) AS median_of_decided_only
FROM wabo WHERE decided_at >= started_at;
