-- journey deadlines and working time

CREATE FUNCTION cx.elapsed(j cx.journey, from_stage text, to_stage text)
RETURNS interval
AS 'MODULE_PATHNAME', 'cx_journey_elapsed'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION cx.elapsed(cx.journey, text, text) IS
	'Time from the first from_stage (the first touchpoint when NULL) to the first to_stage at the same time or later; NULL when a stage was not reached';

CREATE FUNCTION cx.within(j cx.journey, "limit" interval, to_stage text,
						  from_stage text DEFAULT NULL)
RETURNS boolean
AS 'MODULE_PATHNAME', 'cx_journey_within'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION cx.within(cx.journey, interval, text, text) IS
	'Whether cx.elapsed(j, from_stage, to_stage) <= limit (inclusive); NULL when to_stage (or from_stage) was not reached';

CREATE FUNCTION cx.working_days("from" timestamptz, "to" timestamptz,
								holidays date[] DEFAULT '{}',
								weekend integer[] DEFAULT '{6,7}')
RETURNS numeric
AS 'MODULE_PATHNAME', 'cx_working_days'
LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cx.working_days(timestamptz, timestamptz, date[], integer[]) IS
	'Working time from one instant to another in days, on the calendar of the session time zone: whole working days count 1, a cut working day the fraction of its own length inside; rounded to 12 decimals, weekend days (ISO 1 = Monday .. 7 = Sunday) and holidays 0';

CREATE FUNCTION cx.elapsed_working_days(j cx.journey, from_stage text, to_stage text,
										holidays date[] DEFAULT '{}',
										weekend integer[] DEFAULT '{6,7}')
RETURNS numeric
AS 'MODULE_PATHNAME', 'cx_journey_elapsed_working_days'
LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION cx.elapsed_working_days(cx.journey, text, text, date[], integer[]) IS
	'cx.working_days over the span cx.elapsed measures; NULL when a stage was not reached';

CREATE FUNCTION cx.within_working_days(j cx.journey, days numeric, to_stage text,
									   from_stage text DEFAULT NULL,
									   holidays date[] DEFAULT '{}',
									   weekend integer[] DEFAULT '{6,7}')
RETURNS boolean
AS 'MODULE_PATHNAME', 'cx_journey_within_working_days'
LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION cx.within_working_days(cx.journey, numeric, text, text, date[], integer[]) IS
	'Whether cx.elapsed_working_days(j, from_stage, to_stage, holidays, weekend) <= days (inclusive); NULL when a stage was not reached';

