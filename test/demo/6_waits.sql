\i test/demo/format.psql
\i test/demo/wabo_cases.psql

\echo '=== Environmental permits (WABO): time from application (case:startdate) to decision (T10) ==='
\echo 'Kaplan-Meier: the 151 undecided cases are censored at the log''s last timestamp, not dropped'
\set QUIET on
CREATE TEMP TABLE wabo_waits AS
SELECT channel,
       cx.waits_agg(CASE WHEN decided_at IS NULL THEN log_end - started_at
                         WHEN decided_at >= started_at THEN decided_at - started_at END,
                    decided_at IS NOT NULL) AS w,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY decided_at - started_at) AS dropped_median
FROM wabo_cases
GROUP BY ROLLUP (channel);
\set QUIET off
SELECT coalesce(channel, 'all') AS channel, cx.n(w) AS cases, cx.open(w) AS open, cx.skipped(w) AS "skipped (decided before start)",
       pg_temp.span(q.value) AS "median (KM)", pg_temp.span(q.lower) || ' - ' || coalesce(pg_temp.span(q.upper), 'unbounded') AS "95% (Brookmeyer-Crowley)",
       pg_temp.span(dropped_median) AS "median dropping open cases",
       pg_temp.pct((cx.share_done_by(w, '8 weeks')).value) AS "decided within 8 weeks"
FROM wabo_waits, cx.wait_quantile(w, 0.5) AS q
ORDER BY cx.n(w) DESC;

\echo '=== Road-traffic fines: time from the fine to the first payment ==='
\echo 'Unpaid fines are censored at the log''s last timestamp (credit collection and appeals included: the log does not show a payment)'
WITH fines AS (
	SELECT journey_id, cx.journey_agg(at, stage) AS j
	FROM demo.touchpoints WHERE service = 'road-fines' GROUP BY journey_id),
log AS (SELECT max(at) AS log_end FROM demo.touchpoints WHERE service = 'road-fines'),
w AS (SELECT cx.waits_agg(coalesce(cx.elapsed(j, 'Create Fine', 'Payment'), log_end - cx.started_at(j)),
                          cx.elapsed(j, 'Create Fine', 'Payment') IS NOT NULL) AS w FROM fines, log)
SELECT cx.n(w) AS fines, cx.open(w) AS unpaid,
       pg_temp.span(cx.median_wait(w)) AS "median to payment",
       pg_temp.span((cx.wait_quantile(w, 0.25)).value) AS "first quarter paid by",
       pg_temp.pct((cx.share_done_by(w, '90 days')).value) AS "paid within 90 days",
       to_char(100 * (cx.share_done_by(w, '90 days')).lower, 'FM990.0') || '-' || to_char(100 * (cx.share_done_by(w, '90 days')).upper, 'FM990.0') || '%' AS "95% (log-log)"
FROM w;
