import { clauseValues } from '../core/match.js';
import type { IndicatorSet } from '../core/types.js';

/** The file names `coopscore init` writes. */
export const EXAMPLE_EVENTS_FILE = 'events.yaml';
export const EXAMPLE_SCHEMA_FILE = 'events.schema.json';

/** `preferred` when the list has it, else the list's first entry. */
const pick = (preferred: string, list: readonly string[]): string | undefined => (list.includes(preferred) ? preferred : list[0]);

/** Kinds some indicator counts, in indicator order; context kinds are never among them. */
function scoredKinds(set: IndicatorSet): string[] {
  const context = new Set(set.context.flatMap((g) => g.kinds));
  const named = set.indicators.flatMap((i) => i.match.flatMap((c) => clauseValues(c, 'kind')));
  const kinds = named.length ? named : Object.keys(set.kinds);
  return [...new Set(kinds)].filter((k) => !context.has(k));
}

/** A YAML line with its comment lined up in one column. */
const line = (yaml: string, comment?: string) => (comment ? `${yaml.padEnd(38)} # ${comment}` : yaml);

/**
 * A commented example event file for the set: one enforcement action and one pledge, every field
 * explained where it is used. The kinds and substance come from the set's own vocabulary (the
 * default set's usual ones when it has them), so the example always validates and scores.
 */
export function exampleEventsFile(set: IndicatorSet): string {
  const kinds = scoredKinds(set);
  const action = pick('arrest', kinds)!;
  const talk = pick('kyc-rule', kinds.filter((k) => k !== action)) ?? action;
  const substance = pick('fentanyl-precursors', Object.keys(set.substances));
  const intelTag = set.indicators.some((i) => i.match.some((c) => clauseValues(c, 'tags').includes('us-intel-lead')));
  const subject = set.subject;
  const lower = /^[a-z0-9][a-z0-9._-]*$/.test(subject.toLowerCase()) ? subject.toLowerCase() : 'example';
  return [
    `# yaml-language-server: $schema=./${EXAMPLE_SCHEMA_FILE}`,
    '#',
    `# coopscore event file (format version 1) for the indicator set "${set.id}".`,
    '# The first line points your editor (with the YAML language server) at the schema written next',
    '# to this file, for completion and errors as you type. After changing the indicator set, run:',
    `#   coopscore schema events --out ${EXAMPLE_SCHEMA_FILE}`,
    '#',
    '# Check the file:  coopscore validate <file>     Score a folder of files:  coopscore score <folder>',
    '# The two events below are made-up examples: replace them with what you observed.',
    line(`subject: ${subject}`, "whose cooperation this file records (the set's subject)"),
    'events:',
    '  # An action observed: enforcement counts most.',
    line(`  - id: ${lower}-2024-03-example-action`, 'unique across all files: a-z 0-9 . _ -'),
    line('    date: 2024-03-14', 'when it happened: YYYY-MM-DD'),
    line(`    actor: ${subject}`, 'who acted: ISO 3166 code, or a body such as UN'),
    line(`    kind: ${action}`, 'what happened: see `coopscore indicators`'),
    line('    status: enforced', 'pledged announced in-force enforced refused reversed'),
    line('    summary: Police detained three suspects, acting on a lead from a partner agency.', 'your own words'),
    line('    magnitude: 3', 'optional: people, firms, sites ...'),
    ...(substance ? [line(`    substances: [${substance}]`, 'optional, from the set')] : []),
    ...(intelTag ? [line('    tags: [us-intel-lead]', 'optional: some indicators match on tags')] : []),
    line('    source:', 'required: where you saw it'),
    line('      title: Example ministry press release', 'required'),
    line('      url: https://example.org/press/2024-03-14', 'optional, http(s)'),
    line('      published: 2024-03-15', 'optional'),
    line('      reliability: B', 'source grade A (reliable) to F (cannot be judged)'),
    line('      credibility: 2', 'information grade 1 (confirmed) to 6 (cannot be judged)'),
    line('    notes: Anything a reviewer should know.', 'optional'),
    '',
    '  # Talk is not action: a pledge counts for little, and an indicator with only talk is capped.',
    `  - id: ${lower}-2024-04-example-pledge`,
    '    date: 2024-04-02',
    `    actor: ${subject}`,
    `    kind: ${talk}`,
    '    status: pledged',
    '    summary: Officials said they would act, without naming a measure or a date.',
    '    source:',
    '      title: Example news report',
    '      reliability: C',
    '      credibility: 3',
    '',
  ].join('\n');
}
