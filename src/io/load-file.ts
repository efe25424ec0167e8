import { z } from 'zod';
import { once } from '../core/once.js';
import type { Event, IndicatorSet, Problem } from '../core/types.js';
import { validateEventDoc, type EventParser, type IdSite } from '../core/validate.js';
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
  schema: EventParser,
  options: {
    cwd: string;
    readStdin: (maxBytes?: number) => Promise<Buffer>;
    reference?: boolean;
    maxFileSize?: number;
    today?: string;
    stdinName?: string;
    digest?: boolean;
    /**
     * Given the file as shown, a count for its events' own warnings (dates after today, ungraded
     * sources) when the caller will not show any of them (FirstWarnings.closedFrom): they are then
     * counted by code, not placed and worded.
     */
    omitWarnings?: (file: string) => ((code: string) => void) | undefined;
  },
): Promise<FileResult> {
  const { input, problem } = await readInput(file, options.cwd, options.readStdin, {
    maxFileSize: options.maxFileSize,
    ...(options.stdinName ? { stdinName: options.stdinName } : {}),
    ...(options.digest === false ? { digest: false } : {}),
  });
  if (!input) return { problems: [problem!], parsed: false, events: [], count: 0, ids: [] };
  const problems: Problem[] = [];
  const large = largeFileProblem(input.path, input.text.length);
  if (large) problems.push(large);
  const read = { path: input.path, text: input.text, sha256: input.sha256 };
  // Warnings only counted are counted from the check whose result is kept: a file is checked twice
  // when the fast path leaves its problems to the reference parser.
  const omit = options.omitWarnings?.(input.path);
  let omitted: string[] = [];
  const parsed = await parseAndCheck(
    input.path,
    input.text,
    (doc) => {
      const result = validateEventDoc(doc, set, schema);
      omitted = [];
      inputWarnings(doc, { today: options.today }, omit ? (code) => void omitted.push(code) : result.problems);
      return result;
    },
    { reference: options.reference === true, plain: input.plain === true },
  );
  for (const p of parsed.problems) problems.push(p);
  if (!parsed.result) return { problems, input: read, parsed: false, events: [], count: 0, ids: [] };
  if (omit) for (const code of omitted) omit(code);
  for (const p of parsed.result.problems) problems.push(p);
  const { events, ids, subject } = parsed.result;
  return { problems, input: read, parsed: true, events, count: events.length, ids, ...(subject !== undefined ? { subject } : {}) };
}

/**
 * The schema, built when first asked for (valid events pass the fast check in core/event-check.ts
 * and never reach zod), and validated through zod's compiled fast path (z.compile: the same issues,
 * each event in ~40% of the time) once a run has sent it enough events to repay the few
 * milliseconds compiling takes; a run with a few invalid events never pays for it.
 */
export function compiledAfter<T extends z.ZodType>(make: () => T, events: number): Pick<T, 'safeParse'> {
  let seen = 0;
  const schema = once(make);
  let compiled: T | undefined;
  return {
    safeParse: (data, params) => (compiled ?? (++seen > events ? (compiled = z.compile(schema())) : schema())).safeParse(data, params),
  };
}
