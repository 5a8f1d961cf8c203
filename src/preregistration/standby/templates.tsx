/** The standby text: leftover doses today at a site, arrive by a time, reply YES within the window. */
import { z } from 'zod';
import { formatDateTime } from '../../platform/i18n/index.js';
import { defineMessageTemplate } from '../../platform/message-template.js';
import { renderHtml } from '../../platform/views/index.js';
import { standbyMessages } from './messages.js';

export const StandbyOfferData = z.object({
  name: z.string(),
  program: z.object({ en: z.string(), es: z.string() }),
  site: z.object({ name: z.string(), address: z.string(), timeZone: z.string() }),
  doses: z.number().int().min(1),
  arriveBy: z.number(),
  until: z.number(),
});

export const standbyOfferTemplate = defineMessageTemplate({
  type: 'preregistration.standby-offer',
  transactional: true,
  urgent: true,
  schema: StandbyOfferData,
  example: {
    name: 'Ana',
    program: { en: 'COVID-19 vaccination', es: 'Vacunación contra el COVID-19' },
    site: { name: 'Central Library Health Site', address: '100 Main Street 12345', timeZone: 'America/New_York' },
    doses: 3,
    arriveBy: Date.UTC(2026, 2, 9, 21, 30),
    until: Date.UTC(2026, 2, 9, 20, 45),
  },
  render: (d, locale) => {
    const t = standbyMessages.for(locale);
    const program = d.program[locale];
    const arriveBy = formatDateTime(d.arriveBy, locale, d.site.timeZone, 'time');
    const until = formatDateTime(d.until, locale, d.site.timeZone, 'time');
    const lines = [
      t('msg.offer.body', {
        name: d.name,
        site: d.site.name,
        address: d.site.address,
        count: d.doses,
        program,
        arriveBy,
      }),
      t('msg.offer.reply', { until }),
    ];
    return {
      subject: t('msg.offer.subject', { program }),
      text: lines.join('\n\n'),
      html: renderHtml(
        <div>
          {lines.map((l) => (
            <p key={l}>{l}</p>
          ))}
        </div>,
      ),
      sms: t('msg.offer.sms', { program, count: d.doses, site: d.site.name, arriveBy, until }),
    };
  },
});
