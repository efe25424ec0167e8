import { scoreEvents as scoreEventsPure, type ScoreOptions } from '../core/engine.js';
import type { ScoreReport } from '../core/report.js';
import type { Event, IndicatorSet } from '../core/types.js';
import * as load from './load.js';
import { packageVersion } from './package-version.js';

/**
 * The library's I/O edge: the loaders with defaults a program expects (the working folder,
 * `process.stdin`), and `scoreEvents` stamped with this package's version as the CLI does.
 */

/** This package's version, as `coopscore --version` prints it. */
export const VERSION: string = packageVersion();

/** Options for {@link loadIndicatorSet}. */
export interface LoadSetOptions {
  /** Folder that a relative `file` is resolved against; default `process.cwd()`. */
  cwd?: string;
}

/**
 * Load and check an indicator set: the bundled default (`us-china-2024`) when `file` is omitted.
 *
 * Never throws for bad input: `set` is undefined when the file cannot be read or is not a valid
 * set, and `problems` says why, each with file, line and column.
 *
 * @example
 * const { set, problems } = await loadIndicatorSet();
 * if (!set) throw new Error(problems.map((p) => p.message).join('\n'));
 */
export async function loadIndicatorSet(file?: string, options: LoadSetOptions = {}): Promise<load.LoadedSet> {
  return load.loadIndicatorSet(file, options.cwd ?? process.cwd());
}

/** Options for {@link loadEventFiles}. */
export interface LoadEventsOptions {
  /** Folder that relative paths and globs are resolved against; default `process.cwd()`. */
  cwd?: string;
  /** Source of the bytes for the path `-`; default reads `process.stdin` to its end. */
  readStdin?: () => Promise<Buffer>;
  /** Keep every error but only the first N warnings (file, line, column order); the rest are counted by code in `omittedWarnings`. */
  keepWarnings?: number;
}

async function readProcessStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Read, parse and validate event files against an indicator set's vocabulary. `paths` may name
 * files, folders (searched recursively for event files), globs, or `-` for stdin, as on the
 * command line.
 *
 * Never throws for bad input: every problem in every file is in `problems` (errors and warnings,
 * sorted by file, line and column), and `events` holds the events that were valid. Score only
 * when no problem has `severity: 'error'`, as the CLI does; a partial set gives a partial score.
 */
export async function loadEventFiles(
  paths: string | readonly string[],
  set: IndicatorSet,
  options: LoadEventsOptions = {},
): Promise<load.LoadedEvents> {
  return load.loadEventFiles(typeof paths === 'string' ? [paths] : paths, set, {
    cwd: options.cwd ?? process.cwd(),
    readStdin: options.readStdin ?? readProcessStdin,
    ...(options.keepWarnings !== undefined ? { keepWarnings: options.keepWarnings } : {}),
  });
}

/**
 * Score events against an indicator set: a pure function, the same inputs always give the same
 * report, whatever their order. The scoring date defaults to the newest event's date, never today.
 *
 * To reproduce the CLI's JSON byte for byte, pass `inputs` and `warnings` from
 * {@link loadEventFiles} and `setSha256` from {@link loadIndicatorSet}.
 *
 * @throws RangeError when there are no events and no `asOf`.
 */
export function scoreEvents(events: readonly Event[], set: IndicatorSet, options: ScoreOptions = {}): ScoreReport {
  return scoreEventsPure(events, set, { tool: { name: 'coopscore', version: VERSION }, ...options });
}
