// The referral page's sections of issue 14: who is accountable and the services running beside the case, each clock
// with its pause, and the permit ledger with each permit's expiry counted from the page's clock. Their forms are
// services-forms.ts's table; every control works without JavaScript.
import type { Schema } from '@nrm/client';
import { swedishDate } from '@nrm/runtime';
import type { Child } from 'hono/jsx';
import {
  bindFeedback,
  Choices,
  type Column,
  Comment,
  DisclosureForm,
  type FormFeedback,
  HeadedTable,
  type Option,
  PostForm,
  Select,
  SummaryList,
  TableSection,
  TextInput,
} from '../components';
import {
  CLOCK,
  CLOCK_STATE,
  HANDOFF_PURPOSE,
  HANDOFF_STATUS,
  label,
  options,
  PAUSE_REASON,
  PERMIT_APPLICANT,
  PERMIT_KIND,
  PERMIT_STATUS,
  SERVICE_OUTCOME,
  SERVICE_STATUS,
} from '../i18n/codes';
import type { MessageKey } from '../i18n/messages';
import { formatDate, formatDateTime, formatDuration, type PageContext } from '../page-context';
import {
  type ClockView,
  type DisclosureBasis,
  Due,
  type HandoffView,
  type HistoryEvent,
} from './coordinator';
import { APPLY_PREFIX, formField, itemPrefix } from './services-forms';

/** A permit in the referral's ledger, as the API answers it. */
export type PermitView = Schema<'Permit'>;

interface Form {
  readonly ctx: PageContext;
  /** A refused form's errors and what was typed, by the form's field names. */
  readonly feedback: FormFeedback;
}

const DAY = 86_400_000;

/**
 * How long a granted permit still holds, counted in Stockholm days from the page's clock (never the browser's): it
 * holds through `validUntil` and ends at the midnight after it.
 */
export function permitCountdown(permit: PermitView, ctx: PageContext): string | undefined {
  if (permit.status !== 'granted' || !permit.validUntil) return undefined;
  const days = Math.round((Date.parse(permit.validUntil) - Date.parse(swedishDate(ctx.now))) / DAY) + 1;
  if (days <= 0) return ctx.t('permits.ended');
  if (days === 1) return ctx.t('permits.endsTonight');
  return ctx.t('permits.endsIn', { n: days });
}

/** When a hand-off last changed (offered, accepted, began, ended, …): its latest event, or its own times. */
function since(handoff: HandoffView, history: readonly HistoryEvent[] | undefined): string {
  const last = history?.findLast((e) => e.type.startsWith('handoff.') && e.data.handoffId === handoff.id);
  return last?.occurredAt ?? handoff.endedAt ?? handoff.startedAt ?? handoff.offeredAt;
}

export function ServicesSection({
  ctx,
  referralId,
  owner,
  handoffs,
  history,
  orgName,
  basisText,
  open,
  feedback,
}: Form & {
  referralId: string;
  owner: string;
  handoffs: readonly HandoffView[];
  history?: readonly HistoryEvent[] | undefined;
  orgName: (id: string) => string;
  basisText: (basis: DisclosureBasis | undefined) => string;
  /** The referral is open: its services can be started and ended here. */
  open: boolean;
}) {
  const { t, lang } = ctx;
  const responsibility = handoffs.filter((h) => h.kind !== 'service');
  const services = handoffs.filter((h) => h.kind === 'service');
  const serviceName = (h: HandoffView) => label(HANDOFF_PURPOSE, lang, h.purpose);
  const recipient: Column<HandoffView> = {
    header: t('referral.recipient'),
    cell: (h) => orgName(h.recipient.id),
  };
  /** The hand-overs of responsibility, or the services beside the case: their own columns, then basis and since. */
  const handoffTable = (
    kind: 'responsibility' | 'running',
    empty: MessageKey,
    rows: readonly HandoffView[],
    columns: Column<HandoffView>[],
  ) => (
    <HeadedTable
      heading={t(`services.${kind}`)}
      level={3}
      id={`services-${kind}`}
      empty={t(empty)}
      rows={rows}
      columns={[
        ...columns,
        { header: t('referral.basis'), cell: (h) => basisText(h.basis) },
        {
          header: t('services.since'),
          cell: (h) => {
            const at = since(h, history);
            return <time datetime={at}>{formatDateTime(at, ctx)}</time>;
          },
        },
      ]}
    />
  );
  return (
    <section aria-labelledby="services">
      <h2 id="services">{t('services.title')}</h2>
      <SummaryList rows={[{ key: t('services.owner'), value: orgName(owner) }]} />
      <p class="hint">{t('services.owner.hint')}</p>
      {handoffTable('responsibility', 'services.noResponsibility', responsibility, [
        recipient,
        { header: t('referral.purpose'), cell: (h) => label(HANDOFF_PURPOSE, lang, h.purpose) },
        { header: t('referral.status'), cell: (h) => label(HANDOFF_STATUS, lang, h.status) },
      ])}
      {handoffTable('running', 'services.none', services, [
        { header: t('services.service'), cell: serviceName },
        {
          header: t('referral.status'),
          cell: (h) =>
            h.status === 'ended' && h.outcome
              ? t('services.outcome', {
                  status: label(SERVICE_STATUS, lang, h.status),
                  outcome: label(SERVICE_OUTCOME, lang, h.outcome),
                })
              : label(SERVICE_STATUS, lang, h.status),
        },
        recipient,
      ])}
      {open
        ? services
            .filter((h) => h.status === 'accepted' || h.status === 'active')
            .map((h) => {
              const names = { service: serviceName(h), recipient: orgName(h.recipient.id) };
              return (
                <>
                  {h.status === 'accepted' ? (
                    <PostForm
                      ctx={ctx}
                      action={`/referrals/${referralId}/services/${h.id}/start`}
                      button="button button-secondary"
                      submit={t('services.start', names)}
                    />
                  ) : null}
                  <ServiceEndForm
                    ctx={ctx}
                    feedback={feedback}
                    handoffId={h.id}
                    action={`/referrals/${referralId}/services/${h.id}/end`}
                    summary={t('services.end', names)}
                  />
                </>
              );
            })
        : null}
    </section>
  );
}

/** Ending a service: its outcome and an optional comment. The coordinator's page and the recipient's share it. */
export function ServiceEndForm({
  ctx,
  feedback,
  handoffId,
  action,
  summary,
}: Form & { handoffId: string; action: string; summary: string }) {
  const { t, lang } = ctx;
  return (
    <SectionForm
      ctx={ctx}
      feedback={feedback}
      prefix={itemPrefix('end', handoffId)}
      summary={summary}
      action={action}
      submit={t('services.end.submit')}
    >
      <ChoiceAndComment
        ctx={ctx}
        feedback={feedback}
        prefix={itemPrefix('end', handoffId)}
        choice="outcome"
        label={t('services.end.outcome')}
        options={options(SERVICE_OUTCOME, lang)}
        hint={t('services.end.comment.hint')}
      />
    </SectionForm>
  );
}

/** A section's form in a disclosure, open when the API refused what it sent (its errors are in it). */
function SectionForm({
  ctx,
  feedback,
  prefix,
  summary,
  action,
  submit,
  children,
}: Form & { prefix: string; summary: string; action: string; submit: string; children: Child }) {
  return (
    <DisclosureForm
      ctx={ctx}
      summary={summary}
      open={bindFeedback(ctx, feedback).refused(prefix)}
      action={action}
      submit={submit}
    >
      {children}
    </DisclosureForm>
  );
}

/** A choice (a pause's reason, a service's outcome) and an optional comment, with what was typed and the errors. */
function ChoiceAndComment({
  ctx,
  feedback,
  prefix,
  choice,
  label: text,
  options,
  hint,
}: Form & { prefix: string; choice: string; label: string; options: readonly Option[]; hint: string }) {
  const { bound } = bindFeedback(ctx, feedback);
  return (
    <>
      <Select {...bound(formField(prefix, choice))} label={text} options={options} />
      <Comment {...bound(formField(prefix, 'comment'))} hint={hint} />
    </>
  );
}

export function ClocksSection({
  ctx,
  referralId,
  clocks,
  history,
  handoffName,
  open,
  feedback,
}: Form & {
  referralId: string;
  clocks: readonly ClockView[];
  history?: readonly HistoryEvent[] | undefined;
  /** Whom a hand-off's clock waits for, so two clocks of one kind read apart. */
  handoffName: (handoffId: string) => string | undefined;
  open: boolean;
}) {
  const { t, lang } = ctx;
  const name = (c: ClockView) => {
    const whom = c.handoffId ? handoffName(c.handoffId) : undefined;
    return `${label(CLOCK, lang, c.kind)}${whom ? ` (${whom})` : ''}`;
  };
  const pausedSince = (c: ClockView) =>
    history?.findLast((e) => e.type === 'clock.paused.v1' && e.data.clockId === c.id)?.occurredAt;
  const stateCell = (c: ClockView): Child => {
    const state = label(CLOCK_STATE, lang, c.state);
    if (c.state === 'paused') {
      const reason = c.pauseReason ? label(PAUSE_REASON, lang, c.pauseReason) : '–';
      const at = pausedSince(c);
      return (
        <>
          <span class="tag">{state}</span>{' '}
          {at
            ? t('clocks.pausedSince', { at: formatDateTime(at, ctx), reason })
            : t('clocks.pausedBecause', { reason })}
        </>
      );
    }
    return (
      <>
        {state}
        {c.pausable || c.state === 'stopped' ? null : <div class="hint">{t('clocks.lawClock')}</div>}
      </>
    );
  };
  const dueCell = (c: ClockView): Child => (
    <>
      <time datetime={c.dueAt}>{formatDateTime(c.dueAt, ctx)}</time>
      {c.state === 'stopped' || c.state === 'paused' ? null : (
        <div>
          <Due ctx={ctx} dueAt={c.dueAt} state={c.state} />
        </div>
      )}
    </>
  );
  const pausable = open
    ? clocks.filter((c) => c.pausable && ['running', 'warned', 'breached'].includes(c.state))
    : [];
  const paused = open ? clocks.filter((c) => c.state === 'paused') : [];
  return (
    <TableSection
      heading={t('referral.clocks')}
      id="clocks"
      empty={t('referral.noClocks')}
      rows={clocks}
      columns={[
        { header: t('referral.clock'), cell: name },
        { header: t('referral.clockState'), cell: stateCell },
        { header: t('clocks.due'), cell: dueCell },
        {
          header: t('clocks.warnAt'),
          cell: (c) => (c.warnAt ? formatDateTime(c.warnAt, ctx) : '–'),
        },
        {
          header: t('clocks.pausedTime'),
          cell: (c) => (c.pausedMillis > 0 ? formatDuration(c.pausedMillis, lang) : '–'),
        },
        { header: t('referral.started'), cell: (c) => formatDateTime(c.startedAt, ctx) },
      ]}
    >
      {paused.map((c) => (
        <PostForm
          ctx={ctx}
          action={`/referrals/${referralId}/clocks/${c.id}/resume`}
          button="button button-secondary"
          submit={t('clocks.resume', { clock: name(c) })}
        />
      ))}
      {pausable.map((c) => (
        <SectionForm
          ctx={ctx}
          feedback={feedback}
          prefix={itemPrefix('pause', c.id)}
          summary={t('clocks.pause', { clock: name(c) })}
          action={`/referrals/${referralId}/clocks/${c.id}/pause`}
          submit={t('clocks.pause.submit')}
        >
          <ChoiceAndComment
            ctx={ctx}
            feedback={feedback}
            prefix={itemPrefix('pause', c.id)}
            choice="reason"
            label={t('clocks.pause.reason')}
            options={options(PAUSE_REASON, lang)}
            hint={t('clocks.pause.comment.hint')}
          />
        </SectionForm>
      ))}
    </TableSection>
  );
}

function DateField({
  ctx,
  feedback,
  name,
  label: text,
  hint,
  value = '',
  optional,
}: Form & { name: string; label: string; hint?: string; value?: string; optional?: boolean }) {
  return (
    <TextInput
      {...bindFeedback(ctx, feedback).bound(name, value)}
      label={text}
      hint={hint ?? ctx.t('permits.date.hint')}
      width="medium"
      maxlength={10}
      {...(optional ? { optional } : {})}
    />
  );
}

export function PermitsSection({
  ctx,
  referralId,
  permits,
  open,
  feedback,
}: Form & { referralId: string; permits: readonly PermitView[]; open: boolean }) {
  const { t, lang } = ctx;
  const { bound } = bindFeedback(ctx, feedback);
  const today = swedishDate(ctx.now);
  const day = (date: string | undefined) => (date ? formatDate(date, ctx) : '–');
  const permitName = (p: PermitView) =>
    t('permits.name', { kind: label(PERMIT_KIND, lang, p.kind), date: day(p.appliedOn) });
  /** A date of a permit's form; a decision's or an application's is today unless changed. */
  const date = (
    name: string,
    text: string,
    more: { hint?: string; value?: string; optional?: boolean } = {},
  ) => <DateField ctx={ctx} feedback={feedback} name={name} label={text} {...more} />;
  const decidedOn = (prefix: string) =>
    date(formField(prefix, 'decidedOn'), t('permits.decidedOn'), { value: today });
  const pending = (prefix: string, summary: string, action: string, submit: string, fields: Child) => (
    <SectionForm
      ctx={ctx}
      feedback={feedback}
      prefix={prefix}
      summary={summary}
      action={`/referrals/${referralId}/permits${action}`}
      submit={submit}
    >
      {fields}
    </SectionForm>
  );
  return (
    <TableSection
      heading={t('permits.title')}
      id="permits"
      hint={t('permits.hint')}
      empty={t('permits.none')}
      rows={permits}
      columns={[
        { header: t('permits.kind'), cell: (p) => label(PERMIT_KIND, lang, p.kind) },
        { header: t('permits.appliedBy'), cell: (p) => label(PERMIT_APPLICANT, lang, p.appliedBy) },
        { header: t('permits.appliedOn'), cell: (p) => day(p.appliedOn) },
        {
          header: t('permits.status'),
          cell: (p) =>
            p.status === 'revoked' && p.revokedOn
              ? t('permits.revokedOn', { date: day(p.revokedOn) })
              : label(PERMIT_STATUS, lang, p.status),
        },
        { header: t('permits.validFrom'), cell: (p) => day(p.validFrom) },
        { header: t('permits.validUntil'), cell: (p) => day(p.validUntil) },
        {
          header: t('permits.expiry'),
          cell: (p) => {
            const left = permitCountdown(p, ctx);
            return left && p.expiresAt ? (
              <time class="permit-expiry" datetime={p.expiresAt}>
                {left}
              </time>
            ) : (
              '–'
            );
          },
        },
        { header: t('permits.extensions'), cell: (p) => String(p.extensions) },
      ]}
    >
      {open ? (
        <>
          {permits.map((p) => {
            if (p.status === 'applied') {
              const prefix = itemPrefix('decision', p.id);
              const field = (f: string) => formField(prefix, f);
              return pending(
                prefix,
                t('permits.decision', { permit: permitName(p) }),
                `/${p.id}/decision`,
                t('permits.decision.submit'),
                <>
                  <Choices
                    {...bound(field('decision'))}
                    type="radio"
                    label={t('permits.decision.label')}
                    options={options(PERMIT_STATUS, lang, (s) => s === 'granted' || s === 'refused')}
                    inline
                  />
                  {decidedOn(prefix)}
                  {(['validFrom', 'validUntil'] as const).map((f) =>
                    date(field(f), t(`permits.${f}`), { hint: t(`permits.${f}.hint`), optional: true }),
                  )}
                </>,
              );
            }
            if (p.status !== 'granted') return null;
            const extension = itemPrefix('extension', p.id);
            const revocation = itemPrefix('revocation', p.id);
            return (
              <>
                {pending(
                  extension,
                  t('permits.extension', { permit: permitName(p) }),
                  `/${p.id}/extension`,
                  t('permits.extension.submit'),
                  <>
                    {decidedOn(extension)}
                    {date(formField(extension, 'validUntil'), t('permits.newValidUntil'))}
                  </>,
                )}
                {pending(
                  revocation,
                  t('permits.revocation', { permit: permitName(p) }),
                  `/${p.id}/revocation`,
                  t('permits.revocation.submit'),
                  decidedOn(revocation),
                )}
              </>
            );
          })}
          {pending(
            APPLY_PREFIX,
            t('permits.apply'),
            '',
            t('permits.apply.submit'),
            <>
              <Select
                {...bound(formField(APPLY_PREFIX, 'kind'))}
                label={t('permits.kind')}
                options={options(PERMIT_KIND, lang)}
              />
              <Select
                {...bound(formField(APPLY_PREFIX, 'appliedBy'))}
                label={t('permits.appliedBy')}
                options={options(PERMIT_APPLICANT, lang)}
              />
              {date(formField(APPLY_PREFIX, 'appliedOn'), t('permits.appliedOn'), { value: today })}
            </>,
          )}
        </>
      ) : null}
    </TableSection>
  );
}
