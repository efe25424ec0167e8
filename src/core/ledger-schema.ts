import { z } from 'zod';
import { COMMITMENT_STATES, LEDGER_VERSION, type Ledger } from './ledger.js';
import { FATES } from './report.js';
import { LEVER_CLASSES, STATUSES } from './types.js';

/** The JSON ledger's schema (`ledger --format json`), published by `coopscore schema ledger`. */

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const eventRef = z.strictObject({ eventId: z.string(), date });
const ratio = z.number().min(0).max(1).nullable();
const count = z.int().min(0);
const range = z.strictObject({ first: count, count });

const commitmentSchema = z.strictObject({
  eventId: z.string(),
  date,
  status: z.enum(STATUSES),
  kind: z.string(),
  summary: z.string(),
  file: z.string(),
  line: z.int(),
  grade: z.string(),
  source: z.strictObject({ title: z.string(), url: z.string().optional(), publisher: z.string().optional() }),
  measure: z.string().optional(),
  due: date.nullable(),
  state: z.enum(COMMITMENT_STATES),
  by: eventRef.optional(),
  days: z.int().optional(),
  daysLate: z.int().min(0).optional(),
  daysOverdue: z.int().min(0).optional(),
  daysLeft: z.int().min(0).optional(),
  supersededBy: eventRef.optional(),
  lapseValue: z.number().max(0),
  indicators: z.array(
    z.strictObject({
      indicator: z.string(),
      fate: z.enum(FATES),
      state: z.enum(['open', 'delivered', 'delivered-late', 'lapsed', 'superseded']),
      by: eventRef.optional(),
      days: z.int().optional(),
      value: z.number(),
    }),
  ),
});

const leverSchema = z.strictObject({
  eventId: z.string(),
  date,
  actor: z.string(),
  kind: z.string(),
  class: z.enum(LEVER_CLASSES),
  summary: z.string(),
  file: z.string(),
  line: z.int(),
  windowEnd: date,
  complete: z.boolean(),
  before: z.number().min(0).max(100),
  after: z.number().min(0).max(100),
  change: z.number().min(-100).max(100),
  followedBy: range,
  near: range,
  overlaps: count,
});

export const ledgerSchema = z.strictObject({
  ledgerVersion: z.literal(LEDGER_VERSION),
  tool: z.strictObject({ name: z.string(), version: z.string() }),
  indicatorSet: z.strictObject({ id: z.string(), title: z.string(), sha256: z.string() }),
  subject: z.string(),
  counterpart: z.string().nullable(),
  asOf: date,
  since: date.nullable(),
  windowDays: z.int().min(1),
  score: z.strictObject({ composite: z.number().min(0).max(100), band: z.string() }),
  commitments: z.strictObject({
    items: z.array(commitmentSchema),
    totals: z.strictObject({
      promises: count,
      open: count,
      delivered: count,
      deliveredLate: count,
      partlyDelivered: count,
      lapsed: count,
      superseded: count,
      due: count,
      sayDo: ratio,
    }),
    byIndicator: z.array(
      z.strictObject({
        indicator: z.string(),
        title: z.string(),
        score: z.number().min(0).max(100),
        promises: count,
        open: count,
        delivered: count,
        deliveredLate: count,
        lapsed: count,
        superseded: count,
        due: count,
        sayDo: ratio,
        lapseValue: z.number().max(0),
      }),
    ),
    oldestOpen: z.array(z.string()),
  }),
  levers: z.strictObject({
    caveat: z.string(),
    items: z.array(leverSchema),
    classes: z.array(
      z.strictObject({
        class: z.enum(LEVER_CLASSES),
        count,
        medianChange: z.number().nullable(),
        overlapping: count,
        cut: count,
      }),
    ),
  }),
  actions: z.array(
    z.strictObject({
      eventId: z.string(),
      date,
      kind: z.string(),
      status: z.enum(STATUSES),
      summary: z.string(),
      file: z.string(),
      line: z.int(),
      indicators: z.array(z.string()),
    }),
  ),
  inputs: z.strictObject({
    files: z.array(z.strictObject({ path: z.string(), sha256: z.string(), events: count })),
    events: count,
  }),
});

// The schema and the type must describe the same object: a change to one fails the build until the other follows.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const agrees: Same<z.output<typeof ledgerSchema>, Ledger> = true;
void agrees;

/** The JSON Schema (draft 2020-12) of the JSON ledger. */
export function ledgerJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(ledgerSchema, { target: 'draft-2020-12', io: 'output' }) as Record<string, unknown>;
}
