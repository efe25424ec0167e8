import type { SensitivityResult, SobolResult } from './report.js';
import type { SensitivityRanges } from './types.js';

/**
 * The prose of the sensitivity analysis: the ranges drawn, what the draws say, which assumption
 * drives the variance. Made here only, so table, Markdown and JSON word each fact the same way.
 */

const num = (x: number) => x.toFixed(2);
const pct = (x: number) => `${Math.round(x * 100)}%`;
/** A share as a percentage with one decimal, except the exact ends, so 99.9% never reads as 100%. */
const share = (x: number) => (x === 0 || x === 1 ? pct(x) : `${(x * 100).toFixed(1)}%`);

/** What each assumption is called in a sentence or a table row. */
export const ASSUMPTION_LABELS: Record<string, string> = {
  weights: 'weights',
  stages: 'stage factors',
  halfLifeDays: 'half-life (flows)',
  booksHalfLifeDays: 'half-life (books)',
  saturation: 'saturation',
  gradeExponent: 'grade factors',
  magnitudeCap: 'magnitude cap',
  talkCap: 'talk cap',
  uncorroboratedCap: 'uncorroborated cap',
  booksCap: 'books cap',
  attribution: 'attribution',
  aggregation: 'aggregation',
};

const span = ([lo, hi]: readonly [number, number], unit = '') => (lo === hi ? `${num(lo)}${unit}` : `${num(lo)} to ${num(hi)}${unit}`);
const days = ([lo, hi]: readonly [number, number]) => (lo === hi ? `${Math.round(lo)} days` : `${Math.round(lo)} to ${Math.round(hi)} days`);

/**
 * The ranges in words: "weights ±25%, stages pledged 0.10 to 0.30, half-life 240 to 540 days, …,
 * arithmetic or geometric". Ranges a set leaves out are described as given (the caller resolves them).
 */
export function describeRanges(ranges: SensitivityRanges): string {
  const parts: string[] = [];
  parts.push(ranges.weights > 0 ? `weights ±${Math.round(ranges.weights * 100)}%` : 'weights fixed');
  const stages = Object.entries(ranges.stages).filter(([, r]) => r && r[0] !== r[1]);
  parts.push(stages.length ? `stages ${stages.map(([s, r]) => `${s} ${num(r![0])} to ${num(r![1])}`).join(', ')}` : 'stages fixed');
  parts.push(`half-life ${days(ranges.halfLifeDays)}`);
  if (ranges.booksHalfLifeDays) parts.push(`books half-life ${days(ranges.booksHalfLifeDays)}`);
  if (ranges.saturation) parts.push(`saturation ${span(ranges.saturation)}`);
  if (ranges.gradeExponent) parts.push(`grade factors to the power ${span(ranges.gradeExponent)}`);
  if (ranges.magnitudeCap) parts.push(`magnitude cap ${span(ranges.magnitudeCap)}`);
  if (ranges.talkCap) parts.push(`talk cap ${span(ranges.talkCap, ' points')}`);
  if (ranges.uncorroboratedCap) parts.push(`uncorroborated cap ${span(ranges.uncorroboratedCap, ' points')}`);
  if (ranges.booksCap) parts.push(`books cap ${span(ranges.booksCap, ' points')}`);
  if (ranges.attribution) parts.push(`${[...new Set(ranges.attribution)].join(' or ')} attribution`);
  parts.push([...new Set(ranges.aggregation)].join(' or '));
  return parts.join(', ');
}

/** Which assumption drives the variance, in one clause; empty when nothing varies. */
export function explainSobol(sobol: SobolResult): string {
  const ranked = [...sobol.indices].sort((a, b) => b.total - a.total || a.id.localeCompare(b.id));
  const top = ranked[0];
  if (!top || sobol.variance === 0) return 'no assumption moves the composite (its variance over the draws is 0)';
  const label = (id: string) => ASSUMPTION_LABELS[id] ?? id;
  const parts = [
    `${label(top.id)} drives the variance most (total Sobol index ${num(top.total)}, ${num(top.totalInterval[0])} to ${num(top.totalInterval[1])}; first-order ${num(top.first)})`,
  ];
  const next = ranked.slice(1, 3).filter((x) => x.total >= 0.05);
  if (next.length) parts.push(`then ${next.map((x) => `${label(x.id)} (${num(x.total)})`).join(' and ')}`);
  const sumFirst = sobol.indices.reduce((s, x) => s + x.first, 0);
  parts.push(
    sumFirst < 0.9
      ? `the first-order indices add up to ${num(sumFirst)}, so interactions between assumptions carry the rest`
      : `the first-order indices add up to ${num(sumFirst)}: the assumptions act mostly on their own`,
  );
  return parts.join('; ');
}

/** What the Monte Carlo draws say about the composite and its band. */
export function explainSensitivity(result: Omit<SensitivityResult, 'reasoning'>): string {
  const parts = [
    `over ${result.draws} draws (${describeRanges(result.ranges)}; seed ${result.seed}) the composite's median is ${num(result.median)} and 90% of draws fall between ${num(result.p5)} and ${num(result.p95)}`,
    `the band stays ${result.band} in ${share(result.bandStability)} of draws`,
  ];
  const rules = result.byAggregation;
  if (rules.length > 1) {
    const sorted = [...rules].sort((a, b) => a.p5 - b.p5);
    const apart = sorted.every((r, i) => i === 0 || r.p5 > sorted[i - 1]!.p95);
    const each = rules.map((r) => `${r.aggregation} ${num(r.p5)} to ${num(r.p95)}`).join(', ');
    parts.push(
      apart
        ? `the aggregation rules give separate clusters (${each}), so the choice of rule matters more than all the other choices together, and the overall median falls between the clusters`
        : `by rule: ${each}`,
    );
  }
  if (result.sobol) parts.push(explainSobol(result.sobol));
  const top = result.leaveOneOut[0];
  if (top) parts.push(`leaving out ${top.id} moves it most (${top.delta > 0 ? '+' : ''}${num(top.delta)})`);
  return parts.join('; ');
}
