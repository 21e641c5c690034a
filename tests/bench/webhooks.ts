// `pnpm bench:webhooks` (issue 17): how long after a referral is submitted its referrer's system hears of it. The
// platform runs in its own process (as `pnpm start --in-memory --no-demo`); a receiver in this process verifies each
// delivery with the `standardwebhooks` package and notes when it arrived. Prints submit → delivered (the referral's
// `routed` status change) and the time to read the whole feed a page at a time.
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { load, record, startPlatformProcess, summarise } from './support';

const TOTAL = Number(process.env.BENCH_REFERRALS ?? 100);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);

const body = {
  person: { age: { estimatedYears: 24 }, gender: 'female', citizenships: ['RO'] },
  location: { municipalityCode: '1280' },
  exploitation: { purposes: ['sexual'] },
  needs: { acuteProtection: false },
  consent: { status: 'given' },
};

const arrivals = new Map<string, number>();
let secret = '';
let refused = 0;
const receiver = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const at = performance.now();
    try {
      const message = new Webhook(secret).verify(
        Buffer.concat(chunks).toString('utf8'),
        req.headers as never,
      ) as {
        referralId: string;
        status: string;
      };
      if (message.status === 'routed' && !arrivals.has(message.referralId))
        arrivals.set(message.referralId, at);
    } catch {
      refused++;
    }
    res.writeHead(204).end();
  });
});
receiver.listen(0, '127.0.0.1');
await once(receiver, 'listening');
const hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;

const platform = await startPlatformProcess({ NRM_RATE_LIMIT_PER_MINUTE: '1000000' });
try {
  const { access_token: token } = (await fetch(`${platform.url}/local/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ identity: 'police-syd-system' }),
  }).then((r) => r.json())) as { access_token: string };
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const endpoint = (await fetch(`${platform.url}/v1/webhooks/endpoints`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ url: hook, eventTypes: ['referral.status-changed'] }),
  }).then((r) => r.json())) as { secret: string };
  secret = endpoint.secret;

  const submitted = new Map<string, number>();
  await load(TOTAL, CONCURRENCY, async () => {
    const res = await fetch(`${platform.url}/v1/referrals`, {
      method: 'POST',
      headers,
      body: JSON.stringify(body),
    });
    const { id } = (await res.json()) as { id: string };
    submitted.set(id, performance.now());
  });
  const deadline = Date.now() + 120_000;
  while (arrivals.size < submitted.size && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 100));
  const latencies = [...submitted].filter(([id]) => arrivals.has(id)).map(([id, t]) => arrivals.get(id)! - t);

  // The feed shows a message once it is 5 s old (FEED_SETTLE_MS): wait that out, then time the reads alone.
  await new Promise((r) => setTimeout(r, 6000));
  const feedStarted = performance.now();
  let items = 0;
  let pages = 0;
  let after: string | null = null;
  for (;;) {
    const page = (await fetch(
      `${platform.url}/v1/feed?limit=100${after ? `&after=${encodeURIComponent(after)}` : ''}`,
      { headers },
    ).then((r) => r.json())) as { items: unknown[]; nextCursor: string | null };
    pages++;
    if (!page.items.length) break;
    items += page.items.length;
    after = page.nextCursor;
  }
  const feedMs = Math.round(performance.now() - feedStarted);

  const figures = {
    referrals: TOTAL,
    delivered: latencies.length,
    unverified: refused,
    submitToDeliveredMs: summarise(latencies),
    feed: { items, pages, ms: feedMs },
  };
  console.log(JSON.stringify(figures, null, 2));
  record('webhooks', figures);
} finally {
  await platform.stop();
  receiver.close();
}
