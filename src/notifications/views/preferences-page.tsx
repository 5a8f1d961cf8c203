import { formatDateTime, LOCALE_NAMES } from '../../platform/i18n/index.js';
import { Alert, CsrfField, Layout, type PageContext } from '../../platform/views/index.js';
import type { Contact } from '../contacts.js';
import { notificationsMessages } from '../messages.js';
import { CHANNELS_KEYS } from './labels.js';

/** A resident's own contact preferences, reached from the link in our messages (no account needed). */
export function PreferencesPage({
  ctx,
  contact,
  action,
  saved,
  error,
}: {
  ctx: PageContext;
  contact: Contact;
  action: string;
  saved: boolean;
  error?: string | undefined;
}) {
  const t = notificationsMessages.for(ctx.locale);
  const available = {
    email: !!contact.email,
    sms: !!contact.phone,
    both: !!contact.email && !!contact.phone,
    none: true,
  };
  const choices = (['email', 'sms', 'both', 'none'] as const).filter((c) => available[c]);
  return (
    <Layout ctx={ctx} title={t('prefs.title')}>
      <div class="grid-row">
        <div class="tablet:grid-col-8">
          <h1>{t('prefs.title')}</h1>
          <p>{t('prefs.intro', { agency: ctx.agencyName })}</p>
          {saved && (
            <Alert type="success" slim>
              {t('prefs.saved')}
            </Alert>
          )}
          {error && (
            <Alert type="error" slim>
              {error}
            </Alert>
          )}
          {contact.smsStoppedAt && (
            <Alert type="info" slim>
              {t('prefs.smsStopped', {
                date: formatDateTime(contact.smsStoppedAt, ctx.locale, contact.timeZone, 'date'),
              })}
            </Alert>
          )}
          <form class="usa-form usa-form--large" method="post" action={action}>
            <CsrfField token={ctx.csrfToken} />
            <fieldset class="usa-fieldset">
              <legend class="usa-legend">{t('prefs.channels')}</legend>
              {choices.map((c) => (
                <div class="usa-radio" key={c}>
                  <input
                    class="usa-radio__input"
                    id={`channels-${c}`}
                    type="radio"
                    name="channels"
                    value={c}
                    checked={contact.channels === c}
                  />
                  <label class="usa-radio__label" for={`channels-${c}`}>
                    {t(CHANNELS_KEYS[c])}
                  </label>
                </div>
              ))}
            </fieldset>
            <fieldset class="usa-fieldset">
              <legend class="usa-legend">{t('prefs.language')}</legend>
              {(['en', 'es'] as const).map((l) => (
                <div class="usa-radio" key={l}>
                  <input
                    class="usa-radio__input"
                    id={`locale-${l}`}
                    type="radio"
                    name="locale"
                    value={l}
                    checked={contact.locale === l}
                  />
                  <label class="usa-radio__label" for={`locale-${l}`} lang={l}>
                    {LOCALE_NAMES[l]}
                  </label>
                </div>
              ))}
            </fieldset>
            {contact.email && (
              <div class="usa-checkbox margin-top-3">
                <input
                  class="usa-checkbox__input"
                  id="emailOptOut"
                  type="checkbox"
                  name="emailOptOut"
                  value="yes"
                  checked={contact.emailOptOutAt !== null}
                />
                <label class="usa-checkbox__label" for="emailOptOut">
                  {t('prefs.emailOptOut')}
                </label>
              </div>
            )}
            <button type="submit" class="usa-button margin-top-3">
              {t('prefs.save')}
            </button>
          </form>
        </div>
      </div>
    </Layout>
  );
}
