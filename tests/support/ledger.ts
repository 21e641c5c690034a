// What the suites count straight from the referrals table: referrals stored, and how often each was routed.
import { type DynamoDBClient, QueryCommand, ScanCommand } from '@aws-sdk/client-dynamodb';

export function ledger(db: DynamoDBClient, tablePrefix: string) {
  const TableName = `${tablePrefix}referrals`;
  return {
    /** `referral.routed.v1` events of one referral: exactly 1 when nothing was lost or doubled. */
    async routedEvents(id: string): Promise<number> {
      const { Items = [] } = await db.send(
        new QueryCommand({
          TableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :e)',
          ExpressionAttributeValues: { ':pk': { S: `REFERRAL#${id}` }, ':e': { S: 'EVENT#' } },
        }),
      );
      return Items.filter((i) => i.type?.S === 'referral.routed.v1').length;
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
