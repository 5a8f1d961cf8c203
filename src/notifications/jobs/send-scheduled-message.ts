import { PermanentJobError, defineJob } from '../../platform/jobs/index.js';
import type { AnyMessageTemplate } from '../../platform/message-template.js';
import type { ModuleDeps } from '../../platform/module.js';
import { notify } from '../notify.js';
import { ScheduledMessagePayload } from '../reminders.js';

/** A reminder came due: record and queue its message (once, whatever the retries). */
export function sendScheduledMessageJob(deps: ModuleDeps, templates: () => AnyMessageTemplate[]) {
  return defineJob({
    name: 'send-scheduled-message',
    schema: ScheduledMessagePayload,
    async handler(p) {
      const template = templates().find((t) => t.type === p.type);
      if (!template) throw new PermanentJobError(`no message template ${p.type}`);
      await deps.db.kysely
        .transaction()
        .execute((tx) =>
          notify(deps, tx, { contactId: p.contactId }, template, p.data, { idempotencyKey: `reminder:${p.key}` }),
        );
    },
  });
}
