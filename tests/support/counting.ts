// Counting a year's events as the statistics consumer would meet them: shuffled, some twice, eight consumers at once,
// a person-marker race retried as SQS would redeliver it.
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { EventEnvelope } from '@nrm/domain';
import { dynamo } from '@nrm/runtime';
import { referralsTableName } from '@nrm/store';
import { afterAll, beforeAll } from 'vitest';
import { createTables } from '../../packages/local/src/provision';
import { countEvent } from '../../packages/usecases/src/statistics';
import { dynamoClient } from './aws';

/**
 * A table set of the suite's own, holding `events` (the shared platform's aggregates hold the other suites'
 * referrals too): the process environment points at it while the suite runs, and it is dropped after. Answers that
 * environment, for a command the suite spawns.
 */
export function ownStatisticsTables(
  platform: { dynamodb: string },
  name: string,
  events: () => readonly EventEnvelope[],
): Record<string, string> {
  const prefix = `${name}-${Date.now()}-`;
  const saved = { ...process.env };
  const env = {
    NRM_TABLE_PREFIX: prefix,
    NRM_DYNAMODB_ENDPOINT: platform.dynamodb,
    NRM_JWT_ISSUER: 'unused',
    NRM_JWT_AUDIENCE: 'unused',
    NRM_JWKS_URL: 'http://127.0.0.1/unused',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
  };
  beforeAll(async () => {
    Object.assign(process.env, env);
    await createTables(dynamoClient(platform), prefix);
    await storeEvents(events());
  }, 120_000);
  afterAll(async () => {
    const client = dynamoClient(platform);
    for (const table of ['referrals', 'audit', 'statistics']) {
      await client.send(new DeleteTableCommand({ TableName: `${prefix}${table}` })).catch(() => undefined);
    }
    process.env = saved;
  });
  return env;
}

/** Stores the events as the referrals' event items, for a rebuild or a replay to read back. */
export async function storeEvents(events: readonly EventEnvelope[]): Promise<void> {
  const items = events.map((event) => ({
    PutRequest: {
      Item: {
        pk: `REFERRAL#${event.referralId}`,
        sk: `EVENT#${String(event.seq).padStart(8, '0')}`,
        entity: 'event',
        type: event.type,
        event,
      },
    },
  }));
  for (let i = 0; i < items.length; i += 25) {
    await dynamo().send(
      new BatchWriteCommand({ RequestItems: { [referralsTableName()]: items.slice(i, i + 25) } }),
    );
  }
}

/** Counts the deliveries with eight consumers at once; a cancelled transaction is retried up to `maxAttempts`. */
export async function countConcurrently(
  deliveries: readonly EventEnvelope[],
  maxAttempts: number,
): Promise<void> {
  const queue = [...deliveries];
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (let event = queue.shift(); event; event = queue.shift()) {
        for (let attempt = 1; ; attempt++) {
          try {
            await countEvent(event);
            break;
          } catch (error) {
            if ((error as Error).name !== 'TransactionCanceledException' || attempt >= maxAttempts)
              throw error;
          }
        }
      }
    }),
  );
}
