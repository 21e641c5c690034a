// The retention purge's storage side: which closed referrals are due, and the deletes that erase their personal data.
import { QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '@nrm/runtime';
import { keys } from './keys';
import { referralsTableName, type TransactItem } from './referrals';

/** Ids of closed referrals still holding personal data, closed at or before `closedBefore` (ISO). */
export async function listErasureCandidates(closedBefore: string, limit = 100): Promise<string[]> {
  const { Items = [] } = await dynamo().send(
    new QueryCommand({
      TableName: referralsTableName(),
      IndexName: 'byErasure',
      KeyConditionExpression: 'erasurePk = :p AND erasureSk <= :cutoff',
      ExpressionAttributeValues: { ':p': keys.erasure, ':cutoff': `${closedBefore}#~` },
      Limit: limit,
    }),
  );
  return Items.map((item) => String(item.pk).replace(/^REFERRAL#/, ''));
}

/** Deletes of every item of the referral that holds personal data: the personal-data item and the free texts. */
export async function personalDataDeletes(referralId: string): Promise<TransactItem[]> {
  const TableName = referralsTableName();
  const { Items = [] } = await dynamo().send(
    new QueryCommand({
      TableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :note)',
      ExpressionAttributeValues: { ':pk': keys.referral(referralId), ':note': keys.note('') },
      ProjectionExpression: 'pk, sk',
      ConsistentRead: true,
    }),
  );
  // Deleting an item that does not exist is a no-op, so the personal-data item is always included.
  return [
    { Delete: { TableName, Key: { pk: keys.referral(referralId), sk: keys.personal } } },
    ...Items.map((item): TransactItem => ({ Delete: { TableName, Key: { pk: item.pk, sk: item.sk } } })),
  ];
}

/** Runs deletes in transactions of at most `perTransaction` items (DynamoDB allows 100 per transaction). */
export async function runDeletes(deletes: readonly TransactItem[], perTransaction: number): Promise<void> {
  for (let i = 0; i < deletes.length; i += perTransaction) {
    await dynamo().send(new TransactWriteCommand({ TransactItems: deletes.slice(i, i + perTransaction) }));
  }
}
