// Swedish non-working dates besides weekends: public holidays and the three de-facto non-working eves.
import Holidays from 'date-holidays';
import { formatLocalDay, isoWeekdayOf, MILLIS_PER_DAY } from './zoned';

const swedishHolidays = new Holidays('SE');

/**
 * date-holidays lists Midsummer Eve, Christmas Eve and New Year's Eve as type 'bank', not 'public', and the other
 * eves (Epiphany, Walpurgis, All Saints') as 'optional' half days. Only the three are closed in practice (the Act on
 * the computation of statutory time, 1930:173, treats them as holidays), so they are added by their own rule rather
 * than by trusting a type whose meaning varies between countries. Midsummer Eve is the Friday between 19 and 25
 * June, the day before Midsummer Day (Act 1989:253).
 */
function nonWorkingEves(year: number): string[] {
  const june19 = Date.UTC(year, 5, 19) / MILLIS_PER_DAY;
  const daysToFriday = (5 - isoWeekdayOf(june19) + 7) % 7;
  return [formatLocalDay(june19 + daysToFriday), `${year}-12-24`, `${year}-12-31`];
}

/** Local dates 'YYYY-MM-DD' on which nobody is expected at work in Sweden, weekends aside. */
export function swedishNonWorkingDates(year: number): Set<string> {
  const publicHolidays = swedishHolidays
    .getHolidays(year)
    .filter((holiday) => holiday.type === 'public')
    .map((holiday) => holiday.date.slice(0, 10));
  return new Set([...publicHolidays, ...nonWorkingEves(year)]);
}
