/**
 * Names of the places and bodies that event files and indicator sets name by code. Node's own ICU
 * data knows every ISO 3166 region ("CN" is China, "US" the United States, "EU" the European
 * Union, "UN" the United Nations), so there is no table here to keep up to date.
 */

let regions: Intl.DisplayNames | undefined;
/** Names already known (the bundled set's cache brings its own), so most runs never build `regions`. */
const known = new Map<string, string>();

/** Names this ICU gave for these codes before (the set cache's), answered without Intl.DisplayNames. */
export function rememberCountryNames(names: Record<string, string>): void {
  for (const [code, name] of Object.entries(names)) if (/^[A-Z]{2}$/.test(code) && typeof name === 'string') known.set(code, name);
}

/**
 * The English name of an ISO 3166 alpha-2 code ("CN" -> "China"); any other text, or a code ICU
 * does not know, comes back as it was given, so a body such as "INCB" still reads as written.
 */
export function countryName(code: string): string {
  if (!/^[A-Za-z]{2}$/.test(code)) return code;
  const remembered = known.get(code.toUpperCase());
  if (remembered !== undefined) return remembered;
  regions ??= new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
  try {
    return regions.of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}
