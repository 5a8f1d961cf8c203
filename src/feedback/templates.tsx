/** The survey invitation (e-mail and SMS), in the person's language, with a single-use link. */
import { z } from 'zod';
import { defineMessageTemplate } from '../platform/message-template.js';
import { renderHtml } from '../platform/views/index.js';
import { feedbackMessages } from './messages.js';

export const SurveyInvitationData = z.object({
  url: z.url(),
  program: z.object({ en: z.string(), es: z.string() }),
  origin: z.enum(['visit', 'cancellation']),
});
export type SurveyInvitationData = z.infer<typeof SurveyInvitationData>;

/** Not transactional: it carries the preferences link, and opt-outs and SMS STOP apply. */
export const surveyInvitationTemplate = defineMessageTemplate({
  type: 'feedback.survey',
  transactional: false,
  schema: SurveyInvitationData,
  example: {
    url: 'https://frontdoor.example/feedback/s/EXAMPLE?lang=en',
    program: { en: 'COVID-19 vaccination', es: 'Vacunación contra el COVID-19' },
    origin: 'visit',
  },
  render: (d, locale, ctx) => {
    const t = feedbackMessages.for(locale);
    const program = d.program[locale];
    const intro =
      d.origin === 'visit'
        ? t('invite.introVisit', { program, agency: ctx.agencyName })
        : t('invite.introCancellation', { program, agency: ctx.agencyName });
    const lines = [intro, t('invite.anonymous'), t('invite.link', { url: d.url })];
    return {
      subject: t('invite.subject', { agency: ctx.agencyName }),
      text: lines.join('\n\n'),
      html: renderHtml(
        <div>
          <p>{intro}</p>
          <p>{t('invite.anonymous')}</p>
          <p>
            <a href={d.url}>{t('invite.button')}</a>
          </p>
        </div>,
      ),
      sms: t('invite.sms', { agency: ctx.agencyName, url: d.url }),
    };
  },
});
