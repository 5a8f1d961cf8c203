import { PermanentJobError, defineJob } from '../../platform/jobs/index.js';
import type { AnyMessageTemplate } from '../../platform/message-template.js';
import type { ModuleDeps } from '../../platform/module.js';
import { notify } from '../notify.js';
import { openScheduledData, ScheduledMessagePayload, SCHEDULED_MESSAGE_JOB } from '../reminders.js';

/** A reminder came due: record and queue its message (once, whatever the retries). */
export function sendScheduledMessageJob(deps: ModuleDeps, templates: () => AnyMessageTemplate[]) {
  return defineJob({
    name: SCHEDULED_MESSAGE_JOB,
    schema: ScheduledMessagePayload,
    async handler(p) {
      const template = templates().find((t) => t.type === p.type);
      if (!template) throw new PermanentJobError(`no message template ${p.type}`);
      const data = openScheduledData(deps.cipher, p);
      await deps.db.kysely
        .transaction()
        .execute((tx) =>
          notify(deps, tx, { contactId: p.contactId }, template, data, { idempotencyKey: `reminder:${p.key}` }),
        );
    },
  });
}
