// Coming of age, counted by calendar date in Stockholm as Swedish law counts it, not by elapsed milliseconds.
import { type Calendar, swedishCalendar } from '../calendar/calendar';
import { formatLocalDay, type InstantInput, MILLIS_PER_DAY, parseLocalDate } from '../calendar/zoned';

/**
 * The local date 'YYYY-MM-DD' on which a person born on `dateOfBirth` turns 18. Someone born on 29 February turns 18
 * on 1 March in a common year: the later reading keeps child protection a day longer (presumption of minority) and
 * agrees with the routing's age count.
 */
export function eighteenthBirthday(dateOfBirth: string): string {
  const born = new Date(parseLocalDate(dateOfBirth) * MILLIS_PER_DAY);
  const sameDay = Date.UTC(born.getUTCFullYear() + 18, born.getUTCMonth(), born.getUTCDate());
  return formatLocalDay(sameDay / MILLIS_PER_DAY);
}

export function isUnder18(
  dateOfBirth: string,
  now: InstantInput,
  calendar: Calendar = swedishCalendar,
): boolean {
  return calendar.localDateOf(now) < eighteenthBirthday(dateOfBirth);
}
