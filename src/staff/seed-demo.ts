/** On an empty database, create the demo administrator and print its one-time password once. */
import { systemActor } from '../platform/audit/index.js';
import type { ModuleDeps } from '../platform/module.js';
import * as repo from './repository.js';
import { createUserWithOneTimePassword } from './users.js';

export const DEMO_ADMIN_EMAIL = 'admin@frontdoor.example';

export async function seedDemoAdmin(deps: ModuleDeps): Promise<void> {
  if ((await repo.countUsers(deps.db.kysely)) > 0) return;
  const r = await createUserWithOneTimePassword(
    { email: DEMO_ADMIN_EMAIL, displayName: 'Demo Administrator', role: 'admin' },
    { db: deps.db, now: deps.now, actor: systemActor('seed') },
  );
  if (!r.ok) return; // another process seeded first
  const line = '-'.repeat(64);
  deps.print(
    `\n${line}\nDemo administrator created (shown once — change it at first sign-in):\n` +
      `  sign in at: ${deps.config.publicUrl}/staff/sign-in\n  e-mail:     ${DEMO_ADMIN_EMAIL}\n` +
      `  password:   ${r.oneTimePassword}\n${line}\n\n`,
  );
}
