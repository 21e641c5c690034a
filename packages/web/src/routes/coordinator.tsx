// The coordinator workspace: the queues, the case page and its actions (acknowledge, notes, hand-offs, consents,
// transfer, close, reopen, corrections, age assessments, opening a case from an anonymous notification).
import type { Schema } from '@nrm/client';
import { ALL_QUEUES, type QueueId, queuesWorkedBy } from '@nrm/domain';
import { now, swedishDate } from '@nrm/runtime';
import { type Context, Hono } from 'hono';
import type { Api } from '../api';
import {
  ASSESSMENT_PATHS,
  assessmentRequest,
  CORRECTION_PATHS,
  correctionRequest,
  formFieldOf,
} from '../form/corrections';
import { buildRequest, type FieldError, fieldOfPath, validateStep } from '../form/model';
import { COORDINATOR_ROLES, signedIn } from '../middleware/guard';
import { type ActionFeedback, QueuePage, QueuesPage } from '../pages/coordinator';
import { errorText } from '../pages/form';
import type { User } from '../session';
import { notFound, refused, render } from './answers';
import type { SignedInEnv, WebEnv } from './env';
import { type FormBody, formValues, own, requestKey, str, typedBack } from './form-data';
import { ACTION_DONE, showReferral } from './referral-page';

/** The queues a coordinator's pages list: the national coordinator oversees every queue, the others work theirs. */
function queuesOf(user: User): QueueId[] {
  return user.role === 'national-coordinator' ? [...ALL_QUEUES] : [...queuesWorkedBy(user)];
}

type Field = (name: string) => string;
const withComment = (comment: string) => (comment ? { comment } : {});

/** Each coordinator action's form as the API's request body. */
const ACTIONS: Record<string, (field: Field) => unknown> = {
  acknowledge: () => ({}),
  notes: (f) => ({ text: f('text') }),
  handoffs: (f) => ({
    recipient: { id: f('recipient') },
    purpose: f('purpose'),
    ...(f('legalBasis') ? { legalBasis: f('legalBasis') } : {}),
  }),
  consents: (f) => {
    const [recipientType, purpose] = f('consentScope').split(' ');
    return { recipientType: recipientType ?? '', purpose: purpose ?? '' };
  },
  transfer: (f) => ({ queue: f('queue'), reason: f('transferReason'), ...withComment(f('transferComment')) }),
  close: (f) => ({ reason: f('closeReason'), ...withComment(f('closeComment')) }),
  reopen: (f) => ({ reason: f('reopenReason'), ...withComment(f('reopenComment')) }),
};

/** Where an API error path of an action's body points in its form. */
const FORM_FIELD: Record<string, Record<string, string>> = {
  notes: { text: 'text' },
  handoffs: { recipient: 'recipient', purpose: 'purpose', legalBasis: 'legalBasis' },
  consents: { recipientType: 'consentScope', purpose: 'consentScope' },
  transfer: { queue: 'queue', reason: 'transferReason', comment: 'transferComment' },
  close: { reason: 'closeReason', comment: 'closeComment' },
  reopen: { reason: 'reopenReason', comment: 'reopenComment' },
};

/**
 * After a form that changes the case (a correction, an age assessment, opening a case): back to the case page with
 * a confirmation — or to the queues when the change moved the referral to a queue this coordinator does not work —,
 * or the form again with the API's errors at their fields.
 */
const caseChanged = (
  c: Context<SignedInEnv>,
  result: Awaited<ReturnType<Api['post']>>,
  done: keyof typeof ACTION_DONE,
  again: (errors: FieldError[]) => Promise<Response> | Response,
  fieldOf: (path: string) => string,
) => {
  const id = encodeURIComponent(c.req.param('id') ?? '');
  if (result.ok) {
    const route = (result.body as { route?: { queue: string } | null } | undefined)?.route;
    return route && !queuesOf(c.get('user')).includes(route.queue as QueueId)
      ? c.redirect('/queues', 303)
      : c.redirect(`/referrals/${id}?done=${done}`, 303);
  }
  if (result.status === 409) return c.redirect(`/referrals/${id}?conflict=1`, 303);
  if (result.status === 400 || result.status === 422)
    return again(
      (result.problem.errors ?? [{ path: '', message: result.problem.detail ?? '' }]).map((e) => ({
        field: fieldOf(e.path),
        key: 'errors.api',
        text: e.path ? `${e.path}: ${e.message}` : e.message,
      })),
    );
  return refused(c, result.problem);
};

/** The case page again with a form's errors at their fields and what was typed. */
const formAgain =
  (c: Context<SignedInEnv>, typed: Pick<ActionFeedback, 'values' | 'lists'>) => (errors: FieldError[]) =>
    showReferral(
      c,
      { errors: errors.map((e) => ({ field: e.field, text: errorText(e, c.get('page')) })), ...typed },
      400,
    );

// The correction and age-assessment forms: checked here first, then sent as one correction.
const correction =
  (
    build: typeof correctionRequest,
    paths: Readonly<Record<string, string>>,
    done: keyof typeof ACTION_DONE,
  ) =>
  async (c: Context<SignedInEnv>) => {
    const form = await c.req.parseBody();
    // What was typed goes back into the form with the errors.
    const again = formAgain(c, { values: typedBack(form) });
    const built = build((name) => str(form, name), swedishDate(c.get('page').now));
    if (built.errors) return again(built.errors);
    const id = encodeURIComponent(c.req.param('id') ?? '');
    const result = await c.get('api').post(`/v1/referrals/${id}/corrections`, built.body, requestKey(form));
    return caseChanged(c, result, done, again, (path) => formFieldOf(paths, path));
  };

// An anonymous notification becomes a case on the person's consent: the person step's questions, the consents and
// the description, checked and written by the field table as the referral form's are.
const openCase = async (c: Context<SignedInEnv>) => {
  const raw: FormBody = await c.req.parseBody({ all: true });
  const form = formValues(raw);
  const values = { ...form, consent: 'given' };
  const at = now();
  const again = formAgain(c, {
    values: Object.fromEntries(
      Object.entries(form).filter((e): e is [string, string] => typeof e[1] === 'string'),
    ),
    lists: Object.fromEntries(
      Object.entries(form).filter((e): e is [string, string[]] => Array.isArray(e[1])),
    ),
  });
  const errors = (['person', 'narrative'] as const).flatMap((step) => validateStep(step, values, at));
  if (errors.length) return again(errors);
  const { person, narrative, consent } = buildRequest(values, at);
  const { status: _given, ...consents } = consent;
  const id = encodeURIComponent(c.req.param('id') ?? '');
  const result = await c
    .get('api')
    .post(
      `/v1/referrals/${id}/case`,
      { person, ...(narrative ? { narrative } : {}), consent: consents },
      requestKey(raw),
    );
  return caseChanged(c, result, 'case', again, (path) =>
    path.startsWith('consent') ? 'sharing' : fieldOfPath(path).field,
  );
};

/** One of the case page's plain actions (ACTIONS), sent with the form's Idempotency-Key. */
const action = async (c: Context<SignedInEnv>) => {
  const name = c.req.param('action') ?? '';
  const build = own(ACTIONS, name);
  if (!build) return notFound(c);
  const form = await c.req.parseBody();
  const body = build((field) => str(form, field));
  const id = encodeURIComponent(c.req.param('id') ?? '');
  const result = await c.get('api').post(`/v1/referrals/${id}/${name}`, body, requestKey(form));
  // A transferred referral has left the coordinator's queue, and with it their need to know: back to the queues.
  if (result.ok) return c.redirect(name === 'transfer' ? '/queues' : `/referrals/${id}?done=${name}`, 303);
  const t = c.get('page').t;
  // An adult's hand-off without the person's consent: say so at the purpose, where the coordinator chose it.
  if (result.status === 409 && result.problem.type?.endsWith('/consent-required')) {
    return showReferral(
      c,
      { errors: [{ field: 'purpose', text: t('action.handoff.consentRequired') }] },
      400,
    );
  }
  if (result.status === 409) return c.redirect(`/referrals/${id}?conflict=1`, 303);
  if (result.status === 400 || result.status === 422) {
    const errors = (result.problem.errors ?? []).map((e) => ({
      field: own(own(FORM_FIELD, name) ?? {}, e.path.split('.')[0]) ?? e.path.split('.')[0] ?? '',
      text: t('errors.api', { message: `${e.path}: ${e.message}` }),
    }));
    return showReferral(c, { errors }, 400);
  }
  return refused(c, result.problem);
};

export function coordinatorRoutes() {
  const web = new Hono<WebEnv>();
  const anyone = signedIn();

  web.get('/queues', signedIn(...COORDINATOR_ROLES), (c) =>
    render(c, <QueuesPage ctx={c.get('page')} queues={queuesOf(c.get('user'))} />),
  );
  web.get('/queues/:queue', anyone, async (c) => {
    const queue = c.req.param('queue');
    const result = await c
      .get('api')
      .get<Schema<'QueueListing'>>(`/v1/queues/${encodeURIComponent(queue)}/referrals?limit=100`);
    if (!result.ok) return refused(c, result.problem);
    return render(c, <QueuePage ctx={c.get('page')} queue={queue} items={result.body.items} />);
  });

  web.post('/referrals/:id/case', anyone, openCase);
  web.post(
    '/referrals/:id/corrections',
    anyone,
    correction(correctionRequest, CORRECTION_PATHS, 'corrections'),
  );
  web.post(
    '/referrals/:id/age-assessment',
    anyone,
    correction(assessmentRequest, ASSESSMENT_PATHS, 'age-assessment'),
  );
  web.get('/referrals/:id', anyone, (c) => {
    const done = own(ACTION_DONE, c.req.query('done'));
    const feedback: ActionFeedback = {
      ...(done ? { done } : {}),
      ...(c.req.query('conflict') === '1' ? { conflict: true } : {}),
    };
    return showReferral(c, feedback);
  });
  web.post('/referrals/:id/:action', anyone, action);
  web.post('/referrals/:id/consents/:consentId/withdraw', anyone, async (c) => {
    const id = encodeURIComponent(c.req.param('id'));
    const consentId = encodeURIComponent(c.req.param('consentId'));
    const result = await c.get('api').post(`/v1/referrals/${id}/consents/${consentId}/withdraw`, {});
    if (result.ok) return c.redirect(`/referrals/${id}?done=consents`, 303);
    if (result.status === 409) return c.redirect(`/referrals/${id}?conflict=1`, 303);
    return refused(c, result.problem);
  });
  return web;
}
