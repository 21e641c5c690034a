// Errors the store raises for conditions callers decide on (not infrastructure failures, which propagate as they are).
import { Conflict, TooManyRequests } from '@nrm/domain/errors';
import type { ConditionName } from './transaction';

/**
 * Another writer changed the aggregate since it was read; reload and decide again. A command retries a few times;
 * if writers still win every race, the caller gets the conflict (409), never a 500.
 */
export class VersionConflict extends Conflict {
  override readonly name = 'VersionConflict';
  constructor(readonly referralId: string) {
    super(`Referral ${referralId} changed concurrently`);
  }
}

/** The idempotency key was already used; the caller reads the first result. */
export class IdempotencyKeyTaken extends Error {
  override readonly name = 'IdempotencyKeyTaken';
}

/**
 * A condition on one of the extra items written with the events failed; `failed` names which (the names the items
 * were written under, transaction.ts), so a caller never decodes an item's position.
 */
export class ExtraItemConditionFailed extends Error {
  override readonly name = 'ExtraItemConditionFailed';
  constructor(
    readonly referralId: string,
    readonly failed: readonly ConditionName[],
    options?: { readonly cause?: unknown },
  ) {
    super(
      `A condition on an item written with the events of referral ${referralId} failed: ${failed.join(', ')}`,
      options,
    );
  }
}

/** A submission quota is used up until `retryAfterSeconds` from now (HTTP 429 with Retry-After). */
export class QuotaExceeded extends TooManyRequests {
  override readonly name = 'QuotaExceeded';
  constructor(retryAfterSeconds: number) {
    super(retryAfterSeconds, 'The submission quota for this hour is used up; try again later.');
  }
}
