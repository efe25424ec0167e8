import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import type { Problem } from '../core/types.js';
import type { LineSource } from '../core/problems.js';

/**
 * Code frames for files whose text is not kept. A JSON Lines file read from disk may hold a million
 * events with a warning on most lines; keeping those lines for frames cost more memory than the
 * events. So such a file is read again as its problems are printed, forward, keeping only the
 * lines a frame shows (each problem's line and its neighbours) until the frames have passed them:
 * printing the first twenty warnings of a 400 MB file reads a few kilobytes, and printing all
 * 947,000 warnings of the bench's million-event file never holds more than a few lines of it (it
 * held all of them, joined into one text, before).
 */

/** Lines a frame shows: its own and one either side (as problems-text.ts codeFrame draws them). */
const AROUND = 1;
const CHUNK = 1 << 16;

/**
 * `sources` with, for each file in `rereadable` (name shown → path on disk) that one of `problems`
 * names, a {@link ForwardLines} over the lines those problems' frames show. A file that is no longer a
 * regular file (or is gone) gets none: its problems print without frames.
 */
export function withFrameLines(
  problems: readonly Problem[],
  sources: ReadonlyMap<string, string>,
  rereadable: ReadonlyMap<string, string>,
): ReadonlyMap<string, string | LineSource> {
  if (rereadable.size === 0) return sources;
  const wanted = new Map<string, Set<number>>();
  for (const p of problems) {
    if (p.line < 1 || !rereadable.has(p.file) || sources.has(p.file)) continue;
    let lines = wanted.get(p.file);
    if (!lines) wanted.set(p.file, (lines = new Set()));
    for (let n = Math.max(1, p.line - AROUND); n <= p.line + AROUND; n++) lines.add(n);
  }
  if (wanted.size === 0) return sources;
  const out = new Map<string, string | LineSource>(sources);
  for (const [file, lines] of wanted) {
    const onDisk = rereadable.get(file)!;
    try {
      // Only a regular file reads the same twice (opening a named pipe again would wait for a writer).
      if (statSync(onDisk).isFile()) out.set(file, new ForwardLines(onDisk, lines));
    } catch {
      // gone since it was loaded: no frames
    }
  }
  return out;
}

/**
 * The `wanted` lines of a file (1-based, split at \n, a \r before it dropped, a byte-order mark
 * dropped), read forward a chunk at a time as they are asked for; what follows the last newline is
 * a line only if it holds something (the loader counts so). Lines are kept from when they are read
 * until a request passes them by more than a frame; a request for a line already dropped (problems
 * out of line order) reads the file again from its start. A file that cannot be read any more ends
 * where it stopped.
 */
export class ForwardLines implements LineSource {
  private readonly kept = new Map<number, string>();
  /** The number of the line being read; every line before it is complete. */
  private next = 1;
  /** The first line still available (older lines were dropped). */
  private oldest = 1;
  private position = 0;
  private partial = '';
  /** Whether the line being read holds any character yet. */
  private started = false;
  private ended = false;
  private decoder = new StringDecoder('utf8');

  constructor(
    private readonly file: string,
    private readonly wanted: ReadonlySet<number>,
  ) {}

  has(n: number): boolean {
    this.readThrough(n);
    return n >= 1 && n < this.next;
  }

  line(n: number): string {
    this.readThrough(n);
    return this.kept.get(n) ?? '';
  }

  private readThrough(n: number): void {
    if (n < this.oldest) this.restart();
    while (!this.ended && this.next <= n) this.readChunk();
    // Later requests are for this line's frame or later ones: drop what lies a frame behind.
    const keepFrom = n - 2 * AROUND - 1;
    for (const line of this.kept.keys()) {
      if (line >= keepFrom) break;
      this.kept.delete(line);
    }
    if (keepFrom > this.oldest) this.oldest = keepFrom;
  }

  private restart(): void {
    this.kept.clear();
    [this.next, this.oldest, this.position, this.partial, this.started, this.ended] = [1, 1, 0, '', false, false];
    this.decoder = new StringDecoder('utf8');
  }

  private finishLine(text: string): void {
    if (this.wanted.has(this.next)) this.kept.set(this.next, text.endsWith('\r') ? text.slice(0, -1) : text);
    this.next++;
    this.partial = '';
    this.started = false;
  }

  private readChunk(): void {
    let fd: number;
    try {
      fd = openSync(this.file, 'r');
    } catch {
      this.ended = true;
      return;
    }
    try {
      const n = readSync(fd, BUFFER, 0, CHUNK, this.position);
      this.position += n;
      let text = n === 0 ? this.decoder.end() : this.decoder.write(BUFFER.subarray(0, n));
      if (this.position === n && n > 0 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      let start = 0;
      for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
        // Only a wanted line is cut out of the chunk; the others are counted and skipped.
        this.finishLine(this.wanted.has(this.next) ? this.partial + text.slice(start, nl) : '');
        start = nl + 1;
      }
      if (start < text.length) {
        this.started = true;
        // A line that runs on past the chunk is carried only when it is wanted.
        if (this.wanted.has(this.next)) this.partial += text.slice(start);
      }
      if (n === 0) {
        if (this.started) this.finishLine(this.partial);
        this.ended = true;
      }
    } catch {
      this.ended = true;
    } finally {
      closeSync(fd);
    }
  }
}

const BUFFER = Buffer.allocUnsafe(CHUNK);
