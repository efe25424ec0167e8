import { signed } from '../core/messages.js';
import type { Action, Commitment, CommitmentTotals, Ledger, Lever, LeverClassSummary } from '../core/ledger.js';

/**
 * The ledger's facts in words, made in one place so the table, Markdown, CSV and SVG never word
 * the same fact differently. Ids, kinds, states and dates are validated vocabulary; text that came
 * from a file (summaries, paths) is escaped by each formatter for its target.
 */

export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
export const ratioText = (r: number | null) => (r === null ? 'n/a' : r.toFixed(2));

/** "China (CN) as of 2025-06-30: composite 1.23, minimal". */
export function ledgerHeadline(ledger: Ledger): string {
  const since = ledger.since ? `, events since ${ledger.since}` : '';
  return `${ledger.subject} as of ${ledger.asOf}${since}: composite ${ledger.score.composite.toFixed(2)} (${ledger.score.band})`;
}

/** The state of one promise with what settled it: "delivered late by X on D, 12 days after due". */
export function commitmentState(c: Commitment): string {
  const partsLive = c.indicators.filter((p) => p.state !== 'superseded');
  const deliveredOn = partsLive.filter((p) => p.state === 'delivered' || p.state === 'delivered-late').length;
  switch (c.state) {
    case 'delivered':
      return `delivered by ${c.by?.eventId ?? '?'} on ${c.by?.date ?? '?'}, after ${plural(c.days ?? 0, 'day')}`;
    case 'delivered-late':
      return `delivered late by ${c.by?.eventId ?? '?'} on ${c.by?.date ?? '?'}, ${plural(c.daysLate ?? 0, 'day')} after due`;
    case 'partly-delivered':
      return `partly delivered (${deliveredOn} of ${plural(partsLive.length, 'indicator')}) by ${c.by?.eventId ?? '?'} on ${c.by?.date ?? '?'}`;
    case 'lapsed':
      return `lapsed on ${c.due ?? '?'}, nothing delivered (${plural(c.daysOverdue ?? 0, 'day')} overdue; ${c.lapseValue.toFixed(4)} on its indicators)`;
    case 'open':
      return `open, due ${c.due ?? '?'} (${plural(c.daysLeft ?? 0, 'day')} left)`;
    case 'superseded':
      if (c.measure !== undefined && c.supersededBy) return `superseded by ${c.supersededBy.eventId}, the first stage of measure ${c.measure}, which carries the promise`;
      return `superseded by ${c.supersededBy?.eventId ?? 'a better stage of its measure'}`;
  }
}

/** "9 promises (and 3 later stages of measures, counted with their first): 4 delivered, ...; say–do ratio 0.57 (4 delivered of 7 due)". */
export function totalsLine(t: CommitmentTotals): string {
  return (
    `${plural(t.promises - t.superseded, 'promise')}${t.superseded ? ` (and ${plural(t.superseded, 'later stage')} of measures, counted with their first)` : ''}: ${t.delivered} delivered, ${t.deliveredLate} delivered late, ${t.partlyDelivered} partly delivered, ` +
    `${t.lapsed} lapsed, ${t.open} open; say–do ratio ${ratioText(t.sayDo)} (${t.delivered + t.deliveredLate} delivered of ${t.due} due)`
  );
}

export function leverClassLine(c: LeverClassSummary): string {
  if (c.count === 0) return `${c.class}: no levers`;
  const notes = [c.overlapping ? `${c.overlapping} overlapping` : '', c.cut ? `${c.cut} cut short by the scoring date` : ''].filter(Boolean);
  return `${c.class}: ${plural(c.count, 'lever')}, median change ${signed(c.medianChange ?? 0, 'typographic')}${notes.length ? ` (${notes.join(', ')})` : ''}`;
}

const STATUS_ORDER = ['enforced', 'in-force', 'announced', 'pledged', 'refused', 'reversed'];

/**
 * For each status, how many of the first k actions have it (k = 0..n), built once per ledger: a
 * window's mix is then two look-ups per status, where counting each window's actions grew with
 * the levers times the acts in a window.
 */
const countsCache = new WeakMap<readonly Action[], Map<string, Int32Array>>();
function statusCounts(actions: readonly Action[]): Map<string, Int32Array> {
  let counts = countsCache.get(actions);
  if (counts) return counts;
  counts = new Map(STATUS_ORDER.map((s) => [s, new Int32Array(actions.length + 1)]));
  actions.forEach((a, i) => {
    for (const [s, list] of counts!) list[i + 1] = list[i]! + (s === a.status ? 1 : 0);
  });
  countsCache.set(actions, counts);
  return counts;
}

/** What a lever's window shows, short enough for a table cell: counts, not ids (the JSON and Markdown name them). */
export function leverNote(l: Lever, actions: readonly Action[]): string {
  const { first, count } = l.followedBy;
  const mix = [...statusCounts(actions)]
    .map(([s, list]) => [s, list[first + count]! - list[first]!] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}`)
    .join(', ');
  const parts = [count ? `followed by ${plural(count, 'scored act')} (${mix})` : 'no scored act of the subject followed'];
  if (!l.complete) parts.push(`window cut at ${l.windowEnd}`);
  if (l.overlaps) parts.push(`overlaps ${plural(l.overlaps, 'other lever')}`);
  return parts.join('; ');
}

/** The promises by outcome, in the order the briefings list them; empty groups are left out. */
export function commitmentGroups(items: readonly Commitment[]): [string, Commitment[]][] {
  const groups: [string, Commitment[]][] = [
    ['Kept', items.filter((c) => c.state === 'delivered' || c.state === 'delivered-late')],
    ['Partly kept', items.filter((c) => c.state === 'partly-delivered')],
    ['Lapsed', items.filter((c) => c.state === 'lapsed')],
    ['Open', items.filter((c) => c.state === 'open')],
  ];
  return groups.filter(([, group]) => group.length > 0);
}
