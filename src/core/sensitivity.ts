import { bandFor, compositeOf, matchEvents, scoreIndicator, type Scored } from './engine.js';
import { round } from './numbers.js';
import { explainSensitivity } from './explain.js';
import { mulberry32, type Random } from './random.js';
import type { Aggregation, Interval, SensitivityResult } from './report.js';
import type { Event, IndicatorSet, Method, SensitivityRanges, Status } from './types.js';
import { STATUSES } from './types.js';

/**
 * Monte Carlo uncertainty analysis of the composite, in the manner of the OECD/JRC handbook on
 * composite indicators: draw the method's contestable choices (weights, stage discounts, half-life,
 * aggregation rule) from stated ranges, score again, and see how far the composite and its band move.
 * Pure: the random source is a parameter, so a seed gives the same result everywhere.
 */

/** The relative half-width used for every range when a set states none. */
export const DEFAULT_RELATIVE_RANGE = 0.25;

const clampStage = (x: number) => Math.min(1, Math.max(-1, x));

/**
 * Ranges for a set whose method states none: every weight ±25%; every stage strictly between −1 and 1
 * (the discounts and penalties, not the full-weight anchors) ±25% of its value; the half-life ±25%;
 * both aggregation rules.
 */
export function defaultRanges(method: Method): SensitivityRanges {
  const r = DEFAULT_RELATIVE_RANGE;
  const stages: SensitivityRanges['stages'] = {};
  for (const status of STATUSES) {
    const v = method.stages[status];
    if (v === 0 || Math.abs(v) >= 1) continue;
    const [a, b] = [round(clampStage(v * (1 - r)), 4), round(clampStage(v * (1 + r)), 4)];
    stages[status] = [Math.min(a, b), Math.max(a, b)];
  }
  const h = method.halfLifeDays;
  return { weights: r, stages, halfLifeDays: [round(h * (1 - r), 4), round(h * (1 + r), 4)], aggregation: ['arithmetic', 'geometric'] };
}

/** Ranges that perturb nothing: every draw is the point score. */
export function zeroRanges(method: Method): SensitivityRanges {
  return { weights: 0, stages: {}, halfLifeDays: [method.halfLifeDays, method.halfLifeDays], aggregation: [method.aggregation] };
}

export interface SensitivityOptions {
  draws: number;
  /** Recorded in the result; also seeds the default random source. */
  seed: number;
  /** The random source; mulberry32(seed) unless given. */
  random?: Random;
  asOf?: string;
  since?: string;
  /** Overrides the set's `method.sensitivity` (and the defaults). */
  ranges?: SensitivityRanges;
  /** Called after each draw with the number done (for a progress bar; the core itself never prints). */
  onDraw?: (done: number, total: number) => void;
}

/** Linear interpolation between order statistics (R's type 7) of sorted values. */
export function quantile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

function interval(values: number[]): Interval {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: round(quantile(sorted, 0.5), 2), p5: round(quantile(sorted, 0.05), 2), p95: round(quantile(sorted, 0.95), 2) };
}

const uniform = (random: Random, [lo, hi]: readonly [number, number]) => lo + (hi - lo) * random();

export function analyzeSensitivity(events: readonly Event[], set: IndicatorSet, options: SensitivityOptions): SensitivityResult {
  const { method } = set;
  if (!Number.isInteger(options.draws) || options.draws < 1) throw new RangeError('sensitivity needs at least one draw');
  const ranges = options.ranges ?? method.sensitivity ?? defaultRanges(method);
  const random = options.random ?? mulberry32(options.seed);
  const matching = matchEvents(events, set, options);
  const scoreAll = (s: IndicatorSet): Scored[] =>
    s.indicators.map((indicator, i) => scoreIndicator(indicator, matching.matched[i]!, matching.counterparts[i]!, s, matching.asOf));

  const pointScored = scoreAll(set);
  const point = compositeOf(pointScored, method).composite;
  const band = bandFor(round(point, 2), method);
  const baseWeights = set.indicators.map((i) => i.weight);
  const stageRanges = STATUSES.filter((s) => ranges.stages[s] !== undefined).map((s) => [s, ranges.stages[s]!] as [Status, [number, number]]);
  // Weights and the aggregation rule act on indicator scores; only stages and the half-life need a rescoring.
  const rescore = stageRanges.some(([, [lo, hi]]) => lo !== hi) || ranges.halfLifeDays[0] !== ranges.halfLifeDays[1];
  const rules = [...new Set(ranges.aggregation)];

  const composites: number[] = [];
  const byRule = new Map<Aggregation, number[]>(rules.map((r) => [r, []]));
  const bandCounts = new Map<string, number>();
  for (let d = 0; d < options.draws; d++) {
    options.onDraw?.(d, options.draws);
    // A fixed order of draws per iteration keeps a seed's results stable.
    const weights = baseWeights.map((w) => w * (1 + ranges.weights * (2 * random() - 1)));
    const stages = { ...method.stages };
    for (const [status, range] of stageRanges) stages[status] = uniform(random, range);
    const halfLifeDays = uniform(random, ranges.halfLifeDays);
    const aggregation = rules[Math.min(rules.length - 1, Math.floor(random() * rules.length))]!;
    const drawMethod: Method = { ...method, stages, halfLifeDays, aggregation };
    let scored = pointScored;
    if (rescore) {
      const ratio = halfLifeDays / method.halfLifeDays;
      scored = scoreAll({
        ...set,
        method: drawMethod,
        indicators: set.indicators.map((i) => (i.halfLifeDays === undefined ? i : { ...i, halfLifeDays: i.halfLifeDays * ratio })),
      });
    }
    const composite = compositeOf(scored, drawMethod, weights).composite;
    composites.push(composite);
    byRule.get(aggregation)!.push(composite);
    const drawBand = bandFor(round(composite, 2), method);
    bandCounts.set(drawBand, (bandCounts.get(drawBand) ?? 0) + 1);
  }

  const leaveOneOut = set.indicators
    .map((indicator, i) => ({ indicator, i }))
    .filter(({ indicator }) => indicator.weight > 0)
    .map(({ indicator, i }) => {
      const without = compositeOf(pointScored, method, baseWeights.map((w, j) => (j === i ? 0 : w))).composite;
      return { id: indicator.id, score: round(without, 2), delta: round(without - point, 2), order: i };
    })
    .sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta) || a.order - b.order)
    .map(({ order: _order, ...rest }) => rest);

  const share = (n: number) => round(n / options.draws, 4);
  const bands = [...method.bands]
    .sort((a, b) => a.min - b.min)
    .filter((b) => bandCounts.has(b.id))
    .map((b) => ({ band: b.id, share: share(bandCounts.get(b.id)!) }));
  const facts = {
    ...interval(composites),
    draws: options.draws,
    seed: options.seed,
    ranges,
    point: round(point, 2),
    band,
    min: round(composites.reduce((a, b) => Math.min(a, b)), 2),
    max: round(composites.reduce((a, b) => Math.max(a, b)), 2),
    bandStability: share(bandCounts.get(band) ?? 0),
    bands,
    byAggregation: rules
      .filter((r) => byRule.get(r)!.length > 0)
      .map((aggregation) => ({ aggregation, draws: byRule.get(aggregation)!.length, ...interval(byRule.get(aggregation)!) })),
    leaveOneOut,
  };
  return { ...facts, reasoning: explainSensitivity(facts) };
}
