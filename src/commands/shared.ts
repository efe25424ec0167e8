import type { CliIO, CommonOptions } from '../cli.js';
import { useColor } from '../cli.js';
import type { Problem } from '../core/types.js';
import { formatProblemsText } from '../format/problems-text.js';
import { makePaint, type Paint } from '../format/paint.js';
import { loadIndicatorSet, type LoadedSet } from '../io/load.js';

/** Problems on stderr, with code frames, coloured only when stderr would be. */
export async function reportProblems(problems: readonly Problem[], sources: ReadonlyMap<string, string>, options: CommonOptions, io: CliIO): Promise<void> {
  const shown = options.quiet ? problems.filter((p) => p.severity === 'error') : problems;
  if (shown.length === 0) return;
  io.stderr(formatProblemsText(shown, sources, await makePaint(useColor(options, io))));
}

/** The active indicator set, or the problems that stop us from using it. */
export async function activeSet(options: CommonOptions, io: CliIO): Promise<LoadedSet & { ok: boolean }> {
  const loaded = await loadIndicatorSet(options.indicators, io.cwd);
  return { ...loaded, ok: loaded.set !== undefined && loaded.problems.every((p) => p.severity !== 'error') };
}

export async function paintFor(options: CommonOptions, io: CliIO): Promise<Paint> {
  return makePaint(useColor(options, io));
}

export const IO_CODES = new Set(['file-not-found', 'read-error', 'no-input']);

export const hasErrors = (problems: readonly Problem[]) => problems.some((p) => p.severity === 'error');
