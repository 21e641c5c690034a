import { describe, expect, inject, it } from 'vitest';
import {
  ENDPOINTS,
  type Endpoint,
  expected,
  type MatrixRole,
  README_END,
  README_START,
  ROLES,
  renderMatrix,
  SITUATIONS,
  type Situation,
} from '../support/access-matrix';
import { adultReferral, referral } from '../support/fixtures';
import { apiClient, eventually } from '../support/http';
import { readmeSection } from '../support/readme';
import { caseView } from '../support/referral-flow';

const { url } = inject('platform');
const api = apiClient(url);

const IDENTITY: Record<Situation, Record<MatrixRole, string>> = Object.fromEntries(
  SITUATIONS.map((situation) => [
    situation,
    {
      'referrer, own referral': 'police-syd-system',
      "referrer, someone else's": 'cso-stodgruppen',
      'regional coordinator, own region': 'coordinator-syd',
      'regional coordinator, other region': 'coordinator-nord',
      "children's coordinator, own region": 'child-coordinator-syd',
      "children's coordinator, other region": 'child-coordinator-nord',
      'national coordinator': 'national-coordinator',
      'receiver, hand-off recipient':
        situation === 'adult referral in syd' ? 'receiver-nsp' : 'receiver-socialtjanst-malmo',
      'receiver, not the recipient': 'receiver-return-programme',
      auditor: 'auditor',
      'regional lead, own region and track':
        situation === 'adult referral in syd' ? 'lead-syd' : 'child-lead-syd',
      'regional lead, other region': situation === 'adult referral in syd' ? 'lead-nord' : 'child-lead-nord',
    },
  ]),
) as Record<Situation, Record<MatrixRole, string>>;

// not an API answer: what a row of the matrix starts from
interface Prepared {
  id: string;
  queue: string;
  handoffId: string;
  reference?: string;
}

/** The colleague a referral is given to: a coordinator of the same office, on its roster once she opens her cases. */
const colleague = (s: Situation) => (isChild(s) ? 'child-coordinator-syd-2' : 'coordinator-syd-2');

const isChild = (s: Situation) => s === 'child referral in syd';
const owner = (s: Situation) => (isChild(s) ? 'child-coordinator-syd' : 'coordinator-syd');

async function submitRouted(situation: Situation): Promise<Pick<Prepared, 'id' | 'queue'>> {
  const body = isChild(situation)
    ? referral({
        person: { age: { estimatedYears: 15 }, gender: 'female' },
        location: { municipalityCode: '1280' },
      })
    : adultReferral({ location: { municipalityCode: '1280' } });
  const res = await api.post('/v1/referrals', body, 'police-syd-system');
  expect(res.status).toBe(201);
  const queue = await eventually(async () => {
    const r = await caseView(api, res.body.id);
    return r.status === 'routed' ? r.route!.queue : undefined;
  }, 10_000);
  return { id: res.body.id, queue };
}

/** Routed, acknowledged by its coordinator, with a hand-off offered (the child track offers one by itself). */
async function prepare(situation: Situation, stage: 'routed' | 'base' | 'closed'): Promise<Prepared> {
  const { id, queue } = await submitRouted(situation);
  if (stage === 'routed') return { id, queue, handoffId: '' };
  expect((await api.post(`/v1/referrals/${id}/acknowledge`, {}, owner(situation))).status).toBe(200);
  if (!isChild(situation)) {
    const offer = await api.post(
      `/v1/referrals/${id}/handoffs`,
      { recipient: { id: 'nsp' }, purpose: 'nsp-shelter' },
      owner(situation),
    );
    expect(offer.status, JSON.stringify(offer.body)).toBeLessThan(300);
  }
  const handoffId = await eventually(async () => {
    const r = await caseView(api, id);
    return r.handoffs.find((h) => h.status === 'offered')?.id;
  }, 10_000);
  if (stage === 'closed') {
    expect(
      (await api.post(`/v1/referrals/${id}/close`, { reason: 'support-established' }, owner(situation)))
        .status,
    ).toBe(200);
  }
  return { id, queue, handoffId };
}

let barnahusId: string | undefined;

async function call(situation: Situation, endpoint: Endpoint, as: string, r: Prepared): Promise<number> {
  const ref = `/v1/referrals/${r.id}` as const;
  switch (endpoint) {
    case 'read':
      return (await api.get(ref, as)).status;
    case 'queue':
      return (await api.get(`/v1/queues/${r.queue}/referrals`, as)).status;
    case 'acknowledge':
      return (await api.post(`${ref}/acknowledge`, {}, as)).status;
    case 'note':
      return (await api.post(`${ref}/notes`, { text: 'Samtal med kontaktperson.' }, as)).status;
    case 'handoff': {
      barnahusId ??= (
        await api.get('/v1/directory/organisations?type=barnahus&region=syd', 'coordinator-syd')
      ).body.items[0]?.id;
      const body = isChild(situation)
        ? { recipient: { id: barnahusId }, purpose: 'barnahus', legalBasis: 'guardian-consent' }
        : { recipient: { id: 'return-programme' }, purpose: 'return-programme' };
      return (await api.post(`${ref}/handoffs`, body, as)).status;
    }
    case 'consent':
      return (
        await api.post(
          `${ref}/consents`,
          isChild(situation)
            ? { recipientType: 'nsp', purpose: 'nsp-shelter' }
            : { recipientType: 'migrationsverket', purpose: 'reflection-period-permit' },
          as,
        )
      ).status;
    case 'transfer':
      return (
        await api.post(
          `${ref}/transfer`,
          { queue: isChild(situation) ? 'mitt:child' : 'mitt:adult', reason: 'person-moved' },
          as,
        )
      ).status;
    case 'close':
      return (await api.post(`${ref}/close`, { reason: 'support-established' }, as)).status;
    case 'reopen':
      return (await api.post(`${ref}/reopen`, { reason: 'relapse' }, as)).status;
    case 'supplement':
      return (await api.post(`${ref}/supplements`, { text: 'Ny uppgift om boende.' }, as)).status;
    case 'accept':
      return (await api.post(`/v1/handoffs/${r.handoffId}/accept`, {}, as)).status;
    case 'decline':
      return (await api.post(`/v1/handoffs/${r.handoffId}/decline`, { reason: 'no-capacity' }, as)).status;
    case 'audit':
      return (await api.get(`${ref}/audit`, as)).status;
    case 'events':
      return (await api.get(`${ref}/events`, as)).status;
    case 'notes':
      return (await api.get(`${ref}/notes`, as)).status;
    case 'case':
      return (await api.get(`${ref}/case`, as)).status;
    case 'correct':
      return (
        await api.post(`${ref}/corrections`, { reason: 'new-information', person: { alias: 'Mira' } }, as)
      ).status;
    case 'pause': {
      const view = await caseView(api, r.id);
      const clock = view.clocks.find((c) => c.kind === 'owner-gap' && c.state !== 'stopped')!;
      return (await api.post(`${ref}/clocks/${clock.id}/pause`, { reason: 'person-unreachable' }, as)).status;
    }
    case 'permit':
      return (
        await api.post(
          `${ref}/permits`,
          {
            kind: 'reflection-period',
            appliedBy: 'social-services',
            appliedOn: new Date().toISOString().slice(0, 10),
          },
          as,
        )
      ).status;
    case 'start':
      return (await api.post(`/v1/handoffs/${r.handoffId}/start`, {}, as)).status;
    case 'assign':
      return (await api.post(`${ref}/assign`, { assignee: colleague(situation) }, as)).status;
    case 'team':
      return (await api.get(`/v1/queues/${r.queue}/team`, as)).status;
    case 'lookup': {
      r.reference ??= (await api.get(ref, 'national-coordinator')).body.reference;
      return (await api.get(`/v1/references/${r.reference}`, as)).status;
    }
  }
}

/** The state an allowed write needs to succeed. */
const STAGE_FOR: Partial<Record<Endpoint, 'routed' | 'closed'>> = { acknowledge: 'routed', reopen: 'closed' };

describe.each(SITUATIONS)('access matrix: %s', (situation) => {
  it('answers every role at every endpoint as the matrix says', async () => {
    expect((await api.get('/v1/my/cases', colleague(situation))).status).toBe(200);
    const shared = await prepare(situation, 'base');
    const mismatches: string[] = [];
    for (const role of ROLES) {
      for (const endpoint of ENDPOINTS) {
        const want = expected(situation, role, endpoint);
        const allowedWrite =
          want === 'ok' &&
          !['read', 'queue', 'audit', 'events', 'notes', 'case', 'team', 'lookup'].includes(endpoint);
        const target = allowedWrite ? await prepare(situation, STAGE_FOR[endpoint] ?? 'base') : shared;
        const status = await call(situation, endpoint, IDENTITY[situation][role], target);
        const got = status >= 200 && status < 300 ? 'ok' : status;
        if (got !== want) mismatches.push(`${role} × ${endpoint}: got ${status}, expected ${want}`);
      }
    }
    expect(mismatches).toEqual([]);
  }, 300_000);
});

describe('the README', () => {
  it('shows the matrix the suite checks (run `pnpm gen` after changing it)', () => {
    expect(readmeSection(README_START, README_END)).toBe(renderMatrix());
  });
});
