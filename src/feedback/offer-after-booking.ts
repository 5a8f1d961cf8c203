/**
 * The on-page invitation after booking: the resident confirmation page asks for a link and shows it with
 * <SurveyInvitation>. The link is derived from the booking id, so reloading the page shows the same link, and
 * the booking still gets only one.
 */
import type { ModuleDeps } from '../platform/module.js';
import { findSiteById } from '../sites/index.js';
import { bookingLinkToken, checkLinkToken, createInvitation, localDate, surveyUrl } from './links.js';
import { loadSettings } from './survey-settings.js';

export interface BookingSurveyInput {
  bookingId: string;
  programId: string;
  siteId: string;
  channel: 'web' | 'phone' | 'api';
  language: 'en' | 'es';
}

/** The survey link for a booking just made, or null when the program's booking trigger is off or it was answered. */
export async function offerSurveyAfterBooking(
  deps: Pick<ModuleDeps, 'db' | 'now' | 'config'>,
  b: BookingSurveyInput,
): Promise<{ href: string } | null> {
  const db = deps.db.kysely;
  const settings = await loadSettings(db, b.programId);
  if (!settings.triggers.booking) return null;
  const now = deps.now();
  const token = bookingLinkToken(deps.config.secretKey, b.bookingId);
  const site = await findSiteById(db, b.siteId);
  await createInvitation(db, {
    origin: 'booking',
    triggerKey: `booking:${b.bookingId}`,
    form: settings.form,
    context: {
      programId: b.programId,
      siteId: b.siteId,
      channel: b.channel,
      language: b.language,
      transactionDate: localDate(now, site?.time_zone ?? deps.config.agencyTimeZone),
    },
    now,
    token,
  });
  if (!(await checkLinkToken(db, token, now))) return null;
  const url = new URL(surveyUrl(deps.config, token, b.language));
  return { href: `${url.pathname}${url.search}` };
}
