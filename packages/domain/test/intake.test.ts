import { describe, expect, it } from 'vitest';
import {
  type Actor,
  applyEvent,
  decideRoute,
  type EventEnvelope,
  planIntake,
  type Submission,
  whereabouts,
} from '../src';

const actor: Actor = { sub: 'u', role: 'referrer', organisationId: 'police', organisationType: 'police' };

const base: Submission = {
  person: {
    name: 'Anna Exempel',
    age: { dateOfBirth: '1990-01-01' },
    gender: 'female',
    identityNumber: '191212121212',
  },
  location: { municipalityCode: '1280' },
  exploitation: { purposes: ['sexual'] },
  needs: { acuteProtection: false },
  consent: { status: 'given' },
  narrative: 'Sensitive free text',
};
const referrer = { organisationId: 'police', organisationType: 'police' as const };

describe('intake', () => {
  it('keeps no identifying data for an adult who has not consented (anonymous notification)', () => {
    const [plan] = planIntake({
      submission: { ...base, consent: { status: 'not-given' } },
      referrer,
      channel: 'api',
      today: '2026-11-28',
      ids: ['A'],
      references: ['NRM-2026-000001'],
    });
    expect(plan!.personalData).toBeNull();
    expect(plan!.received.data.facts.anonymous).toBe(true);
    const serialised = JSON.stringify(plan);
    for (const secret of ['Anna', '1990-01-01', '191212121212', 'Sensitive'])
      expect(serialised).not.toContain(secret);
  });

  it('does not make a child anonymous: children have no consent gate', () => {
    const [plan] = planIntake({
      submission: {
        ...base,
        person: { age: { estimatedYears: 15 }, gender: 'male' },
        consent: { status: 'not-given' },
      },
      referrer,
      channel: 'api',
      today: '2026-11-28',
      ids: ['A'],
      references: ['R1'],
    });
    expect(plan!.received.data.facts.anonymous).toBe(false);
    expect(plan!.received.data.facts.consent).toBe('not-required');
  });

  it('plans one linked child referral per accompanying child, located with the parent unless told otherwise', () => {
    const plans = planIntake({
      submission: {
        ...base,
        accompanyingChildren: [
          { age: { estimatedYears: 4 } },
          { age: { unknown: true }, location: { abroad: 'RO' } },
        ],
      },
      referrer,
      channel: 'web',
      today: '2026-11-28',
      ids: ['P', 'C1', 'C2'],
      references: ['R1', 'R2', 'R3'],
    });
    expect(plans.map((p) => p.id)).toEqual(['P', 'C1', 'C2']);
    expect(plans[0]!.received.data.linkedReferrals).toEqual(['C1', 'C2']);
    expect(plans[1]!.received.data).toMatchObject({ parentReferralId: 'P', linkedReferrals: ['P', 'C2'] });
    expect(plans[1]!.received.data.facts.location).toEqual({ municipalityCode: '1280' });
    expect(plans[2]!.received.data.facts.location).toEqual({ abroad: 'RO' });
    // The events carry no date of birth or name, only what routing and statistics need.
    expect(JSON.stringify(plans.map((p) => p.received))).not.toContain('Anna');
    expect(JSON.stringify(plans.map((p) => p.received))).not.toContain('1990-01-01');
  });

  it('never places a child who is not in Sweden in a Swedish municipality: no route there, no report of concern', () => {
    const plans = planIntake({
      submission: {
        ...base,
        accompanyingChildren: [
          { age: { estimatedYears: 6 }, inSweden: false },
          { age: { estimatedYears: 8 }, inSweden: false, location: { abroad: 'RO' } },
          { age: { estimatedYears: 9 }, inSweden: false, location: { municipalityCode: '0180' } },
          { age: { estimatedYears: 3 }, inSweden: true },
        ],
      },
      referrer,
      channel: 'web',
      today: '2026-11-28',
      ids: ['P', 'C1', 'C2', 'C3', 'C4'],
      references: ['R1', 'R2', 'R3', 'R4', 'R5'],
    });
    const facts = plans.map((p) => p.received.data.facts);
    expect(facts[1]!.location).toEqual({ unknown: true, outsideSweden: true });
    expect(facts[2]!.location).toEqual({ abroad: 'RO' });
    // "Not in Sweden" wins over a Swedish place given with it.
    expect(facts[3]!.location).toEqual({ unknown: true, outsideSweden: true });
    expect(facts[4]!.location).toEqual({ municipalityCode: '1280' });
    // The personal data keeps a location the API's schema accepts, and what the referrer said.
    expect(plans[1]!.personalData).toMatchObject({ location: { unknown: true }, inSweden: false });
    for (const plan of plans.slice(1, 4)) {
      const state = applyEvent(undefined, {
        ...plan.received,
        eventId: 'e',
        referralId: plan.id,
        seq: 1,
        occurredAt: '2026-11-28T10:00:00Z',
        actor,
      } as EventEnvelope);
      expect(decideRoute(state, '2026-11-28').route).toEqual({
        region: null,
        track: 'child',
        queue: 'national:triage',
      });
      expect(whereabouts(state.facts.location)).toBe('abroad');
    }
  });

  it('with the parent abroad, a child abroad with no place of its own is in that country', () => {
    const plans = planIntake({
      submission: {
        ...base,
        location: { abroad: 'DE' },
        accompanyingChildren: [{ age: { estimatedYears: 6 }, inSweden: false }],
      },
      referrer,
      channel: 'web',
      today: '2026-11-28',
      ids: ['P', 'C1'],
      references: ['R1', 'R2'],
    });
    expect(plans[1]!.received.data.facts.location).toEqual({ abroad: 'DE' });
  });
});
