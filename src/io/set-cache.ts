import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { countryName, rememberCountryNames } from '../core/names.js';
import type { IndicatorSet } from '../core/types.js';

/**
 * The bundled indicator set as the build validated it (scripts/bundle.mjs writes this file), kept
 * with the sha256 of the YAML it came from. Parsing and validating the set is a tenth of a typical
 * run's start-up; while the YAML is byte for byte the one the build saw, its validated form is
 * read instead. Any other text (an edited set, a missing or damaged cache) takes the normal path.
 */
export const DEFAULT_SET_CACHE = fileURLToPath(new URL('../default-set.json', import.meta.url));

/**
 * The country names the set's text is rendered with (its subject and counterpart), as this Node's
 * ICU gives them: building Intl.DisplayNames costs ~25 ms, a tenth of a run. Kept only for the ICU
 * version that wrote them, so a name never differs from what countryName would say.
 */
interface CachedNames {
  icu: string;
  names: Record<string, string>;
}

/** What scripts/bundle.mjs writes to DEFAULT_SET_CACHE (it imports the built module: @public). */
export function cacheFor(sha256: string, set: IndicatorSet): { sha256: string; set: IndicatorSet; names: CachedNames } {
  const codes = [set.subject, set.counterpart].filter((c): c is string => typeof c === 'string' && c !== '');
  return { sha256, set, names: { icu: process.versions.icu ?? '', names: Object.fromEntries(codes.map((c) => [c, countryName(c)])) } };
}

export function cachedDefaultSet(sha256: string): IndicatorSet | undefined {
  try {
    const cached = JSON.parse(readFileSync(DEFAULT_SET_CACHE, 'utf8')) as { sha256?: unknown; set?: IndicatorSet; names?: CachedNames };
    if (cached.sha256 !== sha256 || !cached.set) return undefined;
    if (cached.names?.icu === (process.versions.icu ?? '') && cached.names.names) rememberCountryNames(cached.names.names);
    return cached.set;
  } catch {
    return undefined;
  }
}
