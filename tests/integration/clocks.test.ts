// Issue 3, what it must show 2 and 3, on a local stack with an injected clock: an unacknowledged child referral warns
// at 3 h and breaches at 4 h, told to the coordinator (and the breach escalated to the regional lead); acknowledging in
// time disarms it; and a due timer delivered twice, or swept by two sweepers at once, records exactly one breach.
import { DeleteCommand, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { EventEnvelope } from '@nrm/domain';
import { type OutboxEntry, sendDueTimers } from '@nrm/messaging';
import { dynamo } from '@nrm/runtime';
import {
  DUE_SHARDS,
  type DueTimer,
  dueShardOf,
  getReferralEvents,
  keys,
  markTimersEmitted,
  queryDueTimers,
  referralsTableName,
} from '@nrm/store';
import { describe, expect, it } from 'vitest';
import { handler as escalatorHandler } from '../../functions/src/escalator/handler';
import { handler as sweeperHandler } from '../../functions/src/sla-sweeper/handler';
import { RESEND_AFTER_MS } from '../../packages/usecases/src/sla';
import { referral } from '../support/fixtures';
import { eventually } from '../support/http';
import { HOUR, type OwnPlatform, ownPlatformForSuite } from '../support/own-platform';
import { caseView, type FullView, submitRouted } from '../support/referral-flow';

// The same handler exports Lambda runs, invoked here as a second, concurrent consumer or sweeper would be.
type Invoke = (event: unknown, context: unknown) => Promise<unknown>;
const lambdaContext = { functionName: 'test', getRemainingTimeInMillis: () => 30_000 };
const escalator = (timer: DueTimer, messageId: string) =>
  (escalatorHandler as unknown as Invoke)(
    {
      Records: [
        {
          messageId,
          receiptHandle: messageId,
          body: JSON.stringify(timer),
          attributes: { ApproximateReceiveCount: '1' },
          messageAttributes: {},
          eventSource: 'aws:sqs',
        },
      ],
    },
    lambdaContext,
  );
const sweeper = () => (sweeperHandler as unknown as Invoke)({}, lambdaContext);

const MINUTE = 60_000;
let stack: OwnPlatform;
ownPlatformForSuite((own) => {
  stack = own;
});

const childInMalmo = () => referral({ location: { municipalityCode: '1280' } });

async function acknowledgeClockEvents(id: string, type: string): Promise<EventEnvelope[]> {
  const events = await getReferralEvents(id);
  const started = events.find((e) => e.type === 'clock.started.v1' && e.data.kind === 'acknowledge');
  if (started?.type !== 'clock.started.v1') throw new Error('No acknowledgement clock');
  const { clockId } = started.data;
  return events.filter((e) => e.type === type && 'clockId' in e.data && e.data.clockId === clockId);
}

async function outbox(): Promise<OutboxEntry[]> {
  return (await stack.api.get('/local/outbox?format=json')).body;
}

async function acknowledgeMail(reference: string, eventType: string): Promise<OutboxEntry | undefined> {
  return (await outbox()).find(
    (m) => m.reference === reference && m.eventType === eventType && m.clockKind === 'acknowledge',
  );
}

const read = (id: string): Promise<FullView> => caseView(stack.api, id);

/** The acknowledge clock's e-mail of that event type about the referral, once it is sent. */
const mailed = (reference: string, eventType: string) =>
  eventually(() => acknowledgeMail(reference, eventType), 15_000, 200);

async function armedTimer(referralId: string, clockId: string): Promise<DueTimer> {
  const { Item } = await dynamo().send(
    new GetCommand({
      TableName: referralsTableName(),
      Key: { pk: keys.referral(referralId), sk: keys.timers },
      ConsistentRead: true,
    }),
  );
  const timer = Item?.clocks?.[clockId];
  expect(timer).toBeDefined();
  return { referralId, clockId, action: timer.action, step: timer.step, dueAt: timer.dueAt };
}

describe('the acknowledgement clock of a child referral', () => {
  it('warns at 3 h and breaches at 4 h; acknowledging in time means no breach, ever', async () => {
    const late = await submitRouted(stack.api, childInMalmo());
    const prompt = await submitRouted(stack.api, childInMalmo());

    await stack.advance(2 * HOUR);
    const acknowledged = await stack.api.post(
      `/v1/referrals/${prompt.id}/acknowledge`,
      {},
      'child-coordinator-syd',
    );
    expect(acknowledged.status).toBe(200);

    // 3 h: the warning, to the children's coordinators of the region.
    await stack.advance(HOUR + MINUTE);
    await stack.runSchedule();
    const warning = await mailed(late.reference, 'clock.warned.v1');
    expect(warning.to).toEqual(['coordinator-office:syd:child']);
    expect(warning.subject).toMatch(
      new RegExp(
        `^Referral ${late.reference} needs acknowledgement by \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}\\.$`,
      ),
    );
    expect((await read(late.id)).clocks.find((c) => c.kind === 'acknowledge')?.state).toBe('warned');
    expect(await acknowledgeClockEvents(late.id, 'clock.warned.v1')).toHaveLength(1);

    // 4 h: the breach, to the coordinators; the regional lead of the children's track is escalated to with it.
    await stack.advance(HOUR);
    await stack.runSchedule();
    const breach = await mailed(late.reference, 'clock.breached.v1');
    expect(breach.to).toEqual(['coordinator-office:syd:child']);
    const escalation = await mailed(late.reference, 'clock.escalated.v1');
    expect(escalation.to).toEqual(['regional-lead:syd:child']);
    expect((await read(late.id)).clocks.find((c) => c.kind === 'acknowledge')?.state).toBe('breached');
    expect(await acknowledgeClockEvents(late.id, 'clock.breached.v1')).toHaveLength(1);

    // The one acknowledged at 2 h was disarmed then: nothing was ever recorded or sent for its clock.
    await stack.advance(2 * HOUR);
    await stack.runSchedule();
    await stack.settle();
    expect(await acknowledgeClockEvents(prompt.id, 'clock.warned.v1')).toEqual([]);
    expect(await acknowledgeClockEvents(prompt.id, 'clock.breached.v1')).toEqual([]);
    expect((await read(prompt.id)).clocks.find((c) => c.kind === 'acknowledge')?.state).toBe('stopped');
    expect(
      (await outbox()).filter((m) => m.reference === prompt.reference && m.clockKind === 'acknowledge'),
    ).toEqual([]);
  });
});

describe('the escalation chain of an assigned referral (issue 20)', () => {
  it('warns the assignee, escalates the breach to the regional lead, the next step to the national coordinator', async () => {
    const assigned = await submitRouted(stack.api, childInMalmo());
    const unassigned = await submitRouted(stack.api, childInMalmo());
    const taken = await stack.api.post(`/v1/referrals/${assigned.id}/assign`, {}, 'child-coordinator-syd');
    expect(taken.status).toBe(200);

    await stack.advance(3 * HOUR + MINUTE);
    await stack.runSchedule();
    const warning = await mailed(assigned.reference, 'clock.warned.v1');
    expect(warning.to).toEqual(['staff:child-coordinator-syd']);
    // Nobody works the other one: its warning goes to the office.
    const officeWarning = await mailed(unassigned.reference, 'clock.warned.v1');
    expect(officeWarning.to).toEqual(['coordinator-office:syd:child']);

    await stack.advance(HOUR);
    await stack.runSchedule();
    const breach = await mailed(assigned.reference, 'clock.breached.v1');
    expect(breach.to).toEqual(['staff:child-coordinator-syd']);
    const escalations = async (n: number) => {
      const sent = (await outbox()).filter(
        (m) =>
          m.reference === assigned.reference &&
          m.eventType === 'clock.escalated.v1' &&
          m.clockKind === 'acknowledge',
      );
      return sent.length >= n ? sent : undefined;
    };
    expect((await eventually(() => escalations(1), 15_000, 200)).map((m) => m.to)).toEqual([
      ['regional-lead:syd:child'],
    ]);

    // The next level, a further wait after the breach: the national coordinator (the outbox lists newest first).
    await stack.advance(HOUR);
    await stack.runSchedule();
    expect((await eventually(() => escalations(2), 15_000, 200)).map((m) => m.to)).toEqual([
      ['national-coordinator'],
      ['regional-lead:syd:child'],
    ]);
  });
});

describe('a due timer', () => {
  it('delivered twice at once records one breach', async () => {
    const routed = await submitRouted(stack.api, childInMalmo());
    const timer = await armedTimer(routed.id, 'acknowledge-1');
    await stack.advance(4 * HOUR + MINUTE);

    const responses = await Promise.all([escalator(timer, 'first'), escalator(timer, 'second')]);
    expect(responses).toEqual([{ batchItemFailures: [] }, { batchItemFailures: [] }]);
    expect(await acknowledgeClockEvents(routed.id, 'clock.breached.v1')).toHaveLength(1);

    // And once more, late, through the queue, as a redelivery would come: still one breach.
    await sendDueTimers([timer]);
    await stack.settle();
    expect(await acknowledgeClockEvents(routed.id, 'clock.breached.v1')).toHaveLength(1);
  });

  it('swept by two sweepers at once, each sending it to the escalator, records one breach', async () => {
    const routed = await submitRouted(stack.api, childInMalmo());
    await stack.advance(4 * HOUR + MINUTE);
    stack.platform.faults.duplicateDelivery('escalator', true);
    try {
      await Promise.all([stack.runSchedule(), sweeper()]);
      await eventually(
        async () =>
          (await acknowledgeClockEvents(routed.id, 'clock.breached.v1')).length ? true : undefined,
        15_000,
        200,
      );
      await stack.settle();
    } finally {
      stack.platform.faults.duplicateDelivery('escalator', false);
    }
    expect(await acknowledgeClockEvents(routed.id, 'clock.breached.v1')).toHaveLength(1);
    const breaches = (await outbox()).filter(
      (m) =>
        m.reference === routed.reference &&
        m.eventType === 'clock.breached.v1' &&
        m.clockKind === 'acknowledge',
    );
    expect(breaches).toHaveLength(1);
  });
});

describe("a referral's timers (issue 16: one item a referral)", () => {
  const timersOfReferral = async (id: string) =>
    (
      await dynamo().send(
        new GetCommand({
          TableName: referralsTableName(),
          Key: { pk: keys.referral(id), sk: keys.timers },
          ConsistentRead: true,
        }),
      )
    ).Item;
  const itemsOf = async (id: string) =>
    (
      await dynamo().send(
        new QueryCommand({
          TableName: referralsTableName(),
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': keys.referral(id) },
          ConsistentRead: true,
        }),
      )
    ).Items ?? [];

  /** Rewrites a referral's timers in the layout before 30 November 2026: one armed item a clock, no timers item. */
  async function splitIntoLegacyItems(id: string): Promise<string[]> {
    const item = await timersOfReferral(id);
    const clocks = Object.entries(
      item!.clocks as Record<string, { action: string; step: number; dueAt: string }>,
    );
    for (const [clockId, timer] of clocks) {
      await dynamo().send(
        new PutCommand({
          TableName: referralsTableName(),
          Item: {
            pk: keys.referral(id),
            sk: keys.timer(clockId),
            entity: 'timer',
            referralId: id,
            clockId,
            armed: true,
            ...timer,
            dueShard: keys.dueShard(clockId.length % DUE_SHARDS),
          },
        }),
      );
    }
    await dynamo().send(
      new DeleteCommand({ TableName: referralsTableName(), Key: { pk: keys.referral(id), sk: keys.timers } }),
    );
    return clocks.map(([clockId]) => clockId);
  }

  /** Runs the schedule, waits until the referral's acknowledgement clock has an event of `type`, then settles. */
  async function sweepUntilRecorded(id: string, type: string): Promise<void> {
    await stack.runSchedule();
    await eventually(
      async () => ((await acknowledgeClockEvents(id, type)).length ? true : undefined),
      15_000,
      200,
    );
    await stack.settle();
  }

  it('holds every armed clock in one item, in the due index by the earliest', async () => {
    const routed = await submitRouted(stack.api, childInMalmo());
    const item = await timersOfReferral(routed.id);
    const clocks = Object.entries(item!.clocks as Record<string, { dueAt: string }>);
    const started = (await getReferralEvents(routed.id)).filter((e) => e.type === 'clock.started.v1');
    expect(clocks.map(([clockId]) => clockId).sort()).toEqual(
      started.map((e) => (e.type === 'clock.started.v1' ? e.data.clockId : '')).sort(),
    );
    expect(item!.dueAt).toBe(clocks.map(([, t]) => t.dueAt).sort()[0]);
    expect(item!.dueShard).toMatch(/^DUE#\d+$/);
    expect((await itemsOf(routed.id)).filter((i) => String(i.sk).startsWith('TIMER#'))).toEqual([]);
  });

  it('is handed to the escalator once while its message is in flight, again after five minutes if still due', async () => {
    const routed = await submitRouted(stack.api, childInMalmo());
    const now = new Date(await stack.advance(3 * HOUR + MINUTE));
    const shard = dueShardOf(routed.id);
    const mine = async (at: Date) =>
      (await queryDueTimers(shard, at, { resendAfterMs: RESEND_AFTER_MS })).timers.filter(
        (t) => t.referralId === routed.id,
      );
    const due = await mine(now);
    expect(due.map((t) => [t.clockId, t.action])).toEqual([['acknowledge-1', 'warn']]);

    await markTimersEmitted(due, now);
    expect(await mine(new Date(now.getTime() + MINUTE))).toEqual([]);
    expect(await mine(new Date(now.getTime() + RESEND_AFTER_MS + MINUTE))).toEqual(due);

    // The escalator's write is the item's next version: the note goes with it, and the next timer is due in its time.
    await escalator(due[0]!, 'warn');
    expect((await timersOfReferral(routed.id))!.emitted).toEqual({});
    expect(await mine(new Date(now.getTime() + MINUTE))).toEqual([]);
    expect((await acknowledgeClockEvents(routed.id, 'clock.warned.v1')).length).toBe(1);
  });

  it('of the earlier layout, one item a clock, are swept, recorded once and disarmed', async () => {
    const late = await submitRouted(stack.api, childInMalmo());
    const prompt = await submitRouted(stack.api, childInMalmo());
    const lateClocks = await splitIntoLegacyItems(late.id);
    expect(lateClocks).toContain('acknowledge-1');
    await splitIntoLegacyItems(prompt.id);
    // Acknowledged in time: its earlier-layout timer is left armed, as a command no longer writes those items.
    expect(
      (await stack.api.post(`/v1/referrals/${prompt.id}/acknowledge`, {}, 'child-coordinator-syd')).status,
    ).toBe(200);

    await stack.advance(3 * HOUR + MINUTE);
    await sweepUntilRecorded(late.id, 'clock.warned.v1');
    expect(await acknowledgeClockEvents(late.id, 'clock.warned.v1')).toHaveLength(1);
    expect(await acknowledgeClockEvents(prompt.id, 'clock.warned.v1')).toEqual([]);

    // Both earlier-layout acknowledgement timers are out of the due index; the late one's next timer is in the new item.
    for (const id of [late.id, prompt.id]) {
      const legacy = (await itemsOf(id)).find((i) => i.sk === keys.timer('acknowledge-1'));
      expect(legacy).toMatchObject({ armed: false });
      expect(legacy).not.toHaveProperty('dueShard');
    }
    expect((await timersOfReferral(late.id))!.clocks['acknowledge-1']).toMatchObject({
      action: 'breach',
      step: 1,
    });

    await stack.advance(HOUR);
    await sweepUntilRecorded(late.id, 'clock.breached.v1');
    expect(await acknowledgeClockEvents(late.id, 'clock.breached.v1')).toHaveLength(1);
    expect(await acknowledgeClockEvents(late.id, 'clock.warned.v1')).toHaveLength(1);
  });
});
