// A synthetic year of referral event logs with the 2022 mix of domain.md §1 (ages, purposes, origins), bursts from
// police operations, repeat referrals of the same person, and realistic acknowledgement and hand-off delays. Used to
// check the aggregates against a brute-force recomputation and to seed the dashboard benchmark.
import {
  type Actor,
  applyEvent,
  decideRoute,
  type EventEnvelope,
  type Location,
  type OrganisationType,
  type ReferralEvent,
  swedishCalendar,
} from '@nrm/domain';
import { AGE_GROUPS, CITIZENSHIPS, GENDERS, PURPOSES, picker, seededRandom } from '@nrm/local/demo/mix';

/** The seeded draw the demo year makes too (packages/local/src/demo/mix.ts), as `next` and `pick`. */
export function random(seed: number) {
  const next = seededRandom(seed);
  return { next, pick: picker(next) };
}

const REFERRERS: readonly (readonly [
  { id: string; type: OrganisationType; channel: 'api' | 'web' },
  number,
])[] = [
  [{ id: 'polisen', type: 'police', channel: 'api' }, 30],
  [{ id: 'migrationsverket', type: 'migrationsverket', channel: 'api' }, 25],
  [{ id: 'socialtjanst-malmo', type: 'social-services', channel: 'web' }, 15],
  [{ id: 'cso-stodgruppen', type: 'cso', channel: 'web' }, 15],
  [{ id: 'region-skane', type: 'health-care', channel: 'web' }, 10],
  [{ id: 'arbetsmiljoverket', type: 'arbetsmiljoverket', channel: 'api' }, 5],
] as const;
const LOCATIONS: readonly (readonly [Location, number])[] = [
  [{ municipalityCode: '0180' }, 30],
  [{ municipalityCode: '1480' }, 18],
  [{ municipalityCode: '1280' }, 17],
  [{ municipalityCode: '0380' }, 8],
  [{ municipalityCode: '0580' }, 8],
  [{ municipalityCode: '1880' }, 7],
  [{ municipalityCode: '2480' }, 4],
  [{ unknown: true }, 8],
] as const;
/** The 2022 mix, and people whose citizenship is not known. */
const CITIZENSHIP_OR_NONE = [...CITIZENSHIPS, ['', 16]] as const;

const HOUR = 3_600_000;
const MINUTE = 60_000;

export interface SyntheticYear {
  readonly year: number;
  /** Each referral's events, in sequence order. */
  readonly logs: readonly (readonly EventEnvelope[])[];
}

/**
 * `count` referrals in `year`: ~10 % arrive in three police-operation bursts, ~8 % concern a person referred before,
 * ~15 % are children and ~12 % of unknown age (2022: 54 and 45 of 375), about half sexual exploitation.
 */
export function syntheticYear(count: number, year = 2025, seed = 2022): SyntheticYear {
  return { year, logs: [...syntheticLogs(count, year, seed)] };
}

/** The same logs one referral at a time, so a benchmark can stream 100 000 of them. */
export function* syntheticLogs(count: number, year = 2025, seed = 2022): Generator<EventEnvelope[]> {
  const r = random(seed);
  const start = Date.parse(`${year}-01-01T00:00:00Z`);
  const end = Date.parse(`${year}-12-31T12:00:00Z`);
  const operations = [0.2, 0.55, 0.8].map((f) => start + Math.floor(f * (end - start)));
  const knownKeys: string[] = [];
  for (let i = 0; i < count; i++) {
    const referralId = `SYN${String(i).padStart(7, '0')}`;
    const burst = r.next() < 0.1;
    const submittedAt = burst
      ? operations[Math.floor(r.next() * 3)]! + Math.floor(r.next() * 10 * HOUR)
      : start + Math.floor(r.next() * (end - start));
    const referrer = r.pick(REFERRERS);
    const ageGroup = r.pick(AGE_GROUPS);
    const anonymous = ageGroup === 'adult' && r.next() < 0.05;
    const citizenship = r.pick(CITIZENSHIP_OR_NONE);
    const purposes = [r.pick(PURPOSES), ...(r.next() < 0.1 ? [r.pick(PURPOSES)] : [])];
    const repeat = !anonymous && knownKeys.length > 0 && r.next() < 0.08;
    const personKey = anonymous
      ? undefined
      : repeat
        ? knownKeys[Math.floor(r.next() * knownKeys.length)]
        : r.next() < 0.9
          ? `pk1.synthetic-${i}`
          : undefined;
    if (personKey && !repeat) knownKeys.push(personKey);
    const actor: Actor = {
      sub: `${referrer.id}-user`,
      role: 'referrer',
      organisationId: referrer.id,
      organisationType: referrer.type,
    };
    const events: EventEnvelope[] = [];
    let at = submittedAt;
    const add = (event: ReferralEvent, when: number, by: Actor = actor) => {
      const envelope = {
        ...event,
        eventId: `${referralId}-${events.length + 1}`,
        referralId,
        seq: events.length + 1,
        occurredAt: new Date(when).toISOString(),
        actor: by,
      } as EventEnvelope;
      events.push(envelope);
      return envelope;
    };
    add(
      {
        type: 'referral.received.v1',
        data: {
          reference: `NRM-${year}-${String(i + 1).padStart(6, '0')}`,
          channel: referrer.channel,
          referrer: { organisationId: referrer.id, organisationType: referrer.type },
          facts: {
            ...(ageGroup === 'adult' && !anonymous ? { ageYears: 19 + Math.floor(r.next() * 40) } : {}),
            ...(ageGroup === 'child' ? { ageYears: 12 + Math.floor(r.next() * 6) } : {}),
            ...(anonymous ? { mayBeMinor: false } : {}),
            ageGroup,
            location: r.pick(LOCATIONS),
            gender: r.pick(GENDERS),
            citizenships: citizenship ? [citizenship] : [],
            purposes: [...new Set(purposes)],
            acuteProtection: r.next() < 0.2,
            consent: ageGroup === 'adult' ? (anonymous ? 'not-given' : 'given') : 'not-required',
            anonymous,
          },
          linkedReferrals: [],
          ...(personKey ? { personKey } : {}),
        },
      },
      at,
    );
    const system: Actor = {
      sub: 'system',
      role: 'system',
      organisationId: 'nrm',
      organisationType: 'system',
    };
    const state = applyEvent(undefined, events[0]!);
    const decided = decideRoute(state, swedishCalendar.localDateOf(new Date(at)));
    at += 1000 + Math.floor(r.next() * 8000);
    add({ type: 'referral.routed.v1', data: decided }, at, system);
    const child = decided.route.track === 'child';
    const clock = (clockId: string, kind: 'acknowledge' | 'handoff-accept', when: number) =>
      add(
        {
          type: 'clock.started.v1',
          data: { clockId, key: `${kind}:${clockId}`, kind, policyId: kind, catalogueVersion: 'synthetic' },
        },
        when,
        system,
      );
    const coordinator: Actor = {
      sub: `coordinator-${decided.route.region ?? 'national'}`,
      role: child ? 'child-coordinator' : 'regional-coordinator',
      organisationId: decided.owner.id,
      organisationType: 'coordinator-office',
    };
    const ackClock = `${referralId}-ack`;
    clock(ackClock, 'acknowledge', at);
    // Most are acknowledged within hours; a tail waits days. Some of the year's last referrals still wait.
    const ackDelay = r.next() < 0.8 ? (10 + r.next() * 300) * MINUTE : (6 + r.next() * 90) * HOUR;
    const limitMs = child ? 4 * HOUR : 24 * HOUR;
    const stillWaiting = at + ackDelay > end;
    const ackAt = at + ackDelay;
    if (ackDelay > limitMs && at + limitMs < end) {
      add(
        {
          type: 'clock.breached.v1',
          data: { clockId: ackClock, kind: 'acknowledge', dueAt: new Date(at + limitMs).toISOString() },
        },
        at + limitMs + MINUTE,
        system,
      );
    }
    if (stillWaiting) {
      yield events;
      continue;
    }
    add(
      { type: 'referral.acknowledged.v1', data: { queue: decided.route.queue, owner: decided.owner } },
      ackAt,
      coordinator,
    );
    add({ type: 'clock.stopped.v1', data: { clockId: ackClock, kind: 'acknowledge' } }, ackAt, coordinator);
    at = ackAt;
    // Hand-offs: children to social services (report of concern) and Barnahus; adults to NSP or social services.
    const offers: { type: 'social-services' | 'barnahus' | 'nsp' | 'health-care'; purpose: string }[] = child
      ? [
          { type: 'social-services', purpose: 'report-of-concern' },
          ...(r.next() < 0.6 ? [{ type: 'barnahus' as const, purpose: 'barnahus' }] : []),
        ]
      : [
          ...(r.next() < 0.5 ? [{ type: 'nsp' as const, purpose: 'nsp-shelter' }] : []),
          ...(r.next() < 0.6
            ? [{ type: 'social-services' as const, purpose: 'social-services-investigation' }]
            : []),
          ...(r.next() < 0.2 ? [{ type: 'health-care' as const, purpose: 'health-care' }] : []),
        ];
    for (const [n, offer] of offers.entries()) {
      const handoffId = `${referralId}-h${n}`;
      const offeredAt = at + (5 + r.next() * 120) * MINUTE;
      add(
        {
          type: 'handoff.offered.v1',
          data: {
            handoffId,
            recipient: { type: offer.type, id: `${offer.type}-${decided.route.region ?? 'national'}` },
            purpose: offer.purpose as never,
            // The statistics read neither; the basis is there because every offer records one.
            basis: child
              ? { type: 'legal-basis', code: 'duty-to-report' }
              : { type: 'consent', consentId: `consent-${n + 1}` },
          },
        },
        offeredAt,
        coordinator,
      );
      const clockId = `${handoffId}-clock`;
      add(
        {
          type: 'clock.started.v1',
          data: {
            clockId,
            key: `handoff:${handoffId}`,
            kind: 'handoff-accept',
            policyId: 'handoff',
            catalogueVersion: 'synthetic',
            handoffId,
          },
        },
        offeredAt,
        system,
      );
      const answerDelay = r.next() < 0.75 ? (30 + r.next() * 600) * MINUTE : (12 + r.next() * 120) * HOUR;
      const answerAt = offeredAt + answerDelay;
      if (answerAt > end) continue;
      if (answerDelay > 48 * HOUR) {
        add(
          {
            type: 'clock.breached.v1',
            data: { clockId, kind: 'handoff-accept', dueAt: new Date(offeredAt + 48 * HOUR).toISOString() },
          },
          offeredAt + 48 * HOUR + MINUTE,
          system,
        );
      }
      const recipient: Actor = {
        sub: `receiver-${offer.type}`,
        role: 'receiver',
        organisationId: `${offer.type}-${decided.route.region ?? 'national'}`,
        organisationType: offer.type,
      };
      if (r.next() < 0.9) {
        add(
          {
            type: 'handoff.accepted.v1',
            data: { handoffId, owner: { type: 'organisation', id: recipient.organisationId } },
          },
          answerAt,
          recipient,
        );
      } else {
        add(
          { type: 'handoff.declined.v1', data: { handoffId, reason: 'no-capacity' as never } },
          answerAt,
          recipient,
        );
      }
      add({ type: 'clock.stopped.v1', data: { clockId, kind: 'handoff-accept' } }, answerAt, recipient);
    }
    const last = Date.parse(events[events.length - 1]!.occurredAt);
    if (r.next() < 0.4 && last + 30 * 24 * HOUR < end) {
      add(
        {
          type: 'referral.closed.v1',
          data: { reason: r.next() < 0.8 ? 'support-established' : 'unreachable' },
        },
        last + 30 * 24 * HOUR,
        coordinator,
      );
    }
    // Folding the whole log throws if it is not one the referral aggregate accepts.
    events.slice(1).reduce(applyEvent, state);
    yield events;
  }
}
