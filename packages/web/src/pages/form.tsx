// The referral form: one page per step, then a review page. Every step is a plain form posting to the server, which
// saves the draft and moves on, so the whole form works without JavaScript.
import { ADULT_CONSENT_SCOPES, COUNTIES, MUNICIPALITIES } from '@nrm/domain';
import {
  EXPLOITATION_PURPOSES,
  GENDERS,
  INDICATORS,
  RESIDENCE_STATUSES,
  VULNERABILITIES,
} from '@nrm/schemas';
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
import {
  buildRequest,
  childCount,
  childField,
  type FieldError,
  fieldId,
  isAnonymous,
  isChildCase,
  listValue,
  MAX_CHILDREN,
  NARRATIVE_MAX,
  STEPS,
  type Step,
  stringValue,
} from '../form/model';
import {
  consentScopeLabel,
  countries,
  GENDER,
  INDICATOR,
  label,
  languages,
  PURPOSE,
  RESIDENCE,
  VULNERABILITY,
} from '../i18n/codes';
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

const STEP_TITLE: Record<Step, MessageKey> = {
  person: 'step.person',
  where: 'step.where',
  exploitation: 'step.exploitation',
  needs: 'step.needs',
  children: 'step.children',
  narrative: 'step.narrative',
  review: 'step.review',
};

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

const yesNoOptions = (ctx: PageContext, extra?: 'dontKnow' | 'notAsked'): Option[] => [
  { value: 'yes', label: ctx.t('form.yes') },
  { value: 'no', label: ctx.t('form.no') },
  ...(extra === 'dontKnow' ? [{ value: 'unknown', label: ctx.t('form.dontKnow') }] : []),
  ...(extra === 'notAsked' ? [{ value: 'not-asked', label: ctx.t('form.notAsked') }] : []),
];

function municipalityGroups() {
  return COUNTIES.map((county) => ({
    label: county.name,
    options: MUNICIPALITIES.filter((m) => m.countyCode === county.code).map((m) => ({
      value: m.code,
      label: m.shortName,
    })),
  }));
}

interface StepProps {
  readonly ctx: PageContext;
  readonly values: DraftValues;
  readonly errorOf: (field: string) => string | undefined;
}

function PersonStep({ ctx, values, errorOf }: StepProps) {
  const { t } = ctx;
  const s = (n: string) => stringValue(values, n);
  const countryOptions = countries(ctx.lang).map((c) => ({ value: c.code, label: c.name }));
  const languageOptions = languages(ctx.lang).map((l) => ({ value: l.code, label: l.name }));
  const mayBeMinor = (
    <Choices
      ctx={ctx}
      type="radio"
      name="mayBeMinor"
      label={t('person.mayBeMinor')}
      hint={t('person.mayBeMinor.hint')}
      value={s('mayBeMinor')}
      options={yesNoOptions(ctx, 'dontKnow')}
      inline
      error={errorOf('mayBeMinor')}
    />
  );
  return (
    <>
      <p>{t('person.intro')}</p>
      <TextInput
        ctx={ctx}
        name="name"
        label={t('person.name')}
        value={s('name')}
        optional
        error={errorOf('name')}
      />
      <TextInput
        ctx={ctx}
        name="alias"
        label={t('person.alias')}
        value={s('alias')}
        optional
        error={errorOf('alias')}
      />
      <TextInput
        ctx={ctx}
        name="identityNumber"
        label={t('person.identityNumber')}
        hint={t('person.identityNumber.hint')}
        value={s('identityNumber')}
        width="medium"
        inputmode="numeric"
        optional
        error={errorOf('identityNumber')}
      />
      <Choices
        ctx={ctx}
        type="radio"
        name="ageKind"
        label={t('person.age.kind')}
        value={s('ageKind')}
        error={errorOf('ageKind')}
        options={[
          {
            value: 'dob',
            label: t('person.age.dob'),
            conditional: (
              <TextInput
                ctx={ctx}
                name="dateOfBirth"
                label={t('person.dateOfBirth')}
                hint={t('person.dateOfBirth.hint')}
                value={s('dateOfBirth')}
                width="medium"
                inputmode="numeric"
                error={errorOf('dateOfBirth')}
              />
            ),
          },
          {
            value: 'estimate',
            label: t('person.age.estimate'),
            conditional: (
              <TextInput
                ctx={ctx}
                name="estimatedYears"
                label={t('person.estimatedYears')}
                value={s('estimatedYears')}
                width="short"
                inputmode="numeric"
                error={errorOf('estimatedYears')}
              />
            ),
          },
          { value: 'unknown', label: t('person.age.unknown') },
        ]}
      />
      {mayBeMinor}
      <Choices
        ctx={ctx}
        type="radio"
        name="gender"
        label={t('person.gender')}
        value={s('gender')}
        error={errorOf('gender')}
        options={GENDERS.map((g) => ({ value: g, label: label(GENDER, ctx.lang, g) }))}
      />
      <Select
        ctx={ctx}
        name="citizenship1"
        label={t('person.citizenship')}
        value={s('citizenship1')}
        options={countryOptions}
        optional
        error={errorOf('citizenship1')}
      />
      <Select
        ctx={ctx}
        name="citizenship2"
        label={t('person.citizenship2')}
        value={s('citizenship2')}
        options={countryOptions}
        optional
        error={errorOf('citizenship2')}
      />
      <Select
        ctx={ctx}
        name="language1"
        label={t('person.language')}
        value={s('language1')}
        options={languageOptions}
        optional
        error={errorOf('language1')}
      />
      <Select
        ctx={ctx}
        name="language2"
        label={t('person.language2')}
        value={s('language2')}
        options={languageOptions}
        optional
        error={errorOf('language2')}
      />
      <Choices
        ctx={ctx}
        type="radio"
        name="interpreterNeeded"
        label={t('person.interpreterNeeded')}
        value={s('interpreterNeeded')}
        options={yesNoOptions(ctx, 'dontKnow')}
        inline
        optional
      />
      <Select
        ctx={ctx}
        name="residenceStatus"
        label={t('person.residenceStatus')}
        value={s('residenceStatus')}
        options={RESIDENCE_STATUSES.map((r) => ({ value: r, label: label(RESIDENCE, ctx.lang, r) }))}
        optional
        error={errorOf('residenceStatus')}
      />
    </>
  );
}

function WhereStep({ ctx, values, errorOf }: StepProps) {
  const { t } = ctx;
  const s = (n: string) => stringValue(values, n);
  const groups = municipalityGroups();
  const countryOptions = countries(ctx.lang).map((c) => ({ value: c.code, label: c.name }));
  return (
    <>
      <p>{t('where.intro')}</p>
      <Choices
        ctx={ctx}
        type="radio"
        name="locationKind"
        label={t('where.location')}
        value={s('locationKind')}
        error={errorOf('locationKind')}
        options={[
          {
            value: 'municipality',
            label: t('where.location.municipality'),
            conditional: (
              <Select
                ctx={ctx}
                name="municipalityCode"
                label={t('where.municipality')}
                value={s('municipalityCode')}
                options={[]}
                groups={groups}
                error={errorOf('municipalityCode')}
              />
            ),
          },
          {
            value: 'county',
            label: t('where.location.county'),
            conditional: (
              <Select
                ctx={ctx}
                name="countyCode"
                label={t('where.county')}
                value={s('countyCode')}
                options={COUNTIES.map((c) => ({ value: c.code, label: c.name }))}
                error={errorOf('countyCode')}
              />
            ),
          },
          {
            value: 'abroad',
            label: t('where.location.abroad'),
            conditional: (
              <Select
                ctx={ctx}
                name="abroad"
                label={t('where.country')}
                value={s('abroad')}
                options={countryOptions}
                error={errorOf('abroad')}
              />
            ),
          },
          {
            value: 'unknown',
            label: t('where.location.unknown'),
            conditional: (
              <Choices
                ctx={ctx}
                type="checkbox"
                name="noFixedAbode"
                label={t('where.location.unknown')}
                legendClass="visually-hidden"
                value={s('noFixedAbode')}
                options={[{ value: 'yes', label: t('where.noFixedAbode') }]}
              />
            ),
          },
        ]}
      />
      <Choices
        ctx={ctx}
        type="radio"
        name="exploitationLocationKind"
        label={t('where.exploitation')}
        value={s('exploitationLocationKind')}
        optional
        error={errorOf('exploitationLocationKind')}
        options={[
          {
            value: 'municipality',
            label: t('where.exploitation.municipality'),
            conditional: (
              <Select
                ctx={ctx}
                name="exploitationMunicipalityCode"
                label={t('where.exploitationMunicipality')}
                value={s('exploitationMunicipalityCode')}
                options={[]}
                groups={groups}
                error={errorOf('exploitationMunicipalityCode')}
              />
            ),
          },
          {
            value: 'abroad',
            label: t('where.exploitation.abroad'),
            conditional: (
              <Select
                ctx={ctx}
                name="exploitationAbroad"
                label={t('where.exploitationCountry')}
                value={s('exploitationAbroad')}
                options={countryOptions}
                error={errorOf('exploitationAbroad')}
              />
            ),
          },
          { value: 'unknown', label: t('where.exploitation.unknown') },
        ]}
      />
    </>
  );
}

function ExploitationStep({ ctx, values, errorOf }: StepProps) {
  const { t } = ctx;
  return (
    <>
      <p>{t('exploitation.intro')}</p>
      <Choices
        ctx={ctx}
        type="checkbox"
        name="purposes"
        label={t('exploitation.purposes')}
        value={listValue(values, 'purposes')}
        error={errorOf('purposes')}
        options={EXPLOITATION_PURPOSES.map((p) => ({ value: p, label: label(PURPOSE, ctx.lang, p) }))}
      />
      <Choices
        ctx={ctx}
        type="checkbox"
        name="indicators"
        label={t('exploitation.indicators')}
        value={listValue(values, 'indicators')}
        optional
        error={errorOf('indicators')}
        options={INDICATORS.map((i) => ({ value: i, label: label(INDICATOR, ctx.lang, i) }))}
      />
      <TextArea
        ctx={ctx}
        name="indicatorsText"
        label={t('exploitation.indicatorsText')}
        value={stringValue(values, 'indicatorsText')}
        rows={3}
        optional
        maxlength={2000}
        error={errorOf('indicatorsText')}
      />
      <TextInput
        ctx={ctx}
        name="onlineArenas"
        label={t('exploitation.onlineArenas')}
        hint={t('exploitation.onlineArenas.hint')}
        value={stringValue(values, 'onlineArenas')}
        optional
        error={errorOf('onlineArenas')}
      />
    </>
  );
}

function NeedsStep({ ctx, values, errorOf }: StepProps) {
  const { t } = ctx;
  const s = (n: string) => stringValue(values, n);
  const child = isChildCase(values, ctx.now);
  return (
    <>
      <p>{t('needs.intro')}</p>
      <Choices
        ctx={ctx}
        type="radio"
        name="acuteProtection"
        label={t('needs.acuteProtection')}
        hint={t('needs.acuteProtection.hint')}
        value={s('acuteProtection')}
        options={yesNoOptions(ctx)}
        inline
        error={errorOf('acuteProtection')}
      />
      <Choices
        ctx={ctx}
        type="checkbox"
        name="otherNeeds"
        label={t('needs.other')}
        value={listValue(values, 'otherNeeds')}
        optional
        error={errorOf('otherNeeds')}
        options={[
          { value: 'shelter', label: t('needs.shelter') },
          { value: 'medical', label: t('needs.medical') },
          { value: 'safetyThreat', label: t('needs.safetyThreat') },
        ]}
      />
      <Choices
        ctx={ctx}
        type="checkbox"
        name="vulnerabilities"
        label={t('needs.vulnerabilities')}
        value={listValue(values, 'vulnerabilities')}
        optional
        error={errorOf('vulnerabilities')}
        options={VULNERABILITIES.map((v) => ({ value: v, label: label(VULNERABILITY, ctx.lang, v) }))}
      />
      {child ? (
        <Notice>{t('needs.childConsent')}</Notice>
      ) : (
        <Choices
          ctx={ctx}
          type="radio"
          name="consent"
          label={t('needs.consent')}
          value={s('consent')}
          error={errorOf('consent')}
          options={[
            {
              value: 'given',
              label: t('needs.consent.given'),
              conditional: (
                <>
                  <Choices
                    ctx={ctx}
                    type="checkbox"
                    name="contactByCoordinator"
                    label={t('needs.consent.given')}
                    legendClass="visually-hidden"
                    value={s('contactByCoordinator')}
                    options={[{ value: 'yes', label: t('needs.contactByCoordinator') }]}
                  />
                  <Choices
                    ctx={ctx}
                    type="checkbox"
                    name="sharing"
                    label={t('needs.sharing')}
                    hint={t('needs.sharing.hint')}
                    value={listValue(values, 'sharing')}
                    optional
                    options={ADULT_CONSENT_SCOPES.map((scope) => ({
                      value: `${scope.recipientType} ${scope.purpose}`,
                      label: consentScopeLabel(scope, ctx.lang),
                    }))}
                  />
                </>
              ),
            },
            {
              value: 'not-given',
              label: t('needs.consent.notGiven'),
              hint: t('needs.consent.notGiven.hint'),
            },
          ]}
        />
      )}
      <Choices
        ctx={ctx}
        type="radio"
        name="willingToCooperate"
        label={t('needs.willingToCooperate')}
        hint={t('needs.willingToCooperate.hint')}
        value={s('willingToCooperate')}
        options={yesNoOptions(ctx, 'notAsked')}
        inline
        optional
      />
    </>
  );
}

function ChildFields({ ctx, values, errorOf, index }: StepProps & { index: number }) {
  const { t } = ctx;
  const s = (f: Parameters<typeof childField>[1]) => stringValue(values, childField(index, f));
  return (
    <fieldset class="fieldset card">
      <legend class="legend-l">{t('children.child', { n: index + 1 })}</legend>
      <Choices
        ctx={ctx}
        type="radio"
        name={childField(index, 'ageKind')}
        label={t('children.age.kind')}
        value={s('ageKind')}
        error={errorOf(childField(index, 'ageKind'))}
        options={[
          {
            value: 'dob',
            label: t('person.age.dob'),
            conditional: (
              <TextInput
                ctx={ctx}
                name={childField(index, 'dateOfBirth')}
                label={t('person.dateOfBirth')}
                hint={t('person.dateOfBirth.hint')}
                value={s('dateOfBirth')}
                width="medium"
                inputmode="numeric"
                error={errorOf(childField(index, 'dateOfBirth'))}
              />
            ),
          },
          {
            value: 'estimate',
            label: t('person.age.estimate'),
            conditional: (
              <TextInput
                ctx={ctx}
                name={childField(index, 'estimatedYears')}
                label={t('person.estimatedYears')}
                value={s('estimatedYears')}
                width="short"
                inputmode="numeric"
                error={errorOf(childField(index, 'estimatedYears'))}
              />
            ),
          },
          { value: 'unknown', label: t('person.age.unknown') },
        ]}
      />
      <Choices
        ctx={ctx}
        type="radio"
        name={childField(index, 'inSweden')}
        label={t('children.inSweden')}
        value={s('inSweden')}
        options={yesNoOptions(ctx, 'dontKnow')}
        inline
        optional
      />
      <Select
        ctx={ctx}
        name={childField(index, 'municipalityCode')}
        label={t('children.municipality')}
        value={s('municipalityCode')}
        options={[]}
        groups={municipalityGroups()}
        optional
        error={errorOf(childField(index, 'municipalityCode'))}
      />
    </fieldset>
  );
}

function ChildrenStep(props: StepProps) {
  const { ctx, values, errorOf } = props;
  const { t } = ctx;
  const rows = Math.max(1, childCount(values));
  return (
    <>
      <p>{t('children.intro')}</p>
      <input type="hidden" name="childCount" value={String(rows)} />
      <Choices
        ctx={ctx}
        type="radio"
        name="hasChildren"
        label={t('children.has')}
        value={stringValue(values, 'hasChildren')}
        error={errorOf('hasChildren')}
        options={[
          {
            value: 'yes',
            label: t('form.yes'),
            conditional: Array.from({ length: rows }, (_, i) => <ChildFields {...props} index={i} />),
          },
          { value: 'no', label: t('form.no') },
        ]}
      />
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

function NarrativeStep({ ctx, values, errorOf }: StepProps) {
  const { t } = ctx;
  return (
    <>
      <p>{t('narrative.intro')}</p>
      {isAnonymous(values, ctx.now) ? <Notice kind="warning">{t('narrative.anonymous')}</Notice> : null}
      <TextArea
        ctx={ctx}
        name="narrative"
        label={t('narrative.label')}
        hint={t('narrative.hint')}
        value={stringValue(values, 'narrative')}
        rows={12}
        optional
        maxlength={NARRATIVE_MAX}
        error={errorOf('narrative')}
      />
    </>
  );
}

const STEP_BODY: Record<Exclude<Step, 'review'>, (props: StepProps) => Child> = {
  person: PersonStep,
  where: WhereStep,
  exploitation: ExploitationStep,
  needs: NeedsStep,
  children: ChildrenStep,
  narrative: NarrativeStep,
};

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
  const Body = STEP_BODY[step];
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
      {step === 'person' && isChildCase(draft.values, ctx.now) ? (
        <Notice>{t('person.childNotice')}</Notice>
      ) : null}
      <form method="post" action={`/drafts/${draft.id}/${step}`} novalidate>
        <CsrfField ctx={ctx} />
        <Body ctx={ctx} values={draft.values} errorOf={errorOf} />
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
  const { t, lang } = ctx;
  const v = draft.values;
  const s = (n: string) => stringValue(v, n);
  const countryName = new Intl.DisplayNames([lang], { type: 'region' });
  const languageName = new Intl.DisplayNames([lang], { type: 'language' });
  const yn = (value: string) =>
    value === 'yes'
      ? t('form.yes')
      : value === 'no'
        ? t('form.no')
        : value === 'unknown'
          ? t('form.dontKnow')
          : '';
  const anonymous = isAnonymous(v, ctx.now);
  const child = isChildCase(v, ctx.now);
  const change = (step: Step, sectionKey: MessageKey) => (
    <a href={`/drafts/${draft.id}/${step}`}>
      {t('form.change')}
      <span class="visually-hidden"> {t(sectionKey).toLowerCase()}</span>
    </a>
  );
  const sentAge = buildRequest(v, ctx.now).person.age;
  const age =
    anonymous && 'estimatedYears' in sentAge
      ? `${t('person.age.estimate')}: ${sentAge.estimatedYears}`
      : s('ageKind') === 'dob'
        ? s('dateOfBirth')
        : s('ageKind') === 'estimate'
          ? `${t('person.age.estimate')}: ${s('estimatedYears')}`
          : s('ageKind') === 'unknown'
            ? t('person.age.unknown')
            : '';
  const location =
    s('locationKind') === 'municipality'
      ? (MUNICIPALITIES.find((m) => m.code === s('municipalityCode'))?.name ?? s('municipalityCode'))
      : s('locationKind') === 'county'
        ? (COUNTIES.find((c) => c.code === s('countyCode'))?.name ?? s('countyCode'))
        : s('locationKind') === 'abroad' && s('abroad')
          ? countryName.of(s('abroad'))
          : s('locationKind') === 'unknown'
            ? t('where.location.unknown')
            : '';
  const codes = (field: string, names: (code: string) => string | undefined) =>
    listValue(v, field)
      .map((c) => names(c) ?? c)
      .join(', ');
  const sections: { step: Step; title: MessageKey; rows: { key: string; value: string }[] }[] = [
    {
      step: 'person',
      title: 'step.person',
      rows: [
        ...(anonymous
          ? []
          : [
              { key: t('person.name'), value: s('name') },
              { key: t('person.alias'), value: s('alias') },
              { key: t('person.identityNumber'), value: s('identityNumber') },
            ]),
        { key: t('person.age'), value: age },
        { key: t('person.mayBeMinor'), value: yn(s('mayBeMinor')) },
        { key: t('person.gender'), value: s('gender') ? label(GENDER, lang, s('gender')) : '' },
        {
          key: t('person.citizenship'),
          value: [s('citizenship1'), s('citizenship2')]
            .filter(Boolean)
            .map((c) => countryName.of(c) ?? c)
            .join(', '),
        },
        {
          key: t('person.language'),
          value: [s('language1'), s('language2')]
            .filter(Boolean)
            .map((c) => languageName.of(c) ?? c)
            .join(', '),
        },
        { key: t('person.interpreterNeeded'), value: yn(s('interpreterNeeded')) },
        {
          key: t('person.residenceStatus'),
          value: s('residenceStatus') ? label(RESIDENCE, lang, s('residenceStatus')) : '',
        },
      ],
    },
    {
      step: 'where',
      title: 'step.where',
      rows: [
        { key: t('where.location'), value: location ?? '' },
        {
          key: t('where.exploitation'),
          value:
            s('exploitationLocationKind') === 'municipality'
              ? (MUNICIPALITIES.find((m) => m.code === s('exploitationMunicipalityCode'))?.name ?? '')
              : s('exploitationLocationKind') === 'abroad' && s('exploitationAbroad')
                ? (countryName.of(s('exploitationAbroad')) ?? '')
                : s('exploitationLocationKind') === 'unknown'
                  ? t('where.exploitation.unknown')
                  : '',
        },
      ],
    },
    {
      step: 'exploitation',
      title: 'step.exploitation',
      rows: [
        { key: t('exploitation.purposes'), value: codes('purposes', (c) => label(PURPOSE, lang, c)) },
        { key: t('exploitation.indicators'), value: codes('indicators', (c) => label(INDICATOR, lang, c)) },
        { key: t('exploitation.indicatorsText'), value: s('indicatorsText') },
        { key: t('exploitation.onlineArenas'), value: s('onlineArenas') },
      ],
    },
    {
      step: 'needs',
      title: 'step.needs',
      rows: [
        { key: t('needs.acuteProtection'), value: yn(s('acuteProtection')) },
        {
          key: t('needs.other'),
          value: listValue(v, 'otherNeeds')
            .map((n) => t(`needs.${n}` as MessageKey))
            .join(', '),
        },
        {
          key: t('needs.vulnerabilities'),
          value: codes('vulnerabilities', (c) => label(VULNERABILITY, lang, c)),
        },
        {
          key: t('needs.consent'),
          value: child
            ? t('needs.childConsent')
            : s('consent') === 'given'
              ? t('needs.consent.given')
              : s('consent') === 'not-given'
                ? t('needs.consent.notGiven')
                : '',
        },
        ...(s('consent') === 'given' && !child
          ? [
              {
                key: t('needs.sharing'),
                value: listValue(v, 'sharing')
                  .map((value) => {
                    const [recipientType = '', purpose = ''] = value.split(' ');
                    return consentScopeLabel({ recipientType, purpose }, ctx.lang);
                  })
                  .join(', '),
              },
            ]
          : []),
        {
          key: t('needs.willingToCooperate'),
          value: s('willingToCooperate') === 'not-asked' ? t('form.notAsked') : yn(s('willingToCooperate')),
        },
      ],
    },
    {
      step: 'children',
      title: 'step.children',
      rows: [
        {
          key: t('children.has'),
          value:
            s('hasChildren') === 'yes' ? t('review.children', { n: childCount(v) }) : yn(s('hasChildren')),
        },
      ],
    },
    ...(anonymous
      ? []
      : [
          {
            step: 'narrative' as const,
            title: 'step.narrative' as const,
            rows: [
              {
                key: t('narrative.label'),
                value: s('narrative').length > 300 ? `${s('narrative').slice(0, 300)}…` : s('narrative'),
              },
            ],
          },
        ]),
  ];
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
