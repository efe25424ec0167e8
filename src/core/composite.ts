import type { Scored } from './indicator-score.js';
import type { CompositeMethod } from './report.js';
import { round } from './numbers.js';
import type { Method } from './types.js';

/** Stage 5 of scoring: the composite of the indicator scores, its band and its parts. */

export function bandFor(score: number, method: Pick<Method, 'bands'>): string {
  let band = method.bands[0]?.id ?? '';
  for (const b of [...method.bands].sort((x, y) => x.min - y.min)) if (score >= b.min) band = b.id;
  return band;
}

/**
 * The composite of indicator scores. Arithmetic: the weighted mean, where strength on one indicator
 * makes up for weakness on another. Geometric: the weighted geometric mean of (score + 1), minus 1.
 * The shift by 1 lets a zero pull the composite down without erasing it, keeps 0 and 100 fixed, and
 * (by the inequality of arithmetic and geometric means) never exceeds the arithmetic mean: equal
 * when every indicator scores the same, lower the more uneven they are. That is the point of it:
 * loud pledges on one indicator cannot make up for zero prosecutions on another.
 */
export function aggregate(
  scores: readonly number[],
  weights: readonly number[],
  method: Pick<Method, 'aggregation'>,
): number {
  const total = weights.reduce((a, b) => a + b, 0);
  if (total <= 0) return 0;
  if (method.aggregation === 'geometric') {
    let log = 0;
    scores.forEach((s, i) => (log += ((weights[i] ?? 0) / total) * Math.log1p(Math.max(s, 0))));
    return Math.min(100, Math.max(0, Math.expm1(log)));
  }
  return scores.reduce((sum, s, i) => sum + s * (weights[i] ?? 0), 0) / total;
}

/** The composite under the other aggregation rule, for the reasoning. */
export function alternativeOf(scores: readonly number[], weightsIn: readonly number[], method: Method): CompositeMethod['alternative'] {
  const aggregation = method.aggregation === 'arithmetic' ? 'geometric' : 'arithmetic';
  return { aggregation, score: round(aggregate(scores, weightsIn, { aggregation }), 2) };
}

export interface Composite {
  composite: number;
  scores: number[];
  /** Each indicator's weight in the composite: 0 when unweighted or, under `missing: renormalize`, without evidence. */
  weightsIn: number[];
}

/** The composite of scored indicators under the method's aggregation and missing-evidence rules. */
/** What the composite reads of a scored indicator: its weight, score and status (no evidence, no words). */
export type ScoredNumbers = { indicator: Pick<Scored['indicator'], 'weight'>; result: Pick<Scored['result'], 'score' | 'status'> };

export function compositeOf(
  scored: readonly ScoredNumbers[],
  method: Method,
  weights: readonly number[] = scored.map((s) => s.indicator.weight),
): Composite {
  const weightsIn = scored.map((s, i) =>
    (weights[i] ?? 0) > 0 && (method.missing === 'zero' || s.result.status !== 'no-evidence') ? (weights[i] ?? 0) : 0,
  );
  const scores = scored.map((s) => s.result.score);
  return { composite: aggregate(scores, weightsIn, method), scores, weightsIn };
}

/**
 * Round parts to hundredths so they add up exactly to the rounded total (largest remainder), so the
 * contributions a reader sees sum to the composite they see.
 */
export function apportion(parts: readonly number[], total: number): number[] {
  const target = Math.round(total * 100);
  const raw = parts.map((p) => p * 100);
  const floors = raw.map(Math.floor);
  let left = target - floors.reduce((a, b) => a + b, 0);
  const order = raw.map((r, i) => ({ i, frac: r - Math.floor(r) })).sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    if (parts[i] === 0) continue;
    floors[i] = (floors[i] ?? 0) + 1;
    left--;
  }
  return floors.map((f) => round(f / 100, 2));
}
