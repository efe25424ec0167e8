import { dayNumber, sortedByDateThenId } from './dates.js';
import { gradeEvent, type Grade } from './grade.js';
import type { Stage } from './report.js';
import type { Event, IndicatorSet, Method, Status } from './types.js';

/**
 * Stage 1 of scoring: what one event is worth before any rule looks at the others.
 *
 *     value = stage(status) × size(magnitude) × grade × decay          (× 1/k under split)
 *
 * and the two definitions every later stage uses: *solid* evidence (graded at least
 * method.solidGrade) and *related* evidence (the same measure, else a shared substance).
 */

export const STAGE_OF: Readonly<Record<Status, Stage>> = {
  pledged: 'talk',
  announced: 'talk',
  'in-force': 'books',
  enforced: 'practice',
  refused: 'negative',
  reversed: 'negative',
};

export const isTalk = (status: Status) => status === 'pledged' || status === 'announced';
export const isAct = (status: Status) => status === 'in-force' || status === 'enforced';

/** Everything the rules need to know about one event on one indicator, computed once. */
export interface Item {
  event: Event;
  /**
   * The event's status, measure and substances, copied: the rules read them for every pair of
   * items they compare, and events (read from files with different optional fields) come in many
   * shapes, while items all share one.
   */
  status: Status;
  measure: string | undefined;
  substances: readonly string[] | undefined;
  day: number;
  grade: Grade;
  stage: Stage;
  /** stage × size × grade × share: the value before decay, caps and the rules between events. */
  base: number;
  /** 1, or 1/k under split attribution when the event counts for k indicators. */
  share: number;
  /** The magnitude counted (after magnitudeCap; 1 where the kind has no unit). */
  counted: number;
  /** Its due date once written out (commitments.ts dueOf), kept with the horizon it was written for. */
  dueText: { horizon: number; due: string } | undefined;
  /** Its position in its indicator's list of subject or counterpart items (itemsOf); -1 for an item made on its own. */
  index: number;
}

/** size = 1 + log2(min(magnitude, magnitudeCap)); a kind without a unit counts 1 whatever its magnitude. */
export function sizeOf(event: Event, set: IndicatorSet): { size: number; counted: number } {
  const magnitude = event.magnitude ?? 1;
  if (magnitude <= 1 || set.units[event.kind] === undefined) return { size: 1, counted: 1 };
  const counted = Math.min(magnitude, set.method.magnitudeCap);
  return { size: 1 + Math.log2(counted), counted };
}

/** `grade` grades the event under set.method: gradeEvent itself, or a memo of it (gradesUnder) when many events are valued at once. */
export function itemOf(event: Event, set: IndicatorSet, share: number, index = -1, grade: (event: Event) => Grade = (e) => gradeEvent(e, set.method)): Item {
  return valuedItem(event, dayNumber(event.date), undefined, grade(event), set, share, index);
}

/**
 * The item of the same event under another method (a sensitivity draw, a calibration step): its
 * grade, size and value worked out again, its day, position and written-out due date kept (dueOf
 * writes it again if the horizon differs); `grade` is its grade under that method (gradesUnder). A
 * draw made every item afresh, reading each date and writing each due date again: a third of
 * `score --sensitivity`.
 */
export function itemUnder(item: Item, set: IndicatorSet, share: number, grade: Grade): Item {
  return valuedItem(item.event, item.day, item.dueText, grade, set, share, item.index);
}

/** The item's fields worked out. */
function valuedItem(event: Event, day: number, dueText: Item['dueText'], grade: Grade, set: IndicatorSet, share: number, index: number): Item {
  const { size, counted } = sizeOf(event, set);
  const status = event.status;
  const base = set.method.stages[status] * size * grade.factor * share;
  return { event, status, measure: event.measure, substances: event.substances, day, grade, stage: STAGE_OF[status], base, share, counted, dueText, index };
}

/**
 * Related on an indicator (both already count for it): if both name a measure, the same one;
 * otherwise, if both name substances, they share one; otherwise related.
 */
type Relatable = { readonly measure?: string | undefined; readonly substances?: readonly string[] | undefined };

export function related(a: Relatable, b: Relatable): boolean {
  if (a.measure !== undefined && b.measure !== undefined) return a.measure === b.measure;
  const as = a.substances;
  const bs = b.substances;
  if (as === undefined || bs === undefined || as.length === 0 || bs.length === 0) return true;
  for (const s of as) if (bs.includes(s)) return true;
  return false;
}

/** Decay of a flow of `ageDays` under a half-life. */
export const decayOf = (ageDays: number, halfLifeDays: number) => 0.5 ** (Math.max(0, ageDays) / halfLifeDays);

/** The half-lives whose decays are remembered (decayFor), newest first. */
const DECAYS: { halfLife: number; values: Float64Array }[] = [];
const KEPT_HALF_LIVES = 4;
/** Ages past this (about 180 years) are worked out each time. */
const KEPT_AGES = 1 << 16;

/**
 * decayOf under one half-life, each whole day of age worked out once and remembered: ages are
 * whole days, and a trend or ledger values the same ages date after date (one power per piece of
 * evidence per date was an eighth of a ledger). The same expression gives each value, so it is
 * decayOf's number, bit for bit. The last few half-lives are kept (a sensitivity draw has its own).
 */
export function decayFor(halfLifeDays: number): (ageDays: number) => number {
  let table = DECAYS.find((t) => t.halfLife === halfLifeDays);
  if (table === undefined) {
    table = { halfLife: halfLifeDays, values: new Float64Array(0) };
    DECAYS.unshift(table);
    if (DECAYS.length > KEPT_HALF_LIVES) DECAYS.pop();
  }
  const kept = table;
  return (ageDays) => {
    const age = Math.max(0, ageDays);
    if (!(age < KEPT_AGES) || (age | 0) !== age) return 0.5 ** (age / halfLifeDays);
    let values = kept.values;
    if (age >= values.length) {
      const grown = new Float64Array(Math.min(KEPT_AGES, Math.max(age + 1, 2 * values.length, 1024))).fill(Number.NaN);
      grown.set(values);
      kept.values = values = grown;
    }
    let value = values[age]!;
    if (value !== value) value = values[age] = 0.5 ** (age / halfLifeDays);
    return value;
  };
}

/** White space at either end, two spaces together, or any white space but a space. */
const LOOSE_SPACE = /^\s|\s$|[^\S ]| {2}/;
/** Text with white space made single spaces and trimmed; most text already is, and is returned as it is. */
const normalize = (text: string) => (LOOSE_SPACE.test(text) ? text.trim().replace(/\s+/g, ' ') : text);
/** A list as one comparable text, order aside ('' for none): the duplicate checks' key for substances and tags. */
export const sortedList = (list: readonly string[] | undefined): string =>
  list === undefined || list.length === 0 ? '' : list.length === 1 ? list[0]! : [...list].sort().join(',');

/**
 * Exact duplicates: the same report entered twice (same actor, kind, status, date, magnitude,
 * substances, tags, measure and summary after normalising white space). Returns, for each event
 * that is a duplicate, the event that counts instead: the best-graded of the group (then the
 * smallest id, so the choice never depends on input order). Distinct acts that look alike keep
 * their own summaries and are not merged.
 */
export function exactDuplicates(events: readonly Event[], method: Method, summaryKey?: SummaryKey): Map<Event, Event> {
  // Duplicates share a date, so only events of one day are compared: the engine hands the events
  // in date order, where each day is one run. A key string per event (the way this began) cost a
  // tenth of scoring 100,000 events; most days hold no two events that could be one record.
  const byDate = inDateOrder(events) ? events : sortedByDateThenId(events);
  const duplicateOf = new Map<Event, Event>();
  for (let start = 0; start < byDate.length; ) {
    const date = byDate[start]!.date;
    let end = start + 1;
    while (end < byDate.length && byDate[end]!.date === date) end++;
    if (end - start > 1) {
      for (const group of sameRecordGroups(byDate, start, end, summaryKey)) {
        let best = group[0]!;
        let bestGrade = gradeEvent(best, method).factor;
        for (const e of group.slice(1)) {
          const g = gradeEvent(e, method).factor;
          if (g > bestGrade || (g === bestGrade && e.id < best.id)) [best, bestGrade] = [e, g];
        }
        for (const e of group) if (e !== best) duplicateOf.set(e, best);
      }
    }
    start = end;
  }
  return duplicateOf;
}

/**
 * A number that events with the same summary (white space normalised) always share: the
 * exact-duplicate check compares the summaries of only those events whose numbers are equal. For
 * events whose words are read back from a file (the CLI's JSON Lines path, io/text-in-file.ts):
 * most events alike on every other field have summaries of different lengths, told apart without
 * reading a word back. Changes no result.
 */
export type SummaryKey = (event: Event) => number;

/** A summary's length with its white space normalised as exactDuplicates compares it (a SummaryKey's number). */
export const normalizedLength = (summary: string): number => normalize(summary).length;

function inDateOrder(events: readonly Event[]): boolean {
  for (let i = 1; i < events.length; i++) if (events[i - 1]!.date > events[i]!.date) return false;
  return true;
}

/** Up to this many events are compared pair by pair; more are grouped by a key. */
const PAIRWISE = 64;

/** The groups of two or more among byDate[start, end) (one day's events) that are one record. */
function sameRecordGroups(byDate: readonly Event[], start: number, end: number, summaryKey: SummaryKey | undefined): Event[][] {
  if (end - start <= PAIRWISE) return recordGroups(byDate, start, end, summaryKey);
  // A busy day (machine-coded data holds hundreds): bucket by kind, status and actor first (maps of
  // the strings as read, no key built), so a summary is normalised only when another event of the
  // day shares them. A key with every summary normalised, built for each event, was an eighth of
  // scoring a million events.
  const buckets: Event[][] = [];
  const byKind = new Map<string, Map<string, Map<string, Event[]>>>();
  for (let i = start; i < end; i++) {
    const e = byDate[i]!;
    let byStatus = byKind.get(e.kind);
    if (byStatus === undefined) byKind.set(e.kind, (byStatus = new Map()));
    let byActor = byStatus.get(e.status);
    if (byActor === undefined) byStatus.set(e.status, (byActor = new Map()));
    const bucket = byActor.get(e.actor);
    if (bucket) bucket.push(e);
    else {
      const fresh = [e];
      byActor.set(e.actor, fresh);
      buckets.push(fresh);
    }
  }
  const groups: Event[][] = [];
  for (const bucket of buckets) if (bucket.length > 1) for (const group of recordGroups(bucket, 0, bucket.length, summaryKey)) groups.push(group);
  return groups;
}

/**
 * The groups of two or more among events[start, end) that are one record: first those alike on
 * every field but the summary, then, within each, those whose summaries are the same. A summary is
 * read only for an event that matches another on every other field and shares its SummaryKey, when
 * one is given (an event's words may be left in its file and read back: text-in-file.ts).
 */
function recordGroups(events: readonly Event[], start: number, end: number, summaryKey: SummaryKey | undefined): Event[][] {
  const groups: Event[][] = [];
  for (const alike of alikeGroups(events, start, end)) {
    if (alike.length < 2) continue;
    for (const sameKey of summaryKey ? keyGroups(alike, summaryKey) : [alike]) {
      if (sameKey.length > 1) for (const group of sameSummaryGroups(sameKey)) groups.push(group);
    }
  }
  return groups;
}

/** `events` grouped by their SummaryKey. */
function keyGroups(events: readonly Event[], summaryKey: SummaryKey): Event[][] {
  const byKey = new Map<number, Event[]>();
  for (const e of events) {
    const key = summaryKey(e);
    const group = byKey.get(key);
    if (group) group.push(e);
    else byKey.set(key, [e]);
  }
  return [...byKey.values()];
}

/** events[start, end) grouped by actor, kind, status, magnitude, measure, substances and tags (groups of one included). */
function alikeGroups(events: readonly Event[], start: number, end: number): Event[][] {
  if (end - start > PAIRWISE) {
    const byKey = new Map<string, Event[]>();
    for (let i = start; i < end; i++) {
      const e = events[i]!;
      const key = [e.actor, e.kind, e.status, e.magnitude ?? 1, sortedList(e.substances), sortedList(e.tags), e.measure ?? ''].join('\u0000');
      const group = byKey.get(key);
      if (group) group.push(e);
      else byKey.set(key, [e]);
    }
    return [...byKey.values()];
  }
  const alike = (a: Event, b: Event) =>
    a.actor === b.actor &&
    a.kind === b.kind &&
    a.status === b.status &&
    (a.magnitude ?? 1) === (b.magnitude ?? 1) &&
    (a.measure ?? '') === (b.measure ?? '') &&
    sortedList(a.substances) === sortedList(b.substances) &&
    sortedList(a.tags) === sortedList(b.tags);
  const groups: Event[][] = [];
  for (let i = start; i < end; i++) {
    const e = events[i]!;
    const group = groups.find((g) => alike(g[0]!, e));
    if (group) group.push(e);
    else groups.push([e]);
  }
  return groups;
}

/** The groups of two or more among `events` whose summaries are the same after normalising white space (each summary read once). */
function sameSummaryGroups(events: readonly Event[]): Event[][] {
  const bySummary = new Map<string, Event[]>();
  for (const e of events) {
    const summary = normalize(e.summary);
    const group = bySummary.get(summary);
    if (group) group.push(e);
    else bySummary.set(summary, [e]);
  }
  return [...bySummary.values()].filter((group) => group.length > 1);
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** A date as precisely as it is known: 2024-06-18, June 2024, 2024. */
export function dateAtPrecision(event: Pick<Event, 'date' | 'datePrecision'>): string {
  if (event.datePrecision === 'year') return event.date.slice(0, 4);
  if (event.datePrecision === 'month') return `${MONTHS[Number(event.date.slice(5, 7)) - 1]} ${event.date.slice(0, 4)}`;
  return event.date;
}
