import { sortedByDateThenId } from './dates.js';
import { exactDuplicates, type SummaryKey } from './evidence.js';
import type { IndicatorContext } from './indicator-score.js';
import { selectEvents, type Selection } from './select.js';
import type { Event, IndicatorSet } from './types.js';

/**
 * Stage 0 of scoring: which events each indicator counts, and what the indicators share (which
 * indicators count each event, exact duplicates). No method parameter changes it, so sensitivity
 * draws and the watch list reuse it.
 */

/** Newest event date, or undefined for no events. */
export function newestDate(events: readonly Event[]): string | undefined {
  let newest: string | undefined;
  for (const e of events) if (newest === undefined || e.date > newest) newest = e.date;
  return newest;
}

/** The events each indicator counts: the part of scoring no method parameter changes. */
export interface MatchedEvents {
  asOf: string;
  since: string | null;
  /** All events, by date then id. */
  sorted: Event[];
  contextOf: Map<string, { id: string; reason: string }>;
  /** Per indicator, in set order: the subject events it counts, up to the scoring date (all history: stocks need it). */
  matched: Event[][];
  /** Per indicator, in set order: the counterpart events it is compared with (empty without `compareTo`). */
  counterparts: Event[][];
  /** The events up to the scoring date that are not context, by date then id. */
  scorable: Event[];
  /** Per indicator, in set order: what it counts, with positions in `scorable`. */
  selections: Selection[];
  /** By position in `scorable`: 1 when some indicator counts or compares with the event. */
  used: Uint8Array;
  /** What the indicators share: the since date, which indicators count each event, exact duplicates. */
  context: IndicatorContext;
}

/** What scoring from matched events reads (the light analysis, sensitivity draws): no input order, no exclusions. */
export type MatchedCore = Pick<MatchedEvents, 'asOf' | 'matched' | 'counterparts' | 'context'>;

export function matchEvents(
  events: readonly Event[],
  set: IndicatorSet,
  options: { asOf?: string; since?: string; summaryKey?: SummaryKey } = {},
): MatchedEvents {
  const sorted = sortedByDateThenId(events);
  const asOf = options.asOf ?? newestDate(sorted) ?? options.since;
  if (asOf === undefined) throw new RangeError('scoreEvents needs events or an asOf date');
  const since = options.since ?? null;
  const contextOf = new Map<string, { id: string; reason: string }>();
  for (const group of set.context) for (const kind of group.kinds) contextOf.set(kind, group);

  // Everything up to the scoring date: a stock from before --since may still be in effect.
  const scorable = sorted.filter((e) => e.date <= asOf && !contextOf.has(e.kind));
  const { selections, used } = selectEvents(scorable, set);
  const matched = selections.map((s) => s.matched);
  const counterparts = selections.map((s) => s.counterpart);
  // Only the events counted by more than one indicator are in the map (readers take an event not
  // in it as counted by one): the indicators taking each event are counted by its position first,
  // so a million events need no map of a million entries (a list per event was once 4% of scoring
  // a million, and the entries of single-indicator events ~14 MB of its memory).
  const counted = new Uint8Array(scorable.length);
  for (const selection of selections) for (const at of selection.matchedAt) if (counted[at]! < 2) counted[at]!++;
  const indicatorsOf = new Map<Event, string[]>();
  selections.forEach((selection, i) => {
    const id = set.indicators[i]!.id;
    selection.matchedAt.forEach((at, k) => {
      if (counted[at] !== 2) return;
      const e = selection.matched[k]!;
      const list = indicatorsOf.get(e);
      if (list === undefined) indicatorsOf.set(e, [id]);
      else list.push(id);
    });
  });
  const context: IndicatorContext = { since, indicatorsOf, duplicateOf: exactDuplicates(scorable, set.method, options.summaryKey) };
  return { asOf, since, sorted, scorable, selections, contextOf, matched, counterparts, used, context };
}

