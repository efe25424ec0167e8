import { z } from 'zod';
import { once } from './once.js';
import { isCalendarDate } from './dates.js';
import { CREDIBILITY_GRADES, DATE_PRECISIONS, LEVER_CLASSES, RELIABILITY_GRADES, STATUSES } from './types.js';

/**
 * zod schemas for the two kinds of input: event files (format v1) and indicator sets.
 * The event schema takes its `kind` and `substances` vocabularies from the active set, so the
 * JSON Schema an editor uses offers exactly the words the scorer accepts.
 */

export const calendarDate = () =>
  z
    .string({ error: 'expected a date written YYYY-MM-DD' })
    .check(
      z.refine((s) => isCalendarDate(s), {
        params: { code: 'invalid-date' },
        error: (issue) => `"${String(issue.input)}" is not a calendar date (YYYY-MM-DD)`,
      }),
    )
    .meta({ format: 'date', pattern: '^\\d{4}-\\d{2}-\\d{2}$' });

export const ID_PATTERN = /^[a-z0-9][a-z0-9._-]*$/;

// A plain http(s) URL: a host of letter-led labels (so never read as an IPv4 number, never
// punycode), an optional port below 10,000, then any printable ASCII after the first / ? or #.
// The WHATWG parser reads every such text as an http(s) URL (test/event-check.test.ts checks it on
// generated ones), so only the others pay for a parse (~1 µs each, a second on a million events).
const LABEL = '[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*';
export const PLAIN_HTTP_URL = new RegExp(`^https?://(?:${LABEL}\\.)*${LABEL}(?::[0-9]{1,4})?(?:[/?#][\\x21-\\x7e]*)?$`);

/** Whether a text is an absolute http(s) URL. */
export function isHttpUrl(s: string): boolean {
  if (PLAIN_HTTP_URL.test(s)) return true;
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

export const httpUrl = once(() =>
  z
    .string()
    .check(
      z.refine((s) => isHttpUrl(s), { params: { code: 'invalid-url' }, error: (issue) => `"${String(issue.input)}" is not an http(s) URL` }),
    )
    .meta({ format: 'uri', pattern: '^https?://' }),
);

const nonEmpty = (what: string) => z.string().trim().min(1, { error: `${what} must not be empty` }).max(10_000);

export interface Vocabulary {
  kinds: readonly string[];
  substances: readonly string[];
}

const sourceSchema = once(() =>
  z.strictObject({
    title: nonEmpty('source title'),
    publisher: z.string().trim().min(1).max(500).optional().describe('Who published it; tells independent sources apart.'),
    url: httpUrl().optional(),
    published: calendarDate().optional(),
    reliability: z.enum(RELIABILITY_GRADES).optional().describe('Admiralty source grade A-F (default F).'),
    credibility: z
      .union(CREDIBILITY_GRADES.map((g) => z.literal(g)) as unknown as [z.ZodLiteral<1>, z.ZodLiteral<2>])
      .optional()
      .describe('Admiralty information grade 1-6 (default 6).'),
  }),
);

export function eventSchema(vocab: Vocabulary) {
  const enumOf = (values: readonly string[]) => z.enum(values as [string, ...string[]]);
  return z.strictObject({
    id: z
      .string()
      .regex(ID_PATTERN, { error: 'an id is lower-case letters, digits, ".", "_" and "-", starting with a letter or digit' })
      .max(200)
      .describe('Unique across all inputs.'),
    date: calendarDate().describe('When the event happened.'),
    actor: z
      .string()
      .regex(/^[A-Z][A-Z0-9-]{1,15}$/, { error: 'an actor is an ISO 3166 alpha-2 code or a body such as UN, upper case' })
      .describe('Who acted: ISO 3166 alpha-2 code or a body such as UN.'),
    kind: enumOf(vocab.kinds).describe("A kind from the indicator set's vocabulary."),
    status: z.enum(STATUSES).describe('pledged | announced | in-force | enforced | refused | reversed'),
    summary: nonEmpty('summary').describe("One sentence in the analyst's own words."),
    magnitude: z
      .int({ error: 'magnitude must be a whole number (people, firms, sites ...)' })
      .min(1, { error: 'magnitude must be at least 1 (leave it out for a single action)' })
      .max(1_000_000_000, { error: 'magnitude must be at most 1,000,000,000' })
      .optional().describe('People, firms, sites ... (positive integer).'),
    substances: z.array(enumOf(vocab.substances)).max(100).optional(),
    tags: z.array(z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, { error: 'a tag is lower-case kebab-case' }).max(100)).max(100).optional(),
    source: sourceSchema().optional().describe('The report of the event (or give `sources`).'),
    sources: z
      .array(sourceSchema())
      .min(1)
      .max(100)
      .optional()
      .describe('Several reports of the same act, instead of `source`.'),
    notes: z.string().max(100_000).optional(),
    measure: z
      .string()
      .regex(ID_PATTERN, { error: 'a measure id is lower-case letters, digits, ".", "_" and "-"' })
      .max(200)
      .optional()
      .describe('Stages of one measure (pledge, announcement, entry into force, enforcement) share this id.'),
    due: calendarDate().optional().describe('For pledged or announced events: when delivery is due.'),
    datePrecision: z.enum(DATE_PRECISIONS).optional().describe('day (default) | month | year: how exactly the date is known.'),
  }).check(
    z.superRefine((event, ctx) => {
      if ((event.source === undefined) === (event.sources === undefined)) {
        ctx.addIssue({
          code: 'custom',
          path: event.source === undefined ? [] : ['sources'],
          params: { code: event.source === undefined ? 'missing-field' : 'invalid-value' },
          message:
            event.source === undefined
              ? 'missing required field "source" (or "sources", a list of reports of the same act)'
              : 'give either "source" or "sources", not both',
        });
      }
      if (event.due !== undefined && event.status !== 'pledged' && event.status !== 'announced') {
        ctx.addIssue({ code: 'custom', path: ['due'], params: { code: 'invalid-value' }, message: `"due" is for pledged or announced events, not ${event.status}` });
      } else if (event.due !== undefined && event.due < event.date) {
        ctx.addIssue({ code: 'custom', path: ['due'], params: { code: 'invalid-date' }, message: `due date ${event.due} is before the event's date ${event.date}` });
      }
    }),
  );
}

export function eventFileSchema(vocab: Vocabulary) {
  return z
    .strictObject({
      subject: z.string().regex(/^[A-Z][A-Z0-9-]{1,15}$/).optional().describe("Whose cooperation the file records."),
      events: z.array(eventSchema(vocab)),
    })
    .meta({ title: 'coopscore event file (format 1)' });
}

/**
 * The indicator set's schemas, built on first use: a run on the bundled set reads it from the
 * build's validated copy (src/io/set-cache.ts) and never needs them, and building them was ~8 ms
 * of every start-up.
 */
const setSchemas = once(() => {
  const status = z.enum(STATUSES);
  const oneOrMany = <T extends z.ZodType>(item: T) => z.union([item, z.array(item).min(1)]);
  const clause = z.strictObject({
    kind: oneOrMany(z.string()).optional(),
    status: oneOrMany(status).optional(),
    actor: oneOrMany(z.string()).optional(),
    substances: oneOrMany(z.string()).optional(),
    tags: oneOrMany(z.string()).optional(),
  });

  const positive = z.number().positive();
  const factor = z.number().min(0).max(1);
  // A cap is a score below 100 (100 would be an infinite value); 0 turns that kind of evidence off.
  const cap = z.number().min(0).max(99.9);

  const methodSchema = z.strictObject({
    stages: z.strictObject(Object.fromEntries(STATUSES.map((s) => [s, z.number().min(-1).max(1)])) as Record<
      (typeof STATUSES)[number],
      z.ZodNumber
    >),
    reliability: z.strictObject(Object.fromEntries(RELIABILITY_GRADES.map((g) => [g, factor])) as Record<
      (typeof RELIABILITY_GRADES)[number],
      z.ZodNumber
    >),
    credibility: z.strictObject(Object.fromEntries(CREDIBILITY_GRADES.map((g) => [`${g}`, factor])) as Record<
      `${(typeof CREDIBILITY_GRADES)[number]}`,
      z.ZodNumber
    >),
    defaultGrade: z.strictObject({
      reliability: z.enum(RELIABILITY_GRADES),
      credibility: z.union(CREDIBILITY_GRADES.map((g) => z.literal(g)) as unknown as [z.ZodLiteral<1>, z.ZodLiteral<2>]),
    }),
    solidGrade: factor.default(0.36),
    halfLifeDays: positive,
    booksHalfLifeDays: positive.default(1095),
    saturation: positive,
    magnitudeCap: z.number().min(1).max(1_000_000).default(8),
    attribution: z.enum(['full', 'split']).default('full'),
    uncorroboratedCap: cap.default(10),
    talkCap: cap.default(20),
    booksCap: cap.default(50),
    pledgeHorizonDays: z.int().min(1).max(36_500).default(365),
    lapsePenalty: factor.default(0.3),
    duplicateWindowDays: z.int().min(0).max(3650).default(7),
    duplicateUrlWindowDays: z.int().min(0).max(36_500).default(90),
    coverageFloor: factor.default(0.25),
    aggregation: z.enum(['arithmetic', 'geometric']),
    missing: z.enum(['zero', 'renormalize']),
    bands: z.array(z.strictObject({ id: z.string().min(1), min: z.number().min(0).max(100) })).min(1),
    sensitivity: z
      .strictObject({
        weights: z.number().min(0).max(0.99),
        stages: z.partialRecord(status, z.tuple([z.number().min(-1).max(1), z.number().min(-1).max(1)])),
        halfLifeDays: z.tuple([positive, positive]),
        aggregation: z.array(z.enum(['arithmetic', 'geometric'])).min(1),
        booksHalfLifeDays: z.tuple([positive, positive]).optional(),
        saturation: z.tuple([positive, positive]).optional(),
        gradeExponent: z.tuple([positive, positive]).optional(),
        magnitudeCap: z.tuple([z.number().min(1), z.number().min(1)]).optional(),
        talkCap: z.tuple([cap, cap]).optional(),
        uncorroboratedCap: z.tuple([cap, cap]).optional(),
        booksCap: z.tuple([cap, cap]).optional(),
        attribution: z.array(z.enum(['full', 'split'])).min(1).optional(),
      })
      .optional(),
    confidence: z.strictObject({
      draws: z.int().min(0).max(10_000).default(200),
      high: z.strictObject({ coverage: factor, grade: factor, bandStability: factor.default(0.8) }),
      moderate: z.strictObject({ coverage: factor, grade: factor, bandStability: factor.default(0.6) }),
    }),
    alerts: z
      .strictObject({
        backsliding: z
          .strictObject({ statuses: z.array(status).min(1).optional(), dropPoints: z.number().min(0).max(100).optional() })
          .optional(),
        crisisRisk: z
          .strictObject({ kinds: z.array(z.string()).optional(), windowDays: z.int().min(0).max(36_500).optional() })
          .optional(),
      })
      .optional(),
  });

  const indicatorSchema = z.strictObject({
    id: z.string().regex(ID_PATTERN),
    title: nonEmpty('title'),
    weight: z.number().positive({ error: 'a weight must be greater than 0' }),
    rationale: nonEmpty('rationale'),
    citation: z.string().optional(),
    saturation: positive.optional(),
    halfLifeDays: positive.optional(),
    match: z.array(clause).min(1),
    compareTo: clause.optional(),
  });

  const indicatorSetSchema = z.strictObject({
    version: z.literal(2, {
      error: 'this coopscore scores method version 2: set `version: 2` and update the method (see the README, "Upgrading an indicator set")',
    }),
    id: z.string().regex(ID_PATTERN),
    title: nonEmpty('title'),
    subject: z.string().regex(/^[A-Z][A-Z0-9-]{1,15}$/, { error: 'a subject is an ISO 3166 alpha-2 code, upper case' }).optional(),
    // `subjects: any`: the set scores whichever country a run names (event files, --subject, config).
    subjects: z.literal('any', { error: 'subjects takes one value, `any` (or name one `subject` instead)' }).optional(),
    counterpart: z.string().min(1).optional(),
    source: z.strictObject({
      title: nonEmpty('source title'),
      author: z.string().optional(),
      publisher: z.string().optional(),
      url: httpUrl().optional(),
      published: z.string().optional(),
    }),
    method: methodSchema,
    kinds: z.record(z.string().regex(ID_PATTERN), nonEmpty('kind description')),
    units: z.record(z.string().regex(ID_PATTERN), nonEmpty('unit')).default({}),
    levers: z.partialRecord(z.enum(LEVER_CLASSES), z.array(z.string()).min(1)).default({}),
    substances: z.record(z.string().regex(ID_PATTERN), nonEmpty('substance description')),
    context: z.array(z.strictObject({ id: z.string().regex(ID_PATTERN), kinds: z.array(z.string()).min(1), reason: nonEmpty('reason') })),
    reasons: z.strictObject({
      'other-actor': nonEmpty('reason'),
      'after-as-of': nonEmpty('reason'),
      'before-since': nonEmpty('reason'),
      unmatched: nonEmpty('reason'),
    }),
    indicators: z.array(indicatorSchema).min(1),
  });
  return { methodSchema, indicatorSchema, indicatorSetSchema };
});

/** The schema of an indicator set file. */
export const indicatorSetSchema = () => setSchemas().indicatorSetSchema;
