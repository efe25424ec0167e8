import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../src/core/random.js';
import { mixedRow, sampleMatrix, sobolIndices } from '../src/core/sobol.js';

/** Run a model through Saltelli's design and estimate its indices. */
function estimate(model: (x: Float64Array) => number, factors: { id: string; dims: number }[], n: number, seed: number) {
  const random = mulberry32(seed);
  const dims = factors.reduce((s, f) => s + f.dims, 0);
  const a = sampleMatrix(random, n, dims);
  const b = sampleMatrix(random, n, dims);
  const row = (m: Float64Array, j: number) => m.subarray(j * dims, (j + 1) * dims);
  const fa = Float64Array.from({ length: n }, (_, j) => model(row(a, j)));
  const fb = Float64Array.from({ length: n }, (_, j) => model(row(b, j)));
  let start = 0;
  const fab = factors.map((f) => {
    const out = Float64Array.from({ length: n }, (_, j) => model(mixedRow(a, b, dims, j, start, f.dims)));
    start += f.dims;
    return out;
  });
  return sobolIndices(factors, fa, fb, fab, 100, random);
}

describe('Sobol indices (Saltelli design, Jansen total)', () => {
  it('recovers the analytic indices of an additive model: S_i = a_i² / Σ a_j², equal to the totals', () => {
    // f = x1 + 2 x2 + 0 x3 with uniform inputs: variances 1/12, 4/12, 0.
    const result = estimate((x) => x[0]! + 2 * x[1]!, [{ id: 'x1', dims: 1 }, { id: 'x2', dims: 1 }, { id: 'x3', dims: 1 }], 4000, 3);
    const [x1, x2, x3] = result.indices;
    // Saltelli's first-order estimator is the noisier of the two (it does not centre the output).
    expect(Math.abs(x1!.first - 0.2)).toBeLessThan(0.08);
    expect(Math.abs(x2!.first - 0.8)).toBeLessThan(0.08);
    expect(x1!.total).toBeCloseTo(0.2, 1);
    expect(x2!.total).toBeCloseTo(0.8, 1);
    // an input the model ignores gets exactly 0: f(A_B^(3)) = f(A) row by row
    expect(x3).toMatchObject({ first: 0, total: 0, firstInterval: [0, 0], totalInterval: [0, 0] });
    for (const x of result.indices) {
      expect(x.firstInterval[0]).toBeLessThanOrEqual(x.first + 1e-9);
      expect(x.totalInterval[1]).toBeGreaterThanOrEqual(x.total - 1e-9);
    }
  });

  it('sees interactions: for f = x1 · x2 the totals exceed the first-order indices', () => {
    // Analytic: S1 = S2 = 3/7 ≈ 0.43, ST1 = ST2 = 4/7 ≈ 0.57 for x uniform on [0, 1].
    const result = estimate((x) => x[0]! * x[1]!, [{ id: 'x1', dims: 1 }, { id: 'x2', dims: 1 }], 8000, 5);
    for (const x of result.indices) {
      expect(x.first).toBeCloseTo(3 / 7, 1);
      expect(x.total).toBeCloseTo(4 / 7, 1);
    }
  });

  it('treats a factor of several columns as one group', () => {
    const result = estimate((x) => x[0]! + x[1]! + x[2]!, [{ id: 'weights', dims: 2 }, { id: 'other', dims: 1 }], 4000, 7);
    expect(result.indices[0]!.first).toBeCloseTo(2 / 3, 1);
    expect(result.indices[1]!.first).toBeCloseTo(1 / 3, 1);
  });

  it('gives 0 everywhere for a constant output, and the same numbers for the same seed', () => {
    const constant = estimate(() => 5, [{ id: 'x', dims: 1 }], 50, 1);
    expect(constant.variance).toBe(0);
    expect(constant.indices[0]).toMatchObject({ first: 0, total: 0 });
    const f = (x: Float64Array) => Math.sin(x[0]! * 3) + x[1]! ** 2;
    const factors = [{ id: 'a', dims: 1 }, { id: 'b', dims: 1 }];
    expect(JSON.stringify(estimate(f, factors, 300, 11))).toBe(JSON.stringify(estimate(f, factors, 300, 11)));
    expect(JSON.stringify(estimate(f, factors, 300, 12))).not.toBe(JSON.stringify(estimate(f, factors, 300, 11)));
  });
});
