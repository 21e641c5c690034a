// Issue 8's fault run, sized for the test command: during submissions every router message is delivered twice,
// DynamoDB Local is restarted (the API answers 503 with Retry-After meanwhile and accepts nothing it cannot store),
// and a poison message is injected. Afterwards every accepted referral exists once and is routed once, the poison
// is in the dead-letter queue, and a redrive replays the dead letters without doubling anything.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { type Platform, startPlatform } from '@nrm/local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dynamoClient, queueDepth, sqsClient } from '../support/aws';
import { adultReferral, referral } from '../support/fixtures';
import { apiClient, eventually } from '../support/http';
import { ledger as tableLedger } from '../support/ledger';
import { submitUntilAccepted } from '../support/referral-flow';

let platform: Platform;
let dataDir: string;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'nrm-queue-fault-'));
  platform = await startPlatform({ port: 0, dataDir, visibilitySeconds: 2, logLevel: 'ERROR' });
});

afterAll(async () => {
  await platform?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the platform under queue and database faults', () => {
  it('accepts nothing it cannot store, loses nothing it accepted, and routes each referral once', async () => {
    const api = apiClient(platform.url);
    const ledger = { accepted: new Map<string, string>(), unavailable: 0, retryAfterSeen: false };

    async function submitWithRetry(n: number) {
      const key = `qf-${n}-${crypto.randomUUID()}`;
      const body = n % 4 === 0 ? referral({ location: { municipalityCode: '0180' } }) : adultReferral();
      const id = await submitUntilAccepted(api, body, {
        as: 'migrationsverket-system',
        key,
        attempts: 100,
        pauseMs: 250,
        refused: (res) => {
          if (res) expect(res.status, JSON.stringify(res.body)).toBe(503);
          ledger.unavailable++;
          if (res?.headers.get('retry-after')) ledger.retryAfterSeen = true;
        },
      });
      ledger.accepted.set(key, id);
    }

    platform.faults.duplicateDelivery('referral-router', true);
    const total = 60;
    const load = (async () => {
      for (let n = 0; n < total; n += 3) {
        await Promise.all([0, 1, 2].map((i) => submitWithRetry(n + i)));
        await sleep(100);
      }
    })();

    const sqs = sqsClient(platform.endpoints);
    const routing = platform.queues.find((q) => q.name === 'referral-routing')!;
    await sqs.send(new SendMessageCommand({ QueueUrl: routing.url, MessageBody: '{"not":"an event"' }));

    await sleep(800);
    await platform.faults.stopDynamo();
    // While the database is down the API says so, with Retry-After, and stores nothing.
    const down = await api.post('/v1/referrals', adultReferral(), 'migrationsverket-system');
    expect(down.status).toBe(503);
    expect(down.headers.get('retry-after')).toBeTruthy();
    await sleep(1500);
    await platform.faults.startDynamo();
    await load;
    platform.faults.duplicateDelivery('referral-router', false);

    expect(ledger.accepted.size).toBe(total);
    expect(ledger.retryAfterSeen || ledger.unavailable === 0).toBe(true);
    const ids = [...ledger.accepted.values()];
    const { routedEvents: routedCount, referralsStored } = tableLedger(
      dynamoClient(platform.endpoints),
      platform.tablePrefix,
    );
    await eventually(
      async () => ((await Promise.all(ids.map(routedCount))).every((c) => c >= 1) ? true : undefined),
      90_000,
      500,
    );

    // The poison message went to the dead-letter queue after its retries.
    const deadLetters = () => queueDepth(sqs, routing.dlqUrl);
    await eventually(async () => ((await deadLetters()) >= 1 ? true : undefined), 60_000, 500);

    // Redrive: the poison stays (and is reported), everything else is replayed and changes nothing.
    const report = await platform.redrive();
    const routingReport = report.find((r) => r.queue === 'referral-routing')!;
    expect(routingReport.leftAsPoison).toBe(1);
    await sleep(3000);

    const counts = await Promise.all(ids.map(routedCount));
    expect(counts.filter((c) => c !== 1)).toEqual([]);
    expect(await referralsStored()).toBe(total);
    expect(new Set(ids).size).toBe(total);
    console.log(
      `fault ledger (duplicate delivery, database restart, poison message): accepted ${ledger.accepted.size}, routed ${counts.filter((c) => c === 1).length}, duplicated ${counts.filter((c) => c > 1).length}, lost ${counts.filter((c) => c === 0).length}, 503 answers ${ledger.unavailable}, poison in DLQ ${routingReport.leftAsPoison}`,
    );
  });
});
