import { alertRules, crisisAlerts, dropAlert, reversalAlerts } from './alerts.js';
import { byDateThenId, sortedByDateThenId } from './dates.js';
import { classify, DEFAULT_DIFF_THRESHOLD, diffReports, type Movement } from './diff.js';
import { newestDate, scoreEvents } from './engine.js';
import { prepareDates, scoreAtDate, type DateScore } from './period-score.js';
import { prefixLength, round } from './numbers.js';
import { periodsBetween, type Every } from './periods.js';
import type { Alert, ConfidenceLevel, InputFile } from './report.js';
import type { Event, IndicatorSet, SetSource, Status } from './types.js';
import type { SummaryKey } from './evidence.js';

/**
 * The composite and every indicator scored as of the end of each calendar period, exactly as
 * `score --as-of` would score each period end (decay and stocks included), from one sort and one
 * match of the events (period-score.ts).
 */

export const TREND_VERSION = 1;

export interface TrendOptions {
  every: Every;
  /** First day of the range (default: the oldest event); the first period is the one holding it. */
  since?: string;
  /** Last day of the range (default: the newest event); the last period is scored as of it. */
  until?: string;
  /** Composite drop, in points, that raises a backsliding alert (default: the set's rule). */
  dropPoints?: number;
  /** Points a change must reach to count as a rise or a fall (default 1). */
  threshold?: number;
  tool?: { name: string; version: string };
  setSha256?: string;
  inputs?: InputFile[];
  /** As scoreEvents takes it (ScoreOptions.summaryKey): no result changes. */
  summaryKey?: SummaryKey;
}

export interface TrendIndicatorPoint {
  id: string;
  score: number;
  /** Change since the previous period; null for the first. */
  change: number | null;
}

export interface TrendPeriod {
  label: string;
  start: string;
  end: string;
  asOf: string;
  partial: boolean;
  score: number;
  band: string;
  coverage: number;
  confidence: ConfidenceLevel;
  change: number | null;
  /** `improvement` is a rise of at least the threshold, `regression` a fall; null for the first period. */
  movement: Movement | null;
  indicators: TrendIndicatorPoint[];
  /** Events dated in the period that count as evidence for some indicator, oldest first. */
  events: string[];
  alerts: Alert[];
}

export interface TrendReport {
  trendVersion: typeof TREND_VERSION;
  tool: { name: string; version: string };
  indicatorSet: { id: string; title: string; source: SetSource; sha256: string };
  subject: string;
  every: Every;
  since: string;
  until: string;
  method: { aggregation: 'arithmetic' | 'geometric'; missing: 'zero' | 'renormalize' };
  rules: { reversalStatuses: Status[]; dropPoints: number; crisisKinds: string[]; crisisWindowDays: number; threshold: number };
  /** Bands of the composite scale, for charts. */
  bands: { id: string; min: number }[];
  indicators: { id: string; title: string; weight: number }[];
  periods: TrendPeriod[];
  summary: {
    first: number;
    last: number;
    change: number;
    min: { label: string; score: number };
    max: { label: string; score: number };
    alerts: number;
  };
  inputs: { files: InputFile[]; events: number };
}

const round2 = (x: number) => round(x, 2);

function oldestDate(events: readonly Event[]): string | undefined {
  let oldest: string | undefined;
  for (const e of events) if (oldest === undefined || e.date < oldest) oldest = e.date;
  return oldest;
}

/** The range a trend covers: the options, else the span of the events. Undefined when neither exists. */
export function trendRange(events: readonly Event[], options: Pick<TrendOptions, 'since' | 'until'>): { since: string; until: string } | undefined {
  const since = options.since ?? oldestDate(events) ?? options.until;
  const until = options.until ?? newestDate(events) ?? options.since;
  if (since === undefined || until === undefined) return undefined;
  return { since, until };
}

/** Score every period and raise the time alerts. Throws a RangeError for an empty or inverted range. */
export function trendEvents(events: readonly Event[], set: IndicatorSet, options: TrendOptions): TrendReport {
  const range = trendRange(events, options);
  if (!range) throw new RangeError('trendEvents needs events or a since/until date');
  const { since, until } = range;
  const periods = periodsBetween(since, until, options.every);
  const rules = alertRules(set, options.dropPoints !== undefined ? { dropPoints: options.dropPoints } : {});
  const threshold = options.threshold ?? DEFAULT_DIFF_THRESHOLD;
  const counted = new Set(set.indicators.filter((i) => i.weight > 0).map((i) => i.id));

  // Sorted and matched once; each period values the items dated up to its end (period-score.ts),
  // which is what scoreEvents would report for those events as of then. A composite drop worth an
  // alert needs the two periods' evidence, event by event: only then are both reports built in full.
  const sorted = sortedByDateThenId(events);
  const crises = sorted.filter((e) => rules.crisisKinds.includes(e.kind));
  const prepared = prepareDates(sorted, set, until, undefined, options.summaryKey);
  const fullReport = (asOf: string) => scoreEvents(sorted.slice(0, prefixLength(sorted, (e) => e.date <= asOf)), set, { asOf, ...(options.summaryKey ? { summaryKey: options.summaryKey } : {}) });

  let previous: { asOf: string; at: DateScore } | undefined;
  const rows: TrendPeriod[] = periods.map((period) => {
    const at = scoreAtDate(prepared, period.asOf, { recentFrom: period.start, rules });
    const window = { from: period.start, to: period.asOf };
    const alerts: Alert[] = [];
    if (previous && Math.round(-round2(at.score - previous.at.score) * 100) / 100 >= rules.dropPoints) {
      const drop = dropAlert(diffReports(fullReport(previous.asOf), fullReport(period.asOf), { threshold }), rules);
      if (drop) alerts.push(drop);
    }
    alerts.push(...reversalAlerts(at.reversals, rules, window), ...crisisAlerts(crises, rules, period.asOf));
    const before = previous?.at;
    const change = before ? round2(at.score - before.score) : null;
    const row: TrendPeriod = {
      ...period,
      score: at.score,
      band: at.band,
      coverage: at.coverage,
      confidence: at.confidence,
      change,
      movement: change === null ? null : classify(change, threshold),
      indicators: set.indicators.map((indicator, n) => ({
        id: indicator.id,
        score: at.indicators[n]!,
        change: before ? round2(at.indicators[n]! - (before.indicators[n] ?? 0)) : null,
      })),
      events: [...at.recent].map(([id, date]) => ({ id, date })).sort(byDateThenId).map((e) => e.id),
      alerts,
    };
    previous = { asOf: period.asOf, at };
    return row;
  });

  const scores = rows.map((r) => r.score);
  let min = rows[0]!;
  let max = rows[0]!;
  for (const r of rows) {
    if (r.score < min.score) min = r;
    if (r.score > max.score) max = r;
  }
  return {
    trendVersion: TREND_VERSION,
    tool: options.tool ?? { name: 'coopscore', version: '0.0.0' },
    indicatorSet: { id: set.id, title: set.title, source: set.source, sha256: options.setSha256 ?? '' },
    subject: set.subject,
    every: options.every,
    since,
    until,
    method: { aggregation: set.method.aggregation, missing: set.method.missing },
    rules: { ...rules, threshold },
    bands: [...set.method.bands].sort((a, b) => a.min - b.min).map((b) => ({ id: b.id, min: b.min })),
    indicators: set.indicators.map((i) => ({ id: i.id, title: i.title, weight: i.weight })),
    periods: rows,
    summary: {
      first: scores[0]!,
      last: scores[scores.length - 1]!,
      change: round2(scores[scores.length - 1]! - scores[0]!),
      min: { label: min.label, score: min.score },
      max: { label: max.label, score: max.score },
      alerts: rows.reduce((n, r) => n + r.alerts.length, 0),
    },
    inputs: {
      files: [...(options.inputs ?? [])].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
      events: events.length,
    },
  };
}
