import { round } from './numbers.js';
import type { Random } from './random.js';

/**
 * Variance-based sensitivity: which assumption drives the variance of a model's output.
 *
 * Sampling and estimators follow Saltelli, Annoni, Azzini, Campolongo, Ratto and Tarantola,
 * "Variance based sensitivity analysis of model output. Design and estimator for the total
 * sensitivity index", Computer Physics Communications 181 (2010) 259–270: two independent sample
 * matrices A and B (N rows, one column per input dimension) and, for each factor i, the matrix
 * A_B^(i) — A with the columns of factor i taken from B — so N × (k + 2) model runs give every
 * first-order and total index. The estimators are the ones Saltelli et al. recommend (their Table 2):
 * their own for the first-order index and Jansen's for the total index (M. J. W. Jansen, "Analysis
 * of variance designs for model output", Computer Physics Communications 117 (1999) 35–43), which
 * they found the most efficient; SALib uses the same pair:
 *
 *     S_i  = 1/N Σ_j f(B)_j (f(A_B^(i))_j − f(A)_j) / V
 *     ST_i = 1/(2N) Σ_j (f(A)_j − f(A_B^(i))_j)² / V
 *
 * with V the variance of f over the rows of A and B together. A factor may span several columns (all
 * the weights are one assumption): grouped indices, read the same way. Intervals come from a
 * bootstrap over the N rows (Archer, Saltelli and Sobol, J. Stat. Comput. Simul. 58 (1997)), the
 * 5th and 95th percentiles of the resampled estimates. Pure: the random source is a parameter.
 */

export interface SobolFactor {
  id: string;
  /** How many columns of the sample this factor takes. */
  dims: number;
}

/** N rows of `dims` uniform numbers in [0, 1), row after row, drawn in that order from `random`. */
export function sampleMatrix(random: Random, rows: number, dims: number): Float64Array {
  const m = new Float64Array(rows * dims);
  for (let i = 0; i < m.length; i++) m[i] = random();
  return m;
}

/** Row j of A_B^(i): row j of A with the columns of factor `f` (starting at column `start`) from B. */
export function mixedRow(a: Float64Array, b: Float64Array, dims: number, row: number, start: number, width: number): Float64Array {
  const out = a.slice(row * dims, (row + 1) * dims);
  for (let c = start; c < start + width; c++) out[c] = b[row * dims + c]!;
  return out;
}

export interface SobolIndex {
  id: string;
  /** First-order index: the share of variance this assumption causes on its own. */
  first: number;
  firstInterval: [number, number];
  /** Total index: its share including every interaction with the others. */
  total: number;
  totalInterval: [number, number];
}

export interface SobolEstimate {
  /** The variance of the output over the rows of A and B. */
  variance: number;
  indices: SobolIndex[];
}

function variance(fa: ArrayLike<number>, fb: ArrayLike<number>, rows: ArrayLike<number>): number {
  let sum = 0;
  let squares = 0;
  const n = rows.length;
  for (let k = 0; k < n; k++) {
    const j = rows[k]!;
    sum += fa[j]! + fb[j]!;
    squares += fa[j]! * fa[j]! + fb[j]! * fb[j]!;
  }
  const mean = sum / (2 * n);
  return Math.max(0, squares / (2 * n) - mean * mean);
}

/** Saltelli's first-order and Jansen's total estimate for one factor over the given rows. */
function estimate(fa: ArrayLike<number>, fb: ArrayLike<number>, fab: ArrayLike<number>, rows: ArrayLike<number>, v: number): [number, number] {
  if (v <= 0) return [0, 0];
  let first = 0;
  let total = 0;
  const n = rows.length;
  for (let k = 0; k < n; k++) {
    const j = rows[k]!;
    const da = fab[j]! - fa[j]!;
    first += fb[j]! * da;
    total += da * da;
  }
  return [first / n / v, total / (2 * n) / v];
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((x, y) => x - y);
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/**
 * First-order and total indices from the model's outputs on A, B and each A_B^(i) (`fab[i]`, in
 * factor order), with `resamples` bootstrap replicates drawn from `random` for the intervals.
 * A constant output (zero variance) gives every index 0: no assumption moves it.
 */
export function sobolIndices(
  factors: readonly SobolFactor[],
  fa: ArrayLike<number>,
  fb: ArrayLike<number>,
  fab: readonly ArrayLike<number>[],
  resamples: number,
  random: Random,
): SobolEstimate {
  const n = fa.length;
  const all = Uint32Array.from({ length: n }, (_, j) => j);
  const v = variance(fa, fb, all);
  const point = factors.map((_, i) => estimate(fa, fb, fab[i]!, all, v));
  const firsts: number[][] = factors.map(() => []);
  const totals: number[][] = factors.map(() => []);
  const rows = new Uint32Array(n);
  for (let r = 0; r < resamples; r++) {
    for (let k = 0; k < n; k++) rows[k] = Math.min(n - 1, Math.floor(random() * n));
    const vr = variance(fa, fb, rows);
    factors.forEach((_, i) => {
      const [s, st] = estimate(fa, fb, fab[i]!, rows, vr);
      firsts[i]!.push(s);
      totals[i]!.push(st);
    });
  }
  const bounds = (xs: number[], x: number): [number, number] =>
    xs.length ? [round(percentile(xs, 0.05), 3), round(percentile(xs, 0.95), 3)] : [round(x, 3), round(x, 3)];
  return {
    variance: round(v, 4),
    indices: factors.map((f, i) => ({
      id: f.id,
      first: round(point[i]![0], 3),
      firstInterval: bounds(firsts[i]!, point[i]![0]),
      total: round(point[i]![1], 3),
      totalInterval: bounds(totals[i]!, point[i]![1]),
    })),
  };
}
