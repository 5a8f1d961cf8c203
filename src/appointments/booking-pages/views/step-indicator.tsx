import type { Locale } from '../../../platform/i18n/index.js';
import { bookingPagesMessages, type BookingPagesKey } from '../messages.js';

export const STEPS = ['program', 'site', 'time', 'details', 'review'] as const;
export type Step = (typeof STEPS)[number];

const LABELS: Record<Step, BookingPagesKey> = {
  program: 'steps.program',
  site: 'steps.site',
  time: 'steps.time',
  details: 'steps.details',
  review: 'steps.review',
};

/**
 * The USWDS step indicator. Screen readers hear each step's state and "Step n of 5" before the page's heading;
 * the visible heading of the page stays the page's one h1.
 */
export function StepIndicator({ locale, current }: { locale: Locale; current: Step }) {
  const t = bookingPagesMessages.for(locale);
  const at = STEPS.indexOf(current);
  return (
    <section class="usa-step-indicator usa-step-indicator--counters-sm fd-steps" aria-label={t('steps.label')}>
      <ol class="usa-step-indicator__segments">
        {STEPS.map((s, i) => (
          <li
            key={s}
            class={`usa-step-indicator__segment${i < at ? ' usa-step-indicator__segment--complete' : ''}${
              i === at ? ' usa-step-indicator__segment--current' : ''
            }`}
            aria-current={i === at ? 'step' : undefined}
          >
            <span class="usa-step-indicator__segment-label">
              {t(LABELS[s])}{' '}
              {i !== at && <span class="usa-sr-only">{t(i < at ? 'steps.completed' : 'steps.notCompleted')}</span>}
            </span>
          </li>
        ))}
      </ol>
      <div class="usa-step-indicator__header">
        <p class="usa-step-indicator__heading">
          <span class="usa-step-indicator__heading-text">
            {t('steps.counter', { current: at + 1, total: STEPS.length })}: {t(LABELS[current])}
          </span>
        </p>
      </div>
    </section>
  );
}
