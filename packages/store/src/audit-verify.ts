// Verifies every audit trail in the table: reads all entries, recomputes each chain, checks every signed checkpoint
// against the seal key and the chain, and reports what broke.
import {
  type AuditEntry,
  auditTableName,
  entryOfItem,
  subjectOfTrailKey,
  type TrailProblem,
  verifyEntries,
} from './audit';
import { checkpointIsGenuine, isCheckpointKey, type SignedCheckpoint } from './audit-seal';
import { auditKeys } from './keys';
import { scanPages } from './query';

export interface VerifyReport {
  readonly trails: number;
  readonly entries: number;
  readonly checkpoints: number;
  readonly problems: TrailProblem[];
}

export interface VerifyOptions {
  /** The audit seal key; without it the checkpoints cannot be checked, and verifying stops if there are any. */
  readonly sealKey?: string;
}

export async function verifyAllTrails(options: VerifyOptions = {}): Promise<VerifyReport> {
  const trails = new Map<string, AuditEntry[]>();
  const listings: { referralId: string; subject: string; seq: number }[] = [];
  const checkpoints: SignedCheckpoint[] = [];
  let entries = 0;
  for await (const items of scanPages({ TableName: auditTableName() })) {
    for (const item of items) {
      const pk = String(item.pk);
      if (auditKeys.listed.is(pk)) {
        listings.push({ referralId: auditKeys.listed.rest(pk), subject: item.subject, seq: item.seq });
      } else if (isCheckpointKey(pk)) {
        const { pk: _pk, sk: _sk, ...checkpoint } = item;
        checkpoints.push(checkpoint as SignedCheckpoint);
      } else if (auditKeys.trail.is(pk)) {
        const subject = subjectOfTrailKey(pk);
        trails.set(subject, [...(trails.get(subject) ?? []), entryOfItem(item)]);
        entries++;
      }
    }
  }
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
  if (checkpoints.length && !options.sealKey) {
    throw new Error('The audit table has signed checkpoints: verifying needs the audit seal key');
  }
  // A genuine checkpoint must still find its hash at its seq. The chain check above proves each stored hash follows
  // from the entries; this proves the entries up to the checkpoint are the ones that were sealed.
  for (const checkpoint of checkpoints) {
    const { subject, seq } = checkpoint;
    if (!checkpointIsGenuine(checkpoint, options.sealKey!)) {
      problems.push({ subject, seq, problem: 'forged-checkpoint' });
      continue;
    }
    const entry = trails.get(subject)?.find((e) => e.seq === seq);
    if (entry?.hash !== checkpoint.hash) problems.push({ subject, seq, problem: 'differs-from-checkpoint' });
  }
  return { trails: trails.size, entries, checkpoints: checkpoints.length, problems };
}
