// The retention purge's storage side: which closed referrals are due, and the deletes that erase their personal data.
import { QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { personKeyOf } from '@nrm/domain';
import { dynamo } from '@nrm/runtime';
import { keys, statisticsKeys } from './keys';
import { getReferralEvents, referralsTableName, type TransactItem } from './referrals';
import { memberLinkErasure, statisticsTableName } from './statistics';

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
  return Items.map((item) => keys.referral.rest(String(item.pk)));
}

/**
 * Every write that erases the referral's personal data: deletes of the personal-data item and the free texts, and
 * the pseudonymous person key — removed from the received event, and its link to this referral deleted from the
 * statistics table (with the person's period markers once no other referral of the person is left). The person-key
 * writes come last, so they are in the purge's final transaction with the erasure event: a run that stops half-way
 * still finds the key next time. Aggregated counts are not touched.
 */
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
    ...(await personKeyErasure(referralId)),
  ];
}

async function personKeyErasure(referralId: string): Promise<TransactItem[]> {
  const TableName = referralsTableName();
  // The key is in the received event, or in a correction or opened case that found it later.
  const keyed = (await getReferralEvents(referralId)).filter((e) => personKeyOf(e));
  const personKeys = [...new Set(keyed.map((e) => personKeyOf(e)!))];
  const statistics = await Promise.all(personKeys.map((key) => personItemsErasure(referralId, key)));
  return [
    ...statistics.flat(),
    ...keyed.map(
      (e): TransactItem => ({
        Update: {
          TableName,
          Key: { pk: keys.referral(referralId), sk: keys.event(e.seq) },
          UpdateExpression: 'REMOVE #event.#data.#personKey',
          ExpressionAttributeNames: { '#event': 'event', '#data': 'data', '#personKey': 'personKey' },
        },
      }),
    ),
  ];
}

/** The statistics' link of the referral to the person, and the person's period markers once no referral is left. */
async function personItemsErasure(referralId: string, personKey: string): Promise<TransactItem[]> {
  const Statistics = statisticsTableName();
  const person = statisticsKeys.person(personKey);
  const { Items: items = [] } = await dynamo().send(
    new QueryCommand({
      TableName: Statistics,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': person },
      ProjectionExpression: 'pk, sk',
      ConsistentRead: true,
    }),
  );
  const link = statisticsKeys.personReferral(referralId);
  const othersLeft = items.some((i) => statisticsKeys.personReferral.is(String(i.sk)) && i.sk !== link);
  const gone = othersLeft ? items.filter((i) => i.sk === link) : items;
  return [
    ...gone.map((i): TransactItem => ({ Delete: { TableName: Statistics, Key: { pk: i.pk, sk: i.sk } } })),
    ...(await memberLinkErasure(referralId, personKey)),
  ];
}

/** Runs deletes in transactions of at most `perTransaction` items (DynamoDB allows 100 per transaction). */
export async function runDeletes(deletes: readonly TransactItem[], perTransaction: number): Promise<void> {
  for (let i = 0; i < deletes.length; i += perTransaction) {
    await dynamo().send(new TransactWriteCommand({ TransactItems: deletes.slice(i, i + perTransaction) }));
  }
}
