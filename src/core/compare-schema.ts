import { z } from 'zod';
import { COMPARE_VERSION, THIN_REASONS, type CompareReport } from './compare.js';
import { problemSchema } from './report-schema.js';

/** The schema of `compare --format json`, published by `coopscore schema compare`; checked against the type below. */

const interval = z.strictObject({ median: z.number(), p5: z.number(), p95: z.number() });
const inputFile = z.strictObject({ path: z.string(), sha256: z.string(), events: z.int() });
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const compareSchema = z
  .strictObject({
    compareVersion: z.literal(COMPARE_VERSION),
    tool: z.strictObject({ name: z.string(), version: z.string() }),
    indicatorSet: z.strictObject({ id: z.string(), title: z.string(), sha256: z.string() }),
    asOf: date,
    since: date.nullable(),
    draws: z.int().min(1),
    seed: z.int().min(0),
    thinEvidence: z.strictObject({ minEvents: z.int().min(0), minGrade: z.number().min(0).max(1), minCoverage: z.number().min(0).max(1) }),
    indicators: z.array(z.strictObject({ id: z.string(), title: z.string(), weight: z.number().min(0) })),
    bands: z.array(z.strictObject({ id: z.string(), min: z.number().min(0).max(100) })),
    subjects: z.array(
      z.strictObject({
        subject: z.string(),
        name: z.string(),
        paths: z.array(z.string()),
        score: z.number().min(0).max(100),
        band: z.string(),
        coverage: z.number().min(0).max(1),
        confidence: z.enum(['high', 'moderate', 'low']),
        interval,
        rank: z.int().min(1),
        rankInterval: interval,
        evidence: z.strictObject({ events: z.int().min(0), meanGrade: z.number().min(0).max(1) }),
        thin: z.array(z.enum(THIN_REASONS)),
        indicators: z.array(z.strictObject({ id: z.string(), score: z.number().min(0).max(100), status: z.enum(['scored', 'no-evidence', 'unweighted']) })),
        inputs: z.array(inputFile),
      }),
    ),
    reasoning: z.string(),
    warnings: z.array(problemSchema),
  })
  .meta({ title: 'coopscore compare report', description: `compareVersion ${COMPARE_VERSION}` });

// Fails to compile when the schema and the CompareReport type drift apart.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _compareMatches: Same<z.infer<typeof compareSchema>, CompareReport> = true;
void _compareMatches;
