// Routing a received referral to its coordinator queue (and, for a child, offering the report of concern to social
// services where the child is, and out of office hours an acute child's protection to the socialjour). Safe to run any number of times for the same event: only a referral still in
// `received` is routed, and the write is conditional on the version that was read.
import { NotFound, SYSTEM_ACTOR } from '@nrm/domain';
import { swedishDate } from '@nrm/runtime';
import { ulid } from 'ulid';
import { runCommand } from './referral-commands';

export type RouteOutcome = 'routed' | 'already-routed' | 'unknown-referral';

export async function routeReferral(referralId: string, now: Date): Promise<RouteOutcome> {
  try {
    const { events } = await runCommand({
      referralId,
      command: {
        type: 'route',
        today: swedishDate(now),
        handoffId: ulid(now.getTime()),
        outOfHoursHandoffId: ulid(now.getTime()),
      },
      actor: SYSTEM_ACTOR,
      now,
    });
    return events.length ? 'routed' : 'already-routed';
  } catch (error) {
    if (error instanceof NotFound) return 'unknown-referral';
    throw error;
  }
}
