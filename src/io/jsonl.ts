import { isAscii } from 'node:buffer';
import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';
import { problem, type Span } from '../core/problems.js';
import type { eventSchema } from '../core/schema.js';
import type { Event, IndicatorSet, Problem } from '../core/types.js';
import { validateEventAt, type IdSite, type LocatedData } from '../core/validate.js';
import type { PathKey } from './yaml-doc.js';

/**
 * JSON Lines input (`.jsonl`): one event object per line, for pipelines that emit events. The file
 * is streamed in chunks and each line is parsed, validated and dropped, so a million-event file
 * never sits in memory as text or as parsed documents: only the validated events stay.
 *
 * Positions: a clean line needs only its own start (the evidence line) and its id's place (for a
 * duplicate id), which a scan of the line gives. A line with any problem is parsed again with the
 * reference YAML parser (JSON is YAML), which places every problem at `file:line:col`.
 */

export interface JsonLinesResult {
  /** The valid events (none kept when the caller asked only for problems). */
  events: Event[];
  /** How many lines held a valid event. */
  count: number;
  problems: Problem[];
  sha256: string;
  /** Lines with problems and their neighbours, blank elsewhere: enough for code frames. */
  source?: string;
}

const CHUNK = 1 << 20;

const isPlainObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** How many keys the parsed value holds, nested objects included. */
function countKeys(value: unknown): number {
  if (Array.isArray(value)) {
    let n = 0;
    for (const item of value) if (typeof item === 'object' && item !== null) n += countKeys(item);
    return n;
  }
  if (typeof value !== 'object' || value === null) return 0;
  let n = 0;
  for (const key in value) {
    n++;
    const v = (value as Record<string, unknown>)[key];
    if (typeof v === 'object' && v !== null) n += countKeys(v);
  }
  return n;
}

const STRING_TOKEN = /"(?:[^"\\]|\\.)*"(\s*:)?/g;

/**
 * JSON.parse keeps the last of two equal keys without a word; the format calls a repeat an error.
 * A key is a string token followed by a colon, so the text has more keys than the parsed value
 * exactly when a key repeats. Lines without escaped quotes or spaced colons (nearly all) are
 * counted with plain string search; the others with a tokenizer.
 */
function hasRepeatedKey(line: string, value: unknown): boolean {
  const parsed = countKeys(value);
  let written = 0;
  // Compact lines (JSON.stringify's) have no white space after a quote: skip the regex for them.
  const spaced = (line.includes('" ') || line.includes('"\t') || line.includes('"\r')) && /"[ \t\r]+:/.test(line);
  if (!spaced && !line.includes('\\"')) {
    for (let at = line.indexOf('":'); at !== -1; at = line.indexOf('":', at + 2)) written++;
  } else {
    STRING_TOKEN.lastIndex = 0;
    for (let m = STRING_TOKEN.exec(line); m; m = STRING_TOKEN.exec(line)) if (m[1] !== undefined) written++;
  }
  return written !== parsed;
}

/** End of the JSON string token that starts at `at` (just past its closing quote), or -1. */
function stringEnd(line: string, at: number): number {
  for (let p = at + 1; p < line.length; p++) {
    const c = line.charCodeAt(p);
    if (c === 0x5c) p++; // a backslash escapes the next character
    else if (c === 0x22) return p + 1;
  }
  return -1;
}

const isJsonSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a;

/**
 * [start, end) of the top-level `id` value's string token, quotes included, as the reference
 * places it; undefined when the line does not spell the id there (the reference then decides).
 * Strings are skipped whole, so a `"id":` inside a summary or in a nested object is never taken.
 */
function idRange(line: string, id: string): [number, number] | undefined {
  let depth = 0;
  for (let p = 0; p < line.length; p++) {
    const c = line.charCodeAt(p);
    if (c === 0x7b || c === 0x5b) depth++;
    else if (c === 0x7d || c === 0x5d) depth--;
    else if (c === 0x22) {
      const end = stringEnd(line, p);
      if (end === -1) return undefined;
      let q = end;
      while (isJsonSpace(line.charCodeAt(q))) q++;
      if (depth === 1 && line.charCodeAt(q) === 0x3a && line.slice(p, end) === '"id"') {
        q++;
        while (isJsonSpace(line.charCodeAt(q))) q++;
        if (line.charCodeAt(q) !== 0x22) return undefined;
        const valueEnd = stringEnd(line, q);
        return valueEnd !== -1 && JSON.parse(line.slice(q, valueEnd)) === id ? [q, valueEnd] : undefined;
      }
      p = end - 1;
    }
  }
  return undefined;
}

/** The JSON.parse message without V8's position suffix, and the 1-based column it names. */
function jsonError(error: unknown, line: string): { message: string; column: number } {
  const text = (error as Error).message ?? String(error);
  const m = /\s*(?:in JSON )?at position (\d+)(?: \(line \d+ column \d+\))?$/.exec(text);
  if (m) return { message: text.slice(0, m.index), column: Number(m[1]) + 1 };
  return { message: text, column: line.length + 1 };
}

const onLine = (lineNo: number, s: Span): Span => ({
  line: lineNo + s.line - 1,
  column: s.column,
  endLine: lineNo + s.endLine - 1,
  endColumn: s.endColumn,
});

/**
 * Read, parse and validate one JSON Lines file. Blank lines are skipped; every other line must be
 * one JSON object (an event), and every problem names its line.
 */
export async function loadJsonLines(
  file: string,
  shown: string,
  set: IndicatorSet,
  schema: ReturnType<typeof eventSchema>,
  options: { reference?: boolean; checkId?: (site: IdSite) => Problem | undefined; keepEvents?: boolean } = {},
): Promise<JsonLinesResult> {
  const events: Event[] = [];
  let count = 0;
  const keep = (event: Event) => {
    count++;
    if (options.keepEvents !== false) events.push(event);
  };
  /** Ids are checked line by line (a million sites are not kept); a repeat is a problem of its line. */
  const checkId = (site: IdSite | undefined): Problem[] => {
    const repeat = site && options.checkId?.(site);
    return repeat ? [repeat] : [];
  };
  const problems: Problem[] = [];
  const hash = createHash('sha256');
  const kept = new Map<number, string>();
  let keepNext = false;
  let previous = '';
  let reference: typeof import('./yaml-doc.js') | undefined;
  const referenceDoc = async (lineNo: number, line: string, data: unknown): Promise<LocatedData & { problems: Problem[] }> => {
    reference ??= await import('./yaml-doc.js');
    const doc = reference.parseYamlDoc(shown, line);
    return {
      file: shown,
      data,
      problems: doc.problems.map((p) => ({ ...p, ...onLine(lineNo, p) })),
      locate: (path: readonly PathKey[], part?: 'key' | 'value') => onLine(lineNo, doc.locate(path, part)),
    };
  };

  const record = (lineNo: number, line: string, lineProblems: readonly Problem[]) => {
    if (keepNext) kept.set(lineNo, line);
    keepNext = false;
    if (lineProblems.length === 0) return;
    problems.push(...lineProblems);
    if (lineNo > 1) kept.set(lineNo - 1, previous);
    kept.set(lineNo, line);
    keepNext = true;
  };

  /** A line with a problem, or one the fast scan cannot place: the reference parser decides. */
  const slowLine = async (lineNo: number, line: string, value: unknown, repeated: boolean): Promise<void> => {
    const doc = await referenceDoc(lineNo, line, value);
    if (repeated) {
      const repeats = doc.problems.filter((p) => p.code === 'duplicate-key');
      record(lineNo, line, repeats.length ? repeats : [problem(shown, doc.locate([]), 'duplicate-key', 'a key appears twice in this event')]);
      return;
    }
    const result = validateEventAt(value, doc, [], set, schema);
    if (result.event) keep(result.event);
    record(lineNo, line, [...result.problems, ...checkId(result.id)]);
  };

  // The line being checked on the fast path, and one located view of it reused for every line.
  const current = { lineNo: 0, line: '', value: undefined as unknown, fellBack: false };
  const fast: LocatedData = {
    file: shown,
    get data() {
      return current.value;
    },
    locate(path) {
      const { lineNo, line, value } = current;
      if (path.length === 0) {
        const start = line.length - line.trimStart().length + 1;
        return { line: lineNo, column: start, endLine: lineNo, endColumn: start };
      }
      if (path.length === 1 && path[0] === 'id' && isPlainObject(value) && typeof value.id === 'string') {
        const range = idRange(line, value.id);
        if (range) return { line: lineNo, column: range[0] + 1, endLine: lineNo, endColumn: range[1] + 1 };
      }
      current.fellBack = true;
      return { line: 0, column: 0, endLine: 0, endColumn: 0 };
    },
  };

  /** One line; returns a promise only when the line needs the reference parser. */
  const processLine = (lineNo: number, line: string): Promise<void> | undefined => {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      const { message, column } = jsonError(error, line);
      record(lineNo, line, [problem(shown, { line: lineNo, column, endLine: lineNo, endColumn: column }, 'yaml-syntax', `not valid JSON: ${message}`)]);
      return undefined;
    }
    if (hasRepeatedKey(line, value)) return slowLine(lineNo, line, value, true);
    if (options.reference) return slowLine(lineNo, line, value, false);
    current.lineNo = lineNo;
    current.line = line;
    current.value = value;
    current.fellBack = false;
    const result = validateEventAt(value, fast, [], set, schema);
    if (result.problems.length || current.fellBack) return slowLine(lineNo, line, value, false);
    keep(result.event!);
    const repeat = options.checkId && result.id ? options.checkId(result.id) : undefined;
    if (repeat || keepNext) record(lineNo, line, repeat ? [repeat] : result.problems);
    return undefined;
  };

  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    return { events, count: 0, sha256: '', problems: [problem(shown, undefined, 'read-error', `cannot read ${shown}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`)] };
  }
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const buffer = Buffer.allocUnsafe(CHUNK);
  let rest = '';
  let ascii = true;
  let lineNo = 0;
  let lines = 0;
  try {
    for (let first = true; ; first = false) {
      const n = readSync(fd, buffer, 0, CHUNK, null);
      hash.update(buffer.subarray(0, n));
      let text: string;
      try {
        // ASCII (most event data) decodes ~5x faster as latin1; once a chunk is not ASCII the
        // strict decoder takes over for the rest of the file, since it may hold a split character.
        const bytes = buffer.subarray(0, n);
        if (ascii && isAscii(bytes)) text = rest + bytes.toString('latin1');
        else {
          ascii = false;
          text = rest + decoder.decode(bytes, { stream: n > 0 });
        }
      } catch {
        return { events: [], count: 0, sha256: '', problems: [problem(shown, undefined, 'read-error', `${shown} is not UTF-8 text`)] };
      }
      if (first && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      let start = 0;
      for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
        lineNo++;
        const line = text.charCodeAt(nl - 1) === 0x0d ? text.slice(start, nl - 1) : text.slice(start, nl);
        if (line.trim() !== '') {
          lines++;
          const pending = processLine(lineNo, line);
          if (pending) await pending;
        } else if (keepNext) {
          kept.set(lineNo, line);
          keepNext = false;
        }
        previous = line;
        start = nl + 1;
      }
      rest = text.slice(start);
      if (n === 0) break;
    }
    if (rest.trim() !== '') {
      lines++;
      const line = rest.endsWith('\r') ? rest.slice(0, -1) : rest;
      const pending = processLine(++lineNo, line);
      if (pending) await pending;
    }
  } finally {
    closeSync(fd);
  }
  if (lines === 0) {
    problems.push(problem(shown, { line: 1, column: 1, endLine: 1, endColumn: 1 }, 'empty-events', 'the file holds no events', { severity: 'warning' }));
  }
  const result: JsonLinesResult = { events, count, problems, sha256: hash.digest('hex') };
  if (kept.size) {
    const all = new Array<string>(lineNo).fill('');
    for (const [n, text] of kept) all[n - 1] = text;
    result.source = all.join('\n');
  }
  return result;
}
