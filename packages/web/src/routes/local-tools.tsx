// Local mode's tools: the notification outbox, from the local platform's own listing.
import { Hono } from 'hono';
import type { ApiApp } from '../api';
import { type OutboxEntry, OutboxPage } from '../pages/outbox';
import { notFound, render } from './answers';
import type { WebEnv } from './env';

export function localToolRoutes(api: ApiApp, enabled: boolean) {
  const web = new Hono<WebEnv>();
  web.get('/outbox', async (c) => {
    if (!enabled) return notFound(c);
    const response = await api.request('/local/outbox?format=json');
    const entries = response.ok ? ((await response.json()) as OutboxEntry[]) : [];
    return render(c, <OutboxPage ctx={c.get('page')} entries={entries} />);
  });
  return web;
}
