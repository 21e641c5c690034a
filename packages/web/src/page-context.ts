// What every page needs to render: the language, the texts, who is signed in, the CSRF token and where it is.
import type { Lang, Translate } from './i18n/messages';
import type { User } from './session';

export interface PageContext {
  readonly lang: Lang;
  readonly t: Translate;
  readonly user?: User;
  readonly csrf: string;
  /** The path of the page, without the query; the language switch links to it. */
  readonly path: string;
  /** Local mode: link the local tools (the notification outbox). */
  readonly localTools: boolean;
  readonly now: Date;
}

const TIME_ZONE = 'Europe/Stockholm';

export function formatDateTime(iso: string, ctx: Pick<PageContext, 'lang'>): string {
  return new Intl.DateTimeFormat(ctx.lang === 'sv' ? 'sv-SE' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: TIME_ZONE,
  }).format(new Date(iso));
}

export function formatDate(iso: string, ctx: Pick<PageContext, 'lang'>): string {
  return new Intl.DateTimeFormat(ctx.lang === 'sv' ? 'sv-SE' : 'en-GB', {
    dateStyle: 'long',
    timeZone: TIME_ZONE,
  }).format(new Date(iso));
}

/** "2 d 3 h", "3 h 20 min", "12 min": the same text the countdown script writes. */
export function formatDuration(ms: number, lang: Lang): string {
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  if (days > 0) return `${days} ${lang === 'sv' ? 'dygn' : 'd'} ${hours} h`;
  if (hours > 0) return `${hours} h ${mins} min`;
  return `${mins} min`;
}
