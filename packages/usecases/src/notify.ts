// Turning an event into the notification it causes and sending it once: the notifier claims the event id before
// sending and marks it done after, so a redelivered event sends nothing twice.
import { type EventEnvelope, notificationFor, type SendEmail } from '@nrm/domain';
import { claimEvent, completeEvent, getReferralState, releaseEvent } from '@nrm/store';
import { EventBeingHandled } from './errors';

export type { OutgoingEmail, SendEmail } from '@nrm/domain';

const CONSUMER = 'notifier';
/** Longer than the notifier may run, so a live attempt is never taken over. */
const LEASE_MS = 2 * 60_000;

export type NotifyOutcome = 'sent' | 'nothing-to-say' | 'already-sent' | 'unknown-referral';

export async function notify(event: EventEnvelope, now: Date, send: SendEmail): Promise<NotifyOutcome> {
  const state = await getReferralState(event.referralId, { consistent: true });
  if (!state) return 'unknown-referral';
  const notification = notificationFor(event, state);
  if (!notification) return 'nothing-to-say';
  const claim = await claimEvent(CONSUMER, event.eventId, now, LEASE_MS);
  if (claim === 'done') return 'already-sent';
  if (claim === 'busy') throw new EventBeingHandled(CONSUMER, event.eventId);
  try {
    await send({
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
