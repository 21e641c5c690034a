// Turning an event into the notification it causes and sending it once: the notifier claims the event id before
// sending and marks it done after, so a redelivered event sends nothing twice. A "new referral in your queue" nudge
// that may wait goes through its mailbox's nudge window (packages/domain/src/notifications/nudges.ts): the first is
// sent at once, the next ones within the window are counted and sent as one follow-up when it ends.
import {
  decideNudge,
  type EventEnvelope,
  type FollowUpRef,
  followUpDue,
  followUpNotification,
  NUDGE_POLICY,
  type NudgeWindow,
  notificationFor,
  type SendEmail,
  windowAfterFollowUp,
} from '@nrm/domain';
import { config } from '@nrm/runtime';
import {
  claimEvent,
  closeNudgeWindow,
  completeEvent,
  gatherIntoWindow,
  gatherUnclaimed,
  getFollowUpClaim,
  getNudgeWindow,
  getReferralState,
  openNudgeWindow,
  reclaimFollowUp,
  releaseEvent,
} from '@nrm/store';
import { ulid } from 'ulid';
import { EventBeingHandled, NudgeWindowContended } from './errors';

export type { OutgoingEmail, SendEmail } from '@nrm/domain';

const CONSUMER = 'notifier';
/** Longer than the notifier may run, so a live attempt is never taken over. */
const LEASE_MS = 2 * 60_000;
/**
 * Reads and conditional writes of one window per nudge, at most: each lost race means another nudge or follow-up
 * changed the window, and a batch holds ten records. Past this the record fails and SQS delivers it again.
 */
const WINDOW_ATTEMPTS = 12;

/** The follow-up's e-mail type (the outbox and SES tag it; it is no domain event). */
export const FOLLOW_UP_TYPE = 'queue.follow-up';

export interface NotifyDeps {
  readonly send: SendEmail;
  /** Puts a window's follow-up on the notifications queue, delayed by `delaySeconds` (0–900). */
  readonly scheduleFollowUp: (followUp: FollowUpRef, delaySeconds: number) => Promise<void>;
  /** The nudge window's length; 0 sends every nudge at once. */
  readonly windowSeconds: number;
}

/** The window of this deployment: `NRM_NUDGE_WINDOW_SECONDS`, else the policy's. */
export function nudgeWindowSeconds(): number {
  return config().nudgeWindowSeconds ?? NUDGE_POLICY.windowSeconds;
}

export type NotifyOutcome = 'sent' | 'gathered' | 'nothing-to-say' | 'already-sent' | 'unknown-referral';

export async function notify(event: EventEnvelope, now: Date, deps: NotifyDeps): Promise<NotifyOutcome> {
  const state = await getReferralState(event.referralId, { consistent: true });
  if (!state) return 'unknown-referral';
  const notification = notificationFor(event, state);
  if (!notification) return 'nothing-to-say';
  const nudge =
    notification.gatherable && deps.windowSeconds > 0
      ? { mailbox: notification.to[0]!, queue: notification.gatherable, eventId: event.eventId }
      : undefined;
  // A nudge an open window gathers is counted and recorded done in one write, with no claim first; one the window
  // would send, or one another attempt holds or finished, takes the claimed path.
  const window = nudge && (await getNudgeWindow(nudge.mailbox));
  if (nudge && (await gatherUnclaimedNudge(nudge, window, now, deps)) === 'gathered') return 'gathered';
  const claim = await claimEvent(CONSUMER, event.eventId, now, LEASE_MS);
  if (claim === 'done') return 'already-sent';
  if (claim === 'busy') throw new EventBeingHandled(CONSUMER, event.eventId);
  try {
    if (nudge && (await throughWindow(nudge, window, now, deps)) === 'gathered') return 'gathered';
    await deps.send({
      eventId: event.eventId,
      eventType: event.type,
      reference: state.reference,
      ...('kind' in event.data ? { clockKind: event.data.kind } : {}),
      to: notification.to,
      subject: notification.subject,
      text: notification.text,
    });
  } catch (error) {
    await releaseEvent(CONSUMER, event.eventId);
    throw error;
  }
  await completeEvent(CONSUMER, event.eventId);
  return 'sent';
}

type Nudge = Parameters<typeof decideNudge>[1];

/**
 * Gathers the nudge into the open `window` without claiming the event first; `claim` when that is not the way: the
 * window would send it, or this is the window's first gathered nudge (its follow-up is scheduled first, under a
 * claim, so a redelivered nudge never schedules one), or another attempt holds or finished the event.
 */
async function gatherUnclaimedNudge(
  nudge: Nudge,
  window: NudgeWindow | undefined,
  now: Date,
  deps: NotifyDeps,
): Promise<'gathered' | 'claim'> {
  const decision = decideNudge(window, nudge, now, deps.windowSeconds);
  if (decision.kind !== 'gather' || decision.scheduleIn !== undefined) return 'claim';
  return (await gatherUnclaimed(decision.window, CONSUMER, nudge.eventId, now)) === 'gathered'
    ? 'gathered'
    : 'claim';
}

/**
 * Sends at once (opening a window when none is open) or gathers the nudge into the open window, whose follow-up is put
 * on the queue before the first nudge is counted in: a crash between the two leaves a follow-up with nothing to say
 * (it says nothing), never a count without a follow-up. Gathering completes the claim on the event. `read` is the
 * window as last read, if it was.
 */
async function throughWindow(
  nudge: Nudge,
  read: NudgeWindow | undefined,
  now: Date,
  deps: NotifyDeps,
): Promise<'send' | 'gathered'> {
  for (let attempt = 0; attempt < WINDOW_ATTEMPTS; attempt++) {
    const window = attempt === 0 ? read : await getNudgeWindow(nudge.mailbox);
    const decision = decideNudge(window, nudge, now, deps.windowSeconds);
    if (decision.kind === 'send') {
      if (!decision.open) return 'send';
      if (await openNudgeWindow(withId(decision.open), window)) return 'send';
      continue;
    }
    if (decision.scheduleIn !== undefined) {
      await deps.scheduleFollowUp(
        { mailbox: nudge.mailbox, window: decision.window.id },
        decision.scheduleIn,
      );
    }
    if (await gatherIntoWindow(decision.window, CONSUMER, nudge.eventId)) return 'gathered';
  }
  throw new NudgeWindowContended(nudge.mailbox);
}

/** A window's id sorts by its end, as event ids sort by their time: the local outbox lists e-mails by id. */
const withId = (window: Omit<NudgeWindow, 'id'>): NudgeWindow => ({ ...window, id: ulid(window.endsAt) });

export type FollowUpOutcome = 'sent' | 'not-due' | 'nothing-to-say' | 'already-sent';

/**
 * A window's follow-up message: closes the window with its count (and opens the next, which gathers what arrives
 * meanwhile), then e-mails the count. Sent once per window: the close creates the follow-up's claim with its count in
 * the same transaction, so a redelivered message finds it done, and an attempt that crashed before sending is taken
 * over after the lease with the same count. A message for a window that gathered nothing, or is already closed by
 * another message, says nothing.
 */
export async function sendFollowUp(ref: FollowUpRef, now: Date, deps: NotifyDeps): Promise<FollowUpOutcome> {
  for (let attempt = 0; attempt < WINDOW_ATTEMPTS; attempt++) {
    const claim = await getFollowUpClaim(CONSUMER, ref.window);
    if (claim?.status === 'done') return 'already-sent';
    if (claim) {
      if (!(await reclaimFollowUp(CONSUMER, ref.window, now, LEASE_MS))) {
        throw new EventBeingHandled(CONSUMER, ref.window);
      }
      return sendCount(ref.window, claim, deps);
    }
    const window = await getNudgeWindow(ref.mailbox);
    if (!window || window.id !== ref.window || window.gathered === 0) return 'nothing-to-say';
    if (!followUpDue(window, now, deps.windowSeconds)) {
      // Delivered before the window's end (SQS delays are whole seconds; a clock may differ): wait for the rest.
      await deps.scheduleFollowUp(ref, Math.max(1, Math.ceil((window.endsAt - now.getTime()) / 1000)));
      return 'not-due';
    }
    const next = withId(windowAfterFollowUp(window, now, deps.windowSeconds));
    if (await closeNudgeWindow(window, next, CONSUMER, now)) {
      return sendCount(
        ref.window,
        { mailbox: window.mailbox, queue: window.queue, count: window.gathered },
        deps,
      );
    }
  }
  throw new NudgeWindowContended(ref.mailbox);
}

async function sendCount(
  windowId: string,
  claim: Pick<NudgeWindow, 'mailbox' | 'queue'> & { readonly count: number },
  deps: NotifyDeps,
): Promise<'sent'> {
  const mail = followUpNotification(claim.mailbox, claim.queue, claim.count);
  try {
    await deps.send({
      eventId: windowId,
      eventType: FOLLOW_UP_TYPE,
      // No referral is named: the queue is what the e-mail is about.
      reference: claim.queue,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
    });
  } catch (error) {
    await releaseEvent(CONSUMER, windowId);
    throw error;
  }
  await completeEvent(CONSUMER, windowId);
  return 'sent';
}
