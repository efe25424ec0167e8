import type { Problem, SetSource, Status } from './types.js';

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
  method: { aggregation: 'arithmetic' | 'geometric'; missing: 'zero' | 'renormalize' };
  score: number;
  band: string;
  coverage: number;
  confidence: Confidence;
  /** Mean of reliability × credibility over the subject evidence that was scored. */
  meanGrade: number;
  verdict: { passed: boolean; failures: VerdictFailure[] };
  /** Backsliding (a reversal still in effect) and crisis risk on the as-of date. */
  alerts: Alert[];
  indicators: IndicatorResult[];
  excluded: Exclusion[];
  warnings: Problem[];
  inputs: { files: InputFile[]; events: number };
}
