// Referrals in a known state for the ownership, hand-off and clock suites, and a runner that records commands.
import { decide, type ReferralCommand } from '../src/ownership';
import {
  type Actor,
  applyEvent,
  type EventEnvelope,
  type ReferralEvent,
  type ReferralFacts,
  type ReferralState,
} from '../src/referral';
import type { Location } from '../src/routing';

export const COORDINATOR: Actor = {
  sub: 'child-coordinator-syd',
  role: 'child-coordinator',
  organisationId: 'coordinator-office:syd:child',
  organisationType: 'coordinator-office',
};

export function facts(overrides: Partial<ReferralFacts> = {}): ReferralFacts {
  return {
    ageYears: 15,
    ageGroup: 'child',
    location: { municipalityCode: '1280' },
    gender: 'female',
    citizenships: ['RO'],
    purposes: ['sexual'],
    acuteProtection: false,
    consent: 'not-required',
    anonymous: false,
    ...overrides,
  };
}

export function childFacts(location: Location = { municipalityCode: '1280' }): ReferralFacts {
  return facts({ location });
}

export function adultFacts(location: Location = { municipalityCode: '1280' }): ReferralFacts {
  return facts({ ageYears: 34, ageGroup: 'adult', consent: 'given', location });
}

export function received(referralFacts: ReferralFacts, at = '2026-03-10T09:00:00Z'): EventEnvelope {
  return {
    type: 'referral.received.v1',
    data: {
      reference: 'NRM-2026-000123',
      channel: 'api',
      referrer: { organisationId: 'police', organisationType: 'police' },
      facts: referralFacts,
      linkedReferrals: [],
    },
    eventId: 'e-1',
    referralId: 'R1',
    seq: 1,
    occurredAt: at,
    actor: COORDINATOR,
  };
}

/** A referral's life: commands decided and applied in order, with every event kept. */
export class Life {
  readonly log: EventEnvelope[];
  state: ReferralState;
  private ids = 0;

  constructor(first: EventEnvelope) {
    this.log = [first];
    this.state = applyEvent(undefined, first);
  }

  /** Decides and applies the command at `now`; returns the events it recorded. */
  run(command: ReferralCommand, now: string, actor: Actor = COORDINATOR): ReferralEvent[] {
    const events = decide(this.state, command, { now });
    for (const event of events) {
      const envelope = {
        ...event,
        eventId: `e-${this.state.version + 1}`,
        referralId: this.state.id,
        seq: this.state.version + 1,
        occurredAt: now,
        actor,
      } as EventEnvelope;
      this.log.push(envelope);
      this.state = applyEvent(this.state, envelope);
    }
    return events;
  }

  nextId(): string {
    this.ids += 1;
    return `H${this.ids}`;
  }

  clock(kind: string) {
    return this.state.clocks.filter((c) => c.kind === kind).at(-1);
  }
}
