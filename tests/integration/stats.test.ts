// Issue 6, what it must show: the aggregates equal a brute-force recomputation from the raw events of a generated
// year (counted out of order and with redeliveries, replayed, rebuilt, and counted in SQS batches, overlapping and
// with redeliveries); two referrals of one person count as one person and two referrals, with the duplicate flag for the coordinator of the second; exports suppress cells below 3.
import { createHash, createHmac } from 'node:crypto';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import {
  BUCKET_COUNT,
  bucketOf,
  decideRoute,
  type EventEnvelope,
  foldEvents,
  type Histogram,
  histogramOf,
  personKey,
  swedishCalendar,
} from '@nrm/domain';
import { QUEUES } from '@nrm/messaging/queues';
import {
  clearStatistics,
  readCounts,
  readDurations,
  readLiveWaits,
  readPersons,
  readSla,
  type StatisticsOutcome,
} from '@nrm/store';
import { describe, expect, inject, it } from 'vitest';
import { replayStatistics } from '../../packages/usecases/src/statistics';
import { syntheticYear } from '../bench/dashboard-events';
import { dynamoClient } from '../support/aws';
import {
  countConcurrently,
  countInBatches,
  deliveredOutOfOrder,
  notCountedOnce,
  ownStatisticsTables,
} from '../support/counting';
import { adultReferral } from '../support/fixtures';
import { apiClient, eventually } from '../support/http';
import { submitRouted } from '../support/referral-flow';

const platform = inject('platform');
const api = apiClient(platform.url);
const LOCAL_SECRET = 'local-person-key-secret-not-for-production';

interface Sample {
  group: string;
  day: string;
  workingMs: number;
  calendarMs: number;
}

/** Periods a local date belongs to, as the API names them. */
const periodsOf = (day: string) => {
  const month = day.slice(0, 7);
  return [day.slice(0, 4), `${day.slice(0, 4)}-Q${Math.ceil(Number(day.slice(5, 7)) / 3)}`, month];
};

/**
 * The figures recomputed straight from the raw logs, written independently of the aggregator: walk each referral's
 * events once and note when each step happened.
 */
function bruteForce(logs: readonly (readonly EventEnvelope[])[]) {
  const durations: Sample[] = [];
  const counts = new Map<string, number>();
  const sla = new Map<string, number>();
  const persons = new Map<string, Set<string>>();
  const referrals = new Map<string, number>();
  const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
  const day = (at: string) => swedishCalendar.localDateOf(at);
  for (const log of logs) {
    const received = log[0]!;
    if (received.type !== 'referral.received.v1') throw new Error('log must start with received');
    const submitted = received.occurredAt;
    const route = decideRoute(foldEvents([received])!, day(submitted)).route;
    const region = route.region ?? 'national';
    const referrer = received.data.referrer.organisationType;
    const facts = received.data.facts;
    const receivedDay = day(submitted);
    for (const period of periodsOf(receivedDay)) {
      bump(referrals, period);
      const key = received.data.personKey ?? `referral:${received.referralId}`;
      persons.set(period, (persons.get(period) ?? new Set()).add(key));
      const cell = `${period}|${region}|${route.track}|${referrer}|${received.data.channel}`;
      bump(counts, `${cell}|referrals`);
      for (const p of facts.purposes) bump(counts, `${cell}|purpose:${p}`);
      bump(counts, `${cell}|gender:${facts.gender}`);
      bump(counts, `${cell}|age:${facts.ageGroup}`);
      for (const c of facts.citizenships.length ? facts.citizenships : ['unknown']) {
        bump(counts, `${cell}|citizenship:${c}`);
      }
      if (facts.anonymous) bump(counts, `${cell}|anonymous`);
    }
    const sample = (step: string, receiving: string, from: string, to: EventEnvelope) =>
      durations.push({
        group: `${step}|${region}|${route.track}|${receiving}|${referrer}`,
        day: day(to.occurredAt),
        workingMs: Math.max(0, swedishCalendar.workingMillisBetween(from, to.occurredAt)),
        calendarMs: Date.parse(to.occurredAt) - Date.parse(from),
      });
    const offered = new Map<string, { at: string; type: string }>();
    const breachedClocks = new Set<string>();
    let routed = false;
    let acknowledged = false;
    let socialServicesOwner = false;
    for (const e of log) {
      if (e.type === 'referral.routed.v1' && !routed) {
        routed = true;
        sample('routing', 'coordinator-office', submitted, e);
      }
      if (e.type === 'referral.acknowledged.v1' && !acknowledged) {
        acknowledged = true;
        sample('acknowledgement', 'coordinator-office', submitted, e);
      }
      if (e.type === 'handoff.offered.v1') {
        offered.set(e.data.handoffId, { at: e.occurredAt, type: e.data.recipient.type });
      }
      if (e.type === 'handoff.accepted.v1') {
        const offer = offered.get(e.data.handoffId)!;
        sample('handoff-accepted', offer.type, submitted, e);
        sample('handoff-response', offer.type, offer.at, e);
        if (offer.type === 'social-services' && !socialServicesOwner) {
          socialServicesOwner = true;
          sample('first-owner-social-services', offer.type, submitted, e);
        }
      }
      if (e.type === 'referral.closed.v1') {
        for (const period of periodsOf(day(e.occurredAt))) {
          bump(
            counts,
            `${period}|${region}|${route.track}|${referrer}|${received.data.channel}|outcome:${e.data.reason}`,
          );
        }
      }
      if (e.type === 'clock.breached.v1') {
        breachedClocks.add(e.data.clockId);
        for (const period of periodsOf(day(e.occurredAt))) {
          bump(sla, `${period}|${e.data.kind}|${region}|${route.track}|breached`);
        }
      }
      if (e.type === 'clock.stopped.v1' && !breachedClocks.has(e.data.clockId)) {
        for (const period of periodsOf(day(e.occurredAt))) {
          bump(sla, `${period}|${e.data.kind}|${region}|${route.track}|met`);
        }
      }
    }
  }
  return { durations, counts, sla, persons, referrals };
}

const years = (year: number) => [
  String(year),
  ...[1, 2, 3, 4].map((q) => `${year}-Q${q}`),
  ...Array.from({ length: 12 }, (_, m) => `${year}-${String(m + 1).padStart(2, '0')}`),
];

/** Every stored figure of every period of the year, in the brute force's shape. */
async function storedFigures(year: number) {
  // not an API answer: the store's figures, compared with a brute force
  const histograms = new Map<string, { working: Histogram; calendar: Histogram }>();
  const counts = new Map<string, number>();
  const sla = new Map<string, number>();
  const persons = new Map<string, number>();
  const referrals = new Map<string, number>();
  for (const period of years(year)) {
    for (const row of (await readDurations({ period })).rows) {
      const group = `${row.step}|${row.region}|${row.track}|${row.receivingType}|${row.referringType}`;
      histograms.set(`${period}|${group}`, { working: row.working, calendar: row.calendar });
    }
    for (const row of (await readCounts({ period })).rows) {
      for (const [name, n] of Object.entries(row.counts)) {
        if (n)
          counts.set(`${period}|${row.region}|${row.track}|${row.referringType}|${row.channel}|${name}`, n);
      }
    }
    for (const row of (await readSla({ period })).rows) {
      if (row.met) sla.set(`${period}|${row.kind}|${row.region}|${row.track}|met`, row.met);
      if (row.breached) sla.set(`${period}|${row.kind}|${row.region}|${row.track}|breached`, row.breached);
    }
    const p = await readPersons(period);
    if (p.referrals) {
      persons.set(period, p.persons);
      referrals.set(period, p.referrals);
    }
  }
  return { histograms, counts, sla, persons, referrals };
}

function expected(year: number, brute: ReturnType<typeof bruteForce>) {
  const grouped = new Map<string, Sample[]>();
  for (const s of brute.durations) {
    for (const period of periodsOf(s.day)) {
      if (!period.startsWith(String(year))) continue;
      const key = `${period}|${s.group}`;
      grouped.set(key, [...(grouped.get(key) ?? []), s]);
    }
  }
  const histograms = new Map(
    [...grouped].map(([key, samples]) => [
      key,
      {
        working: histogramOf(samples.map((s) => s.workingMs)),
        calendar: histogramOf(samples.map((s) => s.calendarMs)),
      },
    ]),
  );
  const inYear = <T>(map: Map<string, T>) => new Map([...map].filter(([k]) => k.startsWith(String(year))));
  return {
    histograms,
    counts: inYear(brute.counts),
    sla: inYear(brute.sla),
    persons: new Map([...inYear(brute.persons)].map(([k, set]) => [k, set.size])),
    referrals: inYear(brute.referrals),
  };
}

const sorted = <T>(map: Map<string, T>) => new Map([...map].sort(([a], [b]) => a.localeCompare(b)));

describe('aggregates against a brute-force recomputation of a generated year', () => {
  const year = syntheticYear(180, 2025);
  const want = expected(year.year, bruteForce(year.logs));
  ownStatisticsTables(platform, 'stats', () => year.logs.flat());

  async function expectEqualToBruteForce() {
    const got = await storedFigures(year.year);
    expect(sorted(got.counts)).toEqual(sorted(want.counts));
    expect(sorted(got.sla)).toEqual(sorted(want.sla));
    expect(sorted(got.persons)).toEqual(sorted(want.persons));
    expect(sorted(got.referrals)).toEqual(sorted(want.referrals));
    expect([...got.histograms.keys()].sort()).toEqual([...want.histograms.keys()].sort());
    for (const [key, h] of want.histograms) {
      expect(got.histograms.get(key), key).toEqual(h);
    }
  }

  it('counts every event once, delivered out of order and twice, to the brute-force figures', async () => {
    const deliveries = deliveredOutOfOrder(year.logs, { seed: 7, twice: 0.1 });
    // Eight consumers at once, as Lambda would run them; a person-marker race is retried as SQS would.
    await countConcurrently(deliveries, 5);
    expect(want.histograms.size).toBeGreaterThan(50);
    expect(bucketOf(0)).toBe(0);
    expect(BUCKET_COUNT).toBeGreaterThan(20);
    await expectEqualToBruteForce();
  }, 300_000);

  it('adds nothing when the whole log is replayed a second time', async () => {
    const outcome = await replayStatistics({ clear: false });
    expect(outcome.counted).toBe(0);
    expect(outcome['already-counted']).toBeGreaterThan(0);
    await expectEqualToBruteForce();
  }, 300_000);

  it('rebuilds the same figures from an emptied table', async () => {
    const outcome = await replayStatistics({ clear: true });
    expect(outcome.cleared).toBeGreaterThan(0);
    expect(outcome['already-counted']).toBe(0);
    await expectEqualToBruteForce();
    // What still waits at the end of the year: referrals never acknowledged, hand-offs never answered.
    const open = year.logs.filter((log) => !log.some((e) => e.type === 'referral.acknowledged.v1'));
    const waits = await readLiveWaits();
    expect(waits.filter((w) => w.kind === 'acknowledgement')).toHaveLength(open.length);
  }, 300_000);

  // The aggregator's handler counts an SQS batch's events together (`countEvents`): the same year, from an emptied
  // table, counted that way.
  const deliveries = deliveredOutOfOrder(year.logs, { seed: 9, twice: 0 });
  const half = Math.floor(deliveries.length / 2) - (Math.floor(deliveries.length / 2) % 15);
  const outcomes = new Map<string, StatisticsOutcome[]>();

  it('counted in batches, two consumers given overlapping batches at the same moment count each event once', async () => {
    await clearStatistics();
    // SQS may hand one message to two consumers: each batch here shares half its events with the other's, and both
    // are counted at once, so both can read the shared events as not counted yet and one transaction is refused.
    for (let at = 0; at < half; at += 15) {
      await Promise.all([
        countInBatches(deliveries.slice(at, at + 10), { consumers: 1, maxAttempts: 10, outcomes }),
        countInBatches(deliveries.slice(at + 5, at + 15), { consumers: 1, maxAttempts: 10, outcomes }),
      ]);
    }
    const shared = deliveries.slice(0, half).filter((_, i) => i % 15 >= 5 && i % 15 < 10);
    expect(shared.length).toBeGreaterThan(100);
    expect(shared.every((e) => outcomes.get(e.eventId)?.length === 2)).toBe(true);
    expect(notCountedOnce(outcomes)).toEqual([]);
  }, 300_000);

  it('a batch with redelivered events and new ones counts each exactly once, to the brute-force figures', async () => {
    const counted = deliveries.slice(0, half);
    const fresh = deliveries.slice(half);
    // Every batch of ten: seven new events and three delivered again; four consumers at once.
    const batches: EventEnvelope[] = [];
    for (let i = 0; i < fresh.length; i += 7) {
      batches.push(...fresh.slice(i, i + 7), ...counted.slice((i / 7) * 3, (i / 7) * 3 + 3));
    }
    const { notCountedOnce } = await countInBatches(batches, { consumers: 4, maxAttempts: 10, outcomes });
    const again = counted.slice(0, Math.ceil(fresh.length / 7) * 3);
    expect(again.length).toBeGreaterThan(100);
    expect(again.every((e) => outcomes.get(e.eventId)!.length >= 2)).toBe(true);
    expect(again.some((e) => outcomes.get(e.eventId)!.includes('already-counted'))).toBe(true);
    expect(deliveries.every((e) => outcomes.has(e.eventId))).toBe(true);
    expect(notCountedOnce).toEqual([]);
    await expectEqualToBruteForce();
  }, 300_000);

  it("in the statistics queue's batches (a hundred), a referral's events often in one batch, counts each once", async () => {
    await clearStatistics();
    const batchSize = QUEUES.find((q) => q.name === 'statistics')!.batchSize;
    expect(batchSize).toBe(100);
    // The same year delivered again in another order, some twice: a batch holds events of one referral and one
    // person, which meet on their owned items and are counted in the batch's later rounds.
    const delivered = deliveredOutOfOrder(year.logs, { seed: 17, twice: 0.05 });
    const batches = Array.from({ length: Math.ceil(delivered.length / batchSize) }, (_, b) =>
      delivered.slice(b * batchSize, (b + 1) * batchSize),
    );
    const referralsMeeting = batches.filter(
      (batch) => new Set(batch.map((e) => e.referralId)).size < batch.length,
    ).length;
    expect(referralsMeeting).toBeGreaterThan(batches.length / 2);
    const { notCountedOnce } = await countInBatches(delivered, { consumers: 2, maxAttempts: 10, batchSize });
    expect(notCountedOnce).toEqual([]);
    await expectEqualToBruteForce();
  }, 300_000);
});

describe('one person referred twice', () => {
  const identityNumber = '19900101-0017';
  const person = (name: string) => ({
    name,
    age: { dateOfBirth: '1990-01-01' },
    gender: 'female',
    citizenships: ['RO'],
    identityNumber,
  });

  it('counts one person and two referrals, and flags the second to its coordinator', async () => {
    const before = await api.get(
      `/v1/stats/summary?period=${new Date().getUTCFullYear()}`,
      'national-coordinator',
    );
    expect(before.status).toBe(200);
    const first = await api.post(
      '/v1/referrals',
      adultReferral({ person: person('Ana Popescu') }),
      'police-syd-system',
    );
    expect(first.status).toBe(201);
    // Routed first: until then only the national coordinator's triage may see it.
    const second = await submitRouted(
      api,
      adultReferral({ person: person('POPESCU Ana'), location: { municipalityCode: '1280' } }),
      'migrationsverket-system',
    );

    const flag = await eventually(async () => {
      const res = await api.get(`/v1/referrals/${second.id}/possible-duplicates`, 'coordinator-syd');
      expect(res.status).toBe(200);
      return res.body.possibleDuplicate ? res.body : undefined;
    }, 15_000);
    expect(flag).toEqual({ possibleDuplicate: true, otherReferrals: 1 });

    // Counted once the aggregator has seen both: referrals went up by one more than persons did.
    await eventually(async () => {
      const after = await api.get(
        `/v1/stats/summary?period=${new Date().getUTCFullYear()}`,
        'national-coordinator',
      );
      const referrals = (after.body.referrals ?? 0) - (before.body.referrals ?? 0);
      const persons = (after.body.persons ?? 0) - (before.body.persons ?? 0);
      return referrals >= 2 && referrals - persons === 1 ? true : undefined;
    }, 15_000);
  });

  it('stores a key that cannot be matched to the number without the secret', async () => {
    const res = await api.post(
      '/v1/referrals',
      adultReferral({ person: person('Ana Popescu') }),
      'police-syd-system',
    );
    // Read from the shared platform's own table, with a client of its own (this file's store points elsewhere).
    const { Items } = await DynamoDBDocumentClient.from(dynamoClient(platform)).send(
      new QueryCommand({
        TableName: `${platform.tablePrefix}referrals`,
        KeyConditionExpression: 'pk = :pk AND sk = :first',
        ExpressionAttributeValues: { ':pk': `REFERRAL#${res.body.id}`, ':first': 'EVENT#00000001' },
      }),
    );
    const received = Items![0]!.event as EventEnvelope;
    const key = (received.data as { personKey?: string }).personKey!;
    const normalised = '199001010017';
    // Whoever knows the number but not the secret cannot compute the key: no plain hash, no other secret.
    for (const guess of [
      createHash('sha256').update(normalised).digest('base64url'),
      createHash('sha256').update(`id:${normalised}`).digest('base64url'),
      createHmac('sha256', 'a-guessed-secret-0000').update(`id:${normalised}`).digest('base64url'),
    ]) {
      expect(key).not.toContain(guess);
    }
    expect(key).toBe(personKey(LOCAL_SECRET, { identityNumber: normalised }));
    expect(JSON.stringify(received)).not.toContain(normalised);
  });

  it('is not for a referrer, and statistics are for the national coordinator only', async () => {
    const res = await api.post('/v1/referrals', adultReferral(), 'police-syd-system');
    const asReferrer = await api.get(`/v1/referrals/${res.body.id}/possible-duplicates`, 'police-syd-system');
    expect(asReferrer.status).toBe(404);
    expect((await api.get('/v1/stats/summary?period=2026', 'coordinator-syd')).status).toBe(403);
    expect((await api.get('/v1/stats/waiting-now', 'coordinator-syd')).status).toBe(403);
  });
});

describe('exports', () => {
  it('never show a cell below 3', async () => {
    const year = new Date().getUTCFullYear();
    const summary = await api.request('GET', `/v1/stats/summary.csv?period=${year}`, {
      as: 'national-coordinator',
    });
    expect(summary.status).toBe(200);
    expect(summary.headers.get('content-type')).toContain('text/csv');
    const times = await api.request('GET', `/v1/stats/handoff-times.csv?period=${year}&groupBy=step,region`, {
      as: 'national-coordinator',
    });
    expect(times.status).toBe(200);
    const cells = (text: string, column: string) => {
      const [header, ...rows] = text
        .trim()
        .split('\r\n')
        .map((line) => line.split(','));
      const index = header!.indexOf(column);
      return rows.map((row) => row[index]!);
    };
    const counts = [...cells(summary.body as string, 'count'), ...cells(times.body as string, 'count')];
    expect(counts.length).toBeGreaterThan(0);
    // The suites above made small cells on purpose (one region, one person): they read '..'.
    expect(counts).toContain('..');
    for (const cell of counts) {
      expect(cell === '..' || Number(cell) === 0 || Number(cell) >= 3, cell).toBe(true);
    }
    const live = await api.get('/v1/stats/waiting-now', 'national-coordinator');
    expect(live.status).toBe(200);
    expect(live.body.awaitingAcknowledgement.length).toBeGreaterThan(0);
  });
});
