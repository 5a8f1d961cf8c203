import type { NotificationsKey } from '../messages.js';
import type { ContactRow, MessageStatus } from '../repository.js';

export const STATUS_KEYS: Record<MessageStatus, NotificationsKey> = {
  queued: 'status.queued',
  sending: 'status.sending',
  sent: 'status.sent',
  delivered: 'status.delivered',
  failed: 'status.failed',
  bounced: 'status.bounced',
  suppressed: 'status.suppressed',
  received: 'status.received',
};
export const CHANNEL_KEYS: Record<'email' | 'sms', NotificationsKey> = { email: 'channel.email', sms: 'channel.sms' };
export const CHANNELS_KEYS: Record<ContactRow['channels'], NotificationsKey> = {
  email: 'channels.email',
  sms: 'channels.sms',
  both: 'channels.both',
  none: 'channels.none',
};
export const LANGUAGE_KEYS: Record<'en' | 'es', NotificationsKey> = { en: 'language.en', es: 'language.es' };
