// Who is told what (issue 17): the referrer its referral's status, a receiving organisation its offers, the queue's
// office its arrivals and breaches — with ids, the reference, the type, the time and a status only.
import { describe, expect, it } from 'vitest';
import { applyEvent, type ReferralState } from '../src/referral';
import { supportOutcome } from '../src/referrer-feedback';
import { endpointUrlProblem, webhookMessagesFor } from '../src/webhooks';
import { childFacts, Life, received } from './ownership.fixtures';
import { at, T0 } from './time';

/** The messages of the events from `from` on, each with the state right after it (as the sender folds it). */
function messagesOf(life: Life, from: number) {
  return life.log.slice(from).flatMap((event) => {
    let state: ReferralState | undefined;
    for (const e of life.log) if (e.seq <= event.seq) state = applyEvent(state, e);
    return webhookMessagesFor(event, state!);
  });
}

describe('webhookMessagesFor', () => {
  it("tells the referrer its status, the queue's office the arrival and social services the offer", () => {
    const life = new Life(received(childFacts(), T0));
    life.run({ type: 'route', today: '2026-03-10', handoffId: 'H-auto' }, at(0.01));
    const messages = messagesOf(life, 1);
    expect(messages.map((m) => [m.organisationId, m.payload.type, m.payload.status])).toEqual(
      expect.arrayContaining([
        ['police', 'referral.status-changed', 'routed'],
        ['coordinator-office:syd:child', 'queue.arrived', 'routed'],
        ['social-services:1280', 'handoff.offered', 'offered'],
      ]),
    );
    for (const { payload } of messages) {
      expect(Object.keys(payload).sort()).toEqual(
        expect.arrayContaining(['id', 'occurredAt', 'reference', 'referralId', 'status', 'type']),
      );
      expect(payload.reference).toBe('NRM-2026-000123');
    }
    // Unique per event and type: the webhook-id and the feed key.
    expect(new Set(messages.map((m) => `${m.organisationId} ${m.payload.id}`)).size).toBe(messages.length);
  });

  it("says the status the event left, in the referrer's words", () => {
    const life = new Life(received(childFacts(), T0));
    life.run({ type: 'route', today: '2026-03-10', handoffId: 'H-auto' }, at(0.01));
    const from = life.log.length;
    life.run({ type: 'acknowledge' }, at(1));
    life.run({ type: 'close', reason: 'no-indicators' } as never, at(2));
    const referrer = messagesOf(life, from).filter((m) => m.organisationId === 'police');
    expect(referrer.map((m) => m.payload.status)).toEqual(['acknowledged', 'closed']);
  });

  it('says nothing about events that change nothing a recipient sees', () => {
    const life = new Life(received(childFacts(), T0));
    expect(webhookMessagesFor(life.log[0]!, life.state)).toEqual([]);
  });
});

describe('endpointUrlProblem', () => {
  const production = { allowLoopback: false };
  const local = { allowLoopback: true };
  it.each([
    ['https://agency.example.se/hooks', production, null],
    ['https://fcbarcelona.example/hook', production, null],
    ['http://agency.example.se/hooks', production, 'https-required'],
    ['https://127.0.0.1:8443/hooks', production, 'private-host'],
    ['http://127.0.0.1:8080/hooks', local, null],
    ['http://localhost:8080/hooks', local, null],
    ['https://10.1.2.3/hooks', local, 'private-host'],
    ['https://192.168.0.10/hooks', production, 'private-host'],
    ['https://172.20.0.1/hooks', production, 'private-host'],
    ['https://169.254.169.254/latest', production, 'private-host'],
    ['https://[fd00::1]/hooks', production, 'private-host'],
    ['https://[::1]/hooks', production, 'private-host'],
    ['https://metadata.internal/hooks', production, 'private-host'],
    ['https://user:secret@agency.example.se/', production, 'credentials'],
    ['https://agency.example.se/#x', production, 'fragment'],
    ['not a url', production, 'not-a-url'],
  ] as const)('%s → %s', (url, options, expected) => {
    expect(endpointUrlProblem(url, options)).toBe(expected);
  });
});

describe('supportOutcome', () => {
  it('is not-yet while open, yes once support is accepted, no when closed without it', () => {
    const life = new Life(received(childFacts(), T0));
    life.run({ type: 'route', today: '2026-03-10', handoffId: 'H-auto' }, at(0.01));
    expect(supportOutcome(life.state)).toBe('not-yet');
    const declined = new Life(life.log[0]!);
    for (const e of life.log.slice(1)) declined.state = applyEvent(declined.state, e);
    life.run({ type: 'accept-handoff', handoffId: 'H-auto' }, at(1));
    expect(supportOutcome(life.state)).toBe('yes');
    declined.run({ type: 'close', reason: 'person-declined-support' } as never, at(1));
    expect(supportOutcome(declined.state)).toBe('no');
  });
});
