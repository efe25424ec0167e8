import { z } from 'zod';
import { didYouMean, problem } from './problems.js';
import { calendarDate, httpUrl, ID_PATTERN } from './schema.js';
import type { IndicatorSet, Problem } from './types.js';
import { issueProblems, type LocatedData } from './validate.js';

/**
 * Anchors files (format version 1): dated judgements quoted from a set's source, which tie the
 * score's scale to what the source itself says.
 *
 *     version: 1
 *     set: us-china-2024              # the indicator set the judgements calibrate
 *     events: [.]                     # event files or folders, relative to this file
 *     anchors:
 *       - asOf: 2024-01-31
 *         band: limited               # or min / max: a score range (at least min, below max)
 *         quote: at least some temporary progress has been made
 *         source: { title: ..., url: ..., where: ... }
 */

const text = (what: string) => z.string().trim().min(1, { error: `${what} must not be empty` }).max(10_000);

const anchorSourceSchema = z.strictObject({
  title: text('source title').describe('The document the quote comes from.'),
  author: z.string().max(500).optional(),
  publisher: z.string().max(500).optional(),
  url: httpUrl().optional(),
  published: z.string().max(100).optional(),
  where: z.string().max(1000).optional().describe('Where in the document: section, paragraph.'),
});

const score = z.number().min(0).max(100);

export const anchorSchema = z
  .strictObject({
    asOf: calendarDate().describe('The date the judgement speaks of: the score is taken as of then.'),
    band: z.string().min(1).max(100).optional().describe("A band of the set (its `method.bands`) the score must fall in."),
    min: score.optional().describe('Or a score range: at least min ...'),
    max: score.optional().describe('... and below max.'),
    quote: text('quote').describe('The judgement, quoted exactly from the source.'),
    source: anchorSourceSchema,
    note: z.string().max(10_000).optional().describe('Why the quote means this band, in your own words.'),
  })
  .check(
    z.superRefine((anchor, ctx) => {
      const range = anchor.min !== undefined || anchor.max !== undefined;
      if (anchor.band === undefined && !range) {
        ctx.addIssue({ code: 'custom', path: [], params: { code: 'missing-field' }, message: 'an anchor needs `band`, or `min` and/or `max`' });
      } else if (anchor.band !== undefined && range) {
        ctx.addIssue({ code: 'custom', path: ['band'], params: { code: 'invalid-value' }, message: 'give either `band` or `min`/`max`, not both' });
      } else if (anchor.min !== undefined && anchor.max !== undefined && anchor.min >= anchor.max) {
        ctx.addIssue({ code: 'custom', path: ['max'], params: { code: 'invalid-value' }, message: `max ${anchor.max} must be above min ${anchor.min}` });
      }
    }),
  );

export const anchorsFileSchema = z
  .strictObject({
    version: z.literal(1, { error: 'version must be 1 (write `version: 1`)' }),
    set: z.string().regex(ID_PATTERN).describe('The id of the indicator set these judgements calibrate.'),
    events: z.array(z.string().min(1).max(4096)).min(1).max(1000).describe('Event files or folders, relative to this file.'),
    anchors: z.array(anchorSchema).min(1).max(10_000),
  })
  .meta({ title: 'coopscore anchors file (format 1)' });

export type AnchorSource = z.infer<typeof anchorSourceSchema>;

export interface Anchor {
  asOf: string;
  band?: string;
  min?: number;
  max?: number;
  quote: string;
  source: AnchorSource;
  note?: string;
  /** Where the anchor is written (1-based). */
  line: number;
}

export interface AnchorsFile {
  file: string;
  set: string;
  events: string[];
  anchors: Anchor[];
}

const PARSE_OPTIONS = { reportInput: true, jitless: true } as const;

/**
 * Check a parsed anchors file: its shape, then against the active set (its id, and every band it
 * names). Every problem is located in the file.
 */
export function validateAnchorsDoc(doc: LocatedData, set: IndicatorSet): { anchors?: AnchorsFile; problems: Problem[] } {
  const parsed = anchorsFileSchema.safeParse(doc.data, PARSE_OPTIONS);
  if (!parsed.success) {
    const kind = anchorsFileSchema as unknown as Parameters<typeof issueProblems>[4];
    return { problems: parsed.error.issues.flatMap((issue) => issueProblems(issue, doc, [], undefined, kind)) };
  }
  const data = parsed.data;
  const problems: Problem[] = [];
  if (data.set !== set.id) {
    problems.push(
      problem(doc.file, doc.locate(['set']), 'invalid-value', `these anchors calibrate the set "${data.set}", but the active set is "${set.id}"`, {
        hint: 'pass the set they were written for with --indicators',
      }),
    );
  }
  const bands = set.method.bands.map((b) => b.id);
  data.anchors.forEach((anchor, i) => {
    if (anchor.band !== undefined && !bands.includes(anchor.band)) {
      const hint = didYouMean(anchor.band, bands);
      problems.push(
        problem(doc.file, doc.locate(['anchors', i, 'band']), 'unknown-band', `unknown band "${anchor.band}"; the set's bands are ${bands.join(', ')}`, hint ? { hint: `did you mean "${hint}"?` } : {}),
      );
    }
  });
  if (problems.length) return { problems };
  const anchors = data.anchors.map((a, i) => {
    const anchor: Anchor = { asOf: a.asOf, quote: a.quote, source: a.source, line: doc.locate(['anchors', i]).line };
    if (a.band !== undefined) anchor.band = a.band;
    if (a.min !== undefined) anchor.min = a.min;
    if (a.max !== undefined) anchor.max = a.max;
    if (a.note !== undefined) anchor.note = a.note;
    return anchor;
  });
  return { anchors: { file: doc.file, set: data.set, events: data.events, anchors }, problems };
}
