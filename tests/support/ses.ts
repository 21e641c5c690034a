// A stand-in for Amazon SES v2, for tests of the e-mail transport (packages/runtime/src/ses.ts): no local engine speaks
// SES, so this real HTTP server records each request as it arrived (method, path, headers, body) and answers what the
// test scripted, SES's way (restJson1: the error type in `x-amzn-errortype` or the body's `__type`). The signature is
// checked as SES would: recomputed with Smithy's SigV4 signer on what the server received.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Sha256 } from '@smithy/core/checksum';
import { HttpRequest } from '@smithy/core/transport';
import { SignatureV4 } from '@smithy/signature-v4';

export interface ReceivedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export interface SesAnswer {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: unknown;
}

export interface SesStandIn {
  readonly endpoint: string;
  readonly requests: ReceivedRequest[];
  /** Answers for the next requests, in order; once they are used up, each request gets a message id. */
  answer(...answers: SesAnswer[]): void;
  /** Stop answering: requests are read and recorded, then left waiting (a stalled SES). */
  stall(): void;
  stop(): Promise<void>;
}

export async function sesStandIn(): Promise<SesStandIn> {
  const requests: ReceivedRequest[] = [];
  const answers: SesAnswer[] = [];
  let stalled = false;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
    });
    req.on('end', () => {
      requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body });
      if (stalled) return;
      const {
        status,
        headers = {},
        body: payload,
      } = answers.shift() ?? {
        status: 200,
        body: { MessageId: `0100018c-${String(requests.length).padStart(4, '0')}-stand-in` },
      };
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(payload === undefined ? '' : JSON.stringify(payload));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    answer: (...next) => {
      answers.push(...next);
    },
    stall: () => {
      stalled = true;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The Authorization header's parts (`AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…`); throws if other. */
export function authorization(request: { readonly headers: IncomingHttpHeaders }) {
  const header = String(request.headers.authorization);
  const match = /^AWS4-HMAC-SHA256 Credential=([^,]+), SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(
    header,
  );
  if (!match) throw new Error(`Not a SigV4 Authorization header: ${header}`);
  const [, credential = '', signedHeaders = '', signature = ''] = match;
  return { credential, signedHeaders: signedHeaders.split(';'), signature };
}

/**
 * The signature SES would compute with these credentials: the signed headers as received, the path, the request's own
 * date, and the hash of the body as received (the signer hashes it when no `x-amz-content-sha256` is given).
 */
export async function expectedSignature(
  request: ReceivedRequest,
  signedHeaders: readonly string[],
  credentials: {
    readonly accessKeyId: string;
    readonly secretAccessKey: string;
    readonly sessionToken?: string;
  },
  region: string,
): Promise<string> {
  const headers = Object.fromEntries(
    signedHeaders
      .filter((name) => name !== 'x-amz-content-sha256')
      .map((name) => [name, String(request.headers[name])]),
  );
  const [hostname = '', port] = String(request.headers.host).split(':');
  const date = String(request.headers['x-amz-date']);
  const signingDate = new Date(
    `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}T${date.slice(9, 11)}:${date.slice(11, 13)}:${date.slice(13, 15)}Z`,
  );
  const signer = new SignatureV4({ credentials, region, service: 'ses', sha256: Sha256 });
  const signed = await signer.sign(
    new HttpRequest({
      method: request.method,
      protocol: 'http:',
      hostname,
      ...(port ? { port: Number(port) } : {}),
      path: request.path,
      headers,
      body: request.body,
    }),
    { signingDate },
  );
  return authorization({ headers: signed.headers }).signature;
}
