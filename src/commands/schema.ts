import path from 'node:path';
import { z } from 'zod';
import type { CliIO, CommonOptions } from '../cli.js';
import { UsageError } from '../cli.js';
import { reportSchema } from '../core/report-schema.js';
import { eventFileSchema } from '../core/schema.js';
import { vocabularyOf } from '../core/validate.js';
import { writeFileAtomic } from '../io/write.js';
import { activeSet, reportProblems } from './shared.js';

export interface SchemaCommandOptions extends CommonOptions {
  output?: string;
}

/** `coopscore schema`: JSON Schema (draft 2020-12) from the same zod schemas that validate. */
export async function schema(which: 'events' | 'report', options: SchemaCommandOptions, io: CliIO): Promise<number> {
  let json: Record<string, unknown>;
  if (which === 'events') {
    const loaded = await activeSet(options, io);
    if (!loaded.ok) {
      await reportProblems(loaded.problems, loaded.sources, options, io);
      return 2;
    }
    json = z.toJSONSchema(eventFileSchema(vocabularyOf(loaded.set!)), { target: 'draft-2020-12', io: 'input' });
  } else {
    json = z.toJSONSchema(reportSchema, { target: 'draft-2020-12', io: 'output' });
  }
  const text = `${JSON.stringify(json, null, 2)}\n`;
  if (options.output) {
    try {
      await writeFileAtomic(path.resolve(io.cwd, options.output), text);
    } catch (error) {
      throw new UsageError(`cannot write ${options.output}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
  } else io.stdout(text);
  return 0;
}
