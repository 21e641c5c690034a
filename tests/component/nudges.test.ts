// Issue 16's nudge window against DynamoDB Local and the SQS emulator: the notifier's use cases with an injected
// clock, the real window item and claims, the real delayed follow-up message on the notifications queue, and the
// local e-mail transport (the outbox folder SES stands in for). The window is configured short (3 s) through the
// notifier's configuration; no clock is moved. A crash is an attempt whose e-mail transport never answers (the
// process stopped there): nothing is mocked.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { type EventEnvelope, type FollowUpRef, SYSTEM_ACTOR } from '@nrm/domain';
import { fileOutbox, type OutboxEntry, parseNotificationMessage, scheduleFollowUp } from '@nrm/messaging';
import {
  claimEvent,
  getFollowUpClaim,
  getNudgeWindow,
  getReferralEvents,
  getReferralState,
} from '@nrm/store';
import { afterAll, describe, expect, it } from 'vitest';
import { EventBeingHandled } from '../../packages/usecases/src/errors';
import { FOLLOW_UP_TYPE, type NotifyDeps, notify, sendFollowUp } from '../../packages/usecases/src/notify';
import { runCommand } from '../../packages/usecases/src/referral-commands';
import { adultSubmission, at, childSubmission, routed } from './support';

const WINDOW_SECONDS = 3;
const sqs = new SQSClient({
  endpoint: process.env.NRM_SQS_ENDPOINT!,
  region: 'eu-north-1',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
});
const notificationsQueue = (JSON.parse(process.env.NRM_QUEUE_URLS!) as Record<string, string>).notifications!;
afterAll(() => sqs.destroy());

/** A fresh outbox folder and the notifier's dependencies writing to it; every follow-up it schedules is recorded. */
function notifier() {
  const dir = mkdtempSync(join(tmpdir(), 'nrm-nudges-'));
  const scheduled: { followUp: FollowUpRef; delaySeconds: number }[] = [];
  const deps: NotifyDeps = {
    send: fileOutbox(dir),
    scheduleFollowUp: async (followUp, delaySeconds) => {
      scheduled.push({ followUp, delaySeconds });
      await scheduleFollowUp(followUp, delaySeconds);
    },
    windowSeconds: WINDOW_SECONDS,
  };
  const sent = (): OutboxEntry[] =>
    readdirSync(dir)
      .sort()
      .map((name) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as OutboxEntry);
  return { deps, scheduled, sent };
}

/** Referrals routed at `now` to the office of `municipalityCode`, and each one's routed event. */
async function routedNudges(n: number, municipalityCode: string, now: Date, overrides = {}) {
  const ids = await Promise.all(
    Array.from({ length: n }, () =>
      routed(adultSubmission({ location: { municipalityCode }, ...overrides }), now),
    ),
  );
  return Promise.all(ids.map(routedEvent));
}

async function routedEvent(id: string): Promise<EventEnvelope> {
  return (await getReferralEvents(id)).find((e) => e.type === 'referral.routed.v1')!;
}

const mailboxOf = (event: EventEnvelope) =>
  event.type === 'referral.routed.v1' ? `coordinator-office:${event.data.route.queue}` : '';

/** Follow-up messages received from the queue and not yet asked for, by mailbox. */
const received: FollowUpRef[] = [];

/** The next follow-up message for `mailbox` as the SQS emulator delivers it (after its delay). */
async function nextFollowUp(mailbox: string, timeoutMs = 20_000): Promise<FollowUpRef> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const index = received.findIndex((r) => r.mailbox === mailbox);
    if (index >= 0) return received.splice(index, 1)[0]!;
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: notificationsQueue,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 1,
      }),
    );
    for (const message of Messages) {
      await sqs.send(
        new DeleteMessageCommand({ QueueUrl: notificationsQueue, ReceiptHandle: message.ReceiptHandle! }),
      );
      const parsed = parseNotificationMessage(message.Body!);
      if (parsed.followUp) received.push(parsed.followUp);
    }
  }
  throw new Error(`No follow-up for ${mailbox} within ${timeoutMs} ms`);
}

async function acknowledgeClock(referralId: string): Promise<string> {
  return (await getReferralState(referralId))!.clocks.find((c) => c.kind === 'acknowledge')!.id;
}

const seconds = (base: Date, s: number) => new Date(base.getTime() + s * 1000);

describe('the nudge window', () => {
  it('sends the first nudge of a burst at once and the rest as one follow-up with their count', async () => {
    const t0 = at('2026-03-02T09:00:00Z');
    const { deps, scheduled, sent } = notifier();
    const nudges = await routedNudges(5, '1280', t0);
    const mailbox = mailboxOf(nudges[0]!);
    expect(mailbox).toBe('coordinator-office:syd:adult');

    expect(await notify(nudges[0]!, t0, deps)).toBe('sent');
    const outcomes = [];
    for (const nudge of nudges.slice(1)) outcomes.push(await notify(nudge, seconds(t0, 1), deps));
    expect(outcomes).toEqual(['gathered', 'gathered', 'gathered', 'gathered']);

    // One e-mail so far, the first referral's; one follow-up scheduled, delayed to the window's end (t0 + 3 s).
    expect(sent().map((m) => m.eventId)).toEqual([nudges[0]!.eventId]);
    const window = (await getNudgeWindow(mailbox))!;
    expect(window).toMatchObject({ gathered: 4, scheduled: true, openedBy: nudges[0]!.eventId });
    expect(window.endsAt).toBe(seconds(t0, WINDOW_SECONDS).getTime());
    expect(scheduled).toEqual([{ followUp: { mailbox, window: window.id }, delaySeconds: 2 }]);

    // The emulator holds the message until its delay has passed, then delivers it.
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: notificationsQueue,
        AttributeNames: ['ApproximateNumberOfMessagesDelayed'],
      }),
    );
    expect(Number(Attributes?.ApproximateNumberOfMessagesDelayed)).toBeGreaterThanOrEqual(1);
    const followUp = await nextFollowUp(mailbox);
    expect(followUp).toEqual({ mailbox, window: window.id });

    expect(await sendFollowUp(followUp, seconds(t0, WINDOW_SECONDS), deps)).toBe('sent');
    const mails = sent();
    expect(mails).toHaveLength(2);
    const last = mails.find((m) => m.eventType === FOLLOW_UP_TYPE)!;
    expect(last).toMatchObject({
      eventId: window.id,
      to: [mailbox],
      subject: '4 more new referrals are in your queue syd:adult.',
      reference: 'syd:adult',
    });
    // A count, no referral: none of the five references is in it.
    for (const nudge of nudges) {
      const { reference } = (await getReferralState(nudge.referralId))!;
      expect(JSON.stringify(last)).not.toContain(reference);
    }

    // Redelivered, the follow-up and a gathered nudge send nothing more.
    expect(await sendFollowUp(followUp, seconds(t0, 4), deps)).toBe('already-sent');
    expect(await notify(nudges[2]!, seconds(t0, 4), deps)).toBe('already-sent');
    expect(sent()).toHaveLength(2);

    // The follow-up opened the next window: a nudge within it waits for that window's follow-up.
    const [later] = await routedNudges(1, '1280', seconds(t0, 4));
    expect(await notify(later!, seconds(t0, 4), deps)).toBe('gathered');
    expect(await getNudgeWindow(mailbox)).toMatchObject({ openedBy: window.id, gathered: 1 });
    const next = await nextFollowUp(mailbox);
    expect(await sendFollowUp(next, seconds(t0, 2 * WINDOW_SECONDS), deps)).toBe('sent');
    expect(sent().at(-1)!.subject).toBe('1 more new referral is in your queue syd:adult.');
  });

  it('keeps each office to its own window', async () => {
    const t0 = at('2026-03-02T10:00:00Z');
    const { deps, sent } = notifier();
    const nord = await routedNudges(3, '2480', t0);
    const vast = await routedNudges(2, '1480', t0);
    const [nordBox, vastBox] = [mailboxOf(nord[0]!), mailboxOf(vast[0]!)];
    expect(nordBox).not.toBe(vastBox);

    expect(await notify(nord[0]!, t0, deps)).toBe('sent');
    expect(await notify(vast[0]!, seconds(t0, 1), deps)).toBe('sent');
    expect(await notify(nord[1]!, seconds(t0, 1), deps)).toBe('gathered');
    expect(await notify(vast[1]!, seconds(t0, 1), deps)).toBe('gathered');
    expect(await notify(nord[2]!, seconds(t0, 2), deps)).toBe('gathered');

    for (const [box, end] of [
      [nordBox, 3],
      [vastBox, 4],
    ] as const) {
      expect(await sendFollowUp(await nextFollowUp(box), seconds(t0, end), deps)).toBe('sent');
    }
    const followUps = sent().filter((m) => m.eventType === FOLLOW_UP_TYPE);
    expect(followUps.map((m) => [m.to, m.subject]).sort()).toEqual(
      [
        [[nordBox], '2 more new referrals are in your queue nord:adult.'],
        [[vastBox], '1 more new referral is in your queue vast:adult.'],
      ].sort(),
    );
    expect(sent()).toHaveLength(4);
  });

  it('sends a nudge at once after a quiet window', async () => {
    const t0 = at('2026-03-02T11:00:00Z');
    const { deps, scheduled, sent } = notifier();
    const [first, second] = await routedNudges(2, '0180', t0);
    expect(await notify(first!, t0, deps)).toBe('sent');
    // The window (3 s) passed with nothing gathered: no follow-up, and the next nudge goes at once.
    expect(await notify(second!, seconds(t0, WINDOW_SECONDS), deps)).toBe('sent');
    expect(scheduled).toEqual([]);
    expect(
      sent()
        .map((m) => m.eventId)
        .sort(),
    ).toEqual([first!.eventId, second!.eventId].sort());
    expect(await getNudgeWindow(mailboxOf(first!))).toMatchObject({ openedBy: second!.eventId, gathered: 0 });
  });

  it('never holds a child or acute nudge, a warning or a breach', async () => {
    const t0 = at('2026-03-02T09:00:00Z');
    const { deps, sent } = notifier();
    // Öst's adult office: a window open with one nudge gathered in it.
    const [opener, held, acute] = [
      ...(await routedNudges(2, '0580', t0)),
      ...(await routedNudges(1, '0580', t0, { needs: { acuteProtection: true } })),
    ];
    const mailbox = mailboxOf(opener!);
    const late = seconds(t0, 2 * 24 * 3600);
    expect(await notify(opener!, late, deps)).toBe('sent');
    expect(await notify(held!, seconds(late, 1), deps)).toBe('gathered');
    expect(mailboxOf(acute!)).toBe(mailbox);
    expect(await notify(acute!, seconds(late, 1), deps)).toBe('sent');

    // The first referral's acknowledgement clock (one working day) warned and breached by then: both go at once to
    // the same office, while its window is open.
    const { events } = await runCommand({
      referralId: opener!.referralId,
      command: { type: 'escalate', clockId: await acknowledgeClock(opener!.referralId) },
      actor: SYSTEM_ACTOR,
      now: late,
    });
    const notices = events.filter((e) => e.type === 'clock.warned.v1' || e.type === 'clock.breached.v1');
    expect(notices.length).toBeGreaterThan(0);
    for (const notice of notices) expect(await notify(notice, seconds(late, 2), deps)).toBe('sent');
    expect((await getNudgeWindow(mailbox))!.gathered).toBe(1);

    // A child's nudges go at once, one after the other.
    const children = await Promise.all(
      [0, 1].map(() => routed(childSubmission({ location: { municipalityCode: '0580' } }), t0)),
    );
    for (const id of children)
      expect(await notify(await routedEvent(id), seconds(late, 2), deps)).toBe('sent');

    const types = sent().map((m) => m.eventType);
    expect(types.filter((t) => t === 'referral.routed.v1')).toHaveLength(4);
    expect(types.filter((t) => t.startsWith('clock.'))).toHaveLength(notices.length);
    await sendFollowUp(await nextFollowUp(mailbox), seconds(late, WINDOW_SECONDS + 1), deps);
  });

  it('sends a follow-up once when its attempt crashed before sending, or its sending failed', async () => {
    const t0 = at('2026-03-02T12:00:00Z');
    const { deps, sent } = notifier();
    const nudges = await routedNudges(4, '1880', t0);
    const mailbox = mailboxOf(nudges[0]!);
    expect(await notify(nudges[0]!, t0, deps)).toBe('sent');
    expect(await notify(nudges[1]!, seconds(t0, 1), deps)).toBe('gathered');
    expect(await notify(nudges[2]!, seconds(t0, 1), deps)).toBe('gathered');
    const followUp = await nextFollowUp(mailbox);

    // An attempt closes the window and stops before its e-mail is sent (its transport never answers).
    const end = seconds(t0, WINDOW_SECONDS);
    void sendFollowUp(followUp, end, { ...deps, send: () => new Promise<void>(() => {}) });
    const claimed = async () => {
      for (let i = 0; i < 100; i++) {
        const claim = await getFollowUpClaim('notifier', followUp.window);
        if (claim) return claim;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error('The follow-up was never claimed');
    };
    expect(await claimed()).toMatchObject({ status: 'claimed', count: 2, mailbox });
    // A nudge arriving now joins the next window, not the closed one's count.
    expect(await notify(nudges[3]!, seconds(end, 1), deps)).toBe('gathered');

    // Redelivered while the crashed attempt's lease holds: refused, so SQS delivers it again later.
    await expect(sendFollowUp(followUp, seconds(end, 30), deps)).rejects.toThrow(/being handled/);
    // After the lease, a delivery whose sending fails gives the claim up…
    const failing = { ...deps, send: async () => Promise.reject(new Error('SES is unavailable')) };
    await expect(sendFollowUp(followUp, seconds(end, 180), failing)).rejects.toThrow('SES is unavailable');
    // …and the next sends it, with the count the window closed with; any later delivery sends nothing.
    expect(await sendFollowUp(followUp, seconds(end, 181), deps)).toBe('sent');
    expect(await sendFollowUp(followUp, seconds(end, 182), deps)).toBe('already-sent');
    const followUps = sent().filter((m) => m.eventType === FOLLOW_UP_TYPE);
    expect(followUps.map((m) => m.subject)).toEqual([
      '2 more new referrals are in your queue bergslagen:adult.',
    ]);

    // The next window's follow-up carries the nudge that arrived meanwhile.
    expect(await sendFollowUp(await nextFollowUp(mailbox), seconds(end, 183), deps)).toBe('sent');
    expect(sent().filter((m) => m.eventType === FOLLOW_UP_TYPE)).toHaveLength(2);
  });

  it('sends a first nudge at once when its first sending failed after the window opened', async () => {
    const t0 = at('2026-03-02T13:00:00Z');
    const { deps, sent } = notifier();
    const [first] = await routedNudges(1, '0380', t0);
    const failing = { ...deps, send: async () => Promise.reject(new Error('SES is unavailable')) };
    await expect(notify(first!, t0, failing)).rejects.toThrow('SES is unavailable');
    // The window it opened names it: the redelivery sends it at once instead of gathering it.
    expect(await notify(first!, seconds(t0, 1), deps)).toBe('sent');
    expect(sent().map((m) => m.eventId)).toEqual([first!.eventId]);
  });

  it('gathers a nudge in one write without a claim, but not one another attempt holds', async () => {
    const t0 = at('2026-03-02T15:00:00Z');
    const { deps, scheduled, sent } = notifier();
    const [first, second, held, free] = await routedNudges(4, '0180', t0);
    const mailbox = mailboxOf(first!);
    expect(await notify(first!, t0, deps)).toBe('sent');
    // The window's first gathered nudge schedules its follow-up (under a claim); the next ones are counted in alone.
    expect(await notify(second!, seconds(t0, 1), deps)).toBe('gathered');
    expect(scheduled).toHaveLength(1);

    // Another attempt claimed this one and is still at it: it is not counted, and this delivery fails to be retried.
    expect(await claimEvent('notifier', held!.eventId, seconds(t0, 1), 120_000)).toBe('claimed');
    await expect(notify(held!, seconds(t0, 1), deps)).rejects.toThrow(EventBeingHandled);
    expect(await getNudgeWindow(mailbox)).toMatchObject({ openedBy: first!.eventId, gathered: 1 });

    // Nobody holds this one: counted and recorded done together, so its redelivery counts and sends nothing.
    expect(await notify(free!, seconds(t0, 1), deps)).toBe('gathered');
    expect(await notify(free!, seconds(t0, 2), deps)).toBe('already-sent');
    expect(await getNudgeWindow(mailbox)).toMatchObject({ gathered: 2 });
    expect(scheduled).toHaveLength(1);
    expect(sent().map((m) => m.eventId)).toEqual([first!.eventId]);
    // The follow-up counts the two.
    const followUp = await nextFollowUp(mailbox);
    expect(await sendFollowUp(followUp, seconds(t0, WINDOW_SECONDS), deps)).toBe('sent');
    expect(sent().at(-1)!.subject).toBe('2 more new referrals are in your queue stockholm:adult.');
  });

  it('says nothing for a follow-up message of a window that gathered nothing', async () => {
    const t0 = at('2026-03-02T14:00:00Z');
    const { deps, sent } = notifier();
    const [first] = await routedNudges(1, '1280', t0);
    const mailbox = mailboxOf(first!);
    // A later window of the same office (the first test's ended long ago): opened by this nudge.
    expect(await notify(first!, t0, deps)).toBe('sent');
    // A gatherer scheduled the follow-up and stopped before counting its nudge in.
    const window = (await getNudgeWindow(mailbox))!;
    await scheduleFollowUp({ mailbox, window: window.id }, 0);
    expect(await sendFollowUp(await nextFollowUp(mailbox), seconds(t0, WINDOW_SECONDS), deps)).toBe(
      'nothing-to-say',
    );
    expect(sent()).toHaveLength(1);
  });
});
