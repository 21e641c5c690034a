// `pnpm start`: the whole platform on this machine. Data persists in .local/ between runs; `--fresh` starts empty,
// `--in-memory` keeps nothing. On an empty store the demo year is loaded in the background, in this process, at the
// times it happened (demo/load.ts) while the platform serves everyone else in real time (`--no-demo` skips it).
import { existsSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
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

/** Whether nothing listens on the port of 127.0.0.1 yet. */
const isFree = (port: number) =>
  new Promise<boolean>((done) => {
    const probe = createServer();
    probe.once('error', () => done(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => done(true)));
  });

// 3000 unless PORT says otherwise (PORT=0: a port the system picks); when another platform (or anything) has 3000, a
// free port, printed below.
const fixedPort = process.env.PORT ? Number(process.env.PORT) : undefined;
const dataDir = values['in-memory'] ? undefined : resolve(process.env.NRM_DATA_DIR ?? '.local');
const enginePort = (name: string) => (process.env[name] ? Number(process.env[name]) : undefined);

console.log('Starting DynamoDB Local, the SQS emulator, the API and the workers…');
const dynamodbPort = enginePort('NRM_DYNAMODB_PORT');
const sqsPort = enginePort('NRM_SQS_PORT');
const start = (port: number) =>
  startPlatform({
    port,
    // Free ports the system picks, unless set: a second platform on this machine never meets this one's engines.
    ...(dynamodbPort ? { dynamodbPort } : {}),
    ...(sqsPort ? { sqsPort } : {}),
    ...(dataDir ? { dataDir } : {}),
    fresh: values.fresh,
    logLevel: values.verbose ? 'DEBUG' : 'WARN',
    onWorkerError: (worker, error) => {
      if (values.verbose) console.error(`[${worker}]`, error instanceof Error ? error.message : error);
    },
  });
const taken = (error: unknown) => (error as { code?: string }).code === 'EADDRINUSE';
const platform = await (fixedPort !== undefined
  ? start(fixedPort).catch((error) => {
      if (taken(error)) console.error(`Port ${fixedPort} (PORT) is taken: choose another.`);
      throw error;
    })
  : start((await isFree(3000)) ? 3000 : 0).catch((error) => {
      // Two platforms starting at the same moment can both find 3000 free; the second takes another.
      if (taken(error)) return start(0);
      throw error;
    }));

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
  Outbox         ${u}/local/outbox   (notification e-mails)
  DynamoDB Local ${platform.endpoints.dynamodb}   (127.0.0.1 only; NRM_DYNAMODB_PORT to fix the port)
  SQS emulator   ${platform.endpoints.sqs}   (127.0.0.1 only; NRM_SQS_PORT to fix the port)
  Data           ${dataDir ? `${dataDir} (kept between runs; --fresh to wipe)` : 'in memory'}

  ${DEMO_IDENTITIES.length} demo identities, e.g. police-syd-system, coordinator-syd, child-coordinator-syd, national-coordinator.
  Ctrl-C stops everything.
`);

// Demo data: a year of referrals worked as a year of real work would be, once per store (demo/load.ts). The queues
// and the dashboard fill as it goes; the platform's clock is never moved, so everyone else gets real time meanwhile.
const demoMarker = dataDir ? join(dataDir, 'demo-loaded') : undefined;
if (!values['no-demo'] && !(demoMarker && existsSync(demoMarker))) {
  console.log('  Loading the demo year (a few hundred referrals) in the background…');
  const started = Date.now();
  platform.demo.start().then(
    (report) => {
      if (demoMarker) writeFileSync(demoMarker, new Date().toISOString());
      console.log(
        `  Demo year loaded in ${Math.round((Date.now() - started) / 1000)} s: ${report.referrals} referrals, ${report.referrals - report.open} closed, ${report.open} open in the queues.`,
      );
    },
    (error) => {
      if (!stopping) {
        console.error(
          `  The demo year did not load (${error instanceof Error ? error.message : error}); \`pnpm demo:generate\` tries again.`,
        );
      }
    },
  );
}

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
