import { formatOpeningHours, phoneForDisplay, type AgencyContact } from '../platform/agency/contact.js';
import type { Locale } from '../platform/i18n/index.js';
import { Raw, renderHtml } from '../platform/views/index.js';
import { notificationsMessages } from './messages.js';

/**
 * Wrap a message's HTML fragment in an accessible e-mail document: language set, the agency named, readable
 * width, and — for messages that are not transactional — a link to change preferences or unsubscribe.
 */
export function renderEmailDocument(p: {
  locale: Locale;
  agencyName: string;
  agencyContact: AgencyContact;
  subject: string;
  bodyHtml: string;
  preferencesUrl: string | undefined;
}): string {
  const t = notificationsMessages.for(p.locale);
  return `<!doctype html>${renderHtml(
    <html lang={p.locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{p.subject}</title>
      </head>
      <body>
        <div role="article" aria-label={p.subject}>
          <p>
            <strong>{p.agencyName}</strong>
          </p>
          {/* The fragment comes from our own templates, rendered with escaping. */}
          <Raw html={p.bodyHtml} />
          <p>
            {t('email.callUs')} <a href={`tel:${p.agencyContact.phone}`}>{phoneForDisplay(p.agencyContact.phone)}</a>
            {' — '}
            {formatOpeningHours(p.agencyContact.hours, p.locale)}
          </p>
          {p.preferencesUrl && (
            <p>
              <a href={p.preferencesUrl}>{t('email.preferences')}</a>
            </p>
          )}
        </div>
      </body>
    </html>,
  )}`;
}
