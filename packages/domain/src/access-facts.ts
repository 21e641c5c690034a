// The facts the access policy decides on, taken from a referral's current state: one derivation for the API and for
// anything else that asks the policy in-process (the local demo), so they cannot drift apart.
import type { AccessFacts } from './access';
import { basisHolds } from './case-file';
import type { ReferralState } from './referral';
import { NATIONAL_TRIAGE } from './vocabulary';

export function accessFacts(state: ReferralState): AccessFacts {
  return {
    queue: state.route?.queue ?? NATIONAL_TRIAGE,
    region: state.route?.region ?? null,
    track: state.route?.track ?? 'child',
    referrerOrganisationId: state.referrer.organisationId,
    owner: state.owner,
    handoffs: state.handoffs.map((h) => ({
      id: h.id,
      recipientOrganisationId: h.recipient.id,
      status: h.status,
      purpose: h.purpose,
      basisHolds: basisHolds(state, h),
    })),
    status: state.status,
  };
}
