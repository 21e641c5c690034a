// Issue 5, what it must show 3: the bundles CDK builds — not the source — loaded in a fresh Node 22 process with the
// function's own environment pointed at the local engines, and invoked with real event shapes: an API Gateway v2
// request, a DynamoDB stream batch, an SQS batch and a scheduled event. The platform runs without its workers here,
// so what happens is the bundles' doing.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { type Platform, startPlatform } from '@nrm/local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Bundle, canBundle, loadEnvironment, synthesizeBundles } from '../../infra/lib/bundles';
import { CDK_CONTEXT } from '../../infra/test/support';
import { dynamoClient, sqsClient } from '../support/aws';
import { adultReferral } from '../support/fixtures';

const outdir = mkdtempSync(join(tmpdir(), 'nrm-built-'));
const runner = join(outdir, 'invoke.mjs');
let platform: Platform;
let bundles: Bundle[] = [];

beforeAll(async () => {
  platform = await startPlatform({ port: 0, workers: false, logLevel: 'ERROR' });
  if (canBundle()) bundles = synthesizeBundles({ outdir, context: { ...CDK_CONTEXT, env: 'dev' } });
  // Loads one bundle and invokes its handler once, as the Lambda runtime would.
  writeFileSync(
    runner,
    `const [file, event] = process.argv.slice(2);
const { handler } = await import(file);
const context = { awsRequestId: 'local', functionName: 'bundle', getRemainingTimeInMillis: () => 30000 };
const result = await handler(JSON.parse(event), context);
process.stdout.write(JSON.stringify(result ?? null));`,
  );
}, 300_000);

afterAll(async () => {
  await platform?.stop();
  rmSync(outdir, { recursive: true, force: true });
});

/** Async, so this process keeps serving the JWKS and the SQS emulator the bundle talks to. */
async function invoke(name: string, event: unknown): Promise<unknown> {
  const bundle = bundles.find((b) => b.name === name)!;
  const env = loadEnvironment(bundle, {
    NRM_STAGE: 'local',
    NRM_TABLE_PREFIX: platform.tablePrefix,
    NRM_DYNAMODB_ENDPOINT: platform.endpoints.dynamodb,
    NRM_SQS_ENDPOINT: platform.endpoints.sqs,
    NRM_QUEUE_URLS: process.env.NRM_QUEUE_URLS!,
    NRM_JWT_ISSUER: process.env.NRM_JWT_ISSUER!,
    NRM_JWT_AUDIENCE: process.env.NRM_JWT_AUDIENCE!,
    NRM_JWKS_URL: process.env.NRM_JWKS_URL!,
    NRM_OUTBOX_DIR: join(outdir, 'outbox'),
    LOG_LEVEL: 'ERROR',
  });
  const result = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [runner, pathToFileURL(bundle.file).href, JSON.stringify(event)], {
      env,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
  expect(result.code, `${name}: ${result.stderr}`).toBe(0);
  return JSON.parse(result.stdout);
}

/** An API Gateway HTTP API (payload 2.0) request. */
function httpEvent(method: string, path: string, token: string, body?: unknown) {
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: '',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      host: 'api.nrm.example.se',
      'x-forwarded-proto': 'https',
    },
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: 'api.nrm.example.se',
      domainPrefix: 'api',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'test' },
      requestId: crypto.randomUUID(),
      routeKey: '$default',
      stage: '$default',
      time: new Date().toUTCString(),
      timeEpoch: Date.now(),
    },
    ...(body !== undefined
      ? { body: JSON.stringify(body), isBase64Encoded: false }
      : { isBase64Encoded: false }),
  };
}

describe.skipIf(!canBundle())('the built bundles against the local engines', () => {
  it('take a referral through API → stream relay → router, and the sweeper runs on its schedule event', async () => {
    const police = await platform.tokenFor('police-syd-system');
    const created = (await invoke('api', httpEvent('POST', '/v1/referrals', police, adultReferral()))) as {
      statusCode: number;
      body: string;
    };
    expect(created.statusCode, created.body).toBe(201);
    const { id } = JSON.parse(created.body) as { id: string };

    // The stream record Lambda would get for the received event's item.
    const db = dynamoClient(platform.endpoints);
    const { Item } = await db.send(
      new GetItemCommand({
        TableName: `${platform.tablePrefix}referrals`,
        Key: { pk: { S: `REFERRAL#${id}` }, sk: { S: 'EVENT#00000001' } },
      }),
    );
    const streamEvent = {
      Records: [
        {
          eventID: '1',
          eventName: 'INSERT',
          eventVersion: '1.1',
          eventSource: 'aws:dynamodb',
          awsRegion: 'eu-north-1',
          eventSourceARN: 'arn:aws:dynamodb:eu-north-1:000000000000:table/nrm-local-referrals/stream/local',
          dynamodb: {
            ApproximateCreationDateTime: Math.floor(Date.now() / 1000),
            Keys: { pk: Item!.pk, sk: Item!.sk },
            NewImage: Item,
            SequenceNumber: '100000000000000000001',
            SizeBytes: 1000,
            StreamViewType: 'NEW_IMAGE',
          },
        },
      ],
    };
    expect(await invoke('outbox-relay', streamEvent)).toEqual({ batchItemFailures: [] });

    // What the relay sent, as the SQS event source mapping would hand it to the router.
    const routing = platform.queues.find((q) => q.name === 'referral-routing')!;
    const { Messages = [] } = await sqsClient(platform.endpoints).send(
      new ReceiveMessageCommand({
        QueueUrl: routing.url,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 2,
        MessageSystemAttributeNames: ['All'],
      }),
    );
    const message = Messages.find((m) => m.Body?.includes(id));
    expect(message).toBeDefined();
    const sqsEvent = {
      Records: [
        {
          messageId: message!.MessageId,
          receiptHandle: message!.ReceiptHandle,
          body: message!.Body,
          attributes: {
            ApproximateReceiveCount: '1',
            SentTimestamp: String(Date.now()),
            SenderId: 'local',
            ApproximateFirstReceiveTimestamp: String(Date.now()),
          },
          messageAttributes: {},
          md5OfBody: message!.MD5OfBody,
          eventSource: 'aws:sqs',
          eventSourceARN: routing.arn,
          awsRegion: 'eu-north-1',
        },
      ],
    };
    expect(await invoke('referral-router', sqsEvent)).toEqual({ batchItemFailures: [] });

    const national = await platform.tokenFor('national-coordinator');
    const read = (await invoke('api', httpEvent('GET', `/v1/referrals/${id}`, national))) as {
      statusCode: number;
      body: string;
    };
    expect(read.statusCode).toBe(200);
    expect(JSON.parse(read.body)).toMatchObject({ status: 'routed', route: { queue: 'stockholm:adult' } });

    const scheduled = {
      version: '0',
      id: crypto.randomUUID(),
      'detail-type': 'Scheduled Event',
      source: 'aws.scheduler',
      account: '000000000000',
      time: new Date().toISOString(),
      region: 'eu-north-1',
      resources: ['arn:aws:scheduler:eu-north-1:000000000000:schedule/default/nrm-dev-sla-sweeper'],
      detail: {},
    };
    await invoke('sla-sweeper', scheduled);
    await invoke('retention-purge', scheduled);
  }, 180_000);
});
