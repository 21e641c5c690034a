// Issue 2, what it must show 6: nothing is lost or doubled while the router crashes mid-batch and the SQS emulator
// is stopped and restarted during a stream of submissions.

import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { dynamoClient, queueDepth, sqsClient } from '../support/aws';
import { adultReferral, referral } from '../support/fixtures';
import { apiClient, eventually } from '../support/http';
import { ledger, routeTally } from '../support/ledger';
import { platformForFile } from '../support/own-platform';
import { submitInWaves } from '../support/referral-flow';

const workerErrors: Record<string, number> = {};
const own = platformForFile(
  {
    // Short, so a crashed batch comes back within seconds; not shorter than a slow batch on a busy machine (a
    // notifier batch took 2–4.4 s at load 15–19), or a live message is received again and again and dead-lettered.
    visibilitySeconds: 5,
    logLevel: 'ERROR',
    onWorkerError: (worker) => {
      workerErrors[worker] = (workerErrors[worker] ?? 0) + 1;
    },
  },
  'nrm-fault-',
);

describe('the spine under faults', () => {
  it('routes every accepted referral exactly once through a router crash and an SQS outage', async () => {
    const { platform } = own;
    const api = apiClient(platform.url);
    let rejected = 0;

    // Clients that retry with the same Idempotency-Key until the platform accepts, as agency systems would.
    const total = 80;
    const load = submitInWaves(api, {
      total,
      wave: 4,
      gapMs: 100,
      keyPrefix: 'fault',
      body: (n) => (n % 3 === 0 ? referral({ location: { municipalityCode: '1280' } }) : adultReferral()),
      as: 'police-syd-system',
      attempts: 50,
      pauseMs: 200,
      refused: () => rejected++,
    });

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
    const accepted = await load;

    // The faults really happened: two crashed router batches, and the relay could not reach SQS for a while.
    expect(router.crashes).toBe(2);
    expect(workerErrors['outbox-relay'] ?? 0).toBeGreaterThan(0);
    expect(accepted.size).toBe(total);
    const ids = [...accepted.values()];
    expect(new Set(ids).size).toBe(total);

    const table = ledger(dynamoClient(platform.endpoints), platform.tablePrefix);
    await table.everyRouted(ids, 60_000);
    // Let any redelivery still in flight run, then look again: still exactly one route each.
    const counts = await table.routesAfterSettling(ids);
    expect(counts.filter((c) => c !== 1)).toEqual([]);

    expect(await table.referralsStored()).toBe(total);

    const sqs = sqsClient(platform.endpoints);
    for (const queue of platform.queues) {
      expect(await queueDepth(sqs, queue.dlqUrl), `${queue.name} dead letters`).toBe(0);
    }
    console.log(
      `fault ledger: accepted ${accepted.size}, ${routeTally(counts)}, retried submissions ${rejected}, router batches ${platform.sqsPollers.get('referral-router')?.invocations}`,
    );
  });
});
