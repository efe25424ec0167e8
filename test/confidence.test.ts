import { beforeAll, describe, expect, it } from 'vitest';
import { confidenceLevel, DRAW_BUDGET, lightDraws, MIN_DRAWS } from '../src/core/confidence.js';
import { matchEvents, scoreEvents } from '../src/core/engine.js';
import { mulberry32 } from '../src/core/random.js';
import { lightModel } from '../src/core/reweigh.js';
import { designFor, drawModel, resolveRanges, scoreMatched, zeroRanges } from '../src/core/sensitivity.js';
import type { Event, IndicatorSet } from '../src/core/types.js';
import { loadEventFiles } from '../src/io/load.js';
import { defaultSet, ROOT } from './helpers/fixtures.js';

const set = defaultSet();
let events: Event[];
beforeAll(async () => {
  events = (await loadEventFiles(['seeds'], set, { cwd: ROOT, readStdin: async () => Buffer.alloc(0) })).events;
});

const withConfidence = (s: IndicatorSet, draws: number): IndicatorSet => ({ ...s, method: { ...s.method, confidence: { ...s.method.confidence, draws } } });

describe('confidence needs coverage, mean grade and band stability', () => {
  const thresholds = set.method.confidence;
  it('is high only when all three hold, and names each criterion that held it down', () => {
    expect(confidenceLevel(1, 1, 1, set)).toEqual({ level: 'high', limitedBy: [], bandStability: 1 });
    const unstable = confidenceLevel(1, 1, (thresholds.high.bandStability + thresholds.moderate.bandStability) / 2, set);
    expect(unstable).toMatchObject({ level: 'moderate', limitedBy: ['band-stability'] });
    expect(confidenceLevel(1, 1, thresholds.moderate.bandStability / 2, set)).toMatchObject({ level: 'low', limitedBy: ['band-stability'] });
    expect(confidenceLevel(0.1, 0.9, 0.9, set)).toMatchObject({ level: 'low', limitedBy: ['coverage'] });
    expect(confidenceLevel(0.6, 0.6, 0.7, set)).toMatchObject({ level: 'moderate', limitedBy: ['coverage', 'grade', 'band-stability'] });
  });

  it('without band stability (the analysis did not run) it stops at moderate and says why', () => {
    expect(confidenceLevel(1, 1, null, set)).toEqual({ level: 'moderate', limitedBy: ['band-stability'], bandStability: null });
    const report = scoreEvents(events, withConfidence(set, 0));
    expect(report.confidence.bandStability).toBeNull();
    expect(report.confidence.limitedBy).toContain('band-stability');
  });

  it('every score carries band stability from the set’s draws; the same input gives the same share', () => {
    const a = scoreEvents(events, set, { asOf: '2024-01-31' });
    const b = scoreEvents([...events].reverse(), set, { asOf: '2024-01-31' });
    expect(a.confidence.bandStability).not.toBeNull();
    expect(a.confidence).toEqual(b.confidence);
    // one draw can only land in the band or not
    expect([0, 1]).toContain(scoreEvents(events, withConfidence(set, 1)).confidence.bandStability);
  });

  it('with ranges of no width every draw is the point, so the band holds in all of them', () => {
    const fixed = { ...set, method: { ...set.method, sensitivity: zeroRanges(set.method) } };
    for (const asOf of ['2023-09-30', '2024-01-31']) expect(scoreEvents(events, fixed, { asOf }).confidence.bandStability).toBe(1);
  });
});

describe('the light analysis stays cheap', () => {
  it('runs the set’s draws within the budget, fewer above it, none below MIN_DRAWS', () => {
    expect(lightDraws(30, 200)).toBe(200);
    expect(lightDraws(DRAW_BUDGET / 200, 200)).toBe(200);
    expect(lightDraws(DRAW_BUDGET / 100, 200)).toBe(100);
    expect(lightDraws(Math.ceil(DRAW_BUDGET / (MIN_DRAWS - 1)), 200)).toBe(0);
    expect(lightDraws(10, 0)).toBe(0);
  });

  it('skips the analysis on an input too large for the budget, and says so', () => {
    const many = Array.from({ length: Math.ceil(DRAW_BUDGET / MIN_DRAWS) + 10 }, (_, i) =>
      ({ ...events.find((e) => e.kind === 'website-takedown')!, id: `bulk-${i}`, summary: `takedown ${i}` }) as Event,
    );
    const report = scoreEvents(many, set);
    expect(report.confidence.bandStability).toBeNull();
    expect(report.confidence.level).not.toBe('high');
  }, 120_000);

  it('the re-weighing model reproduces the engine at the point and follows its re-scoring in the draws', () => {
    for (const asOf of ['2022-12-31', '2023-09-30', '2024-01-31']) {
      const matching = matchEvents(events, set, { asOf });
      const pointScored = scoreMatched(matching, set);
      const zero = designFor(set, zeroRanges(set.method));
      expect(lightModel(matching, set, zero, pointScored).composite(new Float64Array(0))).toBeCloseTo(scoreEvents(events, set, { asOf }).score, 1);
      // Attribution aside (the re-weighing applies split shares itself), draws agree with a full re-score.
      const ranges = { ...resolveRanges(set.method), attribution: [set.method.attribution] };
      const design = designFor(set, ranges);
      const light = lightModel(matching, set, design, pointScored).composite;
      const exact = drawModel(matching, set, ranges);
      const random = mulberry32(3);
      let worst = 0;
      for (let d = 0; d < 100; d++) {
        const row = Float64Array.from({ length: design.dims }, () => random());
        worst = Math.max(worst, Math.abs(light(row) - exact.evaluate(row).composite));
      }
      expect(worst, asOf).toBeLessThan(0.5);
    }
  });
});
