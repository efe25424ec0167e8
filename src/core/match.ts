import type { Event, MatchClause } from './types.js';

function asList<T>(value: T | T[] | undefined): T[] | undefined {
  if (value === undefined) return undefined;
  return Array.isArray(value) ? value : [value];
}

/**
 * Does the event satisfy the clause? Every field given must match. A scalar event field matches when
 * it is one of the clause's values; a list field (substances, tags) when it shares at least one.
 * `defaultActor` applies when the clause names no actor: indicators count the subject's actions only.
 */
export function matchesClause(event: Event, clause: MatchClause, defaultActor: string | undefined): boolean {
  const kinds = asList(clause.kind);
  if (kinds && !kinds.includes(event.kind)) return false;
  const statuses = asList(clause.status);
  if (statuses && !statuses.includes(event.status)) return false;
  const actors = asList(clause.actor) ?? (defaultActor === undefined ? undefined : [defaultActor]);
  if (actors && !actors.includes(event.actor)) return false;
  const substances = asList(clause.substances);
  if (substances && !(event.substances ?? []).some((s) => substances.includes(s))) return false;
  const tags = asList(clause.tags);
  if (tags && !(event.tags ?? []).some((t) => tags.includes(t))) return false;
  return true;
}

export function matchesAny(event: Event, clauses: MatchClause[], defaultActor: string | undefined): boolean {
  return clauses.some((clause) => matchesClause(event, clause, defaultActor));
}

/** Every kind a clause names, for checking rules against the vocabulary. */
export function clauseValues(clause: MatchClause, field: keyof MatchClause): string[] {
  return (asList(clause[field]) ?? []) as string[];
}
