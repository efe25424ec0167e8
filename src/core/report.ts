import type { Problem, SensitivityRanges, SetSource, Status } from './types.js';

/** The one contract between the engine and every renderer; `--format json` prints it as is. */
export const SCHEMA_VERSION = 1;

export const FLAGS = ['no-evidence', 'commitment-only', 'negative', 'backsliding', 'ungraded-evidence'] as const;
export type Flag = (typeof FLAGS)[number];

export type Confidence = 'high' | 'moderate' | 'low';

/** One matched event and what it was worth on the as-of date. */
export interface Evidence {
  eventId: string;
  date: string;
  actor: string;
  kind: string;
  status: Status;
  /** `subject` evidence is scored; `counterpart` evidence is what the subject is compared to. */
  role: 'subject' | 'counterpart';
  /** stage × magnitude × reliability × credibility × decay, rounded to 4 decimals. */
  value: number;
  /** Share of the undecayed value left on the as-of date (1 for a stock in effect, 0 for one ended). */
  decay: number;
  /** For stocks: whether the event is still in effect on the as-of date. */
  inEffect?: boolean;
  endedBy?: { eventId: string; date: string };
  graded: boolean;
  file: string;
  line: number;
  /** The event's source title and link, so a report can cite it (optional: reports saved before it was added still validate). */
  source?: { title: string; url?: string };
}

export interface IndicatorTally {
  /** Sum of positive values. */
  positive: number;
  /** Sum of the magnitudes of negative values. */
  negative: number;
  net: number;
  /** Positive counterpart evidence when the indicator has `compareTo`, else null. */
  counterpart: number | null;
  /** min(1, positive / counterpart) when the counterpart has evidence, else 1. */
  ratio: number;
  /** True when the commitment cap lowered the score. */
  capped: boolean;
  /** Counts of matched subject events by status. */
  byStatus: Partial<Record<Status, number>>;
  /** The smallest decay factor among decaying subject evidence, or null when none decays. */
  oldestDecay: number | null;
}

export interface IndicatorResult {
  id: string;
  title: string;
  weight: number;
  status: 'scored' | 'no-evidence' | 'unweighted';
  score: number;
  band: string;
  contribution: number;
  pointsAvailable: number;
  /**
   * What the composite would gain from one more enforced, A1 event dated at the as-of that this indicator
   * counts. Negative only under `missing: renormalize`, when the event brings a left-out indicator in below the mean.
   */
  nextEventGain: number;
  flags: Flag[];
  /** One line for tables: the deciding facts only. */
  summary: string;
  /** The full sentence: counts, discounts, stocks, decay and comparison. */
  reasoning: string;
  tally: IndicatorTally;
  evidence: Evidence[];
}

export interface Exclusion {
  eventId: string;
  date: string;
  actor: string;
  kind: string;
  reason: string;
  message: string;
  file: string;
  line: number;
}

export interface VerdictFailure {
  code: 'score-below' | 'coverage-below';
  message: string;
  threshold: number;
  actual: number;
}

/** One event behind an alert, traceable to its file and line. */
export interface AlertEvent {
  eventId: string;
  date: string;
  kind: string;
  status: Status;
  file: string;
  line: number;
  /** The indicators whose evidence the event is (empty for context such as a crisis). */
  indicators: string[];
}

export const ALERT_CODES = ['backsliding', 'crisis-risk'] as const;
/** `score-drop` and `reversal` raise `backsliding`; `crisis` raises `crisis-risk`. */
export const ALERT_TRIGGERS = ['reversal', 'score-drop', 'crisis'] as const;

/** A warning about time: cooperation sliding back, or a crisis that puts it at risk. */
export interface Alert {
  code: (typeof ALERT_CODES)[number];
  trigger: (typeof ALERT_TRIGGERS)[number];
  message: string;
  /** For `score-drop`: how many composite points were lost since the previous period. */
  drop?: number;
  /** For `crisis`: days from the crisis to the as-of date. */
  daysBefore?: number;
  /** The events behind the alert, most telling first. */
  events: AlertEvent[];
}

export interface InputFile {
  path: string;
  sha256: string;
  events: number;
}

export interface ScoreReport {
  schemaVersion: typeof SCHEMA_VERSION;
  tool: { name: string; version: string };
  indicatorSet: { id: string; title: string; source: SetSource; sha256: string };
  subject: string;
  asOf: string;
  since: string | null;
  method: CompositeMethod;
  /** Where the weights came from: the indicator set's own, or a weights file that replaced some. */
  weights: WeightsUsed;
  score: number;
  band: string;
  coverage: number;
  confidence: Confidence;
  /** How the composite was formed, in words: aggregation, missing evidence, weights. */
  reasoning: string;
  /** Mean of reliability × credibility over the subject evidence that was scored. */
  meanGrade: number;
  verdict: { passed: boolean; failures: VerdictFailure[] };
  /** Backsliding (a reversal still in effect) and crisis risk on the as-of date. */
  alerts: Alert[];
  indicators: IndicatorResult[];
  /** Weighted indicators ranked by what one more enforced, A1 event would add to the composite. */
  watchList: WatchEntry[];
  excluded: Exclusion[];
  warnings: Problem[];
  inputs: { files: InputFile[]; events: number };
  /** Monte Carlo uncertainty of the composite; present only when asked for (`score --sensitivity`). */
  sensitivity?: SensitivityResult;
}

export type Aggregation = 'arithmetic' | 'geometric';

export interface CompositeMethod {
  aggregation: Aggregation;
  missing: 'zero' | 'renormalize';
  /** The composite under the other aggregation rule, so a reader sees how much compensation matters. */
  alternative: { aggregation: Aggregation; score: number };
  /** Weighted indicators left out of the composite (`missing: renormalize` drops those without evidence). */
  leftOut: string[];
}

export interface WeightChange {
  id: string;
  from: number;
  to: number;
}

export interface WeightsUsed {
  source: 'set' | 'file';
  /** The weights file as named on the command line, or null for the set's own weights. */
  file: string | null;
  /** sha256 of the weights file; of the indicator set when its own weights are used. */
  sha256: string;
  /** The weights the file changed, in set order. */
  changed: WeightChange[];
}

/** The event the watch list assumes for an indicator: enforced, A1, dated at the as-of. */
export interface WatchEvent {
  kind: string;
  substances?: string[];
  tags?: string[];
}

export interface WatchEntry {
  id: string;
  title: string;
  /** Composite gain from one more such event, found by scoring again with it added. */
  gain: number;
  /** The composite with that event added. */
  score: number;
  pointsAvailable: number;
  event: WatchEvent;
  /** Other indicators the same event counts for (part of the gain). */
  alsoCounts: string[];
  /** Stocks in effect (a suspension, say) that the event would end. */
  ends: string[];
  reasoning: string;
}

export interface Interval {
  median: number;
  p5: number;
  p95: number;
}

export interface SensitivityResult extends Interval {
  draws: number;
  seed: number;
  ranges: SensitivityRanges;
  /** The reported composite and band, which the draws are compared with. */
  point: number;
  band: string;
  min: number;
  max: number;
  /** Share of draws whose composite falls in the reported band. */
  bandStability: number;
  /** Share of draws in each band, in band order (bands no draw reached are left out). */
  bands: { band: string; share: number }[];
  byAggregation: ({ aggregation: Aggregation; draws: number } & Interval)[];
  /** The composite with one weighted indicator left out (the rest renormalised), largest change first. */
  leaveOneOut: { id: string; score: number; delta: number }[];
  reasoning: string;
}
