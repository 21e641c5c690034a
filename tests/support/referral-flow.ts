// Steps the hand-off, clock and notification suites share: submit a referral and wait until it is routed, and read a
// referral in the view the caller expects (`GET /v1/referrals/{id}` answers one of three, told apart by `view`).
import { setTimeout as sleep } from 'node:timers/promises';
import type { ReferralAnyView } from '@nrm/client';
import { expect } from 'vitest';
import { briefReferral } from './fixtures';
import { type ApiClient, type ApiResponse, eventually, type Schema } from './http';

export type FullView = Schema<'Referral'>;
export type ClockView = Schema<'Clock'>;
export type StatusView = Schema<'ReferralStatus'>;
export type OfferView = Schema<'ReferralForReceiver'>;

/** Every field of the referrer's purpose-limited status view: what happened, never what is in the case. */
export const STATUS_VIEW_FIELDS = ['id', 'reference', 'status', 'submittedAt', 'supportReceived', 'view'];

type ViewName = ReferralAnyView['view'];
type ViewOf<V extends ViewName> = Extract<ReferralAnyView, { view: V }>;

/** The body as the named view; fails the test if the API answered another one. */
export function asView<V extends ViewName>(body: ReferralAnyView, view: V): ViewOf<V> {
  expect(body.view, JSON.stringify(body)).toBe(view);
  return body as ViewOf<V>;
}

/** The case view of a referral (a coordinator's, or its owner's); fails if the caller got another view or none. */
export async function caseView(api: ApiClient, id: string, as = 'national-coordinator'): Promise<FullView> {
  const res = await api.get(`/v1/referrals/${id}`, as);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return asView(res.body, 'case');
}

export interface SubmitOptions {
  /** Who submits: a referrer (an agency system by default). */
  readonly as?: string;
  /** Who reads it back until `until` holds: a coordinator who sees the case view. */
  readonly reader?: string;
  readonly until?: (view: FullView) => boolean;
  readonly timeoutMs?: number;
}

/** Submits a referral and reads it as `reader` until `until` holds (routed, by default); answers that case view. */
export async function submitUntil(
  api: ApiClient,
  body: unknown,
  options: SubmitOptions = {},
): Promise<FullView> {
  const { as = 'police-syd-system', reader = 'national-coordinator', timeoutMs = 30_000 } = options;
  const until = options.until ?? ((view: FullView) => view.status === 'routed');
  const res = await api.post('/v1/referrals', body, as);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return eventually(async () => {
    const read = await api.get(`/v1/referrals/${res.body.id}`, reader);
    if (read.status !== 200) return undefined;
    const view = asView(read.body, 'case');
    return until(view) ? view : undefined;
  }, timeoutMs);
}

/**
 * A new adult referral in syd:adult (a woman exploited in Helsingborg), read back routed by coordinator-syd: the case a
 * suite works on when who the person is does not matter to it.
 */
export function routedInSyd(api: ApiClient): Promise<FullView> {
  const person = { age: { estimatedYears: 33 }, gender: 'female', citizenships: ['BG'] };
  return submitUntil(api, briefReferral({ person, municipalityCode: '1283', purpose: 'sexual' }), {
    reader: 'coordinator-syd',
  });
}

/** Submits a referral and waits until it is routed (an anonymous notification is closed as counted in that step). */
export function submitRouted(api: ApiClient, body: unknown, as = 'police-syd-system'): Promise<FullView> {
  return submitUntil(api, body, { as, until: (view) => view.status !== 'received', timeoutMs: 10_000 });
}

/** How a client retries a submission the platform refused (submitUntilAccepted). */
export interface RetryOptions {
  readonly as: string;
  readonly attempts: number;
  readonly pauseMs: number;
  readonly refused: (res: ApiResponse | undefined) => void;
}

/**
 * A client that retries a submission with the same Idempotency-Key until the platform accepts it, as an agency system
 * would: answers the referral's id. Every refusal or failed call is shown to `refused` (its answer, or undefined when
 * the call itself failed) before the next attempt, `pauseMs` later.
 */
export async function submitUntilAccepted(
  api: ApiClient,
  body: unknown,
  options: RetryOptions & { readonly key: string },
): Promise<string> {
  for (let attempt = 0; attempt < options.attempts; attempt++) {
    const res = await api
      .post('/v1/referrals', body, options.as, { 'Idempotency-Key': options.key })
      .catch(() => undefined);
    if (res && (res.status === 201 || res.status === 200)) return res.body.id;
    // Outside the call's catch: a refusal `refused` does not expect fails the test.
    options.refused(res);
    await sleep(options.pauseMs);
  }
  throw new Error(`the referral of key ${options.key} was never accepted`);
}

/**
 * A stream of `total` submissions, `wave` at once and `gapMs` between waves, each with an Idempotency-Key of its own
 * retried until the platform accepts it (submitUntilAccepted): answers idempotency key → referral id once every
 * submission is in. `body(n)` is the n-th referral.
 */
export async function submitInWaves(
  api: ApiClient,
  options: RetryOptions & {
    readonly total: number;
    readonly wave: number;
    readonly gapMs: number;
    readonly keyPrefix: string;
    readonly body: (n: number) => unknown;
  },
): Promise<Map<string, string>> {
  const accepted = new Map<string, string>();
  for (let first = 0; first < options.total; first += options.wave) {
    const wave = Array.from({ length: Math.min(options.wave, options.total - first) }, (_, i) => first + i);
    await Promise.all(
      wave.map(async (n) => {
        const key = `${options.keyPrefix}-${n}-${crypto.randomUUID()}`;
        accepted.set(key, await submitUntilAccepted(api, options.body(n), { ...options, key }));
      }),
    );
    await sleep(options.gapMs);
  }
  return accepted;
}
