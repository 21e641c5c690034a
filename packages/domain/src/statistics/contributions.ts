// What one event adds to the national statistics (domain.md §7), decided from the event and the referral's events
// before it. Pure and deterministic: the same event with the same history always adds the same, in whatever order
// events arrive, so the aggregates rebuilt from a replay of the log equal the ones kept incrementally.
import { type Calendar, swedishCalendar } from '../calendar';
import { type ClockKind, DATE_CLOCK_KINDS } from '../clocks';
import {
  applyEvent,
  decideRoute,
  type EventEnvelope,
  foldEvents,
  type PermitApplied,
  type ReferralState,
} from '../referral';
import type { Location, Route } from '../routing';
import { type Cell, referralCell, sameCell } from './cells';

/** Hand-off steps timed by the statistics; each from submission, except `handoff-response` (from the offer). */
export const STATISTICS_STEPS = [
  'routing',
  'acknowledgement',
  'handoff-accepted',
  'handoff-response',
  'first-owner-social-services',
] as const;
export type StatisticsStep = (typeof STATISTICS_STEPS)[number];

/** Where a figure belongs. `region` is 'national' for the national coordinator's triage. */
export interface StatisticsGroup {
  readonly region: string;
  readonly track: string;
}

export interface DurationSample extends StatisticsGroup {
  readonly step: StatisticsStep;
  readonly receivingType: string;
  readonly referringType: string;
  /** Local (Stockholm) date the step completed: the day it is counted on. */
  readonly day: string;
  readonly workingMs: number;
  readonly calendarMs: number;
}

/** One referral-level count: each of `attributes` (e.g. `referrals`, `purpose:forced-labour`) goes up by one. */
export interface CountSample extends StatisticsGroup {
  readonly day: string;
  readonly referringType: string;
  readonly channel: string;
  readonly attributes: readonly string[];
  /** +1 (absent) counts the attributes; -1 takes back what an earlier event counted (a corrected fact). */
  readonly delta?: 1 | -1;
}

export interface SlaSample extends StatisticsGroup {
  readonly day: string;
  readonly kind: ClockKind;
  readonly outcome: 'met' | 'breached';
}

/** A received referral, for counting unique persons; without a key it is a person of its own. */
export interface PersonSample {
  readonly day: string;
  readonly personKey?: string;
  readonly referralId: string;
  /**
   * A key found after intake (an identity number added, a case opened): the referral was counted already, as a
   * person of its own when `previouslyKeyed` is false — if the key's person was seen in a period, that person is
   * one fewer there. A referral that had a key keeps its counts; the new key only links it for duplicates.
   */
  readonly keyedLater?: { readonly previouslyKeyed: boolean };
}

/** Something that waits now (the live view): opened by one event, closed by a later one. */
export interface LiveChange {
  readonly id: string;
  readonly op: 'open' | 'close';
  readonly kind: 'acknowledgement' | 'handoff' | 'breach';
  readonly referralId: string;
  readonly queue?: string;
  readonly receivingType?: string;
  readonly clockKind?: ClockKind;
  readonly since?: string;
}

/**
 * A presumed victim's referral took, left or changed its place in the joint cells (cells.ts): received, a fact
 * corrected, or its person key found or changed. Counted on the day it was received. The person a referral without a
 * key counts for is the referral itself (`referral:<id>`), so a key found later merges it into a known person.
 */
export interface MembershipChange {
  readonly day: string;
  readonly referralId: string;
  /** The event's sequence number: of two changes of one referral, the later one wins, in whatever order counted. */
  readonly seq: number;
  readonly submittedAt: string;
  readonly from?: { readonly personId: string; readonly cell: Cell };
  readonly to?: { readonly personId: string; readonly cell: Cell };
}

/** Tables of plain counts beside the cells, each keyed by a few coded values. */
export const TALLY_FAMILIES = ['outcome', 'handoff', 'child', 'permit'] as const;
export type TallyFamily = (typeof TALLY_FAMILIES)[number];

/**
 * One count in a tally table:
 * - `outcome`: [region, purpose, close reason] — each closure, once per purpose of the referral;
 * - `handoff`: [offered | declined | expired, region, receiving type, decline reason or `-`] — where support is missing;
 * - `child`: [in-sweden | abroad | unknown, region] — accompanying children by where they are (on the received day);
 * - `permit`: [applied | granted | refused, permit kind, who applied] — the permit ledger (fed by permit events).
 */
export interface TallySample {
  readonly family: TallyFamily;
  readonly day: string;
  readonly key: readonly string[];
  readonly delta?: 1 | -1;
}

export interface StatisticsContribution {
  readonly counts: readonly CountSample[];
  readonly durations: readonly DurationSample[];
  readonly sla: readonly SlaSample[];
  readonly persons: readonly PersonSample[];
  readonly live: readonly LiveChange[];
  readonly members: readonly MembershipChange[];
  readonly tallies: readonly TallySample[];
}

export const NO_CONTRIBUTION: StatisticsContribution = {
  counts: [],
  durations: [],
  sla: [],
  persons: [],
  live: [],
  members: [],
  tallies: [],
};

/** Where an accompanying child is: abroad (a foreign country, or outside Sweden with no place known), in Sweden, or unknown. */
export function whereabouts(location: Location): 'in-sweden' | 'abroad' | 'unknown' {
  if ('abroad' in location) return 'abroad';
  if ('unknown' in location) return location.outsideSweden ? 'abroad' : 'unknown';
  return 'in-sweden';
}

function childTally(state: ReferralState, day: string, delta?: -1): TallySample[] {
  if (!state.parentReferralId) return [];
  const region = decideRoute(state, day).route.region ?? 'national';
  return [
    { family: 'child', day, key: [whereabouts(state.facts.location), region], ...(delta ? { delta } : {}) },
  ];
}

/**
 * The permit ledger (domain.md §5): each application by kind and who applied, and each decision (granted or refused)
 * by the kind and applicant of its application earlier in the log. Extensions and revocations are not counted.
 */
export function permitTallies(
  event: EventEnvelope,
  prior: readonly EventEnvelope[],
  day: string,
): TallySample[] {
  if (event.type === 'permit.applied.v1') {
    return [{ family: 'permit', day, key: ['applied', event.data.kind, event.data.appliedBy] }];
  }
  if (event.type !== 'permit.decided.v1') return [];
  const { permitId, decision } = event.data;
  const applied = prior.find(
    (e): e is EventEnvelope<PermitApplied> => e.type === 'permit.applied.v1' && e.data.permitId === permitId,
  );
  return [
    {
      family: 'permit',
      day,
      key: [decision, applied?.data.kind ?? 'unknown', applied?.data.appliedBy ?? 'unknown'],
    },
  ];
}

function groupOf(route: Route | null): StatisticsGroup {
  return { region: route?.region ?? 'national', track: route?.track ?? 'child' };
}

const WAIT_OPENERS = new Set(['referral.routed.v1', 'referral.transferred.v1', 'referral.reopened.v1']);
const WAIT_CLOSERS = new Set(['referral.acknowledged.v1', 'referral.closed.v1', 'referral.transferred.v1']);

/** The sequence number of the event that opened the acknowledgement wait still open after `events`. */
function openAcknowledgementWait(events: readonly EventEnvelope[]): number | undefined {
  let open: number | undefined;
  for (const e of events) {
    if (WAIT_CLOSERS.has(e.type)) open = undefined;
    if (WAIT_OPENERS.has(e.type)) open = e.seq;
  }
  return open;
}

/** The person key an event carries: from intake, or found later by a correction or an opened case. */
export function personKeyOf(event: EventEnvelope): string | undefined {
  switch (event.type) {
    case 'referral.received.v1':
    case 'referral.corrected.v1':
    case 'referral.case-opened.v1':
      return event.data.personKey;
    default:
      return undefined;
  }
}

/** The referral's person key now: the last one its events carry. */
export function currentPersonKey(events: readonly EventEnvelope[]): string | undefined {
  let key: string | undefined;
  for (const e of events) key = personKeyOf(e) ?? key;
  return key;
}

/**
 * The count cell a referral occupies: the group its facts route to and the attributes of its facts, on the day it was
 * received. A corrected fact moves the referral from one cell to another on that same day, so nothing counts twice.
 */
function countCell(state: ReferralState, day: string): CountSample {
  const { facts } = state;
  return {
    ...groupOf(decideRoute(state, day).route),
    day,
    referringType: state.referrer.organisationType,
    channel: state.channel,
    attributes: [
      'referrals',
      ...facts.purposes.map((p) => `purpose:${p}`),
      `gender:${facts.gender}`,
      `age:${facts.ageGroup}`,
      ...(facts.citizenships.length ? facts.citizenships : ['unknown']).map((c) => `citizenship:${c}`),
      ...(facts.anonymous ? ['anonymous'] : []),
    ],
  };
}

const sameCountCell = (a: CountSample, b: CountSample) => JSON.stringify(a) === JSON.stringify(b);

/**
 * What `event` adds, given the referral's events before it (`prior`, in sequence order, without `event`).
 * Events the statistics do not look at add nothing.
 */
export function contributionOf(
  event: EventEnvelope,
  prior: readonly EventEnvelope[],
  calendar: Calendar = swedishCalendar,
): StatisticsContribution {
  const before: ReferralState | undefined = foldEvents(prior);
  const after = applyEvent(before, event);
  const day = calendar.localDateOf(event.occurredAt);
  const at = event.occurredAt;
  const group = groupOf(after.route);
  const referringType = after.referrer.organisationType;
  const duration = (step: StatisticsStep, from: string, receivingType: string): DurationSample => ({
    ...group,
    step,
    receivingType,
    referringType,
    day,
    workingMs: Math.max(0, calendar.workingMillisBetween(from, at)),
    calendarMs: Math.max(0, Date.parse(at) - Date.parse(from)),
  });
  const liveAck = (op: 'open' | 'close', seq: number): LiveChange => ({
    id: `ack:${event.referralId}:${seq}`,
    op,
    kind: 'acknowledgement',
    referralId: event.referralId,
    ...(op === 'open' ? { queue: after.route?.queue ?? 'national:triage', since: at } : {}),
  });
  const closeOpenWait = (): LiveChange[] => {
    const open = openAcknowledgementWait(prior);
    return open === undefined ? [] : [liveAck('close', open)];
  };

  switch (event.type) {
    case 'referral.received.v1': {
      const key = personKeyOf(event);
      const cell = referralCell(after, decideRoute(after, day).route.region);
      return {
        ...NO_CONTRIBUTION,
        counts: [countCell(after, day)],
        persons: [{ day, referralId: event.referralId, ...(key ? { personKey: key } : {}) }],
        members: cell
          ? [
              {
                day,
                referralId: event.referralId,
                seq: event.seq,
                submittedAt: after.submittedAt,
                to: { personId: key ?? `referral:${event.referralId}`, cell },
              },
            ]
          : [],
        tallies: childTally(after, day),
      };
    }
    case 'referral.corrected.v1':
    case 'referral.case-opened.v1': {
      const receivedDay = calendar.localDateOf(after.submittedAt);
      const was = countCell(before!, receivedDay);
      const is = countCell(after, receivedDay);
      const key = personKeyOf(event);
      const previous = currentPersonKey(prior);
      const wasPerson = previous ?? `referral:${event.referralId}`;
      const isPerson = key ?? wasPerson;
      const wasCell = referralCell(before!, decideRoute(before!, receivedDay).route.region);
      const isCell = referralCell(after, decideRoute(after, receivedDay).route.region);
      const moved = wasPerson !== isPerson || !sameCell(wasCell, isCell);
      const wasChild = childTally(before!, receivedDay, -1);
      const isChild = childTally(after, receivedDay);
      return {
        ...NO_CONTRIBUTION,
        counts: sameCountCell(was, is) ? [] : [{ ...was, delta: -1 }, is],
        members:
          moved && (wasCell || isCell)
            ? [
                {
                  day: receivedDay,
                  referralId: event.referralId,
                  seq: event.seq,
                  submittedAt: after.submittedAt,
                  ...(wasCell ? { from: { personId: wasPerson, cell: wasCell } } : {}),
                  ...(isCell ? { to: { personId: isPerson, cell: isCell } } : {}),
                },
              ]
            : [],
        tallies:
          JSON.stringify(wasChild[0]?.key) === JSON.stringify(isChild[0]?.key)
            ? []
            : [...wasChild, ...isChild],
        persons:
          key && key !== previous
            ? [
                {
                  day: receivedDay,
                  referralId: event.referralId,
                  personKey: key,
                  keyedLater: { previouslyKeyed: previous !== undefined },
                },
              ]
            : [],
      };
    }
    case 'referral.routed.v1': {
      const first = !prior.some((e) => e.type === 'referral.routed.v1');
      return {
        ...NO_CONTRIBUTION,
        durations: first ? [duration('routing', after.submittedAt, 'coordinator-office')] : [],
        live: [liveAck('open', event.seq)],
      };
    }
    case 'referral.transferred.v1':
    case 'referral.reopened.v1':
      return { ...NO_CONTRIBUTION, live: [...closeOpenWait(), liveAck('open', event.seq)] };
    case 'referral.acknowledged.v1': {
      const first = !prior.some((e) => e.type === 'referral.acknowledged.v1');
      return {
        ...NO_CONTRIBUTION,
        durations: first ? [duration('acknowledgement', after.submittedAt, 'coordinator-office')] : [],
        live: closeOpenWait(),
      };
    }
    case 'referral.closed.v1': {
      const cell = referralCell(after, after.route?.region ?? null);
      return {
        ...NO_CONTRIBUTION,
        tallies: (cell?.purposes ?? []).map((purpose) => ({
          family: 'outcome' as const,
          day,
          key: [cell!.region, purpose, event.data.reason],
        })),
        counts: [
          {
            ...group,
            day,
            referringType,
            channel: after.channel,
            attributes: [`outcome:${event.data.reason}`],
          },
        ],
        live: closeOpenWait(),
      };
    }
    case 'handoff.offered.v1':
      return {
        ...NO_CONTRIBUTION,
        tallies: [{ family: 'handoff', day, key: ['offered', group.region, event.data.recipient.type, '-'] }],
        live: [
          {
            id: `handoff:${event.data.handoffId}`,
            op: 'open',
            kind: 'handoff',
            referralId: event.referralId,
            queue: after.route?.queue ?? 'national:triage',
            receivingType: event.data.recipient.type,
            since: at,
          },
        ],
      };
    case 'handoff.accepted.v1': {
      const handoff = after.handoffs.find((h) => h.id === event.data.handoffId)!;
      const type = handoff.recipient.type;
      const durations = [
        duration('handoff-accepted', after.submittedAt, type),
        duration('handoff-response', handoff.offeredAt, type),
      ];
      const earlierOwner = (before?.handoffs ?? []).some(
        (h) => h.status === 'accepted' && h.recipient.type === 'social-services',
      );
      if (type === 'social-services' && !earlierOwner) {
        durations.push(duration('first-owner-social-services', after.submittedAt, type));
      }
      return { ...NO_CONTRIBUTION, durations, live: [closeHandoff(event)] };
    }
    case 'handoff.declined.v1':
    case 'handoff.expired.v1': {
      const handoff = after.handoffs.find((h) => h.id === event.data.handoffId);
      const reason = event.type === 'handoff.declined.v1' ? event.data.reason : 'expired';
      const outcome = event.type === 'handoff.declined.v1' ? 'declined' : 'expired';
      return {
        ...NO_CONTRIBUTION,
        tallies: [
          {
            family: 'handoff',
            day,
            key: [outcome, group.region, handoff?.recipient.type ?? 'unknown', reason],
          },
        ],
        live: [closeHandoff(event)],
      };
    }
    case 'handoff.revoked.v1':
      return { ...NO_CONTRIBUTION, live: [closeHandoff(event)] };
    case 'clock.breached.v1':
      if (DATE_CLOCK_KINDS.includes(event.data.kind)) return NO_CONTRIBUTION;
      return {
        ...NO_CONTRIBUTION,
        sla: [{ ...group, day, kind: event.data.kind, outcome: 'breached' }],
        live: [
          {
            id: `breach:${event.referralId}:${event.data.clockId}`,
            op: 'open',
            kind: 'breach',
            referralId: event.referralId,
            queue: after.route?.queue ?? 'national:triage',
            clockKind: event.data.kind,
            since: event.data.dueAt,
          },
        ],
      };
    case 'clock.stopped.v1': {
      const clock = before?.clocks.find((c) => c.id === event.data.clockId);
      if (!clock || DATE_CLOCK_KINDS.includes(clock.kind)) return NO_CONTRIBUTION;
      if (!clock.breached) {
        return { ...NO_CONTRIBUTION, sla: [{ ...group, day, kind: event.data.kind, outcome: 'met' }] };
      }
      return {
        ...NO_CONTRIBUTION,
        live: [
          {
            id: `breach:${event.referralId}:${event.data.clockId}`,
            op: 'close',
            kind: 'breach',
            referralId: event.referralId,
          },
        ],
      };
    }
    default:
      return { ...NO_CONTRIBUTION, tallies: permitTallies(event, prior, day) };
  }
}

function closeHandoff(event: EventEnvelope & { data: { handoffId: string } }): LiveChange {
  return {
    id: `handoff:${event.data.handoffId}`,
    op: 'close',
    kind: 'handoff',
    referralId: event.referralId,
  };
}
