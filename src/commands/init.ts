import path from 'node:path';
import type { CliIO, CommonOptions } from './context.js';
import { UsageError } from './context.js';
import { eventsJsonSchema } from '../core/json-schema.js';
import { EXAMPLE_EVENTS_FILE, EXAMPLE_SCHEMA_FILE, exampleEventsFile } from '../format/example-events.js';
import { displayPath } from '../io/inputs.js';
import { existingPaths, writeNewFiles } from '../io/scaffold.js';
import { usableSet } from './shared.js';

export interface InitCommandOptions extends CommonOptions {
  force?: boolean;
}

/**
 * `coopscore init [dir]`: a commented example event file and, next to it, the JSON Schema its
 * first line points editors at. Never overwrites a file unless `--force` (exit 2 and nothing written).
 */
export async function init(dir: string | undefined, options: InitCommandOptions, io: CliIO): Promise<number> {
  const loaded = await usableSet(options, io);
  if (!loaded) return 2;
  const { set } = loaded;
  const folder = path.resolve(io.cwd, dir ?? '.');
  const files = [
    { path: path.join(folder, EXAMPLE_EVENTS_FILE), text: exampleEventsFile(set) },
    { path: path.join(folder, EXAMPLE_SCHEMA_FILE), text: `${JSON.stringify(eventsJsonSchema(set), null, 2)}\n` },
  ];
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
    io.stderr(
      `coopscore: wrote ${events} (two example events) and ${shown(files[1]!.path)} (its schema, for editors)\n` +
        `next: edit ${events}, then run: coopscore validate ${events} && coopscore score ${folder === path.resolve(io.cwd) ? '.' : shown(folder)}\n`,
    );
  }
  return 0;
}
