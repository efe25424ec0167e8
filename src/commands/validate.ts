import type { CliIO, CommonOptions } from './context.js';
import type { Problem } from '../core/types.js';
import { loadEventFiles } from '../io/load.js';
import { packageVersion } from '../io/package-version.js';
import { withFrameLines } from '../io/frame-lines.js';
import { PROBLEM_FORMATS } from '../format/index.js';
import { progressBar } from '../io/progress.js';
import { configure, requirePaths } from './configured.js';
import { activeSet, formatOptionsFor, inputFiles, IO_CODES, writeOutput } from './shared.js';
import type { Text } from '../io/write.js';

export interface ValidateCommandOptions extends CommonOptions {
  format: 'text' | 'json' | 'github' | 'sarif';
  maxWarnings?: number;
  maxFileSize?: number;
  output?: string;
  stdinFilename?: string;
  followSymlinks?: boolean;
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
  let rereadable: ReadonlyMap<string, string> = new Map();
  let files: string[] = [];
  if (!loadedSet.ok) {
    ({ problems, sources } = loadedSet);
  } else {
    const progress = progressBar('checking', io.stderr, io.stderrIsTTY === true);
    ({ problems, sources, rereadable, files } = await loadEventFiles(paths, loadedSet.set!, {
      onFile: (done, total) => progress.update(done, total),
      cwd: io.cwd,
      readStdin: io.readStdin,
      maxFileSize: options.maxFileSize,
      today: io.today,
      checkOnly: true,
      // validate prints problems, never the inputs' digests.
      digest: false,
      ...(options.stdinFilename ? { stdinName: options.stdinFilename } : {}),
      ...(options.followSymlinks ? { followSymlinks: true } : {}),
    }));
    progress.end();
  }
  const shown = options.quiet ? problems.filter((p) => p.severity === 'error') : problems;
  // -o never writes over one of the files it checks.
  const write = (text: Text) => writeOutput(text, options.output, io, inputFiles(options, io, files));
  const tool = { name: 'coopscore', version: packageVersion() };
  const formatOptions = await formatOptionsFor(options, io);
  // Text and JSON are written in chunks (a warning on each of a million lines is hundreds of
  // megabytes of either); the same bytes as PROBLEM_FORMATS gives. Only the text format draws code
  // frames: only it reads JSON Lines files again for their lines.
  let text: Text;
  if (options.format === 'text') {
    const { problemsTextChunks } = await import('../format/problems-text.js');
    text = problemsTextChunks(shown, withFrameLines(shown, sources, rereadable), formatOptions.paint);
  } else if (options.format === 'json') {
    const [{ problemRecords }, { jsonChunks }] = await Promise.all([import('../format/problems-json.js'), import('../format/json-chunks.js')]);
    text = jsonChunks(problemRecords(shown));
  } else text = (await PROBLEM_FORMATS[options.format]!())(shown, { ...formatOptions, tool, sources });
  // The text format shows nothing when nothing is shown; -o always leaves the file (empty then).
  if (options.format !== 'text' || shown.length > 0 || options.output !== undefined) await write(text);
  // "no problems" only when it is true: --quiet hides warnings, it does not make them go away.
  if (options.format === 'text' && problems.length === 0) io.stderr('coopscore: no problems\n');

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
