// The SES transport on the wire: emailTransport() sends SES v2 SendEmail as a SigV4-signed request (no SES SDK client,
// issue 16). No local engine speaks SES, so a real HTTP server stands in for it (tests/support/ses.ts), reached through
// the endpoint override NRM_SES_ENDPOINT as the other clients reach their local engines; the credentials are fixed ones
// in the environment, where Lambda puts the role's. The signature is checked by recomputing it with Smithy's signer
// on what the server received, as SES would.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  authorization,
  expectedSignature,
  type ReceivedRequest,
  type SesStandIn,
  sesStandIn,
} from '../../../tests/support/ses';
import { REQUIRED_CONFIG, stubEnv, unstubEnvAfterAll } from '../../runtime/test/env';
import { emailTransport, type SendEmail } from '../src/email';

const REGION = 'eu-north-1';
const CREDENTIALS = {
  accessKeyId: 'AKIDSTANDIN0000EXAMPLE',
  secretAccessKey: 'stand-in/secret/key/of/the/test/0000000000',
  sessionToken: 'stand-in-session-token',
};
const MAILBOXES = {
  'coordinator-office:syd:child': 'barnkoordinator.syd@polisen.example.se',
  'national-coordinator': 'nrm@jamstalldhetsmyndigheten.example.se',
};
const email = {
  eventId: 'e1',
  eventType: 'clock.breached.v1',
  reference: 'NRM-2026-000123',
  clockKind: 'acknowledge',
  to: ['coordinator-office:syd:child', 'national-coordinator'],
  subject: 'NRM-2026-000123: acknowledgement overdue',
  text: 'Referral NRM-2026-000123 needed acknowledgement by 14:00.',
};

let ses: SesStandIn;
let send: SendEmail;

beforeAll(async () => {
  ses = await sesStandIn();
  stubEnv({
    ...REQUIRED_CONFIG,
    AWS_REGION: REGION,
    AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
    AWS_SESSION_TOKEN: CREDENTIALS.sessionToken,
    AWS_PROFILE: undefined,
    NRM_SES_ENDPOINT: ses.endpoint,
    NRM_OUTBOX_DIR: undefined,
    NRM_MAIL_FROM: 'nrm-no-reply@example.se',
    NRM_SES_CONFIGURATION_SET: 'nrm-dev',
    NRM_MAILBOXES: JSON.stringify(MAILBOXES),
  });
  send = emailTransport();
});
afterAll(() => ses.stop());
unstubEnvAfterAll();
beforeEach(() => {
  ses.requests.length = 0;
});

describe('the SES transport', () => {
  it('posts SendEmail as SES v2 JSON, signed with SigV4 for SES in the configured region', async () => {
    await send(email);

    expect(ses.requests).toHaveLength(1);
    const [request] = ses.requests as [ReceivedRequest];
    expect(request.method).toBe('POST');
    expect(request.path).toBe('/v2/email/outbound-emails');
    expect(request.headers['content-type']).toBe('application/json');
    expect(JSON.parse(request.body)).toEqual({
      FromEmailAddress: 'nrm-no-reply@example.se',
      Destination: { ToAddresses: Object.values(MAILBOXES) },
      Content: {
        Simple: {
          Subject: { Data: email.subject, Charset: 'UTF-8' },
          Body: { Text: { Data: email.text, Charset: 'UTF-8' } },
        },
      },
      ConfigurationSetName: 'nrm-dev',
      EmailTags: [{ Name: 'eventType', Value: 'clock_breached_v1' }],
    });

    const { credential, signedHeaders, signature } = authorization(request);
    const day = String(request.headers['x-amz-date']).slice(0, 8);
    expect(credential).toBe(`${CREDENTIALS.accessKeyId}/${day}/${REGION}/ses/aws4_request`);
    expect(request.headers['x-amz-security-token']).toBe(CREDENTIALS.sessionToken);
    expect(request.headers['x-amz-content-sha256']).toBe(
      createHash('sha256').update(request.body).digest('hex'),
    );
    expect(signedHeaders).toEqual([
      'content-length',
      'content-type',
      'host',
      'x-amz-content-sha256',
      'x-amz-date',
      'x-amz-security-token',
    ]);
    expect(signature).toBe(await expectedSignature(request, signedHeaders, CREDENTIALS, REGION));
    // A changed body would not pass SES's check: the payload is in the signature.
    expect(signature).not.toBe(
      await expectedSignature({ ...request, body: `${request.body} ` }, signedHeaders, CREDENTIALS, REGION),
    );
  });

  it('rejects a 4xx at once, naming the error type and status, never the addresses or SES text', async () => {
    ses.answer({
      status: 400,
      headers: {
        'x-amzn-errortype': 'MessageRejected:http://internal.amazon.com/coral/com.amazonaws.sesv2/',
      },
      body: {
        message:
          'Email address is not verified. The following identities failed the check in region EU-NORTH-1: barnkoordinator.syd@polisen.example.se',
      },
    });

    const error = await send(email).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toBe('SES SendEmail failed: MessageRejected (HTTP 400)');
    expect(error?.message).not.toMatch(/@|verified|NRM-2026/);
    expect(ses.requests).toHaveLength(1);
  });

  it('retries a 5xx as the SDK clients do, then rejects with its type and status', async () => {
    const failure = {
      status: 500,
      body: {
        __type: 'com.amazonaws.sesv2#InternalServiceErrorException',
        message: 'Failed for nrm@jamstalldhetsmyndigheten.example.se',
      },
    };
    ses.answer(failure, failure, failure);

    const error = await send(email).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toBe('SES SendEmail failed: InternalServiceErrorException (HTTP 500)');
    expect(error?.message).not.toMatch(/@|Failed for/);
    // SES's attempts (DEPENDENCY_LIMITS.ses.maxAttempts): the same e-mail each time.
    expect(ses.requests).toHaveLength(3);
    expect(new Set(ses.requests.map((r) => r.body)).size).toBe(1);
  });

  it('sends after SES throttled it once', async () => {
    ses.answer({ status: 429, body: { __type: 'TooManyRequestsException', message: 'Too many requests' } });

    await send(email);
    expect(ses.requests).toHaveLength(2);
  });

  // Last: the stand-in stays stalled.
  it('gives up on a stalled SES after its request timeout, without sending again', async () => {
    ses.stall();

    const error = await send(email).then(
      () => undefined,
      (e: unknown) => e as Error & { code?: string },
    );
    expect(error?.name).toBe('TimeoutError');
    expect(error?.code).toBe('ETIMEDOUT');
    // Sent and unanswered: SES may have sent it, so the queue's redelivery decides, not an immediate retry.
    expect(ses.requests).toHaveLength(1);
  });
});
