import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aggregate, scoreEvents } from '../src/core/engine.js';
import type { ScoreReport } from '../src/core/report.js';
import type { IndicatorSet } from '../src/core/types.js';
import { runCli } from './helpers/cli.js';
import { setAtSaturation3, ev } from './helpers/fixtures.js';

const geometric = { aggregation: 'geometric' } as const;
const arithmetic = { aggregation: 'arithmetic' } as const;
const withMethod = (set: IndicatorSet, method: Partial<IndicatorSet['method']>): IndicatorSet => ({ ...set, method: { ...set.method, ...method } });

describe('geometric aggregation (weighted geometric mean of score + 1, minus 1)', () => {
  it('worked values: a 0 beside a 100 limits the composite without erasing it', () => {
    expect(aggregate([0, 100], [1, 1], geometric)).toBeCloseTo(Math.sqrt(101) - 1, 10); // 9.05, not 50
    expect(aggregate([0, 100], [1, 1], arithmetic)).toBe(50);
    expect(aggregate([0, 0, 0], [1, 2, 3], geometric)).toBe(0);
    expect(aggregate([100, 100], [3, 1], geometric)).toBe(100);
    expect(aggregate([40, 40, 40], [5, 1, 1], geometric)).toBeCloseTo(40, 10);
    expect(aggregate([10, 20], [0, 0], geometric)).toBe(0);
  });

  it('is never above the arithmetic mean, equal when all scores are equal, and stays in 0..100', () => {
    const scores = fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(scores, fc.array(fc.double({ min: 0.01, max: 50, noNaN: true }), { minLength: 12, maxLength: 12 }), (s, w) => {
        const g = aggregate(s, w, geometric);
        const a = aggregate(s, w, arithmetic);
        expect(g).toBeLessThanOrEqual(a + 1e-9);
        expect(g).toBeGreaterThanOrEqual(0);
        expect(g).toBeLessThanOrEqual(100);
      }),
      { numRuns: 500 },
    );
  });

  it('on the seeds scores lower than arithmetic, and the reasoning says why', async () => {
    const a = JSON.parse((await runCli(['score', 'test/fixtures/record-2024/', '-f', 'json'])).stdout) as ScoreReport;
    const g = JSON.parse((await runCli(['score', 'test/fixtures/record-2024/', '-f', 'json', '--aggregation', 'geometric'])).stdout) as ScoreReport;
    expect(g.method.aggregation).toBe('geometric');
    expect(g.score).toBeLessThan(a.score);
    // Each report names the other rule's composite, and they agree with each other.
    expect(a.method.alternative).toEqual({ aggregation: 'geometric', score: g.score });
    expect(g.method.alternative).toEqual({ aggregation: 'arithmetic', score: a.score });
    const zeros = g.indicators.filter((i) => i.score === 0).length;
    expect(zeros).toBeGreaterThan(0);
    expect(g.reasoning).toContain(`${(a.score - g.score).toFixed(2)} below the arithmetic mean of ${a.score.toFixed(2)}`);
    expect(g.reasoning).toContain(`cannot make up for the ${zeros} indicators at 0`);
    expect(a.reasoning).toContain(`the geometric mean, which limits that, would give ${g.score.toFixed(2)}`);
    // Contributions still add up to the composite they explain.
    expect(g.indicators.reduce((s, i) => s + Math.round(i.contribution * 100), 0)).toBe(Math.round(g.score * 100));
  });

  it('from the set’s method as well as from the flag', () => {
    const set = withMethod(setAtSaturation3(), { aggregation: 'geometric' });
    const events = [ev({ kind: 'arrest', status: 'enforced', date: '2024-06-30', magnitude: 12 })];
    const report = scoreEvents(events, set);
    // arrests 73.64 at weight 8 (magnitude counted up to 8), nine zeros: (74.64^0.08) − 1
    expect(report.score).toBeCloseTo(74.64 ** 0.08 - 1, 2);
    expect(report.method.aggregation).toBe('geometric');
  });
});

describe('missing evidence: zero or renormalize', () => {
  const events = [
    ev({ kind: 'arrest', status: 'enforced', date: '2024-06-30' }),
    ev({ kind: 'kyc-rule', status: 'refused', date: '2024-06-30' }),
  ];

  it('zero counts indicators without evidence as 0; renormalize leaves them out and says which', () => {
    const zero = scoreEvents(events, setAtSaturation3());
    const renorm = scoreEvents(events, withMethod(setAtSaturation3(), { missing: 'renormalize' }));
    // arrests 28.35 (weight 8) and kyc 0 (weight 14, evidence that nets negative is still evidence)
    expect(zero.score).toBeCloseTo((28.35 * 8) / 100, 2);
    expect(renorm.score).toBeCloseTo((28.35 * 8) / 22, 2);
    expect(renorm.method.leftOut).toHaveLength(8);
    expect(renorm.method.leftOut).not.toContain('kyc-adoption');
    expect(renorm.reasoning).toContain('8 indicators without evidence left out');
    expect(zero.method.leftOut).toEqual([]);
    expect(zero.reasoning).toContain('8 indicators without evidence count as 0');
    // Coverage is the same under both: it describes the evidence, not the rule.
    expect(renorm.coverage).toBe(zero.coverage);
    expect(renorm.indicators.reduce((s, i) => s + i.contribution, 0)).toBeCloseTo(renorm.score, 2);
  });

  it('--missing renormalize on the seeds is recorded in the report and the reasoning', async () => {
    const report = JSON.parse((await runCli(['score', 'test/fixtures/record-2024/', '-f', 'json', '--missing', 'renormalize'])).stdout) as ScoreReport;
    expect(report.method).toMatchObject({ missing: 'renormalize', leftOut: ['emerging-substances'] });
    expect(report.reasoning).toContain('(emerging-substances) and the other weights renormalised');
  });

  it('a bad rule is a usage error', async () => {
    const result = await runCli(['score', 'test/fixtures/record-2024/', '--aggregation', 'harmonic']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("argument 'harmonic' is invalid");
  });
});
