import path from 'node:path';
import type { CliIO, CommonOptions } from './context.js';
import { UsageError, useColor } from './context.js';
import type { SettingNames } from '../core/messages.js';
import { problem } from '../core/problems.js';
import { scoresAnySubject, setForSubject, subjectRefusal } from '../core/subject.js';
import type { WeightsUsed } from '../core/report.js';
import type { SummaryKey } from '../core/evidence.js';
import type { IndicatorSet, Problem } from '../core/types.js';
import { PROBLEM_FORMATS } from '../format/index.js';
import type { FormatOptions } from '../format/options.js';
import { makePaint, type Paint } from '../format/paint.js';
import { DEFAULT_SET, loadEventFiles, loadIndicatorSet, type LoadedEvents, type LoadedSet } from '../io/load.js';
import { displayPath, errnoText, STDIN } from '../io/inputs.js';
import { withFrameLines } from '../io/frame-lines.js';
import { summaryLengthKey } from '../io/text-in-file.js';
import { progressBar } from '../io/progress.js';
import { sameFileAs, writeFileAtomic, type Text } from '../io/write.js';
import { terminalText } from '../format/escape.js';

/** The CLI names each setting by its flag in the messages core words (a library caller gets neutral words). */
export const CLI_SETTING_NAMES: SettingNames = {
  failBelow: '--fail-below',
  minCoverage: '--min-coverage',
  failOnRegression: '--fail-on-regression',
};

/**
 * Problems on stderr, with code frames, coloured only when stderr would be. Files in `rereadable`
 * (JSON Lines whose text was not kept) are read again for the lines the frames show.
 */
export async function reportProblems(
  problems: readonly Problem[],
  sources: ReadonlyMap<string, string>,
  options: CommonOptions,
  io: CliIO,
  rereadable: ReadonlyMap<string, string> = new Map(),
): Promise<void> {
  const shown = options.quiet ? problems.filter((p) => p.severity === 'error') : problems;
  if (shown.length === 0) return;
  const color = useColor(options, io);
  const format = await PROBLEM_FORMATS.text!();
  io.stderr(format(shown, { paint: await makePaint(color), color, width: DEFAULT_WIDTH, sources: withFrameLines(shown, sources, rereadable) }));
}

/** Warnings shown in full beside a report; past this, a count by code (the JSON report lists every one). */
export const WARNINGS_SHOWN = 20;

/** What a run that prints its warnings only beside its report keeps of them (LoadOptions.keepWarnings): what reportWarnings shows. */
export const warningsKept = (options: CommonOptions): number => (options.quiet ? 0 : WARNINGS_SHOWN);

/**
 * Warnings beside a report (score, trend): the first few in full, then one line counting the rest by
 * code, so ten thousand ungraded sources do not bury the report's own output on a terminal.
 */
export async function reportWarnings(
  warnings: readonly Problem[],
  sources: ReadonlyMap<string, string>,
  options: CommonOptions,
  io: CliIO,
  rereadable?: ReadonlyMap<string, string>,
  omitted?: ReadonlyMap<string, number>,
): Promise<void> {
  if (options.quiet) return;
  if (warnings.length > 0) await reportProblems(warnings.slice(0, WARNINGS_SHOWN), sources, options, io, rereadable);
  // The rest: those past the first WARNINGS_SHOWN, and those the loader only counted (LoadOptions.keepWarnings).
  const byCode = new Map<string, number>(omitted);
  for (let i = WARNINGS_SHOWN; i < warnings.length; i++) byCode.set(warnings[i]!.code, (byCode.get(warnings[i]!.code) ?? 0) + 1);
  let more = 0;
  for (const n of byCode.values()) more += n;
  if (more === 0) return;
  const counts = [...byCode].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([code, n]) => `${n} ${code}`).join(', ');
  io.stderr(`coopscore: ${more} more warning${more === 1 ? '' : 's'} not shown (${counts}); --format json lists them all, coopscore validate shows each, --quiet hides them\n`);
}

/**
 * The set for the run's subject (`--subject` or the config), its text rendered with country names;
 * a set specific to another country refuses in one line that names the general set. A set for any
 * subject with none named yet is returned as it is: the event files may name it (see loadScorable).
 */
export function selectSubject(set: IndicatorSet, subject: string | undefined): IndicatorSet {
  if (subject === undefined && scoresAnySubject(set)) return set;
  const refusal = subjectRefusal(set, subject);
  if (refusal) throw new UsageError(`${refusal.message}; ${refusal.hint}`);
  return setForSubject(set, subject ?? set.subject);
}

/** The active indicator set (with `--weights` applied, selected for the subject), or the problems that stop us from using it. */
export async function activeSet(options: CommonOptions, io: CliIO): Promise<LoadedSet & { ok: boolean; weights?: WeightsUsed }> {
  const raw = await loadIndicatorSet(options.indicators, io.cwd);
  const loaded = raw.set ? { ...raw, set: selectSubject(raw.set, options.subject) } : raw;
  const ok = loaded.set !== undefined && loaded.problems.every((p) => p.severity !== 'error');
  if (!ok || options.weights === undefined) return { ...loaded, ok };
  const { loadWeights } = await import('../io/weights.js');
  const weighted = await loadWeights(options.weights, io.cwd, loaded.set!);
  const sources = new Map([...loaded.sources, ...weighted.sources]);
  if (!weighted.set) return { ...loaded, problems: [...loaded.problems, ...weighted.problems], sources, ok: false };
  return { ...loaded, set: weighted.set, sources, ok: true, ...(weighted.used ? { weights: weighted.used } : {}) };
}

/** The active set, or undefined once the problems that stop its use are printed (the caller exits 2). */
export async function usableSet(options: CommonOptions, io: CliIO): Promise<(LoadedSet & { set: IndicatorSet; weights?: WeightsUsed }) | undefined> {
  const loaded = await activeSet(options, io);
  if (loaded.ok) return loaded as LoadedSet & { set: IndicatorSet; weights?: WeightsUsed };
  await reportProblems(loaded.problems, loaded.sources, options, io);
  return undefined;
}

export async function paintFor(options: CommonOptions, io: CliIO): Promise<Paint> {
  return makePaint(useColor(options, io));
}

export const IO_CODES = new Set(['file-not-found', 'read-error', 'no-input']);

export const hasErrors = (problems: readonly Problem[]) => problems.some((p) => p.severity === 'error');

/** What loadScorable gives when the inputs can be scored. */
export interface Scorable {
  exit?: undefined;
  loadedSet: LoadedSet & { weights?: WeightsUsed };
  set: IndicatorSet;
  loaded: LoadedEvents;
}

/** Run `use` on scorable inputs, then let go of the files their words are read back from (LoadOptions.wordsInFile). */
export async function usingScorable<T>(ready: Scorable, use: (ready: Scorable) => Promise<T>): Promise<T> {
  try {
    return await use(ready);
  } finally {
    for (const text of ready.loaded.textInFiles ?? []) text.close();
  }
}

/** For scoreEvents: when words are left in files, the exact-duplicate check reads back only summaries of one length (SummaryKey). */
export function summaryKeyOf(loaded: LoadedEvents): { summaryKey?: SummaryKey } {
  return loaded.textInFiles ? { summaryKey: summaryLengthKey } : {};
}

/**
 * The active set and the events of `paths`, or the exit code when they cannot be scored: any error
 * in the set or an event file, or no events at all unless a date to score on was given.
 */
export async function loadScorable(
  paths: string[],
  options: CommonOptions & { maxFileSize?: number; stdinFilename?: string; followSymlinks?: boolean; digest?: boolean; keepWarnings?: number; wordsInFile?: boolean },
  io: CliIO,
  haveDate: boolean,
): Promise<{ exit: number } | Scorable> {
  const loadedSet = await usableSet(options, io);
  if (!loadedSet) return { exit: 2 };
  let { set } = loadedSet;
  const load = async (keepWarnings: number | undefined) => {
    const progress = progressBar('reading', io.stderr, io.stderrIsTTY === true);
    const result = await loadEventFiles(paths, set, {
      onFile: (done, total) => progress.update(done, total),
      cwd: io.cwd,
      readStdin: io.readStdin,
      maxFileSize: options.maxFileSize,
      today: io.today,
      ...(options.stdinFilename ? { stdinName: options.stdinFilename } : {}),
      ...(options.followSymlinks ? { followSymlinks: true } : {}),
      ...(options.digest === false ? { digest: false } : {}),
      ...(keepWarnings !== undefined ? { keepWarnings } : {}),
      ...(options.wordsInFile ? { wordsInFile: true } : {}),
    });
    progress.end();
    return result;
  };
  // Input that cannot be scored lists every problem, warnings too (unless --quiet): it is read again
  // for the warnings only counted. Standard input cannot be read twice, so it keeps them all from the start.
  let loaded = await load(paths.includes(STDIN) ? undefined : options.keepWarnings);
  const refused = hasErrors(loaded.problems) || (loaded.events.length === 0 && !haveDate);
  if (refused && !options.quiet && loaded.omittedWarnings !== undefined && loaded.omittedWarnings.size > 0) loaded = await load(undefined);
  if (set.subject === '' && !hasErrors(loaded.problems)) set = subjectFromFiles(set, loaded);
  if (hasErrors(loaded.problems)) {
    await reportProblems(loaded.problems, loaded.sources, options, io, loaded.rereadable);
    io.stderr('coopscore: nothing scored: fix the errors above (a partial set is never scored)\n');
    return { exit: 2 };
  }
  if (loaded.events.length === 0 && !haveDate) {
    await reportProblems(
      [...loaded.problems, problem(paths.join(' '), undefined, 'no-events', 'the inputs hold no events, so there is nothing to score')],
      loaded.sources,
      options,
      io,
      loaded.rereadable,
    );
    return { exit: 2 };
  }
  return { loadedSet: { ...loadedSet, set }, set, loaded };
}

/** A set for any subject, selected for the one subject its event files record (they must agree on one). */
export function subjectFromFiles(set: IndicatorSet, loaded: Pick<LoadedEvents, 'subjects'>): IndicatorSet {
  if (loaded.subjects.length > 1) {
    const which = loaded.subjects.map((s) => `${s.subject} in ${s.file}`).join(', ');
    throw new UsageError(`the files record different subjects (${which}); score one at a time, or rank them with coopscore compare`);
  }
  const subject = loaded.subjects[0]?.subject;
  const refusal = subjectRefusal(set, subject);
  if (refusal) throw new UsageError(`${refusal.message}; ${refusal.hint}`);
  return setForSubject(set, subject!);
}

/** The files a command read (events, indicator set, weights file), for the `-o` check below. */
export function inputFiles(options: CommonOptions, io: CliIO, events: readonly string[] = []): string[] {
  const files = [...events, options.indicators === undefined ? DEFAULT_SET : path.resolve(io.cwd, options.indicators)];
  if (options.weights !== undefined) files.push(path.resolve(io.cwd, options.weights));
  return files;
}

/**
 * Write `text` to `-o FILE` (atomically for a regular file, written through for a device, FIFO or
 * link: see writeFileAtomic), or to stdout. A FILE that is one of the inputs is refused.
 */
export async function writeOutput(text: Text, output: string | undefined, io: CliIO, inputs: readonly string[] = []): Promise<void> {
  if (output === undefined) {
    if (typeof text === 'string') io.stdout(text);
    else {
      for (const chunk of text) {
        io.stdout(chunk);
        await io.stdoutDrained?.();
      }
    }
    return;
  }
  const target = path.resolve(io.cwd, output);
  const clash = sameFileAs(target, inputs);
  if (clash !== undefined) {
    throw new UsageError(`-o ${terminalText(output)} is ${terminalText(displayPath(clash, io.cwd))}, one of the inputs; nothing written (write the output elsewhere)`);
  }
  try {
    await writeFileAtomic(target, text);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot write ${terminalText(output)}: ${code ? errnoText(error) : (error as Error).message}`);
  }
}

/** Output width when not on a terminal: a fixed default keeps piped and saved output the same everywhere. */
export const DEFAULT_WIDTH = 80;

/**
 * Paint, colour and width for a formatter: colour only on a terminal and never into a file; the
 * width is `--width`, else the terminal's, else 80.
 */
export async function formatOptionsFor(options: CommonOptions & { output?: string; width?: number }, io: CliIO): Promise<FormatOptions> {
  const color = options.output === undefined && useColor(options, io);
  const width = options.width ?? (options.output === undefined && io.stdoutIsTTY && io.columns ? io.columns : DEFAULT_WIDTH);
  return { paint: await paintFor({ ...options, color }, io), color, width };
}
