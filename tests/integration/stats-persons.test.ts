// Issue 18, what it must show 1, 3 and 5: a generated year with known person-level truth — people referred several
// times by different organisations, with facts that change between referrals and by correction, two citizenships,
// keys found after intake, accompanying children in Sweden and abroad — counted out of order, twice and concurrently:
// every person table equals a brute-force count over the generated people, every referral table a count over the
// referrals, the tallies (children, outcomes, offers not taken) a count over the events; and `pnpm stats:rebuild` on
// that store reproduces the incremental figures exactly, as does counting in SQS batches as the aggregator does.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { DeleteCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import {
  type Actor,
  applyEvent,
  cellKey,
  decideRoute,
  type EventEnvelope,
  type Location,
  type OrganisationType,
  type ReferralFacts,
  swedishCalendar,
  TABLE_DIMENSIONS,
  tabulate,
} from '@nrm/domain';
import { QUEUES } from '@nrm/messaging/queues';
import { dynamo } from '@nrm/runtime';
import {
  clearStatistics,
  readCells,
  readTally,
  type StatisticsOutcome,
  scanPages,
  statisticsKeys,
  statisticsTableName,
} from '@nrm/store';
import { describe, expect, inject, it } from 'vitest';
import { crossTab } from '../../packages/usecases/src/statistics';
import { random } from '../bench/dashboard-events';
import {
  countConcurrently,
  countInBatches,
  deliveredOutOfOrder,
  ownStatisticsTables,
} from '../support/counting';

const platform = inject('platform');
const YEAR = 2025;
const HOUR = 3_600_000;

const ORGS: readonly OrganisationType[] = ['police', 'migrationsverket', 'social-services', 'cso'];
const PLACES: readonly Location[] = [
  { municipalityCode: '0180' },
  { municipalityCode: '1480' },
  { municipalityCode: '1280' },
  { municipalityCode: '2480' },
  { unknown: true },
];
const COUNTRIES = ['RO', 'UA', 'TH', 'NG', 'BG'];
const PURPOSES = ['sexual', 'labour', 'begging', 'criminal'];

interface Generated {
  logs: EventEnvelope[][];
}

/**
 * 70 people; each referred 1–4 times in the year by organisations picked at random, each time with facts that may
 * differ (gender or age sometimes unknown, one or two citizenships, one or two purposes). Some referrals carry no key
 * at intake and get it by a correction; some are corrected (gender, age, place); some bring accompanying children in
 * Sweden, abroad in a named country, or abroad with none; offers are accepted, declined or expire; some are closed.
 */
function generateYear(seed: number): Generated {
  const r = random(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r.next() * xs.length)]!;
  const start = Date.parse(`${YEAR}-01-01T08:00:00Z`);
  const logs: EventEnvelope[][] = [];
  let n = 0;
  const system: Actor = { sub: 'system', role: 'system', organisationId: 'nrm', organisationType: 'system' };
  const randomFacts = (): ReferralFacts => {
    const ageGroup = r.next() < 0.15 ? 'unknown' : r.next() < 0.25 ? 'child' : 'adult';
    const citizenships =
      r.next() < 0.15 ? [] : r.next() < 0.2 ? [pick(COUNTRIES), pick(COUNTRIES)] : [pick(COUNTRIES)];
    return {
      ...(ageGroup === 'adult' ? { ageYears: 25 } : ageGroup === 'child' ? { ageYears: 15 } : {}),
      ...(ageGroup === 'unknown' ? { mayBeMinor: r.next() < 0.5 } : {}),
      ageGroup,
      location: pick(PLACES),
      gender: r.next() < 0.1 ? 'unknown' : r.next() < 0.6 ? 'female' : 'male',
      citizenships: [...new Set(citizenships)],
      purposes: [...new Set([pick(PURPOSES), ...(r.next() < 0.2 ? [pick(PURPOSES)] : [])])],
      acuteProtection: false,
      consent: ageGroup === 'adult' ? 'given' : 'not-required',
      anonymous: false,
    };
  };
  for (let person = 0; person < 70; person++) {
    const key = r.next() < 0.85 ? `pk1.person-${seed}-${person}` : undefined;
    const times = 1 + Math.floor(r.next() * r.next() * 4);
    for (let t = 0; t < times; t++) {
      const id = `P${seed}R${String(n++).padStart(5, '0')}`;
      const type = pick(ORGS);
      const actor: Actor = {
        sub: `${type}-user`,
        role: 'referrer',
        organisationId: type,
        organisationType: type,
      };
      const events: EventEnvelope[] = [];
      let at = start + Math.floor(r.next() * 360 * 24 * HOUR);
      const add = (event: Omit<EventEnvelope, 'eventId' | 'referralId' | 'seq' | 'occurredAt' | 'actor'>) => {
        const envelope = {
          ...event,
          eventId: `${id}-${events.length + 1}`,
          referralId: id,
          seq: events.length + 1,
          occurredAt: new Date(at).toISOString(),
          actor: events.length ? system : actor,
        } as EventEnvelope;
        events.push(envelope);
        at += HOUR + Math.floor(r.next() * 48 * HOUR);
        return envelope;
      };
      const keyedLater = key !== undefined && r.next() < 0.15;
      const childIds = r.next() < 0.2 ? [`${id}C1`, ...(r.next() < 0.5 ? [`${id}C2`] : [])] : [];
      const facts = randomFacts();
      add({
        type: 'referral.received.v1',
        data: {
          reference: `NRM-${YEAR}-${id}`,
          channel: 'api',
          referrer: { organisationId: type, organisationType: type },
          facts,
          linkedReferrals: childIds,
          ...(key && !keyedLater ? { personKey: key } : {}),
        },
      } as never);
      const state = () => events.slice(1).reduce(applyEvent, applyEvent(undefined, events[0]!));
      const receivedDay = swedishCalendar.localDateOf(events[0]!.occurredAt);
      add({ type: 'referral.routed.v1', data: decideRoute(state(), receivedDay) } as never);
      if (keyedLater || r.next() < 0.25) {
        const corrected = { ...randomFacts(), citizenships: facts.citizenships };
        add({
          type: 'referral.corrected.v1',
          data: {
            correctionId: `${id}-c`,
            fields: ['person.gender', 'person.age', 'location'],
            reason: keyedLater ? 'identity-established' : 'new-information',
            facts: corrected,
            ...(keyedLater ? { personKey: key } : {}),
          },
        } as never);
      }
      for (const [i, answer] of (r.next() < 0.7 ? ['accept', 'decline', 'expire'] : ['none'])
        .slice(0, 1 + Math.floor(r.next() * 3))
        .entries()) {
        if (answer === 'none') break;
        const handoffId = `${id}-h${i}`;
        const recipientType = pick(['social-services', 'nsp', 'health-care'] as const);
        add({
          type: 'handoff.offered.v1',
          data: {
            handoffId,
            recipient: { type: recipientType, id: `${recipientType}-1` },
            purpose: 'nsp-shelter',
            basis: { type: 'consent', consentId: 'consent-1' },
          },
        } as never);
        if (answer === 'decline') {
          add({
            type: 'handoff.declined.v1',
            data: { handoffId, reason: pick(['no-capacity', 'criteria-not-met', 'not-responsible']) },
          } as never);
        } else if (answer === 'expire') {
          add({ type: 'handoff.expired.v1', data: { handoffId, clockId: `${handoffId}-clock` } } as never);
        } else {
          add({
            type: 'handoff.accepted.v1',
            data: { handoffId, owner: { type: 'organisation', id: `${recipientType}-1` } },
          } as never);
        }
      }
      if (r.next() < 0.4) {
        add({
          type: 'referral.closed.v1',
          data: { reason: pick(['support-established', 'unreachable', 'person-left-sweden']) },
        } as never);
      }
      logs.push(events);
      for (const [c, childId] of childIds.entries()) {
        const where = r.next();
        const location: Location =
          where < 0.4
            ? facts.location
            : where < 0.7
              ? { abroad: pick(COUNTRIES) }
              : { unknown: true, outsideSweden: true };
        const received = {
          type: 'referral.received.v1',
          eventId: `${childId}-1`,
          referralId: childId,
          seq: 1,
          occurredAt: events[0]!.occurredAt,
          actor,
          data: {
            reference: `NRM-${YEAR}-${childId}`,
            channel: 'api',
            referrer: { organisationId: type, organisationType: type },
            facts: {
              ageYears: 3 + c,
              ageGroup: 'child',
              location,
              gender: 'unknown',
              citizenships: [],
              purposes: facts.purposes,
              acuteProtection: false,
              consent: 'not-required',
              anonymous: false,
            },
            parentReferralId: id,
            linkedReferrals: [id],
          },
        } as EventEnvelope;
        logs.push([received]);
      }
    }
  }
  return { logs };
}

/** The periods a received day counts in. */
const periodsOf = (day: string) => [
  day.slice(0, 4),
  `${day.slice(0, 4)}-Q${Math.ceil(Number(day.slice(5, 7)) / 3)}`,
  day.slice(0, 7),
];

const sortedUnique = (xs: readonly string[]) => [...new Set(xs)].sort();

/**
 * The truth, written from the rules in the README (not from the aggregator's code): each referral's final facts; each
 * person (final key, or the referral alone) once per period with gender and age group from the latest referral that
 * knows them, region from the latest outside the national triage, referring type the one type or `several`,
 * purposes all named, citizenship the one known, `several` or `unknown`.
 */
function bruteForce(logs: readonly EventEnvelope[][]) {
  const referralCells = new Map<string, Map<string, number>>();
  const personCells = new Map<string, Map<string, number>>();
  const tallies = new Map<string, number>();
  const bump = (map: Map<string, Map<string, number>>, period: string, key: string) => {
    const m = map.get(period) ?? new Map<string, number>();
    m.set(key, (m.get(key) ?? 0) + 1);
    map.set(period, m);
  };
  const tally = (family: string, day: string, key: string[]) => {
    for (const p of periodsOf(day)) {
      const k = `${family}|${p}|${key.join('|')}`;
      tallies.set(k, (tallies.get(k) ?? 0) + 1);
    }
  };
  type Ref = {
    id: string;
    at: string;
    region: string;
    type: string;
    facts: ReferralFacts;
  };
  const people = new Map<string, Ref[]>();
  for (const log of logs) {
    const received = log[0]!;
    if (received.type !== 'referral.received.v1') throw new Error('log starts with received');
    const day = swedishCalendar.localDateOf(received.occurredAt);
    const final = log.slice(1).reduce(applyEvent, applyEvent(undefined, received));
    const region = decideRoute(final, day).route.region ?? 'national';
    if (received.data.parentReferralId) {
      const loc = final.facts.location;
      const where =
        'abroad' in loc || ('unknown' in loc && loc.outsideSweden)
          ? 'abroad'
          : 'unknown' in loc
            ? 'unknown'
            : 'in-sweden';
      tally('child', day, [where, region]);
      continue;
    }
    let key = `referral:${received.referralId}`;
    for (const e of log) {
      if ((e.type === 'referral.received.v1' || e.type === 'referral.corrected.v1') && e.data.personKey) {
        key = e.data.personKey;
      }
    }
    const f = final.facts;
    const cell = [
      region,
      received.data.referrer.organisationType,
      f.gender,
      f.ageGroup,
      (f.purposes.length ? sortedUnique(f.purposes) : ['unknown']).join('+'),
      (f.citizenships.length ? sortedUnique(f.citizenships) : ['unknown']).join('+'),
    ].join('|');
    for (const p of periodsOf(day)) {
      bump(referralCells, p, cell);
      const list = people.get(`${key}@${p}`) ?? [];
      list.push({
        id: received.referralId,
        at: received.occurredAt,
        region,
        type: received.data.referrer.organisationType,
        facts: f,
      });
      people.set(`${key}@${p}`, list);
    }
    // Hand-offs and closures count where the referral was routed (the queue it was worked in).
    const routed = log.find((e) => e.type === 'referral.routed.v1');
    const routedRegion =
      routed?.type === 'referral.routed.v1' ? (routed.data.route.region ?? 'national') : 'national';
    const at = (e: EventEnvelope) => swedishCalendar.localDateOf(e.occurredAt);
    const offered = new Map<string, string>();
    for (const e of log) {
      if (e.type === 'handoff.offered.v1') {
        offered.set(e.data.handoffId, e.data.recipient.type);
        tally('handoff', at(e), ['offered', routedRegion, e.data.recipient.type, '-']);
      }
      if (e.type === 'handoff.declined.v1') {
        tally('handoff', at(e), ['declined', routedRegion, offered.get(e.data.handoffId)!, e.data.reason]);
      }
      if (e.type === 'handoff.expired.v1') {
        tally('handoff', at(e), ['expired', routedRegion, offered.get(e.data.handoffId)!, 'expired']);
      }
      if (e.type === 'referral.closed.v1') {
        for (const purpose of sortedUnique(f.purposes))
          tally('outcome', at(e), [routedRegion, purpose, e.data.reason]);
      }
    }
  }
  for (const [id, refs] of people) {
    const period = id.slice(id.lastIndexOf('@') + 1);
    refs.sort((a, b) => (a.at === b.at ? a.id.localeCompare(b.id) : a.at.localeCompare(b.at)));
    const latest = (get: (r: Ref) => string, unknown: string) =>
      [...refs]
        .reverse()
        .map(get)
        .find((v) => v !== unknown) ?? unknown;
    const types = sortedUnique(refs.map((r) => r.type));
    const purposes = sortedUnique(refs.flatMap((r) => r.facts.purposes));
    const citizenships = sortedUnique(refs.flatMap((r) => r.facts.citizenships));
    const cell = [
      latest((r) => r.region, 'national'),
      types.length === 1 ? types[0] : 'several',
      latest((r) => r.facts.gender, 'unknown'),
      latest((r) => r.facts.ageGroup, 'unknown'),
      (purposes.length ? purposes : ['unknown']).join('+'),
      citizenships.length === 0 ? 'unknown' : citizenships.length === 1 ? citizenships[0] : 'several',
    ].join('|');
    bump(personCells, period, cell);
  }
  return { referralCells, personCells, tallies, people: people.size };
}

const PERIODS = [
  String(YEAR),
  ...[1, 2, 3, 4].map((q) => `${YEAR}-Q${q}`),
  ...Array.from({ length: 12 }, (_, m) => `${YEAR}-${String(m + 1).padStart(2, '0')}`),
];

async function storedCells(unit: 'referrals' | 'persons') {
  const out = new Map<string, Map<string, number>>();
  for (const period of PERIODS) {
    const { rows } = await readCells(unit, period);
    if (!rows.length) continue;
    const m = new Map<string, number>();
    for (const { cell, n } of rows) {
      m.set(cellKey(cell), n);
    }
    out.set(period, m);
  }
  return out;
}

async function storedTallies() {
  const out = new Map<string, number>();
  for (const family of ['child', 'handoff', 'outcome'] as const) {
    for (const period of PERIODS) {
      for (const { key, n } of (await readTally(family, period)).rows) {
        out.set(`${family}|${period}|${key.join('|')}`, n);
      }
    }
  }
  return out;
}

/** A map (of maps) in key order, so equal figures compare equal whatever order they were read in. */
const sortedMap = (m: Map<string, unknown>): Map<string, unknown> =>
  new Map(
    [...m]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]): [string, unknown] => [k, v instanceof Map ? sortedMap(v as Map<string, unknown>) : v]),
  );

/** Every person and referral table, and the tallies, as stored equal `expected`, whatever order they were read in. */
async function expectTables(expected: Awaited<ReturnType<typeof storedTables>>) {
  const stored = await storedTables();
  expect(sortedMap(stored.persons)).toEqual(sortedMap(expected.persons));
  expect(sortedMap(stored.referrals)).toEqual(sortedMap(expected.referrals));
  expect(sortedMap(stored.tallies)).toEqual(sortedMap(expected.tallies));
}

async function storedTables() {
  return {
    persons: await storedCells('persons'),
    referrals: await storedCells('referrals'),
    tallies: await storedTallies(),
  } as { persons: Map<string, unknown>; referrals: Map<string, unknown>; tallies: Map<string, unknown> };
}

describe('persons and referrals in every table, against the generated truth', () => {
  const year = generateYear(18);
  const want = bruteForce(year.logs);
  const truthTables = { persons: want.personCells, referrals: want.referralCells, tallies: want.tallies };
  const env = ownStatisticsTables(platform, 'stats18', () => year.logs.flat());

  it('the generated year has what the counting rules are about', () => {
    const received = year.logs.map((l) => l[0]!).filter((e) => e.type === 'referral.received.v1');
    const adults = received.filter((e) => !e.data.parentReferralId);
    expect(adults.length).toBeGreaterThan(want.people / 3);
    // People referred more than once, by more than one type of organisation, with two citizenships, keyed later.
    const year_ = want.personCells.get(String(YEAR))!;
    expect([...year_.keys()].some((k) => k.split('|')[1] === 'several')).toBe(true);
    expect([...year_.keys()].some((k) => k.endsWith('|several'))).toBe(true);
    expect(year.logs.some((l) => l.some((e) => e.type === 'referral.corrected.v1' && e.data.personKey))).toBe(
      true,
    );
    expect([...want.tallies.keys()].some((k) => k.startsWith(`child|${YEAR}|abroad`))).toBe(true);
    expect([...want.tallies.keys()].some((k) => k.startsWith(`child|${YEAR}|in-sweden`))).toBe(true);
    const totalPersons = [...year_.values()].reduce((a, b) => a + b, 0);
    const totalReferrals = [...want.referralCells.get(String(YEAR))!.values()].reduce((a, b) => a + b, 0);
    expect(totalPersons).toBeLessThan(totalReferrals);
  });

  it('counted out of order, twice and eight at a time, every person and referral table equals the truth', async () => {
    const deliveries = deliveredOutOfOrder(year.logs, { seed: 11, twice: 0.15 });
    // Two referrals of one person counted at once: one transaction is cancelled and retried, as SQS would.
    await countConcurrently(deliveries, 20);
    await expectTables(truthTables);
    // Every one-way table and a three-way one, through the use case the API calls.
    for (const d of TABLE_DIMENSIONS) {
      const t = await crossTab({ period: String(YEAR), unit: 'persons', dimensions: [d], publish: false });
      const truth = tabulate(
        [...want.personCells.get(String(YEAR))!].map(([k, n]) => ({
          cell: {
            region: k.split('|')[0]!,
            referringType: k.split('|')[1]!,
            gender: k.split('|')[2]!,
            ageGroup: k.split('|')[3]!,
            purposes: k.split('|')[4]!.split('+'),
            citizenships: k.split('|')[5]!.split('+'),
          },
          n,
        })),
        [d],
      );
      for (const [value, n] of truth) expect(t.cells.find((c) => c.at[0] === value)?.count).toBe(n);
    }
  }, 300_000);

  it('`pnpm stats:rebuild` on that store reproduces the incremental figures exactly', async () => {
    const before = await storedTables();
    const { stdout } = await promisify(execFile)('npx', ['tsx', 'packages/local/src/stats-rebuild-cli.ts'], {
      env: { ...process.env, ...env },
      cwd: new URL('../..', import.meta.url).pathname,
    });
    expect(stdout).toMatch(/rebuilt/i);
    const { Items = [] } = await dynamo().send(
      new QueryCommand({
        TableName: statisticsTableName(),
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': statisticsKeys.cells('P', statisticsKeys.year(String(YEAR))) },
      }),
    );
    expect(Items.length).toBeGreaterThan(0);
    await expectTables(before);
  }, 300_000);

  it('counted again from an emptied table in SQS batches, four at once and some twice, every table equals the truth', async () => {
    await clearStatistics();
    // The aggregator's handler counts a batch's events together (`countEvents`); two referrals of one person in a
    // batch, or in two batches at once, are counted one after the other or retried.
    const deliveries = deliveredOutOfOrder(year.logs, { seed: 12, twice: 0.15 });
    const { outcomes, notCountedOnce } = await countInBatches(deliveries, { consumers: 4, maxAttempts: 20 });
    expect(outcomes.size).toBe(new Set(deliveries.map((e) => e.eventId)).size);
    expect(notCountedOnce).toEqual([]);
    await expectTables(truthTables);
  }, 300_000);

  it("member items of the earlier layout (one a period) are folded into the person's one item as it is next counted", async () => {
    await clearStatistics();
    const deliveries = deliveredOutOfOrder(year.logs, { seed: 13, twice: 0.1 });
    const half = Math.floor(deliveries.length / 2);
    const batchSize = QUEUES.find((q) => q.name === 'statistics')!.batchSize;
    const outcomes = new Map<string, StatisticsOutcome[]>();
    await countInBatches(deliveries.slice(0, half), { consumers: 2, maxAttempts: 20, batchSize, outcomes });
    // The store as the earlier layout left it: each person's member item split into one item a period.
    const members = await memberItems();
    expect(members.length).toBeGreaterThan(20);
    for (const item of members) {
      const periods = JSON.parse(item.periods as string) as Record<string, unknown>;
      for (const [period, entries] of Object.entries(periods)) {
        await dynamo().send(
          new PutCommand({
            TableName: statisticsTableName(),
            Item: { pk: item.pk, sk: period, entries: JSON.stringify(entries), v: 1 },
          }),
        );
      }
      await dynamo().send(
        new DeleteCommand({ TableName: statisticsTableName(), Key: { pk: item.pk, sk: item.sk } }),
      );
    }
    const { notCountedOnce } = await countInBatches(deliveries.slice(half), {
      consumers: 2,
      maxAttempts: 20,
      batchSize,
      outcomes,
    });
    expect(notCountedOnce).toEqual([]);
    await expectTables(truthTables);
    // Persons counted again hold one item; the others keep their split items until they are.
    const after = await memberItems('any');
    const folded = after.filter((i) => i.sk === statisticsKeys.memberPeriods).map((i) => i.pk);
    expect(folded.length).toBeGreaterThan(0);
    expect(after.filter((i) => i.sk !== statisticsKeys.memberPeriods && folded.includes(i.pk))).toEqual([]);
  }, 300_000);
});

/** The member items of the statistics table: the one-item layout's, or of any layout. */
async function memberItems(layout: 'one-item' | 'any' = 'one-item') {
  const items: Record<string, unknown>[] = [];
  const pages = scanPages({
    TableName: statisticsTableName(),
    FilterExpression: 'begins_with(pk, :member)',
    ExpressionAttributeValues: { ':member': statisticsKeys.member('') },
    ConsistentRead: true,
  });
  for await (const page of pages) items.push(...page);
  return layout === 'any' ? items : items.filter((i) => i.sk === statisticsKeys.memberPeriods);
}
