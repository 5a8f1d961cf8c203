import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toCsv } from '../platform/csv/index.js';
import { accessibleSvg, renderChart, trendSpec } from './charts.js';
import { A11_DRIVERS, encodeDrivers, type A11Driver } from './drivers.js';
import { driverGaps, likertImportance, responseRates, trend } from './insight.js';
import type { ResponseRow } from './repository.js';
import { seededRandom } from './statistics.js';

function row(p: Partial<ResponseRow>): ResponseRow {
  return {
    id: 'r',
    form: 'a11',
    origin: 'visit',
    program_id: 'p',
    site_id: 's',
    channel: 'web',
    language: 'en',
    transaction_date: '2026-05-01',
    trust: 3,
    satisfaction: null,
    effectiveness: null,
    ease: null,
    efficiency: null,
    equity: null,
    employee: null,
    went_well: '',
    not_well: '',
    comment_enc: null,
    comment_well_enc: null,
    custom_answers_enc: '',
    ...p,
  };
}

describe('feedback insight', () => {
  it("on the current form, the driver that determines trust has the largest went-well/didn't gap", () => {
    const random = seededRandom(5);
    const rows: ResponseRow[] = [];
    for (let i = 0; i < 400; i++) {
      const well: A11Driver[] = [];
      const not: A11Driver[] = [];
      for (const d of A11_DRIVERS) {
        const r = random();
        if (r < 0.4) well.push(d);
        else if (r > 0.6) not.push(d);
      }
      // Trust is decided by "humanity" alone; the other ticks are noise.
      const trust = well.includes('humanity') ? 5 : not.includes('humanity') ? 1 : 3;
      rows.push(row({ id: String(i), trust, went_well: encodeDrivers(well), not_well: encodeDrivers(not) }));
    }
    const gaps = driverGaps(rows).filter((g) => !g.difference.suppressed);
    const ranked = [...gaps].sort((a, b) =>
      !a.difference.suppressed && !b.difference.suppressed ? b.difference.value - a.difference.value : 0,
    );
    assert.equal(ranked[0]?.driver, 'humanity');
    const top = ranked[0]?.difference;
    const second = ranked[1]?.difference;
    assert.ok(top && !top.suppressed && second && !second.suppressed);
    assert.ok(top.low > second.high, 'its interval clears the runner-up');
  });

  it('on the Likert set, the driver that determines trust ranks first', () => {
    const random = seededRandom(11);
    const s = () => 1 + Math.floor(random() * 5);
    const rows = Array.from({ length: 200 }, (_, i) => {
      const ease = s();
      return row({
        id: String(i),
        form: 'likert',
        ease,
        effectiveness: s(),
        efficiency: s(),
        equity: s(),
        employee: s(),
        trust: ease,
      });
    });
    const r = likertImportance(rows, { resamples: 100 });
    assert.equal(r.suppressed, false);
    if (r.suppressed) return;
    const top = [...r.drivers].sort((a, b) => b.importance.value - a.importance.value)[0];
    assert.equal(top?.driver, 'ease');
  });

  it('trend cells under 10 responses carry no value', () => {
    const rows = [
      ...Array.from({ length: 10 }, (_, i) => row({ id: `w${i}`, channel: 'web', trust: 4 })),
      ...Array.from({ length: 9 }, (_, i) => row({ id: `p${i}`, channel: 'phone', trust: 1 })),
    ];
    const cells = trend(rows, { by: 'channel', grain: 'month', measure: 'trust' });
    assert.deepEqual(
      cells.map((c) => [c.group, c.cell.suppressed]),
      [
        ['phone', true],
        ['web', false],
      ],
    );
    assert.deepEqual(Object.keys(cells[0]?.cell ?? {}), ['suppressed']);
  });

  it('response rates: transactions and offers always, responses and rate only from 10 responses', () => {
    const ctx = (channel: string) => ({
      program_id: 'p',
      site_id: 's',
      channel,
      language: 'en',
      transaction_date: '2026-05-01',
    });
    const rates = responseRates(
      Array.from({ length: 10 }, () => ctx('web')),
      Array.from({ length: 40 }, () => ctx('web')),
      Array.from({ length: 50 }, () => ctx('web')),
      'channel',
    );
    const web = rates[0];
    assert.ok(web && !web.responses.suppressed);
    assert.equal(web.transactions, 50);
    assert.equal(web.offered, 40);
    assert.equal(web.responses.rate?.value, 0.25);
  });

  it('charts are images with a title and description, unique ids and no style attributes', async () => {
    const svg = await renderChart(
      trendSpec([{ period: '2026-05', group: 'Web', value: 4, low: 3.5, high: 4.5 }], {
        x: 'Month',
        y: 'Trust',
        group: 'Channel',
      }),
      { id: 'c1', title: 'Trust <by> channel', description: 'A line chart' },
    );
    assert.match(svg, /^<svg[^>]* role="img" aria-labelledby="c1-title c1-desc" class="fd-chart">/);
    assert.match(svg, /<title id="c1-title">Trust &lt;by&gt; channel<\/title>/);
    assert.doesNotMatch(svg, /style=/);
    assert.equal(
      accessibleSvg('<svg width="2" style="x"><g id="a" clip-path="url(#a)"/></svg>', {
        id: 'k',
        title: 't',
        description: 'd',
      }).includes('id="k-a" clip-path="url(#k-a)"'),
      true,
    );
  });

  it('CSV cells that a spreadsheet would run as formulas are neutralised', () => {
    assert.equal(toCsv([['=1+1', 'a,b', -3, null]]), '\'=1+1,"a,b",-3,\r\n');
  });
});
