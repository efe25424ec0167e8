import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compareProblems } from '../core/engine.js';
import type { InputFile } from '../core/report.js';
import { eventSchema } from '../core/schema.js';
import { FirstWarnings } from '../core/first-warnings.js';
import { eventWarnings, lookAlike, type LookAlike } from '../core/warnings.js';
import type { Event, IndicatorSet, Problem } from '../core/types.js';
import { duplicateIdChecker, validateIndicatorSet, vocabularyOf } from '../core/validate.js';
import { displayPath, readInput, resolveInputs, STDIN } from './inputs.js';
import { loadJsonLines } from './jsonl.js';
import type { TextInFile } from './text-in-file.js';
import { compiledAfter, loadYamlFile } from './load-file.js';
import { startWorker } from './parallel-load.js';
import { parseAndCheck } from './fast-load.js';
import { cachedDefaultSet } from './set-cache.js';

/** The package root, found from this module so the bundled set loads from any working folder. */
export const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DEFAULT_SET = path.join(PACKAGE_ROOT, 'indicators', 'us-china-2024.yaml');

export interface LoadedSet {
  set?: IndicatorSet;
  file: string;
  sha256: string;
  problems: Problem[];
  sources: Map<string, string>;
}

/**
 * A bundled set named by its id (`--indicators us-precursor-cooperation`): used when the name has
 * no folder or extension, no such file exists in the working folder, and the package ships it.
 */
export function bundledSet(name: string, cwd: string): string | undefined {
  if (!/^[a-z0-9][a-z0-9._-]*$/.test(name) || /\.(ya?ml|json)$/.test(name) || existsSync(path.resolve(cwd, name))) return undefined;
  const file = path.join(PACKAGE_ROOT, 'indicators', `${name}.yaml`);
  return existsSync(file) ? file : undefined;
}

/** Load and check an indicator set (the bundled default when no path is given; a bundled set by its id). */
export async function loadIndicatorSet(file: string | undefined, cwd: string, options: { reference?: boolean } = {}): Promise<LoadedSet> {
  const bundled = file === undefined ? undefined : bundledSet(file, cwd);
  const abs = bundled ?? (file ? path.resolve(cwd, file) : DEFAULT_SET);
  const shown = bundled ? `indicators/${path.basename(bundled)}` : file ? displayPath(abs, cwd) : 'indicators/us-china-2024.yaml';
  const sources = new Map<string, string>();
  const cached = file === undefined && !options.reference ? cachedDefaultSet(abs) : undefined;
  if (cached) {
    sources.set(shown, cached.text);
    return { set: cached.set, file: shown, sha256: cached.sha256, problems: [], sources };
  }
  const { input, problem } = await readInput(abs, cwd, async () => Buffer.alloc(0));
  if (!input) {
    const p = problem!;
    return { file: shown, sha256: '', problems: [{ ...p, file: shown }], sources };
  }
  sources.set(shown, input.text);
  const parsed = await parseAndCheck(shown, input.text, validateIndicatorSet, options);
  if (!parsed.result) return { file: shown, sha256: input.sha256, problems: parsed.problems, sources };
  const { set, problems } = parsed.result;
  return { ...(set ? { set } : {}), file: shown, sha256: input.sha256, problems: problems.sort(compareProblems), sources };
}

export interface LoadedEvents {
  events: Event[];
  /** Errors and warnings together, sorted by file, line and column (with `keepWarnings`, only the first warnings). */
  problems: Problem[];
  /** With `keepWarnings`: how many warnings of each code were found after the ones kept (else absent). */
  omittedWarnings?: Map<string, number>;
  /** Text of every file read, for code frames (JSON Lines from disk excepted: see `rereadable`). */
  sources: Map<string, string>;
  /** JSON Lines files whose text is not kept, by the name problems give them: the path to read again for frames (frame-lines.ts). */
  rereadable: Map<string, string>;
  inputs: InputFile[];
  /** The subjects the files record (`subject:`), each with the first file that names it. */
  subjects: { subject: string; file: string }[];
  /** The absolute paths of the files read ("-" for stdin). */
  files: string[];
  /** With `wordsInFile`: the JSON Lines files the events' words are read back from. */
  textInFiles?: TextInFile[];
}

export interface LoadOptions {
  cwd: string;
  readStdin: (maxBytes?: number) => Promise<Buffer>;
  /** Largest event file read, in bytes (`--max-file-size`). */
  maxFileSize?: number;
  /** Today (YYYY-MM-DD) from the command line, for future-date warnings; the core never reads the clock. */
  today?: string;
  /** Parse with the reference parser only (slower; the fast path is checked against it in tests). */
  reference?: boolean;
  /** Called before each file is read, with how many are done (for a progress bar on a terminal). */
  onFile?: (done: number, total: number) => void;
  /** Follow symbolic links that lead outside the folders named (`--follow-symlinks`). */
  followSymlinks?: boolean;
  /** The name stdin is shown as, whose extension picks its parser (`--stdin-filename`). */
  stdinName?: string;
  /** false: read without the files' SHA-256, for outputs that never show it (ReadOptions.digest); their inputs' sha256 is ''. */
  digest?: boolean;
  /** Let a worker thread share the reading of many large files (default true). */
  workers?: boolean;
  /**
   * Only the problems matter (validate): return no events, keep of each only what the warnings
   * across events compare (a LookAlike: no summary, no source text), and the text of only the
   * files with problems (for code frames).
   */
  checkOnly?: boolean;
  /**
   * Keep only this many warnings, the first in reading order, and count the rest by code
   * (`omittedWarnings`): for outputs that show a few warnings and a count of the others. Every
   * error is kept.
   */
  keepWarnings?: number;
  /**
   * JSON Lines files on disk keep their events' summaries, notes and source titles in the file,
   * read back when something asks for one (text-in-file.ts): for outputs that print the words of
   * few events (the table). Close `textInFiles` when done.
   */
  wordsInFile?: boolean;
}

/**
 * For a JSON Lines file read line by line: whether its warnings from a line on need only be counted
 * (FirstWarnings.closedFrom). Once a line is closed, every later line is too (the last warning kept
 * only ever moves earlier), so the question is asked until the answer is yes, not on every line
 * (asked on each of 300,000 lines, it took a third of a second under the profiler).
 */
function closedAfter(first: FirstWarnings, file: string): (line: number) => ((code: string) => void) | undefined {
  let closed = false;
  return (line) => ((closed ||= first.closedFrom({ file, line, column: 0 })) ? first.omit : undefined);
}

/**
 * Resolve, read, parse and validate event files. Every problem in every file is collected:
 * the caller decides whether any error means the whole input cannot be scored.
 */
export async function loadEventFiles(paths: readonly string[], set: IndicatorSet, options: LoadOptions): Promise<LoadedEvents> {
  const { files, problems: unresolved } = await resolveInputs(paths, options.cwd, { followSymlinks: options.followSymlinks === true });
  const sources = new Map<string, string>();
  const rereadable = new Map<string, string>();
  const inputs: InputFile[] = [];
  const events: Event[] = [];
  const subjects: LoadedEvents['subjects'] = [];
  const checkId = duplicateIdChecker();
  // validate keeps no events for its caller, but the warnings across events need what they compare.
  const checked: LookAlike[] = [];
  const schema = compiledAfter(() => eventSchema(vocabularyOf(set)), 500);
  // Many large files: a worker thread reads the last ones while this thread reads the first.
  const fromWorker = options.workers === false ? undefined : startWorker(files, set, options);
  const problems: Problem[] = [];
  const first = options.keepWarnings === undefined ? undefined : new FirstWarnings(options.keepWarnings);
  const textInFiles: TextInFile[] = [];
  // In the order found, which FirstWarnings needs to keep what a stable sort of them all would put first.
  let seen = 0;
  const found = (p: Problem) => {
    seen++;
    if (first && p.severity === 'warning') first.add(p);
    else problems.push(p);
  };
  const add = (more: readonly Problem[]) => {
    for (const p of more) found(p);
  };
  add(unresolved);
  for (const [done, file] of files.entries()) {
    options.onFile?.(done, files.length);
    const name = file === STDIN ? (options.stdinName ?? '') : file;
    if (path.extname(name).toLowerCase() === '.jsonl') {
      const shown = file === STDIN ? options.stdinName! : displayPath(file, options.cwd);
      const lines = await loadJsonLines(file, shown, set, schema, {
        ...options,
        checkId,
        keepEvents: !options.checkOnly,
        keepLines: file === STDIN,
        ...(first ? { onProblem: found, omitWarnings: closedAfter(first, shown) } : {}),
        ...(options.checkOnly ? { onEvent: (e: Event) => checked.push(lookAlike(e)) } : {}),
      });
      add(lines.problems);
      if (lines.source !== undefined) sources.set(shown, lines.source);
      else if (file !== STDIN) rereadable.set(shown, file);
      for (const e of lines.events) events.push(e);
      if (lines.text) textInFiles.push(lines.text);
      if (lines.sha256 !== undefined) inputs.push({ path: shown, sha256: lines.sha256, events: lines.count });
      continue;
    }
    const result =
      (await fromWorker?.get(file)) ??
      (await loadYamlFile(file, set, schema, first ? { ...options, omitWarnings: (shown) => (first.closedFrom({ file: shown, line: 0, column: 0 }) ? first.omit : undefined) } : options));
    const before = seen;
    add(result.problems);
    if (result.parsed) {
      for (const e of result.events) {
        if (options.checkOnly) checked.push(lookAlike(e));
        else events.push(e);
      }
      for (const site of result.ids) {
        const repeat = checkId(site);
        if (repeat) found(repeat);
      }
      inputs.push({ path: result.input!.path, sha256: result.input!.sha256, events: result.count });
      if (result.subject !== undefined && !subjects.some((s) => s.subject === result.subject)) subjects.push({ subject: result.subject, file: result.input!.path });
    }
    if (result.input && (!options.checkOnly || seen > before)) sources.set(result.input.path, result.input.text);
  }
  // Warnings across events (look-alikes that may be one act twice, magnitudes without a unit).
  add(eventWarnings(options.checkOnly ? checked : events, set, first ? (at) => first.admits(at) : undefined));
  const read = { sources, rereadable, inputs, subjects, files, ...(textInFiles.length ? { textInFiles } : {}) };
  if (!first) return { events, problems: problems.sort(compareProblems), ...read };
  for (const p of first.kept) problems.push(p);
  return { events, problems: problems.sort(compareProblems), omittedWarnings: first.omitted, ...read };
}
