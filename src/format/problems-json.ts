import type { Problem } from '../core/types.js';

/** `validate --format json`: each problem with its position, code, message and any hint, in a stable key order. */
export function formatProblemsJson(problems: readonly Problem[]): string {
  return `${JSON.stringify(
    problems.map(({ file, line, column, endLine, endColumn, severity, code, message, hint }) => ({
      file, line, column, endLine, endColumn, severity, code, message, ...(hint ? { hint } : {}),
    })),
    null,
    2,
  )}\n`;
}
