// Issue 3, what it must show 6: no notification carries the person's name, date of birth, identity number or
// narrative. Personal data is sent on purpose, through every path that could reach a notification (intake, notes,
// supplements, comments with a decline or a transfer), then the platform's clock runs on until every kind of
// notification has been sent, and every e-mail in the outbox is searched.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ADULT_SHARING, referral } from '../support/fixtures';
import { eventually } from '../support/http';
import { DAY, HOUR, type OwnPlatform, ownPlatformForSuite } from '../support/own-platform';
import { SEEDED, SEEDED_VALUES, seededPerson } from '../support/personal-data';
import { submitRouted } from '../support/referral-flow';

let stack: OwnPlatform;
ownPlatformForSuite((own) => {
  stack = own;
});

// The seeded values and the other ways they could be written.
const FORBIDDEN = [
  ...SEEDED_VALUES,
  SEEDED.dateOfBirth.replaceAll('-', ''),
  SEEDED.dateOfBirth.slice(2).replaceAll('-', ''),
  `${SEEDED.identityNumber.slice(0, 8)}-${SEEDED.identityNumber.slice(8)}`,
  `${SEEDED.identityNumber.slice(2, 8)}-${SEEDED.identityNumber.slice(8)}`,
  SEEDED.identityNumber.slice(2),
  SEEDED.narrative.slice(0, 24),
  SEEDED.name.split(' ')[0]!,
];

describe('notifications', () => {
  it('never carry the name, date of birth, identity number or narrative', async () => {
    const { api } = stack;
    const person = seededPerson({ alias: SEEDED.alias, citizenships: ['RO'] });
    const adult = await submitRouted(
      api,
      referral({
        person,
        location: { municipalityCode: '1280' },
        narrative: SEEDED.narrative,
        consent: { status: 'given', sharing: ADULT_SHARING },
        accompanyingChildren: [{ age: { estimatedYears: 7 } }],
      }),
    );
    const child = await submitRouted(
      api,
      referral({
        person: {
          name: SEEDED.name,
          alias: SEEDED.alias,
          age: { dateOfBirth: '2012-03-04' },
          gender: 'female',
        },
        location: { municipalityCode: '1280' },
        narrative: SEEDED.narrative,
      }),
    );

    expect((await api.post(`/v1/referrals/${adult.id}/acknowledge`, {}, 'coordinator-syd')).status).toBe(200);
    // Taking the referral tells the coordinator it is now hers (the notifications queue once left this event out).
    expect((await api.post(`/v1/referrals/${adult.id}/assign`, {}, 'coordinator-syd')).status).toBe(200);
    const note = { text: `${SEEDED.name}, ${SEEDED.identityNumber}: ${SEEDED.narrative}` };
    expect((await api.post(`/v1/referrals/${adult.id}/notes`, note, 'coordinator-syd')).status).toBe(201);
    const offered = await api.post(
      `/v1/referrals/${adult.id}/handoffs`,
      { recipient: { id: 'nsp' }, purpose: 'nsp-shelter' },
      'coordinator-syd',
    );
    expect(offered.status).toBe(201);
    const declined = await api.post(
      `/v1/handoffs/${offered.body.id}/decline`,
      { reason: 'other', comment: `${SEEDED.name} född ${SEEDED.dateOfBirth}` },
      'receiver-nsp',
    );
    expect(declined.status).toBe(200);
    const offeredAgain = await api.post(
      `/v1/referrals/${adult.id}/handoffs`,
      { recipient: { id: 'return-programme' }, purpose: 'return-programme' },
      'coordinator-syd',
    );
    expect(offeredAgain.status).toBe(201);
    const supplement = { text: `${SEEDED.alias} (${SEEDED.identityNumber}) har ringt: ${SEEDED.narrative}` };
    expect(
      (await api.post(`/v1/referrals/${adult.id}/supplements`, supplement, 'police-syd-system')).status,
    ).toBe(201);
    const moved = await api.post(
      `/v1/referrals/${child.id}/transfer`,
      { queue: 'vast:child', reason: 'person-moved', comment: `${SEEDED.name} bor nu hos ${SEEDED.alias}` },
      'child-coordinator-syd',
    );
    expect(moved.status).toBe(200);

    // Let every clock warn, breach and run through its escalation chain; offers expire on the way.
    for (const step of [3.1 * HOUR, HOUR, HOUR, DAY, 3 * DAY, 4 * DAY, 8 * DAY]) {
      await stack.advance(step);
      await stack.runSchedule();
      await stack.settle();
    }

    const sent = await eventually(async () => {
      const entries = (await api.get('/local/outbox?format=json')).body;
      return entries.some((e) => e.eventType === 'handoff.expired.v1') ? entries : undefined;
    }, 20_000);
    expect(new Set(sent.map((e) => e.eventType))).toEqual(
      new Set([
        'referral.routed.v1',
        'referral.assigned.v1',
        'referral.transferred.v1',
        'referral.supplemented.v1',
        'handoff.offered.v1',
        'handoff.declined.v1',
        'handoff.expired.v1',
        'clock.warned.v1',
        'clock.breached.v1',
        'clock.escalated.v1',
      ]),
    );

    // Every e-mail, as stored (the file SES would have been handed) and as the outbox page shows it.
    const files = readdirSync(stack.platform.outboxDir).map((name) =>
      readFileSync(join(stack.platform.outboxDir, name), 'utf8'),
    );
    expect(files).toHaveLength(sent.length);
    const page = (await api.get('/local/outbox')).body;
    for (const text of [...files, page]) {
      for (const value of FORBIDDEN) expect(text).not.toContain(value);
    }
    for (const mail of sent) {
      expect(mail.text).toContain(mail.reference);
      expect(
        mail.to.every((to) =>
          // staff: a coordinator's own mailbox, by her sign-in id (the referral above is assigned).
          /^(coordinator-office|staff|regional-lead|national-coordinator|social-services|nsp|return-programme)/.test(
            to,
          ),
        ),
      ).toBe(true);
    }
  });
});
