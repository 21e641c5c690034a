// Instants as the domain's tests write them: hours after a fixed start, and Stockholm wall-clock time with its offset
// (how the tables write expected values, so a daylight-saving change shows in the expectation).
import { swedishCalendar } from '../src/calendar';

/** The start the ownership, assignment and webhook suites count from: Tuesday 10 March 2026, 10:00 in Stockholm. */
export const T0 = '2026-03-10T09:00:00.000Z';

/** `hours` after T0, as an ISO instant. */
export const at = (hours: number): string => new Date(Date.parse(T0) + hours * 3_600_000).toISOString();

/** The instant in Stockholm wall-clock time with its offset, e.g. `2026-03-30T17:00:00+02:00`; null stays null. */
export const local = <T extends Date | string | null | undefined>(
  instant: T,
): string | Exclude<T, Date | string> =>
  instant == null ? (instant as Exclude<T, Date | string>) : swedishCalendar.toLocalIsoString(instant);
