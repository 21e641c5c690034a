// The case file (domain.md §9): who reads which categories, corrections that move the case to the other track with
// everything that depends on it, and statistics that move a corrected referral between cells without counting twice.
import { describe, expect, it } from 'vitest';
import {
  type Age,
  buildCaseFile,
  type CaseData,
  correctCase,
  DISCLOSURE_PROFILES,
  disclosedCategories,
  factsOf,
  HANDOFF_PURPOSES,
  isClockActive,
  profileDisclosure,
  receiverAccess,
} from '../src';
import { contributionOf } from '../src/statistics';
import { adultFacts, childFacts, Life, received } from './ownership.fixtures';

const CASE: CaseData = {
  person: {
    name: 'Testa Persson',
    age: { dateOfBirth: '1990-02-01' },
    gender: 'female',
    citizenships: ['RO'],
    languages: ['ro', 'en'],
    interpreterNeeded: true,
  },
  location: { municipalityCode: '1280' },
  exploitation: { purposes: ['sexual'], indicators: ['debt-bondage'] },
  needs: { acuteProtection: true, shelter: true, medical: false },
  consent: { status: 'given' },
  narrative: 'Berättelse om vad som hände.',
};

function acknowledgedAdult() {
  const life = new Life(received(adultFacts()));
  life.run({ type: 'route', today: '2026-03-10', handoffId: life.nextId() }, '2026-03-10T09:00:05Z');
  life.run({ type: 'acknowledge' }, '2026-03-10T10:00:00Z');
  return life;
}

/** The correction of the person's age the use case makes (new information), with the report of concern's id. */
function correctAge(life: ReturnType<typeof acknowledgedAdult>, age: Age, at: string) {
  const data = correctCase(CASE, { person: { age } }).data;
  return life.run(
    {
      type: 'correct',
      correctionId: 'C1',
      fields: ['person.age'],
      reason: 'new-information',
      facts: factsOf(data, '2026-03-10'),
      handoffId: 'H-roc',
    },
    at,
  );
}

describe('disclosure profiles', () => {
  it('never discloses identity, the narrative or the age beyond its group in an offer, for any purpose', () => {
    for (const purpose of HANDOFF_PURPOSES) {
      const offer = profileDisclosure(purpose, 'offer');
      expect(offer.identity, purpose).toBe('hidden');
      expect(offer.narrative, purpose).toBe('hidden');
      expect(offer.age, purpose).toBe('summary');
      expect(offer.languages, purpose).toBe('summary');
    }
  });

  it('gives every category a purpose discloses a reason', () => {
    for (const purpose of HANDOFF_PURPOSES) {
      for (const [category, grant] of Object.entries(DISCLOSURE_PROFILES[purpose].accepted)) {
        expect(grant?.reason.length, `${purpose} ${category}`).toBeGreaterThan(5);
      }
    }
  });

  it('shows a shelter name, languages and children after acceptance, never the narrative', () => {
    const shelter = profileDisclosure('nsp-shelter', 'accepted');
    expect([shelter.identity, shelter.languages, shelter.children]).toEqual([
      'visible',
      'visible',
      'visible',
    ]);
    expect(shelter.narrative).toBe('hidden');
    expect(profileDisclosure('criminal-investigation', 'accepted').narrative).toBe('visible');
  });
});

describe('the case file each reader gets', () => {
  const life = acknowledgedAdult();
  life.run({ type: 'record-consent', recipientType: 'nsp', purpose: 'nsp-shelter' }, '2026-03-10T10:05:00Z');
  life.run(
    { type: 'offer-handoff', handoffId: 'H-nsp', recipientId: 'nsp', purpose: 'nsp-shelter' },
    '2026-03-10T10:10:00Z',
  );
  const source = { personal: { data: CASE }, supplements: [], children: [] };

  it('shows the coordinators the whole case', () => {
    const file = buildCaseFile({ ...source, state: life.state }, { view: 'case' });
    expect(file.identity).toEqual({ name: 'Testa Persson' });
    expect(file.narrative).toBe(CASE.narrative);
    expect(file.languages).toEqual({ codes: ['ro', 'en'], interpreterNeeded: true });
  });

  it('shows the offered shelter a summary without identity, then its profile after acceptance', () => {
    const offer = receiverAccess(life.state, 'nsp')!;
    const summary = buildCaseFile({ ...source, state: life.state }, offer);
    expect(summary.view).toBe('offer');
    expect(summary.identity).toBeUndefined();
    expect(summary.narrative).toBeUndefined();
    expect(summary.age).toEqual({ ageGroup: 'adult' });
    expect(summary.needs).toEqual({ acuteProtection: true, shelter: true, medical: false });
    expect(disclosedCategories(offer.view === 'offer' ? offer.disclosure : ({} as never))).not.toContain(
      'identity',
    );

    const accepted = new Life(life.log[0]!);
    for (const e of life.log.slice(1)) accepted.log.push(e);
    accepted.state = life.state;
    accepted.run({ type: 'accept-handoff', handoffId: 'H-nsp' }, '2026-03-10T11:00:00Z');
    const disclosed = buildCaseFile(
      { ...source, state: accepted.state },
      receiverAccess(accepted.state, 'nsp')!,
    );
    expect(disclosed.view).toBe('disclosed');
    expect(disclosed.identity).toEqual({ name: 'Testa Persson' });
    expect(disclosed.narrative).toBeUndefined();

    accepted.run({ type: 'withdraw-consent', consentId: 'consent-1' }, '2026-03-11T09:00:00Z');
    expect(receiverAccess(accepted.state, 'nsp')).toBeUndefined();
  });

  it('gives the referrer its own submission back, not what others corrected', () => {
    const corrected = correctCase(CASE, { person: { name: 'Rättat Namn' } }).data;
    const file = buildCaseFile(
      { ...source, personal: { data: corrected, submitted: CASE }, state: life.state },
      { view: 'referrer', organisationId: 'police' },
    );
    expect(file.identity).toEqual({ name: 'Testa Persson' });
    expect(file.corrections).toBeUndefined();
  });
});

describe('corrections', () => {
  it('names only the fields that changed', () => {
    const { fields } = correctCase(CASE, {
      person: { name: 'Testa Persson', alias: 'T', age: { dateOfBirth: '2010-01-01' } },
      needs: { shelter: null },
    });
    expect(fields).toEqual(['person.alias', 'person.age', 'needs.shelter']);
  });

  it('moves an adult corrected to 16 to the children’s queue, offers the report of concern and arms the child clocks, the turning-18 alarm among them', () => {
    const life = acknowledgedAdult();
    const events = correctAge(life, { dateOfBirth: '2009-06-01' }, '2026-03-12T09:00:00Z');
    expect(events.map((e) => e.type)).toEqual([
      'referral.corrected.v1',
      'referral.transferred.v1',
      'handoff.offered.v1',
      'clock.started.v1',
      'clock.started.v1',
      'clock.started.v1',
      'clock.started.v1',
    ]);
    expect(life.state.route).toEqual({ region: 'syd', track: 'child', queue: 'syd:child' });
    expect(life.state.facts.ageGroup).toBe('child');
    expect(life.state.facts.turns18On).toBe('2027-06-01');
    const active = life.state.clocks.filter(isClockActive).map((c) => c.key.split(':')[0]);
    expect(active.sort()).toEqual([
      'acknowledge',
      'child-decision',
      'handoff-accept',
      'owner-gap',
      'turning-18',
    ]);
  });

  it('ends the child-only clocks and offers with a reason when a child turns out to be an adult', () => {
    const life = new Life(received(childFacts()));
    life.run({ type: 'route', today: '2026-03-10', handoffId: 'H-roc' }, '2026-03-10T09:00:05Z');
    const data = correctCase(CASE, {}).data;
    const events = life.run(
      {
        type: 'correct',
        correctionId: 'C1',
        fields: ['person.age'],
        reason: 'age-assessment',
        facts: factsOf(data, '2026-03-10'),
        handoffId: 'H-unused',
      },
      '2026-03-11T09:00:00Z',
    );
    expect(life.state.route?.track).toBe('adult');
    expect(events).toContainEqual({
      type: 'handoff.revoked.v1',
      data: { handoffId: 'H-roc', reason: 'track-changed' },
    });
    const stopped = events.filter((e) => e.type === 'clock.stopped.v1');
    expect(stopped.map((e) => e.data)).toContainEqual(
      expect.objectContaining({ kind: 'child-decision', reason: 'track-changed' }),
    );
  });

  it('refuses to correct an anonymous notification', () => {
    const life = new Life(received({ ...adultFacts(), anonymous: true, consent: 'not-given' }));
    life.run({ type: 'route', today: '2026-03-10', handoffId: 'H1' }, '2026-03-10T09:00:05Z');
    expect(() =>
      life.run(
        {
          type: 'correct',
          correctionId: 'C1',
          fields: ['person.name'],
          reason: 'other',
          facts: adultFacts(),
          handoffId: 'H2',
        },
        '2026-03-11T09:00:00Z',
      ),
    ).toThrow(/anonymous/);
  });

  it('moves the statistics from the adult cell to the child cell on the day it was received', () => {
    const life = acknowledgedAdult();
    correctAge(life, { estimatedYears: 16 }, '2026-04-20T09:00:00Z');
    const index = life.log.findIndex((e) => e.type === 'referral.corrected.v1');
    const { counts } = contributionOf(life.log[index]!, life.log.slice(0, index));
    expect(counts).toHaveLength(2);
    expect(counts[0]).toMatchObject({ day: '2026-03-10', track: 'adult', delta: -1 });
    expect(counts[0]!.attributes).toContain('age:adult');
    expect(counts[1]).toMatchObject({ day: '2026-03-10', track: 'child' });
    expect(counts[1]!.attributes).toContain('age:child');
  });
});
