import type { NudgeWindow } from '@nrm/domain/notifications';
import type { QueueId } from '@nrm/domain/vocabulary';
import { keys } from './keys';
import { processedKey, processedRecord, RETAIN_SECONDS } from './processed';
import { getItem, type Item, putIf, updateIf } from './query';
import { referralsTableName } from './referrals';
import { CONDITIONS, ConditionsFailed, named, writeTransaction } from './transaction';

const windowKey = (mailbox: string) => ({ pk: keys.nudge(mailbox), sk: keys.nudgeWindow });

/** Long after the window: a mailbox that stops receiving nudges leaves nothing behind (TTL is only for garbage). */
const expiresAt = (window: NudgeWindow) => Math.floor(window.endsAt / 1000) + RETAIN_SECONDS;

function windowItem(window: NudgeWindow) {
  return { ...windowKey(window.mailbox), entity: 'nudge-window', ...window, expiresAt: expiresAt(window) };
}

const WINDOW_FIELDS = ['mailbox', 'queue', 'id', 'endsAt', 'gathered', 'scheduled', 'openedBy'] as const;

/** The attributes `fields` of an item as stored, or undefined when there is none. */
function pick<T>(item: Item | undefined, fields: readonly (keyof T & string)[]): T | undefined {
  return item ? (Object.fromEntries(fields.map((field) => [field, item[field]])) as T) : undefined;
}

export async function getNudgeWindow(mailbox: string): Promise<NudgeWindow | undefined> {
  const item = await getItem(referralsTableName(), windowKey(mailbox).pk, keys.nudgeWindow);
  return pick<NudgeWindow>(item, WINDOW_FIELDS);
}

/** Replaces `previous` (none: there was no window) with `next`; false when another writer changed it first. */
export function openNudgeWindow(next: NudgeWindow, previous: NudgeWindow | undefined): Promise<boolean> {
  return putIf({
    TableName: referralsTableName(),
    Item: windowItem(next),
    ...(previous
      ? {
          ConditionExpression: 'id = :previous',
          ExpressionAttributeValues: { ':previous': previous.id },
        }
      : { ConditionExpression: 'attribute_not_exists(pk)' }),
  });
}

/** A transaction's outcome when only `names` may fail: false for those, anything else propagates. */
async function unlessConditions(
  items: Parameters<typeof writeTransaction>[0],
  names: readonly string[],
): Promise<boolean> {
  try {
    await writeTransaction(items);
    return true;
  } catch (error) {
    if (error instanceof ConditionsFailed && error.failed.every((name) => names.includes(name))) return false;
    throw error;
  }
}

/**
 * Counts the nudge of `eventId` into `window` and marks the consumer's claim on the event done, in one transaction;
 * false when the window moved on (closed by its follow-up, or replaced) since it was read.
 */
export function gatherIntoWindow(window: NudgeWindow, consumer: string, eventId: string): Promise<boolean> {
  return unlessConditions(
    [
      gatherUpdate(window),
      {
        Update: {
          TableName: referralsTableName(),
          Key: processedKey(consumer, eventId),
          UpdateExpression: 'SET #status = :done',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':done': 'done' },
        },
      },
    ],
    [CONDITIONS.nudgeWindow],
  );
}

/** One more nudge counted into `window`, with its follow-up scheduled; only while the window is still that one. */
function gatherUpdate(window: NudgeWindow) {
  return named(CONDITIONS.nudgeWindow, {
    Update: {
      TableName: referralsTableName(),
      Key: windowKey(window.mailbox),
      UpdateExpression: 'ADD gathered :one SET scheduled = :yes',
      ConditionExpression: 'id = :id',
      ExpressionAttributeValues: { ':one': 1, ':yes': true, ':id': window.id },
    },
  });
}

/**
 * Counts the nudge of `eventId` into `window` and records the event done for `consumer`, in one transaction, when no
 * attempt has claimed the event yet: a nudge the window gathers needs no claim of its own (one write fewer than
 * claiming first). `window-moved` when the window changed since it was read, `claimed` when another attempt holds or
 * finished the event (the claimed path then finds out which); nothing is written in either case.
 */
export async function gatherUnclaimed(
  window: NudgeWindow,
  consumer: string,
  eventId: string,
  now: Date,
): Promise<'gathered' | 'window-moved' | 'claimed'> {
  try {
    await writeTransaction([
      gatherUpdate(window),
      named(CONDITIONS.unclaimed, {
        Put: {
          TableName: referralsTableName(),
          Item: processedRecord(consumer, eventId, 'done', now),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      }),
    ]);
    return 'gathered';
  } catch (error) {
    if (!(error instanceof ConditionsFailed)) throw error;
    if (error.failed.includes(CONDITIONS.unclaimed)) return 'claimed';
    if (error.failed.every((name) => name === CONDITIONS.nudgeWindow)) return 'window-moved';
    throw error;
  }
}

/** The follow-up's claim: what it is to say, kept from the moment its window closed until it is sent. */
export interface FollowUpClaim {
  readonly status: 'claimed' | 'done';
  readonly claimedAt: number;
  readonly mailbox: string;
  readonly queue: QueueId;
  readonly count: number;
}

/**
 * Closes `closed` with the count it holds and opens `next` in its place, and claims the follow-up (`consumer`, the
 * closed window's id) with that count, in one transaction; false when a nudge was gathered or the window moved on
 * since it was read (read again and retry).
 */
export function closeNudgeWindow(
  closed: NudgeWindow,
  next: NudgeWindow,
  consumer: string,
  now: Date,
): Promise<boolean> {
  const claim: FollowUpClaim = {
    status: 'claimed',
    claimedAt: now.getTime(),
    mailbox: closed.mailbox,
    queue: closed.queue,
    count: closed.gathered,
  };
  return unlessConditions(
    [
      named(CONDITIONS.nudgeWindow, {
        Put: {
          TableName: referralsTableName(),
          Item: windowItem(next),
          ConditionExpression: 'id = :id AND gathered = :count',
          ExpressionAttributeValues: { ':id': closed.id, ':count': closed.gathered },
        },
      }),
      named(CONDITIONS.followUpUnclaimed, {
        Put: {
          TableName: referralsTableName(),
          Item: {
            ...processedKey(consumer, closed.id),
            entity: 'processed',
            ...claim,
            expiresAt: Math.floor(now.getTime() / 1000) + RETAIN_SECONDS,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      }),
    ],
    [CONDITIONS.nudgeWindow, CONDITIONS.followUpUnclaimed],
  );
}

export async function getFollowUpClaim(
  consumer: string,
  windowId: string,
): Promise<FollowUpClaim | undefined> {
  const { pk, sk } = processedKey(consumer, windowId);
  const item = await getItem(referralsTableName(), pk, sk);
  return pick<FollowUpClaim>(item, ['status', 'claimedAt', 'mailbox', 'queue', 'count']);
}

/**
 * Takes over a follow-up whose attempt stopped before it was sent (crashed, or gave the claim up after a failure),
 * once its lease is older than `leaseMs`; false while another attempt may still be sending it.
 */
export function reclaimFollowUp(
  consumer: string,
  windowId: string,
  now: Date,
  leaseMs: number,
): Promise<boolean> {
  return updateIf({
    TableName: referralsTableName(),
    Key: processedKey(consumer, windowId),
    UpdateExpression: 'SET claimedAt = :now',
    ConditionExpression: '#status = :claimed AND claimedAt < :stale',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: {
      ':now': now.getTime(),
      ':claimed': 'claimed',
      ':stale': now.getTime() - leaseMs,
    },
  });
}
