// Issue 16, end to end on a platform of the suite's own: referrals submitted over HTTP, routed by the router, their
// "new referral in your queue" e-mails sent by the notifier through the nudge window, the follow-up delivered by the
// SQS emulator after its delay, everything read from the local outbox. The window is configured (8 s) through the
// notifier's configuration, NRM_NUDGE_WINDOW_SECONDS; no clock is moved.
import { describe, expect, it } from 'vitest';
import { environmentForFile } from '../support/environment';
import { adultReferral, referral } from '../support/fixtures';
import { eventually } from '../support/http';
import { type OwnPlatform, ownPlatformForSuite } from '../support/own-platform';
import { caseView, submitUntilAccepted } from '../support/referral-flow';

const WINDOW_SECONDS = 8;
// The window, and the platform's count of e-mails handed to the transport (the outbox keeps one file per e-mail id,
// so a second sending of the same e-mail would not show there).
environmentForFile({ NRM_NUDGE_WINDOW_SECONDS: String(WINDOW_SECONDS), NRM_COUNT_USAGE: '1' });

let stack: OwnPlatform;
ownPlatformForSuite((own) => {
  stack = own;
});

const SYD = 'coordinator-office:syd:adult';
const NORD = 'coordinator-office:nord:adult';
const FOLLOW_UP = 'queue.follow-up';

const outbox = async () => (await stack.api.get('/local/outbox?format=json')).body;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** The count a follow-up's subject states. */
const countOf = (subject: string) => Number(/^(\d+) more new referral/.exec(subject)?.[1]);

describe('nudge window, end to end', () => {
  it('e-mails a burst to an office once at once and once with the count; offices apart; at once after quiet', async () => {
    const { api, platform } = stack;
    // Every notifier batch is handed over twice, as an at-least-once queue may: nudges, follow-ups and all.
    platform.faults.duplicateDelivery('notifier', true);
    // Submitted at once, as an agency system would: retried with the same Idempotency-Key if the loaded machine's
    // platform answers 503.
    const adult = (municipalityCode: string) => adultReferral({ location: { municipalityCode } });
    const submit = (body: unknown) =>
      submitUntilAccepted(api, body, {
        as: 'police-syd-system',
        key: crypto.randomUUID(),
        attempts: 20,
        pauseMs: 250,
        refused: (res) => expect(res?.status ?? 503).toBe(503),
      });
    const ids = await Promise.all([
      ...Array.from({ length: 6 }, () => submit(adult('1280'))),
      ...Array.from({ length: 2 }, () => submit(adult('2480'))),
    ]);
    const submitted = await Promise.all(ids.map((id) => caseView(api, id)));
    const references = submitted.map((view) => view.reference);

    // Each office's window ends 8 s after its first nudge; its follow-up comes then.
    const mails = await eventually(
      async () => {
        const all = await outbox();
        const followUps = all.filter((m) => m.eventType === FOLLOW_UP);
        return followUps.some((m) => m.to[0] === SYD) && followUps.some((m) => m.to[0] === NORD)
          ? all
          : undefined;
      },
      60_000,
      250,
    );
    // Per office, the types and subjects of what it got: one e-mail naming a referral, one follow-up counting the rest.
    const got = (mailbox: string) =>
      mails
        .filter((m) => m.to.includes(mailbox))
        .map((m) => (m.eventType === FOLLOW_UP ? m.subject : m.eventType))
        .sort();
    expect(got(SYD)).toEqual(['5 more new referrals are in your queue syd:adult.', 'referral.routed.v1']);
    // Nord, in its own window at the same time: one and one more.
    expect(got(NORD)).toEqual(['1 more new referral is in your queue nord:adult.', 'referral.routed.v1']);
    for (const followUp of mails.filter((m) => m.eventType === FOLLOW_UP)) {
      for (const reference of references) expect(JSON.stringify(followUp)).not.toContain(reference);
    }
    // Every referral told exactly once: named in an e-mail or counted in a follow-up.
    const told = mails
      .filter((m) => m.to[0] === SYD || m.to[0] === NORD)
      .reduce((n, m) => n + (m.eventType === FOLLOW_UP ? countOf(m.subject) : 1), 0);
    expect(told).toBe(8);

    // A child referral to Syd's children's office goes at once (its own office, never held).
    const child = await caseView(api, await submit(referral({ location: { municipalityCode: '1280' } })));
    await eventually(
      async () => ((await outbox()).some((m) => m.reference === child.reference) ? true : undefined),
      20_000,
    );

    // The follow-up opened Syd's next window; once that has passed quietly, the next referral e-mails at once.
    await sleep((WINDOW_SECONDS + 1) * 1000);
    const after = await caseView(api, await submit(adult('1280')));
    const named = await eventually(
      async () => (await outbox()).find((m) => m.reference === after.reference),
      20_000,
    );
    expect(named).toMatchObject({ eventType: 'referral.routed.v1', to: [SYD] });
    await stack.settle();
    const all = await outbox();
    expect(all.filter((m) => m.eventType === FOLLOW_UP)).toHaveLength(2);
    // Nothing was sent twice, though every batch was delivered twice.
    expect((await api.get('/local/usage')).body.emails.messages).toBe(all.length);
    platform.faults.duplicateDelivery('notifier', false);
  });
});
