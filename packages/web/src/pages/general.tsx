// Sign-in, the home page of each role, the start of a referral, error pages and the accessibility statement.
import { ErrorSummary, Notice, PostForm, Select } from '../components';
import type { DraftSummary } from '../drafts-store';
import { fieldId } from '../form/model';
import type { MessageKey } from '../i18n/messages';
import { Layout, TitledPage } from '../layout';
import { formatDate, formatDateTime, type PageContext } from '../page-context';

export interface PickerIdentity {
  readonly id: string;
  readonly name: string;
  readonly role: string;
}

const ROLE_GROUP: Record<string, { sv: string; en: string }> = {
  referrer: { sv: 'Hänvisande organisationer', en: 'Referring organisations' },
  'regional-coordinator': { sv: 'Regionkoordinatorer', en: 'Regional coordinators' },
  'child-coordinator': { sv: 'Barnkoordinatorer', en: "Children's coordinators" },
  'national-coordinator': { sv: 'Nationell samordning', en: 'National coordination' },
  'regional-lead': { sv: 'Regionalt samordningsansvariga', en: 'Regional leads' },
  receiver: { sv: 'Mottagande organisationer', en: 'Receiving organisations' },
  auditor: { sv: 'Granskning', en: 'Audit' },
};

export function SignInPage({
  ctx,
  identities,
  hostedUrl,
  error,
  next,
}: {
  ctx: PageContext;
  identities?: readonly PickerIdentity[];
  hostedUrl?: string;
  error?: boolean;
  next?: string;
}) {
  const { t } = ctx;
  const groups = Object.entries(ROLE_GROUP)
    .map(([role, names]) => ({
      label: names[ctx.lang],
      options: (identities ?? []).filter((i) => i.role === role).map((i) => ({ value: i.id, label: i.name })),
    }))
    .filter((g) => g.options.length > 0);
  return (
    <Layout ctx={ctx} title={t('signIn.title')} hasErrors={!!error}>
      <ErrorSummary
        ctx={ctx}
        errors={error ? [{ href: `#${fieldId('identity')}`, text: t('signIn.error') }] : []}
      />
      <h1>{t('signIn.title')}</h1>
      {hostedUrl ? (
        <p>
          <a href={hostedUrl} class="button">
            {t('signIn.hosted')}
          </a>
        </p>
      ) : null}
      {identities ? (
        <>
          <p>{t('signIn.intro')}</p>
          <PostForm ctx={ctx} action="/sign-in" submit={t('signIn.submit')}>
            {next ? <input type="hidden" name="next" value={next} /> : null}
            <Select
              ctx={ctx}
              name="identity"
              label={t('signIn.identity')}
              hint={t('signIn.identity.hint')}
              value=""
              options={[]}
              groups={groups}
              error={error ? t('signIn.error') : undefined}
            />
          </PostForm>
        </>
      ) : hostedUrl ? null : (
        <p>{t('signIn.unavailable')}</p>
      )}
    </Layout>
  );
}

export function HomePage({ ctx, drafts }: { ctx: PageContext; drafts: readonly DraftSummary[] }) {
  const { t } = ctx;
  const user = ctx.user!;
  const intro: Record<string, MessageKey> = {
    referrer: 'home.referrer',
    'regional-coordinator': 'home.coordinator',
    'child-coordinator': 'home.coordinator',
    'national-coordinator': 'home.national',
    receiver: 'home.receiver',
    auditor: 'home.auditor',
  };
  return (
    <Layout ctx={ctx} title={t('home.title')}>
      <h1>{t('home.welcome', { name: user.name })}</h1>
      <p>{t(intro[user.role] ?? 'home.auditor')}</p>
      {user.role === 'referrer' ? <DraftList ctx={ctx} drafts={drafts} /> : null}
      {user.role === 'receiver' ? (
        <p>
          <a href="/handoffs">{t('nav.handoffs')}</a>
        </p>
      ) : null}
      {['regional-coordinator', 'child-coordinator', 'national-coordinator'].includes(user.role) ? (
        <p>
          <a href="/queues">{t('nav.queue')}</a> · <a href="/my-cases">{t('myCases.title')}</a> ·{' '}
          <a href="/search">{t('search.title')}</a>
        </p>
      ) : null}
      {user.role === 'national-coordinator' ? (
        <p>
          <a href="/dashboard">{t('nav.dashboard')}</a>
        </p>
      ) : null}
      {ctx.localTools ? (
        <p>
          <a href="/outbox">{t('outbox.link')}</a>
        </p>
      ) : null}
    </Layout>
  );
}

function DraftList({ ctx, drafts }: { ctx: PageContext; drafts: readonly DraftSummary[] }) {
  const { t } = ctx;
  return (
    <>
      <PostForm ctx={ctx} action="/referrals/new" submit={t('home.start')} />
      <h2>{t('home.drafts')}</h2>
      {drafts.length === 0 ? (
        <p>{t('home.drafts.none')}</p>
      ) : (
        <ul>
          {drafts.map((d) => (
            <li>
              <a href={`/drafts/${d.id}`}>
                {t('home.drafts.continue', { updated: formatDateTime(d.updatedAt, ctx) })}
              </a>{' '}
              ({t('home.drafts.expires', { date: formatDate(d.expiresAt, ctx) })})
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export function NewReferralPage({ ctx, drafts }: { ctx: PageContext; drafts: readonly DraftSummary[] }) {
  return (
    <TitledPage ctx={ctx} title={ctx.t('form.title')}>
      <p>{ctx.t('form.privacy')}</p>
      <DraftList ctx={ctx} drafts={drafts} />
    </TitledPage>
  );
}

export function MessagePage({
  ctx,
  title,
  text,
  values,
}: {
  ctx: PageContext;
  title: MessageKey;
  text: MessageKey;
  values?: Record<string, string | number>;
}) {
  return (
    <TitledPage ctx={ctx} title={ctx.t(title)}>
      <p>{ctx.t(text, values)}</p>
      <p>
        <a href="/">{ctx.t('error.back')}</a>
      </p>
    </TitledPage>
  );
}

/** Why a hosted sign-in did not finish, and the way to start again. */
export function SignInFailedPage({
  ctx,
  failure,
  next,
}: {
  ctx: PageContext;
  failure: 'expired' | 'denied' | 'state' | 'exchange';
  next: string;
}) {
  const { t } = ctx;
  return (
    <TitledPage ctx={ctx} title={t('signIn.failed.title')}>
      <p>{t(`signIn.failed.${failure}`)}</p>
      <p>
        <a href={`/sign-in?next=${encodeURIComponent(next)}`} class="button">
          {t('signIn.failed.again')}
        </a>
      </p>
    </TitledPage>
  );
}

export function AccessibilityPage({ ctx }: { ctx: PageContext }) {
  return (
    <TitledPage ctx={ctx} title={ctx.t('a11y.title')}>
      <Notice>{ctx.t('a11y.text')}</Notice>
    </TitledPage>
  );
}
