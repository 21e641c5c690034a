// Local stand-in for Lambda's SQS event source mapping: long-polls a queue, hands the batch to the handler as a real
// SQSEvent, and deletes only the records the handler did not report as failed (ReportBatchItemFailures).
import {
  DeleteMessageBatchCommand,
  type Message,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { FunctionDefinition } from '@nrm/functions/catalogue';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { type AnyHandler, lambdaContext } from './lambda';
import { pollLoop } from './poll-loop';
import type { ProvisionedQueue } from './provision';

export interface PollerFaults {
  /** Crash the next invocation after it processed this many records: nothing of the batch is deleted. */
  crashAfter?: number;
  /** Hand every batch to the handler twice, as an at-least-once queue may. */
  duplicateDelivery?: boolean;
}

/** Long-poll wait of one receive; the emulator must answer a receive within this plus CALL_TIMEOUT_MS. */
const WAIT_SECONDS = 1;
/**
 * A call to the emulator that takes longer than this is abandoned and retried with backoff, so a stalled engine
 * delays the loop instead of holding it for good (the runtime's clients have the same rule, DEPENDENCY_LIMITS).
 */
const CALL_TIMEOUT_MS = 5000;
/** The pause between receives while a batching window gathers more. */
const GATHER_PAUSE_MS = 50;

export class SimulatedCrash extends Error {
  override readonly name = 'SimulatedCrash';
}

function toRecord(message: Message, queue: ProvisionedQueue): SQSRecord {
  const attributes = message.Attributes ?? {};
  return {
    messageId: message.MessageId!,
    receiptHandle: message.ReceiptHandle!,
    body: message.Body ?? '',
    attributes: {
      ApproximateReceiveCount: attributes.ApproximateReceiveCount ?? '1',
      SentTimestamp: attributes.SentTimestamp ?? String(Date.now()),
      SenderId: attributes.SenderId ?? 'local',
      ApproximateFirstReceiveTimestamp: attributes.ApproximateFirstReceiveTimestamp ?? String(Date.now()),
    },
    messageAttributes: Object.fromEntries(
      Object.entries(message.MessageAttributes ?? {}).map(([k, v]) => [
        k,
        {
          dataType: v.DataType ?? 'String',
          ...(v.StringValue !== undefined ? { stringValue: v.StringValue } : {}),
          stringListValues: [],
          binaryListValues: [],
        },
      ]),
    ),
    md5OfBody: message.MD5OfBody ?? '',
    eventSource: 'aws:sqs',
    eventSourceARN: queue.arn,
    awsRegion: 'eu-north-1',
  };
}

export class SqsPoller {
  private running = false;
  private loop: Promise<void> | undefined;
  private abort = new AbortController();
  readonly faults: PollerFaults = {};
  /** Batches handed to the handler; the fault suite reads it. */
  invocations = 0;
  /** Simulated crashes that happened. */
  crashes = 0;
  /** Batches and exclusive work take turns, in the order they asked. */
  private turn: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly client: SQSClient,
    private readonly fn: FunctionDefinition,
    private readonly queue: ProvisionedQueue,
    private readonly handler: AnyHandler,
    /** Records a batch may hold, and how long the first record may wait for more (Lambda's batching window). */
    private readonly batching: { readonly size: number; readonly windowSeconds: number },
    private readonly onError: (error: unknown) => void,
    /** Told whenever `invocations` or `crashes` change (the consumer thread reports them to the platform). */
    private readonly onCount: () => void = () => undefined,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.abort = new AbortController();
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.abort.abort();
    await this.loop;
  }

  /**
   * Runs `work` while this consumer handles no batch: a batch received meanwhile waits for it to end. The demo load
   * routes each of its past referrals itself, at its own time, inside one such turn, so the live router only ever
   * finds it routed (demo/load.ts).
   */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.turn.then(work);
    this.turn = run.catch(() => undefined);
    return run;
  }

  private run(): Promise<void> {
    return pollLoop(
      () => this.running,
      async () => {
        const Messages = await this.receiveBatch();
        if (Messages.length) {
          await this.exclusive(() => this.invoke(Messages.map((m) => toRecord(m, this.queue))));
        }
      },
      this.onError,
    );
  }

  /**
   * One batch as Lambda's event source mapping gathers it: a long poll for the first messages, then more receives
   * (SQS answers at most ten a call) until the batch is full or the window since the first one has passed.
   */
  private async receiveBatch(): Promise<Message[]> {
    const batch = await this.receive(Math.min(this.batching.size, 10), WAIT_SECONDS);
    const closesAt = Date.now() + this.batching.windowSeconds * 1000;
    while (batch.length && batch.length < this.batching.size && this.running) {
      const left = closesAt - Date.now();
      if (left <= 0) break;
      // Short receives while the window is open: a long poll could outlast it (its wait is whole seconds). A receive
      // that fails ends the gathering: the batch in hand is handled now, not left to its visibility timeout.
      const more = await this.receive(Math.min(this.batching.size - batch.length, 10), 0).catch(
        () => undefined,
      );
      if (!more) break;
      if (more.length) batch.push(...more);
      else await new Promise((r) => setTimeout(r, Math.min(GATHER_PAUSE_MS, left)));
    }
    return batch;
  }

  private async receive(max: number, waitSeconds: number): Promise<Message[]> {
    const { Messages } = await this.client.send(
      new ReceiveMessageCommand({
        QueueUrl: this.queue.url,
        MaxNumberOfMessages: max,
        WaitTimeSeconds: waitSeconds,
        MessageSystemAttributeNames: ['All'],
        MessageAttributeNames: ['All'],
      }),
      {
        abortSignal: AbortSignal.any([
          this.abort.signal,
          AbortSignal.timeout(WAIT_SECONDS * 1000 + CALL_TIMEOUT_MS),
        ]),
      },
    );
    return Messages ?? [];
  }

  private async invoke(records: SQSRecord[]): Promise<void> {
    this.invocations++;
    const crashAfter = this.faults.crashAfter;
    if (crashAfter !== undefined) {
      // A crashed Lambda returns nothing: the whole batch reappears after the visibility timeout.
      this.faults.crashAfter = undefined;
      this.crashes++;
      this.onCount();
      if (crashAfter > 0)
        await this.handler({ Records: records.slice(0, crashAfter) }, lambdaContext(this.fn));
      throw new SimulatedCrash(`${this.fn.name} crashed mid-batch`);
    }
    this.onCount();
    const event: SQSEvent = { Records: records };
    if (this.faults.duplicateDelivery) await this.handler(event, lambdaContext(this.fn));
    const response = ((await this.handler(event, lambdaContext(this.fn))) ?? {
      batchItemFailures: [],
    }) as SQSBatchResponse;
    const failed = new Set(response.batchItemFailures.map((f) => f.itemIdentifier));
    const done = records.filter((r) => !failed.has(r.messageId));
    // SQS deletes at most ten messages a call.
    for (let i = 0; i < done.length; i += 10) {
      await this.client.send(
        new DeleteMessageBatchCommand({
          QueueUrl: this.queue.url,
          Entries: done.slice(i, i + 10).map((r, k) => ({ Id: String(k), ReceiptHandle: r.receiptHandle })),
        }),
        { abortSignal: AbortSignal.timeout(CALL_TIMEOUT_MS) },
      );
    }
  }
}
