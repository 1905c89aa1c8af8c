-- Journey deadlines (cx.elapsed, cx.within) and working time (cx.working_days).
BEGIN;
SELECT plan(37);
SET LOCAL TimeZone = 'Europe/Amsterdam';

CREATE TEMP TABLE j AS
SELECT cx.journey_agg(at, stage) AS j
FROM (VALUES (timestamptz '2024-03-01 09:00', 'received'), ('2024-03-01 09:30', 'check'),
             ('2024-03-04 10:00', 'check'), ('2024-03-05 16:00', 'decided'),
             ('2024-03-06 09:00', 'received'), ('2024-03-07 12:00', 'decided')) AS t(at, stage);

SELECT is(cx.elapsed(j, 'received', 'decided'), interval '4 days 07:00', 'elapsed: first received to the first decided after it') FROM j;
SELECT is(cx.elapsed(j, NULL, 'check'), interval '00:30', 'from_stage NULL: from the first touchpoint') FROM j;
SELECT is(cx.elapsed(j, 'check', 'check'), interval '0', 'the same stage: 0') FROM j;
SELECT is(cx.elapsed(j, 'decided', 'received'), interval '17:00:00', 'to_stage: the first one at or after from_stage') FROM j;
SELECT is(cx.elapsed(j, 'received', 'appeal'), NULL, 'a to_stage never reached: NULL') FROM j;
SELECT is(cx.elapsed(j, 'appeal', 'decided'), NULL, 'a from_stage never reached: NULL') FROM j;
SELECT is(cx.elapsed(NULL, 'a', 'b'), NULL, 'a NULL journey: NULL');
SELECT throws_ok($$SELECT cx.elapsed(j, 'received', NULL) FROM j$$, '22004', NULL, 'a NULL to_stage is an error');
SELECT is(cx.within(j, '4 days 07:00', 'decided'), true, 'within is inclusive') FROM j;
SELECT is(cx.within(j, '4 days 06:59:59.999999', 'decided'), false, 'a microsecond less is late') FROM j;
SELECT is(cx.within(j, '1 month', 'decided', 'received'), true, 'a month counts as 30 days') FROM j;
SELECT is(cx.within(j, '1 day', 'appeal'), NULL, 'not reached: NULL, neither met nor missed') FROM j;
SELECT throws_ok($$SELECT cx.within(j, NULL, 'decided') FROM j$$, '22004', NULL, 'a NULL limit is an error');
SELECT is(cx.elapsed_working_days(j, 'received', 'decided'), 2.291666666667::numeric,
	'working days: Fri 09:00 .. Tue 16:00 = 15/24 + 1 + 16/24') FROM j;
SELECT is(cx.within_working_days(j, 3, 'decided'), true, 'within 3 working days') FROM j;
SELECT is(cx.within_working_days(j, 2, 'decided'), false, 'not within 2 working days') FROM j;
SELECT is(cx.within_working_days(j, 2, 'decided', holidays => '{2024-03-04}'), true,
	'a Monday holiday makes it 1.29 working days') FROM j;
SELECT is(cx.within_working_days(j, 1, 'appeal'), NULL, 'not reached: NULL') FROM j;

-- the partial-day rule
SELECT is(cx.working_days('2024-03-01 12:00', '2024-03-04 12:00'), 1::numeric, 'Friday noon to Monday noon: 1');
SELECT is(cx.working_days('2024-03-02 00:00', '2024-03-04 06:00'), 0.25::numeric, 'Saturday to Monday 06:00: 0.25');
SELECT is(cx.working_days('2024-03-04 12:00', '2024-03-01 12:00'), -1::numeric, 'backwards: negative');
SELECT is(cx.working_days('2024-03-04 09:00', '2024-03-04 09:00'), 0::numeric, 'no time: 0');
SELECT is(cx.working_days('2024-03-04', '2024-03-11'), 5::numeric, 'a week: 5 working days');
SELECT is(cx.working_days('2024-03-01', '2024-04-01', '{2024-03-29, 2024-03-29, 2024-03-30}'), 20::numeric,
	'March 2024 with Good Friday (repeated, and a Saturday holiday that changes nothing): 20');
SELECT is(cx.working_days('2024-03-01', '2024-04-01', '{}', '{}'), 31::numeric, 'no weekend: every day counts');
SELECT is(cx.working_days('2024-03-01', '2024-04-01', '{}', '{5,6}'), 21::numeric, 'a Friday-Saturday weekend');
SELECT is(cx.working_days('2024-03-31 00:00', '2024-03-31 12:00', '{}', '{}'), 0.478260869565::numeric,
	'the spring-forward day has 23 hours: midnight to noon is 11 of them, 11/23');
SELECT is(cx.working_days('2024-03-31 00:00', '2024-04-01 00:00', '{}', '{}'), 1::numeric, 'a 23-hour day is one day');
SELECT is(cx.working_days('2024-10-27 00:00', '2024-10-27 12:30', '{}', '{}'), 0.54::numeric,
	'the fall-back day has 25 hours: midnight to 12:30 is 13.5 of them, 13.5/25');
SELECT is(cx.working_days('2020-01-01', '2030-01-01'), 2609::numeric, 'ten years: 2609 weekdays');
SELECT is(cx.working_days('1999-12-27', '2000-01-03'), 5::numeric, 'across the 2000 epoch');
SELECT is(cx.working_days('1899-12-25', '1900-01-01'), 5::numeric, 'before the epoch');
SELECT throws_ok($$SELECT cx.working_days('2024-01-01', '2024-02-01', '{}', '{8}')$$, '22023', NULL,
	'a weekend day outside 1..7 is a bad parameter');
SELECT throws_ok($$SELECT cx.working_days('2024-01-01', '2024-02-01', '{NULL}')$$, '22004', NULL,
	'a NULL holiday is an error');
SELECT throws_ok($$SELECT cx.working_days('2024-01-01', 'infinity')$$, '22008', NULL,
	'an infinite timestamp is out of range');
SELECT is(cx.working_days('2024-01-01', NULL), NULL, 'cx.working_days is strict');
SET LOCAL TimeZone = 'UTC';
SELECT is(cx.working_days('2024-03-01 23:00+00', '2024-03-04 01:00+00'), 0.083333333333::numeric,
	'the session time zone decides the calendar: in UTC, 1 hour of Friday and 1 of Monday');

SELECT * FROM finish();
ROLLBACK;
