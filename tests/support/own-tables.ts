// A table set of a suite's own on the shared platform's DynamoDB Local: the store's environment points at it while the
// suite runs (its aggregates then hold only what the suite wrote), and the tables go afterwards.
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { EventEnvelope } from '@nrm/domain';
import { dynamo } from '@nrm/runtime';
import { keys, referralsTableName, TABLES } from '@nrm/store';
import { createTables } from '../../packages/local/src/provision';
import { dynamoClient } from './aws';

export function ownTables(platform: { dynamodb: string }, prefix: string) {
  const saved = { ...process.env };
  /** What the store reads to reach the tables (also for a child process the suite starts). */
  const env = {
    NRM_TABLE_PREFIX: prefix,
    NRM_DYNAMODB_ENDPOINT: platform.dynamodb,
    NRM_JWT_ISSUER: 'unused',
    NRM_JWT_AUDIENCE: 'unused',
    NRM_JWKS_URL: 'http://127.0.0.1/unused',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
  };
  return {
    env,
    /** Creates the tables and points the store at them. */
    async open() {
      Object.assign(process.env, env);
      await createTables(dynamoClient(platform), prefix);
    },
    /** Deletes the tables and gives the process its environment back. */
    async close() {
      const client = dynamoClient(platform);
      for (const table of TABLES) {
        await client
          .send(new DeleteTableCommand({ TableName: `${prefix}${table.name}` }))
          .catch(() => undefined);
      }
      process.env = saved;
    },
  };
}

/** Writes referrals' event logs as the store keeps them (event items only), 25 at a time. */
export async function writeEventLogs(logs: readonly (readonly EventEnvelope[])[]): Promise<void> {
  const items = logs.flat().map((event) => ({
    PutRequest: {
      Item: {
        pk: keys.referral(event.referralId),
        sk: keys.event(event.seq),
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
