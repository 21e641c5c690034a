// The shapes each role sees of a referral (api.md "response core"); the referrer's is purpose-limited.
import type { ReferralState } from '@nrm/domain';

export function fullView(state: ReferralState) {
  return {
    id: state.id,
    reference: state.reference,
    status: state.status,
    submittedAt: state.submittedAt,
    channel: state.channel,
    route: state.route,
    owner: state.owner,
    clocks: [],
    handoffs: [],
    linkedReferrals: [...state.linkedReferrals],
    anonymous: state.facts.anonymous,
  };
}

const REFERRER_STATUS = {
  received: 'received',
  routed: 'routed',
  acknowledged: 'acknowledged',
  'handed-off': 'handed-on',
  closed: 'closed',
} as const;

/** What a referring organisation may know of its own referral: where it is in the process, nothing of the case. */
export function statusView(state: ReferralState) {
  return {
    id: state.id,
    reference: state.reference,
    status: REFERRER_STATUS[state.status],
    submittedAt: state.submittedAt,
  };
}

export function queueItemView(state: ReferralState & { nextDueAt: string | null }) {
  return {
    id: state.id,
    reference: state.reference,
    status: state.status,
    submittedAt: state.submittedAt,
    track: state.route?.track ?? 'child',
    acuteProtection: state.facts.acuteProtection,
    nextDueAt: state.nextDueAt,
  };
}
