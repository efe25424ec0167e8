import type { CliIO, CommonOptions } from './context.js';
import type { Problem } from '../core/types.js';
import { loadEventFiles } from '../io/load.js';
import { packageVersion } from '../io/package-version.js';
import { formatProblemsText } from '../format/problems-text.js';
import { configure, requirePaths } from './configured.js';
import { activeSet, IO_CODES, paintFor } from './shared.js';

export interface ValidateCommandOptions extends CommonOptions {
  format: 'text' | 'json' | 'github' | 'sarif';
  maxWarnings?: number;
  maxFileSize?: number;
}

function formatJsonProblems(problems: readonly Problem[]): string {
  return `${JSON.stringify(
    problems.map(({ file, line, column, endLine, endColumn, severity, code, message, hint }) => ({
      file, line, column, endLine, endColumn, severity, code, message, ...(hint ? { hint } : {}),
    })),
    null,
    2,
  )}\n`;
}

/**
 * `coopscore validate`: exit 1 when the files have problems (the check failed), 2 when they could
 * not be read at all (missing paths, unreadable files), 0 when clean.
 */
export async function validate(given: string[], flags: ValidateCommandOptions, io: CliIO): Promise<number> {
  const configured = await configure('validate', given, flags, io);
  if (!configured) return 2;
  const { options } = configured;
  const paths = requirePaths(configured.paths, configured.config);
  const loadedSet = await activeSet(options, io);
  let problems: Problem[];
  let sources: ReadonlyMap<string, string>;
  if (!loadedSet.ok) {
    ({ problems, sources } = loadedSet);
  } else {
    ({ problems, sources } = await loadEventFiles(paths, loadedSet.set!, {
      cwd: io.cwd,
      readStdin: io.readStdin,
      maxFileSize: options.maxFileSize,
      today: io.today,
      checkOnly: true,
    }));
  }
  const shown = options.quiet ? problems.filter((p) => p.severity === 'error') : problems;
  if (options.format === 'json') io.stdout(formatJsonProblems(shown));
  else if (options.format === 'github') io.stdout((await import('../format/problems-github.js')).formatProblemsGithub(shown));
  else if (options.format === 'sarif') {
    const tool = { name: 'coopscore', version: packageVersion() };
    io.stdout((await import('../format/problems-sarif.js')).formatProblemsSarif(shown, tool));
  } else if (shown.length === 0) io.stderr('coopscore: no problems\n');
  else io.stdout(formatProblemsText(shown, sources, await paintFor(options, io)));

  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.some((p) => IO_CODES.has(p.code))) return 2;
  if (errors.length) return 1;
  const warnings = problems.length - errors.length;
  if (options.maxWarnings !== undefined && warnings > options.maxWarnings) {
    io.stderr(`coopscore: ${warnings} warnings, more than --max-warnings ${options.maxWarnings}\n`);
    return 1;
  }
  return 0;
}
