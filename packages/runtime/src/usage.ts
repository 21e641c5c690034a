// What the platform asks of AWS, counted, for the cost model of `pnpm bench` (tests/bench/cost.ts prices it). Off
// unless NRM_COUNT_USAGE=1 (the benchmarks' local platform sets it; never set in AWS): then every DynamoDB call asks for its consumed
// capacity and the units are added up, SQS and SES requests are counted by operation, and the local platform adds
// each function invocation with its duration. Counts only — no keys, no bodies, nothing about a referral.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { MiddlewareStack } from '@smithy/types';

export interface Usage {
  /** Requests by service and operation, e.g. `dynamodb.TransactWriteItems`, `sqs.SendMessageBatch`. */
  readonly requests: Record<string, number>;
  /** DynamoDB capacity the calls consumed (read and write request units, transactions at their double rate). */
  readonly dynamodb: { readUnits: number; writeUnits: number };
  /** The same units by the function that used them (`api` for the HTTP requests), to see where the cost is. */
  readonly dynamodbByFunction: Record<string, { readUnits: number; writeUnits: number }>;
  /** Messages handed to SES (or, locally, to the file outbox). */
  readonly emails: { messages: number };
  /** Function invocations and their summed duration, by catalogue name (filled in by the local platform). */
  readonly functions: Record<string, { invocations: number; durationMs: number; memoryMb: number }>;
}

const empty = (): Usage => ({
  requests: {},
  dynamodb: { readUnits: 0, writeUnits: 0 },
  dynamodbByFunction: {},
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
 * DynamoDB Local reports a transaction's items at the standard rate, where DynamoDB bills each at twice it
 * (tests/integration/usage.test.ts pins what Local reports). Counting runs only against the local engines (the
 * benchmarks' platform), so transactions are doubled here.
 */
const TRANSACTION_RATE = 2;

function addCapacity(operation: string, consumed: Capacity | readonly Capacity[] | undefined): void {
  const rate = operation.startsWith('Transact') ? TRANSACTION_RATE : 1;
  const name = invocation.getStore() ?? 'api';
  const own = usage.dynamodbByFunction[name] ?? { readUnits: 0, writeUnits: 0 };
  usage.dynamodbByFunction[name] = own;
  for (const c of [consumed ?? []].flat()) {
    let read = c.ReadCapacityUnits ?? 0;
    let write = c.WriteCapacityUnits ?? 0;
    if (!read && !write) {
      if (READS.test(operation)) read = c.CapacityUnits ?? 0;
      else write = c.CapacityUnits ?? 0;
    }
    for (const into of [usage.dynamodb, own]) {
      into.readUnits += read * rate;
      into.writeUnits += write * rate;
    }
  }
}

/** Adds the counting middleware to an SDK client's stack (a no-op unless counting is on). */
export function countUsageOf(
  service: 'dynamodb' | 'sqs' | 'ses' | 'secretsmanager',
  // biome-ignore lint/suspicious/noExplicitAny: any client's stack
  stack: MiddlewareStack<any, any>,
): void {
  if (!countingUsage()) return;
  stack.add(
    (next, context) => async (args) => {
      const command = String(context.commandName ?? 'Unknown');
      const input = args.input as Record<string, unknown>;
      if (service === 'dynamodb' && REPORTS_CAPACITY.has(command)) input.ReturnConsumedCapacity = 'TOTAL';
      const result = await next(args);
      countRequest(`${service}.${command.replace(/Command$/, '')}`);
      if (service === 'dynamodb') {
        const output = result.output as { ConsumedCapacity?: Capacity | Capacity[] };
        addCapacity(command.replace(/Command$/, ''), output.ConsumedCapacity);
      }
      return result;
    },
    { step: 'initialize', name: 'nrmCountUsage', override: true },
  );
}
