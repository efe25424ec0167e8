import { alertRules, type AlertRules } from './alerts.js';
import { bandFor, compositeOf } from './composite.js';
import { bandStabilityOf, confidenceLevel, lightDraws } from './confidence.js';
import { dayNumber } from './dates.js';
import {
  covers,
  coveringGrades,
  indicatorFacts,
  itemsOf,
  meanGradeOver,
  numbersAt,
  scoreItems,
  scoreNumbers,
  statusOf,
  toEvidence,
  valueIndicator,
  valuedPieces,
  type Entry,
  type GradeVisit,
  type IndicatorContext,
  type IndicatorFacts,
  type IndicatorItems,
  type Valued,
} from './indicator-score.js';
import { isTalk, type Item, type SummaryKey } from './evidence.js';
import { covering, FATES, STAGES, type SideState } from './side-numbers.js';
import { matchEvents, type MatchedEvents } from './matching.js';
import { prefixLength, round } from './numbers.js';
import type { ConfidenceLevel, Evidence, IndicatorResult } from './report.js';
import { firstAfter } from './stocks.js';
import type { Event, Indicator, IndicatorSet } from './types.js';

/**
 * Scoring many dates from one match (trend.ts, and the ledger's lever windows): events are sorted and matched once, each event is
 * valued on its own once (its items), and each scoring date values every indicator on the items
 * dated up to it with the engine's own rules (valueIndicator), without building evidence objects
 * or words. What `scoreEvents` would report as of that date — score, band, coverage, confidence
 * and the indicator scores — comes out the same, because it is the same stages on the same items:
 * matching, exact duplicates and the indicators each event counts for do not depend on the date
 * (a prefix of the sorted events matches as its own events would), so only the rules between
 * events run again. The light analysis runs from full evidence on the dates it has budget for.
 */

/** Events matched and valued once, for scoring at any date up to `asOf`. */
export interface Prepared {
  set: IndicatorSet;
  matching: MatchedEvents;
  items: IndicatorItems[];
  /** Per indicator, what the rules between events decide over the whole history (indicator-score.ts SideFacts); a date scored with them reuses their entries, so read one date's before scoring the next. */
  facts: IndicatorFacts[];
  /** Per indicator, the positions of its subject items whose status the reversal alerts watch. */
  reversalsAt: number[][];
  /** Per indicator, each subject item's grade factor as the mean grade rounds it, and whether its event counts on other indicators too. */
  grades: { grade: Float64Array; shared: Uint8Array }[];
}

/**
 * Match and value `events` once for any scoring date up to `asOf` (with `since`, as `score --since`
 * drops flows before it; with `summaryKey`, as scoreEvents takes it).
 */
export function prepareDates(events: readonly Event[], set: IndicatorSet, asOf: string, since?: string, summaryKey?: SummaryKey): Prepared {
  const matching = matchEvents(events, set, { asOf, ...(since !== undefined ? { since } : {}), ...(summaryKey ? { summaryKey } : {}) });
  const items = set.indicators.map((indicator, i) => itemsOf(indicator, matching.matched[i]!, matching.counterparts[i]!, set, matching.context));
  const statuses = alertRules(set).reversalStatuses;
  const reversalsAt = items.map((i) => i.subject.flatMap((item, at) => (statuses.includes(item.event.status) ? [at] : [])));
  const facts = items.map((i) => indicatorFacts(i, set, matching.context));
  const grades = items.map(({ subject }) => ({
    grade: Float64Array.from(subject, (item) => round(item.grade.factor, 4)),
    shared: Uint8Array.from(subject, (item) => ((matching.context.indicatorsOf.get(item.event)?.length ?? 1) > 1 ? 1 : 0)),
  }));
  return { set, matching, items, facts, reversalsAt, grades };
}

/** One date's numbers, as `scoreEvents` would report them. */
export interface DateScore {
  score: number;
  band: string;
  coverage: number;
  /** The mean evidence grade, rounded as the report rounds it. */
  meanGrade: number;
  confidence: ConfidenceLevel;
  /** Each indicator's score, rounded as the report rounds it, in set order. */
  indicators: number[];
  /** The events dated from `recentFrom` that count as evidence (either role) on a weighted indicator, with their dates. */
  recent: Map<string, string>;
  /**
   * Weighted indicators with their reversal evidence dated from `recentFrom` only: what a period's
   * reversal alerts read (a period's alert names the reversals dated in it; every earlier one was
   * built again at each later date, most of a trend's evidence objects).
   */
  reversals: Pick<IndicatorResult, 'id' | 'weight' | 'evidence'>[];
}

/** Each indicator's items dated up to `asOf`. */
function itemsUpTo(prepared: Prepared, asOf: string): IndicatorItems[] {
  const day = dayNumber(asOf);
  return prepared.items.map((i) => ({ subject: i.subject.slice(0, firstAfter(i.subject, day)), counterpart: i.counterpart.slice(0, firstAfter(i.counterpart, day)) }));
}

/** The composite as of `asOf`, rounded as the report's `score` (the ledger's lever windows). */
export function compositeAtDate(prepared: Prepared, asOf: string): number {
  const { set, matching } = prepared;
  const items = itemsUpTo(prepared, asOf);
  const scored = set.indicators.map((indicator, i) => scoreNumbers(indicator, items[i]!, set, asOf, matching.context, prepared.facts[i]));
  return round(compositeOf(scored, set.method).composite, 2);
}

/** What a date reads of one indicator, from its entries (valueIndicator) or from the rules on columns (numbersAt). */
interface AtDate {
  score: number;
  status: IndicatorResult['status'];
  covers(floor: number): boolean;
  /** How many pieces of evidence carry a value, both sides (valuedPieces). */
  pieces(): number;
  /** Each subject entry that covers, in order (meanGradeOver). */
  eachCovering(visit: GradeVisit): void;
  /** The subject entry at a position, or undefined past the date. */
  entryAt(at: number): Entry | undefined;
}

function fromEntries(indicator: Indicator, v: Valued, ctx: IndicatorContext): AtDate {
  return {
    score: v.score,
    status: statusOf(indicator, v),
    covers: (floor) => covers(v.subject, floor),
    pieces: () => valuedPieces(v.subject) + (v.counterpart ? valuedPieces(v.counterpart) : 0),
    eachCovering: (visit) => coveringGrades(v.subject, ctx, visit),
    entryAt: (at) => v.subject.entries[at],
  };
}

function fromColumns(items: IndicatorItems, c: NonNullable<ReturnType<typeof numbersAt>>, grades: Prepared['grades'][number]): AtDate {
  const { subject } = items;
  const n = subject.length;
  return {
    score: c.score,
    status: c.status,
    covers: (floor) => coversOn(c.subject, n, floor),
    pieces: () => piecesOn(c.subject, n) + (c.counterpart ? piecesOn(c.counterpart, items.counterpart.length) : 0),
    eachCovering: (visit) => {
      const { grade, shared } = grades;
      for (let p = 0; p < n; p++) if (c.subject.outOfWindow[p] === 0 && covering(c.subject.fate[p]!)) visit(subject[p]!.event, grade[p]!, shared[p] === 1);
    },
    entryAt: (at) => (at < n ? entryOn(subject, c.subject, at) : undefined),
  };
}

/** covers, on a side's state (the first `n` positions). */
function coversOn(s: SideState, n: number, floor: number): boolean {
  for (let p = 0; p < n; p++) if (s.outOfWindow[p] === 0 && covering(s.fate[p]!) && round(s.decay[p]!, 4) >= floor - 1e-9) return true;
  return false;
}

/** valuedPieces, on a side's state. */
function piecesOn(s: SideState, n: number): number {
  let count = 0;
  for (let p = 0; p < n; p++) {
    if (s.outOfWindow[p] === 1) continue;
    const value = round(s.capped[p]!, 4);
    const uncapped = value !== round(s.value[p]!, 4) && s.value[p] !== 0 ? round(s.value[p]!, 4) : undefined;
    if ((uncapped ?? value) !== 0) count++;
  }
  return count;
}

/** The entry valueSide would have made at a position, from a side's state: what toEvidence reads of a stock or a flow (a talk item's promise is not kept). */
function entryOn(items: readonly Item[], s: SideState, at: number): Entry {
  const stage = STAGES[s.stage[at]!]!;
  const by = s.fateBy[at]!;
  const inEffect = s.inEffect[at]!;
  return {
    item: items[at]!,
    value: s.value[at]!,
    decay: s.decay[at]!,
    fate: FATES[s.fate[at]!]!,
    fateBy: by >= 0 ? items[by] : undefined,
    notes: undefined,
    stage,
    capClass: stage,
    inEffect: inEffect === -1 ? undefined : inEffect === 1,
    commitment: undefined,
    outOfWindow: s.outOfWindow[at] === 1,
    capped: s.capped[at]!,
  };
}

/** Score every indicator as of `asOf` (not after the date the events were prepared for, and with no since date). */
export function scoreAtDate(prepared: Prepared, asOf: string, options: { recentFrom: string; rules?: AlertRules }): DateScore {
  const { set, matching } = prepared;
  if (matching.since !== null) throw new RangeError('scoreAtDate scores whole histories: prepare the events without a since date');
  const { method } = set;
  const rules = options.rules ?? alertRules(set);
  const items = itemsUpTo(prepared, asOf);
  const context = matching.context;
  // On columns where the facts hold, unless the reversal alerts watch talk, whose evidence names
  // its promise (kept on entries only).
  const onColumns = !rules.reversalStatuses.some(isTalk);
  const valued: AtDate[] = set.indicators.map((indicator, i) => {
    const c = onColumns ? numbersAt(indicator, items[i]!, set, asOf, context, prepared.facts[i]!) : undefined;
    return c ? fromColumns(items[i]!, c, prepared.grades[i]!) : fromEntries(indicator, valueIndicator(indicator, items[i]!, set, asOf, context, false, prepared.facts[i]), context);
  });
  const scored = set.indicators.map((indicator, i) => ({ indicator, result: { score: valued[i]!.score, status: valued[i]!.status } }));
  const { composite } = compositeOf(scored, method);
  const score = round(composite, 2);
  const band = bandFor(score, method);

  const totalWeight = set.indicators.reduce((sum, i) => sum + i.weight, 0);
  const coveredWeight = set.indicators.reduce((sum, indicator, i) => sum + (valued[i]!.covers(method.coverageFloor) ? indicator.weight : 0), 0);
  const coverage = totalWeight > 0 ? coveredWeight / totalWeight : 0;
  const meanGrade = meanGradeOver(set.indicators.map((indicator, i) => ({ weight: indicator.weight, each: valued[i]!.eachCovering })));

  // Band stability: the engine's light analysis, from full evidence, only when it would run at all
  // and could change the level (a date reports only the level: when coverage and grade settle it
  // whatever the share, and whether or not the analysis runs, the draws are not needed).
  const levelWith = (share: number | null) => confidenceLevel(coverage, meanGrade, share, set).level;
  const settled = levelWith(0) === levelWith(1) && levelWith(1) === levelWith(null);
  let stability: number | null = null;
  if (method.confidence.draws > 0 && !settled) {
    let pieces = 0;
    for (const v of valued) pieces += v.pieces();
    if (lightDraws(pieces, method.confidence.draws) > 0) {
      const point = set.indicators.map((indicator, i) => scoreItems(indicator, items[i]!, set, asOf, context));
      const at = { asOf, context, matched: items.map((i) => i.subject.map((item) => item.event)), counterparts: items.map((i) => i.counterpart.map((item) => item.event)) };
      stability = bandStabilityOf(at, set, band, point);
    }
  }

  // Entries are the items in date order (no since date here, so none is left out of the window):
  // the period's own events are the tail, and the reversals are at the positions found once.
  const recent = new Map<string, string>();
  const reversals: DateScore['reversals'] = [];
  const statuses = rules.reversalStatuses;
  set.indicators.forEach((indicator, i) => {
    if (indicator.weight <= 0) return;
    const v = valued[i]!;
    for (const list of [items[i]!.subject, indicator.compareTo ? items[i]!.counterpart : []]) {
      for (let k = list.length - 1; k >= 0 && list[k]!.event.date >= options.recentFrom; k--) recent.set(list[k]!.event.id, list[k]!.event.date);
    }
    const evidence: Evidence[] = [];
    const watched = prepared.reversalsAt[i]!;
    const subject = prepared.items[i]!.subject;
    for (let w = prefixLength(watched, (at) => subject[at]!.event.date < options.recentFrom); w < watched.length; w++) {
      const entry = v.entryAt(watched[w]!);
      if (entry === undefined) break;
      if (statuses.includes(entry.item.event.status)) evidence.push(toEvidence(entry, 'subject', context, indicator.id));
    }
    reversals.push({ id: indicator.id, weight: indicator.weight, evidence });
  });

  return {
    score,
    band,
    coverage: round(coverage, 4),
    meanGrade: round(meanGrade, 4),
    confidence: confidenceLevel(coverage, meanGrade, stability, set).level,
    indicators: valued.map((v) => round(v.score, 2)),
    recent,
    reversals,
  };
}
