// Steps the hand-off, clock and notification suites share: submit a referral and wait until it is routed.
import { expect } from 'vitest';
import { type ApiClient, eventually } from './http';

export interface ClockView {
  id: string;
  kind: string;
  handoffId?: string;
  startedAt: string;
  dueAt: string;
  state: string;
}

export interface FullView {
  id: string;
  reference: string;
  status: string;
  route: { region: string | null; track: string; queue: string } | null;
  owner: { type: string; id: string };
  clocks: ClockView[];
  handoffs: { id: string; recipient: { type: string; id: string }; purpose: string; status: string }[];
}

export async function submitRouted(
  api: ApiClient,
  body: unknown,
  as = 'police-syd-system',
): Promise<FullView> {
  const res = await api.post<{ id: string }>('/v1/referrals', body, as);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return eventually(async () => {
    const view = await api.get<FullView>(`/v1/referrals/${res.body.id}`, 'national-coordinator');
    // Routed; an anonymous notification is closed as counted in the same step.
    return view.body.status !== 'received' ? view.body : undefined;
  }, 10_000);
}
