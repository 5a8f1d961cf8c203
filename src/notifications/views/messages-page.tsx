import { formatDateTime } from '../../platform/i18n/index.js';
import { DataTable, Select, type PageContext } from '../../platform/views/index.js';
import { notificationsMessages } from '../messages.js';
import type { MessageStatus } from '../repository.js';
import { CHANNEL_KEYS, STATUS_KEYS } from './labels.js';

export interface MessageListItem {
  id: string;
  createdAt: number;
  type: string;
  direction: 'outbound' | 'inbound';
  channel: 'email' | 'sms';
  maskedRecipient: string;
  status: MessageStatus;
  /** Set when the message waits (quiet hours, reminders). */
  sendAfter: number | null;
  lastError: string | null;
}

export function MessagesList(p: {
  ctx: PageContext;
  items: MessageListItem[];
  filter: { status?: string | undefined; channel?: string | undefined };
  tz: string;
  olderHref: string | null;
}) {
  const t = notificationsMessages.for(p.ctx.locale);
  const any = { value: '', label: t('messages.filter.any') };
  return (
    <>
      <h1>{t('messages.title')}</h1>
      <p>{t('messages.intro')}</p>
      <form class="usa-form fd-filters" method="get" action="/staff/messages">
        <Select
          name="status"
          label={t('messages.filter.status')}
          value={p.filter.status ?? ''}
          options={[
            any,
            ...(Object.keys(STATUS_KEYS) as MessageStatus[]).map((s) => ({ value: s, label: t(STATUS_KEYS[s]) })),
          ]}
        />
        <Select
          name="channel"
          label={t('messages.filter.channel')}
          value={p.filter.channel ?? ''}
          options={[any, { value: 'email', label: t('channel.email') }, { value: 'sms', label: t('channel.sms') }]}
        />
        <button type="submit" class="usa-button">
          {t('messages.filter.submit')}
        </button>
      </form>
      <MessagesTable ctx={p.ctx} items={p.items} tz={p.tz} />
      {p.olderHref && (
        <p>
          <a class="usa-link" href={p.olderHref}>
            {t('messages.older')}
          </a>
        </p>
      )}
    </>
  );
}

/** The messages table alone (used by the list page and the contact record). */
export function MessagesTable({ ctx, items, tz }: { ctx: PageContext; items: MessageListItem[]; tz: string }) {
  const t = notificationsMessages.for(ctx.locale);
  return items.length === 0 ? (
    <p>{t('messages.none')}</p>
  ) : (
    <DataTable
      caption={t('messages.title')}
      compact
      rows={items}
      rowKey={(m) => m.id}
      columns={[
        { label: t('messages.col.when'), cell: (m) => formatDateTime(m.createdAt, ctx.locale, tz) },
        { label: t('messages.col.type'), cell: (m) => m.type, rowHeader: true },
        {
          label: t('messages.col.channel'),
          cell: (m) => `${m.direction === 'inbound' ? '← ' : ''}${t(CHANNEL_KEYS[m.channel])}`,
        },
        { label: t('messages.col.to'), cell: (m) => m.maskedRecipient },
        { label: t('messages.col.status'), cell: (m) => <StatusText ctx={ctx} m={m} tz={tz} /> },
        {
          label: t('messages.col.detail'),
          cell: (m) => (
            <a class="usa-link" href={`/staff/messages/${m.id}`}>
              {t('messages.open', { id: m.id.slice(0, 8) })}
            </a>
          ),
        },
      ]}
    />
  );
}

function StatusText({ ctx, m, tz }: { ctx: PageContext; m: MessageListItem; tz: string }) {
  const t = notificationsMessages.for(ctx.locale);
  const label =
    m.status === 'queued' && m.sendAfter !== null
      ? t('status.queuedUntil', { time: formatDateTime(m.sendAfter, ctx.locale, tz) })
      : t(STATUS_KEYS[m.status]);
  return <>{m.lastError ? `${label}: ${m.lastError}` : label}</>;
}
