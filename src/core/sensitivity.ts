import type { MatchedCore, MatchedEvents } from './matching.js';
import { bandFor, compositeOf, type ScoredNumbers } from './composite.js';
import { indicatorFacts, itemsOf, scoreIndicator, scoreRemade, valuesUnder, type IndicatorFacts, type IndicatorItems, type RemadeItems, type Scored } from './indicator-score.js';
import { dueOf } from './commitments.js';
import { isTalk } from './evidence.js';
import { matchEvents } from './matching.js';
import { explainSensitivity } from './explain-sensitivity.js';
import { round } from './numbers.js';
import { mulberry32, type Random } from './random.js';
import type { Aggregation, Interval, SensitivityResult, SobolResult } from './report.js';
import { mixedRow, sampleMatrix, sobolIndices } from './sobol.js';
import type { Event, Indicator, IndicatorSet, Method, SensitivityRanges, Status } from './types.js';
import { STATUSES } from './types.js';

/**
 * Uncertainty and sensitivity analysis of the composite, in the manner of the OECD/JRC handbook on
 * composite indicators: draw every contestable assumption of the method from a stated range, score
 * again, and see how far the composite and its band move (intervals), and which assumption makes
 * them move (Sobol indices, sobol.ts). Events are matched to indicators once; a draw only scores
 * the indicators again under its method. Pure: the random source is a parameter, so a seed gives
 * the same result everywhere.
 */

/** The assumptions drawn, in the order their columns take in a sample row. */
export const ASSUMPTIONS = [
  'weights',
  'stages',
  'halfLifeDays',
  'booksHalfLifeDays',
  'saturation',
  'gradeExponent',
  'magnitudeCap',
  'talkCap',
  'uncorroboratedCap',
  'booksCap',
  'attribution',
  'aggregation',
] as const;
export type Assumption = (typeof ASSUMPTIONS)[number];

/** Every range stated: what a set's `method.sensitivity` becomes once the defaults fill the gaps. */
export type FullRanges = Required<SensitivityRanges>;

/** The relative half-width used for every range a set does not state. */
export const DEFAULT_RELATIVE_RANGE = 0.25;

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
const around = (x: number, lo = -Infinity, hi = Infinity): [number, number] => {
  const r = DEFAULT_RELATIVE_RANGE;
  const [a, b] = [round(clamp(x * (1 - r), lo, hi), 4), round(clamp(x * (1 + r), lo, hi), 4)];
  return [Math.min(a, b), Math.max(a, b)];
};
const CAP_MAX = 99.9;

/**
 * Ranges for what a set does not state: every weight ±25%; every stage strictly between −1 and 1
 * (the discounts and penalties, not the full-weight anchors) ±25% of its value; both half-lives,
 * the saturation, the magnitude cap and the three caps ±25%; grade factors raised to a power from
 * 0.75 to 1.25 (solidGrade with them, so the same grades stay solid); both attribution rules; both
 * aggregation rules.
 */
export function defaultRanges(method: Method): FullRanges {
  const stages: SensitivityRanges['stages'] = {};
  for (const status of STATUSES) {
    const v = method.stages[status];
    if (v === 0 || Math.abs(v) >= 1) continue;
    stages[status] = around(v, -1, 1);
  }
  return {
    weights: DEFAULT_RELATIVE_RANGE,
    stages,
    halfLifeDays: around(method.halfLifeDays),
    aggregation: ['arithmetic', 'geometric'],
    booksHalfLifeDays: around(method.booksHalfLifeDays),
    saturation: around(method.saturation),
    gradeExponent: around(1),
    magnitudeCap: around(method.magnitudeCap, 1),
    talkCap: around(method.talkCap, 0, CAP_MAX),
    uncorroboratedCap: around(method.uncorroboratedCap, 0, CAP_MAX),
    booksCap: around(method.booksCap, 0, CAP_MAX),
    attribution: ['full', 'split'],
  };
}

/** The ranges a set states, with the defaults for those it leaves out. */
export function resolveRanges(method: Method, given: SensitivityRanges | undefined = method.sensitivity): FullRanges {
  const ranges: FullRanges = defaultRanges(method);
  if (!given) return ranges;
  for (const [key, value] of Object.entries(given) as [keyof FullRanges, unknown][]) {
    if (value !== undefined) (ranges as unknown as Record<string, unknown>)[key] = value;
  }
  return ranges;
}

/** Ranges that perturb nothing: every draw is the point score. */
export function zeroRanges(method: Method): FullRanges {
  const at = (x: number): [number, number] => [x, x];
  return {
    weights: 0,
    stages: {},
    halfLifeDays: at(method.halfLifeDays),
    aggregation: [method.aggregation],
    booksHalfLifeDays: at(method.booksHalfLifeDays),
    saturation: at(method.saturation),
    gradeExponent: at(1),
    magnitudeCap: at(method.magnitudeCap),
    talkCap: at(method.talkCap),
    uncorroboratedCap: at(method.uncorroboratedCap),
    booksCap: at(method.booksCap),
    attribution: [method.attribution],
  };
}

/** One draw's method: the set's method with the drawn values, the drawn weights, and how indicator overrides scale. */
export interface Draft {
  method: Method;
  weights: number[];
  halfLifeRatio: number;
  saturationRatio: number;
  /** The power the grade tables were raised to (1: the set's own). */
  gradePower: number;
}

/** One assumption as drawn: how many columns of a sample row it takes and how it sets a draft. */
export interface Factor {
  id: Assumption;
  dims: number;
  /** False for weights and aggregation, which act on indicator scores and need no rescoring. */
  rescores: boolean;
  /**
   * True when it changes what an event is worth on its own (its items: grade, size, value, share):
   * stages, the grade exponent, the magnitude cap, attribution. The others act on the rules between
   * events, the caps or the scores, so a row that differs only in them scores the same items.
   */
  remakesItems: boolean;
  apply(u: ArrayLike<number>, at: number, draft: Draft): void;
}

const pick = <T>(items: readonly T[], u: number): T => items[Math.min(items.length - 1, Math.floor(u * items.length))]!;
const within = ([lo, hi]: readonly [number, number], u: number) => lo + (hi - lo) * u;

function powerTable<K extends string>(table: Record<K, number>, power: number): Record<K, number> {
  const out = { ...table };
  for (const k of Object.keys(out) as K[]) out[k] = table[k] ** power;
  return out;
}

type NumberKey = 'halfLifeDays' | 'booksHalfLifeDays' | 'saturation' | 'magnitudeCap' | 'talkCap' | 'uncorroboratedCap' | 'booksCap';

/**
 * The design of an analysis: the assumptions whose range has width, each a factor with its columns,
 * and a base draft holding the ranges of no width (a single value, one rule). Factors come in
 * ASSUMPTIONS order, so a seed's draws stay where they were when a range is added.
 */
export interface Design {
  factors: Factor[];
  base: Draft;
  /** True when a range of no width moves the method off the set's own (the point itself is rescored). */
  baseRescores: boolean;
  /** Columns of a sample row. */
  dims: number;
}

export function designFor(set: IndicatorSet, ranges: FullRanges): Design {
  const { method } = set;
  const base: Draft = { method: { ...method, stages: { ...method.stages } }, weights: set.indicators.map((i) => i.weight), halfLifeRatio: 1, saturationRatio: 1, gradePower: 1 };
  let baseRescores = false;
  const factors: Factor[] = [];
  const fixed = <K extends keyof Method>(key: K, value: Method[K]) => {
    if (value === method[key]) return;
    base.method[key] = value;
    if (key !== 'aggregation') baseRescores = true;
  };
  const numeric = (id: NumberKey & Assumption, range: [number, number], after?: (d: Draft, v: number) => void) => {
    if (range[0] === range[1]) {
      fixed(id, range[0]);
      if (after) after(base, range[0]);
      return;
    }
    factors.push({
      id,
      dims: 1,
      rescores: true,
      remakesItems: id === 'magnitudeCap',
      apply(u, at, d) {
        const v = within(range, u[at]!);
        d.method[id] = v;
        after?.(d, v);
      },
    });
  };
  const rule = <K extends 'aggregation' | 'attribution'>(id: K, rules: Method[K][]) => {
    const distinct = [...new Set(rules)];
    if (distinct.length === 1) return fixed(id, distinct[0]!);
    factors.push({ id, dims: 1, rescores: id !== 'aggregation', remakesItems: id === 'attribution', apply: (u, at, d) => void (d.method[id] = pick(distinct, u[at]!)) });
  };

  if (ranges.weights > 0) {
    const w = ranges.weights;
    factors.push({
      id: 'weights',
      dims: set.indicators.length,
      rescores: false,
      remakesItems: false,
      apply(u, at, d) {
        set.indicators.forEach((indicator, i) => (d.weights[i] = indicator.weight * (1 + w * (2 * u[at + i]! - 1))));
      },
    });
  }
  const stageRanges = STATUSES.filter((s) => ranges.stages[s] !== undefined).map((s) => [s, ranges.stages[s]!] as [Status, [number, number]]);
  const drawn = stageRanges.filter(([, [lo, hi]]) => lo !== hi);
  for (const [status, [lo, hi]] of stageRanges) {
    if (lo === hi && lo !== method.stages[status]) {
      base.method.stages[status] = lo;
      baseRescores = true;
    }
  }
  if (drawn.length) {
    factors.push({
      id: 'stages',
      dims: drawn.length,
      rescores: true,
      remakesItems: true,
      apply(u, at, d) {
        drawn.forEach(([status, range], k) => (d.method.stages[status] = within(range, u[at + k]!)));
      },
    });
  }
  numeric('halfLifeDays', ranges.halfLifeDays, (d, v) => (d.halfLifeRatio = v / method.halfLifeDays));
  numeric('booksHalfLifeDays', ranges.booksHalfLifeDays);
  numeric('saturation', ranges.saturation, (d, v) => (d.saturationRatio = v / method.saturation));
  const [g0, g1] = ranges.gradeExponent;
  const grades = (d: Draft, power: number) => {
    d.method.reliability = powerTable(method.reliability, power);
    d.method.credibility = powerTable(method.credibility, power);
    // "Solid" is a grade (C3 or better), not a number: its threshold moves with the tables.
    d.method.solidGrade = method.solidGrade ** power;
    d.gradePower = power;
  };
  if (g0 === g1) {
    if (g0 !== 1) {
      grades(base, g0);
      baseRescores = true;
    }
  } else {
    factors.push({ id: 'gradeExponent', dims: 1, rescores: true, remakesItems: true, apply: (u, at, d) => grades(d, within([g0, g1], u[at]!)) });
  }
  numeric('magnitudeCap', ranges.magnitudeCap);
  numeric('talkCap', ranges.talkCap);
  numeric('uncorroboratedCap', ranges.uncorroboratedCap);
  numeric('booksCap', ranges.booksCap);
  rule('attribution', ranges.attribution);
  rule('aggregation', ranges.aggregation);
  const order = new Map(ASSUMPTIONS.map((a, i) => [a, i]));
  factors.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  return { factors, base, baseRescores, dims: factors.reduce((n, f) => n + f.dims, 0) };
}

/** A fresh draft holding the base values, for draftAt to fill. */
export function newDraft(design: Design): Draft {
  const { base } = design;
  return { ...base, method: { ...base.method, stages: { ...base.method.stages } }, weights: [...base.weights] };
}

/**
 * The draft a sample row draws. Every factor sets all of the fields it owns on every draw, so a
 * draft may be passed in again (`into`) to save allocating one per draw.
 */
export function draftAt(design: Design, row: ArrayLike<number>, into: Draft = newDraft(design)): Draft {
  const d = into;
  let at = 0;
  for (const f of design.factors) {
    f.apply(row, at, d);
    at += f.dims;
  }
  return d;
}

/** The set a draft scores with: its method, indicator half-lives and saturations scaled alike. */
export function draftSet(set: IndicatorSet, d: Draft): IndicatorSet {
  return { ...set, method: d.method, indicators: set.indicators.map((i) => scaled(i, d.halfLifeRatio, d.saturationRatio)) };
}

/**
 * Score every indicator from events already matched, under a (drawn) set. The one place the
 * analysis calls the engine's per-indicator scoring. With `reuse` (the scores under the set's own
 * method), an indicator that matched no event keeps its score: no method gives evidence it lacks.
 */
export function scoreMatched(matching: MatchedCore, set: IndicatorSet, reuse?: readonly Scored[]): Scored[] {
  return set.indicators.map((indicator, i) => {
    const matched = matching.matched[i]!;
    const counterparts = matching.counterparts[i]!;
    if (reuse && matched.length === 0 && counterparts.length === 0) return reuse[i]!;
    return scoreIndicator(indicator, matched, counterparts, set, matching.asOf, matching.context);
  });
}

/** Like scoreMatched, but the numbers only (each indicator's score and status): what a draw needs. */
export function scoreMatchedNumbers(matching: MatchedCore, set: IndicatorSet, reuse?: readonly ScoredNumbers[]): ScoredNumbers[] {
  return scoreDrawn(matching, set, reuse).scored;
}

/**
 * scoreMatchedNumbers, with the items it scored (each indicator's templates under `set`, as
 * columns: valuesUnder, into the arrays of `pool` when given), or scoring `items` already remade
 * under a method that values events alike (Factor.remakesItems).
 */
function scoreDrawn(
  matching: MatchedCore,
  set: IndicatorSet,
  reuse?: readonly ScoredNumbers[],
  items?: readonly RemadeItems[],
  pool?: readonly RemadeItems[],
): { scored: ScoredNumbers[]; items: RemadeItems[] } {
  const made = templates(matching, set);
  const used: RemadeItems[] = [];
  const scored = set.indicators.map((indicator, i) => {
    const own = items?.[i] ?? valuesUnder(made.items[i]!, set, matching.context, pool?.[i]);
    used.push(own);
    const matched = matching.matched[i]!;
    const counterparts = matching.counterparts[i]!;
    if (reuse && matched.length === 0 && counterparts.length === 0) return reuse[i]!;
    return scoreRemade(indicator, made.items[i]!, own, set, matching.asOf, matching.context, factsOf(matching, set, i));
  });
  return { scored, items: used };
}

/** Indicator `i`'s score and status under a drawn set: one indicator of scoreMatchedNumbers (the light analysis's exact indicators). */
export function scoreIndicatorDrawn(matching: MatchedCore, set: IndicatorSet, i: number): ScoredNumbers {
  const own = templatesOf(matching, set)[i]!;
  return scoreRemade(set.indicators[i]!, own, valuesUnder(own, set, matching.context), set, matching.asOf, matching.context, factsOf(matching, set, i));
}

/**
 * Each indicator's items for one matching, made once and remade under each draw's method
 * (itemsUnder): the draws of an analysis or a calibration score the same events many times.
 * Talk items get their due date written out here, once (no draw moves the horizon).
 */
interface Templates {
  ids: string[];
  items: IndicatorItems[];
  /**
   * Each indicator's facts about its templates (duplicates, enders, promise scans), found once when
   * a draw first needs them: a draw's values (valuesUnder) are scored with them while every item is
   * as solid as its template (scoreRemade), so the draws stop scanning the history again.
   */
  facts: (IndicatorFacts | undefined)[];
}

const TEMPLATES = new WeakMap<MatchedCore, Templates>();

function templates(matching: MatchedCore, set: IndicatorSet): Templates {
  const known = TEMPLATES.get(matching);
  // Made for the same indicators (a draft of the same set), else made again.
  if (known !== undefined && known.ids.length === set.indicators.length && set.indicators.every((indicator, i) => indicator.id === known.ids[i])) return known;
  const items = set.indicators.map((indicator, i) => itemsOf(indicator, matching.matched[i]!, matching.counterparts[i]!, set, matching.context));
  for (const { subject } of items) for (const item of subject) if (isTalk(item.status)) dueOf(item, set.method);
  const made: Templates = { ids: set.indicators.map((indicator) => indicator.id), items, facts: items.map(() => undefined) };
  TEMPLATES.set(matching, made);
  return made;
}

const templatesOf = (matching: MatchedCore, set: IndicatorSet): IndicatorItems[] => templates(matching, set).items;

/** Indicator `i`'s facts about its templates (see Templates.facts). */
function factsOf(matching: MatchedCore, set: IndicatorSet, i: number): IndicatorFacts {
  const made = templates(matching, set);
  return (made.facts[i] ??= indicatorFacts(made.items[i]!, set, matching.context));
}

function scaled(indicator: Indicator, halfLifeRatio: number, saturationRatio: number): Indicator {
  if (indicator.halfLifeDays === undefined && indicator.saturation === undefined) return indicator;
  const out = { ...indicator };
  if (indicator.halfLifeDays !== undefined) out.halfLifeDays = indicator.halfLifeDays * halfLifeRatio;
  if (indicator.saturation !== undefined) out.saturation = indicator.saturation * saturationRatio;
  return out;
}

export interface DrawModel {
  /** The number of columns of a sample row. */
  dims: number;
  factors: Factor[];
  /** The point composite (the set's own method), unrounded. */
  point: number;
  pointScored: Scored[];
  /**
   * The composite and each indicator's score under the method a sample row draws. `from`, the
   * evaluation of a row that differs from this one in some columns only, lends what those columns
   * leave as it was (the Sobol design's mixed rows): its indicator scores (`scores`, when the
   * columns rescore nothing: weights, aggregation), else its items (`items`, when they remake none).
   * `pool` (0 or 1) remakes the items into that pool's arrays, made by the first evaluation in it:
   * an evaluation's items are then valid until the next evaluation in the same pool, so a row whose
   * items are lent goes in one pool and the rows scored meanwhile in the other.
   */
  evaluate(row: ArrayLike<number>, from?: Evaluation, lend?: 'scores' | 'items', pool?: 0 | 1): Evaluation;
}

export interface Evaluation {
  composite: number;
  scores: number[];
  /** Each indicator's weight, score and status only: a draw's valued entries are not kept alive. */
  scored: readonly ScoredNumbers[];
  /** The items it scored (as columns), when it scored any. */
  items: readonly RemadeItems[] | undefined;
}

/** The model the draws run: events matched once, indicators scored again only when a draw needs it. */
export function drawModel(matching: MatchedEvents, set: IndicatorSet, ranges: FullRanges): DrawModel {
  const design = designFor(set, ranges);
  const pointScored = scoreMatched(matching, set);
  const point = compositeOf(pointScored, set.method).composite;
  const rescores = design.baseRescores || design.factors.some((f) => f.rescores);
  const pools: (readonly RemadeItems[] | undefined)[] = [undefined, undefined];
  return {
    dims: design.dims,
    factors: design.factors,
    point,
    pointScored,
    evaluate(row, from, lend, pool) {
      const d = draftAt(design, row);
      let scored: readonly ScoredNumbers[] = pointScored;
      let items: readonly RemadeItems[] | undefined;
      if (from !== undefined && lend === 'scores') ({ scored, items } = from);
      else if (rescores) {
        const lent = lend === 'items' ? from?.items : undefined;
        ({ scored, items } = scoreDrawn(matching, draftSet(set, d), pointScored, lent, pool === undefined ? undefined : pools[pool]));
        if (pool !== undefined && lent === undefined) pools[pool] ??= items;
      }
      const c = compositeOf(scored, d.method, d.weights);
      return { composite: c.composite, scores: scored.map((s) => s.result.score), scored: scored.map(({ indicator, result }) => ({ indicator, result })), items };
    },
  };
}

export interface SensitivityOptions {
  draws: number;
  /** Recorded in the result; also seeds the default random source. */
  seed: number;
  /** The random source; mulberry32(seed) unless given. */
  random?: Random;
  asOf?: string;
  since?: string;
  /** Overrides the set's `method.sensitivity` (ranges left out take the defaults). */
  ranges?: SensitivityRanges;
  /** Called after each draw with the number done (for a progress bar; the core itself never prints). */
  onDraw?: (done: number, total: number) => void;
  /**
   * Also estimate Sobol indices: `draws` is then the base sample N, and the model runs
   * N × (assumptions + 2) times. Off by default (an interval needs only the draws).
   */
  sobol?: boolean;
  /** Bootstrap replicates for the Sobol intervals (default 200). */
  bootstrap?: number;
}

export const DEFAULT_BOOTSTRAP = 200;

/** Linear interpolation between order statistics (R's type 7) of sorted values. */
export function quantile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

function interval(values: ArrayLike<number>): Interval {
  const sorted = Array.from(values).sort((a, b) => a - b);
  return { median: round(quantile(sorted, 0.5), 2), p5: round(quantile(sorted, 0.05), 2), p95: round(quantile(sorted, 0.95), 2) };
}

/**
 * Draw `draws` methods from the ranges (the rows of the Saltelli matrix A) and score each; with
 * `sobol`, also B and every A_B^(i) for the indices. The rows of A are drawn first, so the
 * intervals are the same with or without the indices.
 */
export function analyzeSensitivity(events: readonly Event[], set: IndicatorSet, options: SensitivityOptions): SensitivityResult {
  const { method } = set;
  if (!Number.isInteger(options.draws) || options.draws < 1) throw new RangeError('sensitivity needs at least one draw');
  const ranges = resolveRanges(method, options.ranges ?? method.sensitivity);
  const random = options.random ?? mulberry32(options.seed);
  const matching = matchEvents(events, set, options);
  const model = drawModel(matching, set, ranges);
  const n = options.draws;
  const k = set.indicators.length;
  const point = model.point;
  const band = bandFor(round(point, 2), method);

  const a = sampleMatrix(random, n, model.dims);
  // With the indices, B is drawn next (nothing between draws from the stream): each row of A is then
  // scored with its mixes, which borrow from it, and let go before the next.
  const sobolOn = options.sobol === true && model.factors.length > 0;
  const b = sobolOn ? sampleMatrix(random, n, model.dims) : undefined;
  const fb = new Float64Array(sobolOn ? n : 0);
  const fab = model.factors.map(() => new Float64Array(sobolOn ? n : 0));
  const composites = new Float64Array(n);
  const indicatorScores = set.indicators.map(() => new Float64Array(n));
  const aggregationAt = model.factors.findIndex((f) => f.id === 'aggregation');
  const rules = aggregationAt >= 0 ? [...new Set(ranges.aggregation)] : [method.aggregation];
  const ruleColumn = model.factors.slice(0, Math.max(0, aggregationAt)).reduce((c, f) => c + f.dims, 0);
  const byRule = new Map<Aggregation, number[]>(rules.map((r) => [r, []]));
  const bandCounts = new Map<string, number>();
  for (let d = 0; d < n; d++) {
    options.onDraw?.(d, n);
    const row = a.subarray(d * model.dims, (d + 1) * model.dims);
    // Row d of A's items are lent to its mixes: made in pool 0, while B and the mixes use pool 1.
    const evaluation = model.evaluate(row, undefined, undefined, 0);
    if (b !== undefined) {
      fb[d] = model.evaluate(b.subarray(d * model.dims, (d + 1) * model.dims), undefined, undefined, 1).composite;
      let start = 0;
      model.factors.forEach((f, i) => {
        // A_B^(i) is row d of A with factor i's columns from B: it keeps A's scores when those
        // columns rescore nothing, A's items when they remake none.
        const lend = !f.rescores ? 'scores' : !f.remakesItems ? 'items' : undefined;
        fab[i]![d] = model.evaluate(mixedRow(a, b, model.dims, d, start, f.dims), evaluation, lend, 1).composite;
        start += f.dims;
      });
    }
    const { composite, scores } = evaluation;
    composites[d] = composite;
    for (let i = 0; i < k; i++) indicatorScores[i]![d] = scores[i]!;
    const rule = aggregationAt >= 0 ? pick(rules, row[ruleColumn]!) : method.aggregation;
    byRule.get(rule)!.push(composite);
    const drawBand = bandFor(round(composite, 2), method);
    bandCounts.set(drawBand, (bandCounts.get(drawBand) ?? 0) + 1);
  }

  let sobol: SobolResult | undefined;
  if (sobolOn) {
    const bootstrap = options.bootstrap ?? DEFAULT_BOOTSTRAP;
    const estimate = sobolIndices(model.factors, composites, fb, fab, bootstrap, random);
    sobol = { samples: n, evaluations: n * (model.factors.length + 2), bootstrap, variance: estimate.variance, indices: estimate.indices };
  }

  const baseWeights = set.indicators.map((i) => i.weight);
  const leaveOneOut = set.indicators
    .map((indicator, i) => ({ indicator, i }))
    .filter(({ indicator }) => indicator.weight > 0)
    .map(({ indicator, i }) => {
      const without = compositeOf(model.pointScored, method, baseWeights.map((w, j) => (j === i ? 0 : w))).composite;
      return { id: indicator.id, score: round(without, 2), delta: round(without - point, 2), order: i };
    })
    .sort((x, y) => Math.abs(y.delta) - Math.abs(x.delta) || x.order - y.order)
    .map(({ order: _order, ...rest }) => rest);

  const share = (count: number) => round(count / n, 4);
  const bands = [...method.bands]
    .sort((x, y) => x.min - y.min)
    .filter((b) => bandCounts.has(b.id))
    .map((b) => ({ band: b.id, share: share(bandCounts.get(b.id)!) }));
  let min = Infinity;
  let max = -Infinity;
  for (const c of composites) [min, max] = [Math.min(min, c), Math.max(max, c)];
  const facts: Omit<SensitivityResult, 'reasoning'> = {
    ...interval(composites),
    draws: n,
    seed: options.seed,
    ranges,
    point: round(point, 2),
    band,
    min: round(min, 2),
    max: round(max, 2),
    bandStability: share(bandCounts.get(band) ?? 0),
    bands,
    byAggregation: rules
      .filter((r) => byRule.get(r)!.length > 0)
      .map((aggregation) => ({ aggregation, draws: byRule.get(aggregation)!.length, ...interval(byRule.get(aggregation)!) })),
    leaveOneOut,
    cuts: [...method.bands].sort((x, y) => x.min - y.min).map((b) => ({ id: b.id, min: b.min })),
    indicators: set.indicators.map((indicator, i) => ({ id: indicator.id, point: round(model.pointScored[i]!.result.score, 2), ...interval(indicatorScores[i]!) })),
  };
  if (sobol) facts.sobol = sobol;
  return { ...facts, reasoning: explainSensitivity(facts) };
}
