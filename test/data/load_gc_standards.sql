-- Load the Government of Canada service standards and service inventory
-- (test/data/gc-service-inventory, FY 2023-24) as cx.rate values.  Run from
-- the repository root:
--   psql -v ws=<schema> -f test/data/load_gc_standards.sql
--
-- <ws>.gc_standards, one row per service standard (ss_2024.csv, 2,343):
--   met, total   volume_meeting_target and total_volume; blank means "no
--                information available" (data dictionary), loaded as NULL
--   standard     cx.rate(met, total): NULL where a count is blank, and
--                where met exceeds total (9 rows), which the dictionary's
--                validation forbids ("Volume Meeting Target can not exceed
--                Total Volume") and cx.rate refuses (22003); note says why
--   performance  the published performance column as text (its precision is
--                its number of decimals), blank where not published
--   target       the target share; target_met Y / N / NA as published
-- <ws>.gc_services, one row per service (si_2024.csv, 1,752):
--   online       num_applications_online: a count, 0 where "NA" (the
--                dictionary: no applications can be submitted online),
--                NULL where "ND" (no data collected)
--   total        num_applications_total, the sum of the channel counts
--   take_up      digital take-up, cx.rate(online, total): applications
--                submitted online out of all applications.  NULL where
--                online is ND, or where any other application channel is
--                ND, since then the total undercounts the applications
--                (the total adds up only the channels with data).
BEGIN;
CREATE TEMP TABLE gc_ss_raw (
	fiscal_yr text, service_id text, service_name text, standard_id text, standard text,
	type text, channel text, target text, met text, total text, performance text,
	target_met text, owner_org text, owner_org_title text
) ON COMMIT DROP;
\copy gc_ss_raw FROM 'test/data/gc-service-inventory/ss_2024.csv' (FORMAT csv, HEADER true)
CREATE TEMP TABLE gc_si_raw (
	fiscal_yr text, service_id text, service_name text, owner_org text, owner_org_title text,
	phone text, online text, in_person text, mail text, email text, fax text, other text, total text
) ON COMMIT DROP;
\copy gc_si_raw FROM 'test/data/gc-service-inventory/si_2024.csv' (FORMAT csv, HEADER true)

CREATE TABLE :"ws".gc_standards (
	fiscal_year text NOT NULL,
	service_id text NOT NULL,
	service_name text,
	standard_id text NOT NULL,
	standard text,
	type text NOT NULL,
	channel text NOT NULL,
	target numeric,
	met bigint,
	total bigint,
	standard_rate cx.rate,
	performance text,
	target_met text NOT NULL,
	department text NOT NULL,
	note text,
	PRIMARY KEY (service_id, standard_id, channel)
);
COMMENT ON TABLE :"ws".gc_standards IS
	'Government of Canada service standards 2023-24: volume meeting the standard out of total volume, as cx.rate (Open Government Licence - Canada)';

INSERT INTO :"ws".gc_standards
SELECT fiscal_yr, service_id, service_name, standard_id, standard, type, channel,
       target::numeric, met::bigint, total::bigint,
       CASE WHEN met::bigint <= total::bigint
            THEN cx.rate(met::bigint, total::bigint) END,
       performance, target_met,
       split_part(owner_org_title, ' | ', 1),
       CASE WHEN met IS NULL OR total IS NULL THEN 'volumes not reported'
            WHEN met::bigint > total::bigint THEN 'volume meeting target exceeds total volume' END
FROM gc_ss_raw
ORDER BY service_id, standard_id, channel;

CREATE TABLE :"ws".gc_services (
	fiscal_year text NOT NULL,
	service_id text NOT NULL,
	service_name text,
	department text NOT NULL,
	online bigint,
	total bigint NOT NULL,
	take_up cx.rate,
	PRIMARY KEY (fiscal_year, service_id)
);
COMMENT ON TABLE :"ws".gc_services IS
	'Government of Canada service inventory 2023-24: applications online out of all applications (digital take-up) as cx.rate';

INSERT INTO :"ws".gc_services
SELECT fiscal_yr, service_id, service_name, split_part(owner_org_title, ' | ', 1),
       CASE online WHEN 'NA' THEN 0 WHEN 'ND' THEN NULL ELSE online::bigint END,
       total::bigint,
       CASE WHEN 'ND' NOT IN (phone, online, in_person, mail, email, fax, other)
            THEN cx.rate(CASE online WHEN 'NA' THEN 0 ELSE online::bigint END, total::bigint) END
FROM gc_si_raw
ORDER BY fiscal_yr, service_id;
COMMIT;
