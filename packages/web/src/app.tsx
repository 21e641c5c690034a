// The web pages as one Hono app over the API. Every page calls the API in process with the signed-in user's token,
// so what a user may see and do, and the audit of it, is decided by the API alone; the web only renders.
import type { Schema } from '@nrm/client';
import { ALL_QUEUES, type QueueId, queuesWorkedBy } from '@nrm/domain';
import { now, swedishDate } from '@nrm/runtime';
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { getCookie, setCookie } from 'hono/cookie';
import { csrf } from 'hono/csrf';
import { HTTPException } from 'hono/http-exception';
import type { JSX } from 'hono/jsx/jsx-runtime';
import { type Api, type ApiApp, apiFor, type ProblemBody } from './api';
import { CASE_FILE_CSS, CSS, SCRIPT } from './assets';
import { sealer } from './crypto';
import { DRAFT_CAP, type Draft, type DraftStore, dynamoDraftStore } from './drafts-store';
import type { CaseFileBody } from './form/case-file';
import {
  ASSESSMENT_PATHS,
  assessmentRequest,
  CORRECTION_PATHS,
  correctionRequest,
  formFieldOf,
} from './form/corrections';
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
} from './form/model';
import { CALLBACK_PATH, type HostedSignIn, hostedFlow, START_PATH } from './hosted-sign-in';
import { LANGS, type Lang, type MessageKey, translator } from './i18n/messages';
import type { PageContext } from './page-context';
import {
  type ActionFeedback,
  type Organisation,
  QueuePage,
  QueuesPage,
  ReferralPage,
  type ReferralView,
} from './pages/coordinator';
import { type DashboardData, DashboardPage, dashboardCsv } from './pages/dashboard';
import { errorText, ReviewPage, StepPage } from './pages/form';
import {
  AccessibilityPage,
  HomePage,
  MessagePage,
  NewReferralPage,
  type PickerIdentity,
  SignInFailedPage,
  SignInPage,
} from './pages/general';
import { type OutboxEntry, OutboxPage } from './pages/outbox';
import { DeclinePage, HandoffPage, HandoffsPage, type ReceivedHandoff } from './pages/receiver';
import { MineDetailPage, MinePage, ReceiptPage, type StatusView } from './pages/referrer';
import type { SectionFeedback } from './pages/services';
import {
  checkForm,
  refusalErrors,
  SECTION_DONE,
  sectionForm,
  formValues as sectionValues,
  serviceEnd,
  typedValues,
} from './pages/services-forms';
import { MyCasesPage, type SearchHit, SearchPage, type TeamLoad, TeamPage } from './pages/team';
import { YearlyReportPage, yearlyReportCsv, yearlyReportOf } from './pages/yearly-report';
import { newSession, newSessionId, type Session, sessionCookies, type User, userFromToken } from './session';
import { dynamoSessionStore, type SessionStore } from './sessions-store';
import { breachesNow, handoffTimeRows, summaryParts } from './statistics';

/** Local mode: choose a demo identity; the issuer signs a token for it. */
export interface IdentityPicker {
  readonly identities: readonly PickerIdentity[];
  tokenFor(identityId: string): Promise<string | undefined>;
}

export interface WebOptions {
  /** The API app, called in process. */
  readonly api: ApiApp;
  /** 32 bytes; sessions and drafts are sealed with keys derived from it. */
  readonly key: Uint8Array;
  /**
   * How people sign in: the hosted sign-in page (in AWS Cognito's; locally the built-in issuer's) through the
   * authorization-code flow with PKCE, and in local mode also the demo identity picker.
   */
  readonly signIn: { readonly picker?: IdentityPicker; readonly hosted?: HostedSignIn };
  /** Mark the language and sign-in cookies Secure (the session's always is); true whenever served over HTTPS. */
  readonly secureCookies?: boolean;
  /** Link the local tools (the notification outbox). */
  readonly localTools?: boolean;
  readonly drafts?: DraftStore;
  readonly sessions?: SessionStore;
}

interface WebEnv {
  Variables: { session: Session; page: PageContext; api: Api };
}

const LANG_COOKIE = 'nrm_lang';
// Paths that belong to the API (or its local tools) in the same app: the web's middleware leaves them alone.
const NOT_WEB = /^\/(v1|local|health|docs|openapi\.json)(\/|$)/;
const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
const COORDINATOR_ROLES = ['regional-coordinator', 'child-coordinator', 'national-coordinator'];
/** A form post is a few kilobytes; the longest, a draft step with the narrative, is under 100 kB. As the API's. */
const MAX_FORM_BYTES = 256 * 1024;

/** A value of a table keyed by what a request says: only the table's own entries, never `toString` or `__proto__`. */
const own = <T,>(table: Readonly<Record<string, T>>, key: string | undefined): T | undefined =>
  key !== undefined && Object.hasOwn(table, key) ? table[key] : undefined;

/** The queues a coordinator's pages list: the national coordinator oversees every queue, the others work theirs. */
function queuesOf(user: User): QueueId[] {
  return user.role === 'national-coordinator' ? [...ALL_QUEUES] : [...queuesWorkedBy(user)];
}

function render(
  c: Context<WebEnv>,
  page: JSX.Element,
  status: 200 | 400 | 403 | 404 | 409 | 413 | 429 | 503 = 200,
) {
  return c.html(`<!doctype html>${String(page)}`, status);
}

const str = (form: Record<string, string | File | (string | File)[]>, name: string): string => {
  const value = form[name];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first.trim() : '';
};

/** The form as strings (files are never accepted). */
function formValues(
  form: Record<string, string | File | (string | File)[]>,
): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(form)) {
    // The form's hidden fields (CSRF token, request key) are not what the user typed.
    if (key.startsWith('_')) continue;
    if (Array.isArray(value)) out[key] = value.filter((v): v is string => typeof v === 'string');
    else if (typeof value === 'string') out[key] = value;
  }
  return out;
}

/** The form's own key (CsrfField) as the API's Idempotency-Key: the same form sent twice creates nothing twice. */
const requestKey = (form: Record<string, string | File | (string | File)[]>) => {
  const key = str(form, '_request');
  return /^[0-9a-f-]{36}$/.test(key) ? { 'Idempotency-Key': `web-${key}` } : undefined;
};

const safeNext = (next: string | undefined) => (next && /^\/(?!\/)[\w\-./?=&%]*$/.test(next) ? next : '/');

export function createWebApp(options: WebOptions) {
  const cookies = sessionCookies(sealer(options.key, 'session'));
  const drafts = options.drafts ?? dynamoDraftStore(sealer(options.key, 'drafts'));
  const sessions = options.sessions ?? dynamoSessionStore();
  const hosted =
    options.signIn.hosted &&
    hostedFlow(options.signIn.hosted, sealer(options.key, 'sign-in'), options.secureCookies ?? false);
  const web = new Hono<WebEnv>();

  web.use('*', async (c, next) => {
    if (NOT_WEB.test(c.req.path)) return next();
    const asked = c.req.query('lang');
    let lang: Lang = (LANGS as readonly string[]).includes(getCookie(c, LANG_COOKIE) ?? '')
      ? (getCookie(c, LANG_COOKIE) as Lang)
      : 'sv';
    if (asked && (LANGS as readonly string[]).includes(asked)) {
      lang = asked as Lang;
      setCookie(c, LANG_COOKIE, lang, {
        path: '/',
        sameSite: 'Lax',
        httpOnly: true,
        secure: options.secureCookies ?? false,
        maxAge: 365 * 86_400,
      });
    }
    let session = cookies.read(c);
    // A signed-in session holds only while its record does: signed out, idle too long or never recorded, it is over.
    if (session?.user && !(session.id && (await sessions.active(session.id, session.user.sub)))) {
      session = undefined;
    }
    if (!session) {
      session = newSession();
      cookies.write(c, session);
    }
    c.set('session', session);
    c.set('api', apiFor(options.api, session.token));
    c.set('page', {
      lang,
      t: translator(lang),
      ...(session.user ? { user: session.user } : {}),
      csrf: session.csrf,
      path: c.req.path,
      localTools: options.localTools ?? false,
      now: now(),
    });
    c.header('Content-Security-Policy', CSP);
    c.header('Referrer-Policy', 'no-referrer');
    // Pages carry personal data: no browser or proxy keeps them (the web also runs without the API's middleware).
    c.header('Cache-Control', 'no-store');
    await next();
  });

  // Before anything reads a form: a larger body is refused unread.
  const formLimit = bodyLimit({
    maxSize: MAX_FORM_BYTES,
    onError: (c) => {
      // The rest of the body is not read, so the connection cannot carry another request.
      c.header('Connection', 'close');
      return render(
        c as Context<WebEnv>,
        <MessagePage ctx={c.get('page')} title="error.tooLarge.title" text="error.tooLarge.text" />,
        413,
      );
    },
  });
  web.use('*', (c, next) => (NOT_WEB.test(c.req.path) ? next() : formLimit(c, next)));

  // CSRF: the Origin (or Sec-Fetch-Site) must be this site, and every form carries the session's synchroniser token.
  // Behind CloudFront the request URL is API Gateway's own host, so the public origin is named as well.
  const publicOrigin = options.signIn.hosted?.origin;
  const sameOrigin = csrf({
    origin: (origin, c) => origin === new URL(c.req.url).origin || origin === publicOrigin,
  });
  web.use('*', (c, next) => (NOT_WEB.test(c.req.path) ? next() : sameOrigin(c, next)));
  web.use('*', async (c, next) => {
    if (NOT_WEB.test(c.req.path) || c.req.method !== 'POST') return next();
    const form = await c.req.parseBody({ all: true });
    if (str(form, '_csrf') !== c.get('session').csrf) {
      return render(
        c,
        <MessagePage ctx={c.get('page')} title="error.csrf.title" text="error.csrf.text" />,
        403,
      );
    }
    await next();
  });

  web.onError((error, c) => {
    const page = c.get('page');
    // hono/csrf refuses a cross-site post by throwing: it is the "form has expired" page, not a failure.
    if (error instanceof HTTPException && error.status === 403 && page)
      return render(c, <MessagePage ctx={page} title="error.csrf.title" text="error.csrf.text" />, 403);
    console.error('Web page failed', error instanceof Error ? error.name : 'unknown');
    if (!page) return c.text('Error', 500);
    return c.html(
      `<!doctype html>${String(<MessagePage ctx={page} title="error.title" text="error.server" />)}`,
      500,
    );
  });

  const notFound = (c: Context<WebEnv>) =>
    render(
      c,
      <MessagePage ctx={c.get('page')} title="error.notFound.title" text="error.notFound.text" />,
      404,
    );
  const forbidden = (c: Context<WebEnv>) =>
    render(
      c,
      <MessagePage ctx={c.get('page')} title="error.forbidden.title" text="error.forbidden.text" />,
      403,
    );
  const unavailable = (c: Context<WebEnv>) =>
    render(c, <MessagePage ctx={c.get('page')} title="error.title" text="error.unavailable" />, 503);
  /** The API's refusal as a page: 404 (also what it says for referrals the user may not know of), 403, 401. */
  const refused = (c: Context<WebEnv>, problem: ProblemBody) => {
    if (problem.status === 401) return signInAgain(c);
    if (problem.status === 403) return forbidden(c);
    if (problem.status === 404 || problem.status === 400) return notFound(c);
    return unavailable(c);
  };
  const signInAgain = (c: Context<WebEnv>) => {
    cookies.write(c, newSession());
    return c.redirect(`/sign-in?next=${encodeURIComponent(c.req.path)}`, 303);
  };
  /** The signed-in user, or a redirect to sign in. */
  const userOf = (c: Context<WebEnv>): User | undefined => c.get('session').user;

  web.get('/assets/app.css', (c) =>
    c.body(CSS + CASE_FILE_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8' }),
  );
  web.get('/assets/app.js', (c) => c.body(SCRIPT, 200, { 'Content-Type': 'text/javascript; charset=utf-8' }));
  web.get('/accessibility', (c) => render(c, <AccessibilityPage ctx={c.get('page')} />));

  // Sign-in and sign-out.
  web.get('/sign-in', (c) =>
    render(
      c,
      <SignInPage
        ctx={c.get('page')}
        {...(options.signIn.picker ? { identities: options.signIn.picker.identities } : {})}
        {...(hosted
          ? { hostedUrl: `${START_PATH}?next=${encodeURIComponent(safeNext(c.req.query('next')))}` }
          : {})}
        next={safeNext(c.req.query('next'))}
      />,
    ),
  );
  web.get(START_PATH, async (c) =>
    hosted ? c.redirect(await hosted.start(c, safeNext(c.req.query('next'))), 303) : notFound(c),
  );
  web.get(CALLBACK_PATH, async (c) => {
    if (!hosted) return notFound(c);
    const result = await hosted.finish(c);
    const decoded = result.ok ? userFromToken(result.accessToken) : undefined;
    if (!result.ok || !decoded) {
      const failure = result.ok ? 'exchange' : result.failure;
      return render(c, <SignInFailedPage ctx={c.get('page')} failure={failure} next={result.next} />, 400);
    }
    // A fresh session, as the picker starts one. Cognito's access token has no name: the ID token's is shown.
    const user = { ...decoded.user, ...(result.name ? { name: result.name } : {}) };
    const id = newSessionId();
    await sessions.start(id, user.sub, decoded.exp);
    cookies.write(c, { ...newSession(), id, token: result.accessToken, user, exp: decoded.exp });
    return c.redirect(safeNext(result.next), 303);
  });
  web.post('/sign-in', async (c) => {
    const form = await c.req.parseBody();
    const identity = str(form, 'identity');
    const token =
      identity && options.signIn.picker ? await options.signIn.picker.tokenFor(identity) : undefined;
    const decoded = token && userFromToken(token);
    if (!token || !decoded) {
      return render(
        c,
        <SignInPage
          ctx={c.get('page')}
          {...(options.signIn.picker ? { identities: options.signIn.picker.identities } : {})}
          error
          next={safeNext(str(form, 'next'))}
        />,
        400,
      );
    }
    // A fresh session (new CSRF token) on sign-in, so nothing from before carries over.
    const id = newSessionId();
    await sessions.start(id, decoded.user.sub, decoded.exp);
    cookies.write(c, { ...newSession(), id, token, user: decoded.user, exp: decoded.exp });
    return c.redirect(safeNext(str(form, 'next')), 303);
  });
  web.post('/sign-out', async (c) => {
    // The record goes: the cookie, wherever a copy of it is, no longer opens a page.
    const { id } = c.get('session');
    if (id) await sessions.end(id);
    cookies.write(c, newSession());
    // The hosted sign-in keeps a session of its own; its logout ends that too and comes back to /sign-in.
    return c.redirect(hosted ? hosted.signOutUrl() : '/sign-in', 303);
  });

  web.get('/', async (c) => {
    const user = userOf(c);
    if (!user) return c.redirect('/sign-in', 303);
    const list = user.role === 'referrer' ? await drafts.list(user.sub) : [];
    return render(c, <HomePage ctx={c.get('page')} drafts={list} />);
  });

  // The referral form.
  const referrerOnly = (c: Context<WebEnv>) => {
    const user = userOf(c);
    if (!user) return { response: signInAgain(c) } as const;
    if (user.role !== 'referrer') return { response: forbidden(c) } as const;
    return { user } as const;
  };
  web.get('/referrals/new', async (c) => {
    const who = referrerOnly(c);
    if ('response' in who) return who.response;
    return render(c, <NewReferralPage ctx={c.get('page')} drafts={await drafts.list(who.user.sub)} />);
  });
  /** Draft writes faster than anyone types: wait until the minute is over. */
  const tooFast = (c: Context<WebEnv>, seconds: number) => {
    c.header('Retry-After', String(seconds));
    return render(
      c,
      <MessagePage ctx={c.get('page')} title="error.tooFast.title" text="error.tooFast.text" />,
      429,
    );
  };
  web.post('/referrals/new', async (c) => {
    const who = referrerOnly(c);
    if ('response' in who) return who.response;
    if ((await drafts.list(who.user.sub)).length >= DRAFT_CAP)
      return render(
        c,
        <MessagePage
          ctx={c.get('page')}
          title="error.draftCap.title"
          text="error.draftCap.text"
          values={{ max: DRAFT_CAP }}
        />,
        409,
      );
    const wait = await drafts.throttle(who.user.sub);
    if (wait) return tooFast(c, wait);
    const draft = await drafts.create(who.user.sub);
    return c.redirect(`/drafts/${draft.id}/person`, 303);
  });
  const loadDraft = async (c: Context<WebEnv>) => {
    const who = referrerOnly(c);
    if ('response' in who) return { response: who.response } as const;
    const draft = await drafts.load(who.user.sub, c.req.param('id') ?? '');
    if (!draft) return { response: notFound(c) } as const;
    return { user: who.user, draft } as const;
  };
  web.get('/drafts/:id', async (c) => {
    const loaded = await loadDraft(c);
    if ('response' in loaded) return loaded.response;
    return c.redirect(`/drafts/${loaded.draft.id}/${loaded.draft.reached}`, 303);
  });
  web.get('/drafts/:id/:step', async (c) => {
    const step = c.req.param('step');
    if (!isStep(step)) return notFound(c);
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
  web.post('/drafts/:id/submit', async (c) => {
    const loaded = await loadDraft(c);
    if ('response' in loaded) return loaded.response;
    const { draft, user } = loaded;
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
    const created = result.body;
    await drafts.remove(user.sub, draft.id);
    return c.redirect(`/receipts/${created.id}`, 303);
  });
  web.post('/drafts/:id/:step', async (c) => {
    const step = c.req.param('step');
    if (!isStep(step) || step === 'review') return notFound(c);
    const loaded = await loadDraft(c);
    if ('response' in loaded) return loaded.response;
    const { draft, user } = loaded;
    const form = await c.req.parseBody({ all: true });
    const action = str(form, 'action') || 'next';
    let values = mergeStep(draft.values, step, formValues(form));
    if (step === 'children' && (action === 'add-child' || action === 'remove-child')) {
      const count = childCount({ ...values, hasChildren: 'yes' }) + (action === 'add-child' ? 1 : -1);
      values = { ...values, hasChildren: 'yes', childCount: String(Math.max(1, count)) };
    }
    // What no field may hold is not stored, whichever button was pressed.
    const overLong = tooLong(values);
    if (overLong.length)
      return render(
        c,
        <StepPage
          ctx={c.get('page')}
          draft={{ ...draft, values }}
          step={step}
          errors={overLong}
          saved={false}
        />,
        400,
      );
    const wait = await drafts.throttle(user.sub);
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
    const saved: Draft = await drafts.save(user.sub, { id: draft.id, values, reached });
    if (errors.length)
      return render(
        c,
        <StepPage ctx={c.get('page')} draft={saved} step={step} errors={errors} saved={false} />,
        400,
      );
    if (action === 'save') return c.redirect('/', 303);
    if (action === 'back') return c.redirect(`/drafts/${draft.id}/${STEPS[Math.max(0, index - 1)]}`, 303);
    if (action === 'add-child' || action === 'remove-child')
      return c.redirect(`/drafts/${draft.id}/children?saved=1#f-hasChildren`, 303);
    return c.redirect(`/drafts/${draft.id}/${nextStep}${nextStep === 'review' ? '' : '?saved=1'}`, 303);
  });

  // What the referring organisation follows.
  web.get('/receipts/:id', async (c) => {
    const who = referrerOnly(c);
    if ('response' in who) return who.response;
    const result = await c
      .get('api')
      .get<StatusView>(`/v1/referrals/${encodeURIComponent(c.req.param('id'))}`);
    if (!result.ok) return refused(c, result.problem);
    return render(c, <ReceiptPage ctx={c.get('page')} referral={result.body} />);
  });
  web.get('/mine', async (c) => {
    const who = referrerOnly(c);
    if ('response' in who) return who.response;
    // Everything the organisation referred, over the API or here, in the status view only.
    const result = await c.get('api').get<{ items: StatusView[] }>('/v1/referrals?mine=true&limit=100');
    if (!result.ok) return refused(c, result.problem);
    return render(c, <MinePage ctx={c.get('page')} referrals={result.body.items} />);
  });
  web.get('/mine/:id', async (c) => {
    const who = referrerOnly(c);
    if ('response' in who) return who.response;
    const result = await c
      .get('api')
      .get<StatusView>(`/v1/referrals/${encodeURIComponent(c.req.param('id'))}`);
    if (!result.ok) return refused(c, result.problem);
    return render(
      c,
      <MineDetailPage ctx={c.get('page')} referral={result.body} sent={c.req.query('sent') === '1'} />,
    );
  });
  web.post('/mine/:id/supplements', async (c) => {
    const who = referrerOnly(c);
    if ('response' in who) return who.response;
    const id = encodeURIComponent(c.req.param('id'));
    const api = c.get('api');
    const form = await c.req.parseBody();
    const text = str(form, 'text');
    const ctx = c.get('page');
    const reread = async (error: string) => {
      const referral = await api.get<StatusView>(`/v1/referrals/${id}`);
      if (!referral.ok) return refused(c, referral.problem);
      return render(c, <MineDetailPage ctx={ctx} referral={referral.body} error={error} text={text} />, 400);
    };
    if (!text)
      return reread(ctx.t('errors.required', { field: ctx.t('mine.supplement.label').toLowerCase() }));
    const result = await api.post(`/v1/referrals/${id}/supplements`, { text }, requestKey(form));
    if (!result.ok) {
      if (result.status === 400)
        return reread(ctx.t('errors.api', { message: result.problem.errors?.[0]?.message ?? '' }));
      return refused(c, result.problem);
    }
    return c.redirect(`/mine/${id}?sent=1`, 303);
  });

  // The coordinator workspace.
  web.get('/queues', (c) => {
    const user = userOf(c);
    if (!user) return signInAgain(c);
    if (!COORDINATOR_ROLES.includes(user.role)) return forbidden(c);
    const queues = queuesOf(user);
    return render(c, <QueuesPage ctx={c.get('page')} queues={queues} />);
  });
  web.get('/my-cases', async (c) => {
    if (!userOf(c)) return signInAgain(c);
    const result = await c
      .get('api')
      .get<{ items: Schema<'QueueListing'>['items'] }>('/v1/my/cases?limit=100');
    if (!result.ok) return refused(c, result.problem);
    return render(c, <MyCasesPage ctx={c.get('page')} items={result.body.items} />);
  });
  web.get('/search', (c) => {
    if (!userOf(c)) return signInAgain(c);
    return render(c, <SearchPage ctx={c.get('page')} />);
  });
  web.post('/search', async (c) => {
    if (!userOf(c)) return signInAgain(c);
    const form = await c.req.parseBody({ all: true });
    const api = c.get('api');
    const reference = str(form, 'reference')?.trim();
    if (reference) {
      if (!/^NRM-\d{4}-\d{6}$/.test(reference)) {
        return render(c, <SearchPage ctx={c.get('page')} error="search.invalid" />, 400);
      }
      const found = await api.get<{ id: string }>(`/v1/references/${reference}`);
      if (found.ok) return c.redirect(`/referrals/${found.body.id}`, 303);
      if (found.status === 404)
        return render(c, <SearchPage ctx={c.get('page')} error="search.notFound" />, 404);
      return refused(c, found.problem);
    }
    const result = await api.post<{ items: SearchHit[] }>('/v1/search/referrals', {
      name: str(form, 'name') ?? '',
      dateOfBirth: str(form, 'dateOfBirth') ?? '',
    });
    if (result.ok) return render(c, <SearchPage ctx={c.get('page')} hits={result.body.items} searched />);
    if (result.status === 400 || result.status === 422) {
      return render(c, <SearchPage ctx={c.get('page')} error="search.invalid" />, 400);
    }
    if (result.status === 429)
      return render(c, <SearchPage ctx={c.get('page')} error="search.tooMany" />, 429);
    return refused(c, result.problem);
  });
  web.get('/team/:queue', async (c) => {
    if (!userOf(c)) return signInAgain(c);
    const queue = encodeURIComponent(c.req.param('queue'));
    const [team, listing] = await Promise.all([
      c.get('api').get<{ coordinators: TeamLoad[] }>(`/v1/queues/${queue}/team`),
      c.get('api').get<{ items: Schema<'QueueListing'>['items'] }>(`/v1/queues/${queue}/referrals?limit=100`),
    ]);
    if (!team.ok) return refused(c, team.problem);
    if (!listing.ok) return refused(c, listing.problem);
    return render(
      c,
      <TeamPage
        ctx={c.get('page')}
        queue={c.req.param('queue')}
        coordinators={team.body.coordinators}
        items={listing.body.items}
        moved={c.req.query('moved') === '1'}
      />,
    );
  });
  web.post('/team/:queue/referrals/:id/assign', async (c) => {
    if (!userOf(c)) return signInAgain(c);
    const id = c.req.param('id');
    const form = await c.req.parseBody({ all: true });
    const assignee = str(form, `assignee-${id}`);
    const reason = str(form, `reason-${id}`);
    const result = await c
      .get('api')
      .post(`/v1/referrals/${encodeURIComponent(id)}/assign`, { assignee, ...(reason ? { reason } : {}) });
    if (!result.ok && result.status !== 400 && result.status !== 422) return refused(c, result.problem);
    const queue = encodeURIComponent(c.req.param('queue'));
    return c.redirect(`/team/${queue}${result.ok ? '?moved=1' : ''}`, 303);
  });
  // Taking a referral: the coordinator assigns it to herself; the office stays the owner.
  web.post('/referrals/:id/take', async (c) => {
    if (!userOf(c)) return signInAgain(c);
    const id = c.req.param('id');
    const form = await c.req.parseBody({ all: true });
    const result = await c.get('api').post(`/v1/referrals/${encodeURIComponent(id)}/assign`, {});
    if (!result.ok) return refused(c, result.problem);
    // Back to the page the button was on, and only to a page of this site.
    const back = str(form, 'back') ?? '';
    const target = /^\/(queues|referrals)\/[A-Za-z0-9:%-]+$/.test(back)
      ? back
      : `/referrals/${encodeURIComponent(id)}`;
    return c.redirect(target, 303);
  });
  web.get('/queues/:queue', async (c) => {
    const user = userOf(c);
    if (!user) return signInAgain(c);
    const queue = c.req.param('queue');
    const result = await c
      .get('api')
      .get<Schema<'QueueListing'>>(`/v1/queues/${encodeURIComponent(queue)}/referrals?limit=100`);
    if (!result.ok) return refused(c, result.problem);
    return render(c, <QueuePage ctx={c.get('page')} queue={queue} items={result.body.items} />);
  });

  const directory = async (api: Api): Promise<Organisation[]> => {
    const result = await api.get<Schema<'OrganisationListing'>>('/v1/directory/organisations');
    return result.ok ? result.body.items : [];
  };
  const showReferral = async (c: Context<WebEnv>, feedback: ActionFeedback, status: 200 | 400 = 200) => {
    const user = userOf(c);
    if (!user) return signInAgain(c);
    const api = c.get('api');
    const id = encodeURIComponent(c.req.param('id') ?? '');
    const result = await api.get<ReferralView>(`/v1/referrals/${id}`);
    if (!result.ok) return refused(c, result.problem);
    // The referrer's and the receiver's views are pages of their own.
    if (user.role === 'referrer') return c.redirect(`/mine/${id}`, 303);
    if (!('clocks' in result.body) || !('channel' in result.body)) return c.redirect('/handoffs', 303);
    // Possible duplicates (issue 6): other referrals with the same pseudonymous person key, when the API offers it.
    const [duplicates, history, notes, caseFile] = await Promise.all([
      api.get<Schema<'PossibleDuplicates'>>(`/v1/referrals/${id}/possible-duplicates`),
      api.get<Schema<'ReferralHistory'>>(`/v1/referrals/${id}/events`),
      api.get<Schema<'NoteListing'>>(`/v1/referrals/${id}/notes`),
      api.get<CaseFileBody>(`/v1/referrals/${id}/case`),
    ]);
    const possibleDuplicates =
      duplicates.ok && duplicates.body.possibleDuplicate
        ? { count: duplicates.body.otherReferrals, ids: duplicates.body.otherReferralIds ?? [] }
        : undefined;
    return render(
      c,
      <ReferralPage
        ctx={c.get('page')}
        referral={{ ...result.body, ...(possibleDuplicates ? { possibleDuplicates } : {}) }}
        organisations={await directory(api)}
        feedback={feedback}
        {...(history.ok ? { history: history.body.events } : {})}
        {...(notes.ok ? { notes: notes.body.items } : {})}
        {...(caseFile.ok ? { caseFile: caseFile.body } : {})}
      />,
      status,
    );
  };
  /**
   * After a form that changes the case (a correction, an age assessment, opening a case): back to the case page with
   * a confirmation — or to the queues when the change moved the referral to a queue this coordinator does not work —,
   * or the form again with the API's errors at their fields.
   */
  const caseChanged = (
    c: Context<WebEnv>,
    user: User,
    result: Awaited<ReturnType<Api['post']>>,
    done: keyof typeof ACTION_DONE,
    again: (errors: FieldError[]) => Promise<Response> | Response,
    fieldOf: (path: string) => string,
  ) => {
    const id = encodeURIComponent(c.req.param('id') ?? '');
    if (result.ok) {
      const route = (result.body as { route?: { queue: string } | null } | undefined)?.route;
      return route && !queuesOf(user).includes(route.queue as QueueId)
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
  // The correction and age-assessment forms: checked here first, then sent as one correction.
  const correction =
    (
      build: typeof correctionRequest,
      paths: Readonly<Record<string, string>>,
      done: keyof typeof ACTION_DONE,
    ) =>
    async (c: Context<WebEnv>) => {
      const user = userOf(c);
      if (!user) return signInAgain(c);
      const form = await c.req.parseBody();
      // What was typed goes back into the form with the errors.
      const values = Object.fromEntries(Object.keys(formValues(form)).map((name) => [name, str(form, name)]));
      const ctx = c.get('page');
      const again = (errors: FieldError[]) =>
        showReferral(
          c,
          { errors: errors.map((e) => ({ field: e.field, text: errorText(e, ctx) })), values },
          400,
        );
      const built = build((name) => str(form, name), swedishDate(ctx.now));
      if (built.errors) return again(built.errors);
      const id = encodeURIComponent(c.req.param('id') ?? '');
      const result = await c.get('api').post(`/v1/referrals/${id}/corrections`, built.body, requestKey(form));
      return caseChanged(c, user, result, done, again, (path) => formFieldOf(paths, path));
    };
  // An anonymous notification becomes a case on the person's consent: the person step's questions, the consents and
  // the description, checked and written by the field table as the referral form's are.
  web.post('/referrals/:id/case', async (c) => {
    const user = userOf(c);
    if (!user) return signInAgain(c);
    const raw = await c.req.parseBody({ all: true });
    const form = formValues(raw);
    const values = { ...form, consent: 'given' };
    const ctx = c.get('page');
    const at = now();
    const again = (errors: FieldError[]) =>
      showReferral(
        c,
        {
          errors: errors.map((e) => ({ field: e.field, text: errorText(e, ctx) })),
          values: Object.fromEntries(
            Object.entries(form).filter((e): e is [string, string] => typeof e[1] === 'string'),
          ),
          lists: Object.fromEntries(
            Object.entries(form).filter((e): e is [string, string[]] => Array.isArray(e[1])),
          ),
        },
        400,
      );
    const errors = (['person', 'narrative'] as const).flatMap((step) => validateStep(step, values, at));
    if (errors.length) return again(errors);
    const { person, narrative, consent } = buildRequest(values, at);
    const { status: _given, ...consents } = consent;
    const id = encodeURIComponent(c.req.param('id'));
    const result = await c
      .get('api')
      .post(
        `/v1/referrals/${id}/case`,
        { person, ...(narrative ? { narrative } : {}), consent: consents },
        requestKey(raw),
      );
    return caseChanged(c, user, result, 'case', again, (path) =>
      path.startsWith('consent') ? 'sharing' : fieldOfPath(path).field,
    );
  });
  web.post('/referrals/:id/corrections', correction(correctionRequest, CORRECTION_PATHS, 'corrections'));
  web.post(
    '/referrals/:id/age-assessment',
    correction(assessmentRequest, ASSESSMENT_PATHS, 'age-assessment'),
  );
  web.get('/referrals/:id', (c) => {
    const done = own(ACTION_DONE, c.req.query('done'));
    const feedback: ActionFeedback = {
      ...(done ? { done } : {}),
      ...(c.req.query('conflict') === '1' ? { conflict: true } : {}),
    };
    return showReferral(c, feedback);
  });
  // The clocks, permits and services sections' forms (pages/services-forms.ts): checked, sent, or shown again.
  const sectionAction = async (c: Context<WebEnv>) => {
    if (!userOf(c)) return signInAgain(c);
    const id = c.req.param('id') ?? '';
    const form = sectionForm(id, c.req.param('section') ?? '', c.req.param('item'), c.req.param('action'));
    if (!form) return notFound(c);
    const raw = await c.req.parseBody();
    const values = sectionValues(form, (name) => str(raw, name));
    const t = c.get('page').t;
    const typed = typedValues(form, values);
    const again = (errors: { field: string; text: string }[]) => showReferral(c, { errors, typed }, 400);
    const local = checkForm(form, values, t);
    if (local.length) return again(local);
    const result = await c.get('api').post(form.api, form.body(values), requestKey(raw));
    const page = `/referrals/${encodeURIComponent(id)}`;
    if (result.ok) return c.redirect(`${page}?done=${form.done}#${form.section}`, 303);
    if (result.status === 409) return c.redirect(`${page}?conflict=1#${form.section}`, 303);
    if (result.status === 400 || result.status === 422) return again(refusalErrors(form, result.problem, t));
    return refused(c, result.problem);
  };
  web.post('/referrals/:id/:section{clocks|permits|services}/:item/:action', sectionAction);
  web.post('/referrals/:id/:section{permits}', sectionAction);
  web.post('/referrals/:id/:action', async (c) => {
    const user = userOf(c);
    if (!user) return signInAgain(c);
    const action = c.req.param('action');
    const build = own(ACTIONS, action);
    if (!build) return notFound(c);
    const form = await c.req.parseBody();
    const body = build((name) => str(form, name));
    const id = encodeURIComponent(c.req.param('id'));
    const result = await c.get('api').post(`/v1/referrals/${id}/${action}`, body, requestKey(form));
    // A transferred referral has left the coordinator's queue, and with it their need to know: back to the queues.
    if (result.ok)
      return c.redirect(action === 'transfer' ? '/queues' : `/referrals/${id}?done=${action}`, 303);
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
        field: own(own(FORM_FIELD, action) ?? {}, e.path.split('.')[0]) ?? e.path.split('.')[0] ?? '',
        text: t('errors.api', { message: `${e.path}: ${e.message}` }),
      }));
      return showReferral(c, { errors }, 400);
    }
    return refused(c, result.problem);
  });
  web.post('/referrals/:id/consents/:consentId/withdraw', async (c) => {
    if (!userOf(c)) return signInAgain(c);
    const id = encodeURIComponent(c.req.param('id'));
    const consentId = encodeURIComponent(c.req.param('consentId'));
    const result = await c.get('api').post(`/v1/referrals/${id}/consents/${consentId}/withdraw`, {});
    if (result.ok) return c.redirect(`/referrals/${id}?done=consents`, 303);
    if (result.status === 409) return c.redirect(`/referrals/${id}?conflict=1`, 303);
    return refused(c, result.problem);
  });

  // The receiving organisation.
  web.get('/handoffs', async (c) => {
    const user = userOf(c);
    if (!user) return signInAgain(c);
    if (user.role !== 'receiver') return forbidden(c);
    const api = c.get('api');
    const [offered, accepted, active] = await Promise.all([
      api.get<Schema<'HandoffListing'>>('/v1/handoffs?status=offered'),
      api.get<Schema<'HandoffListing'>>('/v1/handoffs?status=accepted'),
      api.get<Schema<'HandoffListing'>>('/v1/handoffs?status=active'),
    ]);
    if (!offered.ok) return refused(c, offered.problem);
    return render(
      c,
      <HandoffsPage
        ctx={c.get('page')}
        offered={offered.body.items}
        accepted={accepted.ok ? accepted.body.items : []}
        running={active.ok ? active.body.items : []}
        done={c.req.query('done') === '1'}
        conflict={c.req.query('conflict') === '1'}
      />,
    );
  });
  // A hand-off: the offer summary to decide on, and after accepting what its purpose discloses, while the basis holds.
  const handoffPage = async (c: Context<WebEnv>, feedback: SectionFeedback = {}) => {
    const user = userOf(c);
    if (!user) return signInAgain(c);
    if (user.role !== 'receiver') return forbidden(c);
    const api = c.get('api');
    const handoff = await api.get<ReceivedHandoff>(
      `/v1/handoffs/${encodeURIComponent(c.req.param('id') ?? '')}`,
    );
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
  web.get('/handoffs/:id', (c) => handoffPage(c));
  // A service's start and end by the organisation running it.
  web.post('/handoffs/:id/start', async (c) => {
    if (!userOf(c)) return signInAgain(c);
    const id = encodeURIComponent(c.req.param('id'));
    const result = await c.get('api').post(`/v1/handoffs/${id}/start`, {});
    if (result.ok) return c.redirect(`/handoffs/${id}?done=1`, 303);
    if (result.status === 409) return c.redirect(`/handoffs/${id}?conflict=1`, 303);
    return refused(c, result.problem);
  });
  web.post('/handoffs/:id/end', async (c) => {
    if (!userOf(c)) return signInAgain(c);
    const form = serviceEnd(c.req.param('id'));
    const raw = await c.req.parseBody();
    const values = sectionValues(form, (name) => str(raw, name));
    const t = c.get('page').t;
    const typed = typedValues(form, values);
    const local = checkForm(form, values, t);
    if (local.length) return handoffPage(c, { errors: local, typed });
    const result = await c.get('api').post(form.api, form.body(values));
    const id = encodeURIComponent(c.req.param('id'));
    // Ended, the service no longer discloses the case file to its recipient: back to the list.
    if (result.ok) return c.redirect('/handoffs?done=1', 303);
    if (result.status === 409) return c.redirect(`/handoffs/${id}?conflict=1`, 303);
    if (result.status === 400)
      return handoffPage(c, { errors: refusalErrors(form, result.problem, t), typed });
    return refused(c, result.problem);
  });
  web.post('/handoffs/:id/accept', async (c) => {
    if (!userOf(c)) return signInAgain(c);
    const id = encodeURIComponent(c.req.param('id'));
    // Accepted from its own page, the hand-off's page shows what is disclosed now; from the list, the list.
    const back = str(await c.req.parseBody(), 'from') === 'handoff' ? `/handoffs/${id}` : '/handoffs';
    const result = await c.get('api').post(`/v1/handoffs/${id}/accept`, {});
    if (result.ok) return c.redirect(`${back}?done=1`, 303);
    if (result.status === 409) return c.redirect(`${back}?conflict=1`, 303);
    return refused(c, result.problem);
  });
  const declinePage = async (c: Context<WebEnv>, error?: string) => {
    const result = await c
      .get('api')
      .get<ReceivedHandoff>(`/v1/handoffs/${encodeURIComponent(c.req.param('id') ?? '')}`);
    if (!result.ok) return refused(c, result.problem);
    return render(
      c,
      <DeclinePage ctx={c.get('page')} handoff={result.body} error={error} />,
      error ? 400 : 200,
    );
  };
  web.get('/handoffs/:id/decline', (c) => (userOf(c) ? declinePage(c) : signInAgain(c)));
  web.post('/handoffs/:id/decline', async (c) => {
    if (!userOf(c)) return signInAgain(c);
    const form = await c.req.parseBody();
    const t = c.get('page').t;
    const reason = str(form, 'reason');
    if (!reason) return declinePage(c, t('errors.choose', { field: t('action.reason').toLowerCase() }));
    const comment = str(form, 'comment');
    const result = await c.get('api').post(`/v1/handoffs/${encodeURIComponent(c.req.param('id'))}/decline`, {
      reason,
      ...(comment ? { comment } : {}),
    });
    if (result.ok) return c.redirect('/handoffs?done=1', 303);
    if (result.status === 409) return c.redirect('/handoffs?conflict=1', 303);
    if (result.status === 400)
      return declinePage(c, t('errors.api', { message: result.problem.errors?.[0]?.message ?? '' }));
    return refused(c, result.problem);
  });

  // Local mode: the notification outbox, from the local platform's own listing.
  web.get('/outbox', async (c) => {
    if (!options.localTools) return notFound(c);
    const response = await options.api.request('/local/outbox?format=json');
    const entries = response.ok ? ((await response.json()) as OutboxEntry[]) : [];
    return render(c, <OutboxPage ctx={c.get('page')} entries={entries} />);
  });

  // The national dashboard.
  const dashboardData = async (api: Api, at: Date, lang: Lang): Promise<DashboardData | ProblemBody> => {
    const queues = await Promise.all(
      ALL_QUEUES.map(async (queue) => {
        const result = await api.get<Schema<'QueueListing'>>(
          `/v1/queues/${encodeURIComponent(queue)}/referrals?limit=100`,
        );
        if (!result.ok) return result.problem;
        const items = result.body.items;
        return {
          queue,
          open: items.length,
          overdue: items.filter((i) => i.nextDueAt && Date.parse(i.nextDueAt) < at.getTime()).length,
          acute: items.filter((i) => i.acuteProtection).length,
        };
      }),
    );
    const refusal = queues.find((q): q is ProblemBody => 'status' in q);
    if (refusal) return refusal;
    const year = at.toISOString().slice(0, 4);
    const [byStep, byRegion, summary, waiting] = await Promise.all([
      api.get<unknown>(`/v1/stats/handoff-times?period=${year}&groupBy=step`),
      api.get<unknown>(`/v1/stats/handoff-times?period=${year}&groupBy=step,region`),
      api.get<unknown>(`/v1/stats/summary?period=${year}`),
      api.get<unknown>('/v1/stats/waiting-now'),
    ]);
    const handoffTimes = byStep.ok ? handoffTimeRows(byStep.body, lang) : undefined;
    const handoffTimesByRegion = byRegion.ok ? handoffTimeRows(byRegion.body, lang) : undefined;
    const breaches = waiting.ok ? breachesNow(waiting.body) : undefined;
    return {
      queues: queues as DashboardData['queues'],
      ...(handoffTimes ? { handoffTimes } : {}),
      ...(handoffTimesByRegion ? { handoffTimesByRegion } : {}),
      ...(summary.ok ? summaryParts(summary.body) : {}),
      ...(breaches ? { breachesNow: breaches } : {}),
    };
  };

  web.get('/dashboard', async (c) => {
    const user = userOf(c);
    if (!user) return signInAgain(c);
    if (user.role !== 'national-coordinator') return forbidden(c);
    const data = await dashboardData(c.get('api'), c.get('page').now, c.get('page').lang);
    if ('status' in data) return refused(c, data);
    return render(c, <DashboardPage ctx={c.get('page')} data={data} />);
  });
  web.get('/dashboard.csv', async (c) => {
    const user = userOf(c);
    if (!user) return signInAgain(c);
    if (user.role !== 'national-coordinator') return forbidden(c);
    const data = await dashboardData(c.get('api'), c.get('page').now, c.get('page').lang);
    if ('status' in data) return refused(c, data);
    return c.body(dashboardCsv(data), 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': 'attachment; filename="nrm-dashboard.csv"',
    });
  });

  // The yearly report: the API's protected tables as one printable page, and as CSV.
  const reportYear = (c: Context<WebEnv>) => {
    const year = c.req.query('year');
    return year && /^\d{4}$/.test(year) ? year : swedishDate(c.get('page').now).slice(0, 4);
  };
  web.get('/reports/yearly', async (c) => {
    const user = userOf(c);
    if (!user) return signInAgain(c);
    if (user.role !== 'national-coordinator') return forbidden(c);
    const result = await c.get('api').get<unknown>(`/v1/stats/yearly-report?year=${reportYear(c)}`);
    if (!result.ok) return refused(c, result.problem);
    return render(c, <YearlyReportPage ctx={c.get('page')} report={yearlyReportOf(result.body)} />);
  });
  web.get('/reports/yearly.csv', async (c) => {
    const user = userOf(c);
    if (!user) return signInAgain(c);
    if (user.role !== 'national-coordinator') return forbidden(c);
    const year = reportYear(c);
    const result = await c.get('api').get<unknown>(`/v1/stats/yearly-report?year=${year}`);
    if (!result.ok) return refused(c, result.problem);
    return c.body(yearlyReportCsv(yearlyReportOf(result.body)), 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="nrm-yearly-report-${year}.csv"`,
    });
  });

  return web;
}

const ACTION_DONE: Record<string, MessageKey> = {
  acknowledge: 'action.acknowledge',
  notes: 'action.note',
  handoffs: 'action.handoff',
  consents: 'action.consents',
  transfer: 'action.transfer',
  close: 'action.close',
  reopen: 'action.reopen',
  corrections: 'action.correct',
  'age-assessment': 'action.ageAssessment',
  case: 'action.openCase',
  ...SECTION_DONE,
};

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
