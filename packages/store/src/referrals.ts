// The referral repository: events and current state written together in one transaction guarded by the version the
// writer read (optimistic concurrency). The event items are the transactional outbox the table stream relays.
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  QueryCommand,
  type QueryCommandInput,
  TransactWriteCommand,
  type TransactWriteCommandInput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { CaseData, EventEnvelope, PersonalRecord, QueueId, ReferralState } from '@nrm/domain';
import { config, dynamo } from '@nrm/runtime';
import { ExtraItemConditionFailed, IdempotencyKeyTaken, VersionConflict } from './errors';
import { keys } from './keys';
import { physicalTableName, referralsTable } from './tables';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

export function referralsTableName(): string {
  return physicalTableName(config().tablePrefix, referralsTable);
}

/** Index attributes of the state item: which queue lists it (only while open and routed) and who referred it. */
function stateIndexAttributes(state: ReferralState, nextDueAt: string | null) {
  const listed = state.route && state.status !== 'closed';
  return {
    ...(listed
      ? { queuePk: keys.queue(state.route!.queue), queueSk: `${nextDueAt ?? state.submittedAt}#${state.id}` }
      : {}),
    referrerPk: keys.referrer(state.referrer.organisationId),
    referrerSk: `${state.submittedAt}#${state.id}`,
    // Closed referrals whose personal data is still held, oldest closure first, for the retention purge.
    ...(state.closedAt && !state.personalDataErasedAt
      ? { erasurePk: keys.erasure, erasureSk: `${state.closedAt}#${state.id}` }
      : {}),
  };
}

function stateItem(state: ReferralState, nextDueAt: string | null) {
  return {
    pk: keys.referral(state.id),
    sk: keys.state,
    entity: 'referral-state',
    version: state.version,
    state,
    nextDueAt,
    ...stateIndexAttributes(state, nextDueAt),
  };
}

function eventItem(event: EventEnvelope) {
  return {
    pk: keys.referral(event.referralId),
    sk: keys.event(event.seq),
    entity: 'event',
    type: event.type,
    event,
  };
}

export interface NewReferral {
  readonly state: ReferralState;
  readonly received: EventEnvelope;
  readonly personalData: Record<string, unknown> | null;
}

/** How long an Idempotency-Key returns the first result (api.md: 24 h). */
export const IDEMPOTENCY_WINDOW_SECONDS = 24 * 60 * 60;

export interface IdempotencyRecord {
  readonly organisationId: string;
  readonly key: string;
  readonly requestHash: string;
  /** What the first request answered with (ids, times): a retry answers the same. */
  readonly result: Readonly<Record<string, string>>;
  readonly expiresAt: number;
}

/** The put that reserves an Idempotency-Key in the transaction that creates what the request asked for. */
export function idempotencyPut(record: IdempotencyRecord): TransactItem {
  return {
    Put: {
      TableName: referralsTableName(),
      Item: {
        pk: keys.idempotency(record.organisationId, record.key),
        sk: 'IDEMPOTENCY',
        entity: 'idempotency',
        requestHash: record.requestHash,
        result: record.result,
        expiresAt: record.expiresAt,
      },
      // An expired record may linger until TTL deletes it; it no longer reserves the key.
      ConditionExpression: 'attribute_not_exists(pk) OR expiresAt <= :now',
      ExpressionAttributeValues: { ':now': record.expiresAt - IDEMPOTENCY_WINDOW_SECONDS },
    },
  };
}

/**
 * Creates referrals (a person's and its linked children's) atomically, together with the idempotency record, so a
 * retried submission can never create a second set.
 */
export async function createReferrals(
  referrals: readonly NewReferral[],
  idempotency?: IdempotencyRecord,
  /** Items written with them, e.g. the first audit entry of each new referral. */
  extra: readonly TransactItem[] = [],
) {
  const TableName = referralsTableName();
  const items: TransactItem[] = [...extra];
  for (const r of referrals) {
    items.push({
      Put: { TableName, Item: stateItem(r.state, null), ConditionExpression: 'attribute_not_exists(pk)' },
    });
    items.push({
      Put: { TableName, Item: eventItem(r.received), ConditionExpression: 'attribute_not_exists(pk)' },
    });
    if (r.personalData) items.push(personalDataPut(r.state.id, { data: r.personalData as CaseData }));
  }
  if (idempotency) items.push(idempotencyPut(idempotency));
  try {
    await dynamo().send(new TransactWriteCommand({ TransactItems: items }));
  } catch (error) {
    if (idempotency && error instanceof TransactionCanceledException) {
      const last = error.CancellationReasons?.[items.length - 1];
      if (last?.Code === 'ConditionalCheckFailed') throw new IdempotencyKeyTaken();
    }
    throw error;
  }
}

export async function findIdempotencyRecord(organisationId: string, key: string, nowSeconds: number) {
  const { Item } = await dynamo().send(
    new GetCommand({
      TableName: referralsTableName(),
      Key: { pk: keys.idempotency(organisationId, key), sk: 'IDEMPOTENCY' },
      ConsistentRead: true,
    }),
  );
  // TTL deletion is lazy (and absent in DynamoDB Local), so an expired record is treated as gone.
  if (!Item || (Item.expiresAt as number) <= nowSeconds) return undefined;
  return Item as unknown as Pick<IdempotencyRecord, 'requestHash' | 'result'>;
}

/**
 * Appends events to an existing referral and replaces its state, only if nobody else appended since
 * `expectedVersion`. Extra items (timers, hand-off pointers) join the same transaction.
 */
export async function appendEvents(args: {
  readonly expectedVersion: number;
  readonly events: readonly EventEnvelope[];
  readonly state: ReferralState;
  readonly nextDueAt?: string | null;
  readonly extra?: readonly TransactItem[];
}) {
  const TableName = referralsTableName();
  const { state, events, expectedVersion } = args;
  const items: TransactItem[] = [
    {
      Put: {
        TableName,
        Item: stateItem(state, args.nextDueAt ?? null),
        ConditionExpression: 'version = :expected',
        ExpressionAttributeValues: { ':expected': expectedVersion },
      },
    },
    ...events.map(
      (event): TransactItem => ({
        Put: { TableName, Item: eventItem(event), ConditionExpression: 'attribute_not_exists(pk)' },
      }),
    ),
    ...(args.extra ?? []),
  ];
  try {
    await dynamo().send(new TransactWriteCommand({ TransactItems: items }));
  } catch (error) {
    if (error instanceof TransactionCanceledException) {
      const reasons = error.CancellationReasons ?? [];
      if (reasons[0]?.Code === 'ConditionalCheckFailed') throw new VersionConflict(state.id);
      const firstExtra = 1 + events.length;
      const failed = reasons
        .map((reason, index) => (reason.Code === 'ConditionalCheckFailed' ? index - firstExtra : -1))
        .filter((index) => index >= 0);
      if (failed.length) throw new ExtraItemConditionFailed(state.id, failed);
    }
    throw error;
  }
}

export async function getReferralState(
  id: string,
  options: { readonly consistent?: boolean } = {},
): Promise<ReferralState | undefined> {
  const { Item } = await dynamo().send(
    new GetCommand({
      TableName: referralsTableName(),
      Key: { pk: keys.referral(id), sk: keys.state },
      ...(options.consistent ? { ConsistentRead: true } : {}),
    }),
  );
  return Item?.state as ReferralState | undefined;
}

export async function getReferralEvents(id: string): Promise<EventEnvelope[]> {
  const events: EventEnvelope[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamo().send(
      new QueryCommand({
        TableName: referralsTableName(),
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :events)',
        ExpressionAttributeValues: { ':pk': keys.referral(id), ':events': keys.eventPrefix },
        ConsistentRead: true,
        ExclusiveStartKey,
      }),
    );
    for (const item of page.Items ?? []) events.push(item.event as EventEnvelope);
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return events;
}

/**
 * The personal-data item: the case as it stands, the submission as sent, corrections and age assessments. Written
 * only in the transaction of the event that changes it (guarded by the state's version), so it always matches the
 * events before it.
 */
export function personalDataPut(referralId: string, record: PersonalRecord): TransactItem {
  return {
    Put: {
      TableName: referralsTableName(),
      Item: { pk: keys.referral(referralId), sk: keys.personal, entity: 'personal-data', ...record },
    },
  };
}

export async function getPersonalRecord(
  id: string,
  options: { readonly consistent?: boolean } = {},
): Promise<PersonalRecord | undefined> {
  const { Item } = await dynamo().send(
    new GetCommand({
      TableName: referralsTableName(),
      Key: { pk: keys.referral(id), sk: keys.personal },
      ...(options.consistent ? { ConsistentRead: true } : {}),
    }),
  );
  if (!Item) return undefined;
  const { pk: _pk, sk: _sk, entity: _entity, ...record } = Item;
  return record as PersonalRecord;
}

export interface Page<T> {
  readonly items: T[];
  readonly nextCursor: string | null;
}

export function encodeCursor(key: Record<string, unknown> | undefined): string | null {
  return key ? Buffer.from(JSON.stringify(key)).toString('base64url') : null;
}

export function decodeCursor(cursor: string | undefined): QueryCommandInput['ExclusiveStartKey'] {
  if (!cursor) return undefined;
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursor();
  }
}

export class InvalidCursor extends Error {
  override readonly name = 'InvalidCursor';
}

/** A coordinator's queue, most urgent first: a query on the sparse byQueue index, never a scan. */
export async function listQueue(
  queue: QueueId,
  options: { limit: number; cursor?: string },
): Promise<Page<ReferralState & { nextDueAt: string | null }>> {
  const page = await dynamo().send(
    new QueryCommand({
      TableName: referralsTableName(),
      IndexName: 'byQueue',
      KeyConditionExpression: 'queuePk = :q',
      ExpressionAttributeValues: { ':q': keys.queue(queue) },
      Limit: options.limit,
      ExclusiveStartKey: decodeCursor(options.cursor),
    }),
  );
  return {
    items: (page.Items ?? []).map((item) => ({
      ...(item.state as ReferralState),
      nextDueAt: item.nextDueAt ?? null,
    })),
    nextCursor: encodeCursor(page.LastEvaluatedKey),
  };
}

/** The referrals an organisation submitted, newest first: a query on the byReferrer index. */
export async function listByReferrer(
  organisationId: string,
  options: { limit: number; cursor?: string },
): Promise<Page<ReferralState>> {
  const page = await dynamo().send(
    new QueryCommand({
      TableName: referralsTableName(),
      IndexName: 'byReferrer',
      KeyConditionExpression: 'referrerPk = :org',
      ExpressionAttributeValues: { ':org': keys.referrer(organisationId) },
      ScanIndexForward: false,
      Limit: options.limit,
      ExclusiveStartKey: decodeCursor(options.cursor),
    }),
  );
  return {
    items: (page.Items ?? []).map((item) => item.state as ReferralState),
    nextCursor: encodeCursor(page.LastEvaluatedKey),
  };
}

/** Reserves `count` consecutive reference numbers for the year. Numbers are unique and rising; a crash leaves a gap. */
export async function reserveReferenceNumbers(year: number, count: number): Promise<number[]> {
  const { Attributes } = await dynamo().send(
    new UpdateCommand({
      TableName: referralsTableName(),
      Key: { pk: keys.counter(`reference#${year}`), sk: 'COUNTER' },
      UpdateExpression: 'ADD #value :count SET entity = :entity',
      ExpressionAttributeNames: { '#value': 'value' },
      ExpressionAttributeValues: { ':count': count, ':entity': 'counter' },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  const last = Attributes?.value as number;
  return Array.from({ length: count }, (_, i) => last - count + 1 + i);
}
