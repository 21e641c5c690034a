// Routing a received referral to its coordinator queue. Safe to run any number of times for the same event:
// only a referral still in `received` is routed, and the write is conditional on the version that was read.
import { applyEvent, decideRoute, type EventEnvelope, SYSTEM_ACTOR } from '@nrm/domain';
import { swedishDate } from '@nrm/runtime';
import { appendEvents, getReferralState, VersionConflict } from '@nrm/store';
import { ulid } from 'ulid';

export type RouteOutcome = 'routed' | 'already-routed' | 'unknown-referral';

export async function routeReferral(referralId: string, now: Date): Promise<RouteOutcome> {
  for (let attempt = 0; ; attempt++) {
    const state = await getReferralState(referralId);
    if (!state) return 'unknown-referral';
    if (state.status !== 'received') return 'already-routed';
    const decision = decideRoute(state, swedishDate(now));
    const routed: EventEnvelope = {
      type: 'referral.routed.v1',
      data: decision,
      eventId: ulid(now.getTime()),
      referralId,
      seq: state.version + 1,
      occurredAt: now.toISOString(),
      actor: SYSTEM_ACTOR,
    };
    try {
      await appendEvents({
        expectedVersion: state.version,
        events: [routed],
        state: applyEvent(state, routed),
      });
      return 'routed';
    } catch (error) {
      if (error instanceof VersionConflict && attempt < 3) continue;
      throw error;
    }
  }
}
