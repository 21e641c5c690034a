// Issue 13, what it must show 2: two `pnpm start` side by side, as from two clones, with default settings, both
// become healthy, neither sees the other's data, and their engines listen on loopback only. Each runs in a folder of
// its own (its `.local/`), without the demo year, which is not what this is about and would only slow it down.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { referral } from '../support/fixtures';
import { apiClient, eventually } from '../support/http';

const ROOT = resolve(import.meta.dirname, '../..');

interface Started {
  readonly child: ChildProcess;
  readonly folder: string;
  readonly url: string;
  readonly dynamodb: string;
  readonly sqs: string;
}

const started: Started[] = [];

afterAll(async () => {
  await Promise.all(
    started.map(
      ({ child, folder }) =>
        new Promise<void>((done) => {
          const finish = () => {
            rmSync(folder, { recursive: true, force: true });
            done();
          };
          if (child.exitCode !== null) return finish();
          const force = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), 15_000);
          child.once('exit', () => {
            clearTimeout(force);
            finish();
          });
          process.kill(-child.pid!, 'SIGINT');
        }),
    ),
  );
});

/** `pnpm start --no-demo` in a folder of its own, with none of this process's platform settings. */
async function startInFolder(): Promise<Started> {
  const folder = mkdtempSync(join(tmpdir(), 'nrm-clone-'));
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => name !== 'PORT' && !name.startsWith('NRM_')),
  );
  const child = spawn(
    join(ROOT, 'node_modules/.bin/tsx'),
    [join(ROOT, 'packages/local/src/cli.ts'), '--no-demo'],
    {
      cwd: folder,
      env: { ...env, NODE_OPTIONS: '--disable-warning=ExperimentalWarning' },
      stdio: ['ignore', 'pipe', 'inherit'],
      // Its own process group, so stopping it reaches every process in it, as Ctrl-C in a terminal does.
      detached: true,
    },
  );
  let out = '';
  child.stdout!.on('data', (d: Buffer) => {
    out += d.toString();
  });
  const address = (label: string) => new RegExp(`${label}\\s+(http://[0-9.]+:\\d+)`).exec(out)?.[1];
  const self = await eventually(
    async () => {
      if (child.exitCode !== null) throw new Error(`pnpm start exited: ${out}`);
      const [url, dynamodb, sqs] = [address('Web'), address('DynamoDB Local'), address('SQS emulator')];
      return url && dynamodb && sqs ? { child, folder, url, dynamodb, sqs } : undefined;
    },
    120_000,
    200,
  );
  started.push(self);
  return self;
}

/** `pnpm start --in-memory --no-demo` with `env`, which must fail: answers what it said on stderr. */
async function startExpectingFailure(env: Record<string, string>): Promise<string> {
  const child = spawn(
    join(ROOT, 'node_modules/.bin/tsx'),
    [join(ROOT, 'packages/local/src/cli.ts'), '--in-memory', '--no-demo'],
    {
      cwd: ROOT,
      env: {
        ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('NRM_'))),
        NODE_OPTIONS: '--disable-warning=ExperimentalWarning',
        ...env,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let err = '';
  child.stderr!.on('data', (d: Buffer) => {
    err += d.toString();
  });
  const code = await new Promise<number | null>((done) => child.once('exit', done));
  expect(code).not.toBe(0);
  return err;
}

/** The local addresses of every listening TCP socket on `port` (IPv4 and IPv6), from the kernel's own tables. */
function listeningOn(port: number): string[] {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  return ['/proc/net/tcp', '/proc/net/tcp6'].flatMap((table) =>
    readFileSync(table, 'utf8')
      .split('\n')
      .slice(1)
      .map((line) => line.trim().split(/\s+/))
      .filter((f) => f[3] === '0A' && f[1]?.endsWith(`:${hexPort}`))
      .map((f) => f[1]!.split(':')[0]!),
  );
}

const LOOPBACK = new Set([
  '0100007F',
  '0000000000000000FFFF00000100007F',
  '00000000000000000000000001000000',
]);
const portOf = (url: string) => Number(new URL(url).port);

describe('two platforms side by side', () => {
  it('both start with default settings, keep their data apart, and listen on loopback only', async () => {
    const [a, b] = await Promise.all([startInFolder(), startInFolder()]);
    for (const p of [a, b]) {
      await eventually(
        async () => ((await fetch(`${p.url}/health`)).status === 200 ? true : undefined),
        60_000,
        200,
      );
    }
    const ports = [a, b].flatMap((p) => [p.url, p.dynamodb, p.sqs].map(portOf));
    expect(new Set(ports).size).toBe(6);

    // What is submitted to one is not in the other.
    const [apiA, apiB] = [apiClient(a.url), apiClient(b.url)];
    const made = await apiA.post('/v1/referrals', referral(), 'police-syd-system');
    expect(made.status).toBe(201);
    await eventually(
      async () => {
        const view = await apiA.get(`/v1/referrals/${made.body.id}`, 'national-coordinator');
        return view.body.status === 'routed' ? true : undefined;
      },
      60_000,
      200,
    );
    expect((await apiB.get(`/v1/referrals/${made.body.id}`, 'national-coordinator')).status).toBe(404);
    const queueOf = async (api: typeof apiA) =>
      (await api.get('/v1/queues/stockholm:child/referrals', 'national-coordinator')).body.items;
    expect((await queueOf(apiA)).map((i) => i.id)).toContain(made.body.id);
    expect(await queueOf(apiB)).toEqual([]);

    // A third told to use the first one's DynamoDB port refuses to start rather than share that engine.
    const third = await startExpectingFailure({ NRM_DYNAMODB_PORT: String(portOf(a.dynamodb)) });
    expect(third).toContain(`127.0.0.1:${portOf(a.dynamodb)}: the port is taken`);
    const fourth = await startExpectingFailure({ NRM_SQS_PORT: String(portOf(b.sqs)) });
    expect(fourth).toContain(`127.0.0.1:${portOf(b.sqs)}: the port is taken`);

    // Every engine (and the API) listens, on 127.0.0.1 and nowhere else.
    for (const port of ports) {
      const addresses = listeningOn(port);
      expect(addresses.length, `something listens on ${port}`).toBeGreaterThan(0);
      for (const address of addresses)
        expect(LOOPBACK.has(address), `${port} listens on ${address}`).toBe(true);
    }
  });
});
