// Drafts of the web's referral form, in the referrals table. A draft holds what the user typed (personal data): it is
// sealed (the caller's `DraftSealer`, AES-256-GCM in the web), bound to its owner and id, and expires (DynamoDB TTL on
// `expiresAt` removes it; reads ignore an expired one before that happens).
import { randomUUID } from 'node:crypto';
import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, now } from '@nrm/runtime';
import { keys } from './keys';
import { referralsTableName } from './referrals';

export const DRAFT_DAYS = 7;
/** A person keeps at most this many drafts: one per referral being written is a few, not hundreds. */
export const DRAFT_CAP = 20;
/** Saves a person may make in a minute; a step is saved every few seconds at most when someone types it. */
export const DRAFT_WRITES_PER_MINUTE = 30;

export type DraftValues = Record<string, string | string[]>;

export interface Draft {
  readonly id: string;
  readonly values: DraftValues;
  /** The furthest step the user has saved. */
  readonly reached: string;
  readonly updatedAt: string;
  readonly expiresAt: string;
}

export interface DraftSummary {
  readonly id: string;
  readonly updatedAt: string;
  readonly expiresAt: string;
}

export interface DraftStore {
  create(owner: string): Promise<Draft>;
  load(owner: string, id: string): Promise<Draft | undefined>;
  save(owner: string, draft: Omit<Draft, 'updatedAt' | 'expiresAt'>): Promise<Draft>;
  list(owner: string): Promise<DraftSummary[]>;
  remove(owner: string, id: string): Promise<void>;
  /**
   * Counts one draft write of the owner in this minute: the seconds until the minute ends when the owner is over
   * `DRAFT_WRITES_PER_MINUTE`, else undefined.
   */
  throttle(owner: string): Promise<number | undefined>;
}

/** Seals a draft's content to its key (associated data), so a sealed draft opens only under the key it was saved at. */
export interface DraftSealer {
  seal(plaintext: string, associatedData: string): string;
  /** Undefined when the value was not sealed with this key for this associated data (or was tampered with). */
  open(sealed: string, associatedData: string): string | undefined;
}

const epochSeconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);
const isoOfEpochSeconds = (seconds: unknown) => new Date(Number(seconds) * 1000).toISOString();

export function draftStore(sealer: DraftSealer): DraftStore {
  const TableName = () => referralsTableName();

  async function save(owner: string, draft: Omit<Draft, 'updatedAt' | 'expiresAt'>): Promise<Draft> {
    const at = now();
    const updatedAt = at.toISOString();
    const expiresAt = new Date(at.getTime() + DRAFT_DAYS * 86_400_000).toISOString();
    const pk = keys.draft(owner, draft.id);
    const sealed = sealer.seal(JSON.stringify({ values: draft.values, reached: draft.reached }), pk);
    // The draft and its entry in the owner's list; the entry carries no content, only times.
    await dynamo().send(
      new PutCommand({
        TableName: TableName(),
        Item: { pk, sk: keys.draftItem, sealed, updatedAt, expiresAt: epochSeconds(expiresAt) },
      }),
    );
    await dynamo().send(
      new PutCommand({
        TableName: TableName(),
        Item: { pk: keys.drafts(owner), sk: draft.id, updatedAt, expiresAt: epochSeconds(expiresAt) },
      }),
    );
    return { ...draft, updatedAt, expiresAt };
  }

  return {
    create: (owner) => save(owner, { id: randomUUID(), values: {}, reached: 'person' }),
    save,
    async load(owner, id) {
      if (!/^[0-9a-f-]{36}$/.test(id)) return undefined;
      const pk = keys.draft(owner, id);
      const { Item } = await dynamo().send(
        new GetCommand({ TableName: TableName(), Key: { pk, sk: keys.draftItem }, ConsistentRead: true }),
      );
      if (!Item || Number(Item.expiresAt) * 1000 <= now().getTime()) return undefined;
      const opened = sealer.open(String(Item.sealed), pk);
      if (!opened) return undefined;
      const { values, reached } = JSON.parse(opened) as Pick<Draft, 'values' | 'reached'>;
      return {
        id,
        values,
        reached,
        updatedAt: String(Item.updatedAt),
        expiresAt: isoOfEpochSeconds(Item.expiresAt),
      };
    },
    async list(owner) {
      const { Items = [] } = await dynamo().send(
        new QueryCommand({
          TableName: TableName(),
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': keys.drafts(owner) },
        }),
      );
      const nowSeconds = now().getTime() / 1000;
      return Items.filter((i) => Number(i.expiresAt) > nowSeconds)
        .map((i) => ({
          id: String(i.sk),
          updatedAt: String(i.updatedAt),
          expiresAt: isoOfEpochSeconds(i.expiresAt),
        }))
        .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
    },
    async throttle(owner) {
      const at = Math.floor(now().getTime() / 1000);
      const minute = at - (at % 60);
      const { Attributes } = await dynamo().send(
        new UpdateCommand({
          TableName: TableName(),
          Key: { pk: keys.draftWrites(owner), sk: String(minute) },
          UpdateExpression: 'ADD writes :one SET expiresAt = :expires',
          ExpressionAttributeValues: { ':one': 1, ':expires': minute + 120 },
          ReturnValues: 'UPDATED_NEW',
        }),
      );
      return Number(Attributes?.writes) > DRAFT_WRITES_PER_MINUTE ? minute + 60 - at : undefined;
    },
    async remove(owner, id) {
      await dynamo().send(
        new DeleteCommand({ TableName: TableName(), Key: { pk: keys.draft(owner, id), sk: keys.draftItem } }),
      );
      await dynamo().send(
        new DeleteCommand({ TableName: TableName(), Key: { pk: keys.drafts(owner), sk: id } }),
      );
    },
  };
}
