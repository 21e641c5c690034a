// The one place the API asks the domain's authorisation policy, for every endpoint, and the one place it writes the
// audit trail: every decision about a referral (allowed or not) is recorded before the caller gets an answer.
import {
  type AccessTarget,
  type Action,
  authorize,
  Forbidden,
  NotFound,
  type Principal,
  type ReferralState,
  type View,
} from '@nrm/domain';
import { now } from '@nrm/runtime';
import { appendAudit, getReferralState } from '@nrm/store';
import { actorOf } from '@nrm/usecases';
import type { Context } from 'hono';
import type { AppEnv } from './context';
import { problem } from './problem';

/** The facts the policy decides on: the domain's one derivation from the referral's state. */
export { accessFacts } from '@nrm/domain';

import { accessFacts } from '@nrm/domain';

export type Guarded = { ok: true; view: View; principal: Principal } | { ok: false; response: Response };

/** Appends one audit entry for this request. */
export async function audit(
  c: Context<AppEnv>,
  entry: {
    subject: string;
    action: string;
    outcome: 'allowed' | 'denied';
    referralIds?: readonly string[];
    categories?: readonly string[];
  },
): Promise<void> {
  const principal = c.get('principal');
  await appendAudit({
    ...entry,
    actor: actorOf(principal),
    requestId: c.get('requestId'),
    at: now().toISOString(),
  });
}

/**
 * Asks the policy; when the request concerns a referral (`subject`), the decision is audited first, so a read that
 * could not be recorded is not answered.
 */
export async function guard(
  c: Context<AppEnv>,
  action: Action,
  target: AccessTarget = {},
  subject?: string,
  options: {
    /** The categories of personal data an allowed read in this view discloses, for the audit entry. */
    readonly categories?: (view: View, principal: Principal) => readonly string[];
  } = {},
): Promise<Guarded> {
  const principal = c.get('principal');
  const decision = authorize(principal, action, target);
  const categories = decision.allow && options.categories?.(decision.view, principal);
  if (subject) {
    await audit(c, {
      subject,
      action,
      outcome: decision.allow ? 'allowed' : 'denied',
      ...(categories ? { categories } : {}),
    });
  }
  if (decision.allow) return { ok: true, view: decision.view, principal };
  // 404 for what the caller may not know exists, so the answer leaks nothing about other people's referrals.
  const response =
    decision.status === 404
      ? problem(c, 404, 'No such referral.')
      : problem(c, 403, 'Your role may not do this.');
  return { ok: false, response };
}

/**
 * `guard` for handlers that let refusals propagate: answers the allowed view and principal, or throws NotFound or
 * Forbidden for the one onError to answer as problem+json. A listing audits its allowed read itself, with the
 * referrals it named; `auditRefusalAs` records a refusal of it here.
 */
export async function allow(
  c: Context<AppEnv>,
  action: Action,
  target: AccessTarget = {},
  subject?: string,
  options: Parameters<typeof guard>[4] & { readonly auditRefusalAs?: string } = {},
): Promise<{ view: View; principal: Principal }> {
  const guarded = await guard(c, action, target, subject, options);
  if (guarded.ok) return guarded;
  if (options.auditRefusalAs) await audit(c, { subject: options.auditRefusalAs, action, outcome: 'denied' });
  throw guarded.response.status === 404
    ? new NotFound('No such referral.')
    : new Forbidden('Your role may not do this.');
}

/**
 * `allow` on one referral: loads it (NotFound when there is none) and asks the policy about `action` on it, audited
 * under the referral. `options` may depend on the state read (the categories a case-file read discloses).
 */
export async function allowOnReferral(
  c: Context<AppEnv>,
  id: string,
  action: Action,
  options?: Parameters<typeof guard>[4] | ((state: ReferralState) => Parameters<typeof guard>[4]),
) {
  const state = await getReferralState(id);
  if (!state) throw new NotFound('No such referral.');
  const target = { referral: accessFacts(state) };
  const allowed = await allow(
    c,
    action,
    target,
    `referral:${id}`,
    typeof options === 'function' ? options(state) : options,
  );
  return { ...allowed, state };
}

/** A listing's allowed read, audited with the referrals it named (never their content). */
export function auditListing(
  c: Context<AppEnv>,
  subject: string,
  action: Action,
  referralIds: readonly string[],
) {
  return audit(c, { subject, action, outcome: 'allowed', referralIds });
}
