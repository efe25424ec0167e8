import { randomBytes } from 'node:crypto';
import { closeSync, lstatSync, openSync, realpathSync, statSync, unlinkSync, writeSync, type Stats } from 'node:fs';
import { chmod, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Temp files being written now: removed if the process is interrupted before the rename. */
const pending = new Set<string>();
let onSignal: ((signal: NodeJS.Signals) => void) | undefined;

function track(tmp: string): void {
  pending.add(tmp);
  if (onSignal) return;
  onSignal = (signal) => {
    for (const file of pending) {
      try {
        unlinkSync(file);
      } catch {
        // already renamed or removed
      }
    }
    // The conventional status of a process ended by a signal: 128 + its number.
    process.exit(128 + (signal === 'SIGINT' ? 2 : 15));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
}

function untrack(tmp: string): void {
  pending.delete(tmp);
  if (pending.size === 0 && onSignal) {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    onSignal = undefined;
  }
}

/** An error about `file` (never about the temp file beside it, a name the user never gave). */
function about(file: string, error: unknown): NodeJS.ErrnoException {
  const e = error as NodeJS.ErrnoException;
  return Object.assign(new Error(`${e.code ?? e.message}: ${file}`), { code: e.code, path: file });
}

/** What is written: one text, or the same text in chunks (a large JSON report: json-chunks.ts). */
export type Text = string | Iterable<string>;

/** Write `text` through to `file` (created or truncated), chunk by chunk. */
function writeThrough(file: string, text: Text): void {
  const fd = openSync(file, 'w');
  try {
    for (const chunk of typeof text === 'string' ? [text] : text) writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
}

const statOrUndefined = (get: () => Stats): Stats | undefined => {
  try {
    return get();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
};

/**
 * Write a file so readers see the old content or the new, never half of it (a temp file beside it,
 * then a rename), when the path is, or will be, a regular file. Anything else is written through,
 * as a shell redirect would: a device (/dev/null, /dev/stdout), a FIFO, or the target of a symbolic
 * link (the link stays a link, and a regular target is still replaced atomically). A rename over a
 * device would replace it with a regular file, which as root takes /dev/null away from everyone.
 */
export async function writeFileAtomic(file: string, text: Text): Promise<void> {
  let target = file;
  let info: Stats | undefined;
  try {
    const link = statOrUndefined(() => lstatSync(file));
    info = link?.isSymbolicLink() ? statOrUndefined(() => statSync(file)) : link;
    if (link?.isSymbolicLink() && info?.isFile()) target = realpathSync(file);
  } catch (error) {
    throw about(file, error);
  }
  if (info?.isDirectory()) throw Object.assign(new Error(`EISDIR: ${file}`), { code: 'EISDIR', path: file });
  if (info !== undefined && !info.isFile()) {
    try {
      writeThrough(file, text);
    } catch (error) {
      throw about(file, error);
    }
    return;
  }
  // A dangling link: write where it points, as `>` would, and create that file.
  if (info === undefined && statOrUndefined(() => lstatSync(file))?.isSymbolicLink()) {
    try {
      writeThrough(file, text);
    } catch (error) {
      throw about(file, error);
    }
    return;
  }
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  track(tmp);
  try {
    // Asynchronous, so a SIGINT or SIGTERM arriving mid-write runs the handler that removes the temp file.
    await writeFile(tmp, text, { flag: 'wx' });
    if (info) await chmod(tmp, info.mode & 0o7777); // keep the mode of the file it replaces, as `>` does
    await rename(tmp, target);
  } catch (error) {
    try {
      unlinkSync(tmp);
    } catch {
      // never created, or already gone
    }
    throw about(file, error);
  } finally {
    untrack(tmp);
  }
}

/**
 * The inputs among `files` that `output` is (the same file by device and inode, whatever name or
 * link reaches it): writing a report over its own events, set or base report would destroy them.
 */
export function sameFileAs(output: string, files: readonly string[]): string | undefined {
  let out: Stats | undefined;
  try {
    out = statSync(output);
  } catch {
    return undefined;
  }
  if (!out.isFile()) return undefined;
  for (const file of files) {
    try {
      const info = statSync(file);
      if (info.dev === out.dev && info.ino === out.ino) return file;
    } catch {
      // an input that cannot be stat'ed now cannot be the output
    }
  }
  return undefined;
}
