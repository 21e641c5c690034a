// Loads the demo year into the running local platform by doing the year's work with the platform's own use cases,
// each at the moment it happened: the use cases take `now`, so the demo passes every action its own time and the
// platform's clock — the one the API, the web and the workers read — is never moved. The domain decides everything
// as it does for a request (routing, clocks, what a hand-off needs, who may act), the events go through the outbox
// like any others, and the statistics are counted from them by the platform's own consumers.
//
// What the schedule would have done meanwhile is done in the same way: each clock's warning, breach and escalation
// is recorded by the escalator's use case at the moment it fell due, so a clock breached in March is breached in
// March, and the year ends with every timer that fell due before now recorded. The platform holds its own schedule
// while this runs (platform.ts), so the live sweeper never records a past timer at today's time.
import {
  type Action,
  accessFacts,
  authorize,
  clockStateAt,
  DIRECTORY,
  type HandoffPurpose,
  isClockActive,
  type Principal,
  policyOf,
  type ReferralCommand,
  type ReferralState,
  swedishCalendar,
  type Timer,
  type TrackedClock,
  timersOf,
} from '@nrm/domain';
import { swedishDate } from '@nrm/runtime';
import { ReferralRequest } from '@nrm/schemas';
import { getReferralState } from '@nrm/store';
import { actOnReferral, escalateDueTimer, offerHandoff, routeReferral, submitReferral } from '@nrm/usecases';
import { ulid } from 'ulid';
import { findIdentity, principalOf, receiverFor } from '../identities';
import { type PlannedReferral, planDemoYear } from './plan';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** The live router waits while a turn's referrals are submitted and routed: about a second. */
const SUBMITTED_PER_TURN = 20;

export interface DemoOptions {
  /** Where the year ends (default: now, when the load starts). */
  readonly until?: Date;
  /** Referrals in the year: the domain brief's few hundred. */
  readonly count?: number;
  readonly days?: number;
  readonly seed?: number;
  /** Referrals worked on at once (each referral's own steps are always in order). */
  readonly concurrency?: number;
  /**
   * Runs work while the live router handles nothing (platform.ts): each past referral is submitted and routed at its
   * own time inside one such turn, so the live router never routes it at today's time.
   */
  readonly whileRouterWaits?: <T>(work: () => Promise<T>) => Promise<T>;
  /** Stops the load between two steps (the platform stopping). */
  readonly signal?: AbortSignal;
}

export interface DemoReport {
  readonly referrals: number;
  /** Actions of people and of the router, in the order of each referral. */
  readonly actions: number;
  /** Warnings, breaches and escalations recorded at their due time. */
  readonly escalations: number;
  /** Referrals still open at the end of the year, at whatever stage. */
  readonly open: number;
  /** Referrals the live router reached before the demo did (routed at today's time): 0, as it waits its turn. */
  readonly routedByLiveRouter: number;
  /** Cases whose story stopped because the domain refused a planned step, and the first reason. */
  readonly refused: number;
  readonly firstRefusal?: string;
  readonly until: string;
  /** How long the two phases took: submitting and routing the year's referrals, then working each case. */
  readonly seconds: { readonly submitting: number; readonly working: number };
}

/** Past the end of the year: the rest of the case has not happened yet. */
class NotYet extends Error {}

function principal(identityId: string): Principal {
  const identity = findIdentity(identityId);
  if (!identity) throw new Error(`No demo identity ${identityId}`);
  return principalOf(identity);
}

/** The policy decides as it does for a request, on the same facts (the domain's accessFacts). */
function allowedFor(who: Principal, action: Action, handoffId?: string) {
  return (state: ReferralState) => {
    const decision = authorize(who, action, {
      referral: accessFacts(state),
      ...(handoffId ? { handoffId } : {}),
    });
    if (!decision.allow) throw new Error(`The demo's ${who.sub} may not ${action}: ${decision.reason}`);
  };
}

const coordinatorOf = (state: ReferralState) =>
  `${state.route?.track === 'child' ? 'child-coordinator' : 'coordinator'}-${state.route?.region}`;

/** The moment a share of a clock's time has passed, in the clock's own basis (working time for working clocks). */
function atShareOf(clock: TrackedClock, share: number, from: string): number {
  const state = clockStateAt(clock, from);
  const start = clock.events[0]!.at;
  if (policyOf(clock).duration.basis === 'working') {
    const total = swedishCalendar.workingMillisBetween(start, state.dueAt);
    return swedishCalendar.addWorkingMillis(start, total * share).getTime();
  }
  return Date.parse(start) + (Date.parse(state.dueAt) - Date.parse(start)) * share;
}

/** One referral's year, step by step, with its clocks' timers recorded as they fall due. */
class Case {
  state!: ReferralState;
  actions = 0;
  escalations = 0;
  private last = 0;

  constructor(
    private readonly until: number,
    readonly plan: PlannedReferral,
    private readonly signal: AbortSignal | undefined,
  ) {}

  private clock(kind: TrackedClock['kind'], handoffId?: string): TrackedClock | undefined {
    return this.state.clocks.find(
      (c) => c.kind === kind && isClockActive(c) && (handoffId === undefined || c.handoffId === handoffId),
    );
  }

  lastAt(): number {
    return this.last;
  }

  /** When `share` of the named running clock has passed (or `fallback` when it does not run). */
  when(kind: TrackedClock['kind'], share: number, fallback: number, handoffId?: string): number {
    const clock = this.clock(kind, handoffId);
    return clock ? atShareOf(clock, share, new Date(this.last).toISOString()) : fallback;
  }

  /** Records every timer of this referral due by `at`, each at its own due time. */
  private async timersUntil(at: number): Promise<void> {
    let previous = '';
    while (this.state) {
      const due = [...timersOf(this.state, new Date(this.last).toISOString()).values()]
        .filter((t): t is Timer => t !== undefined && Date.parse(t.dueAt) <= at)
        .sort((a, b) => a.dueAt.localeCompare(b.dueAt))[0];
      if (!due) return;
      // The escalator records something for every due timer; the same one twice would mean it did not.
      const key = JSON.stringify(due);
      if (key === previous) throw new Error(`The escalator recorded nothing for a due timer: ${key}`);
      previous = key;
      const dueAt = Math.max(Date.parse(due.dueAt), this.last);
      await escalateDueTimer({ ...due, referralId: this.state.id }, new Date(dueAt));
      this.escalations += 1;
      this.last = dueAt;
      const state = await getReferralState(this.state.id, { consistent: true });
      if (!state) throw new Error('A demo referral vanished');
      this.state = state;
    }
  }

  /** Does `run` at `at`, after the timers due before it; NotYet when `at` is past the end of the year. */
  async at(at: number, run: (now: Date) => Promise<ReferralState>): Promise<void> {
    this.signal?.throwIfAborted();
    const moment = Math.max(Math.round(at), this.last + 1000);
    await this.timersUntil(Math.min(moment, this.until));
    if (moment > this.until) throw new NotYet();
    this.state = await run(new Date(moment));
    this.last = moment;
    this.actions += 1;
  }

  async finish(): Promise<void> {
    await this.timersUntil(this.until);
  }

  act(who: string, action: Action, build: () => ReferralCommand, handoffId?: string) {
    const p = principal(who);
    return async (now: Date) =>
      (
        await actOnReferral(this.state.id, build, {
          principal: p,
          now,
          authorize: allowedFor(p, action, handoffId),
        })
      ).state;
  }
}

/**
 * Submits a batch of the year's referrals in date order (so reference numbers rise with the dates), then routes each
 * a few seconds after its submission, as the router would have; true for each the live router reached first.
 */
async function submitAndRoute(batch: readonly Case[], first: number): Promise<boolean[]> {
  const ids: string[] = [];
  for (const [i, c] of batch.entries()) {
    const p = principal(c.plan.referrer);
    const { id } = await submitReferral({
      submission: ReferralRequest.parse(c.plan.body),
      principal: p,
      channel: p.kind === 'client' ? 'api' : 'web',
      now: new Date(c.plan.at),
      audit: { requestId: `demo-${first + i}` },
    });
    ids.push(id);
  }
  return Promise.all(
    batch.map(async (c, i) => {
      let liveRouterFirst = false;
      await c.at(c.plan.at + 1500 + ((first + i) % 5) * 600, async (now) => {
        liveRouterFirst = (await routeReferral(ids[i]!, now)) === 'already-routed';
        return (await getReferralState(ids[i]!, { consistent: true }))!;
      });
      return liveRouterFirst;
    }),
  );
}

async function work(c: Case): Promise<void> {
  const plan = c.plan;
  const coordinator = coordinatorOf(c.state);
  const routedAt = Date.parse(c.state.submittedAt);
  // An anonymous notification is counted and closed when routed: there is no case to work.
  if (c.state.status === 'closed') return;
  await c.at(
    c.when('acknowledge', plan.acknowledge, routedAt + HOUR),
    c.act(coordinator, 'referral.acknowledge', () => ({ type: 'acknowledge' })),
  );
  // The owner closes: the coordinator's office, or the organisation that took responsibility for the case.
  const close = (reason: Extract<ReferralCommand, { type: 'close' }>['reason'], at: number) =>
    c.at(at, (now) => {
      const owner = c.state.owner;
      const who = owner.type === 'organisation' ? receiverFor(owner.id)!.id : coordinator;
      return c.act(who, 'referral.close', () => ({ type: 'close', reason }))(now);
    });
  /** The recipient answers; false when the offer had expired before (its clock's escalation ran out). */
  const answer = async (handoffId: string, accept: boolean): Promise<boolean> => {
    const handoff = c.state.handoffs.find((h) => h.id === handoffId)!;
    const receiver = receiverFor(handoff.recipient.id)?.id;
    if (!receiver) throw new Error(`No demo receiver for ${handoff.recipient.id}`);
    await c.at(
      c.when('handoff-accept', plan.answer, Date.parse(handoff.offeredAt) + DAY, handoffId),
      (now) =>
        c.state.handoffs.find((h) => h.id === handoffId)?.status === 'offered'
          ? c.act(
              receiver,
              'handoff.accept',
              () =>
                accept
                  ? { type: 'accept-handoff', handoffId }
                  : { type: 'decline-handoff', handoffId, reason: 'no-capacity' },
              handoffId,
            )(now)
          : Promise.resolve(c.state),
    );
    return c.state.handoffs.find((h) => h.id === handoffId)?.status === 'accepted';
  };
  const offer = async (recipientId: string, purpose: HandoffPurpose, after: number) => {
    const p = principal(coordinator);
    let handoffId = '';
    await c.at(after, async (now) => {
      const result = await offerHandoff(
        c.state.id,
        {
          recipientId,
          purpose,
          ...(c.state.route?.track === 'child' ? { legalBasis: 'duty-to-report' as const } : {}),
        },
        { principal: p, now, authorize: allowedFor(p, 'referral.handoff') },
      );
      handoffId = result.handoffId;
      return result.state;
    });
    return handoffId;
  };

  if (plan.repeat)
    return close('duplicate', c.when('owner-gap', plan.closeWithoutHandoff * 0.5, routedAt + DAY));

  if (c.state.route?.track === 'child') {
    // The report of concern the router offered to social services where the child is.
    const report = c.state.handoffs.find((h) => h.purpose === 'report-of-concern');
    if (plan.childBarnahus && c.state.owner.type !== 'organisation') {
      const barnahus = DIRECTORY.find((o) => o.type === 'barnahus' && o.region === c.state.route?.region);
      if (barnahus) {
        const id = await offer(
          barnahus.id,
          'barnahus',
          Date.parse(c.state.submittedAt) + plan.offerAfterHours * HOUR,
        );
        await answer(id, true);
      }
    }
    if (report) {
      let accepted = report.status === 'accepted' || (await answer(report.id, true));
      let handoffId = report.id;
      // An answer that came too late finds the offer expired: the coordinator makes the report again, while the
      // office still owns the case (Barnahus runs beside it as a service and never owns it).
      if (!accepted && c.state.owner.type !== 'organisation') {
        handoffId = await offer(report.recipient.id, 'report-of-concern', c.lastAt() + HOUR);
        accepted = await answer(handoffId, true);
      }
      if (accepted) {
        await c.at(
          c.when('child-decision', plan.decision, c.lastAt() + 7 * DAY, handoffId),
          c.act(
            receiverFor(report.recipient.id)!.id,
            'handoff.accept',
            () => ({ type: 'record-decision', handoffId, decision: plan.childDecision }),
            handoffId,
          ),
        );
      }
    }
    return close(plan.childClose, c.lastAt() + plan.closeAfterDays * DAY);
  }

  const path = plan.adult;
  if (path.kind === 'closed-without-handoff') {
    return close(path.reason, c.when('owner-gap', plan.closeWithoutHandoff, routedAt + DAY));
  }
  const socialServices = `social-services:${plan.municipality}`;
  const offerAndAnswer = async (recipient: string, purpose: HandoffPurpose, accept: boolean) => {
    const id = await offer(recipient, purpose, c.lastAt() + plan.offerAfterHours * HOUR);
    return (await answer(id, accept)) ? id : '';
  };
  if (path.first === 'nsp') {
    // A shelter place first — a service beside the case — then social services take responsibility for it.
    await offerAndAnswer('nsp', 'nsp-shelter', !path.firstDeclines);
    await offerAndAnswer(socialServices, 'social-services-investigation', true);
  } else if (!(await offerAndAnswer(socialServices, 'social-services-investigation', !path.firstDeclines))) {
    await offerAndAnswer('nsp', 'nsp-shelter', true);
  }
  // A shelter place is a service beside the case: it starts when the person moves in and ends before closing.
  const shelter = c.state.handoffs.find((h) => h.purpose === 'nsp-shelter' && h.status === 'accepted');
  // NSP updates the shelter service, `afterDays` after the last step.
  const updateShelter = (handoffId: string, afterDays: number, build: () => ReferralCommand) =>
    c.at(c.lastAt() + afterDays * DAY, c.act('receiver-nsp', 'service.update', build, handoffId));
  if (shelter) {
    await updateShelter(shelter.id, plan.serviceStartAfterDays, () => ({
      type: 'start-service',
      handoffId: shelter.id,
    }));
  }
  if (plan.reflectionPermit) await reflectionPermit(c, coordinator);
  if (shelter) {
    await updateShelter(shelter.id, plan.closeAfterDays, () => ({
      type: 'end-service',
      handoffId: shelter.id,
      outcome: 'completed',
    }));
  }
  await close('support-established', c.lastAt() + (shelter ? DAY : plan.closeAfterDays * DAY));
}

/** Social services apply for the person's reflection-period permit; the coordinator records what Migrationsverket decided. */
async function reflectionPermit(c: Case, coordinator: string): Promise<void> {
  // Each step `days` after the one before, dated the day it happens.
  const step = (days: number, action: Action, build: (on: string) => ReferralCommand) => {
    const at = c.lastAt() + days * DAY;
    return c.at(
      at,
      c.act(coordinator, action, () => build(swedishDate(new Date(at)))),
    );
  };
  const permitId = ulid(c.lastAt() + 2 * DAY);
  await step(2, 'permit.apply', (appliedOn) => ({
    type: 'apply-permit',
    permitId,
    kind: 'reflection-period',
    appliedBy: 'social-services',
    appliedOn,
  }));
  await step(4, 'permit.decide', (decidedOn) => ({
    type: 'decide-permit',
    permitId,
    decision: 'granted',
    decidedOn,
  }));
}

/** Runs `tasks` with at most `limit` at once, in order of starting. */
async function pool<T>(items: readonly T[], limit: number, task: (item: T, index: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        await task(items[index]!, index);
      }
    }),
  );
}

export async function loadDemoYear(options: DemoOptions = {}): Promise<DemoReport> {
  const until = options.until ?? new Date();
  const plans = planDemoYear({
    until,
    count: options.count ?? 300,
    days: options.days ?? 365,
    seed: options.seed ?? 2022,
  });
  const cases = plans.map((plan) => new Case(until.getTime(), plan, options.signal));
  let routedByLiveRouter = 0;
  const started = Date.now();
  // The year's referrals first, in turns of a few during which the live router waits; then each case's year.
  const turn = options.whileRouterWaits ?? ((work) => work());
  for (let first = 0; first < cases.length; first += SUBMITTED_PER_TURN) {
    options.signal?.throwIfAborted();
    const batch = cases.slice(first, first + SUBMITTED_PER_TURN);
    routedByLiveRouter += (await turn(() => submitAndRoute(batch, first))).filter(Boolean).length;
  }
  const submitted = Date.now();
  const refusals: string[] = [];
  await pool(cases, options.concurrency ?? 10, async (c) => {
    try {
      await work(c).catch((error) => {
        if (!(error instanceof NotYet)) throw error;
      });
      await c.finish();
    } catch (error) {
      // A step the domain refused (the plan asked for something the case's state did not allow) ends that case's
      // story where it is; the report says how many, and why.
      if (options.signal?.aborted) throw error;
      refusals.push(error instanceof Error ? error.message : String(error));
    }
  });
  return {
    referrals: cases.length,
    actions: cases.reduce((n, c) => n + c.actions, 0),
    escalations: cases.reduce((n, c) => n + c.escalations, 0),
    open: cases.filter((c) => c.state.status !== 'closed').length,
    routedByLiveRouter,
    refused: refusals.length,
    ...(refusals.length ? { firstRefusal: refusals[0] } : {}),
    until: until.toISOString(),
    seconds: { submitting: (submitted - started) / 1000, working: (Date.now() - submitted) / 1000 },
  };
}
