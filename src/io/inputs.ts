import { isAscii } from 'node:buffer';
import { createHash, type Hash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readlinkSync, readSync, type Stats } from 'node:fs';
import { LEFT_TO_JS_YAML } from './fast-scan.js';
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
  /** The SHA-256 of its bytes, in hex; '' when the read was asked not to work it out (ReadOptions.digest). */
  sha256: string;
  /** True when the text holds none of the characters the YAML line scanner leaves to js-yaml (TextChecker.plain). */
  plain?: boolean;
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
  /** The name stdin is shown (and parsed) as (`--stdin-filename`); default `<stdin>`. */
  stdinName?: string;
  /**
   * Work out each input's SHA-256 (default true). Only the JSON reports print the digests of their
   * inputs, and loading node:crypto for them was ~4 ms of every table run, so a command whose
   * output shows none (any format but JSON; validate and calibrate always) reads without them:
   * its inputs' sha256 is then ''.
   */
  digest?: boolean;
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
    ENOENT: 'no such file or folder',
    ENOTDIR: 'a part of the path is not a folder',
    EISDIR: 'it is a folder',
    ENAMETOOLONG: 'the name is too long',
    EMFILE: 'too many open files',
    ENFILE: 'too many open files',
    EIO: 'input/output error',
  };
  if (code === 'EBROKENLINK') return (error as Error).message;
  if (code && words[code]) return `${words[code]} (${code})`;
  return code ?? (error as Error).message ?? String(error);
}

/** Whether `target` is `root` or lies below it (both real paths). */
const isWithin = (target: string, root: string) => target === root || target.startsWith(root.endsWith(path.sep) ? root : root + path.sep);

interface WalkReport {
  fail: (file: string, error: unknown) => void;
  /** A link the walk did not follow, and why. */
  skip: (link: string, target: string, why: 'outside' | 'ancestor') => void;
}

/**
 * Collect event files below a folder (any order: the caller sorts). With an explicit stack, so a
 * deep tree cannot overflow the call stack. A folder reached twice (a symlink loop, or a link to a
 * folder already searched) is searched once. A symbolic link that leads outside the folder named
 * on the command line is not followed unless `followSymlinks` (a file named `leak.yaml` linking to
 * /etc/passwd must not end up in a code frame in a public CI log); a link to `/` or to a folder
 * holding the root is never followed, since it would walk the whole file system. A folder or event
 * file that cannot be read is reported, never skipped in silence.
 */
async function walk(start: string, followSymlinks: boolean, out: string[], report: WalkReport): Promise<void> {
  const root = await realpath(start);
  const seen = new Set<string>();
  const stack = [start];
  while (stack.length > 0) {
    const dir = stack.pop()!;
    let entries;
    try {
      const real = await realpath(dir);
      if (seen.has(real)) continue;
      seen.add(real);
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      report.fail(dir, error);
      continue;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const full = path.join(dir, entry.name);
      const isEventFile = isEventFileName(entry.name);
      // A plain file or folder: its entry already says which (a stat per file was a tenth of
      // resolving 1,000 files); a link or an entry of unknown type is asked about.
      let info: Pick<Stats, 'isFile' | 'isDirectory'>;
      try {
        info = entry.isFile() || entry.isDirectory() ? entry : await stat(full);
      } catch (error) {
        // A broken link or a loop named like an event file is an input the user expects read.
        if (isEventFile) report.fail(full, entry.isSymbolicLink() && (error as NodeJS.ErrnoException).code === 'ENOENT' ? brokenLink(full) : error);
        continue;
      }
      if (entry.isSymbolicLink() && (info.isDirectory() || isEventFile)) {
        let target: string;
        try {
          target = await realpath(full);
        } catch (error) {
          report.fail(full, error);
          continue;
        }
        if (info.isDirectory() && isWithin(root, target)) {
          if (target !== root) report.skip(full, target, 'ancestor');
          continue;
        }
        if (!followSymlinks && !isWithin(target, root)) {
          report.skip(full, target, 'outside');
          continue;
        }
      }
      if (info.isDirectory()) stack.push(full);
      else if (info.isFile() && isEventFile) out.push(full);
    }
  }
}

/** The error a link with a missing target gives, worded as that (a vanished file is not a broken link). */
function brokenLink(link: string): Error {
  let target = '?';
  try {
    target = readlinkSync(link);
  } catch {
    // it vanished as well: the link text is only a detail
  }
  return Object.assign(new Error(`a broken symbolic link (its target ${target} does not exist)`), { code: 'EBROKENLINK' });
}

/**
 * Turn command-line paths into a sorted list of files: files as given, folders searched
 * recursively for event files, globs expanded. Nothing given, or a glob or folder that yields
 * nothing, is a problem rather than a silent success.
 */
export async function resolveInputs(args: readonly string[], cwd: string, options: { followSymlinks?: boolean } = {}): Promise<ResolveResult> {
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
        const matches = await glob(arg, { cwd, absolute: true, onlyFiles: true, dot: false, followSymbolicLinks: options.followSymlinks === true });
        const events = matches.filter((m) => isEventFileName(path.basename(m)));
        if (events.length === 0) problems.push(pathProblem(arg, 'no-input', `the pattern "${arg}" matches no event files`));
        for (const m of events) found.push(path.normalize(m));
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
      await walk(abs, options.followSymlinks === true, found, {
        fail: (file, error) => {
          const shown = displayPath(file, cwd);
          problems.push(pathProblem(shown, 'read-error', `cannot read ${shown}: ${errnoText(error)}`));
        },
        skip: (link, target, why) => {
          const shown = displayPath(link, cwd);
          const message =
            why === 'outside'
              ? `not read: ${shown} is a symbolic link to ${target}, outside ${arg}`
              : `not followed: ${shown} is a symbolic link to ${target}, a folder holding ${arg} (following it would search the file system)`;
          problems.push(
            problem(shown, undefined, 'symlink-skipped', message, {
              severity: 'warning',
              ...(why === 'outside' ? { hint: 'pass --follow-symlinks to read links that lead outside the folders named, or name the file itself' } : {}),
            }),
          );
        },
      });
      // Nothing found and nothing unreadable (a skipped link is only a warning): the folder gave no input.
      if (found.length === before && !problems.slice(failures).some((p) => p.severity === 'error')) {
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

const tooLarge = (shown: string, size: number | undefined, limit: number) =>
  problem(
    shown,
    undefined,
    'file-too-large',
    `${shown} is ${size === undefined ? 'more than' : `${size} bytes,`} larger than the limit of ${limit} bytes; raise it with --max-file-size`,
  );

/** How much is read (and checked) at a time from a file, pipe or device. */
const CHUNK = 1 << 20;

/** Characters YAML does not allow in a stream (outside its printable set), NUL aside. */
const NON_PRINTABLE = /[\u0001-\u0008\u000b\u000c\u000e-\u001f\u007f-\u0084\u0086-\u009f\ufffe\uffff]/;

/**
 * Where the next byte is or was: the state of one decoding run over one input. Scanning each
 * byte once, in order, whatever the format: the only place that turns event bytes into text.
 */
export class TextChecker {
  /** The first reason the bytes are not event text; once set, nothing more is accepted. */
  problem?: Problem;
  private bytes = 0;
  private line = 1;
  private column = 1;
  private started = false;
  private tail: Buffer = Buffer.alloc(0);
  private heldCr = false;
  private sawText = false;
  /**
   * Whether no text so far held a character the YAML line scanner leaves to js-yaml (fast-scan.ts
   * LEFT_TO_JS_YAML, which takes in every NON_PRINTABLE character): while so, one search of each
   * piece answers both, and the scanner need not search the whole text again (each search of the
   * 46 MB of 100,000 events took ~77 ms).
   */
  plain = true;
  /** Made only when the digest is wanted: node:crypto is loaded with the first hash made. */
  private readonly hash: Hash | undefined;

  constructor(
    readonly shown: string,
    readonly limit: number,
    digest = true,
  ) {
    this.hash = digest ? createHash('sha256') : undefined;
  }

  /** The SHA-256 of every byte pushed, in hex; '' when the checker was made without one. */
  digest(): string {
    return this.hash ? this.hash.digest('hex') : '';
  }

  private fail(code: ProblemCode, span: Span | undefined, message: string): undefined {
    this.problem ??= problem(this.shown, span, code, message);
    return undefined;
  }

  /** The span of `text[0..index)` read on from the current position. */
  private spanAfter(text: string, index: number): Span {
    let { line, column } = this;
    for (let i = 0; i < index; ) {
      const nl = text.indexOf('\n', i);
      if (nl === -1 || nl >= index) {
        column += index - i;
        break;
      }
      line++;
      column = 1;
      i = nl + 1;
    }
    return { line, column, endLine: line, endColumn: column + 1 };
  }

  private advance(text: string): void {
    const last = text.lastIndexOf('\n');
    if (last === -1) {
      this.column += text.length;
      return;
    }
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.line++;
    this.column = text.length - last;
  }

  /**
   * The next bytes of the input as checked text (line ends made line feeds), '' when they end
   * inside a character, or undefined once there is a problem. `final` marks the last bytes.
   */
  push(chunk: Uint8Array, final = false): string | undefined {
    if (this.problem) return undefined;
    this.hash?.update(chunk);
    this.bytes += chunk.length;
    if (this.bytes > this.limit) return this.fail('file-too-large', undefined, tooLarge(this.shown, undefined, this.limit).message);
    let data = this.tail.length ? Buffer.concat([this.tail, chunk]) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
    const first = { line: 1, column: 1, endLine: 1, endColumn: 2 };
    if (!this.started) {
      if (data.length < 4 && !final) {
        this.tail = Buffer.from(data);
        return '';
      }
      this.started = true;
      const bom = foreignBom(data);
      if (bom) return this.fail('invalid-encoding', first, `the file is ${bom} text (it starts with that byte-order mark); save it as UTF-8`);
      if (data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) data = data.subarray(3);
      if (data.indexOf(0) !== -1 && looksLikeUtf16(data)) {
        return this.fail('invalid-encoding', first, 'the file looks like UTF-16 text (every other byte is NUL); save it as UTF-8');
      }
    }
    let text: string;
    let bad = -1;
    if (isAscii(data)) {
      text = data.toString('latin1');
      this.tail = Buffer.alloc(0);
    } else {
      const scan = scanUtf8(data, final);
      bad = scan.bad;
      text = data.toString('utf8', 0, bad === -1 ? scan.complete : bad);
      this.tail = bad === -1 ? Buffer.from(data.subarray(scan.complete)) : Buffer.alloc(0);
    }
    // A NUL byte says "binary" more plainly than the stray bytes around it (a PNG starts with 0x89).
    const nulByte = bad === -1 ? -1 : data.indexOf(0);
    if (nulByte !== -1) {
      const before = `${this.heldCr ? '\r' : ''}${data.toString('utf8', 0, nulByte)}`.replace(/\r(?!\n)/g, '\n');
      return this.fail('binary-file', this.spanAfter(before, before.length), 'the file holds a NUL byte: it is binary, not a text event file');
    }
    if (this.heldCr) text = `\r${text}`;
    this.heldCr = !final && bad === -1 && text.endsWith('\r');
    if (this.heldCr) text = text.slice(0, -1);
    if (text.includes('\r')) text = text.replace(/\r(?!\n)/g, '\n');
    const nul = text.indexOf('\0');
    // While the text is plain, one search answers both questions (LEFT_TO_JS_YAML takes in NON_PRINTABLE).
    const found = !this.plain || LEFT_TO_JS_YAML.test(text);
    const control = found ? NON_PRINTABLE.exec(text) : null;
    if (nul !== -1 && (control === null || nul < control.index)) {
      return this.fail('binary-file', this.spanAfter(text, nul), 'the file holds a NUL byte: it is binary, not a text event file');
    }
    if (control) {
      const hex = control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
      return this.fail(
        'control-character',
        this.spanAfter(text, control.index),
        `control character U+${hex} is not allowed in event text; remove it, or write it as "\\u${hex}" inside double quotes`,
      );
    }
    if (bad !== -1) {
      const hex = data[bad]!.toString(16).toUpperCase().padStart(2, '0');
      return this.fail('invalid-encoding', this.spanAfter(text, text.length), `byte 0x${hex} is not UTF-8 (was the file saved as Latin-1 or Windows-1252?); save it as UTF-8`);
    }
    if (!this.sawText && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    // What was found may have been that leading byte-order mark, which the text no longer holds.
    if (found && this.plain) this.plain = !LEFT_TO_JS_YAML.test(text);
    if (text.length) this.sawText = true;
    this.advance(text);
    return text;
  }
}

/**
 * Open an input and pass its checked text to `onText` piece by piece: the one pipeline every
 * format goes through (see {@link TextChecker}). A regular file larger than the limit is refused
 * after a stat, before a byte is read; a pipe, device or stdin is read in chunks and cut off at
 * the limit, so /dev/zero or an endless FIFO stops at once instead of filling memory.
 */
export async function readInputText(
  file: string,
  cwd: string,
  readStdin: (maxBytes?: number) => Promise<Buffer>,
  options: ReadOptions,
  onText: (text: string) => void | Promise<void>,
): Promise<{ path: string; sha256?: string; plain?: boolean; problem?: Problem }> {
  const shown = file === STDIN && options.stdinName ? options.stdinName : displayPath(file, cwd);
  const limit = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const checker = new TextChecker(shown, limit, options.digest !== false);
  const feed = async (bytes: Uint8Array, final: boolean) => {
    const text = checker.push(bytes, final);
    if (text) await onText(text);
    return checker.problem === undefined;
  };
  try {
    if (file === STDIN) {
      const bytes = await readStdin(limit);
      if (bytes.length === 0) {
        return { path: shown, problem: problem(shown, undefined, 'empty-file', 'stdin is empty: nothing was piped in, or stdin is closed') };
      }
      for (let at = 0; at < bytes.length || at === 0; at += CHUNK) {
        if (!(await feed(bytes.subarray(at, at + CHUNK), at + CHUNK >= bytes.length))) break;
      }
    } else {
      // Synchronous on purpose: inputs are read one after another anyway, and a thread-pool round
      // trip per call made 1,000 small files several hundred milliseconds slower (see fs-sync.ts).
      const fd = openSync(file, 'r');
      try {
        const info = fstatSync(fd);
        if (info.isDirectory()) return { path: shown, problem: pathProblem(shown, 'read-error', `cannot read ${shown}: it is a folder`) };
        if (info.isFile() && info.size > limit) return { path: shown, problem: tooLarge(shown, info.size, limit) };
        const buffer = Buffer.allocUnsafe(info.isFile() ? Math.max(1, Math.min(CHUNK, info.size + 1)) : CHUNK);
        for (;;) {
          const n = readSync(fd, buffer, 0, buffer.length, null);
          if (!(await feed(buffer.subarray(0, n), n === 0))) break;
          if (n === 0) break;
        }
      } finally {
        closeSync(fd);
      }
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return {
      path: shown,
      problem: pathProblem(shown, code === 'ENOENT' ? 'file-not-found' : 'read-error', `cannot read ${shown}: ${code ? errnoText(error) : (error as Error).message}`),
    };
  }
  if (checker.problem) return { path: shown, problem: checker.problem };
  return { path: shown, sha256: checker.digest(), plain: checker.plain };
}

/**
 * Read one input whole and turn its bytes into text, refusing anything that is not UTF-8 text
 * rather than guessing (see {@link TextChecker}).
 */
export async function readInput(
  file: string,
  cwd: string,
  readStdin: (maxBytes?: number) => Promise<Buffer>,
  options: ReadOptions = {},
): Promise<{ input?: InputText; problem?: Problem }> {
  const parts: string[] = [];
  const read = await readInputText(file, cwd, readStdin, options, (text) => {
    parts.push(text);
  });
  if (read.problem) return { problem: read.problem };
  return { input: { path: read.path, text: parts.length === 1 ? parts[0]! : parts.join(''), sha256: read.sha256!, plain: read.plain === true } };
}

/**
 * Where the first byte that does not start a well-formed UTF-8 sequence (RFC 3629) is, or -1; and
 * how many bytes hold whole characters (a character cut by the end of a chunk waits for the next,
 * unless `final`).
 */
function scanUtf8(bytes: Uint8Array, final: boolean): { bad: number; complete: number } {
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
    } else return { bad: i, complete: i };
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined) return final ? { bad: i, complete: i } : { bad: -1, complete: i };
      if (c < (k === 1 ? lo : 0x80) || c > (k === 1 ? hi : 0xbf)) return { bad: i, complete: i };
    }
    i += need + 1;
  }
  return { bad: -1, complete: bytes.length };
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
