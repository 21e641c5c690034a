// A receiving organisation's view: hand-offs waiting for its answer (accept, or decline with a reason) and what it
// has accepted. The lists show the reference, the track and the purpose — nothing about the person; a hand-off's page
// shows the case file as the API discloses it: the offer summary without identity, then what the purpose needs.
import type { Schema } from '@nrm/client';
import { DECLINE_REASONS } from '@nrm/domain';
import type { JSX } from 'hono/jsx/jsx-runtime';
import { Choices, ErrorSummary, Notice, PostForm, SummaryList, TextArea } from '../components';
import type { CaseFileBody } from '../form/case-file';
import { fieldId } from '../form/model';
import { DECLINE, HANDOFF_PURPOSE, label, SERVICE_STATUS, TRACK } from '../i18n/codes';
import { Layout } from '../layout';
import { formatDateTime, type PageContext } from '../page-context';
import { CaseSections, PersonCard } from './case-file';
import { basisLabel, Due, type Organisation, organisationName } from './coordinator';
import { type SectionFeedback, ServiceEndForm } from './services';

/** A hand-off offered to or accepted by the caller's organisation (`GET /v1/handoffs`). */
export type ReceivedHandoff = Schema<'Handoff'>;

export function HandoffsPage({
  ctx,
  offered,
  accepted,
  running = [],
  done,
  conflict,
}: {
  ctx: PageContext;
  offered: readonly ReceivedHandoff[];
  accepted: readonly ReceivedHandoff[];
  /** Services this organisation has begun and not yet ended. */
  running?: readonly ReceivedHandoff[];
  done?: boolean;
  conflict?: boolean;
}) {
  const { t } = ctx;
  const title = t('handoffs.title', { organisation: ctx.user?.organisationId ?? '' });
  return (
    <Layout ctx={ctx} title={title} scripts>
      {done ? <Notice kind="success">{t('handoffs.done')}</Notice> : null}
      {conflict ? <Notice kind="warning">{t('referral.conflict')}</Notice> : null}
      <h1>{title}</h1>
      <h2>{t('handoffs.offered')}</h2>
      <HandoffTable
        ctx={ctx}
        status={t('handoffs.offered')}
        items={offered}
        headers={[t('handoffs.answerBy'), t('referral.actions')]}
        cells={(h) => [
          <td>{h.answerBy ? <Due ctx={ctx} dueAt={h.answerBy} /> : '–'}</td>,
          <td>
            <PostForm
              ctx={ctx}
              action={`/handoffs/${h.id}/accept`}
              class="inline-form"
              submit={t('handoffs.accept', { reference: h.reference })}
            />
            <a href={`/handoffs/${h.id}/decline`}>
              {t('handoffs.decline')}
              <span class="visually-hidden"> {h.reference}</span>
            </a>
          </td>,
        ]}
      />
      <h2>{t('handoffs.accepted')}</h2>
      <HandoffTable
        ctx={ctx}
        status={t('handoffs.accepted')}
        items={accepted}
        headers={[t('referral.offered')]}
        cells={(h) => [<td>{formatDateTime(h.offeredAt, ctx)}</td>]}
      />
      <h2>{t('handoffs.running')}</h2>
      <HandoffTable
        ctx={ctx}
        status={t('handoffs.running')}
        items={running}
        headers={[t('services.since')]}
        cells={(h) => [<td>{formatDateTime(h.startedAt ?? h.offeredAt, ctx)}</td>]}
      />
    </Layout>
  );
}

/** Hand-offs of one status: what every list shows (reference, purpose, track, the basis of the disclosure), then
 * the status's own columns. */
function HandoffTable({
  ctx,
  status,
  items,
  headers,
  cells,
}: {
  ctx: PageContext;
  status: string;
  items: readonly ReceivedHandoff[];
  headers: readonly string[];
  cells: (handoff: ReceivedHandoff) => JSX.Element[];
}) {
  const { t, lang } = ctx;
  if (items.length === 0) return <p>{t('handoffs.none')}</p>;
  return (
    <div class="table-wrap">
      <table>
        <caption class="visually-hidden">{t('handoffs.caption', { status })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('queue.reference')}</th>
            <th scope="col">{t('referral.purpose')}</th>
            <th scope="col">{t('queue.track')}</th>
            <th scope="col">{t('referral.basis')}</th>
            {headers.map((header) => (
              <th scope="col">{header}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {items.map((h) => (
            <tr>
              <td>
                <a href={`/handoffs/${h.id}`}>{h.reference}</a>
              </td>
              <td>{label(HANDOFF_PURPOSE, lang, h.purpose)}</td>
              <td>{label(TRACK, lang, h.track)}</td>
              <td>{basisLabel(h.basis, ctx)}</td>
              {cells(h)}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function DeclinePage({
  ctx,
  handoff,
  error,
}: {
  ctx: PageContext;
  handoff: ReceivedHandoff;
  error?: string | undefined;
}) {
  const { t, lang } = ctx;
  const title = t('handoffs.decline.submit', { reference: handoff.reference });
  return (
    <Layout ctx={ctx} title={title} hasErrors={!!error}>
      <ErrorSummary ctx={ctx} errors={error ? [{ href: `#${fieldId('reason')}`, text: error }] : []} />
      <h1>{title}</h1>
      <SummaryList
        rows={[
          { key: t('referral.purpose'), value: label(HANDOFF_PURPOSE, lang, handoff.purpose) },
          { key: t('queue.track'), value: label(TRACK, lang, handoff.track) },
          { key: t('referral.offered'), value: formatDateTime(handoff.offeredAt, ctx) },
        ]}
      />
      <PostForm
        ctx={ctx}
        action={`/handoffs/${handoff.id}/decline`}
        button="button button-warning"
        submit={title}
      >
        <Choices
          ctx={ctx}
          type="radio"
          name="reason"
          label={t('action.reason')}
          value=""
          options={DECLINE_REASONS.map((r) => ({ value: r, label: label(DECLINE, lang, r) }))}
          error={error}
        />
        <TextArea ctx={ctx} name="comment" label={t('action.comment')} value="" rows={3} optional />
      </PostForm>
      <p>
        <a href="/handoffs">{t('nav.handoffs')}</a>
      </p>
    </Layout>
  );
}

/** One hand-off with the case file as the API discloses it to this organisation now, and the answer while offered. */
export function HandoffPage({
  ctx,
  handoff,
  caseFile,
  organisations,
  done,
  conflict,
  feedback = {},
}: {
  ctx: PageContext;
  handoff: ReceivedHandoff;
  caseFile: CaseFileBody;
  organisations: readonly Organisation[];
  done?: boolean;
  conflict?: boolean;
  /** A refused end of the service, with what was typed. */
  feedback?: SectionFeedback;
}) {
  const { t, lang } = ctx;
  const errors = feedback.errors ?? [];
  const service = handoff.kind === 'service' && ['accepted', 'active'].includes(handoff.status);
  const title = t('handoff.title', { reference: handoff.reference });
  const purpose = label(HANDOFF_PURPOSE, lang, handoff.purpose);
  const offered = handoff.status === 'offered';
  return (
    <Layout ctx={ctx} title={title} hasErrors={errors.length > 0} scripts>
      <ErrorSummary ctx={ctx} errors={errors.map((e) => ({ href: `#${fieldId(e.field)}`, text: e.text }))} />
      {done ? <Notice kind="success">{t('handoffs.done')}</Notice> : null}
      {conflict ? <Notice kind="warning">{t('referral.conflict')}</Notice> : null}
      <h1>{title}</h1>
      <p>{caseFile.view === 'offer' ? t('handoff.offer.intro') : t('handoff.disclosed.intro')}</p>
      <SummaryList
        rows={[
          { key: t('referral.purpose'), value: purpose },
          { key: t('referral.status'), value: label(SERVICE_STATUS, lang, handoff.status) },
          { key: t('queue.track'), value: label(TRACK, lang, handoff.track) },
          { key: t('referral.basis'), value: basisLabel(handoff.basis, ctx) },
          { key: t('referral.offered'), value: formatDateTime(handoff.offeredAt, ctx) },
          ...(handoff.startedAt
            ? [{ key: t('services.since'), value: formatDateTime(handoff.startedAt, ctx) }]
            : []),
          ...(offered && handoff.answerBy
            ? [{ key: t('handoffs.answerBy'), value: <Due ctx={ctx} dueAt={handoff.answerBy} /> }]
            : []),
        ]}
      />
      <PersonCard ctx={ctx} file={caseFile} />
      <CaseSections
        ctx={ctx}
        file={caseFile}
        orgName={(id) => organisationName(organisations, id, lang)}
        consents
      />
      {offered ? (
        <section aria-labelledby="handoff-answer">
          <h2 id="handoff-answer">{t('handoff.answer')}</h2>
          <PostForm
            ctx={ctx}
            action={`/handoffs/${handoff.id}/accept`}
            class="inline-form"
            submit={t('handoffs.accept', { reference: handoff.reference })}
          >
            <input type="hidden" name="from" value="handoff" />
          </PostForm>
          <a href={`/handoffs/${handoff.id}/decline`}>
            {t('handoffs.decline.submit', { reference: handoff.reference })}
          </a>
        </section>
      ) : null}
      {service ? (
        <section aria-labelledby="handoff-service">
          <h2 id="handoff-service">{t('handoff.service')}</h2>
          {handoff.status === 'accepted' ? (
            <PostForm
              ctx={ctx}
              action={`/handoffs/${handoff.id}/start`}
              submit={t('handoff.service.start')}
            />
          ) : null}
          <ServiceEndForm
            ctx={ctx}
            feedback={feedback}
            handoffId={handoff.id}
            action={`/handoffs/${handoff.id}/end`}
            summary={t('services.end.submit')}
          />
        </section>
      ) : null}
      <p>
        <a href="/handoffs">{t('nav.handoffs')}</a>
      </p>
    </Layout>
  );
}
