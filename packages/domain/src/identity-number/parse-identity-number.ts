// Validation and normalisation of Swedish personal identity numbers and coordination numbers (domain.md §6).
import Personnummer from 'personnummer';

export type IdentityNumberKind = 'personnummer' | 'samordningsnummer';

export type ParsedIdentityNumber =
  | {
      ok: true;
      /** Twelve digits, YYYYMMDDNNNC; a coordination number keeps its day + 60, as Skatteverket writes it. */
      normalised: string;
      kind: IdentityNumberKind;
      /** ISO date (YYYY-MM-DD); for a coordination number the day with 60 taken off. */
      dateOfBirth: string;
    }
  | { ok: false; reason: string };

// Nobody born earlier was alive when personal identity numbers were introduced in 1947.
const EARLIEST_BIRTH_YEAR = 1800;

// Coordination numbers add 60 to the day of birth so they can never collide with a personal identity number.
const COORDINATION_DAY_OFFSET = 60;

const SHAPE =
  /^(?<century>\d{2})?(?<yy>\d{2})(?<mm>\d{2})(?<dd>\d{2})(?<separator>[-+]?)(?<serial>\d{3})(?<check>\d)$/;

// The century of a 10-digit number depends on the Swedish calendar date, not the UTC one.
const STOCKHOLM_DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Stockholm',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

interface CalendarDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

function swedishDate(instant: Date): CalendarDate {
  const parts = STOCKHOLM_DATE.formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return { year: part('year'), month: part('month'), day: part('day') };
}

function isAfter(a: CalendarDate, b: CalendarDate): boolean {
  return a.year !== b.year ? a.year > b.year : a.month !== b.month ? a.month > b.month : a.day > b.day;
}

function isCalendarDate({ year, month, day }: CalendarDate): boolean {
  const date = new Date(Date.UTC(2000, month - 1, day));
  date.setUTCFullYear(year);
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * The 10-digit form leaves the century out: '-' means the person is under 100 today, '+' that they have turned
 * 100. So the birth year is the latest one ending in `yy` that puts the birthday on or before today, or on or
 * before the same day a hundred years ago.
 */
function resolveCentury(
  yy: number,
  month: number,
  day: number,
  separator: string,
  today: CalendarDate,
): number {
  const latest = separator === '+' ? { ...today, year: today.year - 100 } : today;
  const year = latest.year - ((((latest.year - yy) % 100) + 100) % 100);
  return isAfter({ year, month, day }, latest) ? year - 100 : year;
}

function twoDigits(n: number): string {
  return String(n).padStart(2, '0');
}

const INVALID_SHAPE =
  'not a Swedish personal identity or coordination number: expected YYMMDD-NNNN, YYMMDD+NNNN or YYYYMMDDNNNN';

/**
 * Parses a personnummer or samordningsnummer as typed by a person or sent by an agency system. `now` fixes the
 * century of 10-digit numbers and rules out dates of birth in the future. Reasons never repeat the number.
 */
export function parseIdentityNumber(input: string, now: Date): ParsedIdentityNumber {
  const groups = SHAPE.exec(input.trim())?.groups;
  if (!groups) return { ok: false, reason: INVALID_SHAPE };
  const { century, yy = '', mm = '', dd = '', separator = '', serial = '', check = '' } = groups;
  if (century && separator === '+') {
    return { ok: false, reason: "'+' (100 years or older) belongs only to the 10-digit form" };
  }

  const month = Number(mm);
  const rawDay = Number(dd);
  const kind: IdentityNumberKind = rawDay > COORDINATION_DAY_OFFSET ? 'samordningsnummer' : 'personnummer';
  const day = kind === 'samordningsnummer' ? rawDay - COORDINATION_DAY_OFFSET : rawDay;
  const today = swedishDate(now);
  const year = century ? Number(century + yy) : resolveCentury(Number(yy), month, day, separator, today);
  const birth = { year, month, day };

  if (!isCalendarDate(birth)) return { ok: false, reason: 'the date of birth part is not a real date' };
  if (year < EARLIEST_BIRTH_YEAR) return { ok: false, reason: 'the date of birth is before 1800' };
  if (isAfter(birth, today)) return { ok: false, reason: 'the date of birth is in the future' };
  if (serial === '000') return { ok: false, reason: 'the birth number 000 is never issued' };

  const normalised = `${year}${mm}${dd}${serial}${check}`;
  // Only the 12-digit form goes to the library: with 10 digits it would guess the century from the system clock.
  if (!Personnummer.valid(normalised, { allowCoordinationNumber: true, allowInterimNumber: false })) {
    return { ok: false, reason: 'the check digit does not match' };
  }
  return {
    ok: true,
    normalised,
    kind,
    dateOfBirth: `${year}-${twoDigits(month)}-${twoDigits(day)}`,
  };
}
