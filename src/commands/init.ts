import path from 'node:path';
import type { CliIO, CommonOptions } from './context.js';
import { UsageError } from './context.js';
import { CONFIG_FILE } from '../core/config-schema.js';
import { eventsJsonSchema } from '../core/json-schema.js';
import { EXAMPLE_EVENTS_FILE, EXAMPLE_SCHEMA_FILE, exampleEventsFile } from '../format/example-events.js';
import { displayPath } from '../io/inputs.js';
import { bundledSet } from '../io/load.js';
import { configFileText, existingPaths, writeNewFiles } from '../io/scaffold.js';
import { configure } from './configured.js';
import { usableSet } from './shared.js';

export interface InitCommandOptions extends CommonOptions {
  force?: boolean;
}

/** A word as a POSIX shell reads it back: quoted only when it needs to be. */
const shellWord = (word: string) => (/^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`);

/**
 * `coopscore init [dir]`: a commented example event file, the JSON Schema its first line points
 * editors at, and a coopscore.config.yaml that pins the set, the subject and the event paths (none
 * with --no-config). Never overwrites a file unless `--force` (exit 2 and nothing written). The
 * "next:" line repeats the flags it was given, so the commands it suggests run as they are.
 */
export async function init(dir: string | undefined, flags: InitCommandOptions, io: CliIO): Promise<number> {
  const configured = await configure('init', [], flags, io);
  if (!configured) return 2;
  const { options } = configured;
  const loaded = await usableSet(options, io);
  if (!loaded) return 2;
  const { set } = loaded;
  if (set.subject === '') {
    throw new UsageError(`the indicator set "${set.id}" scores any country: pass --subject XX (an ISO 3166 code) so the example and the config name it`);
  }
  const folder = path.resolve(io.cwd, dir ?? '.');
  const files = [
    { path: path.join(folder, EXAMPLE_EVENTS_FILE), text: exampleEventsFile(set) },
    { path: path.join(folder, EXAMPLE_SCHEMA_FILE), text: `${JSON.stringify(eventsJsonSchema(set), null, 2)}\n` },
  ];
  const writeConfig = flags.config !== false;
  if (writeConfig) {
    // The config names the set as the user did: a bundled id stays an id, a file becomes relative to the config.
    const indicators =
      options.indicators === undefined ? undefined : bundledSet(options.indicators, io.cwd) ? options.indicators : path.relative(folder, path.resolve(io.cwd, options.indicators)).split(path.sep).join('/');
    files.push({ path: path.join(folder, CONFIG_FILE), text: configFileText({ indicators, subject: options.subject, set }) });
  }
  const shown = (file: string) => displayPath(file, io.cwd);
  const fail = (error: unknown): never => {
    const code = (error as NodeJS.ErrnoException).code;
    const where = (error as NodeJS.ErrnoException).path;
    if (code === 'EEXIST' && where) throw new UsageError(`${shown(where)} already exists; nothing overwritten (use --force to replace it)`);
    throw new UsageError(`cannot write ${where ? shown(where) : shown(folder)}: ${code ?? (error as Error).message}`);
  };

  if (!options.force) {
    const existing = await existingPaths(files.map((f) => f.path)).catch(fail);
    if (existing.length) {
      const names = existing.map(shown).join(' and ');
      throw new UsageError(`${names} already ${existing.length === 1 ? 'exists' : 'exist'}; nothing written (use --force to overwrite)`);
    }
  }
  await writeNewFiles(folder, files, options.force === true).catch(fail);

  if (!options.quiet) {
    const events = shown(files[0]!.path);
    const here = folder === path.resolve(io.cwd);
    // The flags this run was given (not what a config supplied), so the suggested commands need nothing else.
    const given = [
      ...(flags.indicators !== undefined ? ['--indicators', flags.indicators] : []),
      ...(flags.subject !== undefined ? ['--subject', flags.subject] : []),
      ...(flags.config === false ? ['--no-config'] : typeof flags.config === 'string' ? ['--config', flags.config] : []),
    ].map(shellWord);
    const withFlags = (words: string[]) => [...words.map(shellWord), ...given].join(' ');
    const configured = writeConfig ? ` (${here ? '' : `in ${shown(folder)}, `}${CONFIG_FILE} holds these settings, so \`coopscore validate && coopscore score\` is enough)` : '';
    io.stderr(
      `coopscore: wrote ${files.map((f) => shown(f.path)).join(', ')}\n` +
        `next: edit ${events}, then run: ${withFlags(['coopscore', 'validate', events])} && ${withFlags(['coopscore', 'score', here ? '.' : shown(folder)])}${configured}\n`,
    );
  }
  return 0;
}
