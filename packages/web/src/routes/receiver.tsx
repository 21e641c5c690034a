// The receiving organisation: its hand-offs (offered, accepted, running), a hand-off's page — the offer summary to
// decide on, and after accepting what its purpose discloses, while the basis holds —, accept, decline, and a
// service's start and end by the organisation running it.
import type { Schema } from '@nrm/client';
import { type Context, Hono } from 'hono';
import type { ApiResult, ProblemBody } from '../api';
import type { FormFeedback } from '../components';
import type { CaseFileBody } from '../form/case-file';
import { signedIn } from '../middleware/guard';
import { DeclinePage, HandoffPage, HandoffsPage, type ReceivedHandoff } from '../pages/receiver';
import { handoffDecision, serviceEnd } from '../pages/services-forms';
import { refused, render } from './answers';
import type { SignedInEnv, WebEnv } from './env';
import { str } from './form-data';
import { directory } from './referral-page';
import { postSectionForm } from './services';

type Listing = Schema<'HandoffListing'>;

/**
 * Where an answer to a hand-off goes: to `done` (default `back`) with `?done=1`, back with `?conflict=1` when it was
 * answered meanwhile, else the refusal's own page (`refusal`, when it has one for this problem) or the API's.
 */
const answered = async (
  c: Context<SignedInEnv>,
  result: ApiResult<unknown>,
  {
    back,
    done = back,
    refusal,
  }: { back: string; done?: string; refusal?: (problem: ProblemBody) => Refusal },
) => {
  if (result.ok) return c.redirect(`${done}?done=1`, 303);
  if (result.status === 409) return c.redirect(`${back}?conflict=1`, 303);
  return (await refusal?.(result.problem)) ?? refused(c, result.problem);
};
type Refusal = Promise<Response> | Response | undefined;

const handoffPath = (c: Context<SignedInEnv>) =>
  `/v1/handoffs/${encodeURIComponent(c.req.param('id') ?? '')}`;

const handoffPage = async (c: Context<SignedInEnv>, feedback: FormFeedback = {}) => {
  const api = c.get('api');
  const handoff = await api.get<ReceivedHandoff>(handoffPath(c));
  if (!handoff.ok) return refused(c, handoff.problem);
  const caseFile = await api.get<CaseFileBody>(
    `/v1/referrals/${encodeURIComponent(handoff.body.referralId)}/case`,
  );
  if (!caseFile.ok) return refused(c, caseFile.problem);
  return render(
    c,
    <HandoffPage
      ctx={c.get('page')}
      handoff={handoff.body}
      caseFile={caseFile.body}
      organisations={await directory(api)}
      done={c.req.query('done') === '1'}
      conflict={c.req.query('conflict') === '1'}
      feedback={feedback}
    />,
    feedback.errors?.length ? 400 : 200,
  );
};

const declinePage = async (c: Context<SignedInEnv>, error?: string) => {
  const result = await c.get('api').get<ReceivedHandoff>(handoffPath(c));
  if (!result.ok) return refused(c, result.problem);
  return render(
    c,
    <DeclinePage ctx={c.get('page')} handoff={result.body} error={error} />,
    error ? 400 : 200,
  );
};

export function receiverRoutes() {
  const web = new Hono<WebEnv>();
  const receiver = signedIn('receiver');
  const anyone = signedIn();

  web.get('/handoffs', receiver, async (c) => {
    const api = c.get('api');
    const [offered, accepted, active, organisations] = await Promise.all([
      api.get<Listing>('/v1/handoffs?status=offered'),
      api.get<Listing>('/v1/handoffs?status=accepted'),
      api.get<Listing>('/v1/handoffs?status=active'),
      directory(api),
    ]);
    if (!offered.ok) return refused(c, offered.problem);
    return render(
      c,
      <HandoffsPage
        ctx={c.get('page')}
        offered={offered.body.items}
        accepted={accepted.ok ? accepted.body.items : []}
        running={active.ok ? active.body.items : []}
        organisations={organisations}
        done={c.req.query('done') === '1'}
        conflict={c.req.query('conflict') === '1'}
      />,
    );
  });
  web.get('/handoffs/:id', receiver, (c) => handoffPage(c));
  web.post('/handoffs/:id/start', anyone, async (c) => {
    const id = encodeURIComponent(c.req.param('id'));
    const result = await c.get('api').post(`/v1/handoffs/${id}/start`, {});
    return answered(c, result, { back: `/handoffs/${id}` });
  });
  web.post('/handoffs/:id/end', anyone, (c) =>
    postSectionForm(
      c,
      serviceEnd(c.req.param('id')),
      (feedback) => handoffPage(c, feedback),
      // Ended, the service no longer discloses the case file to its recipient: back to the list.
      (result) =>
        answered(c, result, {
          back: `/handoffs/${encodeURIComponent(c.req.param('id'))}`,
          done: '/handoffs',
        }),
    ),
  );
  web.post('/handoffs/:id/decision', anyone, (c) =>
    postSectionForm(
      c,
      handoffDecision(c.req.param('id')),
      (feedback) => handoffPage(c, feedback),
      (result) => answered(c, result, { back: `/handoffs/${encodeURIComponent(c.req.param('id'))}` }),
    ),
  );
  web.post('/handoffs/:id/accept', anyone, async (c) => {
    const id = encodeURIComponent(c.req.param('id'));
    // Accepted from its own page, the hand-off's page shows what is disclosed now; from the list, the list.
    const back = str(await c.req.parseBody(), 'from') === 'handoff' ? `/handoffs/${id}` : '/handoffs';
    const result = await c.get('api').post(`/v1/handoffs/${id}/accept`, {});
    return answered(c, result, { back });
  });
  web.get('/handoffs/:id/decline', anyone, (c) => declinePage(c));
  web.post('/handoffs/:id/decline', anyone, async (c) => {
    const form = await c.req.parseBody();
    const t = c.get('page').t;
    const reason = str(form, 'reason');
    if (!reason) return declinePage(c, t('errors.choose', { field: t('action.reason').toLowerCase() }));
    const comment = str(form, 'comment');
    const result = await c
      .get('api')
      .post(`${handoffPath(c)}/decline`, { reason, ...(comment ? { comment } : {}) });
    return answered(c, result, {
      back: '/handoffs',
      refusal: (problem) =>
        problem.status === 400
          ? declinePage(c, t('errors.api', { message: problem.errors?.[0]?.message ?? '' }))
          : undefined,
    });
  });
  return web;
}
