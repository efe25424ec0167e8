import type { Problem, Severity } from './types.js';

/** What orders problems (engine.ts's compareProblems): where each is, and its code. */
export type ProblemPlace = Pick<Problem, 'file' | 'line' | 'column' | 'code'>;

/**
 * Every problem code coopscore reports, with its one-line meaning. The README table, SARIF rules
 * and `validate` output all read from here, so a code means the same thing everywhere.
 */
export const PROBLEM_CODES = {
  'yaml-syntax': 'The file is not valid YAML or JSON.',
  'duplicate-key': 'A key appears twice in one mapping; the second would silently replace the first.',
  'not-a-mapping': 'The top level of the file is not a mapping with an `events` list.',
  'missing-field': 'A required field is missing.',
  'unknown-key': 'A key the format does not define (often a typo that would drop data).',
  'invalid-type': 'A value has the wrong type (for example a list where text is expected).',
  'invalid-value': 'A value is out of range or does not have the required form.',
  'invalid-date': 'A date is not a real calendar date written YYYY-MM-DD.',
  'invalid-url': 'A source URL is not an http(s) URL.',
  'unknown-kind': 'An event kind is not in the indicator set vocabulary.',
  'unknown-status': 'A status is not one of pledged, announced, in-force, enforced, refused, reversed.',
  'unknown-substance': 'A substance is not in the indicator set vocabulary.',
  'duplicate-id': 'Two events (or indicators) share an id; ids must be unique across all inputs.',
  'empty-events': 'The file has an empty `events` list (allowed, but probably a mistake).',
  'published-after-as-of': 'A source was published after the scoring date.',
  'file-not-found': 'A path given on the command line does not exist.',
  'read-error': 'A file could not be read.',
  'no-input': 'No event files were found in the paths given.',
  'symlink-skipped': 'A symbolic link in a folder leads outside it (or to a folder above it) and was not followed (warning); --follow-symlinks follows it.',
  'no-events': 'The inputs hold no events, so there is nothing to score.',
  'invalid-set': 'The indicator set is not consistent (a rule or context names something undefined).',
  'unknown-indicator': 'A weights file names an indicator the active set does not have.',
  'invalid-weight': 'A weight in a weights file is negative or not a number (0 shows an indicator without scoring it).',
  'all-weights-zero': 'A weights file leaves every indicator at weight 0, so nothing could be scored.',
  'invalid-encoding': 'The file is not UTF-8 text (UTF-16, Latin-1 or corrupt bytes); save it as UTF-8.',
  'binary-file': 'The file holds NUL bytes: it is binary, not a text event file.',
  'control-character': 'The text holds a control character YAML does not allow; remove it or write it as an escape.',
  'file-too-large': 'The file is larger than --max-file-size (default 50 MiB) and was not read.',
  'line-too-long': 'A JSON Lines line is longer than 1 MiB (1,048,576 characters); it was not read.',
  'empty-file': 'The file holds no data: it is empty, blank or only comments.',
  'multiple-documents': 'The file holds several YAML documents (`---`); put each in its own file.',
  'unsupported-tag': 'An explicit YAML tag such as !!js/function, !!binary or !custom; only plain values are read.',
  'complex-key': 'A mapping key is a list or mapping; keys must be plain text.',
  'reserved-key': 'A key named __proto__, constructor or prototype, refused so it can never reach an object prototype.',
  'invalid-alias': 'An alias names no earlier anchor, or points into its own anchor (a cycle).',
  'too-many-aliases': 'Aliases expand to more values than the cap (an alias bomb, "billion laughs").',
  'too-deep': 'Values are nested deeper than the limit.',
  'future-date': 'A date is after today (warning): an event cannot be observed before it happens.',
  'ungraded-source': 'A source has no reliability or credibility grade (warning): it counts as "cannot be judged".',
  'possible-duplicate': 'Two look-alike events (same actor, kind, status and substances, no shared measure) within a few days, or sharing a source URL (warning): one act reported twice? Use `sources:`.',
  'magnitude-without-unit': 'A magnitude on a kind that has no unit in the indicator set (warning): it counts as 1.',
  'large-file': 'A YAML event file is so large that checking it will be slow; split it, or use JSON Lines.',
  'unknown-band': 'An anchors file names a band the indicator set does not define.',
} as const;

export type ProblemCode = keyof typeof PROBLEM_CODES;

/**
 * Where a code frame reads a file's lines: a kept text (format/problems-text.ts FileLines), or a
 * file on disk read again forward as the frames ask (io/frame-lines.ts ForwardLines), so a million
 * warnings never hold the file's text.
 */
export interface LineSource {
  /** Whether the file has line n (1-based). */
  has(n: number): boolean;
  /** Line n without its line break; '' when it has none. */
  line(n: number): string;
}

export interface Span {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export function problem(
  file: string,
  span: Span | undefined,
  code: ProblemCode,
  message: string,
  options: { severity?: Severity; hint?: string } = {},
): Problem {
  // No span: the problem is with the path itself (missing, unreadable); line 0 says "no position".
  const at = span ?? { line: 0, column: 0, endLine: 0, endColumn: 0 };
  const p: Problem = { file, ...at, severity: options.severity ?? 'error', code, message: flat(shorten(message)) };
  if (options.hint) p.hint = options.hint;
  return p;
}

const MAX_MESSAGE = 400;

/**
 * The message as one flat string. A message built from template parts is a tree of string pieces
 * in V8 (a "cons string"), about 270 bytes of pieces for a 130-character warning; a million-event
 * file can hold a warning for nearly every event, and all of them are kept until the report is
 * written. Converting a string to a number makes V8 flatten it in place, and the pieces are freed
 * at the next collection: on 100,000 JSON Lines events with 65,000 warnings, the loaded heap went
 * from 106 to 98 MB.
 */
function flat(text: string): string {
  Number(text);
  return text;
}

/** A message quotes the bad value; a megabyte-long value must not become a megabyte-long line. */
function shorten(message: string): string {
  if (message.length <= MAX_MESSAGE) return message;
  const chars = [...message]; // by code point, so an emoji is never cut in half
  const keep = MAX_MESSAGE / 2 - 20;
  if (chars.length <= MAX_MESSAGE) return message;
  return `${chars.slice(0, keep).join('')} … (${chars.length - 2 * keep} characters left out) … ${chars.slice(-keep).join('')}`;
}

/** Edit distance, for "did you mean" hints; stops early once it must exceed `limit`. */
function distance(a: string, b: string, limit: number): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    let rowMin = prev[0];
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
      if (prev[j]! < rowMin) rowMin = prev[j]!;
    }
    if (rowMin > limit) return rowMin;
  }
  return prev[b.length]!;
}

/** Words longer than this get no suggestion: a typo is in a short word, and distance is quadratic in length. */
const MAX_SUGGEST_LENGTH = 64;
/** Candidates compared per word at most, so a hint never costs more than a bounded amount of work. */
const MAX_CANDIDATES = 1000;

/**
 * The closest candidate within a third of the word's length, or undefined. Bounded: only candidates
 * whose length is within that distance are compared, at most {@link MAX_CANDIDATES} of them, and no
 * word longer than {@link MAX_SUGGEST_LENGTH}, so 100,000 unknown keys cost linear time.
 */
export function didYouMean(word: string, candidates: Iterable<string>): string | undefined {
  if (word.length > MAX_SUGGEST_LENGTH) return undefined;
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  const lower = word.toLowerCase();
  let compared = 0;
  for (const c of candidates) {
    if (Math.abs(c.length - word.length) >= bestDistance || c.length > MAX_SUGGEST_LENGTH) continue;
    if (++compared > MAX_CANDIDATES) break;
    const d = distance(lower, c.toLowerCase(), bestDistance);
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  return best;
}
