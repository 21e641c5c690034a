// A receiving organisation's view: hand-offs waiting for its answer (accept, or decline with a reason) and what it
// has accepted. The lists show the reference, the track and the purpose — nothing about the person; a hand-off's page
// shows the case file as the API discloses it: the offer summary without identity, then what the purpose needs.
import type { Schema } from '@nrm/client';
import { awaitsInvestigationDecision } from '@nrm/domain';
import {
  bindFeedback,
  Choices,
  type Column,
  DataTable,
  ErrorSummary,
  type FormFeedback,
  Notice,
  PostForm,
  ReasonAndComment,
  SummaryList,
} from '../components';
import type { CaseFileBody } from '../form/case-file';
import { fieldId } from '../form/model';
import {
  AGE_GROUP,
  DECLINE,
  HANDOFF_PURPOSE,
  HANDOFF_STATUS,
  INVESTIGATION_DECISION,
  label,
  options,
  SERVICE_STATUS,
} from '../i18n/codes';
import { Layout } from '../layout';
import { formatDateTime, type PageContext } from '../page-context';
import { CaseSections, PersonCard } from './case-file';
import { basisLabel, Due, type Organisation, organisationName } from './coordinator';
import { ServiceEndForm } from './services';
import { formField, handoffDecision } from './services-forms';

/** A hand-off offered to or accepted by the caller's organisation (`GET /v1/handoffs`). */
export type ReceivedHandoff = Schema<'Handoff'>;

export function HandoffsPage({
  ctx,
  offered,
  accepted,
  running = [],
  organisations,
  done,
  conflict,
}: {
  ctx: PageContext;
  offered: readonly ReceivedHandoff[];
  accepted: readonly ReceivedHandoff[];
  /** Services this organisation has begun and not yet ended. */
  running?: readonly ReceivedHandoff[];
  /** The directory, for the organisation's own name. */
  organisations: readonly Organisation[];
  done?: boolean;
  conflict?: boolean;
}) {
  const { t, lang } = ctx;
  const title = t('handoffs.title', {
    organisation: organisationName(organisations, ctx.user?.organisationId ?? '', lang),
  });
  return (
    <Layout ctx={ctx} title={title} scripts>
      {done ? <Notice kind="success">{t('handoffs.done')}</Notice> : null}
      {conflict ? <Notice kind="warning">{t('referral.conflict')}</Notice> : null}
      <h1>{title}</h1>
      <HandoffTable
        ctx={ctx}
        status="handoffs.offered"
        items={offered}
        columns={[
          {
            header: t('handoffs.answerBy'),
            cell: (h) => (h.answerBy ? <Due ctx={ctx} dueAt={h.answerBy} /> : '–'),
          },
          {
            header: t('referral.actions'),
            cell: (h) => (
              <>
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
              </>
            ),
          },
        ]}
      />
      <HandoffTable
        ctx={ctx}
        status="handoffs.accepted"
        items={accepted}
        columns={[
          { header: t('referral.offered'), cell: (h) => formatDateTime(h.offeredAt, ctx) },
          // A report of concern waits for social services' decision on an investigation (its 14-day clock runs).
          {
            header: t('handoff.decision'),
            cell: (h) =>
              h.decision
                ? label(INVESTIGATION_DECISION, lang, h.decision)
                : awaitsInvestigationDecision(h)
                  ? t('handoffs.decisionPending')
                  : '–',
          },
        ]}
      />
      <HandoffTable
        ctx={ctx}
        status="handoffs.running"
        items={running}
        columns={[
          { header: t('services.since'), cell: (h) => formatDateTime(h.startedAt ?? h.offeredAt, ctx) },
        ]}
      />
    </Layout>
  );
}

/** Hand-offs of one status under its heading: what every list shows (reference, purpose, track, the basis of the
 * disclosure), then the status's own columns. */
function HandoffTable({
  ctx,
  status,
  items,
  columns,
}: {
  ctx: PageContext;
  status: 'handoffs.offered' | 'handoffs.accepted' | 'handoffs.running';
  items: readonly ReceivedHandoff[];
  columns: readonly Column<ReceivedHandoff>[];
}) {
  const { t, lang } = ctx;
  return (
    <>
      <h2>{t(status)}</h2>
      <DataTable
        caption={t('handoffs.caption', { status: t(status) })}
        empty={t('handoffs.none')}
        rows={items}
        columns={[
          { header: t('queue.reference'), cell: (h) => <a href={`/handoffs/${h.id}`}>{h.reference}</a> },
          { header: t('referral.purpose'), cell: (h) => label(HANDOFF_PURPOSE, lang, h.purpose) },
          { header: t('queue.track'), cell: (h) => label(AGE_GROUP, lang, h.track) },
          { header: t('referral.basis'), cell: (h) => basisLabel(h.basis, ctx) },
          ...columns,
        ]}
      />
    </>
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
          { key: t('queue.track'), value: label(AGE_GROUP, lang, handoff.track) },
          { key: t('referral.offered'), value: formatDateTime(handoff.offeredAt, ctx) },
        ]}
      />
      <PostForm
        ctx={ctx}
        action={`/handoffs/${handoff.id}/decline`}
        button="button button-warning"
        submit={title}
      >
        <ReasonAndComment
          reason={{ ctx, name: 'reason', value: '', error }}
          comment={{ ctx, name: 'comment', value: '' }}
          options={options(DECLINE, lang)}
          rows={3}
        />
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
  feedback?: FormFeedback;
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
          {
            key: t('referral.status'),
            // "Accepted, not begun" is a service's; a hand-over of responsibility is simply accepted.
            value: label(handoff.kind === 'service' ? SERVICE_STATUS : HANDOFF_STATUS, lang, handoff.status),
          },
          { key: t('queue.track'), value: label(AGE_GROUP, lang, handoff.track) },
          { key: t('referral.basis'), value: basisLabel(handoff.basis, ctx) },
          { key: t('referral.offered'), value: formatDateTime(handoff.offeredAt, ctx) },
          ...(handoff.startedAt
            ? [{ key: t('services.since'), value: formatDateTime(handoff.startedAt, ctx) }]
            : []),
          ...(handoff.decision
            ? [{ key: t('handoff.decision'), value: label(INVESTIGATION_DECISION, lang, handoff.decision) }]
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
      {awaitsInvestigationDecision(handoff) ? (
        <DecisionForm ctx={ctx} handoffId={handoff.id} feedback={feedback} />
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

/** Social services' decision on an investigation after the report of concern they accepted (SoL 11:1a). */
function DecisionForm({
  ctx,
  handoffId,
  feedback,
}: {
  ctx: PageContext;
  handoffId: string;
  feedback: FormFeedback;
}) {
  const { t, lang } = ctx;
  const form = handoffDecision(handoffId);
  const { bound } = bindFeedback(ctx, feedback);
  return (
    <section aria-labelledby="handoff-decision">
      <h2 id="handoff-decision">{t('handoff.decision')}</h2>
      <p>{t('handoff.decision.intro')}</p>
      <PostForm ctx={ctx} action={`/handoffs/${handoffId}/decision`} submit={t('handoff.decision.submit')}>
        <Choices
          {...bound(formField(form.prefix, 'decision'))}
          type="radio"
          label={t('handoff.decision.label')}
          options={options(INVESTIGATION_DECISION, lang)}
        />
      </PostForm>
    </section>
  );
}
