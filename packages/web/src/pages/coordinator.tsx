// The coordinator workspace: the queues, a queue most urgent first with live countdowns, and a referral with its
// clocks, owner, hand-offs, events and the actions the API offers.

import type { Schema } from '@nrm/client';
import { ADULT_CONSENT_SCOPES, ALL_QUEUES, consentFor } from '@nrm/domain';
import type { Child } from 'hono/jsx';
import {
  bindFeedback,
  DisclosureForm,
  ErrorSummary,
  type FormFeedback,
  HeadedTable,
  Notice,
  PostForm,
  ReasonAndComment,
  Select,
  SummaryList,
  TextArea,
} from '../components';
import type { CaseFileBody } from '../form/case-file';
import { fieldId } from '../form/model';
import {
  AGE_GROUP,
  CLOCK,
  CLOSE,
  consentScopeLabel,
  DECLINE,
  EVENT,
  HANDOFF_PURPOSE,
  LEGAL_BASIS,
  label,
  NOTE_KIND,
  ORG_TYPE,
  options,
  PAUSE_REASON,
  PERMIT_KIND,
  queueName,
  REOPEN,
  ROLE,
  SERVICE_OUTCOME,
  STATUS,
  TRANSFER,
} from '../i18n/codes';
import type { Lang, MessageKey } from '../i18n/messages';
import { knownOrganisationName, languages } from '../i18n/names';
import { Layout, ListPage } from '../layout';
import { formatDate, formatDateTime, formatDuration, type PageContext } from '../page-context';
import { CaseSections, PersonCard } from './case-file';
import { CorrectionForms, OpenCaseForm } from './case-forms';
import { ClocksSection, PermitsSection, ServicesSection } from './services';

export type QueueItem = Schema<'QueueListing'>['items'][number];

// The API's shapes come from the typed client (generated from the OpenAPI document), never written here again.
export type ClockView = Schema<'Referral'>['clocks'][number];

export type DisclosureBasis = Schema<'DisclosureBasis'>;

export type ConsentView = Schema<'Consent'>;

/** A hand-off as the referral lists it, or as `GET /v1/handoffs/{id}` answers it (with closedAt, declineReason). */
export type HandoffView = Schema<'Referral'>['handoffs'][number] &
  Partial<Pick<Schema<'Handoff'>, 'closedAt' | 'declineReason'>>;

export type ReferralView = Schema<'Referral'> & {
  /** Other referrals with the same pseudonymous person key (the ids are shown to the national coordinator only). */
  readonly possibleDuplicates?: { readonly count: number; readonly ids: readonly string[] };
};

export type Organisation = Schema<'Organisation'>;

/** An organisation as people read it: the directory's name, or a coordinator office by its queue. */
export function organisationName(organisations: readonly Organisation[], id: string, lang: Lang): string {
  return organisations.find((o) => o.id === id)?.name ?? knownOrganisationName(id, lang) ?? id;
}

/** A deadline as text that is right without JavaScript; the script keeps it current. */
export function Due({ ctx, dueAt, state }: { ctx: PageContext; dueAt: string; state?: ClockView['state'] }) {
  const left = Date.parse(dueAt) - ctx.now.getTime();
  const text =
    left >= 0
      ? ctx.t('due.left', { time: formatDuration(left, ctx.lang) })
      : ctx.t('due.overdue', { time: formatDuration(left, ctx.lang) });
  const breached = state === 'breached' || left < 0;
  return (
    <>
      {breached ? <span class="tag tag-breached">{ctx.t('due.breached')}</span> : null}
      {!breached && state === 'warned' ? <span class="tag tag-warned">{ctx.t('due.warned')}</span> : null}{' '}
      <time datetime={dueAt} data-countdown="" title={formatDateTime(dueAt, ctx)}>
        {text}
      </time>
    </>
  );
}

export function QueuesPage({ ctx, queues }: { ctx: PageContext; queues: readonly string[] }) {
  return (
    <Layout ctx={ctx} title={ctx.t('queue.title')}>
      <h1>{ctx.t('queue.choose')}</h1>
      <ul>
        {queues.map((q) => (
          <li>
            <a href={`/queues/${encodeURIComponent(q)}`}>{queueName(q, ctx.lang)}</a>
          </li>
        ))}
      </ul>
    </Layout>
  );
}

const NEED_FLAG: Record<QueueItem['needFlags'][number], MessageKey> = {
  shelter: 'case.flag.shelter',
  medical: 'case.flag.medical',
  'safety-threat': 'case.flag.safetyThreat',
};

export function QueuePage({
  ctx,
  queue,
  items,
}: {
  ctx: PageContext;
  queue: string;
  items: readonly QueueItem[];
}) {
  const { t } = ctx;
  const name = queueName(queue, ctx.lang);
  const names = new Map(languages(ctx.lang).map((l) => [l.code, l.name]));
  const languageName = (code: string) => names.get(code) ?? code;
  return (
    <ListPage
      ctx={ctx}
      title={t('queue.heading', { queue: name })}
      intro={t('queue.intro')}
      scripts
      caption={t('queue.caption', { queue: name })}
      showCaption
      empty={t('queue.empty')}
      rows={items}
      columns={[
        {
          header: t('queue.reference'),
          cell: (item) => (
            <>
              <a href={`/referrals/${item.id}`}>{item.reference}</a>
              {item.acuteProtection ? (
                <>
                  {' '}
                  <span class="tag tag-acute">{t('queue.acute')}</span>
                </>
              ) : null}
            </>
          ),
        },
        {
          header: t('queue.due'),
          cell: (item) => (item.nextDueAt ? <Due ctx={ctx} dueAt={item.nextDueAt} /> : t('queue.noDue')),
        },
        {
          header: t('queue.person'),
          cell: (item) => (
            <>
              {label(AGE_GROUP, ctx.lang, item.ageGroup)}
              {item.languages.length ? `, ${item.languages.map(languageName).join(', ')}` : null}
              {item.interpreterNeeded ? (
                <>
                  {' '}
                  <span class="tag tag-flag">{t('queue.interpreter')}</span>
                </>
              ) : null}
              {item.anonymous ? <div class="hint">{t('queue.anonymous')}</div> : null}
            </>
          ),
        },
        {
          header: t('queue.needs'),
          cell: (item) =>
            item.needFlags.length ? (
              <ul class="case-flags">
                {item.needFlags.map((flag) => (
                  <li>
                    <span class={`tag ${flag === 'safety-threat' ? 'tag-acute' : 'tag-flag'}`}>
                      {t(NEED_FLAG[flag])}
                    </span>
                  </li>
                ))}
              </ul>
            ) : (
              t('queue.noNeeds')
            ),
        },
        { header: t('queue.track'), cell: (item) => label(AGE_GROUP, ctx.lang, item.track) },
        { header: t('queue.status'), cell: (item) => label(STATUS, ctx.lang, item.status) },
        { header: t('queue.submitted'), cell: (item) => formatDateTime(item.submittedAt, ctx) },
        {
          header: t('assign.worker'),
          cell: (item) => (
            <Assignee
              ctx={ctx}
              referralId={item.id}
              reference={item.reference}
              assignee={item.assignee}
              back={`/queues/${queue}`}
            />
          ),
        },
      ]}
    />
  );
}

/**
 * Who works the referral, and a button to take it: the office stays the owner, assignment says who works it
 * (POST /v1/referrals/{id}/assign). `back` is the page to return to.
 */
export function Assignee({
  ctx,
  referralId,
  reference,
  assignee,
  back,
}: {
  ctx: PageContext;
  referralId: string;
  reference: string;
  assignee: string | undefined;
  back: string;
}) {
  const { t } = ctx;
  const mine = assignee !== undefined && assignee === ctx.user?.sub;
  return (
    <div class="assignee">
      <span>{mine ? t('assign.you') : (assignee ?? t('team.unassigned'))}</span>
      {mine ? null : (
        <PostForm
          ctx={ctx}
          action={`/referrals/${referralId}/take`}
          class="inline-form"
          button="button-secondary button-small"
          submit={
            <>
              {t('assign.take')}
              <span class="visually-hidden"> {reference}</span>
            </>
          }
        >
          <input type="hidden" name="back" value={back} />
        </PostForm>
      )}
    </div>
  );
}

export type HistoryEvent = Schema<'ReferralHistory'>['events'][number];

export type NoteView = Schema<'NoteListing'>['items'][number];

/** What a hand-off's disclosure rests on, as people read it. */
export function basisLabel(basis: DisclosureBasis | undefined, ctx: PageContext): string {
  if (!basis) return '–';
  return basis.type === 'legal-basis'
    ? label(LEGAL_BASIS, ctx.lang, basis.code)
    : ctx.t('referral.basis.consent');
}

type Data = Readonly<Record<string, unknown>>;
const field = (data: Data, name: string) => String(data[name] ?? '');

/** One line of the timeline: what happened, to what (queue, organisation, reason), and who did it. */
function timelineText(
  event: HistoryEvent,
  referral: ReferralView,
  ctx: PageContext,
  orgName: (id: string) => string,
  clockKinds: ReadonlyMap<string, string>,
): string {
  const { lang } = ctx;
  const d = event.data;
  const scope = (s: Data) =>
    consentScopeLabel({ recipientType: field(s, 'recipientType'), purpose: field(s, 'purpose') }, lang);
  const recipientOf = (handoffId: string) => {
    const handoff = referral.handoffs.find((h) => h.id === handoffId);
    return handoff ? orgName(handoff.recipient.id) : '';
  };
  const detail = (() => {
    switch (event.type) {
      case 'referral.routed.v1':
        return queueName(field(d.route as Data, 'queue'), lang);
      case 'referral.acknowledged.v1':
        return queueName(field(d, 'queue'), lang);
      case 'referral.transferred.v1':
        return `${queueName(field(d.to as Data, 'queue'), lang)} (${label(TRANSFER, lang, field(d, 'reason'))})`;
      case 'referral.closed.v1':
        return label(CLOSE, lang, field(d, 'reason'));
      case 'referral.reopened.v1':
        return label(REOPEN, lang, field(d, 'reason'));
      case 'consent.recorded.v1':
        return scope(d);
      case 'consent.withdrawn.v1': {
        const consent = referral.consents?.find((c) => c.id === field(d, 'consentId'));
        return consent ? scope(consent as unknown as Data) : '';
      }
      case 'handoff.offered.v1':
        return `${orgName(field(d.recipient as Data, 'id'))} (${label(HANDOFF_PURPOSE, lang, field(d, 'purpose'))})`;
      case 'handoff.declined.v1':
        return `${recipientOf(field(d, 'handoffId'))} (${label(DECLINE, lang, field(d, 'reason'))})`;
      case 'handoff.service-ended.v1':
        return `${recipientOf(field(d, 'handoffId'))} (${label(SERVICE_OUTCOME, lang, field(d, 'outcome'))})`;
      case 'permit.applied.v1':
      case 'permit.decided.v1':
      case 'permit.extended.v1':
      case 'permit.revoked.v1': {
        const permit = referral.permits?.find((p) => p.id === field(d, 'permitId'));
        return permit ? label(PERMIT_KIND, lang, permit.kind) : '';
      }
      case 'clock.paused.v1':
        return `${label(CLOCK, lang, clockKinds.get(field(d, 'clockId')) ?? '')} (${label(PAUSE_REASON, lang, field(d, 'reason'))})`;
      case 'handoff.service-started.v1':
      case 'handoff.accepted.v1':
      case 'handoff.revoked.v1':
      case 'handoff.expired.v1':
      case 'handoff.decision-recorded.v1':
        return recipientOf(field(d, 'handoffId'));
      default:
        if (event.type.startsWith('clock.')) {
          return label(CLOCK, lang, field(d, 'kind') || (clockKinds.get(field(d, 'clockId')) ?? ''));
        }
        return '';
    }
  })();
  const who =
    event.actor.role === 'system'
      ? label(ROLE, lang, 'system')
      : `${label(ROLE, lang, event.actor.role)}, ${orgName(event.actor.organisationId)}`;
  return `${label(EVENT, lang, event.type)}${detail ? `: ${detail}` : ''} (${who})`;
}

/** A refused form of the case page (an action's, a correction's, a section's) and what the page confirms. */
export interface ActionFeedback extends FormFeedback {
  /** What a refused form had ticked, for its lists of boxes. */
  readonly lists?: Readonly<Record<string, readonly string[]>>;
  readonly done?: MessageKey;
  readonly conflict?: boolean;
}

export function ReferralPage({
  ctx,
  referral,
  organisations,
  feedback,
  history,
  notes: allNotes,
  caseFile,
}: {
  ctx: PageContext;
  referral: ReferralView;
  /** The case file; absent when it could not be read just now. */
  caseFile?: CaseFileBody;
  organisations: readonly Organisation[];
  feedback: ActionFeedback;
  /** The referral's events, oldest first; absent when they could not be read just now. */
  history?: readonly HistoryEvent[];
  notes?: readonly NoteView[];
}) {
  const { t, lang } = ctx;
  const orgName = (id: string) => organisationName(organisations, id, lang);
  const open = referral.status !== 'closed';
  const errors = feedback.errors ?? [];
  const { bound, refused } = bindFeedback(ctx, feedback);
  /** A transfer's, closing's or reopening's reason (`<action>Reason`) and comment (`<action>Comment`). */
  const reasonAndComment = (action: 'transfer' | 'close' | 'reopen') => ({
    reason: bound(`${action}Reason`),
    comment: bound(`${action}Comment`),
  });
  const byType = ORG_TYPE.codes
    .map((type) => ({
      label: label(ORG_TYPE, lang, type),
      options: organisations
        .filter((o) => o.type === type && (o.region === null || o.region === referral.route?.region))
        .map((o) => ({ value: o.id, label: o.name })),
    }))
    .filter((g) => g.options.length > 0);
  const title = t('referral.title', { reference: referral.reference });
  // An adult's hand-offs rest on consents; a child's on the legal basis given with each.
  const adult = referral.route?.track === 'adult';
  const consents = referral.consents ?? [];
  const clockKinds = new Map(
    (history ?? [])
      .filter((e) => e.type === 'clock.started.v1')
      .map((e) => [field(e.data, 'clockId'), field(e.data, 'kind')]),
  );
  const scopeText = (scope: { recipientType: string; purpose: string }) => consentScopeLabel(scope, lang);
  // The referrer's supplements have a section of their own in the case file (here only if it could not be read).
  const notes = caseFile?.supplements ? allNotes?.filter((n) => n.kind !== 'supplement') : allNotes;
  const basisText = (basis: DisclosureBasis | undefined) => basisLabel(basis, ctx);
  /** One of the case's actions: its heading, its fields and its button. */
  const actionSection = (
    name: 'handoff' | 'consent' | 'note',
    action: string,
    button: string,
    fields: Child,
  ) => (
    <section aria-labelledby={`${name}-title`}>
      <h3 id={`${name}-title`}>{t(`action.${name}`)}</h3>
      <PostForm
        ctx={ctx}
        action={`/referrals/${referral.id}/${action}`}
        button={button}
        submit={t(`action.${name}.submit`)}
      >
        {fields}
      </PostForm>
    </section>
  );
  return (
    <Layout ctx={ctx} title={title} hasErrors={errors.length > 0} scripts>
      <ErrorSummary ctx={ctx} errors={errors.map((e) => ({ href: `#${fieldId(e.field)}`, text: e.text }))} />
      {feedback.done ? (
        <Notice kind="success">{t('referral.done', { action: t(feedback.done) })}</Notice>
      ) : null}
      {feedback.conflict ? <Notice kind="warning">{t('referral.conflict')}</Notice> : null}
      <h1>{title}</h1>
      {caseFile ? <PersonCard ctx={ctx} file={caseFile} /> : <p>{t('case.unavailable')}</p>}
      {referral.possibleDuplicates ? (
        <Notice kind="warning">
          <strong>{t('referral.duplicate')}</strong>:{' '}
          {t('referral.duplicate.text', { n: referral.possibleDuplicates.count })}
          {referral.possibleDuplicates.ids.length ? (
            <ul>
              {referral.possibleDuplicates.ids.map((other) => (
                <li>
                  <a href={`/referrals/${other}`} class="long-id">
                    {other}
                  </a>
                </li>
              ))}
            </ul>
          ) : null}
        </Notice>
      ) : null}
      {referral.cameOfAgeAt ? (
        <Notice>{t('referral.cameOfAge', { date: formatDate(referral.cameOfAgeAt, ctx) })}</Notice>
      ) : null}
      <h2>{t('referral.summary')}</h2>
      <SummaryList
        rows={[
          { key: t('referral.status'), value: label(STATUS, lang, referral.status) },
          { key: t('referral.route'), value: referral.route ? queueName(referral.route.queue, lang) : '–' },
          { key: t('referral.owner'), value: orgName(referral.owner.id) },
          ...(referral.status !== 'closed'
            ? [
                {
                  key: t('assign.worker'),
                  value: (
                    <Assignee
                      ctx={ctx}
                      referralId={referral.id}
                      reference={referral.reference}
                      assignee={referral.assignee}
                      back={`/referrals/${referral.id}`}
                    />
                  ),
                },
              ]
            : []),
          { key: t('referral.submitted'), value: formatDateTime(referral.submittedAt, ctx) },
          { key: t('referral.channel'), value: referral.channel },
          ...(referral.anonymous ? [{ key: t('referral.anonymous'), value: t('form.yes') }] : []),
          ...(referral.linkedReferrals.length
            ? [
                {
                  key: t('referral.linked'),
                  value: (
                    <ul>
                      {referral.linkedReferrals.map((id) => (
                        <li>
                          <a href={`/referrals/${id}`} class="long-id">
                            {id}
                          </a>
                        </li>
                      ))}
                    </ul>
                  ),
                },
              ]
            : []),
        ]}
      />
      {caseFile ? (
        <CaseSections ctx={ctx} file={caseFile} orgName={orgName} childHref={(id) => `/referrals/${id}`} />
      ) : null}
      <ServicesSection
        ctx={ctx}
        feedback={feedback}
        referralId={referral.id}
        owner={referral.owner.id}
        handoffs={referral.handoffs}
        history={history}
        orgName={orgName}
        basisText={basisText}
        open={open}
      />
      <ClocksSection
        ctx={ctx}
        feedback={feedback}
        referralId={referral.id}
        clocks={referral.clocks}
        history={history}
        handoffName={(handoffId) => {
          const handoff = referral.handoffs.find((h) => h.id === handoffId);
          return handoff && orgName(handoff.recipient.id);
        }}
        open={open}
      />
      <PermitsSection
        ctx={ctx}
        feedback={feedback}
        referralId={referral.id}
        permits={referral.permits ?? []}
        open={open}
      />
      {adult ? (
        <HeadedTable
          heading={t('referral.consents')}
          hint={t('referral.consents.hint')}
          empty={t('referral.noConsents')}
          rows={consents}
          columns={[
            { header: t('referral.consent.scope'), cell: (consent) => scopeText(consent) },
            {
              header: t('referral.consent.recorded'),
              cell: (consent) => formatDateTime(consent.recordedAt, ctx),
            },
            {
              header: t('referral.consent.by'),
              cell: (consent) => orgName(consent.recordedBy.organisationId),
            },
            {
              header: t('referral.consent.state'),
              cell: (consent) =>
                consent.withdrawnAt ? (
                  t('referral.consent.withdrawn', { at: formatDateTime(consent.withdrawnAt, ctx) })
                ) : open ? (
                  <PostForm
                    ctx={ctx}
                    action={`/referrals/${referral.id}/consents/${consent.id}/withdraw`}
                    button="button button-secondary"
                    submit={t('action.consent.withdraw', { scope: scopeText(consent) })}
                  >
                    {t('referral.consent.active')}{' '}
                  </PostForm>
                ) : (
                  t('referral.consent.active')
                ),
            },
          ]}
        />
      ) : null}
      <h2>{t('referral.notes')}</h2>
      {!notes ? (
        <p>{t('referral.unavailable')}</p>
      ) : notes.length === 0 ? (
        <p>{t('referral.noNotes')}</p>
      ) : (
        <ul class="notes">
          {notes.map((note) => (
            <li>
              <p class="hint">
                {label(NOTE_KIND, lang, note.kind)}, {orgName(note.author.organisationId)},{' '}
                <time datetime={note.createdAt}>{formatDateTime(note.createdAt, ctx)}</time>
              </p>
              <p class="note-text">{note.text}</p>
            </li>
          ))}
        </ul>
      )}
      <h2>{t('referral.timeline')}</h2>
      {history ? (
        <ol class="timeline">
          {history.map((event) => (
            <li>
              <time datetime={event.occurredAt}>{formatDateTime(event.occurredAt, ctx)}</time>:{' '}
              {timelineText(event, referral, ctx, orgName, clockKinds)}
            </li>
          ))}
        </ol>
      ) : (
        <p>{t('referral.unavailable')}</p>
      )}
      <h2>{t('referral.actions')}</h2>
      {['received', 'routed'].includes(referral.status) ? (
        <PostForm ctx={ctx} action={`/referrals/${referral.id}/acknowledge`} submit={t('action.acknowledge')}>
          <p class="hint">{t('action.acknowledge.hint')}</p>
        </PostForm>
      ) : null}
      {open ? (
        <>
          {actionSection(
            'handoff',
            'handoffs',
            'button',
            <>
              <Select
                {...bound('recipient')}
                label={t('action.handoff.recipient')}
                options={[]}
                groups={byType}
              />
              <Select
                {...bound('purpose')}
                label={t('action.handoff.purpose')}
                options={options(HANDOFF_PURPOSE, lang)}
              />
              {adult ? null : (
                <Select
                  {...bound('legalBasis')}
                  label={t('action.handoff.legalBasis')}
                  hint={t('action.handoff.legalBasis.hint')}
                  options={options(LEGAL_BASIS, lang)}
                />
              )}
            </>,
          )}
          {adult
            ? actionSection(
                'consent',
                'consents',
                'button button-secondary',
                <Select
                  {...bound('consentScope')}
                  label={t('action.consent.scope')}
                  options={ADULT_CONSENT_SCOPES.filter((scope) => !consentFor(consents, scope)).map(
                    (scope) => ({
                      value: `${scope.recipientType} ${scope.purpose}`,
                      label: scopeText(scope),
                    }),
                  )}
                />,
              )
            : null}
          {actionSection(
            'note',
            'notes',
            'button button-secondary',
            <TextArea {...bound('text')} label={t('action.note')} rows={3} />,
          )}
          {caseFile?.anonymous ? (
            <OpenCaseForm ctx={ctx} file={caseFile} feedback={feedback} />
          ) : caseFile ? (
            <CorrectionForms ctx={ctx} referralId={referral.id} feedback={feedback} />
          ) : null}
          <DisclosureForm
            ctx={ctx}
            summary={t('action.transfer')}
            open={refused('transfer') || refused('queue')}
            action={`/referrals/${referral.id}/transfer`}
            submit={t('action.transfer.submit')}
          >
            <Select
              {...bound('queue')}
              label={t('action.transfer.queue')}
              options={ALL_QUEUES.filter((q) => q !== referral.route?.queue).map((q) => ({
                value: q,
                label: queueName(q, lang),
              }))}
            />
            <ReasonAndComment {...reasonAndComment('transfer')} options={options(TRANSFER, lang)} />
          </DisclosureForm>
          <DisclosureForm
            ctx={ctx}
            summary={t('action.close')}
            open={refused('close')}
            action={`/referrals/${referral.id}/close`}
            button="button button-warning"
            submit={t('action.close.submit')}
          >
            <ReasonAndComment {...reasonAndComment('close')} options={options(CLOSE, lang)} />
          </DisclosureForm>
        </>
      ) : caseFile?.anonymous ? (
        <>
          <Notice>{t('referral.notificationCounted')}</Notice>
          <OpenCaseForm ctx={ctx} file={caseFile} feedback={feedback} />
        </>
      ) : (
        <PostForm ctx={ctx} action={`/referrals/${referral.id}/reopen`} submit={t('action.reopen.submit')}>
          <h3>{t('action.reopen')}</h3>
          <ReasonAndComment {...reasonAndComment('reopen')} options={options(REOPEN, lang)} />
        </PostForm>
      )}
    </Layout>
  );
}
