// The web's answers that are not a role's own page: a page rendered, the message pages (not found, not allowed,
// unavailable, too fast), the API's refusal as one of them, and "sign in again".
import type { Context } from 'hono';
import type { JSX } from 'hono/jsx/jsx-runtime';
import type { ProblemBody } from '../api';
import type { MessageKey } from '../i18n/messages';
import { MessagePage } from '../pages/general';
import { newSession } from '../session';
import type { WebEnv } from './env';

type Status = 200 | 400 | 403 | 404 | 409 | 413 | 429 | 500 | 503;

export function render<E extends WebEnv>(c: Context<E>, page: JSX.Element, status: Status = 200) {
  return c.html(`<!doctype html>${String(page)}`, status);
}

/** A page that only says something: its title and text, with values for the text. */
export const message = <E extends WebEnv>(
  c: Context<E>,
  title: MessageKey,
  text: MessageKey,
  status: Status,
  values?: Record<string, string | number>,
) =>
  render(
    c,
    <MessagePage ctx={c.get('page')} title={title} text={text} {...(values ? { values } : {})} />,
    status,
  );

export const notFound = <E extends WebEnv>(c: Context<E>) =>
  message(c, 'error.notFound.title', 'error.notFound.text', 404);
export const forbidden = <E extends WebEnv>(c: Context<E>) =>
  message(c, 'error.forbidden.title', 'error.forbidden.text', 403);
/** A cross-site post, or one without the session's token: the "form has expired" page. */
export const expired = <E extends WebEnv>(c: Context<E>) =>
  message(c, 'error.csrf.title', 'error.csrf.text', 403);
export const unavailable = <E extends WebEnv>(c: Context<E>) =>
  message(c, 'error.title', 'error.unavailable', 503);

/** Draft writes faster than anyone types: wait until the minute is over. */
export const tooFast = <E extends WebEnv>(c: Context<E>, seconds: number) => {
  c.header('Retry-After', String(seconds));
  return message(c, 'error.tooFast.title', 'error.tooFast.text', 429);
};

/** A fresh anonymous session, and the sign-in page that comes back here. */
export const signInAgain = <E extends WebEnv>(c: Context<E>) => {
  c.get('cookies').write(c, newSession());
  return c.redirect(`/sign-in?next=${encodeURIComponent(c.req.path)}`, 303);
};

/** The API's refusal as a page: 404 (also what it says for referrals the user may not know of), 403, 401. */
export const refused = <E extends WebEnv>(c: Context<E>, problem: ProblemBody) => {
  if (problem.status === 401) return signInAgain(c);
  if (problem.status === 403) return forbidden(c);
  if (problem.status === 404 || problem.status === 400) return notFound(c);
  return unavailable(c);
};
