// Referral v1: the request agencies send and the views each role gets back (api.md, domain.md §6).

import { z } from '@hono/zod-openapi';
import { isCountyCode, isMunicipalityCode, parseIdentityNumber, REFERRAL_STATUSES } from '@nrm/domain';
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

const isoDate = z.iso.date({ error: 'must be a date, YYYY-MM-DD' });
const countryCode = z.string().refine(isCountryCode, { error: 'must be an ISO 3166-1 alpha-2 country code' });
const languageCode = z.string().refine(isLanguageCode, { error: 'must be an ISO 639 language code' });
const text = (max: number) => z.string().trim().min(1).max(max);

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

export const ReferralRequest = z
  .strictObject({
    person: Person,
    location: Location,
    exploitationLocation: z
      .union([
        z.strictObject({
          municipalityCode: z.string().refine(isMunicipalityCode, { error: 'unknown municipality code' }),
        }),
        z.strictObject({ abroad: countryCode }),
        z.strictObject({ unknown: z.literal(true) }),
      ])
      .optional(),
    exploitation: z.strictObject({
      purposes: z.array(z.enum(EXPLOITATION_PURPOSES)).min(1).max(EXPLOITATION_PURPOSES.length),
      indicators: z.array(z.enum(INDICATORS)).max(INDICATORS.length).optional(),
      indicatorsText: text(2000).optional(),
      onlineArenas: z.array(text(100)).max(20).optional(),
    }),
    needs: z.strictObject({
      acuteProtection: z.boolean(),
      shelter: z.boolean().optional(),
      medical: z.boolean().optional(),
      safetyThreat: z.boolean().optional(),
      vulnerabilities: z.array(z.enum(VULNERABILITIES)).max(VULNERABILITIES.length).optional(),
    }),
    consent: z.strictObject({
      status: z.enum(['given', 'not-given']),
      contactByCoordinator: z.boolean().optional(),
      sharing: z
        .array(z.strictObject({ recipientType: text(50), purpose: text(100) }))
        .max(20)
        .optional(),
    }),
    willingToCooperateWithPolice: z
      .boolean()
      .optional()
      .openapi({ description: 'Recorded, never a condition for support.' }),
    accompanyingChildren: z
      .array(z.strictObject({ age: Age, location: Location.optional(), inSweden: z.boolean().optional() }))
      .max(20)
      .optional(),
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

export const ReferralView = z
  .object({
    id: z.string(),
    reference: z.string(),
    status: z.enum(REFERRAL_STATUSES),
    submittedAt: z.string(),
    channel: z.enum(CHANNELS),
    route: Route.nullable(),
    owner: Owner,
    clocks: z.array(
      z.object({
        kind: z.string(),
        startedAt: z.string(),
        dueAt: z.string(),
        state: z.enum(['running', 'paused', 'warned', 'breached', 'stopped']),
      }),
    ),
    handoffs: z.array(
      z.object({
        id: z.string(),
        recipient: z.object({ type: z.string(), id: z.string() }),
        purpose: z.string(),
        status: z.string(),
        offeredAt: z.string(),
      }),
    ),
    linkedReferrals: z.array(z.string()),
    anonymous: z.boolean(),
  })
  .openapi('Referral');

export const ReferralStatusView = z
  .object({
    id: z.string(),
    reference: z.string(),
    status: z.enum(['received', 'routed', 'acknowledged', 'handed-on', 'closed']),
    submittedAt: z.string(),
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
        nextDueAt: z.string().nullable(),
      }),
    ),
    nextCursor: z.string().nullable(),
  })
  .openapi('QueueListing');
