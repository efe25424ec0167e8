import { scoreEvents } from './engine.js';
import { countryName } from './names.js';
import { round } from './numbers.js';
import { mulberry32 } from './random.js';
import type { InputFile, Interval, ScoreReport } from './report.js';
import { analyzeSensitivity, quantile } from './sensitivity.js';
import type { Event, IndicatorSet, Problem } from './types.js';

/**
 * Several subjects under one indicator set and one scoring date, ranked with the uncertainty of
 * each score and each rank, as COINr's plot_uncertainty shows them: every subject is scored under
 * the same sensitivity draws (draw d uses the same weights, stage factors, half-life and rule for
 * every subject), so a rank in a draw compares like with like. Beside each score stand the amount
 * and the grade of the evidence behind it, since a subject can look better or worse only because
 * more is published about it (the Global Organized Crime Index makes the same warning).
 */

export const COMPARE_VERSION = 1;

export interface CompareSubject {
  subject: string;
  /** The set rendered for this subject (src/core/subject.ts). */
  set: IndicatorSet;
  events: readonly Event[];
  /** The folders (or files) the subject's events came from, as given. */
  paths: string[];
  inputs: InputFile[];
  warnings: Problem[];
}

export interface CompareOptions {
  /** One scoring date for every subject. */
  asOf: string;
  since?: string;
  draws: number;
  seed: number;
  tool: { name: string; version: string };
  setSha256: string;
  /** The set's title over all the subjects (titleForMany); the first subject's rendered title otherwise. */
  title?: string;
  /** The indicators' titles over all the subjects, in set order; the rendered ones otherwise. */
  indicatorTitles?: readonly string[];
}

export const THIN_REASONS = ['few-events', 'low-grade', 'low-coverage'] as const;
export type ThinReason = (typeof THIN_REASONS)[number];

export interface CompareRow {
  subject: string;
  /** The country's name ("Mexico"), or the code when it names no country. */
  name: string;
  paths: string[];
  score: number;
  band: string;
  coverage: number;
  confidence: ScoreReport['confidence']['level'];
  /** The composite across the draws: median and 5th and 95th percentiles. */
  interval: Interval;
  /** Rank of the point score (1 = highest); tied subjects share the better rank. */
  rank: number;
  /** Rank across the draws: median and 5th and 95th percentiles (nearest rank, so whole numbers). */
  rankInterval: Interval;
  /** Subject events the set counts on some indicator, and their mean grade (reliability × credibility). */
  evidence: { events: number; meanGrade: number };
  /** Why the evidence is thin (empty when it is not). */
  thin: ThinReason[];
  indicators: { id: string; score: number; status: 'scored' | 'no-evidence' | 'unweighted' }[];
  inputs: InputFile[];
}

export interface CompareReport {
  compareVersion: typeof COMPARE_VERSION;
  tool: { name: string; version: string };
  indicatorSet: { id: string; title: string; sha256: string };
  asOf: string;
  since: string | null;
  draws: number;
  seed: number;
  /** The thresholds behind the thin-evidence flag. */
  thinEvidence: { minEvents: number; minGrade: number; minCoverage: number };
  indicators: { id: string; title: string; weight: number }[];
  /** The set's score bands (lower bounds), for drawing the cut points. */
  bands: { id: string; min: number }[];
  /** Best point score first; ties in subject-code order. */
  subjects: CompareRow[];
  reasoning: string;
  warnings: Problem[];
}

/** Competition ranking ("1224"): one more than the number of strictly higher values. */
export function ranks(values: readonly number[]): number[] {
  return values.map((v) => 1 + values.filter((w) => w > v).length);
}

/** Nearest-rank percentile (the smallest value with at least p of the values at or below it). */
function nearestRank(sorted: readonly number[], p: number): number {
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!;
}

function rankInterval(values: number[]): Interval {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: nearestRank(sorted, 0.5), p5: nearestRank(sorted, 0.05), p95: nearestRank(sorted, 0.95) };
}

function scoreInterval(values: number[]): Interval {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: round(quantile(sorted, 0.5), 2), p5: round(quantile(sorted, 0.05), 2), p95: round(quantile(sorted, 0.95), 2) };
}

/**
 * The composite of each draw for one subject. analyzeSensitivity keeps only a summary of its draws,
 * so it is called one draw at a time on a random stream that runs on across the calls: the d-th call
 * makes exactly the d-th draw of a single run with this seed, and every subject gets the same stream.
 */
function drawComposites(subject: CompareSubject, options: CompareOptions): number[] {
  const random = mulberry32(options.seed);
  const out: number[] = [];
  for (let d = 0; d < options.draws; d++) {
    const one = analyzeSensitivity(subject.events, subject.set, { draws: 1, seed: options.seed, random, asOf: options.asOf, ...(options.since ? { since: options.since } : {}) });
    out.push(one.median);
  }
  return out;
}

export function compareSubjects(subjects: readonly CompareSubject[], options: CompareOptions): CompareReport {
  if (subjects.length === 0) throw new RangeError('compare needs at least one subject');
  const ordered = [...subjects].sort((a, b) => (a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : 0));
  const reports = ordered.map((s) =>
    scoreEvents(s.events, s.set, { asOf: options.asOf, ...(options.since ? { since: options.since } : {}), tool: options.tool, setSha256: options.setSha256, inputs: s.inputs }),
  );
  const draws = ordered.map((s) => drawComposites(s, options));
  const drawRanks: number[][] = ordered.map(() => []);
  for (let d = 0; d < options.draws; d++) {
    const r = ranks(draws.map((values) => values[d]!));
    r.forEach((rank, i) => drawRanks[i]!.push(rank));
  }
  const pointRanks = ranks(reports.map((r) => r.score));
  const counts = reports.map(
    (r) => new Set(r.indicators.flatMap((ind) => ind.evidence.filter((e) => e.role === 'subject').map((e) => e.eventId))).size,
  );
  const set = ordered[0]!.set;
  const medianCount = quantile([...counts].sort((a, b) => a - b), 0.5);
  const thinEvidence = {
    // Thin beside the others: fewer than half the median subject's events (and never fewer than 1).
    minEvents: Math.max(1, Math.ceil(medianCount / 2)),
    minGrade: set.method.confidence.moderate.grade,
    minCoverage: set.method.confidence.moderate.coverage,
  };
  const rows: CompareRow[] = ordered.map((s, i) => {
    const report = reports[i]!;
    const thin: ThinReason[] = [];
    if (counts[i]! < thinEvidence.minEvents) thin.push('few-events');
    if (report.meanGrade < thinEvidence.minGrade) thin.push('low-grade');
    if (report.coverage < thinEvidence.minCoverage) thin.push('low-coverage');
    return {
      subject: s.subject,
      name: countryName(s.subject),
      paths: s.paths,
      score: report.score,
      band: report.band,
      coverage: report.coverage,
      confidence: report.confidence.level,
      interval: scoreInterval(draws[i]!),
      rank: pointRanks[i]!,
      rankInterval: rankInterval(drawRanks[i]!),
      evidence: { events: counts[i]!, meanGrade: report.meanGrade },
      thin,
      indicators: report.indicators.map((ind) => ({ id: ind.id, score: ind.score, status: ind.status })),
      inputs: s.inputs,
    };
  });
  rows.sort((a, b) => a.rank - b.rank || (a.subject < b.subject ? -1 : 1));
  return {
    compareVersion: COMPARE_VERSION,
    tool: options.tool,
    indicatorSet: { id: set.id, title: options.title ?? set.title, sha256: options.setSha256 },
    asOf: options.asOf,
    since: options.since ?? null,
    draws: options.draws,
    seed: options.seed,
    thinEvidence,
    indicators: set.indicators.map((ind, k) => ({ id: ind.id, title: options.indicatorTitles?.[k] ?? ind.title, weight: ind.weight })),
    bands: [...set.method.bands].sort((a, b) => a.min - b.min).map((b) => ({ id: b.id, min: b.min })),
    subjects: rows,
    reasoning: explainCompare(rows, options),
    warnings: ordered.flatMap((s) => s.warnings),
  };
}

/** The comparison in words: who leads, whether the ranks are settled, and whose evidence is thin. */
function explainCompare(rows: readonly CompareRow[], options: CompareOptions): string {
  const parts: string[] = [];
  const leaders = rows.filter((r) => r.rank === 1);
  parts.push(
    leaders.length === 1
      ? `${leaders[0]!.name} ranks first at ${leaders[0]!.score.toFixed(2)}`
      : `${leaders.map((r) => r.name).join(' and ')} tie for first at ${leaders[0]!.score.toFixed(2)}`,
  );
  // A point rank the draws do not bear out is the first thing a reader should know.
  const unsettled = rows.filter((r) => r.rankInterval.median !== r.rank);
  if (unsettled.length) parts[0] += `, but across the draws the median rank of ${unsettled.map((r) => `${r.name} is ${r.rankInterval.median}`).join(', of ')}`;
  const settled = rows.filter((r) => r.rankInterval.p5 === r.rankInterval.p95);
  parts.push(
    settled.length === rows.length
      ? `every rank holds across ${options.draws} sensitivity draws`
      : `${rows.length - settled.length} of ${rows.length} ranks move across ${options.draws} sensitivity draws (5–95% rank intervals)`,
  );
  const thin = rows.filter((r) => r.thin.length > 0);
  if (thin.length) parts.push(`thin evidence for ${thin.map((r) => `${r.name} (${r.thin.join(', ')})`).join(', ')}: read those scores with care`);
  return `${parts.join('; ')}.`;
}
