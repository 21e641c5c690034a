// Issue 13, what it must show 1 and 3: the platform starts on an empty store with the demo year loading, and a
// referral submitted at once and while it loads is stamped with real time, its acknowledgement clock started now;
// once the year is loaded, most of its referrals are closed and the breached clocks in the queues are exactly the
// dashboard's "breached now". Its own platform: the demo year fills the store.
import { ALL_QUEUES, type ClockKind, DATE_CLOCK_KINDS } from '@nrm/domain';
import { type Platform, startPlatform } from '@nrm/local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { referral } from '../support/fixtures';
import { type ApiClient, apiClient, eventually, type Schema } from '../support/http';
import { asView, caseView, type FullView } from '../support/referral-flow';

let platform: Platform;
let api: ApiClient;

beforeAll(async () => {
  platform = await startPlatform({
    port: 0,
    demo: true,
    logLevel: 'ERROR',
    onWorkerError: (worker, error) =>
      console.error(`[${worker}]`, error instanceof Error ? error.message : error),
  });
  api = apiClient(platform.url);
});

afterAll(async () => {
  await platform?.stop();
});

/** Submits the fixture's child referral now; answers when it was sent and what came back. */
async function submitNow() {
  const sentAt = Date.now();
  const res = await api.post(
    '/v1/referrals',
    referral({ location: { municipalityCode: '1280' } }),
    'police-syd-system',
  );
  expect(res.status).toBe(201);
  return { sentAt, ...res.body };
}

const secondsApart = (iso: string, ms: number) => Math.abs(Date.parse(iso) - ms) / 1000;

describe('the demo year', () => {
  const submitted: { sentAt: number; id: string; reference: string }[] = [];

  it('gives a person who submits while it loads real time: stamps, reference year and clocks', async () => {
    submitted.push(await submitNow());
    // Once the demo's past referrals are arriving in the queues, another, while it still loads.
    await eventually(
      async () => {
        const listing = await api.get('/v1/queues/stockholm:adult/referrals', 'coordinator-stockholm');
        return listing.body.items.length > 0 ? true : undefined;
      },
      60_000,
      200,
    );
    submitted.push(await submitNow());
    expect((await api.get('/local/demo')).body.loading).toBe(true);
    // Nothing moved the platform's clock.
    expect((await api.get('/local/clock')).body.offsetMs).toBe(0);

    for (const { sentAt, id, reference } of submitted) {
      expect(reference.startsWith(`NRM-${new Date(sentAt).getUTCFullYear()}-`)).toBe(true);
      const view = await eventually(
        async () => {
          const res = await api.get(`/v1/referrals/${id}`, 'child-coordinator-syd');
          return res.status === 200 && asView(res.body, 'case').route ? asView(res.body, 'case') : undefined;
        },
        60_000,
        200,
      );
      expect(secondsApart(view.submittedAt, sentAt)).toBeLessThan(5);
      const acknowledge = view.clocks.find((c) => c.kind === 'acknowledge')!;
      // Routed at once (the router takes its turn between the demo's), so the clock started now and runs.
      expect(secondsApart(acknowledge.startedAt, sentAt)).toBeLessThan(30);
      expect(acknowledge.state).toBe('running');
    }
  });

  it('is a year of work: most referrals closed, and every breach in the queues is on the dashboard', async () => {
    const report = await platform.demo.loading!;
    console.log('demo year:', JSON.stringify(report));
    expect(report.routedByLiveRouter).toBe(0);
    expect(report.refused).toBe(0);
    expect(report.referrals).toBeGreaterThanOrEqual(300);
    expect(report.open / report.referrals).toBeLessThan(0.15);

    // Whatever fell due since the year's end is the live schedule's, as every minute.
    await platform.runSchedule();
    const open: FullView[] = [];
    let breachedInQueues = 0;
    let breachesNow = -1;
    let breaches: Schema<'WaitingNow'>['openBreaches'] = [];
    await eventually(
      async () => {
        open.length = 0;
        breachedInQueues = 0;
        for (const queue of ALL_QUEUES) {
          const listing = await api.get(
            `/v1/queues/${encodeURIComponent(queue)}/referrals?limit=100`,
            'national-coordinator',
          );
          for (const item of listing.body.items) {
            const view = await caseView(api, item.id);
            open.push(view);
            // A permit's end or the turning-18 alarm is a date to plan by, not a breach the dashboard lists.
            breachedInQueues += view.clocks.filter(
              (c) => c.state === 'breached' && !DATE_CLOCK_KINDS.includes(c.kind as ClockKind),
            ).length;
          }
        }
        const waiting = await api.get('/v1/stats/waiting-now', 'national-coordinator');
        breaches = waiting.body.openBreaches;
        breachesNow = breaches.length;
        return breachedInQueues === breachesNow ? true : undefined;
      },
      60_000,
      1000,
    ).catch(() => undefined);
    const explain = async () =>
      JSON.stringify(
        await Promise.all(
          breaches.map(async (b) => ({
            breach: b,
            view: (await api.get(`/v1/referrals/${b.referralId}`, 'national-coordinator')).body,
            events: (await api.get(`/v1/referrals/${b.referralId}/events`, 'national-coordinator')).body,
          })),
        ),
      );
    if (breachedInQueues !== breachesNow) console.log(await explain());
    expect(breachedInQueues).toBe(breachesNow);

    // Today's queues: a handful per region at different stages, few of them breached.
    const demoOpen = open.filter((v) => !submitted.some((s) => s.id === v.id));
    expect(demoOpen.length).toBe(report.open);
    expect(breachesNow).toBeLessThan(demoOpen.length / 2);
    const states = new Set(demoOpen.flatMap((v) => v.clocks.map((c) => c.state)));
    expect(states.has('running')).toBe(true);
    const regions = new Set(demoOpen.map((v) => v.route?.queue.split(':')[0]));
    expect(regions.size).toBeGreaterThanOrEqual(5);

    // The statistics of this year (the default period): the clocks mostly met, a few breached, cases closed with
    // their outcomes.
    const summary = await api.get('/v1/stats/summary', 'national-coordinator');
    expect(summary.status).toBe(200);
    expect(summary.body.period).toBe(
      new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric' }).format(new Date()),
    );
    const met = summary.body.sla.reduce((n, k) => n + (k.met ?? 0), 0);
    const breached = summary.body.sla.reduce((n, k) => n + (k.breached ?? 0), 0);
    expect(breached).toBeGreaterThan(0);
    expect(breached / (met + breached)).toBeLessThan(0.1);
    expect(summary.body.dimensions.outcome?.['support-established']).toBeGreaterThan(0);
    expect((await api.get('/v1/stats/handoff-times', 'national-coordinator')).status).toBe(200);
  });
});
