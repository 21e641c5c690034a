// The nudge window (issue 16): "a new referral is in your queue" says nothing more than that (domain.md §8), so a
// second one to an office that has not looked yet tells it nothing new. The first nudge to a mailbox goes at once and
// opens a window; the nudges that arrive for the same mailbox within it are gathered into one follow-up at its end,
// "N more new referrals are in your queue" (a count, no reference). A follow-up opens the next window; after a quiet
// window the next nudge goes at once again. So no nudge waits longer than the window and the first never waits.
//
// Which notifications may wait, and why (the README's "Notifications" says the same):
// - only a routed referral's nudge to its coordinator office, for an adult without an acute protection need: its
//   acknowledgement clock runs one working day (§5), which a few minutes do not touch;
// - a child's or an acute referral's nudge goes at once, always: their clock is 4 hours around the clock because
//   GRETA asks that coordinators be informed "immediately" and acute protection is "the nearest hours" (§3, §5);
// - clock warnings, breaches and escalations, offers to receiving organisations, transfers, reopenings, supplements
//   and declines go at once: each says something the last nudge did not, and most of them are deadlines.
// Pure: the clock is the caller's `now`; the window lives in the store, its follow-up is a delayed message.
import type { QueueId } from '../vocabulary';
import type { Notification } from './notifications';

export interface NudgePolicy {
  /** Bumped when what the window means changes. */
  readonly version: string;
  /** The window's length; 0 sends every nudge at once (no window). */
  readonly windowSeconds: number;
  readonly source: string;
  readonly reason: string;
}

/**
 * The follow-up is one SQS message delayed to the window's end, and SQS delays a message at most 15 minutes: the
 * longest window. (A longer one would need the sweeper's due timers; nothing asks for it.)
 */
export const MAX_NUDGE_WINDOW_SECONDS = 900;

export const NUDGE_POLICY: NudgePolicy = {
  version: '2026.1',
  windowSeconds: 300,
  source: 'policy default',
  reason:
    'Five minutes gathers the burst of a police operation into a few e-mails per office, and is a small part of the one working day an adult, non-acute referral has to be acknowledged in; child and acute referrals (4 hours) are never gathered.',
};

/** A mailbox's window as the store keeps it. Times are epoch milliseconds. */
export interface NudgeWindow {
  readonly mailbox: string;
  /** The queue the mailbox's nudges are about: what the follow-up names. */
  readonly queue: QueueId;
  /** Unique per window: the follow-up's id (its e-mail id and its claim). */
  readonly id: string;
  readonly endsAt: number;
  /** Nudges gathered into it and not yet sent: the follow-up's count. */
  readonly gathered: number;
  /** Whether its follow-up message has been put on the queue (by the first nudge gathered). */
  readonly scheduled: boolean;
  /** What opened it: the event whose nudge went at once, or the follow-up of the window before. */
  readonly openedBy: string;
}

/** The follow-up message: which mailbox's which window to close. */
export interface FollowUpRef {
  readonly mailbox: string;
  readonly window: string;
}

export type NudgeDecision =
  /** Send this nudge at once; `open` is the window it opens (absent: this nudge opened the current one already). */
  | { readonly kind: 'send'; readonly open?: Omit<NudgeWindow, 'id'> }
  /** Gather it into the open window; `scheduleIn` (seconds): put the window's follow-up on the queue first. */
  | { readonly kind: 'gather'; readonly window: NudgeWindow; readonly scheduleIn?: number };

/** Seconds until `endsAt`, as an SQS delay (0–900, rounded up so the message is never early). */
export function delayUntil(endsAt: number, now: Date): number {
  return Math.min(MAX_NUDGE_WINDOW_SECONDS, Math.max(0, Math.ceil((endsAt - now.getTime()) / 1000)));
}

/**
 * What to do with a nudge for `mailbox` caused by `eventId` at `now`, given the mailbox's window. A window that has
 * ended still gathers while it holds nudges (its follow-up is due and will carry this one too); an ended window with
 * nothing gathered is quiet, and the nudge goes at once and opens the next.
 */
export function decideNudge(
  window: NudgeWindow | undefined,
  nudge: { readonly mailbox: string; readonly queue: QueueId; readonly eventId: string },
  now: Date,
  windowSeconds: number,
): NudgeDecision {
  if (window?.openedBy === nudge.eventId) return { kind: 'send' };
  if (!window || (now.getTime() >= window.endsAt && window.gathered === 0)) {
    return {
      kind: 'send',
      open: {
        mailbox: nudge.mailbox,
        queue: nudge.queue,
        endsAt: now.getTime() + windowSeconds * 1000,
        gathered: 0,
        scheduled: false,
        openedBy: nudge.eventId,
      },
    };
  }
  return window.scheduled
    ? { kind: 'gather', window }
    : { kind: 'gather', window, scheduleIn: delayUntil(window.endsAt, now) };
}

/**
 * Whether a window's follow-up is due at `now`: its end has come — or the end lies further ahead than a window is
 * long, which only a clock moved back can cause, and then waiting would hold the gathered nudges for that long.
 */
export function followUpDue(window: NudgeWindow, now: Date, windowSeconds: number): boolean {
  return now.getTime() >= window.endsAt || window.endsAt - now.getTime() > windowSeconds * 1000;
}

/** The window a follow-up opens as it closes the one before: what arrives in it is gathered in turn. */
export function windowAfterFollowUp(
  closed: NudgeWindow,
  now: Date,
  windowSeconds: number,
): Omit<NudgeWindow, 'id'> {
  return {
    mailbox: closed.mailbox,
    queue: closed.queue,
    endsAt: now.getTime() + windowSeconds * 1000,
    gathered: 0,
    scheduled: false,
    openedBy: closed.id,
  };
}

/** The follow-up e-mail: how many, and which queue; no reference, no detail (domain.md §8). */
export function followUpNotification(mailbox: string, queue: QueueId, count: number): Notification {
  const subject =
    count === 1
      ? `1 more new referral is in your queue ${queue}.`
      : `${count} more new referrals are in your queue ${queue}.`;
  return { to: [mailbox], subject, text: `${subject}\n\nOpen the NRM to see them.` };
}
