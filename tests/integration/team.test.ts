// Issue 20, what it must show 3 (and the API of 1 and 4): working as a team against the running API. A coordinator
// takes a referral or gives it to a colleague, the lead moves it and sees the team's workload, "my cases" follows;
// a case is found by its number and by name + date of birth in one's own scope, and nowhere else; and the searched
// name reaches no URL, audit entry, event or other item (the platform's log is scanned for it by the global setup).
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, inject, it } from 'vitest';
import { dynamoClient, referralItems } from '../support/aws';
import { adultReferral } from '../support/fixtures';
import { apiClient } from '../support/http';
import { SEEDED_IN_SEARCH } from '../support/personal-data';
import { submitRouted } from '../support/referral-flow';

const platform = inject('platform');
const api = apiClient(platform.url);
const db = dynamoClient(platform);

const inSyd = (person: Record<string, unknown> = {}) =>
  adultReferral({
    location: { municipalityCode: '1280' },
    person: { age: { estimatedYears: 30 }, gender: 'female', citizenships: ['RO'], ...person },
  });

const myCases = async (who: string) => (await api.get('/v1/my/cases', who)).body.items.map((i) => i.id);

describe('assignment', () => {
  it('a coordinator takes a referral, gives it to a colleague with a reason; the office stays the owner', async () => {
    // The colleague becomes known to the office when she opens her cases.
    expect((await api.get('/v1/my/cases', 'coordinator-syd-2')).status).toBe(200);
    const { id } = await submitRouted(api, inSyd());

    const taken = await api.post(`/v1/referrals/${id}/assign`, {}, 'coordinator-syd');
    expect(taken.status, JSON.stringify(taken.body)).toBe(200);
    expect(taken.body.owner).toEqual({ type: 'coordinator-office', id: 'coordinator-office:syd:adult' });
    expect(await myCases('coordinator-syd')).toContain(id);

    const noReason = await api.post(
      `/v1/referrals/${id}/assign`,
      { assignee: 'coordinator-syd-2' },
      'coordinator-syd',
    );
    expect(noReason.status).toBe(422);
    const given = await api.post(
      `/v1/referrals/${id}/assign`,
      { assignee: 'coordinator-syd-2', reason: 'workload' },
      'coordinator-syd',
    );
    expect(given.status).toBe(200);
    expect(await myCases('coordinator-syd')).not.toContain(id);
    expect(await myCases('coordinator-syd-2')).toContain(id);

    // Not to someone outside the office, and not by someone outside the queue.
    const outsider = await api.post(
      `/v1/referrals/${id}/assign`,
      { assignee: 'coordinator-nord', reason: 'workload' },
      'coordinator-syd',
    );
    expect(outsider.status).toBe(422);
    expect((await api.post(`/v1/referrals/${id}/assign`, {}, 'coordinator-nord')).status).toBe(404);
    // A lead assigns; she does not take cases herself.
    expect((await api.post(`/v1/referrals/${id}/assign`, { reason: 'workload' }, 'lead-syd')).status).toBe(
      422,
    );

    const back = await api.post(`/v1/referrals/${id}/unassign`, { reason: 'absence' }, 'lead-syd');
    expect(back.status).toBe(200);
    expect(await myCases('coordinator-syd-2')).not.toContain(id);
  });

  it("the lead sees the team's workload: per coordinator, and who waits unassigned", async () => {
    expect((await api.get('/v1/my/cases', 'coordinator-syd-2')).status).toBe(200);
    const waiting = await submitRouted(api, inSyd());
    const worked = await submitRouted(api, inSyd());
    expect((await api.post(`/v1/referrals/${worked.id}/assign`, {}, 'coordinator-syd')).status).toBe(200);

    const team = await api.get('/v1/queues/syd:adult/team', 'lead-syd');
    expect(team.status).toBe(200);
    const subs = team.body.coordinators.map((c) => c.sub);
    expect(subs).toEqual(expect.arrayContaining(['coordinator-syd', 'coordinator-syd-2']));
    expect(team.body.coordinators.find((c) => c.sub === 'coordinator-syd')!.open).toBeGreaterThanOrEqual(1);
    expect(team.body.unassigned.map((u) => u.id)).toContain(waiting.id);
    expect(team.body.unassigned.map((u) => u.id)).not.toContain(worked.id);

    expect((await api.get('/v1/queues/syd:adult/team', 'lead-nord')).status).toBe(403);
    expect((await api.get('/v1/queues/syd:adult/team', 'coordinator-syd')).status).toBe(403);
    expect((await api.get('/v1/queues/syd:child/team', 'lead-syd')).status).toBe(403);
  });
});

describe('finding a case', () => {
  it('by its number for whoever may read it whole, 404 for anyone else, audited', async () => {
    const { id, reference } = await submitRouted(api, inSyd());
    const found = await api.get(`/v1/references/${reference}`, 'coordinator-syd');
    expect(found.status).toBe(200);
    expect(found.body.id).toBe(id);
    for (const who of ['coordinator-nord', 'child-coordinator-syd', 'police-syd-system', 'auditor']) {
      expect((await api.get(`/v1/references/${reference}`, who)).status, who).toBe(404);
    }
    expect((await api.get('/v1/references/NRM-1999-999999', 'coordinator-syd')).status).toBe(404);
    expect((await api.get('/v1/references/123', 'coordinator-syd')).status).toBe(400);

    const trail = await api.get(`/v1/referrals/${id}/audit`, 'auditor');
    const reads = trail.body.entries
      .filter((e) => e.action === 'referral.read')
      .map((e) => [e.actor.sub, e.outcome]);
    expect(reads).toContainEqual(['coordinator-syd', 'allowed']);
    expect(reads).toContainEqual(['coordinator-nord', 'denied']);
  });

  it('by name or alias and date of birth within her scope; another region finds nothing; no trace of the name', async () => {
    const { name, alias, dateOfBirth } = SEEDED_IN_SEARCH;
    const { id, reference } = await submitRouted(api, inSyd({ name, alias, age: { dateOfBirth } }));
    const search = (who: string, body: unknown) => api.post('/v1/search/referrals', body, who);

    // Case, accents and name order do not matter; the alias finds it too.
    for (const query of [name, 'lindqvist-sokbar ORIANA', alias]) {
      const res = await search('coordinator-syd', { name: query, dateOfBirth });
      expect(res.status, query).toBe(200);
      expect(res.body.items.map((h) => h.reference)).toContain(reference);
    }
    expect((await search('coordinator-syd', { name, dateOfBirth: '1994-02-28' })).body.items).toEqual([]);
    expect((await search('coordinator-nord', { name, dateOfBirth })).body.items).toEqual([]);
    expect((await search('child-coordinator-syd', { name, dateOfBirth })).body.items).toEqual([]);
    expect(
      (await search('national-coordinator', { name, dateOfBirth })).body.items.map((h) => h.id),
    ).toContain(id);
    expect((await search('lead-syd', { name, dateOfBirth })).status).toBe(403);
    expect((await search('police-syd-system', { name, dateOfBirth })).status).toBe(403);
    expect((await search('coordinator-syd', { name })).status).toBe(400);

    // The canary scan: the audit trail holds the search under a keyed hash, with what it found, never the name or
    // date; the referral's items other than the personal-data item hold neither.
    const audit = await db.send(new ScanCommand({ TableName: `${platform.tablePrefix}audit` }));
    const entries = JSON.stringify(audit.Items);
    for (const value of [name, alias, dateOfBirth, 'Sökbar', 'sokbar', 'oriana']) {
      expect(entries.toLowerCase()).not.toContain(value.toLowerCase());
    }
    expect(entries).toContain('referral.search');
    const Items = await referralItems(db, platform.tablePrefix, id);
    const personal = Items.filter((i) => i.sk?.S === 'PERSONAL');
    expect(personal).toHaveLength(1);
    expect(personal[0]!.nameKey?.S).toMatch(/^nk1\./);
    expect(personal[0]!.aliasKey?.S).toMatch(/^nk1\./);
    const rest = JSON.stringify(Items.filter((i) => i.sk?.S !== 'PERSONAL'));
    for (const value of [name, alias, dateOfBirth]) expect(rest).not.toContain(value);
  });

  it('is limited per person per minute', async () => {
    const body = { name: 'Ingen Alls', dateOfBirth: '1980-01-01' };
    const statuses: number[] = [];
    // The limit is 10 a minute (NRM_SEARCH_RATE_LIMIT_PER_MINUTE); another person is not held back by it.
    for (let i = 0; i < 12; i++)
      statuses.push((await api.post('/v1/search/referrals', body, 'coordinator-mitt')).status);
    expect(statuses.slice(0, 10).every((s) => s === 200)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
    expect((await api.post('/v1/search/referrals', body, 'child-coordinator-mitt')).status).toBe(200);
  });
});
