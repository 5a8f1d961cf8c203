/** The pulse's periods for each schedule, in the agency's zone, and where each period starts. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { periodStart, pulsePeriod, pulseResults, pulseRowsSince } from './pulse.js';
import type { QuestionRow } from './repository.js';
import type { OpenPulseRow } from './sealed-text.js';

const NY = 'America/New_York';
const at = (iso: string) => Date.parse(iso);

describe('pulse periods', () => {
  it('weekly is the ISO week in the zone (a Sunday evening in New York is still that week)', () => {
    assert.equal(pulsePeriod(at('2026-05-11T03:00:00Z'), NY, 'weekly'), '2026-W19');
    assert.equal(pulsePeriod(at('2026-05-11T05:00:00Z'), NY, 'weekly'), '2026-W20');
  });

  it('every two weeks pairs an odd week with the next; a year-end week 53 stands alone', () => {
    assert.equal(pulsePeriod(at('2026-05-06T15:00:00Z'), NY, 'fortnightly'), '2026-W19');
    assert.equal(pulsePeriod(at('2026-05-13T15:00:00Z'), NY, 'fortnightly'), '2026-W19');
    assert.equal(pulsePeriod(at('2026-05-20T15:00:00Z'), NY, 'fortnightly'), '2026-W21');
    assert.equal(pulsePeriod(at('2026-12-31T15:00:00Z'), NY, 'fortnightly'), '2026-W53');
    assert.equal(pulsePeriod(at('2027-01-06T15:00:00Z'), NY, 'fortnightly'), '2027-W01');
  });

  it('monthly is the month in the zone; off has no period', () => {
    assert.equal(pulsePeriod(at('2026-06-01T02:00:00Z'), NY, 'monthly'), '2026-05');
    assert.equal(pulsePeriod(at('2026-06-01T02:00:00Z'), NY, 'off'), null);
  });

  it('every period has a start date, so periods of different schedules sort and filter together', () => {
    assert.equal(periodStart('2026-W19'), '2026-05-04');
    assert.equal(periodStart('2026-05'), '2026-05-01');
    assert.equal(periodStart('nonsense'), null);
    const row = (period: string): OpenPulseRow => ({
      id: period,
      period,
      role_group: 'site-staff',
      workload: 3,
      tools: 3,
      help_text: null,
      custom_answers: '{}',
    });
    const kept = pulseRowsSince([row('2026-03'), row('2026-W19'), row('2026-05'), row('2026-W10')], '2026-04-15');
    assert.deepEqual(
      kept.map((r) => r.period),
      ['2026-W19', '2026-05'],
    );
    const cells = pulseResults([...Array(5).fill(row('2026-05')), ...Array(5).fill(row('2026-W20'))] as OpenPulseRow[]);
    assert.deepEqual(
      [...new Set(cells.map((c) => c.period))],
      ['2026-W20', '2026-05'],
      'newest period first by start date',
    );
  });

  it("shows a pulse question's answers only from 5 answers of its own, in a shown group", () => {
    const q: QuestionRow = {
      id: 'q1',
      program_id: null,
      kind: 'scale',
      prompt_en: 'Training?',
      prompt_es: '¿Capacitación?',
      active: 1,
      created_at: 0,
      audience: 'staff',
    };
    const rows = Array.from({ length: 6 }, (_, i): OpenPulseRow => ({
      id: String(i),
      period: '2026-W19',
      role_group: 'site-staff',
      workload: 3,
      tools: 3,
      help_text: null,
      custom_answers: i < 4 ? JSON.stringify({ q1: 5 }) : '{}',
    }));
    const [all] = pulseResults(rows, [q]);
    assert.equal(all?.cell.suppressed, false);
    assert.deepEqual(all?.custom.q1, { suppressed: true }, 'four answers are not enough');
    const five = rows.map((r, i) => ({ ...r, custom_answers: i < 5 ? JSON.stringify({ q1: 4 }) : '{}' }));
    const shown = pulseResults(five, [q])[0]?.custom.q1;
    assert.ok(shown && !shown.suppressed && 'estimate' in shown);
    assert.equal(shown.estimate.value, 4);
  });
});
