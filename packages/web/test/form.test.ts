// The referral form's rules: what each step requires, the child/adult and anonymous decisions, the request it
// builds (checked against the referral v1 schema), where the API's error paths land, and the sealing of drafts.
import { ReferralRequest } from '@nrm/schemas';
import { describe, expect, it } from 'vitest';
import { sealer } from '../src/crypto';
import { displaySections } from '../src/form/display';
import {
  buildRequest,
  fieldOfPath,
  isAnonymous,
  isChildCase,
  mergeStep,
  validateStep,
} from '../src/form/model';
import { translator } from '../src/i18n/messages';

const NOW = new Date('2026-11-28T10:00:00Z');

const adult = {
  alias: 'Ana',
  name: 'Ana Popescu',
  identityNumber: '',
  ageKind: 'estimate',
  estimatedYears: '30',
  mayBeMinor: 'no',
  gender: 'female',
  citizenship1: 'RO',
  language1: 'ro',
  locationKind: 'municipality',
  municipalityCode: '1280',
  purposes: ['labour'],
  acuteProtection: 'no',
  consent: 'given',
  hasChildren: 'no',
  narrative: 'Text',
};

describe('the referral form', () => {
  it.each([
    [{ ageKind: 'dob', dateOfBirth: '2010-01-01' }, true],
    [{ ageKind: 'dob', dateOfBirth: '1990-01-01' }, false],
    [{ ageKind: 'dob', dateOfBirth: '1990-13-45' }, false],
    [{ ageKind: 'estimate', estimatedYears: '17' }, true],
    [{ ageKind: 'estimate', estimatedYears: '19', mayBeMinor: 'yes' }, true],
    [{ ageKind: 'estimate', estimatedYears: '19' }, false],
    [{ ageKind: 'unknown' }, true],
    [{ ageKind: 'unknown', mayBeMinor: 'no' }, false],
  ])('decides child or adult as routing does: %j → child %s', (values, child) => {
    expect(isChildCase(values, NOW)).toBe(child);
  });

  it('names every missing answer of a step', () => {
    expect(validateStep('person', {}, NOW).map((e) => e.field)).toEqual(['ageKind', 'gender']);
    expect(
      validateStep('person', { ageKind: 'dob', dateOfBirth: '2030-01-01', gender: 'male' }, NOW),
    ).toEqual([{ field: 'dateOfBirth', key: 'errors.dateFuture' }]);
    expect(
      validateStep('where', { locationKind: 'municipality', municipalityCode: '9999' }, NOW)[0]?.field,
    ).toBe('municipalityCode');
    expect(validateStep('needs', { acuteProtection: 'no' }, NOW).map((e) => e.field)).toEqual(['consent']);
    expect(validateStep('needs', { acuteProtection: 'no', ageKind: 'unknown' }, NOW)).toEqual([]);
  });

  it('asks each step in turn: an adult whose consent is not yet asked is not an anonymous notification', () => {
    const person = { ageKind: 'estimate', estimatedYears: '30', mayBeMinor: 'no', gender: 'female' };
    expect(validateStep('person', person, NOW)).toEqual([]);
    expect(isAnonymous(person, NOW)).toBe(false);
    expect(isAnonymous({ ...person, consent: 'not-given' }, NOW)).toBe(true);
  });

  it('builds a valid referral v1 request', () => {
    const request = buildRequest(adult, NOW);
    expect(ReferralRequest.safeParse(request).success).toBe(true);
    expect(request.person).toMatchObject({
      name: 'Ana Popescu',
      citizenships: ['RO'],
      age: { estimatedYears: 30 },
    });
    expect(request.location).toEqual({ municipalityCode: '1280' });
    expect(request.accompanyingChildren).toBeUndefined();
  });

  it('sends nothing identifying in an anonymous notification', () => {
    const values = { ...adult, consent: 'not-given', ageKind: 'dob', dateOfBirth: '1990-06-01' };
    expect(isAnonymous(values, NOW)).toBe(true);
    const request = buildRequest(values, NOW);
    expect(ReferralRequest.safeParse(request).success).toBe(true);
    expect(request.person).not.toHaveProperty('name');
    expect(request.person).not.toHaveProperty('alias');
    expect(request.person.age).toEqual({ estimatedYears: 36, mayBeMinor: false });
    expect(request).not.toHaveProperty('narrative');
  });

  it('adds each accompanying child', () => {
    const values = mergeStep(adult, 'children', {
      hasChildren: 'yes',
      childCount: '2',
      'child.0.ageKind': 'estimate',
      'child.0.estimatedYears': '6',
      'child.1.ageKind': 'unknown',
      'child.1.municipalityCode': '1480',
    });
    const request = buildRequest(values, NOW);
    expect(ReferralRequest.safeParse(request).success).toBe(true);
    expect(request.accompanyingChildren).toEqual([
      { age: { estimatedYears: 6 } },
      { age: { unknown: true }, location: { municipalityCode: '1480' } },
    ]);
  });

  it('shows a referral in the rows of its steps, leaving out what identifies an anonymous person', () => {
    const view = { t: translator('en'), lang: 'en' as const, child: false, anonymous: false };
    const rows = (anonymous: boolean) =>
      Object.fromEntries(
        displaySections(buildRequest(adult, NOW), { ...view, anonymous }).flatMap((section) =>
          section.rows.map((row) => [row.key, row.value]),
        ),
      );
    expect(rows(false)).toMatchObject({
      Name: 'Ana Popescu',
      Age: 'Approximate age: 30',
      Citizenship: 'Romania',
      'Where is the person now?': 'Malmö kommun',
      'Form of exploitation': 'Forced labour',
      'Does the person need protection urgently?': 'No',
    });
    expect(rows(true)).not.toHaveProperty('Name');
    expect(rows(true)).not.toHaveProperty('Description');
  });

  it.each([
    ['person.age.dateOfBirth', 'person', 'dateOfBirth'],
    ['person.citizenships.1', 'person', 'citizenship2'],
    ['location.municipalityCode', 'where', 'municipalityCode'],
    ['exploitation.purposes', 'exploitation', 'purposes'],
    ['consent.status', 'needs', 'consent'],
    ['accompanyingChildren.1.age.estimatedYears', 'children', 'child.1.estimatedYears'],
    ['narrative', 'narrative', 'narrative'],
    ['(body)', 'review', 'submit'],
  ])('maps the API error path %s to step %s, field %s', (path, step, field) => {
    expect(fieldOfPath(path)).toEqual({ step, field });
  });
});

describe('sealing', () => {
  const key = new Uint8Array(32).fill(7);
  it('opens only with the same key and associated data', () => {
    const drafts = sealer(key, 'drafts');
    const sealed = drafts.seal('{"name":"Ana"}', 'DRAFT#a#1');
    expect(sealed).not.toContain('Ana');
    expect(drafts.open(sealed, 'DRAFT#a#1')).toBe('{"name":"Ana"}');
    expect(drafts.open(sealed, 'DRAFT#b#1')).toBeUndefined();
    expect(sealer(key, 'session').open(sealed, 'DRAFT#a#1')).toBeUndefined();
    expect(drafts.open(`${sealed.slice(0, -2)}AA`, 'DRAFT#a#1')).toBeUndefined();
  });
});

describe('reading the statistics API', () => {
  it('takes hand-off times, the summary and the open breaches in the shapes of the API document', async () => {
    const { breachesNow, handoffTimeRows, summaryParts } = await import('../src/statistics');
    const times = handoffTimeRows(
      {
        rows: [
          {
            step: 'handoff-accepted',
            count: 4,
            working: { medianHours: 3.5, p90Hours: 7 },
            calendar: { medianHours: 20, p90Hours: 40 },
            suppressed: false,
          },
          { step: 'routing', count: null, working: null, calendar: null, suppressed: true },
        ],
      },
      'en',
    );
    expect(times).toEqual([
      {
        label: 'Hand-off accepted',
        count: 4,
        medianHours: 3.5,
        p90Hours: 7,
        calendarMedianHours: 20,
        calendarP90Hours: 40,
      },
      {
        label: 'To the coordinator’s queue',
        count: null,
        medianHours: null,
        p90Hours: null,
        calendarMedianHours: null,
        calendarP90Hours: null,
      },
    ]);
    expect(
      summaryParts({
        dimensions: { purpose: { sexual: 5, labour: null } },
        sla: [{ kind: 'acknowledge', met: 9, breached: 1, compliance: 0.9 }],
      }),
    ).toEqual({
      volumes: { purpose: { sexual: 5, labour: null } },
      sla: [{ kind: 'acknowledge', met: 9, breached: 1, compliance: 0.9 }],
    });
    expect(
      breachesNow({
        openBreaches: [{ referralId: 'R', queue: 'syd:adult', clockKind: 'acknowledge', dueAt: 'T' }],
      }),
    ).toEqual([{ referralId: 'R', queue: 'syd:adult', clockKind: 'acknowledge', dueAt: 'T' }]);
  });
});
