// The audit sealer's run: signs the head of every audit chain that grew since the last run, shard by shard, reading
// only the seal index from a little before its watermark (bounded, never a table scan).
import {
  auditHead,
  auditKeys,
  isSealed,
  putCheckpoint,
  readAppendsSince,
  readSealWatermark,
  SEAL_SHARDS,
  signCheckpoint,
  writeSealWatermark,
} from '@nrm/store';

/**
 * How far before the watermark each run reads again: an entry carries the time of its request, so one appended by a
 * request still running at the last seal can sort before the watermark. Re-reading is harmless (a sealed seq is
 * never signed again).
 */
const OVERLAP_MS = 5 * 60_000;
/** Index pages one shard reads per run; the watermark keeps its place, so a backlog is sealed over several runs. */
const MAX_PAGES = 20;
/** Chains sealed in parallel per shard: a backlog (the first run over a demo year) takes seconds, not minutes. */
const SUBJECTS_AT_ONCE = 10;

export interface SealResult {
  readonly sealed: number;
}

export async function sealAuditTrails(now: Date, sealKey: string): Promise<SealResult> {
  const sealedAt = now.toISOString();
  const counts = await Promise.all(
    Array.from({ length: SEAL_SHARDS }, (_, i) => sealShard(auditKeys.sealShard(i), sealedAt, sealKey)),
  );
  return { sealed: counts.reduce((a, b) => a + b, 0) };
}

async function sealShard(shard: string, sealedAt: string, sealKey: string): Promise<number> {
  const watermark = await readSealWatermark(shard);
  // The first run reads the shard from its beginning (an ISO time sorts after '0').
  const since = watermark ? new Date(Date.parse(watermark) - OVERLAP_MS).toISOString() : '0';
  const subjects = new Set<string>();
  let newest = watermark;
  let next: Record<string, unknown> | undefined;
  let pages = 0;
  do {
    const page = await readAppendsSince(shard, since, next);
    for (const subject of page.subjects) subjects.add(subject);
    if (page.newestAt && (!newest || page.newestAt > newest)) newest = page.newestAt;
    next = page.next;
  } while (next && ++pages < MAX_PAGES);
  let sealed = 0;
  const pending = [...subjects];
  for (let i = 0; i < pending.length; i += SUBJECTS_AT_ONCE) {
    const written = await Promise.all(
      pending.slice(i, i + SUBJECTS_AT_ONCE).map(async (subject) => {
        const { seq, hash } = await auditHead(subject);
        // A head the run before sealed is not signed again (most of them: the overlap reads them again).
        if (seq === 0 || (await isSealed(subject, seq))) return false;
        return putCheckpoint(signCheckpoint({ subject, seq, hash, sealedAt }, sealKey));
      }),
    );
    sealed += written.filter(Boolean).length;
  }
  // Only after every head is sealed: a failed run reads the same appends again.
  if (newest && newest !== watermark) await writeSealWatermark(shard, newest);
  return sealed;
}
