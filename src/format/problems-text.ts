import type { Problem } from '../core/types.js';
import { terminalText } from './escape.js';
import type { LineSource } from '../core/problems.js';
import type { Paint } from './paint.js';

/**
 * A file's lines as `text.split(/\r?\n/)` gives them, found once and cut one at a time: a frame
 * shows three lines, and splitting every file made a string of each of its lines (thousands of
 * warnings across a thousand files spent more on that than on drawing the frames).
 */
export class FileLines implements LineSource {
  private readonly starts: number[] = [0];
  constructor(private readonly text: string) {
    for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) this.starts.push(at + 1);
  }

  has(n: number): boolean {
    return n >= 1 && n <= this.starts.length;
  }

  /** Line n (1-based) without its line break; '' past the end. */
  line(n: number): string {
    if (n < 1 || n > this.starts.length) return '';
    const start = this.starts[n - 1]!;
    if (n === this.starts.length) return this.text.slice(start);
    const end = this.starts[n]! - 1;
    return this.text.slice(start, end > start && this.text.charCodeAt(end - 1) === 0x0d ? end - 1 : end);
  }
}

/** Two lines of context and a caret under the span, as compilers print them. */
export function codeFrame(lines: LineSource, p: Problem, paint: Paint): string {
  if (!lines.has(p.line)) return '';
  // A blank line here is one whose text was not kept (JSON Lines read from stdin keeps only the
  // lines with load problems and their neighbours; a look-alike is found later): no frame beats an
  // empty one, and a frame of a truly blank line shows nothing either.
  if (lines.line(p.line).trim() === '') return '';
  const first = Math.max(1, p.line - 1);
  const last = lines.has(p.line + 1) ? p.line + 1 : p.line;
  const width = String(last).length;
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    const raw = lines.line(n).replace(/\t/g, ' ');
    if (raw.length > 200) continue; // a minified or binary-ish line helps nobody
    // The file's own text, with every control character written visibly (a code frame must not
    // run an escape sequence); the caret moves with the widened text.
    const content = terminalText(raw);
    const gutter = `${n === p.line ? '>' : ' '} ${String(n).padStart(width)} |`;
    out.push(`  ${n === p.line ? paint.red(gutter) : paint.dim(gutter)} ${content}`.trimEnd());
    if (n === p.line) {
      const end = p.endLine === p.line && p.endColumn > p.column ? p.endColumn : p.column + 1;
      const column = terminalText(raw.slice(0, Math.max(0, p.column - 1))).length + 1;
      const endColumn = terminalText(raw.slice(0, Math.max(0, end - 1))).length + 1;
      const carets = '^'.repeat(Math.max(1, Math.min(endColumn - column, content.length - column + 2)));
      out.push(`  ${paint.dim(`  ${' '.repeat(width)} |`)} ${' '.repeat(Math.max(0, column - 1))}${paint.red(carets)}`);
    }
  }
  return out.join('\n');
}

export function problemLine(p: Problem, paint: Paint): string {
  const severity = p.severity === 'error' ? paint.red('error') : paint.yellow('warning');
  const file = terminalText(p.file);
  const where = p.line > 0 ? `${file}:${p.line}:${p.column}` : file;
  return `${paint.bold(where)}  ${severity}  ${paint.dim(p.code)}  ${terminalText(p.message)}`;
}

/** Human-readable problems with code frames, and a closing count ('' for none). */
export function formatProblemsText(problems: readonly Problem[], sources: ReadonlyMap<string, string | LineSource>, paint: Paint): string {
  return [...problemsTextChunks(problems, sources, paint)].join('');
}

/**
 * {@link formatProblemsText}'s text in chunks of about `chunkSize` characters, as `validate` writes
 * it: a million-event file can have a warning on nearly every line, 344 MB of text that need never
 * be one string.
 */
export function* problemsTextChunks(
  problems: readonly Problem[],
  sources: ReadonlyMap<string, string | LineSource>,
  paint: Paint,
  chunkSize = 1 << 20,
): Generator<string> {
  if (problems.length === 0) return;
  // Split each file once: thousands of warnings in one large file must not split it thousands of times.
  const split = new Map<string, LineSource>();
  const linesOf = (file: string) => {
    let lines = split.get(file);
    const source = sources.get(file);
    if (lines === undefined && source !== undefined) split.set(file, (lines = typeof source === 'string' ? new FileLines(source) : source));
    return lines;
  };
  let parts: string[] = [];
  let size = 0;
  for (let i = 0; i < problems.length; i++) {
    const p = problems[i]!;
    const lines = linesOf(p.file);
    const frame = lines === undefined ? '' : codeFrame(lines, p, paint);
    const hint = p.hint ? `\n  ${paint.cyan('hint:')} ${terminalText(p.hint)}` : '';
    const block = `${i > 0 ? '\n\n' : ''}${problemLine(p, paint)}${frame ? `\n${frame}` : ''}${hint}`;
    parts.push(block);
    size += block.length;
    if (size >= chunkSize) {
      yield parts.join('');
      [parts, size] = [[], 0];
    }
  }
  let errors = 0;
  const files = new Set<string>();
  for (const p of problems) {
    if (p.severity === 'error') errors++;
    files.add(p.file);
  }
  const warnings = problems.length - errors;
  const count = `${problems.length} problem${problems.length === 1 ? '' : 's'} (${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}) in ${files.size} file${files.size === 1 ? '' : 's'}`;
  parts.push(`\n\n${errors ? paint.red(count) : paint.yellow(count)}\n`);
  yield parts.join('');
}
