import { load, Schema, Type, type State } from 'js-yaml';
import type { Span } from '../core/problems.js';
import type { Problem } from '../core/types.js';
import type { LocatedData } from '../core/validate.js';
import type { ParsedDoc, PathKey } from './yaml-doc.js';
import { PLAIN_SCALARS, scanPlainYaml, WATCHED, type MapPosition } from './fast-scan.js';

/**
 * The fast path for YAML (and JSON) input. The `yaml` package (src/io/yaml-doc.ts) is the
 * reference: it keeps every node's position, so errors point at `file:line:col`, but it parses
 * about a tenth as fast as js-yaml 4, and its import alone is a noticeable part of start-up.
 *
 * Clean files are the common case, and a clean file needs only two kinds of position: where each
 * event starts (the evidence line in a report) and where each id sits (to name both places of a
 * duplicate id). So the fast path loads with js-yaml, picks those positions up from its parse
 * listener, and validates; most event files are plain enough for a line scanner (fast-scan.ts)
 * that gives exactly what js-yaml and the listener give, at two to four times the speed, and
 * js-yaml reads the rest. It vouches only for plain YAML that it reads exactly as the reference
 * does, and hands the whole file to the reference parser when
 * - js-yaml rejects the text, or the text holds directives, anchors, aliases, tags, a `__proto__`
 *   key, a repeated key, or a key that is not a plain string;
 * - validation reports any problem, or asks where something is that the fast path did not record.
 * Problems are therefore always worded and placed by the reference path, and
 * test/fast-path.test.ts checks that both paths give the same data, reports and problems.
 */

// Plain scalars resolve as in the `yaml` package's YAML 1.2 core schema (PLAIN_SCALARS), so
// `2024-02-30` stays a string and `0o17` is 15 on both paths. A tagged node (`!!int 3`) is
// refused: resolve() is called with the tag only for explicit tags.
const SCHEMA = new Schema({
  implicit: PLAIN_SCALARS.map(
    ({ tag, test, construct }) =>
      new Type(tag, { kind: 'scalar', resolve: (s: unknown, explicit?: unknown) => explicit === undefined && typeof s === 'string' && test.test(s), construct }),
  ),
  explicit: [],
});

/** What js-yaml's listener sees; `tag` and `anchor` exist at run time but not in @types/js-yaml. */
type ListenerState = State & { tag: string | null; anchor: string | null };

/** Thrown from the listener when the fast path cannot vouch for the file. */
const BAIL = new Error('the fast path cannot vouch for this file');

/** Skip spaces, line breaks and comments: js-yaml opens a node before the separation before it. */
function skipSeparation(text: string, at: number): number {
  for (;;) {
    const c = text.charCodeAt(at);
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) at++;
    else if (c === 0x23) {
      const eol = text.indexOf('\n', at);
      if (eol === -1) return text.length;
      at = eol + 1;
    } else return at;
  }
}

/**
 * Load with js-yaml and record, for every mapping, where it starts and where its `id` value sits.
 * js-yaml calls the listener when it starts and ends each node; a node's children alternate key
 * and value. A flow mapping is reported twice (a wrapper with the same result around it), and a
 * mapping whose `id` key has no value node breaks the alternation: neither matters, because a
 * recorded id span is used only after checking that the text there spells the id.
 */
export function loadWithPositions(text: string): { data: unknown; maps: Map<object, MapPosition> } | undefined {
  const opens: number[] = [];
  const children: number[] = [];
  const lastKey: unknown[] = [];
  const lastResult: unknown[] = [];
  const nonTextKey: boolean[] = [];
  const idStart: number[] = [];
  const idEnd: number[] = [];
  const watched: (MapPosition['values'] | undefined)[] = [];
  const maps = new Map<object, MapPosition>();
  let top = -1;
  const listener = (event: 'open' | 'close', state: State) => {
    if (event === 'open') {
      top++;
      opens[top] = state.position;
      children[top] = 0;
      lastKey[top] = undefined;
      lastResult[top] = undefined;
      nonTextKey[top] = false;
      idStart[top] = -1;
      watched[top] = undefined;
      return;
    }
    const s = state as ListenerState;
    if (s.anchor !== null || (s.tag !== null && s.tag !== '?' && !s.tag.startsWith('tag:yaml.org,2002:'))) throw BAIL;
    const frame = top--;
    const result = s.result as unknown;
    // `[a, b]#c` or `"a"#c`: js-yaml reads a comment, the reference refuses a comment not
    // separated by white space.
    if (text.charCodeAt(state.position) === 0x23 && !/\s/.test(text[state.position - 1] ?? ' ')) throw BAIL;
    // js-yaml forgives scalars and flow collections that wrap onto under-indented lines, which the
    // reference rejects; only block scalars (| and >) may span lines on the fast path.
    const open = opens[frame]!;
    const wrap = text.indexOf('\n', open);
    if (wrap !== -1 && wrap < state.position) {
      const start = skipSeparation(text, open);
      const c = text.charCodeAt(start);
      const isBlockScalar = s.kind === 'scalar' && (c === 0x7c || c === 0x3e);
      const isFlow = c === 0x5b || c === 0x7b || s.kind === 'scalar';
      if (isFlow && !isBlockScalar) {
        const inner = text.indexOf('\n', start);
        if (inner !== -1 && inner < state.position) throw BAIL;
      }
    }
    if (s.kind === 'mapping') {
      const wrapper = children[frame] === 1 && lastResult[frame] === result;
      if (!wrapper) {
        if (nonTextKey[frame]) throw BAIL;
        // Only a mapping with an id can be a valid event; others need no position (and cost memory).
        if ((idStart[frame]! >= 0 || watched[frame]) && !maps.has(result as object)) {
          const at: MapPosition = { start: opens[frame]!, end: state.position, idStart: idStart[frame]!, idEnd: idEnd[frame]! };
          if (watched[frame]) at.values = watched[frame];
          maps.set(result as object, at);
        }
      }
    }
    if (top < 0) return;
    const index = children[top]!++;
    lastResult[top] = result;
    if (index % 2 === 0) {
      lastKey[top] = result;
      if (typeof result !== 'string' || s.kind !== 'scalar') nonTextKey[top] = true;
    } else if (lastKey[top] === 'id') {
      idStart[top] = skipSeparation(text, opens[frame]!);
      idEnd[top] = state.position;
    } else if (WATCHED.has(lastKey[top] as string)) {
      const start = skipSeparation(text, opens[frame]!);
      const c = text.charCodeAt(start);
      // A block scalar's range starts at its indicator and ends past its text: leave it to exactDoc.
      if (!(s.kind === 'scalar' && (c === 0x7c || c === 0x3e))) {
        let end = state.position;
        while (end > start && (text.charCodeAt(end - 1) === 0x20 || text.charCodeAt(end - 1) === 0x09)) end--;
        (watched[top] ??= {})[lastKey[top] as string] = { start, end, collection: s.kind !== 'scalar' };
      }
    }
  };
  try {
    return { data: load(text, { schema: SCHEMA, listener }), maps };
  } catch {
    return undefined; // a YAML error, a bail, or nesting too deep for the stack: the reference decides
  }
}

/**
 * Turns offsets into 1-based line and column as the reference's LineCounter does. Offsets come
 * nearly in order (an event's id, then its start a line or two before), so the cursor walks from
 * the last answer, backwards when it must, instead of counting from the top each time.
 */
function lineCursor(text: string) {
  let line = 1;
  let lineStart = 0;
  let next = text.indexOf('\n');
  return (offset: number): { line: number; column: number } => {
    while (offset < lineStart) {
      line--;
      next = lineStart - 1;
      lineStart = text.lastIndexOf('\n', lineStart - 2) + 1;
    }
    while (next !== -1 && next < offset) {
      line++;
      lineStart = next + 1;
      next = text.indexOf('\n', lineStart);
    }
    return { line, column: offset - lineStart + 1 };
  };
}

/** A parsed document from the fast path. `fellBack` is set when validation asked for a position it lacks. */
export interface FastDoc extends ParsedDoc {
  fellBack: boolean;
  /** [start, end) of events[index]'s text, when the fast path recorded it. */
  eventRange(index: number): [number, number] | undefined;
  /** The 1-based line of an offset. */
  lineAt(offset: number): number;
}

/** Any mention of a reserved key name: a cheap, conservative test (a summary saying "prototype" only costs speed). */
const RESERVED_WORD = /__proto__|constructor|prototype/;

/**
 * Parse on the fast path, or return undefined when the text needs the reference parser.
 * The result's `locate` answers exactly for an event and its id; any other question marks the
 * document `fellBack`, and the caller must then use the reference path.
 */
export function fastParseDoc(file: string, text: string, plain = false): FastDoc | undefined {
  // A lone CR is a line break to YAML but not to the line counting below; directives can switch
  // the reference to YAML 1.1; reserved keys (`__proto__`, `constructor`, `prototype`) are the
  // reference's to refuse, and a record such as a set's `kinds` would otherwise accept them; a tab
  // among a line's leading spaces is indentation js-yaml sometimes forgives and the reference does not.
  if (
    (text.includes('\r') && /\r(?!\n)/.test(text)) ||
    (text.includes('%') && /^%/m.test(text)) ||
    RESERVED_WORD.test(text) ||
    (text.includes('\t') && /^ *\t/m.test(text))
  ) {
    return undefined;
  }
  // Most event files are plain enough for the line scanner; js-yaml reads the rest.
  const loaded = scanPlainYaml(text, plain) ?? loadWithPositions(text);
  if (!loaded) return undefined;
  const { data, maps } = loaded;
  const events = typeof data === 'object' && data !== null && Array.isArray((data as { events?: unknown }).events)
    ? ((data as { events: unknown[] }).events)
    : [];
  const cursor = lineCursor(text);
  const spanOf = (start: number, end: number): Span => {
    const a = cursor(start);
    const b = end > start ? cursor(end) : a;
    return { line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
  };
  const valuesOf = (x: unknown) => (typeof x === 'object' && x !== null ? maps.get(x)?.values : undefined);
  /** The id span, when the text there spells the id (plain, or quoted without escapes). */
  const idSpan = (event: unknown): Span | undefined => {
    const at = maps.get(event as object);
    const id = (event as { id?: unknown }).id;
    if (!at || at.idStart < 0 || typeof id !== 'string') return undefined;
    // In flow context js-yaml ends a plain scalar after the spaces that follow it.
    const raw = text.slice(at.idStart, at.idEnd).replace(/[ \t]+$/, '');
    const q = raw[0];
    const spelled = raw === id || ((q === '"' || q === "'") && raw.length === id.length + 2 && raw.endsWith(q) && raw.slice(1, -1) === id);
    return spelled ? spanOf(at.idStart, at.idStart + raw.length) : undefined;
  };
  const doc: FastDoc = {
    file,
    text,
    data,
    problems: [],
    fellBack: false,
    lineAt: (offset) => cursor(offset).line,
    eventRange(index) {
      const event = events[index];
      const at = typeof event === 'object' && event !== null ? maps.get(event) : undefined;
      return at ? [at.start, at.end] : undefined;
    },
    locate(path: readonly PathKey[], part: 'key' | 'value' = 'value'): Span {
      if (part === 'value' && path[0] === 'events' && typeof path[1] === 'number') {
        const event = events[path[1]];
        const at = typeof event === 'object' && event !== null ? maps.get(event) : undefined;
        if (path.length === 2 && at) return spanOf(at.start, at.start);
        if (path.length === 3 && path[2] === 'id') {
          const span = idSpan(event);
          if (span) return span;
        }
        const value =
          path.length === 3 && typeof path[2] === 'string'
            ? at?.values?.[path[2]]
            : path.length === 4 && path[2] === 'source' && typeof path[3] === 'string'
              ? valuesOf((event as { source?: unknown } | undefined)?.source)?.[path[3]]
              : undefined;
        if (value) return value.collection ? spanOf(value.start, value.start) : spanOf(value.start, value.end);
      }
      doc.fellBack = true;
      return { line: 0, column: 0, endLine: 0, endColumn: 0 };
    },
  };
  return doc;
}

/**
 * A view of a fast document that places every path exactly as the reference does: an event or its
 * id from the recorded positions; anything else inside events[i] from that event's text alone,
 * parsed by the reference parser (a few hundred bytes, with the `- ` before it blanked so every
 * character keeps its line and column); anything else from the whole file, parsed once if needed.
 */
function exactDoc(fast: FastDoc, parseYamlDoc: (file: string, text: string) => ParsedDoc): LocatedData {
  const { file, text } = fast;
  const fragments = new Map<number, { doc: ParsedDoc; firstLine: number }>();
  let whole: ParsedDoc | undefined;
  const fragment = (index: number) => {
    let f = fragments.get(index);
    if (f) return f;
    const range = fast.eventRange(index);
    if (!range) return undefined;
    const lineStart = text.lastIndexOf('\n', range[0] - 1) + 1;
    const source = ' '.repeat(range[0] - lineStart) + text.slice(range[0], range[1]);
    f = { doc: parseYamlDoc(file, source), firstLine: fast.lineAt(lineStart) };
    fragments.set(index, f);
    return f;
  };
  return {
    file,
    data: fast.data,
    locate(path: readonly PathKey[], part: 'key' | 'value' = 'value'): Span {
      if (path.length <= 4 && part === 'value') {
        const span = fast.locate(path, part);
        if (span.line > 0) return span;
      }
      const f = path[0] === 'events' && typeof path[1] === 'number' ? fragment(path[1]) : undefined;
      if (f && f.doc.problems.length === 0) {
        const s = f.doc.locate(path.slice(2), part);
        return { line: s.line + f.firstLine - 1, column: s.column, endLine: s.endLine + f.firstLine - 1, endColumn: s.endColumn };
      }
      whole ??= parseYamlDoc(file, text);
      return whole.locate(path, part);
    },
  };
}

/**
 * Parse one file and check it with `check` (validation), on the fast path when it can vouch for
 * the result and on the reference path otherwise. Returns the parse problems (the file could not be
 * read as YAML at all) or the check's result.
 */
export async function parseAndCheck<T extends { problems: Problem[] }>(
  file: string,
  text: string,
  check: (doc: LocatedData) => T,
  options: { reference?: boolean; plain?: boolean } = {},
): Promise<{ problems: Problem[]; result?: T }> {
  if (!options.reference) {
    const fast = fastParseDoc(file, text, options.plain === true);
    if (fast) {
      const result = check(fast);
      const errors = result.problems.some((p) => p.severity === 'error');
      // Warnings only, each placed from recorded positions: exactly what the reference would say.
      if (!errors && !fast.fellBack) return { problems: [], result };
      // Warnings that asked for other positions (a source, a date): check again with every position
      // answered exactly, from the event's own text where possible, without reparsing the file.
      if (!errors) return { problems: [], result: check(exactDoc(fast, (await import('./yaml-doc.js')).parseYamlDoc)) };
    }
  }
  const { parseYamlDoc } = await import('./yaml-doc.js');
  const doc = parseYamlDoc(file, text);
  if (doc.problems.length) return { problems: doc.problems };
  return { problems: [], result: check(doc) };
}
