// What the component suites share: the demo identities as principals and as signed tokens, referral bodies, and the
// API app as the Lambda and the local server serve it, asked with `app.request()` (no HTTP server).
import { createApp } from '@nrm/api';
import type { Principal, ReferralState, Submission } from '@nrm/domain';
import { createIssuer, findIdentity, principalOf } from '@nrm/local';
import { ReferralRequest } from '@nrm/schemas';
import { inject } from 'vitest';
import { routeReferral } from '../../packages/usecases/src/route-referral';
import { submitReferral } from '../../packages/usecases/src/submit-referral';
import { adultReferral, type Body, referral } from '../support/fixtures';

export function identity(id: string) {
  const found = findIdentity(id);
  if (!found) throw new Error(`No demo identity ${id}`);
  return found;
}

export const principal = (id: string): Principal => principalOf(identity(id));

/** A fixture body as the API's schema parses it: what the use cases take. */
export const submission = (body: Body): Submission => ReferralRequest.parse(body) as Submission;
export const childSubmission = (overrides: Partial<Body> = {}) => submission(referral(overrides));
export const adultSubmission = (overrides: Partial<Body> = {}) => submission(adultReferral(overrides));

/** An injected clock: every use case takes `now`, so nothing here reads or moves the time users see. */
export const at = (iso: string) => new Date(iso);

/** Allows everything: for use-case tests whose subject is not the access policy (the routes' tests are). */
export const anyone = (_state: ReferralState) => {};

/** A referral submitted by the police's system and routed, as the router would after the outbox relayed it. */
export async function routed(body: Submission, now: Date): Promise<string> {
  const { id } = await submitReferral({
    submission: body,
    principal: principal('police-syd-system'),
    channel: 'api',
    now,
  });
  await routeReferral(id, now);
  return id;
}

let issuer: ReturnType<typeof createIssuer> | undefined;

/** A token of the local issuer whose JWKS the component setup serves: the API verifies it as any other. */
export async function tokenFor(identityId: string): Promise<string> {
  const { env, issuerDir } = inject('component');
  issuer ??= createIssuer(env.NRM_JWT_ISSUER!, issuerDir);
  return (await issuer).tokenFor(identity(identityId));
}

export const app = () => createApp({ health: { checks: {} } });

/** One request to the app as `as` (a demo identity), with a JSON body when given. */
export async function call<T = Record<string, unknown>>(
  api: ReturnType<typeof app>,
  method: 'GET' | 'POST',
  path: string,
  as: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  const response = await api.request(path, {
    method,
    headers: {
      authorization: `Bearer ${await tokenFor(as)}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return {
    status: response.status,
    type: response.headers.get('content-type') ?? '',
    headers: response.headers,
    body: (text ? JSON.parse(text) : undefined) as T,
  };
}
