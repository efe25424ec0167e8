import path from 'node:path';
import type { CliIO, CommonOptions } from './context.js';
import { UsageError } from './context.js';
import { diffReports, incompatibility, inconsistency } from '../core/diff.js';
import type { ScoreReport } from '../core/report.js';
import { reportSchema } from '../core/report-schema.js';
import { DIFF_FORMATS, render } from '../format/index.js';
import { readInput } from '../io/inputs.js';
import { configure } from './configured.js';
import { CLI_SETTING_NAMES, formatOptionsFor, writeOutput } from './shared.js';

export interface DiffCommandOptions extends CommonOptions {
  format: string;
  threshold?: number;
  failOnRegression?: number;
  output?: string;
  width?: number;
  maxFileSize?: number;
}

/** How many schema issues to name before "and N more": enough to see what is wrong. */
const ISSUES_SHOWN = 3;

/** Read a saved JSON report; any reason it is not one is a usage error naming the file. */
async function readReport(file: string, io: CliIO, maxFileSize: number | undefined): Promise<{ path: string; data: Record<string, unknown> }> {
  const { input, problem } = await readInput(file, io.cwd, io.readStdin, maxFileSize === undefined ? {} : { maxFileSize });
  if (!input) throw new UsageError(problem!.message);
  let data: unknown;
  try {
    data = JSON.parse(input.text);
  } catch (error) {
    throw new UsageError(`${input.path} is not JSON (${(error as Error).message}); save a report with \`coopscore score --format json -o FILE\``);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new UsageError(`${input.path} is not a coopscore JSON report (expected an object)`);
  }
  return { path: input.path, data: data as Record<string, unknown> };
}

function validReport(report: { path: string; data: unknown }): ScoreReport {
  const result = reportSchema.safeParse(report.data);
  if (result.success) return result.data;
  const issues = result.error.issues;
  const named = issues.slice(0, ISSUES_SHOWN).map((i) => `${i.path.length ? i.path.join('.') : '(top level)'}: ${i.message}`);
  const more = issues.length > ISSUES_SHOWN ? `; and ${issues.length - ISSUES_SHOWN} more` : '';
  throw new UsageError(`${report.path} is not a valid coopscore report: ${named.join('; ')}${more}`);
}

/** `coopscore diff BASE.json HEAD.json`: what moved between two saved reports, event by event. */
export async function diff(basePath: string, headPath: string, flags: DiffCommandOptions, io: CliIO): Promise<number> {
  const configured = await configure('diff', [], flags, io);
  if (!configured) return 2;
  const { options } = configured;
  if (basePath === '-' && headPath === '-') throw new UsageError('only one of BASE and HEAD can be read from stdin');
  const base = await readReport(basePath, io, options.maxFileSize);
  const head = await readReport(headPath, io, options.maxFileSize);
  // Versions and sets first: a report from another schemaVersion would fail the schema for a less useful reason.
  const clash = incompatibility(base.data as never, head.data as never, { base: base.path, head: head.path });
  if (clash) throw new UsageError(clash);
  const [baseReport, headReport] = [validReport(base), validReport(head)];
  const broken = inconsistency(baseReport, base.path) ?? inconsistency(headReport, head.path);
  if (broken) throw new UsageError(broken);
  const result = diffReports(baseReport, headReport, {
    ...(options.threshold !== undefined ? { threshold: options.threshold } : {}),
    ...(options.failOnRegression !== undefined ? { failOnRegression: options.failOnRegression } : {}),
    settingNames: CLI_SETTING_NAMES,
  });
  const text = await render(DIFF_FORMATS, options.format, result, await formatOptionsFor(options, io));
  await writeOutput(text, options.output, io, [basePath, headPath].filter((f) => f !== '-').map((f) => path.resolve(io.cwd, f)));
  for (const failure of result.verdict.failures) io.stderr(`coopscore: ${failure.message}\n`);
  return result.verdict.passed ? 0 : 1;
}
