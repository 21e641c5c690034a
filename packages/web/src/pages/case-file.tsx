// A case file as its reader may see it (GET /v1/referrals/{id}/case), shown through the referral form's field table:
// the person first (who, age, languages, where, needs, with the urgent flags), then what happened, the accompanying
// children, supplements and corrections. The coordinator's case page and the receiving organisation's hand-off page
// share it; what each sees is the API's disclosure, never decided here.
import { swedishDate } from '@nrm/runtime';
import { DataTable, Notice, SummaryList } from '../components';
import { type CaseFileBody, caseDisplayView, caseFileToReferralShape } from '../form/case-file';
import { type DisplayRow, displaySections, groupRows } from '../form/display';
import { FIELDS, type FormStep } from '../form/fields';
import { AGE_ASSESSMENT_METHOD, CORRECTION_REASON, consentScopeLabel, label, ROLE } from '../i18n/codes';
import type { MessageKey } from '../i18n/messages';
import { formatDateTime, type PageContext } from '../page-context';

function display(file: CaseFileBody, ctx: PageContext) {
  const shape = caseFileToReferralShape(file);
  const view = caseDisplayView(file, ctx.t, ctx.lang, swedishDate(ctx.now));
  const sections = displaySections(shape, view);
  const rows = (...steps: FormStep[]): DisplayRow[] =>
    sections.filter((s) => steps.includes(s.step)).flatMap((s) => s.rows);
  return { shape, view, rows };
}

const value = (row: DisplayRow, ctx: PageContext) => row.value || ctx.t('form.notStated');

/** What must be acted on first, as flags: urgent protection, threats, needs, interpreter, a possible minor. */
function flagsOf(file: CaseFileBody): { key: MessageKey; urgent: boolean }[] {
  const needs = file.needs ?? {};
  return [
    needs.acuteProtection ? { key: 'case.flag.acuteProtection', urgent: true } : undefined,
    needs.safetyThreat ? { key: 'case.flag.safetyThreat', urgent: true } : undefined,
    needs.shelter ? { key: 'case.flag.shelter', urgent: false } : undefined,
    needs.medical ? { key: 'case.flag.medical', urgent: false } : undefined,
    file.languages?.interpreterNeeded ? { key: 'case.flag.interpreter', urgent: false } : undefined,
    file.age?.mayBeMinor ? { key: 'case.flag.mayBeMinor', urgent: false } : undefined,
  ].filter((f): f is { key: MessageKey; urgent: boolean } => f !== undefined);
}

/** The person, leading the page: name (or what stands for it), the flags, and the facts the reader may see. */
export function PersonCard({ ctx, file }: { ctx: PageContext; file: CaseFileBody }) {
  const { t } = ctx;
  const { rows } = display(file, ctx);
  const flags = flagsOf(file);
  const heading = file.anonymous
    ? t('case.anonymous')
    : file.disclosure.identity === 'hidden'
      ? t('case.person.withheld')
      : (file.identity?.name ?? file.identity?.alias ?? t('case.person.unnamed'));
  return (
    <section class="case-person" aria-labelledby="case-person-title">
      <p class="caption">{t('case.person')}</p>
      <h2 id="case-person-title">{heading}</h2>
      {file.anonymous ? <Notice kind="warning">{t('case.anonymous.text')}</Notice> : null}
      {flags.length ? (
        <ul class="case-flags" aria-label={t('case.flags')}>
          {flags.map((flag) => (
            <li>
              <span class={`tag ${flag.urgent ? 'tag-acute' : 'tag-flag'}`}>{t(flag.key)}</span>
            </li>
          ))}
        </ul>
      ) : null}
      <dl class="case-facts">
        {rows('person', 'where', 'needs').map((row) => (
          <div>
            <dt>{row.key}</dt>
            <dd>{value(row, ctx)}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

/**
 * What happened, the children, supplements, corrections (and, for a receiver, the consents): each only when the
 * reader's access discloses it. `childHref` links a child's own referral where the reader may open it.
 */
export function CaseSections({
  ctx,
  file,
  orgName,
  childHref,
  consents,
}: {
  ctx: PageContext;
  file: CaseFileBody;
  orgName: (id: string) => string;
  childHref?: (referralId: string) => string;
  /** Show the consents (the coordinator's page has its own table with the withdraw buttons). */
  consents?: boolean;
}) {
  const { t, lang } = ctx;
  const { shape, view, rows } = display(file, ctx);
  const happened = rows('exploitation');
  const childrenField = FIELDS.find((f) => f.group)!;
  const children = groupRows(childrenField, shape, view);
  const items = file.children?.items ?? [];
  const who = (by: { role: string; organisationId: string }) =>
    `${label(ROLE, lang, by.role)}, ${orgName(by.organisationId)}`;
  return (
    <>
      {happened.length || file.narrative ? (
        <section aria-labelledby="case-happened">
          <h2 id="case-happened">{t('case.happened')}</h2>
          {happened.length ? (
            <SummaryList rows={happened.map((row) => ({ key: row.key, value: value(row, ctx) }))} />
          ) : null}
          {file.narrative ? (
            <>
              <h3>{t('case.narrative')}</h3>
              <p class="note-text case-narrative">{file.narrative}</p>
            </>
          ) : null}
        </section>
      ) : null}
      {file.children ? (
        <section aria-labelledby="case-children">
          <h2 id="case-children">{t('case.children')}</h2>
          <p>
            {file.children.count ? t('review.children', { n: file.children.count }) : t('case.children.none')}
          </p>
          {children.map((childRows, i) => {
            const item = items[i];
            const href = item && childHref?.(item.referralId);
            return childRows.length || item ? (
              <>
                <h3>
                  {t(childrenField.group!.legend, { n: i + 1 })}
                  {item ? (
                    <>
                      {': '}
                      {href ? (
                        <a href={href}>
                          <span class="visually-hidden">{t('case.child.referral')} </span>
                          {item.reference}
                        </a>
                      ) : (
                        item.reference
                      )}
                    </>
                  ) : null}
                </h3>
                {childRows.length ? <SummaryList rows={childRows} /> : null}
              </>
            ) : null;
          })}
        </section>
      ) : null}
      {file.supplements ? (
        <section aria-labelledby="case-supplements">
          <h2 id="case-supplements">{t('case.supplements')}</h2>
          {file.supplements.length === 0 ? (
            <p>{t('case.supplements.none')}</p>
          ) : (
            <ul class="case-supplements">
              {file.supplements.map((s) => (
                <li>
                  <p class="hint">
                    {orgName(s.author.organisationId)},{' '}
                    <time datetime={s.createdAt}>{formatDateTime(s.createdAt, ctx)}</time>
                  </p>
                  <p class="note-text">{s.text}</p>
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
      {file.corrections ? (
        <section aria-labelledby="case-corrections">
          <h2 id="case-corrections">{t('case.corrections')}</h2>
          {file.caseOpened ? (
            <p>{t('case.caseOpened', { at: formatDateTime(file.caseOpened.at, ctx) })}</p>
          ) : null}
          <DataTable
            caption={t('case.corrections')}
            empty={t('case.corrections.none')}
            rows={file.corrections}
            columns={[
              { header: t('case.correction.at'), cell: (c) => formatDateTime(c.at, ctx) },
              {
                header: t('case.correction.fields'),
                cell: (c) =>
                  c.fields.length
                    ? [...new Set(c.fields.map((f) => fieldName(f, ctx)))].join(', ')
                    : t('case.correction.nothing'),
              },
              {
                header: t('case.correction.reason'),
                cell: (c) => (
                  <>
                    {label(CORRECTION_REASON, lang, c.reason)}
                    {c.comment ? <p class="note-text">{c.comment}</p> : null}
                  </>
                ),
              },
              { header: t('case.correction.by'), cell: (c) => who(c.by) },
            ]}
          />
        </section>
      ) : null}
      {file.age?.assessments?.length ? (
        <section aria-labelledby="case-assessments">
          <h2 id="case-assessments">{t('case.assessments')}</h2>
          <DataTable
            caption={t('case.assessments')}
            rows={file.age.assessments}
            columns={[
              { header: t('case.assessment.date'), cell: (a) => a.date },
              {
                header: t('case.assessment.method'),
                cell: (a) => label(AGE_ASSESSMENT_METHOD, lang, a.method),
              },
              {
                header: t('case.assessment.result'),
                cell: (a) =>
                  'dateOfBirth' in a.result
                    ? a.result.dateOfBirth
                    : 'estimatedYears' in a.result
                      ? t('case.years', { n: a.result.estimatedYears })
                      : t('person.age.unknown'),
              },
              { header: t('case.assessment.by'), cell: (a) => `${a.assessedBy} (${who(a.recordedBy)})` },
            ]}
          />
        </section>
      ) : null}
      {consents && file.consents ? (
        <section aria-labelledby="case-consents">
          <h2 id="case-consents">{t('referral.consents')}</h2>
          {file.consents.length === 0 ? (
            <p>{t('referral.noConsents')}</p>
          ) : (
            <SummaryList
              rows={file.consents.map((c) => ({
                key: consentScopeLabel(c, lang),
                value: c.withdrawnAt
                  ? t('referral.consent.withdrawn', { at: formatDateTime(c.withdrawnAt, ctx) })
                  : `${t('referral.consent.active')} (${formatDateTime(c.recordedAt, ctx)})`,
              }))}
            />
          )}
        </section>
      ) : null}
    </>
  );
}

/** A corrected field (`person.age`, `needs.shelter`) named as the field table names the field at that path. */
function fieldName(path: string, ctx: PageContext): string {
  const field = FIELDS.filter((f) => {
    const own = f.path.replace(/\[\]$/, '');
    return f.display && (path === own || path.startsWith(`${own}.`));
  }).sort((a, b) => b.path.length - a.path.length)[0];
  return field ? ctx.t(field.display?.label ?? field.label) : path;
}
