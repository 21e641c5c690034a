// The referral form: one page per step, then a review page, both generated from the field table (form/fields.ts).
// Every step is a plain form posting to the server, which saves the draft and moves on, so the whole form works
// without JavaScript.
import type { Child } from 'hono/jsx';
import {
  Choices,
  CsrfField,
  ErrorSummary,
  Notice,
  type Option,
  Select,
  SummaryList,
  TextArea,
  TextInput,
} from '../components';
import { DRAFT_DAYS, type Draft, type DraftValues } from '../drafts-store';
import { displaySections } from '../form/display';
import { type Answers, type Facts, type Field, type FormStep, STEP_TITLE } from '../form/fields';
import {
  answersOf,
  buildRequest,
  childCount,
  type FieldError,
  factsOf,
  fieldId,
  MAX_CHILDREN,
  questions,
  STEPS,
  type Step,
  stepFields,
} from '../form/model';
import type { MessageKey } from '../i18n/messages';
import { Layout } from '../layout';
import { formatDate, formatDateTime, type PageContext } from '../page-context';

export function errorText(error: FieldError, ctx: PageContext): string {
  if (error.text) return ctx.t('errors.api', { message: error.text });
  const values = Object.fromEntries(
    Object.entries(error.values ?? {}).map(([k, v]) =>
      // A field name in a message is itself a catalogue key, lower-cased to read as part of the sentence.
      [k, typeof v === 'string' && v.includes('.') ? ctx.t(v as MessageKey).toLowerCase() : v],
    ),
  );
  return ctx.t(error.key, values);
}

function StepList({ ctx, draft, current }: { ctx: PageContext; draft: Draft; current: Step }) {
  const reached = STEPS.indexOf(draft.reached as Step);
  return (
    <nav aria-label={ctx.t('form.progress')}>
      <ol class="steps">
        {STEPS.map((step, i) => {
          const title = ctx.t(STEP_TITLE[step]);
          if (step === current) return <li aria-current="step">{title}</li>;
          if (i <= reached)
            return (
              <li class={i < STEPS.indexOf(current) ? 'done' : undefined}>
                <a href={`/drafts/${draft.id}/${step}`}>{title}</a>
              </li>
            );
          return <li>{title}</li>;
        })}
      </ol>
    </nav>
  );
}

interface FieldProps {
  readonly ctx: PageContext;
  readonly values: DraftValues;
  readonly facts: Facts;
  readonly errorOf: (field: string) => string | undefined;
}

/** One field's control, named under `prefix` (`child.0.`) for a group's item, with what its choices reveal. */
export function FieldControl(
  props: FieldProps & { field: Field; fields: readonly Field[]; prefix?: string },
) {
  const { ctx, values, facts, errorOf, field, fields, prefix = '' } = props;
  const { t } = ctx;
  if (field.asked && !field.asked(facts)) return field.notAsked ? <Notice>{t(field.notAsked)}</Notice> : null;
  const answers: Answers = answersOf(values, prefix);
  const name = prefix + field.name;
  const common = {
    ctx,
    name,
    label: t(field.label),
    hint: field.hint ? t(field.hint) : undefined,
    optional: field.markOptional ?? (!field.required && !['date', 'years', 'checkbox'].includes(field.kind)),
    error: errorOf(name),
    value: answers.text(field.name),
  };
  const reveal = (names: readonly string[] = []): Child =>
    names.length
      ? names.map((n) => <FieldControl {...props} field={fields.find((f) => f.name === n)!} />)
      : undefined;
  const options: Option[] = field.choices
    ? field.choices.map((c) => ({
        value: c.value,
        label: t(c.label),
        ...(c.hint ? { hint: t(c.hint) } : {}),
        conditional:
          field.group && c.value === 'yes' ? <GroupItems {...props} field={field} /> : reveal(c.reveals),
      }))
    : [...(field.codes?.options(ctx.lang) ?? [])];
  switch (field.kind) {
    case 'text':
    case 'date':
    case 'years':
      return <TextInput {...common} width={field.width} inputmode={field.numeric ? 'numeric' : undefined} />;
    case 'textarea':
      return <TextArea {...common} rows={field.rows} maxlength={field.maxLength} />;
    case 'select':
      return <Select {...common} options={options} groups={field.codes?.groups?.(ctx.lang)} />;
    case 'checkbox':
      return (
        <Choices
          {...common}
          type="checkbox"
          legendClass="visually-hidden"
          options={[{ value: 'yes', label: t(field.box ?? field.label) }]}
        />
      );
    case 'radio':
    case 'codes':
      return (
        <Choices
          {...common}
          type={field.kind === 'radio' ? 'radio' : 'checkbox'}
          value={field.kind === 'radio' ? answers.text(field.name) : answers.list(field.name)}
          options={options}
          inline={field.inline}
        />
      );
  }
}

/** A group's items (each accompanying child), one card each. */
function GroupItems(props: FieldProps & { field: Field }) {
  const { ctx, values, field } = props;
  const group = field.group!;
  return (
    <>
      {Array.from({ length: Math.max(1, childCount(values)) }, (_, i) => (
        <fieldset class="fieldset card">
          <legend class="legend-l">{ctx.t(group.legend, { n: i + 1 })}</legend>
          {questions(group.fields).map((f) => (
            <FieldControl {...props} field={f} fields={group.fields} prefix={`${group.prefix}.${i}.`} />
          ))}
        </fieldset>
      ))}
    </>
  );
}

/** A step's questions: each field not revealed by another, in the table's order. */
function StepBody({ step, ...props }: FieldProps & { step: FormStep }) {
  const fields = stepFields(step);
  return (
    <>
      <p>{props.ctx.t(`${step}.intro` as MessageKey)}</p>
      {step === 'narrative' && props.facts.anonymous ? (
        <Notice kind="warning">{props.ctx.t('narrative.anonymous')}</Notice>
      ) : null}
      {step === 'children' ? (
        <input type="hidden" name="childCount" value={String(Math.max(1, childCount(props.values)))} />
      ) : null}
      {questions(fields).map((field) => (
        <FieldControl {...props} field={field} fields={fields} />
      ))}
    </>
  );
}

/** Adding or removing a child posts the step; these come after "Save and continue", which Enter must press. */
function ChildButtons({ ctx, values }: { ctx: PageContext; values: DraftValues }) {
  const rows = Math.max(1, childCount(values));
  return (
    <>
      {rows < MAX_CHILDREN ? (
        <button type="submit" name="action" value="add-child" class="button button-secondary">
          {ctx.t('children.add')}
        </button>
      ) : (
        <p>{ctx.t('children.max', { max: MAX_CHILDREN })}</p>
      )}
      {rows > 1 ? (
        <button type="submit" name="action" value="remove-child" class="button button-secondary">
          {ctx.t('children.remove', { n: rows })}
        </button>
      ) : null}
    </>
  );
}

export function StepPage({
  ctx,
  draft,
  step,
  errors,
  saved,
}: {
  ctx: PageContext;
  draft: Draft;
  step: Exclude<Step, 'review'>;
  errors: readonly FieldError[];
  saved: boolean;
}) {
  const { t } = ctx;
  const index = STEPS.indexOf(step);
  const title = t(STEP_TITLE[step]);
  const errorOf = (field: string) => {
    const error = errors.find((e) => e.field === field);
    return error ? errorText(error, ctx) : undefined;
  };
  const facts = factsOf(draft.values, ctx.now);
  return (
    <Layout ctx={ctx} title={`${title} – ${t('form.title')}`} hasErrors={errors.length > 0}>
      <ErrorSummary
        ctx={ctx}
        errors={errors.map((e) => ({ href: `#${fieldId(e.field)}`, text: errorText(e, ctx) }))}
      />
      {saved && errors.length === 0 ? (
        <Notice kind="success">
          {t('form.saved', { time: formatDateTime(draft.updatedAt, ctx), days: DRAFT_DAYS })}
        </Notice>
      ) : null}
      <StepList ctx={ctx} draft={draft} current={step} />
      <p class="caption">
        {t('form.title')} · {t('form.step', { n: index + 1, total: STEPS.length })}
      </p>
      <h1>{title}</h1>
      {step === 'person' && facts.child ? <Notice>{t('person.childNotice')}</Notice> : null}
      <form method="post" action={`/drafts/${draft.id}/${step}`} novalidate>
        <CsrfField ctx={ctx} />
        <StepBody ctx={ctx} values={draft.values} facts={facts} errorOf={errorOf} step={step} />
        <p class="hint">{t('form.privacy')}</p>
        <div class="button-group">
          <button type="submit" name="action" value="next" class="button">
            {t('form.next')}
          </button>
          {step === 'children' ? <ChildButtons ctx={ctx} values={draft.values} /> : null}
          {index > 0 ? (
            <button type="submit" name="action" value="back" class="button button-secondary">
              {t('form.back')}
            </button>
          ) : null}
          <button type="submit" name="action" value="save" class="button button-secondary">
            {t('form.saveExit')}
          </button>
        </div>
      </form>
    </Layout>
  );
}

function answer(value: string | undefined, ctx: PageContext): string {
  return value ? value : ctx.t('form.notStated');
}

export function ReviewPage({
  ctx,
  draft,
  errors,
}: {
  ctx: PageContext;
  draft: Draft;
  errors: readonly (FieldError & { step: Step })[];
}) {
  const { t } = ctx;
  const { child, anonymous } = factsOf(draft.values, ctx.now);
  const change = (step: Step, sectionKey: MessageKey) => (
    <a href={`/drafts/${draft.id}/${step}`}>
      {t('form.change')}
      <span class="visually-hidden"> {t(sectionKey).toLowerCase()}</span>
    </a>
  );
  // What the request will carry, so an anonymous notification shows only what it sends.
  const sections = displaySections(
    buildRequest(draft.values, ctx.now),
    { t, lang: ctx.lang, child, anonymous, brief: true },
    answersOf(draft.values),
  );
  return (
    <Layout ctx={ctx} title={`${t('step.review')} – ${t('form.title')}`} hasErrors={errors.length > 0}>
      <ErrorSummary
        ctx={ctx}
        errors={errors.map((e) => ({
          href: e.step === 'review' ? '#submit' : `/drafts/${draft.id}/${e.step}#${fieldId(e.field)}`,
          text: `${t(STEP_TITLE[e.step])}: ${errorText(e, ctx)}`,
        }))}
      />
      <StepList ctx={ctx} draft={draft} current="review" />
      <p class="caption">
        {t('form.title')} · {t('form.step', { n: STEPS.length, total: STEPS.length })}
      </p>
      <h1>{t('step.review')}</h1>
      <p>{t('review.intro')}</p>
      {anonymous ? <Notice kind="warning">{t('review.anonymous')}</Notice> : null}
      {child ? <Notice>{t('person.childNotice')}</Notice> : null}
      {sections.map((section) => (
        <section aria-labelledby={`review-${section.step}`}>
          <h2 id={`review-${section.step}`}>{t(section.title)}</h2>
          <SummaryList
            rows={section.rows.map((r, i) => ({
              key: r.key,
              value: answer(r.value, ctx),
              ...(i === 0 ? { action: change(section.step, section.title) } : {}),
            }))}
          />
        </section>
      ))}
      <form method="post" action={`/drafts/${draft.id}/submit`}>
        <CsrfField ctx={ctx} />
        <p>{t('review.declaration')}</p>
        <button type="submit" id="submit" class="button">
          {t('review.submit')}
        </button>
      </form>
      <p>{t('home.drafts.expires', { date: formatDate(draft.expiresAt, ctx) })}</p>
    </Layout>
  );
}
