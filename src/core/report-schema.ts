import { z } from 'zod';
import { ALERT_CODES, ALERT_TRIGGERS, FLAGS, SCHEMA_VERSION, type ScoreReport } from './report.js';
import { STATUSES } from './types.js';

/** The JSON report's schema, published by `coopscore schema report`; checked against the type below. */

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const problemSchema = z.strictObject({
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
  source: z.strictObject({ title: z.string(), url: z.string().optional() }).optional(),
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
    method: z.strictObject({ aggregation: z.enum(['arithmetic', 'geometric']), missing: z.enum(['zero', 'renormalize']) }),
    score: z.number().min(0).max(100),
    band: z.string(),
    coverage: z.number().min(0).max(1),
    confidence: z.enum(['high', 'moderate', 'low']),
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
        flags: z.array(z.enum(FLAGS)),
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
    }),
  })
  .meta({ title: 'coopscore JSON report', description: `schemaVersion ${SCHEMA_VERSION}` });

// Fails to compile when the schema and the ScoreReport type drift apart.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _reportMatches: Same<z.infer<typeof reportSchema>, ScoreReport> = true;
void _reportMatches;
