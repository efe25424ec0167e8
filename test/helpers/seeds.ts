import { loadEventFiles } from '../../src/io/load.js';
import type { Event } from '../../src/core/types.js';
import { defaultSet, ROOT } from './fixtures.js';

/** The frozen record of the first release (test/fixtures/record-2024): stable ids and dates for engine tests. */
export const RECORD = 'test/fixtures/record-2024';

/** Events loaded as the CLI loads them (paths relative to the repository root); by default the frozen record. */
export async function seedEvents(folder = RECORD): Promise<Event[]> {
  const loaded = await loadEventFiles([folder], defaultSet(), { cwd: ROOT, readStdin: async () => Buffer.alloc(0) });
  if (loaded.problems.some((p) => p.severity === 'error')) throw new Error(JSON.stringify(loaded.problems));
  return loaded.events;
}
