// Issue 4, what it must show 5: with an injected clock, a referral closed longer ago than its retention period has
// no personal data left in any table, the erasure is audited, and what was counted stays. Runs on its own platform
// because it moves the platform's clock years ahead.
import { setTimeout as sleep } from 'node:timers/promises';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { type Platform, startPlatform } from '@nrm/local';
import { setClockOffset } from '@nrm/runtime';
import { statisticsKeys } from '@nrm/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dynamoClient, readableItems } from '../support/aws';
import { adultReferral } from '../support/fixtures';
import { apiClient, eventually } from '../support/http';
import { SEEDED, SEEDED_VALUES, seededPerson } from '../support/personal-data';

let platform: Platform;
const DAY = 24 * 60 * 60 * 1000;

beforeAll(async () => {
  platform = await startPlatform({ port: 0, visibilitySeconds: 2, logLevel: 'ERROR' });
});

afterAll(async () => {
  setClockOffset(0);
  await platform?.stop();
});

async function scanAll(table: string): Promise<string> {
  const db = dynamoClient(platform.endpoints);
  const items: unknown[] = [];
  let ExclusiveStartKey: Record<string, never> | undefined;
  do {
    const page = await db.send(
      new ScanCommand({ TableName: `${platform.tablePrefix}${table}`, ExclusiveStartKey }),
    );
    // The referral's state is stored compressed: the scan reads it opened.
    items.push(...readableItems(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey as typeof ExclusiveStartKey;
  } while (ExclusiveStartKey);
  return JSON.stringify(items);
}

describe('retention', () => {
  it('erases the personal data of a referral closed longer ago than the retention period, and only that', async () => {
    const api = apiClient(platform.url);
    const person = seededPerson({ alias: SEEDED.alias });
    const submit = async () => {
      const res = await api.post(
        '/v1/referrals',
        adultReferral({ person, narrative: SEEDED.narrative }),
        'police-syd-system',
      );
      expect(res.status).toBe(201);
      await eventually(async () => {
        const r = await api.get(`/v1/referrals/${res.body.id}`, 'national-coordinator');
        return r.body.status === 'routed' ? true : undefined;
      }, 10_000);
      return res.body.id;
    };
    const closed = await submit();
    const stillOpen = await submit();

    expect((await api.post(`/v1/referrals/${closed}/acknowledge`, {}, 'coordinator-stockholm')).status).toBe(
      200,
    );
    expect(
      (
        await api.post(
          `/v1/referrals/${closed}/notes`,
          { text: `Samtal: ${SEEDED.narrative}` },
          'coordinator-stockholm',
        )
      ).status,
    ).toBe(201);
    const close = await api.post(
      `/v1/referrals/${closed}/close`,
      { reason: 'support-established' },
      'coordinator-stockholm',
    );
    expect(close.status, JSON.stringify(close.body)).toBe(200);
    expect(await scanAll('referrals')).toContain(SEEDED.name);

    // The statistics that counted these referrals, once the aggregator has caught up.
    const year = new Date().getUTCFullYear();
    const statistics = async () =>
      JSON.stringify([
        (await api.get(`/v1/stats/summary?period=${year}`, 'national-coordinator')).body,
        (await api.get(`/v1/stats/handoff-times?period=${year}`, 'national-coordinator')).body,
        (await api.get(`/v1/stats/yearly-report?year=${year}`, 'national-coordinator')).body,
      ]);
    let counted = '';
    await eventually(async () => {
      const now = await statistics();
      const stable = now === counted;
      counted = now;
      await sleep(1000);
      return stable ? true : undefined;
    }, 30_000);
    // Both referrals, and the one person they are about, are counted.
    expect(JSON.parse(counted)[0]).toMatchObject({ referrals: 2, persons: 1 });

    // The pseudonymous person key both were counted under (a keyed hash: personal data too, GDPR recital 26).
    const personKey = (
      JSON.parse(await scanAll('referrals')) as {
        pk: { S: string };
        sk: { S: string };
        event?: { M: unknown };
      }[]
    )
      .map((i) =>
        i.pk.S === `REFERRAL#${closed}` && i.sk.S === 'EVENT#00000001' ? JSON.stringify(i.event) : '',
      )
      .join('')
      .match(/"personKey":\{"S":"([^"]+)"\}/)?.[1];
    expect(personKey).toBeDefined();
    expect(await scanAll('statistics')).toContain(`REFERRAL#${closed}`);

    // A day short of the period: nothing happens.
    setClockOffset(3 * 365 * DAY - DAY);
    await platform.runSchedule();
    expect((await scanAll('referrals')).split(SEEDED.name).length - 1).toBe(2);

    // Past the period: the closed referral's personal data is gone; the open one keeps it.
    setClockOffset(3 * 365 * DAY + DAY);
    await platform.runSchedule();
    const after = await scanAll('referrals');
    expect(after.split(SEEDED.name).length - 1).toBe(1);
    const closedItems = JSON.stringify(
      JSON.parse(after).filter((i: { pk: { S: string } }) => i.pk.S === `REFERRAL#${closed}`),
    );
    for (const value of SEEDED_VALUES) expect(closedItems).not.toContain(value);
    expect(closedItems).toContain('referral.personal-data-erased.v1');
    // Nor its person key: gone from its received event, and its link in the statistics table deleted. The same
    // person's open referral keeps its key, its link and the person's period markers.
    expect(closedItems).not.toContain(personKey);
    const statisticsItems = await scanAll('statistics');
    expect(statisticsItems).not.toContain(`REFERRAL#${closed}`);
    expect(statisticsItems).toContain(`REFERRAL#${stillOpen}`);
    // The person's member items still count the erased referral, under an id that names no referral.
    const members = (JSON.parse(statisticsItems) as { pk: { S: string }; periods?: { S: string } }[]).filter(
      (i) => i.pk.S.startsWith(statisticsKeys.member('')),
    );
    expect(members.length).toBeGreaterThan(0);
    for (const m of members) expect(m.periods!.S).not.toContain(closed);
    expect(members.some((m) => m.periods!.S.includes('erased:'))).toBe(true);
    expect(
      JSON.stringify(
        JSON.parse(after).filter((i: { pk: { S: string } }) => i.pk.S === `REFERRAL#${stillOpen}`),
      ),
    ).toContain(personKey);

    // The referral itself, its history and its counts remain; the erasure is in the audit trail.
    const view = await api.get(`/v1/referrals/${closed}`, 'national-coordinator');
    expect(view.status).toBe(200);
    expect(view.body.status).toBe('closed');
    const trail = await api.get(`/v1/referrals/${closed}/audit`, 'auditor');
    expect(trail.body.entries.map((e) => e.action)).toContain('referral.erase-personal-data');
    for (const value of SEEDED_VALUES) expect(await scanAll('audit')).not.toContain(value);

    // What was counted stays counted.
    await sleep(2000);
    expect(await statistics()).toBe(counted);

    // Running the purge again finds nothing more to do.
    await platform.runSchedule();
    expect(
      JSON.parse(await scanAll('referrals')).filter(
        (i: { type?: { S: string } }) => i.type?.S === 'referral.personal-data-erased.v1',
      ),
    ).toHaveLength(1);
  });
});
