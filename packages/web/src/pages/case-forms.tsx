// The coordinator's forms that change a case file: a correction of the person's facts, an age assessment, and opening
// a case for an anonymous notification whose person now consents. They ask the referral form's own questions (the
// field table's labels, hints and code lists) and are plain forms that work without JavaScript.
import { swedishDate } from '@nrm/runtime';
import type { Child } from 'hono/jsx';
import {
  bindFeedback,
  Choices,
  Comment,
  DisclosureForm,
  type FormFeedback,
  Select,
  TextInput,
} from '../components';
import { type CaseFileBody, personAnswers } from '../form/case-file';
import { FIELDS } from '../form/fields';
import { questions, stepFields } from '../form/model';
import { AGE_ASSESSMENT_METHOD, CORRECTION_REASON, options } from '../i18n/codes';
import type { PageContext } from '../page-context';
import { FieldControl } from './form';

/** What the field table is told when these forms ask its questions: today's date, as for a named adult. */
const caseFacts = (ctx: PageContext) => ({ today: swedishDate(ctx.now), child: false, anonymous: false });

// The correction form asks the referral form's own questions (the field table's labels, hints and code lists).
const CORRECTABLE = [
  'name',
  'alias',
  'dateOfBirth',
  'estimatedYears',
  'language1',
  'language2',
  'interpreterNeeded',
  'municipalityCode',
] as const;

/**
 * The correction and age-assessment forms: plain forms that work without JavaScript, each in a disclosure that is open
 * while it has errors. Only what is filled in is corrected.
 */
export function CorrectionForms({
  ctx,
  referralId,
  feedback,
}: {
  ctx: PageContext;
  referralId: string;
  feedback: FormFeedback;
}) {
  const { t, lang } = ctx;
  const { bound, errorOf, refused } = bindFeedback(ctx, feedback);
  const control = (name: string, prefix: string) => (
    <FieldControl
      ctx={ctx}
      values={feedback.values ?? {}}
      facts={caseFacts(ctx)}
      errorOf={errorOf}
      field={FIELDS.find((f) => f.name === name)!}
      fields={FIELDS}
      prefix={prefix}
    />
  );
  /** The correction's or the assessment's form in a disclosure: its hint, its fields, a reason's comment. */
  const form = (name: 'correct' | 'assess', action: string, fields: Child) => (
    <DisclosureForm
      ctx={ctx}
      summary={t(`${name}.title`)}
      open={refused(`${name}.`)}
      action={`/referrals/${referralId}/${action}`}
      submit={t(`${name}.submit`)}
    >
      <p class="hint">{t(`${name}.hint`)}</p>
      {fields}
      <Comment {...bound(`${name}.comment`)} />
    </DisclosureForm>
  );
  return (
    <>
      {form(
        'correct',
        'corrections',
        <>
          {CORRECTABLE.map((name) => (
            <>
              {name === 'dateOfBirth' ? <p class="hint">{t('correct.age.hint')}</p> : null}
              {control(name, 'correct.')}
            </>
          ))}
          <Choices
            {...bound('correct.reason')}
            type="radio"
            label={t('action.reason')}
            options={options(CORRECTION_REASON, lang, (r) => r !== 'age-assessment')}
          />
        </>,
      )}
      {form(
        'assess',
        'age-assessment',
        <>
          <Select
            {...bound('assess.method')}
            label={t('assess.method')}
            options={options(AGE_ASSESSMENT_METHOD, lang)}
          />
          <p class="hint">{t('correct.age.hint')}</p>
          {control('dateOfBirth', 'assess.')}
          {control('estimatedYears', 'assess.')}
          <TextInput
            {...bound('assess.date')}
            label={t('assess.date')}
            hint={t('person.dateOfBirth.hint')}
            width="medium"
            inputmode="numeric"
          />
          <TextInput
            {...bound('assess.assessedBy')}
            label={t('assess.by')}
            hint={t('assess.by.hint')}
            maxlength={200}
          />
        </>,
      )}
    </>
  );
}

// Opening a case asks the referral form's person questions, the person's consents and the description.
const OPEN_CASE_FIELDS = [
  ...questions(stepFields('person')),
  ...FIELDS.filter((f) => ['contactByCoordinator', 'sharing', 'narrative'].includes(f.name)),
];

/**
 * An anonymous notification whose person now consents becomes a case: the person's data and consents are added to
 * the same referral. A plain form that works without JavaScript, open while it has errors.
 */
export function OpenCaseForm({
  ctx,
  file,
  feedback,
}: {
  ctx: PageContext;
  file: CaseFileBody;
  feedback: FormFeedback & { readonly lists?: Readonly<Record<string, readonly string[]>> };
}) {
  const { t } = ctx;
  const referralId = file.id;
  // What the notification already says of the person, until the form comes back with what was typed.
  const values = feedback.values
    ? { ...feedback.values, ...feedback.lists, consent: 'given' }
    : { ...personAnswers(file), consent: 'given' };
  const { errorOf, refused } = bindFeedback(ctx, feedback);
  return (
    <DisclosureForm
      ctx={ctx}
      summary={t('openCase.title')}
      open={refused('')}
      action={`/referrals/${referralId}/case`}
      submit={t('openCase.submit')}
      button="button"
    >
      <p class="hint">{t('openCase.hint')}</p>
      {OPEN_CASE_FIELDS.map((field) => (
        <FieldControl
          ctx={ctx}
          values={values}
          facts={caseFacts(ctx)}
          errorOf={errorOf}
          field={field}
          fields={FIELDS}
        />
      ))}
    </DisclosureForm>
  );
}
