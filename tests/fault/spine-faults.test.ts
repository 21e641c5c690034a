// Issue 2, what it must show 6: nothing is lost or doubled while the router crashes mid-batch and the SQS emulator
// is stopped and restarted during a stream of submissions.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Platform, startPlatform } from '@nrm/local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dynamoClient, queueDepth, sqsClient } from '../support/aws';
import { adultReferral, referral } from '../support/fixtures';
import { apiClient, eventually } from '../support/http';
import { ledger } from '../support/ledger';
import { submitUntilAccepted } from '../support/referral-flow';

let platform: Platform;
let dataDir: string;
const workerErrors: Record<string, number> = {};

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'nrm-fault-'));
  platform = await startPlatform({
    port: 0,
    dataDir,
    // Short, so a crashed batch comes back within seconds; not shorter than a slow batch on a busy machine (a
    // notifier batch took 2–4.4 s at load 15–19), or a live message is received again and again and dead-lettered.
    visibilitySeconds: 5,
    logLevel: 'ERROR',
    onWorkerError: (worker) => {
      workerErrors[worker] = (workerErrors[worker] ?? 0) + 1;
    },
  });
});

afterAll(async () => {
  await platform?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the spine under faults', () => {
  it('routes every accepted referral exactly once through a router crash and an SQS outage', async () => {
    const api = apiClient(platform.url);
    const accepted = new Map<string, string>(); // idempotency key → referral id
    let rejected = 0;

    // A client that retries with the same Idempotency-Key until the platform accepts, as an agency system would.
    async function submitWithRetry(n: number) {
      const key = `fault-${n}-${crypto.randomUUID()}`;
      const body = n % 3 === 0 ? referral({ location: { municipalityCode: '1280' } }) : adultReferral();
      const id = await submitUntilAccepted(api, body, {
        as: 'police-syd-system',
        key,
        attempts: 50,
        pauseMs: 200,
        refused: () => rejected++,
      });
      accepted.set(key, id);
    }

    const total = 80;
    const load = (async () => {
      for (let n = 0; n < total; n += 4) {
        await Promise.all([0, 1, 2, 3].map((i) => submitWithRetry(n + i)));
        await sleep(100);
      }
    })();

    const router = platform.sqsPollers.get('referral-router')!;
    const crashed = (n: number) => eventually(async () => (router.crashes >= n ? true : undefined), 20_000);
    await sleep(300);
    platform.faults.crashConsumer('referral-router', 1);
    await crashed(1);
    await platform.faults.stopSqs();
    await sleep(2000);
    await platform.faults.startSqs();
    platform.faults.crashConsumer('referral-router', 0);
    await crashed(2);
    await load;

    // The faults really happened: two crashed router batches, and the relay could not reach SQS for a while.
    expect(router.crashes).toBe(2);
    expect(workerErrors['outbox-relay'] ?? 0).toBeGreaterThan(0);
    expect(accepted.size).toBe(total);
    const ids = [...accepted.values()];
    expect(new Set(ids).size).toBe(total);

    const { routedEvents, referralsStored } = ledger(dynamoClient(platform.endpoints), platform.tablePrefix);

    await eventually(
      async () => {
        const counts = await Promise.all(ids.map(routedEvents));
        return counts.every((c) => c >= 1) ? true : undefined;
      },
      60_000,
      500,
    );
    // Let any redelivery still in flight run, then look again: still exactly one route each.
    await sleep(3000);
    const counts = await Promise.all(ids.map(routedEvents));
    expect(counts.filter((c) => c !== 1)).toEqual([]);

    expect(await referralsStored()).toBe(total);

    const sqs = sqsClient(platform.endpoints);
    for (const queue of platform.queues) {
      expect(await queueDepth(sqs, queue.dlqUrl), `${queue.name} dead letters`).toBe(0);
    }
    console.log(
      `fault ledger: accepted ${accepted.size}, routed ${counts.filter((c) => c === 1).length}, duplicated 0, lost 0, retried submissions ${rejected}, router batches ${platform.sqsPollers.get('referral-router')?.invocations}`,
    );
  });
});
