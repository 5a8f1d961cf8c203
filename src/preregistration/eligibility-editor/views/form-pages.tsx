/** The editor's forms: settings, a phase, a group; and the list of programs to set up. */
import { CsrfField, ErrorSummary, Select, TextInput, type PageContext } from '../../../platform/views/index.js';
import { editorMessages } from '../messages.js';
import { editorBase } from './common.js';
import { Textarea } from './common.js';
import { nameIn } from './overview-page.js';

type Program = { id: string; name_en: string; name_es: string };
const enc = encodeURIComponent;

export interface FormProps {
  ctx: PageContext;
  program: Program;
  values: Record<string, string>;
  errors: Record<string, string>;
}

function Back({ ctx, program }: { ctx: PageContext; program: Program }) {
  return (
    <p>
      <a class="usa-link" href={editorBase(program.id)}>
        {editorMessages.for(ctx.locale)('common.backToEditor')}
      </a>
    </p>
  );
}

export function SettingsPage(p: FormProps & { products: { id: string; name: string }[] }) {
  const t = editorMessages.for(p.ctx.locale);
  const v = p.values;
  const e = p.errors;
  return (
    <>
      <ErrorSummary heading={t('common.errorHeading')} errors={e} />
      <h1>{t('settings.title', { program: nameIn(p.program, p.ctx.locale) })}</h1>
      <Back ctx={p.ctx} program={p.program} />
      <form method="post" action={`${editorBase(p.program.id)}/settings`} class="usa-form usa-form--large" noValidate>
        <CsrfField token={p.ctx.csrfToken} />
        <TextInput
          name="minAge"
          label={t('settings.minAge')}
          hint={t('settings.minAgeHint')}
          value={v.minAge}
          error={e.minAge}
          inputMode="numeric"
          maxLength={3}
          width="sm"
          required
        />
        <TextInput
          name="referenceDate"
          label={t('settings.referenceDate')}
          hint={t('settings.referenceDateHint')}
          value={v.referenceDate}
          error={e.referenceDate}
          maxLength={10}
          width="md"
          required
        />
        <Textarea
          name="zips"
          label={t('settings.zips')}
          hint={t('settings.zipsHint')}
          value={v.zips}
          error={e.zips}
          rows={4}
        />
        <Textarea
          name="counties"
          label={t('settings.counties')}
          hint={t('settings.countiesHint')}
          value={v.counties}
          error={e.counties}
          rows={4}
        />
        <TextInput
          name="holdHours"
          label={t('settings.holdHours')}
          hint={t('settings.holdHoursHint')}
          value={v.holdHours}
          error={e.holdHours}
          inputMode="numeric"
          maxLength={3}
          width="sm"
          required
        />
        <TextInput
          name="horizonDays"
          label={t('settings.horizonDays')}
          hint={t('settings.horizonDaysHint')}
          value={v.horizonDays}
          error={e.horizonDays}
          inputMode="numeric"
          maxLength={2}
          width="sm"
          required
        />
        <fieldset class="usa-fieldset margin-top-3">
          <legend class="usa-legend">{t('settings.smsYesLegend')}</legend>
          <div class="usa-checkbox">
            <input
              class="usa-checkbox__input"
              id="smsYes"
              type="checkbox"
              name="smsYes"
              value="yes"
              checked={v.smsYes === 'yes'}
            />
            <label class="usa-checkbox__label" for="smsYes">
              {t('settings.smsYes')}
            </label>
          </div>
        </fieldset>
        {p.products.length === 0 ? (
          <p class="usa-hint margin-top-3">{t('settings.noProduct')}</p>
        ) : (
          <Select
            name="productId"
            label={t('settings.product')}
            hint={t('settings.productHint')}
            options={p.products.map((x) => ({ value: x.id, label: x.name }))}
            value={v.productId}
            error={e.productId}
          />
        )}
        <button class="usa-button margin-top-3" type="submit">
          {t('settings.submit')}
        </button>
      </form>
    </>
  );
}

/** Add (no `phaseId`) or edit a phase's names. */
export function PhaseFormPage(p: FormProps & { phaseId?: string | undefined; title: string }) {
  const t = editorMessages.for(p.ctx.locale);
  const base = editorBase(p.program.id);
  return (
    <>
      <ErrorSummary heading={t('common.errorHeading')} errors={p.errors} />
      <h1>{p.title}</h1>
      <Back ctx={p.ctx} program={p.program} />
      <form
        method="post"
        action={p.phaseId ? `${base}/phases/${enc(p.phaseId)}` : `${base}/phases/new`}
        class="usa-form usa-form--large"
        noValidate
      >
        <CsrfField token={p.ctx.csrfToken} />
        <TextInput
          name="nameEn"
          label={t('phases.nameEn')}
          value={p.values.nameEn}
          error={p.errors.nameEn}
          maxLength={120}
          required
        />
        <TextInput
          name="nameEs"
          label={t('phases.nameEs')}
          value={p.values.nameEs}
          error={p.errors.nameEs}
          maxLength={120}
          required
        />
        <button class="usa-button margin-top-3" type="submit">
          {t(p.phaseId ? 'phases.submitSave' : 'phases.submitAdd')}
        </button>
      </form>
    </>
  );
}

/** Add (no `groupId`) or edit a group: its phase, names, question and minimum age. */
export function GroupFormPage(
  p: FormProps & {
    groupId?: string | undefined;
    title: string;
    phases: { id: string; name_en: string; name_es: string }[];
  },
) {
  const t = editorMessages.for(p.ctx.locale);
  const base = editorBase(p.program.id);
  const v = p.values;
  const e = p.errors;
  return (
    <>
      <ErrorSummary heading={t('common.errorHeading')} errors={e} />
      <h1>{p.title}</h1>
      <Back ctx={p.ctx} program={p.program} />
      <form
        method="post"
        action={p.groupId ? `${base}/groups/${enc(p.groupId)}` : `${base}/groups/new`}
        class="usa-form usa-form--large"
        noValidate
      >
        <CsrfField token={p.ctx.csrfToken} />
        <Select
          name="phaseId"
          label={t('groups.phase')}
          hint={p.groupId ? t('groups.phaseHint') : undefined}
          options={p.phases.map((ph) => ({ value: ph.id, label: nameIn(ph, p.ctx.locale) }))}
          value={v.phaseId}
          error={e.phaseId}
          required
        />
        <TextInput
          name="nameEn"
          label={t('groups.nameEn')}
          value={v.nameEn}
          error={e.nameEn}
          maxLength={120}
          required
        />
        <TextInput
          name="nameEs"
          label={t('groups.nameEs')}
          value={v.nameEs}
          error={e.nameEs}
          maxLength={120}
          required
        />
        <Textarea
          name="questionEn"
          label={t('groups.questionEn')}
          hint={t('groups.questionEnHint')}
          value={v.questionEn}
          error={e.questionEn}
          rows={2}
          maxLength={300}
        />
        <Textarea
          name="questionEs"
          label={t('groups.questionEs')}
          value={v.questionEs}
          error={e.questionEs}
          rows={2}
          maxLength={300}
        />
        <TextInput
          name="minAge"
          label={t('groups.minAge')}
          hint={t('groups.minAgeHint')}
          value={v.minAge}
          error={e.minAge}
          inputMode="numeric"
          maxLength={3}
          width="sm"
        />
        <button class="usa-button margin-top-3" type="submit">
          {t(p.groupId ? 'groups.submitSave' : 'groups.submitAdd')}
        </button>
      </form>
    </>
  );
}

export function SetupPage({ ctx, programs }: { ctx: PageContext; programs: Program[] }) {
  const t = editorMessages.for(ctx.locale);
  return (
    <>
      <h1>{t('setup.title')}</h1>
      <p class="usa-intro">{t('setup.intro')}</p>
      {programs.length === 0 ? (
        <p>{t('setup.none')}</p>
      ) : (
        <ul class="usa-list">
          {programs.map((pr) => (
            <li key={pr.id}>
              <a class="usa-link" href={editorBase(pr.id)}>
                {t('setup.start', { program: nameIn(pr, ctx.locale) })}
              </a>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
