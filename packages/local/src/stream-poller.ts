// Local stand-in for Lambda's DynamoDB stream event source mapping: reads every shard of the table stream in order,
// hands records to the handler as a real DynamoDBStreamEvent, and on a reported failure retries from that record
// (ReportBatchItemFailures). Its position is checkpointed to a file when data persists, so a restart resumes.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import {
  type _Record,
  DescribeStreamCommand,
  type DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
} from '@aws-sdk/client-dynamodb-streams';
import type { FunctionDefinition } from '@nrm/functions/catalogue';
import { keys } from '@nrm/store/keys';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { type AnyHandler, lambdaContext } from './lambda';
import { pollLoop } from './poll-loop';

interface ShardCursor {
  iterator?: string;
  /** Last sequence number handed over successfully. */
  checkpoint?: string;
  finished: boolean;
}

function toLambdaRecord(record: _Record, streamArn: string): DynamoDBRecord {
  const d = record.dynamodb!;
  return {
    eventID: record.eventID!,
    eventName: record.eventName as DynamoDBRecord['eventName'],
    eventVersion: record.eventVersion ?? '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: 'eu-north-1',
    eventSourceARN: streamArn,
    dynamodb: {
      ApproximateCreationDateTime: d.ApproximateCreationDateTime
        ? Math.floor(d.ApproximateCreationDateTime.getTime() / 1000)
        : Math.floor(Date.now() / 1000),
      Keys: d.Keys as never,
      ...(d.NewImage ? { NewImage: d.NewImage as never } : {}),
      ...(d.OldImage ? { OldImage: d.OldImage as never } : {}),
      SequenceNumber: d.SequenceNumber!,
      SizeBytes: d.SizeBytes ?? 0,
      StreamViewType: d.StreamViewType as NonNullable<DynamoDBRecord['dynamodb']>['StreamViewType'],
    },
  };
}

/** The event source mapping's filter: only inserted event items reach the relay (infra/ sets the same filter). */
function isEventInsert(record: _Record): boolean {
  return record.eventName === 'INSERT' && (record.dynamodb?.Keys?.sk?.S ?? '').startsWith(keys.event.prefix);
}

/**
 * A stream call that takes longer than this is abandoned: the loop backs off and fetches fresh iterators, so a
 * stalled DynamoDB Local delays the relay instead of holding it for good.
 */
const CALL_TIMEOUT_MS = 5000;
const withinTimeout = () => ({ abortSignal: AbortSignal.timeout(CALL_TIMEOUT_MS) });

export class StreamPoller {
  private running = false;
  private loop: Promise<void> | undefined;
  private shards = new Map<string, ShardCursor>();
  private lastDescribe = 0;
  /** Failed attempts per stream sequence number, for the retry limit. */
  private readonly attempts = new Map<string, number>();

  constructor(
    private readonly client: DynamoDBStreamsClient,
    private readonly fn: FunctionDefinition,
    private streamArn: string,
    private readonly handler: AnyHandler,
    private readonly checkpointFile: string | undefined,
    private readonly onError: (error: unknown) => void,
    /** The on-failure destination: receives a record the handler failed on more than `maxRetries` times. */
    private readonly onFailure: (record: DynamoDBRecord) => Promise<void>,
    private readonly maxRetries: number,
  ) {
    if (checkpointFile && existsSync(checkpointFile)) {
      const saved = JSON.parse(readFileSync(checkpointFile, 'utf8')) as Record<string, ShardCursor>;
      for (const [id, cursor] of Object.entries(saved))
        this.shards.set(id, { ...cursor, iterator: undefined });
    }
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  /** After DynamoDB Local restarts, iterators are void; positions are kept and iterators fetched anew. */
  resetIterators(streamArn?: string): void {
    if (streamArn) this.streamArn = streamArn;
    for (const cursor of this.shards.values()) cursor.iterator = undefined;
    this.lastDescribe = 0;
  }

  private run(): Promise<void> {
    return pollLoop(
      () => this.running,
      async () => {
        if (!(await this.pollOnce())) await new Promise((r) => setTimeout(r, 100));
      },
      (error) => {
        this.onError(error);
        this.resetIterators();
      },
    );
  }

  private async describe(): Promise<void> {
    let ExclusiveStartShardId: string | undefined;
    do {
      const { StreamDescription } = await this.client.send(
        new DescribeStreamCommand({ StreamArn: this.streamArn, ExclusiveStartShardId }),
        withinTimeout(),
      );
      for (const shard of StreamDescription?.Shards ?? []) {
        if (!this.shards.has(shard.ShardId!)) this.shards.set(shard.ShardId!, { finished: false });
      }
      ExclusiveStartShardId = StreamDescription?.LastEvaluatedShardId;
    } while (ExclusiveStartShardId);
    this.lastDescribe = Date.now();
  }

  private async iteratorFor(shardId: string, cursor: ShardCursor): Promise<string | undefined> {
    const { ShardIterator } = await this.client.send(
      new GetShardIteratorCommand({
        StreamArn: this.streamArn,
        ShardId: shardId,
        ...(cursor.checkpoint
          ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: cursor.checkpoint }
          : { ShardIteratorType: 'TRIM_HORIZON' }),
      }),
      withinTimeout(),
    );
    return ShardIterator;
  }

  private async pollOnce(): Promise<boolean> {
    if (Date.now() - this.lastDescribe > 2000) await this.describe();
    let progressed = false;
    for (const [shardId, cursor] of this.shards) {
      if (cursor.finished) continue;
      cursor.iterator ??= await this.iteratorFor(shardId, cursor);
      if (!cursor.iterator) {
        cursor.finished = true;
        continue;
      }
      const { Records = [], NextShardIterator } = await this.client.send(
        new GetRecordsCommand({ ShardIterator: cursor.iterator, Limit: 100 }),
        withinTimeout(),
      );
      const relevant = Records.filter(isEventInsert);
      if (relevant.length > 0) {
        const event: DynamoDBStreamEvent = {
          Records: relevant.map((r) => toLambdaRecord(r, this.streamArn)),
        };
        const response = ((await this.handler(event, lambdaContext(this.fn))) ?? {
          batchItemFailures: [],
        }) as DynamoDBBatchResponse;
        const failedAt = response.batchItemFailures[0]?.itemIdentifier;
        if (failedAt) {
          const attempts = (this.attempts.get(failedAt) ?? 0) + 1;
          this.attempts.set(failedAt, attempts);
          const index = Records.findIndex((r) => r.dynamodb?.SequenceNumber === failedAt);
          if (attempts > this.maxRetries) {
            // As the event source mapping does after its retry limit: hand the record to the on-failure
            // destination and go on past it, so one bad record cannot hold up every later event.
            await this.onFailure(event.Records.find((r) => r.dynamodb?.SequenceNumber === failedAt)!);
            this.attempts.delete(failedAt);
            cursor.checkpoint = failedAt;
          } else {
            // Keep everything before the failed record; fetch a fresh iterator from just after it next time.
            const before = Records[index - 1]?.dynamodb?.SequenceNumber;
            if (before) cursor.checkpoint = before;
          }
          cursor.iterator = undefined;
          this.save();
          throw new Error(`${this.fn.name} reported a failed record (attempt ${attempts})`);
        }
        progressed = true;
      }
      const last = Records.at(-1)?.dynamodb?.SequenceNumber;
      if (last) {
        cursor.checkpoint = last;
        this.save();
      }
      cursor.iterator = NextShardIterator;
      if (!NextShardIterator) cursor.finished = true;
    }
    return progressed;
  }

  private save(): void {
    if (!this.checkpointFile) return;
    const plain = Object.fromEntries(
      [...this.shards].map(([id, c]) => [id, { checkpoint: c.checkpoint, finished: c.finished }]),
    );
    writeFileSync(this.checkpointFile, JSON.stringify(plain));
  }
}
