import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { ROOT } from './fixtures.js';

/**
 * Compare output with a reviewed golden file. `UPDATE_GOLDEN=1 npm test` rewrites them for review;
 * CI never does (a missing golden file fails there).
 */
export function expectGolden(name: string, actual: string): void {
  const file = path.join(ROOT, 'test', 'golden', name);
  if (process.env.UPDATE_GOLDEN === '1' && !process.env.CI) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  if (!existsSync(file)) throw new Error(`missing golden file test/golden/${name}: run UPDATE_GOLDEN=1 npm test and review it`);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}
