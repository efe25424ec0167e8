import type { Problem } from '../core/types.js';

/** `validate --format json`: each problem with its position, code, message and any hint, in a stable key order. */
export function formatProblemsJson(problems: readonly Problem[]): string {
  return `${JSON.stringify(problemRecords(problems), null, 2)}\n`;
}

/** The problems as `validate --format json` lists them (written in chunks by the command: json-chunks.ts). */
export function problemRecords(problems: readonly Problem[]): object[] {
  return problems.map(({ file, line, column, endLine, endColumn, severity, code, message, hint }) => ({
    file, line, column, endLine, endColumn, severity, code, message, ...(hint ? { hint } : {}),
  }));
}
