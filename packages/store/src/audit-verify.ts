// Verifies every audit trail in the table: reads all entries, recomputes each chain, and reports what broke.
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '@nrm/runtime';
import { type AuditEntry, auditTableName, type TrailProblem, verifyEntries } from './audit';

export interface VerifyReport {
  readonly trails: number;
  readonly entries: number;
  readonly problems: TrailProblem[];
}

export async function verifyAllTrails(): Promise<VerifyReport> {
  const trails = new Map<string, AuditEntry[]>();
  const listings: { referralId: string; subject: string; seq: number }[] = [];
  let entries = 0;
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamo().send(new ScanCommand({ TableName: auditTableName(), ExclusiveStartKey }));
    for (const item of page.Items ?? []) {
      const { pk, sk: _sk, actorPk: _actorPk, ...entry } = item;
      if (String(pk).startsWith('LISTED#')) {
        listings.push({ referralId: String(pk).slice(7), subject: item.subject, seq: item.seq });
        continue;
      }
      const subject = String(pk).replace(/^TRAIL#/, '');
      trails.set(subject, [...(trails.get(subject) ?? []), entry as AuditEntry]);
      entries++;
    }
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  const problems = [...trails].flatMap(([subject, list]) =>
    verifyEntries(
      subject,
      list.sort((a, b) => a.seq - b.seq),
    ),
  );
  // Each listing index must point at a chain entry that lists the referral (the chain's hash covers that entry).
  for (const listing of listings) {
    const entry = trails.get(listing.subject)?.find((e) => e.seq === listing.seq);
    if (!entry?.referralIds?.includes(listing.referralId)) {
      problems.push({ subject: listing.subject, seq: listing.seq, problem: 'unrecorded-listing' });
    }
  }
  return { trails: trails.size, entries, problems };
}
