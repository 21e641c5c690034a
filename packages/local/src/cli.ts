// `pnpm start`: the whole platform on this machine. Data persists in .local/ between runs; `--fresh` starts empty,
// `--in-memory` keeps nothing.
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEMO_IDENTITIES } from './identities';
import { startPlatform } from './platform';

const { values } = parseArgs({
  options: {
    fresh: { type: 'boolean', default: false },
    'in-memory': { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
  },
});

const port = Number(process.env.PORT ?? 3000);
const dataDir = values['in-memory'] ? undefined : resolve(process.env.NRM_DATA_DIR ?? '.local');

console.log('Starting DynamoDB Local, the SQS emulator, the API and the workers…');
const platform = await startPlatform({
  port,
  dynamodbPort: Number(process.env.NRM_DYNAMODB_PORT ?? 8000),
  sqsPort: Number(process.env.NRM_SQS_PORT ?? 4566),
  ...(dataDir ? { dataDir } : {}),
  fresh: values.fresh,
  logLevel: values.verbose ? 'DEBUG' : 'WARN',
  onWorkerError: (worker, error) => {
    if (values.verbose) console.error(`[${worker}]`, error instanceof Error ? error.message : error);
  },
});

// Where the running platform is, for local tools such as `pnpm audit:verify`.
if (dataDir) {
  writeFileSync(
    join(dataDir, 'platform.json'),
    JSON.stringify({
      url: platform.url,
      dynamodb: platform.endpoints.dynamodb,
      sqs: platform.endpoints.sqs,
      tablePrefix: platform.tablePrefix,
      queueUrls: JSON.parse(process.env.NRM_QUEUE_URLS ?? '{}'),
    }),
  );
}

const u = platform.url;
console.log(`
  NRM is running.

  Web            ${u}/   (the web pages: sign in with a demo identity)
  API            ${u}/v1
  Health         ${u}/health
  API docs       ${u}/docs   (OpenAPI: ${u}/openapi.json)
  Identities     ${u}/local/identities   (POST ${u}/local/token {"identity":"<id>"})
  Outbox         ${u}/local/outbox   (notification e-mails; clock: POST ${u}/local/clock {"advanceMs":n})
  DynamoDB Local ${platform.endpoints.dynamodb}
  SQS emulator   ${platform.endpoints.sqs}
  Data           ${dataDir ? `${dataDir} (kept between runs; --fresh to wipe)` : 'in memory'}

  ${DEMO_IDENTITIES.length} demo identities, e.g. police-syd-system, coordinator-syd, child-coordinator-syd, national-coordinator.
  Ctrl-C stops everything.
`);

let stopping = false;
const shutdown = async () => {
  if (stopping) return;
  stopping = true;
  console.log('Stopping…');
  await platform.stop();
  process.exit(0);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
