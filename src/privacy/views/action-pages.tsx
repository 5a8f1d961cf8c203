/** Correct, erase (each with the records it acts on) and the page after either. */
import { platformMessages } from '../../platform/i18n/messages.js';
import type { CorrectableField } from '../../platform/personal-data.js';
import { Alert, CsrfField, ErrorSummary, TextInput, type PageContext } from '../../platform/views/index.js';
import { privacyMessages } from '../messages.js';
import { HiddenFields, ReasonField, RecordFacts, type RecordView } from './parts.js';

interface ActionProps {
  ctx: PageContext;
  /** The search terms and the refs ticked (hidden fields). */
  carried: Record<string, string | string[]>;
  reason: string;
  records: RecordView[];
  values: Record<string, string>;
  errors: Record<string, string>;
}

function Records({ records }: { records: RecordView[] }) {
  return (
    <>
      {records.map((r) => (
        <section key={r.ref} class="margin-top-3" aria-label={r.title}>
          <h2>{r.title}</h2>
          <RecordFacts record={r} />
          {r.eraseNote && <p class="usa-hint">{r.eraseNote}</p>}
        </section>
      ))}
    </>
  );
}

export function CorrectPage(p: ActionProps & { fields: CorrectableField[] }) {
  const t = privacyMessages.for(p.ctx.locale);
  const pm = platformMessages.for(p.ctx.locale);
  const { values: v, errors: e } = p;
  const has = (f: CorrectableField) => p.fields.includes(f);
  return (
    <>
      <h1>{t('correct.title')}</h1>
      <p>{t('correct.intro')}</p>
      <ErrorSummary heading={pm('errors.summaryHeading')} errors={e} />
      <Records records={p.records} />
      <form class="usa-form usa-form--large" method="post" action="/staff/privacy/correct/save" novalidate>
        <CsrfField token={p.ctx.csrfToken} />
        <HiddenFields fields={p.carried} />
        <p class="usa-hint">{t('correct.hint')}</p>
        {has('givenName') && (
          <TextInput
            name="newGivenName"
            label={t('field.givenName')}
            value={v.newGivenName}
            error={e.newGivenName}
            autocomplete="off"
          />
        )}
        {has('familyName') && (
          <TextInput
            name="newFamilyName"
            label={t('field.familyName')}
            value={v.newFamilyName}
            error={e.newFamilyName}
            autocomplete="off"
          />
        )}
        {has('birthDate') && (
          <TextInput
            name="newBirthDate"
            label={t('field.birthDate')}
            hint={t('field.birthDateHint')}
            value={v.newBirthDate}
            error={e.newBirthDate}
            autocomplete="off"
            width="md"
          />
        )}
        {has('email') && (
          <TextInput
            name="newEmail"
            type="email"
            label={t('field.email')}
            value={v.newEmail}
            error={e.newEmail}
            autocomplete="off"
          />
        )}
        {has('phone') && (
          <TextInput
            name="newPhone"
            type="tel"
            label={t('field.phone')}
            value={v.newPhone}
            error={e.newPhone}
            autocomplete="off"
            width="md"
          />
        )}
        <ReasonField locale={p.ctx.locale} value={p.reason} error={e.reason} />
        <button type="submit" class="usa-button">
          {t('correct.submit')}
        </button>
      </form>
      <p>
        <a class="usa-link" href="/staff/privacy">
          {t('action.cancel')}
        </a>
      </p>
    </>
  );
}

export function ErasePage(p: ActionProps) {
  const t = privacyMessages.for(p.ctx.locale);
  const pm = platformMessages.for(p.ctx.locale);
  const e = p.errors;
  return (
    <>
      <h1>{t('erase.title')}</h1>
      <ErrorSummary heading={pm('errors.summaryHeading')} errors={e} />
      <Alert type="warning" heading={t('erase.warningHeading')}>
        <p>{t('erase.warning')}</p>
        <p>{t('erase.upcoming')}</p>
      </Alert>
      <Records records={p.records} />
      <form class="usa-form usa-form--large" method="post" action="/staff/privacy/erase/confirm" novalidate>
        <CsrfField token={p.ctx.csrfToken} />
        <HiddenFields fields={p.carried} />
        <div class={`usa-form-group${e.confirm ? ' usa-form-group--error' : ''}`}>
          {e.confirm && (
            <span class="usa-error-message" id="confirm-error" role="alert">
              {e.confirm}
            </span>
          )}
          <div class="usa-checkbox">
            <input
              class="usa-checkbox__input"
              id="confirm"
              type="checkbox"
              name="confirm"
              value="yes"
              checked={p.values.confirm === 'yes'}
              aria-describedby={e.confirm ? 'confirm-error' : undefined}
            />
            <label class="usa-checkbox__label" for="confirm">
              {t('erase.confirm')}
            </label>
          </div>
        </div>
        <ReasonField locale={p.ctx.locale} value={p.reason} error={e.reason} />
        <button type="submit" class="usa-button usa-button--secondary">
          {t('erase.submit')}
        </button>
      </form>
      <p>
        <a class="usa-link" href="/staff/privacy">
          {t('action.cancel')}
        </a>
      </p>
    </>
  );
}

export function DonePage({ ctx, message }: { ctx: PageContext; message: string }) {
  const t = privacyMessages.for(ctx.locale);
  return (
    <>
      <h1>{t('search.title')}</h1>
      <Alert type="success">{message}</Alert>
      <p>
        <a class="usa-link" href="/staff/privacy">
          {t('search.again')}
        </a>
      </p>
    </>
  );
}
