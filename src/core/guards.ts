/** A mapping parsed from YAML or JSON (not a list, not null), before any schema has looked at it. */
export const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
