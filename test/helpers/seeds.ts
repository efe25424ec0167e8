import { loadEventFiles } from '../../src/io/load.js';
import type { Event } from '../../src/core/types.js';
import { defaultSet, ROOT } from './fixtures.js';

/** The bundled seed events, loaded as the CLI loads them (paths relative to the repository root). */
export async function seedEvents(): Promise<Event[]> {
  const loaded = await loadEventFiles(['seeds'], defaultSet(), { cwd: ROOT, readStdin: async () => Buffer.alloc(0) });
  if (loaded.problems.some((p) => p.severity === 'error')) throw new Error(JSON.stringify(loaded.problems));
  return loaded.events;
}
