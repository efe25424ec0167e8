import { isAct, related, type Item } from './evidence.js';
import { prefixLength } from './numbers.js';

/**
 * Stage 2 of scoring: stocks, the evidence that stays in effect until something ends it, and who
 * may change them. Only solid evidence changes the state of other evidence:
 * - a reversal (a suspension of cooperation, a rescinded control) holds at full weight until a
 *   later solid related act (`enforced` or `in-force`) ends it; weaker claims cannot;
 * - a law in force decays slowly from the later of its date and its newest solid related
 *   enforcement (a law is worth what its enforcement shows), and a later solid related reversal
 *   undoes it (a reversal naming a measure undoes that measure's law only).
 *
 * Items come sorted by date, so "later" is a binary search for the first later item and a forward
 * scan that stops at the first match (a scan from the start made 100,000 events quadratic).
 */

export interface Ending {
  /** The solid act that ended the stock, if any. */
  by?: Item;
  /** The first later related act that was too weak to end it (for the reasoning). */
  tooWeak?: Item;
}

/** The position of the first item dated after `day` in items sorted by date (binary search). */
export function firstAfter(items: readonly Item[], day: number): number {
  return prefixLength(items, (item) => item.day <= day);
}

/** What ends a reversal: the first later solid related act. */
export function endOfReversal(reversal: Item, acts: readonly Item[]): Ending {
  let tooWeak: Item | undefined;
  for (let i = firstAfter(acts, reversal.day); i < acts.length; i++) {
    const act = acts[i]!;
    if (!isAct(act.status) || !related(reversal, act)) continue;
    if (act.grade.solid) return tooWeak ? { by: act, tooWeak } : { by: act };
    tooWeak ??= act;
  }
  return tooWeak ? { tooWeak } : {};
}

/** What undoes a law in force: the first later solid reversal related to it (naming its measure, if the reversal names one). */
export function undoOfLaw(law: Item, reversals: readonly Item[]): Item | undefined {
  for (let i = firstAfter(reversals, law.day); i < reversals.length; i++) {
    const r = reversals[i]!;
    if (!r.grade.solid) continue;
    if (r.measure !== undefined ? r.measure === law.measure : related(law, r)) return r;
  }
  return undefined;
}

/** The newest solid related enforcement dated on or after the law: the law's value decays from it. */
export function refreshOfLaw(law: Item, enforced: readonly Item[]): Item | undefined {
  for (let i = enforced.length - 1; i >= 0; i--) {
    const e = enforced[i]!;
    if (e.day < law.day) return undefined;
    if (e.grade.solid && related(law, e)) return e;
  }
  return undefined;
}
