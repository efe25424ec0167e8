import type { Event, Status } from './types.js';

export interface StockRule {
  /** Statuses of later events on the same indicator that end this stock. */
  endedBy: Status[];
  /** When both events name substances, only an event sharing one of them ends the stock. */
  sameSubstance?: boolean;
}

/** Only a clash of named substances keeps a stock alive: either side naming none shares. */
export function sharesSubstance(a: Event, b: Event): boolean {
  const as = a.substances ?? [];
  const bs = b.substances ?? [];
  if (as.length === 0 || bs.length === 0) return true;
  return as.some((s) => bs.includes(s));
}

const NONE = -1;

/**
 * Finds what ends a stock: for the event at `index`, the first event in array order that is dated
 * after it, has a status in `rule.endedBy` and (with `rule.sameSubstance`) shares a substance.
 *
 * A plain search per stock is quadratic: 100,000 `in-force` controls with no reversal took minutes.
 * On events sorted by date (as the engine passes them) the events dated after one form a suffix,
 * so a backward sweep per rule records, for every position, the next ending event overall, the
 * next one naming no substance, and the next one naming each substance; a lookup is then a few
 * array reads. Unsorted input gets the plain search, which gives the same answer.
 */
export function stockEnderFinder(events: readonly Event[]): (index: number, rule: StockRule) => Event | undefined {
  const n = events.length;
  let sorted = true;
  for (let i = 1; i < n && sorted; i++) if (events[i - 1]!.date > events[i]!.date) sorted = false;
  if (!sorted) {
    return (index, rule) => {
      const event = events[index]!;
      return events.find(
        (later) => later.date > event.date && rule.endedBy.includes(later.status) && (!rule.sameSubstance || sharesSubstance(event, later)),
      );
    };
  }

  // firstLater[i]: the first position dated after events[i] (n when none).
  const firstLater = new Int32Array(n);
  for (let i = n - 1; i >= 0; i--) {
    firstLater[i] = i + 1 < n && events[i + 1]!.date === events[i]!.date ? firstLater[i + 1]! : i + 1;
  }

  interface Tables {
    any: Int32Array;
    noSubstance: Int32Array;
    bySubstance: Map<string, Int32Array>;
  }
  const cache = new Map<StockRule, Tables>();
  const tablesFor = (rule: StockRule): Tables => {
    let t = cache.get(rule);
    if (t) return t;
    const any = new Int32Array(n + 1).fill(NONE);
    const noSubstance = new Int32Array(n + 1).fill(NONE);
    const bySubstance = new Map<string, Int32Array>();
    if (rule.sameSubstance) {
      for (const e of events) {
        if (!rule.endedBy.includes(e.status)) continue;
        for (const s of e.substances ?? []) if (!bySubstance.has(s)) bySubstance.set(s, new Int32Array(n + 1).fill(NONE));
      }
    }
    const tables = [...bySubstance.values()];
    for (let k = n - 1; k >= 0; k--) {
      const e = events[k]!;
      const ends = rule.endedBy.includes(e.status);
      const named = e.substances ?? [];
      any[k] = ends ? k : any[k + 1]!;
      noSubstance[k] = ends && named.length === 0 ? k : noSubstance[k + 1]!;
      for (const next of tables) next[k] = next[k + 1]!;
      if (ends && rule.sameSubstance) for (const s of named) bySubstance.get(s)![k] = k;
    }
    t = { any, noSubstance, bySubstance };
    cache.set(rule, t);
    return t;
  };

  return (index, rule) => {
    const event = events[index]!;
    const from = firstLater[index]!;
    if (from >= n) return undefined;
    const t = tablesFor(rule);
    const named = event.substances ?? [];
    let found = t.any[from]!;
    if (rule.sameSubstance && named.length > 0) {
      found = t.noSubstance[from]!;
      for (const s of named) {
        const k = t.bySubstance.get(s)?.[from] ?? NONE;
        if (k !== NONE && (found === NONE || k < found)) found = k;
      }
    }
    return found === NONE ? undefined : events[found];
  };
}
