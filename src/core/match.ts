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
  if (clause.kind !== undefined && !oneOf(clause.kind, event.kind)) return false;
  if (clause.status !== undefined && !oneOf(clause.status, event.status)) return false;
  if (clause.actor !== undefined ? !oneOf(clause.actor, event.actor) : defaultActor !== undefined && event.actor !== defaultActor) return false;
  if (clause.substances !== undefined && !shares(clause.substances, event.substances)) return false;
  if (clause.tags !== undefined && !shares(clause.tags, event.tags)) return false;
  return true;
}

function shares(clauseValue: string | string[], values: readonly string[] | undefined): boolean {
  if (values === undefined) return false;
  for (const value of values) if (oneOf(clauseValue, value)) return true;
  return false;
}

/** Is `value` the clause's value or one of its values? (No list is built: this runs per event and clause.) */
function oneOf<T>(clauseValue: T | T[], value: T): boolean {
  return Array.isArray(clauseValue) ? clauseValue.includes(value) : clauseValue === value;
}

export function matchesAny(event: Event, clauses: readonly MatchClause[], defaultActor: string | undefined): boolean {
  // A loop, not clauses.some(…): this runs per event and indicator, and a closure per call showed.
  for (const clause of clauses) if (matchesClause(event, clause, defaultActor)) return true;
  return false;
}

/** Every kind a clause names, for checking rules against the vocabulary. */
export function clauseValues(clause: MatchClause, field: keyof MatchClause): string[] {
  return (asList(clause[field]) ?? []) as string[];
}
