/** A person changes how we contact them (from the link in any informational message). */
import { recordAudit } from '../platform/audit/index.js';
import type { Locale } from '../platform/i18n/index.js';
import type { ModuleDeps } from '../platform/module.js';
import type { Contact } from './contacts.js';
import * as repo from './repository.js';

export async function updatePreferences(
  deps: ModuleDeps,
  contact: Contact,
  p: { channels: repo.ContactRow['channels']; locale: Locale; emailOptOut: boolean },
): Promise<void> {
  const now = deps.now();
  // A channel without an address cannot be chosen; fall back to what the person can receive.
  const usable =
    (p.channels === 'email' || p.channels === 'both') && !contact.email
      ? contact.phone
        ? 'sms'
        : 'none'
      : (p.channels === 'sms' || p.channels === 'both') && !contact.phone
        ? contact.email
          ? 'email'
          : 'none'
        : p.channels;
  await deps.db.kysely.transaction().execute(async (tx) => {
    await repo.updateContact(tx, contact.id, {
      channels: usable,
      locale: p.locale,
      email_opt_out_at: p.emailOptOut ? (contact.emailOptOutAt ?? now) : null,
      updated_at: now,
    });
    await recordAudit(
      tx,
      { type: 'resident', label: 'preferences link' },
      {
        action: 'notifications.preferences.updated',
        subjectType: 'contact',
        subjectId: contact.id,
        details: { channels: usable, locale: p.locale, emailOptOut: p.emailOptOut },
      },
      now,
    );
  });
}
