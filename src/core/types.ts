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
  /** Who published it; tells independent sources apart (else the URL's host). */
  publisher?: string;
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
  /**
   * The source that grades the event: the one written as `source:`, or, when the file gives
   * `sources:`, the best-graded of them (the first on a tie). Every reader of one source uses it.
   */
  source: EventSource;
  /** Several reports of the same act (`sources:` in the file); absent when the file gives `source:`. */
  sources?: EventSource[];
  notes?: string;
  /** Stages of one measure (pledge, announcement, entry into force, enforcement) share this id. */
  measure?: string;
  /** For a pledge or an announcement: when delivery is due (default: method.pledgeHorizonDays later). */
  due?: string;
  /** How exactly the date is known (default day); changes no value, only how the date is printed. */
  datePrecision?: DatePrecision;
  origin: Origin;
}

export const DATE_PRECISIONS = ['day', 'month', 'year'] as const;
export type DatePrecision = (typeof DATE_PRECISIONS)[number];

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

/**
 * The scoring method's parameters (method version 2). Every number the engine uses is here, as
 * data in the indicator set, with the defaults the README documents.
 */
export interface Method {
  stages: Record<Status, number>;
  /** Admiralty grade factors; both tables are monotone (a worse grade is never worth more). */
  reliability: Record<Reliability, number>;
  credibility: Record<`${Credibility}`, number>;
  /** Grade assumed when a source gives none: "cannot be judged" (F6), worth no more than the lowest judged grade. */
  defaultGrade: { reliability: Reliability; credibility: Credibility };
  /** Evidence graded at least this (reliability × credibility) is solid: only solid evidence changes other evidence. */
  solidGrade: number;
  /** Half-life of flows (enforced, pledged, announced, refused, lapsed), in days. */
  halfLifeDays: number;
  /** Half-life of laws on the books (in-force), from their newest solid enforcement. */
  booksHalfLifeDays: number;
  saturation: number;
  /** size = 1 + log2(min(magnitude, magnitudeCap)). */
  magnitudeCap: number;
  /** `full`: an event counts fully on every indicator it matches; `split`: its value is shared equally among them. */
  attribution: 'full' | 'split';
  /** Caps in score points (0..100), applied as the value that alone would score them. */
  uncorroboratedCap: number;
  talkCap: number;
  booksCap: number;
  /** A pledge or announcement with no `due` date comes due this many days after it. */
  pledgeHorizonDays: number;
  /** A lapsed promise counts −lapsePenalty × its grade (no size), decaying from its due date. */
  lapsePenalty: number;
  /** `validate` warns `possible-duplicate` for look-alike events dated within this many days. */
  duplicateWindowDays: number;
  /** ... or that cite the same source URL and are dated within this many days. */
  duplicateUrlWindowDays: number;
  /** Coverage counts evidence still worth at least this share of its undecayed value. */
  coverageFloor: number;
  aggregation: 'arithmetic' | 'geometric';
  missing: 'zero' | 'renormalize';
  bands: Band[];
  /** Perturbation ranges for `score --sensitivity`; without them, defaultRanges() in sensitivity.ts. */
  sensitivity?: SensitivityRanges;
  confidence: {
    /** Sensitivity draws behind band stability on every `score` (0 turns the light analysis off). */
    draws: number;
    high: { coverage: number; grade: number; bandStability: number };
    moderate: { coverage: number; grade: number; bandStability: number };
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
  // Added with method version 2; a range left out takes defaultRanges() in sensitivity.ts.
  /** The books half-life (in-force laws) drawn uniformly in this range. */
  booksHalfLifeDays?: [number, number];
  /** The saturation drawn uniformly in this range; indicator saturations scale with it. */
  saturation?: [number, number];
  /** Every grade factor raised to a power drawn in this range (1: the set's tables); keeps both tables monotone. */
  gradeExponent?: [number, number];
  magnitudeCap?: [number, number];
  /** Caps in score points, each drawn uniformly in its range. */
  talkCap?: [number, number];
  uncorroboratedCap?: [number, number];
  booksCap?: [number, number];
  /** Each draw picks one of these attribution rules with equal probability. */
  attribution?: Method['attribution'][];
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

export const LEVER_CLASSES = ['pressure', 'inducement', 'engagement'] as const;
export type LeverClass = (typeof LEVER_CLASSES)[number];

export type ExclusionCode = 'other-actor' | 'after-as-of' | 'before-since' | 'unmatched';

/** An indicator set: a framework as data. Code never hard-codes weights, kinds or prose. */
export interface IndicatorSet {
  version: 2;
  id: string;
  title: string;
  /**
   * The country scored. A set written for `subjects: any` holds '' here until a run selects a
   * subject (src/core/subject.ts renders the set for it); the engine only ever sees a chosen one.
   */
  subject: string;
  /** `any` when the set scores any subject rather than one named country. */
  subjects?: 'any';
  counterpart?: string;
  source: SetSource;
  method: Method;
  kinds: Record<string, string>;
  /** The magnitude unit of each scored kind with a natural count (people, firms, substances ...). */
  units: Record<string, string>;
  substances: Record<string, string>;
  /** Classes of the counterpart's context kinds, for the ledger: pressure, inducement, engagement. */
  levers: Partial<Record<LeverClass, string[]>>;
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
