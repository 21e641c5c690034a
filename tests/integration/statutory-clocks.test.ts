// Issue 14, what it must show 4, on a local stack of its own with an injected clock (it moves the platform's time
// months ahead): an acute child referred on a Friday at 20:00 is offered to the out-of-hours social services with a
// round-the-clock clock; the turning-18 alarm fires 60 days before the birthday, once, to the owner, and on the
// birthday the case goes on with the same owner while the child-only clocks end; an anonymous notification never
// runs a clock, so it never escalates.
import { swedishCalendar } from '@nrm/domain';
import { getReferralEvents } from '@nrm/store';
import { describe, expect, it } from 'vitest';
import { adultReferral, referral } from '../support/fixtures';
import { eventually } from '../support/http';
import { DAY, HOUR, type OwnPlatform, ownPlatformForSuite } from '../support/own-platform';
import { caseView, type FullView } from '../support/referral-flow';

let stack: OwnPlatform;
ownPlatformForSuite((own) => {
  stack = own;
});

/** Puts the platform's clock at `instant` (the tests' injected clock). */
async function setNow(instant: number): Promise<void> {
  const res = await stack.api.post('/local/clock', { offsetMs: instant - Date.now() });
  expect(res.status).toBe(200);
}

async function platformNow(): Promise<number> {
  return Date.parse((await stack.api.get('/local/clock')).body.now);
}

async function submit(body: unknown): Promise<FullView> {
  const res = await stack.api.post('/v1/referrals', body, 'police-syd-system');
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return eventually(async () => {
    const view = await caseView(stack.api, res.body.id);
    return view.status !== 'received' ? view : undefined;
  }, 15_000);
}

const read = (id: string) => caseView(stack.api, id);
const outbox = async () => (await stack.api.get('/local/outbox?format=json')).body;
const eventsOf = async (id: string, type: string) =>
  (await getReferralEvents(id)).filter((e) => e.type === type);

async function sweep(): Promise<void> {
  await stack.runSchedule();
  await stack.settle();
}

let anonymous: FullView;

describe('out of office hours', () => {
  it('offers an acute child referred on a Friday at 20:00 to the socialjour, due within the hour', async () => {
    // The next Friday, 20:00 in Stockholm.
    let day = swedishCalendar.localDateOf(new Date());
    while (new Date(`${day}T12:00:00Z`).getUTCDay() !== 5) {
      day = swedishCalendar.localDateOf(swedishCalendar.addCalendarDays(`${day}T12:00:00Z`, 1));
    }
    await setNow(swedishCalendar.atLocalTime(day, '20:00').getTime());

    anonymous = await submit(
      adultReferral({ location: { municipalityCode: '1280' }, consent: { status: 'not-given' } }),
    );
    expect(anonymous.status).toBe('closed');

    const child = await submit(
      referral({ location: { municipalityCode: '1280' }, needs: { acuteProtection: true } }),
    );
    expect(child.handoffs.map((h) => [h.recipient.id, h.purpose, h.kind])).toEqual([
      ['social-services:1280', 'report-of-concern', 'responsibility'],
      ['social-services-out-of-hours:1280', 'out-of-hours-protection', 'service'],
    ]);
    const tonight = child.handoffs[1]!;
    const clock = child.clocks.find((c) => c.handoffId === tonight.id)!;
    expect(Date.parse(clock.dueAt) - Date.parse(clock.startedAt)).toBe(HOUR);
    // The day service's same-day clock is not due before the next working day closes.
    const day2 = child.clocks.find(
      (c) => c.handoffId === child.handoffs[0]!.id && c.kind === 'handoff-accept',
    )!;
    expect(Date.parse(day2.dueAt) - Date.parse(day2.startedAt)).toBeGreaterThan(2 * DAY);

    const offered = await eventually(async () => {
      const mails = (await outbox()).filter(
        (m) => m.reference === child.reference && m.eventType === 'handoff.offered.v1',
      );
      return mails.length === 2 ? mails : undefined;
    }, 15_000);
    expect(offered.map((m) => m.to).sort()).toEqual([
      ['social-services-out-of-hours:1280'],
      ['social-services:1280'],
    ]);
    const accepted = await stack.api.post(
      `/v1/handoffs/${tonight.id}/accept`,
      {},
      'receiver-socialjour-malmo',
    );
    expect(accepted.status).toBe(200);
    expect((await read(child.id)).owner.type).toBe('coordinator-office');
  });
});

describe('turning 18', () => {
  it('raises the transition alarm 60 days before, once, and the case goes on without a gap on the birthday', async () => {
    const now = await platformNow();
    const birthday = swedishCalendar.localDateOf(new Date(now + 70 * DAY));
    const dateOfBirth = `${Number(birthday.slice(0, 4)) - 18}${birthday.slice(4)}`;
    const child = await submit(
      referral({
        person: { age: { dateOfBirth }, gender: 'female', citizenships: ['RO'] },
        location: { municipalityCode: '1280' },
      }),
    );
    const report = child.handoffs.find((h) => h.purpose === 'report-of-concern')!;
    expect(
      (await stack.api.post(`/v1/handoffs/${report.id}/accept`, {}, 'receiver-socialtjanst-malmo')).status,
    ).toBe(200);
    const owner = (await read(child.id)).owner;
    expect(owner).toEqual({ type: 'organisation', id: 'social-services:1280' });

    const alarmAt = swedishCalendar
      .addCalendarDays(swedishCalendar.atLocalTime(birthday, '08:00'), -60)
      .getTime();
    await setNow(alarmAt - HOUR);
    await sweep();
    expect(await eventsOf(child.id, 'clock.breached.v1')).toEqual(
      expect.not.arrayContaining([
        expect.objectContaining({ data: expect.objectContaining({ kind: 'turning-18' }) }),
      ]),
    );

    await setNow(alarmAt + HOUR);
    await sweep();
    const alarm = await eventually(async () => {
      const mails = (await outbox()).filter(
        (m) => m.reference === child.reference && m.clockKind === 'turning-18',
      );
      return mails.length ? mails : undefined;
    }, 15_000);
    expect(alarm.map((m) => m.to)).toEqual([['social-services:1280']]);
    expect(alarm[0]!.subject).toMatch(/transition plan before the 18th birthday/);

    // Days later the escalator looks in again: the alarm was given, once.
    await setNow(alarmAt + 5 * DAY);
    await sweep();
    const turning = (await eventsOf(child.id, 'clock.breached.v1')).filter(
      (e) => e.type === 'clock.breached.v1' && e.data.kind === 'turning-18',
    );
    expect(turning).toHaveLength(1);

    // The birthday: the case comes of age with the same owner and queue; the 14-day decision clock ends.
    await setNow(swedishCalendar.atLocalTime(birthday, '00:00').getTime() + HOUR);
    await sweep();
    const after = await eventually(async () => {
      const view = await read(child.id);
      return view.cameOfAgeAt ? view : undefined;
    }, 15_000);
    expect(after.owner).toEqual(owner);
    expect(after.route).toEqual(child.route);
    const stopped = (await eventsOf(child.id, 'clock.stopped.v1')).map((e) => e.data);
    expect(stopped).toContainEqual(expect.objectContaining({ kind: 'turning-18', reason: 'turned-18' }));
    expect(stopped).toContainEqual(expect.objectContaining({ kind: 'child-decision', reason: 'turned-18' }));
    expect(after.clocks.filter((c) => c.state !== 'stopped').map((c) => c.kind)).not.toContain('turning-18');
  });
});

describe('an anonymous notification', () => {
  it('ran no clock and told nobody anything, whatever time passed', async () => {
    const events = await getReferralEvents(anonymous.id);
    expect(events.map((e) => e.type)).toEqual([
      'referral.received.v1',
      'referral.routed.v1',
      'referral.closed.v1',
    ]);
    expect((await outbox()).filter((m) => m.reference === anonymous.reference)).toEqual([]);
  });
});
