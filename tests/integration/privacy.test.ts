// Issue 4: every read leaves exactly one audit entry, tampering with the trail is detected and named, and an adult's
// anonymous notification stores nothing that identifies her.
import {
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  ScanCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { packState } from '@nrm/store';
import { describe, expect, inject, it } from 'vitest';
import { runAuditVerify } from '../support/audit-verify';
import { dynamoClient, referralItems } from '../support/aws';
import { adultReferral, referral } from '../support/fixtures';
import { apiClient, eventually, problem } from '../support/http';
import { SEEDED, SEEDED_VALUES, seededPerson } from '../support/personal-data';
import { asView } from '../support/referral-flow';

const platform = inject('platform');
const api = apiClient(platform.url);
const db = dynamoClient(platform);

async function submitRouted(body: unknown): Promise<string> {
  const res = await api.post('/v1/referrals', body, 'police-syd-system');
  expect(res.status).toBe(201);
  await eventually(async () => {
    const r = await api.get(`/v1/referrals/${res.body.id}`, 'national-coordinator');
    // Routed; an anonymous notification is closed as counted in the same step.
    return r.body.status !== 'received' ? true : undefined;
  }, 5000);
  return res.body.id;
}

describe('audit trail', () => {
  it('records exactly one entry for every read, allowed or not, and serves the trail to the auditor', async () => {
    const id = await submitRouted(referral({ location: { municipalityCode: '1280' } }));
    const readers: [string, number][] = [
      ['child-coordinator-syd', 200],
      ['police-syd-system', 200],
      ['coordinator-syd', 404],
      ['child-coordinator-nord', 404],
      ['auditor', 404],
    ];
    const before = await api.get(`/v1/referrals/${id}/audit`, 'auditor');
    for (const [who, status] of readers) {
      expect((await api.get(`/v1/referrals/${id}`, who)).status, who).toBe(status);
    }
    const trail = await api.get(`/v1/referrals/${id}/audit`, 'auditor');
    expect(trail.status).toBe(200);
    expect(trail.body.intact).toBe(true);
    const reads = trail.body.entries.filter((e) => e.action === 'referral.read');
    const earlierReads = before.body.entries.filter((e) => e.action === 'referral.read').length;
    expect(reads.slice(earlierReads).map((e) => [e.actor.sub, e.outcome])).toEqual(
      readers.map(([who, status]) => [who, status === 200 ? 'allowed' : 'denied']),
    );
    expect(trail.body.entries.map((e) => e.action)).toContain('referral.create');
    expect(trail.body.entries.filter((e) => e.action === 'audit.read')).toHaveLength(2);
  });

  it('lets only the auditor and the national coordinator read a trail', async () => {
    const id = await submitRouted(adultReferral({ location: { municipalityCode: '1280' } }));
    expect((await api.get(`/v1/referrals/${id}/audit`, 'national-coordinator')).status).toBe(200);
    expect((await api.get(`/v1/referrals/${id}/audit`, 'coordinator-syd')).status).toBe(403);
    expect((await api.get(`/v1/referrals/${id}/audit`, 'coordinator-nord')).status).toBe(404);
    // The referrer knows its referral exists, so it is told no rather than not found.
    expect((await api.get(`/v1/referrals/${id}/audit`, 'police-syd-system')).status).toBe(403);
    expect((await api.get(`/v1/referrals/${id}/audit`, 'cso-stodgruppen')).status).toBe(404);
  });

  it('detects an entry changed directly in DynamoDB, and the verify command names it', async () => {
    const id = await submitRouted(adultReferral({ location: { municipalityCode: '0180' } }));
    await api.get(`/v1/referrals/${id}`, 'coordinator-stockholm');
    await api.get(`/v1/referrals/${id}`, 'coordinator-stockholm');

    const verify = () => runAuditVerify(platform);
    const clean = await verify();
    expect(clean.stdout).toMatch(/ 0 problems/);

    // Someone with table access rewrites who read the referral.
    const key = { pk: { S: `TRAIL#referral:${id}` }, sk: { S: 'ENTRY#0000000002' } };
    const original = await db.send(
      new GetItemCommand({ TableName: `${platform.tablePrefix}audit`, Key: key }),
    );
    const originalReader = original.Item?.actor?.M?.sub?.S;
    expect(originalReader).toBeDefined();
    const setReader = (who: string) =>
      db.send(
        new UpdateItemCommand({
          TableName: `${platform.tablePrefix}audit`,
          Key: key,
          UpdateExpression: 'SET actor.#sub = :who',
          ExpressionAttributeNames: { '#sub': 'sub' },
          ExpressionAttributeValues: { ':who': { S: who } },
        }),
      );
    await setReader('someone-else');
    const tampered = await verify();
    expect(tampered?.code).toBe(1);
    expect(tampered?.stdout).toContain(`TAMPERED referral:${id} entry 2: changed`);
    const trail = await api.get(`/v1/referrals/${id}/audit`, 'auditor');
    expect(trail.body.intact).toBe(false);

    // Put it back so the rest of the suite sees an intact table.
    await setReader(originalReader!);
    expect((await verify()).stdout).toMatch(/ 0 problems/);
  });
});

describe('personal data of a consenting adult', () => {
  it('is kept only in the personal-data item: events, state and audit carry none of it', async () => {
    const id = await submitRouted(
      adultReferral({
        person: seededPerson(),
        narrative: SEEDED.narrative,
      }),
    );
    expect((await api.get(`/v1/referrals/${id}`, 'coordinator-stockholm')).status).toBe(200);
    const Items = await referralItems(db, platform.tablePrefix, id);
    const personal = Items.filter((i) => i.sk?.S === 'PERSONAL');
    expect(personal).toHaveLength(1);
    expect(JSON.stringify(personal)).toContain(SEEDED.name);
    const rest = JSON.stringify(Items.filter((i) => i.sk?.S !== 'PERSONAL'));
    for (const value of SEEDED_VALUES) expect(rest).not.toContain(value);
    // The scan read the state itself, opened from its packed form.
    expect(rest).toContain('\\"clocks\\":[{');
  });

  it('the canary scan opens the packed state: a canary planted in a state item is found', async () => {
    // A state item of a referral of its own, written raw with a canary inside the packed state.
    const id = `privacy-canary-${Date.now()}`;
    const Key = { pk: { S: `REFERRAL#${id}` }, sk: { S: 'STATE' } };
    const planted = packState({ id, status: 'routed', facts: { note: SEEDED.name } } as never);
    await db.send(
      new PutItemCommand({
        TableName: `${platform.tablePrefix}referrals`,
        Item: { ...Key, entity: { S: 'privacy-canary' }, stateZ: { B: planted } },
      }),
    );
    try {
      // Packed, the canary's bytes are not there to find; the scan opens the state and finds it.
      expect(Buffer.from(planted).toString('latin1')).not.toContain(SEEDED.name);
      expect(JSON.stringify(await referralItems(db, platform.tablePrefix, id))).toContain(SEEDED.name);
    } finally {
      await db.send(new DeleteItemCommand({ TableName: `${platform.tablePrefix}referrals`, Key }));
    }
  });
});

describe('anonymous notification', () => {
  it('keeps none of the identifying fields that were sent for an adult without consent', async () => {
    const body = adultReferral({
      person: seededPerson({ alias: SEEDED.alias, citizenships: ['RO'] }),
      consent: { status: 'not-given' },
      narrative: SEEDED.narrative,
    });
    const id = await submitRouted(body);
    const view = await api.get(`/v1/referrals/${id}`, 'national-coordinator');
    expect(asView(view.body, 'case').anonymous).toBe(true);
    expect(asView(view.body, 'case').route?.queue).toBe('stockholm:adult');

    const Items = await referralItems(db, platform.tablePrefix, id);
    expect(Items.length).toBeGreaterThanOrEqual(3);
    expect(Items.map((i) => i.sk?.S)).not.toContain('PERSONAL');
    const raw = JSON.stringify(Items);
    for (const value of [...SEEDED_VALUES, '1991', '19121212']) expect(raw).not.toContain(value);

    const audit = await db.send(new ScanCommand({ TableName: `${platform.tablePrefix}audit` }));
    for (const value of SEEDED_VALUES) expect(JSON.stringify(audit.Items)).not.toContain(value);
  });

  it('rejects an identity number with a wrong check digit, naming the field', async () => {
    const res = await api.post(
      '/v1/referrals',
      adultReferral({ person: { age: { unknown: true }, gender: 'male', identityNumber: '191212121213' } }),
      'police-syd-system',
    );
    expect(res.status).toBe(400);
    expect(problem(res).errors?.map((e) => e.path)).toEqual(['person.identityNumber']);
  });
});
