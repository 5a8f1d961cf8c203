import { Select, TextInput, type PageContext } from '../../platform/views/index.js';
import { feedbackMessages } from '../messages.js';
import { FeedbackMenu } from './dashboard-page.js';

/** Downloads: the A-11 quarterly CSV and the raw responses CSV (GET forms, so they work without JavaScript). */
export function ExportsPage({
  ctx,
  quarters,
  from,
  to,
}: {
  ctx: PageContext;
  quarters: string[];
  from: string;
  to: string;
}) {
  const t = feedbackMessages.for(ctx.locale);
  return (
    <>
      <h1>{t('exports.title')}</h1>
      <FeedbackMenu locale={ctx.locale} current="/staff/feedback/exports" />
      <p>{t('exports.intro')}</p>
      <h2>{t('exports.a11Heading')}</h2>
      <p>{t('exports.a11Text')}</p>
      <form class="usa-form" method="get" action="/staff/feedback/exports/a11.csv">
        <Select
          name="quarter"
          label={t('exports.quarter')}
          value={quarters[0]}
          options={quarters.map((q) => ({ value: q, label: q }))}
        />
        <button type="submit" class="usa-button margin-top-2">
          {t('exports.downloadA11')}
        </button>
      </form>
      <h2 class="margin-top-5">{t('exports.rawHeading')}</h2>
      <p>{t('exports.rawText')}</p>
      <form class="usa-form" method="get" action="/staff/feedback/exports/responses.csv">
        <TextInput name="from" label={t('filters.from')} type="date" value={from} width="md" />
        <TextInput name="to" label={t('filters.to')} type="date" value={to} width="md" />
        <button type="submit" class="usa-button margin-top-2">
          {t('exports.downloadRaw')}
        </button>
      </form>
      <h2 class="margin-top-5">{t('exports.apiHeading')}</h2>
      <p>{t('exports.apiText')}</p>
      <pre>GET /api/v1/feedback/a11-export?quarter={quarters[0]}</pre>
    </>
  );
}
