// The platform's clock. Everything that needs "now" asks here, so local mode can move time forward for tests of
// clocks and retention; in AWS the offset is always zero.
// The offset lives in shared memory, so the local platform's consumer thread (packages/local/src/consumers.ts) reads
// the same clock as the API that moves it.
let offsetCell = new BigInt64Array(new SharedArrayBuffer(8));

export function now(): Date {
  return new Date(Date.now() + clockOffset());
}

/** Local mode only (the local platform refuses it elsewhere): shift the platform's time. */
export function setClockOffset(ms: number): void {
  Atomics.store(offsetCell, 0, BigInt(Math.trunc(ms)));
}

export function clockOffset(): number {
  return Number(Atomics.load(offsetCell, 0));
}

/** The memory holding the offset, to hand to another thread of the local platform. */
export function sharedClock(): SharedArrayBuffer {
  return offsetCell.buffer as SharedArrayBuffer;
}

/** In another thread of the local platform: read (and move) the clock of the thread that shared it. */
export function useSharedClock(memory: SharedArrayBuffer): void {
  offsetCell = new BigInt64Array(memory);
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
