/**
 * A slot on the resident's confirmation page that other modules fill (the feedback survey invitation), without
 * appointments knowing them: the composition root passes the extras in when it creates the appointments module.
 */
import type { VNode } from 'preact';
import type { FastifyBaseLogger } from 'fastify';
import type { Locale } from '../../platform/i18n/index.js';
import type { ModuleDeps } from '../../platform/module.js';

/** The booking just confirmed, as an extra sees it: its context only, nothing that names the person. */
export interface ConfirmedBooking {
  bookingId: string;
  programId: string;
  siteId: string;
  channel: 'web' | 'phone' | 'api';
  /** The language the page is shown in. */
  locale: Locale;
}

/** Something to show under the resident's booking confirmation, or null to show nothing. */
export type ConfirmationExtra = (deps: ModuleDeps, booking: ConfirmedBooking) => Promise<VNode | null>;

/**
 * Every extra's content, in order. An extra that fails is logged (by name, nothing personal) and left out:
 * the booking is made, and its confirmation must show whatever a listener does.
 */
export async function renderConfirmationExtras(
  extras: readonly ConfirmationExtra[],
  deps: ModuleDeps,
  booking: ConfirmedBooking,
  logger: FastifyBaseLogger,
): Promise<VNode[]> {
  const out = await Promise.all(
    extras.map(async (extra) => {
      try {
        return await extra(deps, booking);
      } catch (err) {
        logger.error({ err, extra: extra.name }, 'a confirmation page extra failed');
        return null;
      }
    }),
  );
  return out.filter((x): x is VNode => x !== null);
}
