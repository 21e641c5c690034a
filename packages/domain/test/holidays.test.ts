// The in-house Swedish holiday rules against date-holidays (a dev dependency, never bundled), for every day of
// 1990–2100: a day is non-working for the calendar exactly when date-holidays calls it a public holiday or it is one
// of the three closed eves (Midsummer, Christmas and New Year's Eve, which date-holidays types 'bank'). The one
// known difference is date-holidays' own: it has Whit Monday as an observance in every year, while it was a public
// holiday until 2004 (SFS 2004:1101 replaced it with National Day from 2005), so those fifteen days are named here.
import Holidays from 'date-holidays';
import { describe, expect, it } from 'vitest';
import { createCalendar, SWEDISH_CALENDAR_CONFIG, swedishNonWorkingDates } from '../src/calendar';
import { easterSunday } from '../src/calendar/holidays';

const reference = new Holidays('SE');
const CLOSED_EVES = new Set(['midsommarafton', 'julafton', 'nyårsafton']);

function referenceNonWorking(year: number): Set<string> {
  return new Set(
    reference
      .getHolidays(year)
      .filter((h) => h.type === 'public' || (h.type === 'bank' && CLOSED_EVES.has(h.name.toLowerCase())))
      .map((h) => h.date.slice(0, 10)),
  );
}

const iso = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);

describe('Swedish non-working dates, 1990–2100', () => {
  it('equal date-holidays on every day but the Whit Mondays before 2005', () => {
    const differences: string[] = [];
    let daysCompared = 0;
    for (let year = 1990; year <= 2100; year++) {
      const ours = swedishNonWorkingDates(year);
      const theirs = referenceNonWorking(year);
      for (let d = Date.UTC(year, 0, 1); d < Date.UTC(year + 1, 0, 1); d += 86_400_000) {
        const date = new Date(d).toISOString().slice(0, 10);
        daysCompared++;
        if (ours.has(date) !== theirs.has(date)) differences.push(`${date} ours=${ours.has(date)}`);
      }
    }
    const whitMondaysBefore2005 = Array.from(
      { length: 2004 - 1990 + 1 },
      (_, i) => `${iso(easterSunday(1990 + i) + 50)} ours=true`,
    );
    expect(daysCompared).toBe(40_542);
    expect(differences).toEqual(whitMondaysBefore2005);
  });

  it('has the three closed eves in every year of the range (date-holidays types them bank, not public)', () => {
    for (let year = 1990; year <= 2100; year++) {
      const ours = swedishNonWorkingDates(year);
      expect(ours.has(`${year}-12-24`) && ours.has(`${year}-12-31`), String(year)).toBe(true);
      const eve = [...ours].sort().find((d) => d >= `${year}-06-19` && d <= `${year}-06-25`);
      expect(new Date(`${eve}T00:00:00Z`).getUTCDay(), `Midsummer Eve ${year}`).toBe(5);
    }
  });

  it('gives the calendar the same working days as date-holidays would have, in 2026', () => {
    const calendar = createCalendar(SWEDISH_CALENDAR_CONFIG);
    const theirs = referenceNonWorking(2026);
    for (let d = Date.UTC(2026, 0, 1); d < Date.UTC(2027, 0, 1); d += 86_400_000) {
      const date = new Date(d).toISOString().slice(0, 10);
      const weekend = [0, 6].includes(new Date(d).getUTCDay());
      expect(calendar.isWorkingDay(date), date).toBe(!weekend && !theirs.has(date));
    }
  });
});
