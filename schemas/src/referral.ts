// Referral v1: the request agencies send and the views each role gets back (api.md, domain.md §6).

import {
  CONSENT_RECIPIENT_TYPES,
  consentScopeFits,
  HANDOFF_PURPOSES,
  isCountyCode,
  isMunicipalityCode,
  MAX_ACCOMPANYING_CHILDREN,
  type OrganisationType,
  parseIdentityNumber,
  REFERRAL_STATUSES,
} from '@nrm/domain';
import {
  CHANNELS,
  EXPLOITATION_PURPOSES,
  GENDERS,
  INDICATORS,
  isCountryCode,
  isLanguageCode,
  RESIDENCE_STATUSES,
  VULNERABILITIES,
} from './codes';
import { ClockView, HandoffCore, PermitView } from './services';
import { optionalNeeds, page, referralViewHead } from './shapes';
import * as z from './zod';

export const isoDate = z.iso.date({ error: 'must be a date, YYYY-MM-DD' });
export const countryCode = z
  .string()
  .refine(isCountryCode, { error: 'must be an ISO 3166-1 alpha-2 country code' });
export const languageCode = z.string().refine(isLanguageCode, { error: 'must be an ISO 639 language code' });
export const text = (max: number) => z.string().trim().min(1).max(max);

/** Where the exploitation happened: a municipality, abroad, or unknown. */
export const ExploitationLocation = z.union([
  z.strictObject({
    municipalityCode: z.string().refine(isMunicipalityCode, { error: 'unknown municipality code' }),
  }),
  z.strictObject({ abroad: countryCode }),
  z.strictObject({ unknown: z.literal(true) }),
]);

export const Age = z
  .union([
    z.strictObject({ dateOfBirth: isoDate }),
    z.strictObject({
      estimatedYears: z.number().int().min(0).max(120),
      mayBeMinor: z.boolean().optional(),
    }),
    z.strictObject({ unknown: z.literal(true), mayBeMinor: z.boolean().optional() }),
  ])
  .openapi('Age', {
    description:
      'Date of birth, an estimate, or unknown. Unknown with `mayBeMinor` true or absent goes to the child track (presumption of minority).',
  });

export const Location = z
  .union([
    z.strictObject({
      municipalityCode: z.string().refine(isMunicipalityCode, { error: 'unknown municipality code' }),
    }),
    z.strictObject({ countyCode: z.string().refine(isCountyCode, { error: 'unknown county code' }) }),
    z.strictObject({ abroad: countryCode }),
    z.strictObject({ unknown: z.literal(true), noFixedAbode: z.boolean().optional() }),
  ])
  .openapi('Location', {
    description:
      'Where the person is now: an SCB municipality (4 digits) or county (2 digits), abroad, or unknown.',
  });

export const Person = z
  .strictObject({
    name: text(200).optional(),
    alias: text(200).optional(),
    identityNumber: z
      .string()
      .max(13)
      .refine((value) => parseIdentityNumber(value, new Date()).ok, {
        error: 'must be a valid personal identity number or coordination number (check digit, date)',
      })
      .optional()
      .openapi({
        description: 'Personnummer or samordningsnummer, 10 or 12 digits; stored normalised to 12 digits.',
      }),
    age: Age,
    gender: z.enum(GENDERS),
    citizenships: z.array(countryCode).max(5).optional(),
    languages: z.array(languageCode).max(10).optional(),
    interpreterNeeded: z.boolean().optional(),
    residenceStatus: z.enum(RESIDENCE_STATUSES).optional(),
  })
  .openapi('Person');

/** One consent: sharing with this kind of organisation for this hand-off purpose (for adults). */
export const ConsentScope = z
  .strictObject({
    recipientType: z.enum(CONSENT_RECIPIENT_TYPES as [OrganisationType, ...OrganisationType[]]),
    purpose: z.enum(HANDOFF_PURPOSES),
  })
  .refine(consentScopeFits, {
    error: 'no adult hand-off of this purpose goes to this kind of organisation',
    path: ['purpose'],
  })
  .openapi('ConsentScope');

export const ReferralRequest = z
  .strictObject({
    person: Person,
    location: Location,
    exploitationLocation: ExploitationLocation.optional(),
    exploitation: z.strictObject({
      purposes: z.array(z.enum(EXPLOITATION_PURPOSES)).min(1).max(EXPLOITATION_PURPOSES.length),
      indicators: z.array(z.enum(INDICATORS)).max(INDICATORS.length).optional(),
      indicatorsText: text(2000).optional(),
      onlineArenas: z.array(text(100)).max(20).optional(),
    }),
    needs: z.strictObject({
      acuteProtection: z.boolean(),
      ...optionalNeeds,
      vulnerabilities: z.array(z.enum(VULNERABILITIES)).max(VULNERABILITIES.length).optional(),
    }),
    consent: z.strictObject({
      status: z.enum(['given', 'not-given']),
      contactByCoordinator: z.boolean().optional(),
      sharing: z.array(ConsentScope).max(20).optional().openapi({
        description:
          'With which kinds of organisation, for which hand-off purposes, the adult agreed their case may be shared. A hand-off of an adult is refused without a consent for its recipient type and purpose.',
      }),
    }),
    willingToCooperateWithPolice: z
      .boolean()
      .optional()
      .openapi({ description: 'Recorded, never a condition for support.' }),
    accompanyingChildren: z
      .array(z.strictObject({ age: Age, location: Location.optional(), inSweden: z.boolean().optional() }))
      .max(20)
      .optional()
      .openapi({
        description: `Each child becomes a linked referral of its own; at most ${MAX_ACCOMPANYING_CHILDREN} per referral (422 beyond).`,
      }),
    narrative: text(20_000).optional(),
  })
  .openapi('ReferralRequest');
export type ReferralRequest = z.infer<typeof ReferralRequest>;

export const ReferralCreated = z
  .object({ id: z.string(), reference: z.string(), status: z.enum(REFERRAL_STATUSES) })
  .openapi('ReferralCreated');

const Route = z
  .object({ region: z.string().nullable(), track: z.enum(['adult', 'child']), queue: z.string() })
  .openapi('Route');
const Owner = z
  .object({ type: z.enum(['coordinator-office', 'organisation']), id: z.string() })
  .openapi('Owner');

export const ConsentView = z
  .object({
    id: z.string(),
    recipientType: z.enum(CONSENT_RECIPIENT_TYPES as [OrganisationType, ...OrganisationType[]]),
    purpose: z.enum(HANDOFF_PURPOSES),
    recordedAt: z.string(),
    recordedBy: z.object({ sub: z.string(), role: z.string(), organisationId: z.string() }),
    withdrawnAt: z.string().optional(),
  })
  .openapi('Consent', {
    description: 'A consent the person gave, who recorded it and when; withdrawn ones stay.',
  });

export const ReferralView = z
  .object({
    ...referralViewHead('case', 'the whole case'),
    status: z.enum(REFERRAL_STATUSES),
    submittedAt: z.string(),
    channel: z.enum(CHANNELS),
    route: Route.nullable(),
    owner: Owner,
    clocks: z.array(ClockView),
    handoffs: z.array(z.object(HandoffCore)).openapi({
      description:
        'Hand-overs of responsibility and services running in parallel, each with its own status; the owner is unchanged by a service.',
    }),
    consents: z.array(ConsentView),
    permits: z.array(PermitView).openapi({ description: 'The permit ledger, in the order applied for.' }),
    assignee: z
      .string()
      .optional()
      .openapi({ description: 'The coordinator working it (a staff id); the office stays the owner.' }),
    linkedReferrals: z.array(z.string()),
    anonymous: z.boolean(),
    cameOfAgeAt: z.string().optional().openapi({
      description: 'When the child turned 18; the case went on with the same owner and services.',
    }),
  })
  .openapi('Referral');

export const ReferralStatusView = z
  .object({
    ...referralViewHead('status', "the referrer's status"),
    status: z.enum(['received', 'routed', 'acknowledged', 'handed-on', 'closed']),
    submittedAt: z.string(),
    supportReceived: z.enum(['yes', 'no', 'not-yet']).openapi({
      description:
        'Whether the person received support: `yes` once an organisation accepted a hand-off that is support, `no` if the referral was closed without one, `not-yet` meanwhile. Nothing of what or from whom.',
    }),
  })
  .openapi('ReferralStatus', {
    description:
      'What a referrer sees of its own referral: the purpose-limited status and nothing of the case.',
  });

export const QueueListing = z
  .object({
    queue: z.string(),
    items: z.array(
      z.object({
        id: z.string(),
        reference: z.string(),
        status: z.enum(REFERRAL_STATUSES),
        submittedAt: z.string(),
        track: z.enum(['adult', 'child']),
        acuteProtection: z.boolean(),
        ageGroup: z.enum(['child', 'adult', 'unknown']),
        languages: z.array(z.string()).openapi({ description: 'ISO 639 codes; coded, not identifying.' }),
        interpreterNeeded: z.boolean().optional(),
        needFlags: z.array(z.enum(['shelter', 'medical', 'safety-threat'])),
        anonymous: z.boolean(),
        nextDueAt: z.string().nullable(),
        assignee: z.string().optional().openapi({ description: 'The coordinator working it (a staff id).' }),
      }),
    ),
    nextCursor: z.string().nullable(),
  })
  .openapi('QueueListing', {
    description:
      'What a coordinator plans the day by: each referral with its age group, languages and interpreter need, and acute flags — no identity.',
  });

export const ReferralStatusListing = z.object(page(ReferralStatusView)).openapi('ReferralStatusListing', {
  description:
    "The caller's organisation's own referrals, newest first, each in the purpose-limited status view.",
});

export const ReferralHistory = z
  .object({
    referralId: z.string(),
    events: z.array(
      z.object({
        seq: z.number().int(),
        type: z.string().openapi({ example: 'handoff.accepted.v1' }),
        occurredAt: z.string(),
        actor: z.object({ sub: z.string(), role: z.string(), organisationId: z.string() }),
        data: z.record(z.string(), z.unknown()).openapi({
          description:
            'Codes and ids only (queues, reasons, purposes, hand-off and note ids): free text is read from the notes, and the pseudonymous person key is left out.',
        }),
      }),
    ),
  })
  .openapi('ReferralHistory');

export const NoteListing = z
  .object({
    items: z.array(
      z.object({
        id: z.string(),
        kind: z.enum(['note', 'supplement', 'comment']),
        text: z.string(),
        author: z.object({ sub: z.string(), organisationId: z.string() }),
        createdAt: z.string(),
      }),
    ),
  })
  .openapi('NoteListing', {
    description:
      "Notes, referrers' supplements and comments given with a reason, oldest first; the ids are those the events name.",
  });
