import { message, signed } from './messages.js';
import type { AlertEvent, Evidence } from './report.js';
import type { Status } from './types.js';

/**
 * The prose of time: alert messages and the sentences that explain a change between two reports.
 * Made here only, from structured data, so table, Markdown and JSON word each fact the same way.
 */

// The words for a change between two reports: diff.ts computes them and takes the types from here,
// so the module that words a change and the one that finds it do not import each other.
const MOVEMENTS = ['improvement', 'neutral', 'regression'] as const;
export type Movement = (typeof MOVEMENTS)[number];

/**
 * `added`/`removed`: evidence in only one report; `aged`: the same event decayed (or, comparing
 * backwards, grew younger); `ended`: a stock in effect in BASE was ended by a later event in HEAD;
 * `changed`: anything else about the event differs (status, date, grade, kind).
 */
const EVENT_CHANGES = ['added', 'removed', 'aged', 'ended', 'changed'] as const;
export type EventChangeKind = (typeof EVENT_CHANGES)[number];

export interface EventChange {
  eventId: string;
  role: Evidence['role'];
  change: EventChangeKind;
  /** HEAD's date, kind and status (BASE's for a removed event). */
  date: string;
  kind: string;
  status: Status;
  /** Value in each report; null where the event is not evidence. */
  base: number | null;
  head: number | null;
  delta: number;
  endedBy?: { eventId: string; date: string };
  file: string;
  line: number;
}

// The alert and incompatibility sentences are worded in the catalogue (messages.ts); these name their facts.

export function reversalMessage(event: AlertEvent, inPeriod: boolean): string {
  return message('alert/reversal', { event: event.eventId, kind: event.kind, date: event.date, indicators: event.indicators, inPeriod });
}

export function crisisMessage(event: AlertEvent, days: number, asOf: string): string {
  return message('alert/crisis', { event: event.eventId, kind: event.kind, date: event.date, days, asOf });
}

export function dropMessage(drop: number, since: string, threshold: number, events: readonly AlertEvent[]): string {
  return message('alert/drop', { drop, since, threshold, events: events.map((e) => e.eventId) });
}

export function incompatibleMessage(what: string, names: { base: string; head: string }, base: string, head: string): string {
  return message('incompatible', { what, baseName: names.base, headName: names.head, base, head });
}

const VERBS: Record<EventChange['change'], string> = {
  added: 'added',
  removed: 'removed',
  aged: 'aged',
  ended: 'ended',
  changed: 'changed',
};

/** One event's change in a few words: "added cn-x (+0.61)", "ended cn-y by cn-z (+1.00)". */
export function eventChangeText(change: EventChange): string {
  const by = change.endedBy ? ` by ${change.endedBy.eventId}` : '';
  // Counterpart evidence is the bar the subject is measured against, not the subject's cooperation:
  // more of it lowers a compared indicator, so it never reads as if it raised the score.
  if (change.role === 'counterpart') {
    const bar = change.delta > 0 ? 'raises the bar' : change.delta < 0 ? 'lowers the bar' : 'leaves the bar';
    return `${VERBS[change.change]} ${change.eventId}${by} (the counterpart's own action: ${bar} by ${signed(Math.abs(change.delta), 'typographic', 4).replace(/^\+/, '')})`;
  }
  return `${VERBS[change.change]} ${change.eventId}${by} (${signed(change.delta, 'typographic', 4)})`;
}

/** How many named events a one-line summary lists before "and N more". */
const NAMED = 3;

/** "+24.31 improvement: added cn-a (+0.61), added cn-b (+0.24); 2 aged". */
export function diffIndicatorSummary(delta: number, movement: Movement, events: readonly EventChange[]): string {
  const head = `${signed(delta, 'typographic')} ${movement}`;
  if (events.length === 0) return `${head}: no evidence changed`;
  const named = events.filter((e) => e.change !== 'aged').slice(0, NAMED);
  const aged = events.filter((e) => e.change === 'aged').length;
  const rest = events.length - named.length - aged;
  const parts: string[] = [];
  if (named.length) parts.push(named.map(eventChangeText).join(', ') + (rest > 0 ? ` and ${rest} more` : ''));
  if (aged) parts.push(`${aged} aged`);
  return `${head}: ${parts.join('; ')}`;
}

/** "1 ended, 2 added, 1 aged": what happened to an indicator's evidence, for narrow columns. */
export function changeCounts(events: readonly EventChange[]): string {
  if (events.length === 0) return 'no evidence changed';
  return (Object.keys(VERBS) as EventChange['change'][])
    .map((change) => [change, events.filter((e) => e.change === change).length] as const)
    .filter(([, count]) => count > 0)
    .map(([change, count]) => `${count} ${VERBS[change]}`)
    .join(', ');
}
