import { z } from 'zod';
import { anchorsFileSchema } from './anchors.js';
import { compareSchema } from './compare-schema.js';
import { configSchema } from './config-schema.js';
import { reportSchema } from './report-schema.js';
import { eventFileSchema } from './schema.js';
import type { IndicatorSet, Status } from './types.js';
import { vocabularyOf } from './validate.js';

/**
 * JSON Schemas (draft 2020-12) generated from the same zod schemas that validate, so an editor
 * and `coopscore validate` never disagree about the shape of a file.
 */

/** What each status means, shown by editors next to the completion (the set adds what it counts). */
const STATUS_MEANINGS: Record<Status, string> = {
  pledged: 'A verbal commitment.',
  announced: 'A formal measure announced, not yet in force.',
  'in-force': 'A law, rule or control in force.',
  enforced: 'An enforcement action observed: arrests, seizures, shutdowns, intelligence acted on.',
  refused: 'Declined, or said it cannot act.',
  reversed: 'Backsliding: suspended or undid cooperation or a control.',
};

type JsonObject = Record<string, unknown>;
const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A description per enum value, for editors, in standard JSON Schema: `anyOf` one `const` per value,
 * each with its `description` (VS Code and yaml-language-server show it beside the completion).
 * The `enum` stays for validators' plain "must be one of" message. Not `enumDescriptions`: that is a
 * VS Code extension keyword, and a strict validator (ajv's strict mode, ajv-cli's default) refuses
 * any keyword it does not know.
 */
function describeEnum(node: unknown, describe: (value: string) => string | undefined): void {
  if (!isObject(node) || !Array.isArray(node.enum)) return;
  node.anyOf = node.enum.map((value) => {
    const description = describe(String(value));
    return description ? { const: value, description } : { const: value };
  });
}

/**
 * Name every required property in `properties` of the same schema object (as `{}`, any value,
 * where the branch only says it must be present: `oneOf` [required source, required sources]).
 * A strict validator (ajv's strictRequired) refuses a `required` it cannot find beside it.
 */
function defineRequired(schema: unknown): void {
  const stack: unknown[] = [schema];
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      for (const item of node) stack.push(item);
      continue;
    }
    if (!isObject(node)) continue;
    if (Array.isArray(node.required)) {
      const properties = isObject(node.properties) ? node.properties : (node.properties = {});
      for (const key of node.required) if (typeof key === 'string' && !(key in properties)) properties[key] = {};
    }
    for (const value of Object.values(node)) if (typeof value === 'object' && value !== null) stack.push(value);
  }
}

/**
 * The JSON Schema of an event file for the given indicator set: `kind` and `substances` list the
 * set's vocabulary (each with its description), `status` the six statuses.
 */
export function eventsJsonSchema(set: IndicatorSet): JsonObject {
  const schema = z.toJSONSchema(eventFileSchema(vocabularyOf(set)), { target: 'draft-2020-12', io: 'input' }) as JsonObject;
  schema.description = `Events for coopscore, checked against the vocabulary of the indicator set "${set.id}" (${set.title}). Regenerate with: coopscore schema events --out FILE`;
  const context = new Map<string, string>();
  for (const group of set.context) for (const kind of group.kinds) context.set(kind, group.reason);
  const events = isObject(schema.properties) ? schema.properties.events : undefined;
  // zod drops refinements from JSON Schema: "exactly one of source and sources" is restated here.
  if (isObject(events) && isObject(events.items)) events.items.oneOf = [{ properties: { source: true }, required: ['source'] }, { properties: { sources: true }, required: ['sources'] }];
  const event = isObject(events) && isObject(events.items) && isObject(events.items.properties) ? events.items.properties : {};
  describeEnum(event.kind, (kind) => {
    const reason = context.get(kind);
    return reason === undefined ? set.kinds[kind] : `${set.kinds[kind]} Context, not scored: ${reason}`;
  });
  describeEnum(event.status, (status) => {
    const stage = set.method.stages[status as Status];
    return `${STATUS_MEANINGS[status as Status]} Counts ${stage < 0 ? 'against, ' : ''}×${stage}${status === 'reversed' ? ', and stays in effect until a later solid act ends it' : status === 'in-force' ? ', decaying slowly from its newest enforcement' : ''}.`;
  });
  describeEnum(isObject(event.substances) ? event.substances.items : undefined, (substance) => set.substances[substance]);
  defineRequired(schema);
  return schema;
}

/** The JSON Schema of the JSON report (`score --format json`). */
export function reportJsonSchema(): JsonObject {
  return z.toJSONSchema(reportSchema, { target: 'draft-2020-12', io: 'output' }) as JsonObject;
}

/** The JSON Schema of an anchors file (`coopscore calibrate --anchors FILE`). */
export function anchorsJsonSchema(): JsonObject {
  const schema = z.toJSONSchema(anchorsFileSchema, { target: 'draft-2020-12', io: 'input' }) as JsonObject;
  schema.description = 'Dated judgements quoted from an indicator set\'s source, for coopscore calibrate. Regenerate with: coopscore schema anchors --out FILE';
  return schema;
}

/** The JSON Schema of coopscore.config.yaml, for editors (`# yaml-language-server: $schema=...`). */
export function configJsonSchema(): JsonObject {
  return z.toJSONSchema(configSchema(), { target: 'draft-2020-12', io: 'input' }) as JsonObject;
}

/** The JSON Schema of `compare --format json`. */
export function compareJsonSchema(): JsonObject {
  return z.toJSONSchema(compareSchema, { target: 'draft-2020-12', io: 'output' }) as JsonObject;
}
