// Form controls and page parts, following the GOV.UK design system's accessible patterns: every control has a
// label, hints and errors are tied to it with aria-describedby, groups are fieldsets with legends, and conditional
// parts are revealed by CSS (:checked), so nothing depends on JavaScript.
import { randomUUID } from 'node:crypto';
import type { Child, PropsWithChildren } from 'hono/jsx';
import { fieldId } from './form/model';
import type { PageContext } from './page-context';

export interface Option {
  readonly value: string;
  readonly label: string;
  readonly hint?: string;
  /** Shown under the option while it is chosen. */
  readonly conditional?: Child;
}

interface FieldProps {
  readonly name: string;
  readonly label: string;
  readonly hint?: string | undefined;
  readonly error?: string | undefined;
  readonly optional?: boolean;
  readonly ctx: PageContext;
}

const describedBy = (id: string, hint?: string, error?: string) =>
  [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

function Hint({ id, text }: { id: string; text?: string | undefined }) {
  return text ? (
    <div id={`${id}-hint`} class="hint">
      {text}
    </div>
  ) : null;
}

function ErrorMessage({ id, text, ctx }: { id: string; text?: string | undefined; ctx: PageContext }) {
  return text ? (
    <p id={`${id}-error`} class="error-message">
      <span class="visually-hidden">{ctx.lang === 'sv' ? 'Fel: ' : 'Error: '}</span>
      {text}
    </p>
  ) : null;
}

function LabelText({
  label,
  optional,
  ctx,
}: {
  label: string;
  optional?: boolean | undefined;
  ctx: PageContext;
}) {
  return (
    <>
      {label}
      {optional ? <span class="optional"> {ctx.t('form.optional')}</span> : null}
    </>
  );
}

/** What a labelled control carries: its id (the field's), its name and the hint and error it is described by. */
interface ControlAttributes {
  readonly id: string;
  readonly name: string;
  readonly 'aria-describedby': string | undefined;
  readonly 'aria-invalid': 'true' | undefined;
}

/** A field with one control: its label, hint and error above it, tied to it by id and aria-describedby. */
function Labelled({
  field,
  control,
}: {
  field: FieldProps;
  control: (attributes: ControlAttributes) => Child;
}) {
  const id = fieldId(field.name);
  return (
    <div class={`field${field.error ? ' field-error' : ''}`}>
      <label for={id} class="label">
        <LabelText label={field.label} optional={field.optional} ctx={field.ctx} />
      </label>
      <Hint id={id} text={field.hint} />
      <ErrorMessage id={id} text={field.error} ctx={field.ctx} />
      {control({
        id,
        name: field.name,
        'aria-describedby': describedBy(id, field.hint, field.error),
        'aria-invalid': field.error ? 'true' : undefined,
      })}
    </div>
  );
}

export function TextInput(
  props: FieldProps & {
    value: string;
    type?: 'text' | 'number';
    inputmode?: 'numeric' | 'text';
    autocomplete?: string;
    width?: 'short' | 'medium' | 'full';
    maxlength?: number;
  },
) {
  return (
    <Labelled
      field={props}
      control={(attributes) => (
        <input
          {...attributes}
          type={props.type ?? 'text'}
          value={props.value}
          class={`input input-${props.width ?? 'full'}`}
          inputmode={props.inputmode}
          autocomplete={props.autocomplete ?? 'off'}
          spellcheck={false}
          maxlength={props.maxlength}
        />
      )}
    />
  );
}

export function TextArea(props: FieldProps & { value: string; rows?: number; maxlength?: number }) {
  return (
    <Labelled
      field={props}
      control={(attributes) => (
        <textarea {...attributes} rows={props.rows ?? 6} class="textarea" maxlength={props.maxlength}>
          {props.value}
        </textarea>
      )}
    />
  );
}

export function Select(
  props: FieldProps & {
    value: string;
    options: readonly Option[];
    groups?: readonly { label: string; options: readonly Option[] }[];
    placeholder?: string;
  },
) {
  const option = (o: Option) => (
    <option value={o.value} selected={o.value === props.value}>
      {o.label}
    </option>
  );
  return (
    <Labelled
      field={props}
      control={(attributes) => (
        <select {...attributes} class="select">
          <option value="">{props.placeholder ?? props.ctx.t('form.select')}</option>
          {props.options.map(option)}
          {props.groups?.map((g) => (
            <optgroup label={g.label}>{g.options.map(option)}</optgroup>
          ))}
        </select>
      )}
    />
  );
}

/** Radios or checkboxes in a fieldset. The first input carries the field id, so an error summary link lands on it. */
export function Choices(
  props: FieldProps & {
    type: 'radio' | 'checkbox';
    value: string | readonly string[];
    options: readonly Option[];
    inline?: boolean;
    legendClass?: string;
  },
) {
  const id = fieldId(props.name);
  const chosen = new Set(Array.isArray(props.value) ? props.value : [props.value]);
  return (
    <div class={`field${props.error ? ' field-error' : ''}`}>
      <fieldset class="fieldset" aria-describedby={describedBy(id, props.hint, props.error)}>
        <legend class={props.legendClass ?? 'legend'}>
          <LabelText label={props.label} optional={props.optional} ctx={props.ctx} />
        </legend>
        <Hint id={id} text={props.hint} />
        <ErrorMessage id={id} text={props.error} ctx={props.ctx} />
        <div class={`choices${props.inline ? ' choices-inline' : ''}`}>
          {props.options.map((o, i) => {
            const optionId = i === 0 ? id : `${id}-${o.value}`;
            return (
              <div class="choice">
                <input
                  id={optionId}
                  name={props.name}
                  type={props.type}
                  value={o.value}
                  checked={chosen.has(o.value)}
                  aria-describedby={o.hint ? `${optionId}-hint` : undefined}
                />
                <label for={optionId} class="choice-label">
                  {o.label}
                </label>
                {o.hint ? (
                  <div id={`${optionId}-hint`} class="hint choice-hint">
                    {o.hint}
                  </div>
                ) : null}
                {o.conditional ? <div class="conditional">{o.conditional}</div> : null}
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

export interface SummaryError {
  readonly href: string;
  readonly text: string;
}

/**
 * The error summary at the top of a page. `autofocus` moves focus to it on load without JavaScript, so a screen
 * reader announces the problems first; each links to its field.
 */
export function ErrorSummary({ errors, ctx }: { errors: readonly SummaryError[]; ctx: PageContext }) {
  if (errors.length === 0) return null;
  return (
    <div class="error-summary" aria-labelledby="error-summary-title" role="alert" tabindex={-1} autofocus>
      <h2 id="error-summary-title" class="error-summary-title">
        {ctx.t('errors.summary')}
      </h2>
      <ul class="error-summary-list">
        {errors.map((e) => (
          <li>
            <a href={e.href}>{e.text}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * Every form's hidden fields: the session's CSRF token, and a key unique to this rendering of the form, which the web
 * sends as the API's Idempotency-Key, so a double click or a resent form creates nothing twice.
 */
export function CsrfField({ ctx }: { ctx: PageContext }) {
  return (
    <>
      <input type="hidden" name="_csrf" value={ctx.csrf} />
      <input type="hidden" name="_request" value={randomUUID()} />
    </>
  );
}

/**
 * A form that posts: the session's hidden fields (CsrfField) first, its fields, and its one submit button last
 * (`button`: the button's classes, `button` unless said).
 */
export function PostForm({
  ctx,
  action,
  submit,
  button = 'button',
  class: className,
  children,
}: PropsWithChildren<{ ctx: PageContext; action: string; submit: Child; button?: string; class?: string }>) {
  return (
    <form method="post" action={action} class={className}>
      <CsrfField ctx={ctx} />
      {children}
      <button type="submit" class={button}>
        {submit}
      </button>
    </form>
  );
}

/** A form in a disclosure (`<details>`): open when it came back refused, so the error summary's links land on shown fields. */
export function DisclosureForm({
  ctx,
  summary,
  open = false,
  action,
  submit,
  button = 'button button-secondary',
  children,
}: PropsWithChildren<{
  ctx: PageContext;
  summary: Child;
  open?: boolean;
  action: string;
  submit: Child;
  button?: string;
}>) {
  return (
    <details {...(open ? { open: true } : {})}>
      <summary>{summary}</summary>
      <PostForm ctx={ctx} action={action} button={button} submit={submit}>
        {children}
      </PostForm>
    </details>
  );
}

/** What a refused form comes back with: the errors at their fields, and what was typed, by field name. */
export interface FormFeedback {
  readonly errors?: readonly { readonly field: string; readonly text: string }[];
  readonly values?: Readonly<Record<string, string>>;
}

/** A refused form's feedback as its controls read it. */
export function bindFeedback(ctx: PageContext, feedback: FormFeedback) {
  const errorOf = (name: string) => feedback.errors?.find((e) => e.field === name)?.text;
  return {
    errorOf,
    /** A control's name, what was typed in it (else `otherwise`) and its error, to spread into the control. */
    bound: (name: string, otherwise = '') => ({
      ctx,
      name,
      value: feedback.values?.[name] ?? otherwise,
      error: errorOf(name),
    }),
    /** Whether one of the fields named `<prefix>…` was refused: that form's disclosure is open. */
    refused: (prefix: string) => feedback.errors?.some((e) => e.field.startsWith(prefix)) ?? false,
  };
}

/** The optional comment beside a reason or an outcome. */
export function Comment(props: Omit<FieldProps, 'label' | 'optional'> & { value: string; rows?: number }) {
  return <TextArea {...props} label={props.ctx.t('action.comment')} rows={props.rows ?? 2} optional />;
}

/** A control's name, what it holds and its error (`bindFeedback`'s `bound`). */
type BoundField = Pick<FieldProps, 'ctx' | 'name' | 'error'> & { readonly value: string };

/** A reason chosen from a list (radios) and the optional comment beside it: a transfer's, a closing's, a decline's. */
export function ReasonAndComment({
  reason,
  comment,
  options,
  rows,
}: {
  reason: BoundField;
  comment: BoundField;
  options: readonly Option[];
  rows?: number;
}) {
  return (
    <>
      <Choices {...reason} type="radio" label={reason.ctx.t('action.reason')} options={options} />
      <Comment {...comment} {...(rows ? { rows } : {})} />
    </>
  );
}

export function Notice({
  children,
  kind = 'info',
}: PropsWithChildren<{ kind?: 'info' | 'success' | 'warning' }>) {
  return (
    <div class={`notice notice-${kind}`} role={kind === 'success' ? 'status' : undefined}>
      {children}
    </div>
  );
}

export function SummaryList({ rows }: { rows: readonly { key: string; value: Child; action?: Child }[] }) {
  return (
    <dl class="summary-list">
      {rows.map((r) => (
        <div class="summary-row">
          <dt>{r.key}</dt>
          <dd>{r.value}</dd>
          {r.action ? <dd class="summary-action">{r.action}</dd> : null}
        </div>
      ))}
    </dl>
  );
}

export interface Column<R> {
  readonly header: Child;
  readonly cell: (row: R) => Child;
  /** A figure: right-aligned, header and cells. */
  readonly num?: boolean;
  /** The cell names its row (`<th scope="row">`). */
  readonly rowHeader?: boolean;
  /** More attributes of a cell (the browser suites find figures by `data-*`). */
  readonly attributes?: (row: R) => Record<string, string | boolean | undefined>;
}

/**
 * A data table: a caption (hidden unless `showCaption`), one header per column, one row per item, in the scroll box
 * that keeps a wide table from widening the page. `empty`, when given, is said instead of a table without rows;
 * `name` is the table's `data-table`.
 */
export function DataTable<R>({
  caption,
  columns,
  rows,
  empty,
  showCaption = false,
  name,
}: {
  caption: string;
  columns: readonly Column<R>[];
  rows: readonly R[];
  empty?: Child;
  showCaption?: boolean;
  name?: string;
}) {
  if (rows.length === 0 && empty !== undefined) return <p>{empty}</p>;
  const num = (column: Column<R>) => (column.num ? 'num' : undefined);
  return (
    <div class="table-wrap">
      <table data-table={name}>
        <caption class={showCaption ? undefined : 'visually-hidden'}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th scope="col" class={num(column)}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr>
              {columns.map((column) =>
                column.rowHeader ? (
                  <th scope="row">{column.cell(row)}</th>
                ) : (
                  <td class={num(column)} {...column.attributes?.(row)}>
                    {column.cell(row)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * A table under its own heading (`h2`, or `h3` in a section), captioned by it: the heading, a hint if any, then the
 * table, or `empty` said instead of a table without rows.
 */
export function HeadedTable<R>({
  heading,
  level = 2,
  id,
  hint,
  empty,
  rows,
  columns,
}: {
  heading: string;
  level?: 2 | 3;
  id?: string;
  hint?: Child;
  empty: Child;
  rows: readonly R[];
  columns: readonly Column<R>[];
}) {
  return (
    <>
      {level === 2 ? <h2 id={id}>{heading}</h2> : <h3 id={id}>{heading}</h3>}
      {hint ? <p class="hint">{hint}</p> : null}
      <DataTable caption={heading} empty={empty} rows={rows} columns={columns} />
    </>
  );
}

/** A section that is a headed table and what follows it (its forms): the section is labelled by the heading. */
export function TableSection<R>({
  children,
  ...table
}: PropsWithChildren<Parameters<typeof HeadedTable<R>>[0] & { id: string }>) {
  return (
    <section aria-labelledby={table.id}>
      <HeadedTable {...table} />
      {children}
    </section>
  );
}
