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
import { appointmentsMessages } from './messages.js';
import type { BookingsTable, ProductRow, ProgramRow, SlotRow } from './repository.js';

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
    ];
    const shortDate = formatDateTime(d.start, locale, d.site.timeZone, 'date');
    return {
      subject: t('confirmation.subject', { program: d.program[locale], date: w.date }),
      ...paragraphs(lines),
      sms: t('confirmation.sms', {
        agency: d.agencyName,
        program: d.program[locale],
        date: shortDate,
        time: w.time,
        site: d.site.name,
        code: d.code,
      }),
    };
  },
  attachments: (d, locale) => [
    {
      filename: 'appointment.ics',
      contentType: 'text/calendar; charset=utf-8; method=REQUEST',
      content: buildCalendarFile({
        uid: `booking-${d.bookingId}@${d.host}`,
        sequence: d.sequence,
        method: 'request',
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
    },
  ],
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
    booking: BookingsTable;
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
    sequence: 0,
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
