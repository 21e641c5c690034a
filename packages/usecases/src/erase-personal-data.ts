// The retention purge: closed referrals whose retention period has run out lose their personal data (the
// personal-data item and every free text), recorded as an event and in the audit trail. Counts, events and
// statistics stay, so nothing that was counted changes.
import { applyEvent, type EventEnvelope, erasureCutoff, SYSTEM_ACTOR } from '@nrm/domain';
import {
  appendAudit,
  appendEvents,
  getReferralState,
  listErasureCandidates,
  personalDataDeletes,
  runDeletes,
  VersionConflict,
} from '@nrm/store';
import { ulid } from 'ulid';

/** DynamoDB allows 100 items per transaction; the event and state take two. */
const DELETES_PER_TRANSACTION = 90;

export async function erasePersonalData(now: Date, retentionDays: number): Promise<{ erased: string[] }> {
  const cutoff = erasureCutoff(now, retentionDays).toISOString();
  const erased: string[] = [];
  for (const id of await listErasureCandidates(cutoff)) {
    const state = await getReferralState(id);
    // Reopened or already erased since the index was read: nothing to do.
    if (state?.status !== 'closed' || state.personalDataErasedAt || !state.closedAt) continue;
    if (state.closedAt > cutoff) continue;
    const deletes = await personalDataDeletes(id);
    // Long note histories are deleted ahead of the final transaction; a crash in between is finished next run.
    const ahead = deletes.splice(0, Math.max(0, deletes.length - DELETES_PER_TRANSACTION));
    await runDeletes(ahead, DELETES_PER_TRANSACTION);
    const event: EventEnvelope = {
      type: 'referral.personal-data-erased.v1',
      data: { retentionDays, itemsErased: deletes.length },
      eventId: ulid(now.getTime()),
      referralId: id,
      seq: state.version + 1,
      occurredAt: now.toISOString(),
      actor: SYSTEM_ACTOR,
    };
    try {
      await appendEvents({
        expectedVersion: state.version,
        events: [event],
        state: applyEvent(state, event),
        extra: deletes,
      });
    } catch (error) {
      if (error instanceof VersionConflict) continue; // changed meanwhile (e.g. reopened): decided again next run
      throw error;
    }
    await appendAudit({
      subject: `referral:${id}`,
      action: 'referral.erase-personal-data',
      outcome: 'allowed',
      actor: { sub: 'retention-purge', role: 'system', organisationId: 'nrm', organisationType: 'system' },
      requestId: event.eventId,
      at: now.toISOString(),
    });
    erased.push(id);
  }
  return { erased };
}
