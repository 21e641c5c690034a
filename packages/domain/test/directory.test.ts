// The directory of receiving organisations: who can be handed a case, and for what.
import { describe, expect, it } from 'vitest';
import {
  DIRECTORY,
  findOrganisation,
  outOfHoursSocialServicesFor,
  searchDirectory,
  socialServicesFor,
} from '../src/directory';
import { MUNICIPALITIES } from '../src/geography';
import { HANDOFF_PURPOSES, PURPOSE_RULES, purposeFits } from '../src/handoffs';
import { REGIONS } from '../src/vocabulary';

describe('directory of receiving organisations', () => {
  it('has social services and out-of-hours social services for every one of the 290 municipalities, in its police region', () => {
    const socialServices = searchDirectory({ type: 'social-services' });
    expect(socialServices).toHaveLength(2 * 290);
    for (const m of MUNICIPALITIES) {
      const organisation = socialServicesFor(m.code);
      expect(organisation?.id).toBe(`social-services:${m.code}`);
      expect(organisation?.region).not.toBeNull();
      const onCall = outOfHoursSocialServicesFor(m.code);
      expect(onCall?.region).toBe(organisation?.region);
      // The day service takes everything but the night's protection, which only the socialjour takes.
      expect(onCall?.purposes).toEqual(['out-of-hours-protection']);
      expect(organisation?.purposes).not.toContain('out-of-hours-protection');
    }
    expect(findOrganisation('social-services:1280')?.name).toBe('Socialtjänsten i Malmö');
  });

  it.each([
    ['barnahus', 16],
    ['nsp', 1],
    ['return-programme', 1],
    ['migrationsverket', 1],
    ['police', REGIONS.length],
    ['health-care', 21],
  ] as const)('lists %s (%d)', (type, count) => {
    expect(searchDirectory({ type })).toHaveLength(count);
  });

  it('uses the organisation ids the demo receivers act for', () => {
    for (const id of ['social-services:1280', 'barnahus:malmo', 'nsp', 'return-programme']) {
      expect(findOrganisation(id)).toBeDefined();
    }
  });

  it('names every organisation once and offers each at least one purpose it takes', () => {
    expect(new Set(DIRECTORY.map((o) => o.id)).size).toBe(DIRECTORY.length);
    for (const organisation of DIRECTORY) {
      expect(organisation.purposes.length).toBeGreaterThan(0);
      for (const purpose of organisation.purposes) {
        expect(PURPOSE_RULES[purpose].recipients).toContain(organisation.type);
      }
    }
  });

  it('has a recipient for every purpose', () => {
    for (const purpose of HANDOFF_PURPOSES) expect(searchDirectory({ purpose }).length).toBeGreaterThan(0);
  });

  it('filters by region and municipality', () => {
    const syd = searchDirectory({ region: 'syd', type: 'barnahus' }).map((o) => o.id);
    expect(syd).toEqual(['barnahus:malmo', 'barnahus:lund', 'barnahus:kalmar']);
    expect(searchDirectory({ municipalityCode: '1280' }).map((o) => o.id)).toEqual([
      'social-services:1280',
      'social-services-out-of-hours:1280',
      'barnahus:malmo',
    ]);
  });
});

describe('which purposes fit which recipient and track', () => {
  it.each([
    ['report-of-concern', 'social-services', 'child', true],
    ['report-of-concern', 'social-services', 'adult', false],
    ['barnahus', 'barnahus', 'child', true],
    ['barnahus', 'barnahus', 'adult', false],
    ['nsp-shelter', 'nsp', 'adult', true],
    ['nsp-shelter', 'nsp', 'child', false],
    ['reflection-period-permit', 'migrationsverket', 'adult', true],
    ['reflection-period-permit', 'police', 'child', true],
    ['health-care', 'social-services', 'adult', false],
    ['return-programme', 'return-programme', 'child', true],
  ] as const)('%s to %s on the %s track: %s', (purpose, type, track, expected) => {
    expect(purposeFits(purpose, type, track)).toBe(expected);
  });
});
