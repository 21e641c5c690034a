// The case page's clocks, permits and services forms (pages/services-forms.ts): pause and resume a clock, a permit's
// application, decision, extension and revocation, a service's start and end — checked, sent, or shown again.
import { type Context, Hono } from 'hono';
import type { ApiResult } from '../api';
import type { FormFeedback } from '../components';
import { signedIn } from '../middleware/guard';
import {
  checkForm,
  refusalErrors,
  type SectionError,
  type SectionForm,
  sectionForm,
  formValues as sectionValues,
  typedValues,
} from '../pages/services-forms';
import { notFound, refused } from './answers';
import type { SignedInEnv, WebEnv } from './env';
import { requestKey, str } from './form-data';
import { showReferral } from './referral-page';

/**
 * A section form posted: read, checked here, and sent with the form's Idempotency-Key when it passes (the coordinator's
 * page and the receiver's post the same forms). `again` shows the form's page with the errors (its own, or the API's
 * 400 or 422 at their fields) and what was typed; `answered` says where any other answer of the API goes.
 */
export async function postSectionForm(
  c: Context<SignedInEnv>,
  form: SectionForm,
  again: (feedback: FormFeedback) => Promise<Response> | Response,
  answered: (result: ApiResult<unknown>) => Promise<Response> | Response,
) {
  const raw = await c.req.parseBody();
  const values = sectionValues(form, (name) => str(raw, name));
  const t = c.get('page').t;
  const refusedWith = (errors: SectionError[]) => again({ errors, values: typedValues(form, values) });
  const local = checkForm(form, values, t);
  if (local.length) return refusedWith(local);
  const result = await c.get('api').post(form.api, form.body(values), requestKey(raw));
  if (!result.ok && (result.status === 400 || result.status === 422))
    return refusedWith(refusalErrors(form, result.problem, t));
  return answered(result);
}

const sectionAction = async (c: Context<SignedInEnv>) => {
  const id = c.req.param('id') ?? '';
  const form = sectionForm(id, c.req.param('section') ?? '', c.req.param('item'), c.req.param('action'));
  if (!form) return notFound(c);
  const page = `/referrals/${encodeURIComponent(id)}`;
  return postSectionForm(
    c,
    form,
    (feedback) => showReferral(c, feedback, 400),
    (result) => {
      if (result.ok) return c.redirect(`${page}?done=${form.done}#${form.section}`, 303);
      if (result.status === 409) return c.redirect(`${page}?conflict=1#${form.section}`, 303);
      return refused(c, result.problem);
    },
  );
};

export function servicesRoutes() {
  const web = new Hono<WebEnv>();
  web.post('/referrals/:id/:section{clocks|permits|services}/:item/:action', signedIn(), sectionAction);
  web.post('/referrals/:id/:section{permits}', signedIn(), sectionAction);
  return web;
}
