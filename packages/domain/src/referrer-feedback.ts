// What the referrer is told of the outcome (issue 17), as Finland's mechanism tells its referrers: whether the person
// received support — yes, no, or not yet — and nothing of what, where or from whom.
import { HANDOFF_PURPOSES, type HandoffPurpose } from './handoffs';
import type { ReferralState } from './referral';

export const SUPPORT_OUTCOMES = ['yes', 'no', 'not-yet'] as const;
export type SupportOutcome = (typeof SUPPORT_OUTCOMES)[number];

/** Hand-offs that are support to the person when accepted; a criminal investigation or a permit is not. */
const NOT_SUPPORT: readonly HandoffPurpose[] = [
  'reflection-period-permit',
  'criminal-investigation',
  'out-of-hours-protection',
];
const SUPPORT_PURPOSES: ReadonlySet<HandoffPurpose> = new Set(
  HANDOFF_PURPOSES.filter((purpose) => !NOT_SUPPORT.includes(purpose)),
);

/** A hand-off accepted, running or ended: the person was taken on (an ended service was received). */
const RECEIVED: ReadonlySet<string> = new Set(['accepted', 'active', 'ended']);

/**
 * `yes` once a receiving organisation has accepted a hand-off that is support (it stays yes: support was received);
 * `no` when the referral was closed without one; `not-yet` while it is open without one. Support arranged outside
 * the mechanism is not seen here: the referral's hand-offs are the record.
 */
export function supportOutcome(state: ReferralState): SupportOutcome {
  const supported = state.handoffs.some((h) => SUPPORT_PURPOSES.has(h.purpose) && RECEIVED.has(h.status));
  if (supported) return 'yes';
  return state.status === 'closed' ? 'no' : 'not-yet';
}
