// Named transaction outcomes (issue 19): DynamoDB reports a cancelled transaction's failed conditions by item index;
// the store reports them by the name each conditional item was written under, wherever the item sits, so no caller
// decodes positions. Against DynamoDB Local, on a table set of its own.
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '@nrm/runtime';
import {
  appendEvents,
  CONDITIONS,
  ConditionsFailed,
  type ExtraItem,
  ExtraItemConditionFailed,
  keys,
  named,
  referralsTableName,
  type TransactItem,
  VersionConflict,
  writeTransaction,
} from '@nrm/store';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ownTables } from '../support/own-tables';

const platform = inject('platform');
const prefix = `tx-${Date.now()}-`;
const tables = ownTables(platform, prefix);
let n = 0;

beforeAll(() => tables.open(), 60_000);
afterAll(() => tables.close());

/** A new item's put: its condition fails once the item exists. */
const newItem = (pk: string): TransactItem => ({
  Put: {
    TableName: referralsTableName(),
    Item: { pk, sk: 'TEST' },
    ConditionExpression: 'attribute_not_exists(pk)',
  },
});
const plain = (pk: string): TransactItem => ({
  Put: { TableName: referralsTableName(), Item: { pk, sk: 'TEST' } },
});
const fresh = () => keys.counter(`tx-${++n}`);

async function failure(items: readonly ExtraItem[]): Promise<unknown> {
  return writeTransaction(items).then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe('writeTransaction', () => {
  it('names the failed conditional items wherever they sit in the transaction', async () => {
    const taken = fresh();
    await writeTransaction([newItem(taken)]);
    for (const position of [0, 1, 2]) {
      const items: ExtraItem[] = [plain(fresh()), plain(fresh())];
      items.splice(position, 0, named(CONDITIONS.note, newItem(taken)));
      const error = await failure(items);
      expect(error, `at ${position}`).toBeInstanceOf(ConditionsFailed);
      expect((error as ConditionsFailed).failed).toEqual([CONDITIONS.note]);
      // The SDK's error stays as the cause.
      expect((error as ConditionsFailed).cause).toBeInstanceOf(TransactionCanceledException);
    }
  });

  it('lists every name that failed, once, and none that held', async () => {
    const takenA = fresh();
    const takenB = fresh();
    await writeTransaction([newItem(takenA), newItem(takenB)]);
    const error = await failure([
      named(CONDITIONS.idempotencyKey, newItem(fresh())),
      named(CONDITIONS.expectedTimer, newItem(takenA)),
      named(CONDITIONS.quota, newItem(takenB)),
    ]);
    expect((error as ConditionsFailed).failed).toEqual([CONDITIONS.expectedTimer, CONDITIONS.quota]);
  });

  it('writes nothing when a condition fails, and everything when none does', async () => {
    const taken = fresh();
    await writeTransaction([newItem(taken)]);
    const other = fresh();
    await failure([plain(other), named(CONDITIONS.note, newItem(taken))]);
    const read = (pk: string) =>
      dynamo().send(
        new GetCommand({ TableName: referralsTableName(), Key: { pk, sk: 'TEST' }, ConsistentRead: true }),
      );
    expect((await read(other)).Item).toBeUndefined();
    await writeTransaction([plain(other), named(CONDITIONS.note, newItem(fresh()))]);
    expect((await read(other)).Item).toBeDefined();
  });

  it("passes the SDK's error on when only an unnamed item's condition failed", async () => {
    const taken = fresh();
    await writeTransaction([newItem(taken)]);
    expect(await failure([named(CONDITIONS.note, newItem(fresh())), newItem(taken)])).toBeInstanceOf(
      TransactionCanceledException,
    );
  });
});

describe('appendEvents', () => {
  /** A referral's state item at `version`, as far as the state's index attributes read it. */
  async function referralAt(version: number) {
    const id = `tx-${++n}`;
    const state = {
      id,
      version,
      reference: `NRM-TX-${n}`,
      status: 'received',
      referrer: { organisationId: 'tx-org' },
      submittedAt: new Date().toISOString(),
    };
    await dynamo().send(
      new PutCommand({
        TableName: referralsTableName(),
        Item: { pk: keys.referral(id), sk: keys.state, version, state },
      }),
    );
    return state as never;
  }

  it('names the extra item whose condition failed, and reports a stale version as VersionConflict', async () => {
    const taken = fresh();
    await writeTransaction([newItem(taken)]);
    const state = await referralAt(3);
    const extra = [plain(fresh()), named(CONDITIONS.note, newItem(taken)), plain(fresh())];
    const failed = await appendEvents({ expectedVersion: 3, events: [], state, extra }).catch(
      (e: unknown) => e,
    );
    expect(failed).toBeInstanceOf(ExtraItemConditionFailed);
    expect((failed as ExtraItemConditionFailed).failed).toEqual([CONDITIONS.note]);
    const stale = await appendEvents({ expectedVersion: 2, events: [], state, extra }).catch(
      (e: unknown) => e,
    );
    expect(stale).toBeInstanceOf(VersionConflict);
  });
});
