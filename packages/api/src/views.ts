// The shapes each role sees of a referral (api.md "response core"); the referrer's is purpose-limited.
import {
  type ConsentRecord,
  clockStateAt,
  type Handoff,
  type Permit,
  permitExpiresAt,
  policyOf,
  present,
  type ReferralState,
  referrerStatus,
  supportOutcome,
  type TrackedClock,
} from '@nrm/domain';
import { now } from '@nrm/runtime';
import type { HandoffSummary } from '@nrm/store';

/** A clock as people see it: due time and state computed now from its events, never read from storage. */
export function clockView(clock: TrackedClock, at: Date) {
  const computed = clockStateAt(clock, at.toISOString());
  return {
    id: clock.id,
    kind: clock.kind,
    startedAt: computed.startedAt,
    dueAt: computed.dueAt,
    warnAt: computed.warnAt,
    state: computed.state,
    pausedMillis: computed.pausedMillis,
    ...(computed.pauseReason ? { pauseReason: computed.pauseReason } : {}),
    pausable: policyOf(clock).pausable,
    ...present({ handoffId: clock.handoffId, permitId: clock.permitId }),
  };
}

export function handoffView(handoff: Handoff) {
  return {
    id: handoff.id,
    recipient: handoff.recipient,
    purpose: handoff.purpose,
    kind: handoff.kind,
    status: handoff.status,
    basis: handoff.basis,
    offeredAt: handoff.offeredAt,
    ...present({ startedAt: handoff.startedAt, endedAt: handoff.endedAt, outcome: handoff.outcome }),
  };
}

export function permitView(permit: Permit) {
  return {
    ...permit,
    ...(permit.validUntil ? { expiresAt: permitExpiresAt(permit.validUntil).toISOString() } : {}),
  };
}

export function consentView(consent: ConsentRecord) {
  return {
    id: consent.id,
    recipientType: consent.recipientType,
    purpose: consent.purpose,
    recordedAt: consent.recordedAt,
    recordedBy: consent.recordedBy,
    ...(consent.withdrawnAt ? { withdrawnAt: consent.withdrawnAt } : {}),
  };
}

export function fullView(state: ReferralState, at: Date = now()) {
  return {
    view: 'case' as const,
    id: state.id,
    reference: state.reference,
    status: state.status,
    submittedAt: state.submittedAt,
    channel: state.channel,
    route: state.route,
    owner: state.owner,
    clocks: (state.clocks ?? []).map((clock) => clockView(clock, at)),
    handoffs: (state.handoffs ?? []).map(handoffView),
    consents: (state.consents ?? []).map(consentView),
    permits: (state.permits ?? []).map(permitView),
    ...(state.assignee ? { assignee: state.assignee.sub } : {}),
    linkedReferrals: [...state.linkedReferrals],
    anonymous: state.facts.anonymous,
    ...(state.cameOfAgeAt ? { cameOfAgeAt: state.cameOfAgeAt } : {}),
  };
}

/**
 * What a receiving organisation sees of a referral handed to it: the reference, the track, and its own hand-offs
 * with their clocks. Nothing about the person: what is shared beyond this rests on consent or a legal duty.
 */
export function receiverView(state: ReferralState, organisationId: string, at: Date = now()) {
  const own = (state.handoffs ?? []).filter((h) => h.recipient.id === organisationId);
  const ids = new Set(own.map((h) => h.id));
  return {
    view: 'offer' as const,
    id: state.id,
    reference: state.reference,
    status: state.status,
    submittedAt: state.submittedAt,
    track: state.route?.track ?? 'child',
    owner: state.owner,
    handoffs: own.map(handoffView),
    clocks: (state.clocks ?? [])
      .filter((c) => c.handoffId && ids.has(c.handoffId))
      .map((c) => clockView(c, at)),
  };
}

/** A hand-off with what its recipient needs to find and answer it; `answerBy` is the acceptance clock's due time. */
export function handoffDetailView(
  summary: HandoffSummary,
  state: ReferralState | undefined,
  at: Date = now(),
) {
  const clock = state?.clocks.find((c) => c.kind === 'handoff-accept' && c.handoffId === summary.handoff.id);
  const computed = clock ? clockView(clock, at) : undefined;
  return {
    ...handoffView(summary.handoff),
    referralId: summary.referralId,
    reference: summary.reference,
    track: summary.track,
    ...present({
      closedAt: summary.handoff.closedAt,
      declineReason: summary.handoff.declineReason,
      revokeReason: summary.handoff.revokeReason,
      decision: summary.handoff.decision,
    }),
    ...(computed && summary.handoff.status === 'offered' ? { answerBy: computed.dueAt } : {}),
  };
}

/** What a referring organisation may know of its own referral: where it is in the process, nothing of the case. */
export function statusView(state: ReferralState) {
  return {
    view: 'status' as const,
    id: state.id,
    reference: state.reference,
    status: referrerStatus(state.status),
    submittedAt: state.submittedAt,
    // Whether the person received support (yes / no / not yet): the outcome, purpose-limited (issue 17).
    supportReceived: supportOutcome(state),
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
    ageGroup: state.facts.ageGroup,
    languages: [...(state.facts.languages ?? [])],
    ...(state.facts.interpreterNeeded !== undefined
      ? { interpreterNeeded: state.facts.interpreterNeeded }
      : {}),
    needFlags: [...(state.facts.needFlags ?? [])],
    anonymous: state.facts.anonymous,
    nextDueAt: state.nextDueAt,
    ...(state.assignee ? { assignee: state.assignee.sub } : {}),
  };
}
