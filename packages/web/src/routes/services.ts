// The case page's clocks, permits and services forms (pages/services-forms.ts): pause and resume a clock, a permit's
// application, decision, extension and revocation, a service's start and end — checked, sent, or shown again.
import { type Context, Hono } from 'hono';
import { signedIn } from '../middleware/guard';
import {
  checkForm,
  refusalErrors,
  sectionForm,
  formValues as sectionValues,
  typedValues,
} from '../pages/services-forms';
import { notFound, refused } from './answers';
import type { SignedInEnv, WebEnv } from './env';
import { requestKey, str } from './form-data';
import { showReferral } from './referral-page';

const sectionAction = async (c: Context<SignedInEnv>) => {
  const id = c.req.param('id') ?? '';
  const form = sectionForm(id, c.req.param('section') ?? '', c.req.param('item'), c.req.param('action'));
  if (!form) return notFound(c);
  const raw = await c.req.parseBody();
  const values = sectionValues(form, (name) => str(raw, name));
  const t = c.get('page').t;
  const typed = typedValues(form, values);
  const again = (errors: { field: string; text: string }[]) =>
    showReferral(c, { errors, values: typed }, 400);
  const local = checkForm(form, values, t);
  if (local.length) return again(local);
  const result = await c.get('api').post(form.api, form.body(values), requestKey(raw));
  const page = `/referrals/${encodeURIComponent(id)}`;
  if (result.ok) return c.redirect(`${page}?done=${form.done}#${form.section}`, 303);
  if (result.status === 409) return c.redirect(`${page}?conflict=1#${form.section}`, 303);
  if (result.status === 400 || result.status === 422) return again(refusalErrors(form, result.problem, t));
  return refused(c, result.problem);
};

export function servicesRoutes() {
  const web = new Hono<WebEnv>();
  web.post('/referrals/:id/:section{clocks|permits|services}/:item/:action', signedIn(), sectionAction);
  web.post('/referrals/:id/:section{permits}', signedIn(), sectionAction);
  return web;
}
