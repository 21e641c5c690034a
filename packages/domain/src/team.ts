// A team's workload, for its regional lead: per coordinator the open referrals they work and how many of their clocks
// have warned or are past due; the referrals nobody works yet and since when they have waited. Counts and ids only.
import { isClockActive, type ReferralState } from './referral';

export interface CoordinatorLoad {
  readonly sub: string;
  readonly open: number;
  /** Referrals with a clock that has warned and is not yet past due. */
  readonly warning: number;
  /** Referrals with a clock past due. */
  readonly breached: number;
}

export interface WaitingReferral {
  readonly id: string;
  readonly reference: string;
  readonly waitingSince: string;
}

export interface TeamWorkload {
  readonly coordinators: readonly CoordinatorLoad[];
  /** Longest-waiting first. */
  readonly unassigned: readonly WaitingReferral[];
}

function clockFlags(state: ReferralState): { warning: boolean; breached: boolean } {
  const active = state.clocks.filter(isClockActive);
  const breached = active.some((c) => c.breached);
  return { breached, warning: !breached && active.some((c) => c.warned) };
}

/** The workload of the open referrals of one queue; `members` (the roster) are listed even with nothing to do. */
export function teamWorkload(states: readonly ReferralState[], members: readonly string[]): TeamWorkload {
  const loads = new Map<string, { open: number; warning: number; breached: number }>(
    members.map((sub) => [sub, { open: 0, warning: 0, breached: 0 }]),
  );
  const unassigned: WaitingReferral[] = [];
  for (const state of states) {
    if (state.status === 'closed') continue;
    if (!state.assignee) {
      unassigned.push({
        id: state.id,
        reference: state.reference,
        waitingSince: state.queuedAt ?? state.submittedAt,
      });
      continue;
    }
    const load = loads.get(state.assignee.sub) ?? { open: 0, warning: 0, breached: 0 };
    const flags = clockFlags(state);
    loads.set(state.assignee.sub, {
      open: load.open + 1,
      warning: load.warning + (flags.warning ? 1 : 0),
      breached: load.breached + (flags.breached ? 1 : 0),
    });
  }
  return {
    coordinators: [...loads.entries()]
      .map(([sub, load]) => ({ sub, ...load }))
      .sort((a, b) => b.open - a.open || a.sub.localeCompare(b.sub)),
    unassigned: unassigned.sort(
      (a, b) => a.waitingSince.localeCompare(b.waitingSince) || a.id.localeCompare(b.id),
    ),
  };
}
