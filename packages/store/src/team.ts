// Working as a team: "my cases" (the byAssignee index), the case number to its referral (byReference), finding a
// case by the keyed name index (byNameKey, byAliasKey) and the roster of the coordinators known to work an office.
// Every read is one bounded query on a sparse index, never a scan.
import { BatchGetCommand, type BatchGetCommandOutput, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { ReferralState } from '@nrm/domain';
import { dynamo } from '@nrm/runtime';
import { keys } from './keys';
import { firstOfPartition, type Page, putIf } from './query';
import { listIndexed, referralsTableName, stateOf } from './referrals';

/** The open referrals assigned to a coordinator, most urgent first. */
export async function listAssigned(
  sub: string,
  options: { limit: number; cursor?: string },
): Promise<Page<ReferralState & { nextDueAt: string | null }>> {
  return listIndexed('byAssignee', 'assigneePk', keys.assignee(sub), options, `assignee:${sub}`);
}

function referralIdOf(pk: unknown): string | undefined {
  return typeof pk === 'string' && keys.referral.is(pk) ? keys.referral.rest(pk) || undefined : undefined;
}

/** The referral with this case number, if there is one. */
export async function findByReference(reference: string): Promise<string | undefined> {
  const { Items = [] } = await dynamo().send(
    new QueryCommand({
      TableName: referralsTableName(),
      IndexName: 'byReference',
      KeyConditionExpression: 'referencePk = :r',
      ExpressionAttributeValues: { ':r': keys.reference(reference) },
      Limit: 1,
    }),
  );
  return referralIdOf(Items[0]?.pk);
}

/** Referral ids whose name or alias has this key, at most `limit` of each. */
export async function findByNameKey(key: string, limit: number): Promise<string[]> {
  const query = (IndexName: string, attribute: string) =>
    dynamo().send(
      new QueryCommand({
        TableName: referralsTableName(),
        IndexName,
        KeyConditionExpression: `${attribute} = :k`,
        ExpressionAttributeValues: { ':k': key },
        Limit: limit,
      }),
    );
  const pages = await Promise.all([query('byNameKey', 'nameKey'), query('byAliasKey', 'aliasKey')]);
  const ids = pages.flatMap((page) => (page.Items ?? []).map((item) => referralIdOf(item.pk)));
  return [...new Set(ids.filter((id): id is string => !!id))];
}

/** The states of up to 100 referrals, in the order asked; missing ones left out. */
export async function getReferralStates(ids: readonly string[]): Promise<ReferralState[]> {
  if (ids.length === 0) return [];
  if (ids.length > 100) throw new RangeError('At most 100 referrals at a time');
  const TableName = referralsTableName();
  let request: Record<string, { Keys: Record<string, string>[] }> | undefined = {
    [TableName]: { Keys: ids.map((id) => ({ pk: keys.referral(id), sk: keys.state })) },
  };
  const found = new Map<string, ReferralState>();
  // Unprocessed keys are retried a bounded number of times.
  for (let attempt = 0; request && attempt < 5; attempt++) {
    const result: BatchGetCommandOutput = await dynamo().send(new BatchGetCommand({ RequestItems: request }));
    for (const item of result.Responses?.[TableName] ?? []) {
      const state = stateOf(item);
      found.set(state.id, state);
    }
    const left: Record<string, unknown>[] | undefined = result.UnprocessedKeys?.[TableName]?.Keys;
    request = left?.length ? { [TableName]: { Keys: left as Record<string, string>[] } } : undefined;
  }
  return ids.map((id) => found.get(id)).filter((s): s is ReferralState => !!s);
}

export interface RosterMember {
  readonly sub: string;
  readonly role: string;
  readonly since: string;
}

/** Records that `sub` works `office` (idempotent: the first time is kept). */
export async function joinRoster(office: string, member: RosterMember): Promise<void> {
  await putIf({
    TableName: referralsTableName(),
    Item: { pk: keys.roster(office), sk: member.sub, entity: 'roster', ...member },
    ConditionExpression: 'attribute_not_exists(pk)',
  });
}

export async function onRoster(office: string, sub: string): Promise<boolean> {
  const { Item } = await dynamo().send(
    new GetCommand({ TableName: referralsTableName(), Key: { pk: keys.roster(office), sk: sub } }),
  );
  return !!Item;
}

/** The coordinators known to work an office, at most `limit`. */
export async function listRoster(office: string, limit: number): Promise<RosterMember[]> {
  const items = await firstOfPartition(referralsTableName(), keys.roster(office), limit);
  return items.map((item) => ({ sub: item.sub, role: item.role, since: item.since }));
}
