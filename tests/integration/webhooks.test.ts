// Issue 17, as an agency's system would meet it: webhooks delivered to a real HTTP receiver on this machine and
// verified with the `standardwebhooks` package (what a receiver would use), retried after a 500, dead-lettered and
// disabled when they always fail, replayed from the log, signed with both secrets during a rotation; the feed with
// the same messages in order; a forged or foreign cursor refused; and no personal data in any of it.
// The platform's retry settings are shortened for the suite (global-setup: first retry after 1 s, 3 attempts).
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GetQueueUrlCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runAgencyExample } from '../../packages/client/src/example/agency-client';
import { sqsClient } from '../support/aws';
import { adultReferral } from '../support/fixtures';
import { apiClient, eventually, problem, type Schema } from '../support/http';
import { SEEDED, SEEDED_VALUES, seededPerson } from '../support/personal-data';

const platform = inject('platform');
const api = apiClient(platform.url);

interface Received {
  readonly path: string;
  /** As Standard Webhooks' verify takes them (a delivery sends no header twice). */
  readonly headers: Record<string, string>;
  readonly body: string;
}

/** A local receiver: records every call, answers each path with the statuses scripted for it (then 204). */
class Receiver {
  readonly calls: Received[] = [];
  private readonly scripts = new Map<string, number[]>();
  private server!: Server;
  url = '';

  async start() {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const path = req.url ?? '/';
        const headers = req.headers as Record<string, string>;
        this.calls.push({ path, headers, body: Buffer.concat(chunks).toString('utf8') });
        const script = this.scripts.get(path);
        const status = script?.length ? script.shift()! : (this.always.get(path) ?? 204);
        res.writeHead(status).end();
      });
    });
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  readonly always = new Map<string, number>();

  answer(path: string, ...statuses: number[]) {
    this.scripts.set(path, statuses);
  }

  on(path: string) {
    return this.calls.filter((c) => c.path === path);
  }

  /** The first call to `path` whose body holds every one of `markers`, once it has come. */
  next(path: string, ...markers: string[]) {
    return eventually(
      async () => this.on(path).find((c) => markers.every((m) => c.body.includes(m))),
      15_000,
    );
  }

  async stop() {
    this.server.closeAllConnections();
    await new Promise((r) => this.server.close(r));
  }
}

type Endpoint = Schema<'WebhookEndpointCreated'>;
type Delivery = Schema<'WebhookDelivery'>;
type Message = Schema<'WebhookMessage'>;

const receiver = new Receiver();
/** Everything the suite saw go out, for the canary scan at the end. */
const seen: string[] = [];

async function register(as: string, path: string, eventTypes: string[]): Promise<Endpoint> {
  const res = await api.post('/v1/webhooks/endpoints', { url: `${receiver.url}${path}`, eventTypes }, as);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  registered.push({ as, id: res.body.id });
  return res.body;
}

async function submit(body: unknown, as = 'police-syd-system'): Promise<string> {
  const res = await api.post('/v1/referrals', body, as);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id;
}

async function deliveries(as: string, endpointId: string): Promise<Delivery[]> {
  const res = await api.get(`/v1/webhooks/endpoints/${endpointId}/deliveries`, as);
  expect(res.status).toBe(200);
  seen.push(JSON.stringify(res.body));
  return res.body.items;
}

async function feed(as: string, after?: string) {
  const res = await api.get(after ? `/v1/feed?after=${encodeURIComponent(after)}` : '/v1/feed', as);
  if (res.status === 200) seen.push(JSON.stringify(res.body));
  return res;
}

/** The personal data the referrals of this suite carry: it must reach none of what goes out. */
const withPersonalData = (overrides: Record<string, unknown> = {}) =>
  adultReferral({
    person: seededPerson(),
    narrative: SEEDED.narrative,
    ...overrides,
  });

beforeAll(async () => {
  await receiver.start();
});

const registered: { as: string; id: string }[] = [];

afterAll(async () => {
  // The platform outlives this file: its endpoints go, so later suites' referrals call nobody.
  for (const { as, id } of registered) await api.request('DELETE', `/v1/webhooks/endpoints/${id}`, { as });
  await receiver.stop();
});

describe('webhooks', () => {
  let police: Endpoint;
  let referralId: string;

  it('delivers a referrer its referral’s status change, signed per Standard Webhooks', async () => {
    police = await register('police-syd-system', '/police', ['referral.status-changed']);
    expect(police.secret).toMatch(/^whsec_/);
    // Shown once: the listing never carries it.
    const listed = await api.get('/v1/webhooks/endpoints', 'police-syd-system');
    expect(listed.body.items.find((e) => e.id === police.id)).not.toHaveProperty('secret');
    expect(JSON.stringify(listed.body)).not.toContain(police.secret);

    referralId = await submit(withPersonalData({ location: { municipalityCode: '1280' } })); // Malmö → syd
    const call = await receiver.next('/police', referralId);
    const message = new Webhook(police.secret).verify(call.body, call.headers) as Message;
    expect(message).toMatchObject({
      type: 'referral.status-changed',
      referralId,
      status: 'routed',
      reference: expect.stringMatching(/^NRM-\d{4}-\d{6}$/),
    });
    expect(call.headers['webhook-id']).toBe(message.id);
    // A wrong secret does not verify: the signature is real.
    expect(() =>
      new Webhook(`whsec_${Buffer.alloc(32, 1).toString('base64')}`).verify(call.body, call.headers),
    ).toThrow();
    const log = await deliveries('police-syd-system', police.id);
    expect(log.find((d) => d.id === message.id)).toMatchObject({ status: 'delivered', attempts: 1 });
  });

  it('retries after a 500 with backoff, and the same webhook-id', async () => {
    const office = await register('coordinator-syd', '/flaky', ['queue.arrived']);
    receiver.answer('/flaky', 500);
    const id = await submit(withPersonalData({ location: { municipalityCode: '1280' } }));
    const log = await eventually(async () => {
      const items = await deliveries('coordinator-syd', office.id);
      const mine = items.find((d) => d.message.referralId === id);
      return mine?.status === 'delivered' ? mine : undefined;
    }, 20_000);
    expect(log.attempts).toBe(2);
    expect(log.attemptLog.map((a) => a.outcome)).toEqual([500, 204]);
    // The second attempt was scheduled at least the base delay (1 s) after the first.
    const [first, second] = log.attemptLog.map((a) => Date.parse(a.at));
    expect(second! - first!).toBeGreaterThanOrEqual(1000);
    const calls = receiver.on('/flaky').filter((c) => c.body.includes(id));
    expect(calls).toHaveLength(2);
    expect(calls[0]!.headers['webhook-id']).toBe(calls[1]!.headers['webhook-id']);
    for (const c of calls) new Webhook(office.secret).verify(c.body, c.headers);
  });

  it('dead-letters a message that fails every attempt, disables the endpoint with a notice, and replays it', async () => {
    const office = await register('coordinator-nord', '/dead', ['queue.arrived']);
    receiver.always.set('/dead', 500);
    const id = await submit(withPersonalData({ location: { municipalityCode: '2480' } })); // Umeå → nord
    const failed = await eventually(async () => {
      const mine = (await deliveries('coordinator-nord', office.id)).find((d) => d.message.referralId === id);
      return mine?.status === 'failed' ? mine : undefined;
    }, 30_000);
    expect(failed.attempts).toBe(3);
    expect(failed.attemptLog.map((a) => a.outcome)).toEqual([500, 500, 500]);

    const listed = await api.get('/v1/webhooks/endpoints', 'coordinator-nord');
    expect(listed.body.items.find((e) => e.id === office.id)).toMatchObject({
      state: 'disabled',
      disabledReason: 'failing',
    });

    // The message is in the dead-letter queue (read straight from the SQS emulator).
    const sqs = sqsClient(platform);
    const { QueueUrl: dlqUrl } = await sqs.send(
      new GetQueueUrlCommand({ QueueName: `${platform.tablePrefix}webhooks-dlq` }),
    );
    const dead = await eventually(async () => {
      const { Messages = [] } = await sqs.send(
        new ReceiveMessageCommand({ QueueUrl: dlqUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
      );
      return Messages.find((m) => m.Body?.includes(failed.id));
    }, 10_000);
    seen.push(dead.Body ?? '');
    expect(JSON.parse(dead.Body!)).toEqual({
      delivery: { organisationId: 'coordinator-office:nord:adult', endpointId: office.id, id: failed.id },
    });

    // The organisation is told, by its mailbox, without a referral in the notice.
    const outbox = await fetch(`${platform.url}/local/outbox?format=json`).then(
      (r) => r.json() as Promise<{ eventType: string; to: string[]; text: string; subject: string }[]>,
    );
    const notice = outbox.find(
      (e) => e.eventType === 'webhook.endpoint-disabled' && e.text.includes(office.id),
    );
    expect(notice?.to).toEqual(['coordinator-office:nord:adult']);
    seen.push(JSON.stringify(notice));

    // While disabled nothing is replayed; enabled again, the replay from the log is delivered with the same id.
    const path = `/v1/webhooks/endpoints/${office.id}/deliveries/${failed.id}/replay` as const;
    expect((await api.post(path, {}, 'coordinator-nord')).status).toBe(409);
    receiver.always.delete('/dead');
    expect(
      (await api.post(`/v1/webhooks/endpoints/${office.id}/enable`, {}, 'coordinator-nord')).status,
    ).toBe(200);
    expect((await api.post(path, {}, 'coordinator-nord')).status).toBe(202);
    const replayed = await eventually(async () => {
      const mine = (await deliveries('coordinator-nord', office.id)).find((d) => d.id === failed.id);
      return mine?.status === 'delivered' ? mine : undefined;
    }, 15_000);
    expect(replayed.replays).toBe(1);
    const calls = receiver.on('/dead').filter((c) => c.headers['webhook-id'] === failed.id);
    expect(calls).toHaveLength(4);
    new Webhook(office.secret).verify(calls[3]!.body, calls[3]!.headers);
  });

  it('signs with both secrets during a rotation’s overlap, and with the new one alone after it', async () => {
    const rotated = await api.post(
      `/v1/webhooks/endpoints/${police.id}/rotate-secret`,
      { overlapMinutes: 60 },
      'police-syd-system',
    );
    expect(rotated.status).toBe(200);
    const fresh = rotated.body.secret;
    expect(fresh).not.toBe(police.secret);

    // The coordinators acknowledge the referral: its referrer's status changes.
    expect((await api.post(`/v1/referrals/${referralId}/acknowledge`, {}, 'coordinator-syd')).status).toBe(
      200,
    );
    const call = await receiver.next('/police', referralId, 'acknowledged');
    const { headers } = call;
    expect(headers['webhook-signature']!.split(' ')).toHaveLength(2);
    // Each secret on its own verifies the delivery: a receiver that has not switched yet and one that has.
    expect(new Webhook(police.secret).verify(call.body, headers)).toMatchObject({ status: 'acknowledged' });
    expect(new Webhook(fresh).verify(call.body, headers)).toMatchObject({ status: 'acknowledged' });

    // A rotation without overlap ends the old secret (here: the first one and the second) at once.
    const last = await api.post(
      `/v1/webhooks/endpoints/${police.id}/rotate-secret`,
      { overlapMinutes: 0 },
      'police-syd-system',
    );
    expect(
      (await api.post(`/v1/referrals/${referralId}/close`, { reason: 'no-indicators' }, 'coordinator-syd'))
        .status,
    ).toBe(200);
    const closed = await receiver.next('/police', referralId, '"closed"');
    const closedHeaders = closed.headers;
    expect(closedHeaders['webhook-signature']!.split(' ')).toHaveLength(1);
    expect(new Webhook(last.body.secret).verify(closed.body, closedHeaders)).toMatchObject({
      status: 'closed',
    });
    expect(() => new Webhook(fresh).verify(closed.body, closedHeaders)).toThrow();
  });

  it('refuses endpoints that are not https, or name a private or link-local host', async () => {
    for (const url of [
      'http://example.org/hook',
      'https://10.0.0.8/hook',
      'https://169.254.169.254/latest/meta-data',
      'https://user:pw@example.org/hook',
      'ftp://example.org/hook',
    ]) {
      const res = await api.post(
        '/v1/webhooks/endpoints',
        { url, eventTypes: ['queue.arrived'] },
        'coordinator-mitt',
      );
      expect(res.status, url).toBe(422);
    }
    const bad = await api.post(
      '/v1/webhooks/endpoints',
      { url: `${receiver.url}/x`, eventTypes: ['nothing'] },
      'coordinator-mitt',
    );
    expect(bad.status).toBe(400);
  });

  it('keeps every organisation to its own endpoints; the auditor has none', async () => {
    expect((await api.get(`/v1/webhooks/endpoints/${police.id}/deliveries`, 'coordinator-syd')).status).toBe(
      404,
    );
    expect(
      (await api.post(`/v1/webhooks/endpoints/${police.id}/enable`, {}, 'migrationsverket-system')).status,
    ).toBe(403);
    expect((await api.get('/v1/webhooks/endpoints', 'auditor')).status).toBe(403);
    expect((await feed('auditor')).status).toBe(403);
    // An agency system without the webhooks scope may read its feed but not manage endpoints.
    expect((await api.get('/v1/webhooks/endpoints', 'migrationsverket-system')).status).toBe(403);
    expect((await feed('migrationsverket-system')).status).toBe(200);
  });

  it('registers once for retries with the same Idempotency-Key, even racing, and refuses the key with another body', async () => {
    const as = 'coordinator-mitt';
    const key = { 'Idempotency-Key': `endpoint-${Date.now()}` };
    const body = { url: `${receiver.url}/retried`, eventTypes: ['queue.arrived'] };
    const answers = await Promise.all(
      Array.from({ length: 4 }, () => api.post('/v1/webhooks/endpoints', body, as, key)),
    );
    expect(answers.map((r) => r.status).sort(), JSON.stringify(answers.map((r) => r.body))).toEqual([
      200, 200, 200, 201,
    ]);
    const first = answers.find((r) => r.status === 201)!;
    registered.push({ as, id: first.body.id });
    // Every retry answers what the first registration did, its secret included (the receiver needs it to verify).
    for (const again of answers) expect(again.body).toEqual(first.body);
    expect(first.headers.get('location')).toBe(`/v1/webhooks/endpoints/${first.body.id}`);
    const listed = await api.get('/v1/webhooks/endpoints', as);
    expect(listed.body.items.filter((e) => e.url === body.url).map((e) => e.id)).toEqual([first.body.id]);
    expect(JSON.stringify(listed.body)).not.toContain(first.body.secret);

    // The same key with another request is refused; another key for the same URL is the usual 409.
    const other = await api.post(
      '/v1/webhooks/endpoints',
      { ...body, eventTypes: ['clock.breached'] },
      as,
      key,
    );
    expect(other.status).toBe(422);
    expect(problem(other)).toMatchObject({ status: 422, detail: expect.stringMatching(/Idempotency-Key/i) });
    const otherKey = await api.post('/v1/webhooks/endpoints', body, as, {
      'Idempotency-Key': `${key['Idempotency-Key']}-2`,
    });
    expect(otherKey.status).toBe(409);
    // A key is the organisation's own: another organisation using it registers its own endpoint.
    const elsewhere = await api.post('/v1/webhooks/endpoints', body, 'coordinator-syd', key);
    expect(elsewhere.status, JSON.stringify(elsewhere.body)).toBe(201);
    registered.push({ as: 'coordinator-syd', id: elsewhere.body.id });
    expect(elsewhere.body.id).not.toBe(first.body.id);
  });
});

describe('the event feed', () => {
  it('returns the messages the webhooks delivered, the same objects, each once, in the order recorded', async () => {
    // The feed shows a message once it is 5 s old (so no cursor passes one recorded late): read until all are there.
    const delivered = receiver.on('/police').map((c) => JSON.parse(c.body) as Message);
    expect(delivered.length).toBeGreaterThanOrEqual(3);
    const items: Message[] = [];
    let cursor: string | undefined;
    await eventually(
      async () => {
        for (let page = 0; page < 50; page++) {
          const res = await feed('police-syd-system', cursor);
          expect(res.status).toBe(200);
          items.push(...res.body.items);
          cursor = res.body.nextCursor ?? undefined;
          if (!res.body.items.length) break;
        }
        const ids = new Set(items.map((m) => m.id));
        return delivered.every((m) => ids.has(m.id)) ? true : undefined;
      },
      20_000,
      500,
    );
    // Each message once, however many pages and polls it took.
    expect(new Set(items.map((m) => m.id)).size).toBe(items.length);
    const byId = new Map(items.map((m) => [m.id, m]));
    for (const message of delivered) expect(byId.get(message.id)).toEqual(message);
    // One referral's messages come in the order they happened.
    const mine = items.filter((m) => m.referralId === delivered[0]!.referralId).map((m) => m.occurredAt);
    expect(mine).toEqual([...mine].sort());
    // The cursor at the end answers only what was recorded since: nothing read before.
    const again = await feed('police-syd-system', cursor);
    expect(again.status).toBe(200);
    for (const m of again.body.items) expect(byId.has(m.id)).toBe(false);
  });

  it('refuses a forged, altered or foreign cursor with 400', async () => {
    const own = await feed('police-syd-system');
    const cursor = own.body.nextCursor!;
    const [payload, mac] = cursor.split('.');
    const forged = `${Buffer.from(JSON.stringify({ pk: 'FEED#migrationsverket', sk: 'ITEM#' })).toString('base64url')}.${mac}`;
    expect((await feed('police-syd-system', forged)).status).toBe(400);
    expect((await feed('police-syd-system', `${payload}.${'A'.repeat(mac!.length)}`)).status).toBe(400);
    expect((await feed('police-syd-system', 'not-a-cursor')).status).toBe(400);
    // Police's cursor is not the coordinators' (it is signed for Police's feed).
    expect((await feed('coordinator-syd', cursor)).status).toBe(400);
  });
});

describe('the example agency client', () => {
  it('submits a referral, subscribes to its status changes and reads its status, with the typed client', async () => {
    const token = await api.token('police-syd-system');
    const result = await runAgencyExample({
      baseUrl: platform.url,
      token,
      webhookUrl: `${receiver.url}/agency-example`,
      idempotencyKey: `example-${Date.now()}`,
    });
    registered.push({ as: 'police-syd-system', id: result.endpoint.id });
    expect(result.status).toMatchObject({ view: 'status', id: result.created.id });
    const call = await receiver.next('/agency-example', result.created.id);
    expect(new Webhook(result.endpoint.secret).verify(call.body, call.headers)).toMatchObject({
      type: 'referral.status-changed',
      status: 'routed',
    });
  });
});

describe('canary scan', () => {
  it('finds no personal data in any delivery, feed item, delivery log or dead letter', () => {
    const outgoing = [...receiver.calls.map((c) => `${JSON.stringify(c.headers)}\n${c.body}`), ...seen];
    expect(outgoing.length).toBeGreaterThan(10);
    for (const text of outgoing) {
      for (const value of [...SEEDED_VALUES, '1991-07-13', '19121212']) expect(text).not.toContain(value);
    }
  });
});
