/**
 * Messages of pre-registration: the confirmation with the status link, the weekly status (honest facts, never an
 * estimated date), and the invitation with its single-use link, in the person's language and the site's time zone.
 */
import { z } from 'zod';
import { formatDateTime, type Locale } from '../platform/i18n/index.js';
import { defineMessageTemplate } from '../platform/message-template.js';
import { renderHtml } from '../platform/views/index.js';
import { preregMessages } from './messages.js';

const Bilingual = z.object({ en: z.string(), es: z.string() });
const pick = (b: { en: string; es: string }, locale: Locale) => b[locale];

function paragraphs(lines: string[], link?: { href: string; label: string }): { text: string; html: string } {
  return {
    text: [...lines, ...(link ? [link.href] : [])].join('\n\n'),
    html: renderHtml(
      <div>
        {lines.map((l) => (
          <p key={l}>{l}</p>
        ))}
        {link && (
          <p>
            <a href={link.href}>{link.label}</a>
          </p>
        )}
      </div>,
    ),
  };
}

export const ConfirmationData = z.object({ name: z.string(), program: Bilingual, statusUrl: z.string() });
export const preregConfirmationTemplate = defineMessageTemplate({
  type: 'preregistration.confirmation',
  transactional: true,
  schema: ConfirmationData,
  example: {
    name: 'Ana',
    program: { en: 'COVID-19 vaccination', es: 'Vacunación contra el COVID-19' },
    statusUrl: 'https://frontdoor.invalid/preregister/status/example',
  },
  render: (d, locale) => {
    const t = preregMessages.for(locale);
    const program = pick(d.program, locale);
    const body = paragraphs([t('msg.confirmation.body', { name: d.name, program })], {
      href: d.statusUrl,
      label: t('msg.statusLink'),
    });
    return {
      subject: t('msg.confirmation.subject', { program }),
      ...body,
      sms: t('msg.confirmation.sms', { program, url: d.statusUrl }),
    };
  },
});

export const StatusData = z.object({
  name: z.string(),
  program: Bilingual,
  group: Bilingual,
  phaseOpen: z.boolean(),
  invitedThisWeek: z.number().int().min(0),
  statusUrl: z.string(),
});
export const preregStatusTemplate = defineMessageTemplate({
  type: 'preregistration.status',
  transactional: false,
  schema: StatusData,
  example: {
    name: 'Ana',
    program: { en: 'COVID-19 vaccination', es: 'Vacunación contra el COVID-19' },
    group: { en: 'Age 75 and over', es: 'De 75 años o más' },
    phaseOpen: true,
    invitedThisWeek: 120,
    statusUrl: 'https://frontdoor.invalid/preregister/status/example',
  },
  render: (d, locale) => {
    const t = preregMessages.for(locale);
    const program = pick(d.program, locale);
    const group = pick(d.group, locale);
    const phase = d.phaseOpen ? t('msg.status.phaseOpen') : t('msg.status.phaseClosed');
    const line = t('msg.status.body', { name: d.name, program, group, phase, count: d.invitedThisWeek });
    return {
      subject: t('msg.status.subject', { program }),
      ...paragraphs([line, t('msg.status.noEta')], { href: d.statusUrl, label: t('msg.statusLink') }),
      sms: t('msg.status.sms', { program, group, phase, count: d.invitedThisWeek, url: d.statusUrl }),
    };
  },
});

export const InvitationData = z.object({
  name: z.string(),
  program: Bilingual,
  site: z.object({ name: z.string(), address: z.string(), timeZone: z.string() }),
  start: z.number(),
  expiresAt: z.number(),
  url: z.string(),
  smsYes: z.boolean(),
});
export const preregInvitationTemplate = defineMessageTemplate({
  type: 'preregistration.invitation',
  transactional: true,
  urgent: true,
  schema: InvitationData,
  example: {
    name: 'Ana',
    program: { en: 'COVID-19 vaccination', es: 'Vacunación contra el COVID-19' },
    site: { name: 'Central Library Health Site', address: '100 Main Street 12345', timeZone: 'America/New_York' },
    start: Date.UTC(2026, 2, 9, 14, 0),
    expiresAt: Date.UTC(2026, 2, 5, 14, 0),
    url: 'https://frontdoor.invalid/invite/example',
    smsYes: true,
  },
  render: (d, locale) => {
    const t = preregMessages.for(locale);
    const program = pick(d.program, locale);
    const when = formatDateTime(d.start, locale, d.site.timeZone, 'datetime');
    const until = formatDateTime(d.expiresAt, locale, d.site.timeZone, 'datetime');
    const lines = [
      t('msg.invitation.body', { name: d.name, program, site: d.site.name, address: d.site.address, when }),
      t('msg.invitation.until', { until }),
      t('msg.invitation.bound'),
    ];
    const sms = d.smsYes
      ? t('msg.invitation.smsYes', { program, site: d.site.name, when, until, url: d.url })
      : t('msg.invitation.sms', { program, site: d.site.name, when, until, url: d.url });
    return {
      subject: t('msg.invitation.subject', { program }),
      ...paragraphs(lines, { href: d.url, label: t('msg.invitation.link') }),
      sms,
    };
  },
});
