// Which queues the outbox relay sends an event to: each consumer gets the events it acts on, and no others.
import { describe, expect, it } from 'vitest';
import { queuesFor } from '../src/queues';

const names = (eventType: string) => queuesFor(eventType).map((q) => q.name);

describe('queuesFor', () => {
  it('routes a received referral to the router and the statistics only', () => {
    expect(names('referral.received.v1')).toEqual(['referral-routing', 'statistics']);
  });

  // The notifications queue once kept its own copy of this list and left these three out: none of them was e-mailed.
  it.each([
    'referral.assigned.v1',
    'handoff.service-ended.v1',
    'referral.came-of-age.v1',
    'clock.breached.v1',
  ])('sends %s to the notifier', (eventType) => {
    expect(names(eventType)).toContain('notifications');
  });

  it.each(['referral.note-added.v1', 'referral.acknowledged.v1', 'permit.applied.v1'])(
    'keeps %s from the notifier, which has nothing to say about it',
    (eventType) => {
      expect(names(eventType)).not.toContain('notifications');
    },
  );
});
