import { countryName } from './names.js';
import type { IndicatorSet } from './types.js';

/**
 * Choosing the subject a run scores, and rendering the set's text for it. A set names either one
 * `subject` (it is specific to that country and refuses others) or `subjects: any`; its titles,
 * rationales and reasons may say `{subject}` and `{counterpart}`, which become country names here,
 * once, when the set is selected for a subject. The engine and the formatters only ever see the
 * rendered set.
 */

/** The placeholders a set's text may use. */
export const PLACEHOLDERS = ['subject', 'counterpart'] as const;
const PLACEHOLDER = /\{([A-Za-z_-]+)\}/g;

/** Whether the set scores any subject (`subjects: any`) rather than one named country. */
export function scoresAnySubject(set: IndicatorSet): boolean {
  return set.subjects === 'any';
}

/** "Mexico (MX)", or the code alone when it names no country ICU knows. */
export function nameAndCode(code: string): string {
  const name = countryName(code);
  return name === code ? code : `${name} (${code})`;
}

/** The placeholders in a text that are not `{subject}` or `{counterpart}` (for the set's validation). */
export function unknownPlaceholders(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1]!).filter((p) => !(PLACEHOLDERS as readonly string[]).includes(p));
}

export interface SubjectRefusal {
  code: 'subject-not-scored' | 'no-subject';
  message: string;
  hint?: string;
}

/** The bundled set for any source country, named in every refusal. */
export const GENERAL_SET = 'us-precursor-cooperation';

/**
 * Why a set cannot score `subject`, or undefined when it can. A specific set refuses any subject but
 * its own; a set for any subject needs one named (by the event files, `--subject` or the config).
 */
export function subjectRefusal(set: IndicatorSet, subject: string | undefined): SubjectRefusal | undefined {
  if (scoresAnySubject(set)) {
    if (subject) return undefined;
    return {
      code: 'no-subject',
      message: `the indicator set "${set.id}" scores any country, and nothing names the one to score`,
      hint: 'write `subject: XX` (an ISO 3166 code) in the event files or in coopscore.config.yaml, or pass --subject XX',
    };
  }
  if (subject === undefined || subject === set.subject) return undefined;
  return {
    code: 'subject-not-scored',
    message: `the indicator set "${set.id}" scores ${nameAndCode(set.subject)} only, not ${nameAndCode(subject)}`,
    hint: `for another country pass --indicators ${GENERAL_SET} (the bundled set for any source country of precursors), or --indicators FILE with your own set`,
  };
}

/**
 * The set as a run for `subject` uses it: `subject` filled in and every `{subject}` and
 * `{counterpart}` in its text replaced by a country name. Call only when subjectRefusal found nothing.
 */
export function setForSubject(set: IndicatorSet, subject: string): IndicatorSet {
  const names: Record<string, string> = { subject: countryName(subject), counterpart: countryName(set.counterpart ?? '') };
  const render = (text: string) => (text.includes('{') ? text.replace(PLACEHOLDER, (whole, key: string) => names[key] ?? whole) : text);
  const renderValues = (record: Record<string, string>) => Object.fromEntries(Object.entries(record).map(([k, v]) => [k, render(v)]));
  return {
    ...set,
    subject,
    title: render(set.title),
    kinds: renderValues(set.kinds),
    substances: renderValues(set.substances),
    context: set.context.map((group) => ({ ...group, reason: render(group.reason) })),
    reasons: renderValues(set.reasons) as IndicatorSet['reasons'],
    indicators: set.indicators.map((indicator) => ({ ...indicator, title: render(indicator.title), rationale: render(indicator.rationale) })),
  };
}

/** A set's text over several subjects (compare): `{subject}` reads "several countries" ("each country" in an indicator title) unless the set is specific. */
export function textForMany(set: IndicatorSet, text: string, subject = 'several countries'): string {
  const names: Record<string, string> = { subject: set.subject ? countryName(set.subject) : subject, counterpart: countryName(set.counterpart ?? '') };
  return text.replace(PLACEHOLDER, (whole, key: string) => names[key] ?? whole);
}

/** The set's title over several subjects (compare). */
export function titleForMany(set: IndicatorSet): string {
  return textForMany(set, set.title);
}

/** Every text of a set that may hold placeholders, with the path of each (for validation). */
export function placeholderTexts(set: IndicatorSet): { path: (string | number)[]; text: string }[] {
  const out: { path: (string | number)[]; text: string }[] = [{ path: ['title'], text: set.title }];
  for (const [k, v] of Object.entries(set.kinds)) out.push({ path: ['kinds', k], text: v });
  for (const [k, v] of Object.entries(set.substances)) out.push({ path: ['substances', k], text: v });
  set.context.forEach((g, i) => out.push({ path: ['context', i, 'reason'], text: g.reason }));
  for (const [k, v] of Object.entries(set.reasons)) out.push({ path: ['reasons', k], text: v });
  set.indicators.forEach((ind, i) => {
    out.push({ path: ['indicators', i, 'title'], text: ind.title });
    out.push({ path: ['indicators', i, 'rationale'], text: ind.rationale });
  });
  return out;
}
