// Statutory dates (domain.md §5): reflection period, permits, the child-protection decision and turning 18.
import { describe, expect, it } from 'vitest';
import {
  childDecisionDue,
  eighteenthBirthday,
  exitPlanPermitMaxEnd,
  isUnder18,
  permitEarliestEnd,
  reflectionPeriodEnd,
  turning18AlarmAt,
} from '../src/clocks';
import { local } from './time';

describe('reflectionPeriodEnd: 30 days from the grant, same wall-clock time', () => {
  it.each([
    [
      '2026-03-15T10:00:00+01:00',
      '2026-04-14T10:00:00+02:00',
      'daylight saving started on 29 March in between',
    ],
    [
      '2026-10-10T14:00:00+02:00',
      '2026-11-09T14:00:00+01:00',
      'daylight saving ended on 25 October in between',
    ],
    ['2026-12-20T09:00:00+01:00', '2027-01-19T09:00:00+01:00', 'over Christmas and New Year: days are days'],
  ])('granted %s ends %s (%s)', (grantedAt, expected) => {
    expect(local(reflectionPeriodEnd(grantedAt))).toBe(expected);
  });
});

describe('childDecisionDue: 14 days from the report of concern', () => {
  it.each([
    ['2026-10-20T14:00:00+02:00', '2026-11-03T14:00:00+01:00', 'across the autumn change'],
    ['2027-03-20T09:30:00+01:00', '2027-04-03T09:30:00+02:00', 'across the spring change and Easter 2027'],
    [
      '2026-12-17T11:00:00+01:00',
      '2026-12-31T11:00:00+01:00',
      "lands on New Year's Eve and is not moved later",
    ],
  ])('reported %s: decision due %s (%s)', (reportedAt, expected) => {
    expect(local(childDecisionDue(reportedAt))).toBe(expected);
  });
});

describe('permits', () => {
  it.each([
    [
      '2026-03-31T10:00:00+02:00',
      'permit-investigation',
      '2026-09-30T10:00:00+02:00',
      'September has no 31st',
    ],
    ['2026-05-04T13:00:00+02:00', 'permit-investigation', '2026-11-04T13:00:00+01:00', 'into winter time'],
    [
      '2026-08-31T10:00:00+02:00',
      'exit-plan-permit',
      '2027-02-28T10:00:00+01:00',
      'February 2027 ends on the 28th',
    ],
  ] as const)('granted %s, a %s runs at least until %s (%s)', (grantedAt, kind, expected, _why) => {
    expect(local(permitEarliestEnd(grantedAt, kind))).toBe(expected);
  });

  it.each([
    ['2026-05-04T13:00:00+02:00', '2028-05-04T13:00:00+02:00', 'two years'],
    ['2026-01-15T10:00:00+01:00', '2028-01-15T10:00:00+01:00', 'two years, winter to winter'],
  ])('an exit-plan permit first granted %s ends at the latest %s (%s)', (firstGrantedAt, expected) => {
    expect(local(exitPlanPermitMaxEnd(firstGrantedAt))).toBe(expected);
  });
});

describe('turning 18', () => {
  it.each([
    ['2008-08-20', '2026-08-20', 'an ordinary birthday'],
    ['2008-02-29', '2026-03-01', 'born on a leap day: 1 March in a common year'],
    ['2010-02-28', '2028-02-28', 'the 28th stays the 28th in a leap year'],
  ])('born %s turns 18 on %s (%s)', (dateOfBirth, expected) => {
    expect(eighteenthBirthday(dateOfBirth)).toBe(expected);
  });

  it.each([
    ['2008-08-20', '2026-06-21T08:00:00+02:00', '20 + 31 + 9 days before 20 August 2026'],
    [
      '2009-03-01',
      '2026-12-31T08:00:00+01:00',
      "60 days before 1 March 2027: New Year's Eve, an alarm all the same",
    ],
    ['2009-05-27', '2027-03-28T08:00:00+02:00', 'Easter Sunday 2027, hours after the spring change'],
    ['2008-02-29', '2025-12-31T08:00:00+01:00', '60 days before 1 March 2026'],
  ])('born %s: transition alarm at %s (%s)', (dateOfBirth, expected) => {
    expect(local(turning18AlarmAt(dateOfBirth))).toBe(expected);
  });

  it.each([
    ['2008-08-20', '2026-08-19T23:59:00+02:00', true, 'the last minute before the birthday'],
    ['2008-08-20', '2026-08-20T00:00:00+02:00', false, 'midnight of the birthday in Stockholm'],
    ['2008-08-20', '2026-08-19T22:30:00Z', false, 'still the 19th in UTC, already the 20th in Stockholm'],
    ['2008-02-29', '2026-02-28T12:00:00+01:00', true, 'leap-day child on 28 February'],
    ['2008-02-29', '2026-03-01T00:00:00+01:00', false, 'leap-day child on 1 March'],
    ['2009-12-31', '2027-12-30T12:00:00+01:00', true, 'the day before the 18th birthday'],
  ])('born %s, at %s under 18: %s (%s)', (dateOfBirth, now, expected) => {
    expect(isUnder18(dateOfBirth, now)).toBe(expected);
  });

  it('rejects a date of birth that does not exist', () => {
    expect(() => turning18AlarmAt('2008-02-30')).toThrow(RangeError);
  });
});
