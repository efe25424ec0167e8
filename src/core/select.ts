import { clauseValues, matchesAny, matchesClause } from './match.js';
import type { Event, IndicatorSet, MatchClause } from './types.js';

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
  /** The kinds some clause accepts, by number; undefined when a clause names no kind (it may take any). */
  const kindsOf = (clauses: readonly MatchClause[]): Uint8Array | undefined => {
    if (!clauses.every((c) => c.kind !== undefined)) return undefined;
    const wanted = new Uint8Array(kindIds.size);
    for (const clause of clauses) for (const kind of clauseValues(clause, 'kind')) if (kindIds.has(kind)) wanted[kindIds.get(kind)!] = 1;
    return wanted;
  };
  const selections = set.indicators.map((indicator) => {
    const wanted = kindsOf(indicator.match);
    const { compareTo } = indicator;
    const wantedCounterpart = compareTo ? kindsOf([compareTo]) : undefined;
    const selection: Selection = { matched: [], matchedAt: [], counterpart: [] };
    for (let i = 0; i < scorable.length; i++) {
      const e = scorable[i]!;
      if ((wanted === undefined || wanted[kindOf[i]!] === 1) && matchesAny(e, indicator.match, set.subject)) {
        selection.matched.push(e);
        selection.matchedAt.push(i);
        used[i] = 1;
      }
      if (compareTo && (wantedCounterpart === undefined || wantedCounterpart[kindOf[i]!] === 1) && matchesClause(e, compareTo, set.counterpart)) {
        selection.counterpart.push(e);
        used[i] = 1;
      }
    }
    return selection;
  });
  return { selections, used };
}
