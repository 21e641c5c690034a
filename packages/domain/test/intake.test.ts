import { describe, expect, it } from 'vitest';
import { planIntake, type Submission } from '../src';

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
});
