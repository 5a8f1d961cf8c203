/** Small pieces the booking pages share. */
import type { ComponentChildren } from 'preact';
import { formatDateTime, type Locale } from '../../../platform/i18n/index.js';
import { bookingPagesMessages, type BookingPagesKey } from '../messages.js';
import type { AccessibilityFeature } from '../../../sites/index.js';

export const FEATURE_KEYS: Record<AccessibilityFeature, BookingPagesKey> = {
  wheelchair: 'feature.wheelchair',
  asl: 'feature.asl',
  parking: 'feature.parking',
  'drive-through': 'feature.drive-through',
};

/** True for the access features this page knows how to name. */
export const isFeature = (f: string): f is AccessibilityFeature => f in FEATURE_KEYS;

/** "Monday, December 1, 2026 at 9:00 AM" in the site's zone. */
export function whenText(ms: number, locale: Locale, zone: string): string {
  return bookingPagesMessages.for(locale)('common.when', {
    date: formatDateTime(ms, locale, zone, 'long-date'),
    time: formatDateTime(ms, locale, zone, 'time'),
  });
}

/** A language's own name in the reader's language ("es" → "Spanish" / "español"). */
export function languageName(code: string, locale: Locale): string {
  try {
    return new Intl.DisplayNames([locale === 'es' ? 'es-US' : 'en-US'], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** The USWDS back link above a step's heading (a plain link: works without JavaScript). */
export function BackLink({ href, locale }: { href: string; locale: Locale }) {
  return (
    <p class="margin-top-0">
      <a class="usa-link fd-back-link" href={href}>
        {bookingPagesMessages.for(locale)('common.back')}
      </a>
    </p>
  );
}

/** A definition list of facts (label and value). */
export function Facts({ rows }: { rows: [string, ComponentChildren][] }) {
  return (
    <dl class="fd-facts">
      {rows.map(([label, value]) => [<dt key={`${label}-t`}>{label}</dt>, <dd key={`${label}-d`}>{value}</dd>])}
    </dl>
  );
}

/** The note under every list of times: which clock they are on. */
export function ZoneNote({ locale, zone }: { locale: Locale; zone: string }) {
  return <p class="usa-hint">{bookingPagesMessages.for(locale)('common.timeZoneNote', { zone })}</p>;
}

/** The staff flow says, on every page, that this is a booking for a caller. */
export function StaffBanner({ locale }: { locale: Locale }) {
  return (
    <div class="usa-alert usa-alert--info usa-alert--slim usa-alert--no-icon margin-bottom-2">
      <div class="usa-alert__body">
        <p class="usa-alert__text">{bookingPagesMessages.for(locale)('staff.banner')}</p>
      </div>
    </div>
  );
}
