// The Swedish working-day calendar, checked against dates anyone can look up: 2026 and 2027 (one 2028 row where
// neither year has the holiday on a weekday). Expected values are written in Stockholm time with their offset.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { swedishCalendar as calendar, createCalendar, SWEDISH_CALENDAR_CONFIG } from '../src/calendar';
import { local } from './time';

const HOUR = 3_600_000;

describe('isWorkingDay', () => {
  it.each([
    ['2026-01-01', false, "New Year's Day (Thursday)"],
    ['2026-01-05', true, 'Twelfth Night: a half day in some workplaces, a working day here'],
    ['2026-01-06', false, 'Epiphany (Tuesday)'],
    ['2026-03-29', false, 'Sunday, and the spring daylight-saving change'],
    ['2026-03-30', true, 'the Monday after the spring change'],
    ['2026-04-02', true, 'Maundy Thursday is a working day'],
    ['2026-04-03', false, 'Good Friday'],
    ['2026-04-06', false, 'Easter Monday'],
    ['2026-04-30', true, 'Walpurgis Eve is a working day'],
    ['2026-05-01', false, 'May Day (Friday)'],
    ['2026-05-14', false, 'Ascension Day (Thursday)'],
    ['2026-05-15', true, 'the Friday after Ascension is a working day'],
    ['2026-06-05', true, 'the Friday before National Day'],
    ['2026-06-06', false, 'National Day, a Saturday in 2026'],
    ['2026-06-19', false, 'Midsummer Eve'],
    ['2026-06-20', false, 'Midsummer Day (Saturday)'],
    ['2026-10-30', true, "All Saints' Eve is a working day"],
    ['2026-10-31', false, "All Saints' Day (Saturday)"],
    ['2026-12-23', true, 'the day before Christmas Eve'],
    ['2026-12-24', false, 'Christmas Eve'],
    ['2026-12-25', false, 'Christmas Day'],
    ['2026-12-26', false, 'Boxing Day (Saturday)'],
    ['2026-12-28', true, 'the Monday after Christmas'],
    ['2026-12-31', false, "New Year's Eve"],
    ['2027-01-01', false, "New Year's Day (Friday)"],
    ['2027-01-06', false, 'Epiphany (Wednesday)'],
    ['2027-03-26', false, 'Good Friday'],
    ['2027-03-29', false, 'Easter Monday'],
    ['2027-05-06', false, 'Ascension Day'],
    ['2027-06-07', true, 'National Day fell on Sunday 6 June: Sweden has no substitute day'],
    ['2027-06-25', false, 'Midsummer Eve'],
    ['2027-12-24', false, 'Christmas Eve (Friday)'],
    ['2027-12-27', true, 'Boxing Day fell on Sunday: Monday is a working day'],
    ['2027-12-31', false, "New Year's Eve (Friday)"],
    ['2028-06-06', false, 'National Day on a Tuesday'],
  ])('%s is a working day: %s (%s)', (date, expected) => {
    expect(calendar.isWorkingDay(date)).toBe(expected);
  });

  it.each([
    ['2026-06-18T23:30:00Z', false, 'already 01:30 on Midsummer Eve in Stockholm'],
    ['2026-12-23T22:59:59Z', true, 'still 23:59:59 on 23 December in Stockholm'],
    ['2026-12-23T23:00:00Z', false, 'midnight: Christmas Eve has begun in Stockholm'],
  ])('an instant %s counts by its Stockholm date: %s (%s)', (instant, expected) => {
    expect(calendar.isWorkingDay(instant)).toBe(expected);
  });
});

describe('addWorkingDays', () => {
  it.each([
    // Ordinary weeks.
    [
      '2026-03-06T16:55:00+01:00',
      1,
      '2026-03-09T16:55:00+01:00',
      'Friday 16:55: 5 minutes on Friday, the rest on Monday',
    ],
    [
      '2026-03-07T10:00:00+01:00',
      1,
      '2026-03-09T17:00:00+01:00',
      'Saturday: counting starts at the Monday opening',
    ],
    [
      '2026-03-10T08:00:00+01:00',
      1,
      '2026-03-10T17:00:00+01:00',
      'from the opening: due at the close, not next morning',
    ],
    ['2026-03-10T06:00:00+01:00', 1, '2026-03-10T17:00:00+01:00', 'before opening: counting starts at 08:00'],
    [
      '2026-03-10T18:30:00+01:00',
      1,
      '2026-03-11T17:00:00+01:00',
      'after closing: counting starts Wednesday 08:00',
    ],
    // Easter.
    [
      '2026-04-02T15:00:00+02:00',
      1,
      '2026-04-07T15:00:00+02:00',
      'Maundy Thursday 2 h, Good Friday to Easter Monday off, 7 h Tuesday',
    ],
    ['2026-04-02T15:00:00+02:00', 2, '2026-04-08T15:00:00+02:00', 'as above, one more day'],
    [
      '2026-04-03T10:00:00+02:00',
      1,
      '2026-04-07T17:00:00+02:00',
      'started on Good Friday: the whole of Tuesday',
    ],
    [
      '2027-03-25T15:00:00+01:00',
      1,
      '2027-03-30T15:00:00+02:00',
      'Maundy Thursday 2027 in winter time; Easter Sunday is the spring change',
    ],
    // Ascension and May Day.
    [
      '2026-05-13T09:00:00+02:00',
      1,
      '2026-05-15T09:00:00+02:00',
      'Wednesday 8 h, Ascension Thursday off, 1 h Friday',
    ],
    ['2027-05-05T16:55:00+02:00', 1, '2027-05-07T16:55:00+02:00', 'Ascension 2027 is Thursday 6 May'],
    [
      '2026-04-30T10:00:00+02:00',
      1,
      '2026-05-04T10:00:00+02:00',
      'Walpurgis Eve 7 h, May Day Friday off, 2 h Monday',
    ],
    // National Day.
    [
      '2026-06-05T16:55:00+02:00',
      1,
      '2026-06-08T16:55:00+02:00',
      'National Day 2026 is a Saturday: no substitute Monday',
    ],
    [
      '2028-06-05T16:00:00+02:00',
      1,
      '2028-06-07T16:00:00+02:00',
      'National Day 2028 is a Tuesday: 1 h Monday, 8 h Wednesday',
    ],
    // Midsummer.
    [
      '2026-06-19T23:30:00+02:00',
      1,
      '2026-06-22T17:00:00+02:00',
      '23:30 on Midsummer Eve: Midsummer Day, Sunday off, all of Monday',
    ],
    [
      '2026-06-18T16:00:00+02:00',
      1,
      '2026-06-22T16:00:00+02:00',
      'Thursday 1 h, Midsummer Eve off, 8 h Monday',
    ],
    ['2027-06-24T16:55:00+02:00', 1, '2027-06-28T16:55:00+02:00', 'Midsummer Eve 2027 is Friday 25 June'],
    // All Saints.
    [
      '2026-10-30T16:55:00+01:00',
      1,
      '2026-11-02T16:55:00+01:00',
      "All Saints' Eve is worked; All Saints' Day is Saturday",
    ],
    [
      '2027-11-05T12:00:00+01:00',
      1,
      '2027-11-08T12:00:00+01:00',
      "All Saints' Day 2027 is Saturday 6 November",
    ],
    // Christmas and New Year.
    [
      '2026-12-23T16:00:00+01:00',
      1,
      '2026-12-28T16:00:00+01:00',
      '1 h Wednesday; Christmas Eve to Sunday off; 8 h Monday',
    ],
    [
      '2026-12-24T09:00:00+01:00',
      1,
      '2026-12-28T17:00:00+01:00',
      'started on Christmas Eve: the whole of Monday 28th',
    ],
    [
      '2027-12-23T16:55:00+01:00',
      1,
      '2027-12-27T16:55:00+01:00',
      'Christmas Eve 2027 is Friday; Monday 27th is worked',
    ],
    [
      '2026-12-30T12:00:00+01:00',
      1,
      '2027-01-04T12:00:00+01:00',
      "5 h Wednesday; New Year's Eve and Day off; 4 h Monday",
    ],
    [
      '2026-12-31T23:30:00+01:00',
      1,
      '2027-01-04T17:00:00+01:00',
      "late on New Year's Eve: all of Monday 4 January",
    ],
    [
      '2027-12-30T12:00:00+01:00',
      1,
      '2028-01-03T12:00:00+01:00',
      "New Year's Eve 2027 is Friday, New Year's Day Saturday",
    ],
    [
      '2026-12-21T08:00:00+01:00',
      3,
      '2026-12-23T17:00:00+01:00',
      'three whole days before Christmas: Monday to Wednesday',
    ],
    [
      '2026-12-22T10:00:00+01:00',
      3,
      '2026-12-29T10:00:00+01:00',
      '7 h + 9 h before Christmas, 9 h Monday 28th, 2 h Tuesday',
    ],
    // Epiphany.
    [
      '2026-01-05T14:00:00+01:00',
      1,
      '2026-01-07T14:00:00+01:00',
      'Twelfth Night Monday 3 h, Epiphany Tuesday off, 6 h Wednesday',
    ],
    ['2027-01-05T14:00:00+01:00', 1, '2027-01-07T14:00:00+01:00', 'Epiphany 2027 is a Wednesday'],
    // Daylight saving.
    [
      '2026-03-27T16:55:00+01:00',
      1,
      '2026-03-30T16:55:00+02:00',
      'spring change on Sunday 29 March: same wall-clock time Monday',
    ],
    [
      '2026-03-29T01:59:00+01:00',
      1,
      '2026-03-30T17:00:00+02:00',
      'the night of the spring change: all of Monday',
    ],
    [
      '2026-10-23T16:55:00+02:00',
      1,
      '2026-10-26T16:55:00+01:00',
      'autumn change on Sunday 25 October: same wall-clock time Monday',
    ],
    [
      '2026-10-25T02:30:00+02:00',
      1,
      '2026-10-26T17:00:00+01:00',
      'the first of the two 02:30s of the autumn change',
    ],
    ['2027-10-29T16:55:00+02:00', 1, '2027-11-01T16:55:00+01:00', 'autumn change 2027 on Sunday 31 October'],
  ])('%s + %d working day(s) = %s (%s)', (start, days, expected) => {
    expect(local(calendar.addWorkingDays(start, days))).toBe(expected);
  });
});

describe('addWorkingHours', () => {
  it.each([
    [
      '2026-04-02T15:00:00+02:00',
      4,
      '2026-04-07T10:00:00+02:00',
      'Maundy Thursday 2 h, then 2 h on the Tuesday after Easter',
    ],
    [
      '2026-03-10T16:30:00+01:00',
      1,
      '2026-03-11T08:30:00+01:00',
      'half an hour before closing, half an hour next morning',
    ],
    [
      '2026-03-10T08:00:00+01:00',
      9,
      '2026-03-10T17:00:00+01:00',
      'a full day ends at the close of the same day',
    ],
    ['2026-03-27T16:00:00+01:00', 2, '2026-03-30T09:00:00+02:00', 'across the spring change'],
    ['2026-12-23T15:30:00+01:00', 2.5, '2026-12-28T09:00:00+01:00', '1.5 h before Christmas, 1 h after'],
    [
      '2026-06-19T23:30:00+02:00',
      0.5,
      '2026-06-22T08:30:00+02:00',
      'Midsummer Eve night: from the Monday opening',
    ],
  ])('%s + %d working hour(s) = %s (%s)', (start, hours, expected) => {
    expect(local(calendar.addWorkingHours(start, hours))).toBe(expected);
  });

  it('refuses negative durations', () => {
    expect(() => calendar.addWorkingHours('2026-03-10T10:00:00+01:00', -1)).toThrow(RangeError);
  });
});

describe('workingMillisBetween', () => {
  it.each([
    [
      '2026-03-27T16:00:00+01:00',
      '2026-03-30T10:00:00+02:00',
      3,
      'Friday 1 h + Monday 2 h, across the spring change',
    ],
    [
      '2026-10-24T12:00:00+02:00',
      '2026-10-26T12:00:00+01:00',
      4,
      'weekend of the autumn change + Monday 4 h',
    ],
    [
      '2026-04-02T08:00:00+02:00',
      '2026-04-07T17:00:00+02:00',
      18,
      'Maundy Thursday and the Tuesday after Easter',
    ],
    [
      '2026-12-21T08:00:00+01:00',
      '2027-01-04T08:00:00+01:00',
      54,
      'Christmas fortnight: 21–23 and 28–30 December',
    ],
    ['2026-06-19T00:00:00+02:00', '2026-06-22T00:00:00+02:00', 0, 'Midsummer Eve, Midsummer Day, Sunday'],
    ['2026-03-10T12:00:00+01:00', '2026-03-10T12:00:00+01:00', 0, 'no time at all'],
    ['2026-03-30T10:00:00+02:00', '2026-03-27T16:00:00+01:00', -3, 'backwards is negative'],
    ['2026-01-01T00:00:00+01:00', '2027-01-01T00:00:00+01:00', 251 * 9, '2026 has 251 working days'],
    ['2027-01-01T00:00:00+01:00', '2028-01-01T00:00:00+01:00', 253 * 9, '2027 has 253 working days'],
  ])('%s → %s is %d working hours (%s)', (from, to, hours) => {
    expect(calendar.workingMillisBetween(from, to)).toBe(hours * HOUR);
  });
});

describe('round-the-clock arithmetic', () => {
  it.each([
    [
      '2026-03-15T10:00:00+01:00',
      30,
      '2026-04-14T10:00:00+02:00',
      'the spring change in between: still 10:00',
    ],
    [
      '2026-10-10T10:00:00+02:00',
      30,
      '2026-11-09T10:00:00+01:00',
      'the autumn change in between: still 10:00',
    ],
    ['2026-04-14T10:00:00+02:00', -30, '2026-03-15T10:00:00+01:00', 'backwards across the spring change'],
    [
      '2026-03-28T02:30:00+01:00',
      1,
      '2026-03-29T03:30:00+02:00',
      '02:30 does not exist on 29 March: clocks jump to 03:30',
    ],
    [
      '2026-10-24T02:30:00+02:00',
      1,
      '2026-10-25T02:30:00+02:00',
      '02:30 happens twice on 25 October: the first one',
    ],
    [
      '2027-03-27T23:30:00+01:00',
      1,
      '2027-03-28T23:30:00+02:00',
      'into the spring change 2027 (Easter Sunday)',
    ],
  ])('%s + %d calendar day(s) = %s (%s)', (start, days, expected) => {
    expect(local(calendar.addCalendarDays(start, days))).toBe(expected);
  });

  it.each([
    [
      '2026-03-29T00:30:00+01:00',
      4,
      '2026-03-29T05:30:00+02:00',
      '4 hours waited; the wall clock jumps an hour',
    ],
    [
      '2026-10-25T01:30:00+02:00',
      4,
      '2026-10-25T04:30:00+01:00',
      '4 hours waited; the wall clock goes back an hour',
    ],
    ['2026-06-19T23:30:00+02:00', 4, '2026-06-20T03:30:00+02:00', 'holidays do not matter round the clock'],
  ])('%s + %d calendar hour(s) = %s (%s)', (start, hours, expected) => {
    expect(local(calendar.addCalendarHours(start, hours))).toBe(expected);
  });

  it.each([
    ['2026-01-31T12:00:00+01:00', 1, '2026-02-28T12:00:00+01:00', 'February has no 31st: its last day'],
    ['2026-03-31T09:00:00+02:00', 6, '2026-09-30T09:00:00+02:00', 'September has no 31st'],
    ['2026-08-31T09:00:00+02:00', 6, '2027-02-28T09:00:00+01:00', 'into winter time and a short February'],
    ['2026-02-28T10:00:00+01:00', 24, '2028-02-28T10:00:00+01:00', 'two years on, even into a leap year'],
  ])('%s + %d calendar month(s) = %s (%s)', (start, months, expected) => {
    expect(local(calendar.addCalendarMonths(start, months))).toBe(expected);
  });
});

describe('calendar configuration', () => {
  it('takes a newly proclaimed non-working day into account, and only in the calendar that has it', () => {
    const proclaimed = createCalendar({
      ...SWEDISH_CALENDAR_CONFIG,
      version: 'se-2026.2',
      extraNonWorkingDates: ['2026-03-09'],
    });
    expect(proclaimed.isWorkingDay('2026-03-09')).toBe(false);
    expect(proclaimed.toLocalIsoString(proclaimed.addWorkingDays('2026-03-06T16:55:00+01:00', 1))).toBe(
      '2026-03-10T16:55:00+01:00',
    );
    expect(proclaimed.workingMillisBetween('2026-03-09T00:00:00+01:00', '2026-03-11T00:00:00+01:00')).toBe(
      9 * HOUR,
    );
    expect(calendar.workingMillisBetween('2026-03-09T00:00:00+01:00', '2026-03-11T00:00:00+01:00')).toBe(
      18 * HOUR,
    );
  });

  it('counts working days in the configured working hours', () => {
    const shorter = createCalendar({
      ...SWEDISH_CALENDAR_CONFIG,
      workingHours: { opensAt: '09:00', closesAt: '16:00' },
    });
    expect(shorter.workingDayMillis).toBe(7 * HOUR);
    expect(shorter.toLocalIsoString(shorter.addWorkingDays('2026-03-06T15:55:00+01:00', 1))).toBe(
      '2026-03-09T15:55:00+01:00',
    );
  });

  it.each([
    [{ opensAt: '17:00', closesAt: '08:00' }, []],
    [{ opensAt: '8 am', closesAt: '17:00' }, []],
    [{ opensAt: '08:00', closesAt: '17:00' }, ['2026-02-30']],
  ])('rejects a broken configuration %j %j', (workingHours, extraNonWorkingDates) => {
    expect(() => createCalendar({ ...SWEDISH_CALENDAR_CONFIG, workingHours, extraNonWorkingDates })).toThrow(
      RangeError,
    );
  });
});

describe('instants', () => {
  it('refuses a time without an offset, which would be read in whatever zone the machine is in', () => {
    expect(() => calendar.addWorkingDays('2026-03-06T16:55:00', 1)).toThrow(RangeError);
  });

  it('accepts Date objects and UTC strings alike', () => {
    expect(local(calendar.addWorkingDays(new Date('2026-03-06T15:55:00Z'), 1))).toBe(
      '2026-03-09T16:55:00+01:00',
    );
  });
});

describe('working-time arithmetic properties', () => {
  const instants = fc
    .integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 11, 31) })
    .map((ms) => new Date(ms));
  const durations = fc.integer({ min: 1, max: 3 * 9 * 60 }).map((minutes) => minutes * 60_000);

  it('measures back exactly the working time it added, and is due no later than it must be', () => {
    fc.assert(
      fc.property(instants, durations, (start, millis) => {
        const due = calendar.addWorkingMillis(start, millis);
        expect(calendar.workingMillisBetween(start, due)).toBe(millis);
        expect(calendar.workingMillisBetween(start, new Date(due.getTime() - 1))).toBeLessThan(millis);
      }),
    );
  });
});
