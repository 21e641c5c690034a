// The nudge window's rule (issue 16), pure: which notifications may wait for it, and what a nudge does given the
// mailbox's window at an injected instant.
import { describe, expect, it } from 'vitest';
import {
  decideNudge,
  delayUntil,
  followUpDue,
  followUpNotification,
  NUDGE_POLICY,
  type NudgeWindow,
  notificationFor,
  windowAfterFollowUp,
} from '../src/notifications';
import { adultFacts, childFacts, facts, Life, received } from './ownership.fixtures';

const T0 = '2026-03-10T09:00:00.000Z';
const WINDOW = 300;
const now = (seconds: number) => new Date(Date.parse(T0) + seconds * 1000);

function routed(referralFacts = adultFacts()) {
  const life = new Life(received(referralFacts, T0));
  life.run({ type: 'route', today: '2026-03-10', handoffId: 'H-auto' }, T0);
  return life;
}

const open: NudgeWindow = {
  mailbox: 'coordinator-office:syd:adult',
  queue: 'syd:adult',
  id: 'W1',
  endsAt: now(WINDOW).getTime(),
  gathered: 0,
  scheduled: false,
  openedBy: 'E1',
};
const nudge = (eventId: string) => ({ mailbox: open.mailbox, queue: open.queue, eventId });

describe('which notifications may wait', () => {
  it("an adult's routed nudge without an acute need, and nothing else", () => {
    const adult = routed();
    const nudgeOf = (life: Life) =>
      notificationFor(life.log.find((e) => e.type === 'referral.routed.v1')!, life.state)!;
    expect(nudgeOf(adult).gatherable).toBe('syd:adult');
    expect(nudgeOf(routed(childFacts())).gatherable).toBeUndefined();
    expect(nudgeOf(routed(facts({ ...adultFacts(), acuteProtection: true }))).gatherable).toBeUndefined();

    // The acknowledgement clock's warning and breach to the same office go at once.
    const clockId = adult.clock('acknowledge')!.id;
    const from = adult.log.length;
    adult.run({ type: 'escalate', clockId }, '2026-03-13T09:00:00.000Z');
    const notices = adult.log.slice(from).map((e) => notificationFor(e, adult.state));
    expect(notices.length).toBeGreaterThan(0);
    for (const notice of notices) expect(notice?.gatherable).toBeUndefined();
  });
});

describe('a nudge and the window', () => {
  it('goes at once and opens a window when there is none, or the last one ended quietly', () => {
    const opening = (eventId: string, at: number) => ({
      kind: 'send',
      open: {
        mailbox: open.mailbox,
        queue: open.queue,
        endsAt: now(at + WINDOW).getTime(),
        gathered: 0,
        scheduled: false,
        openedBy: eventId,
      },
    });
    expect(decideNudge(undefined, nudge('E2'), now(10), WINDOW)).toEqual(opening('E2', 10));
    expect(decideNudge(open, nudge('E2'), now(WINDOW + 10), WINDOW)).toEqual(opening('E2', WINDOW + 10));
  });

  it('is gathered while the window is open; the first gathered schedules the follow-up at its end', () => {
    expect(decideNudge(open, nudge('E2'), now(10), WINDOW)).toEqual({
      kind: 'gather',
      window: open,
      scheduleIn: WINDOW - 10,
    });
    const scheduled = { ...open, gathered: 1, scheduled: true };
    expect(decideNudge(scheduled, nudge('E3'), now(20), WINDOW)).toEqual({
      kind: 'gather',
      window: scheduled,
    });
  });

  it('joins an ended window that still holds nudges (its follow-up is due)', () => {
    const due = { ...open, gathered: 3, scheduled: true };
    expect(decideNudge(due, nudge('E5'), now(WINDOW + 1), WINDOW)).toEqual({ kind: 'gather', window: due });
  });

  it('goes at once, opening nothing, when it opened the window itself (a redelivery)', () => {
    expect(decideNudge({ ...open, gathered: 2 }, nudge('E1'), now(10), WINDOW)).toEqual({ kind: 'send' });
  });
});

describe('the follow-up', () => {
  it('is due at the end, or at once when a clock moved back past a whole window', () => {
    expect(followUpDue(open, now(WINDOW - 1), WINDOW)).toBe(false);
    expect(followUpDue(open, now(WINDOW), WINDOW)).toBe(true);
    expect(followUpDue(open, now(-10), WINDOW)).toBe(true);
  });

  it('opens the next window from its own time', () => {
    expect(windowAfterFollowUp({ ...open, gathered: 4 }, now(WINDOW + 2), WINDOW)).toEqual({
      mailbox: open.mailbox,
      queue: open.queue,
      endsAt: now(2 * WINDOW + 2).getTime(),
      gathered: 0,
      scheduled: false,
      openedBy: 'W1',
    });
  });

  it('says a count and the queue, nothing else', () => {
    expect(followUpNotification(open.mailbox, 'syd:adult', 4)).toEqual({
      to: [open.mailbox],
      subject: '4 more new referrals are in your queue syd:adult.',
      text: '4 more new referrals are in your queue syd:adult.\n\nOpen the NRM to see them.',
    });
    expect(followUpNotification(open.mailbox, 'syd:adult', 1).subject).toBe(
      '1 more new referral is in your queue syd:adult.',
    );
  });

  it('is delayed in whole seconds, never early, at most SQS’s 15 minutes', () => {
    expect(delayUntil(now(10).getTime() + 1, now(10))).toBe(1);
    expect(delayUntil(now(0).getTime(), now(10))).toBe(0);
    expect(delayUntil(now(5000).getTime(), now(0))).toBe(900);
  });

  it('is five minutes by the policy', () => {
    expect(NUDGE_POLICY).toMatchObject({ windowSeconds: 300, version: '2026.1' });
  });
});
