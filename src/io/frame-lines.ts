import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import type { Problem } from '../core/types.js';

/**
 * Code frames for files whose text is not kept. A JSON Lines file read from disk may hold a million
 * events with a warning on most lines; keeping those lines for frames cost more memory than the
 * events. So such a file is read again when its problems are printed, for just the lines a frame
 * shows (each problem's line and its neighbours), stopping after the last of them: printing the
 * first twenty warnings of a 400 MB file reads a few kilobytes.
 */

/** Lines a frame shows: its own and one either side (as problems-text.ts codeFrame draws them). */
const AROUND = 1;
const CHUNK = 1 << 16;

/**
 * `sources` with, for each file in `rereadable` (name shown → path on disk) that one of `problems`
 * names, a text holding the lines those problems' frames show and blank lines elsewhere. A file that
 * cannot be read again gets no text (its problems print without frames).
 */
export function withFrameLines(
  problems: readonly Problem[],
  sources: ReadonlyMap<string, string>,
  rereadable: ReadonlyMap<string, string>,
): ReadonlyMap<string, string> {
  if (rereadable.size === 0) return sources;
  const wanted = new Map<string, Set<number>>();
  for (const p of problems) {
    if (p.line < 1 || !rereadable.has(p.file) || sources.has(p.file)) continue;
    let lines = wanted.get(p.file);
    if (!lines) wanted.set(p.file, (lines = new Set()));
    for (let n = Math.max(1, p.line - AROUND); n <= p.line + AROUND; n++) lines.add(n);
  }
  if (wanted.size === 0) return sources;
  const out = new Map(sources);
  for (const [file, lines] of wanted) {
    const text = readLines(rereadable.get(file)!, lines);
    if (text !== undefined) out.set(file, text);
  }
  return out;
}

/** The lines numbered in `wanted` (1-based, split at \n, a \r before it dropped), blank elsewhere. */
export function readLines(file: string, wanted: ReadonlySet<number>): string | undefined {
  // A loop, not Math.max(...wanted): a million wanted lines would overflow the call stack.
  let last = 0;
  for (const n of wanted) if (n > last) last = n;
  const found: string[] = [];
  let lineNo = 1;
  let partial = '';
  const take = (line: string) => {
    if (wanted.has(lineNo)) found[lineNo - 1] = line.endsWith('\r') ? line.slice(0, -1) : line;
    lineNo++;
  };
  let fd: number;
  try {
    // Only a regular file reads the same twice (opening a named pipe again would wait for a writer).
    if (!statSync(file).isFile()) return undefined;
    fd = openSync(file, 'r');
  } catch {
    return undefined;
  }
  try {
    const decoder = new StringDecoder('utf8');
    const buffer = Buffer.allocUnsafe(CHUNK);
    let first = true;
    while (lineNo <= last) {
      const n = readSync(fd, buffer, 0, CHUNK, null);
      let text = n === 0 ? decoder.end() : decoder.write(buffer.subarray(0, n));
      if (first && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      if (text.length > 0) first = false;
      let start = 0;
      for (let nl = text.indexOf('\n'); nl !== -1 && lineNo <= last; nl = text.indexOf('\n', start)) {
        // Only a wanted line is cut out of the chunk; the others are counted and skipped.
        if (wanted.has(lineNo)) take(partial + text.slice(start, nl));
        else lineNo++;
        partial = '';
        start = nl + 1;
      }
      if (lineNo > last) break;
      // A line that runs on past the chunk is carried only when it is wanted (a long unwanted line
      // is skipped without building it).
      if (wanted.has(lineNo)) partial += text.slice(start);
      if (n === 0) {
        // What follows the last newline is a line only if it holds something (the loader counts so).
        if (partial !== '') take(partial);
        break;
      }
    }
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
  return Array.from({ length: found.length }, (_, i) => found[i] ?? '').join('\n');
}
