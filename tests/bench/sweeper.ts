// Benchmark of the SLA sweeper (issue 3, what it must show 5): its cost follows the number of DUE timers, not the
// number armed. Seeds DynamoDB Local with 100 000 armed timers (each a referral's timers item) of which 50 are due,
// runs the sweep the sla-sweeper runs, and prints the items it read (ScannedCount, ConsumedCapacity) and the time it
// took; a full scan is shown for comparison with COMPARE_SCAN=1. Run: `pnpm bench:sweeper` (TIMERS=…, DUE=…, PARALLEL=… to vary).
import { performance } from 'node:perf_hooks';
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ownDynamoEngine } from './support';

const TIMERS = Number(process.env.TIMERS ?? 100_000);
const DUE = Number(process.env.DUE ?? 50);
const PARALLEL = Number(process.env.PARALLEL ?? 16);
const PREFIX = 'nrm-bench-';

const engine = await ownDynamoEngine(PREFIX);
const { createTables } = await import('../../packages/local/src/provision');
const { referralsTableName, timersItem } = await import('@nrm/store');
const { sweepDueTimers } = await import('../../packages/usecases/src/sla');

const client = new DynamoDBClient({
  endpoint: engine.endpoint,
  region: 'eu-north-1',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
});
const documents = DynamoDBDocumentClient.from(client);

try {
  await createTables(client, PREFIX);
  const TableName = referralsTableName();
  const now = new Date();
  const MINUTE = 60_000;

  // Timers as the store writes them: the first DUE are due a minute ago, the rest within the next 30 days.
  const item = (i: number) =>
    timersItem(
      `BENCH${String(i).padStart(8, '0')}`,
      [
        {
          clockId: 'acknowledge-1',
          action: 'warn',
          step: 0,
          dueAt: new Date(
            i < DUE ? now.getTime() - MINUTE : now.getTime() + MINUTE + (i % (30 * 24 * 60)) * MINUTE,
          ).toISOString(),
        },
      ],
      now,
    );

  const seedStart = performance.now();
  let next = 0;
  const worker = async () => {
    for (;;) {
      const from = next;
      next += 25;
      if (from >= TIMERS) return;
      let requests = Array.from({ length: Math.min(25, TIMERS - from) }, (_, k) => ({
        PutRequest: { Item: item(from + k) },
      }));
      while (requests.length) {
        const { UnprocessedItems } = await documents.send(
          new BatchWriteCommand({ RequestItems: { [TableName]: requests } }),
        );
        requests = (UnprocessedItems?.[TableName] ?? []) as typeof requests;
      }
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  const seedSeconds = (performance.now() - seedStart) / 1000;
  console.log(
    `seeded ${TIMERS} armed timers (${DUE} due) in ${seedSeconds.toFixed(1)} s, ${PARALLEL} writers`,
  );

  const sweep = async (label: string) => {
    let emitted = 0;
    const start = performance.now();
    const result = await sweepDueTimers({
      now,
      emit: async (timers) => {
        emitted += timers.length;
      },
    });
    const ms = performance.now() - start;
    console.log(
      `${label}: sent ${emitted} due timers; read ${result.scanned} index items (ScannedCount over 8 shards), ` +
        `ConsumedCapacity ${result.consumedCapacity} RCU, ${ms.toFixed(0)} ms`,
    );
    return result;
  };
  const first = await sweep('sweep      ');
  // The same timers a minute later, still in flight to the escalator: read again, not sent again.
  await sweep('next minute');

  if (process.env.COMPARE_SCAN) {
    const scanStart = performance.now();
    let scanned = 0;
    let ExclusiveStartKey: Record<string, import('@aws-sdk/client-dynamodb').AttributeValue> | undefined;
    do {
      const page = await client.send(new ScanCommand({ TableName, Select: 'COUNT', ExclusiveStartKey }));
      scanned += page.ScannedCount ?? 0;
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    console.log(
      `for comparison, a scan of the table reads ${scanned} items in ${(performance.now() - scanStart).toFixed(0)} ms`,
    );
  } else {
    console.log('(COMPARE_SCAN=1 also times a full scan of the table, which reads every item)');
  }
  if (first.emitted !== DUE || first.scanned > DUE * 2) {
    console.error(
      `UNEXPECTED: the sweep sent ${first.emitted} and read ${first.scanned} for ${DUE} due timers`,
    );
    process.exitCode = 1;
  }
} finally {
  client.destroy();
  await engine.stop();
}
