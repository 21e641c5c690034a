// The dependency limits hold against a server that accepts connections and never answers, as a paused DynamoDB
// Local (SIGSTOP) or a stalled endpoint does: the call gives up with a TimeoutError instead of hanging.
import { createServer as createHttpServer } from 'node:http';
import { createServer, type Server, type Socket } from 'node:net';
import { DynamoDBClient, GetItemCommand, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientConfig, DEPENDENCY_LIMITS } from '../src/clients';
import { REQUIRED_CONFIG, stubEnv, unstubEnvAfterAll } from './env';

let server: Server;
let endpoint: string;
const sockets: Socket[] = [];
let connections = 0;
unstubEnvAfterAll();

beforeAll(async () => {
  // The configuration every process has (clientConfig takes the region from it).
  stubEnv(REQUIRED_CONFIG);
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

const stalledCall = async (at: string) => {
  const client = new DynamoDBClient(clientConfig('dynamodb', at));
  const started = performance.now();
  const error = await client.send(new GetItemCommand({ TableName: 'stalled', Key: { pk: { S: 'x' } } })).then(
    () => undefined,
    (e: unknown) => e as Error & { code?: string; $metadata?: { attempts?: number } },
  );
  client.destroy();
  return { error, elapsed: performance.now() - started };
};

describe('clientConfig', () => {
  it('gives up on a DynamoDB that never answers after one request timeout, without retrying the sent request', async () => {
    const limits = DEPENDENCY_LIMITS.dynamodb;
    const { error, elapsed } = await stalledCall(endpoint);
    expect(error?.name).toBe('TimeoutError');
    expect(error?.$metadata?.attempts).toBe(1);
    expect(connections).toBe(1);
    // The bound above the timeout only allows for a loaded machine: the API's 503 within a few seconds rests on it.
    expect(elapsed).toBeGreaterThanOrEqual(limits.requestTimeoutMs - 50);
    expect(elapsed).toBeLessThan(limits.requestTimeoutMs + 2000);
  });

  it('retries what never reached the server, up to its attempts', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const address = closed.address();
    await new Promise((resolve) => closed.close(resolve));
    const { error } = await stalledCall(
      `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
    );
    expect(error?.code).toBe('ECONNREFUSED');
    expect(error?.$metadata?.attempts).toBe(DEPENDENCY_LIMITS.dynamodb.maxAttempts);
  });

  // DynamoDB Local serialises transactions and never answers TransactionConflict, so a stand-in speaking DynamoDB's
  // JSON protocol gives the answer DynamoDB gives while another transaction holds an item.
  const conflictThen = async (reasons: string[]) => {
    let calls = 0;
    const server = createHttpServer((req, res) => {
      req.resume();
      req.on('end', () => {
        calls++;
        res.setHeader('content-type', 'application/x-amz-json-1.0');
        if (calls === 1) {
          res.statusCode = 400;
          res.end(
            JSON.stringify({
              __type: 'com.amazonaws.dynamodb.v20120810#TransactionCanceledException',
              message: `Transaction cancelled, please refer cancellation reasons for specific reasons [${reasons.join(', ')}]`,
              CancellationReasons: reasons.map((Code) => ({ Code })),
            }),
          );
        } else res.end('{}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const client = new DynamoDBClient(
      clientConfig(
        'dynamodb',
        `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
      ),
    );
    const item = { Put: { TableName: 't', Item: { pk: { S: 'x' } } } };
    const outcome = await client
      .send(new TransactWriteItemsCommand({ TransactItems: [item, item] }))
      .then((r) => ({ attempts: r.$metadata.attempts, error: undefined as string | undefined }))
      .catch((e: Error & { $metadata?: { attempts?: number } }) => ({
        attempts: e.$metadata?.attempts,
        error: e.name,
      }));
    client.destroy();
    await new Promise((resolve) => server.close(resolve));
    return { ...outcome, calls };
  };

  it('sends a transaction again that DynamoDB cancelled only for a conflict with another transaction', async () => {
    expect(await conflictThen(['TransactionConflict', 'None'])).toEqual({
      attempts: 2,
      error: undefined,
      calls: 2,
    });
  });

  it('does not retry a transaction cancelled by a failed condition, conflict or not', async () => {
    expect(await conflictThen(['TransactionConflict', 'ConditionalCheckFailed'])).toEqual({
      attempts: 1,
      error: 'TransactionCanceledException',
      calls: 1,
    });
  });
});
