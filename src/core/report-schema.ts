import { z } from 'zod';
import { ALERT_CODES, ALERT_TRIGGERS, CONFIDENCE_LIMITS, FATES, FLAGS, METHOD_VERSION, SCHEMA_VERSION, type ScoreReport } from './report.js';
import { STATUSES } from './types.js';

/** The JSON report's schema, published by `coopscore schema report`; checked against the type below. */

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
/** A problem as reports carry it (the warnings beside a score or a comparison). */
export const problemSchema = z.strictObject({
  file: z.string(),
  line: z.int(),
  column: z.int(),
  endLine: z.int(),
  endColumn: z.int(),
  severity: z.enum(['error', 'warning']),
  code: z.string(),
  message: z.string(),
  hint: z.string().optional(),
});

const eventRef = z.strictObject({ eventId: z.string(), date });

const evidenceSchema = z.strictObject({
  eventId: z.string(),
  date,
  actor: z.string(),
  kind: z.string(),
  status: z.enum(STATUSES),
  role: z.enum(['subject', 'counterpart']),
  value: z.number(),
  decay: z.number().min(0).max(1),
  inEffect: z.boolean().optional(),
  endedBy: z.strictObject({ eventId: z.string(), date }).optional(),
  graded: z.boolean(),
  file: z.string(),
  line: z.int(),
  source: z.strictObject({ title: z.string(), url: z.string().optional(), publisher: z.string().optional() }),
  summary: z.string(),
  grade: z.string(),
  gradeFactor: z.number().min(0).max(1),
  solid: z.boolean(),
  stage: z.enum(['practice', 'books', 'talk', 'negative']),
  fate: z.enum(FATES),
  fateBy: eventRef.optional(),
  note: z.string().optional(),
  uncapped: z.number().optional(),
  share: z.number().min(0).max(1).optional(),
  alsoCounts: z.array(z.string()).optional(),
  measure: z.string().optional(),
  datePrecision: z.enum(['month', 'year']).optional(),
  promise: z
    .strictObject({
      due: date,
      state: z.enum(['open', 'delivered', 'delivered-late', 'lapsed']),
      by: eventRef.optional(),
      days: z.int().optional(),
    })
    .optional(),
});

export const alertSchema = z.strictObject({
  code: z.enum(ALERT_CODES),
  trigger: z.enum(ALERT_TRIGGERS),
  message: z.string(),
  drop: z.number().optional(),
  daysBefore: z.int().optional(),
  events: z.array(
    z.strictObject({
      eventId: z.string(),
      date,
      kind: z.string(),
      status: z.enum(STATUSES),
      file: z.string(),
      line: z.int(),
      indicators: z.array(z.string()),
    }),
  ),
});

const aggregation = z.enum(['arithmetic', 'geometric']);
const interval = { median: z.number(), p5: z.number(), p95: z.number() };

const sensitivitySchema = z.strictObject({
  ...interval,
  draws: z.int().min(1),
  seed: z.int().min(0),
  ranges: z.strictObject({
    weights: z.number().min(0).max(1),
    stages: z.partialRecord(z.enum(STATUSES), z.tuple([z.number(), z.number()])),
    halfLifeDays: z.tuple([z.number(), z.number()]),
    aggregation: z.array(aggregation),
    booksHalfLifeDays: z.tuple([z.number(), z.number()]).optional(),
    saturation: z.tuple([z.number(), z.number()]).optional(),
    gradeExponent: z.tuple([z.number(), z.number()]).optional(),
    magnitudeCap: z.tuple([z.number(), z.number()]).optional(),
    talkCap: z.tuple([z.number(), z.number()]).optional(),
    uncorroboratedCap: z.tuple([z.number(), z.number()]).optional(),
    booksCap: z.tuple([z.number(), z.number()]).optional(),
    attribution: z.array(z.enum(['full', 'split'])).optional(),
  }),
  point: z.number(),
  band: z.string(),
  min: z.number(),
  max: z.number(),
  bandStability: z.number().min(0).max(1),
  bands: z.array(z.strictObject({ band: z.string(), share: z.number().min(0).max(1) })),
  byAggregation: z.array(z.strictObject({ aggregation, draws: z.int(), ...interval })),
  leaveOneOut: z.array(z.strictObject({ id: z.string(), score: z.number(), delta: z.number() })),
  cuts: z.array(z.strictObject({ id: z.string(), min: z.number() })).optional(),
  indicators: z.array(z.strictObject({ id: z.string(), point: z.number(), ...interval })).optional(),
  sobol: z
    .strictObject({
      samples: z.int().min(1),
      evaluations: z.int().min(1),
      bootstrap: z.int().min(0),
      variance: z.number().min(0),
      indices: z.array(
        z.strictObject({
          id: z.string(),
          first: z.number(),
          firstInterval: z.tuple([z.number(), z.number()]),
          total: z.number(),
          totalInterval: z.tuple([z.number(), z.number()]),
        }),
      ),
    })
    .optional(),
  reasoning: z.string(),
});

const watchEntrySchema = z.strictObject({
  id: z.string(),
  title: z.string(),
  gain: z.number().min(-100).max(100),
  score: z.number().min(0).max(100),
  pointsAvailable: z.number().min(0).max(100),
  event: z.strictObject({
    kind: z.string(),
    substances: z.array(z.string()).optional(),
    tags: z.array(z.string()).optional(),
  }),
  alsoCounts: z.array(z.string()),
  ends: z.array(z.string()),
  reasoning: z.string(),
});

export const reportSchema = z
  .strictObject({
    schemaVersion: z.literal(SCHEMA_VERSION),
    tool: z.strictObject({ name: z.string(), version: z.string() }),
    indicatorSet: z.strictObject({
      id: z.string(),
      title: z.string(),
      source: z.strictObject({
        title: z.string(),
        author: z.string().optional(),
        publisher: z.string().optional(),
        url: z.string().optional(),
        published: z.string().optional(),
      }),
      sha256: z.string(),
    }),
    subject: z.string(),
    asOf: date,
    since: date.nullable(),
    method: z.strictObject({
      version: z.literal(METHOD_VERSION),
      attribution: z.enum(['full', 'split']),
      aggregation,
      missing: z.enum(['zero', 'renormalize']),
      alternative: z.strictObject({ aggregation, score: z.number().min(0).max(100) }),
      leftOut: z.array(z.string()),
    }),
    weights: z.strictObject({
      source: z.enum(['set', 'file']),
      file: z.string().nullable(),
      sha256: z.string(),
      changed: z.array(z.strictObject({ id: z.string(), from: z.number().min(0), to: z.number().min(0) })),
    }),
    score: z.number().min(0).max(100),
    band: z.string(),
    coverage: z.number().min(0).max(1),
    confidence: z.strictObject({
      level: z.enum(['high', 'moderate', 'low']),
      limitedBy: z.array(z.enum(CONFIDENCE_LIMITS)),
      bandStability: z.number().min(0).max(1).nullable(),
    }),
    reasoning: z.string(),
    meanGrade: z.number().min(0).max(1),
    verdict: z.strictObject({
      passed: z.boolean(),
      failures: z.array(
        z.strictObject({
          code: z.enum(['score-below', 'coverage-below']),
          message: z.string(),
          threshold: z.number(),
          actual: z.number(),
        }),
      ),
    }),
    alerts: z.array(alertSchema),
    indicators: z.array(
      z.strictObject({
        id: z.string(),
        title: z.string(),
        weight: z.number().min(0),
        status: z.enum(['scored', 'no-evidence', 'unweighted']),
        score: z.number().min(0).max(100),
        band: z.string(),
        contribution: z.number().min(0).max(100),
        pointsAvailable: z.number().min(0).max(100),
        nextEventGain: z.number().min(-100).max(100),
        flags: z.array(z.enum(FLAGS)),
        mix: z.strictObject({ practice: z.number(), books: z.number(), talk: z.number(), negative: z.number() }),
        summary: z.string(),
        reasoning: z.string(),
        tally: z.strictObject({
          positive: z.number(),
          negative: z.number(),
          net: z.number(),
          counterpart: z.number().nullable(),
          ratio: z.number().min(0).max(1),
          capped: z.boolean(),
          byStatus: z.partialRecord(z.enum(STATUSES), z.int()),
          oldestDecay: z.number().nullable(),
        }),
        evidence: z.array(evidenceSchema),
      }),
    ),
    watchList: z.array(watchEntrySchema),
    excluded: z.array(
      z.strictObject({
        eventId: z.string(),
        date,
        actor: z.string(),
        kind: z.string(),
        reason: z.string(),
        message: z.string(),
        file: z.string(),
        line: z.int(),
      }),
    ),
    warnings: z.array(problemSchema),
    inputs: z.strictObject({
      files: z.array(z.strictObject({ path: z.string(), sha256: z.string(), events: z.int() })),
      events: z.int(),
      config: z.strictObject({ path: z.string(), sha256: z.string() }).optional(),
    }),
    sensitivity: sensitivitySchema.optional(),
  })
  .meta({ title: 'coopscore JSON report', description: `schemaVersion ${SCHEMA_VERSION}` });

// Fails to compile when the schema and the ScoreReport type drift apart.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _reportMatches: Same<z.infer<typeof reportSchema>, ScoreReport> = true;
void _reportMatches;
