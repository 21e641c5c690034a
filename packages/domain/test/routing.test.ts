import { describe, expect, it } from 'vitest';
import {
  type Age,
  ALL_QUEUES,
  ageGroup,
  ageInYears,
  coordinatorOfficeId,
  type Location,
  queueOfOffice,
  route,
  trackFor,
} from '../src';

const today = '2026-11-28';

describe('age', () => {
  it.each([
    ['2008-11-28', 18, 'turns 18 today'],
    ['2008-11-29', 17, 'turns 18 tomorrow'],
    ['2010-02-28', 16, 'birthday passed this year'],
  ])('%s is %i on 2026-11-28 (%s)', (dob, years) => {
    expect(ageInYears(dob, today)).toBe(years);
  });
});

describe('track (presumption of minority)', () => {
  it.each<[string, Age, 'child' | 'adult']>([
    ['born under 18 years ago', { dateOfBirth: '2009-05-01' }, 'child'],
    ['18 today', { dateOfBirth: '2008-11-28' }, 'adult'],
    ['estimated 17', { estimatedYears: 17 }, 'child'],
    ['estimated 18', { estimatedYears: 18 }, 'adult'],
    ['estimated 20 but may be a minor', { estimatedYears: 20, mayBeMinor: true }, 'child'],
    ['unknown, may be a minor', { unknown: true, mayBeMinor: true }, 'child'],
    ['unknown, nothing said', { unknown: true }, 'child'],
    ['unknown, stated adult', { unknown: true, mayBeMinor: false }, 'adult'],
  ])('%s → %s', (_label, age, track) => {
    expect(trackFor(age, today)).toBe(track);
  });

  it('counts an unknown age as unknown in statistics even when the child track applies', () => {
    expect(ageGroup({ unknown: true }, today)).toBe('unknown');
    expect(trackFor({ unknown: true }, today)).toBe('child');
  });
});

describe('route', () => {
  const adult: Age = { estimatedYears: 40 };
  it.each<[string, Location, string]>([
    ['Kiruna (Norrbotten)', { municipalityCode: '2584' }, 'nord:adult'],
    ['Uppsala', { municipalityCode: '0380' }, 'mitt:adult'],
    ['Stockholm', { municipalityCode: '0180' }, 'stockholm:adult'],
    ['Gotland', { municipalityCode: '0980' }, 'stockholm:adult'],
    ['Linköping (Östergötland)', { municipalityCode: '0580' }, 'ost:adult'],
    ['Göteborg', { municipalityCode: '1480' }, 'vast:adult'],
    ['Malmö', { municipalityCode: '1280' }, 'syd:adult'],
    ['Örebro', { municipalityCode: '1880' }, 'bergslagen:adult'],
    ['Dalarna county', { countyCode: '20' }, 'bergslagen:adult'],
    ['abroad', { abroad: 'RO' }, 'national:triage'],
    ['unknown', { unknown: true }, 'national:triage'],
    ['no fixed abode', { unknown: true, noFixedAbode: true }, 'national:triage'],
    ['an unknown municipality code', { municipalityCode: '9999' }, 'national:triage'],
  ])('%s → %s', (_label, location, queue) => {
    expect(route({ age: adult, location }, today).queue).toBe(queue);
  });
});

describe('coordinator offices', () => {
  it('give back the queue they work, and nothing for an id that is no office', () => {
    for (const queue of ALL_QUEUES) expect(queueOfOffice(coordinatorOfficeId(queue))).toBe(queue);
    for (const id of ['social-services:1280', 'coordinator-office:', 'coordinator-office:syd:teen', 'police'])
      expect(queueOfOffice(id)).toBeUndefined();
  });
});
