import { round } from './numbers.js';
import { diffIndicatorSummary, incompatibleMessage, type EventChange, type EventChangeKind, type Movement } from './explain-time.js';
import { message, type SettingNames } from './messages.js';
import type { Alert, Evidence, IndicatorResult, ScoreReport } from './report.js';

/**
 * What moved between two reports, indicator by indicator and event by event. Pure: it reads two
 * ScoreReports (already validated) and never the event files, so saved reports can be compared
 * long after the inputs changed.
 */

export const DIFF_VERSION = 1;

export type { Movement } from './explain-time.js';

export interface IndicatorDiff {
  id: string;
  title: string;
  weight: number;
  /** Score in each report; null when the indicator is missing from one. */
  base: number | null;
  head: number | null;
  delta: number;
  movement: Movement;
  contributionDelta: number;
  /** One line naming the events that moved it. */
  summary: string;
  /** Every event whose value or status changed, largest change first. */
  events: EventChange[];
}

export interface ReportSide {
  asOf: string;
  since: string | null;
  score: number;
  band: string;
  coverage: number;
  confidence: string;
  indicatorSetSha256: string;
}

export interface DiffFailure {
  code: 'regression';
  message: string;
  threshold: number;
  actual: number;
}

export interface ReportDiff {
  diffVersion: typeof DIFF_VERSION;
  indicatorSet: { id: string; title: string };
  subject: string;
  /** True when both reports were made with byte-identical indicator sets. */
  sameSet: boolean;
  /** Points a score must move to count as an improvement or a regression. */
  threshold: number;
  base: ReportSide;
  head: ReportSide;
  composite: { base: number; head: number; delta: number; movement: Movement };
  indicators: IndicatorDiff[];
  alerts: { raised: Alert[]; cleared: Alert[] };
  verdict: { passed: boolean; failures: DiffFailure[] };
}

export interface DiffOptions {
  /** Points a score must move to be an improvement or regression (default 1). */
  threshold?: number;
  /** Fail when the composite falls by more than this many points. */
  failOnRegression?: number;
  /** How the verdict's message names that limit (the CLI passes its flag); default neutral words. */
  settingNames?: Partial<SettingNames>;
}

export const DEFAULT_DIFF_THRESHOLD = 1;


export function classify(delta: number, threshold: number): Movement {
  if (delta === 0) return 'neutral';
  if (delta >= threshold) return 'improvement';
  if (delta <= -threshold) return 'regression';
  return 'neutral';
}

/**
 * Why two reports cannot be compared, or undefined when they can: a different schemaVersion or
 * indicator set makes every delta meaningless.
 */
export function incompatibility(
  base: { schemaVersion?: unknown; indicatorSet?: { id?: unknown }; method?: { version?: unknown } },
  head: { schemaVersion?: unknown; indicatorSet?: { id?: unknown }; method?: { version?: unknown } },
  names: { base: string; head: string } = { base: 'BASE', head: 'HEAD' },
): string | undefined {
  if (base.schemaVersion !== head.schemaVersion) {
    return incompatibleMessage('schemaVersion', names, String(base.schemaVersion), String(head.schemaVersion));
  }
  // Scores of different methods are different quantities: a change would be read as movement.
  if (base.method?.version !== head.method?.version) {
    return incompatibleMessage('method version', names, String(base.method?.version ?? 1), String(head.method?.version ?? 1));
  }
  if (base.indicatorSet?.id !== head.indicatorSet?.id) {
    return incompatibleMessage('indicator set', names, String(base.indicatorSet?.id), String(head.indicatorSet?.id));
  }
  return undefined;
}

/**
 * Why a report that passed the schema still cannot be compared, or undefined: a report is a file
 * anyone can edit, and a diff of a crafted one once printed a composite improvement beside nothing
 * but regressions. Checked: at least one indicator, unique indicator ids, and contributions that
 * add up to the composite (the engine apportions them to the hundredth, so they match exactly).
 */
export function inconsistency(report: Pick<ScoreReport, 'score' | 'indicators'>, name: string): string | undefined {
  if (report.indicators.length === 0) return `${name} has no indicators: it is not a report coopscore wrote`;
  const ids = new Set<string>();
  let sum = 0;
  for (const indicator of report.indicators) {
    if (ids.has(indicator.id)) return `${name} lists the indicator "${indicator.id}" twice: it is not a report coopscore wrote`;
    ids.add(indicator.id);
    sum += indicator.contribution;
  }
  if (!Number.isFinite(sum) || Math.abs(sum - report.score) > 0.01 + 1e-9) {
    return `${name} gives the composite as ${report.score}, but its indicators contribute ${Math.round(sum * 100) / 100}: the report was edited or is corrupt`;
  }
  return undefined;
}

const key = (e: Evidence) => `${e.role}\u0000${e.eventId}`;

/** Only a change of decay: same event, same status, the undecayed value unchanged (within rounding). */
function onlyAged(b: Evidence, h: Evidence): boolean {
  if (b.status !== h.status || b.date !== h.date || b.kind !== h.kind || b.graded !== h.graded) return false;
  if (b.inEffect !== h.inEffect || b.decay === h.decay || b.decay === 0 || h.decay === 0) return false;
  const rb = b.value / b.decay;
  const rh = h.value / h.decay;
  // Both value and decay are rounded to 4 places, so the ratio carries a little noise.
  return Math.abs(rb - rh) <= 0.02 * Math.max(Math.abs(rb), Math.abs(rh)) + 0.001;
}

function eventChanges(base: readonly Evidence[], head: readonly Evidence[]): EventChange[] {
  const before = new Map(base.map((e) => [key(e), e]));
  const after = new Map(head.map((e) => [key(e), e]));
  const changes: EventChange[] = [];
  const describe = (e: Evidence, change: EventChangeKind, b: Evidence | undefined, h: Evidence | undefined): EventChange => {
    const c: EventChange = {
      eventId: e.eventId,
      role: e.role,
      change,
      date: e.date,
      kind: e.kind,
      status: e.status,
      base: b ? b.value : null,
      head: h ? h.value : null,
      delta: round((h?.value ?? 0) - (b?.value ?? 0), 4),
      file: e.file,
      line: e.line,
    };
    if (change === 'ended' && h?.endedBy) c.endedBy = h.endedBy;
    return c;
  };
  for (const h of head) {
    const b = before.get(key(h));
    if (!b) {
      changes.push(describe(h, 'added', undefined, h));
      continue;
    }
    const same = b.value === h.value && b.status === h.status && b.date === h.date && b.kind === h.kind && b.inEffect === h.inEffect;
    if (same) continue;
    const change: EventChangeKind = b.inEffect === true && h.inEffect === false ? 'ended' : onlyAged(b, h) ? 'aged' : 'changed';
    changes.push(describe(h, change, b, h));
  }
  for (const b of base) if (!after.has(key(b))) changes.push(describe(b, 'removed', b, undefined));
  return changes.sort(
    (x, y) => Math.abs(y.delta) - Math.abs(x.delta) || (x.eventId < y.eventId ? -1 : x.eventId > y.eventId ? 1 : x.role < y.role ? -1 : 1),
  );
}

function side(report: ScoreReport): ReportSide {
  return {
    asOf: report.asOf,
    since: report.since,
    score: report.score,
    band: report.band,
    coverage: report.coverage,
    confidence: report.confidence.level,
    indicatorSetSha256: report.indicatorSet.sha256,
  };
}

const alertKey = (a: Alert) => `${a.code}|${a.trigger}|${a.events.map((e) => e.eventId).join(',')}`;

/** Compare BASE with HEAD. Callers check `incompatibility` first. */
export function diffReports(base: ScoreReport, head: ScoreReport, options: DiffOptions = {}): ReportDiff {
  const threshold = options.threshold ?? DEFAULT_DIFF_THRESHOLD;
  const baseById = new Map(base.indicators.map((i) => [i.id, i]));
  const headIds = new Set(head.indicators.map((i) => i.id));
  const pairs: [IndicatorResult | undefined, IndicatorResult | undefined][] = [
    ...head.indicators.map((h): [IndicatorResult | undefined, IndicatorResult] => [baseById.get(h.id), h]),
    ...base.indicators.filter((b) => !headIds.has(b.id)).map((b): [IndicatorResult, undefined] => [b, undefined]),
  ];
  const indicators = pairs.map(([b, h]): IndicatorDiff => {
    const either = (h ?? b)!;
    const delta = round((h?.score ?? 0) - (b?.score ?? 0), 2);
    const events = eventChanges(b?.evidence ?? [], h?.evidence ?? []);
    const movement = classify(delta, threshold);
    return {
      id: either.id,
      title: either.title,
      weight: either.weight,
      base: b ? b.score : null,
      head: h ? h.score : null,
      delta,
      movement,
      contributionDelta: round((h?.contribution ?? 0) - (b?.contribution ?? 0), 2),
      summary: diffIndicatorSummary(delta, movement, events),
      events,
    };
  });

  const compositeDelta = round(head.score - base.score, 2);
  const failures: DiffFailure[] = [];
  if (options.failOnRegression !== undefined && -compositeDelta > options.failOnRegression) {
    failures.push({
      code: 'regression',
      message: message('regression', { fall: -compositeDelta, limit: options.failOnRegression }, options.settingNames),
      threshold: options.failOnRegression,
      actual: round(-compositeDelta, 2),
    });
  }
  const baseAlerts = new Set((base.alerts ?? []).map(alertKey));
  const headAlerts = new Set((head.alerts ?? []).map(alertKey));
  return {
    diffVersion: DIFF_VERSION,
    indicatorSet: { id: head.indicatorSet.id, title: head.indicatorSet.title },
    subject: head.subject,
    sameSet: base.indicatorSet.sha256 === head.indicatorSet.sha256,
    threshold,
    base: side(base),
    head: side(head),
    composite: { base: base.score, head: head.score, delta: compositeDelta, movement: classify(compositeDelta, threshold) },
    indicators,
    alerts: {
      raised: (head.alerts ?? []).filter((a) => !baseAlerts.has(alertKey(a))),
      cleared: (base.alerts ?? []).filter((a) => !headAlerts.has(alertKey(a))),
    },
    verdict: { passed: failures.length === 0, failures },
  };
}
