// The civil-society intake form: a referrer's drafts, step by step, saved on every post, and the submission.
import { now } from '@nrm/runtime';
import { type Context, Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import { DRAFT_CAP, type Draft, type DraftStore } from '../drafts-store';
import {
  buildRequest,
  childCount,
  type FieldError,
  fieldOfPath,
  isStep,
  mergeStep,
  STEPS,
  type Step,
  tooLong,
  validateStep,
} from '../form/model';
import type { MessageKey } from '../i18n/messages';
import { signedIn } from '../middleware/guard';
import { ReviewPage, StepPage } from '../pages/form';
import { NewReferralPage } from '../pages/general';
import type { StatusView } from '../pages/referrer';
import { message, notFound, refused, render, tooFast } from './answers';
import type { SignedInEnv, WebEnv } from './env';
import { formValues, str } from './form-data';

/** A step of the form in the path (the review page only to read), else the 404 page, before anything else. */
const knownStep = ({ review }: { review: boolean }) =>
  createMiddleware<WebEnv>(async (c, next) => {
    const step = c.req.param('step') ?? '';
    return isStep(step) && (review || step !== 'review') ? next() : notFound(c);
  });

export function referralFormRoutes(drafts: DraftStore) {
  const web = new Hono<WebEnv>();
  const referrer = signedIn('referrer');

  web.get('/referrals/new', referrer, async (c) =>
    render(c, <NewReferralPage ctx={c.get('page')} drafts={await drafts.list(c.get('user').sub)} />),
  );
  web.post('/referrals/new', referrer, async (c) => {
    const { sub } = c.get('user');
    if ((await drafts.list(sub)).length >= DRAFT_CAP)
      return message(c, 'error.draftCap.title', 'error.draftCap.text', 409, { max: DRAFT_CAP });
    const wait = await drafts.throttle(sub);
    if (wait) return tooFast(c, wait);
    const draft = await drafts.create(sub);
    return c.redirect(`/drafts/${draft.id}/person`, 303);
  });

  /** The user's own draft named in the path, or the 404 page. */
  const loadDraft = async (c: Context<SignedInEnv>) => {
    const draft = await drafts.load(c.get('user').sub, c.req.param('id') ?? '');
    return draft ? ({ draft } as const) : ({ response: notFound(c) } as const);
  };
  web.get('/drafts/:id', referrer, async (c) => {
    const loaded = await loadDraft(c);
    if ('response' in loaded) return loaded.response;
    return c.redirect(`/drafts/${loaded.draft.id}/${loaded.draft.reached}`, 303);
  });
  web.get('/drafts/:id/:step', knownStep({ review: true }), referrer, async (c) => {
    const step = c.req.param('step') as Step;
    const loaded = await loadDraft(c);
    if ('response' in loaded) return loaded.response;
    const { draft } = loaded;
    const ctx = c.get('page');
    if (step === 'review') return render(c, <ReviewPage ctx={ctx} draft={draft} errors={[]} />);
    return render(
      c,
      <StepPage ctx={ctx} draft={draft} step={step} errors={[]} saved={c.req.query('saved') === '1'} />,
    );
  });
  web.post('/drafts/:id/submit', referrer, async (c) => {
    const loaded = await loadDraft(c);
    if ('response' in loaded) return loaded.response;
    const { draft } = loaded;
    const ctx = c.get('page');
    const at = now();
    const local = STEPS.flatMap((step) => validateStep(step, draft.values, at).map((e) => ({ ...e, step })));
    if (local.length) return render(c, <ReviewPage ctx={ctx} draft={draft} errors={local} />, 400);
    // The draft id is the idempotency key: sending twice (a double click, a retry) never makes two referrals.
    const result = await c.get('api').post<StatusView>('/v1/referrals', buildRequest(draft.values, at), {
      'Idempotency-Key': `web-${draft.id}`,
    });
    if (!result.ok) {
      if (result.status === 400 || result.status === 422) {
        const errors = (result.problem.errors ?? [{ path: '', message: result.problem.detail ?? '' }]).map(
          (e) => {
            const { step, field } = fieldOfPath(e.path);
            return { step, field, key: 'errors.api' as MessageKey, text: e.message };
          },
        );
        return render(c, <ReviewPage ctx={ctx} draft={draft} errors={errors} />, 400);
      }
      return refused(c, result.problem);
    }
    await drafts.remove(c.get('user').sub, draft.id);
    return c.redirect(`/receipts/${result.body.id}`, 303);
  });
  web.post('/drafts/:id/:step', knownStep({ review: false }), referrer, async (c) => {
    const step = c.req.param('step') as Exclude<Step, 'review'>;
    const loaded = await loadDraft(c);
    if ('response' in loaded) return loaded.response;
    const { draft } = loaded;
    const { sub } = c.get('user');
    const form = await c.req.parseBody({ all: true });
    const action = str(form, 'action') || 'next';
    let values = mergeStep(draft.values, step, formValues(form));
    if (step === 'children' && (action === 'add-child' || action === 'remove-child')) {
      const count = childCount({ ...values, hasChildren: 'yes' }) + (action === 'add-child' ? 1 : -1);
      values = { ...values, hasChildren: 'yes', childCount: String(Math.max(1, count)) };
    }
    const stepPage = (shown: Draft, errors: FieldError[]) =>
      render(
        c,
        <StepPage ctx={c.get('page')} draft={shown} step={step} errors={errors} saved={false} />,
        400,
      );
    // What no field may hold is not stored, whichever button was pressed.
    const overLong = tooLong(values);
    if (overLong.length) return stepPage({ ...draft, values }, overLong);
    const wait = await drafts.throttle(sub);
    if (wait) return tooFast(c, wait);
    const index = STEPS.indexOf(step);
    const errors: FieldError[] = action === 'next' ? validateStep(step, values, now()) : [];
    const nextStep: Step = STEPS[Math.min(index + 1, STEPS.length - 1)]!;
    const reached =
      action === 'next' &&
      errors.length === 0 &&
      STEPS.indexOf(nextStep) > STEPS.indexOf(draft.reached as Step)
        ? nextStep
        : draft.reached;
    const saved = await drafts.save(sub, { id: draft.id, values, reached });
    if (errors.length) return stepPage(saved, errors);
    if (action === 'save') return c.redirect('/', 303);
    if (action === 'back') return c.redirect(`/drafts/${draft.id}/${STEPS[Math.max(0, index - 1)]}`, 303);
    if (action === 'add-child' || action === 'remove-child')
      return c.redirect(`/drafts/${draft.id}/children?saved=1#f-hasChildren`, 303);
    return c.redirect(`/drafts/${draft.id}/${nextStep}${nextStep === 'review' ? '' : '?saved=1'}`, 303);
  });
  return web;
}
