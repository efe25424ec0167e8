import type { Problem, SensitivityRanges, SetSource, Status } from './types.js';

/** The one contract between the engine and every renderer; `--format json` prints it as is. */
export const SCHEMA_VERSION = 2;
/** The scoring method the engine implements (README, "Method"); reports of different methods do not compare. */
export const METHOD_VERSION = 2;

export const FLAGS = ['no-evidence', 'negative', 'backsliding', 'commitment-only', 'thin-sourcing', 'lapsed-commitments'] as const;
export type Flag = (typeof FLAGS)[number];

export type ConfidenceLevel = 'high' | 'moderate' | 'low';
export const CONFIDENCE_LIMITS = ['coverage', 'grade', 'band-stability'] as const;

/** ICD 203 confidence words, from coverage, mean grade and band stability; `limitedBy` names what held it down. */
export interface Confidence {
  level: ConfidenceLevel;
  /** The criteria that kept the level from being higher (empty at `high`). */
  limitedBy: (typeof CONFIDENCE_LIMITS)[number][];
  /** Share of the light sensitivity analysis's draws in the point score's band; null when it did not run. */
  bandStability: number | null;
}

/** What a piece of evidence is: action observed, law on the books, talk, or a step back. */
export type Stage = 'practice' | 'books' | 'talk' | 'negative';

/**
 * What happened to a piece of evidence under the method's rules. `counted` and `capped` count
 * (a cap cut `capped`); `carried-in` is a stock from before --since still in effect; the rest
 * count 0 or stand for their own entry: `superseded` (a better stage of the same measure counts),
 * `duplicate` (the same report entered twice), `delivered` (a promise whose act counts instead, or
 * an act whose larger promise counts), `silenced` (talk while a suspension is in effect), `ended`
 * (a suspension a solid act ended), `undone` (a law a solid reversal undid), `lapsed` (a promise
 * not delivered by its due date: the value is the lapse), `delivered-late` (a lapse a late
 * delivery ended).
 */
export const FATES = ['counted', 'capped', 'carried-in', 'superseded', 'duplicate', 'delivered', 'silenced', 'ended', 'undone', 'lapsed', 'delivered-late'] as const;
export type Fate = (typeof FATES)[number];

/** A promise (pledged or announced) on one indicator as of the scoring date. */
export interface PromiseState {
  due: string;
  state: 'open' | 'delivered' | 'delivered-late' | 'lapsed';
  /** The solid act that delivered it (on time or late). */
  by?: { eventId: string; date: string };
  /** Days from the promise to its delivery. */
  days?: number;
}

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
  /** The event's source title and link, so a report can cite it. */
  source: { title: string; url?: string; publisher?: string };
  /** The event's own sentence. */
  summary: string;
  /** Admiralty letters of the source that grades it ("B2"), with ", corroborated" when raised. */
  grade: string;
  /** The grade as a factor, and whether it is solid (only solid evidence changes other evidence). */
  gradeFactor: number;
  solid: boolean;
  stage: Stage;
  fate: Fate;
  /** The event responsible for the fate (the stage that counts, the act that delivered, the suspension ...). */
  fateBy?: { eventId: string; date: string };
  /** The rule applied, in words ("superseded by its entry into force of 2024-07-01"). */
  note?: string;
  /** The value before caps, when a cap cut it. */
  uncapped?: number;
  /** Under split attribution: the share of the event's value this indicator gets (1/k). */
  share?: number;
  /** Other indicators the same event counts for. */
  alsoCounts?: string[];
  measure?: string;
  datePrecision?: 'month' | 'year';
  /** For pledged and announced subject evidence: its due date and state. */
  promise?: PromiseState;
}

/** The values of an indicator's evidence by stage, after caps (negative as a magnitude). */
export interface Mix {
  practice: number;
  books: number;
  talk: number;
  negative: number;
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
  /** True when a cap (uncorroborated, talk or books) cut the value. */
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
  mix: Mix;
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
  /** `config`: the config file the run read (path relative to the working folder) and its sha256. */
  inputs: { files: InputFile[]; events: number; config?: { path: string; sha256: string } };
  /** Monte Carlo uncertainty of the composite; present only when asked for (`score --sensitivity`). */
  sensitivity?: SensitivityResult;
}

export type Aggregation = 'arithmetic' | 'geometric';

export interface CompositeMethod {
  version: typeof METHOD_VERSION;
  attribution: 'full' | 'split';
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
  /** The set's band cut points (lower bounds), for charts. */
  cuts?: { id: string; min: number }[];
  /** Each indicator's score over the same draws: its point score and interval, in set order. */
  indicators?: ({ id: string; point: number } & Interval)[];
  /** Which assumption drives the variance of the composite (`score --sensitivity`). */
  sobol?: SobolResult;
  reasoning: string;
}

/** First-order and total Sobol indices per assumption (Saltelli 2010 sampling and first-order estimator, Jansen 1999 total). */
export interface SobolResult {
  /** Base sample size N; the model ran N × (assumptions + 2) times. */
  samples: number;
  evaluations: number;
  /** Bootstrap replicates behind each interval (5th to 95th percentile). */
  bootstrap: number;
  /** Variance of the composite over the base samples. */
  variance: number;
  indices: { id: string; first: number; firstInterval: [number, number]; total: number; totalInterval: [number, number] }[];
}
