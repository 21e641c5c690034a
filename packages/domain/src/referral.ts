// The referral aggregate: its events and the current state folded from them. Pure; the store persists both.

import type { ClockKind, ClockPauseReason } from './clocks';
import {
  type ConsentRecord,
  type ConsentScope,
  type DeclineReason,
  type DisclosureBasis,
  type Handoff,
  type HandoffPurpose,
  type InvestigationDecision,
  PURPOSE_RULES,
  type Recipient,
  type RevokeReason,
  type ServiceOutcome,
} from './handoffs';
import type { Permit, PermitApplicant, PermitKind } from './permits';
import { type Age, type AgeGroup, type Location, type Route, route as routeOf } from './routing';
import {
  type CoordinatorOfficeId,
  coordinatorOfficeId,
  NATIONAL_TRIAGE,
  type OrganisationType,
  type QueueId,
  type Role,
} from './vocabulary';

export const REFERRAL_STATUSES = ['received', 'routed', 'acknowledged', 'handed-off', 'closed'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

export interface Actor {
  readonly sub: string;
  readonly role: Role | 'system';
  readonly organisationId: string;
  readonly organisationType: OrganisationType | 'system';
}

export const SYSTEM_ACTOR: Actor = {
  sub: 'system',
  role: 'system',
  organisationId: 'nrm',
  organisationType: 'system',
};

export interface Owner {
  readonly type: 'coordinator-office' | 'organisation';
  readonly id: string;
}

/** The coordinator office that answers for a queue; national triage is the national coordinator's own office. */
export function coordinatorOfficeOf(queue: QueueId): Owner {
  return { type: 'coordinator-office', id: coordinatorOfficeId(queue) };
}

/** Until routing, the national coordinator answers for a referral, so there is never a moment without an owner. */
export const INTAKE_OWNER: Owner = coordinatorOfficeOf(NATIONAL_TRIAGE);

/**
 * What the received event records about the person: enough to route and count, nothing that identifies
 * (the name, date of birth, identity number and narrative live in the referral's personal-data item).
 */
export interface ReferralFacts {
  /** Completed years at intake (from the date of birth) or the estimate; absent when unknown. */
  readonly ageYears?: number;
  readonly mayBeMinor?: boolean;
  readonly ageGroup: AgeGroup;
  readonly location: Location;
  readonly gender: string;
  readonly citizenships: readonly string[];
  readonly purposes: readonly string[];
  readonly acuteProtection: boolean;
  readonly consent: 'given' | 'not-given' | 'not-required';
  readonly anonymous: boolean;
  /** ISO 639 codes: coded, not identifying, and what a coordinator plans the first contact by. */
  readonly languages?: readonly string[];
  readonly interpreterNeeded?: boolean;
  /** The immediate needs flagged at intake or since (shelter, medical care, a threat to safety). */
  readonly needFlags?: readonly NeedFlag[];
  /**
   * The local date the child turns 18, when a date of birth is known and the person is a child: what arms the
   * transition alarm (domain.md §4). Set at intake and by corrections; never shown outside the case's coordinators.
   */
  readonly turns18On?: string;
}

export const NEED_FLAGS = ['shelter', 'medical', 'safety-threat'] as const;
export type NeedFlag = (typeof NEED_FLAGS)[number];

/** Why a fact of the case was corrected; the values themselves stay in the personal-data item. */
export const CORRECTION_REASONS = [
  'new-information',
  'error-at-intake',
  'age-assessment',
  'identity-established',
  'person-moved',
  'other',
] as const;
export type CorrectionReason = (typeof CORRECTION_REASONS)[number];

// Coded reasons: events, queues and statistics carry the code; any free-text comment is kept beside the events as
// a note item (personal data), referred to by id.
export const TRANSFER_REASONS = [
  'person-moved',
  'wrong-region',
  'exploitation-location',
  'child-track',
  'adult-track',
  'other',
] as const;
export type TransferReason = (typeof TRANSFER_REASONS)[number];

export const CLOSE_REASONS = [
  /** An anonymous notification: counted in the statistics, with no case to work (domain.md §6). */
  'notification-counted',
  'support-established',
  'no-indicators',
  'person-declined-support',
  'person-left-sweden',
  'unreachable',
  'duplicate',
  'other',
] as const;
export type CloseReason = (typeof CLOSE_REASONS)[number];

export const REOPEN_REASONS = [
  'relapse',
  'new-information',
  'closed-in-error',
  /** The person behind an anonymous notification consented: it becomes a case (referral.case-opened.v1 follows). */
  'consent-given',
  'other',
] as const;
export type ReopenReason = (typeof REOPEN_REASONS)[number];

export const ASSIGNMENT_REASONS = [
  'workload',
  'absence',
  'expertise',
  'language',
  'conflict-of-interest',
  'other',
] as const;
/** Why a referral was given to someone else, or back to the office's queue (domain codes, never free text). */
export type AssignmentReason = (typeof ASSIGNMENT_REASONS)[number];

/**
 * Who works a referral: a coordinator of the office of its queue. The office stays the accountable owner; the
 * assignment only says who carries it. A staff member's id, never the person's data.
 */
export interface Assignment {
  readonly sub: string;
  readonly office: CoordinatorOfficeId;
  readonly since: string;
}

/**
 * Why a clock ended other than its condition being met: the track changed under it (a corrected age), or the child
 * turned 18 and the child-only clocks end.
 */
export const CLOCK_STOP_REASONS = ['track-changed', 'turned-18'] as const;
export type ClockStopReason = (typeof CLOCK_STOP_REASONS)[number];

/** What each event of the referral's log records, by its versioned type: one entry per event. */
export interface EventData {
  'referral.received.v1': {
    readonly reference: string;
    readonly channel: 'api' | 'web' | 'phone' | 'outreach';
    readonly referrer: { readonly organisationId: string; readonly organisationType: OrganisationType };
    readonly facts: ReferralFacts;
    readonly parentReferralId?: string;
    readonly linkedReferrals: readonly string[];
    /** Pseudonymous person key (statistics/person-key.ts): a keyed hash, not reversible without the secret. */
    readonly personKey?: string;
    /** The sharing the adult consented to at intake, recorded by the referrer. */
    readonly consents?: readonly (ConsentScope & { readonly consentId: string })[];
  };
  'referral.routed.v1': { readonly route: Route; readonly owner: Owner };
  /** A coordinator of the referral's queue took it on; the office of that queue owns it unless an organisation does. */
  'referral.acknowledged.v1': { readonly queue: QueueId; readonly owner: Owner };
  /** A coordinator took the referral, or it was given to (or moved to) a colleague of the same office. */
  'referral.assigned.v1': {
    readonly assignee: string;
    readonly office: CoordinatorOfficeId;
    /** Set when it moves from one coordinator to another: why, and from whom. */
    readonly reason?: AssignmentReason;
    readonly previous?: string;
  };
  /** Nobody works it any more: it is back with the office's queue. */
  'referral.unassigned.v1': { readonly previous: string; readonly reason: AssignmentReason };
  'referral.note-added.v1': { readonly noteId: string };
  /** Moved to another queue; ownership stays until a coordinator of the new queue acknowledges it. */
  'referral.transferred.v1': {
    readonly from: Route;
    readonly to: Route;
    readonly reason: TransferReason;
    readonly commentId?: string;
  };
  'referral.closed.v1': { readonly reason: CloseReason; readonly commentId?: string };
  'referral.reopened.v1': {
    readonly reason: ReopenReason;
    readonly owner: Owner;
    readonly commentId?: string;
  };
  /**
   * The retention period after closure ran out: the personal-data item and the free texts were deleted in the same
   * transaction as this event. Counts and statistics are untouched.
   */
  'referral.personal-data-erased.v1': { readonly retentionDays: number; readonly itemsErased: number };
  /**
   * Facts of the case were corrected. The event names which fields changed and why, never their values: the corrected
   * personal data is written to the personal-data item in the same transaction; `facts` are the non-identifying facts
   * routing and statistics read, recomputed from the corrected data (age as it was at submission).
   */
  'referral.corrected.v1': {
    readonly correctionId: string;
    readonly fields: readonly string[];
    readonly reason: CorrectionReason;
    readonly facts: ReferralFacts;
    /** Set when an identity number was added or changed: the pseudonymous key of the person it names. */
    readonly personKey?: string;
    readonly commentId?: string;
  };
  /**
   * An anonymous notification became a case: the person consented, and their personal data was added to the same
   * referral (same id and reference). The actor is who recorded the consent; the event's time is when.
   */
  'referral.case-opened.v1': {
    readonly facts: ReferralFacts;
    readonly personKey?: string;
    readonly consents: readonly (ConsentScope & { readonly consentId: string })[];
  };
  /** The referrer added information after submission; its content is a note item, never the event. */
  'referral.supplemented.v1': { readonly supplementId: string };
  /** The person consented to sharing with a kind of organisation for a purpose; the actor is who recorded it. */
  'consent.recorded.v1': ConsentScope & { readonly consentId: string };
  /** The person withdrew a consent; offers resting on it are revoked, what was already shared stays on record. */
  'consent.withdrawn.v1': { readonly consentId: string };
  'handoff.offered.v1': {
    readonly handoffId: string;
    readonly recipient: Recipient;
    readonly purpose: HandoffPurpose;
    readonly basis: DisclosureBasis;
  };
  /**
   * The recipient accepted. A responsibility hand-off names the new owner; a service hand-off has none (the owner is
   * unchanged) — the service runs beside the case.
   */
  'handoff.accepted.v1': { readonly handoffId: string; readonly owner?: Owner };
  /** The service began (the person moved into the shelter, the investigation opened, the treatment started). */
  'handoff.service-started.v1': { readonly handoffId: string };
  /** The service ended with a coded outcome; any comment is a note item. */
  'handoff.service-ended.v1': {
    readonly handoffId: string;
    readonly outcome: ServiceOutcome;
    readonly commentId?: string;
  };
  /** An application for a residence permit was made (recorded by whoever was told; dates as the application states). */
  'permit.applied.v1': {
    readonly permitId: string;
    readonly kind: PermitKind;
    readonly appliedBy: PermitApplicant;
    readonly appliedOn: string;
  };
  /** Migrationsverket decided: granted (valid from, through) or refused. */
  'permit.decided.v1': {
    readonly permitId: string;
    readonly decision: 'granted' | 'refused';
    readonly decidedOn: string;
    readonly validFrom?: string;
    readonly validUntil?: string;
  };
  'permit.extended.v1': {
    readonly permitId: string;
    readonly decidedOn: string;
    readonly validUntil: string;
  };
  'permit.revoked.v1': { readonly permitId: string; readonly decidedOn: string };
  /**
   * The child turned 18 (domain.md §4, L14459–14461): the case goes on without a gap — the same owner, queue and
   * services — while the child-only clocks end. Statistics keep the age at referral.
   */
  'referral.came-of-age.v1': { readonly clockId: string };
  'handoff.declined.v1': {
    readonly handoffId: string;
    readonly reason: DeclineReason;
    readonly commentId?: string;
  };
  'handoff.revoked.v1': { readonly handoffId: string; readonly reason: RevokeReason };
  /** Nobody answered the offer before its acceptance clock ran through the whole escalation chain. */
  'handoff.expired.v1': { readonly handoffId: string; readonly clockId: string };
  /** Social services recorded whether they open an investigation after a report of concern (SoL 11:1a). */
  'handoff.decision-recorded.v1': { readonly handoffId: string; readonly decision: InvestigationDecision };
  'clock.started.v1': {
    readonly clockId: string;
    /** What the clock is for; at most one running clock per key (e.g. `acknowledge:syd:child`). */
    readonly key: string;
    readonly kind: ClockKind;
    readonly policyId: string;
    readonly catalogueVersion: string;
    readonly handoffId?: string;
    readonly permitId?: string;
    /** When it counts from, if not from the event (a permit counts from its first valid day). */
    readonly startsAt?: string;
    /** The end a decision set (a permit's expiry), instead of the policy's duration. */
    readonly endsAt?: string;
    /** The turning-18 alarm counts back from this local date. */
    readonly eighteenthBirthday?: string;
  };
  'clock.paused.v1': {
    readonly clockId: string;
    readonly reason: ClockPauseReason;
    readonly commentId?: string;
  };
  'clock.resumed.v1': { readonly clockId: string };
  'clock.stopped.v1': {
    readonly clockId: string;
    readonly kind: ClockKind;
    readonly reason?: ClockStopReason;
  };
  'clock.warned.v1': { readonly clockId: string; readonly kind: ClockKind; readonly dueAt: string };
  'clock.breached.v1': { readonly clockId: string; readonly kind: ClockKind; readonly dueAt: string };
  'clock.escalated.v1': {
    readonly clockId: string;
    readonly kind: ClockKind;
    /** Position in the policy's escalation chain: 1 is told at the breach, each later one after a further wait. */
    readonly step: number;
    readonly target: string;
    readonly dueAt: string;
  };
}

/** An event of the referral's log: its versioned type and what it records. */
export type EventOfType<T extends keyof EventData> = { readonly type: T; readonly data: EventData[T] };
export type ReferralEvent = { [T in keyof EventData]: EventOfType<T> }[keyof EventData];
export type ReferralReceived = EventOfType<'referral.received.v1'>;
export type PermitApplied = EventOfType<'permit.applied.v1'>;
export type ClockBreached = EventOfType<'clock.breached.v1'>;
export type ReferralEventType = ReferralEvent['type'];

/** An event as stored and relayed: the versioned envelope every consumer receives. */
export type EventEnvelope<E extends ReferralEvent = ReferralEvent> = E & {
  readonly eventId: string;
  readonly referralId: string;
  readonly seq: number;
  readonly occurredAt: string;
  readonly actor: Actor;
};

/** One step of a clock's life, as the clock engine reads it. */
export interface TrackedClockEvent {
  readonly type: 'started' | 'paused' | 'resumed' | 'stopped';
  readonly at: string;
  readonly reason?: ClockPauseReason | ClockStopReason;
  /** A pause's comment (reason `other`): a note item, referred to by id. */
  readonly commentId?: string;
}

/**
 * A clock the referral runs, folded from its clock events. Due times are not stored: they are computed from these
 * events with the policy and the calendar whenever they are needed, so they stay right if the calendar changes.
 */
export interface TrackedClock
  // What it was started with, as clock.started.v1 recorded it (a decided end, the turning-18 alarm's birthday).
  extends Pick<
    EventData['clock.started.v1'],
    | 'key'
    | 'kind'
    | 'policyId'
    | 'catalogueVersion'
    | 'handoffId'
    | 'permitId'
    | 'endsAt'
    | 'eighteenthBirthday'
  > {
  readonly id: string;
  readonly events: readonly TrackedClockEvent[];
  readonly warned: boolean;
  readonly breached: boolean;
  /** The last escalation step recorded; 0 before the breach. */
  readonly escalationStep: number;
}

export interface ReferralState
  // What referral.received.v1 recorded at intake; the facts change with corrections and a case opened.
  extends Pick<
    EventData['referral.received.v1'],
    'reference' | 'channel' | 'referrer' | 'facts' | 'parentReferralId' | 'linkedReferrals'
  > {
  readonly id: string;
  readonly version: number;
  readonly status: ReferralStatus;
  readonly submittedAt: string;
  readonly route: Route | null;
  readonly owner: Owner;
  /**
   * The coordinator who works it, absent while it waits in the office's queue. Ends when the referral moves to
   * another queue or is reopened (it waits for that queue's coordinators again).
   */
  readonly assignee?: Assignment;
  /** Since when it has waited in its queue for someone to work it: routed, moved, reopened or given back. */
  readonly queuedAt?: string;
  readonly updatedAt: string;
  /** Routed, transferred or reopened and not yet acknowledged by a coordinator of its queue. */
  readonly awaitingAcknowledgement: boolean;
  readonly handoffs: readonly Handoff[];
  /** The adult's consents to sharing, withdrawn ones included (with when). */
  readonly consents: readonly ConsentRecord[];
  readonly clocks: readonly TrackedClock[];
  readonly notes: number;
  readonly supplements: number;
  /** How many times facts of the case were corrected. */
  readonly corrections?: number;
  /** The permit ledger: applications and decisions, in the order applied for. */
  readonly permits: readonly Permit[];
  /** When a child of the case turned 18 (the case went on; child-only clocks ended). */
  readonly cameOfAgeAt?: string;
  /** When it was last closed; absent while open. */
  readonly closedAt?: string;
  /** When its personal data was erased after the retention period; the referral itself remains. */
  readonly personalDataErasedAt?: string;
}

/** Folds one event into the state. Throws on an event the state cannot take: the log would be corrupt. */
export function applyEvent(state: ReferralState | undefined, event: EventEnvelope): ReferralState {
  if (event.type === 'referral.received.v1') {
    if (state) throw new Error('referral.received.v1 must be the first event');
    const { data } = event;
    return {
      id: event.referralId,
      version: event.seq,
      reference: data.reference,
      status: 'received',
      submittedAt: event.occurredAt,
      channel: data.channel,
      referrer: data.referrer,
      facts: data.facts,
      route: null,
      owner: INTAKE_OWNER,
      ...(data.parentReferralId ? { parentReferralId: data.parentReferralId } : {}),
      linkedReferrals: data.linkedReferrals,
      updatedAt: event.occurredAt,
      awaitingAcknowledgement: false,
      handoffs: [],
      consents: (data.consents ?? []).map(({ consentId, ...scope }) =>
        consentRecord(consentId, scope, event),
      ),
      clocks: [],
      notes: 0,
      supplements: 0,
      permits: [],
    };
  }
  if (!state) throw new Error(`${event.type} before referral.received.v1`);
  const next = { ...state, version: event.seq, updatedAt: event.occurredAt };
  const at = event.occurredAt;
  switch (event.type) {
    case 'referral.routed.v1':
      return {
        ...next,
        status: 'routed',
        route: event.data.route,
        owner: event.data.owner,
        awaitingAcknowledgement: true,
        queuedAt: at,
      };
    case 'referral.acknowledged.v1':
      return {
        ...next,
        status: next.status === 'routed' ? 'acknowledged' : next.status,
        owner: event.data.owner,
        awaitingAcknowledgement: false,
      };
    case 'referral.note-added.v1':
      return { ...next, notes: next.notes + 1 };
    case 'referral.assigned.v1':
      return { ...next, assignee: { sub: event.data.assignee, office: event.data.office, since: at } };
    case 'referral.unassigned.v1':
      return { ...unassigned(next), queuedAt: at };
    case 'referral.supplemented.v1':
      return { ...next, supplements: next.supplements + 1 };
    case 'referral.corrected.v1':
      return { ...next, facts: event.data.facts, corrections: (next.corrections ?? 0) + 1 };
    case 'referral.case-opened.v1':
      return {
        ...next,
        facts: event.data.facts,
        consents: [
          ...next.consents,
          ...event.data.consents.map(({ consentId, ...scope }) => consentRecord(consentId, scope, event)),
        ],
      };
    case 'referral.transferred.v1':
      return {
        ...unassigned(next),
        status: 'routed',
        route: event.data.to,
        awaitingAcknowledgement: true,
        queuedAt: at,
      };
    case 'referral.closed.v1':
      return { ...next, status: 'closed', closedAt: at };
    case 'referral.reopened.v1': {
      const { closedAt: _closedAt, ...open } = unassigned(next);
      return {
        ...open,
        status: 'routed',
        owner: event.data.owner,
        awaitingAcknowledgement: true,
        queuedAt: at,
      };
    }
    case 'referral.personal-data-erased.v1':
      return { ...next, personalDataErasedAt: at };
    case 'consent.recorded.v1': {
      const { consentId, ...scope } = event.data;
      return { ...next, consents: [...next.consents, consentRecord(consentId, scope, event)] };
    }
    case 'consent.withdrawn.v1':
      return {
        ...next,
        consents: next.consents.map((c) => (c.id === event.data.consentId ? { ...c, withdrawnAt: at } : c)),
      };
    case 'handoff.offered.v1':
      return {
        ...next,
        handoffs: [
          ...next.handoffs,
          {
            id: event.data.handoffId,
            recipient: event.data.recipient,
            purpose: event.data.purpose,
            kind: PURPOSE_RULES[event.data.purpose].kind,
            status: 'offered',
            basis: event.data.basis,
            offeredAt: at,
          },
        ],
      };
    case 'handoff.accepted.v1': {
      const accepted = updateHandoff(next, event.data.handoffId, { status: 'accepted', closedAt: at });
      return event.data.owner ? { ...accepted, status: 'handed-off', owner: event.data.owner } : accepted;
    }
    case 'handoff.service-started.v1':
      return updateHandoff(next, event.data.handoffId, { status: 'active', startedAt: at });
    case 'handoff.service-ended.v1':
      return updateHandoff(next, event.data.handoffId, {
        status: 'ended',
        endedAt: at,
        outcome: event.data.outcome,
      });
    case 'permit.applied.v1': {
      const { permitId, kind, appliedBy, appliedOn } = event.data;
      const permit: Permit = { id: permitId, kind, appliedBy, appliedOn, status: 'applied', extensions: 0 };
      return { ...next, permits: [...next.permits, permit] };
    }
    case 'permit.decided.v1': {
      const { decision, decidedOn, validFrom, validUntil } = event.data;
      return updatePermit(next, event.data.permitId, () => ({
        status: decision,
        decidedOn,
        ...(validFrom ? { validFrom } : {}),
        ...(validUntil ? { validUntil } : {}),
      }));
    }
    case 'permit.extended.v1':
      return updatePermit(next, event.data.permitId, (p) => ({
        validUntil: event.data.validUntil,
        extensions: p.extensions + 1,
      }));
    case 'permit.revoked.v1':
      return updatePermit(next, event.data.permitId, () => ({
        status: 'revoked',
        revokedOn: event.data.decidedOn,
      }));
    case 'referral.came-of-age.v1':
      return { ...next, cameOfAgeAt: at };
    case 'handoff.declined.v1':
      return updateHandoff(next, event.data.handoffId, {
        status: 'declined',
        closedAt: at,
        declineReason: event.data.reason,
      });
    case 'handoff.revoked.v1':
      return updateHandoff(next, event.data.handoffId, {
        status: 'revoked',
        closedAt: at,
        revokeReason: event.data.reason,
      });
    case 'handoff.expired.v1':
      return updateHandoff(next, event.data.handoffId, { status: 'expired', closedAt: at });
    case 'handoff.decision-recorded.v1':
      return updateHandoff(next, event.data.handoffId, { decision: event.data.decision });
    case 'clock.started.v1': {
      const { clockId, key, kind, policyId, catalogueVersion, handoffId, permitId, startsAt, endsAt } =
        event.data;
      const clock: TrackedClock = {
        id: clockId,
        key,
        kind,
        policyId,
        catalogueVersion,
        ...(handoffId ? { handoffId } : {}),
        ...(permitId ? { permitId } : {}),
        ...(endsAt ? { endsAt } : {}),
        ...(event.data.eighteenthBirthday ? { eighteenthBirthday: event.data.eighteenthBirthday } : {}),
        events: [{ type: 'started', at: startsAt ?? at }],
        warned: false,
        breached: false,
        escalationStep: 0,
      };
      return { ...next, clocks: [...next.clocks, clock] };
    }
    case 'clock.paused.v1': {
      const { reason, commentId } = event.data;
      return updateClock(next, event.data.clockId, (c) => ({
        events: [...c.events, { type: 'paused', at, reason, ...(commentId ? { commentId } : {}) }],
      }));
    }
    case 'clock.resumed.v1':
      return updateClock(next, event.data.clockId, (c) => ({
        events: [...c.events, { type: 'resumed', at }],
      }));
    case 'clock.stopped.v1': {
      const { reason } = event.data;
      return updateClock(next, event.data.clockId, (c) => ({
        events: [...c.events, { type: 'stopped', at, ...(reason ? { reason } : {}) }],
      }));
    }
    case 'clock.warned.v1':
      return updateClock(next, event.data.clockId, () => ({ warned: true }));
    case 'clock.breached.v1':
      return updateClock(next, event.data.clockId, () => ({ breached: true }));
    case 'clock.escalated.v1':
      return updateClock(next, event.data.clockId, () => ({ escalationStep: event.data.step }));
  }
}

function consentRecord(id: string, scope: ConsentScope, event: EventEnvelope): ConsentRecord {
  const { sub, role, organisationId } = event.actor;
  return { id, ...scope, recordedAt: event.occurredAt, recordedBy: { sub, role, organisationId } };
}

function unassigned(state: ReferralState): ReferralState {
  const { assignee: _assignee, ...rest } = state;
  return rest;
}

/** The state with item `id` of one of its lists changed; an id the list does not hold means a corrupt log. */
function updateItem<T extends { readonly id: string }>(
  state: ReferralState,
  list: 'permits' | 'handoffs' | 'clocks',
  id: string,
  change: (item: T) => Partial<T>,
): ReferralState {
  const items = state[list] as readonly unknown[] as readonly T[];
  if (!items.some((item) => item.id === id)) throw new Error(`No ${list} item ${id} on ${state.id}`);
  return { ...state, [list]: items.map((item) => (item.id === id ? { ...item, ...change(item) } : item)) };
}

const updatePermit = (state: ReferralState, id: string, change: (permit: Permit) => Partial<Permit>) =>
  updateItem(state, 'permits', id, change);
const updateHandoff = (state: ReferralState, id: string, change: Partial<Handoff>) =>
  updateItem<Handoff>(state, 'handoffs', id, () => change);
const updateClock = (
  state: ReferralState,
  id: string,
  change: (clock: TrackedClock) => Partial<TrackedClock>,
) => updateItem(state, 'clocks', id, change);

export function foldEvents(events: readonly EventEnvelope[]): ReferralState | undefined {
  return events.reduce<ReferralState | undefined>(applyEvent, undefined);
}

/** Whether a clock is still counting (running or paused), i.e. has not been stopped. */
export function isClockActive(clock: TrackedClock): boolean {
  return !clock.events.some((e) => e.type === 'stopped');
}

export function isClockPaused(clock: TrackedClock): boolean {
  let paused = false;
  for (const e of clock.events) {
    if (e.type === 'paused') paused = true;
    else if (e.type === 'resumed' || e.type === 'stopped') paused = false;
  }
  return paused;
}

/** The facts' age in the shape routing understands: exact years when a date of birth was given, else the estimate. */
export function routingAge(facts: ReferralFacts): Age {
  const { ageYears: years, mayBeMinor } = facts;
  if (years !== undefined)
    return { estimatedYears: years, ...(mayBeMinor !== undefined ? { mayBeMinor } : {}) };
  return { unknown: true, ...(mayBeMinor !== undefined ? { mayBeMinor } : {}) };
}

/** The routing decision for a received referral. Accompanying children are always on the child track. */
export function decideRoute(state: ReferralState, today: string): { route: Route; owner: Owner } {
  const decided = routeOf({ age: routingAge(state.facts), location: state.facts.location }, today);
  const route: Route = state.parentReferralId
    ? routeOf({ age: { unknown: true, mayBeMinor: true }, location: state.facts.location }, today)
    : decided;
  return { route, owner: coordinatorOfficeOf(route.queue) };
}
