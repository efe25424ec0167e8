import path from 'node:path';
import type { CliIO, CommonOptions } from '../cli.js';
import { UsageError, useColor } from '../cli.js';
import { compareProblems, scoreEvents } from '../core/engine.js';
import { problem } from '../core/problems.js';
import { REPORT_FORMATS } from '../format/index.js';
import { loadEventFiles, readPackageVersion } from '../io/load.js';
import { writeFileAtomic } from '../io/write.js';
import { activeSet, hasErrors, paintFor, reportProblems } from './shared.js';

export interface ScoreCommandOptions extends CommonOptions {
  format: string;
  asOf?: string;
  since?: string;
  failBelow?: number;
  minCoverage?: number;
  output?: string;
  maxFileSize?: number;
}

/** Warnings that depend on the day the command runs: printed, but kept out of the report so its bytes stay stable. */
const CLOCK_CODES = new Set(['future-date']);

/** `coopscore score`: never scores a partial set; any input error means exit 2 with every problem listed. */
export async function score(paths: string[], options: ScoreCommandOptions, io: CliIO): Promise<number> {
  const loadedSet = await activeSet(options, io);
  if (!loadedSet.ok) {
    await reportProblems(loadedSet.problems, loadedSet.sources, options, io);
    return 2;
  }
  const set = loadedSet.set!;
  const loaded = await loadEventFiles(paths, set, { cwd: io.cwd, readStdin: io.readStdin, maxFileSize: options.maxFileSize, today: io.today });
  if (hasErrors(loaded.problems)) {
    await reportProblems(loaded.problems, loaded.sources, options, io);
    io.stderr('coopscore: nothing scored: fix the errors above (a partial set is never scored)\n');
    return 2;
  }
  if (loaded.events.length === 0 && options.asOf === undefined) {
    await reportProblems(
      [...loaded.problems, problem(paths.join(' '), undefined, 'no-events', 'the inputs hold no events, so there is nothing to score')],
      loaded.sources,
      options,
      io,
    );
    return 2;
  }
  if (options.since && options.asOf && options.since > options.asOf) {
    throw new UsageError(`--since ${options.since} is after --as-of ${options.asOf}`);
  }
  const report = scoreEvents(loaded.events, set, {
    ...(options.asOf ? { asOf: options.asOf } : {}),
    ...(options.since ? { since: options.since } : {}),
    ...(options.failBelow !== undefined ? { failBelow: options.failBelow } : {}),
    ...(options.minCoverage !== undefined ? { minCoverage: options.minCoverage } : {}),
    tool: { name: 'coopscore', version: await readPackageVersion() },
    setSha256: loadedSet.sha256,
    inputs: loaded.inputs,
    warnings: loaded.problems.filter((p) => !CLOCK_CODES.has(p.code)),
  });
  const clockWarnings = loaded.problems.filter((p) => CLOCK_CODES.has(p.code));
  await reportProblems([...report.warnings, ...clockWarnings].sort(compareProblems), loaded.sources, options, io);

  const formatter = await REPORT_FORMATS[options.format]!();
  const color = options.output === undefined && useColor(options, io);
  const text = formatter(report, {
    paint: await paintFor({ ...options, color }, io),
    color,
    width: io.stdoutIsTTY && io.columns ? io.columns : 120,
  });
  if (options.output) {
    try {
      await writeFileAtomic(path.resolve(io.cwd, options.output), text);
    } catch (error) {
      throw new UsageError(`cannot write ${options.output}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
  } else io.stdout(text);

  for (const failure of report.verdict.failures) io.stderr(`coopscore: ${failure.message}\n`);
  return report.verdict.passed ? 0 : 1;
}
