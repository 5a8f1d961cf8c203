import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  correlationMatrix,
  differenceInterval,
  jacobiEigen,
  meanInterval,
  proportionInterval,
  relativeWeights,
  relativeWeightsWithIntervals,
  seededRandom,
  tQuantile975,
} from './statistics.js';

const close = (a: number, b: number, tol: number, msg?: string) =>
  assert.ok(Math.abs(a - b) <= tol, `${msg ?? ''} expected ${b} ± ${tol}, got ${a}`);

/** Likert-like synthetic data: `key` determines the outcome by construction; the other drivers are noise. */
function synthetic(n: number, key: number, k: number, seed: number) {
  const random = seededRandom(seed);
  const drivers: number[][] = [];
  const outcome: number[] = [];
  for (let i = 0; i < n; i++) {
    const row = Array.from({ length: k }, () => 1 + Math.floor(random() * 5));
    drivers.push(row);
    // Trust follows the key driver, with a small chance of being one point off.
    const noise = random() < 0.2 ? (random() < 0.5 ? -1 : 1) : 0;
    outcome.push(Math.min(5, Math.max(1, (row[key] ?? 3) + noise)));
  }
  return { drivers, outcome };
}

describe('feedback statistics', () => {
  it('Student t quantiles match the tables', () => {
    close(tQuantile975(9), 2.262157, 2e-3);
    close(tQuantile975(30), 2.042272, 1e-4);
    close(tQuantile975(100), 1.983972, 1e-5);
    close(tQuantile975(Number.POSITIVE_INFINITY), 1.959964, 1e-6);
  });

  it('a mean interval contains the mean, shrinks with n, and is exact for a known sample', () => {
    const xs = [1, 2, 3, 4, 5, 1, 2, 3, 4, 5];
    const e = meanInterval(xs);
    assert.equal(e.value, 3);
    // sd = 1.4907, se = 0.4714, t(9) = 2.2622 → half-width 1.0664
    close(e.high - e.value, 1.0664, 2e-3);
    const wide = meanInterval(xs).high - meanInterval(xs).low;
    const narrow = meanInterval([...xs, ...xs, ...xs, ...xs]).high - meanInterval([...xs, ...xs, ...xs, ...xs]).low;
    assert.ok(narrow < wide);
  });

  it('Wilson intervals stay inside [0, 1] and match the reference value', () => {
    const e = proportionInterval(5, 10);
    close(e.low, 0.2366, 1e-3);
    close(e.high, 0.7634, 1e-3);
    const zero = proportionInterval(0, 20);
    assert.equal(zero.low, 0);
    assert.ok(zero.high > 0 && zero.high < 0.2);
  });

  it('a Welch interval excludes zero for clearly different groups and includes it for equal ones', () => {
    const hi = [5, 5, 4, 5, 4, 5, 5, 4, 5, 5, 4, 5];
    const lo = [2, 1, 2, 3, 2, 1, 2, 2, 3, 1, 2, 2];
    const d = differenceInterval(hi, lo);
    assert.ok(d.low > 0 && d.value > 2);
    const same = differenceInterval(hi, [...hi].reverse());
    assert.ok(same.low < 0 && same.high > 0);
  });

  it('Jacobi finds the eigenvalues and orthonormal eigenvectors of a symmetric matrix', () => {
    const { values, vectors } = jacobiEigen([
      [4, 1, 2],
      [1, 3, 0],
      [2, 0, 5],
    ]);
    const sorted = [...values].sort((a, b) => a - b);
    // Characteristic polynomial λ³ − 12λ² + 42λ − 43 = 0
    for (const l of sorted) close(l ** 3 - 12 * l ** 2 + 42 * l - 43, 0, 1e-8);
    close(
      values.reduce((s, v) => s + v, 0),
      12,
      1e-9,
    );
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 3; j++) {
        const dot = [0, 1, 2].reduce((s, k) => s + (vectors[k]?.[i] ?? 0) * (vectors[k]?.[j] ?? 0), 0);
        close(dot, i === j ? 1 : 0, 1e-9);
      }
  });

  it('a correlation matrix has a unit diagonal and treats a constant column as uncorrelated', () => {
    const r = correlationMatrix([
      [1, 2, 3],
      [2, 4, 3],
      [3, 6.5, 3],
    ]);
    assert.deepEqual(
      r.map((row, i) => row[i]),
      [1, 1, 1],
    );
    assert.ok((r[0]?.[1] ?? 0) > 0.99);
    assert.equal(r[0]?.[2], 0);
  });

  it('relative weights of uncorrelated drivers are their squared correlations and sum to R²', () => {
    // Two orthogonal, centred drivers: y = 2a + b.
    const drivers = [
      [1, 1],
      [1, -1],
      [-1, 1],
      [-1, -1],
    ];
    const y = drivers.map(([a = 0, b = 0]) => 2 * a + b);
    const w = relativeWeights(drivers, y);
    close(w.rSquared, 1, 1e-9);
    close(w.raw[0] ?? 0, 0.8, 1e-9);
    close(w.raw[1] ?? 0, 0.2, 1e-9);
    close(
      w.raw.reduce((s, v) => s + v, 0),
      w.rSquared,
      1e-9,
    );
  });

  it('ranks first the driver that determines trust by construction, with a bootstrap interval clear of the rest', () => {
    const { drivers, outcome } = synthetic(300, 2, 5, 7);
    const r = relativeWeightsWithIntervals(drivers, outcome, { resamples: 200, seed: 1 });
    const order = r.weights.map((w, i) => ({ i, v: w.value })).sort((a, b) => b.v - a.v);
    assert.equal(order[0]?.i, 2);
    const key = r.weights[2];
    assert.ok(key && key.low > 0.8, `key driver weight ${JSON.stringify(key)}`);
    for (const [i, w] of r.weights.entries()) {
      assert.ok(w.low <= w.value && w.value <= w.high, `interval ${i} brackets its estimate`);
      if (i !== 2) assert.ok(w.high < (key?.low ?? 0), `driver ${i} interval stays below the key driver's`);
    }
    const sum = r.weights.reduce((s, w) => s + w.value, 0);
    close(sum, 1, 1e-9);
  });

  it('the bootstrap is repeatable for a seed', () => {
    const { drivers, outcome } = synthetic(120, 0, 3, 3);
    const a = relativeWeightsWithIntervals(drivers, outcome, { resamples: 50, seed: 9 });
    const b = relativeWeightsWithIntervals(drivers, outcome, { resamples: 50, seed: 9 });
    assert.deepEqual(a, b);
  });
});
