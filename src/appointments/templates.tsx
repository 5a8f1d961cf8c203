/**
 * The booking confirmation: in the person's language, with times in the site's own time zone, the confirmation
 * code, preparation instructions, the held next dose, and a calendar file.
 */
import { z } from 'zod';
import { formatDateTime, type Locale } from '../platform/i18n/index.js';
import { defineMessageTemplate } from '../platform/message-template.js';
import type { ModuleDeps } from '../platform/module.js';
import { renderHtml } from '../platform/views/index.js';
import { buildCalendarFile } from '../notifications/index.js';
import { appointmentsMessages, type AppointmentsKey } from './messages.js';
import type { BookingsTable, ProductRow, ProgramRow, SlotRow } from './repository.js';
import { CHANGE_REASONS, type ChangeReason } from './schema.js';

const Bilingual = z.object({ en: z.string(), es: z.string() });
export const ConfirmationData = z.object({
  bookingId: z.string(),
  sequence: z.number().int().min(0),
  name: z.string(),
  code: z.string(),
  program: Bilingual,
  preparation: Bilingual,
  site: z.object({ name: z.string(), address: z.string(), timeZone: z.string() }),
  start: z.number(),
  end: z.number(),
  secondDoseStart: z.number().nullable(),
  agencyName: z.string(),
  organizerEmail: z.string(),
  host: z.string(),
  /** The person's manage link (with its token): only in the confirmation itself, never in stored reminders. */
  manageUrl: z.string().optional(),
});
export type ConfirmationData = z.infer<typeof ConfirmationData>;

/** Plain text and HTML from the same paragraphs, so the two parts of an e-mail never disagree. */
function paragraphs(lines: string[]): { text: string; html: string } {
  return {
    text: lines.join('\n\n'),
    html: renderHtml(
      <div>
        {lines.map((l) => (
          <p key={l}>{l}</p>
        ))}
      </div>,
    ),
  };
}

function when(d: ConfirmationData, ms: number, locale: Locale) {
  return {
    date: formatDateTime(ms, locale, d.site.timeZone, 'long-date'),
    time: formatDateTime(ms, locale, d.site.timeZone, 'time'),
  };
}

/** The appointment as a calendar file: a new or changed event (REQUEST) or its cancellation (CANCEL). */
function calendarAttachment(d: ConfirmationData, locale: Locale, method: 'request' | 'cancel') {
  return {
    filename: method === 'cancel' ? 'cancelled-appointment.ics' : 'appointment.ics',
    contentType: `text/calendar; charset=utf-8; method=${method.toUpperCase()}`,
    content: buildCalendarFile({
      uid: `booking-${d.bookingId}@${d.host}`,
      sequence: d.sequence,
      method,
      start: d.start,
      end: d.end,
      timeZone: d.site.timeZone,
      summary: appointmentsMessages.for(locale)('confirmation.calendarSummary', {
        program: d.program[locale],
        site: d.site.name,
      }),
      location: d.site.address,
      description: d.preparation[locale],
      organizer: { name: d.agencyName, email: d.organizerEmail },
      productName: 'Frontdoor',
    }),
  };
}

export const confirmationTemplate = defineMessageTemplate({
  type: 'appointments.confirmation',
  transactional: true,
  schema: ConfirmationData,
  example: {
    bookingId: 'example',
    sequence: 0,
    name: 'Ana García',
    code: 'K7M2Q9XD',
    program: { en: 'COVID-19 vaccination', es: 'Vacunación contra el COVID-19' },
    preparation: {
      en: 'Bring your vaccination card and wear a short-sleeved shirt.',
      es: 'Traiga su tarjeta de vacunación y use una camisa de manga corta.',
    },
    site: {
      name: 'Central Library Health Site',
      address: '100 Main Street, Springfield 12345',
      timeZone: 'America/New_York',
    },
    start: Date.UTC(2026, 2, 9, 14, 0),
    end: Date.UTC(2026, 2, 9, 14, 15),
    secondDoseStart: Date.UTC(2026, 3, 6, 14, 0),
    agencyName: 'Demo County',
    organizerEmail: 'no-reply@frontdoor.invalid',
    host: 'frontdoor.invalid',
  },
  render: (d, locale) => {
    const t = appointmentsMessages.for(locale);
    const w = when(d, d.start, locale);
    const second = d.secondDoseStart === null ? null : when(d, d.secondDoseStart, locale);
    const lines = [
      t('confirmation.intro', { name: d.name }),
      t('confirmation.when', w),
      t('confirmation.where', { site: d.site.name, address: d.site.address }),
      t('confirmation.code', { code: d.code }),
      ...(second ? [t('confirmation.secondDose', second)] : []),
      t('confirmation.prepare', { preparation: d.preparation[locale] }),
      t('confirmation.calendar'),
      ...(d.manageUrl ? [t('confirmation.manage', { url: d.manageUrl })] : []),
    ];
    const shortDate = formatDateTime(d.start, locale, d.site.timeZone, 'date');
    return {
      subject: t('confirmation.subject', { program: d.program[locale], date: w.date }),
      ...paragraphs(lines),
      sms: [
        t('confirmation.sms', {
          agency: d.agencyName,
          program: d.program[locale],
          date: shortDate,
          time: w.time,
          site: d.site.name,
          code: d.code,
        }),
        ...(d.manageUrl ? [t('confirmation.manage', { url: d.manageUrl })] : []),
      ].join(' '),
    };
  },
  attachments: (d, locale) => [calendarAttachment(d, locale, 'request')],
});

/** The day-before reminder: when, where, the code and how to prepare (no calendar file: it was sent already). */
export const reminderTemplate = defineMessageTemplate({
  type: 'appointments.reminder',
  transactional: true,
  schema: ConfirmationData,
  example: confirmationTemplate.example,
  render: (d, locale) => {
    const t = appointmentsMessages.for(locale);
    const w = when(d, d.start, locale);
    const lines = [
      t('reminder.intro', { name: d.name }),
      t('confirmation.when', w),
      t('confirmation.where', { site: d.site.name, address: d.site.address }),
      t('confirmation.code', { code: d.code }),
      t('confirmation.prepare', { preparation: d.preparation[locale] }),
    ];
    return {
      subject: t('reminder.subject', { program: d.program[locale], time: w.time }),
      ...paragraphs(lines),
      sms: t('reminder.sms', { agency: d.agencyName, time: w.time, site: d.site.name, code: d.code }),
    };
  },
});

/** Build the confirmation's data from the rows just written. */
export function confirmationData(
  deps: ModuleDeps,
  b: {
    booking: Pick<BookingsTable, 'id' | 'confirmation_code'> & { revision?: number };
    slot: SlotRow;
    site: { name: string; address: string; postal_code: string; time_zone: string };
    program: ProgramRow;
    product: ProductRow;
    held: SlotRow[];
    personName: string;
  },
): ConfirmationData {
  const host = new URL(deps.config.publicUrl).hostname;
  const from = /<([^>]+)>/.exec(deps.config.mail.from)?.[1] ?? deps.config.mail.from;
  return {
    bookingId: b.booking.id,
    sequence: b.booking.revision ?? 0,
    name: b.personName,
    code: b.booking.confirmation_code,
    program: { en: b.program.name_en, es: b.program.name_es },
    preparation: { en: b.program.preparation_en, es: b.program.preparation_es },
    site: { name: b.site.name, address: `${b.site.address} ${b.site.postal_code}`, timeZone: b.site.time_zone },
    start: b.slot.starts_at,
    end: b.slot.ends_at,
    secondDoseStart: b.held[0]?.starts_at ?? null,
    agencyName: deps.config.agencyName,
    organizerEmail: from,
    host,
  };
}

export const NoticeData = ConfirmationData.extend({
  /** Where to book again: PUBLIC_URL's scheme, host, port and path with `/book` (optional for notices queued before). */
  bookUrl: z.string().optional(),
  reason: z.enum(CHANGE_REASONS),
  /** Later doses of the series released with this one (cancellation) or moved with it (change). */
  laterDoses: z.number().int().min(0),
});
export type NoticeData = z.infer<typeof NoticeData>;

const REASON_KEYS = {
  requested: 'notice.reason.requested',
  'site-change': 'notice.reason.siteChange',
  shortage: 'notice.reason.shortage',
} as const satisfies Record<ChangeReason, AppointmentsKey>;

/** The booking moved to another time or site: the new details and an updated calendar entry (same UID). */
export const changedTemplate = defineMessageTemplate<NoticeData>({
  type: 'appointments.changed',
  transactional: true,
  schema: NoticeData,
  example: { ...confirmationTemplate.example, sequence: 1, reason: 'site-change', laterDoses: 1 },
  render: (d, locale) => {
    const t = appointmentsMessages.for(locale);
    const w = when(d, d.start, locale);
    const second = d.secondDoseStart === null ? null : when(d, d.secondDoseStart, locale);
    const lines = [
      t('changed.intro', { name: d.name }),
      t(REASON_KEYS[d.reason]),
      t('confirmation.when', w),
      t('confirmation.where', { site: d.site.name, address: d.site.address }),
      t('confirmation.code', { code: d.code }),
      ...(second ? [t('confirmation.secondDose', second)] : []),
      t('confirmation.prepare', { preparation: d.preparation[locale] }),
      t('changed.calendar'),
    ];
    return {
      subject: t('changed.subject', { program: d.program[locale], date: w.date }),
      ...paragraphs(lines),
      sms: t('changed.sms', {
        agency: d.agencyName,
        date: formatDateTime(d.start, locale, d.site.timeZone, 'date'),
        time: w.time,
        site: d.site.name,
        code: d.code,
      }),
    };
  },
  attachments: (d, locale) => [calendarAttachment(d, locale, 'request')],
});

/** The booking was cancelled (and any later doses of its series released): why, and how to book again. */
export const cancelledTemplate = defineMessageTemplate<NoticeData>({
  type: 'appointments.cancelled',
  transactional: true,
  schema: NoticeData,
  example: { ...confirmationTemplate.example, sequence: 1, reason: 'shortage', laterDoses: 1 },
  render: (d, locale, ctx) => {
    const t = appointmentsMessages.for(locale);
    const w = when(d, d.start, locale);
    const lines = [
      t('cancelled.intro', { name: d.name, date: w.date, time: w.time, site: d.site.name }),
      t(REASON_KEYS[d.reason]),
      ...(d.laterDoses > 0 ? [t('cancelled.laterDoses', { count: d.laterDoses })] : []),
      t('cancelled.again', { url: d.bookUrl ?? `https://${d.host}/book`, phone: ctx.agencyPhone }),
    ];
    return {
      subject: t('cancelled.subject', { program: d.program[locale], date: w.date }),
      ...paragraphs(lines),
      sms: t('cancelled.sms', {
        agency: d.agencyName,
        phone: ctx.agencyPhone,
        date: formatDateTime(d.start, locale, d.site.timeZone, 'date'),
        time: w.time,
        site: d.site.name,
      }),
    };
  },
  attachments: (d, locale) => [calendarAttachment(d, locale, 'cancel')],
});
