/** The personal data search and its results (with the actions on the records ticked). */
import { platformMessages } from '../../platform/i18n/messages.js';
import { Alert, CsrfField, ErrorSummary, TextInput, type PageContext } from '../../platform/views/index.js';
import { privacyMessages } from '../messages.js';
import { HiddenFields, ReasonField, RecordFacts, type RecordView } from './parts.js';

export function SearchPage(p: { ctx: PageContext; values: Record<string, string>; errors: Record<string, string> }) {
  const t = privacyMessages.for(p.ctx.locale);
  const pm = platformMessages.for(p.ctx.locale);
  const { values: v, errors: e } = p;
  return (
    <>
      <h1>{t('search.title')}</h1>
      <p>{t('search.intro')}</p>
      <p>
        <a class="usa-link" href="/staff/privacy/retention">
          {t('retention.link')}
        </a>
      </p>
      <ErrorSummary heading={pm('errors.summaryHeading')} errors={e} />
      <form class="usa-form usa-form--large" method="post" action="/staff/privacy/search" novalidate>
        <CsrfField token={p.ctx.csrfToken} />
        <p class="usa-hint">{t('search.hint')}</p>
        <fieldset class="usa-fieldset">
          <legend class="usa-legend usa-legend--large">{t('search.identity')}</legend>
          <TextInput
            name="givenName"
            label={t('field.givenName')}
            value={v.givenName}
            error={e.givenName}
            autocomplete="off"
          />
          <TextInput
            name="familyName"
            label={t('field.familyName')}
            value={v.familyName}
            error={e.familyName}
            autocomplete="off"
          />
          <TextInput
            name="birthDate"
            label={t('field.birthDate')}
            hint={t('field.birthDateHint')}
            value={v.birthDate}
            error={e.birthDate}
            autocomplete="off"
            width="md"
          />
        </fieldset>
        <TextInput
          name="email"
          type="email"
          label={t('field.email')}
          value={v.email}
          error={e.email}
          autocomplete="off"
        />
        <TextInput
          name="phone"
          type="tel"
          label={t('field.phone')}
          value={v.phone}
          error={e.phone}
          autocomplete="off"
          width="md"
        />
        <TextInput name="code" label={t('field.code')} value={v.code} error={e.code} autocomplete="off" width="md" />
        <ReasonField locale={p.ctx.locale} value={v.reason} error={e.reason} />
        <button type="submit" class="usa-button">
          {t('search.submit')}
        </button>
      </form>
    </>
  );
}

export function ResultsPage(p: {
  ctx: PageContext;
  terms: Record<string, string>;
  reason: string;
  records: RecordView[];
  errors: Record<string, string>;
}) {
  const t = privacyMessages.for(p.ctx.locale);
  const pm = platformMessages.for(p.ctx.locale);
  const again = (
    <p>
      <a class="usa-link" href="/staff/privacy">
        {t('search.again')}
      </a>
    </p>
  );
  if (p.records.length === 0)
    return (
      <>
        <h1>{t('results.title')}</h1>
        <Alert type="info">{t('results.none')}</Alert>
        {again}
      </>
    );
  return (
    <>
      <h1>{t('results.title')}</h1>
      <ErrorSummary heading={pm('errors.summaryHeading')} errors={p.errors} />
      <form class="usa-form usa-form--large" method="post" action="/staff/privacy/export" novalidate>
        <CsrfField token={p.ctx.csrfToken} />
        <HiddenFields fields={p.terms} />
        <fieldset class={`usa-fieldset${p.errors.ref ? ' usa-form-group usa-form-group--error' : ''}`}>
          <legend class="usa-legend usa-legend--large">{t('results.legend', { count: p.records.length })}</legend>
          <span class="usa-hint">{t('results.hint')}</span>
          {p.errors.ref && (
            <span class="usa-error-message" role="alert">
              {p.errors.ref}
            </span>
          )}
          {p.records.map((r, i) => {
            const id = i === 0 ? 'ref' : `ref-${i}`;
            return (
              <div class="margin-top-3" key={r.ref}>
                <div class="usa-checkbox">
                  <input
                    class="usa-checkbox__input"
                    id={id}
                    type="checkbox"
                    name="ref"
                    value={r.ref}
                    checked
                    aria-describedby={`${id}-facts`}
                  />
                  <label class="usa-checkbox__label text-bold" for={id}>
                    {r.title}
                  </label>
                </div>
                <RecordFacts record={r} id={`${id}-facts`} />
                {r.eraseNote && <p class="usa-hint">{r.eraseNote}</p>}
              </div>
            );
          })}
        </fieldset>
        <ReasonField locale={p.ctx.locale} value={p.reason} error={p.errors.reason} />
        <div class="usa-button-group">
          <button type="submit" class="usa-button" formAction="/staff/privacy/export">
            {t('results.export')}
          </button>
          <button type="submit" class="usa-button usa-button--outline" formAction="/staff/privacy/correct">
            {t('results.correct')}
          </button>
          <button type="submit" class="usa-button usa-button--secondary" formAction="/staff/privacy/erase">
            {t('results.erase')}
          </button>
        </div>
      </form>
      {again}
    </>
  );
}
