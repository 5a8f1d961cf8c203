/** Gather what the dashboard and the exports need: responses, offers and transactions in a date range, and labels. */
import { DateTime } from 'luxon';
import { z } from 'zod';
import { listProgramNames, listTransactionsSince } from '../appointments/index.js';
import type { Queryable } from '../platform/db/index.js';
import { isCalendarDate } from '../platform/input/index.js';
import { LOCALE_NAMES, isLocale, type Locale } from '../platform/i18n/index.js';
import type { ModuleDeps } from '../platform/module.js';
import { listSites } from '../sites/index.js';
import { A11_DRIVERS } from './drivers.js';
import { DIMENSIONS, GRAINS, MEASURES, type Context, type Dimension } from './insight.js';
import { localDate } from './links.js';
import { feedbackMessages, type FeedbackKey } from './messages.js';
import * as repo from './repository.js';

const isoDate = z.string().refine(isCalendarDate);

/** The dashboard's and comments' filters (query string); anything unrecognised falls back to its default. */
export const InsightQuery = z.object({
  from: isoDate.optional().catch(undefined),
  to: isoDate.optional().catch(undefined),
  by: z.enum(DIMENSIONS).catch('channel'),
  measure: z.enum(MEASURES).catch('trust'),
  grain: z.enum(GRAINS).catch('month'),
  programId: z.string().max(64).optional().catch(undefined),
  siteId: z.string().max(64).optional().catch(undefined),
  language: z.enum(['en', 'es']).optional().catch(undefined),
  driver: z.enum(A11_DRIVERS).optional().catch(undefined),
});
export type InsightFilter = z.infer<typeof InsightQuery> & { from: string; to: string };

/** Parse the query; the default range is the last 12 months up to today in the agency's zone. */
export function parseInsightQuery(query: unknown, now: number, zone: string): InsightFilter {
  const q = InsightQuery.parse(query ?? {});
  const today = DateTime.fromMillis(now, { zone });
  return {
    ...q,
    from: q.from ?? today.minus({ months: 12 }).startOf('month').toISODate() ?? '',
    to: q.to ?? today.toISODate() ?? '',
  };
}

export const CHANNEL_KEYS: Record<string, FeedbackKey> = {
  web: 'channel.web',
  phone: 'channel.phone',
  api: 'channel.api',
};

/** Names for the groups of each dimension, in the reader's language. */
export interface Labels {
  programs: { id: string; name: string }[];
  sites: { id: string; name: string }[];
  group(by: Dimension, id: string): string;
}

export async function loadLabels(db: Queryable, locale: Locale): Promise<Labels> {
  const programs = (await listProgramNames(db)).map((p) => ({ id: p.id, name: p.name[locale] }));
  const sites = (await listSites(db)).map((s) => ({ id: s.id, name: s.name }));
  const t = feedbackMessages.for(locale);
  const program = new Map(programs.map((p) => [p.id, p.name]));
  const site = new Map(sites.map((s) => [s.id, s.name]));
  return {
    programs,
    sites,
    group(by, id) {
      if (by === 'program') return program.get(id) ?? id;
      if (by === 'site') return site.get(id) ?? (id || t('label.noSite'));
      if (by === 'language') return isLocale(id) ? LOCALE_NAMES[id] : id;
      const key = CHANNEL_KEYS[id];
      return key ? t(key) : id;
    },
  };
}

/** Visits (check-ins and administrations) in the date range: the customers served. */
export async function loadTransactions(
  deps: Pick<ModuleDeps, 'db' | 'config'>,
  from: string,
  to: string,
): Promise<Context[]> {
  const zone = deps.config.agencyTimeZone;
  const since = (DateTime.fromISO(from, { zone }).startOf('day').toMillis() || 0) - 1;
  const until = DateTime.fromISO(to, { zone }).endOf('day').toMillis();
  const out: Context[] = [];
  let cursor = { since, afterId: '' };
  for (;;) {
    const page = await listTransactionsSince(deps.db.kysely, {
      ...cursor,
      until,
      kinds: ['checked-in', 'administered'],
      limit: 2000,
    });
    for (const t of page)
      out.push({
        program_id: t.programId,
        site_id: t.siteId,
        channel: t.channel,
        language: t.language,
        transaction_date: localDate(t.at, zone),
      });
    const last = page.at(-1);
    if (!last || page.length < 2000) return out;
    cursor = { since: last.at, afterId: last.bookingId };
  }
}

/** Responses, offers and transactions for a filter (offers and transactions follow the program filter only). */
export async function loadInsightData(deps: Pick<ModuleDeps, 'db' | 'config'>, f: InsightFilter) {
  const db = deps.db.kysely;
  const keep = (c: Context) =>
    (!f.programId || c.program_id === f.programId) &&
    (!f.siteId || c.site_id === f.siteId) &&
    (!f.language || c.language === f.language);
  const [responses, offers, transactions] = await Promise.all([
    repo.listResponses(db, { ...f, driver: undefined }),
    repo.listOffers(db, f.from, f.to),
    loadTransactions(deps, f.from, f.to),
  ]);
  return { responses, offers: offers.filter(keep), transactions: transactions.filter(keep) };
}
