/**
 * The data that flows through coopscore: events in, a report out.
 * Everything here is plain JSON-serialisable data so the engine stays a pure function.
 */

export const STATUSES = ['pledged', 'announced', 'in-force', 'enforced', 'refused', 'reversed'] as const;
/** What separates action from talk: a verbal pledge up to an observed enforcement action, or backsliding. */
export type Status = (typeof STATUSES)[number];

export const RELIABILITY_GRADES = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
export const CREDIBILITY_GRADES = [1, 2, 3, 4, 5, 6] as const;
/** Admiralty source reliability, A (completely reliable) to F (cannot be judged). */
export type Reliability = (typeof RELIABILITY_GRADES)[number];
/** Admiralty information credibility, 1 (confirmed) to 6 (cannot be judged). */
export type Credibility = (typeof CREDIBILITY_GRADES)[number];

/** Where a value came from in an input file (1-based). */
export interface Origin {
  file: string;
  line: number;
  column: number;
}

export interface EventSource {
  title: string;
  url?: string;
  published?: string;
  reliability?: Reliability;
  credibility?: Credibility;
}

/** One observed event, as validated from an event file. */
export interface Event {
  id: string;
  /** Calendar date, YYYY-MM-DD. */
  date: string;
  actor: string;
  kind: string;
  status: Status;
  summary: string;
  magnitude?: number;
  substances?: string[];
  tags?: string[];
  source: EventSource;
  notes?: string;
  origin: Origin;
}

/** A match clause: every field given must match; a list value matches any of its items. */
export interface MatchClause {
  kind?: string | string[];
  status?: Status | Status[];
  actor?: string | string[];
  substances?: string | string[];
  tags?: string | string[];
}

export interface Indicator {
  id: string;
  title: string;
  weight: number;
  rationale: string;
  citation?: string;
  saturation?: number;
  halfLifeDays?: number;
  match: MatchClause[];
  compareTo?: MatchClause;
}

export interface StockRule {
  /** Statuses of later events on the same indicator that end this stock. */
  endedBy: Status[];
  /** When both events name substances, only an event sharing one of them ends the stock. */
  sameSubstance?: boolean;
}

export interface Band {
  id: string;
  /** Inclusive lower bound of the band on the 0..100 scale. */
  min: number;
}

/** When `trend` and `score` raise time alerts; every part is optional and falls back to the defaults in alerts.ts. */
export interface AlertConfig {
  backsliding?: {
    /** Statuses whose events, dated in a period (or in effect on a snapshot), are backsliding. */
    statuses?: Status[];
    /** A composite drop of at least this many points between consecutive periods is backsliding. */
    dropPoints?: number;
  };
  crisisRisk?: {
    /** Event kinds that are crises in the relationship (usually context, never scored). */
    kinds?: string[];
    /** A crisis dated this many days or fewer before the as-of date puts cooperation at risk. */
    windowDays?: number;
  };
}

export interface Method {
  stages: Record<Status, number>;
  reliability: Record<Reliability, number>;
  credibility: Record<`${Credibility}`, number>;
  /** Grade assumed when a source gives none: "cannot be judged", which is not zero. */
  defaultGrade: { reliability: Reliability; credibility: Credibility };
  halfLifeDays: number;
  saturation: number;
  /** Statuses that are stocks (in effect until ended) rather than decaying flows. */
  stocks: Partial<Record<Status, StockRule>>;
  /** Statuses that are talk, not action: an indicator with only these is capped. */
  commitmentStatuses: Status[];
  commitmentCap: number;
  aggregation: 'arithmetic' | 'geometric';
  missing: 'zero' | 'renormalize';
  bands: Band[];
  /** Perturbation ranges for `score --sensitivity`; without them, defaultRanges() in sensitivity.ts. */
  sensitivity?: SensitivityRanges;
  confidence: {
    high: { coverage: number; grade: number };
    moderate: { coverage: number; grade: number };
  };
  alerts?: AlertConfig;
}

/** Stated perturbation ranges for the sensitivity analysis; zero ranges leave a parameter fixed. */
export interface SensitivityRanges {
  /** Every weight is multiplied by a uniform factor in 1 ± this, then the weights are renormalised. */
  weights: number;
  /** Stage factors drawn uniformly within these ranges (statuses not listed stay fixed). */
  stages: Partial<Record<Status, [number, number]>>;
  /** The half-life drawn uniformly in this range; indicator half-lives scale with it. */
  halfLifeDays: [number, number];
  /** Each draw picks one of these rules with equal probability. */
  aggregation: Method['aggregation'][];
}

export interface ContextGroup {
  id: string;
  kinds: string[];
  reason: string;
}

export interface SetSource {
  title: string;
  author?: string;
  publisher?: string;
  url?: string;
  published?: string;
}

export type ExclusionCode = 'other-actor' | 'after-as-of' | 'before-since' | 'unmatched';

/** An indicator set: a framework as data. Code never hard-codes weights, kinds or prose. */
export interface IndicatorSet {
  version: 1;
  id: string;
  title: string;
  subject: string;
  counterpart?: string;
  source: SetSource;
  method: Method;
  kinds: Record<string, string>;
  substances: Record<string, string>;
  context: ContextGroup[];
  reasons: Record<ExclusionCode, string>;
  indicators: Indicator[];
}

export type Severity = 'error' | 'warning';

/** A problem with an input, located as precisely as the input allows. */
export interface Problem {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Severity;
  code: string;
  message: string;
  hint?: string;
}
