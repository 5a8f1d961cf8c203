/**
 * The statistics behind the CX dashboard, written out so they can be checked: means with Student-t intervals,
 * Wilson intervals for shares, Welch intervals for differences of means, and Johnson's relative weights (the
 * importance of correlated drivers) with percentile bootstrap intervals from a seeded generator. Pure functions.
 */

/** An estimate with its 95% interval. */
export interface Estimate {
  value: number;
  low: number;
  high: number;
}

const Z975 = 1.959963984540054;

/** The 97.5% quantile of Student's t with `df` degrees of freedom (Cornish–Fisher series; exact to ~1e-4 for df ≥ 3). */
export function tQuantile975(df: number): number {
  if (!Number.isFinite(df) || df > 1e7) return Z975;
  if (df <= 1) return 12.706204736174698;
  if (df <= 2) return 4.302652729749464;
  const z = Z975;
  const z3 = z ** 3;
  const z5 = z ** 5;
  const z7 = z ** 7;
  const z9 = z ** 9;
  return (
    z +
    (z3 + z) / (4 * df) +
    (5 * z5 + 16 * z3 + 3 * z) / (96 * df ** 2) +
    (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * df ** 3) +
    (79 * z9 + 776 * z7 + 1482 * z5 - 1920 * z3 - 945 * z) / (92160 * df ** 4)
  );
}

export function mean(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return xs.length === 0 ? Number.NaN : s / xs.length;
}

/** Sample variance (n − 1). */
export function variance(xs: readonly number[]): number {
  if (xs.length < 2) return Number.NaN;
  const m = mean(xs);
  let s = 0;
  for (const x of xs) s += (x - m) ** 2;
  return s / (xs.length - 1);
}

/** The mean with a 95% Student-t interval. */
export function meanInterval(xs: readonly number[]): Estimate {
  const m = mean(xs);
  if (xs.length < 2) return { value: m, low: Number.NaN, high: Number.NaN };
  const half = tQuantile975(xs.length - 1) * Math.sqrt(variance(xs) / xs.length);
  return { value: m, low: m - half, high: m + half };
}

/** A share `k / n` with its 95% Wilson score interval (well behaved near 0 and 1). */
export function proportionInterval(k: number, n: number): Estimate {
  if (n === 0) return { value: Number.NaN, low: Number.NaN, high: Number.NaN };
  const p = k / n;
  const z2 = Z975 ** 2;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (Z975 * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  return { value: p, low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/** mean(a) − mean(b) with a 95% Welch interval (unequal variances, Welch–Satterthwaite degrees of freedom). */
export function differenceInterval(a: readonly number[], b: readonly number[]): Estimate {
  const d = mean(a) - mean(b);
  if (a.length < 2 || b.length < 2) return { value: d, low: Number.NaN, high: Number.NaN };
  const va = variance(a) / a.length;
  const vb = variance(b) / b.length;
  const se = Math.sqrt(va + vb);
  if (se === 0) return { value: d, low: d, high: d };
  const df = (va + vb) ** 2 / (va ** 2 / (a.length - 1) + vb ** 2 / (b.length - 1));
  const half = tQuantile975(df) * se;
  return { value: d, low: d - half, high: d + half };
}

/** A seeded generator (mulberry32): the same seed gives the same bootstrap, so pages and tests are repeatable. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Matrix = number[][];

const at = (m: Matrix, i: number, j: number): number => m[i]?.[j] ?? 0;

function zeros(n: number, k = n): Matrix {
  return Array.from({ length: n }, () => new Array<number>(k).fill(0));
}

/** Pearson correlations between the columns of `rows` (a constant column correlates 0 with the others). */
export function correlationMatrix(rows: readonly (readonly number[])[]): Matrix {
  const k = rows[0]?.length ?? 0;
  const n = rows.length;
  const means = Array.from({ length: k }, (_, j) => mean(rows.map((r) => r[j] ?? 0)));
  const cov = zeros(k);
  for (const r of rows)
    for (let i = 0; i < k; i++)
      for (let j = i; j < k; j++) {
        const row = cov[i];
        if (row) row[j] = (row[j] ?? 0) + ((r[i] ?? 0) - (means[i] ?? 0)) * ((r[j] ?? 0) - (means[j] ?? 0));
      }
  const out = zeros(k);
  for (let i = 0; i < k; i++)
    for (let j = i; j < k; j++) {
      const denom = Math.sqrt(at(cov, i, i) * at(cov, j, j));
      const c = i === j ? 1 : n < 2 || denom === 0 ? 0 : at(cov, i, j) / denom;
      const ri = out[i];
      const rj = out[j];
      if (ri) ri[j] = c;
      if (rj) rj[i] = c;
    }
  return out;
}

/**
 * Eigenvalues and eigenvectors of a symmetric matrix by cyclic Jacobi rotations.
 * Returns `values[i]` with its eigenvector in column i of `vectors`.
 */
export function jacobiEigen(
  input: Matrix,
  o: { tolerance?: number; maxSweeps?: number } = {},
): {
  values: number[];
  vectors: Matrix;
} {
  const n = input.length;
  const a = input.map((r) => [...r]);
  const v = zeros(n);
  for (let i = 0; i < n; i++) {
    const r = v[i];
    if (r) r[i] = 1;
  }
  const tol = o.tolerance ?? 1e-12;
  for (let sweep = 0; sweep < (o.maxSweeps ?? 100); sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += at(a, p, q) ** 2;
    if (off < tol) break;
    for (let p = 0; p < n; p++)
      for (let q = p + 1; q < n; q++) {
        const apq = at(a, p, q);
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (at(a, q, q) - at(a, p, p)) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = at(a, k, p);
          const akq = at(a, k, q);
          set(a, k, p, c * akp - s * akq);
          set(a, k, q, s * akp + c * akq);
        }
        for (let k = 0; k < n; k++) {
          const apk = at(a, p, k);
          const aqk = at(a, q, k);
          set(a, p, k, c * apk - s * aqk);
          set(a, q, k, s * apk + c * aqk);
        }
        for (let k = 0; k < n; k++) {
          const vkp = at(v, k, p);
          const vkq = at(v, k, q);
          set(v, k, p, c * vkp - s * vkq);
          set(v, k, q, s * vkp + c * vkq);
        }
      }
  }
  return { values: Array.from({ length: n }, (_, i) => at(a, i, i)), vectors: v };
}

function set(m: Matrix, i: number, j: number, value: number): void {
  const r = m[i];
  if (r) r[j] = value;
}

/** V diag(f(λ)) Vᵀ: a function of a symmetric matrix through its eigen-decomposition. */
function spectralFunction(values: number[], vectors: Matrix, f: (lambda: number) => number): Matrix {
  const n = values.length;
  const out = zeros(n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += at(vectors, i, k) * f(values[k] ?? 0) * at(vectors, j, k);
      set(out, i, j, s);
    }
  return out;
}

/** Johnson's relative weights: each driver's share of the explained variance in the outcome. */
export interface RelativeWeights {
  /** Raw weights ε_j (they sum to R²). */
  raw: number[];
  /** Raw weights as a share of R² (sum to 1). */
  rescaled: number[];
  rSquared: number;
}

const EIGEN_FLOOR = 1e-10;

/**
 * Johnson (2000): with R_xx = V diag(λ) Vᵀ, Λ = V diag(√λ) Vᵀ relates the drivers to their closest orthogonal
 * counterparts; β = Λ⁻¹ r_xy regresses the outcome on those; ε_j = Σ_k Λ_jk² β_k².
 * `drivers[i]` holds respondent i's driver scores; `outcome[i]` their outcome.
 */
export function relativeWeights(drivers: readonly (readonly number[])[], outcome: readonly number[]): RelativeWeights {
  const k = drivers[0]?.length ?? 0;
  const all = correlationMatrix(drivers.map((row, i) => [...row, outcome[i] ?? 0]));
  const rxx = all.slice(0, k).map((r) => r.slice(0, k));
  const rxy = all.slice(0, k).map((r) => r[k] ?? 0);
  const { values, vectors } = jacobiEigen(rxx);
  const lambda = spectralFunction(values, vectors, (l) => Math.sqrt(Math.max(l, EIGEN_FLOOR)));
  const lambdaInv = spectralFunction(values, vectors, (l) => 1 / Math.sqrt(Math.max(l, EIGEN_FLOOR)));
  const beta = Array.from({ length: k }, (_, i) => rxy.reduce((s, r, j) => s + at(lambdaInv, i, j) * r, 0));
  const raw = Array.from({ length: k }, (_, j) => beta.reduce((s, b, m) => s + at(lambda, j, m) ** 2 * b ** 2, 0));
  const rSquared = beta.reduce((s, b) => s + b * b, 0);
  return { raw, rescaled: raw.map((w) => (rSquared > 0 ? w / rSquared : 0)), rSquared };
}

/** Relative weights (rescaled, as shares of R²) with 95% percentile bootstrap intervals. */
export function relativeWeightsWithIntervals(
  drivers: readonly (readonly number[])[],
  outcome: readonly number[],
  o: { resamples?: number; seed?: number } = {},
): { weights: Estimate[]; rSquared: number } {
  const base = relativeWeights(drivers, outcome);
  const k = base.raw.length;
  const n = drivers.length;
  const random = seededRandom(o.seed ?? 20_240_601);
  const samples: number[][] = Array.from({ length: k }, () => []);
  for (let b = 0; b < (o.resamples ?? 400); b++) {
    const xs: (readonly number[])[] = [];
    const ys: number[] = [];
    for (let i = 0; i < n; i++) {
      const pick = Math.floor(random() * n);
      xs.push(drivers[pick] ?? []);
      ys.push(outcome[pick] ?? 0);
    }
    const w = relativeWeights(xs, ys).rescaled;
    for (let j = 0; j < k; j++) samples[j]?.push(w[j] ?? 0);
  }
  const weights = base.rescaled.map((value, j) => {
    const s = [...(samples[j] ?? [])].sort((x, y) => x - y);
    return { value, low: percentile(s, 0.025), high: percentile(s, 0.975) };
  });
  return { weights, rSquared: base.rSquared };
}

/** Linear-interpolated percentile of sorted values. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const pos = (sorted.length - 1) * p;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo] ?? Number.NaN;
  const b = sorted[hi] ?? Number.NaN;
  return a + (b - a) * (pos - lo);
}
