import type { CliIO, CommonOptions } from '../cli.js';
import { useColor } from '../cli.js';
import type { WeightsUsed } from '../core/report.js';
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

/** The active indicator set (with `--weights` applied), or the problems that stop us from using it. */
export async function activeSet(options: CommonOptions, io: CliIO): Promise<LoadedSet & { ok: boolean; weights?: WeightsUsed }> {
  const loaded = await loadIndicatorSet(options.indicators, io.cwd);
  const ok = loaded.set !== undefined && loaded.problems.every((p) => p.severity !== 'error');
  if (!ok || options.weights === undefined) return { ...loaded, ok };
  const { loadWeights } = await import('../io/weights.js');
  const weighted = await loadWeights(options.weights, io.cwd, loaded.set!);
  const sources = new Map([...loaded.sources, ...weighted.sources]);
  if (!weighted.set) return { ...loaded, problems: [...loaded.problems, ...weighted.problems], sources, ok: false };
  return { ...loaded, set: weighted.set, sources, ok: true, ...(weighted.used ? { weights: weighted.used } : {}) };
}

export async function paintFor(options: CommonOptions, io: CliIO): Promise<Paint> {
  return makePaint(useColor(options, io));
}

export const IO_CODES = new Set(['file-not-found', 'read-error', 'no-input']);

export const hasErrors = (problems: readonly Problem[]) => problems.some((p) => p.severity === 'error');
