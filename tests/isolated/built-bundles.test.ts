// Issue 5, what it must show 3: the bundles CDK builds — not the source — loaded in a fresh Node 22 process with the
// function's own environment pointed at the local engines, and invoked with real event shapes: an API Gateway v2
// request, a DynamoDB stream batch, an SQS batch and a scheduled event. The platform runs without its workers here,
// so what happens is the bundles' doing. Secrets come from a stand-in speaking the Secrets Manager protocol
// (tests/support/secrets-manager.ts), and the web's hosted sign-in goes to the local issuer, which serves Cognito's
// endpoints: neither Secrets Manager nor Cognito can run here. Where an e-mail goes to SES, a stand-in server takes it
// (tests/support/ses.ts): no local engine speaks SES either.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { type Platform, startPlatform } from '@nrm/local';
import { ReferralRequest } from '@nrm/schemas';
import { getNudgeWindow, verifyAllTrails } from '@nrm/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Bundle, canBundle, loadEnvironment, synthesizeBundles } from '../../infra/lib/bundles';
import { CDK_CONTEXT } from '../../infra/test/support';
import { fieldErrors } from '../../packages/api/src/problem';
import { dynamoClient, sqsClient } from '../support/aws';
import { adultReferral } from '../support/fixtures';
import type { Schema } from '../support/http';
import { type SecretsManagerStandIn, secretsManagerStandIn } from '../support/secrets-manager';
import { authorization, expectedSignature, type SesStandIn, sesStandIn } from '../support/ses';

const outdir = mkdtempSync(join(tmpdir(), 'nrm-built-'));
const runner = join(outdir, 'invoke.mjs');
let platform: Platform;
let bundles: Bundle[] = [];
let secrets: SecretsManagerStandIn;
let ses: SesStandIn;
// The ARNs the bundles find in their environment (the plausible values of infra/lib/bundles.ts).
const PERSON_KEY_ARN = 'arn:aws:secretsmanager:eu-north-1:000000000000:secret:nrm-dev-person-key-AbCdEf';
const WEB_KEY_ARN = 'arn:aws:secretsmanager:eu-north-1:000000000000:secret:nrm-dev-web-key-AbCdEf';
const AUDIT_SEAL_KEY_ARN =
  'arn:aws:secretsmanager:eu-north-1:000000000000:secret:nrm-dev-audit-seal-key-AbCdEf';
const AUDIT_SEAL_KEY = 'GeneratedAuditSealKeyOf64CharactersAbcdefghijklmnopqrstuvwxyz0123';

beforeAll(async () => {
  platform = await startPlatform({ port: 0, workers: false, logLevel: 'ERROR' });
  secrets = await secretsManagerStandIn({
    [PERSON_KEY_ARN]: 'GeneratedPersonKeySecretOf64CharactersAbcdefghijklmnopqrstuvwxyz0',
    [WEB_KEY_ARN]: 'GeneratedWebKeySecretOf64CharactersAbcdefghijklmnopqrstuvwxyz0123',
    [AUDIT_SEAL_KEY_ARN]: AUDIT_SEAL_KEY,
  });
  ses = await sesStandIn();
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
  await secrets?.stop();
  await ses?.stop();
  rmSync(outdir, { recursive: true, force: true });
});

/**
 * Async, so this process keeps serving the JWKS and the SQS emulator the bundle talks to. `extra` wins over the
 * local values (an empty NRM_OUTBOX_DIR sends e-mail to SES, as in AWS).
 */
async function invoke(name: string, event: unknown, extra: Record<string, string> = {}): Promise<unknown> {
  const bundle = bundles.find((b) => b.name === name)!;
  const env = loadEnvironment(bundle, {
    NRM_SECRETS_MANAGER_ENDPOINT: secrets.endpoint,
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
    ...extra,
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

/** The DynamoDB stream batch Lambda would hand the relay for one event item of a referral. */
async function streamEventOf(referralId: string, seq: number) {
  const { Item } = await dynamoClient(platform.endpoints).send(
    new GetItemCommand({
      TableName: `${platform.tablePrefix}referrals`,
      Key: { pk: { S: `REFERRAL#${referralId}` }, sk: { S: `EVENT#${String(seq).padStart(8, '0')}` } },
    }),
  );
  expect(Item, `event ${seq} of ${referralId}`).toBeDefined();
  return {
    Records: [
      {
        eventID: String(seq),
        eventName: 'INSERT',
        eventVersion: '1.1',
        eventSource: 'aws:dynamodb',
        awsRegion: 'eu-north-1',
        eventSourceARN: 'arn:aws:dynamodb:eu-north-1:000000000000:table/nrm-local-referrals/stream/local',
        dynamodb: {
          ApproximateCreationDateTime: Math.floor(Date.now() / 1000),
          Keys: { pk: Item!.pk, sk: Item!.sk },
          NewImage: Item,
          SequenceNumber: `10000000000000000000${seq}`,
          SizeBytes: 1000,
          StreamViewType: 'NEW_IMAGE',
        },
      },
    ],
  };
}

/** What the relay sent to a queue about a referral, as the SQS event source mapping would hand it to the consumer. */
async function sqsEventFrom(queueName: string, referralId: string) {
  const queue = platform.queues.find((q) => q.name === queueName)!;
  const { Messages = [] } = await sqsClient(platform.endpoints).send(
    new ReceiveMessageCommand({
      QueueUrl: queue.url,
      MaxNumberOfMessages: 10,
      WaitTimeSeconds: 2,
      MessageSystemAttributeNames: ['All'],
    }),
  );
  const message = Messages.find((m) => m.Body?.includes(referralId));
  expect(message, `a message about ${referralId} in ${queueName}`).toBeDefined();
  return sqsEvent(queueName, message!.Body!, message!.MessageId!);
}

/** An SQS batch of one message with the given body, as the event source mapping hands it to the consumer. */
function sqsEvent(queueName: string, body: string, messageId: string = crypto.randomUUID()) {
  const queue = platform.queues.find((q) => q.name === queueName)!;
  return {
    Records: [
      {
        messageId,
        receiptHandle: `local-${messageId}`,
        body,
        attributes: {
          ApproximateReceiveCount: '1',
          SentTimestamp: String(Date.now()),
          SenderId: 'local',
          ApproximateFirstReceiveTimestamp: String(Date.now()),
        },
        messageAttributes: {},
        md5OfBody: createHash('md5').update(body).digest('hex'),
        eventSource: 'aws:sqs',
        eventSourceARN: queue.arn,
        awsRegion: 'eu-north-1',
      },
    ],
  };
}

/** An API Gateway HTTP API (payload 2.0) request; a browser's cookies arrive in `cookies`, not in a header. */
function httpEvent(
  method: string,
  target: string,
  token: string | undefined,
  body?: unknown,
  cookies: string[] = [],
) {
  const [path = '/', query = ''] = target.split('?');
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: query,
    ...(cookies.length ? { cookies } : {}),
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
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
  it('take a referral through API → stream relay → router, the statistics aggregator, the notifier and the escalator, and the sweeper, the purge and the audit sealer run on their schedule event', async () => {
    const police = await platform.tokenFor('police-syd-system');
    const created = (await invoke('api', httpEvent('POST', '/v1/referrals', police, adultReferral()))) as {
      statusCode: number;
      body: string;
    };
    expect(created.statusCode, created.body).toBe(201);
    const { id } = JSON.parse(created.body) as Schema<'ReferralCreated'>;

    // The received event through the relay to the router, and to the statistics aggregator (every event).
    expect(await invoke('outbox-relay', await streamEventOf(id, 1))).toEqual({ batchItemFailures: [] });
    expect(await invoke('referral-router', await sqsEventFrom('referral-routing', id))).toEqual({
      batchItemFailures: [],
    });
    expect(await invoke('stats-aggregator', await sqsEventFrom('statistics', id))).toEqual({
      batchItemFailures: [],
    });

    const national = await platform.tokenFor('national-coordinator');
    const read = (await invoke('api', httpEvent('GET', `/v1/referrals/${id}`, national))) as {
      statusCode: number;
      body: string;
    };
    expect(read.statusCode).toBe(200);
    expect(JSON.parse(read.body)).toMatchObject({ status: 'routed', route: { queue: 'stockholm:adult' } });

    // The routed event through the relay to the notifier, which e-mails the queue's office (the local outbox).
    expect(await invoke('outbox-relay', await streamEventOf(id, 2))).toEqual({ batchItemFailures: [] });
    expect(await invoke('notifier', await sqsEventFrom('notifications', id))).toEqual({
      batchItemFailures: [],
    });
    expect(readdirSync(join(outdir, 'outbox')).length).toBeGreaterThan(0);
    // That e-mail opened the office's nudge window; a follow-up message for it, the queue's other kind of message, is
    // taken without a failure (nothing was gathered, so it says nothing).
    const window = (await getNudgeWindow('coordinator-office:stockholm:adult'))!;
    expect(window).toMatchObject({ gathered: 0, scheduled: false });
    const followUp = JSON.stringify({ followUp: { mailbox: window.mailbox, window: window.id } });
    expect(await invoke('notifier', sqsEvent('notifications', followUp))).toEqual({ batchItemFailures: [] });

    // A due-timer message as the sweeper sends it, for a clock this referral does not have armed: the escalator reads
    // the referral, finds the message stale and records nothing, without a failure.
    const timer = {
      referralId: id,
      clockId: 'acknowledge',
      action: 'warn',
      step: 0,
      dueAt: new Date().toISOString(),
    };
    expect(await invoke('escalator', sqsEvent('sla-due', JSON.stringify(timer)))).toEqual({
      batchItemFailures: [],
    });

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
    // The sealer signs with the key it read from the secret (not the local platform's): the checkpoints verify with it.
    await invoke('audit-sealer', scheduled);
    const audit = await verifyAllTrails({ sealKey: AUDIT_SEAL_KEY });
    expect(audit.checkpoints).toBeGreaterThan(0);
    expect(audit.problems).toEqual([]);
  }, 180_000);

  it("send the notifier's e-mail as the deployed bundle does: one SigV4-signed SES SendEmail, with the role's credentials from the environment", async () => {
    const police = await platform.tokenFor('police-syd-system');
    const created = (await invoke('api', httpEvent('POST', '/v1/referrals', police, adultReferral()))) as {
      body: string;
    };
    const { id } = JSON.parse(created.body) as Schema<'ReferralCreated'>;
    await invoke('outbox-relay', await streamEventOf(id, 1));
    await invoke('referral-router', await sqsEventFrom('referral-routing', id));
    await invoke('outbox-relay', await streamEventOf(id, 2));

    // As in AWS: no outbox, the deployment's sender and mailboxes, Lambda's credentials (a session's) in the environment.
    const credentials = {
      accessKeyId: 'ASIASTANDIN0EXAMPLE',
      secretAccessKey: 'built-bundle-secret',
      sessionToken: 'session',
    };
    const aws = {
      NRM_OUTBOX_DIR: '',
      NRM_SES_ENDPOINT: ses.endpoint,
      NRM_NUDGE_WINDOW_SECONDS: '0',
      NRM_MAILBOXES: JSON.stringify({
        'coordinator-office:stockholm:adult': 'nrm.stockholm@polisen.example.se',
      }),
      AWS_ACCESS_KEY_ID: credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      AWS_SESSION_TOKEN: credentials.sessionToken,
    };
    expect(await invoke('notifier', await sqsEventFrom('notifications', id), aws)).toEqual({
      batchItemFailures: [],
    });

    expect(ses.requests).toHaveLength(1);
    const [request] = ses.requests as [(typeof ses.requests)[number]];
    const own = loadEnvironment(bundles.find((b) => b.name === 'notifier')!);
    expect(request.path).toBe('/v2/email/outbound-emails');
    expect(JSON.parse(request.body)).toMatchObject({
      FromEmailAddress: own.NRM_MAIL_FROM,
      Destination: { ToAddresses: ['nrm.stockholm@polisen.example.se'] },
      ConfigurationSetName: own.NRM_SES_CONFIGURATION_SET,
      EmailTags: [{ Name: 'eventType', Value: 'referral_routed_v1' }],
    });
    const { credential, signedHeaders, signature } = authorization(request);
    expect(credential).toMatch(new RegExp(`^${credentials.accessKeyId}/\\d{8}/eu-north-1/ses/aws4_request$`));
    expect(signedHeaders).toContain('x-amz-security-token');
    expect(signature).toBe(await expectedSignature(request, signedHeaders, credentials, 'eu-north-1'));
  }, 180_000);

  it("answer bad input from the API bundle as the app in process does, with zod's English messages, and serve the contract pnpm gen wrote", async () => {
    type Result = { statusCode: number; headers: Record<string, string>; body: string };
    const police = await platform.tokenFor('police-syd-system');
    const referral = adultReferral() as { person: Record<string, unknown> };
    const bad = { ...referral, person: { ...referral.person, gender: 'x' }, colour: 'red' };
    const answer = (await invoke('api', httpEvent('POST', '/v1/referrals', police, bad))) as Result;
    expect(answer.statusCode).toBe(400);
    expect(answer.headers['content-type']).toBe('application/problem+json');
    const { errors = [] } = JSON.parse(answer.body) as Schema<'Problem'>;
    expect(errors).toEqual(fieldErrors(ReferralRequest.safeParse(bad).error!));
    expect(errors).toContainEqual({ path: 'colour', message: 'unknown field' });
    expect(errors.find((e) => e.path === 'person.gender')?.message).toMatch(
      /^Invalid option: expected one of/,
    );

    const contract = (await invoke('api', httpEvent('GET', '/openapi.json', undefined))) as Result;
    expect(contract.statusCode).toBe(200);
    const generated = readFileSync(new URL('../../schemas/generated/openapi.json', import.meta.url), 'utf8');
    expect(contract.body).toBe(JSON.stringify(JSON.parse(generated)));
  });

  it('serve the web pages: hosted sign-in with PKCE against a real token endpoint, then a page the API answers', async () => {
    // The web function as infra configures it, its sign-in pointed at the local issuer's stand-in for Cognito.
    const web = {
      NRM_SIGN_IN_DOMAIN: `${platform.url}/local`,
      NRM_WEB_CLIENT_ID: 'nrm-local-web',
      NRM_SIGN_IN_SCOPES: 'openid',
      NRM_WEB_ORIGIN: platform.url,
    };
    type Result = { statusCode: number; headers: Record<string, string>; cookies?: string[]; body: string };
    const pair = (cookie: string) => cookie.split(';')[0]!;

    const started = (await invoke(
      'web',
      httpEvent('GET', '/auth/sign-in?next=%2Fqueues', undefined),
      web,
    )) as Result;
    expect(started.statusCode).toBe(303);
    const authorize = new URL(started.headers.location!);
    expect(authorize.origin + authorize.pathname).toBe(`${platform.url}/local/oauth2/authorize`);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    const pending = started.cookies?.find((c) => c.startsWith('nrm_sign_in='));
    expect(pending).toMatch(/HttpOnly/i);
    expect(pending).toMatch(/Secure/);

    // The person signs in at the sign-in page, which sends the browser back with a code.
    const form = new URLSearchParams(authorize.searchParams);
    form.set('identity', 'coordinator-syd');
    form.set('action', 'allow');
    const answered = await fetch(`${platform.url}/local/oauth2/authorize`, {
      method: 'POST',
      body: form,
      redirect: 'manual',
    });
    const callback = new URL(answered.headers.get('location')!);
    expect(callback.pathname).toBe('/auth/callback');

    const signedIn = (await invoke(
      'web',
      httpEvent('GET', `${callback.pathname}${callback.search}`, undefined, undefined, [pair(pending!)]),
      web,
    )) as Result;
    expect(signedIn.statusCode, signedIn.body).toBe(303);
    expect(signedIn.headers.location).toBe('/queues');
    // The last one set: the anonymous session the request began with is replaced by the signed-in one.
    const session = signedIn.cookies?.findLast((c) => c.startsWith('__Host-nrm_session='));
    expect(session).toBeDefined();

    // Another cold start: the same secret opens the session, and the in-process API accepts the token.
    const queue = (await invoke(
      'web',
      httpEvent('GET', '/queues/syd:adult', undefined, undefined, [pair(session!)]),
      web,
    )) as Result;
    expect(queue.statusCode, JSON.stringify(queue.headers)).toBe(200);
    expect(queue.headers['cache-control']).toBe('no-store');
    expect(queue.body).toContain('Regionkoordinator, region Syd');
    expect(secrets.requests).toContain(WEB_KEY_ARN);
    expect(secrets.requests).toContain(PERSON_KEY_ARN);
  }, 180_000);
});
