import type { PageContext } from '../../../platform/views/index.js';
import type { ProgramRow } from '../../repository.js';
import { bookingPagesMessages } from '../messages.js';
import { StaffBanner } from './parts.js';
import { StepIndicator } from './step-indicator.js';

/** Step 1: what to book. */
export function ProgramPage({
  ctx,
  staff,
  base,
  programs,
}: {
  ctx: PageContext;
  staff: boolean;
  base: string;
  programs: ProgramRow[];
}) {
  const t = bookingPagesMessages.for(ctx.locale);
  const l = ctx.locale;
  return (
    <>
      {staff && <StaffBanner locale={l} />}
      <StepIndicator locale={l} current="program" />
      <div class="usa-prose">
        <h1>{t('program.title')}</h1>
        <p class="usa-intro">{t('program.intro')}</p>
      </div>
      {programs.length === 0 ? (
        <p>{t('program.none')}</p>
      ) : (
        <ul class="usa-card-group fd-task-list">
          {programs.map((p) => {
            const name = l === 'es' ? p.name_es : p.name_en;
            const description = l === 'es' ? p.description_es : p.description_en;
            return (
              <li class="usa-card tablet:grid-col-6" key={p.id}>
                <div class="usa-card__container">
                  <div class="usa-card__header">
                    <h2 class="usa-card__heading">{name}</h2>
                  </div>
                  {description && (
                    <div class="usa-card__body">
                      <p>{description}</p>
                    </div>
                  )}
                  <div class="usa-card__footer">
                    <a
                      class="usa-button"
                      href={`${base}/${p.id}`}
                      aria-label={t('program.startFor', { program: name })}
                    >
                      {t('program.start')}
                    </a>
                  </div>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
