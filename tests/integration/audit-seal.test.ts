// Issue 15: the audit trail cannot be rewritten unnoticed. A role that may put items in the audit table (the API's)
// can overwrite an entry and recompute every later hash so the chain holds; the checkpoint the audit sealer signed
// with a key that role cannot read no longer matches, and `audit:verify` names the trail. A checkpoint not made with
// the seal key is named too.
import { DeleteCommand, DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { type AuditEntry, hashEntry } from '@nrm/store';
import { describe, expect, inject, it } from 'vitest';
import { runAuditVerify } from '../support/audit-verify';
import { dynamoClient } from '../support/aws';
import { adultReferral } from '../support/fixtures';
import { apiClient, eventually } from '../support/http';

const platform = inject('platform');
const api = apiClient(platform.url);
const db = DynamoDBDocumentClient.from(dynamoClient(platform));
const TableName = `${platform.tablePrefix}audit`;

const verify = () => runAuditVerify(platform);

async function sealedReferralTrail(): Promise<{
  id: string;
  items: Record<string, unknown>[];
  sealedSeq: number;
}> {
  const res = await api.post(
    '/v1/referrals',
    adultReferral({ location: { municipalityCode: '0180' } }),
    'police-syd-system',
  );
  expect(res.status).toBe(201);
  const id = res.body.id;
  await eventually(async () => {
    const r = await api.get(`/v1/referrals/${id}`, 'national-coordinator');
    return r.body.status === 'routed' ? true : undefined;
  }, 5000);
  await api.get(`/v1/referrals/${id}`, 'coordinator-stockholm');
  await api.get(`/v1/referrals/${id}`, 'coordinator-stockholm');
  // What the schedule does every few minutes: the audit sealer signs the head of each chain that grew.
  expect((await api.post('/local/schedule/run', {})).status).toBe(200);

  const query = async (pk: string, newestOnly = false) =>
    (
      await db.send(
        new QueryCommand({
          TableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': pk },
          ConsistentRead: true,
          ...(newestOnly ? { ScanIndexForward: false, Limit: 1 } : {}),
        }),
      )
    ).Items ?? [];
  const items = await query(`TRAIL#referral:${id}`);
  const checkpoints = await query(`CHECKPOINT#referral:${id}`, true);
  const sealedSeq = checkpoints[0]?.seq as number;
  expect(sealedSeq, 'the head of the trail is sealed').toBe(items.length);
  expect(items.length).toBeGreaterThanOrEqual(3);
  return { id, items, sealedSeq };
}

describe('audit seal', () => {
  it('names a trail whose entry was overwritten and whose chain was recomputed with the API role’s puts', async () => {
    const { id, items, sealedSeq } = await sealedReferralTrail();
    const clean = await verify();
    expect(clean.stdout).toMatch(/ [1-9]\d* checkpoints, 0 problems/);

    // As a compromised API role could: plain PutItem (no condition) of TRAIL# items, entry 2 made to name someone
    // else, and every later entry's link and hash recomputed so the chain itself holds.
    let previousHash = items[0]!.hash as string;
    for (const item of items.slice(1)) {
      const rewritten: Record<string, unknown> = { ...item, previousHash };
      if (item.seq === 2) rewritten.actor = { ...(item.actor as object), sub: 'someone-else' };
      const { pk: _pk, sk: _sk, actorPk: _actorPk, sealPk: _sealPk, hash: _hash, ...unsigned } = rewritten;
      rewritten.hash = hashEntry(unsigned as unknown as Omit<AuditEntry, 'hash'>);
      previousHash = rewritten.hash as string;
      await db.send(new PutCommand({ TableName, Item: rewritten }));
    }
    const tampered = await verify();
    expect(tampered.code).toBe(1);
    expect(tampered.stdout).toContain(`TAMPERED referral:${id} entry ${sealedSeq}: differs-from-checkpoint`);
    // The chain alone no longer shows it: the checkpoint is the only problem named.
    expect(tampered.stdout.match(/^TAMPERED /gm)).toHaveLength(1);

    // Put the originals back so the rest of the suite sees an intact table.
    for (const item of items.slice(1)) await db.send(new PutCommand({ TableName, Item: item }));
    expect((await verify()).stdout).toMatch(/ 0 problems/);
  });

  it('names a checkpoint that the seal key did not sign', async () => {
    const { id, items } = await sealedReferralTrail();
    const head = items[items.length - 1]!;
    const forged = {
      pk: `CHECKPOINT#referral:${id}`,
      sk: 'SEQ#9999999999',
      subject: `referral:${id}`,
      seq: 9999999999,
      hash: head.hash,
      sealedAt: new Date().toISOString(),
      mac: 'ab'.repeat(32),
    };
    await db.send(new PutCommand({ TableName, Item: forged }));
    const result = await verify();
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`TAMPERED referral:${id} entry 9999999999: forged-checkpoint`);

    await db.send(new DeleteCommand({ TableName, Key: { pk: forged.pk, sk: forged.sk } }));
    expect((await verify()).stdout).toMatch(/ 0 problems/);
  });
});
