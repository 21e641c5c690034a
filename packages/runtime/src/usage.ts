// What the platform asks of AWS, counted, for the cost model of `pnpm bench` (tests/bench/cost.ts prices it). Off
// unless NRM_COUNT_USAGE=1 (the benchmarks' local platform sets it; never set in AWS): then every DynamoDB call asks for its consumed
// capacity and the units are added up, SQS and SES requests are counted by operation, and the local platform adds
// each function invocation with its duration. Counts only — no keys, no bodies, nothing about a referral.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { MiddlewareStack } from '@smithy/types';
import { type CountedService, onClientCreated, onEmailSent } from './client-hooks';

export interface Usage {
  /** Requests by service and operation, e.g. `dynamodb.TransactWriteItems`, `sqs.SendMessageBatch`. */
  readonly requests: Record<string, number>;
  /** DynamoDB capacity the calls consumed (read and write request units, transactions at their double rate). */
  readonly dynamodb: { readUnits: number; writeUnits: number };
  /** The same units by the function that used them (`api` for the HTTP requests), to see where the cost is. */
  readonly dynamodbByFunction: Record<string, { readUnits: number; writeUnits: number }>;
  /**
   * The items written, by function and kind of item (its `entity`, else its sort key's label): how many, their
   * summed size as DynamoDB counts it (attribute names and values; known for puts, the key alone for updates,
   * deletes and condition checks) and the units that size implies (1 a KB begun, twice in a transaction). An
   * estimate beside DynamoDB's own total, to see which items the units go to.
   */
  readonly dynamodbWrites: Record<string, Record<string, ItemWrites>>;
  /** Messages handed to SES (or, locally, to the file outbox). */
  readonly emails: { messages: number };
  /** Function invocations and their summed duration, by catalogue name (filled in by the local platform). */
  readonly functions: Record<string, { invocations: number; durationMs: number; memoryMb: number }>;
}

export interface ItemWrites {
  writes: number;
  bytes: number;
  units: number;
}

const empty = (): Usage => ({
  requests: {},
  dynamodb: { readUnits: 0, writeUnits: 0 },
  dynamodbByFunction: {},
  dynamodbWrites: {},
  emails: { messages: 0 },
  functions: {},
});

let usage: Usage = empty();
/** The function an invocation runs as, for the units it uses (the local platform sets it around each invocation). */
const invocation = new AsyncLocalStorage<string>();

/** Runs `work` as an invocation of the function, so the DynamoDB units it uses are counted to it. */
export function countingAs<T>(functionName: string, work: () => Promise<T>): Promise<T> {
  return countingUsage() ? invocation.run(functionName, work) : work();
}

export function countingUsage(): boolean {
  return process.env.NRM_COUNT_USAGE === '1';
}

export function usageSoFar(): Usage {
  return structuredClone(usage);
}

export function resetUsage(): void {
  usage = empty();
}

/** Two counts added up (the local platform's API thread and its consumer thread count apart). */
export function addUsage(a: Usage, b: Usage): Usage {
  const sum = structuredClone(a);
  for (const [name, n] of Object.entries(b.requests)) sum.requests[name] = (sum.requests[name] ?? 0) + n;
  sum.dynamodb.readUnits += b.dynamodb.readUnits;
  sum.dynamodb.writeUnits += b.dynamodb.writeUnits;
  for (const [name, u] of Object.entries(b.dynamodbByFunction)) {
    const into = sum.dynamodbByFunction[name] ?? { readUnits: 0, writeUnits: 0 };
    sum.dynamodbByFunction[name] = {
      readUnits: into.readUnits + u.readUnits,
      writeUnits: into.writeUnits + u.writeUnits,
    };
  }
  for (const [name, kinds] of Object.entries(b.dynamodbWrites)) {
    for (const [kind, w] of Object.entries(kinds)) addWrites(sum, name, kind, w);
  }
  sum.emails.messages += b.emails.messages;
  for (const [name, f] of Object.entries(b.functions)) {
    const into = sum.functions[name] ?? { invocations: 0, durationMs: 0, memoryMb: f.memoryMb };
    sum.functions[name] = {
      ...into,
      invocations: into.invocations + f.invocations,
      durationMs: into.durationMs + f.durationMs,
    };
  }
  return sum;
}

function countRequest(name: string, n = 1): void {
  usage.requests[name] = (usage.requests[name] ?? 0) + n;
}

export function countEmail(): void {
  if (!countingUsage()) return;
  countRequest('ses.SendEmail');
  usage.emails.messages++;
}

export function countInvocation(functionName: string, memoryMb: number, durationMs: number): void {
  if (!countingUsage()) return;
  const f = usage.functions[functionName] ?? { invocations: 0, durationMs: 0, memoryMb };
  usage.functions[functionName] = f;
  f.invocations++;
  f.durationMs += durationMs;
}

/** The DynamoDB operations that can report the capacity they consumed. */
const REPORTS_CAPACITY = new Set([
  'GetItemCommand',
  'PutItemCommand',
  'UpdateItemCommand',
  'DeleteItemCommand',
  'QueryCommand',
  'ScanCommand',
  'BatchGetItemCommand',
  'BatchWriteItemCommand',
  'TransactGetItemsCommand',
  'TransactWriteItemsCommand',
]);

interface Capacity {
  readonly CapacityUnits?: number;
  readonly ReadCapacityUnits?: number;
  readonly WriteCapacityUnits?: number;
}

const READS = /^(Get|Query|Scan|BatchGet|TransactGet)/;

/**
 * DynamoDB bills each item of a transaction at twice the standard rate. A transactional read is doubled from what
 * DynamoDB Local reports; a transaction's writes are counted item by item (`transactionWrites`), as Local reports
 * them wrongly. Counting runs only against the local engines (the benchmarks' platform).
 */
const TRANSACTION_RATE = 2;

function ownUnits(): { readUnits: number; writeUnits: number } {
  const name = invocation.getStore() ?? 'api';
  const own = usage.dynamodbByFunction[name] ?? { readUnits: 0, writeUnits: 0 };
  usage.dynamodbByFunction[name] = own;
  return own;
}

function addWriteUnits(units: number): void {
  for (const into of [usage.dynamodb, ownUnits()]) into.writeUnits += units;
}

/** Adds what DynamoDB reported a call consumed; answers the units added. */
function addCapacity(
  operation: string,
  consumed: Capacity | readonly Capacity[] | undefined,
): { read: number; write: number } {
  const rate = operation.startsWith('Transact') ? TRANSACTION_RATE : 1;
  const own = ownUnits();
  const added = { read: 0, write: 0 };
  for (const c of [consumed ?? []].flat()) {
    let read = c.ReadCapacityUnits ?? 0;
    let write = c.WriteCapacityUnits ?? 0;
    if (!read && !write) {
      if (READS.test(operation)) read = c.CapacityUnits ?? 0;
      else write = c.CapacityUnits ?? 0;
    }
    added.read += read * rate;
    added.write += write * rate;
  }
  for (const into of [usage.dynamodb, own]) {
    into.readUnits += added.read;
    into.writeUnits += added.write;
  }
  return added;
}

/**
 * An item's size as DynamoDB counts it for capacity: each attribute's name and value, a string by its UTF-8 bytes,
 * a number by about one byte per two digits plus one, a binary by its bytes, a boolean or null one byte, a map or
 * list three bytes plus one a member (and each member's name and value).
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html
 */
export function itemSize(item: Readonly<Record<string, unknown>>): number {
  let size = 0;
  for (const [name, value] of Object.entries(item)) {
    if (value === undefined) continue;
    size += Buffer.byteLength(name) + valueSize(value);
  }
  return size;
}

function valueSize(value: unknown): number {
  if (typeof value === 'string') return Buffer.byteLength(value);
  if (typeof value === 'number' || typeof value === 'bigint') {
    const digits = String(value)
      .replace(/^-|\.|e.*$/g, '')
      .replace(/^0+/, '').length;
    return Math.ceil(digits / 2) + 1;
  }
  if (typeof value === 'boolean' || value === null) return 1;
  if (value instanceof Uint8Array) return value.byteLength;
  if (value instanceof Set) return [...value].reduce((n: number, v) => n + valueSize(v), 0);
  if (Array.isArray(value))
    return 3 + value.reduce((n: number, v) => n + (v === undefined ? 0 : 1 + valueSize(v)), 0);
  if (typeof value === 'object')
    return 3 + itemSize(value as Record<string, unknown>) + Object.keys(value).length;
  return 0;
}

/**
 * The kind of an item, for the breakdown: its `entity`, else the label its sort key begins with (`TIMER#…` →
 * `TIMER`). Never an id: a label longer than a key label (a ULID, a hash) is counted as `other`.
 */
function kindOf(item: Readonly<Record<string, unknown>> | undefined): string {
  if (!item) return 'unknown';
  if (typeof item.entity === 'string') return item.entity;
  const sk = typeof item.sk === 'string' ? item.sk : typeof item.pk === 'string' ? item.pk : '';
  const label = sk.split(/[#:|]/)[0]!;
  return /^[A-Za-z0-9-]{1,20}$/.test(label) ? label : 'other';
}

/** A secondary index as the counter needs it: the attributes that put an item in it, and whether it projects keys only. */
export interface CountedIndex {
  readonly keys: readonly string[];
  readonly keysOnly: boolean;
}

const tableIndexes = new Map<string, readonly CountedIndex[]>();

/** Tells the counter a table's secondary indexes (the store does, from its table definitions), by physical name. */
export function countIndexesOf(tableName: string, indexes: readonly CountedIndex[]): void {
  tableIndexes.set(tableName, indexes);
}

type WriteRequest = {
  readonly TableName?: string;
  readonly Item?: Record<string, unknown>;
  readonly Key?: Record<string, unknown>;
  readonly ExpressionAttributeValues?: Record<string, unknown>;
};

interface ItemWrite {
  readonly kind: string;
  readonly bytes: number;
  units: number;
}

const kbUnits = (bytes: number) => Math.max(1, Math.ceil(bytes / 1024));

/**
 * A transaction's write units, item by item, as DynamoDB bills them: twice each item's (`writeOf`), and one a KB for
 * each secondary index a put item appears in (one for a keys-only index).
 * Counted here because DynamoDB Local's report of a transaction does not follow its items (five small items: 2 units;
 * tests/integration/usage.test.ts pins it). A cancelled transaction is not counted. A put that moves an item's index key also deletes the old
 * index entry (one unit more); that is not counted, as the old item is not read.
 */
function transactionWrites(input: Record<string, unknown>): ItemWrite[] {
  return ((input.TransactItems ?? []) as Record<string, WriteRequest>[]).flatMap((t) =>
    Object.entries(t).map(([verb, r]): ItemWrite => {
      const write = writeOf(verb, r);
      const item = r.Item;
      const indexUnits =
        verb === 'Put' && item
          ? (tableIndexes.get(r.TableName ?? '') ?? [])
              .filter((index) => index.keys.every((k) => item[k] !== undefined))
              .reduce((n, index) => n + (index.keysOnly ? 1 : kbUnits(write.bytes)), 0)
          : 0;
      return { ...write, units: write.units * TRANSACTION_RATE + indexUnits };
    }),
  );
}

/**
 * One item a request writes, at the standard rate: a put by its item's size, an update by its key and new values (a
 * lower bound when it changes a larger item), a delete or a condition check one unit.
 */
function writeOf(verb: string, r: WriteRequest): ItemWrite {
  if (verb === 'Put' && r.Item) {
    const bytes = itemSize(r.Item);
    return { kind: kindOf(r.Item), bytes, units: kbUnits(bytes) };
  }
  const bytes = itemSize(r.Key ?? {}) + (verb === 'Update' ? itemSize(r.ExpressionAttributeValues ?? {}) : 0);
  return {
    kind: `${kindOf(r.Key)} (${verb === 'ConditionCheck' ? 'check' : verb.toLowerCase()})`,
    bytes,
    units: verb === 'Update' ? kbUnits(bytes) : 1,
  };
}

/** The items a single or batch write carries; their units are what DynamoDB reports, or estimated in a batch. */
function plainWrites(operation: string, input: Record<string, unknown>): ItemWrite[] {
  if (operation !== 'BatchWriteItem') return [writeOf(operation.replace(/Item$/, ''), input as WriteRequest)];
  return Object.values((input.RequestItems ?? {}) as Record<string, Record<string, WriteRequest>[]>)
    .flat()
    .flatMap((w) => Object.entries(w).map(([verb, r]) => writeOf(verb.replace(/Request$/, ''), r)));
}

/** Adds writes of one kind of item to a count's breakdown. */
function addWrites(into: Usage, functionName: string, kind: string, w: ItemWrites): void {
  const kinds = into.dynamodbWrites[functionName] ?? {};
  into.dynamodbWrites[functionName] = kinds;
  const sum = kinds[kind] ?? { writes: 0, bytes: 0, units: 0 };
  kinds[kind] = { writes: sum.writes + w.writes, bytes: sum.bytes + w.bytes, units: sum.units + w.units };
}

function addItemWrites(writes: readonly ItemWrite[]): void {
  const name = invocation.getStore() ?? 'api';
  for (const w of writes) addWrites(usage, name, w.kind, { writes: 1, bytes: w.bytes, units: w.units });
}

const WRITES = /^(Put|Update|Delete|BatchWrite)/;

/**
 * Counts what every client created from now on asks of AWS, and every e-mail sent, when counting is on. The local platform calls it in each
 * of its threads; the Lambda handlers never do, so this module's counting code stays out of their bundles.
 */
export function countSdkUsage(): void {
  if (!countingUsage()) return;
  onClientCreated(countUsageOf);
  onEmailSent(countEmail);
}

/** Adds the counting middleware to an SDK client's stack (a no-op unless counting is on). */
export function countUsageOf(
  service: CountedService,
  // biome-ignore lint/suspicious/noExplicitAny: any client's stack
  stack: MiddlewareStack<any, any>,
): void {
  if (!countingUsage()) return;
  stack.add(
    (next, context) => async (args) => {
      const command = String(context.commandName ?? 'Unknown');
      const input = args.input as Record<string, unknown>;
      if (service === 'dynamodb' && REPORTS_CAPACITY.has(command)) input.ReturnConsumedCapacity = 'TOTAL';
      // Read before the call: the document client's items are still plain values here (it marshals them later).
      const operation = command.replace(/Command$/, '');
      const transaction = service === 'dynamodb' && operation === 'TransactWriteItems';
      const writes = transaction
        ? transactionWrites(input)
        : service === 'dynamodb' && WRITES.test(operation)
          ? plainWrites(operation, input)
          : [];
      let result: Awaited<ReturnType<typeof next>>;
      try {
        result = await next(args);
      } catch (error) {
        // A write whose condition failed is billed as a write of its item all the same (DynamoDB Local reports
        // nothing for it): counted at the item's size as the request carries it.
        if ((error as Error).name === 'ConditionalCheckFailedException' && writes.length === 1) {
          countRequest(`${service}.${operation}`);
          addWriteUnits(writes[0]!.units);
          addItemWrites(writes.map((w) => ({ ...w, kind: `${w.kind}, condition failed` })));
        }
        throw error;
      }
      countRequest(`${service}.${operation}`);
      if (transaction) {
        addWriteUnits(writes.reduce((n, w) => n + w.units, 0));
      } else if (service === 'dynamodb') {
        const output = result.output as { ConsumedCapacity?: Capacity | Capacity[] };
        const reported = addCapacity(operation, output.ConsumedCapacity);
        // One item: what DynamoDB reported for it, its indexes included.
        if (writes.length === 1 && reported.write) writes[0]!.units = reported.write;
      }
      addItemWrites(writes);
      return result;
    },
    { step: 'initialize', name: 'nrmCountUsage', override: true },
  );
}
