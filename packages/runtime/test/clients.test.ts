// The dependency limits hold against a server that accepts connections and never answers, as a paused DynamoDB
// Local (SIGSTOP) or a stalled endpoint does: the call gives up with a TimeoutError instead of hanging.
import { createServer, type Server, type Socket } from 'node:net';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientConfig, DEPENDENCY_LIMITS } from '../src/clients';

let server: Server;
let endpoint: string;
const sockets: Socket[] = [];
let connections = 0;

beforeAll(async () => {
  // The configuration every process has (clientConfig takes the region from it).
  Object.assign(process.env, {
    NRM_JWT_ISSUER: 'https://issuer.test',
    NRM_JWT_AUDIENCE: 'nrm-api',
    NRM_JWKS_URL: 'https://issuer.test/jwks.json',
  });
  server = createServer((socket) => {
    connections++;
    sockets.push(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  endpoint = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => server.close(resolve));
});

describe('clientConfig', () => {
  it('gives up on a DynamoDB that never answers after its attempts, each cut at the request timeout', async () => {
    const limits = DEPENDENCY_LIMITS.dynamodb;
    const client = new DynamoDBClient(clientConfig('dynamodb', endpoint));
    const started = performance.now();
    const error = await client
      .send(new GetItemCommand({ TableName: 'stalled', Key: { pk: { S: 'x' } } }))
      .then(
        () => undefined,
        (e: unknown) => e as Error & { $metadata?: { attempts?: number } },
      );
    const elapsed = performance.now() - started;
    client.destroy();

    expect(error?.name).toBe('TimeoutError');
    expect(error?.$metadata?.attempts).toBe(limits.maxAttempts);
    expect(connections).toBeGreaterThanOrEqual(1);
    // Each attempt waits the full request timeout; the bound above only allows for the SDK's backoff and a loaded
    // machine (the budget, about 3.2 s, is what the API's 503 and the consumers' timeouts are sized to).
    expect(elapsed).toBeGreaterThanOrEqual(limits.maxAttempts * limits.requestTimeoutMs - 50);
    expect(elapsed).toBeLessThan(limits.maxAttempts * limits.requestTimeoutMs + 3000);
  });
});
