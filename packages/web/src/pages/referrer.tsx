// What a referring organisation sees after submitting: the receipt, and the purpose-limited status of its own
// referrals with a way to add information.
import type { Schema } from '@nrm/client';
import { ErrorSummary, Notice, PostForm, SummaryList, TextArea } from '../components';
import { fieldId } from '../form/model';
import { label, STATUS } from '../i18n/codes';
import { Layout, ListPage } from '../layout';
import { formatDateTime, type PageContext } from '../page-context';

/** The referrer's purpose-limited view of its referral (the API's schema, through the typed client). */
export type StatusView = Schema<'ReferralStatus'>;

export function ReceiptPage({ ctx, referral }: { ctx: PageContext; referral: StatusView }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('receipt.title')}>
      <div class="panel">
        <h1>{t('receipt.title')}</h1>
        <p>
          {t('receipt.reference')}
          <br />
          <strong class="panel-reference">{referral.reference}</strong>
        </p>
      </div>
      <p>{t('receipt.keep')}</p>
      <h2>{t('receipt.next')}</h2>
      <ol>
        <li>{t('receipt.next1')}</li>
        <li>{t('receipt.next2')}</li>
        <li>{t('receipt.next3')}</li>
        <li>{t('receipt.next4')}</li>
      </ol>
      <p>
        <a href="/mine">{t('receipt.mine')}</a>
      </p>
      <p>
        <a href="/referrals/new">{t('receipt.new')}</a>
      </p>
    </Layout>
  );
}

export function MinePage({ ctx, referrals }: { ctx: PageContext; referrals: readonly StatusView[] }) {
  const { t } = ctx;
  return (
    <ListPage
      ctx={ctx}
      title={t('mine.title')}
      intro={t('mine.intro')}
      empty={t('mine.none')}
      rows={referrals}
      columns={[
        { header: t('mine.reference'), cell: (r) => <a href={`/mine/${r.id}`}>{r.reference}</a> },
        { header: t('mine.submitted'), cell: (r) => formatDateTime(r.submittedAt, ctx) },
        {
          header: t('mine.status'),
          cell: (r) => (
            <span class="tag" data-status={r.status}>
              {label(STATUS, ctx.lang, r.status)}
            </span>
          ),
        },
      ]}
    />
  );
}

export function MineDetailPage({
  ctx,
  referral,
  sent,
  error,
  text,
}: {
  ctx: PageContext;
  referral: StatusView;
  sent?: boolean;
  error?: string | undefined;
  text?: string;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('mine.detail.title', { reference: referral.reference })} hasErrors={!!error}>
      <ErrorSummary ctx={ctx} errors={error ? [{ href: `#${fieldId('text')}`, text: error }] : []} />
      {sent ? <Notice kind="success">{t('mine.supplement.sent')}</Notice> : null}
      <h1>{t('mine.detail.title', { reference: referral.reference })}</h1>
      <SummaryList
        rows={[
          { key: t('mine.submitted'), value: formatDateTime(referral.submittedAt, ctx) },
          {
            key: t('mine.status'),
            value: (
              <span class="tag" data-status={referral.status}>
                {label(STATUS, ctx.lang, referral.status)}
              </span>
            ),
          },
        ]}
      />
      <h2>{t('mine.supplement')}</h2>
      <PostForm ctx={ctx} action={`/mine/${referral.id}/supplements`} submit={t('mine.supplement.submit')}>
        <TextArea
          ctx={ctx}
          name="text"
          label={t('mine.supplement.label')}
          hint={t('mine.supplement.hint')}
          value={text ?? ''}
          maxlength={20_000}
          error={error}
        />
      </PostForm>
      <p>
        <a href="/mine">{t('mine.title')}</a>
      </p>
    </Layout>
  );
}
