/** Demo: two residents who chose different channels and languages get a test message, so the log is not empty. */
import { systemActor, recordAudit } from '../platform/audit/index.js';
import type { ModuleDeps } from '../platform/module.js';
import { notify } from './notify.js';
import { testMessageTemplate } from './templates.js';

export async function seedDemoMessages(deps: ModuleDeps): Promise<void> {
  const any = await deps.db.kysely.selectFrom('messages').select('id').limit(1).executeTakeFirst();
  if (any) return;
  await deps.db.kysely.transaction().execute(async (tx) => {
    await notify(
      deps,
      tx,
      { contact: { name: 'Ana Demo', email: 'ana@example.com', phone: '555-010-0199', locale: 'es' } },
      testMessageTemplate,
      { senderName: 'Frontdoor demo' },
    );
    await notify(
      deps,
      tx,
      { contact: { name: 'Sam Demo', email: 'sam@example.com', locale: 'en' } },
      testMessageTemplate,
      { senderName: 'Frontdoor demo' },
    );
    await recordAudit(tx, systemActor('seed'), { action: 'notifications.demo-seeded' }, deps.now());
  });
}
