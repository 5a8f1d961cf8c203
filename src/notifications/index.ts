/**
 * Notifications: e-mail, SMS and calendar files that reach people once, in their language, in the site's local
 * time, and are never lost. Other modules call `notify(deps, tx, recipient, template, data)` inside their own
 * transaction and own their message templates.
 */
import path from 'node:path';
import type { AnyMessageTemplate, InboundSmsHandler } from '../platform/message-template.js';
import type { ConsoleLink, FrontdoorModule, ModuleDeps } from '../platform/module.js';
import { deliverMessageJob } from './jobs/deliver-message.js';
import { sendScheduledMessageJob } from './jobs/send-scheduled-message.js';
import { notificationsPersonalData } from './personal-data.js';
import { notificationsMessages, type NotificationsKey } from './messages.js';
import { canPreviewTemplates, canReadMessages } from './policy.js';
import { createRateLimiter } from './rate-limiter.js';
import { sealPlainScheduledMessages } from './reminders.js';
import { registerNotificationRoutes } from './routes.js';
import { seedDemoMessages } from './seed-demo.js';
import { createSmsSender } from './sms-provider.js';
import { testMessageTemplate } from './templates.js';

/** Record and queue a message to a contact, inside the caller's transaction (outbox). */
export {
  notify,
  notifyMany,
  type BulkNotice,
  type Recipient,
  type NotifyOptions,
  type NotifyResult,
} from './notify.js';
/** Create and read contacts (how to reach a person). */
export { createContact, loadContact, type Contact, type ContactInput } from './contacts.js';
/** Schedule a message for later ("unless cancelled"), and cancel it. */
export { scheduleMessage, cancelScheduledMessage } from './reminders.js';
/** Build an .ics calendar file in the site's time zone. */
export { buildCalendarFile, type CalendarEventInput } from './calendar.js';
/** SMS segment counting (GSM-7 / UCS-2). */
export { countSegments, type SegmentInfo } from './sms-segments.js';
/** Normalise a phone number to E.164. */
export { normalizePhone } from './phone.js';

function smsSender(deps: ModuleDeps) {
  return createSmsSender({ ...deps.config.sms, outboxDir: path.join(deps.config.dataDir, 'outbox', 'sms') });
}

const link = (href: string, key: NotificationsKey, allowed: ConsoleLink['allowed'], order: number): ConsoleLink => ({
  href,
  label: (locale) => notificationsMessages.for(locale)(key),
  allowed,
  order,
});

/**
 * Build the module. `templates` and `inboundHandlers` return every module's message templates and SMS reply
 * handlers (the composition root collects them).
 */
export function createNotificationsModule(o: {
  templates: () => AnyMessageTemplate[];
  inboundHandlers: () => InboundSmsHandler[];
}): FrontdoorModule {
  return {
    name: 'notifications',
    messageTemplates: [testMessageTemplate],
    jobs: (deps) => {
      const limits = {
        email: createRateLimiter(deps.config.notify.emailPerSecond),
        sms: createRateLimiter(deps.config.notify.smsPerSecond),
      };
      return [deliverMessageJob(deps, { sms: smsSender(deps), limits }), sendScheduledMessageJob(deps, o.templates)];
    },
    consoleLinks: [
      link('/staff/messages', 'nav.messages', canReadMessages, 70),
      link('/staff/templates', 'nav.templates', canPreviewTemplates, 75),
    ],
    async prepareData(deps) {
      const n = await sealPlainScheduledMessages(deps);
      if (n > 0) deps.logger.info({ jobs: n }, 'encrypted the data of scheduled messages kept in plain text');
    },
    registerRoutes: (app, deps) => registerNotificationRoutes(app, deps, o),
    seedDemo: seedDemoMessages,
    personalData: notificationsPersonalData,
  };
}
