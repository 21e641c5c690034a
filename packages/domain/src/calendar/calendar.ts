// The working-day calendar that every SLA clock and every hand-off statistic is measured against.
//
// Working time is the wall-clock interval [opensAt, closesAt) on each working day (Monday to Friday, not a Swedish
// public holiday, not Midsummer/Christmas/New Year's Eve, not an extra non-working date), in the calendar's zone.
// A working-time duration is due at the FIRST INSTANT BY WHICH THAT MUCH WORKING TIME HAS ELAPSED since the start:
// - time outside working hours does not count, so a clock started in the evening, at a weekend or on a holiday
//   starts counting at the next opening (Midsummer Eve 23:30 + 1 working day = Monday 17:00);
// - a working day is one day's full working hours (9 h with 08:00–17:00), so a clock started inside working hours
//   ends at the same wall-clock time on the n-th following working day (Friday 16:55 + 1 = Monday 16:55);
// - a deadline that lands on a day boundary reads as the close of that day (Monday 17:00), not the next morning's
//   opening: the same amount of working time, but the one a coordinator means by "by the end of Monday";
// - working hours are wall-clock hours, so a daylight-saving change (always at night) neither stretches nor
//   shortens a working day.
// Round-the-clock arithmetic (addCalendar*) ignores working hours: hours are elapsed hours, days and months keep
// the wall-clock time.
import { swedishNonWorkingDates } from './holidays';
import {
  addMonthsToWall,
  formatLocalDay,
  formatWithOffset,
  type InstantInput,
  instantOfWall,
  isLocalDate,
  isoWeekdayOf,
  localDayOf,
  MILLIS_PER_DAY,
  MILLIS_PER_HOUR,
  parseLocalDate,
  parseLocalTime,
  toMillis,
  wallMillisAt,
} from './zoned';

export interface WorkingHours {
  /** Wall-clock 'HH:MM' at which working time starts on a working day. */
  readonly opensAt: string;
  /** Wall-clock 'HH:MM' at which it ends; working time is [opensAt, closesAt). */
  readonly closesAt: string;
}

export interface CalendarConfig {
  /** Stored beside every computed figure, so statistics can be recomputed under the calendar they were made with. */
  readonly version: string;
  readonly timeZone: string;
  readonly workingHours: WorkingHours;
  /** Local dates 'YYYY-MM-DD' proclaimed non-working after the fact, e.g. a new public holiday. */
  readonly extraNonWorkingDates: readonly string[];
}

export const SWEDISH_CALENDAR_CONFIG: CalendarConfig = {
  version: 'se-2026.1',
  timeZone: 'Europe/Stockholm',
  workingHours: { opensAt: '08:00', closesAt: '17:00' },
  extraNonWorkingDates: [],
};

export interface Calendar {
  readonly config: CalendarConfig;
  /** Length of one working day's working time, in milliseconds. */
  readonly workingDayMillis: number;
  /** A local date 'YYYY-MM-DD', or the local date of an instant. */
  isWorkingDay(day: InstantInput): boolean;
  isWorkingTime(instant: InstantInput): boolean;
  /** The instant itself if it is working time, otherwise the next opening. */
  nextWorkingTime(instant: InstantInput): Date;
  addWorkingDays(start: InstantInput, days: number): Date;
  addWorkingHours(start: InstantInput, hours: number): Date;
  addWorkingMillis(start: InstantInput, millis: number): Date;
  /** Working time elapsed from `from` to `to`; negative when `to` is earlier. */
  workingMillisBetween(from: InstantInput, to: InstantInput): number;
  /** Elapsed hours: 4 hours across the spring change is 4 hours waited, although the wall clock moves 5. */
  addCalendarHours(start: InstantInput, hours: number): Date;
  /** The same wall-clock time `days` later, whatever daylight saving did in between. */
  addCalendarDays(start: InstantInput, days: number): Date;
  /** The same wall-clock time and day of month `months` later; a missing day becomes the month's last. */
  addCalendarMonths(start: InstantInput, months: number): Date;
  /** The local date 'YYYY-MM-DD' of an instant. */
  localDateOf(instant: InstantInput): string;
  /** The instant a local date and wall-clock time 'HH:MM' denote. */
  atLocalTime(date: string, time: string): Date;
  /** ISO 8601 with the local offset, e.g. '2026-04-07T09:00:00+02:00'. */
  toLocalIsoString(instant: InstantInput): string;
}

interface WorkingWindow {
  readonly open: number;
  readonly close: number;
}

function requireNonNegative(amount: number, what: string): void {
  if (!Number.isFinite(amount) || amount < 0) throw new RangeError(`${what} must be a non-negative number`);
}

function requireWhole(amount: number, what: string): void {
  if (!Number.isInteger(amount)) throw new RangeError(`${what} must be a whole number`);
}

export function createCalendar(config: CalendarConfig): Calendar {
  const { timeZone } = config;
  const opensAt = parseLocalTime(config.workingHours.opensAt);
  const closesAt = parseLocalTime(config.workingHours.closesAt);
  if (opensAt >= closesAt) throw new RangeError('Working hours must open before they close');
  for (const date of config.extraNonWorkingDates) parseLocalDate(date);
  const extraNonWorkingDates = new Set(config.extraNonWorkingDates);
  const workingDayMillis = closesAt - opensAt;

  const nonWorkingByYear = new Map<number, Set<string>>();
  function isWorkingLocalDay(day: number): boolean {
    if (isoWeekdayOf(day) > 5) return false;
    const date = formatLocalDay(day);
    if (extraNonWorkingDates.has(date)) return false;
    const year = Number(date.slice(0, 4));
    let nonWorking = nonWorkingByYear.get(year);
    if (!nonWorking) {
      nonWorking = swedishNonWorkingDates(year);
      nonWorkingByYear.set(year, nonWorking);
    }
    return !nonWorking.has(date);
  }

  // Statistics walk every day of a year; the zone conversions behind a window are the costly part.
  const windows = new Map<number, WorkingWindow | undefined>();
  function windowOn(day: number): WorkingWindow | undefined {
    if (windows.has(day)) return windows.get(day);
    const midnight = day * MILLIS_PER_DAY;
    const window = isWorkingLocalDay(day)
      ? {
          open: instantOfWall(midnight + opensAt, timeZone),
          close: instantOfWall(midnight + closesAt, timeZone),
        }
      : undefined;
    windows.set(day, window);
    return window;
  }

  function addWorkingMillis(start: InstantInput, millis: number): Date {
    requireNonNegative(millis, 'Working time');
    const from = toMillis(start);
    if (millis === 0) return new Date(from);
    let remaining = millis;
    for (let day = localDayOf(from, timeZone); ; day++) {
      const window = windowOn(day);
      if (!window || from >= window.close) continue;
      const countFrom = Math.max(from, window.open);
      const available = window.close - countFrom;
      if (remaining <= available) return new Date(countFrom + remaining);
      remaining -= available;
    }
  }

  function workingMillisBetween(fromInput: InstantInput, toInput: InstantInput): number {
    const from = toMillis(fromInput);
    const to = toMillis(toInput);
    if (to < from) return -workingMillisBetween(toInput, fromInput);
    let total = 0;
    for (let day = localDayOf(from, timeZone); day <= localDayOf(to, timeZone); day++) {
      const window = windowOn(day);
      if (window) total += Math.max(0, Math.min(to, window.close) - Math.max(from, window.open));
    }
    return total;
  }

  function nextWorkingTime(instant: InstantInput): Date {
    const at = toMillis(instant);
    for (let day = localDayOf(at, timeZone); ; day++) {
      const window = windowOn(day);
      if (window && at < window.close) return new Date(Math.max(at, window.open));
    }
  }

  function shiftWall(start: InstantInput, shift: (wall: number) => number): Date {
    return new Date(instantOfWall(shift(wallMillisAt(toMillis(start), timeZone)), timeZone));
  }

  return {
    config,
    workingDayMillis,
    isWorkingDay: (day) =>
      isWorkingLocalDay(
        typeof day === 'string' && isLocalDate(day)
          ? parseLocalDate(day)
          : localDayOf(toMillis(day), timeZone),
      ),
    isWorkingTime: (instant) => nextWorkingTime(instant).getTime() === toMillis(instant),
    nextWorkingTime,
    addWorkingDays: (start, days) => {
      requireNonNegative(days, 'Working days');
      return addWorkingMillis(start, days * workingDayMillis);
    },
    addWorkingHours: (start, hours) => {
      requireNonNegative(hours, 'Working hours');
      return addWorkingMillis(start, hours * MILLIS_PER_HOUR);
    },
    addWorkingMillis,
    workingMillisBetween,
    addCalendarHours: (start, hours) => new Date(toMillis(start) + hours * MILLIS_PER_HOUR),
    addCalendarDays: (start, days) => {
      requireWhole(days, 'Calendar days');
      return shiftWall(start, (wall) => wall + days * MILLIS_PER_DAY);
    },
    addCalendarMonths: (start, months) => {
      requireWhole(months, 'Calendar months');
      return shiftWall(start, (wall) => addMonthsToWall(wall, months));
    },
    localDateOf: (instant) => formatLocalDay(localDayOf(toMillis(instant), timeZone)),
    atLocalTime: (date, time) =>
      new Date(instantOfWall(parseLocalDate(date) * MILLIS_PER_DAY + parseLocalTime(time), timeZone)),
    toLocalIsoString: (instant) => formatWithOffset(toMillis(instant), timeZone),
  };
}

/** Europe/Stockholm, 08:00–17:00, Swedish public holidays and eves. */
export const swedishCalendar: Calendar = createCalendar(SWEDISH_CALENDAR_CONFIG);
