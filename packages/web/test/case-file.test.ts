// A case file shown through the field table, as the case page and the hand-off page show it, and the correction
// forms' requests: what each reader sees, and what a correction sends.
import { ALL_VISIBLE, profileDisclosure } from '@nrm/domain';
import { CorrectionRequest } from '@nrm/schemas';
import { describe, expect, it } from 'vitest';
import {
  type CaseFileBody,
  caseDisplayView,
  caseFileToReferralShape,
  personAnswers,
} from '../src/form/case-file';
import {
  ASSESSMENT_PATHS,
  assessmentRequest,
  CORRECTION_PATHS,
  correctionRequest,
  formFieldOf,
} from '../src/form/corrections';
import { displaySections } from '../src/form/display';
import { translator } from '../src/i18n/messages';

const TODAY = '2026-11-28';
const t = translator('en');

const whole: CaseFileBody = {
  id: '01J00000000000000000000000',
  reference: 'NRM-2026-000001',
  view: 'case',
  anonymous: false,
  disclosure: ALL_VISIBLE,
  identity: { name: 'Ana Popescu' },
  age: { ageGroup: 'adult', ageYears: 25, stated: { dateOfBirth: '2001-02-03' } },
  gender: 'female',
  citizenships: ['RO'],
  languages: { codes: ['ro', 'en'], interpreterNeeded: true },
  location: { now: { municipalityCode: '1280' } },
  exploitation: { purposes: ['sexual'] },
  needs: { acuteProtection: true, shelter: true },
  children: {
    count: 1,
    items: [
      {
        referralId: '01J00000000000000000000001',
        reference: 'NRM-2026-000002',
        age: { estimatedYears: 6 },
        inSweden: true,
      },
    ],
  },
  narrative: 'What happened, in words.',
};

const rows = (file: CaseFileBody) =>
  Object.fromEntries(
    displaySections(caseFileToReferralShape(file), caseDisplayView(file, t, 'en', TODAY)).flatMap((s) =>
      s.rows.map((r) => [r.key, r.value]),
    ),
  );

describe('a case file through the field table', () => {
  it('shows a coordinator the person: name, age today, languages by name, interpreter, where, needs, children', () => {
    expect(rows(whole)).toMatchObject({
      Name: 'Ana Popescu',
      Age: '2001-02-03 (25 years)',
      'Language the person speaks': 'Romanian, English',
      'Is an interpreter needed?': 'Yes',
      'Where is the person now?': 'Malmö kommun',
      'Does the person need protection urgently?': 'Yes',
      'Other needs': 'Housing or a shelter',
      'Does the person have children with them, in Sweden or abroad?': '1 accompanying children',
      'Child 1': 'Age: Approximate age: 6; In Sweden: Yes',
      Description: 'What happened, in words.',
    });
    // The request's consent answers are not part of a case file: it lists the consents themselves.
    expect(rows(whole)).not.toHaveProperty('Has the person consented to the information being passed on?');
  });

  it('shows a shelter the offer summary without identity, and none of what the summary leaves out', () => {
    const offer: CaseFileBody = {
      id: whole.id,
      reference: whole.reference,
      view: 'offer',
      anonymous: false,
      disclosure: profileDisclosure('nsp-shelter', 'offer'),
      age: { ageGroup: 'adult' },
      gender: 'female',
      languages: { codes: ['ro'], interpreterNeeded: true },
      location: { now: { municipalityCode: '1280' } },
      exploitation: { purposes: ['sexual'] },
      needs: { shelter: true },
      children: { count: 2 },
    };
    const shown = rows(offer);
    expect(shown).toMatchObject({
      Age: 'Adult',
      Gender: 'Woman/girl',
      'Language the person speaks': 'Romanian',
      'Is an interpreter needed?': 'Yes',
      'Where is the person now?': 'Malmö kommun',
      'Form of exploitation': 'Sexual exploitation',
      'Does the person have children with them, in Sweden or abroad?': '2 accompanying children',
    });
    for (const hidden of [
      'Name',
      'Alias or nickname',
      'Citizenship',
      'Description',
      'Child 1',
      'Signs you have seen',
    ])
      expect(shown).not.toHaveProperty(hidden);
  });
});

describe('opening a case for an anonymous notification', () => {
  it('starts the form from what the notification says of the person', () => {
    expect(
      personAnswers({
        ...whole,
        anonymous: true,
        identity: undefined,
        age: { ageGroup: 'adult' },
        languages: { codes: ['uk'], interpreterNeeded: false },
      } as CaseFileBody),
    ).toEqual({ gender: 'female', citizenship1: 'RO', language1: 'uk', interpreterNeeded: 'no' });
  });
});

describe('the correction forms', () => {
  /** A correction form posted with these values today, as the web's handler reads it. */
  const post = (build: typeof correctionRequest, values: Record<string, string>) =>
    build((name) => values[name] ?? '', TODAY);

  it('sends only what was filled in, with the reason', () => {
    const built = post(correctionRequest, {
      'correct.name': 'Ana Pop',
      'correct.dateOfBirth': '2009-05-01',
      'correct.language1': 'ro',
      'correct.interpreterNeeded': 'no',
      'correct.municipalityCode': '0180',
      'correct.reason': 'new-information',
    });
    expect(built.body).toEqual({
      reason: 'new-information',
      person: {
        name: 'Ana Pop',
        age: { dateOfBirth: '2009-05-01' },
        languages: ['ro'],
        interpreterNeeded: false,
      },
      location: { municipalityCode: '0180' },
    });
    expect(CorrectionRequest.safeParse(built.body).success).toBe(true);
  });

  it('names what is missing or wrong before sending', () => {
    expect(post(correctionRequest, {}).errors?.map((e) => e.field)).toEqual([
      'correct.name',
      'correct.reason',
    ]);
    expect(
      post(correctionRequest, {
        'correct.dateOfBirth': '2001-01-01',
        'correct.estimatedYears': '30',
        'correct.reason': 'other',
      }).errors,
    ).toEqual([{ field: 'correct.dateOfBirth', key: 'correct.bothAges' }]);
    expect(post(assessmentRequest, {}).errors?.map((e) => e.field)).toEqual([
      'assess.method',
      'assess.dateOfBirth',
      'assess.date',
      'assess.assessedBy',
    ]);
  });

  it('records an age assessment as its result with how, when and by whom', () => {
    const built = post(assessmentRequest, {
      'assess.method': 'medical-dental',
      'assess.estimatedYears': '16',
      'assess.date': '2026-11-20',
      'assess.assessedBy': 'Rättsmedicinalverket',
    });
    expect(CorrectionRequest.safeParse(built.body).success).toBe(true);
    expect(built.body?.ageAssessment?.result).toEqual({ estimatedYears: 16 });
  });

  it.each([
    ['person.age.dateOfBirth', 'correct.dateOfBirth', CORRECTION_PATHS],
    ['person.age.estimatedYears', 'correct.estimatedYears', CORRECTION_PATHS],
    ['person.languages.1', 'correct.language1', CORRECTION_PATHS],
    ['location.municipalityCode', 'correct.municipalityCode', CORRECTION_PATHS],
    ['', 'correct.name', CORRECTION_PATHS],
    ['ageAssessment.result.dateOfBirth', 'assess.dateOfBirth', ASSESSMENT_PATHS],
    ['ageAssessment.date', 'assess.date', ASSESSMENT_PATHS],
  ])('puts the API error at %j on %s', (path, field, paths) => {
    expect(formFieldOf(paths, path)).toBe(field);
  });
});
