// What the platform tells people, and whom: e-mails addressed to mailboxes of offices, organisations, regional leads
// and — for a referral assigned to a coordinator — that coordinator's own staff mailbox, that say which referral
// needs what by when and nothing else (domain.md §8: no personal data in notifications). The text is built from the reference, the clock and the time only, so no case detail can leak.

import type { ClockKind } from '../clocks';
import type {
  EventEnvelope,
  ReferralEvent,
  ReferralEventType,
  ReferralState,
  TrackedClock,
} from '../referral';
import type { Route } from '../routing';
import { coordinatorOfficeId, NATIONAL_TRIAGE, type QueueId } from '../vocabulary';
import type { NotifiedEventType } from './notified';

/** The mailbox of the national coordinator, the last step of every escalation chain. */
export const NATIONAL_MAILBOX = 'national-coordinator';

export interface Notification {
  /** Mailbox ids: coordinator offices, staff (`staff:<sub>`), receiving organisations, regional leads, national. */
  readonly to: readonly string[];
  readonly subject: string;
  readonly text: string;
  /**
   * Set on a "new referral in your queue" nudge that may wait for the mailbox's nudge window (nudges.ts): the queue
   * it is about. Absent on everything that must go at once.
   */
  readonly gatherable?: QueueId;
}

/** A notification as sent: the one shape the notifier hands to the e-mail transport (local outbox or SES). */
export interface OutgoingEmail extends Notification {
  /** The event that caused it; the e-mail's id, so a resend is recognisable. */
  readonly eventId: string;
  readonly eventType: string;
  readonly reference: string;
  readonly clockKind?: string;
}

export type SendEmail = (email: OutgoingEmail) => Promise<void>;

const WHAT_IS_DUE: { readonly [K in ClockKind]: string } = {
  acknowledge: 'needs acknowledgement',
  'handoff-accept': 'has a hand-off that needs an answer',
  'referrer-feedback': 'needs a first status to its referrer',
  'owner-gap': 'needs an accountable owner (an accepted hand-off)',
  'turning-18': 'needs a transition plan before the 18th birthday',
  'reflection-period': 'has a reflection period ending',
  'permit-investigation': 'has a residence permit ending',
  'exit-plan-permit': 'has an exit-plan permit ending',
  'child-decision': 'needs a decision on opening an investigation',
  'report-of-concern': "needs the child's report of concern made (name the municipality)",
  'state-compensation': 'has a state compensation period ending',
};

const stockholmTime = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});

/** '2026-11-28 14:00', Stockholm time. */
export function formatDeadline(instant: string): string {
  return stockholmTime.format(new Date(instant));
}

/** A coordinator's own staff mailbox, by the id they sign in with (never the victim's data). */
export function staffMailbox(sub: string): string {
  return `staff:${sub}`;
}

/** The mailbox of the lead of a regional queue (one per region and track). */
export function regionalLeadMailbox(queue: QueueId): string {
  return queue === NATIONAL_TRIAGE ? NATIONAL_MAILBOX : `regional-lead:${queue}`;
}

function regionalLead(state: ReferralState): string {
  return state.route ? regionalLeadMailbox(state.route.queue) : NATIONAL_MAILBOX;
}

/** The office itself, or the coordinator of that office the referral is assigned to. */
function officeOrAssignee(office: string, state: ReferralState): string {
  return state.assignee?.office === office ? staffMailbox(state.assignee.sub) : office;
}

/**
 * Who must act on a clock: the office that must acknowledge, the organisation that must answer or decide — and for
 * an office, the coordinator it is assigned to when it is.
 */
export function assigneesOf(clock: TrackedClock, state: ReferralState): string[] {
  if (clock.kind === 'acknowledge' && clock.key.startsWith('acknowledge:')) {
    return [officeOrAssignee(coordinatorOfficeId(clock.key.slice('acknowledge:'.length) as QueueId), state)];
  }
  const handoff = clock.handoffId ? state.handoffs.find((h) => h.id === clock.handoffId) : undefined;
  if (handoff) return [handoff.recipient.id];
  return [officeOrAssignee(state.owner.id, state)];
}

function escalationMailbox(target: string, clock: TrackedClock, state: ReferralState): string[] {
  if (target === 'assignee') return assigneesOf(clock, state);
  if (target === 'regional-lead') return [regionalLead(state)];
  return [NATIONAL_MAILBOX];
}

function unique(mailboxes: readonly string[]): string[] {
  return [...new Set(mailboxes)];
}

function mail(to: readonly string[], subject: string, more?: string): Notification {
  return {
    to: unique(to),
    subject,
    text: `${subject}${more ? `\n\n${more}` : ''}\n\nOpen the NRM to see it.`,
  };
}

type Tell<T extends ReferralEventType> = (
  event: EventEnvelope<Extract<ReferralEvent, { type: T }>>,
  state: ReferralState,
  ref: string,
) => Notification | undefined;

/** What a clock's warning, breach or escalation tells, and whom. */
function clockNotice(
  event: EventEnvelope<
    Extract<ReferralEvent, { type: 'clock.warned.v1' | 'clock.breached.v1' | 'clock.escalated.v1' }>
  >,
  state: ReferralState,
  ref: string,
): Notification | undefined {
  const clock = state.clocks.find((c) => c.id === event.data.clockId);
  if (!clock) return undefined;
  const due = formatDeadline(event.data.dueAt);
  const what = WHAT_IS_DUE[event.data.kind];
  if (event.type === 'clock.warned.v1') {
    return mail(assigneesOf(clock, state), `Referral ${ref} ${what} by ${due}.`);
  }
  // The turning-18 alarm is due by design, not missed: the owner plans the transition, nobody is in breach.
  if (event.type === 'clock.breached.v1' && event.data.kind === 'turning-18') {
    return mail(assigneesOf(clock, state), `Referral ${ref} ${what}.`);
  }
  // The chain (domain.md §5): the assignee hears of the breach, the regional lead is told with it (the escalation
  // step 1 recorded beside it), the national coordinator at the next step.
  if (event.type === 'clock.breached.v1') {
    return mail(assigneesOf(clock, state), `Deadline passed: referral ${ref} ${what} by ${due}.`);
  }
  return mail(
    escalationMailbox(event.data.target, clock, state),
    `Escalated to you: referral ${ref} ${what} by ${due}, and the deadline has passed.`,
  );
}

/**
 * What each event of NOTIFIED_EVENT_TYPES tells, and whom: an entry for every type of the list and for no other (the
 * compiler holds the two together), so an event given a message here is also delivered to the notifier.
 */
const TELLS: { readonly [T in NotifiedEventType]: Tell<T> } = {
  'referral.routed.v1': (event, state, ref) =>
    // An anonymous notification is counted and closed at once: there is nothing for a coordinator to do.
    state.facts.anonymous
      ? undefined
      : gatherableNudge(
          mail(
            [coordinatorOfficeId(event.data.route.queue)],
            `A new referral, ${ref}, is in your queue ${event.data.route.queue}.`,
          ),
          event.data.route,
          state,
        ),
  'referral.assigned.v1': (event, _state, ref) =>
    mail([staffMailbox(event.data.assignee)], `Referral ${ref} was assigned to you.`),
  'referral.transferred.v1': (event, _state, ref) =>
    mail(
      [coordinatorOfficeId(event.data.to.queue)],
      `Referral ${ref} was transferred to your queue ${event.data.to.queue}.`,
      'It needs acknowledgement by a coordinator of the queue.',
    ),
  'referral.reopened.v1': (event, _state, ref) =>
    mail([event.data.owner.id], `Referral ${ref} was reopened and is back in your queue.`),
  'referral.supplemented.v1': (_event, state, ref) =>
    mail([state.owner.id], `The referrer added information to referral ${ref}.`),
  'handoff.offered.v1': (event, _state, ref) =>
    mail(
      [event.data.recipient.id],
      `A hand-off of referral ${ref} is waiting for your answer.`,
      'Accept or decline it in the NRM.',
    ),
  'handoff.declined.v1': (_event, state, ref) =>
    mail([state.owner.id], `A hand-off of referral ${ref} was declined.`),
  'handoff.expired.v1': (_event, state, ref) =>
    mail([state.owner.id], `A hand-off of referral ${ref} expired without an answer.`),
  'handoff.service-ended.v1': (_event, state, ref) =>
    mail([state.owner.id], `A service for referral ${ref} has ended.`),
  'referral.came-of-age.v1': (_event, state, ref) =>
    mail(
      [state.owner.id],
      `The child of referral ${ref} has turned 18.`,
      'The case goes on with the same owner and services; the child-only deadlines have ended.',
    ),
  'clock.warned.v1': clockNotice,
  'clock.breached.v1': clockNotice,
  'clock.escalated.v1': clockNotice,
};

/**
 * A routed referral's nudge may wait for the office's window unless the brief asks for speed: a child (the child
 * track) or an acute protection need has a 4-hour clock because coordinators are to be told "immediately" (nudges.ts).
 */
function gatherableNudge(nudge: Notification, route: Route, state: ReferralState): Notification {
  return route.track === 'adult' && !state.facts.acuteProtection
    ? { ...nudge, gatherable: route.queue }
    : nudge;
}

/**
 * The notification an event causes, given the referral's state (at or after the event), or undefined for an event
 * that tells nobody anything.
 */
export function notificationFor(event: EventEnvelope, state: ReferralState): Notification | undefined {
  const tell = (TELLS as { readonly [T in ReferralEventType]?: Tell<ReferralEventType> })[event.type];
  return tell?.(event, state, state.reference);
}
