import type { MatchedEvents } from './matching.js';
import type { Anchor, AnchorSource } from './anchors.js';
import { bandFor, compositeOf, matchEvents, scoreEvents } from './engine.js';
import { round } from './numbers.js';
import type { Confidence } from './report.js';
import { scoreMatchedNumbers } from './sensitivity.js';
import type { Event, IndicatorSet, Method } from './types.js';

/**
 * Calibration: the set's scale checked against dated judgements quoted from its source, and the
 * values of saturation (or of the band cut points) under which every judgement holds. Pure.
 */

/** What an anchor asks for, in words: "limited", "at least 20", "20 to below 40". */
export function expectation(anchor: Pick<Anchor, 'band' | 'min' | 'max'>): string {
  if (anchor.band !== undefined) return anchor.band;
  if (anchor.min !== undefined && anchor.max !== undefined) return `${anchor.min} to below ${anchor.max}`;
  return anchor.min !== undefined ? `at least ${anchor.min}` : `below ${anchor.max}`;
}

/** Whether a (rounded) composite satisfies an anchor: in its band, or at least min and below max. */
export function satisfies(anchor: Pick<Anchor, 'band' | 'min' | 'max'>, score: number, method: Pick<Method, 'bands'>): boolean {
  if (anchor.band !== undefined) return bandFor(score, method as Method) === anchor.band;
  return (anchor.min === undefined || score >= anchor.min) && (anchor.max === undefined || score < anchor.max);
}

export interface AnchorCheck {
  asOf: string;
  expected: string;
  band?: string;
  min?: number;
  max?: number;
  quote: string;
  source: AnchorSource;
  line: number;
  score: number;
  scoredBand: string;
  confidence: Confidence;
  passed: boolean;
}

/** Score the events as of each anchor's date, with the set as it is, and compare. */
export function checkAnchors(events: readonly Event[], set: IndicatorSet, anchors: readonly Anchor[]): AnchorCheck[] {
  return anchors.map((anchor) => {
    const report = scoreEvents(events, set, { asOf: anchor.asOf });
    const check: AnchorCheck = {
      asOf: anchor.asOf,
      expected: expectation(anchor),
      quote: anchor.quote,
      source: anchor.source,
      line: anchor.line,
      score: report.score,
      scoredBand: report.band,
      confidence: report.confidence,
      passed: satisfies(anchor, report.score, set.method),
    };
    if (anchor.band !== undefined) check.band = anchor.band;
    if (anchor.min !== undefined) check.min = anchor.min;
    if (anchor.max !== undefined) check.max = anchor.max;
    return check;
  });
}

/** A closed interval of values, [low, high]; `open` marks an end that reached the edge of the search. */
export interface ValueInterval {
  low: number;
  high: number;
  /** The low end is the search's lower edge (the true interval may reach further). */
  openLow?: boolean;
  openHigh?: boolean;
}

export interface SaturationFit {
  parameter: 'saturation';
  /** The range searched. */
  searched: [number, number];
  /** The value the set uses. */
  current: number;
  currentPasses: boolean;
  /** Values of saturation under which every anchor holds (empty: none does). */
  intervals: ValueInterval[];
  /** Each anchor's own satisfying values, in anchor order. */
  perAnchor: { asOf: string; expected: string; intervals: ValueInterval[] }[];
  /** Pairs of anchors (indices) that no single saturation satisfies together. */
  conflicts: [number, number][];
}

/** The search range of saturation: from a twentieth of a full-weight action to 200 actions. */
export const SATURATION_SEARCH: [number, number] = [0.05, 200];
const GRID = 400;
const BISECTIONS = 40;

/** The set with saturation `s`, indicator saturations scaled alike (a set's ratios between them stay). */
function withSaturation(set: IndicatorSet, s: number): IndicatorSet {
  const ratio = s / set.method.saturation;
  return {
    ...set,
    method: { ...set.method, saturation: s },
    indicators: set.indicators.map((i) => (i.saturation === undefined ? i : { ...i, saturation: i.saturation * ratio })),
  };
}

function intervalsOf(grid: readonly number[], passes: readonly boolean[], refine: (lo: number, hi: number, passingLow: boolean) => number): ValueInterval[] {
  const out: ValueInterval[] = [];
  let start = -1;
  for (let g = 0; g <= grid.length; g++) {
    const pass = g < grid.length && passes[g]!;
    if (pass && start < 0) start = g;
    if (!pass && start >= 0) {
      const low = start === 0 ? grid[0]! : refine(grid[start - 1]!, grid[start]!, false);
      const high = g === grid.length ? grid[grid.length - 1]! : refine(grid[g - 1]!, grid[g]!, true);
      const interval: ValueInterval = { low, high };
      if (start === 0) interval.openLow = true;
      if (g === grid.length) interval.openHigh = true;
      out.push(interval);
      start = -1;
    }
  }
  return out;
}

/**
 * The values of saturation under which every anchor holds. Each anchor's events are matched once;
 * the indicators are scored again for each value tried: a log-spaced grid over SATURATION_SEARCH,
 * then bisection at each edge of a passing run to a thousandth. Intervals are printed inward (the
 * low end rounded up, the high end down), so every printed value passes.
 */
export function fitSaturation(events: readonly Event[], set: IndicatorSet, anchors: readonly Anchor[]): SaturationFit {
  const matched: MatchedEvents[] = anchors.map((a) => matchEvents(events, set, { asOf: a.asOf }));
  const passesAt = (s: number, which: readonly number[]): boolean => {
    const drawn = withSaturation(set, s);
    return which.every((k) => satisfies(anchors[k]!, round(compositeOf(scoreMatchedNumbers(matched[k]!, drawn), drawn.method).composite, 2), set.method));
  };
  const [lo, hi] = SATURATION_SEARCH;
  const grid = Array.from({ length: GRID }, (_, g) => lo * (hi / lo) ** (g / (GRID - 1)));
  const all = anchors.map((_, k) => k);
  const bisect = (which: number[]) => (a: number, b: number, passingLow: boolean) => {
    // passingLow: a passes and b fails (the high edge); otherwise a fails and b passes.
    for (let i = 0; i < BISECTIONS && b - a > 1e-4; i++) {
      const mid = (a + b) / 2;
      if (passesAt(mid, which) === passingLow) a = mid;
      else b = mid;
    }
    return passingLow ? a : b;
  };
  const inward = (v: ValueInterval): ValueInterval => {
    const out: ValueInterval = { low: Math.ceil(v.low * 1000 - 1e-9) / 1000, high: Math.floor(v.high * 1000 + 1e-9) / 1000 };
    if (v.openLow) out.openLow = true;
    if (v.openHigh) out.openHigh = true;
    return out;
  };
  const fit = (which: number[]) => {
    const passes = grid.map((s) => passesAt(s, which));
    return intervalsOf(grid, passes, bisect(which)).map(inward).filter((v) => v.low <= v.high);
  };
  const perAnchor = anchors.map((a, k) => ({ asOf: a.asOf, expected: expectation(a), intervals: fit([k]) }));
  const intervals = fit(all);
  const conflicts: [number, number][] = [];
  if (intervals.length === 0) {
    for (let i = 0; i < anchors.length; i++) for (let j = i + 1; j < anchors.length; j++) if (fit([i, j]).length === 0) conflicts.push([i, j]);
  }
  return {
    parameter: 'saturation',
    searched: [lo, hi],
    current: set.method.saturation,
    currentPasses: passesAt(set.method.saturation, all),
    intervals,
    perAnchor,
    conflicts,
  };
}

export interface CutFit {
  /** The band whose lower bound this cut point is. */
  band: string;
  current: number;
  /** Every anchor holds when the cut is above `above` and at most `atMost` (null: no anchor bounds that side). */
  above: number | null;
  atMost: number | null;
  currentPasses: boolean;
  /** Anchors that bound it from below and above and cannot both hold (an anchor judged lower scores higher). */
  conflict?: [number, number];
}

export interface BandsFit {
  parameter: 'bands';
  /** One entry per band above the lowest, in band order. */
  cuts: CutFit[];
  /** Anchors given as a score range: cut points cannot change whether they hold. */
  unaffected: number[];
}

/**
 * The band cut points under which every band anchor holds, each on its own: an anchor judged in
 * band b needs cut(b) ≤ its score < cut(b + 1), so each cut must lie above the scores of the
 * anchors judged below it and at most the scores of those judged at or above it. Scores are the
 * set's own (rounded, as reported); the cuts must also stay in order.
 */
export function fitBands(checks: readonly AnchorCheck[], set: IndicatorSet): BandsFit {
  const bands = [...set.method.bands].sort((a, b) => a.min - b.min);
  const order = new Map(bands.map((b, i) => [b.id, i]));
  const cuts = bands.slice(1).map((band, c): CutFit => {
    const index = c + 1;
    let above: number | null = null;
    let atMost: number | null = null;
    let below = -1;
    let over = -1;
    checks.forEach((check, k) => {
      if (check.band === undefined) return;
      const at = order.get(check.band)!;
      if (at < index && (above === null || check.score > above)) [above, below] = [check.score, k];
      if (at >= index && (atMost === null || check.score < atMost)) [atMost, over] = [check.score, k];
    });
    const fit: CutFit = {
      band: band.id,
      current: band.min,
      above,
      atMost,
      currentPasses: (above === null || band.min > above) && (atMost === null || band.min <= atMost),
    };
    if (above !== null && atMost !== null && above >= atMost) fit.conflict = [below, over];
    return fit;
  });
  return { parameter: 'bands', cuts, unaffected: checks.flatMap((c, k) => (c.band === undefined ? [k] : [])) };
}
