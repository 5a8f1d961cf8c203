import { formatDateTime } from '../../platform/i18n/index.js';
import { Raw, type PageContext } from '../../platform/views/index.js';
import { notificationsMessages } from '../messages.js';
import type { StoredContent } from '../notify.js';
import type { MessageRow } from '../repository.js';
import type { SegmentInfo } from '../sms-segments.js';
import { CHANNEL_KEYS, STATUS_KEYS } from './labels.js';

/** One message as sent (or received), for admins. Opening it is an audited read of personal data. */
export function MessageDetail(p: {
  ctx: PageContext;
  row: MessageRow;
  recipient: string;
  content: StoredContent;
  segments: SegmentInfo | null;
  tz: string;
}) {
  const t = notificationsMessages.for(p.ctx.locale);
  const { row, content } = p;
  const when = (ms: number | null) => (ms === null ? '—' : formatDateTime(ms, p.ctx.locale, p.tz));
  return (
    <>
      <h1>{t('message.title')}</h1>
      <dl class="fd-facts">
        <dt>{t('messages.col.type')}</dt>
        <dd>
          <code>{row.type}</code>
        </dd>
        <dt>{t('messages.col.channel')}</dt>
        <dd>{t(CHANNEL_KEYS[row.channel])}</dd>
        <dt>{t('message.to')}</dt>
        <dd>{p.recipient}</dd>
        <dt>{t('messages.col.status')}</dt>
        <dd>{t(STATUS_KEYS[row.status])}</dd>
        <dt>{t('message.sendAfter')}</dt>
        <dd>{when(row.send_after)}</dd>
        <dt>{t('message.sentAt')}</dt>
        <dd>{when(row.sent_at)}</dd>
        {row.last_error && (
          <>
            <dt>{t('message.error')}</dt>
            <dd>{row.last_error}</dd>
          </>
        )}
      </dl>
      {row.contact_id && (
        <p>
          <a class="usa-link" href={`/staff/contacts/${row.contact_id}`}>
            {t('message.contact')}
          </a>
        </p>
      )}
      {row.channel === 'email' ? (
        <>
          <h2>{t('message.subject')}</h2>
          <p>{content.subject}</p>
          <div class="fd-email-preview">
            {/* Our own rendered template output, escaped when it was rendered. */}
            <Raw html={content.bodyHtml} />
          </div>
          <h2>{t('message.text')}</h2>
          <pre class="fd-pre">{content.text}</pre>
          {content.attachments.length > 0 && (
            <>
              <h2>{t('message.attachments')}</h2>
              <ul class="usa-list">
                {content.attachments.map((a) => (
                  <li key={a.filename}>{a.filename}</li>
                ))}
              </ul>
            </>
          )}
        </>
      ) : (
        <>
          <h2>{t('message.sms')}</h2>
          <pre class="fd-pre">{content.sms}</pre>
          {p.segments && (
            <p>{t('message.segments', { segments: p.segments.segments, encoding: p.segments.encoding })}</p>
          )}
        </>
      )}
    </>
  );
}
