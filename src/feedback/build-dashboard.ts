/** The dashboard's content: the insight numbers for a filter, and the two charts drawn from the showable cells only. */
import type { Locale } from '../platform/i18n/index.js';
import type { ModuleDeps } from '../platform/module.js';
import { importanceSpec, renderChart, trendSpec, type TrendPoint } from './charts.js';
import { driverGaps, driverPerformance, likertImportance, responseRates, trend } from './insight.js';
import { loadInsightData, loadLabels, type InsightFilter } from './load-insight.js';
import { feedbackMessages } from './messages.js';
import { DIMENSION_KEYS, MEASURE_KEYS, type DashboardProps } from './views/dashboard-page.js';
import { LIKERT_KEYS } from './views/survey-page.js';

export async function buildDashboard(
  deps: Pick<ModuleDeps, 'db' | 'config'>,
  filter: InsightFilter,
  locale: Locale,
): Promise<Omit<DashboardProps, 'ctx'>> {
  const t = feedbackMessages.for(locale);
  const labels = await loadLabels(deps.db.kysely, locale);
  const data = await loadInsightData(deps, filter);
  const cells = trend(data.responses, filter);
  const measure = t(MEASURE_KEYS[filter.measure]);
  const dimension = t(DIMENSION_KEYS[filter.by]);
  const points: TrendPoint[] = cells.flatMap((c) =>
    c.cell.suppressed
      ? []
      : [
          {
            period: c.period,
            group: labels.group(filter.by, c.group),
            value: c.cell.value,
            low: c.cell.low,
            high: c.cell.high,
          },
        ],
  );
  const trendSvg =
    points.length === 0
      ? null
      : await renderChart(trendSpec(points, { x: t('col.period'), y: measure, group: dimension }), {
          id: 'chart-trend',
          title: t('insight.trendHeading', { measure, dimension }),
          description: t('chart.trendDesc', { measure, dimension }),
        });
  const likert = likertImportance(data.responses);
  const importanceSvg = likert.suppressed
    ? null
    : await renderChart(
        importanceSpec(
          likert.drivers.map((d) => ({
            driver: t(LIKERT_KEYS[d.driver]).replace(/\.$/, ''),
            performance: d.performance.value,
            importance: d.importance.value,
          })),
          { x: t('chart.performanceAxis'), y: t('chart.importanceAxis') },
        ),
        { id: 'chart-importance', title: t('insight.importanceHeading'), description: t('chart.importanceDesc') },
      );
  return {
    filter,
    labels,
    trend: cells,
    trendSvg,
    rates: responseRates(data.responses, data.offers, data.transactions, filter.by),
    performance: driverPerformance(data.responses),
    gaps: driverGaps(data.responses),
    likert,
    importanceSvg,
  };
}
