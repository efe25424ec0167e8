import type { CliIO, CommonOptions } from './context.js';
import { UsageError } from './context.js';
import { anchorsJsonSchema, compareJsonSchema, configJsonSchema, eventsJsonSchema, reportJsonSchema } from '../core/json-schema.js';
import { configure } from './configured.js';
import { usableSet, writeOutput } from './shared.js';

export interface SchemaCommandOptions extends CommonOptions {
  output?: string;
  /** `--out`, the same as `--output`. */
  out?: string;
}

/** `coopscore schema`: JSON Schema (draft 2020-12) from the same zod schemas that validate. */
export async function schema(which: 'events' | 'report' | 'config' | 'compare' | 'ledger' | 'anchors', flags: SchemaCommandOptions, io: CliIO): Promise<number> {
  const options = flags;
  if (options.output !== undefined && options.out !== undefined && options.output !== options.out) {
    throw new UsageError(`--out and --output name different files ("${options.out}", "${options.output}"); give one`);
  }
  const target = options.output ?? options.out;
  let json: Record<string, unknown>;
  if (which === 'events') {
    // The event schema lists the active set's vocabulary, which a config file may choose.
    const configured = await configure('schema', [], flags, io);
    if (!configured) return 2;
    const loaded = await usableSet(configured.options, io);
    if (!loaded) return 2;
    json = eventsJsonSchema(loaded.set);
  } else if (which === 'config') {
    json = configJsonSchema();
  } else if (which === 'compare') {
    json = compareJsonSchema();
  } else if (which === 'ledger') {
    json = (await import('../core/ledger-schema.js')).ledgerJsonSchema();
  } else if (which === 'anchors') {
    json = anchorsJsonSchema();
  } else {
    json = reportJsonSchema();
  }
  const text = `${JSON.stringify(json, null, 2)}\n`;
  await writeOutput(text, target, io);
  return 0;
}
