// Demo data for the national dashboard: a realistic year of referrals made through the public API of a running local
// platform, with the platform's clock moved to each moment, so every event carries its true time. The 2022 mix of
// domain.md §1 (about 73 % adults, 15 % children, 12 % age unknown; half sexual exploitation; Romania, Ukraine,
// Thailand, Bulgaria, Nigeria first), two police operations that bring bursts, some people referred twice by
// different agencies, acknowledgement delays of minutes to days and hand-offs answered within hours to days.
// Run `pnpm start` first, then: tsx packages/local/src/demo-data.ts [--count 500] [--days 360] [--url http://…]
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '500' },
    days: { type: 'string', default: '360' },
    url: { type: 'string', default: process.env.NRM_URL ?? `http://127.0.0.1:${process.env.PORT ?? 3000}` },
    seed: { type: 'string', default: '2022' },
  },
});
const COUNT = Number(values.count);
// The local clock may be set back at most 365 days, so the year is the one that ends now.
const DAYS = Math.min(360, Number(values.days));
const BASE = values.url;
const HOUR = 3_600_000;
const MINUTE = 60_000;

let state = Number(values.seed) >>> 0;
function rnd(): number {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
function pick<T>(weighted: readonly (readonly [T, number])[]): T {
  let r = rnd() * weighted.reduce((s, [, w]) => s + w, 0);
  for (const [value, w] of weighted) {
    r -= w;
    if (r < 0) return value;
  }
  return weighted[0]![0];
}

const tokens = new Map<string, string>();
async function call<T>(
  method: string,
  path: string,
  as?: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const headers: Record<string, string> = {};
  if (as) {
    if (!tokens.has(as)) {
      const res = await fetch(`${BASE}/local/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ identity: as }),
      });
      tokens.set(as, ((await res.json()) as { access_token: string }).access_token);
    }
    headers.authorization = `Bearer ${tokens.get(as)}`;
  }
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${BASE}${path}`, {
    method,
    headers,
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
}

/** Moves the platform's clock to `at`; the API and every worker then read that time. */
async function clockTo(at: number): Promise<void> {
  const res = await call('POST', '/local/clock', undefined, { offsetMs: Math.round(at - Date.now()) });
  if (res.status !== 200) throw new Error(`The platform refused to move its clock: ${res.status}`);
}

/** A valid personal identity number (Luhn) for a date of birth: yyyymmdd + 3 digits + check digit. */
function identityNumber(dateOfBirth: string, serial: number): string {
  const nine = `${dateOfBirth.slice(2).replaceAll('-', '')}${String(serial % 1000).padStart(3, '0')}`;
  const sum = [...nine].reduce((s, d, i) => {
    const v = Number(d) * (i % 2 === 0 ? 2 : 1);
    return s + (v > 9 ? v - 9 : v);
  }, 0);
  return `${dateOfBirth.slice(0, 4)}${nine.slice(2)}${(10 - (sum % 10)) % 10}`;
}

const MUNICIPALITIES = [
  ['0180', 30],
  ['1480', 18],
  ['1280', 17],
  ['0380', 8],
  ['0580', 8],
  ['1880', 7],
  ['2480', 4],
  ['', 8],
] as const;
const REFERRERS = [
  ['police-syd-system', 30],
  ['migrationsverket-system', 25],
  ['socialtjanst-malmo-handlaggare', 15],
  ['cso-stodgruppen', 30],
] as const;
const CITIZENSHIPS = [
  ['RO', 22],
  ['UA', 12],
  ['TH', 10],
  ['BG', 9],
  ['NG', 9],
  ['SE', 8],
  ['VN', 5],
  ['AF', 5],
  ['MA', 4],
] as const;
const PURPOSES = [
  ['sexual', 46],
  ['labour', 25],
  ['begging', 8],
  ['criminal', 12],
  ['forced-marriage', 4],
  ['other', 5],
] as const;

interface Planned {
  at: number;
  referrer: string;
  body: Record<string, unknown>;
  municipality: string;
  ackDelayMs: number;
  answerDelayMs: number;
  handoff: 'nsp' | 'social-services' | null;
}

function plan(): Planned[] {
  const start = Date.now() - DAYS * 24 * HOUR;
  const span = (DAYS - 5) * 24 * HOUR;
  const operations = [0.3, 0.7].map((f) => start + Math.floor(f * span));
  const people: Record<string, unknown>[] = [];
  const referrals: Planned[] = [];
  for (let i = 0; i < COUNT; i++) {
    const burst = rnd() < 0.12;
    const at = burst
      ? operations[Math.floor(rnd() * 2)]! + Math.floor(rnd() * 8 * HOUR)
      : start + Math.floor(rnd() * span);
    const group = pick([
      ['adult', 73],
      ['child', 15],
      ['unknown', 12],
    ] as const);
    const municipality = pick(MUNICIPALITIES);
    const repeat = people.length > 0 && rnd() < 0.08;
    const year = new Date(at).getUTCFullYear();
    const born = group === 'child' ? year - 13 - Math.floor(rnd() * 4) : year - 20 - Math.floor(rnd() * 35);
    const dateOfBirth = `${born}-${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}`;
    const person = repeat
      ? people[Math.floor(rnd() * people.length)]!
      : {
          age:
            group === 'unknown'
              ? { unknown: true, mayBeMinor: rnd() < 0.5 }
              : rnd() < 0.6
                ? { dateOfBirth }
                : { estimatedYears: year - born, mayBeMinor: group === 'child' },
          gender: pick([
            ['female', 58],
            ['male', 38],
            ['non-binary', 1],
            ['trans', 1],
            ['unknown', 2],
          ] as const),
          citizenships: [pick(CITIZENSHIPS)],
          ...(group !== 'unknown' && rnd() < 0.5 ? { identityNumber: identityNumber(dateOfBirth, i) } : {}),
        };
    if (!repeat) people.push(person);
    const child = group !== 'adult';
    const consented = child || rnd() < 0.95;
    // An adult's hand-off rests on consent to it: the person agreed to what the coordinator will arrange.
    const handoff =
      child || !consented
        ? null
        : rnd() < 0.5
          ? 'nsp'
          : rnd() < 0.6 && municipality
            ? 'social-services'
            : null;
    const sharing =
      handoff === 'nsp'
        ? [{ recipientType: 'nsp', purpose: 'nsp-shelter' }]
        : handoff === 'social-services'
          ? [{ recipientType: 'social-services', purpose: 'social-services-investigation' }]
          : [];
    referrals.push({
      at,
      referrer: burst ? 'police-syd-system' : pick(REFERRERS),
      municipality,
      body: {
        person,
        location: municipality ? { municipalityCode: municipality } : { unknown: true },
        exploitation: { purposes: [pick(PURPOSES)] },
        needs: { acuteProtection: rnd() < 0.2 },
        consent: consented
          ? { status: 'given', ...(sharing.length ? { sharing } : {}) }
          : { status: 'not-given' },
        accompanyingChildren: [],
      },
      ackDelayMs: rnd() < 0.8 ? (10 + rnd() * 300) * MINUTE : (6 + rnd() * 90) * HOUR,
      answerDelayMs: rnd() < 0.75 ? (30 + rnd() * 600) * MINUTE : (12 + rnd() * 100) * HOUR,
      handoff,
    });
  }
  return referrals.sort((a, b) => a.at - b.at);
}

interface View {
  status: string;
  route: { region: string | null; track: string; queue: string } | null;
  handoffs: { id: string; recipient: { id: string; type: string }; status: string }[];
}

type Action = { at: number; run: () => Promise<void> };

async function main() {
  const health = await fetch(`${BASE}/health`).catch(() => undefined);
  if (!health?.ok) throw new Error(`No platform answers at ${BASE}; start it with pnpm start`);
  const referrals = plan();
  // Actions are done in time order, so the clock only moves forward while the year is made.
  const actions: Action[] = referrals.map((r) => ({ at: r.at, run: () => submit(r) }));
  const pending = new Map<string, Planned>();
  let done = 0;

  async function submit(r: Planned) {
    const res = await call<{ id: string }>('POST', '/v1/referrals', r.referrer, r.body);
    if (res.status !== 201) throw new Error(`Submission refused: ${res.status} ${JSON.stringify(res.body)}`);
    pending.set(res.body.id, r);
    schedule({ at: r.at + r.ackDelayMs, run: () => acknowledge(res.body.id, r) });
  }

  async function routed(id: string): Promise<View> {
    for (let i = 0; i < 100; i++) {
      const view = await call<View>('GET', `/v1/referrals/${id}`, 'national-coordinator');
      if (view.body.route) return view.body;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('A referral was not routed within 10 s');
  }

  const coordinatorOf = (view: View) =>
    view.route?.region
      ? `${view.route.track === 'child' ? 'child-coordinator' : 'coordinator'}-${view.route.region}`
      : 'national-coordinator';

  async function acknowledge(id: string, r: Planned) {
    const view = await routed(id);
    const coordinator = coordinatorOf(view);
    await call('POST', `/v1/referrals/${id}/acknowledge`, coordinator, {});
    const answerAt = r.at + r.ackDelayMs + r.answerDelayMs;
    // A child's report of concern was offered to social services at routing: they answer it.
    for (const h of view.handoffs.filter((x) => x.status === 'offered')) {
      schedule({ at: answerAt, run: () => answer(h.id, h.recipient.id) });
    }
    if (r.handoff) {
      const recipient = r.handoff === 'nsp' ? 'nsp' : `social-services:${r.municipality}`;
      const purpose = r.handoff === 'nsp' ? 'nsp-shelter' : 'social-services-investigation';
      const offered = await call<{ id: string }>('POST', `/v1/referrals/${id}/handoffs`, coordinator, {
        recipient: { id: recipient },
        purpose,
      });
      if (offered.status === 201) schedule({ at: answerAt, run: () => answer(offered.body.id, recipient) });
    }
  }

  async function answer(handoffId: string, organisationId: string) {
    const receiver =
      organisationId === 'nsp' ? 'receiver-nsp' : `receiver-${organisationId.replaceAll(':', '-')}`;
    if (rnd() < 0.9) await call('POST', `/v1/handoffs/${handoffId}/accept`, receiver, {});
    else await call('POST', `/v1/handoffs/${handoffId}/decline`, receiver, { reason: 'no-capacity' });
  }

  function schedule(action: Action) {
    // Nothing after now: what has not happened by then still waits on the dashboard.
    if (action.at < Date.now()) actions.push(action);
  }

  try {
    while (actions.length) {
      actions.sort((a, b) => a.at - b.at);
      const action = actions.shift()!;
      await clockTo(action.at);
      await action.run();
      done += 1;
      if (done % 100 === 0) console.log(`${done} actions, ${new Date(action.at).toISOString().slice(0, 10)}`);
    }
  } finally {
    await call('POST', '/local/clock', undefined, { offsetMs: 0 });
  }
  console.log(
    `${referrals.length} referrals of the last ${DAYS} days made through the API (${done} actions).`,
  );
}

await main();
