import { addDays, dayNumber } from './dates.js';
import { isAct, related, type Item } from './evidence.js';
import type { PromiseState } from './report.js';
import type { Method } from './types.js';
import { prefixLength } from './numbers.js';

/**
 * Stage 3 of scoring: promises come due. A promise is a `pledged` or `announced` event, or the talk
 * stages of one measure taken together. It is due on its `due` date, else method.pledgeHorizonDays
 * after it (for a measure: the earliest due date among its solid talk stages, among all of them when
 * none is solid, so announcing again never extends it). It is delivered on an indicator by a later
 * solid related act (`in-force` or `enforced`) dated by the due date — for a measure, by its own
 * solid law or enforcement stage. Undelivered on its due date, it lapses; a later solid delivery
 * ends the lapse (delivered late).
 */

export interface Commitment {
  /** The talk items of the promise (one event, or the talk stages of one measure), by date. */
  talk: Item[];
  due: string;
  dueDay: number;
  state: PromiseState['state'];
  /** The solid act that delivered it, on time or late. */
  deliveredBy?: Item;
  /**
   * The act the promise counts once with, as the larger of the two: its deliverer, or (before its
   * due date) the first later related act of any grade, which adds nothing to the promise.
   */
  pairedWith?: Item;
  /** The best grade among its talk stages: the weight of a lapse. */
  lapseGrade: number;
}

export function dueOf(item: Item, method: Method): string {
  if (item.event.due !== undefined) return item.event.due;
  // Written out once per item (a trend, the ledger and the watch list ask for the same ones again).
  const horizon = method.pledgeHorizonDays;
  if (item.dueText?.horizon !== horizon) item.dueText = { horizon, due: addDays(item.event.date, horizon) };
  return item.dueText.due;
}

/** Group talk items into promises: the talk stages of a measure are one promise; any other talk item is its own. */
export function promisesOf(talk: readonly Item[]): Item[][] {
  const byMeasure = new Map<string, Item[]>();
  const promises: Item[][] = [];
  for (const item of talk) {
    const measure = item.measure;
    if (measure === undefined) {
      promises.push([item]);
      continue;
    }
    const group = byMeasure.get(measure);
    if (group) group.push(item);
    else {
      const fresh = [item];
      byMeasure.set(measure, fresh);
      promises.push(fresh);
    }
  }
  return promises;
}

/**
 * What the indicator's acts say about one promise up to `upToDay`: its due date, the first solid
 * act that delivers it (on time or late) and the act it counts once with before its due date.
 * Scanned up to the end of a history (`upToDay` Infinity), it answers every date in that history:
 * an act found is there as of a date exactly when it is dated by then (commitmentAt).
 */
export interface PromiseScan {
  talk: Item[];
  due: string;
  dueDay: number;
  lapseGrade: number;
  /** The first solid act that qualifies (whatever its date against the due date). */
  deliveredBy: Item | undefined;
  /** The first act of any grade that qualifies before that one, dated by the due date. */
  pairedWith: Item | undefined;
}

/**
 * Read the acts for one promise (the indicator's in-force and enforced items, sorted by date; for
 * a promise of a measure, its caller may pass that measure's acts only), up to `upToDay`.
 */
export function scanPromise(talk: Item[], acts: readonly Item[], method: Method, upToDay: number): PromiseScan {
  const first = talk[0]!;
  const measure = first.measure;
  // The earliest due date, counted in days (a date per talk item through Date cost a tenth of a run).
  const anySolid = talk.some((t) => t.grade.solid);
  let dueItem = first;
  let dueDay = Infinity;
  let lapseGrade = -Infinity;
  for (const t of talk) {
    if (t.grade.factor > lapseGrade) lapseGrade = t.grade.factor;
    if (anySolid && !t.grade.solid) continue;
    const d = t.event.due !== undefined ? dayNumber(t.event.due) : t.day + method.pledgeHorizonDays;
    if (d < dueDay) [dueItem, dueDay] = [t, d];
  }
  const due = dueOf(dueItem, method);
  // For a measure: its own stages, from its first talk stage on. Otherwise: later related acts.
  const qualifies = (act: Item) =>
    isAct(act.status) &&
    (measure !== undefined
      ? act.measure === measure && act.day >= first.day
      : act.day > first.day && related(first, act));

  let deliveredBy: Item | undefined;
  let pairedWith: Item | undefined;
  // Acts come sorted by date: start at the first one that could qualify (binary search), and stop
  // at the first solid one, or past `upToDay`. Without this, every promise read every act
  // (quadratic: 100,000 events took most of a run).
  const from = measure !== undefined ? first.day : first.day + 1;
  for (let i = prefixLength(acts, (act) => act.day < from); i < acts.length; i++) {
    const act = acts[i]!;
    if (act.day > upToDay) break;
    if (!qualifies(act)) continue;
    if (act.grade.solid) {
      deliveredBy = act;
      break;
    }
    if (act.day <= dueDay) pairedWith ??= act;
  }
  return { talk, due, dueDay, lapseGrade, deliveredBy, pairedWith };
}

/**
 * The state of a scanned promise as of `asOfDay`, which must not be after the scan's `upToDay`.
 * The scan stops at the first solid act, and acts come by date, so the acts it found that are dated
 * by `asOfDay` are what a scan up to `asOfDay` finds.
 */
export function commitmentAt(scan: PromiseScan, asOfDay: number, lapseGrade = scan.lapseGrade): Commitment {
  const { talk, due, dueDay } = scan;
  const deliveredBy = scan.deliveredBy !== undefined && scan.deliveredBy.day <= asOfDay ? scan.deliveredBy : undefined;
  const pairedWith = scan.pairedWith !== undefined && scan.pairedWith.day <= asOfDay ? scan.pairedWith : undefined;
  if (deliveredBy && deliveredBy.day <= dueDay) return { talk, due, dueDay, lapseGrade, state: 'delivered', deliveredBy, pairedWith: deliveredBy };
  if (dueDay > asOfDay) return pairedWith ? { talk, due, dueDay, lapseGrade, state: 'open', pairedWith } : { talk, due, dueDay, lapseGrade, state: 'open' };
  if (deliveredBy) return { talk, due, dueDay, lapseGrade, state: 'delivered-late', deliveredBy };
  return { talk, due, dueDay, lapseGrade, state: 'lapsed' };
}

/**
 * The state of one promise as of `asOfDay`, given the indicator's acts (in-force and enforced items,
 * sorted by date; for a promise of a measure, its caller may pass that measure's acts only).
 */
export function commitmentOf(talk: Item[], acts: readonly Item[], method: Method, asOfDay: number): Commitment {
  return commitmentAt(scanPromise(talk, acts, method, asOfDay), asOfDay);
}
