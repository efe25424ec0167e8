import type { CliIO, CommonOptions } from './context.js';
import { UsageError } from './context.js';
import { compareProblems, scoreEvents } from '../core/engine.js';
import { terminalText } from '../format/escape.js';
import { render, REPORT_FORMATS, SENSITIVITY_FORMATS } from '../format/index.js';
import { packageVersion } from '../io/package-version.js';
import { TOP_EVIDENCE } from '../format/top-evidence.js';
import { configure, requirePaths } from './configured.js';
import { CLI_SETTING_NAMES, formatOptionsFor, inputFiles, loadScorable, reportWarnings, warningsKept, writeOutput, usingScorable, summaryKeyOf, type Scorable } from './shared.js';

export interface ScoreCommandOptions extends CommonOptions {
  format: string;
  asOf?: string;
  since?: string;
  failBelow?: number;
  minCoverage?: number;
  output?: string;
  aggregation?: 'arithmetic' | 'geometric';
  missing?: 'zero' | 'renormalize';
  /** `true` for the default number of draws. */
  sensitivity?: number | true;
  seed?: number;
  maxFileSize?: number;
  width?: number;
}

/** Formats that draw the composite over time beside the report. */
const CHARTED = new Set(['html', 'markdown']);
/** Quarters make a readable chart; a longer history is drawn by year. */
const MAX_QUARTERS = 80;

/** Warnings that depend on the day the command runs: printed, but kept out of the report so its bytes stay stable. */
const CLOCK_CODES = new Set(['future-date']);

const DEFAULT_DRAWS = 1000;
const DEFAULT_SEED = 1;

/** `coopscore score`: never scores a partial set; any input error means exit 2 with every problem listed. */
export async function score(given: string[], flags: ScoreCommandOptions, io: CliIO): Promise<number> {
  const configured = await configure('score', given, flags, io);
  if (!configured) return 2;
  const { options, config } = configured;
  const paths = requirePaths(configured.paths, config);
  if (options.seed !== undefined && options.sensitivity === undefined) throw new UsageError('--seed only applies with --sensitivity');
  if (options.format === 'svg' && options.sensitivity === undefined) throw new UsageError('--format svg draws the sensitivity analysis: add --sensitivity');
  if (options.since && options.asOf && options.since > options.asOf) {
    throw new UsageError(`--since ${options.since} is after --as-of ${options.asOf}`);
  }
  // Only the JSON report prints the inputs' digests: other formats read without them (no node:crypto).
  // The table and the SVG list no warnings: the first few go to stderr, the rest only counted.
  const keepWarnings = options.format === 'table' || options.format === 'svg' ? warningsKept(options) : undefined;
  // The table prints the words of three pieces of evidence per indicator: a JSON Lines file's events
  // leave theirs in the file, read back for those few (text-in-file.ts).
  const wordsInFile = options.format === 'table';
  const input = await loadScorable(paths, { ...options, digest: options.format === 'json', wordsInFile, ...(keepWarnings !== undefined ? { keepWarnings } : {}) }, io, options.asOf !== undefined);
  if (input.exit !== undefined) return input.exit;
  return usingScorable(input, scoreInput);

  async function scoreInput({ loadedSet, loaded, set: scorableSet }: Scorable): Promise<number> {
    let set = scorableSet;
    if (options.aggregation || options.missing) {
      set = { ...set, method: { ...set.method, ...(options.aggregation ? { aggregation: options.aggregation } : {}), ...(options.missing ? { missing: options.missing } : {}) } };
    }
    const report = scoreEvents(loaded.events, set, {
      ...(options.asOf ? { asOf: options.asOf } : {}),
      ...(options.since ? { since: options.since } : {}),
      ...(options.failBelow !== undefined ? { failBelow: options.failBelow } : {}),
      ...(options.minCoverage !== undefined ? { minCoverage: options.minCoverage } : {}),
      settingNames: CLI_SETTING_NAMES,
      tool: { name: 'coopscore', version: packageVersion() },
      setSha256: loadedSet.sha256,
      inputs: loaded.inputs,
      warnings: loaded.problems.filter((p) => !CLOCK_CODES.has(p.code)),
      ...(loadedSet.weights ? { weights: loadedSet.weights } : {}),
      // The table names a few pieces of evidence per indicator: only those are made as objects.
      ...(options.format === 'table' ? { evidence: { top: TOP_EVIDENCE } } : {}),
      ...summaryKeyOf(loaded),
    });
    if (config) report.inputs.config = { path: config.file, sha256: config.sha256 };
    // The same rule as --since after --as-of: a range that starts after the scoring date holds no day.
    if (options.since && options.since > report.asOf) {
      throw new UsageError(`--since ${options.since} is after the scoring date ${report.asOf} (the newest event's date; set it with --as-of): nothing would be scored`);
    }
    // Every figure must be a number: huge weights (1e308) once made the composite NaN, and NaN is
    // below nothing, so --fail-below passed. A figure that is not finite fails every threshold.
    const broken = [['the composite', report.score], ['coverage', report.coverage], ...report.indicators.map((i) => [`the score of ${i.id}`, i.score] as const)].find(
      ([, value]) => !Number.isFinite(value),
    );
    if (broken) {
      io.stderr(`coopscore: internal check failed: ${terminalText(String(broken[0]))} is not a finite number (${broken[1]}); nothing written\n`);
      if (options.failBelow !== undefined) io.stderr(`coopscore: the composite is not a number, so it is not at least --fail-below ${options.failBelow}\n`);
      if (options.minCoverage !== undefined) io.stderr(`coopscore: coverage is not a number, so it is not at least --min-coverage ${options.minCoverage}\n`);
      return options.failBelow !== undefined || options.minCoverage !== undefined ? 1 : 2;
    }
    if (options.sensitivity !== undefined) {
      // Only when asked: the normal score path never pays for the draws.
      const { analyzeSensitivity } = await import('../core/sensitivity.js');
      const { progressBar } = await import('../io/progress.js');
      const progress = progressBar('sensitivity', io.stderr, io.stderrIsTTY === true);
      report.sensitivity = analyzeSensitivity(loaded.events, set, {
        onDraw: (done, total) => progress.update(done, total),
        draws: options.sensitivity === true ? DEFAULT_DRAWS : options.sensitivity,
        seed: options.seed ?? DEFAULT_SEED,
        sobol: true,
        asOf: report.asOf,
        ...(options.since ? { since: options.since } : {}),
      });
      progress.end();
    }
    const clockWarnings = loaded.problems.filter((p) => CLOCK_CODES.has(p.code));
    await reportWarnings([...report.warnings, ...clockWarnings].sort(compareProblems), loaded.sources, options, io, loaded.rereadable, loaded.omittedWarnings);

    if (options.format === 'svg') {
      const formatSvg = await SENSITIVITY_FORMATS.svg!();
      await writeOutput(formatSvg(report, await formatOptionsFor(options, io)), options.output, io, inputFiles(options, io, loaded.files));
    } else await writeReport();
    for (const failure of report.verdict.failures) io.stderr(`coopscore: ${failure.message}\n`);
    return report.verdict.passed ? 0 : 1;

    async function writeReport(): Promise<void> {
      const formatOptions = await formatOptionsFor(options, io);
      if (CHARTED.has(options.format) && loaded.events.length > 0) {
        // The briefings chart the composite at the end of each quarter up to the scoring date, with
        // the same set and rules, so the chart's last point is the report's score.
        const { countPeriods } = await import('../core/periods.js');
        const { trendEvents, trendRange } = await import('../core/trend.js');
        const range = trendRange(loaded.events, { ...(options.since ? { since: options.since } : {}), until: report.asOf })!;
        if (range.since <= range.until) {
          formatOptions.trend = trendEvents(loaded.events, set, {
            every: countPeriods(range.since, range.until, 'quarter') > MAX_QUARTERS ? 'year' : 'quarter',
            ...range,
            tool: report.tool,
            setSha256: loadedSet.sha256,
            inputs: loaded.inputs,
          });
        }
      }
      await writeOutput(await render(REPORT_FORMATS, options.format, report, formatOptions), options.output, io, inputFiles(options, io, loaded.files));
    }
  }
}
