import { snapshotAlerts, type ReversalEvidence } from './alerts.js';
import { aggregate, alternativeOf, apportion, bandFor, compositeOf } from './composite.js';
import { explainComposite, explainIndicator, explainWatch, summarizeIndicator } from './explain.js';
import { coversScored, coveringEvidence, indicatorFacts, itemsOf, meanGradeOver, scoreItems, sidesOf, type IndicatorContext, type Scored } from './indicator-score.js';
import { round } from './numbers.js';
import type { CompositeMethod, Exclusion, IndicatorResult, InputFile, ScoreReport, WatchEntry, WeightsUsed } from './report.js';
import { METHOD_VERSION, SCHEMA_VERSION } from './report.js';
import { matchEvents } from './matching.js';
import type { Event, EventSource, IndicatorSet, Problem, Status } from './types.js';
import type { ProblemPlace } from './problems.js';
import { verdictFailures } from './verdict.js';
import { alsoCountsOf, pieceCount, pieceInEffect, pieceValue, type KeptEvidence } from './pieces.js';
import type { SettingNames } from './messages.js';
import type { SummaryKey } from './evidence.js';
import { assessConfidence } from './confidence.js';
import { watchFacts } from './watch-list.js';

// The stages, re-exported so callers that score one part (sensitivity, calibration) find them here.
export { aggregate, bandFor, compositeOf } from './composite.js';
export { watchEvent } from './watch-list.js';
export { matchEvents, newestDate } from './matching.js';

export interface ScoreOptions {
  /** Scoring date; defaults to the newest event date so the same files always give the same score. */
  asOf?: string;
  /** Events dated before this are left out (listed as excluded). */
  since?: string;
  /** Verdict thresholds the caller asked for; they never change the score. */
  failBelow?: number;
  minCoverage?: number;
  /** How the verdict's messages name those thresholds (the CLI passes its flags); default neutral words. */
  settingNames?: Partial<SettingNames>;
  tool?: { name: string; version: string };
  setSha256?: string;
  inputs?: InputFile[];
  /** Load-time warnings to carry into the report. */
  warnings?: Problem[];
  /** Where the set's weights came from, when a weights file replaced some (see weights.ts). */
  weights?: WeightsUsed;
  /** Share of sensitivity draws in the point score's band, when the caller ran them (confidence needs it). */
  bandStability?: number | null;
  /**
   * Which evidence each indicator's `evidence` lists (default every piece). `{ top: n }` keeps only
   * the n subject pieces a table names (largest value, then newer, then id); every other figure of
   * the report is the same. For outputs that print no more (the table): a million pieces of
   * evidence as objects took a third of the memory of scoring a million events.
   */
  evidence?: KeptEvidence;
  /** A number equal summaries share, so the exact-duplicate check reads fewer (see SummaryKey): no result changes. */
  summaryKey?: SummaryKey;
}

const NO_SOURCES: readonly EventSource[] = [];

/**
 * Score events against an indicator set. Pure: the same events and set give the same report,
 * whatever order the events come in. The stages, each in its own file: evidence (one event's
 * value), stocks, commitments, indicator-score (the rules between events, caps), composite,
 * watch-list and verdict; this function runs them in order and assembles the report.
 */
export function scoreEvents(events: readonly Event[], set: IndicatorSet, options: ScoreOptions = {}): ScoreReport {
  const { method } = set;
  const kept = options.evidence;
  if (kept !== undefined && kept !== 'all' && !(Number.isInteger(kept.top) && kept.top >= 0)) {
    throw new RangeError(`scoreEvents: evidence.top must be a whole number of 0 or more, not ${String(kept.top)}`);
  }
  const matching = matchEvents(events, set, options);
  const { asOf, since, sorted, scorable, contextOf } = matching;
  // Each event valued on its own once per indicator; the point score and the watch list share them.
  const items = set.indicators.map((indicator, i) => itemsOf(indicator, matching.matched[i]!, matching.counterparts[i]!, set, matching.context));
  // The facts of each history, found once: the point score and the watch list run the rules on columns with them.
  const facts = items.map((list) => indicatorFacts(list, set, matching.context));
  const scored = set.indicators.map((indicator, i) => scoreItems(indicator, items[i]!, set, asOf, matching.context, facts[i], options.evidence));

  const { composite, scores, weightsIn } = compositeOf(scored, method);
  const weightedParts = scores.map((s, i) => s * (weightsIn[i] ?? 0));
  const partsTotal = weightedParts.reduce((a, b) => a + b, 0);
  const contributions = apportion(
    weightedParts.map((p) => (partsTotal > 0 ? (composite * p) / partsTotal : 0)),
    composite,
  );

  // Coverage: the share of weight whose indicators hold evidence that still counts and is still
  // worth a quarter (coverageFloor) of its undecayed value; superseded, duplicate and ended do not.
  const totalWeight = scored.reduce((sum, s) => sum + s.indicator.weight, 0);
  const covered = scored.map((s) => coversScored(s, method.coverageFloor));
  const coveredWeight = scored.reduce((sum, s, i) => sum + (covered[i] ? s.indicator.weight : 0), 0);
  const coverage = totalWeight > 0 ? coveredWeight / totalWeight : 0;
  // Mean grade over the distinct subject events that count on a weighted indicator.
  const meanGrade = meanGradeOver(scored.map((s) => ({ weight: s.indicator.weight, each: (visit) => coveringEvidence(s, matching.context, visit) })));

  const watch = watchFacts(matching, items, facts, scored, set, composite);
  const gainOf = new Map(watch.map((w) => [w.id, w.gain]));
  const indicators: IndicatorResult[] = scored.map((s, i) => {
    const withFull = scores.map((x, j) => (j === i ? 100 : x));
    const weightsFull = weightsIn.map((w, j) => (j === i ? s.indicator.weight : w));
    const gain = Math.max(0, aggregate(withFull, weightsFull, method) - composite);
    const { id, title, weight, status, flags, mix, tally, evidence, notes } = s.result;
    const score = round(s.result.score, 2);
    const result = {
      id,
      title,
      weight,
      status,
      score,
      band: bandFor(score, method),
      contribution: contributions[i] ?? 0,
      pointsAvailable: round(gain, 2),
      flags,
      mix,
      tally,
      evidence,
    };
    const subject = s.subjectFacts!;
    const summary = summarizeIndicator(result, subject, set);
    const reasoning = explainIndicator(result, subject, set, asOf, notes);
    return { ...result, nextEventGain: gainOf.get(id) ?? 0, summary, reasoning };
  });
  const resultOf = new Map(indicators.map((r) => [r.id, r]));
  const watchList: WatchEntry[] = watch.map((w) => {
    const { title, pointsAvailable } = resultOf.get(w.id)!;
    const entry = { id: w.id, title, gain: w.gain, score: w.score, pointsAvailable, event: w.event, alsoCounts: w.alsoCounts, ends: w.ends };
    return { ...entry, reasoning: explainWatch(entry, asOf) };
  });

  // Every event is either evidence somewhere or excluded with its reason. Without a since date
  // every event an indicator counts or compares with is evidence (matching's `used`, by position in
  // `scorable`); with one, only those the rules kept in the window. (A set of a million id strings
  // was a tenth of scoring a million events.)
  let shown: (position: number, e: Event) => boolean = (position) => matching.used[position] === 1;
  if (since !== null) {
    const events = new Set<Event>();
    for (const s of scored) for (const side of sidesOf(s)) for (const item of side.listed) events.add(item.event);
    shown = (_, e) => events.has(e);
  }
  const excluded: Exclusion[] = [];
  let at = 0; // position in `scorable`, which keeps the order of `sorted`
  for (const e of sorted) {
    const position = scorable[at] === e ? at++ : -1;
    if (position >= 0 && shown(position, e)) continue;
    const context = contextOf.get(e.kind);
    let reason: string;
    let message: string;
    if (context) [reason, message] = [context.id, context.reason];
    else if (e.date > asOf) [reason, message] = ['after-as-of', set.reasons['after-as-of']];
    else if (since !== null && e.date < since) [reason, message] = ['before-since', set.reasons['before-since']];
    else if (e.actor !== set.subject) [reason, message] = ['other-actor', set.reasons['other-actor']];
    else [reason, message] = ['unmatched', set.reasons.unmatched];
    // One read of the origin: an event may make it when asked (text-in-file.ts), and most events of a large input are excluded.
    const { file, line } = e.origin;
    excluded.push({ eventId: e.id, date: e.date, actor: e.actor, kind: e.kind, reason, message, file, line });
  }

  const warnings: Problem[] = [...(options.warnings ?? [])];
  for (const e of sorted) {
    // Only for events that are scored as of then: a later event is already listed as excluded.
    if (e.date > asOf) continue;
    // Most events have one source: no list is made to loop over it.
    const sources = e.sources ?? (e.source.published !== undefined && e.source.published > asOf ? [e.source] : NO_SOURCES);
    for (const source of sources) {
      if (source.published === undefined || source.published <= asOf) continue;
      warnings.push({
        file: e.origin.file,
        line: e.origin.line,
        column: e.origin.column,
        endLine: e.origin.line,
        endColumn: e.origin.column,
        severity: 'warning',
        code: 'published-after-as-of',
        message: `source of "${e.id}" was published ${source.published}, after the scoring date ${asOf}`,
      });
    }
  }
  warnings.sort(compareProblems);

  const score = round(composite, 2);
  const band = bandFor(score, method);
  const compositeMethod: CompositeMethod = {
    version: METHOD_VERSION,
    attribution: method.attribution,
    aggregation: method.aggregation,
    missing: method.missing,
    alternative: alternativeOf(scores, weightsIn, method),
    leftOut: scored.filter((s, i) => s.indicator.weight > 0 && weightsIn[i] === 0).map((s) => s.indicator.id),
  };
  const weights: WeightsUsed = options.weights ?? { source: 'set', file: null, sha256: options.setSha256 ?? '', changed: [] };
  const split = splitShare(indicators, scored, matching.context);
  const reasoning = explainComposite({
    score,
    band,
    method: compositeMethod,
    counted: indicators.filter((_, i) => (weightsIn[i] ?? 0) > 0).map((r) => ({ id: r.id, score: r.score })),
    noEvidence: indicators.filter((r) => r.status === 'no-evidence').map((r) => r.id),
    unweighted: indicators.filter((r) => r.status === 'unweighted').map((r) => r.id),
    weights,
    multiIndicatorShare: composite > 0 ? split / composite : 0,
  });
  const coverageRounded = round(coverage, 4);

  return {
    schemaVersion: SCHEMA_VERSION,
    tool: options.tool ?? { name: 'coopscore', version: '0.0.0' },
    indicatorSet: { id: set.id, title: set.title, source: set.source, sha256: options.setSha256 ?? '' },
    subject: set.subject,
    asOf,
    since,
    method: compositeMethod,
    weights,
    score,
    band,
    coverage: coverageRounded,
    // Band stability: a light sensitivity analysis over the events matched above (confidence.ts).
    confidence: assessConfidence(coverage, meanGrade, matching, set, band, scored, options.bandStability),
    reasoning,
    meanGrade: round(meanGrade, 4),
    verdict: (() => {
      const failures = verdictFailures(score, coverageRounded, options);
      return { passed: failures.length === 0, failures };
    })(),
    alerts: snapshotAlerts(sorted, (statuses) => scored.map((s) => ({ id: s.indicator.id, weight: s.indicator.weight, evidence: piecesOfStatus(s, statuses) })), set, asOf, since),
    indicators,
    watchList,
    excluded,
    warnings,
    inputs: {
      files: [...(options.inputs ?? [])].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
      events: events.length,
    },
  };
}

/**
 * The part of the composite that rests on events counted by more than one indicator (an arrest on
 * a US lead is an arrest and responsiveness): each weighted indicator's contribution times the share
 * of its positive evidence that also counts elsewhere.
 */
function splitShare(indicators: readonly IndicatorResult[], scored: readonly Scored[], ctx: IndicatorContext): number {
  let total = 0;
  indicators.forEach((r, i) => {
    const p = scored[i]!.pieces!.subject;
    let all = 0;
    let shared = 0;
    for (let k = 0; k < pieceCount(p); k++) {
      const value = pieceValue(p, k);
      if (value <= 0) continue;
      all += value;
      if (alsoCountsOf(ctx, p.listed[k]!.event, r.id) !== undefined) shared += value;
    }
    if (all > 0) total += r.contribution * (shared / all);
  });
  return total;
}

/** What a reversal alert reads of a scored indicator's subject pieces of the given statuses, in order. */
function piecesOfStatus(s: Scored, statuses: readonly Status[]): ReversalEvidence[] {
  const p = s.pieces!.subject;
  const out: ReversalEvidence[] = [];
  for (let k = 0; k < pieceCount(p); k++) {
    const item = p.listed[k]!;
    const e = item.event;
    if (!statuses.includes(e.status)) continue;
    const inEffect = pieceInEffect(p, k);
    const { file, line } = e.origin;
    out.push({ role: 'subject', eventId: e.id, date: e.date, kind: e.kind, status: e.status, file, line, solid: item.grade.solid, ...(inEffect !== undefined ? { inEffect } : {}) });
  }
  return out;
}

/** Problems read in file order: by file, line, column, then code. */
export function compareProblems(a: ProblemPlace, b: ProblemPlace): number {
  return (
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    a.line - b.line ||
    a.column - b.column ||
    (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)
  );
}
