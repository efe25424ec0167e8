import { snapshotAlerts } from './alerts.js';
import { assessConfidence } from './confidence.js';
import { dayNumber } from './dates.js';
import { round } from './numbers.js';
import { explainComposite, explainIndicator, explainWatch, summarizeIndicator } from './explain.js';
import { clauseValues, matchesAny, matchesClause } from './match.js';
import { selectEvents, type Selection } from './select.js';
import { stockEnderFinder, type StockRule } from './stocks.js';
import type {
  CompositeMethod,
  Evidence,
  Exclusion,
  Flag,
  IndicatorResult,
  IndicatorTally,
  InputFile,
  ScoreReport,
  VerdictFailure,
  WatchEntry,
  WeightsUsed,
} from './report.js';
import { METHOD_VERSION, SCHEMA_VERSION, type Mix, type Stage } from './report.js';
import { gradeEvent } from './grade.js';
import type { Credibility, Event, Indicator, IndicatorSet, Method, Problem, Status } from './types.js';
import { STATUSES } from './types.js';

export interface ScoreOptions {
  /** Scoring date; defaults to the newest event date so the same files always give the same score. */
  asOf?: string;
  /** Events dated before this are left out (listed as excluded). */
  since?: string;
  /** Verdict thresholds the caller asked for; they never change the score. */
  failBelow?: number;
  minCoverage?: number;
  tool?: { name: string; version: string };
  setSha256?: string;
  inputs?: InputFile[];
  /** Load-time warnings to carry into the report. */
  warnings?: Problem[];
  /** Where the set's weights came from, when a weights file replaced some (see weights.ts). */
  weights?: WeightsUsed;
}

function byDateThenId(a: Event, b: Event): number {
  return a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Newest event date, or undefined for no events. */
export function newestDate(events: readonly Event[]): string | undefined {
  let newest: string | undefined;
  for (const e of events) if (newest === undefined || e.date > newest) newest = e.date;
  return newest;
}

export function bandFor(score: number, method: Method): string {
  let band = method.bands[0]?.id ?? '';
  for (const b of [...method.bands].sort((x, y) => x.min - y.min)) if (score >= b.min) band = b.id;
  return band;
}

// Interim: the stock rules of method version 1, until the version-2 stages replace this engine.
const V1_STOCKS: Partial<Record<Status, StockRule>> = {
  'in-force': { endedBy: ['reversed'], sameSubstance: true },
  reversed: { endedBy: ['enforced', 'in-force'] },
};
const STAGE_OF: Record<Status, Stage> = { pledged: 'talk', announced: 'talk', 'in-force': 'books', enforced: 'practice', refused: 'negative', reversed: 'negative' };

function grade(event: Event, method: Method): { factor: number; graded: boolean } {
  const reliability = event.source.reliability ?? method.defaultGrade.reliability;
  const credibility = event.source.credibility ?? method.defaultGrade.credibility;
  return {
    // An integer key reads the same property as its string without building the string per event.
    factor: method.reliability[reliability] * method.credibility[credibility as unknown as `${Credibility}`],
    graded: event.source.reliability !== undefined && event.source.credibility !== undefined,
  };
}

/**
 * Values of the events matched to one indicator on the as-of date. Flows decay with age; stocks
 * (method.stocks) keep full weight until a later event on the same indicator ends them.
 */
function valueEvents(
  events: readonly Event[],
  role: Evidence['role'],
  method: Method,
  halfLifeDays: number,
  asOf: string,
): Evidence[] {
  const asOfDay = dayNumber(asOf);
  const enderOf = stockEnderFinder(events);
  return events.map((event, index) => {
    const { factor, graded } = grade(event, method);
    const base = method.stages[event.status] * (1 + Math.log2(event.magnitude ?? 1)) * factor;
    const stock = V1_STOCKS[event.status];
    let decay: number;
    let inEffect: boolean | undefined;
    let endedBy: Evidence['endedBy'];
    if (stock) {
      const ender = enderOf(index, stock);
      inEffect = ender === undefined;
      decay = inEffect ? 1 : 0;
      if (ender) endedBy = { eventId: ender.id, date: ender.date };
    } else {
      decay = 0.5 ** ((asOfDay - dayNumber(event.date)) / halfLifeDays);
    }
    const evidence: Evidence = {
      eventId: event.id,
      date: event.date,
      actor: event.actor,
      kind: event.kind,
      status: event.status,
      role,
      value: base * decay,
      decay,
      graded,
      file: event.origin.file,
      line: event.origin.line,
      source: event.source.url === undefined ? { title: event.source.title } : { title: event.source.title, url: event.source.url },
      summary: event.summary,
      grade: gradeEvent(event, method).label,
      gradeFactor: round(factor, 4),
      solid: gradeEvent(event, method).solid,
      stage: STAGE_OF[event.status],
      fate: 'counted',
    };
    if (inEffect !== undefined) evidence.inEffect = inEffect;
    if (endedBy) evidence.endedBy = endedBy;
    return evidence;
  });
}

/** One indicator scored on its own, before the composite is known. */
export interface Scored {
  indicator: Indicator;
  result: Omit<IndicatorResult, 'contribution' | 'pointsAvailable' | 'nextEventGain' | 'band' | 'reasoning' | 'summary'>;
}

/** Score one indicator from the events it counts and the counterpart events it compares with. */
export function scoreIndicator(
  indicator: Indicator,
  matched: readonly Event[],
  counterpartEvents: readonly Event[],
  set: IndicatorSet,
  asOf: string,
): Scored {
  const { method } = set;
  const halfLife = indicator.halfLifeDays ?? method.halfLifeDays;
  const saturation = indicator.saturation ?? method.saturation;
  const evidence = valueEvents(matched, 'subject', method, halfLife, asOf);
  const counterpart = valueEvents(counterpartEvents, 'counterpart', method, halfLife, asOf);

  let positive = 0;
  let negative = 0;
  const counts = new Map<Status, number>();
  let oldestDecay: number | null = null;
  for (const e of evidence) {
    if (e.value > 0) positive += e.value;
    else negative -= e.value;
    counts.set(e.status, (counts.get(e.status) ?? 0) + 1);
    if (e.inEffect === undefined && (oldestDecay === null || e.decay < oldestDecay)) oldestDecay = e.decay;
  }
  const net = positive - negative;
  const byStatus: Partial<Record<Status, number>> = {};
  for (const status of STATUSES) if (counts.has(status)) byStatus[status] = counts.get(status)!;
  const counterpartTotal = indicator.compareTo
    ? counterpart.reduce((sum, e) => sum + Math.max(e.value, 0), 0)
    : null;
  const ratio = counterpartTotal !== null && counterpartTotal > 0 ? Math.min(1, positive / counterpartTotal) : 1;

  let score = 100 * (1 - Math.exp(-Math.max(net, 0) / saturation)) * ratio;
  const positives = evidence.filter((e) => e.value > 0);
  // Talk that outweighs nothing is not flagged as talk: a negative net already says more.
  const commitmentOnly =
    net > 0 && positives.length > 0 && positives.every((e) => e.status === 'pledged' || e.status === 'announced');
  const capped = commitmentOnly && score > method.talkCap;
  if (capped) score = method.talkCap;

  const flags: Flag[] = [];
  if (evidence.length === 0) flags.push('no-evidence');
  if (commitmentOnly) flags.push('commitment-only');
  if (net < 0) {
    flags.push('negative');
    if (evidence.some((e) => e.status === 'reversed' && e.value < 0)) flags.push('backsliding');
  }
  const mix: Mix = { practice: 0, books: 0, talk: 0, negative: 0 };
  for (const e of evidence) mix[e.stage] += Math.abs(e.value);
  for (const k of ['practice', 'books', 'talk', 'negative'] as const) mix[k] = round(mix[k], 4);

  const tally: IndicatorTally = {
    positive: round(positive, 4),
    negative: round(negative, 4),
    net: round(net, 4),
    counterpart: counterpartTotal === null ? null : round(counterpartTotal, 4),
    ratio: round(ratio, 4),
    capped,
    byStatus,
    oldestDecay: oldestDecay === null ? null : round(oldestDecay, 4),
  };
  const status: IndicatorResult['status'] =
    indicator.weight === 0 ? 'unweighted' : evidence.length === 0 ? 'no-evidence' : 'scored';
  return {
    indicator,
    result: {
      id: indicator.id,
      title: indicator.title,
      weight: indicator.weight,
      status,
      score,
      flags,
      mix,
      tally,
      // The values were summed unrounded above; these objects are this call's own, so round in place.
      evidence: [...evidence, ...counterpart].map((e) => ((e.value = round(e.value, 4)), (e.decay = round(e.decay, 4)), e)),
    },
  };
}

/** Which indicators take part in the composite, given the method's rule for missing evidence. */
function counted(scored: readonly Scored[], weights: readonly number[], method: Method): boolean[] {
  return scored.map(
    (s, i) => (weights[i] ?? 0) > 0 && (method.missing === 'zero' || s.result.status !== 'no-evidence'),
  );
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
function alternativeOf(scores: readonly number[], weightsIn: readonly number[], method: Method): CompositeMethod['alternative'] {
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
export function compositeOf(
  scored: readonly Scored[],
  method: Method,
  weights: readonly number[] = scored.map((s) => s.indicator.weight),
): Composite {
  const inComposite = counted(scored, weights, method);
  const weightsIn = scored.map((_, i) => (inComposite[i] ? (weights[i] ?? 0) : 0));
  const scores = scored.map((s) => s.result.score);
  return { composite: aggregate(scores, weightsIn, method), scores, weightsIn };
}

/**
 * Round parts to hundredths so they add up exactly to the rounded total (largest remainder), so the
 * contributions a reader sees sum to the composite they see.
 */
function apportion(parts: readonly number[], total: number): number[] {
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

/** The events each indicator counts in the scoring window: the part of scoring no method parameter changes. */
export interface MatchedEvents {
  asOf: string;
  since: string | null;
  /** All events, by date then id. */
  sorted: Event[];
  contextOf: Map<string, { id: string; reason: string }>;
  /** Per indicator, in set order: the subject events it counts. */
  matched: Event[][];
  /** Per indicator, in set order: the counterpart events it is compared with (empty without `compareTo`). */
  counterparts: Event[][];
  /** The events in the window that are not context, by date then id. */
  scorable: Event[];
  /** Per indicator, in set order: what it counts, with positions in `scorable`. */
  selections: Selection[];
  /** By position in `scorable`: 1 when some indicator counts or compares with the event. */
  used: Uint8Array;
}

export function matchEvents(
  events: readonly Event[],
  set: IndicatorSet,
  options: Pick<ScoreOptions, 'asOf' | 'since'> = {},
): MatchedEvents {
  const sorted = [...events].sort(byDateThenId);
  const asOf = options.asOf ?? newestDate(sorted) ?? options.since;
  if (asOf === undefined) throw new RangeError('scoreEvents needs events or an asOf date');
  const since = options.since ?? null;
  const inWindow = (e: Event) => e.date <= asOf && (since === null || e.date >= since);
  const contextOf = new Map<string, { id: string; reason: string }>();
  for (const group of set.context) for (const kind of group.kinds) contextOf.set(kind, group);

  const scorable = sorted.filter((e) => inWindow(e) && !contextOf.has(e.kind));
  const { selections, used } = selectEvents(scorable, set);
  const matched = selections.map((s) => s.matched);
  const counterparts = selections.map((s) => s.counterpart);
  return { asOf, since, sorted, scorable, selections, contextOf, matched, counterparts, used };
}

/**
 * The event the watch list assumes for an indicator: an enforced action by the subject, graded A1 and
 * dated at the as-of, built from the first rule of the indicator that admits one (its first kind,
 * substance and tag). Undefined when no rule counts an enforced action by the subject.
 */
export function watchEvent(indicator: Indicator, set: IndicatorSet, asOf: string): Event | undefined {
  for (const clause of indicator.match) {
    const statuses = clauseValues(clause, 'status');
    const actors = clauseValues(clause, 'actor');
    const kind = clauseValues(clause, 'kind')[0];
    if (kind === undefined || (statuses.length && !statuses.includes('enforced'))) continue;
    if (actors.length && !actors.includes(set.subject)) continue;
    const event: Event = {
      // Not a valid event id, so it can never collide with a real one.
      id: `watch-list:${indicator.id}`,
      date: asOf,
      actor: set.subject,
      kind,
      status: 'enforced',
      summary: indicator.title,
      source: { title: indicator.title, reliability: 'A', credibility: 1 },
      origin: { file: '', line: 0, column: 0 },
    };
    const substance = clauseValues(clause, 'substances')[0];
    const tag = clauseValues(clause, 'tags')[0];
    if (substance !== undefined) event.substances = [substance];
    if (tag !== undefined) event.tags = [tag];
    return event;
  }
  return undefined;
}

type WatchFacts = Omit<WatchEntry, 'reasoning' | 'title' | 'pointsAvailable'> & { index: number; gainRaw: number };

/**
 * What one more enforced, A1 action would add to the composite, per weighted indicator: each
 * indicator's assumed event (watchEvent) is added and every indicator that counts or compares with it
 * is scored again; the others keep their scores. Ranked by gain, then set order.
 */
function watchFacts(matching: MatchedEvents, scored: readonly Scored[], set: IndicatorSet, base: number): WatchFacts[] {
  const facts: WatchFacts[] = [];
  set.indicators.forEach((indicator, i) => {
    if (indicator.weight <= 0) return;
    const event = watchEvent(indicator, set, matching.asOf);
    if (!event) return;
    const rescored = [...scored];
    const alsoCounts: string[] = [];
    const ends = new Set<string>();
    set.indicators.forEach((other, j) => {
      const counts = matchesAny(event, other.match, set.subject);
      const compares = other.compareTo !== undefined && matchesClause(event, other.compareTo, set.counterpart);
      if (!counts && !compares) return;
      if (j !== i && counts) alsoCounts.push(other.id);
      const mine = counts ? [...matching.matched[j]!, event] : matching.matched[j]!;
      const theirs = compares ? [...matching.counterparts[j]!, event] : matching.counterparts[j]!;
      const again = scoreIndicator(other, mine, theirs, set, matching.asOf);
      const inEffect = new Set(scored[j]!.result.evidence.filter((e) => e.inEffect === true).map((e) => `${e.role}:${e.eventId}`));
      for (const e of again.result.evidence) {
        if (e.endedBy?.eventId === event.id && inEffect.has(`${e.role}:${e.eventId}`)) ends.add(e.eventId);
      }
      rescored[j] = again;
    });
    const after = compositeOf(rescored, set.method).composite;
    const watched: WatchEntry['event'] = { kind: event.kind };
    if (event.substances) watched.substances = event.substances;
    if (event.tags) watched.tags = event.tags;
    facts.push({
      id: indicator.id,
      index: i,
      gainRaw: after - base,
      gain: round(after - base, 2),
      score: round(after, 2),
      event: watched,
      alsoCounts,
      ends: [...ends].sort(),
    });
  });
  return facts.sort((a, b) => b.gainRaw - a.gainRaw || a.index - b.index);
}

/**
 * Score events against an indicator set. Pure: the same events and set give the same report,
 * whatever order the events come in.
 */
export function scoreEvents(events: readonly Event[], set: IndicatorSet, options: ScoreOptions = {}): ScoreReport {
  const { method } = set;
  const matching = matchEvents(events, set, options);
  const { asOf, since, sorted, scorable, selections, contextOf, used } = matching;
  const scored = set.indicators.map((indicator, i) =>
    scoreIndicator(indicator, matching.matched[i]!, matching.counterparts[i]!, set, asOf),
  );

  const { composite, scores, weightsIn } = compositeOf(scored, method);
  const weightedParts = scores.map((s, i) => s * (weightsIn[i] ?? 0));
  const partsTotal = weightedParts.reduce((a, b) => a + b, 0);
  const contributions = apportion(
    weightedParts.map((p) => (partsTotal > 0 ? (composite * p) / partsTotal : 0)),
    composite,
  );

  const totalWeight = scored.reduce((sum, s) => sum + s.indicator.weight, 0);
  const evidencedWeight = scored.reduce((sum, s) => sum + (s.result.status === 'scored' ? s.indicator.weight : 0), 0);
  const coverage = totalWeight > 0 ? evidencedWeight / totalWeight : 0;

  // Each scored subject event once, summed in first-seen order (indicator by indicator).
  const graded = new Uint8Array(scorable.length);
  let gradeSum = 0;
  let gradeCount = 0;
  scored.forEach((s, i) => {
    if (s.indicator.weight === 0) return;
    for (const at of selections[i]!.matchedAt) {
      if (graded[at]) continue;
      graded[at] = 1;
      gradeSum += grade(scorable[at]!, method).factor;
      gradeCount++;
    }
  });
  const meanGrade = gradeCount ? gradeSum / gradeCount : 0;

  const watch = watchFacts(matching, scored, set, composite);
  const gainOf = new Map(watch.map((w) => [w.id, w.gain]));
  const indicators: IndicatorResult[] = scored.map((s, i) => {
    const withFull = scores.map((x, j) => (j === i ? 100 : x));
    const weightsFull = weightsIn.map((w, j) => (j === i ? s.indicator.weight : w));
    const gain = Math.max(0, aggregate(withFull, weightsFull, method) - composite);
    const { id, title, weight, status, flags, mix, tally, evidence } = s.result;
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
    const summary = summarizeIndicator(result, set);
    const reasoning = explainIndicator(result, set, asOf);
    const { tally: _t, evidence: _e, flags: _f, mix: _m, ...head } = result;
    return { ...head, nextEventGain: gainOf.get(id) ?? 0, flags, mix, summary, reasoning, tally, evidence };
  });
  const resultOf = new Map(indicators.map((r) => [r.id, r]));
  const watchList: WatchEntry[] = watch.map((w) => {
    const { title, pointsAvailable } = resultOf.get(w.id)!;
    const entry = { id: w.id, title, gain: w.gain, score: w.score, pointsAvailable, event: w.event, alsoCounts: w.alsoCounts, ends: w.ends };
    return { ...entry, reasoning: explainWatch(entry, asOf) };
  });

  const excluded: Exclusion[] = [];
  let at = 0; // scorable is sorted filtered: walk it alongside
  for (const e of sorted) {
    const scorableHere = scorable[at] === e;
    if (scorableHere) at++;
    if (scorableHere && used[at - 1]) continue;
    const context = contextOf.get(e.kind);
    let reason: string;
    let message: string;
    if (context) [reason, message] = [context.id, context.reason];
    else if (e.date > asOf) [reason, message] = ['after-as-of', set.reasons['after-as-of']];
    else if (since !== null && e.date < since) [reason, message] = ['before-since', set.reasons['before-since']];
    else if (e.actor !== set.subject) [reason, message] = ['other-actor', set.reasons['other-actor']];
    else [reason, message] = ['unmatched', set.reasons.unmatched];
    excluded.push({
      eventId: e.id,
      date: e.date,
      actor: e.actor,
      kind: e.kind,
      reason,
      message,
      file: e.origin.file,
      line: e.origin.line,
    });
  }

  const warnings: Problem[] = [...(options.warnings ?? [])];
  for (const e of sorted) {
    // Only for events that are scored as of then: a later event is already listed as excluded.
    if (e.date <= asOf && e.source.published !== undefined && e.source.published > asOf) {
      warnings.push({
        file: e.origin.file,
        line: e.origin.line,
        column: e.origin.column,
        endLine: e.origin.line,
        endColumn: e.origin.column,
        severity: 'warning',
        code: 'published-after-as-of',
        message: `source of "${e.id}" was published ${e.source.published}, after the scoring date ${asOf}`,
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
  const reasoning = explainComposite(
    {
      score,
      band,
      method: compositeMethod,
      counted: indicators.filter((_, i) => (weightsIn[i] ?? 0) > 0).map((r) => ({ id: r.id, score: r.score })),
      noEvidence: indicators.filter((r) => r.status === 'no-evidence').map((r) => r.id),
      unweighted: indicators.filter((r) => r.status === 'unweighted').map((r) => r.id),
      weights,
    },
  );
  const failures: VerdictFailure[] = [];
  if (options.failBelow !== undefined && score < options.failBelow) {
    failures.push({
      code: 'score-below',
      message: `score ${score} is below --fail-below ${options.failBelow}`,
      threshold: options.failBelow,
      actual: score,
    });
  }
  const coverageRounded = round(coverage, 4);
  if (options.minCoverage !== undefined && coverageRounded < options.minCoverage) {
    failures.push({
      code: 'coverage-below',
      message: `coverage ${coverageRounded} is below --min-coverage ${options.minCoverage}`,
      threshold: options.minCoverage,
      actual: coverageRounded,
    });
  }

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
    confidence: assessConfidence(coverage, meanGrade, matching, set, band, scored),
    reasoning,
    meanGrade: round(meanGrade, 4),
    verdict: { passed: failures.length === 0, failures },
    alerts: snapshotAlerts(sorted, indicators, set, asOf, since),
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

/** Problems read in file order: by file, line, column, then code. */
export function compareProblems(a: Problem, b: Problem): number {
  return (
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    a.line - b.line ||
    a.column - b.column ||
    (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)
  );
}
