import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { CaseData, EventEnvelope, PersonalRecord, QueueId, ReferralState } from '@nrm/domain';
import { nameKeysOf } from '@nrm/domain/case-file';
import { config, dynamo } from '@nrm/runtime';
import { ExtraItemConditionFailed, IdempotencyKeyTaken, QuotaExceeded, VersionConflict } from './errors';
import { keys } from './keys';
import { getItem, type Item, type Page, queryPage, readPartition } from './query';
import { STATE_DICTIONARY_V1 } from './state-dictionary';
import { physicalTableName, referralsTable } from './tables';
import {
  CONDITIONS,
  ConditionsFailed,
  type ExtraItem,
  type NamedItem,
  named,
  type TransactItem,
  writeTransaction,
} from './transaction';

export type { ExtraItem, NamedItem, TransactItem } from './transaction';

export function referralsTableName(): string {
  return physicalTableName(config().tablePrefix, referralsTable);
}

/** Index attributes of the state item: which queue lists it (only while open and routed) and who referred it. */
function stateIndexAttributes(state: ReferralState, nextDueAt: string | null) {
  const listed = state.route && state.status !== 'closed';
  // The most urgent first: referrals with a deadline running by that deadline, then those waiting on nobody here
  // (handed on, nothing due) by when they came in.
  const urgency = nextDueAt ? `0#${nextDueAt}#${state.id}` : `1#${state.submittedAt}#${state.id}`;
  return {
    ...(listed ? { queuePk: keys.queue(state.route!.queue), queueSk: urgency } : {}),
    ...(listed && state.assignee
      ? { assigneePk: keys.assignee(state.assignee.sub), assigneeSk: urgency }
      : {}),
    referencePk: keys.reference(state.reference),
    referrerPk: keys.referrer(state.referrer.organisationId),
    referrerSk: `${state.submittedAt}#${state.id}`,
    // Closed referrals whose personal data is still held, oldest closure first, for the retention purge.
    ...(state.closedAt && !state.personalDataErasedAt
      ? { erasurePk: keys.erasure, erasureSk: `${state.closedAt}#${state.id}` }
      : {}),
  };
}

/** The formats of a stored state (`stateZ`'s first byte), each with the dictionary it was compressed with. */
const STATE_FORMATS: Record<number, Buffer> = { 1: Buffer.from(STATE_DICTIONARY_V1) };
const STATE_FORMAT = 1;

/**
 * The state as stored: a format byte, then its JSON deflated with that format's preset dictionary. The state is
 * rewritten whole with every event (and copied into the byQueue and byReferrer indexes), and a routed referral's
 * state with its clocks is 1.5–2.5 KB of JSON, mostly names and codes every state repeats: with the dictionary it is
 * 110–160 bytes, so the item keeps within the one-KB write unit (in the transaction and in each index) where
 * it took two or three.
 */
export function packState(state: ReferralState): Uint8Array {
  const deflated = deflateRawSync(JSON.stringify(state), {
    level: 9,
    dictionary: STATE_FORMATS[STATE_FORMAT],
  });
  return Buffer.concat([Buffer.of(STATE_FORMAT), deflated]);
}

/** The state of a state item: packed (`stateZ`), or as a map (`state`) as items written before packing hold it. */
export function stateOf(item: Item): ReferralState {
  const packed = item.stateZ as Uint8Array | undefined;
  if (!packed) return item.state as ReferralState;
  const dictionary = STATE_FORMATS[packed[0]!];
  if (!dictionary) throw new Error(`Unknown state format ${packed[0]}`);
  return JSON.parse(inflateRawSync(packed.subarray(1), { dictionary }).toString('utf8')) as ReferralState;
}

function stateItem(state: ReferralState, nextDueAt: string | null) {
  return {
    pk: keys.referral(state.id),
    sk: keys.state,
    entity: 'referral-state',
    version: state.version,
    stateZ: packState(state),
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
export function idempotencyPut(record: IdempotencyRecord): NamedItem {
  return named(CONDITIONS.idempotencyKey, {
    Put: {
      TableName: referralsTableName(),
      Item: {
        pk: keys.idempotency(record.organisationId, record.key),
        sk: keys.idempotencyItem,
        entity: 'idempotency',
        requestHash: record.requestHash,
        result: record.result,
        expiresAt: record.expiresAt,
      },
      // An expired record may linger until TTL deletes it; it no longer reserves the key.
      ConditionExpression: 'attribute_not_exists(pk) OR expiresAt <= :now',
      ExpressionAttributeValues: { ':now': record.expiresAt - IDEMPOTENCY_WINDOW_SECONDS },
    },
  });
}

export interface SubmissionQuota {
  /** Who is counted, with their hourly limit: the organisation, and the person when a person submits. */
  readonly counters: readonly { readonly who: string; readonly limit: number }[];
  readonly now: Date;
}

/** One counter per submitter and clock hour, raised in the creating transaction and refused past its limit. */
function quotaUpdates(quota: SubmissionQuota, count: number): NamedItem[] {
  const hour = quota.now.toISOString().slice(0, 13);
  const expiresAt = Math.floor(quota.now.getTime() / 1000) + 2 * 60 * 60;
  return quota.counters.map(({ who, limit }) =>
    named(CONDITIONS.quota, {
      Update: {
        TableName: referralsTableName(),
        Key: { pk: keys.quota(who, hour), sk: keys.quotaWindow },
        UpdateExpression: 'ADD #n :count SET expiresAt = :expiresAt',
        ConditionExpression: 'attribute_not_exists(#n) OR #n <= :room',
        ExpressionAttributeNames: { '#n': 'submitted' },
        ExpressionAttributeValues: { ':count': count, ':room': limit - count, ':expiresAt': expiresAt },
      },
    }),
  );
}

/**
 * Creates referrals (a person's and its linked children's) atomically, together with the idempotency record and the
 * submission quota's counters, so a retried submission can never create a second set and a full quota creates none.
 */
export async function createReferrals(
  referrals: readonly NewReferral[],
  idempotency?: IdempotencyRecord,
  /** Items written with them, e.g. the first audit entry of each new referral. */
  extra: readonly ExtraItem[] = [],
  quota?: SubmissionQuota,
) {
  const TableName = referralsTableName();
  const quotas = quota ? quotaUpdates(quota, referrals.length) : [];
  const items: ExtraItem[] = [...quotas, ...extra];
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
    await writeTransaction(items);
  } catch (error) {
    if (!(error instanceof ConditionsFailed)) throw error;
    if (error.failed.includes(CONDITIONS.idempotencyKey))
      throw new IdempotencyKeyTaken(undefined, { cause: error });
    if (error.failed.includes(CONDITIONS.quota) && quota) {
      const nextHour = Math.ceil((quota.now.getTime() + 1) / 3_600_000) * 3_600_000;
      throw new QuotaExceeded(Math.max(1, Math.ceil((nextHour - quota.now.getTime()) / 1000)));
    }
    throw error.cause;
  }
}

export async function findIdempotencyRecord(organisationId: string, key: string, nowSeconds: number) {
  const { Item } = await dynamo().send(
    new GetCommand({
      TableName: referralsTableName(),
      Key: { pk: keys.idempotency(organisationId, key), sk: keys.idempotencyItem },
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
  /** Items written with the events; a failed condition of a named one is reported under its name. */
  readonly extra?: readonly ExtraItem[];
}) {
  const TableName = referralsTableName();
  const { state, events, expectedVersion } = args;
  const items: ExtraItem[] = [
    named(CONDITIONS.version, {
      Put: {
        TableName,
        Item: stateItem(state, args.nextDueAt ?? null),
        ConditionExpression: 'version = :expected',
        ExpressionAttributeValues: { ':expected': expectedVersion },
      },
    }),
    ...events.map(
      (event): TransactItem => ({
        Put: { TableName, Item: eventItem(event), ConditionExpression: 'attribute_not_exists(pk)' },
      }),
    ),
    ...(args.extra ?? []),
  ];
  try {
    await writeTransaction(items);
  } catch (error) {
    if (!(error instanceof ConditionsFailed)) throw error;
    if (error.failed.includes(CONDITIONS.version)) throw new VersionConflict(state.id);
    throw new ExtraItemConditionFailed(state.id, error.failed, { cause: error.cause });
  }
}

/** One item of a referral's partition; eventually consistent unless asked. */
const referralItem = (id: string, sk: string, options: { readonly consistent?: boolean }) =>
  getItem(referralsTableName(), keys.referral(id), sk, { consistent: !!options.consistent });

export async function getReferralState(
  id: string,
  options: { readonly consistent?: boolean } = {},
): Promise<ReferralState | undefined> {
  const item = await referralItem(id, keys.state, options);
  return item ? stateOf(item) : undefined;
}

export async function getReferralEvents(id: string): Promise<EventEnvelope[]> {
  const items = await readPartition(referralsTableName(), keys.referral(id), keys.event.prefix);
  return items.map((item) => item.event as EventEnvelope);
}

/**
 * The personal-data item: the case as it stands, the submission as sent, corrections and age assessments. Written
 * only in the transaction of the event that changes it (guarded by the state's version), so it always matches the
 * events before it.
 */
export function personalDataPut(referralId: string, record: PersonalRecord): TransactItem {
  // The search keys travel with the item they are computed from: a correction rewrites both, erasure deletes both.
  const secret = config().personKeySecret;
  const searchKeys = secret ? nameKeysOf(secret, record.data) : {};
  return {
    Put: {
      TableName: referralsTableName(),
      Item: {
        pk: keys.referral(referralId),
        sk: keys.personal,
        entity: 'personal-data',
        ...record,
        ...searchKeys,
      },
    },
  };
}

export async function getPersonalRecord(
  id: string,
  options: { readonly consistent?: boolean } = {},
): Promise<PersonalRecord | undefined> {
  const Item = await referralItem(id, keys.personal, options);
  if (!Item) return undefined;
  const { pk: _pk, sk: _sk, entity: _entity, nameKey: _name, aliasKey: _alias, ...record } = Item;
  return record as PersonalRecord;
}

/** A listed state item as a queue shows it: the state and when its next clock is due. */
const listedState = (item: Item) => ({
  ...stateOf(item),
  nextDueAt: (item.nextDueAt as string | null | undefined) ?? null,
});

/** A page of the state items in one partition of a sparse index, in the index's order (most urgent first). */
export function listIndexed(
  IndexName: string,
  attribute: string,
  value: string,
  options: { limit: number; cursor?: string },
  scope: string,
) {
  return queryPage(
    {
      TableName: referralsTableName(),
      IndexName,
      KeyConditionExpression: '#k = :v',
      ExpressionAttributeNames: { '#k': attribute },
      ExpressionAttributeValues: { ':v': value },
    },
    options,
    scope,
    listedState,
  );
}

/** A coordinator's queue, most urgent first: a query on the sparse byQueue index, never a scan. */
export async function listQueue(
  queue: QueueId,
  options: { limit: number; cursor?: string },
): Promise<Page<ReferralState & { nextDueAt: string | null }>> {
  return listIndexed('byQueue', 'queuePk', keys.queue(queue), options, `queue:${queue}`);
}

/** The referrals an organisation submitted, newest first: a query on the byReferrer index. */
export async function listByReferrer(
  organisationId: string,
  options: { limit: number; cursor?: string },
): Promise<Page<ReferralState>> {
  return queryPage(
    {
      TableName: referralsTableName(),
      IndexName: 'byReferrer',
      KeyConditionExpression: 'referrerPk = :org',
      ExpressionAttributeValues: { ':org': keys.referrer(organisationId) },
      ScanIndexForward: false,
    },
    options,
    `referrer:${organisationId}`,
    stateOf,
  );
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
