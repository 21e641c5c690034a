// Steps the hand-off, clock and notification suites share: submit a referral and wait until it is routed, and read a
// referral in the view the caller expects (`GET /v1/referrals/{id}` answers one of three, told apart by `view`).
import type { ReferralAnyView } from '@nrm/client';
import { expect } from 'vitest';
import { type ApiClient, eventually, type Schema } from './http';

export type FullView = Schema<'Referral'>;
export type ClockView = Schema<'Clock'>;
export type StatusView = Schema<'ReferralStatus'>;
export type OfferView = Schema<'ReferralForReceiver'>;

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

export async function submitRouted(
  api: ApiClient,
  body: unknown,
  as = 'police-syd-system',
): Promise<FullView> {
  const res = await api.post('/v1/referrals', body, as);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return eventually(async () => {
    const view = asView((await api.get(`/v1/referrals/${res.body.id}`, 'national-coordinator')).body, 'case');
    // Routed; an anonymous notification is closed as counted in the same step.
    return view.status !== 'received' ? view : undefined;
  }, 10_000);
}
