import { problem, type Span } from '../core/problems.js';
import type { Event, IndicatorSet, Problem } from '../core/types.js';
import { validateEventAt, type EventParser, type IdSite, type LocatedData } from '../core/validate.js';
import { clockOf, rawEventWarnings } from '../core/warnings.js';
import { readInputText, STDIN, type ReadOptions } from './inputs.js';
import { eventsInFile, lineDoc, TextInFile } from './text-in-file.js';
import { YAML_LIMITS } from './yaml-limits.js';

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
  /** The file's SHA-256 ('' when read without its digest: ReadOptions.digest); absent when it could not be read. */
  sha256?: string;
  /**
   * Lines with problems and their neighbours, blank elsewhere: enough for code frames. Kept only
   * with `keepLines` (stdin, which cannot be read twice); a file is read again for the lines shown
   * (frame-lines.ts), so a million-line file with a warning on every line keeps none of its text.
   */
  source?: string;
  /** With `wordsInFile`: where the events' words are read back from (close it when done). */
  text?: TextInFile;
}

const isPlainObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * How many keys the parsed value holds, nested objects included, and how deeply it nests: one
 * walk with an explicit stack, so a line nested thousands deep cannot overflow the call stack.
 */
function measure(value: unknown): { keys: number; depth: number } {
  let keys = 0;
  let depth = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [node, level] = stack.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    if (level > depth) depth = level;
    if (Array.isArray(node)) {
      for (const item of node) if (typeof item === 'object' && item !== null) stack.push([item, level + 1]);
      continue;
    }
    for (const key in node) {
      keys++;
      const v = (node as Record<string, unknown>)[key];
      if (typeof v === 'object' && v !== null) stack.push([v, level + 1]);
    }
  }
  return { keys, depth };
}

const isJsonSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a;

const STRING_TOKEN = /"(?:[^"\\]|\\.)*"(\s*:)?/g;

/**
 * JSON.parse keeps the last of two equal keys without a word; the format calls a repeat an error.
 * A key is a string token followed by a colon, so the text has more keys than the parsed value
 * exactly when a key repeats. Without escaped quotes, quotes alternate between opening and closing
 * a string, so one pass over them counts the keys: closing quotes with a colon next (after any
 * white space). A line with a backslash before a quote is counted with a tokenizer.
 */
export function hasRepeatedKey(line: string, parsed: number): boolean {
  let written = 0;
  let closing = false;
  for (let at = line.indexOf('"'); at !== -1; at = line.indexOf('"', at + 1)) {
    if (line.charCodeAt(at - 1) === 0x5c) return tokenKeys(line) !== parsed;
    if (closing) {
      let next = at + 1;
      while (isJsonSpace(line.charCodeAt(next))) next++;
      if (line.charCodeAt(next) === 0x3a) written++;
    }
    closing = !closing;
  }
  return written !== parsed;
}

/** How many keys a line writes: string tokens followed by a colon. */
function tokenKeys(line: string): number {
  let written = 0;
  STRING_TOKEN.lastIndex = 0;
  for (let m = STRING_TOKEN.exec(line); m; m = STRING_TOKEN.exec(line)) if (m[1] !== undefined) written++;
  return written;
}

/**
 * End of the JSON string token that starts at `at` (just past its closing quote), or -1: the first
 * quote after it with an even run of backslashes before it (each pair is one escaped backslash).
 */
export function stringEnd(line: string, at: number): number {
  for (let p = line.indexOf('"', at + 1); p !== -1; p = line.indexOf('"', p + 1)) {
    let before = p - 1;
    while (line.charCodeAt(before) === 0x5c) before--;
    if ((p - 1 - before) % 2 === 0) return p + 1;
  }
  return -1;
}

/** Past the JSON value that starts at `at` (white space before it skipped), or -1 when the text is not one. */
function valueEnd(line: string, at: number): number {
  let p = at;
  while (isJsonSpace(line.charCodeAt(p))) p++;
  const c = line.charCodeAt(p);
  if (c === 0x22) return stringEnd(line, p);
  if (c !== 0x7b && c !== 0x5b) {
    // A number, true, false or null: up to the next delimiter.
    while (p < line.length && !isJsonSpace(line.charCodeAt(p)) && !',]}'.includes(line[p]!)) p++;
    return p;
  }
  let depth = 0;
  for (; p < line.length; p++) {
    const d = line.charCodeAt(p);
    if (d === 0x22) {
      p = stringEnd(line, p) - 1;
      if (p < 0) return -1;
    } else if (d === 0x7b || d === 0x5b) depth++;
    else if ((d === 0x7d || d === 0x5d) && --depth === 0) return p + 1;
  }
  return -1;
}

const skipSpace = (line: string, at: number) => {
  while (isJsonSpace(line.charCodeAt(at))) at++;
  return at;
};

/** Past the value at `at` and the comma after it, at the next member of its list or mapping; -1 when none follows. */
function nextMember(line: string, at: number): number {
  const end = valueEnd(line, at);
  if (end === -1) return -1;
  const comma = skipSpace(line, end);
  return line.charCodeAt(comma) === 0x2c ? skipSpace(line, comma + 1) : -1;
}

interface JsonNode {
  start: number;
  end: number;
  container: boolean;
  /** The key's string token, for a value found in an object. */
  key?: [number, number];
}

/**
 * Whether the key token at [start, end) of `line` spells `name`. A key without a backslash is its
 * own text between the quotes, compared in place (parsing each key tried was most of placing a
 * warning); an escaped one is decoded first.
 */
function keyIs(line: string, start: number, end: number, name: string): boolean {
  const escaped = line.indexOf('\\', start + 1);
  if (escaped !== -1 && escaped < end) return JSON.parse(line.slice(start, end)) === name;
  return end - start - 2 === name.length && line.startsWith(name, start + 1);
}

/** The node at `path` in a JSON line that parsed (no repeated keys), as the reference parser ranges it; undefined when absent. */
function jsonNodeAt(line: string, path: readonly (string | number)[]): JsonNode | undefined {
  let start = skipSpace(line, 0);
  let key: [number, number] | undefined;
  for (const step of path) {
    const open = line.charCodeAt(start);
    let p = skipSpace(line, start + 1);
    let found = -1;
    if (open === 0x7b) {
      while (line.charCodeAt(p) === 0x22) {
        const keyEnd = stringEnd(line, p);
        if (keyEnd === -1) return undefined;
        const colon = skipSpace(line, keyEnd);
        if (line.charCodeAt(colon) !== 0x3a) return undefined;
        const value = skipSpace(line, colon + 1);
        if (keyIs(line, p, keyEnd, String(step))) {
          [found, key] = [value, [p, keyEnd]];
          break;
        }
        p = nextMember(line, value);
        if (p === -1) return undefined;
      }
    } else if (open === 0x5b && typeof step === 'number') {
      for (let index = 0; line.charCodeAt(p) !== 0x5d && p < line.length; index++) {
        if (index === step) {
          [found, key] = [p, undefined];
          break;
        }
        p = nextMember(line, p);
        if (p === -1) return undefined;
      }
    }
    if (found === -1) return undefined;
    start = found;
  }
  const end = valueEnd(line, start);
  if (end === -1) return undefined;
  const c = line.charCodeAt(start);
  return { start, end, container: c === 0x7b || c === 0x5b, ...(key ? { key } : {}) };
}

/**
 * [start, end) of what the reference parser's `locate` gives for `path` on a JSON line: a key's
 * token for `part` "key", a scalar's token, a list or mapping's first character; a path that is
 * not there falls back to its nearest parent, as the reference does.
 */
export function jsonLocate(line: string, path: readonly (string | number)[], part: 'key' | 'value' = 'value'): [number, number] | undefined {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = jsonNodeAt(line, path.slice(0, depth));
    if (part === 'key' && depth === path.length && depth > 0) {
      if (node?.key) return node.key;
      continue;
    }
    if (node) return node.container ? [node.start, node.start] : [node.start, node.end];
  }
  return undefined;
}

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?/y;
const ESCAPE = /\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/y;

/**
 * Where a line stops being JSON (RFC 8259), as an offset, and what was found there. JSON.parse
 * throws without a position for some errors ("Unexpected token"), so a line it refuses is scanned
 * once more, with an explicit stack, to put the caret on the character at fault.
 */
export function jsonErrorAt(s: string): { at: number; found: string } {
  const stack: ('{' | '[')[] = [];
  let state: 'value' | 'first-key' | 'key' | 'colon' | 'after' = 'value';
  let i = 0;
  const found = (at: number) => ({ at, found: at >= s.length ? 'the end of the line' : JSON.stringify(s[at]) });
  for (;;) {
    while (i < s.length && isJsonSpace(s.charCodeAt(i))) i++;
    if (i >= s.length) return stack.length === 0 && state === 'after' ? { at: -1, found: '' } : found(i);
    const c = s[i]!;
    if (state === 'after') {
      const top = stack.at(-1);
      if (top === undefined) return found(i);
      if (c === ',') [i, state] = [i + 1, top === '{' ? 'key' : 'value'];
      else if ((c === '}' && top === '{') || (c === ']' && top === '[')) {
        stack.pop();
        i++;
      } else return found(i);
      continue;
    }
    if (state === 'colon') {
      if (c !== ':') return found(i);
      [i, state] = [i + 1, 'value'];
      continue;
    }
    if (state === 'first-key' && c === '}') {
      stack.pop();
      [i, state] = [i + 1, 'after'];
      continue;
    }
    if (c === '"') {
      let p = i + 1;
      for (;;) {
        if (p >= s.length) return found(p);
        const d = s.charCodeAt(p);
        if (d === 0x22) break;
        if (d < 0x20) return found(p);
        if (d === 0x5c) {
          ESCAPE.lastIndex = p;
          if (!ESCAPE.test(s)) return found(p);
          p = ESCAPE.lastIndex;
        } else p++;
      }
      i = p + 1;
      state = state === 'value' ? 'after' : 'colon';
      continue;
    }
    if (state !== 'value') return found(i);
    if (c === '{' || c === '[') {
      stack.push(c);
      i++;
      state = c === '{' ? 'first-key' : 'value';
      if (c === '[') {
        while (i < s.length && isJsonSpace(s.charCodeAt(i))) i++;
        if (s[i] === ']') [i, state] = [i, 'after'];
      }
      continue;
    }
    const word = ['true', 'false', 'null'].find((w) => s.startsWith(w, i));
    if (word) [i, state] = [i + word.length, 'after'];
    else {
      NUMBER.lastIndex = i;
      if (!NUMBER.test(s)) return found(i);
      [i, state] = [NUMBER.lastIndex, 'after'];
    }
  }
}

/** The offset of the first list or object nested deeper than `max`, skipping strings, or 0. */
function tooDeepAt(line: string, max: number): number {
  let depth = 0;
  for (let p = 0; p < line.length; p++) {
    const c = line.charCodeAt(p);
    if (c === 0x22) {
      const end = stringEnd(line, p);
      if (end === -1) break;
      p = end - 1;
    }
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return p;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return 0;
}

const NO_PROBLEMS: readonly Problem[] = Object.freeze([]);

/** The longest line read (in characters): an event is a few hundred; past this, the line is refused unread. */
export const MAX_LINE_CHARS = 1 << 20;

/**
 * Read, parse and validate one JSON Lines file (or stdin named `*.jsonl`). The bytes go through the
 * same checks as every input (size limit, UTF-8, binary, control characters: see readInputText);
 * lines are cut at {@link MAX_LINE_CHARS}. Blank lines are skipped; every other line must be one
 * JSON object (an event), and every problem names its line.
 */
export async function loadJsonLines(
  file: string,
  shown: string,
  set: IndicatorSet,
  schema: EventParser,
  options: ReadOptions & {
    cwd: string;
    readStdin: (maxBytes?: number) => Promise<Buffer>;
    reference?: boolean;
    today?: string;
    checkId?: (site: IdSite) => Problem | undefined;
    keepEvents?: boolean;
    /** Keep the text of the lines with problems for code frames (see {@link JsonLinesResult.source}). */
    keepLines?: boolean;
    /** Called with every valid event, kept or not (validate keeps what the warnings across events compare). */
    onEvent?: (event: Event) => void;
    /** Called with every problem as it is found, instead of collecting them in the result's `problems` (then empty). */
    onProblem?: (problem: Problem) => void;
    /**
     * Given a line number, a count for the warnings of that line's event (dates after today,
     * ungraded sources) when the caller will show none from there on (FirstWarnings.closedFrom):
     * they are then counted by code, not placed and worded.
     */
    omitWarnings?: (line: number) => ((code: string) => void) | undefined;
    /**
     * Keep each event's summary, notes and source title in the file, read back when asked for
     * (text-in-file.ts), instead of in memory: for a run that reads few of them (a table's).
     * Ignored for stdin, which cannot be read twice.
     */
    wordsInFile?: boolean;
  },
): Promise<JsonLinesResult> {
  const events: Event[] = [];
  let count = 0;
  const words =
    options.wordsInFile === true && file !== STDIN && options.keepEvents !== false
      ? TextInFile.before(file, shown, (line) => {
          let raw: unknown;
          try {
            raw = JSON.parse(line);
          } catch {
            return undefined;
          }
          return validateEventAt(raw, lineDoc(shown, raw), [], set, schema).event;
        })
      : undefined;
  // Where the line being read starts (in bytes, after any byte-order mark) and how long it is, for `words`.
  let bytesBefore = 0;
  let lineBytes = 0;
  const bytesOf = words ? (part: string) => Buffer.byteLength(part, 'utf8') : () => 0;
  const inFile = words && eventsInFile(words);
  const keep = (event: Event) => {
    count++;
    if (options.keepEvents !== false) events.push(inFile ? inFile(event, bytesBefore, lineBytes) : event);
    options.onEvent?.(event);
  };
  /** Ids are checked line by line (a million sites are not kept); a repeat is a problem of its line. */
  const checkId = (site: IdSite | undefined): Problem[] => {
    const repeat = site && options.checkId?.(site);
    return repeat ? [repeat] : [];
  };
  /** The warnings a YAML file's event would get (future dates, ungraded sources), placed on this line. */
  const clock = clockOf({ today: options.today });
  const warnings = (value: unknown, doc: LocatedData): Problem[] => {
    const found: Problem[] = [];
    rawEventWarnings(value, 0, doc, [], clock, found);
    return found;
  };
  const problems: Problem[] = [];
  const report = options.onProblem ?? ((p: Problem) => void problems.push(p));
  const kept = new Map<number, string>();
  let keepNext = false;
  let previous = '';
  let reference: typeof import('./yaml-doc.js') | undefined;
  const referenceDoc = async (lineNo: number, line: string, data: unknown): Promise<LocatedData & { problems: Problem[] }> => {
    reference ??= await import('./yaml-doc.js');
    const doc = reference.parseYamlDoc(shown, line, YAML_LIMITS, { firstLine: lineNo });
    return { file: shown, data, problems: doc.problems, locate: doc.locate };
  };

  const keepLines = options.keepLines === true;
  const record = (lineNo: number, line: string, lineProblems: readonly Problem[]) => {
    if (keepNext) kept.set(lineNo, line);
    keepNext = false;
    if (lineProblems.length === 0) return;
    for (const p of lineProblems) report(p);
    if (!keepLines) return;
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
    record(lineNo, line, [...result.problems, ...(result.event ? warnings(value, doc) : []), ...checkId(result.id)]);
  };

  // The line being checked on the fast path, and one located view of it reused for every line.
  const current = { lineNo: 0, line: '', value: undefined as unknown, fellBack: false };
  const fast: LocatedData = {
    file: shown,
    get data() {
      return current.value;
    },
    locate(path, part) {
      const { lineNo, line } = current;
      if (path.length === 0) {
        const start = line.length - line.trimStart().length + 1;
        return { line: lineNo, column: start, endLine: lineNo, endColumn: start };
      }
      const range = jsonLocate(line, path, part);
      if (range) return { line: lineNo, column: range[0] + 1, endLine: lineNo, endColumn: range[1] + 1 };
      current.fellBack = true;
      return { line: 0, column: 0, endLine: 0, endColumn: 0 };
    },
  };
  const at = (lineNo: number, column: number): Span => ({ line: lineNo, column, endLine: lineNo, endColumn: column + 1 });

  /** One line; returns a promise only when the line needs the reference parser. */
  const processLine = (lineNo: number, line: string): Promise<void> | undefined => {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      const { at: offset, found } = jsonErrorAt(line);
      const column = offset < 0 ? line.length + 1 : offset + 1;
      record(lineNo, line, [problem(shown, at(lineNo, column), 'yaml-syntax', `not valid JSON: unexpected ${found}`)]);
      return undefined;
    }
    const { keys, depth } = measure(value);
    if (depth > YAML_LIMITS.maxDepth) {
      record(lineNo, line, [problem(shown, at(lineNo, tooDeepAt(line, YAML_LIMITS.maxDepth) + 1), 'too-deep', `values are nested more than ${YAML_LIMITS.maxDepth} levels deep`)]);
      return undefined;
    }
    if (hasRepeatedKey(line, keys)) return slowLine(lineNo, line, value, true);
    if (options.reference) return slowLine(lineNo, line, value, false);
    current.lineNo = lineNo;
    current.line = line;
    current.value = value;
    current.fellBack = false;
    const result = validateEventAt(value, fast, [], set, schema);
    const omit = result.event && options.omitWarnings?.(lineNo);
    const lineWarnings = result.event && !omit ? warnings(value, fast) : NO_PROBLEMS;
    if (current.fellBack) return slowLine(lineNo, line, value, false);
    if (omit) rawEventWarnings(value, 0, fast, [], clock, omit);
    // Problems placed at the line or at the id only (`{}` misses every field): the fast view placed
    // them as the reference would, so 20,000 such lines need no second parse each.
    if (result.problems.length) {
      record(lineNo, line, [...result.problems, ...checkId(result.id)]);
      return undefined;
    }
    keep(result.event!);
    const repeat = options.checkId && result.id ? options.checkId(result.id) : undefined;
    if (repeat || lineWarnings.length || keepNext) record(lineNo, line, [...lineWarnings, ...(repeat ? [repeat] : [])]);
    return undefined;
  };

  let rest = '';
  let skipping = false;
  let lineNo = 0;
  let lines = 0;
  let blank = true;
  /** One line of the file; a promise only when the line needs the reference parser (a million awaits cost a second). */
  const line = (n: number, content: string): Promise<void> | undefined => {
    lineBytes = bytesOf(content);
    if (content.trim() === '') {
      if (keepNext) {
        kept.set(n, content);
        keepNext = false;
      }
    } else {
      lines++;
      const pending = processLine(n, content.endsWith('\r') ? content.slice(0, -1) : content);
      if (pending) return pending.then(() => lineDone(content));
    }
    lineDone(content);
    return undefined;
  };
  const lineDone = (content: string) => {
    previous = content;
    bytesBefore += lineBytes + 1;
  };
  const tooLong = (n: number, skipped: string) => {
    bytesBefore += bytesOf(skipped);
    lines++;
    record(n, '', [problem(shown, at(n, 1), 'line-too-long', `line ${n} is longer than ${MAX_LINE_CHARS} characters; an event takes a few hundred`)]);
    previous = '';
  };
  const read = await readInputText(file, options.cwd, options.readStdin, options, async (text) => {
    if (text.length > 0) blank = false;
    let from = 0;
    if (skipping) {
      const nl = text.indexOf('\n');
      bytesBefore += bytesOf(nl === -1 ? text : text.slice(0, nl + 1));
      if (nl === -1) return;
      [skipping, from] = [false, nl + 1];
    }
    const buffer = rest ? rest + text.slice(from) : from ? text.slice(from) : text;
    rest = '';
    let start = 0;
    for (let nl = buffer.indexOf('\n'); nl !== -1; nl = buffer.indexOf('\n', start)) {
      lineNo++;
      if (nl - start > MAX_LINE_CHARS) tooLong(lineNo, buffer.slice(start, nl + 1));
      else {
        const pending = line(lineNo, buffer.slice(start, nl));
        if (pending) await pending;
      }
      start = nl + 1;
    }
    rest = buffer.slice(start);
    if (rest.length > MAX_LINE_CHARS) {
      tooLong(++lineNo, rest);
      [rest, skipping] = ['', true];
    }
  });
  if (!read.problem && !skipping && rest !== '') await line(++lineNo, rest);
  if (read.problem) {
    report(read.problem);
    return { events: [], count: 0, problems };
  }
  if (lines === 0) {
    report(problem(shown, at(1, 1), 'empty-file', blank ? 'the file is empty' : 'the file holds only blank lines, no events'));
  }
  const result: JsonLinesResult = { events, count, problems, sha256: read.sha256!, ...(words ? { text: words } : {}) };
  if (kept.size) {
    const all = new Array<string>(lineNo).fill('');
    for (const [n, text] of kept) all[n - 1] = text;
    result.source = all.join('\n');
  }
  return result;
}
