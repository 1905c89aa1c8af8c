-- The WABO permit cases' own dates (test/data/wabo-receipt), which
-- test/data/load_wabo.sql does not keep, for service standards and waiting
-- times.  Run after load_wabo.sql, from the repository root:
--   psql -v ws=<workspace schema> -f test/data/load_wabo_deadlines.sql
--
-- One row per case (case:concept:name), in table <ws>.wabo_case_dates:
--   started_at  case:startdate
--   deadline    case:deadline: the case's own legal deadline (a median of 8
--               weeks after the start: the WABO's statutory decision term)
--   ended_at    case:enddate, NULL while the case is open
-- Every case has one value of each (checked: the log repeats them on every
-- event); the log ends at its last time:timestamp, 2012-01-23 15:42:54.644+01.
BEGIN;
CREATE TEMP TABLE wabo_dates_raw (
	channel text, case_id text, deadline text, department text, enddate text,
	enddate_planned text, case_group text, responsible text, startdate text,
	instance text, step text, transition text, org_group text, resource text,
	at text
) ON COMMIT DROP;
\copy wabo_dates_raw FROM 'test/data/wabo-receipt/receipt.csv' (FORMAT csv, HEADER true)

CREATE TABLE :"ws".wabo_case_dates (
	journey_id text PRIMARY KEY,
	started_at timestamptz NOT NULL,
	deadline timestamptz NOT NULL,
	ended_at timestamptz
);
COMMENT ON TABLE :"ws".wabo_case_dates IS
	'WABO permit cases: start, legal deadline and end (case:startdate, case:deadline, case:enddate) from the receipt log';

INSERT INTO :"ws".wabo_case_dates
SELECT case_id, min(startdate)::timestamptz, min(deadline)::timestamptz, min(enddate)::timestamptz
FROM wabo_dates_raw
GROUP BY case_id
HAVING count(DISTINCT deadline) = 1 AND count(DISTINCT startdate) = 1
   AND count(DISTINCT coalesce(enddate, '')) = 1
ORDER BY case_id;
COMMIT;
