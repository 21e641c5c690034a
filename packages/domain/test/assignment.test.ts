// Working as a team: who works a referral (the office stays its owner), and whom its clocks tell — the assignee (or
// the office while nobody has it), at the breach the regional lead, then the national coordinator. The clock is
// injected: every command is decided at a given instant.
import { describe, expect, it } from 'vitest';
import { Conflict, InvalidField } from '../src/errors';
import { notificationFor } from '../src/notifications';
import { teamWorkload } from '../src/team';
import { coordinatorOfficeId } from '../src/vocabulary';
import { adultFacts, childFacts, Life, received } from './ownership.fixtures';
import { at, T0 } from './time';

const SYD_CHILD = coordinatorOfficeId('syd:child');

function routed(referralFacts = childFacts()) {
  const life = new Life(received(referralFacts, T0));
  life.run({ type: 'route', today: '2026-03-10', handoffId: 'H-auto' }, T0);
  return life;
}

/** Runs the acknowledge clock's escalator at each instant; returns the mailboxes each notification went to. */
function escalations(life: Life, instants: readonly string[]) {
  const clockId = life.clock('acknowledge')!.id;
  const from = life.log.length;
  for (const instant of instants) life.run({ type: 'escalate', clockId }, instant);
  return life.log
    .slice(from)
    .map((e) => ({ type: e.type, n: notificationFor(e, life.state) }))
    .filter((x) => x.n)
    .map(({ type, n }) => [type, n!.to] as const);
}

describe('assignment', () => {
  it('a coordinator takes a referral; the office stays the owner', () => {
    const life = routed();
    const events = life.run({ type: 'assign', assignee: 'anna', office: SYD_CHILD }, at(0.5));
    expect(events).toEqual([{ type: 'referral.assigned.v1', data: { assignee: 'anna', office: SYD_CHILD } }]);
    expect(life.state.assignee).toEqual({ sub: 'anna', office: SYD_CHILD, since: at(0.5) });
    expect(life.state.owner).toEqual({ type: 'coordinator-office', id: SYD_CHILD });
    // Taking it again records nothing.
    expect(life.run({ type: 'assign', assignee: 'anna', office: SYD_CHILD }, at(0.6))).toEqual([]);
  });

  it('moving it to a colleague needs a reason, and names whom it came from', () => {
    const life = routed();
    life.run({ type: 'assign', assignee: 'anna', office: SYD_CHILD }, at(0.5));
    expect(() => life.run({ type: 'assign', assignee: 'bo', office: SYD_CHILD }, at(1))).toThrow(
      InvalidField,
    );
    const events = life.run({ type: 'assign', assignee: 'bo', office: SYD_CHILD, reason: 'absence' }, at(1));
    expect(events[0]).toEqual({
      type: 'referral.assigned.v1',
      data: { assignee: 'bo', office: SYD_CHILD, previous: 'anna', reason: 'absence' },
    });
    expect(life.state.assignee?.sub).toBe('bo');
  });

  it('only to a coordinator of the office of its queue', () => {
    const life = routed();
    expect(() =>
      life.run({ type: 'assign', assignee: 'cia', office: coordinatorOfficeId('syd:adult') }, at(0.5)),
    ).toThrow(InvalidField);
    expect(life.state.assignee).toBeUndefined();
  });

  it('goes back to the queue when unassigned, transferred or reopened', () => {
    const life = routed();
    life.run({ type: 'assign', assignee: 'anna', office: SYD_CHILD }, at(0.5));
    expect(life.run({ type: 'unassign', reason: 'workload' }, at(1))).toEqual([
      { type: 'referral.unassigned.v1', data: { previous: 'anna', reason: 'workload' } },
    ]);
    expect(life.state.assignee).toBeUndefined();
    expect(life.run({ type: 'unassign', reason: 'workload' }, at(1))).toEqual([]);

    life.run({ type: 'assign', assignee: 'anna', office: SYD_CHILD }, at(1.5));
    life.run({ type: 'transfer', to: 'mitt:child', reason: 'wrong-region' }, at(2));
    expect(life.state.assignee).toBeUndefined();

    const adult = routed(adultFacts());
    const office = coordinatorOfficeId('syd:adult');
    adult.run({ type: 'acknowledge' }, at(0.5));
    adult.run({ type: 'assign', assignee: 'dan', office }, at(0.5));
    adult.run({ type: 'close', reason: 'no-consent' }, at(1));
    expect(() => adult.run({ type: 'assign', assignee: 'dan', office }, at(1.5))).toThrow(Conflict);
    adult.run({ type: 'reopen', reason: 'new-information' }, at(2));
    expect(adult.state.assignee).toBeUndefined();
  });
});

describe('escalation follows the team', () => {
  it('an assigned referral warns its assignee, the breach reaches the regional lead, the next step national', () => {
    const life = routed();
    life.run({ type: 'assign', assignee: 'anna', office: SYD_CHILD }, at(0.5));
    expect(escalations(life, [at(3), at(4), at(5)])).toEqual([
      ['clock.warned.v1', ['staff:anna']],
      ['clock.breached.v1', ['staff:anna']],
      ['clock.escalated.v1', ['regional-lead:syd:child']],
      ['clock.escalated.v1', ['national-coordinator']],
    ]);
  });

  it('an unassigned referral warns the office', () => {
    const life = routed();
    expect(escalations(life, [at(3), at(4)])).toEqual([
      ['clock.warned.v1', [SYD_CHILD]],
      ['clock.breached.v1', [SYD_CHILD]],
      ['clock.escalated.v1', ['regional-lead:syd:child']],
    ]);
  });

  it('the lead of the track: an adult referral escalates to the adult lead', () => {
    const life = routed(adultFacts());
    const clockId = life.clock('acknowledge')!.id;
    // Far past the due time: the breach and every later step are recorded in one go.
    life.run({ type: 'escalate', clockId }, at(200));
    const to = life.log
      .filter((e) => e.type === 'clock.escalated.v1')
      .map((e) => notificationFor(e, life.state)!.to);
    expect(to).toEqual([['regional-lead:syd:adult'], ['national-coordinator']]);
  });

  it('tells the coordinator a referral was assigned to her, by reference only', () => {
    const life = routed();
    life.run({ type: 'assign', assignee: 'anna', office: SYD_CHILD }, at(0.5));
    const n = notificationFor(life.log.at(-1)!, life.state)!;
    expect(n.to).toEqual(['staff:anna']);
    expect(n.subject).toBe(`Referral ${life.state.reference} was assigned to you.`);
  });
});

describe('team workload', () => {
  it('counts per coordinator, with warned and breached clocks, and lists who waits longest first', () => {
    const anna = routed();
    anna.run({ type: 'assign', assignee: 'anna', office: SYD_CHILD }, at(0.5));
    anna.run({ type: 'escalate', clockId: anna.clock('acknowledge')!.id }, at(3)); // warned
    const late = routed();
    late.run({ type: 'assign', assignee: 'anna', office: SYD_CHILD }, at(0.5));
    late.run({ type: 'escalate', clockId: late.clock('acknowledge')!.id }, at(4)); // breached
    const waitingLong = routed();
    const waitingShort = routed();
    waitingShort.run({ type: 'assign', assignee: 'bo', office: SYD_CHILD }, at(1));
    waitingShort.run({ type: 'unassign', reason: 'absence' }, at(2));

    const load = teamWorkload(
      [waitingShort.state, anna.state, late.state, waitingLong.state],
      ['anna', 'bo', 'cia'],
    );
    expect(load.coordinators).toEqual([
      { sub: 'anna', open: 2, warning: 1, breached: 1 },
      { sub: 'bo', open: 0, warning: 0, breached: 0 },
      { sub: 'cia', open: 0, warning: 0, breached: 0 },
    ]);
    expect(load.unassigned.map((u) => u.waitingSince)).toEqual([T0, at(2)]);
  });
});
