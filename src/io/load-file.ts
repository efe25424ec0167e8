import { z } from 'zod';
import type { eventSchema } from '../core/schema.js';
import type { Event, IndicatorSet, Problem } from '../core/types.js';
import { validateEventDoc, type IdSite } from '../core/validate.js';
import { inputWarnings } from '../core/warnings.js';
import { parseAndCheck } from './fast-load.js';
import { readInput } from './inputs.js';
import { largeFileProblem } from './large-file.js';

/** What one YAML or JSON input gives; loadEventFiles merges these in file order. */
export interface FileResult {
  /** Reading, size, parse and validation problems (repeated ids are checked across files later). */
  problems: Problem[];
  /** The file as read (absent when it could not be read): display path, text for code frames, hash. */
  input?: { path: string; text: string; sha256: string };
  /** Whether the file parsed, so it counts among the report's inputs. */
  parsed: boolean;
  events: Event[];
  /** How many valid events the file holds (events may be left out when only problems matter). */
  count: number;
  ids: IdSite[];
  /** The subject the file records (`subject:`), when it names one. */
  subject?: string;
}

/** Read, parse and validate one YAML or JSON event file. */
export async function loadYamlFile(
  file: string,
  set: IndicatorSet,
  schema: ReturnType<typeof eventSchema>,
  options: { cwd: string; readStdin: (maxBytes?: number) => Promise<Buffer>; reference?: boolean; maxFileSize?: number; today?: string },
): Promise<FileResult> {
  const { input, problem } = await readInput(file, options.cwd, options.readStdin, { maxFileSize: options.maxFileSize });
  if (!input) return { problems: [problem!], parsed: false, events: [], count: 0, ids: [] };
  const problems: Problem[] = [];
  const large = largeFileProblem(input.path, input.text.length);
  if (large) problems.push(large);
  const read = { path: input.path, text: input.text, sha256: input.sha256 };
  const parsed = await parseAndCheck(
    input.path,
    input.text,
    (doc) => {
      const result = validateEventDoc(doc, set, schema);
      return { ...result, problems: [...result.problems, ...inputWarnings(doc, { today: options.today })] };
    },
    options,
  );
  problems.push(...parsed.problems);
  if (!parsed.result) return { problems, input: read, parsed: false, events: [], count: 0, ids: [] };
  problems.push(...parsed.result.problems);
  const { events, ids, subject } = parsed.result;
  return { problems, input: read, parsed: true, events, count: events.length, ids, ...(subject !== undefined ? { subject } : {}) };
}

/**
 * The schema, validated through zod's compiled fast path (z.compile: the same issues, each event
 * in ~40% of the time) once a run has seen enough events to repay the few milliseconds compiling
 * takes; a command on a handful of files never pays for it.
 */
export function compiledAfter<T extends z.ZodType>(schema: T, events: number): T {
  let seen = 0;
  let compiled: T | undefined;
  const adaptive = Object.create(schema) as { safeParse: z.ZodType['safeParse'] };
  adaptive.safeParse = (data, params) => (compiled ?? (++seen > events ? (compiled = z.compile(schema)) : schema)).safeParse(data, params);
  return adaptive as unknown as T;
}
