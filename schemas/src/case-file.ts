// The case file (domain.md §9): what a reader sees of a referral's personal data, cut to the categories its access
// discloses; and the requests that change it — corrections, and opening a case for an anonymous notification.

import {
  AGE_ASSESSMENT_METHODS,
  CASE_CATEGORIES,
  CORRECTION_REASONS,
  parseIdentityNumber,
} from '@nrm/domain';
import { EXPLOITATION_PURPOSES, GENDERS, INDICATORS, RESIDENCE_STATUSES, VULNERABILITIES } from './codes';
import {
  Age,
  ConsentScope,
  ConsentView,
  countryCode,
  ExploitationLocation,
  isoDate,
  Location,
  languageCode,
  Person,
  text,
} from './referral';
import { DisclosureBasis } from './services';
import { optionalNeeds } from './shapes';
import * as z from './zod';

const recordedBy = z.object({ sub: z.string(), role: z.string(), organisationId: z.string() });

const Disclosure = z.enum(['visible', 'summary', 'hidden']);

export const CaseFile = z
  .object({
    id: z.string(),
    reference: z.string(),
    view: z.enum(['case', 'referrer', 'offer', 'disclosed']).openapi({
      description:
        "`case`: the whole case (coordinators of its queue); `referrer`: what the caller's organisation submitted and added; `offer`: the summary a recipient decides on, without identity; `disclosed`: what an accepted hand-off's purpose needs.",
    }),
    anonymous: z.boolean(),
    disclosure: z
      .record(z.enum(CASE_CATEGORIES), Disclosure)
      .openapi({ description: 'Each category: shown in full, in summary, or hidden (then absent below).' }),
    handoffs: z
      .array(z.object({ id: z.string(), purpose: z.string(), status: z.string(), basis: DisclosureBasis }))
      .optional()
      .openapi({ description: 'The hand-offs to the caller’s organisation this disclosure rests on.' }),
    identity: z
      .object({
        name: z.string().optional(),
        alias: z.string().optional(),
        identityNumber: z.string().optional(),
      })
      .optional(),
    age: z
      .object({
        ageGroup: z.enum(['child', 'adult', 'unknown']),
        ageYears: z.number().int().optional().openapi({ description: 'Completed years at submission.' }),
        mayBeMinor: z.boolean().optional(),
        stated: Age.optional(),
        assessments: z
          .array(
            z.object({
              method: z.enum(AGE_ASSESSMENT_METHODS),
              result: Age,
              date: z.string(),
              assessedBy: z.string(),
              recordedAt: z.string(),
              recordedBy,
            }),
          )
          .optional(),
      })
      .optional(),
    gender: z.string().optional(),
    citizenships: z.array(z.string()).optional(),
    languages: z.object({ codes: z.array(z.string()), interpreterNeeded: z.boolean().optional() }).optional(),
    residenceStatus: z.string().optional(),
    location: z.object({ now: Location, exploitation: ExploitationLocation.optional() }).optional(),
    exploitation: z
      .object({
        purposes: z.array(z.string()),
        indicators: z.array(z.string()).optional(),
        indicatorsText: z.string().optional(),
        onlineArenas: z.array(z.string()).optional(),
      })
      .optional(),
    needs: z
      .object({
        acuteProtection: z.boolean().optional(),
        ...optionalNeeds,
      })
      .optional(),
    vulnerabilities: z.array(z.string()).optional(),
    children: z
      .object({
        count: z.number().int(),
        items: z
          .array(
            z.object({
              referralId: z.string(),
              reference: z.string(),
              age: Age.optional(),
              location: Location.optional(),
              inSweden: z.boolean().optional(),
            }),
          )
          .optional(),
      })
      .optional(),
    narrative: z.string().optional(),
    policeCooperation: z.boolean().optional(),
    supplements: z
      .array(
        z.object({
          id: z.string(),
          text: z.string(),
          createdAt: z.string(),
          author: z.object({ sub: z.string(), organisationId: z.string() }),
        }),
      )
      .optional(),
    corrections: z
      .array(
        z.object({
          id: z.string(),
          fields: z.array(z.string()),
          reason: z.enum(CORRECTION_REASONS),
          comment: z.string().optional(),
          at: z.string(),
          by: recordedBy,
        }),
      )
      .optional(),
    caseOpened: z.object({ at: z.string(), by: recordedBy }).optional(),
    consents: z.array(ConsentView).optional(),
  })
  .openapi('CaseFile', {
    description:
      "A referral's case file in the view the caller's access gives (domain.md §9). Categories the caller may not see are absent; `disclosure` says which are shown and how.",
  });

// `null` removes an optional field; absent leaves it as it is.
const clearable = <S extends z.ZodType>(schema: S) => schema.nullable().optional();

export const CorrectionRequest = z
  .strictObject({
    reason: z.enum(CORRECTION_REASONS),
    comment: text(2000).optional().openapi({
      description: 'Why, in words; kept with the referral as a note, never in events or e-mails.',
    }),
    person: z
      .strictObject({
        name: clearable(text(200)),
        alias: clearable(text(200)),
        identityNumber: clearable(
          z
            .string()
            .max(13)
            .refine((value) => parseIdentityNumber(value, new Date()).ok, {
              error: 'must be a valid personal identity number or coordination number (check digit, date)',
            }),
        ),
        age: Age.optional(),
        gender: z.enum(GENDERS).optional(),
        citizenships: z.array(countryCode).max(5).optional(),
        languages: z.array(languageCode).max(10).optional(),
        interpreterNeeded: clearable(z.boolean()),
        residenceStatus: clearable(z.enum(RESIDENCE_STATUSES)),
      })
      .optional(),
    location: Location.optional(),
    exploitationLocation: clearable(ExploitationLocation),
    exploitation: z
      .strictObject({
        purposes: z.array(z.enum(EXPLOITATION_PURPOSES)).min(1).max(EXPLOITATION_PURPOSES.length).optional(),
        indicators: z.array(z.enum(INDICATORS)).max(INDICATORS.length).optional(),
        onlineArenas: z.array(text(100)).max(20).optional(),
      })
      .optional(),
    needs: z
      .strictObject({
        acuteProtection: z.boolean().optional(),
        shelter: clearable(z.boolean()),
        medical: clearable(z.boolean()),
        safetyThreat: clearable(z.boolean()),
        vulnerabilities: z.array(z.enum(VULNERABILITIES)).max(VULNERABILITIES.length).optional(),
      })
      .optional(),
    willingToCooperateWithPolice: clearable(z.boolean()),
    ageAssessment: z
      .strictObject({
        method: z.enum(AGE_ASSESSMENT_METHODS),
        result: Age,
        date: isoDate,
        assessedBy: text(200).openapi({ description: 'Who made the assessment (e.g. the clinic).' }),
      })
      .optional()
      .openapi({
        description:
          "An age assessment: its result becomes the person's age. Give it with reason `age-assessment`, without `person.age`.",
      }),
  })
  .superRefine((body, ctx) => {
    if (body.ageAssessment && body.reason !== 'age-assessment') {
      ctx.addIssue({
        code: 'custom',
        path: ['reason'],
        message: 'an age assessment is given with reason age-assessment',
      });
    }
    if (body.ageAssessment && body.person?.age) {
      ctx.addIssue({
        code: 'custom',
        path: ['person', 'age'],
        message: 'give the age as the assessment result, not both',
      });
    }
    if (body.reason === 'age-assessment' && !body.ageAssessment) {
      ctx.addIssue({
        code: 'custom',
        path: ['ageAssessment'],
        message: 'reason age-assessment needs the assessment',
      });
    }
    const { reason: _r, comment: _c, ...changes } = body;
    if (Object.keys(changes).length === 0) {
      ctx.addIssue({ code: 'custom', path: [], message: 'name at least one fact to correct' });
    }
  })
  .openapi('CorrectionRequest', {
    description:
      'Corrects facts of the case: personal fields and coded facts (not the narrative: add a note). Events record which fields changed and why, never the values.',
  });

export const CorrectionResult = z
  .object({
    id: z.string(),
    correctionId: z.string(),
    fields: z.array(z.string()).openapi({ description: 'What changed; empty when nothing did.' }),
    route: z
      .object({ region: z.string().nullable(), track: z.enum(['adult', 'child']), queue: z.string() })
      .nullable(),
  })
  .openapi('CorrectionResult');

export const OpenCaseRequest = z
  .strictObject({
    person: Person,
    location: Location.optional(),
    exploitationLocation: ExploitationLocation.optional(),
    exploitation: z
      .strictObject({
        purposes: z.array(z.enum(EXPLOITATION_PURPOSES)).min(1).max(EXPLOITATION_PURPOSES.length).optional(),
        indicators: z.array(z.enum(INDICATORS)).max(INDICATORS.length).optional(),
        indicatorsText: text(2000).optional(),
        onlineArenas: z.array(text(100)).max(20).optional(),
      })
      .optional(),
    needs: z
      .strictObject({
        acuteProtection: z.boolean().optional(),
        ...optionalNeeds,
        vulnerabilities: z.array(z.enum(VULNERABILITIES)).max(VULNERABILITIES.length).optional(),
      })
      .optional(),
    willingToCooperateWithPolice: z.boolean().optional(),
    narrative: text(20_000).optional(),
    consent: z.strictObject({
      contactByCoordinator: z.boolean().optional(),
      sharing: z.array(ConsentScope).max(20).optional(),
    }),
  })
  .openapi('OpenCaseRequest', {
    description:
      'The person of an anonymous notification consented: their personal data is added to the same referral. Location, purposes and the acute flag default to what the notification said.',
  });
