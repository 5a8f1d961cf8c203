/**
 * Charts as accessible SVG rendered on the server: a Vega-Lite spec compiled to Vega, rendered headless to SVG,
 * then given role="img" with a <title> and <desc>, ids made unique per chart, and Vega's inner ARIA removed (the
 * data table beside each chart carries the numbers). No inline styles, so the CSP holds.
 */
import * as vega from 'vega';
import * as vl from 'vega-lite';

export interface ChartText {
  /** Unique on the page (used to prefix ids). */
  id: string;
  title: string;
  description: string;
}

/** Make Vega's SVG an accessible image with a unique id space. Our own renderer's output only, never user HTML. */
export function accessibleSvg(svg: string, t: ChartText): string {
  const escape = (s: string) =>
    s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const body = svg
    // Inner ARIA would compete with the image's own name.
    .replace(/\s(role|aria-roledescription|aria-label|aria-hidden)="[^"]*"/g, '')
    // Presentation attributes are fine under the CSP; a style attribute would be blocked, so drop any.
    .replace(/\sstyle="[^"]*"/g, '')
    .replace(/\sid="([^"]+)"/g, (_m, id: string) => ` id="${t.id}-${id}"`)
    .replace(/url\(#([^)]+)\)/g, (_m, id: string) => `url(#${t.id}-${id})`);
  return body.replace(
    /^<svg([^>]*)>/,
    (_m, attrs: string) =>
      `<svg${attrs.replace(/\s(width|height|class)="[^"]*"/g, '')} role="img" aria-labelledby="${t.id}-title ${t.id}-desc" class="fd-chart">` +
      `<title id="${t.id}-title">${escape(t.title)}</title><desc id="${t.id}-desc">${escape(t.description)}</desc>`,
  );
}

/** Compile and render a Vega-Lite spec to accessible SVG. */
export async function renderChart(spec: vl.TopLevelSpec, t: ChartText): Promise<string> {
  const compiled = vl.compile(spec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    return accessibleSvg(await view.toSVG(), t);
  } finally {
    view.finalize();
  }
}

const base = {
  $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
  width: 560,
  height: 260,
  background: 'white',
  config: { font: 'Source Sans Pro, Helvetica, Arial, sans-serif', axis: { labelFontSize: 12, titleFontSize: 13 } },
} as const;

export interface TrendPoint {
  period: string;
  group: string;
  value: number;
  low: number;
  high: number;
}

/** Mean score per period and group with its 95% interval as error bars. */
export function trendSpec(points: TrendPoint[], axis: { x: string; y: string; group: string }): vl.TopLevelSpec {
  const x = { field: 'period', type: 'ordinal', title: axis.x, axis: { labelAngle: 0 } } as const;
  const color = { field: 'group', type: 'nominal', title: axis.group } as const;
  return {
    ...base,
    data: { values: points },
    layer: [
      {
        mark: { type: 'line', point: { size: 50 } },
        encoding: { x, y: { field: 'value', type: 'quantitative', title: axis.y, scale: { domain: [1, 5] } }, color },
      },
      {
        mark: { type: 'errorbar' },
        encoding: { x, y: { field: 'low', type: 'quantitative', title: axis.y }, y2: { field: 'high' }, color },
      },
    ],
  };
}

export interface ImportancePoint {
  driver: string;
  performance: number;
  importance: number;
}

/** Importance (y) against performance (x): drivers high and to the left are where to act first. */
export function importanceSpec(points: ImportancePoint[], axis: { x: string; y: string }): vl.TopLevelSpec {
  const x = { field: 'performance', type: 'quantitative', title: axis.x, scale: { zero: false } } as const;
  const y = { field: 'importance', type: 'quantitative', title: axis.y, axis: { format: '%' } } as const;
  return {
    ...base,
    data: { values: points },
    layer: [
      { mark: { type: 'point', filled: true, size: 90, color: '#005ea2' }, encoding: { x, y } },
      {
        mark: { type: 'text', align: 'left', dx: 8, dy: -6, fontSize: 12, color: '#1b1b1b' },
        encoding: { x, y, text: { field: 'driver', type: 'nominal' } },
      },
    ],
  };
}
