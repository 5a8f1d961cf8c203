import { formatDateTime } from '../../platform/i18n/index.js';
import type { PageContext } from '../../platform/views/index.js';
import type { Contact } from '../contacts.js';
import { notificationsMessages } from '../messages.js';
import { MessagesTable, type MessageListItem } from './messages-page.js';
import { CHANNELS_KEYS, LANGUAGE_KEYS } from './labels.js';

/** A person's contact record: how we reach them, what they turned off, and what we sent. */
export function ContactRecord({
  ctx,
  contact,
  messages,
  tz,
}: {
  ctx: PageContext;
  contact: Contact;
  messages: MessageListItem[];
  tz: string;
}) {
  const t = notificationsMessages.for(ctx.locale);
  const date = (ms: number) => formatDateTime(ms, ctx.locale, tz, 'date');
  return (
    <>
      <h1>{t('contact.title')}</h1>
      <dl class="fd-facts">
        <dt>{t('contact.name')}</dt>
        <dd>{contact.name ?? t('contact.none')}</dd>
        <dt>{t('contact.email')}</dt>
        <dd>{contact.email ?? t('contact.none')}</dd>
        <dt>{t('contact.phone')}</dt>
        <dd>{contact.phone ?? t('contact.none')}</dd>
        <dt>{t('contact.language')}</dt>
        <dd>{t(LANGUAGE_KEYS[contact.locale])}</dd>
        <dt>{t('contact.channels')}</dt>
        <dd>{t(CHANNELS_KEYS[contact.channels])}</dd>
        <dt>{t('contact.emailOptOut')}</dt>
        <dd>
          {contact.emailOptOutAt
            ? t('contact.emailUnsubscribed', { date: date(contact.emailOptOutAt) })
            : t('contact.emailOn')}
        </dd>
        <dt>{t('contact.smsStatus')}</dt>
        <dd data-sms-status>
          {contact.smsStoppedAt ? t('contact.smsStopped', { date: date(contact.smsStoppedAt) }) : t('contact.smsOn')}
        </dd>
      </dl>
      <h2>{t('contact.messages')}</h2>
      <MessagesTable ctx={ctx} items={messages} tz={tz} />
    </>
  );
}
