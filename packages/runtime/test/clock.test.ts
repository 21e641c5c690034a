// The platform's clock offset lives in shared memory: the local platform's consumer thread reads the clock the API
// moves (packages/local/src/consumers.ts). A real worker thread here, loading the same clock module.
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { clockOffset, now, setClockOffset, sharedClock } from '../src/clock';

const CLOCK = new URL('../src/clock.ts', import.meta.url).href;

/** Starts a thread that adopts the shared clock, answers its offset, moves it to `moveTo` and answers again. */
function otherThread(moveTo: number): Promise<number[]> {
  const code = `
    const { parentPort, workerData } = require('node:worker_threads');
    (async () => {
      const { register } = await import('tsx/esm/api');
      register();
      const clock = await import(workerData.clock);
      clock.useSharedClock(workerData.memory);
      parentPort.postMessage(clock.clockOffset());
      clock.setClockOffset(workerData.moveTo);
      parentPort.postMessage(clock.clockOffset());
    })();
  `;
  const worker = new Worker(code, {
    eval: true,
    workerData: { clock: CLOCK, memory: sharedClock(), moveTo },
  });
  const seen: number[] = [];
  return new Promise((resolve, reject) => {
    worker.on('message', (offset: number) => {
      seen.push(offset);
      if (seen.length === 2) void worker.terminate().then(() => resolve(seen));
    });
    worker.on('error', reject);
  });
}

afterEach(() => setClockOffset(0));

describe('the clock shared between threads', () => {
  it('is read and moved by another thread', async () => {
    setClockOffset(3 * 86_400_000);
    const seen = await otherThread(-60_000);
    expect(seen).toEqual([3 * 86_400_000, -60_000]);
    expect(clockOffset()).toBe(-60_000);
    expect(Math.abs(now().getTime() - (Date.now() - 60_000))).toBeLessThan(1000);
  });

  it('keeps whole milliseconds', () => {
    setClockOffset(1500.7);
    expect(clockOffset()).toBe(1500);
  });
});
