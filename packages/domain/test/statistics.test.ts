// Statistics: hand-off times on hand-made cases with known answers (working hours over a weekend and holidays),
// histogram quantiles against exact ones, the person key, and small-cell suppression.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  type Actor,
  contributionOf,
  type DurationSample,
  durationFigures,
  type EventEnvelope,
  exactDurationFigures,
  exactQuantile,
  histogramOf,
  histogramQuantile,
  mayPublish,
  normaliseName,
  personKey,
  slaCompliance,
  suppressCount,
} from '../src';

const actor: Actor = { sub: 'u', role: 'referrer', organisationId: 'polisen', organisationType: 'police' };
const HOUR = 3_600_000;

function received(id: string, at: string, personKey?: string): EventEnvelope {
  return {
    type: 'referral.received.v1',
    eventId: `${id}-1`,
    referralId: id,
    seq: 1,
    occurredAt: at,
    actor,
    data: {
      reference: `NRM-2026-${id}`,
      channel: 'api',
      referrer: { organisationId: 'polisen', organisationType: 'police' },
      facts: {
        ageYears: 30,
        mayBeMinor: false,
        ageGroup: 'adult',
        location: { municipalityCode: '0180' },
        gender: 'female',
        citizenships: ['RO'],
        purposes: ['sexual-exploitation'],
        acuteProtection: false,
        consent: 'given',
        anonymous: false,
      },
      linkedReferrals: [],
      ...(personKey ? { personKey } : {}),
    },
  } as EventEnvelope;
}

const route = { region: 'stockholm', track: 'adult', queue: 'stockholm:adult' } as const;
const office = { type: 'coordinator-office', id: 'office-stockholm' } as const;

/** A referral received at `at`, routed a second later and acknowledged at `acknowledgedAt`. */
function acknowledgement(id: string, at: string, acknowledgedAt: string): DurationSample {
  const events: EventEnvelope[] = [
    received(id, at),
    {
      type: 'referral.routed.v1',
      eventId: `${id}-2`,
      referralId: id,
      seq: 2,
      occurredAt: new Date(Date.parse(at) + 1000).toISOString(),
      actor,
      data: { route, owner: office },
    },
  ];
  const ack: EventEnvelope = {
    type: 'referral.acknowledged.v1',
    eventId: `${id}-3`,
    referralId: id,
    seq: 3,
    occurredAt: acknowledgedAt,
    actor,
    data: { queue: 'stockholm:adult', owner: office },
  };
  const [sample] = contributionOf(ack, events).durations;
  return sample!;
}

describe('hand-off times on hand-made cases', () => {
  // Thursday 16:00 before Midsummer; Midsummer Eve (Friday) and the weekend do not count: 1 h + 1 h on Monday.
  const midsummer = acknowledgement('a', '2026-06-18T14:00:00Z', '2026-06-22T07:00:00Z');
  // Monday 15:00, Epiphany (Tuesday 6 January) is a holiday: 2 h on Monday + 2 h on Wednesday.
  const epiphany = acknowledgement('b', '2026-01-05T14:00:00Z', '2026-01-07T09:00:00Z');
  // Friday 16:30 to Monday 08:30 across an ordinary weekend: half an hour each side.
  const weekend = acknowledgement('c', '2026-03-06T15:30:00Z', '2026-03-09T07:30:00Z');

  it('counts working hours per the Swedish calendar and calendar hours as elapsed', () => {
    expect([midsummer, epiphany, weekend].map((s) => s.workingMs / HOUR)).toEqual([2, 4, 1]);
    expect([midsummer, epiphany, weekend].map((s) => s.calendarMs / HOUR)).toEqual([89, 43, 64]);
    expect(midsummer).toMatchObject({
      step: 'acknowledgement',
      region: 'stockholm',
      track: 'adult',
      referringType: 'police',
      day: '2026-06-22',
    });
  });

  it('gives exact median, p90 and max on the small set', () => {
    expect(exactDurationFigures([midsummer, epiphany, weekend])).toEqual({
      count: 3,
      working: { medianHours: 2, p90Hours: 4, maxHours: 4 },
      calendar: { medianHours: 64, p90Hours: 89, maxHours: 89 },
    });
  });

  it('reads the same figures from histograms, at bucket resolution and never lower', () => {
    const samples = [midsummer, epiphany, weekend];
    const figures = durationFigures(
      histogramOf(samples.map((s) => s.workingMs)),
      histogramOf(samples.map((s) => s.calendarMs)),
    );
    // 60, 120 and 240 minutes are bucket bounds, so the working figures are exact.
    expect(figures.working).toEqual({ medianHours: 2, p90Hours: 4, maxHours: 4 });
    // 64 h lies in the (54 h, 72 h] bucket; the top is capped by the exact maximum.
    expect(figures.calendar).toEqual({ medianHours: 72, p90Hours: 89, maxHours: 89 });
  });

  it('never under-states a quantile read from a histogram', () => {
    const values = Array.from({ length: 500 }, (_, i) => ((i * 7919) % 100_000) * 60_000);
    const h = histogramOf(values);
    for (const q of [0.1, 0.5, 0.9, 0.99, 1]) {
      expect(histogramQuantile(h, q)!).toBeGreaterThanOrEqual(exactQuantile(values, q)!);
    }
  });

  it('times the routing step from submission', () => {
    const events = [received('d', '2026-02-02T09:00:00Z')];
    const routed: EventEnvelope = {
      type: 'referral.routed.v1',
      eventId: 'd-2',
      referralId: 'd',
      seq: 2,
      occurredAt: '2026-02-02T09:00:03Z',
      actor,
      data: { route, owner: office },
    };
    const { durations, live } = contributionOf(routed, events);
    expect(durations).toMatchObject([{ step: 'routing', workingMs: 3000, calendarMs: 3000 }]);
    expect(live).toMatchObject([{ op: 'open', kind: 'acknowledgement', queue: 'stockholm:adult' }]);
  });

  it('reports SLA compliance as a share', () => {
    expect(slaCompliance(9, 1)).toBe(0.9);
    expect(slaCompliance(0, 0)).toBeNull();
  });
});

describe('person key', () => {
  const secret = 'test-secret-of-enough-length';

  it('is the same for the same number however it was typed, and for the same name in another order', () => {
    expect(personKey(secret, { identityNumber: '199001011234' })).toBe(
      personKey(secret, { identityNumber: '19900101-1234' }),
    );
    expect(personKey(secret, { name: 'Ana  Maria Popescu', dateOfBirth: '1990-01-01' })).toBe(
      personKey(secret, { name: 'popescu, ANA MARÍA', dateOfBirth: '1990-01-01' }),
    );
    expect(normaliseName('Åsa Öberg')).toBe('asa oberg');
  });

  it('cannot be matched without the secret', () => {
    const key = personKey(secret, { identityNumber: '199001011234' })!;
    const plain = createHash('sha256').update('id:199001011234').digest('base64url');
    expect(key).not.toContain(plain);
    expect(personKey('another-secret-of-length', { identityNumber: '199001011234' })).not.toBe(key);
    expect(key).not.toContain('199001011234');
  });

  it('is absent when there is nothing to recognise a person by', () => {
    expect(personKey(secret, { name: 'Ana' })).toBeUndefined();
    expect(personKey(secret, {})).toBeUndefined();
  });
});

describe('small-cell suppression', () => {
  it('hides 1 and 2, shows 0 and 3 upwards', () => {
    expect([0, 1, 2, 3, 10].map(suppressCount)).toEqual([0, null, null, 3, 10]);
    expect([0, 1, 2, 3].map(mayPublish)).toEqual([true, false, false, true]);
  });
});
