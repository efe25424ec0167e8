import { isMap, isScalar, LineCounter, parseDocument, type Node } from 'yaml';
import { problem, type Span } from '../core/problems.js';
import type { Problem } from '../core/types.js';

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

const MAX_ALIASES = 100;

/**
 * Parse YAML (or JSON, which is YAML) keeping positions. YAML 1.2 core schema, so `2024-02-30`
 * stays a string for the date check instead of silently becoming 1 March.
 */
export function parseYamlDoc(file: string, text: string): ParsedDoc {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter,
    prettyErrors: false,
    uniqueKeys: true,
    merge: false,
    logLevel: 'error',
  });
  const spanOf = (start: number, end: number): Span => {
    const a = lineCounter.linePos(start);
    const b = lineCounter.linePos(Math.max(start, end));
    return { line: a.line, column: a.col, endLine: b.line, endColumn: b.col };
  };
  const problems: Problem[] = doc.errors.map((e) =>
    problem(
      file,
      spanOf(e.pos[0], e.pos[1]),
      e.code === 'DUPLICATE_KEY' ? 'duplicate-key' : 'yaml-syntax',
      e.message.split('\n')[0]!,
    ),
  );
  let data: unknown = undefined;
  if (problems.length === 0) {
    try {
      data = doc.toJS({ maxAliasCount: MAX_ALIASES });
    } catch (error) {
      problems.push(problem(file, spanOf(0, 0), 'yaml-syntax', (error as Error).message));
    }
  }

  const locate = (path: readonly PathKey[], part: 'key' | 'value' = 'value'): Span => {
    for (let depth = path.length; depth >= 0; depth--) {
      const sub = path.slice(0, depth);
      if (part === 'key' && depth === path.length && depth > 0) {
        const parent = sub.length > 1 ? doc.getIn(sub.slice(0, -1), true) : doc.contents;
        if (isMap(parent)) {
          const pair = parent.items.find((p) => isScalar(p.key) && String(p.key.value) === String(sub.at(-1)));
          const range = (pair?.key as Node | undefined)?.range;
          if (range) return spanOf(range[0], range[1]);
        }
        continue;
      }
      const node = (depth === 0 ? doc.contents : doc.getIn(sub, true)) as Node | null | undefined;
      if (node && typeof node === 'object' && 'range' in node && node.range) {
        const [start, valueEnd] = node.range;
        return isMap(node) || !isScalar(node) ? spanOf(start, start) : spanOf(start, valueEnd);
      }
    }
    return spanOf(0, 0);
  };
  return { file, text, data, problems, locate };
}
