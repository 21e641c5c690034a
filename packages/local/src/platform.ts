// The embedded local platform: both engines, the tables and queues, the API with the built-in issuer, and the same
// Lambda handlers fed by local event source mappings and a schedule. `pnpm start` and the test suites both use it.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { getRequestListener } from '@hono/node-server';
import { createApp } from '@nrm/api';
import { type RedriveReport, redriveDeadLetters } from '@nrm/messaging';
import { addUsage, LOCAL_AUDIT_SEAL_KEY, logger, resetUsage, usageSoFar } from '@nrm/runtime';
import { CALLBACK_PATH, createWebApp, localWebKey } from '@nrm/web';
import { type SqsConsumer, startConsumerThread } from './consumers';
import { type DemoOptions, type DemoReport, loadDemoYear } from './demo/load';
import { dynamoEngine, sqsEngine } from './engines';
import { DEMO_IDENTITIES, findIdentity } from './identities';
import { createIssuer, type LocalIssuer } from './issuer';
import { countUsage, functionsTriggeredBy } from './lambda';
import { createQueues, createTables, type ProvisionedQueue } from './provision';
import { localRoutes } from './routes';

export interface PlatformOptions {
  /** API port; 0 picks a free one. Default 3000. */
  readonly port?: number;
  /** Engine ports; absent or 0, the system picks free ones (the engines listen on 127.0.0.1 only). */
  readonly dynamodbPort?: number;
  readonly sqsPort?: number;
  /** Keep data here across runs; without it everything is in memory. */
  readonly dataDir?: string;
  /** Wipe dataDir first. */
  readonly fresh?: boolean;
  /** SQS visibility timeout for local queues, seconds (default: as deployed, 6 × the consumer timeout). */
  readonly visibilitySeconds?: number;
  /** Run the scheduled functions every this many milliseconds (default one minute, as EventBridge Scheduler). */
  readonly scheduleEveryMs?: number;
  readonly logLevel?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  /**
   * Run the local event-source mappings and the schedule (default). Off for suites that invoke handlers themselves,
   * e.g. the bundles CDK builds, so nothing else consumes what they produce.
   */
  readonly workers?: boolean;
  /**
   * Load the demo year once the platform serves (packages/local/src/demo): in the background, with the use cases in
   * this process, each action at its own time. Off by default.
   */
  readonly demo?: boolean | DemoOptions;
  /** Where worker errors go (a poller keeps retrying after each). */
  readonly onWorkerError?: (worker: string, error: unknown) => void;
}

export interface DemoLoad {
  /** The load under way or done; undefined until one is started. */
  readonly loading: Promise<DemoReport> | undefined;
  /** Starts a load (or answers the one under way). */
  start(options?: DemoOptions): Promise<DemoReport>;
}

export interface Platform {
  readonly url: string;
  readonly issuer: LocalIssuer;
  readonly queues: readonly ProvisionedQueue[];
  readonly endpoints: { readonly dynamodb: string; readonly sqs: string };
  readonly tablePrefix: string;
  /** Where notification e-mails are written (the local stand-in for SES). */
  readonly outboxDir: string;
  /** The SQS consumers, which run in the consumer thread (consumers.ts). */
  readonly sqsPollers: ReadonlyMap<string, SqsConsumer>;
  tokenFor(identityId: string): Promise<string>;
  /** Fault injection for the fault suites. */
  readonly faults: {
    stopSqs(): Promise<void>;
    startSqs(): Promise<void>;
    restartDynamo(): Promise<void>;
    stopDynamo(): Promise<void>;
    startDynamo(): Promise<void>;
    crashConsumer(functionName: string, afterRecords: number): void;
    duplicateDelivery(functionName: string, on: boolean): void;
  };
  /** Replays every dead-letter queue into its source (what `pnpm redrive` does). */
  redrive(): Promise<RedriveReport[]>;
  /** The demo year's load, while or after it runs (see PlatformOptions.demo). */
  readonly demo: DemoLoad;
  /** Runs every scheduled function once now (what the schedule does each minute). */
  runSchedule(): Promise<void>;
  stop(): Promise<void>;
}

const TABLE_PREFIX = 'nrm-local-';
const LOCAL_WEB_CLIENT = (url: string) => ({
  clientId: 'nrm-local-web',
  redirectUri: `${url}${CALLBACK_PATH}`,
  signOutUri: `${url}/sign-in`,
});
const REGION = 'eu-north-1';
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

export async function startPlatform(options: PlatformOptions = {}): Promise<Platform> {
  if (options.fresh && options.dataDir) rmSync(options.dataDir, { recursive: true, force: true });
  // The HTTP port is bound first and held: a port chosen beforehand and bound later could meanwhile go to one of the
  // engines, which ask the system for theirs. Until the platform is wired, the port answers 503.
  let listener: RequestListener = (_req, res) => {
    res.writeHead(503, { 'retry-after': '1' }).end();
  };
  const server = createServer((req, res) => listener(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 3000, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  const dataDir = options.dataDir;
  // E-mails stay with the data; an in-memory platform writes them to a fresh temporary folder.
  const outboxDir = dataDir ? join(dataDir, 'outbox') : mkdtempSync(join(tmpdir(), 'nrm-outbox-'));

  const dynamo = dynamoEngine({
    port: options.dynamodbPort ?? 0,
    ...(dataDir ? { dataDir: join(dataDir, 'dynamodb') } : {}),
  });
  const sqsServer = sqsEngine({
    port: options.sqsPort ?? 0,
    ...(dataDir ? { dataDir: join(dataDir, 'sqs') } : {}),
  });
  const started = await Promise.allSettled([dynamo.start(), sqsServer.start()]);
  const failed = started.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) {
    // One engine could not start: the other is not left running without a platform.
    await Promise.all([dynamo.stop(), sqsServer.stop()]);
    await new Promise<void>((resolve) => server.close(() => resolve()));
    throw failed.reason;
  }

  const dynamoClient = new DynamoDBClient({ endpoint: dynamo.endpoint, region: REGION, credentials });
  const sqsClient = new SQSClient({ endpoint: sqsServer.endpoint, region: REGION, credentials });

  const streamArns = await createTables(dynamoClient, TABLE_PREFIX);
  const queues = await createQueues(sqsClient, TABLE_PREFIX, options.visibilitySeconds);

  // The handlers read their configuration from the environment, exactly as in Lambda.
  Object.assign(process.env, {
    NRM_STAGE: 'local',
    AWS_REGION: REGION,
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    NRM_TABLE_PREFIX: TABLE_PREFIX,
    NRM_DYNAMODB_ENDPOINT: dynamo.endpoint,
    NRM_SQS_ENDPOINT: sqsServer.endpoint,
    // Each queue and its dead-letter queue (the redrive command reads both).
    NRM_QUEUE_URLS: JSON.stringify(
      Object.fromEntries(
        queues.flatMap((q) =>
          q.dlqUrl === q.url
            ? [[q.name, q.url]]
            : [
                [q.name, q.url],
                [`${q.name}-dlq`, q.dlqUrl],
              ],
        ),
      ),
    ),
    NRM_JWT_ISSUER: `${url}/local`,
    NRM_JWT_AUDIENCE: 'nrm-api',
    // A fixed local secret, so person keys stay stable across restarts of a persistent local store; AWS reads it
    // from Secrets Manager.
    NRM_PERSON_KEY_SECRET: process.env.NRM_PERSON_KEY_SECRET ?? 'local-person-key-secret-not-for-production',
    // Likewise the audit seal key: in AWS only the audit sealer and the verify command read it; locally the API runs
    // in the same process, so the local platform shows the mechanism, not the separation of roles.
    NRM_AUDIT_SEAL_KEY: process.env.NRM_AUDIT_SEAL_KEY ?? LOCAL_AUDIT_SEAL_KEY,
    NRM_JWKS_URL: `${url}/local/jwks.json`,
    LOG_LEVEL: options.logLevel ?? process.env.LOG_LEVEL ?? 'WARN',
    NRM_OUTBOX_DIR: outboxDir,
  });

  logger.setLogLevel(process.env.LOG_LEVEL as 'WARN');
  countUsage();
  const issuer = await createIssuer(`${url}/local`, dataDir);
  const onError = (worker: string) => (error: unknown) => options.onWorkerError?.(worker, error);

  // The consumers (the event source mappings and the schedule) run in a thread of their own, off the API's event
  // loop, as Lambda runs them apart from the API (consumers.ts).
  const consumers = await startConsumerThread(
    {
      region: REGION,
      endpoints: { dynamodb: dynamo.endpoint, sqs: sqsServer.endpoint },
      queues,
      streamArns,
      dataDir,
    },
    functionsTriggeredBy('sqs').map((fn) => fn.name),
    (worker, error) => options.onWorkerError?.(worker, error),
  );
  const sqsPollers = consumers.sqsConsumers;
  const runSchedule = () => consumers.runSchedule();
  // The minute's schedule: a consumer thread that has stopped is a worker error, not an unhandled rejection.
  const scheduleTick = () => void runSchedule().catch((error) => options.onWorkerError?.('schedule', error));

  const app = createApp({
    health: {
      checks: {
        database: async () => {
          await dynamoClient.send(new ListTablesCommand({ Limit: 1 }));
          return true;
        },
        queues: async () => {
          await Promise.all(
            queues.map((q) =>
              sqsClient.send(
                new GetQueueAttributesCommand({ QueueUrl: q.url, AttributeNames: ['QueueArn'] }),
              ),
            ),
          );
          return true;
        },
        workers: async () => running && consumers.alive,
      },
    },
    local: localRoutes(issuer, {
      outboxDir,
      // Asked for while the demo year loads, the schedule runs once the load is done, as the minute's schedule does.
      runSchedule: () =>
        demoRunning && demoLoading ? demoLoading.then(runSchedule, runSchedule) : runSchedule(),
      webClient: LOCAL_WEB_CLIENT(url),
      usage: async () => addUsage(usageSoFar(), await consumers.usage()),
      resetUsage: async () => {
        resetUsage();
        await consumers.resetUsage();
      },
      demo: {
        start: () => startDemo(),
        status: () => ({ loading: demoRunning, ...(demoReport ? { report: demoReport } : {}) }),
      },
    }),
  });
  // The web pages (packages/web), calling this same API in process. People sign in through the issuer's stand-in for
  // Cognito's hosted sign-in (the code path AWS runs) or, quicker, with the demo identity picker.
  const people = DEMO_IDENTITIES.filter((i) => i.kind === 'person');
  const tokenFor = async (id: string) => {
    const identity = findIdentity(id);
    return identity?.kind === 'person' ? issuer.tokenFor(identity) : undefined;
  };
  app.route(
    '/',
    createWebApp({
      api: app,
      key: localWebKey(dataDir),
      localTools: true,
      signIn: {
        picker: { identities: people, tokenFor },
        hosted: {
          issuer: issuer.issuer,
          domain: issuer.issuer,
          clientId: LOCAL_WEB_CLIENT(url).clientId,
          origin: url,
          scopes: 'openid',
          allowHttp: true,
        },
      },
    }),
  );
  listener = getRequestListener(app.fetch);

  let running = true;
  const workers = options.workers ?? true;
  if (workers) consumers.start();
  // The demo year is recorded at past times, its timers included (demo/load.ts): while it loads, the schedule waits,
  // so the sweeper never finds a past timer before the demo has recorded it at its own time. It runs as soon as the
  // load is done. A person's timers meanwhile are hours away (the earliest, a warning, at three hours).
  let demoLoading: Promise<DemoReport> | undefined;
  let demoRunning = false;
  let demoReport: DemoReport | undefined;
  const stopDemo = new AbortController();
  const startDemo = (demoOptions: DemoOptions = {}) => {
    if (demoRunning && demoLoading) return demoLoading;
    demoRunning = true;
    const router = sqsPollers.get('referral-router');
    demoLoading = loadDemoYear({
      ...demoOptions,
      signal: stopDemo.signal,
      ...(router && workers
        ? { whileRouterWaits: <T>(work: () => Promise<T>) => router.exclusive(work) }
        : {}),
    })
      .then((report) => {
        demoReport = report;
        return report;
      })
      .finally(() => {
        demoRunning = false;
        if (running && workers) scheduleTick();
      });
    // The webhook sender (issue 17) would fan out every past event of the year beside the demo's own writes, which
    // pushed DynamoDB Local past its 3 s limit on a loaded machine: it waits until the year is loaded, then catches up
    // (webhooks and feeds of what people do meanwhile come then too).
    const sender = sqsPollers.get('webhook-sender');
    if (sender && workers) void sender.exclusive(() => demoLoading!.catch(() => undefined));
    return demoLoading;
  };
  const scheduleTimer =
    functionsTriggeredBy('schedule').length && workers
      ? setInterval(() => {
          if (!demoRunning) scheduleTick();
        }, options.scheduleEveryMs ?? 60_000)
      : undefined;
  if (options.demo) {
    startDemo(options.demo === true ? {} : options.demo).catch((error) => onError('demo')(error));
  }

  return {
    url,
    issuer,
    queues,
    endpoints: { dynamodb: dynamo.endpoint, sqs: sqsServer.endpoint },
    tablePrefix: TABLE_PREFIX,
    outboxDir,
    sqsPollers,
    tokenFor(identityId) {
      const identity = DEMO_IDENTITIES.find((i) => i.id === identityId);
      if (!identity) throw new Error(`No demo identity ${identityId}`);
      return issuer.tokenFor(identity);
    },
    faults: {
      stopSqs: () => sqsServer.stop(),
      startSqs: () => sqsServer.start(),
      stopDynamo: () => dynamo.stop(),
      async startDynamo() {
        await dynamo.start();
        consumers.resetIterators();
      },
      async restartDynamo() {
        await dynamo.stop();
        await dynamo.start();
        consumers.resetIterators();
      },
      crashConsumer(name, afterRecords) {
        consumers.fault(name, { crashAfter: afterRecords });
      },
      duplicateDelivery(name, on) {
        consumers.fault(name, { duplicateDelivery: on });
      },
    },
    runSchedule,
    demo: {
      get loading() {
        return demoLoading;
      },
      start: startDemo,
    },
    redrive: () => redriveDeadLetters(),
    async stop() {
      running = false;
      stopDemo.abort();
      await demoLoading?.catch(() => undefined);
      if (scheduleTimer) clearInterval(scheduleTimer);
      await consumers.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.all([dynamo.stop(), sqsServer.stop()]);
      dynamoClient.destroy();
      sqsClient.destroy();
    },
  };
}
