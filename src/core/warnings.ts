import { dayNumber, isCalendarDate, sortedByDateThenId } from './dates.js';
import { sortedList } from './evidence.js';
import { isRecord } from './guards.js';
import { problemText as say } from './messages.js';
import { problem, type ProblemPlace } from './problems.js';
import type { Event, EventSource, IndicatorSet, Problem } from './types.js';
import type { LocatedData } from './validate.js';

type PathKey = string | number;

/** A day of slack: "today" where the analyst sits may already be tomorrow in UTC, or the reverse. */
const FUTURE_SLACK_DAYS = 1;

export interface InputWarningOptions {
  /**
   * Today's date (YYYY-MM-DD), passed in by the command line so the core never reads the clock.
   * Without it no date is checked against today.
   */
  today?: string;
}

/**
 * Warnings about an event file that is valid but probably wrong: dates after today (a typo such
 * as 2204 would otherwise become the scoring date) and sources with no Admiralty grade (they count
 * as "cannot be judged"). Read from the raw data, so they point at the field itself; each goes to
 * `out` (WarningsOut).
 */
export function inputWarnings(doc: LocatedData, options: InputWarningOptions, out: WarningsOut): void {
  const { data } = doc;
  if (!isRecord(data) || !Array.isArray(data.events)) return;
  const clock = clockOf(options);
  const events = data.events;
  for (let i = 0; i < events.length; i++) rawEventWarnings(events[i], i, doc, ['events', i], clock, out);
}

/**
 * Where an event's warnings go: built (placed and worded) onto a list, or only counted by their
 * code. A run that shows its first twenty warnings (first-warnings.ts) has no use for the others
 * but their count; placing a warning on a YAML or JSON line and wording it cost more than finding
 * it (a quarter of a second on 100,000 events, a fifth of them with an ungraded source).
 */
export type WarningsOut = Problem[] | ((code: Problem['code']) => void);

/** Today as a day number and as written, or undefined when no date is checked against today. */
export interface Clock {
  day: number;
  text: string;
}

export function clockOf(options: InputWarningOptions): Clock | undefined {
  return options.today !== undefined && isCalendarDate(options.today) ? { day: dayNumber(options.today), text: options.today } : undefined;
}

/**
 * inputWarnings for one raw event, pushed onto `problems`: `at` is the event's path in `doc`
 * (a JSON Lines line is its own document, at []), `index` names an event without an id. Paths and
 * names are built only for a warning: nearly every event of a clean file earns none, and a million
 * events of JSON Lines come through here one by one. With a count for `problems`, only the codes.
 */
export function rawEventWarnings(event: unknown, index: number, doc: Pick<LocatedData, 'file' | 'locate'>, at: readonly PathKey[], clock: Clock | undefined, problems: WarningsOut): void {
  if (!isRecord(event)) return;
  if (clock !== undefined) futureWarning(event.date, event, index, false, undefined, doc, [...at, 'date'], clock, problems);
  const sources = event.sources;
  if (Array.isArray(sources)) {
    for (let j = 0; j < sources.length; j++) sourceWarnings(sources[j], event, index, sources.length > 1 ? j : undefined, doc, at, ['sources', j], clock, problems);
  } else sourceWarnings(event.source, event, index, undefined, doc, at, ['source'], clock, problems);
}

/** How a warning names an event, or one of its sources (`source` is its position among several). */
function nameOf(event: Record<string, unknown>, index: number): string {
  return typeof event.id === 'string' ? `event "${event.id}"` : `events[${index}]`;
}
function sourceName(event: Record<string, unknown>, index: number, source: number | undefined): string {
  return source === undefined ? `the source of ${nameOf(event, index)}` : `source ${source} of ${nameOf(event, index)}`;
}

/** A date after today (`ofSource`: a source's publication date, `position` among several sources). */
function futureWarning(
  value: unknown,
  event: Record<string, unknown>,
  index: number,
  ofSource: boolean,
  position: number | undefined,
  doc: Pick<LocatedData, 'file' | 'locate'>,
  path: readonly PathKey[],
  clock: Clock,
  problems: WarningsOut,
): void {
  if (typeof value !== 'string' || !isCalendarDate(value) || dayNumber(value) - clock.day <= FUTURE_SLACK_DAYS) return;
  if (!Array.isArray(problems)) return problems('future-date');
  const what = ofSource ? sourceName(event, index, position) : nameOf(event, index);
  problems.push(problem(doc.file, doc.locate(path), 'future-date', say('future-date', { what, date: value, today: clock.text }), { severity: 'warning' }));
}

function sourceWarnings(
  source: unknown,
  event: Record<string, unknown>,
  index: number,
  position: number | undefined,
  doc: Pick<LocatedData, 'file' | 'locate'>,
  at: readonly PathKey[],
  where: readonly PathKey[],
  clock: Clock | undefined,
  problems: WarningsOut,
): void {
  if (!isRecord(source)) return;
  if (clock !== undefined && source.published !== undefined) {
    futureWarning(source.published, event, index, true, position, doc, [...at, ...where, 'published'], clock, problems);
  }
  if (source.reliability !== undefined && source.credibility !== undefined) return;
  if (!Array.isArray(problems)) return problems('ungraded-source');
  const missing = [...(source.reliability === undefined ? ['reliability (A-F)'] : []), ...(source.credibility === undefined ? ['credibility (1-6)'] : [])];
  problems.push(
    problem(doc.file, doc.locate([...at, ...where]), 'ungraded-source', say('ungraded-source', { whose: sourceName(event, index, position), missing }), {
      severity: 'warning',
      hint: say('hint/grade-source', {}),
    }),
  );
}

/**
 * What the warnings across events read of an event. An Event is one, so `score` hands its events
 * over as they are; `validate` keeps no events, so it keeps this much of each (lookAlike): a million
 * events' summaries and source titles need not stay in memory to be compared.
 */
export type LookAlike = Pick<Event, 'id' | 'date' | 'actor' | 'kind' | 'status' | 'magnitude' | 'substances' | 'measure' | 'origin'> & {
  source: { url?: string };
  sources?: readonly { url?: string }[];
};

const NO_URL: { url?: string } = Object.freeze({});
const urlOnly = (s: EventSource): { url?: string } => (s.url === undefined ? NO_URL : { url: s.url });

export function lookAlike(e: Event): LookAlike {
  const out: LookAlike = { id: e.id, date: e.date, actor: e.actor, kind: e.kind, status: e.status, magnitude: e.magnitude, substances: e.substances, measure: e.measure, origin: e.origin, source: urlOnly(e.source) };
  if (e.sources) out.sources = e.sources.map(urlOnly);
  return out;
}

/** The URLs an event cites, each once, in order. */
function urlsOf(e: LookAlike): string[] {
  const urls: string[] = [];
  for (const s of e.sources ?? [e.source]) if (s.url !== undefined && !urls.includes(s.url)) urls.push(s.url);
  return urls;
}

/**
 * The events grouped by what a look-alike shares: actor, kind, status and substances (in any
 * order). Nested maps of the strings as read (shared, their hashes cached) rather than one
 * joined key per event: building and hashing a fresh string for each of a million events was
 * most of the grouping's time.
 */
function lookAlikeGroups(events: readonly LookAlike[]): LookAlike[][] {
  const groups: LookAlike[][] = [];
  const byActor = new Map<string, Map<string, Map<string, Map<string, LookAlike[]>>>>();
  for (const e of events) {
    let byKind = byActor.get(e.actor);
    if (!byKind) byActor.set(e.actor, (byKind = new Map()));
    let byStatus = byKind.get(e.kind);
    if (!byStatus) byKind.set(e.kind, (byStatus = new Map()));
    let bySubstances = byStatus.get(e.status);
    if (!bySubstances) byStatus.set(e.status, (bySubstances = new Map()));
    const substances = sortedList(e.substances);
    let group = bySubstances.get(substances);
    if (!group) {
      bySubstances.set(substances, (group = []));
      groups.push(group);
    }
    group.push(e);
  }
  return groups;
}

/**
 * Asked before a warning is built, with where it would be and its code: false means the caller
 * keeps no such warning (it counts it instead), so it is not built. See first-warnings.ts.
 */
export type Admit = (at: ProblemPlace) => boolean;

/**
 * Warnings that need the indicator set or several events at once: a magnitude on a kind that has no
 * unit (it counts as 1), and look-alike events that may be one act reported twice
 * (`possible-duplicate`): the same actor, kind, status and substances, no shared measure, dated
 * within method.duplicateWindowDays of each other, or citing the same source URL within
 * method.duplicateUrlWindowDays. Exact duplicates
 * are counted once by the engine; these are the near ones an analyst should look at.
 */
export function eventWarnings(events: readonly LookAlike[], set: IndicatorSet, admit?: Admit): Problem[] {
  const problems: Problem[] = [];
  // A warning the caller will not keep is not built (its message is most of its cost).
  const admitted = (e: LookAlike, code: string) => admit === undefined || admit({ file: e.origin.file, line: e.origin.line, column: e.origin.column, code });
  const contextKinds = new Set(set.context.flatMap((g) => g.kinds));
  const isContext = (kind: string) => contextKinds.has(kind);
  const at = (e: LookAlike) => ({ line: e.origin.line, column: e.origin.column, endLine: e.origin.line, endColumn: e.origin.column });
  for (const e of events) {
    if (e.magnitude !== undefined && e.magnitude > 1 && set.units[e.kind] === undefined && !isContext(e.kind) && admitted(e, 'magnitude-without-unit')) {
      problems.push(
        problem(e.origin.file, at(e), 'magnitude-without-unit', say('magnitude-without-unit', { id: e.id, magnitude: e.magnitude, kind: e.kind }), {
          severity: 'warning',
        }),
      );
    }
  }
  const window = set.method.duplicateWindowDays;
  // One commentary may be the source of look-alike acts years apart (the 2019 and the 2020
  // takedowns); a shared URL suggests one act twice only when the dates are also close.
  const urlWindow = set.method.duplicateUrlWindowDays;
  for (const alike of lookAlikeGroups(events)) {
    if (alike.length < 2) continue;
    // The order sorting with byDateThenId gives, faster for a large group.
    const group = sortedByDateThenId(alike);
    const days = group.map((e) => dayNumber(e.date));
    const firstWithUrl = new Map<string, number>();
    const warn = (i: number, j: number, why: () => string) => {
      const [earlier, later] = [group[i]!, group[j]!];
      if (!admitted(later, 'possible-duplicate')) return;
      problems.push(
        problem(later.origin.file, at(later), 'possible-duplicate', say('possible-duplicate', { id: later.id, like: earlier.id, file: earlier.origin.file, line: earlier.origin.line, why: why() }), {
          severity: 'warning',
          hint: say('hint/one-act', {}),
        }),
      );
    };
    const unlinked = (i: number, j: number) => group[i]!.measure === undefined || group[i]!.measure !== group[j]!.measure;
    for (let j = 0; j < group.length; j++) {
      if (isContext(group[j]!.kind)) break;
      let warned = false;
      // Look back over the window by date: a group is sorted, so this stays linear in practice.
      for (let i = j - 1; i >= 0 && days[j]! - days[i]! <= window; i--) {
        if (!unlinked(i, j)) continue;
        warn(i, j, () => say('possible-duplicate/days', { days: days[j]! - days[i]! }));
        warned = true;
        break;
      }
      for (const url of urlsOf(group[j]!)) {
        const i = firstWithUrl.get(url);
        if (i === undefined) firstWithUrl.set(url, j);
        else if (!warned && unlinked(i, j) && days[j]! - days[i]! <= urlWindow) {
          warn(i, j, () => say('possible-duplicate/url', {}));
          warned = true;
        }
      }
    }
  }
  return problems;
}

