/**
 * Steps the new-booking flow and the moving flow share: find a site, choose a day and time, and the "just taken"
 * page. Each renders for either audience and links onward through the hrefs it is given.
 *
 * Each sends its page and resolves to nothing (or to whether it sent one), never to the reply: a FastifyReply is
 * thenable, so an async function returning it resolves, once the answer is sent, to `undefined` — the times page
 * took that for "nothing to show" and threw a 404 after its 200 had gone ("Promise errored, but reply.sent = true").
 * Routes `return reply` after awaiting a step.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ComponentChildren } from 'preact';
import { hasNoSites } from '../../platform/auth/index.js';
import type { ModuleDeps } from '../../platform/module.js';
import { NoSitesAssigned } from '../../platform/views/index.js';
import { nearestAlternatives, type Alternative } from './alternatives.js';
import type { Seat } from './check-seat.js';
import { availableTimes } from './choose-time.js';
import { findSites } from './find-sites.js';
import { bookingPagesMessages } from './messages.js';
import type { Audience } from './render.js';
import { SiteSearchQuery, TimesQuery } from './schema.js';
import { StaffBanner } from './views/parts.js';
import { TakenPage, type TakenCode } from './views/refused-pages.js';
import { SitesPage } from './views/sites-page.js';
import { StepIndicator, type Step } from './views/step-indicator.js';
import { TimesPage } from './views/times-page.js';
import type { Locale } from '../../platform/i18n/index.js';

/** The staff banner (staff only) and the step indicator. */
export function flowTop(audience: Audience, locale: Locale, step: Step | null, extra?: ComponentChildren) {
  return (
    <>
      {audience.staff && <StaffBanner locale={locale} />}
      {step && <StepIndicator locale={locale} current={step} />}
      {extra}
    </>
  );
}

const queryOf = (request: FastifyRequest): Record<string, unknown> =>
  typeof request.query === 'object' && request.query !== null ? { ...request.query } : {};

/** The ZIP search and its results (GET; the form and the filters stay filled in). */
export async function showSites(
  deps: ModuleDeps,
  audience: Audience,
  request: FastifyRequest,
  reply: FastifyReply,
  o: {
    programId: string;
    top: ComponentChildren;
    title: string;
    lead: string;
    back: string;
    action: string;
    timesHref: (siteId: string) => string;
  },
): Promise<void> {
  const t = bookingPagesMessages.for(request.locale);
  const raw = queryOf(request);
  const parsed = SiteSearchQuery.safeParse(raw);
  const query = parsed.success ? parsed.data : { zip: undefined, access: [], speaks: undefined, walkIns: false };
  const zipTyped = typeof raw.zip === 'string' ? raw.zip.slice(0, 10) : '';
  let error: string | null = parsed.success ? null : t('search.error.zipFormat');
  let sites = null;
  let languages: string[] = [];
  let searchedZip: string | null = null;
  const found = await findSites(deps, o.programId, query, audience.siteAllowed(request));
  languages = found.languages;
  if (!found.ok) error = t(found.error);
  else if (!error) {
    sites = found.sites;
    searchedZip = found.searchedZip;
  }
  audience.render(request, reply, { title: o.title, status: error ? 400 : 200 }, (ctx) => (
    <SitesPage
      ctx={ctx}
      top={
        <>
          {o.top}
          {audience.staff && hasNoSites(request.principal) && <NoSitesAssigned locale={ctx.locale} />}
        </>
      }
      title={o.title}
      lead={o.lead}
      back={o.back}
      action={o.action}
      timesHref={o.timesHref}
      query={query}
      zipTyped={zipTyped}
      languages={languages}
      sites={sites}
      searchedZip={searchedZip}
      error={error}
    />
  ));
}

/** Days with seats and the chosen day's times; false (nothing sent) when the site or program does not exist. */
export async function showTimes(
  deps: ModuleDeps,
  audience: Audience,
  request: FastifyRequest,
  reply: FastifyReply,
  o: {
    programId: string;
    siteId: string;
    /** A fixed product (moving a booking); otherwise the query's choice. */
    productId?: string;
    /** The seat being moved away from. */
    excludeSlotId?: string;
    top: ComponentChildren;
    title: string;
    back: string;
    action: string;
    dayHref: (date: string, productId: string) => string;
    seatHref: (slotId: string, productId: string) => string;
    otherPlaceHref: string;
  },
): Promise<boolean> {
  const q = TimesQuery.parse(queryOf(request));
  const view = await availableTimes(deps, {
    programId: o.programId,
    siteId: o.siteId,
    productId: o.productId ?? q.product,
    date: q.date,
    excludeSlotId: o.excludeSlotId,
  });
  if (!view || (o.productId && view.product.id !== o.productId)) return false;
  audience.render(request, reply, { title: o.title }, (ctx) => (
    <TimesPage
      ctx={ctx}
      top={o.top}
      title={o.title}
      back={o.back}
      view={view}
      productChoice={!o.productId}
      action={o.action}
      dayHref={(date) => o.dayHref(date, view.product.id)}
      seatHref={(slotId) => o.seatHref(slotId, view.product.id)}
      otherPlaceHref={o.otherPlaceHref}
    />
  ));
  return true;
}

/** The seat went: say so and offer the nearest seats (same site nearest in time, then the closest sites). */
export async function showTaken(
  deps: ModuleDeps,
  audience: Audience,
  request: FastifyRequest,
  reply: FastifyReply,
  o: {
    status: number;
    code: TakenCode;
    seat: Seat;
    top: ComponentChildren;
    hrefFor: (a: Alternative) => string;
    allTimesHref: string;
    otherPlaceHref: string;
  },
): Promise<void> {
  const alternatives = await nearestAlternatives(
    deps,
    {
      site: o.seat.site,
      productId: o.seat.product.id,
      wantedAt: o.seat.slot.starts_at,
      excludeSlotId: o.seat.slot.id,
    },
    audience.siteAllowed(request),
  );
  const title = bookingPagesMessages.for(request.locale)('taken.title');
  audience.render(request, reply, { title, status: o.status }, (ctx) => (
    <TakenPage
      ctx={ctx}
      top={o.top}
      code={o.code}
      siteName={o.seat.site.name}
      alternatives={alternatives}
      hrefFor={o.hrefFor}
      allTimesHref={o.allTimesHref}
      otherPlaceHref={o.otherPlaceHref}
    />
  ));
}
