import type { Locale } from '../../platform/i18n/index.js';
import { feedbackMessages } from '../messages.js';

/**
 * A short invitation to the survey, for the resident's confirmation page (a USWDS summary box with a link).
 * Render it only when offerSurveyAfterBooking returned a link.
 */
export function SurveyInvitation({ locale, href }: { locale: Locale; href: string }) {
  const t = feedbackMessages.for(locale);
  return (
    <section class="usa-summary-box margin-top-4 fd-no-print" aria-labelledby="feedback-invitation-heading">
      <div class="usa-summary-box__body">
        <h2 class="usa-summary-box__heading" id="feedback-invitation-heading">
          {t('invitation.heading')}
        </h2>
        <div class="usa-summary-box__text">
          <p>{t('invitation.text')}</p>
          <p>
            <a class="usa-summary-box__link" href={href}>
              {t('invitation.link')}
            </a>
          </p>
        </div>
      </div>
    </section>
  );
}
