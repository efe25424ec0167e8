import path from 'node:path';
import type { CliIO, CommonOptions } from './context.js';
import { UsageError } from './context.js';
import { pathList } from '../core/config-schema.js';
import { compareSubjects, type CompareSubject } from '../core/compare.js';
import { newestDate } from '../core/engine.js';
import { textForMany, titleForMany } from '../core/subject.js';
import type { IndicatorSet } from '../core/types.js';
import { COMPARE_FORMATS, render } from '../format/index.js';
import { displayPath } from '../io/inputs.js';
import { loadEventFiles } from '../io/load.js';
import { packageVersion } from '../io/package-version.js';
import { configure } from './configured.js';
import { formatOptionsFor, hasErrors, inputFiles, reportProblems, reportWarnings, selectSubject, subjectFromFiles, usableSet, writeOutput } from './shared.js';

export interface CompareCommandOptions extends CommonOptions {
  format: string;
  asOf?: string;
  since?: string;
  draws: number;
  seed?: number;
  output?: string;
  maxFileSize?: number;
}

const DEFAULT_SEED = 1;

/**
 * `coopscore compare DIR...`: one folder of events per subject (or the config's `subjects` map),
 * scored under one set on one date, ranked with the 5–95% interval of each score and rank.
 */
export async function compare(dirs: string[], flags: CompareCommandOptions, io: CliIO): Promise<number> {
  if (flags.subject !== undefined) throw new UsageError('compare takes each subject from its folder (or the config\'s `subjects`), not --subject');
  const configured = await configure('compare', [], flags, io);
  if (!configured) return 2;
  const { options, config } = configured;
  if (options.since && options.asOf && options.since > options.asOf) throw new UsageError(`--since ${options.since} is after --as-of ${options.asOf}`);
  // Folders on the command line; else the config's subjects, each with its paths (relative to the config).
  const groups: { subject?: string; label: string; paths: string[] }[] =
    dirs.length > 0
      ? dirs.map((dir) => ({ label: dir, paths: [dir] }))
      : Object.entries(config?.config.subjects ?? {}).map(([subject, value]) => ({
          subject,
          label: subject,
          paths: pathList(value).map((p) => path.resolve(config!.dir, p)),
        }));
  if (groups.length === 0) {
    throw new UsageError('compare needs subjects: name one folder of events per subject, or list them as `subjects:` in coopscore.config.yaml');
  }
  const loadedSet = await usableSet({ ...options, subject: undefined }, io);
  if (!loadedSet) return 2;

  const subjects: CompareSubject[] = [];
  const sources = new Map<string, string>();
  const rereadable = new Map<string, string>();
  const loadedFiles: string[] = [];
  let failed = false;
  for (const group of groups) {
    let set: IndicatorSet = group.subject ? selectSubject(loadedSet.set, group.subject) : loadedSet.set;
    const loaded = await loadEventFiles(group.paths, set, {
      cwd: io.cwd,
      readStdin: io.readStdin,
      maxFileSize: options.maxFileSize,
      today: io.today,
      // The inputs' digests are printed only in JSON (see score).
      ...(options.format === 'json' ? {} : { digest: false }),
    });
    if (hasErrors(loaded.problems)) {
      await reportProblems(loaded.problems, loaded.sources, options, io, loaded.rereadable);
      failed = true;
      continue;
    }
    if (set.subject === '') set = subjectFromFiles(set, loaded);
    for (const [file, text] of loaded.sources) sources.set(file, text);
    for (const [file, at] of loaded.rereadable) rereadable.set(file, at);
    for (const file of loaded.files) loadedFiles.push(file);
    const same = subjects.find((s) => s.subject === set.subject);
    if (same) throw new UsageError(`${group.label} and ${same.paths.join(' ')} both record ${set.subject}; compare takes one folder per subject`);
    subjects.push({
      subject: set.subject,
      set,
      events: loaded.events,
      paths: group.paths.map((p) => displayPath(path.resolve(io.cwd, p), io.cwd)),
      inputs: loaded.inputs,
      warnings: loaded.problems.filter((p) => p.code !== 'future-date'),
    });
  }
  if (failed) {
    io.stderr('coopscore: nothing compared: fix the errors above (a partial set is never scored)\n');
    return 2;
  }
  const asOf = options.asOf ?? subjects.map((s) => newestDate(s.events)).filter((d): d is string => d !== undefined).sort().at(-1);
  if (asOf === undefined) throw new UsageError('the folders hold no events, so there is nothing to compare (give --as-of to compare empty records)');

  const report = compareSubjects(subjects, {
    asOf,
    ...(options.since ? { since: options.since } : {}),
    draws: options.draws,
    seed: options.seed ?? DEFAULT_SEED,
    tool: { name: 'coopscore', version: packageVersion() },
    setSha256: loadedSet.sha256,
    title: titleForMany(loadedSet.set),
    indicatorTitles: loadedSet.set.indicators.map((i) => textForMany(loadedSet.set, i.title, 'each country')),
  });
  await reportWarnings(subjects.flatMap((s) => s.warnings), sources, options, io, rereadable);
  await writeOutput(await render(COMPARE_FORMATS, options.format, report, await formatOptionsFor(options, io)), options.output, io, inputFiles(options, io, loadedFiles));
  return 0;
}
