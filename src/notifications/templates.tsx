/**
 * The notifications module's own message: a test message staff send from the template preview page to check
 * that e-mail and SMS really reach people (and that the Spanish text reads well).
 */
import { z } from 'zod';
import { defineMessageTemplate } from '../platform/message-template.js';
import { renderHtml } from '../platform/views/index.js';
import { notificationsMessages } from './messages.js';

export const testMessageTemplate = defineMessageTemplate({
  type: 'notifications.test',
  transactional: false,
  schema: z.object({ senderName: z.string().min(1).max(120) }),
  example: { senderName: 'Demo Administrator' },
  render: (data, locale, ctx) => {
    const t = notificationsMessages.for(locale);
    const subject = t('test.subject', { agency: ctx.agencyName });
    const body = t('test.body', { agency: ctx.agencyName, sender: data.senderName });
    return {
      subject,
      text: `${body}\n\n${t('test.noAction')}${ctx.preferencesUrl ? `\n\n${t('email.preferences')}: ${ctx.preferencesUrl}` : ''}`,
      html: renderHtml(
        <div>
          <p>{body}</p>
          <p>{t('test.noAction')}</p>
        </div>,
      ),
      sms: t('test.sms', { agency: ctx.agencyName }),
    };
  },
});
