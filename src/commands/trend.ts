import type { CliIO, CommonOptions } from './context.js';
import { UsageError } from './context.js';
import { countPeriods, type Every } from '../core/periods.js';
import { trendEvents, trendRange } from '../core/trend.js';
import { render, TREND_FORMATS } from '../format/index.js';
import { packageVersion } from '../io/package-version.js';
import { configure, requirePaths } from './configured.js';
import { formatOptionsFor, inputFiles, loadScorable, reportWarnings, warningsKept, writeOutput, usingScorable, summaryKeyOf, type Scorable } from './shared.js';

export interface TrendCommandOptions extends CommonOptions {
  every: Every;
  format: string;
  since?: string;
  until?: string;
  dropAlert?: number;
  threshold?: number;
  chart?: boolean;
  failOnAlert?: boolean;
  output?: string;
  yAuto?: boolean;
  width?: number;
}

/** More periods than this is a mistake (months over a century), not a trend anyone reads. */
export const MAX_PERIODS = 1200;

/** `coopscore trend`: the score as of the end of each period, with backsliding and crisis alerts. */
export async function trend(given: string[], flags: TrendCommandOptions, io: CliIO): Promise<number> {
  const configured = await configure('trend', given, flags, io);
  if (!configured) return 2;
  const { options } = configured;
  const paths = requirePaths(configured.paths, configured.config);
  // The inputs' digests are printed only in JSON (see score); no format lists warnings, so only the first few are kept.
  // No format prints an event's words: a JSON Lines file's events leave theirs in the file (text-in-file.ts).
  const ready = await loadScorable(
    paths,
    { ...options, digest: options.format === 'json', keepWarnings: warningsKept(options), wordsInFile: true },
    io,
    options.since !== undefined || options.until !== undefined,
  );
  if (ready.exit !== undefined) return ready.exit;
  return usingScorable(ready, trendOf);

  async function trendOf({ loadedSet, set, loaded }: Scorable): Promise<number> {
    await reportWarnings(loaded.problems, loaded.sources, options, io, loaded.rereadable, loaded.omittedWarnings);

    const range = trendRange(loaded.events, options)!;
    if (range.since > range.until) {
      const [since, until] = [options.since ? '--since' : 'the oldest event', options.until ? '--until' : 'the newest event'];
      throw new UsageError(`${since} (${range.since}) is after ${until} (${range.until}): the range holds no day`);
    }
    const count = countPeriods(range.since, range.until, options.every);
    if (count > MAX_PERIODS) {
      const coarser = options.every === 'year' ? '' : 'a coarser --every or ';
      throw new UsageError(`${range.since} to ${range.until} is ${count} ${options.every}s, more than ${MAX_PERIODS}; use ${coarser}a shorter range (--since, --until)`);
    }
    const report = trendEvents(loaded.events, set, {
      every: options.every,
      since: range.since,
      until: range.until,
      ...(options.dropAlert !== undefined ? { dropPoints: options.dropAlert } : {}),
      ...(options.threshold !== undefined ? { threshold: options.threshold } : {}),
      tool: { name: 'coopscore', version: packageVersion() },
      setSha256: loadedSet.sha256,
      inputs: loaded.inputs,
      ...summaryKeyOf(loaded),
    });

    const text = await render(TREND_FORMATS, options.format, report, {
      ...(await formatOptionsFor(options, io)),
      chart: options.chart ?? (options.output === undefined && io.stdoutIsTTY),
      yAuto: options.yAuto === true,
    });
    await writeOutput(text, options.output, io, inputFiles(options, io, loaded.files));
    if (options.failOnAlert && report.summary.alerts > 0) {
      io.stderr(`coopscore: ${report.summary.alerts} alert${report.summary.alerts === 1 ? '' : 's'} raised (--fail-on-alert)\n`);
      return 1;
    }
    return 0;
  }
}
