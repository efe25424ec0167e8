import type { CliIO, CommonOptions } from './context.js';
import { UsageError } from './context.js';
import { compareProblems, scoreEvents } from '../core/engine.js';
import { REPORT_FORMATS } from '../format/index.js';
import { packageVersion } from '../io/package-version.js';
import { configure, requirePaths } from './configured.js';
import { formatOptionsFor, loadScorable, reportWarnings, writeOutput } from './shared.js';

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
}

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
  const input = await loadScorable(paths, options, io, options.asOf !== undefined);
  if (input.exit !== undefined) return input.exit;
  const { loadedSet, loaded } = input;
  let { set } = input;
  if (options.aggregation || options.missing) {
    set = { ...set, method: { ...set.method, ...(options.aggregation ? { aggregation: options.aggregation } : {}), ...(options.missing ? { missing: options.missing } : {}) } };
  }
  const report = scoreEvents(loaded.events, set, {
    ...(options.asOf ? { asOf: options.asOf } : {}),
    ...(options.since ? { since: options.since } : {}),
    ...(options.failBelow !== undefined ? { failBelow: options.failBelow } : {}),
    ...(options.minCoverage !== undefined ? { minCoverage: options.minCoverage } : {}),
    tool: { name: 'coopscore', version: packageVersion() },
    setSha256: loadedSet.sha256,
    inputs: loaded.inputs,
    warnings: loaded.problems.filter((p) => !CLOCK_CODES.has(p.code)),
    ...(loadedSet.weights ? { weights: loadedSet.weights } : {}),
  });
  if (config) report.inputs.config = { path: config.file, sha256: config.sha256 };
  if (options.sensitivity !== undefined) {
    // Only when asked: the normal score path never pays for the draws.
    const { analyzeSensitivity } = await import('../core/sensitivity.js');
    report.sensitivity = analyzeSensitivity(loaded.events, set, {
      draws: options.sensitivity === true ? DEFAULT_DRAWS : options.sensitivity,
      seed: options.seed ?? DEFAULT_SEED,
      sobol: true,
      asOf: report.asOf,
      ...(options.since ? { since: options.since } : {}),
    });
  }
  const clockWarnings = loaded.problems.filter((p) => CLOCK_CODES.has(p.code));
  await reportWarnings([...report.warnings, ...clockWarnings].sort(compareProblems), loaded.sources, options, io);

  if (options.format === 'svg') {
    const { formatSensitivitySvg } = await import('../format/sensitivity-svg.js');
    await writeOutput(formatSensitivitySvg(report), options.output, io);
  } else {
    const formatter = await REPORT_FORMATS[options.format]!();
    await writeOutput(formatter(report, await formatOptionsFor(options, io)), options.output, io);
  }
  for (const failure of report.verdict.failures) io.stderr(`coopscore: ${failure.message}\n`);
  return report.verdict.passed ? 0 : 1;
}
