// The one place the API asks the domain's authorisation policy, for every endpoint.
import {
  type AccessTarget,
  type Action,
  authorize,
  NATIONAL_TRIAGE,
  type Principal,
  type ReferralState,
  type View,
} from '@nrm/domain';
import type { Context } from 'hono';
import type { AppEnv } from './context';
import { problem } from './problem';

/** The facts the policy decides on, taken from the referral's current state. */
export function accessFacts(state: ReferralState): NonNullable<AccessTarget['referral']> {
  return {
    queue: state.route?.queue ?? NATIONAL_TRIAGE,
    region: state.route?.region ?? null,
    track: state.route?.track ?? 'child',
    referrerOrganisationId: state.referrer.organisationId,
    owner: state.owner,
    handoffs: [],
    status: state.status,
  };
}

export type Guarded = { ok: true; view: View; principal: Principal } | { ok: false; response: Response };

export function guard(c: Context<AppEnv>, action: Action, target: AccessTarget = {}): Guarded {
  const principal = c.get('principal');
  const decision = authorize(principal, action, target);
  if (decision.allow) return { ok: true, view: decision.view, principal };
  // 404 for what the caller may not know exists, so the answer leaks nothing about other people's referrals.
  const response =
    decision.status === 404
      ? problem(c, 404, 'No such referral.')
      : problem(c, 403, 'Your role may not do this.');
  return { ok: false, response };
}
