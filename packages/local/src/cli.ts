// `pnpm start`: the whole platform on this machine. Data persists in .local/ between runs; `--fresh` starts empty,
// `--in-memory` keeps nothing. On an empty store the demo year is loaded through the API in the background
// (`--no-demo` skips it).
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEMO_IDENTITIES } from './identities';
import { startPlatform } from './platform';

const { values } = parseArgs({
  options: {
    fresh: { type: 'boolean', default: false },
    'in-memory': { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
    'no-demo': { type: 'boolean', default: false },
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

// Demo data: a realistic year of referrals, made through the public API (packages/local/src/demo-data.ts), once per
// store. It takes a minute or two and moves the platform's clock while it runs; the dashboard fills as it goes.
const demoMarker = dataDir ? join(dataDir, 'demo-loaded') : undefined;
let demo: ReturnType<typeof spawn> | undefined;
if (!values['no-demo'] && !(demoMarker && existsSync(demoMarker))) {
  console.log('  Loading the demo year (about 500 referrals) through the API in the background…');
  demo = spawn(
    process.execPath,
    [...process.execArgv, fileURLToPath(new URL('./demo-data.ts', import.meta.url)), '--url', platform.url],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  demo.stderr?.on('data', (chunk: Buffer) => {
    if (values.verbose) process.stderr.write(chunk);
  });
  demo.on('exit', (code) => {
    demo = undefined;
    if (code === 0) {
      if (demoMarker) writeFileSync(demoMarker, new Date().toISOString());
      console.log('  Demo data loaded: the queues and the national dashboard have a year to show.');
    } else if (!stopping) {
      console.error(`  The demo data did not load (exit ${code}); run \`pnpm demo:generate\` to try again.`);
    }
  });
}

let stopping = false;
const shutdown = async () => {
  if (stopping) return;
  stopping = true;
  console.log('Stopping…');
  demo?.kill();
  await platform.stop();
  process.exit(0);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
