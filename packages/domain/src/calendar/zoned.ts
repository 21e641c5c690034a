// Wall-clock arithmetic in an IANA time zone with nothing but Intl: instants are epoch milliseconds, wall-clock
// readings are "wall milliseconds" (the reading written as if it were UTC), so local dates and times add like numbers.

/** An instant: a Date, or an ISO 8601 string that names its offset ('Z' or '+02:00'). */
export type InstantInput = Date | string;

export const MILLIS_PER_HOUR = 3_600_000;
export const MILLIS_PER_DAY = 86_400_000;

// A string without an offset would be read in the machine's zone, which differs between a laptop and a Lambda.
const EXPLICIT_OFFSET = /(?:Z|[+-]\d{2}(?::?\d{2})?)$/i;
const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL_TIME = /^(\d{2}):(\d{2})$/;

export function toMillis(instant: InstantInput): number {
  const millis =
    instant instanceof Date
      ? instant.getTime()
      : EXPLICIT_OFFSET.test(instant)
        ? Date.parse(instant)
        : Number.NaN;
  if (Number.isNaN(millis))
    throw new RangeError(`Not an instant with an explicit offset: ${String(instant)}`);
  return millis;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The zone's wall-clock reading at an instant, in wall milliseconds. */
export function wallMillisAt(instantMillis: number, timeZone: string): number {
  const fields: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(instantMillis))) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  const wholeSeconds = Date.UTC(
    fields.year!,
    fields.month! - 1,
    fields.day!,
    fields.hour!,
    fields.minute!,
    fields.second!,
  );
  return wholeSeconds + (((instantMillis % 1000) + 1000) % 1000);
}

function offsetAt(instantMillis: number, timeZone: string): number {
  return wallMillisAt(instantMillis, timeZone) - instantMillis;
}

/**
 * The instant a wall-clock reading denotes. Resolved as Temporal's 'compatible' disambiguation does: a reading that
 * occurs twice (the autumn change) is the earlier of the two, and one skipped by the spring change is read with the
 * offset before the change, which lands it as far past the gap as it was into it (02:30 becomes 03:30).
 */
export function instantOfWall(wallMillis: number, timeZone: string): number {
  const offsetBefore = offsetAt(wallMillis - MILLIS_PER_DAY, timeZone);
  const offsetAfter = offsetAt(wallMillis + MILLIS_PER_DAY, timeZone);
  const candidates = [wallMillis - offsetBefore, wallMillis - offsetAfter].filter(
    (instant) => wallMillisAt(instant, timeZone) === wallMillis,
  );
  return candidates.length > 0 ? Math.min(...candidates) : wallMillis - offsetBefore;
}

/** The local day number (days since 1970-01-01 on the zone's calendar) of an instant. */
export function localDayOf(instantMillis: number, timeZone: string): number {
  return Math.floor(wallMillisAt(instantMillis, timeZone) / MILLIS_PER_DAY);
}

export function formatLocalDay(day: number): string {
  return new Date(day * MILLIS_PER_DAY).toISOString().slice(0, 10);
}

/** ISO weekday of a local day number: 1 = Monday … 7 = Sunday. */
export function isoWeekdayOf(day: number): number {
  return ((new Date(day * MILLIS_PER_DAY).getUTCDay() + 6) % 7) + 1;
}

/** Parses a local date 'YYYY-MM-DD' into its day number, rejecting dates that do not exist (2026-02-30). */
export function parseLocalDate(date: string): number {
  const match = LOCAL_DATE.exec(date);
  const wall = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : Number.NaN;
  if (Number.isNaN(wall) || formatLocalDay(wall / MILLIS_PER_DAY) !== date) {
    throw new RangeError(`Not a date YYYY-MM-DD: ${date}`);
  }
  return wall / MILLIS_PER_DAY;
}

export function isLocalDate(value: string): boolean {
  return LOCAL_DATE.test(value);
}

/** Parses a wall-clock time 'HH:MM' into milliseconds after midnight. */
export function parseLocalTime(time: string): number {
  const match = LOCAL_TIME.exec(time);
  const hours = Number(match?.[1]);
  const minutes = Number(match?.[2]);
  if (!match || hours > 23 || minutes > 59) throw new RangeError(`Not a time HH:MM: ${time}`);
  return hours * MILLIS_PER_HOUR + minutes * 60_000;
}

/** ISO 8601 with the zone's offset at that instant, e.g. '2026-04-07T09:00:00+02:00': what a person reads. */
export function formatWithOffset(instantMillis: number, timeZone: string): string {
  const wall = wallMillisAt(instantMillis, timeZone);
  const offsetMinutes = Math.round((wall - instantMillis) / 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const hh = String(Math.floor(Math.abs(offsetMinutes) / 60)).padStart(2, '0');
  const mm = String(Math.abs(offsetMinutes) % 60).padStart(2, '0');
  const iso = new Date(wall).toISOString();
  const reading = wall % 1000 === 0 ? iso.slice(0, 19) : iso.slice(0, 23);
  return `${reading}${sign}${hh}:${mm}`;
}

function daysInMonth(year: number, monthIndex: number): number {
  return new Date(Date.UTC(year, monthIndex + 1, 0)).getUTCDate();
}

/**
 * Moves a wall-clock reading by whole months. A day the target month lacks becomes its last day (31 January + 1
 * month = 28 February), as the Act on the computation of statutory time (1930:173) counts months.
 */
export function addMonthsToWall(wallMillis: number, months: number): number {
  const reading = new Date(wallMillis);
  const timeOfDay =
    wallMillis - Date.UTC(reading.getUTCFullYear(), reading.getUTCMonth(), reading.getUTCDate());
  const target = new Date(Date.UTC(reading.getUTCFullYear(), reading.getUTCMonth() + months, 1));
  const day = Math.min(reading.getUTCDate(), daysInMonth(target.getUTCFullYear(), target.getUTCMonth()));
  return Date.UTC(target.getUTCFullYear(), target.getUTCMonth(), day) + timeOfDay;
}
