// Counting a year's events as the statistics consumer would meet them: shuffled, some twice, eight consumers at once,
// a person-marker race retried as SQS would redeliver it.
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { EventEnvelope } from '@nrm/domain';
import { dynamo } from '@nrm/runtime';
import { referralsTableName } from '@nrm/store';
import { countEvent } from '../../packages/usecases/src/statistics';

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
