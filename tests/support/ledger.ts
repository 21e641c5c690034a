// What the suites count straight from the referrals table: referrals stored, and how often each was routed.
import { setTimeout as sleep } from 'node:timers/promises';
import { type DynamoDBClient, QueryCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { keys, referralsTable } from '@nrm/store';
import { eventually } from './http';

/** How the route counts of a ledger read: routed once, duplicated, lost (for the fault suites' printed ledger). */
export const routeTally = (counts: readonly number[]) =>
  `routed ${counts.filter((c) => c === 1).length}, duplicated ${counts.filter((c) => c > 1).length}, lost ${counts.filter((c) => c === 0).length}`;

export function ledger(db: DynamoDBClient, tablePrefix: string) {
  const TableName = `${tablePrefix}${referralsTable.name}`;
  /** `referral.routed.v1` events of one referral: exactly 1 when nothing was lost or doubled. */
  async function routedEvents(id: string): Promise<number> {
    const { Items = [] } = await db.send(
      new QueryCommand({
        TableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :e)',
        ExpressionAttributeValues: { ':pk': { S: keys.referral(id) }, ':e': { S: keys.event.prefix } },
      }),
    );
    return Items.filter((i) => i.type?.S === 'referral.routed.v1').length;
  }
  return {
    routedEvents,
    /** Waits until every one of `ids` is routed at least once (fails after `withinMs`). */
    async everyRouted(ids: readonly string[], withinMs: number, pollMs = 500): Promise<void> {
      await eventually(
        async () => ((await Promise.all(ids.map(routedEvents))).every((c) => c >= 1) ? true : undefined),
        withinMs,
        pollMs,
      );
    },
    /** Lets any redelivery still in flight run (3 s), then counts each one's routes: all 1 when nothing was doubled. */
    async routesAfterSettling(ids: readonly string[]): Promise<number[]> {
      await sleep(3000);
      return Promise.all(ids.map(routedEvents));
    },
    /** Every referral stored (state items), across all pages of the scan. */
    async referralsStored(): Promise<number> {
      let count = 0;
      let ExclusiveStartKey: Record<string, never> | undefined;
      do {
        const page = await db.send(
          new ScanCommand({
            TableName,
            FilterExpression: 'entity = :state',
            ExpressionAttributeValues: { ':state': { S: 'referral-state' } },
            Select: 'COUNT',
            ExclusiveStartKey,
          }),
        );
        count += page.Count ?? 0;
        ExclusiveStartKey = page.LastEvaluatedKey as typeof ExclusiveStartKey;
      } while (ExclusiveStartKey);
      return count;
    },
  };
}
