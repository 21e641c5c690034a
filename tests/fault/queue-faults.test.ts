// Issue 8's fault run, sized for the test command: during submissions every router message is delivered twice,
// DynamoDB Local is restarted (the API answers 503 with Retry-After meanwhile and accepts nothing it cannot store),
// and a poison message is injected. Afterwards every accepted referral exists once and is routed once, the poison
// is in the dead-letter queue, and a redrive replays the dead letters without doubling anything.

import { setTimeout as sleep } from 'node:timers/promises';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { dynamoClient, queueDepth, sqsClient } from '../support/aws';
import { adultReferral, referral } from '../support/fixtures';
import { apiClient, eventually } from '../support/http';
import { ledger, routeTally } from '../support/ledger';
import { platformForFile } from '../support/own-platform';
import { submitInWaves } from '../support/referral-flow';

// Visibility 5 s, not 2: a router message fails on every receive while DynamoDB Local restarts (several seconds on a
// busy machine); at 2 s its five receives can be spent before the database is back, and the referral then waits in
// the dead-letter queue for an operator's redrive — delayed, not lost, but not what this test waits for. One CI run
// found referrals unrouted after 90 s, most likely so; a failure now says how deep the routing DLQ is.
const own = platformForFile({ visibilitySeconds: 5, logLevel: 'ERROR' }, 'nrm-queue-fault-');

describe('the platform under queue and database faults', () => {
  it('accepts nothing it cannot store, loses nothing it accepted, and routes each referral once', async () => {
    const { platform } = own;
    const api = apiClient(platform.url);
    let unavailable = 0;
    let retryAfterSeen = false;

    platform.faults.duplicateDelivery('referral-router', true);
    const total = 60;
    const load = submitInWaves(api, {
      total,
      wave: 3,
      gapMs: 100,
      keyPrefix: 'qf',
      body: (n) => (n % 4 === 0 ? referral({ location: { municipalityCode: '0180' } }) : adultReferral()),
      as: 'migrationsverket-system',
      attempts: 100,
      pauseMs: 250,
      refused: (res) => {
        if (res) expect(res.status, JSON.stringify(res.body)).toBe(503);
        unavailable++;
        if (res?.headers.get('retry-after')) retryAfterSeen = true;
      },
    });

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
    const accepted = await load;
    platform.faults.duplicateDelivery('referral-router', false);

    expect(accepted.size).toBe(total);
    expect(retryAfterSeen || unavailable === 0).toBe(true);
    const ids = [...accepted.values()];
    const table = ledger(dynamoClient(platform.endpoints), platform.tablePrefix);
    await table.everyRouted(ids, 90_000).catch(async (error) => {
      // Say where the missing ones are: waiting in the dead-letter queue (delayed) or nowhere (lost).
      const unrouted = (await Promise.all(ids.map(table.routedEvents))).filter((c) => c === 0).length;
      throw new Error(
        `${unrouted} of ${total} not routed; routing DLQ depth ${await queueDepth(sqs, routing.dlqUrl)}`,
        {
          cause: error,
        },
      );
    });

    // The poison message went to the dead-letter queue after its retries.
    const deadLetters = () => queueDepth(sqs, routing.dlqUrl);
    await eventually(async () => ((await deadLetters()) >= 1 ? true : undefined), 60_000, 500);

    // Redrive: the poison stays (and is reported), everything else is replayed and changes nothing.
    const report = await platform.redrive();
    const routingReport = report.find((r) => r.queue === 'referral-routing')!;
    expect(routingReport.leftAsPoison).toBe(1);
    const counts = await table.routesAfterSettling(ids);
    expect(counts.filter((c) => c !== 1)).toEqual([]);
    expect(await table.referralsStored()).toBe(total);
    expect(new Set(ids).size).toBe(total);
    console.log(
      `fault ledger (duplicate delivery, database restart, poison message): accepted ${accepted.size}, ${routeTally(counts)}, 503 answers ${unavailable}, poison in DLQ ${routingReport.leftAsPoison}`,
    );
  });
});
