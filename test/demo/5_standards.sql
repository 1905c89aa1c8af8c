\i test/demo/format.psql
CREATE FUNCTION pg_temp.ci(e cx.estimate) RETURNS text LANGUAGE sql IMMUTABLE AS $$
	SELECT pg_temp.pct((e).value) || ' (' || to_char(100 * (e).lower, 'FM990.0') || '-'
	       || to_char(100 * (e).upper, 'FM990.0') || ')' $$;

\echo '=== Government of Canada service standards 2023-24 (TBS service inventory): volume meeting the standard, by type ==='
\echo 'cx.rate(volume_meeting_target, total_volume) per standard, merged; 95% Wilson intervals'
SELECT CASE type WHEN 'TML' THEN 'timeliness' WHEN 'ACS' THEN 'access' WHEN 'ACY' THEN 'accuracy' ELSE 'other' END AS type,
       count(*) AS standards, count(standard_rate) AS "with volumes",
       pg_temp.ci(cx.share_ci(cx.merge(standard_rate))) AS "volume meeting standard",
       pg_temp.ci(cx.share_ci(cx.rate_agg(CASE target_met WHEN 'Y' THEN true WHEN 'N' THEN false END))) AS "standards meeting target",
       cx.skipped(cx.rate_agg(CASE target_met WHEN 'Y' THEN true WHEN 'N' THEN false END)) AS "target NA"
FROM demo.gc_standards
GROUP BY type
ORDER BY standards DESC;

\echo '=== GC timeliness standards by channel: is the phone slower to meet its standards than online? ==='
SELECT channel, count(*) AS standards,
       pg_temp.ci(cx.share_ci(cx.rate_agg(CASE target_met WHEN 'Y' THEN true WHEN 'N' THEN false END))) AS "standards meeting target",
       to_char(100 * (cx.difference(cx.rate_agg(CASE target_met WHEN 'Y' THEN true WHEN 'N' THEN false END),
                                    (SELECT cx.rate_agg(CASE target_met WHEN 'Y' THEN true WHEN 'N' THEN false END)
                                     FROM demo.gc_standards WHERE type = 'TML' AND channel = 'ONL'))).value, 'FMS990.0') AS "vs online (pts)",
       round(cx.p_value(cx.rate_agg(CASE target_met WHEN 'Y' THEN true WHEN 'N' THEN false END),
                        (SELECT cx.rate_agg(CASE target_met WHEN 'Y' THEN true WHEN 'N' THEN false END)
                         FROM demo.gc_standards WHERE type = 'TML' AND channel = 'ONL'))::numeric, 3) AS p
FROM demo.gc_standards
WHERE type = 'TML'
GROUP BY channel
ORDER BY standards DESC;

\echo '=== GC departments with the most timeliness standards: share of standards meeting their target ==='
SELECT department, count(*) AS standards,
       pg_temp.ci(cx.share_ci(cx.rate_agg(CASE target_met WHEN 'Y' THEN true WHEN 'N' THEN false END))) AS "meeting target"
FROM demo.gc_standards
WHERE type = 'TML'
GROUP BY department
ORDER BY standards DESC, department
LIMIT 6;

\echo '=== GC digital take-up 2023-24: applications submitted online out of all applications ==='
\echo 'NA (channel not offered) counts as 0 online; services with an ND (no data) application channel are left out'
SELECT count(*) AS services, count(take_up) AS "with data",
       count(*) FILTER (WHERE cx.n(take_up) > 0) AS "with applications",
       pg_temp.pct(cx.share(cx.merge(take_up))) AS "all applications",
       pg_temp.pct(percentile_cont(0.5) WITHIN GROUP (ORDER BY cx.share(take_up))) AS "median service",
       pg_temp.pct(avg((cx.share(take_up) = 0)::int)) AS "services with none online"
FROM demo.gc_services;
SELECT department, count(take_up) AS services, cx.n(cx.merge(take_up)) AS applications,
       pg_temp.ci(cx.share_ci(cx.merge(take_up))) AS "online take-up"
FROM demo.gc_services
GROUP BY department
ORDER BY applications DESC NULLS LAST
LIMIT 6;

\echo '=== Environmental permits (WABO): decided within the case''s own legal deadline (case:deadline) ==='
\echo '"Decided" = T10 Determine necessity to stop indication; an undecided case whose deadline passed before the log ends missed it;'
\echo 'one whose deadline is still ahead is skipped (unknown)'
\i test/demo/wabo_cases.psql
SELECT coalesce(channel, 'all') AS channel, cx.n(r) AS cases, cx.skipped(r) AS "deadline ahead",
       pg_temp.ci(cx.share_ci(r)) AS "decided by the deadline"
FROM (SELECT channel, cx.rate_agg(CASE WHEN decided_at IS NOT NULL THEN decided_at <= deadline
                                       WHEN deadline <= log_end THEN false END) AS r
      FROM wabo_cases GROUP BY ROLLUP (channel)) AS t
ORDER BY cx.n(r) DESC;
