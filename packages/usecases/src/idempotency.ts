// Idempotency-Key for the actions that create something on a referral (notes, supplements, hand-offs): the key is
// reserved in the same transaction as the events, so a retried request answers with what the first one created and
// never creates a second (api.md). The same key with another request is IdempotencyMismatch (422).
import { createHash } from 'node:crypto';
import type { Principal } from '@nrm/domain';
import { IdempotencyMismatch } from '@nrm/domain';
import { findIdempotencyRecord, IDEMPOTENCY_WINDOW_SECONDS, type IdempotencyRecord } from '@nrm/store';

/** Key order must not change the hash: `{a,b}` and `{b,a}` are the same request. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export interface IdempotentRequest {
  readonly key: string;
  /** What the request does to what, e.g. `notes:<referral id>`: the same key on another endpoint is another request. */
  readonly scope: string;
  readonly body: unknown;
}

const hashOf = (request: IdempotentRequest) =>
  createHash('sha256')
    .update(`${request.scope}\n${canonicalJson(request.body)}`)
    .digest('hex');

/** What an earlier request with this key answered, or undefined; IdempotencyMismatch if it was another request. */
export async function earlierResult(
  principal: Principal,
  request: IdempotentRequest,
  now: Date,
): Promise<Readonly<Record<string, string>> | undefined> {
  const earlier = await findIdempotencyRecord(
    principal.organisationId,
    request.key,
    Math.floor(now.getTime() / 1000),
  );
  if (!earlier) return undefined;
  if (earlier.requestHash !== hashOf(request)) throw new IdempotencyMismatch();
  return earlier.result;
}

export function idempotencyRecord(
  principal: Principal,
  request: IdempotentRequest,
  result: Readonly<Record<string, string>>,
  now: Date,
): IdempotencyRecord {
  return {
    organisationId: principal.organisationId,
    key: request.key,
    requestHash: hashOf(request),
    result,
    expiresAt: Math.floor(now.getTime() / 1000) + IDEMPOTENCY_WINDOW_SECONDS,
  };
}
