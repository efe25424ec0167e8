import { createHash } from 'node:crypto';
import { readdir, readFile, realpath, stat } from './fs-sync.js';
import path from 'node:path';
import { problem } from '../core/problems.js';
import type { Problem } from '../core/types.js';

export const EVENT_EXTENSIONS = ['.yaml', '.yml', '.json', '.jsonl'];
export const STDIN = '-';
const GLOB_CHARS = /[*?[\]{}]/;

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

export function displayPath(file: string, cwd: string): string {
  if (file === STDIN) return '<stdin>';
  const rel = path.relative(cwd, file);
  const shown = rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
  return shown.split(path.sep).join('/');
}

const pathProblem = (arg: string, code: 'file-not-found' | 'no-input' | 'read-error', message: string) =>
  problem(arg, undefined, code, message);

async function walk(dir: string, seen: Set<string>, out: string[]): Promise<void> {
  const real = await realpath(dir);
  if (seen.has(real)) return; // a symlink loop, or the same folder reached twice
  seen.add(real);
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    let info;
    try {
      info = await stat(full);
    } catch {
      continue; // a dangling link inside a folder is not an input the user named
    }
    if (info.isDirectory()) await walk(full, seen, out);
    else if (info.isFile() && EVENT_EXTENSIONS.includes(path.extname(entry.name).toLowerCase())) out.push(full);
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
        const events = matches.filter((m) => EVENT_EXTENSIONS.includes(path.extname(m).toLowerCase()));
        if (events.length === 0) problems.push(pathProblem(arg, 'no-input', `the pattern "${arg}" matches no event files`));
        found.push(...events.map((m) => path.normalize(m)));
        continue;
      }
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') problems.push(pathProblem(arg, 'file-not-found', `no such file or folder: ${arg}`));
      else problems.push(pathProblem(arg, 'read-error', `cannot read ${arg}: ${code ?? (error as Error).message}`));
      continue;
    }
    if (info.isDirectory()) {
      const before = found.length;
      try {
        await walk(abs, new Set(), found);
      } catch (error) {
        problems.push(pathProblem(arg, 'read-error', `cannot read folder ${arg}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`));
        continue;
      }
      if (found.length === before) {
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

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Read one input as UTF-8 text; refuse bytes that are not UTF-8 rather than guess. */
export async function readInput(
  file: string,
  cwd: string,
  readStdin: () => Promise<Buffer>,
): Promise<{ input?: InputText; problem?: Problem }> {
  const shown = displayPath(file, cwd);
  let bytes: Buffer;
  try {
    bytes = file === STDIN ? await readStdin() : await readFile(file);
  } catch (error) {
    return { problem: pathProblem(shown, 'read-error', `cannot read ${shown}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`) };
  }
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    return { problem: pathProblem(shown, 'read-error', `${shown} is not UTF-8 text`) };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { input: { path: shown, text, sha256: createHash('sha256').update(bytes).digest('hex') } };
}
