import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { countryName, rememberCountryNames } from '../core/names.js';
import type { IndicatorSet } from '../core/types.js';

/**
 * The bundled indicator set as the build validated it (scripts/bundle.mjs writes this file), kept
 * with the YAML text it came from and that text's sha256. Parsing and validating the set is a
 * tenth of a typical run's start-up; while the file's bytes are exactly that text's, its
 * validated form and digest are read instead (so a run that prints no digest of its inputs never
 * loads node:crypto). Any other bytes (an edited set, even only its line ends; a missing or
 * damaged cache) take the normal path.
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
export function cacheFor(
  text: string,
  sha256: string,
  set: IndicatorSet,
): { text: string; sha256: string; set: IndicatorSet; names: CachedNames } {
  const codes = [set.subject, set.counterpart].filter((c): c is string => typeof c === 'string' && c !== '');
  return { text, sha256, set, names: { icu: process.versions.icu ?? '', names: Object.fromEntries(codes.map((c) => [c, countryName(c)])) } };
}

/** The cached set, its text and its sha256, when `file` holds exactly the text the build validated. */
export function cachedDefaultSet(file: string): { set: IndicatorSet; text: string; sha256: string } | undefined {
  try {
    const cached = JSON.parse(readFileSync(DEFAULT_SET_CACHE, 'utf8')) as { text?: unknown; sha256?: unknown; set?: IndicatorSet; names?: CachedNames };
    const { text, sha256, set } = cached;
    if (typeof text !== 'string' || typeof sha256 !== 'string' || !set) return undefined;
    if (!readFileSync(file).equals(Buffer.from(text, 'utf8'))) return undefined;
    if (cached.names?.icu === (process.versions.icu ?? '') && cached.names.names) rememberCountryNames(cached.names.names);
    return { set, text, sha256 };
  } catch {
    return undefined;
  }
}
