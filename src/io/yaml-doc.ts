import { Composer, isAlias, isCollection, isMap, isNode, isScalar, isSeq, LineCounter, Parser, type CST, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import { problem, type ProblemCode, type Span } from '../core/problems.js';
import type { Problem } from '../core/types.js';
import { YAML_LIMITS, type YamlLimits } from './yaml-limits.js';

export type PathKey = string | number;

/** A parsed input file: its data, the problems found parsing it, and a way to point into it. */
export interface ParsedDoc {
  file: string;
  text: string;
  data: unknown;
  problems: Problem[];
  /** Where a path's value (or, with part 'key', its key) sits; a missing path reports its nearest parent. */
  locate(path: readonly PathKey[], part?: 'key' | 'value'): Span;
}

/** Tags a plain data file may carry: the YAML 1.2 core schema, and `!` (plain text). */
const CORE_TAGS = new Set(['!', ...['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((t) => `tag:yaml.org,2002:${t}`)]);
/** Keys that name or reach an object prototype when data meets `obj[key] = ...` or a merge. */
const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Errors of the parser that have a code more useful than `yaml-syntax`. */
const PARSER_CODES: Record<string, ProblemCode> = {
  RESOURCE_EXHAUSTION: 'too-deep', // the composer ran out of stack; the depth check should come first
};
const PARSER_HINTS: Record<string, string> = {
  TAB_AS_INDENT: 'indent with spaces; YAML does not allow tabs for indentation',
};

/**
 * The offset of the first list or mapping nested deeper than `maxDepth` in the syntax tree, or -1.
 * The parser builds that tree with a stack of its own, so this runs before anything recursive
 * (composing, toJS, validation) sees a deep file, and always stops at the same place.
 */
function tooDeepAt(tokens: readonly CST.Token[], maxDepth: number): number {
  const stack: [CST.Token | null | undefined, number][] = tokens.map((t) => [t, 0]);
  while (stack.length > 0) {
    const [token, depth] = stack.pop()!;
    if (!token) continue;
    if (token.type === 'document') stack.push([token.value, depth]);
    else if (token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection') {
      if (depth + 1 > maxDepth) return token.offset;
      for (const item of token.items) stack.push([item.key, depth + 1], [item.value, depth + 1]);
    }
  }
  return -1;
}

const COMPOSE_OPTIONS = {
  prettyErrors: false,
  uniqueKeys: false,
  merge: false,
  schema: 'core',
  resolveKnownTags: false,
  logLevel: 'error',
} as const;

/**
 * Parse YAML (or JSON, which is YAML) keeping positions, and refuse what a plain data file has no
 * business holding. Always the YAML 1.2 core schema, even under a `%YAML 1.1` directive, so
 * `2024-02-30` stays a string for the date check instead of silently becoming 1 March, and
 * `yes` stays text. Refused, each at its position: syntax errors, several documents, explicit
 * tags other than the core ones (`!!js/function`, `!!binary`, `!!timestamp`, `!custom`),
 * duplicate keys (checked in linear time; the parser's own check is quadratic), keys that are
 * lists or mappings, `__proto__`/`constructor`/`prototype` keys, aliases with no anchor or in a
 * cycle, aliases that expand past `maxAliasValues` (the "billion laughs"), and nesting deeper
 * than `maxDepth`. Data is built only when nothing was refused.
 */
export function parseYamlDoc(file: string, text: string, limits: YamlLimits = YAML_LIMITS, options: { firstLine?: number } = {}): ParsedDoc {
  const lineCounter = new LineCounter();
  const tokens = Array.from(new Parser(lineCounter.addNewLine).parse(text));
  // A piece of a larger file (one JSON Lines line) is placed, and its messages worded, at its own lines.
  const shift = (options.firstLine ?? 1) - 1;
  const spanOf = (start: number, end: number): Span => {
    const a = lineCounter.linePos(start);
    const b = lineCounter.linePos(Math.max(start, end));
    return { line: a.line + shift, column: a.col, endLine: b.line + shift, endColumn: b.col };
  };
  const problems: Problem[] = [];
  const report = (code: ProblemCode, range: readonly number[] | null | undefined, message: string, hint?: string) =>
    problems.push(problem(file, spanOf(range?.[0] ?? 0, range?.[1] ?? 0), code, message, hint ? { hint } : {}));

  const documents = tokens.filter((t) => t.type === 'document');
  if (documents.length > 1) {
    report(
      'multiple-documents',
      [documents[1]!.offset, documents[1]!.offset + 3],
      `a second YAML document starts here (the file holds ${documents.length})`,
      'a file holds one mapping with an `events` list; put each document in its own file',
    );
  }
  let doc: Document.Parsed | undefined;
  let data: unknown = undefined;
  const deep = tooDeepAt(tokens, limits.maxDepth);
  if (deep !== -1) report('too-deep', [deep, deep + 1], `values are nested more than ${limits.maxDepth} levels deep`);
  else for (const composed of new Composer(COMPOSE_OPTIONS).compose(tokens, true, text.length)) doc ??= composed;

  if (doc) {
    // After the first syntax error the parser's recovery mostly reports echoes of it (a tab on
    // one line gives ten errors below): report the first of each code and count the rest.
    const counts = new Map<ProblemCode, number>();
    const firsts: [ProblemCode, (typeof doc.errors)[number]][] = [];
    for (const e of doc.errors) {
      const code = PARSER_CODES[e.code] ?? 'yaml-syntax';
      if (!counts.has(code)) firsts.push([code, e]);
      counts.set(code, (counts.get(code) ?? 0) + 1);
    }
    for (const [code, e] of firsts) {
      const rest = counts.get(code)! - 1;
      const more = rest > 0 ? ` (and ${rest} more error${rest > 1 ? 's' : ''} after it, likely caused by this one)` : '';
      const message = code === 'too-deep' ? 'values are nested too deeply to read' : e.message.split('\n')[0]!;
      report(code, e.pos, `${message}${more}`, PARSER_HINTS[e.code]);
    }
    for (const w of doc.warnings) {
      if (w.code === 'TAG_RESOLVE_FAILED') {
        const tag = text.slice(w.pos[0], w.pos[1]) || w.message.replace(/^Unresolved tag: /, '');
        report('unsupported-tag', w.pos, `the tag ${tag} is not allowed: coopscore reads only plain text, numbers, lists and mappings`, 'remove the tag');
      }
    }
    // Data is built only from a file with no problems: what was refused must not reach validation.
    const contents = doc.contents as Node | null;
    const empty = contents === null || (isScalar(contents) && contents.value === null && contents.range?.[0] === contents.range?.[1]);
    if (problems.length === 0 && empty) {
      report('empty-file', [0, 0], text.trim() === '' ? 'the file is empty' : 'the file holds no data, only comments or document markers');
    } else if (problems.length === 0 && inspect(doc, limits, report, spanOf)) {
      try {
        // The inspection bounded what aliases add; the parser's own cap stays as a second guard,
        // set looser than ours (it counts differently) so it only fires if ours were wrong.
        data = doc.toJS({ maxAliasCount: 2 * limits.maxAliasValues });
      } catch (error) {
        const bomb = /alias/i.test((error as Error).message);
        report(bomb ? 'too-many-aliases' : 'yaml-syntax', [0, 0], (error as Error).message);
      }
    }
  }
  problems.sort((a, b) => a.line - b.line || a.column - b.column);

  // Pairs of each mapping by key, built the first time a mapping is searched: a file with 100,000
  // unknown keys in one mapping asks where each is, and a linear search per question was quadratic.
  const pairIndex = new Map<unknown, Map<string, Pair>>();
  const pairOf = (map: YAMLMap, key: PathKey): Pair | undefined => {
    let index = pairIndex.get(map);
    if (!index) {
      index = new Map();
      for (const pair of map.items as Pair[]) {
        const name = isScalar(pair.key) ? keyName(pair.key.value) : undefined;
        if (name !== undefined && !index.has(name)) index.set(name, pair);
      }
      pairIndex.set(map, index);
    }
    return index.get(String(key));
  };
  const nodeAt = (path: readonly PathKey[]): unknown => {
    let node: unknown = doc?.contents;
    for (const key of path) {
      if (isMap(node)) node = pairOf(node, key)?.value;
      else if (isSeq(node) && typeof key === 'number') node = node.items[key];
      else return undefined;
    }
    return node;
  };
  const locate = (path: readonly PathKey[], part: 'key' | 'value' = 'value'): Span => {
    if (!doc) return spanOf(0, 0);
    for (let depth = path.length; depth >= 0; depth--) {
      const sub = path.slice(0, depth);
      if (part === 'key' && depth === path.length && depth > 0) {
        const parent = nodeAt(sub.slice(0, -1));
        if (isMap(parent)) {
          const range = (pairOf(parent, sub.at(-1)!)?.key as Node | undefined)?.range;
          if (range) return spanOf(range[0], range[1]);
        }
        continue;
      }
      const node = nodeAt(sub) as Node | null | undefined;
      if (node && typeof node === 'object' && 'range' in node && node.range) {
        const [start, valueEnd] = node.range;
        return isMap(node) || !isScalar(node) ? spanOf(start, start) : spanOf(start, valueEnd);
      }
    }
    return spanOf(0, 0);
  };
  return { file, text, data, problems, locate };
}

/** The key a scalar becomes in a plain object, as the parser's toJS writes it. */
const keyName = (value: unknown) => (value === null || value === undefined ? '' : String(value));

interface Frame {
  node: Node;
  children: unknown[];
  next: number;
  /** Values in this node so far, counting what aliases inside it expand to. */
  size: number;
}

/**
 * One pass over the composed document in document order, with an explicit stack. Checks keys
 * (reserved, duplicate, complex), tags and aliases; an alias problem ends the pass, since what
 * lies behind it is what must not be built. True when the data may be built.
 */
function inspect(
  doc: Document,
  limits: YamlLimits,
  report: (code: ProblemCode, range: readonly number[] | null | undefined, message: string, hint?: string) => void,
  spanOf: (start: number, end: number) => Span,
): boolean {
  let clean = true;
  const refuse: typeof report = (...args) => {
    clean = false;
    report(...args);
  };
  const anchors = new Map<string, Node>(); // the latest node with each anchor, as an alias resolves
  const open = new Set<Node>(); // anchored collections still being read: an alias to one is a cycle
  const sizes = new Map<Node, number>(); // finished anchored nodes and the values they stand for
  let aliasValues = 0;
  let strayTag: Node | undefined;
  const stack: Frame[] = [];

  /** Visit one node: its size when it is a leaf, undefined when it was pushed, null to stop. */
  const enter = (node: unknown): number | undefined | null => {
    if (!isNode(node)) return 0;
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      if (target === undefined) {
        refuse('invalid-alias', node.range, `the alias *${node.source} names no anchor &${node.source} before it`);
        return null;
      }
      if (open.has(target)) {
        refuse('invalid-alias', node.range, `the alias *${node.source} points into its own anchor &${node.source}: a cycle`);
        return null;
      }
      const size = sizes.get(target) ?? 1;
      aliasValues += size;
      if (aliasValues > limits.maxAliasValues) {
        refuse(
          'too-many-aliases',
          node.range,
          `aliases expand to more than ${limits.maxAliasValues} values (this one, *${node.source}, adds ${size}): an alias bomb, or too much reuse`,
          'write the values out, or reuse less through aliases',
        );
        return null;
      }
      return size;
    }
    if (node.tag && !CORE_TAGS.has(node.tag)) strayTag ??= node;
    if (node.anchor) anchors.set(node.anchor, node);
    if (!isCollection(node)) {
      if (node.anchor) sizes.set(node, 1);
      return 1;
    }
    if (node.anchor) open.add(node);
    const children: unknown[] = [];
    if (isMap(node)) {
      const seen = new Map<string, Node>();
      for (const pair of node.items) {
        const key = pair.key as Node | null;
        if (isScalar(key)) {
          const name = keyName(key.value);
          if (RESERVED_KEYS.has(name)) {
            refuse('reserved-key', key.range, `the key "${name}" is not allowed: it could reach an object prototype`, 'rename or remove the key');
          }
          const first = seen.get(name);
          if (first) {
            const at = spanOf(first.range?.[0] ?? 0, first.range?.[0] ?? 0);
            refuse('duplicate-key', key.range, `duplicate key "${name}": already at line ${at.line}, column ${at.column}; the second would silently replace the first`);
          } else seen.set(name, key);
        } else if (key !== null) {
          refuse('complex-key', key.range, `a mapping key must be plain text, not ${isAlias(key) ? 'an alias' : 'a list or mapping'}`);
        }
        children.push(pair.key, pair.value);
      }
    } else for (const item of node.items) children.push(item);
    stack.push({ node, children, next: 0, size: 1 });
    return undefined;
  };

  if (enter(doc.contents) === null) return false;
  while (stack.length > 0) {
    const top = stack.at(-1)!;
    if (top.next < top.children.length) {
      const size = enter(top.children[top.next++]);
      if (size === null) return false;
      if (size !== undefined) top.size += size;
      continue;
    }
    stack.pop();
    if (top.node.anchor) {
      open.delete(top.node);
      sizes.set(top.node, top.size);
    }
    if (stack.length > 0) stack.at(-1)!.size += top.size;
  }
  if (strayTag) refuse('unsupported-tag', strayTag.range, `the tag ${strayTag.tag} is not allowed`);
  return clean;
}
