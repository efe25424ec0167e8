import { clauseValues, matchesAny, matchesClause } from './match.js';
import type { Event, Indicator, IndicatorSet, MatchClause } from './types.js';

/** The events one indicator counts (with their positions in the scorable list) and its counterpart's. */
export interface Selection {
  matched: Event[];
  matchedAt: number[];
  counterpart: Event[];
}

/**
 * Match every scorable event to every indicator, keeping input order. Each event's kind is turned
 * into a small number once, and each kind knows which indicators' clauses could take it (all of
 * them for an indicator whose clauses do not all name kinds), so one pass over the events asks only
 * those: a million events against ten indicators made the clause-by-clause test a second of
 * scoring, and then ten passes over the events half a second. `used` flags, by position, the
 * events any indicator took.
 */
export function selectEvents(scorable: readonly Event[], set: IndicatorSet): { selections: Selection[]; used: Uint8Array } {
  const kindIds = new Map<string, number>();
  const kindOf = new Int32Array(scorable.length);
  for (let i = 0; i < scorable.length; i++) {
    const kind = scorable[i]!.kind;
    let id = kindIds.get(kind);
    if (id === undefined) kindIds.set(kind, (id = kindIds.size));
    kindOf[i] = id;
  }
  /** For each kind (by number), the indicators whose clauses might take it: every indicator when a clause names no kind. */
  const candidates = (clausesOf: (indicator: Indicator) => readonly MatchClause[] | undefined): number[][] => {
    const byKind = Array.from({ length: kindIds.size }, () => [] as number[]);
    set.indicators.forEach((indicator, i) => {
      const clauses = clausesOf(indicator);
      if (!clauses) return;
      const anyKind = !clauses.every((c) => c.kind !== undefined);
      const named = new Set(clauses.flatMap((clause) => clauseValues(clause, 'kind')));
      for (const [kind, id] of kindIds) if (anyKind || named.has(kind)) byKind[id]!.push(i);
    });
    return byKind;
  };
  const subjectOf = candidates((indicator) => indicator.match);
  const counterpartOf = candidates((indicator) => (indicator.compareTo ? [indicator.compareTo] : undefined));
  const used = new Uint8Array(scorable.length);
  const selections: Selection[] = set.indicators.map(() => ({ matched: [], matchedAt: [], counterpart: [] }));
  for (let at = 0; at < scorable.length; at++) {
    const e = scorable[at]!;
    const kind = kindOf[at]!;
    for (const i of subjectOf[kind]!) {
      if (!matchesAny(e, set.indicators[i]!.match, set.subject)) continue;
      const selection = selections[i]!;
      selection.matched.push(e);
      selection.matchedAt.push(at);
      used[at] = 1;
    }
    for (const i of counterpartOf[kind]!) {
      if (!matchesClause(e, set.indicators[i]!.compareTo!, set.counterpart)) continue;
      selections[i]!.counterpart.push(e);
      used[at] = 1;
    }
  }
  return { selections, used };
}
