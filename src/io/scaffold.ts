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
