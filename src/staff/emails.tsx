import type { Locale } from '../platform/i18n/index.js';
import { renderHtml } from '../platform/views/index.js';
import { staffMessages } from './messages.js';

/** The set-password e-mail (invitation or reset): plain text plus simple, accessible HTML. */
export function renderPasswordLinkEmail(p: {
  locale: Locale;
  purpose: 'invite' | 'reset';
  name: string;
  link: string;
  agencyName: string;
}): { subject: string; text: string; html: string } {
  const t = staffMessages.for(p.locale);
  const invite = p.purpose === 'invite';
  const subject = invite
    ? t('email.invite.subject', { agency: p.agencyName })
    : t('email.reset.subject', { agency: p.agencyName });
  const greeting = t('email.greeting', { name: p.name });
  const body = invite ? t('email.invite.body', { agency: p.agencyName }) : t('email.reset.body');
  const expiry = invite ? t('email.invite.expiry') : t('email.reset.expiry');
  const ignore = t('email.ignore');
  const text = [greeting, '', body, '', p.link, '', expiry, ignore].join('\n');
  const html = renderHtml(
    <html lang={p.locale}>
      <body>
        <p>{greeting}</p>
        <p>{body}</p>
        <p>
          <a href={p.link}>{invite ? t('email.invite.button') : t('email.reset.button')}</a>
        </p>
        <p>{expiry}</p>
        <p>{ignore}</p>
      </body>
    </html>,
  );
  return { subject, text, html: `<!doctype html>${html}` };
}
