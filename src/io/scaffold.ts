import { lstat, mkdir, writeFile } from 'node:fs/promises';
import { writeFileAtomic } from './write.js';

/** The paths among `files` that already exist (as anything: file, folder, link). */
export async function existingPaths(files: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  for (const file of files) {
    try {
      await lstat(file);
      found.push(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  return found;
}

/**
 * Write new files into a folder (created if missing). Without `overwrite`, a file that appears
 * between the caller's check and the write is still never replaced (the write fails with EEXIST).
 */
export async function writeNewFiles(dir: string, files: readonly { path: string; text: string }[], overwrite: boolean): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const file of files) {
    if (overwrite) await writeFileAtomic(file.path, file.text);
    else await writeFile(file.path, file.text, { flag: 'wx' });
  }
}

/**
 * The config `coopscore init` writes: the set and subject it was given (when given), the folder's
 * event files as the default paths, and the thresholds a CI job would set, commented out.
 */
export function configFileText(options: { indicators?: string; subject?: string; set: { id: string } }): string {
  const lines = [
    '# coopscore reads this file in this folder and every folder below it (up to the repository root);',
    '# a flag on the command line overrides it. `coopscore schema config` prints its JSON Schema.',
    'version: 1',
  ];
  if (options.indicators !== undefined) lines.push(`indicators: ${JSON.stringify(options.indicators)}   # the set "${options.set.id}"; relative to this file, or a bundled set's id`);
  if (options.subject !== undefined) lines.push(`subject: ${options.subject}`);
  lines.push(
    'paths: [.]            # event files read by `coopscore score`, `validate` and `trend` when none are named',
    '# failBelow: 40        # score: exit 1 below this composite',
    '# minCoverage: 0.5     # score: exit 1 below this coverage',
    '# maxWarnings: 0       # validate: exit 1 with more warnings than this',
    '# format: { score: table, validate: text }',
    '',
  );
  return lines.join('\n');
}
