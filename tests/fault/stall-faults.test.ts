// Issue 21: the platform fails fast when a dependency stalls and recovers quickly. The database engine of the suite's
// own platform is paused (SIGSTOP of the DynamoDB Local JVM, then SIGCONT) twice under a steady load: every request
// answers within 5 s (201/200, or 503 + Retry-After as problem+json), GET /health answers 503 within 1 s naming the
// database while it is paused and 200 after, and the clients' retries with the same Idempotency-Key leave nothing lost
// and nothing doubled. Then the router is killed while it holds a batch: with the deployed visibility timeout its
// referrals are routed within 30 s of the crash, each once.

import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { visibilityTimeoutSeconds } from '@nrm/functions/catalogue';
import { type Platform, startPlatform } from '@nrm/local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dynamoClient, queueDepth, sqsClient } from '../support/aws';
import { adultReferral, referral } from '../support/fixtures';
import { apiClient, eventually, type Schema } from '../support/http';
import { ledger, routeTally } from '../support/ledger';

let platform: Platform;
let enginePid: number;
const workerErrors: Record<string, number> = {};

/** What the issue asks of every answer during a stall, and of GET /health. */
const ANSWER_WITHIN_MS = 5000;
const HEALTH_WITHIN_MS = 1000;
/** A client that got nothing back after this long counts the request as hung (and the test fails). */
const CLIENT_GIVES_UP_MS = 20_000;
const PAUSE_MS = 8000;

/**
 * The process listening on this loopback port (the DynamoDB Local JVM the platform started, however it was launched):
 * the listening socket's inode from /proc/net/tcp, then the process holding that socket.
 */
function listeningPid(port: string): number {
  const hexPort = Number(port).toString(16).toUpperCase().padStart(4, '0');
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let lines: string[];
    try {
      lines = readFileSync(table, 'utf8').split('\n').slice(1);
    } catch {
      continue;
    }
    for (const line of lines) {
      const fields = line.trim().split(/\s+/);
      // local_address is ADDR:PORT, st 0A is LISTEN, the inode is the tenth field.
      if (fields[1]?.endsWith(`:${hexPort}`) && fields[3] === '0A' && fields[9]) inodes.add(fields[9]);
    }
  }
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${entry}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const link = readlinkSync(`/proc/${entry}/fd/${fd}`);
        const inode = /^socket:\[(\d+)\]$/.exec(link)?.[1];
        if (inode && inodes.has(inode)) return Number(entry);
      } catch {
        // the descriptor closed meanwhile
      }
    }
  }
  throw new Error(`No process listens on port ${port}`);
}

beforeAll(async () => {
  // The deployed visibility timeouts (no override): the crash test measures the real return of held messages.
  platform = await startPlatform({
    port: 0,
    scheduleEveryMs: 24 * 3_600_000,
    logLevel: 'ERROR',
    onWorkerError: (worker) => {
      workerErrors[worker] = (workerErrors[worker] ?? 0) + 1;
    },
  });
  enginePid = listeningPid(new URL(platform.endpoints.dynamodb).port);
});

afterAll(async () => {
  // Never leave the engine paused, whatever failed.
  if (enginePid) {
    try {
      process.kill(enginePid, 'SIGCONT');
    } catch {
      // already gone
    }
  }
  await platform?.stop();
});

interface Answer {
  readonly status: number;
  readonly ms: number;
  readonly retryAfter: string | null;
  readonly contentType: string | null;
}

const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))] ?? 0;

describe('a stalled dependency', () => {
  it('answers every request within 5 s and /health within 1 s while the database is paused, losing and doubling nothing', async () => {
    const api = apiClient(platform.url);
    const token = await api.token('police-syd-system');
    const answers: Answer[] = [];
    const hung: string[] = [];
    const accepted = new Map<string, string>(); // idempotency key → referral id
    let stopLoad = false;

    // not an API answer: what the load loop keeps of one
    async function submit(key: string, body: unknown): Promise<{ status: number; id?: string }> {
      const started = performance.now();
      try {
        const res = await fetch(`${platform.url}/v1/referrals`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${token}`,
            'content-type': 'application/json',
            'Idempotency-Key': key,
          },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(CLIENT_GIVES_UP_MS),
        });
        const json = (await res.json()) as Partial<Schema<'ReferralCreated'>>;
        answers.push({
          status: res.status,
          ms: performance.now() - started,
          retryAfter: res.headers.get('retry-after'),
          contentType: res.headers.get('content-type'),
        });
        return { status: res.status, ...(json.id ? { id: json.id } : {}) };
      } catch (error) {
        hung.push(`${key}: ${error instanceof Error ? error.name : String(error)}`);
        return { status: 0 };
      }
    }

    // A steady client: three agency systems each submitting one referral after another, retrying a 503 (or no
    // answer) with the same Idempotency-Key until the platform accepts it, as api.md asks of them.
    async function agency(n: number) {
      for (let i = 0; !stopLoad || i < 5; i++) {
        const key = `stall-${n}-${i}-${crypto.randomUUID()}`;
        const body = i % 3 === 0 ? referral({ location: { municipalityCode: '1280' } }) : adultReferral();
        for (let attempt = 0; ; attempt++) {
          const { status, id } = await submit(key, body);
          if ((status === 201 || status === 200) && id) {
            accepted.set(key, id);
            break;
          }
          if (attempt > 200) throw new Error(`${key} was never accepted`);
          await sleep(500);
        }
        await sleep(150);
      }
    }

    const health: { phase: 'paused' | 'resumed'; status: number; ms: number; body: unknown }[] = [];
    async function probeHealth(phase: 'paused' | 'resumed') {
      const started = performance.now();
      const res = await fetch(`${platform.url}/health`, { signal: AbortSignal.timeout(CLIENT_GIVES_UP_MS) });
      const entry = { phase, status: res.status, ms: performance.now() - started, body: await res.json() };
      health.push(entry);
      return entry;
    }

    const load = Promise.all([0, 1, 2].map(agency));
    for (const pause of [1, 2]) {
      await sleep(pause === 1 ? 2000 : 4000);
      process.kill(enginePid, 'SIGSTOP');
      const pausedAt = Date.now();
      // Give requests already in flight a moment to run into the stall, then ask /health through the pause.
      await sleep(1000);
      while (Date.now() - pausedAt < PAUSE_MS - 1000) {
        await probeHealth('paused');
        await sleep(500);
      }
      await sleep(Math.max(0, PAUSE_MS - (Date.now() - pausedAt)));
      process.kill(enginePid, 'SIGCONT');
      // Healthy again once the engine answers: within seconds, not after a timeout of minutes.
      await eventually(
        async () => ((await probeHealth('resumed')).status === 200 ? true : undefined),
        30_000,
        250,
      );
    }
    stopLoad = true;
    await load;

    // Every request got an answer, within 5 s, and the only refusals were 503 with Retry-After in problem+json.
    expect(hung).toEqual([]);
    expect(answers.filter((a) => ![200, 201, 503].includes(a.status))).toEqual([]);
    const slow = answers.filter((a) => a.ms > ANSWER_WITHIN_MS);
    expect(slow).toEqual([]);
    const unavailable = answers.filter((a) => a.status === 503);
    expect(unavailable.length, 'the pauses were felt: some requests were refused').toBeGreaterThan(0);
    for (const a of unavailable) {
      expect(Number(a.retryAfter)).toBeGreaterThan(0);
      expect(a.contentType).toMatch(/^application\/problem\+json/);
    }

    // /health said 503, naming the database, within 1 s all through each pause, and 200 after.
    const paused = health.filter((h) => h.phase === 'paused');
    expect(paused.length).toBeGreaterThanOrEqual(6);
    for (const h of paused) {
      expect(h.status).toBe(503);
      expect(h.body).toMatchObject({
        status: 'degraded',
        dependencies: { database: 'timeout', queues: 'up' },
      });
      expect(h.ms).toBeLessThan(HEALTH_WITHIN_MS);
    }
    expect(health.at(-1)).toMatchObject({ phase: 'resumed', status: 200 });

    // The ledger: each accepted referral stored once and routed once; nothing stored that no client holds.
    const ids = [...accepted.values()];
    expect(new Set(ids).size).toBe(accepted.size);
    const table = ledger(dynamoClient(platform.endpoints), platform.tablePrefix);
    await table.everyRouted(ids, 120_000, 1000);
    const counts = await table.routesAfterSettling(ids);
    expect(counts.filter((c) => c !== 1)).toEqual([]);
    expect(await table.referralsStored()).toBe(accepted.size);

    const ms = answers.map((a) => a.ms);
    const unavailableMs = unavailable.map((a) => a.ms);
    const pausedHealthMs = paused.map((h) => h.ms);
    console.log(
      `stall ledger (2 × ${PAUSE_MS / 1000} s database pause): accepted ${accepted.size}, ${routeTally(counts)}, stored ${accepted.size}; answers ${answers.length} (201: ${answers.filter((a) => a.status === 201).length}, 200 replays of a first result: ${answers.filter((a) => a.status === 200).length}, 503: ${unavailable.length}, hung: ${hung.length}), latency p50 ${Math.round(percentile(ms, 50))} ms, max ${Math.round(Math.max(...ms))} ms, 503 max ${Math.round(Math.max(...unavailableMs))} ms; /health during pauses ${paused.length} × 503, max ${Math.round(Math.max(...pausedHealthMs))} ms; worker errors ${JSON.stringify(workerErrors)}`,
    );
  });

  it('routes the referrals a crashed router held within 30 s of the crash, each once', async () => {
    const api = apiClient(platform.url);
    const visibility = visibilityTimeoutSeconds('referral-routing');
    expect(visibility, 'the deployed visibility timeout leaves room inside 30 s').toBeLessThanOrEqual(20);

    // The router stops taking messages, so the next batch it takes holds every referral below.
    const router = platform.sqsPollers.get('referral-router')!;
    await router.stop();
    // A long poll the router had open stays open in the emulator until its wait ends; let it end empty.
    await sleep(2500);
    const ids: string[] = [];
    for (let n = 0; n < 8; n++) {
      const res = await api.post('/v1/referrals', adultReferral(), 'police-syd-system', {
        'Idempotency-Key': `crash-${n}-${crypto.randomUUID()}`,
      });
      expect(res.status).toBe(201);
      ids.push(res.body.id);
    }
    const sqs = sqsClient(platform.endpoints);
    const routing = platform.queues.find((q) => q.name === 'referral-routing')!;
    const waiting = () => queueDepth(sqs, routing.url);
    await eventually(async () => ((await waiting()) === ids.length ? true : undefined), 30_000, 200);

    // Killed while holding them: the batch is received and the invocation dies before anything is deleted.
    const crashesBefore = router.crashes;
    platform.faults.crashConsumer('referral-router', 0);
    router.start();
    await eventually(async () => (router.crashes > crashesBefore ? true : undefined), 30_000, 50);
    const crashedAt = Date.now();

    const table = ledger(dynamoClient(platform.endpoints), platform.tablePrefix);
    const routedAfter = new Map<string, number>();
    await eventually(
      async () => {
        const counts = await Promise.all(ids.map(table.routedEvents));
        ids.forEach((id, i) => {
          if ((counts[i] ?? 0) >= 1 && !routedAfter.has(id)) routedAfter.set(id, Date.now() - crashedAt);
        });
        return routedAfter.size === ids.length ? true : undefined;
      },
      60_000,
      250,
    );
    const latest = Math.max(...routedAfter.values());
    const earliest = Math.min(...routedAfter.values());
    // They were held (nothing routed before the visibility timeout could return them) and came back in seconds.
    expect(earliest).toBeGreaterThan(visibility * 1000 * 0.5);
    expect(latest).toBeLessThanOrEqual(30_000);

    const counts = await table.routesAfterSettling(ids);
    expect(counts).toEqual(ids.map(() => 1));
    console.log(
      `router crash: ${ids.length} referrals held by the crashed batch, routed ${Math.round(earliest / 100) / 10}–${Math.round(latest / 100) / 10} s after the crash (visibility timeout ${visibility} s, was 180 s), each once`,
    );
    sqs.destroy();
  });
});
