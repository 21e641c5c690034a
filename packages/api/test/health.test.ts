// GET /health answers within a second whatever its checks do, naming the dependency that did not answer.
import { describe, expect, it } from 'vitest';
import { createApp, HEALTH_PROBE_MS } from '../src/app';

describe('GET /health', () => {
  it('answers 503 within a second, naming a check that never answers, and aborts its signal', async () => {
    let aborted = false;
    const app = createApp({
      health: {
        checks: {
          database: (signal) =>
            new Promise<boolean>(() => {
              signal.addEventListener('abort', () => {
                aborted = true;
              });
            }),
          queues: async () => true,
          workers: async () => {
            throw new Error('down');
          },
        },
      },
    });
    const started = performance.now();
    const res = await app.request('/health');
    const elapsed = performance.now() - started;
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({
      status: 'degraded',
      dependencies: { database: 'timeout', queues: 'up', workers: 'down' },
    });
    expect(aborted).toBe(true);
    expect(HEALTH_PROBE_MS).toBeLessThan(1000);
    // The probe's own limit plus generous room for a loaded machine; the bound that matters is the 1 s above.
    expect(elapsed).toBeLessThan(HEALTH_PROBE_MS + 1000);
  });

  it('answers 200 when every check answers', async () => {
    const app = createApp({ health: { checks: { database: async () => true } } });
    const res = await app.request('/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', dependencies: { database: 'up' } });
  });
});
