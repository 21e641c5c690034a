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
  let entries = 0;
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamo().send(new ScanCommand({ TableName: auditTableName(), ExclusiveStartKey }));
    for (const item of page.Items ?? []) {
      const { pk, sk: _sk, actorPk: _actorPk, ...entry } = item;
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
  return { trails: trails.size, entries, problems };
}
