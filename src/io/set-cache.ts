import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { IndicatorSet } from '../core/types.js';

/**
 * The bundled indicator set as the build validated it (scripts/bundle.mjs writes this file), kept
 * with the sha256 of the YAML it came from. Parsing and validating the set is a tenth of a typical
 * run's start-up; while the YAML is byte for byte the one the build saw, its validated form is
 * read instead. Any other text (an edited set, a missing or damaged cache) takes the normal path.
 */
export const DEFAULT_SET_CACHE = fileURLToPath(new URL('../default-set.json', import.meta.url));

export function cachedDefaultSet(sha256: string): IndicatorSet | undefined {
  try {
    const cached = JSON.parse(readFileSync(DEFAULT_SET_CACHE, 'utf8')) as { sha256?: unknown; set?: IndicatorSet };
    return cached.sha256 === sha256 && cached.set ? cached.set : undefined;
  } catch {
    return undefined;
  }
}
