// The store's ways of reading a partition and of writing on a condition, written once: every item of a query page
// after page, one page of a listing with its signed cursor, the first items of a partition, and a conditional write
// whose failed condition is an answer rather than an error.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import {
  GetCommand,
  PutCommand,
  type PutCommandInput,
  QueryCommand,
  type QueryCommandInput,
  ScanCommand,
  type ScanCommandInput,
  UpdateCommand,
  type UpdateCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { BadRequest } from '@nrm/domain/errors';
import { config, dynamo } from '@nrm/runtime';

// biome-ignore lint/suspicious/noExplicitAny: DynamoDB items are untyped; each caller reads the attributes it wrote.
export type Item = Record<string, any>;

/** One item by its key; read consistently unless `consistent` is false. */
export async function getItem(
  TableName: string,
  pk: string,
  sk: string,
  options: { readonly consistent?: boolean | undefined } = {},
): Promise<Item | undefined> {
  const { Item } = await dynamo().send(
    new GetCommand({
      TableName,
      Key: { pk, sk },
      ...(options.consistent === false ? {} : { ConsistentRead: true }),
    }),
  );
  return Item;
}

/** Every item a query matches, page after page, and the read capacity it consumed. */
export async function queryAll(input: Omit<QueryCommandInput, 'ExclusiveStartKey'>): Promise<{
  items: Item[];
  capacity: number;
}> {
  const items: Item[] = [];
  let capacity = 0;
  let ExclusiveStartKey: QueryCommandInput['ExclusiveStartKey'];
  do {
    const page = await dynamo().send(
      new QueryCommand({ ...input, ExclusiveStartKey, ReturnConsumedCapacity: 'TOTAL' }),
    );
    items.push(...(page.Items ?? []));
    capacity += page.ConsumedCapacity?.CapacityUnits ?? 0;
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return { items, capacity };
}

/** A whole table (or what its filter keeps), page after page: for rebuilds, checks and tools, never a request. */
export async function* scanPages(input: Omit<ScanCommandInput, 'ExclusiveStartKey'>): AsyncGenerator<Item[]> {
  let ExclusiveStartKey: ScanCommandInput['ExclusiveStartKey'];
  do {
    const page = await dynamo().send(new ScanCommand({ ...input, ExclusiveStartKey }));
    yield page.Items ?? [];
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
}

/** Every item of a partition whose sort key begins with `skPrefix` (all of it without one), read consistently. */
export async function readPartition(TableName: string, pk: string, skPrefix?: string): Promise<Item[]> {
  const { items } = await queryAll({
    TableName,
    KeyConditionExpression: skPrefix ? 'pk = :pk AND begins_with(sk, :sk)' : 'pk = :pk',
    ExpressionAttributeValues: { ':pk': pk, ...(skPrefix ? { ':sk': skPrefix } : {}) },
    ConsistentRead: true,
  });
  return items;
}

/** At most `limit` items of a partition, in sort-key order. */
export async function firstOfPartition(
  TableName: string,
  pk: string,
  limit: number,
  options: { readonly consistent?: boolean } = {},
): Promise<Item[]> {
  const { Items = [] } = await dynamo().send(
    new QueryCommand({
      TableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': pk },
      Limit: limit,
      ...(options.consistent ? { ConsistentRead: true } : {}),
    }),
  );
  return Items;
}

/**
 * One page of a listing: the query from the cursor on, at most `limit` items mapped by `map`, and the cursor of the
 * next page signed for the listing named `scope` (a cursor of another listing is refused).
 */
export async function queryPage<T>(
  input: Omit<QueryCommandInput, 'ExclusiveStartKey' | 'Limit'>,
  options: { readonly limit: number; readonly cursor?: string | undefined },
  scope: string,
  map: (item: Item) => T,
): Promise<Page<T>> {
  const start = decodeCursor(options.cursor, scope);
  const page = await dynamo().send(
    new QueryCommand({ ...input, Limit: options.limit, ...(start ? { ExclusiveStartKey: start } : {}) }),
  );
  return { items: (page.Items ?? []).map(map), nextCursor: encodeCursor(page.LastEvaluatedKey, scope) };
}

export const isConditionFailure = (error: unknown) =>
  (error as Error).name === 'ConditionalCheckFailedException';

/** A conditional write: true when it was made, false when its condition failed; any other failure propagates. */
async function writtenIf(write: Promise<unknown>): Promise<boolean> {
  try {
    await write;
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/** Puts one item if its condition holds: true when written, false when the condition failed. */
export const putIf = (input: PutCommandInput): Promise<boolean> =>
  writtenIf(dynamo().send(new PutCommand(input)));

/** Updates one item if its condition holds: true when written, false when the condition failed. */
export const updateIf = (input: UpdateCommandInput): Promise<boolean> =>
  writtenIf(dynamo().send(new UpdateCommand(input)));

export interface Page<T> {
  readonly items: T[];
  readonly nextCursor: string | null;
}

// Cursors are opaque and signed: the last key read, with an HMAC over it and the listing it belongs to, so a forged,
// altered or foreign cursor is refused (400) before it reaches the database.
const processCursorKey = randomBytes(32);

function cursorKey(): Buffer {
  const secret = config().personKeySecret;
  // Derived from the platform's secret so any instance accepts another's cursor; one process's own key otherwise.
  return secret ? createHmac('sha256', secret).update('nrm-cursor-v1').digest() : processCursorKey;
}

const signature = (scope: string, payload: string) =>
  createHmac('sha256', cursorKey()).update(`${scope}\n${payload}`).digest('base64url');

/** The cursor for the next page of the listing named `scope` (e.g. `queue:syd:adult`), or null at the end. */
export function encodeCursor(key: Record<string, unknown> | undefined, scope: string): string | null {
  if (!key) return null;
  const payload = Buffer.from(JSON.stringify(key)).toString('base64url');
  return `${payload}.${signature(scope, payload)}`;
}

/** The key a cursor of the listing `scope` carries; InvalidCursor if it was not made by this platform for it. */
export function decodeCursor(
  cursor: string | undefined,
  scope: string,
): QueryCommandInput['ExclusiveStartKey'] {
  if (!cursor) return undefined;
  const [payload, mac, ...rest] = cursor.split('.');
  if (!payload || !mac || rest.length) throw new InvalidCursor();
  const expected = Buffer.from(signature(scope, payload));
  const given = Buffer.from(mac);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new InvalidCursor();
  try {
    const key = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    if (typeof key !== 'object' || key === null || Array.isArray(key)) throw new InvalidCursor();
    return key;
  } catch {
    throw new InvalidCursor();
  }
}

/** A cursor that does not decode, or was made for another listing (HTTP 400). */
export class InvalidCursor extends BadRequest {
  override readonly name = 'InvalidCursor';
  constructor() {
    super('The cursor is not valid.');
  }
}
