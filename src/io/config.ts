import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { CONFIG_FILE, validateConfigDoc, type Config } from '../core/config-schema.js';
import { compareProblems } from '../core/engine.js';
import type { Problem } from '../core/types.js';
import { readInput } from './inputs.js';

/**
 * Finding and reading `coopscore.config.yaml`. Discovery starts in the working folder and walks up
 * through its parents, as ESLint and Prettier do, and stops at the first folder that is a
 * repository root (it holds `.git`), so a checkout never picks up a config from outside itself.
 */

export interface LoadedConfig {
  config: Config;
  /** The file as shown to the user and recorded in the report: relative to the working folder. */
  file: string;
  /** The folder the file's relative paths are resolved against. */
  dir: string;
  sha256: string;
}

export interface ConfigResult {
  /** Undefined when there is no config (none found, or --no-config) or when it has errors. */
  loaded?: LoadedConfig;
  problems: Problem[];
  sources: Map<string, string>;
}

const isFile = (file: string) => {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
};

/** The config file that applies in `cwd`: there or in a parent, stopping at a repository root. */
export function findConfig(cwd: string): string | undefined {
  let dir = path.resolve(cwd);
  for (;;) {
    const candidate = path.join(dir, CONFIG_FILE);
    if (isFile(candidate)) return candidate;
    if (existsSync(path.join(dir, '.git'))) return undefined;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** A path for messages and the report: relative to the working folder, '/'-separated, stable across machines. */
export function relativePath(file: string, cwd: string): string {
  return (path.relative(cwd, file) || '.').split(path.sep).join('/');
}

const noStdin = async () => Buffer.alloc(0);

/**
 * The config for a run: `--config FILE` (which must exist), none with `--no-config` (`false`), or
 * the one discovered from `cwd`.
 */
export async function loadConfig(option: string | false | undefined, cwd: string): Promise<ConfigResult> {
  const sources = new Map<string, string>();
  if (option === false) return { problems: [], sources };
  const abs = option !== undefined ? path.resolve(cwd, option) : findConfig(cwd);
  if (abs === undefined) return { problems: [], sources };
  const { input, problem } = await readInput(abs, cwd, noStdin, { maxFileSize: 1024 * 1024 });
  if (!input) return { problems: [problem!], sources };
  const file = relativePath(abs, cwd);
  sources.set(input.path, input.text);
  // The reference parser, loaded only when a config file exists (most runs have none).
  const { parseYamlDoc } = await import('./yaml-doc.js');
  const doc = parseYamlDoc(input.path, input.text);
  if (doc.problems.length) return { problems: doc.problems, sources };
  const { config, problems } = validateConfigDoc(doc);
  if (!config) return { problems: problems.sort(compareProblems), sources };
  return { loaded: { config, file, dir: path.dirname(abs), sha256: input.sha256 }, problems, sources };
}
