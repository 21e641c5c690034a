// SES v2 SendEmail as one SigV4-signed HTTPS request, without the SES SDK client (issue 16): the client's schemas
// module is kept whole by esbuild (~60 KiB of a function bundle, and ~9 KiB more of Smithy's schema serde) for the one
// operation the notifier and the webhook sender call. Everything used here is what the DynamoDB and SQS clients
// already put in those bundles: Smithy's SigV4 signer with its Node SHA-256, the SDK's credential chain (in the
// function bundles the environment, where Lambda puts the role's credentials), the SDK's HTTP handler with SES's
// timeouts and its retry strategy (packages/runtime/src/client-config.ts). IAM authorises it as the SDK's call:
// `ses:SendEmail` on the identity and the configuration set (infra/lib/constructs/email.ts).
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { Sha256 } from '@smithy/core/checksum';
import { isServerError, isThrottlingError, isTransientError } from '@smithy/core/retry';
import { HttpRequest } from '@smithy/core/transport';
import type { NodeHttpHandler } from '@smithy/node-http-handler';
import { SignatureV4 } from '@smithy/signature-v4';
import type { RetryErrorType, RetryStrategyV2, SdkError } from '@smithy/types';
import { requestHandler, retryStrategy } from './client-config';
import { config } from './config';

/** The restJson1 body of `POST /v2/email/outbound-emails`: the fields of the SDK's SendEmailCommandInput we send. */
export interface SendEmailRequest {
  readonly FromEmailAddress: string;
  readonly Destination: { readonly ToAddresses: readonly string[] };
  readonly Content: {
    readonly Simple: {
      readonly Subject: { readonly Data: string; readonly Charset?: string };
      readonly Body: {
        readonly Text?: { readonly Data: string; readonly Charset?: string };
        readonly Html?: { readonly Data: string; readonly Charset?: string };
      };
    };
  };
  readonly ConfigurationSetName?: string;
  readonly EmailTags?: readonly { readonly Name: string; readonly Value: string }[];
}

/** SendEmail's path in the SES v2 API. */
export const SEND_EMAIL_PATH = '/v2/email/outbound-emails';

/** The longest answer read: SES's are a message id or an error of a few hundred bytes. */
const MAX_ANSWER_BYTES = 64 * 1024;

/**
 * SES answered other than 2xx. The message names SES's error type and the HTTP status only: SES's own message can
 * quote the addresses (e.g. an unverified recipient), and the error reaches the logs and the dead-letter queue.
 */
export class SesRequestFailed extends Error {
  override readonly name = 'SesRequestFailed';
  /** Where the SDK's error classification (throttling, transient, server) looks for the status. */
  readonly $metadata: { readonly httpStatusCode: number };

  constructor(
    readonly errorType: string,
    readonly status: number,
  ) {
    super(`SES SendEmail failed: ${errorType} (HTTP ${status})`);
    this.$metadata = { httpStatusCode: status };
  }
}

/** SES's error type: the `x-amzn-errortype` header, or the body's `__type`/`code`, without namespace or URI. */
export function sesErrorType(header: string | undefined, body: string): string {
  let type = header;
  if (!type) {
    try {
      const parsed = JSON.parse(body) as { __type?: unknown; code?: unknown };
      const value = parsed.__type ?? parsed.code;
      type = typeof value === 'string' ? value : undefined;
    } catch {
      type = undefined;
    }
  }
  const name = type?.split(':')[0]?.split('#').pop()?.trim();
  // A name as SES spells its errors, or nothing: never a text that might carry more.
  return name && /^[A-Za-z][A-Za-z0-9_.]{0,99}$/.test(name) ? name : 'UnknownError';
}

/** The retry strategy's kind of error, by the SDK's own classification (SES's error type standing as the name). */
function errorType(error: unknown): RetryErrorType {
  const e = (
    error instanceof SesRequestFailed
      ? { name: error.errorType, message: '', $metadata: error.$metadata }
      : error
  ) as SdkError;
  if (isThrottlingError(e)) return 'THROTTLING';
  if (isTransientError(e)) return 'TRANSIENT';
  return isServerError(e) ? 'SERVER_ERROR' : 'CLIENT_ERROR';
}

async function readAnswer(body: unknown): Promise<string> {
  if (!body || typeof (body as AsyncIterable<unknown>)[Symbol.asyncIterator] !== 'function') return '';
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body as AsyncIterable<Uint8Array | string>) {
    const bytes = Buffer.from(chunk);
    size += bytes.length;
    if (size > MAX_ANSWER_BYTES) break;
    chunks.push(bytes);
  }
  return Buffer.concat(chunks).toString('utf8');
}

interface SesClient {
  readonly url: URL;
  readonly signer: SignatureV4;
  readonly handler: NodeHttpHandler;
  readonly retries: RetryStrategyV2;
}

let client: SesClient | undefined;

function ses(): SesClient {
  if (!client) {
    const { region, sesEndpoint } = config();
    client = {
      url: new URL(sesEndpoint ?? `https://email.${region}.amazonaws.com`),
      // The chain the SDK clients resolve: in the function bundles it is the environment (lambda-credentials.ts).
      signer: new SignatureV4({ credentials: defaultProvider(), region, service: 'ses', sha256: Sha256 }),
      handler: requestHandler('ses'),
      retries: retryStrategy('ses'),
    };
  }
  return client;
}

async function attempt({ url, signer, handler }: SesClient, body: string): Promise<void> {
  const request = new HttpRequest({
    method: 'POST',
    protocol: url.protocol,
    hostname: url.hostname,
    ...(url.port ? { port: Number(url.port) } : {}),
    path: `${url.pathname.replace(/\/$/, '')}${SEND_EMAIL_PATH}`,
    headers: {
      host: url.host,
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(body)),
    },
    body,
  });
  const { response } = await handler.handle((await signer.sign(request)) as HttpRequest);
  const answer = await readAnswer(response.body);
  if (response.statusCode >= 200 && response.statusCode < 300) return;
  const header = response.headers['x-amzn-errortype'] ?? response.headers['X-Amzn-ErrorType'];
  throw new SesRequestFailed(sesErrorType(header, answer), response.statusCode);
}

/**
 * Sends one e-mail through SES v2. Throttling, 5xx and connection errors are retried as the SDK clients retry them
 * (SES's attempts, jittered backoff); a request that went out unanswered is not (it may have been sent). A failure
 * rejects: the queue then receives the message again and, in the end, dead-letters it.
 */
export async function sendEmail(request: SendEmailRequest): Promise<void> {
  const client = ses();
  const body = JSON.stringify(request);
  let token = await client.retries.acquireInitialRetryToken('ses');
  for (;;) {
    try {
      await attempt(client, body);
      client.retries.recordSuccess(token);
      return;
    } catch (error) {
      // The strategy waits the backoff and hands a new token, or refuses: then the error is the answer.
      const info = { error: error as SdkError, errorType: errorType(error) };
      token = await client.retries.refreshRetryTokenForRetry(token, info).catch(() => {
        throw error;
      });
    }
  }
}
