import { addDays, dayNumber } from './dates.js';
import { newestDate, scoreEvents } from './engine.js';
import { compositeAtDate, prepareDates, type Prepared } from './period-score.js';
import { prefixLength, round } from './numbers.js';
import type { Evidence, Fate, IndicatorResult, InputFile, PromiseState } from './report.js';
import type { Event, IndicatorSet, LeverClass, Status } from './types.js';
import { LEVER_CLASSES } from './types.js';

/**
 * The ledger: the subject's promises against what it delivered, and the counterpart's levers
 * against what followed them. It decides no promise itself: the state of every promise on every
 * indicator is read from the scoring report (one source of truth), and the ledger only adds them
 * up per promise, per indicator and overall. Levers are timing, never proof of cause.
 */

/**
 * 2: a lever gives what followed it as a range of `actions` and its neighbours as a range of the
 * levers (version 1 listed both, which grew with the square of the events: 106 MB of JSON on 10,000).
 */
export const LEDGER_VERSION = 2;
/** Default length of the window after a lever, in days. */
export const DEFAULT_WINDOW_DAYS = 180;
/** How many of the oldest open promises the ledger names. */
export const OLDEST_OPEN_SHOWN = 5;

/** Printed with the levers in every format. */
export const LEVER_CAVEAT =
  'Levers show timing, not proof of cause: what the subject did after a lever may have other reasons, and levers whose windows overlap cannot be told apart.';

export interface EventRef {
  eventId: string;
  date: string;
}

/**
 * A promise across its indicators: `delivered` (on all of them; `delivered-late` when any was late),
 * `partly-delivered` (on some), `lapsed` (due, delivered on none), `open` (not yet due, nothing
 * delivered), `superseded` (a later talk stage of a measure, whose promise its first stage carries).
 */
export const COMMITMENT_STATES = ['open', 'delivered', 'delivered-late', 'partly-delivered', 'lapsed', 'superseded'] as const;
export type CommitmentState = (typeof COMMITMENT_STATES)[number];

/** One promise on one indicator, as the scoring report states it. */
export interface CommitmentPart {
  indicator: string;
  fate: Fate;
  state: PromiseState['state'] | 'superseded';
  by?: EventRef;
  days?: number;
  /** The evidence's value on the indicator (negative for a lapse). */
  value: number;
}

export interface Commitment {
  eventId: string;
  date: string;
  status: Status;
  kind: string;
  summary: string;
  file: string;
  line: number;
  grade: string;
  source: { title: string; url?: string; publisher?: string };
  measure?: string;
  /** When delivery is due; null only when the report gives no promise for it (a superseded stage). */
  due: string | null;
  state: CommitmentState;
  /** The act that completed the delivery (the latest among the indicators it was delivered on). */
  by?: EventRef;
  /** Days from the promise to that act. */
  days?: number;
  /** For a late delivery: days past the due date. */
  daysLate?: number;
  /** For a lapse: days from the due date to the scoring date. */
  daysOverdue?: number;
  /** For an open promise: days from the scoring date to the due date. */
  daysLeft?: number;
  /** For a superseded stage: the measure's first talk stage, which carries the promise (or the stage that counts). */
  supersededBy?: EventRef;
  /** The sum of the lapse entries this promise costs its indicators (0 or negative). */
  lapseValue: number;
  indicators: CommitmentPart[];
}

export interface CommitmentTotals {
  promises: number;
  open: number;
  delivered: number;
  deliveredLate: number;
  partlyDelivered: number;
  lapsed: number;
  superseded: number;
  /** Promises past their due date or delivered: the say–do ratio's denominator. */
  due: number;
  /** (delivered + delivered late) / due, 4 decimals; null when nothing is due. */
  sayDo: number | null;
}

export interface IndicatorCommitments {
  indicator: string;
  title: string;
  /** The indicator's score as of the scoring date. */
  score: number;
  promises: number;
  open: number;
  delivered: number;
  deliveredLate: number;
  lapsed: number;
  superseded: number;
  due: number;
  sayDo: number | null;
  /** What its lapsed promises subtract from the indicator (0 or negative). */
  lapseValue: number;
}

export interface Commitments {
  items: Commitment[];
  totals: CommitmentTotals;
  byIndicator: IndicatorCommitments[];
  /** The oldest promises still open (or partly delivered and not yet due), oldest first. */
  oldestOpen: string[];
}

/** A scored event of the subject, once, with the indicators it counts for. */
export interface Action extends EventRef {
  kind: string;
  status: Status;
  summary: string;
  file: string;
  line: number;
  indicators: string[];
}

export interface Lever extends LeverEvent {
  /** The window's last day: the lever's date plus the window, or the scoring date when that comes first. */
  windowEnd: string;
  /** False when the scoring date cut the window short. */
  complete: boolean;
  /** The composite as of the lever's date, as of the window's end, and the difference. */
  before: number;
  after: number;
  change: number;
  /** The subject's scored events dated after the lever, up to the window's end: `actions.slice(first, first + count)`. */
  followedBy: Range;
  /** The levers dated within one window of this one, itself included: `levers.items.slice(first, first + count)`. */
  near: Range;
  /** How many other levers lie within one window of this one (near.count - 1): what followed them cannot be told apart. */
  overlaps: number;
}

/** A run of a list in the ledger, by position: what a lever's window holds is contiguous in date order. */
export interface Range {
  first: number;
  count: number;
}

export interface LeverClassSummary {
  class: LeverClass;
  count: number;
  /** Median composite change over the class's windows; null without levers. */
  medianChange: number | null;
  /** Levers of the class whose window overlaps another lever's. */
  overlapping: number;
  /** Levers of the class whose window the scoring date cut short. */
  cut: number;
}

export interface Ledger {
  ledgerVersion: typeof LEDGER_VERSION;
  tool: { name: string; version: string };
  indicatorSet: { id: string; title: string; sha256: string };
  subject: string;
  counterpart: string | null;
  asOf: string;
  since: string | null;
  windowDays: number;
  /** The composite as of the scoring date, lapses included. */
  score: { composite: number; band: string };
  commitments: Commitments;
  levers: { caveat: string; items: Lever[]; classes: LeverClassSummary[] };
  actions: Action[];
  inputs: { files: InputFile[]; events: number };
}

export interface LedgerOptions {
  asOf?: string;
  since?: string;
  windowDays?: number;
  tool?: { name: string; version: string };
  setSha256?: string;
  inputs?: InputFile[];
  /**
   * Composites already worked out for some of the dates `leverDates` lists (by `compositeAtDate`
   * with `ledgerSet`, as a second thread does: io/parallel-ledger.ts); the others are computed here.
   */
  composites?: ReadonlyMap<string, number>;
}

export const daysBetween = (from: string, to: string): number => dayNumber(to) - dayNumber(from);

const TALK: ReadonlySet<Status> = new Set(['pledged', 'announced']);
const DELIVERED = new Set(['delivered', 'delivered-late']);
const byDateThenId = (a: EventRef, b: EventRef) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0);
const ratio = (part: number, whole: number) => (whole > 0 ? round(part / whole, 4) : null);

type IndicatorView = Pick<IndicatorResult, 'id' | 'title' | 'score' | 'evidence'>;

/**
 * What one piece of talk evidence says about its promise on one indicator. The talk stages of a
 * measure are one promise, carried by the measure's first stage (`head`); its later stages are
 * listed as `superseded` by it, so the promise counts once. A stage the engine superseded still
 * carries its promise's state when it is the head: a pledge superseded by the law that delivered
 * it was kept.
 */
function partOf(indicator: string, e: Evidence, head: EventRef | undefined): CommitmentPart | undefined {
  // A duplicate is the same report entered twice: its twin carries the promise.
  if (e.fate === 'duplicate') return undefined;
  if (head && head.eventId !== e.eventId) return { indicator, fate: e.fate, state: 'superseded', by: head, value: e.value };
  if (e.promise) {
    const { state, by, days } = e.promise;
    return { indicator, fate: e.fate, state, ...(by ? { by } : {}), ...(days !== undefined ? { days } : {}), value: e.value };
  }
  if (e.fate === 'superseded') return { indicator, fate: e.fate, state: 'superseded', ...(e.fateBy ? { by: e.fateBy } : {}), value: e.value };
  return undefined;
}

/** The first talk stage (by date, then id) of each measure among the subject's evidence. */
function measureHeads(indicators: readonly IndicatorView[]): Map<string, EventRef> {
  const heads = new Map<string, EventRef>();
  for (const indicator of indicators) {
    for (const e of indicator.evidence) {
      if (e.role !== 'subject' || !TALK.has(e.status) || e.measure === undefined || e.fate === 'duplicate') continue;
      const known = heads.get(e.measure);
      if (!known || byDateThenId(e, known) < 0) heads.set(e.measure, { eventId: e.eventId, date: e.date });
    }
  }
  return heads;
}

/** One promise's state across its indicators, from the parts the report gives. */
function settle(first: Evidence, parts: CommitmentPart[], due: string | null, asOf: string): Commitment {
  const live = parts.filter((p) => p.state !== 'superseded');
  const delivered = live.filter((p) => DELIVERED.has(p.state));
  let state: CommitmentState;
  if (live.length === 0) state = 'superseded';
  else if (delivered.length === live.length) state = delivered.some((p) => p.state === 'delivered-late') ? 'delivered-late' : 'delivered';
  else if (delivered.length > 0) state = 'partly-delivered';
  else if (live.some((p) => p.state === 'lapsed')) state = 'lapsed';
  else state = 'open';

  const lastDelivery = delivered
    .filter((p) => p.by)
    .sort((a, b) => byDateThenId(b.by!, a.by!))[0];
  const superseding = parts.find((p) => p.state === 'superseded' && p.by);
  const commitment: Commitment = {
    eventId: first.eventId,
    date: first.date,
    status: first.status,
    kind: first.kind,
    summary: first.summary,
    file: first.file,
    line: first.line,
    grade: first.grade,
    source: first.source,
    ...(first.measure !== undefined ? { measure: first.measure } : {}),
    due,
    state,
    lapseValue: round(
      live.filter((p) => p.state === 'lapsed').reduce((sum, p) => sum + Math.min(0, p.value), 0),
      4,
    ),
    indicators: parts,
  };
  if (lastDelivery?.by) {
    commitment.by = lastDelivery.by;
    commitment.days = lastDelivery.days ?? daysBetween(first.date, lastDelivery.by.date);
    if (due !== null && lastDelivery.by.date > due) commitment.daysLate = daysBetween(due, lastDelivery.by.date);
  }
  if (state === 'lapsed' && due !== null) commitment.daysOverdue = daysBetween(due, asOf);
  if ((state === 'open' || state === 'partly-delivered') && due !== null && due >= asOf) commitment.daysLeft = daysBetween(asOf, due);
  if (state === 'superseded' && superseding?.by) commitment.supersededBy = superseding.by;
  return commitment;
}

/**
 * Every promise (pledged or announced subject evidence) in a report, settled across its indicators,
 * with totals, the say–do ratio overall and per indicator, and the oldest still open.
 */
export function ledgerCommitments(indicators: readonly IndicatorView[], asOf: string): Commitments {
  const parts = new Map<string, { first: Evidence; parts: CommitmentPart[]; due: string | null }>();
  const perIndicator: IndicatorCommitments[] = [];
  const heads = measureHeads(indicators);
  for (const indicator of indicators) {
    const row: IndicatorCommitments = {
      indicator: indicator.id,
      title: indicator.title,
      score: indicator.score,
      promises: 0,
      open: 0,
      delivered: 0,
      deliveredLate: 0,
      lapsed: 0,
      superseded: 0,
      due: 0,
      sayDo: null,
      lapseValue: 0,
    };
    for (const e of indicator.evidence) {
      if (e.role !== 'subject' || !TALK.has(e.status)) continue;
      const part = partOf(indicator.id, e, e.measure === undefined ? undefined : heads.get(e.measure));
      if (!part) continue;
      let entry = parts.get(e.eventId);
      if (!entry) parts.set(e.eventId, (entry = { first: e, parts: [], due: null }));
      entry.parts.push(part);
      const due = e.promise?.due;
      if (due !== undefined && (entry.due === null || due < entry.due)) entry.due = due;
      row.promises++;
      if (part.state === 'superseded') row.superseded++;
      else if (part.state === 'delivered') row.delivered++;
      else if (part.state === 'delivered-late') row.deliveredLate++;
      else if (part.state === 'lapsed') {
        row.lapsed++;
        row.lapseValue += Math.min(0, part.value);
      } else row.open++;
    }
    if (row.promises === 0) continue;
    // On one indicator a promise is open until it is delivered or lapses at its due date.
    row.due = row.delivered + row.deliveredLate + row.lapsed;
    row.sayDo = ratio(row.delivered + row.deliveredLate, row.due);
    row.lapseValue = round(row.lapseValue, 4);
    perIndicator.push(row);
  }

  const items = [...parts.values()].map((p) => settle(p.first, p.parts, p.due, asOf)).sort(byDateThenId);
  const count = (state: CommitmentState) => items.filter((c) => c.state === state).length;
  const delivered = count('delivered');
  const deliveredLate = count('delivered-late');
  const due = items.filter(
    (c) => DELIVERED.has(c.state) || c.state === 'lapsed' || (c.state === 'partly-delivered' && c.due !== null && c.due <= asOf),
  ).length;
  const totals: CommitmentTotals = {
    promises: items.length,
    open: count('open'),
    delivered,
    deliveredLate,
    partlyDelivered: count('partly-delivered'),
    lapsed: count('lapsed'),
    superseded: count('superseded'),
    due,
    sayDo: ratio(delivered + deliveredLate, due),
  };
  const oldestOpen = items
    .filter((c) => c.state === 'open' || (c.state === 'partly-delivered' && c.daysLeft !== undefined))
    .slice(0, OLDEST_OPEN_SHOWN)
    .map((c) => c.eventId);
  return { items, totals, byIndicator: perIndicator, oldestOpen };
}

/** The subject's scored events in a report, once each, with the indicators they count for. */
export function ledgerActions(indicators: readonly IndicatorView[]): Action[] {
  const byId = new Map<string, Action>();
  for (const indicator of indicators) {
    for (const e of indicator.evidence) {
      if (e.role !== 'subject' || e.fate === 'duplicate') continue;
      const known = byId.get(e.eventId);
      if (known) {
        if (!known.indicators.includes(indicator.id)) known.indicators.push(indicator.id);
        continue;
      }
      byId.set(e.eventId, {
        eventId: e.eventId,
        date: e.date,
        kind: e.kind,
        status: e.status,
        summary: e.summary,
        file: e.file,
        line: e.line,
        indicators: [indicator.id],
      });
    }
  }
  return [...byId.values()].sort(byDateThenId);
}

/** A lever event before its window is measured. */
export interface LeverEvent extends EventRef {
  actor: string;
  kind: string;
  class: LeverClass;
  summary: string;
  file: string;
  line: number;
}

/** The set's lever kinds, each with its class. */
export function leverClasses(set: Pick<IndicatorSet, 'levers'>): Map<string, LeverClass> {
  const classes = new Map<string, LeverClass>();
  for (const c of LEVER_CLASSES) for (const kind of set.levers[c] ?? []) if (!classes.has(kind)) classes.set(kind, c);
  return classes;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Each lever's window (the lever's date plus `windowDays`, cut at the scoring date), what the
 * subject did in it, and the composite at both ends (`compositeAt`, so tests can pass their own);
 * then per class the count and the median change.
 */
export function leverWindows(
  levers: readonly LeverEvent[],
  actions: readonly Action[],
  windowDays: number,
  asOf: string,
  compositeAt: (date: string) => number,
): { items: Lever[]; classes: LeverClassSummary[] } {
  const sorted = [...levers].sort(byDateThenId);
  // Both lists by date, so a window is a range of each, found by binary search (a filter over every
  // action and every lever for each lever made 10,000 levers quadratic).
  if (!actions.every((a, i) => i === 0 || actions[i - 1]!.date <= a.date)) throw new RangeError('leverWindows needs the actions in date order');
  const upTo = (date: string) => prefixLength(actions, (a) => a.date <= date);
  const days = sorted.map((l) => dayNumber(l.date));
  let near = 0;
  let nearEnd = 0;
  const asOfDay = dayNumber(asOf);
  const items = sorted.map((lever, i): Lever => {
    const windowEnd = windowEndOf(lever.date, windowDays, asOf);
    const before = compositeAt(lever.date);
    const afterWindow = compositeAt(windowEnd);
    while (days[i]! - days[near]! > windowDays) near++;
    while (nearEnd < sorted.length && days[nearEnd]! - days[i]! <= windowDays) nearEnd++;
    const first = upTo(lever.date);
    return {
      ...lever,
      windowEnd,
      complete: asOfDay - days[i]! >= windowDays, // the whole window is on or before the scoring date
      before,
      after: afterWindow,
      change: round(afterWindow - before, 2),
      followedBy: { first, count: upTo(windowEnd) - first },
      near: { first: near, count: nearEnd - near },
      overlaps: nearEnd - near - 1,
    };
  });
  const classes = LEVER_CLASSES.map((c): LeverClassSummary => {
    const of = items.filter((l) => l.class === c);
    const mid = median(of.map((l) => l.change));
    return {
      class: c,
      count: of.length,
      medianChange: mid === null ? null : round(mid, 2),
      overlapping: of.filter((l) => l.overlaps > 0).length,
      cut: of.filter((l) => !l.complete).length,
    };
  });
  return { items, classes };
}

/** The ledger's scoring date: the one asked for, else the newest event's (else the since date). */
function ledgerAsOf(events: readonly Event[], options: Pick<LedgerOptions, 'asOf' | 'since'>): string {
  const asOf = options.asOf ?? newestDate(events) ?? options.since;
  if (asOf === undefined) throw new Error('buildLedger needs events or a scoring date');
  return asOf;
}

/** The set the ledger scores with: it reads scores, never confidence, so the light analysis's draws would only cost time. */
export function ledgerSet(set: IndicatorSet): IndicatorSet {
  return { ...set, method: { ...set.method, confidence: { ...set.method.confidence, draws: 0 } } };
}

/** The counterpart's levers from the scoring window, in input order. */
function leverEvents(events: readonly Event[], set: IndicatorSet, asOf: string, since: string | undefined): LeverEvent[] {
  const classes = leverClasses(set);
  const levers: LeverEvent[] = [];
  for (const e of events) {
    const c = classes.get(e.kind);
    if (c === undefined || e.date > asOf || (since !== undefined && e.date < since)) continue;
    levers.push({ eventId: e.id, date: e.date, actor: e.actor, kind: e.kind, class: c, summary: e.summary, file: e.origin.file, line: e.origin.line });
  }
  return levers;
}

/**
 * The dates whose composite the ledger needs besides its scoring date (each lever's date and the
 * end of its window), sorted, so another thread can work some of them out (LedgerOptions.composites).
 */
export function leverDates(events: readonly Event[], set: IndicatorSet, options: Pick<LedgerOptions, 'asOf' | 'since' | 'windowDays'> = {}): { asOf: string; dates: string[] } {
  const asOf = ledgerAsOf(events, options);
  const windowDays = options.windowDays ?? DEFAULT_WINDOW_DAYS;
  const dates = new Set<string>();
  for (const lever of leverEvents(events, set, asOf, options.since)) {
    dates.add(lever.date);
    dates.add(windowEndOf(lever.date, windowDays, asOf));
  }
  dates.delete(asOf);
  return { asOf, dates: [...dates].sort() };
}

const windowEndOf = (date: string, windowDays: number, asOf: string) => {
  const full = addDays(date, windowDays);
  return full < asOf ? full : asOf;
};

/**
 * The ledger of `events` as of the scoring date (default: the newest event). The commitments come
 * from `scoreEvents` at the scoring date; each lever's composite is the composite `scoreEvents`
 * would give at the two ends of its window (from one match, period-score.ts), so decay, stocks and
 * lapses are exactly those of `score --as-of`.
 */
export function buildLedger(events: readonly Event[], set: IndicatorSet, options: LedgerOptions = {}): Ledger {
  const windowDays = options.windowDays ?? DEFAULT_WINDOW_DAYS;
  const asOf = ledgerAsOf(events, options);
  const since = options.since;
  const quiet = ledgerSet(set);
  const report = scoreEvents(events, quiet, { asOf, ...(since !== undefined ? { since } : {}) });
  const actions = ledgerActions(report.indicators);
  // Every lever needs the composite at two dates: matched and valued once, each date values the
  // items up to it (period-score.ts), what scoreEvents as of that date would score.
  let prepared: Prepared | undefined;
  const composites = new Map<string, number>([[asOf, report.score]]);
  const compositeAt = (date: string) => {
    let score = composites.get(date) ?? options.composites?.get(date);
    if (score === undefined) composites.set(date, (score = compositeAtDate((prepared ??= prepareDates(events, quiet, asOf, since)), date)));
    return score;
  };

  return {
    ledgerVersion: LEDGER_VERSION,
    tool: options.tool ?? { name: 'coopscore', version: '0.0.0' },
    indicatorSet: { id: set.id, title: set.title, sha256: options.setSha256 ?? '' },
    subject: set.subject,
    counterpart: set.counterpart ?? null,
    asOf,
    since: since ?? null,
    windowDays,
    score: { composite: report.score, band: report.band },
    commitments: ledgerCommitments(report.indicators, asOf),
    levers: { caveat: LEVER_CAVEAT, ...leverWindows(leverEvents(events, set, asOf, since), actions, windowDays, asOf, compositeAt) },
    actions,
    inputs: { files: options.inputs ?? [], events: events.length },
  };
}
