/**
 * Offer surveys for finished transactions: the day after a visit (check-in or administration), and soon after a
 * cancellation. Reads the appointments feed from a durable cursor; each transaction gets at most one link (its
 * trigger key is unique), respects the program's trigger switch, and reaches the person only through notify(),
 * which honours their channel choices, e-mail opt-out and SMS STOP.
 */
import { DateTime } from 'luxon';
import { listProgramNames, listTransactionsSince, type Transaction } from '../appointments/index.js';
import type { Queryable } from '../platform/db/index.js';
import type { ModuleDeps } from '../platform/module.js';
import { notify } from '../notifications/index.js';
import { findSiteById } from '../sites/index.js';
import { createInvitation, localDate, surveyUrl } from './links.js';
import * as repo from './repository.js';
import { loadSettings } from './survey-settings.js';
import { surveyInvitationTemplate } from './templates.js';

const CURSOR = 'appointments-transactions';
/** Transactions younger than this are left for the next run (a slower transaction may still commit before them). */
export const SETTLE_MS = 60_000;
/** A first run looks back this far, not over the whole history. */
export const FIRST_LOOKBACK_MS = 86_400_000;
const BATCH = 200;
/** Invitations after a visit go out at this local hour the next day. */
const SEND_HOUR = 10;

type Names = Map<string, { en: string; es: string }>;

async function offerOne(deps: ModuleDeps, tx: Queryable, t: Transaction, names: Names, now: number): Promise<boolean> {
  const origin = t.kind === 'cancelled' ? 'cancellation' : 'visit';
  const settings = await loadSettings(tx, t.programId);
  if (!settings.triggers[origin] || !t.contactId) return false;
  const site = await findSiteById(tx, t.siteId);
  const zone = site?.time_zone ?? deps.config.agencyTimeZone;
  const created = await createInvitation(tx, {
    origin,
    // One offer per visit; one per cancellation of a series (its doses are cancelled together).
    triggerKey: origin === 'visit' ? `visit:${t.bookingId}` : `cancellation:${t.seriesId}`,
    form: settings.form,
    context: {
      programId: t.programId,
      siteId: t.siteId,
      channel: t.channel,
      language: t.language,
      transactionDate: localDate(t.at, zone),
    },
    now,
  });
  if (!created) return false;
  const sendAt =
    origin === 'visit'
      ? DateTime.fromMillis(t.at, { zone })
          .plus({ days: 1 })
          .set({ hour: SEND_HOUR, minute: 0, second: 0, millisecond: 0 })
          .toMillis()
      : now;
  const sent = await notify(
    deps,
    tx,
    { contactId: t.contactId },
    surveyInvitationTemplate,
    {
      url: surveyUrl(deps.config, created.token, t.language),
      program: names.get(t.programId) ?? { en: '', es: '' },
      origin,
    },
    { sendAt: Math.max(sendAt, now), idempotencyKey: `feedback:${created.id}` },
  );
  if (!sent.messages.some((m) => m.status === 'queued')) await repo.setInvitationStatus(tx, created.id, 'unreachable');
  return true;
}

/** One run: every settled transaction after the cursor, in batches, each batch with its cursor in one transaction. */
export async function offerSurveys(deps: ModuleDeps): Promise<{ offered: number }> {
  const db = deps.db.kysely;
  const names: Names = new Map((await listProgramNames(db)).map((p) => [p.id, p.name]));
  let offered = 0;
  for (;;) {
    const now = deps.now();
    const done = await db.transaction().execute(async (tx) => {
      const cursor = await repo.findCursor(tx, CURSOR);
      const batch = await listTransactionsSince(tx, {
        since: cursor?.position_at ?? now - FIRST_LOOKBACK_MS,
        afterId: cursor?.position_id ?? '',
        until: now - SETTLE_MS,
        kinds: ['checked-in', 'administered', 'cancelled'],
        limit: BATCH,
      });
      for (const t of batch) if (await offerOne(deps, tx, t, names, now)) offered++;
      const last = batch.at(-1);
      if (last)
        await repo.saveCursor(tx, { name: CURSOR, position_at: last.at, position_id: last.bookingId, updated_at: now });
      else if (!cursor)
        await repo.saveCursor(tx, { name: CURSOR, position_at: now - SETTLE_MS, position_id: '', updated_at: now });
      return batch.length < BATCH;
    });
    if (done) return { offered };
  }
}
