// Lambda entry of Cognito's pre token generation trigger (V3: people and client-credentials clients alike).
import { type PreTokenGenerationEvent, parseRegistry, type TokenOverrides, tokenOverrides } from './claims';

/** Set by infra: the resource server identifier, which is also the audience the API verifies. */
const audience = process.env.NRM_JWT_AUDIENCE;
if (!audience) throw new Error('NRM_JWT_AUDIENCE is not set');
const registry = parseRegistry(process.env.NRM_AGENCY_CLIENTS);

type Event = PreTokenGenerationEvent & { response: { claimsAndScopeOverrideDetails?: TokenOverrides } };

export const handler = async (event: Event): Promise<Event> => {
  event.response = { claimsAndScopeOverrideDetails: tokenOverrides(event, registry, audience) };
  return event;
};
