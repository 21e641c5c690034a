// Processed-event records for consumers with side effects outside the table (the notifier's e-mail): a claim with a
// lease, so a redelivered or concurrently delivered event is acted on once, and a crashed attempt is retried.
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '@nrm/runtime';
import { keys } from './keys';
import { isConditionFailure } from './query';
import { referralsTableName } from './referrals';

/** How long a processed record is kept (TTL): far past any redelivery. */
export const RETAIN_SECONDS = 30 * 24 * 60 * 60;

export type Claim = 'claimed' | 'done' | 'busy';

/** Claims `eventId` for `consumer` unless it was done, or another attempt holds a lease younger than `leaseMs`. */
export async function claimEvent(
  consumer: string,
  eventId: string,
  now: Date,
  leaseMs: number,
): Promise<Claim> {
  try {
    await dynamo().send(
      new PutCommand({
        TableName: referralsTableName(),
        Item: processedRecord(consumer, eventId, 'claimed', now),
        ConditionExpression: 'attribute_not_exists(pk) OR (#status = :claimed AND claimedAt < :stale)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':claimed': 'claimed', ':stale': now.getTime() - leaseMs },
      }),
    );
    return 'claimed';
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    const { Item } = await dynamo().send(
      new GetCommand({
        TableName: referralsTableName(),
        Key: processedKey(consumer, eventId),
        ConsistentRead: true,
      }),
    );
    return Item?.status === 'done' ? 'done' : 'busy';
  }
}

/** A consumer's record of an event: claimed by an attempt at `now`, or done. */
export const processedRecord = (
  consumer: string,
  eventId: string,
  status: 'claimed' | 'done',
  now: Date,
) => ({
  ...processedKey(consumer, eventId),
  entity: 'processed',
  status,
  claimedAt: now.getTime(),
  expiresAt: Math.floor(now.getTime() / 1000) + RETAIN_SECONDS,
});

/** The record's key. */
export const processedKey = (consumer: string, eventId: string) => ({
  pk: keys.processed(consumer, eventId),
  sk: keys.processedItem,
});

/** Sets the record's status attribute (`#status`) and others with `update`, on `condition` when given. */
async function updateRecord(
  consumer: string,
  eventId: string,
  update: string,
  values: Record<string, unknown>,
  condition?: string,
): Promise<void> {
  await dynamo().send(
    new UpdateCommand({
      TableName: referralsTableName(),
      Key: processedKey(consumer, eventId),
      UpdateExpression: update,
      ...(condition ? { ConditionExpression: condition } : {}),
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: values,
    }),
  );
}

export async function completeEvent(consumer: string, eventId: string): Promise<void> {
  await updateRecord(consumer, eventId, 'SET #status = :done', { ':done': 'done' });
}

/** Gives the claim up after a failure, so the next delivery may try at once. */
export async function releaseEvent(consumer: string, eventId: string): Promise<void> {
  await updateRecord(
    consumer,
    eventId,
    'SET claimedAt = :never',
    { ':never': 0, ':claimed': 'claimed' },
    '#status = :claimed',
  );
}
