import path from 'node:path';
import type { CliIO, CommonOptions } from './context.js';
import { UsageError } from './context.js';
import { pathList, type ConfigCommand } from '../core/config-schema.js';
import { loadConfig, type LoadedConfig } from '../io/config.js';
import { bundledSet } from '../io/load.js';
import { reportProblems } from './shared.js';

/** The options a config file may set, beside the common ones. */
export interface ConfigurableOptions extends CommonOptions {
  format?: string;
  failBelow?: number;
  minCoverage?: number;
  maxWarnings?: number;
  anchors?: string;
}

export interface Configured<T> {
  options: T;
  /** The event paths: as given, or the config's (resolved against its folder). */
  paths: string[];
  config?: LoadedConfig;
}

/**
 * Fill in what the command line left out from the config file: a flag always wins, then the
 * config, then the indicator set's or the command's default. Paths in the config are relative to
 * its folder; a bundled set's id (`indicators: us-precursor-cooperation`) stays an id. Returns
 * undefined once a broken config's problems are printed (the caller exits 2).
 */
export async function configure<T extends ConfigurableOptions>(
  command: ConfigCommand | 'init' | 'schema',
  paths: readonly string[],
  options: T,
  io: CliIO,
): Promise<Configured<T> | undefined> {
  const result = await loadConfig(options.config, io.cwd);
  if (result.problems.some((p) => p.severity === 'error')) {
    await reportProblems(result.problems, result.sources, options, io);
    io.stderr('coopscore: the config file has errors (fix them, or run with --no-config)\n');
    return undefined;
  }
  const loaded = result.loaded;
  if (!loaded) return { options, paths: [...paths] };
  const { config, dir } = loaded;
  const fromConfig = (file: string) => path.resolve(dir, file);
  const merged: T = { ...options };
  if (merged.indicators === undefined && config.indicators !== undefined) {
    merged.indicators = bundledSet(config.indicators, dir) ? config.indicators : fromConfig(config.indicators);
  }
  if (merged.weights === undefined && config.weights !== undefined) merged.weights = fromConfig(config.weights);
  if (merged.subject === undefined && config.subject !== undefined) merged.subject = config.subject;
  const defaulted = new Set(options.defaulted ?? []);
  const format = command === 'init' || command === 'schema' ? undefined : config.format?.[command];
  if (format !== undefined && (merged.format === undefined || defaulted.has('format'))) merged.format = format;
  if (command === 'score') {
    if (merged.failBelow === undefined && config.failBelow !== undefined) merged.failBelow = config.failBelow;
    if (merged.minCoverage === undefined && config.minCoverage !== undefined) merged.minCoverage = config.minCoverage;
  }
  if (command === 'validate' && merged.maxWarnings === undefined && config.maxWarnings !== undefined) merged.maxWarnings = config.maxWarnings;
  if (command === 'calibrate' && merged.anchors === undefined && config.anchors !== undefined) merged.anchors = fromConfig(config.anchors);
  const eventPaths = paths.length > 0 ? [...paths] : pathList(config.paths).map(fromConfig);
  return { options: merged, paths: eventPaths, config: loaded };
}

/** The event paths to read, or a usage error naming both ways to give them. */
export function requirePaths(paths: readonly string[], config: LoadedConfig | undefined): string[] {
  if (paths.length > 0) return [...paths];
  throw new UsageError(
    config
      ? `no event paths: name files or folders, or add \`paths:\` to ${config.file}`
      : 'no event paths: name files or folders (or - for stdin), or write them as `paths:` in a coopscore.config.yaml',
  );
}
