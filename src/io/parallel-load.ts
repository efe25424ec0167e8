import { statSync } from 'node:fs';
import path from 'node:path';
import type { IndicatorSet } from '../core/types.js';
import { STDIN } from './inputs.js';
import type { FileResult } from './load-file.js';
import { hasCores, runWorker, workerMode, workerScript } from './workers.js';

/**
 * Reading many large YAML files on both cores: a worker thread loads the last files (a contiguous
 * tail of at most WORKER_SHARE of the bytes: it starts later, and its events are copied back) while the main
 * thread loads the first, and loadEventFiles merges everything in file order, so the result is the
 * same as loading one file after another. With js-yaml parsing, on this 2-core machine it took 100k
 * events in 100 files from ~1.95 s to ~1.65 s, but made 9 MB in 1,000 small files slower (the
 * worker's start and the copying back cost more than it saved), hence the size thresholds. Since
 * the line scanner (fast-scan.ts) halved parsing, the worker loses on two cores: its start, its
 * events' copying (~0.3 s of the main thread's time per 40,000 events) and both threads contending
 * with the garbage collector's helpers for the two cores made the 100k files ~0.2-0.7 s slower to
 * score and validate than one thread. So it starts only with at least MIN_CORES cores, where the
 * threads need not share; that gain is estimated, not measured (this machine has two). A worker that fails to start or dies
 * leaves its files to the main thread. COOPSCORE_WORKERS=0 turns it off; =always uses it whatever
 * the size (for tests, and a failed worker is then an error).
 */
const MIN_BYTES = 32 * 1024 * 1024;
const MIN_FILES = 8;
const WORKER_SHARE = 0.4;
const MIN_CORES = 4;


export interface WorkerJob {
  files: string[];
  set: IndicatorSet;
  cwd: string;
  reference: boolean;
  maxFileSize?: number;
  today?: string;
  /** false: read without the files' SHA-256 (ReadOptions.digest). */
  digest?: boolean;
}

/** The tail of the files the worker should load, or [] when one thread will do. */
export function workerShare(files: readonly string[], sizeOf: (file: string) => number, always = false): string[] {
  if (files.length < (always ? 2 : MIN_FILES)) return [];
  const yaml = (f: string) => f !== STDIN && path.extname(f).toLowerCase() !== '.jsonl';
  const sizes = files.map((f) => (yaml(f) ? sizeOf(f) : 0));
  const total = sizes.reduce((a, b) => a + b, 0);
  if (total < (always ? 1 : MIN_BYTES)) return [];
  let share = 0;
  let from = files.length;
  while (from > 0 && yaml(files[from - 1]!) && share + sizes[from - 1]! <= total * WORKER_SHARE) share += sizes[--from]!;
  if (always && from === files.length && yaml(files[from - 1]!)) from--;
  return files.length - from >= (always ? 1 : 2) ? files.slice(from) : [];
}

const sizeOnDisk = (file: string) => {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
};

/** Start a worker on its share of the files; each of those files maps to its result (undefined if the worker failed). */
export function startWorker(
  files: readonly string[],
  set: IndicatorSet,
  options: { cwd: string; reference?: boolean; maxFileSize?: number; today?: string; digest?: boolean },
): Map<string, Promise<FileResult | undefined>> | undefined {
  const mode = workerMode();
  if (mode === 'off' || (mode === 'auto' && !hasCores(MIN_CORES))) return undefined;
  const script = workerScript('load-worker', mode);
  if (!script) return undefined;
  const share = workerShare(files, sizeOnDisk, mode === 'always');
  if (share.length === 0) return undefined;
  const job: WorkerJob = {
    files: share,
    set,
    cwd: options.cwd,
    reference: options.reference === true,
    ...(options.maxFileSize !== undefined ? { maxFileSize: options.maxFileSize } : {}),
    ...(options.today !== undefined ? { today: options.today } : {}),
    ...(options.digest === false ? { digest: false } : {}),
  };
  const results = runWorker<FileResult[]>(script, job, mode);
  return new Map(
    share.map((file, i) => {
      const result = results.then((r) => r?.[i]);
      result.catch(() => undefined); // a failure surfaces where the result is awaited, once
      return [file, result];
    }),
  );
}
