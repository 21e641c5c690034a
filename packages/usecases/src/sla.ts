// The SLA machinery: the sweeper hands due timers to the escalator; the escalator records what is due on the
// referral (warning, breach, escalation, an expired offer). Both are safe to run twice or concurrently: the
// escalator decides from the recorded events and writes under the version it read, so a timer delivered twice, or
// sent by two sweepers at once, records its breach exactly once.
import { NotFound, SYSTEM_ACTOR } from '@nrm/domain';
import { DUE_SHARDS, type DueTimer, disarmLegacyTimer, markTimersEmitted, queryDueTimers } from '@nrm/store';
import { TimerStale } from './errors';
import { runCommand } from './referral-commands';

/** A timer sent to the escalator is not sent again for this long, unless it is still due then (a lost message). */
export const RESEND_AFTER_MS = 5 * 60_000;

export interface SweepResult {
  readonly emitted: number;
  /** Index items read, summed over the shards: grows with the due timers, not with all armed timers. */
  readonly scanned: number;
  readonly consumedCapacity: number;
}

/** Sends every due timer of every shard to the escalator's queue via `emit`, then notes it as sent. */
export async function sweepDueTimers(args: {
  readonly now: Date;
  readonly emit: (timers: readonly DueTimer[]) => Promise<void>;
}): Promise<SweepResult> {
  const shards = Array.from({ length: DUE_SHARDS }, (_, shard) => shard);
  const results = await Promise.all(
    shards.map(async (shard) => {
      const due = await queryDueTimers(shard, args.now, { resendAfterMs: RESEND_AFTER_MS });
      if (due.timers.length) {
        await args.emit(due.timers);
        await markTimersEmitted(due.timers, args.now);
      }
      return due;
    }),
  );
  return {
    emitted: results.reduce((n, r) => n + r.timers.length, 0),
    scanned: results.reduce((n, r) => n + r.scannedCount, 0),
    consumedCapacity: results.reduce((n, r) => n + r.consumedCapacity, 0),
  };
}

export type EscalationOutcome = 'recorded' | 'nothing-due' | 'stale' | 'unknown-referral';

export async function escalateDueTimer(timer: DueTimer, now: Date): Promise<EscalationOutcome> {
  try {
    const { events } = await runCommand({
      referralId: timer.referralId,
      command: { type: 'escalate', clockId: timer.clockId },
      actor: SYSTEM_ACTOR,
      now,
      expectedTimer: timer,
    });
    if (events.length) return 'recorded';
    // A timer of the earlier layout that records nothing is disarmed here (a recording disarms it in its
    // transaction), or it would be sent again every few minutes.
    if (timer.legacy) await disarmLegacyTimer(timer, now);
    return 'nothing-due';
  } catch (error) {
    if (error instanceof TimerStale) return 'stale';
    if (error instanceof NotFound) return 'unknown-referral';
    throw error;
  }
}
