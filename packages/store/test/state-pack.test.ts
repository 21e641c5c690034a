// The referral state as stored (issue 16): packed with a frozen preset dictionary, read back exactly, and the items
// written before packing still read.
import { createHash } from 'node:crypto';
import {
  applyEvent,
  decide,
  type EventEnvelope,
  planIntake,
  type ReferralState,
  SYSTEM_ACTOR,
} from '@nrm/domain';
import { describe, expect, it } from 'vitest';
import { packState, stateOf } from '../src/referrals';
import { STATE_DICTIONARY_V1 } from '../src/state-dictionary';

const NOW = '2026-11-30T10:00:00.000Z';

/** A referral as the router leaves it: received, then routed with its clocks (and a child's hand-off offer). */
function routed(submission: Record<string, unknown>): ReferralState {
  const referrer = {
    sub: 'police-syd-system',
    role: 'referrer' as const,
    organisationId: 'police-syd',
    organisationType: 'police' as const,
  };
  const id = '01KBA2Q7ZKQ5M0W9D3J8T6V1XC';
  const [planned] = planIntake({
    submission: submission as never,
    referrer,
    channel: 'api',
    today: '2026-11-30',
    ids: [id],
    references: ['NRM-2026-000042'],
  });
  const envelope = (event: object, seq: number, actor: object) =>
    ({
      ...event,
      eventId: `01KBA2Q7ZKQ5M0W9D3J8T6V${seq}XX`,
      referralId: id,
      seq,
      occurredAt: NOW,
      actor,
    }) as EventEnvelope;
  let state = applyEvent(undefined, envelope(planned!.received, 1, referrer));
  const events = decide(
    state,
    {
      type: 'route',
      today: '2026-11-30',
      handoffId: '01KBA2Q7ZKQ5M0W9D3J8T6V1XD',
      outOfHoursHandoffId: '01KBA2Q7ZKQ5M0W9D3J8T6V1XE',
    },
    { now: NOW },
  );
  for (const event of events) state = applyEvent(state, envelope(event, state.version + 1, SYSTEM_ACTOR));
  return state;
}

const child = routed({
  person: { age: { estimatedYears: 15 }, gender: 'female', citizenships: ['RO'], languages: ['ro'] },
  location: { municipalityCode: '1280' },
  exploitation: { purposes: ['sexual'] },
  needs: { acuteProtection: true },
  consent: { status: 'given' },
});
const adult = routed({
  person: { age: { estimatedYears: 30 }, gender: 'male', citizenships: ['UA'] },
  location: { municipalityCode: '0180' },
  exploitation: { purposes: ['labour'] },
  needs: { acuteProtection: false },
  consent: { status: 'given' },
});

describe('the packed referral state', () => {
  it.each([
    ['an acute child', child],
    ['an adult', adult],
  ])('%s, routed, reads back exactly, at a fraction of its JSON', (_kind, state) => {
    expect(state.status).toBe('routed');
    expect(state.clocks.length).toBeGreaterThanOrEqual(3);
    const packed = packState(state);
    expect(stateOf({ stateZ: packed })).toEqual(state);
    // Well inside one KB with the item's keys and index attributes (about 300 bytes; 160 and 115 here) beside it.
    expect(packed.byteLength).toBeLessThan(300);
    expect(packed.byteLength).toBeLessThan(JSON.stringify(state).length / 4);
  });

  it('reads a state item written before packing (the state as a map)', () => {
    expect(stateOf({ state: child })).toEqual(child);
  });

  it('refuses a format it does not know rather than guessing', () => {
    const packed = Buffer.from(packState(child));
    packed[0] = 99;
    expect(() => stateOf({ stateZ: packed })).toThrow(/format 99/);
  });

  it('keeps the dictionary the stored states were packed with (frozen: a new one is a new format)', () => {
    expect(createHash('sha256').update(STATE_DICTIONARY_V1).digest('hex')).toBe(
      '7723d3ff885893d3f4a5323a074bc241f8738f0e3d43efc23464b6075185e812',
    );
  });
});
