// Swedish non-working dates besides weekends: public holidays (Act 1989:253 on public holidays) and the three
// de-facto non-working eves, computed from the rules themselves.
//
// Written here rather than taken from a package: date-holidays (which this replaced) brought 1.4 MB into every
// function (its rule parser, moment, moment-timezone, astronomia) for some twenty dates a year; the small Swedish
// packages on npm were judged and not taken: se-bank-holidays finds Easter from the astronomical full moon (the
// Church's Easter follows the computus, and the two disagree in some years) and swedish-holidays computes in the
// process's local time zone, so its dates move with TZ. The rules are few and fixed by law; the test in
// test/holidays.test.ts compares every day of 1990–2100 with date-holidays (a dev dependency only).
import { formatLocalDay, isoWeekdayOf, MILLIS_PER_DAY } from './zoned';

/** Day number (days since 1970-01-01) of a calendar date; month 1–12. */
function dayOf(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / MILLIS_PER_DAY;
}

/** Easter Sunday of the Gregorian calendar, by the anonymous computus (Meeus/Jones/Butcher). */
export function easterSunday(year: number): number {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return dayOf(year, month, day);
}

/** The first given ISO weekday (1 = Monday … 7 = Sunday) on or after a day. */
function weekdayOnOrAfter(day: number, isoWeekday: number): number {
  return day + ((isoWeekday - isoWeekdayOf(day) + 7) % 7);
}

const SATURDAY = 6;
const FRIDAY = 5;

/**
 * Public holidays (allmänna helgdagar) besides the ordinary Sundays. Whit Monday was a public holiday until 2004 and
 * National Day became one from 2005 (SFS 2004:1101).
 */
function publicHolidays(year: number): number[] {
  const easter = easterSunday(year);
  return [
    dayOf(year, 1, 1), // New Year's Day
    dayOf(year, 1, 6), // Epiphany
    easter - 2, // Good Friday
    easter, // Easter Sunday
    easter + 1, // Easter Monday
    dayOf(year, 5, 1), // First of May
    easter + 39, // Ascension Day
    easter + 49, // Whit Sunday
    ...(year < 2005 ? [easter + 50] : [dayOf(year, 6, 6)]), // Whit Monday, then National Day
    weekdayOnOrAfter(dayOf(year, 6, 20), SATURDAY), // Midsummer Day: the Saturday 20–26 June
    weekdayOnOrAfter(dayOf(year, 10, 31), SATURDAY), // All Saints' Day: the Saturday 31 October–6 November
    dayOf(year, 12, 25), // Christmas Day
    dayOf(year, 12, 26), // Boxing Day
  ];
}

/**
 * Midsummer Eve, Christmas Eve and New Year's Eve are not public holidays but are closed in practice (the Act on the
 * computation of statutory time, 1930:173, treats them as holidays; they are the bank holidays besides the public
 * ones). The other eves (Epiphany, Walpurgis, All Saints') are at most half days and stay working days.
 */
function nonWorkingEves(year: number): number[] {
  return [
    weekdayOnOrAfter(dayOf(year, 6, 19), FRIDAY), // Midsummer Eve: the Friday 19–25 June
    dayOf(year, 12, 24),
    dayOf(year, 12, 31),
  ];
}

/** Local dates 'YYYY-MM-DD' on which nobody is expected at work in Sweden, weekends aside. */
export function swedishNonWorkingDates(year: number): Set<string> {
  return new Set([...publicHolidays(year), ...nonWorkingEves(year)].map(formatLocalDay));
}
