/**
 * Country names for codes, from the ICU data that ships with Node (Intl.DisplayNames, CLDR English
 * names): "CN" is "China", "MX" "Mexico". A code ICU does not know (a body such as "UNODC", or a
 * malformed one) comes back as itself, so a name is never invented.
 */
let names: Intl.DisplayNames | undefined;

export function countryName(code: string): string {
  if (!/^[A-Z]{2}$|^\d{3}$/.test(code)) return code;
  names ??= new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });
  try {
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}
