import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { readdir, realpath, stat } from './fs-sync.js';
import path from 'node:path';
import { problem, type ProblemCode, type Span } from '../core/problems.js';
import type { Problem } from '../core/types.js';

export const EVENT_EXTENSIONS = ['.yaml', '.yml', '.json', '.jsonl'];
export const STDIN = '-';
const GLOB_CHARS = /[*?[\]{}]/;

/**
 * Whether a file found in a folder or by a glob is an event file. `*.schema.json` is the JSON Schema
 * that editors read and `coopscore init` writes beside event files, never events itself; nor is the
 * config file (coopscore.config.yaml) that sits beside them, nor an anchors file (`anchors.yaml`,
 * `*.anchors.yaml`, `.yml` too), which `coopscore calibrate` reads beside the events it judges.
 */
const ANCHORS_FILE = /(^|\.)anchors\.ya?ml$/i;
const isEventFileName = (name: string) =>
  EVENT_EXTENSIONS.includes(path.extname(name).toLowerCase()) && !name.toLowerCase().endsWith('.schema.json') && name !== 'coopscore.config.yaml' && !ANCHORS_FILE.test(name);

/** One input ready to parse: a display path (relative to cwd, forward slashes) and its text. */
export interface InputText {
  path: string;
  text: string;
  sha256: string;
}

export interface ResolveResult {
  /** Absolute paths (or "-" for stdin), sorted by display path, each once. */
  files: string[];
  problems: Problem[];
}

/** Files larger than this are refused before a byte is read (`--max-file-size`). */
export const DEFAULT_MAX_FILE_SIZE = 50 * 1024 * 1024;

export interface ReadOptions {
  /** Largest file read, in bytes; default {@link DEFAULT_MAX_FILE_SIZE}. */
  maxFileSize?: number;
}

export function displayPath(file: string, cwd: string): string {
  if (file === STDIN) return '<stdin>';
  const rel = path.relative(cwd, file);
  const shown = rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
  return shown.split(path.sep).join('/');
}

const pathProblem = (arg: string, code: 'file-not-found' | 'no-input' | 'read-error', message: string) =>
  problem(arg, undefined, code, message);

/** What went wrong with a path, in words, with the system's code for searching. */
export function errnoText(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const words: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    ELOOP: 'too many levels of symbolic links (a symlink loop?)',
    ENOENT: 'no such file or folder (a broken symbolic link?)',
    ENOTDIR: 'a part of the path is not a folder',
    EISDIR: 'it is a folder',
    ENAMETOOLONG: 'the name is too long',
    EMFILE: 'too many open files',
    ENFILE: 'too many open files',
    EIO: 'input/output error',
  };
  if (code && words[code]) return `${words[code]} (${code})`;
  return code ?? (error as Error).message ?? String(error);
}

/**
 * Collect event files below a folder, in name order. A folder reached twice (a symlink loop, or
 * a link to a folder already searched) is searched once. A folder or event file that cannot be
 * read is reported, never skipped in silence.
 */
async function walk(dir: string, seen: Set<string>, out: string[], fail: (file: string, error: unknown) => void): Promise<void> {
  let real: string;
  let entries;
  try {
    real = await realpath(dir);
    if (seen.has(real)) return;
    seen.add(real);
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    fail(dir, error);
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    const isEventFile = isEventFileName(entry.name);
    let info;
    try {
      info = await stat(full);
    } catch (error) {
      // A broken link or a loop named like an event file is an input the user expects read.
      if (isEventFile) fail(full, error);
      continue;
    }
    if (info.isDirectory()) await walk(full, seen, out, fail);
    else if (info.isFile() && isEventFile) out.push(full);
  }
}

/**
 * Turn command-line paths into a sorted list of files: files as given, folders searched
 * recursively for event files, globs expanded. Nothing given, or a glob or folder that yields
 * nothing, is a problem rather than a silent success.
 */
export async function resolveInputs(args: readonly string[], cwd: string): Promise<ResolveResult> {
  const problems: Problem[] = [];
  const found: string[] = [];
  for (const arg of args) {
    if (arg === STDIN) {
      found.push(STDIN);
      continue;
    }
    const abs = path.resolve(cwd, arg);
    let info;
    try {
      info = await stat(abs);
    } catch (error) {
      if (GLOB_CHARS.test(arg)) {
        const { glob } = await import('tinyglobby');
        const matches = await glob(arg, { cwd, absolute: true, onlyFiles: true, dot: false });
        const events = matches.filter((m) => isEventFileName(path.basename(m)));
        if (events.length === 0) problems.push(pathProblem(arg, 'no-input', `the pattern "${arg}" matches no event files`));
        found.push(...events.map((m) => path.normalize(m)));
        continue;
      }
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') problems.push(pathProblem(arg, 'file-not-found', `no such file or folder: ${arg}`));
      else problems.push(pathProblem(arg, 'read-error', `cannot read ${arg}: ${errnoText(error)}`));
      continue;
    }
    if (info.isDirectory()) {
      const before = found.length;
      const failures = problems.length;
      await walk(abs, new Set(), found, (file, error) => {
        const shown = displayPath(file, cwd);
        problems.push(pathProblem(shown, 'read-error', `cannot read ${shown}: ${errnoText(error)}`));
      });
      if (found.length === before && problems.length === failures) {
        problems.push(pathProblem(arg, 'no-input', `no event files (${EVENT_EXTENSIONS.join(', ')}) in ${arg}`));
      }
    } else {
      found.push(abs);
    }
  }
  // The same file named twice (or by a folder and a glob) is read once; sort for a stable order.
  const unique = new Map<string, string>();
  for (const file of found) {
    const key = file === STDIN ? STDIN : await realpath(file).catch(() => file);
    if (!unique.has(key)) unique.set(key, file);
  }
  const files = [...unique.values()].sort((a, b) => {
    const [x, y] = [displayPath(a, cwd), displayPath(b, cwd)];
    return x < y ? -1 : x > y ? 1 : 0;
  });
  return { files, problems };
}

/**
 * Read at most `limit + 1` bytes from something that is not a regular file (a pipe, a device
 * such as /dev/zero), so an endless source is cut off instead of filling memory.
 */
function readCapped(fd: number, limit: number): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  while (total <= limit) {
    const chunk = Buffer.alloc(Math.min(1 << 20, limit + 1 - total));
    const bytesRead = readSync(fd, chunk, 0, chunk.length, null);
    if (bytesRead === 0) break;
    chunks.push(chunk.subarray(0, bytesRead));
    total += bytesRead;
  }
  return Buffer.concat(chunks);
}

const tooLarge = (shown: string, size: number | undefined, limit: number) =>
  problem(
    shown,
    undefined,
    'file-too-large',
    `${shown} is ${size === undefined ? '' : `${size} bytes, `}larger than the limit of ${limit} bytes; raise it with --max-file-size`,
  );

/**
 * Read one input and turn its bytes into text, refusing anything that is not UTF-8 text rather
 * than guessing: see {@link decodeInput}. A regular file larger than the limit is refused after a
 * stat, before it is read; a pipe or device is read only up to the limit.
 */
export async function readInput(
  file: string,
  cwd: string,
  readStdin: (maxBytes?: number) => Promise<Buffer>,
  options: ReadOptions = {},
): Promise<{ input?: InputText; problem?: Problem }> {
  const shown = displayPath(file, cwd);
  const limit = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  let bytes: Buffer;
  try {
    if (file === STDIN) {
      bytes = await readStdin(limit);
      if (bytes.length === 0) {
        return { problem: problem(shown, undefined, 'empty-file', 'stdin is empty: nothing was piped in, or stdin is closed') };
      }
    } else {
      // Synchronous on purpose: inputs are read one after another anyway, and a thread-pool round
      // trip per call made 1,000 small files several hundred milliseconds slower (see fs-sync.ts).
      const fd = openSync(file, 'r');
      try {
        const info = fstatSync(fd);
        if (info.isDirectory()) return { problem: pathProblem(shown, 'read-error', `cannot read ${shown}: it is a folder`) };
        if (info.isFile() && info.size > limit) return { problem: tooLarge(shown, info.size, limit) };
        bytes = info.isFile() ? readFileSync(fd) : readCapped(fd, limit);
      } finally {
        closeSync(fd);
      }
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return {
      problem: pathProblem(shown, code === 'ENOENT' ? 'file-not-found' : 'read-error', `cannot read ${shown}: ${code ? errnoText(error) : (error as Error).message}`),
    };
  }
  // A file that grew after the stat, or a pipe or device that ran past the limit.
  if (bytes.length > limit) return { problem: tooLarge(shown, undefined, limit) };
  const decoded = decodeInput(shown, bytes);
  if (decoded.problem) return { problem: decoded.problem };
  return { input: { path: shown, text: decoded.text!, sha256: createHash('sha256').update(bytes).digest('hex') } };
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const lenient = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
const UTF8_BOM = [0xef, 0xbb, 0xbf];

/** Characters YAML does not allow in a stream (outside its printable set), NUL aside. */
const NON_PRINTABLE = /[\u0001-\u0008\u000b\u000c\u000e-\u001f\u007f-\u0084\u0086-\u009f\ufffe\uffff]/;

/** 1-based line and column (in UTF-16 code units, as YAML positions are) of a byte offset. */
function bytePosition(bytes: Uint8Array, offset: number): Span {
  let line = 1;
  let lineStart = bytes[0] === UTF8_BOM[0] && bytes[1] === UTF8_BOM[1] && bytes[2] === UTF8_BOM[2] ? 3 : 0;
  for (let i = lineStart; i < offset; i++) {
    if (bytes[i] === 0x0a) [line, lineStart] = [line + 1, i + 1];
  }
  const column = lenient.decode(bytes.subarray(lineStart, offset)).length + 1;
  return { line, column, endLine: line, endColumn: column + 1 };
}

/** 1-based line and column of an offset in decoded text. */
function textPosition(text: string, offset: number): Span {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) [line, lineStart] = [line + 1, i + 1];
  const column = offset - lineStart + 1;
  return { line, column, endLine: line, endColumn: column + 1 };
}

/** The offset of the first byte that does not start a well-formed UTF-8 sequence (RFC 3629), or -1. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let [lo, hi] = [0x80, 0xbf];
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f; // no UTF-16 surrogates
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || c < (k === 1 ? lo : 0x80) || c > (k === 1 ? hi : 0xbf)) return i;
    }
    i += need + 1;
  }
  return -1;
}

/** Name a byte-order mark that is not UTF-8's. */
function foreignBom(bytes: Uint8Array): string | undefined {
  const [a, b, c, d] = bytes;
  if (a === 0xff && b === 0xfe && c === 0 && d === 0) return 'UTF-32 (little-endian)';
  if (a === 0 && b === 0 && c === 0xfe && d === 0xff) return 'UTF-32 (big-endian)';
  if (a === 0xff && b === 0xfe) return 'UTF-16 (little-endian)';
  if (a === 0xfe && b === 0xff) return 'UTF-16 (big-endian)';
  return undefined;
}

/** UTF-16 without a byte-order mark: text whose every other byte is NUL. */
function looksLikeUtf16(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return false;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) even++;
    if (bytes[i + 1] === 0) odd++;
  }
  const half = n / 2;
  return (odd > half * 0.7 && even < half * 0.1) || (even > half * 0.7 && odd < half * 0.1);
}

/**
 * Bytes to text, or the first reason they are not event text: a UTF-16 or UTF-32 byte-order
 * mark, NUL bytes (binary, or UTF-16 without a mark), bytes that are not UTF-8 (named at their
 * line and column, never replaced by U+FFFD), or a control character YAML does not allow.
 * A UTF-8 byte-order mark is dropped. A lone carriage return (old Mac line ends) becomes a line
 * feed, as YAML reads it, keeping every offset so positions stay true to the file.
 */
export function decodeInput(shown: string, bytes: Uint8Array): { text?: string; problem?: Problem } {
  const fail = (code: ProblemCode, span: Span | undefined, message: string) => ({ problem: problem(shown, span, code, message) });
  const bom = foreignBom(bytes);
  const first = { line: 1, column: 1, endLine: 1, endColumn: 2 };
  if (bom) return fail('invalid-encoding', first, `the file is ${bom} text (it starts with that byte-order mark); save it as UTF-8`);
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    if (looksLikeUtf16(bytes)) return fail('invalid-encoding', first, 'the file looks like UTF-16 text (every other byte is NUL); save it as UTF-8');
    return fail('binary-file', bytePosition(bytes, nul), `the file holds a NUL byte at offset ${nul}: it is binary, not a text event file`);
  }
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    const bad = firstInvalidUtf8(bytes);
    const at = Math.max(0, bad);
    const hex = bytes[at]?.toString(16).toUpperCase().padStart(2, '0') ?? '??';
    return fail('invalid-encoding', bytePosition(bytes, at), `byte 0x${hex} is not UTF-8 (was the file saved as Latin-1 or Windows-1252?); save it as UTF-8`);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.includes('\r')) text = text.replace(/\r(?!\n)/g, '\n');
  const control = NON_PRINTABLE.exec(text);
  if (control) {
    const hex = control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    return fail('control-character', textPosition(text, control.index), `control character U+${hex} is not allowed in YAML text; remove it, or write it as "\\u${hex}" inside double quotes`);
  }
  return { text };
}
