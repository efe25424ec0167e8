import type { Credibility, Event, EventSource, Method } from './types.js';

/** How much an event's reporting is worth: the Admiralty grade as a factor, and what it rests on. */
export interface Grade {
  /** reliability × credibility of the best source, raised when corroborated. */
  factor: number;
  /** "B2", the best single source's letters; "B2, corroborated" when independent sources raised it. */
  label: string;
  /** At least method.solidGrade: only solid evidence changes the state of other evidence. */
  solid: boolean;
  corroborated: boolean;
  /** True when the best source gives both letters (else "cannot be judged" filled in). */
  graded: boolean;
}

/** The factor and letters of one source; a missing letter is the method's "cannot be judged". */
export function sourceGrade(source: EventSource, method: Method): { factor: number; label: string; graded: boolean } {
  const reliability = source.reliability ?? method.defaultGrade.reliability;
  const credibility = source.credibility ?? method.defaultGrade.credibility;
  return {
    // An integer key reads the same property as its string without building the string.
    factor: method.reliability[reliability] * method.credibility[credibility as unknown as `${Credibility}`],
    label: `${reliability}${credibility}`,
    graded: source.reliability !== undefined && source.credibility !== undefined,
  };
}

/** The best-graded source of a list (the first on a tie): the one that grades the event. */
export function bestSource(sources: readonly EventSource[], method: Method): EventSource {
  let best = sources[0]!;
  let bestFactor = sourceGrade(best, method).factor;
  for (let i = 1; i < sources.length; i++) {
    const f = sourceGrade(sources[i]!, method).factor;
    if (f > bestFactor) [best, bestFactor] = [sources[i]!, f];
  }
  return best;
}

/** Who published a source, to tell independent reports apart: `publisher`, else the URL's host. */
export function publisherOf(source: EventSource): string | undefined {
  if (source.publisher !== undefined) return source.publisher.trim().toLowerCase();
  if (source.url === undefined) return undefined;
  try {
    return new URL(source.url).host.toLowerCase().replace(/^www\./, '');
  } catch {
    return undefined;
  }
}

const CORROBORATING = new Set(['A', 'B', 'C']);

/**
 * The grade of an event. With several sources, the best single source grades it; when two or more
 * sources from different publishers are graded reliability A-C, the act is corroborated, and its
 * grade is at least the best reliability among those times the factor of credibility 1 ("confirmed
 * by other sources" in the Admiralty code). Adding a source never lowers the grade.
 */
export function gradeEvent(event: Event, method: Method): Grade {
  const best = sourceGrade(event.source, method);
  let factor = best.factor;
  let corroborated = false;
  const sources = event.sources;
  if (sources !== undefined && sources.length > 1) {
    const publishers = new Set<string>();
    let bestReliability = 0;
    for (const s of sources) {
      const publisher = publisherOf(s);
      if (publisher === undefined || s.reliability === undefined || !CORROBORATING.has(s.reliability)) continue;
      publishers.add(publisher);
      bestReliability = Math.max(bestReliability, method.reliability[s.reliability]);
    }
    if (publishers.size >= 2) {
      corroborated = true;
      factor = Math.max(factor, bestReliability * method.credibility['1']);
    }
  }
  return {
    factor,
    label: corroborated ? `${best.label}, corroborated` : best.label,
    solid: factor >= method.solidGrade - 1e-12,
    corroborated,
    graded: best.graded,
  };
}

const RELIABILITY_AT: Readonly<Record<string, number>> = { A: 0, B: 1, C: 2, D: 3, E: 4, F: 5 };

/**
 * Which of the 49 grades of one source (each letter or its absence) grades `event`: 0-48, or -1
 * for an event graded otherwise (several sources, or letters outside the tables). It depends on
 * the event alone, so a list of events can keep it (itemsUnder: the draws grade the same events).
 */
export function gradeKey(event: Event): number {
  if (event.sources !== undefined && event.sources.length > 1) return -1;
  const { reliability, credibility } = event.source;
  const r = reliability === undefined ? 6 : RELIABILITY_AT[reliability];
  const c = credibility ?? 0;
  if (r === undefined || !Number.isInteger(c) || c < 0 || c > 6) return -1;
  return r * 7 + c;
}

/**
 * gradeEvent under one method for many events, remembered: an event with one source is graded by
 * its two letters alone, so at most 49 grades (each letter or its absence) stand for all of them.
 * `key` is the event's gradeKey when the caller kept it. Made per use, never kept across methods
 * (a draw's method is a new object, or a reused one with new tables: a cache outliving the call
 * could answer for a method that has changed).
 */
export function gradesUnder(method: Method): (event: Event, key?: number) => Grade {
  const known: (Grade | undefined)[] = new Array<Grade | undefined>(49).fill(undefined);
  return (event, key = gradeKey(event)) => (key < 0 ? gradeEvent(event, method) : (known[key] ??= gradeEvent(event, method)));
}
