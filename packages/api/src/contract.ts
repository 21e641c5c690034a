// The contract files integrators read without running the platform: JSON Schema (draft 2020-12) of the referral
// request, the event envelope and the problem document, and the OpenAPI document, all from the same zod schemas.
import { EventEnvelope, Problem, ReferralRequest } from '@nrm/schemas';
import * as z from 'zod';
import { openApiDocument } from './app';

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
const schema = (s: z.core.$ZodType) => json(z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' }));

export function contractArtifacts(): Record<string, string> {
  return {
    'referral.v1.schema.json': schema(ReferralRequest),
    'event-envelope.v1.schema.json': schema(EventEnvelope),
    'problem.schema.json': schema(Problem),
    'openapi.json': json(openApiDocument()),
  };
}
