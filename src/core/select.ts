import { clauseValues, matchesAny, matchesClause } from './match.js';
import type { Event, IndicatorSet } from './types.js';

/** The events one indicator counts (with their positions in the scorable list) and its counterpart's. */
export interface Selection {
  matched: Event[];
  matchedAt: number[];
  counterpart: Event[];
}

/**
 * Match every scorable event to every indicator, keeping input order. Each event's kind is turned
 * into a small number once, so an indicator whose clauses all name kinds turns most events away
 * with one array read instead of a clause-by-clause test (ten indicators over a million events
 * made that test a second of scoring). `used` flags, by position, the events any indicator took.
 */
export function selectEvents(scorable: readonly Event[], set: IndicatorSet): { selections: Selection[]; used: Uint8Array } {
  const kindIds = new Map<string, number>();
  const kindOf = new Int32Array(scorable.length);
  scorable.forEach((e, i) => {
    let id = kindIds.get(e.kind);
    if (id === undefined) kindIds.set(e.kind, (id = kindIds.size));
    kindOf[i] = id;
  });
  const used = new Uint8Array(scorable.length);
  const selections = set.indicators.map((indicator) => {
    let wanted: Uint8Array | undefined;
    if (indicator.match.every((c) => c.kind !== undefined)) {
      wanted = new Uint8Array(kindIds.size);
      for (const clause of indicator.match) for (const kind of clauseValues(clause, 'kind')) if (kindIds.has(kind)) wanted[kindIds.get(kind)!] = 1;
    }
    const selection: Selection = { matched: [], matchedAt: [], counterpart: [] };
    for (let i = 0; i < scorable.length; i++) {
      const e = scorable[i]!;
      if ((wanted === undefined || wanted[kindOf[i]!] === 1) && matchesAny(e, indicator.match, set.subject)) {
        selection.matched.push(e);
        selection.matchedAt.push(i);
        used[i] = 1;
      }
      if (indicator.compareTo && matchesClause(e, indicator.compareTo, set.counterpart)) {
        selection.counterpart.push(e);
        used[i] = 1;
      }
    }
    return selection;
  });
  return { selections, used };
}
