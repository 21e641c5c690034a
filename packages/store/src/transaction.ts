// Transaction items with a named outcome. DynamoDB reports a cancelled transaction's failed conditions by item index;
// this is the one place that index is read: each conditional item carries the name of what its failure means, and a
// caller matches on names (`ExtraItemConditionFailed.failed`), never on where an item sits in the transaction.
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { config, countIndexesOf, dynamo } from '@nrm/runtime';
import { physicalTableName, TABLES } from './tables';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** What a failed condition of a transaction item means. */
export const CONDITIONS = {
  /** The state item still has the version the writer read (optimistic concurrency). */
  version: 'version',
  /** The request's Idempotency-Key is not reserved by another request. */
  idempotencyKey: 'idempotency-key',
  /** The timer the escalator acts on is still the one it read. */
  expectedTimer: 'expected-timer',
  /** A submission quota's counter has room. */
  quota: 'quota',
  /** A note's id is not taken. */
  note: 'note',
  /** A new audit chain is not begun yet. */
  auditChain: 'audit-chain',
  /** The event was not counted yet (the statistics' processed marker). */
  notCounted: 'not-counted',
  /** No attempt has claimed or finished the event yet (a consumer's processed record, processed.ts). */
  unclaimed: 'unclaimed',
  /** A mailbox's nudge window is still the one the notifier read (nudges.ts). */
  nudgeWindow: 'nudge-window',
  /** A follow-up's claim is not taken yet (nudges.ts). */
  followUpUnclaimed: 'follow-up-unclaimed',
} as const;

export type ConditionName = (typeof CONDITIONS)[keyof typeof CONDITIONS];

/** A conditional transaction item and the name its failure is reported under. */
export interface NamedItem {
  readonly condition: ConditionName;
  readonly item: TransactItem;
}

/** An item of a transaction: a plain one (no condition), or a conditional one with its name. */
export type ExtraItem = TransactItem | NamedItem;

export function named(condition: ConditionName, item: TransactItem): NamedItem {
  return { condition, item };
}

const isNamed = (item: ExtraItem): item is NamedItem => 'condition' in item && 'item' in item;

/** The items as DynamoDB takes them. */
export function itemsOf(items: readonly ExtraItem[]): TransactItem[] {
  return items.map((i) => (isNamed(i) ? i.item : i));
}

/** A transaction cancelled because conditions failed: the names of the items whose condition failed. */
export class ConditionsFailed extends Error {
  override readonly name = 'ConditionsFailed';
  constructor(
    readonly failed: readonly ConditionName[],
    options: { readonly cause: unknown },
  ) {
    super(`Transaction conditions failed: ${failed.join(', ')}`, options);
  }
}

/**
 * Writes the items in one transaction. When DynamoDB cancels it for failed conditions of named items, throws
 * `ConditionsFailed` with their names (the SDK's error as its cause); any other failure propagates as it is.
 */
export async function writeTransaction(items: readonly ExtraItem[]): Promise<void> {
  try {
    await dynamo().send(new TransactWriteCommand({ TransactItems: itemsOf(items) }));
  } catch (error) {
    if (!(error instanceof TransactionCanceledException)) throw error;
    const failed = (error.CancellationReasons ?? []).flatMap((reason, index) => {
      const item = items[index];
      return reason.Code === 'ConditionalCheckFailed' && item && isNamed(item) ? [item.condition] : [];
    });
    if (failed.length) throw new ConditionsFailed([...new Set(failed)], { cause: error });
    throw error;
  }
}

/**
 * When usage is counted (the benchmarks' local platform calls this at start), tells the counter each table's secondary
 * indexes: it counts a transaction's index writes from them, as DynamoDB Local does not report them per item. The
 * Lambda handlers never call it, so it stays out of their bundles.
 */
export function countIndexWrites(): void {
  for (const table of TABLES) {
    countIndexesOf(
      physicalTableName(config().tablePrefix, table),
      table.indexes.map((index) => ({
        keys: [index.partitionKey.name, ...(index.sortKey ? [index.sortKey.name] : [])],
        keysOnly: index.projection === 'KEYS_ONLY',
      })),
    );
  }
}
