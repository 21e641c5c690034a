// The platform's clock. Everything that needs "now" asks here, so local mode can move time forward for tests of
// clocks and retention; in AWS the offset is always zero.
let offsetMs = 0;

export function now(): Date {
  return new Date(Date.now() + offsetMs);
}

/** Local mode only (the local platform refuses it elsewhere): shift the platform's time. */
export function setClockOffset(ms: number): void {
  offsetMs = ms;
}

export function clockOffset(): number {
  return offsetMs;
}

const stockholmDate = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar date in Sweden at an instant (YYYY-MM-DD); birthdays and years are Swedish dates. */
export function swedishDate(at: Date): string {
  return stockholmDate.format(at);
}
