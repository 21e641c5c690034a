// A stand-in for Amazon SES v2, for tests of the e-mail transport (packages/runtime/src/ses.ts): no local engine speaks
// SES, so this real HTTP server records each request as it arrived (method, path, headers, body) and answers what the
// test scripted, SES's way (restJson1: the error type in `x-amzn-errortype` or the body's `__type`).
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

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
