// Working as a team in the web (issue 20): "my cases", and the regional lead's team page, where she moves a referral
// from one coordinator to another with a reason. Plain forms and tables: they work without JavaScript.
import type { Schema } from '@nrm/client';
import { ASSIGNMENT_REASONS, type AssignmentReason } from '@nrm/domain';
import { DataTable, PostForm, Select } from '../components';
import { queueName } from '../i18n/codes';
import type { MessageKey } from '../i18n/messages';
import { ListPage, TitledPage } from '../layout';
import type { PageContext } from '../page-context';
import type { QueueItem } from './coordinator';

/** One coordinator's load, as `GET /v1/queues/{queue}/team` answers it. */
export type TeamLoad = Schema<'TeamWorkload'>['coordinators'][number];

const REASON: Record<AssignmentReason, MessageKey> = {
  workload: 'team.reason.workload',
  absence: 'team.reason.absence',
  expertise: 'team.reason.expertise',
  language: 'team.reason.language',
  'conflict-of-interest': 'team.reason.conflict',
  other: 'team.reason.other',
};

export function MyCasesPage({ ctx, items }: { ctx: PageContext; items: readonly QueueItem[] }) {
  const { t } = ctx;
  return (
    <ListPage
      ctx={ctx}
      title={t('myCases.title')}
      intro={t('myCases.intro')}
      empty={t('myCases.none')}
      rows={items}
      columns={[
        { header: t('queue.reference'), cell: (r) => <a href={`/referrals/${r.id}`}>{r.reference}</a> },
        { header: t('queue.due'), cell: (r) => r.nextDueAt ?? '—' },
      ]}
    />
  );
}

export function TeamPage({
  ctx,
  queue,
  coordinators,
  items,
  moved,
}: {
  ctx: PageContext;
  queue: string;
  coordinators: readonly TeamLoad[];
  items: readonly QueueItem[];
  moved?: boolean;
}) {
  const { t } = ctx;
  const name = queueName(queue, ctx.lang);
  const reasons = ASSIGNMENT_REASONS.map((r) => ({ value: r, label: t(REASON[r]) }));
  return (
    <TitledPage ctx={ctx} title={t('team.title', { queue: name })}>
      {moved ? (
        <div class="notice notice-success" role="status">
          <p>{t('team.moved')}</p>
        </div>
      ) : null}
      <DataTable
        caption={t('team.load')}
        showCaption
        empty={t('team.nobody')}
        rows={coordinators}
        columns={[
          { header: t('team.coordinator'), cell: (r) => r.sub },
          { header: t('team.open'), cell: (r) => String(r.open) },
          { header: t('team.warning'), cell: (r) => String(r.warning) },
          { header: t('team.breached'), cell: (r) => String(r.breached) },
        ]}
      />
      <h2>{t('team.referrals')}</h2>
      {items.length === 0 ? <p>{t('queue.empty')}</p> : null}
      {items.map((item) => (
        <section class="team-referral" aria-labelledby={`ref-${item.id}`}>
          <h3 id={`ref-${item.id}`}>
            <a href={`/referrals/${item.id}`}>{item.reference}</a>{' '}
            <span class="tag">{item.assignee ?? t('team.unassigned')}</span>
          </h3>
          <PostForm
            ctx={ctx}
            action={`/team/${encodeURIComponent(queue)}/referrals/${item.id}/assign`}
            submit={t('team.assign')}
          >
            <Select
              ctx={ctx}
              name={`assignee-${item.id}`}
              label={t('team.assignTo')}
              value=""
              options={coordinators
                .filter((c) => c.sub !== item.assignee)
                .map((c) => ({ value: c.sub, label: c.sub }))}
            />
            <Select
              ctx={ctx}
              name={`reason-${item.id}`}
              label={t('team.reason')}
              value=""
              options={reasons}
            />
          </PostForm>
        </section>
      ))}
    </TitledPage>
  );
}

/** A referral found by `POST /v1/search/referrals`. */
export type SearchHit = Schema<'SearchResult'>['items'][number];

/**
 * Finding a case: by its number, or by name (or alias) and date of birth. Both are posted, so neither the name nor
 * the date is ever in a URL, a bookmark or a server log.
 */
export function SearchPage({
  ctx,
  hits,
  searched,
  error,
}: {
  ctx: PageContext;
  hits?: readonly SearchHit[];
  searched?: boolean;
  error?: MessageKey;
}) {
  const { t } = ctx;
  return (
    <TitledPage ctx={ctx} title={t('search.title')}>
      {error ? (
        <div class="notice notice-error" role="alert">
          <p>{t(error)}</p>
        </div>
      ) : null}
      <PostForm ctx={ctx} action="/search" submit={t('search.byReference')}>
        <SearchField name="reference" label={t('search.reference')} placeholder="NRM-2026-000123" />
      </PostForm>
      <PostForm ctx={ctx} action="/search" submit={t('search.byName')}>
        <SearchField name="name" label={t('search.name')} />
        <SearchField name="dateOfBirth" label={t('search.dateOfBirth')} type="date" />
      </PostForm>
      {searched ? (
        <DataTable
          caption={t('search.results')}
          showCaption
          empty={t('search.none')}
          rows={hits ?? []}
          columns={[
            { header: t('queue.reference'), cell: (r) => <a href={`/referrals/${r.id}`}>{r.reference}</a> },
            { header: t('nav.queue'), cell: (r) => (r.queue ? queueName(r.queue, ctx.lang) : '—') },
          ]}
        />
      ) : null}
    </TitledPage>
  );
}

/** A search box: posted, never remembered by the browser. */
function SearchField({
  name,
  label,
  type,
  placeholder,
}: {
  name: string;
  label: string;
  type?: 'date';
  placeholder?: string;
}) {
  return (
    <div class="field">
      <label class="label" for={`f-${name}`}>
        {label}
      </label>
      <input
        class="input"
        id={`f-${name}`}
        name={name}
        type={type}
        autocomplete="off"
        placeholder={placeholder}
      />
    </div>
  );
}
