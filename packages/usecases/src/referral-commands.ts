// Running a command on a referral: load the state, let the domain decide, and write the events together with
// everything they imply — the new state, timers armed or disarmed, hand-off pointers, note items — in one
// transaction guarded by the version that was read. A concurrent writer makes it reload and decide again.
import {
  type Actor,
  applyEvent,
  decide,
  type EventEnvelope,
  NotFound,
  nextDueAt,
  type Principal,
  type ReferralCommand,
  type ReferralState,
  timersOf,
} from '@nrm/domain';
import {
  appendEvents,
  CONDITIONS,
  type DueTimer,
  type ExtraItem,
  ExtraItemConditionFailed,
  getReferralState,
  handoffTransactItems,
  IdempotencyKeyTaken,
  type IdempotencyRecord,
  idempotencyPut,
  type Note,
  noteTransactItem,
  timerTransactItems,
  VersionConflict,
} from '@nrm/store';
import { ulid } from 'ulid';
import { TimerStale } from './errors';

const ATTEMPTS = 4;

export interface CommandResult {
  readonly state: ReferralState;
  /** What this call recorded; empty when the command had nothing to do (a redelivery, a timer not yet due). */
  readonly events: readonly EventEnvelope[];
}

export function actorOf(principal: Principal): Actor {
  return {
    sub: principal.sub,
    role: principal.role,
    organisationId: principal.organisationId,
    organisationType: principal.organisationType,
  };
}

/** A command planned from the state read, with the items it writes beside its events (e.g. the personal data). */
export interface PlannedCommand {
  readonly command: ReferralCommand;
  readonly extra?: readonly ExtraItem[];
}

export interface CommandArgs {
  readonly referralId: string;
  /**
   * The command, or a function of the state read (so a retry decides on the fresh state); a function may also read
   * more (the personal data) and return items to write in the same transaction.
   */
  readonly command:
    | ReferralCommand
    | ((state: ReferralState) => ReferralCommand)
    | ((state: ReferralState) => Promise<PlannedCommand>);
  readonly actor: Actor;
  readonly now: Date;
  /** Asked again on every attempt with the state read; throws Forbidden or NotFound to refuse. */
  readonly authorize?: (state: ReferralState) => void;
  /** Free text the command refers to by id, stored beside the events in the same transaction. */
  readonly notes?: readonly Note[];
  /** The timer the escalator acts on; the write fails as TimerStale if the timer changed meanwhile. */
  readonly expectedTimer?: DueTimer;
  /** Reserves the request's Idempotency-Key with the events; IdempotencyKeyTaken if it is taken meanwhile. */
  readonly idempotency?: IdempotencyRecord;
}

function envelopes(state: ReferralState, events: ReturnType<typeof decide>, actor: Actor, now: Date) {
  return events.map(
    (event, i): EventEnvelope =>
      ({
        ...event,
        eventId: ulid(now.getTime()),
        referralId: state.id,
        seq: state.version + 1 + i,
        occurredAt: now.toISOString(),
        actor,
      }) as EventEnvelope,
  );
}

export async function runCommand(args: CommandArgs): Promise<CommandResult> {
  const { referralId, actor, now } = args;
  const at = now.toISOString();
  for (let attempt = 1; ; attempt++) {
    const state = await getReferralState(referralId, { consistent: true });
    if (!state) throw new NotFound('No such referral.');
    args.authorize?.(state);
    const planned = typeof args.command === 'function' ? await args.command(state) : args.command;
    const { command, extra: planExtra = [] } = 'command' in planned ? planned : { command: planned };
    // The domain's refusals carry their problem code; the API maps them, nobody renames them.
    const decided = decide(state, command, { now: at });
    if (decided.length === 0) return { state, events: [] };

    const events = envelopes(state, decided, actor, now);
    const after = events.reduce<ReferralState>((s, e) => applyEvent(s, e), state);
    const timerItems = timerTransactItems({
      referralId,
      before: timersOf(state, at),
      after: timersOf(after, at),
      now,
      ...(args.expectedTimer ? { expected: args.expectedTimer } : {}),
    });
    const extra: ExtraItem[] = [
      ...timerItems,
      ...handoffTransactItems(state, after),
      ...(args.notes ?? []).map((note) => noteTransactItem(referralId, note)),
      ...planExtra,
      ...(args.idempotency ? [idempotencyPut(args.idempotency)] : []),
    ];
    try {
      await appendEvents({
        expectedVersion: state.version,
        events,
        state: after,
        nextDueAt: nextDueAt(after, at),
        extra,
      });
      return { state: after, events };
    } catch (error) {
      if (error instanceof VersionConflict && attempt < ATTEMPTS) continue;
      // A concurrent request with the same key created first.
      if (error instanceof ExtraItemConditionFailed && error.failed.includes(CONDITIONS.idempotencyKey)) {
        throw new IdempotencyKeyTaken(undefined, { cause: error });
      }
      // The timer the escalator acts on moved on meanwhile.
      if (error instanceof ExtraItemConditionFailed && error.failed.includes(CONDITIONS.expectedTimer)) {
        throw new TimerStale(referralId, { cause: error });
      }
      throw error;
    }
  }
}
