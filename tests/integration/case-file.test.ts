// Issue 12: the case file. The disclosure matrix the README shows, checked against the running API for every reader
// and purpose (offered and accepted, then after revoke, decline, consent withdrawal and closure); corrections that
// move a referral between tracks with its queue, clocks, report of concern and statistics; one audit entry per read
// naming the categories disclosed; and the canary values seeded at intake and in corrections found nowhere else.
import { readFileSync } from 'node:fs';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import {
  CASE_CATEGORIES,
  type CaseCategory,
  type Disclosure,
  disclosureMatrix,
  type HandoffPurpose,
  swedishCalendar,
} from '@nrm/domain';
import { readCounts, readPersons } from '@nrm/store';
import { describe, expect, inject, it } from 'vitest';
import { dynamoClient, readableItems, settle, sqsClient } from '../support/aws';
import { DISCLOSURE_END, DISCLOSURE_START, renderDisclosureMatrix } from '../support/disclosure-matrix';
import { apiClient, eventually, type Schema } from '../support/http';
import { SEEDED, SEEDED_IN_CORRECTIONS, SEEDED_VALUES } from '../support/personal-data';
import { asView, caseView, type FullView, submitRouted } from '../support/referral-flow';

const platform = inject('platform');
const api = apiClient(platform.url);
const db = dynamoClient(platform);

type CaseFile = Schema<'CaseFile'>;

// Canary values only corrections bring in: they must end up in the personal-data item and nowhere else (the
// integration platform's log is searched for them too, at the end of the run).
const CORRECTED = SEEDED_IN_CORRECTIONS;

const ALL_SCOPES = [
  { recipientType: 'nsp', purpose: 'nsp-shelter' },
  { recipientType: 'return-programme', purpose: 'return-programme' },
  { recipientType: 'social-services', purpose: 'social-services-investigation' },
  { recipientType: 'social-services', purpose: 'protection-assessment' },
  { recipientType: 'health-care', purpose: 'health-care' },
  { recipientType: 'migrationsverket', purpose: 'reflection-period-permit' },
  { recipientType: 'police', purpose: 'criminal-investigation' },
];

/** A referral with something in every category of the case file. */
function fullReferral(track: 'adult' | 'child') {
  return {
    person: {
      name: SEEDED.name,
      identityNumber: SEEDED.identityNumber,
      age: { dateOfBirth: track === 'adult' ? SEEDED.dateOfBirth : '2012-04-02' },
      gender: 'female',
      citizenships: ['RO'],
      languages: ['ro', 'en'],
      interpreterNeeded: true,
      residenceStatus: 'eu-citizen',
    },
    location: { municipalityCode: '1280' },
    exploitationLocation: { municipalityCode: '1280' },
    exploitation: { purposes: ['sexual'], indicators: ['debt-bondage'] },
    needs: {
      acuteProtection: true,
      shelter: true,
      medical: true,
      safetyThreat: true,
      vulnerabilities: ['pregnancy'],
    },
    consent: { status: 'given', sharing: ALL_SCOPES },
    willingToCooperateWithPolice: true,
    accompanyingChildren: [{ age: { estimatedYears: 4 } }],
    narrative: SEEDED.narrative,
  };
}

const PURPOSES: Record<HandoffPurpose, { track: 'adult' | 'child'; recipient: string; receiver: string }> = {
  'report-of-concern': {
    track: 'child',
    recipient: 'social-services:1280',
    receiver: 'receiver-socialtjanst-malmo',
  },
  'social-services-investigation': {
    track: 'adult',
    recipient: 'social-services:1280',
    receiver: 'receiver-socialtjanst-malmo',
  },
  'protection-assessment': {
    track: 'adult',
    recipient: 'social-services:1280',
    receiver: 'receiver-socialtjanst-malmo',
  },
  barnahus: { track: 'child', recipient: 'barnahus:malmo', receiver: 'receiver-barnahus-malmo' },
  'nsp-shelter': { track: 'adult', recipient: 'nsp', receiver: 'receiver-nsp' },
  'return-programme': {
    track: 'adult',
    recipient: 'return-programme',
    receiver: 'receiver-return-programme',
  },
  'reflection-period-permit': {
    track: 'adult',
    recipient: 'migrationsverket',
    receiver: 'receiver-migrationsverket',
  },
  'health-care': { track: 'adult', recipient: 'health-care:12', receiver: 'receiver-health-care-12' },
  'criminal-investigation': { track: 'adult', recipient: 'police:syd', receiver: 'receiver-police-syd' },
  'out-of-hours-protection': {
    track: 'child',
    recipient: 'social-services-out-of-hours:1280',
    receiver: 'receiver-socialjour-malmo',
  },
};

const coordinatorOf = (track: 'adult' | 'child') =>
  track === 'adult' ? 'coordinator-syd' : 'child-coordinator-syd';

/** A routed, acknowledged referral with a supplement from the referrer and a correction by the coordinator. */
async function preparedCase(track: 'adult' | 'child'): Promise<FullView> {
  const referral = await submitRouted(api, fullReferral(track));
  const coordinator = coordinatorOf(track);
  expect((await api.post(`/v1/referrals/${referral.id}/acknowledge`, {}, coordinator)).status).toBe(200);
  expect(
    (
      await api.post(
        `/v1/referrals/${referral.id}/supplements`,
        { text: 'Ny adress känd.' },
        'police-syd-system',
      )
    ).status,
  ).toBe(201);
  const correction = await api.post(
    `/v1/referrals/${referral.id}/corrections`,
    { reason: 'new-information', person: { alias: SEEDED.alias } },
    coordinator,
  );
  expect(correction.status, JSON.stringify(correction.body)).toBe(200);
  return referral;
}

async function offer(referralId: string, purpose: HandoffPurpose): Promise<string> {
  const { track, recipient } = PURPOSES[purpose];
  // Out of office hours an acute child is offered to the socialjour when routed: that offer is the one to answer.
  if (purpose === 'out-of-hours-protection') {
    const view = await caseView(api, referralId);
    const offered = view.handoffs.find((h) => h.purpose === purpose && h.status === 'offered');
    if (offered) return offered.id;
  }
  if (purpose === 'report-of-concern') {
    return eventually(async () => {
      const view = await caseView(api, referralId);
      return view.handoffs.find((h) => h.purpose === purpose && h.status === 'offered')?.id;
    }, 10_000);
  }
  const res = await api.post(
    `/v1/referrals/${referralId}/handoffs`,
    {
      recipient: { id: recipient },
      purpose,
      ...(track === 'child' ? { legalBasis: 'guardian-consent' } : {}),
    },
    coordinatorOf(track),
  );
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id;
}

/** Which level each category is shown at, read off the answer's content (not its own `disclosure`). */
function levelsShown(file: CaseFile): Record<CaseCategory, Disclosure | 'shown'> {
  const fields: Record<string, unknown> = file;
  const has = (key: string) => fields[key] !== undefined;
  const keys = (key: string) => Object.keys((fields[key] as object | undefined) ?? {});
  const level = (present: boolean, full: boolean): Disclosure =>
    !present ? 'hidden' : full ? 'visible' : 'summary';
  return {
    identity: level(has('identity'), true),
    age: level(
      has('age'),
      keys('age').some((k) => k !== 'ageGroup'),
    ),
    // Gender, languages and needs read the same in full and in summary.
    gender: has('gender') ? 'shown' : 'hidden',
    citizenship: level(has('citizenships'), true),
    languages: has('languages') ? 'shown' : 'hidden',
    'residence-status': level(has('residenceStatus'), true),
    location: level(has('location'), keys('location').includes('exploitation')),
    exploitation: level(has('exploitation'), keys('exploitation').includes('indicators')),
    needs: has('needs') ? 'shown' : 'hidden',
    vulnerabilities: level(has('vulnerabilities'), true),
    children: level(has('children'), keys('children').includes('items')),
    narrative: level(has('narrative'), true),
    'police-cooperation': level(has('policeCooperation'), true),
    supplements: level(has('supplements'), true),
    corrections: level(has('corrections'), true),
    consents: level(has('consents'), true),
  };
}

function mismatches(reader: string, file: CaseFile, expected: Record<CaseCategory, Disclosure>): string[] {
  const shown = levelsShown(file);
  const wrong = CASE_CATEGORIES.filter((c) => {
    const got = shown[c];
    return got === 'shown' ? expected[c] === 'hidden' : got !== expected[c];
  }).map((c) => `${reader} × ${c}: shown ${shown[c]}, matrix ${expected[c]}`);
  if (JSON.stringify(file.disclosure) !== JSON.stringify(expected))
    wrong.push(`${reader}: disclosure field differs`);
  return wrong;
}

const row = (reader: string) => disclosureMatrix().find((r) => r.reader === reader)!.cells;
const readCase = (id: string, as: string) => api.get(`/v1/referrals/${id}/case`, as);

describe('the disclosure matrix against the running API', () => {
  it('shows the README the matrix the suite checks (run `pnpm gen` after changing it)', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const section = readme.slice(
      readme.indexOf(DISCLOSURE_START) + DISCLOSURE_START.length,
      readme.indexOf(DISCLOSURE_END),
    );
    expect(section.trim()).toBe(renderDisclosureMatrix());
  });

  it('answers every reader and every purpose, offered and accepted, as the matrix says', async () => {
    const wrong: string[] = [];
    const adult = await preparedCase('adult');
    const coordinator = await readCase(adult.id, 'coordinator-syd');
    wrong.push(
      ...mismatches(
        'coordinator',
        coordinator.body,
        row("coordinators of the referral's queue (and the national coordinator in triage)"),
      ),
    );
    const referrer = await readCase(adult.id, 'police-syd-system');
    wrong.push(
      ...mismatches(
        'referrer',
        referrer.body,
        row('the referring organisation (what it submitted and added)'),
      ),
    );
    // The referrer reads back what it sent, not the alias the coordinator added.
    expect(referrer.body.identity).toEqual({ name: SEEDED.name, identityNumber: SEEDED.identityNumber });
    expect(coordinator.body.identity).toMatchObject({ alias: SEEDED.alias });
    expect((await readCase(adult.id, 'national-coordinator')).status).toBe(403);
    expect((await readCase(adult.id, 'coordinator-nord')).status).toBe(404);
    expect((await readCase(adult.id, 'receiver-nsp')).status).toBe(404);

    for (const purpose of Object.keys(PURPOSES) as HandoffPurpose[]) {
      const { track, receiver } = PURPOSES[purpose];
      const referral = await preparedCase(track);
      const handoffId = await offer(referral.id, purpose);
      const offered = await readCase(referral.id, receiver);
      expect(offered.status, `${purpose} offered`).toBe(200);
      expect(offered.body.view).toBe('offer');
      wrong.push(...mismatches(`${purpose}, offered`, offered.body, row(`${purpose}, offered`)));
      expect((await api.post(`/v1/handoffs/${handoffId}/accept`, {}, receiver)).status, purpose).toBe(200);
      const accepted = await readCase(referral.id, receiver);
      expect(accepted.body.view).toBe('disclosed');
      wrong.push(...mismatches(`${purpose}, accepted`, accepted.body, row(`${purpose}, accepted`)));
    }
    expect(wrong).toEqual([]);
  }, 300_000);

  it('finds no case file for the recipient after a revoke, a decline, a withdrawn consent or closure', async () => {
    const cases = await Promise.all([1, 2, 3, 4].map(() => preparedCase('adult')));
    const handoffs = await Promise.all(cases.map((c) => offer(c.id, 'nsp-shelter')));
    for (const c of cases) expect((await readCase(c.id, 'receiver-nsp')).status).toBe(200);

    const [revoked, declined, withdrawn, closed] = cases.map((c) => c.id) as [string, string, string, string];
    const [revokedHandoff, declinedHandoff, withdrawnHandoff, closedHandoff] = handoffs as [
      string,
      string,
      string,
      string,
    ];
    expect(
      (
        await api.post(
          `/v1/handoffs/${revokedHandoff}/revoke`,
          { reason: 'no-longer-needed' },
          'coordinator-syd',
        )
      ).status,
    ).toBe(200);
    expect(
      (await api.post(`/v1/handoffs/${declinedHandoff}/decline`, { reason: 'no-capacity' }, 'receiver-nsp'))
        .status,
    ).toBe(200);
    expect((await api.post(`/v1/handoffs/${withdrawnHandoff}/accept`, {}, 'receiver-nsp')).status).toBe(200);
    expect((await api.post(`/v1/handoffs/${closedHandoff}/accept`, {}, 'receiver-nsp')).status).toBe(200);
    expect((await readCase(withdrawn, 'receiver-nsp')).body.view).toBe('disclosed');
    // The person tells the coordinator she withdraws her consent; the coordinator records it. The shelter runs a
    // service beside the case and never owns it: the coordinator, who does, closes it.
    expect(
      (await api.post(`/v1/referrals/${withdrawn}/consents/consent-1/withdraw`, {}, 'coordinator-syd'))
        .status,
    ).toBe(200);
    expect(
      (await api.post(`/v1/referrals/${closed}/close`, { reason: 'support-established' }, 'receiver-nsp'))
        .status,
    ).toBe(403);
    expect(
      (await api.post(`/v1/referrals/${closed}/close`, { reason: 'support-established' }, 'coordinator-syd'))
        .status,
    ).toBe(200);

    for (const id of [revoked, declined, withdrawn, closed]) {
      const res = await readCase(id, 'receiver-nsp');
      expect(res.status, id).toBe(404);
      for (const value of SEEDED_VALUES) expect(JSON.stringify(res.body)).not.toContain(value);
    }
  }, 120_000);
});

describe('reading the case file is audited', () => {
  it('writes one entry per read, naming the categories disclosed and never a value', async () => {
    const referral = await preparedCase('adult');
    const handoffId = await offer(referral.id, 'nsp-shelter');
    const before = await api.get(`/v1/referrals/${referral.id}/audit`, 'auditor');
    await readCase(referral.id, 'coordinator-syd');
    await readCase(referral.id, 'receiver-nsp');
    await readCase(referral.id, 'coordinator-nord');
    await api.post(`/v1/handoffs/${handoffId}/accept`, {}, 'receiver-nsp');
    await readCase(referral.id, 'receiver-nsp');
    const trail = await api.get(`/v1/referrals/${referral.id}/audit`, 'auditor');
    expect(trail.body.intact).toBe(true);
    const reads = trail.body.entries
      .slice(before.body.entries.length)
      .filter((e) => e.action === 'referral.read-case');
    expect(reads.map((e) => [e.actor.sub, e.outcome])).toEqual([
      ['coordinator-syd', 'allowed'],
      ['receiver-nsp', 'allowed'],
      ['coordinator-nord', 'denied'],
      ['receiver-nsp', 'allowed'],
    ]);
    expect(reads[0]!.categories).toEqual([...CASE_CATEGORIES]);
    expect(reads[1]!.categories).toContain('age:summary');
    expect(reads[1]!.categories).not.toContain('identity');
    expect(reads[2]!.categories).toBeUndefined();
    expect(reads[3]!.categories).toContain('identity');
    expect(reads[3]!.categories).not.toContain('narrative');
    for (const value of SEEDED_VALUES) expect(JSON.stringify(trail.body)).not.toContain(value);
  });
});

/** This month's referral counts of one referring type in syd, per track: what a correction moves. */
async function syd(referringType: string) {
  const period = swedishCalendar.localDateOf(new Date().toISOString()).slice(0, 7);
  const rows = (await readCounts({ period })).rows.filter(
    (r) => r.region === 'syd' && r.referringType === referringType,
  );
  const sum = (track: string, name: string) =>
    rows.filter((r) => r.track === track).reduce((n, r) => n + (r.counts[name] ?? 0), 0);
  const persons = await readPersons(period);
  return {
    adults: sum('adult', 'age:adult'),
    minors: sum('child', 'age:child'),
    referrals: sum('adult', 'referrals') + sum('child', 'referrals'),
    persons: persons.persons,
    allReferrals: persons.referrals,
  };
}

describe('corrections', () => {
  it('moves an adult corrected to 16 to the children’s queue with its report of concern, clocks and statistics, and back', async () => {
    // Submitted by Migrationsverket, so this suite's statistics cells are its own.
    const body = {
      ...fullReferral('adult'),
      person: { ...fullReferral('adult').person, name: undefined, identityNumber: undefined },
      accompanyingChildren: [],
    };
    const referral = await submitRouted(api, body, 'migrationsverket-system');
    expect(referral.route?.queue).toBe('syd:adult');
    const counted = await eventually(async () => {
      const now = await syd('migrationsverket');
      return now.adults > 0 ? now : undefined;
    }, 10_000);
    // The month's totals of persons and referrals are the whole platform's: the work of earlier suites still being
    // counted would move them, so the platform settles first.
    await settle(sqsClient(platform), platform);
    const before = await syd('migrationsverket');
    expect(before.adults).toBeGreaterThanOrEqual(counted.adults);
    expect((await api.post(`/v1/referrals/${referral.id}/acknowledge`, {}, 'coordinator-syd')).status).toBe(
      200,
    );

    const correction = await api.post(
      `/v1/referrals/${referral.id}/corrections`,
      {
        reason: 'identity-established',
        comment: 'Passet visar rätt födelsedatum.',
        person: {
          age: { dateOfBirth: CORRECTED.dateOfBirth },
          name: CORRECTED.name,
          identityNumber: CORRECTED.identityNumber,
        },
      },
      'coordinator-syd',
    );
    expect(correction.status, JSON.stringify(correction.body)).toBe(200);
    expect(correction.body.fields.sort()).toEqual(['person.age', 'person.identityNumber', 'person.name']);
    expect(correction.body.route?.queue).toBe('syd:child');

    const child = await caseView(api, referral.id, 'child-coordinator-syd');
    expect(child.handoffs).toContainEqual(
      expect.objectContaining({
        purpose: 'report-of-concern',
        recipient: { type: 'social-services', id: 'social-services:1280' },
        status: 'offered',
      }),
    );
    // Out of office hours an acute child is also offered to the socialjour; its answer clock is not what this checks.
    const tonight = new Set(
      child.handoffs.filter((h) => h.purpose === 'out-of-hours-protection').map((h) => h.id),
    );
    const running = child.clocks
      .filter((c) => c.state !== 'stopped' && !(c.handoffId && tonight.has(c.handoffId)))
      .map((c) => c.kind)
      .sort();
    // The date of birth is known now: the transition alarm counts back from the 18th birthday.
    expect(running).toEqual(['acknowledge', 'child-decision', 'handoff-accept', 'owner-gap', 'turning-18']);
    const acknowledge = child.clocks.find((c) => c.kind === 'acknowledge' && c.state !== 'stopped')!;
    // The child track's acknowledgement runs round the clock: 4 hours.
    expect(Date.parse(acknowledge.dueAt) - Date.parse(acknowledge.startedAt)).toBe(4 * 3_600_000);
    expect((await api.get(`/v1/referrals/${referral.id}`, 'coordinator-syd')).status).toBe(404);
    const caseFile = await readCase(referral.id, 'child-coordinator-syd');
    expect(caseFile.body.corrections).toEqual([
      expect.objectContaining({
        fields: expect.arrayContaining(['person.age']),
        reason: 'identity-established',
      }),
    ]);

    await eventually(async () => {
      const now = await syd('migrationsverket');
      return now.adults === before.adults - 1 && now.minors === before.minors + 1 ? now : undefined;
    }, 10_000);
    const moved = await syd('migrationsverket');
    expect(moved.referrals).toBe(before.referrals);
    expect(moved.allReferrals).toBe(before.allReferrals);
    expect(moved.persons).toBe(before.persons);

    // The reverse: an age assessment finds an adult.
    const back = await api.post(
      `/v1/referrals/${referral.id}/corrections`,
      {
        reason: 'age-assessment',
        ageAssessment: {
          method: 'medical-dental',
          result: { estimatedYears: 25 },
          date: '2026-11-01',
          assessedBy: 'Rättsmedicinalverket',
        },
      },
      'child-coordinator-syd',
    );
    expect(back.status, JSON.stringify(back.body)).toBe(200);
    expect(back.body.route?.queue).toBe('syd:adult');
    const adult = await caseView(api, referral.id, 'coordinator-syd');
    expect(adult.handoffs.find((h) => h.purpose === 'report-of-concern')?.status).toBe('revoked');
    expect(adult.clocks.filter((c) => c.kind === 'child-decision').map((c) => c.state)).toEqual(['stopped']);
    const events = await api.get(`/v1/referrals/${referral.id}/events`, 'coordinator-syd');
    expect(events.body.events).toContainEqual(
      expect.objectContaining({
        type: 'clock.stopped.v1',
        data: expect.objectContaining({ kind: 'child-decision', reason: 'track-changed' }),
      }),
    );
    await eventually(async () => {
      const now = await syd('migrationsverket');
      return now.adults === before.adults && now.minors === before.minors ? now : undefined;
    }, 10_000);
    expect((await syd('migrationsverket')).referrals).toBe(before.referrals);
  }, 120_000);

  it('keeps corrected values out of events, queues, notifications, statistics and error bodies', async () => {
    const referral = await preparedCase('adult');
    const res = await api.post(
      `/v1/referrals/${referral.id}/corrections`,
      {
        reason: 'new-information',
        person: { name: CORRECTED.name, identityNumber: CORRECTED.identityNumber },
      },
      'coordinator-syd',
    );
    expect(res.status).toBe(200);
    const bad = await api.post(
      `/v1/referrals/${referral.id}/corrections`,
      {
        reason: 'new-information',
        person: { identityNumber: `${CORRECTED.identityNumber}1`, name: CORRECTED.name },
      },
      'coordinator-syd',
    );
    expect(bad.status).toBe(400);
    const canaries = SEEDED_VALUES;
    for (const value of canaries) expect(JSON.stringify(bad.body)).not.toContain(value);

    const scan = async (table: string) => {
      const items: unknown[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const page = await db.send(
          new ScanCommand({
            TableName: `${platform.tablePrefix}${table}`,
            ExclusiveStartKey: start as never,
          }),
        );
        // The referral's state is stored compressed: the scan reads it opened.
        items.push(...readableItems(page.Items ?? []));
        start = page.LastEvaluatedKey;
      } while (start);
      return items;
    };
    // In the referrals table only the personal-data items may hold them (notes hold free text, not these values).
    const referrals = (await scan('referrals')) as { sk?: { S?: string } }[];
    const outsidePersonal = referrals.filter((i) => i.sk?.S !== 'PERSONAL');
    const statistics = await scan('statistics');
    const audit = await scan('audit');
    for (const [where, items] of [
      ['referrals outside PERSONAL', outsidePersonal],
      ['statistics', statistics],
      ['audit', audit],
    ] as const) {
      const text = JSON.stringify(items);
      for (const value of Object.values(CORRECTED)) expect(text, where).not.toContain(value);
    }
    const queue = await api.get(`/v1/queues/syd:adult/referrals?limit=100`, 'coordinator-syd');
    const outbox = await fetch(`${platform.url}/local/outbox`).then((r) => r.text());
    for (const value of canaries) {
      expect(JSON.stringify(queue.body)).not.toContain(value);
      expect(outbox).not.toContain(value);
    }
  });

  it('finds the person of an identity number added later among earlier referrals', async () => {
    const identityNumber = '198507099805';
    const person = { age: { estimatedYears: 35 }, gender: 'female', citizenships: ['BG'] };
    const known = await submitRouted(api, {
      ...fullReferral('adult'),
      person: { ...person, identityNumber },
      accompanyingChildren: [],
    });
    const later = await submitRouted(api, { ...fullReferral('adult'), person, accompanyingChildren: [] });
    // The national coordinator is told which referrals; a coordinator only that there are some.
    const duplicates = (id: string) =>
      api.get(`/v1/referrals/${id}/possible-duplicates`, 'national-coordinator');
    expect((await duplicates(later.id)).body.possibleDuplicate).toBe(false);
    const res = await api.post(
      `/v1/referrals/${later.id}/corrections`,
      { reason: 'identity-established', person: { identityNumber } },
      'coordinator-syd',
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    await eventually(async () => {
      const found = (await duplicates(later.id)).body.otherReferralIds;
      return found?.includes(known.id) ? found : undefined;
    }, 10_000);
  });

  it('opens a case for an anonymous notification when the person consents, on the same referral', async () => {
    const anonymous = await submitRouted(api, {
      ...fullReferral('adult'),
      consent: { status: 'not-given' },
      accompanyingChildren: [],
    });
    const before = await readCase(anonymous.id, 'coordinator-syd');
    expect(before.body.anonymous).toBe(true);
    expect(before.body.identity).toBeUndefined();
    expect(
      (
        await api.post(
          `/v1/referrals/${anonymous.id}/corrections`,
          { reason: 'other', person: { alias: 'X' } },
          'coordinator-syd',
        )
      ).status,
    ).toBe(409);
    const opened = await api.post(
      `/v1/referrals/${anonymous.id}/case`,
      {
        person: { alias: SEEDED.alias, age: { estimatedYears: 30 }, gender: 'female', languages: ['ro'] },
        consent: { sharing: [{ recipientType: 'nsp', purpose: 'nsp-shelter' }] },
      },
      'coordinator-syd',
    );
    expect(opened.status, JSON.stringify(opened.body)).toBe(200);
    const openedCase = asView(opened.body, 'case');
    expect(openedCase.reference).toBe(anonymous.reference);
    expect(openedCase.anonymous).toBe(false);
    expect(openedCase.consents).toEqual([
      expect.objectContaining({ recordedBy: expect.objectContaining({ sub: 'coordinator-syd' }) }),
    ]);
    const after = await readCase(anonymous.id, 'coordinator-syd');
    expect(after.body.identity).toEqual({ alias: SEEDED.alias });
    expect(after.body.caseOpened).toMatchObject({ by: { sub: 'coordinator-syd' } });
    expect(
      (
        await api.post(
          `/v1/referrals/${anonymous.id}/case`,
          { person: { age: { unknown: true }, gender: 'unknown' }, consent: {} },
          'coordinator-syd',
        )
      ).status,
    ).toBe(409);
  });
});
