// The referral aggregate: its events and the current state folded from them. Pure; the store persists both.
import { coordinatorOfficeId } from './access';
import { type Age, type AgeGroup, type Location, type Route, route as routeOf } from './routing';
import { NATIONAL_TRIAGE, type OrganisationType, type QueueId, type Role } from './vocabulary';

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
}

export interface ReferralReceived {
  readonly type: 'referral.received.v1';
  readonly data: {
    readonly reference: string;
    readonly channel: 'api' | 'web';
    readonly referrer: { readonly organisationId: string; readonly organisationType: OrganisationType };
    readonly facts: ReferralFacts;
    readonly parentReferralId?: string;
    readonly linkedReferrals: readonly string[];
  };
}

export interface ReferralRouted {
  readonly type: 'referral.routed.v1';
  readonly data: { readonly route: Route; readonly owner: Owner };
}

export type ReferralEvent = ReferralReceived | ReferralRouted;
export type ReferralEventType = ReferralEvent['type'];

/** An event as stored and relayed: the versioned envelope every consumer receives. */
export type EventEnvelope<E extends ReferralEvent = ReferralEvent> = E & {
  readonly eventId: string;
  readonly referralId: string;
  readonly seq: number;
  readonly occurredAt: string;
  readonly actor: Actor;
};

export interface ReferralState {
  readonly id: string;
  readonly version: number;
  readonly reference: string;
  readonly status: ReferralStatus;
  readonly submittedAt: string;
  readonly channel: 'api' | 'web';
  readonly referrer: { readonly organisationId: string; readonly organisationType: OrganisationType };
  readonly facts: ReferralFacts;
  readonly route: Route | null;
  readonly owner: Owner;
  readonly parentReferralId?: string;
  readonly linkedReferrals: readonly string[];
  readonly updatedAt: string;
}

export function applyEvent(state: ReferralState | undefined, event: EventEnvelope): ReferralState {
  switch (event.type) {
    case 'referral.received.v1': {
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
      };
    }
    case 'referral.routed.v1': {
      if (!state) throw new Error('referral.routed.v1 before referral.received.v1');
      return {
        ...state,
        version: event.seq,
        status: 'routed',
        route: event.data.route,
        owner: event.data.owner,
        updatedAt: event.occurredAt,
      };
    }
  }
}

export function foldEvents(events: readonly EventEnvelope[]): ReferralState | undefined {
  return events.reduce<ReferralState | undefined>(applyEvent, undefined);
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
