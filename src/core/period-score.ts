import { alertRules, type AlertRules } from './alerts.js';
import { bandFor, compositeOf } from './composite.js';
import { bandStabilityOf, confidenceLevel, lightDraws } from './confidence.js';
import { dayNumber } from './dates.js';
import { covers, indicatorFacts, itemsOf, meanGradeOf, scoreItems, scoreNumbers, statusOf, toEvidence, valueIndicator, valuedPieces, type IndicatorFacts, type IndicatorItems, type Valued } from './indicator-score.js';
import { matchEvents, type MatchedEvents } from './matching.js';
import { round } from './numbers.js';
import type { ConfidenceLevel, Evidence, IndicatorResult } from './report.js';
import { firstAfter } from './stocks.js';
import type { Event, IndicatorSet } from './types.js';

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
}

/** Match and value `events` once for any scoring date up to `asOf` (with `since`, as `score --since` drops flows before it). */
export function prepareDates(events: readonly Event[], set: IndicatorSet, asOf: string, since?: string): Prepared {
  const matching = matchEvents(events, set, since !== undefined ? { asOf, since } : { asOf });
  const items = set.indicators.map((indicator, i) => itemsOf(indicator, matching.matched[i]!, matching.counterparts[i]!, set, matching.context));
  const statuses = alertRules(set).reversalStatuses;
  const reversalsAt = items.map((i) => i.subject.flatMap((item, at) => (statuses.includes(item.event.status) ? [at] : [])));
  const facts = items.map((i) => indicatorFacts(i, set, matching.context));
  return { set, matching, items, facts, reversalsAt };
}

/** One date's numbers, as `scoreEvents` would report them. */
export interface DateScore {
  score: number;
  band: string;
  coverage: number;
  confidence: ConfidenceLevel;
  /** Each indicator's score, rounded as the report rounds it, in set order. */
  indicators: number[];
  /** The events dated from `recentFrom` that count as evidence (either role) on a weighted indicator, with their dates. */
  recent: Map<string, string>;
  /** Weighted indicators with their reversal evidence only (for reversal alerts). */
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

/** Score every indicator as of `asOf` (not after the date the events were prepared for, and with no since date). */
export function scoreAtDate(prepared: Prepared, asOf: string, options: { recentFrom: string; rules?: AlertRules }): DateScore {
  const { set, matching } = prepared;
  if (matching.since !== null) throw new RangeError('scoreAtDate scores whole histories: prepare the events without a since date');
  const { method } = set;
  const rules = options.rules ?? alertRules(set);
  const items = itemsUpTo(prepared, asOf);
  const context = matching.context;
  // The entries are read below (coverage, the mean grade, recent events, reversals): valued with them.
  const valued: Valued[] = set.indicators.map((indicator, i) => valueIndicator(indicator, items[i]!, set, asOf, context, false, prepared.facts[i]));
  const scored = set.indicators.map((indicator, i) => ({ indicator, result: { score: valued[i]!.score, status: statusOf(indicator, valued[i]!) } }));
  const { composite } = compositeOf(scored, method);
  const score = round(composite, 2);
  const band = bandFor(score, method);

  const totalWeight = set.indicators.reduce((sum, i) => sum + i.weight, 0);
  const coveredWeight = set.indicators.reduce((sum, indicator, i) => sum + (covers(valued[i]!.subject, method.coverageFloor) ? indicator.weight : 0), 0);
  const coverage = totalWeight > 0 ? coveredWeight / totalWeight : 0;
  const meanGrade = meanGradeOf(set.indicators.map((indicator, i) => ({ indicator, subject: valued[i]!.subject })), context);

  // Band stability: the engine's light analysis, from full evidence, only when it would run at all
  // and could change the level (a date reports only the level: when coverage and grade settle it
  // whatever the share, and whether or not the analysis runs, the draws are not needed).
  const levelWith = (share: number | null) => confidenceLevel(coverage, meanGrade, share, set).level;
  const settled = levelWith(0) === levelWith(1) && levelWith(1) === levelWith(null);
  let stability: number | null = null;
  if (method.confidence.draws > 0 && !settled) {
    let pieces = 0;
    for (const v of valued) pieces += valuedPieces(v.subject) + (v.counterpart ? valuedPieces(v.counterpart) : 0);
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
    for (const entries of [v.subject.entries, v.counterpart?.entries ?? []]) {
      for (let k = entries.length - 1; k >= 0 && entries[k]!.item.event.date >= options.recentFrom; k--) recent.set(entries[k]!.item.event.id, entries[k]!.item.event.date);
    }
    const evidence: Evidence[] = [];
    for (const at of prepared.reversalsAt[i]!) {
      const entry = v.subject.entries[at];
      if (entry === undefined) break;
      if (statuses.includes(entry.item.event.status)) evidence.push(toEvidence(entry, 'subject', context, indicator.id));
    }
    reversals.push({ id: indicator.id, weight: indicator.weight, evidence });
  });

  return {
    score,
    band,
    coverage: round(coverage, 4),
    confidence: confidenceLevel(coverage, meanGrade, stability, set).level,
    indicators: valued.map((v) => round(v.score, 2)),
    recent,
    reversals,
  };
}
