import { compareProblems } from './engine.js';
import type { ProblemPlace } from './problems.js';
import type { Problem } from './types.js';

/**
 * The first `limit` warnings in reading order (compareProblems: file, line, column, code), the
 * rest only counted by code. A run that prints its warnings beside a report shows twenty and a
 * count of the others (commands/shared.ts's reportWarnings); on a million-line JSON Lines file of
 * machine-coded events, nearly a million warnings were kept, sorted and never shown.
 *
 * The kept ones are exactly the first `limit` that a stable sort of everything added would give:
 * a warning equal under compareProblems to one already kept goes after it, as a stable sort puts
 * the later of two equal items after the earlier. So add warnings in the order they were found.
 */
export class FirstWarnings {
  /** The kept warnings, in reading order. */
  readonly kept: Problem[] = [];
  /** How many warnings of each code were not kept. */
  readonly omitted = new Map<string, number>();

  constructor(readonly limit: number) {}

  /**
   * Would a warning at this place, with this code, be kept? When not, it is counted now and need
   * not be built (warnings.ts's Admit); when it would, build it and add() it.
   */
  admits(at: ProblemPlace): boolean {
    const { kept, limit } = this;
    if (kept.length < limit) return true;
    if (limit > 0 && compareProblems(at, kept[limit - 1]!) < 0) return true;
    this.omit(at.code);
    return false;
  }

  /**
   * Whether no warning from this place on (in reading order) can be kept any more: the list is full
   * and its last warning comes before the place. Then whatever is found there need not be placed or
   * worded, only counted (omit): a file after the one that filled the list, a JSON Lines line after it.
   */
  closedFrom(at: Pick<ProblemPlace, 'file' | 'line' | 'column'>): boolean {
    const { kept, limit } = this;
    return kept.length === limit && (limit === 0 || compareProblems({ ...at, code: '' }, kept[limit - 1]!) >= 0);
  }

  /** Count a warning not kept, by its code (for warnings found after closedFrom said so). */
  readonly omit = (code: string): void => {
    this.omitted.set(code, (this.omitted.get(code) ?? 0) + 1);
  };

  add(warning: Problem): void {
    const { kept, limit } = this;
    if (kept.length === limit) {
      // Past the last kept one (or equal to it, so after it in a stable sort): only counted.
      if (limit === 0 || compareProblems(warning, kept[limit - 1]!) >= 0) return this.omit(warning.code);
      this.omit(kept.pop()!.code);
    }
    // After every kept warning that sorts before or equal to it: binary search for the upper bound.
    let low = 0;
    let high = kept.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (compareProblems(kept[mid]!, warning) <= 0) low = mid + 1;
      else high = mid;
    }
    kept.splice(low, 0, warning);
  }
}
