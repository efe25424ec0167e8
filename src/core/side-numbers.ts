import { capFactor, capValue } from './caps.js';
import { dayNumber } from './dates.js';
import { decayFor, isAct, related, type Item } from './evidence.js';
import type { PromiseScan } from './commitments.js';
import type { Indicator, IndicatorSet } from './types.js';

/**
 * The rules between events for one side of one indicator, on columns: what indicator-score.ts's
 * valueSide decides when whole-history facts answer its questions (the point score, a date of a
 * trend or the ledger, a draw of a sensitivity analysis, the watch list's one assumed act),
 * without an entry object per item.
 *
 * valueSide runs each date or draw as a dozen passes over entry objects (set back to fresh, put
 * in lists, filtered, looked up in maps by measure and by paired act), about 230 ns an item; the
 * ledger values every item dated up to each of its ~1,400 dates. Here each item's state for the
 * call is a slot in typed arrays kept with its facts (its fate, stage, value, capped value, decay
 * and what decided its fate), groups are linked lists over positions, and the sums leave with the
 * state readable until the next call (sideState). The rules and the order of every sum are
 * valueSide's, step for step, so the numbers are the same to the bit: property tests
 * (side-numbers.test.ts, trend-one-pass.test.ts, sensitivity.test.ts) hold this to valueSide's
 * scans on generated histories, at the scoring date and inside them, under drawn methods and with
 * an act appended. The point score reads its evidence and words from the state left here
 * (point-evidence.ts). valueSide stays for the runs facts do not answer (items remade under a
 * method that moves which evidence is solid, a trend whose alerts watch talk), and as the
 * reference those tests hold this to. So the rules live in two places, valueSide and here: a
 * change to them is made in both, and the tests fail until the two agree.
 */

/** What this module reads of indicator-score.ts's SideFacts (found once per history, by position). */
export interface Facts {
  readonly items: readonly Item[];
  readonly duplicateAt: Int32Array;
  readonly ender: readonly (Item | undefined)[];
  readonly promise: readonly (PromiseScan | undefined)[];
}

/**
 * The items' values under a drawn method (indicator-score.ts valuesUnder), by position: each one's
 * value before decay (stage × size × grade × share), grade factor and share. Without them the
 * items are scored with their own.
 */
export interface ItemValues {
  base: Float64Array;
  factor: Float64Array;
  share: Float64Array;
}

/** The sums of one side after every rule (valueSide's Side, without its entries). */
export interface SideSums {
  /** What the evidence counts as after the rules and caps (valueSide's mix). */
  practice: number;
  books: number;
  talk: number;
  negative: number;
  positive: number;
  /** How many items the side lists as evidence (valueSide's entries: all but those before --since that no longer count). */
  listed: number;
}

/** The caps of one pass: each factor (1: it did not bind) and how many pieces it was shared over. */
export interface CapsSeen {
  positive: number;
  negative: number;
  talk: number;
  lapse: number;
  books: number;
  /** Uncorroborated pieces above and below zero, talk, lapses and laws in force. */
  weakUp: number;
  weakDown: number;
  talked: number;
  lapses: number;
  laws: number;
}

// Stages, as codes.
const PRACTICE = 0;
const BOOKS = 1;
const TALK = 2;
const NEGATIVE = 3;
/** Each stage's code (STAGES). */
export const STAGE_CODE: Record<Item['stage'], number> = { practice: PRACTICE, books: BOOKS, talk: TALK, negative: NEGATIVE };

/** The stages by code (sideState's `stage`). */
export const STAGES: readonly Item['stage'][] = ['practice', 'books', 'talk', 'negative'];

/** The fates by code (sideState's `fate`): the first four count (valueSide's COUNTING), the rest do not. */
export const FATES = ['counted', 'capped', 'carried-in', 'lapsed', 'duplicate', 'ended', 'undone', 'delivered-late', 'silenced', 'superseded', 'delivered'] as const;
const COUNTED = 0;
const CAPPED = 1; // only named after the sums, as valueSide does
const CARRIED_IN = 2;
const LAPSED = 3;
const DUPLICATE = 4;
const ENDED = 5;
const UNDONE = 6;
const DELIVERED_LATE = 7;
const SILENCED = 8;
const SUPERSEDED = 9;
const DELIVERED = 10;
const counts = (fate: number) => fate < DUPLICATE;

// The statuses the rules tell apart.
const OTHER = 0;
const REVERSED = 1;
const IN_FORCE = 2;
const ENFORCED = 3;

/**
 * Per facts: what no date or draw changes about each item (its stage, status, day, solidity,
 * measure; its value before decay for the facts' own items), and the arrays a call writes its
 * state into.
 */
interface Columns {
  stageOf: Uint8Array;
  statusOf: Uint8Array;
  day: Int32Array;
  solid: Uint8Array;
  /** The facts' own items' value before decay, grade factor and share (ItemValues). */
  own: ItemValues;
  /** For a reversal, the day and position of the act that ends it; for a law, of the reversal that undoes it; else Infinity and -1. */
  enderDay: Float64Array;
  enderAt: Int32Array;
  measureId: Int32Array;
  measures: number;
  /** Each item's substances as bits (SubstanceBits), for `related` on positions. */
  substances: SubstanceBits;
  /**
   * For a talk item outside a measure, its promise as the facts scanned it (commitments.ts
   * PromiseScan): the positions of the act that delivers it and of the act it pairs with before
   * that (-1: none), its due day and its best grade.
   */
  deliveredAt: Int32Array;
  pairedAt: Int32Array;
  scanDue: Float64Array;
  scanLapseGrade: Float64Array;
  /** Each talk item's own due date in days, when its event gives one (NaN: its date plus the horizon). */
  dueDay: Float64Array;
  value: Float64Array;
  capped: Float64Array;
  decay: Float64Array;
  fate: Uint8Array;
  /** The position of the item that decided the fate (the ender, the best stage, the deliverer …), or -1. */
  fateBy: Int32Array;
  stage: Uint8Array;
  capClass: Uint8Array;
  /** -1 not a stock, 0 no longer in effect, 1 in effect. */
  inEffect: Int8Array;
  outOfWindow: Uint8Array;
  /** The position of the act a talk item's promise counts once with, or -1. */
  paired: Int32Array;
  /**
   * Each live talk item's promise (commitments.ts Commitment), by position: its state (a code into
   * PROMISE_STATES), its first talk item, the talk item its due date comes from, and the act that
   * delivered it, on time or late (-1: none).
   */
  promiseState: Uint8Array;
  promiseFirst: Int32Array;
  promiseDueAt: Int32Array;
  promiseBy: Int32Array;
  /** For a piece that counts once with a larger one it is paired with: the larger of the two, after caps, when they were paired. */
  larger: Float64Array;
  /** The caps of the last pass (indicator-score.ts applyCaps): each factor, and how many pieces each bound. */
  caps: CapsSeen;
  /** How many solid reversals were in effect (valueSide's suspensions). */
  suspensions: number;
  live: Int32Array;
  /** The live talk items outside a measure. */
  talk: Int32Array;
  counting: Int32Array;
  enforced: Int32Array;
  suspended: Int32Array;
  /** Linked lists over positions: a group's first and last member, and each member's next. */
  head: Int32Array;
  tail: Int32Array;
  next: Int32Array;
  /** The groups (by key) in the order their first member came. */
  order: Int32Array;
}

const COLUMNS = new WeakMap<Facts, Columns>();

/**
 * The substances of a history's items as bits, so that whether two items are related
 * (evidence.ts `related`) is a comparison of two numbers: the rules ask it of each law in force and
 * every enforcement after it, at every date (9.6 million times for the ledger of 100,000 events).
 * Each substance the items name gets a bit, in the order first named; 0 stands for no substances
 * (related to everything), and OTHER_SUBSTANCE for any substance the history does not name (an
 * appended act's: related to nothing in it through that one). A history naming more substances
 * than there are bits is not `usable`: `related` decides, on the items.
 */
export interface SubstanceBits {
  bits: Int32Array;
  usable: boolean;
  /** The bit of each substance named, for an item added later (bitsOf). */
  bitOf: Map<string, number>;
}

const SUBSTANCE_BITS = 30;
const OTHER_SUBSTANCE = 1 << SUBSTANCE_BITS;

/** The bits of a list of substances under `bitOf` (0: none named). */
export function bitsOf(substances: readonly string[] | undefined, bitOf: ReadonlyMap<string, number>): number {
  let bits = 0;
  if (substances !== undefined) for (const name of substances) bits |= bitOf.get(name) ?? OTHER_SUBSTANCE;
  return bits;
}

/** SubstanceBits of `items`, with `spare` slots more (left 0) for items added later. */
export function substanceBits(items: readonly Pick<Item, 'substances'>[], spare = 0): SubstanceBits {
  const bitOf = new Map<string, number>();
  const bits = new Int32Array(items.length + spare);
  for (const item of items) {
    if (item.substances === undefined) continue;
    for (const name of item.substances) if (!bitOf.has(name)) bitOf.set(name, 1 << bitOf.size);
  }
  if (bitOf.size > SUBSTANCE_BITS) return { bits, usable: false, bitOf };
  for (let i = 0; i < items.length; i++) bits[i] = bitsOf(items[i]!.substances, bitOf);
  return { bits, usable: true, bitOf };
}

/**
 * evidence.ts `related` on positions: the same measure when both name one (by measure id, one per
 * measure name), else a shared substance when both name some, else related.
 */
export function relatedOn(measureId: Int32Array, s: SubstanceBits, items: (position: number) => Item, a: number, b: number): boolean {
  const ma = measureId[a]!;
  const mb = measureId[b]!;
  if (ma >= 0 && mb >= 0) return ma === mb;
  if (!s.usable) return related(items(a), items(b));
  const x = s.bits[a]!;
  const y = s.bits[b]!;
  return x === 0 || y === 0 || (x & y) !== 0;
}

function columnsOf(f: Facts): Columns {
  let c = COLUMNS.get(f);
  if (c !== undefined) return c;
  const n = f.items.length;
  // One slot more than the facts' items, for an act appended after them (sideSums's `extra`).
  const size = n + 1;
  const ids = new Map<string, number>();
  const measureId = new Int32Array(size);
  const dueDay = new Float64Array(size);
  const stageOf = new Uint8Array(size);
  const statusOf = new Uint8Array(size);
  const day = new Int32Array(size);
  const solid = new Uint8Array(size);
  const own: ItemValues = { base: new Float64Array(size), factor: new Float64Array(size), share: new Float64Array(size) };
  const enderDay = new Float64Array(size).fill(Infinity);
  const enderAt = new Int32Array(size).fill(-1);
  const deliveredAt = new Int32Array(size).fill(-1);
  const pairedAt = new Int32Array(size).fill(-1);
  const scanDue = new Float64Array(size);
  const scanLapseGrade = new Float64Array(size);
  for (let i = 0; i < n; i++) {
    const item = f.items[i]!;
    stageOf[i] = STAGE_CODE[item.stage];
    statusOf[i] = item.status === 'reversed' ? REVERSED : item.status === 'in-force' ? IN_FORCE : item.status === 'enforced' ? ENFORCED : OTHER;
    day[i] = item.day;
    solid[i] = item.grade.solid ? 1 : 0;
    own.base[i] = item.base;
    own.factor[i] = item.grade.factor;
    own.share[i] = item.share;
    const ender = f.ender[i];
    if (ender !== undefined) [enderDay[i], enderAt[i]] = [ender.day, ender.index];
    const m = item.measure;
    if (m === undefined) measureId[i] = -1;
    else {
      let id = ids.get(m);
      if (id === undefined) ids.set(m, (id = ids.size));
      measureId[i] = id;
    }
    const due = item.event.due;
    dueDay[i] = due !== undefined ? dayNumber(due) : Number.NaN;
    const scan = f.promise[i];
    if (scan !== undefined) {
      deliveredAt[i] = scan.deliveredBy?.index ?? -1;
      pairedAt[i] = scan.pairedWith?.index ?? -1;
      scanDue[i] = scan.dueDay;
      scanLapseGrade[i] = scan.lapseGrade;
    }
  }
  // Group keys: measure × sign for the stages of a measure, measure for a measure's talk and acts,
  // position for a paired act: a list per key, as long as the larger of the two.
  const keys = Math.max(2 * ids.size, size);
  c = {
    stageOf,
    statusOf,
    day,
    solid,
    own,
    enderDay,
    enderAt,
    measureId,
    measures: ids.size,
    substances: substanceBits(f.items, 1),
    deliveredAt,
    pairedAt,
    scanDue,
    scanLapseGrade,
    dueDay,
    value: new Float64Array(size),
    capped: new Float64Array(size),
    decay: new Float64Array(size),
    fate: new Uint8Array(size),
    fateBy: new Int32Array(size),
    stage: new Uint8Array(size),
    capClass: new Uint8Array(size),
    inEffect: new Int8Array(size),
    outOfWindow: new Uint8Array(size),
    paired: new Int32Array(size),
    promiseState: new Uint8Array(size),
    promiseFirst: new Int32Array(size),
    promiseDueAt: new Int32Array(size),
    promiseBy: new Int32Array(size),
    larger: new Float64Array(size),
    caps: { positive: 1, negative: 1, talk: 1, lapse: 1, books: 1, weakUp: 0, weakDown: 0, talked: 0, lapses: 0, laws: 0 },
    suspensions: 0,
    live: new Int32Array(size),
    talk: new Int32Array(size),
    counting: new Int32Array(size),
    enforced: new Int32Array(size),
    suspended: new Int32Array(size),
    head: new Int32Array(keys).fill(-1),
    tail: new Int32Array(keys),
    next: new Int32Array(size),
    order: new Int32Array(keys),
  };
  COLUMNS.set(f, c);
  return c;
}

/**
 * One side's sums as valueSide gives them for `items` with facts `f` that hold for them: `items`
 * is a prefix of the facts' items (those dated up to `asOfDay`), or the facts' items with `values`
 * drawn for them under another method, where every item is as solid as before. With `extra`, an
 * act dated `asOfDay` and outside any measure, the sums are those of all the facts' items with that
 * act appended after them (valueSide's, for the list with it at the end).
 */
export function sideSums(
  items: readonly Item[],
  f: Facts,
  values: ItemValues | undefined,
  indicator: Indicator,
  set: IndicatorSet,
  asOfDay: number,
  sinceDay: number,
  duplicates: boolean,
  extra?: Item,
): SideSums {
  const c = columnsOf(f);
  // An act appended after all the facts' items (the watch list's assumed act, dated at the scoring
  // date): its columns go in the spare slot, and what it may end or deliver is checked below.
  const n0 = items.length;
  const n = extra === undefined ? n0 : n0 + 1;
  if (extra !== undefined) {
    if (n0 !== f.items.length || values !== undefined || !isAct(extra.status) || extra.day !== asOfDay || extra.measure !== undefined) {
      throw new RangeError('sideSums appends an act outside any measure, dated at the scoring date, to all the facts\' own items only');
    }
    c.stageOf[n0] = STAGE_CODE[extra.stage];
    c.statusOf[n0] = extra.status === 'enforced' ? ENFORCED : IN_FORCE;
    c.day[n0] = extra.day;
    c.solid[n0] = extra.grade.solid ? 1 : 0;
    c.measureId[n0] = -1;
    c.substances.bits[n0] = bitsOf(extra.substances, c.substances.bitOf);
    c.own.base[n0] = extra.base;
    c.own.factor[n0] = extra.grade.factor;
    c.own.share[n0] = extra.share;
  }
  const itemAt = (i: number): Item => (i < n0 ? items[i]! : extra!);
  const relatedAt = (a: number, b: number) => relatedOn(c.measureId, c.substances, itemAt, a, b);
  const { value, capped, decay, fate, fateBy, stage, capClass, inEffect, outOfWindow, paired, live, talk, counting, enforced, head, tail, next, order, measureId } = c;
  const { promiseState, promiseFirst, promiseDueAt, promiseBy, larger, caps } = c;
  const suspensions = c.suspended;
  const { statusOf, day, solid } = c;
  /** Appends position `i` to the list of `key`; true when it starts the list. Every list is emptied (head -1) once read. */
  const append = (key: number, i: number): boolean => {
    next[i] = -1;
    const first = head[key] === -1;
    if (first) head[key] = i;
    else next[tail[key]!] = i;
    tail[key] = i;
    return first;
  };
  const m = set.method;
  const saturation = indicator.saturation ?? m.saturation;
  const flowDecay = decayFor(indicator.halfLifeDays ?? m.halfLifeDays);
  const booksDecay = decayFor(m.booksHalfLifeDays);
  // The facts' own items have the values found with them (a lapse weighs the grade of its
  // promise's best talk item: for one outside a measure, its own); a draw's are its own.
  const { base, factor, share } = values ?? c.own;

  value.fill(0, 0, n);
  capped.fill(0, 0, n);
  decay.fill(1, 0, n);
  fate.fill(COUNTED, 0, n);
  fateBy.fill(-1, 0, n);
  inEffect.fill(-1, 0, n);
  outOfWindow.fill(0, 0, n);
  paired.fill(-1, 0, n);
  stage.set(c.stageOf.subarray(0, n));
  capClass.set(c.stageOf.subarray(0, n));

  // 1. Exact duplicates count once; the live items sorted by what the rules ask of them.
  let nLive = 0;
  let nEnforced = 0;
  let nTalk = 0;
  let measureTalk = 0;
  for (let i = 0; i < n; i++) {
    const j = duplicates && i < n0 ? f.duplicateAt[i]! : -1;
    if (j >= 0 && j < n) {
      fate[i] = DUPLICATE;
      fateBy[i] = j;
      decay[i] = 0;
      continue;
    }
    live[nLive++] = i;
    if (statusOf[i] === ENFORCED) enforced[nEnforced++] = i;
    else if (stage[i] === TALK) {
      if (measureId[i]! >= 0) measureTalk++;
      else talk[nTalk++] = i;
    }
  }

  // 2. Stocks and flows.
  let nSuspensions = 0;
  for (let k = 0; k < nLive; k++) {
    const i = live[k]!;
    const status = statusOf[i];
    if (status === REVERSED) {
      // stocks.ts endOfReversal: the first later solid related act (the appended one comes last).
      const by = c.enderDay[i]! <= asOfDay ? c.enderAt[i]! : extra !== undefined && solid[n0] === 1 && day[n0]! > day[i]! && relatedAt(i, n0) ? n0 : -1;
      if (by !== -1) {
        fate[i] = ENDED;
        fateBy[i] = by;
        decay[i] = 0;
        inEffect[i] = 0;
      } else {
        value[i] = base[i]!;
        inEffect[i] = 1;
        if (solid[i] === 1) suspensions[nSuspensions++] = i;
      }
    } else if (status === IN_FORCE) {
      if (c.enderDay[i]! <= asOfDay) {
        fate[i] = UNDONE;
        fateBy[i] = c.enderAt[i]!;
        decay[i] = 0;
        inEffect[i] = 0;
      } else {
        // stocks.ts refreshOfLaw: the newest solid related enforcement dated on or after the law.
        const lawDay = day[i]!;
        let from = lawDay;
        for (let q = nEnforced - 1; q >= 0; q--) {
          const e = enforced[q]!;
          if (day[e]! < lawDay) break;
          if (solid[e] === 1 && relatedAt(i, e)) {
            from = Math.max(lawDay, day[e]!);
            break;
          }
        }
        decay[i] = booksDecay(asOfDay - from);
        value[i] = base[i]! * decay[i]!;
        inEffect[i] = 1;
      }
    } else {
      decay[i] = flowDecay(asOfDay - day[i]!);
      value[i] = base[i]! * decay[i]!;
    }
  }

  c.suspensions = nSuspensions;

  // 3. Promises come due; talk under a solid suspension counts nothing. A talk item outside a
  //    measure is its own promise, read from the facts' scan (commitments.ts commitmentAt).
  /** The promise whose first talk item is `first` settles its talk item `t` (delivered: its deliverer, or -1). */
  const settle = (t: number, first: number, state: number, due: number, dueAt: number, lapseGrade: number, delivered: number, pairedWith: number) => {
    promiseState[t] = state;
    promiseFirst[t] = first;
    promiseDueAt[t] = dueAt;
    promiseBy[t] = delivered;
    if (state === LAPSE) {
      fate[t] = LAPSED;
      stage[t] = NEGATIVE;
      capClass[t] = NEGATIVE;
      if (t === first) {
        decay[t] = flowDecay(asOfDay - due);
        value[t] = -m.lapsePenalty * lapseGrade * decay[t]! * share[t]!;
      } else {
        value[t] = 0;
        decay[t] = 0;
        fateBy[t] = first;
      }
    } else if (state === LATE) {
      fate[t] = DELIVERED_LATE;
      fateBy[t] = delivered;
      value[t] = 0;
      decay[t] = 0;
    } else {
      paired[t] = state === ON_TIME ? delivered : pairedWith;
      for (let s = 0; s < nSuspensions; s++) {
        if (relatedAt(suspensions[s]!, t)) {
          fate[t] = SILENCED;
          fateBy[t] = suspensions[s]!;
          value[t] = 0;
          break;
        }
      }
    }
  };
  for (let k = 0; k < nTalk; k++) {
    const i = talk[k]!;
    // An act the scan found is there as of the date exactly when it is dated by then.
    let delivered = c.deliveredAt[i]!;
    if (delivered !== -1 && day[delivered]! > asOfDay) delivered = -1;
    // commitments.ts scanPromise: the first later solid related act (the appended one comes last).
    if (delivered === -1 && extra !== undefined && solid[n0] === 1 && day[n0]! > day[i]! && relatedAt(i, n0)) delivered = n0;
    let pairedWith = c.pairedAt[i]!;
    if (pairedWith !== -1 && day[pairedWith]! > asOfDay) pairedWith = -1;
    const due = c.scanDue[i]!;
    const state = stateOf(delivered, due, asOfDay, day);
    settle(i, i, state, due, i, factor[i]!, delivered, pairedWith);
  }
  //    A measure's talk stages are one promise, delivered by the measure's own acts: both listed
  //    per measure (keys 0 .. measures-1 for the talk, measures .. 2*measures-1 for the acts).
  if (measureTalk > 0) {
    const M = c.measures;
    let groups = 0;
    let actGroups = 0;
    for (let k = 0; k < nLive; k++) {
      const i = live[k]!;
      const id = measureId[i]!;
      if (id < 0) continue;
      const isTalk = stage[i] === TALK;
      if (!isTalk && statusOf[i] !== ENFORCED && statusOf[i] !== IN_FORCE) continue;
      const key = isTalk ? id : M + id;
      // Talk keys from the front of `order`, act keys from its back (to be cleared after).
      if (append(key, i)) {
        if (isTalk) order[groups++] = key;
        else order[order.length - 1 - actGroups++] = key;
      }
    }
    for (let g = 0; g < groups; g++) {
      const key = order[g]!;
      const first = head[key]!;
      // commitments.ts scanPromise: the earliest due date among the solid stages (all, when none
      // is solid), the best grade, then the measure's first solid act from the first stage on.
      let anySolid = false;
      for (let t = first; t !== -1; t = next[t]!) if (solid[t] === 1) anySolid = true;
      let due = Infinity;
      let dueAt = first;
      let lapseGrade = -Infinity;
      for (let t = first; t !== -1; t = next[t]!) {
        if (factor[t]! > lapseGrade) lapseGrade = factor[t]!;
        if (anySolid && solid[t] === 0) continue;
        const own = c.dueDay[t]!;
        const d = own === own ? own : day[t]! + m.pledgeHorizonDays;
        if (d < due) [due, dueAt] = [d, t];
      }
      const from = day[first]!;
      let delivered = -1;
      let pairedWith = -1;
      for (let a = head[M + key]!; a !== -1; a = next[a]!) {
        const actDay = day[a]!;
        if (actDay < from) continue;
        if (actDay > asOfDay) break;
        if (solid[a] === 1) {
          delivered = a;
          break;
        }
        if (actDay <= due && pairedWith === -1) pairedWith = a;
      }
      const state = stateOf(delivered, due, asOfDay, day);
      for (let t = first; t !== -1; t = next[t]!) settle(t, first, state, due, dueAt, lapseGrade, delivered, pairedWith);
      head[key] = -1;
    }
    for (let g = 0; g < actGroups; g++) head[order[order.length - 1 - g]!] = -1;
  }

  // 4. --since: flows dated before it drop out; stocks still in effect are carried in.
  let listed = n;
  if (sinceDay !== -Infinity) {
    for (let i = 0; i < n; i++) {
      if (day[i]! >= sinceDay) continue;
      // Only a live stock can be in effect; every other item before the date (a flow, a stock
      // ended, a duplicate) leaves the window.
      if (inEffect[i] === 1) {
        if (fate[i] === COUNTED) fate[i] = CARRIED_IN;
      } else {
        outOfWindow[i] = 1;
        listed--;
      }
    }
  }
  const stillCounting = () => {
    let kept = 0;
    for (let k = 0; k < nCounting; k++) {
      const i = counting[k]!;
      if (counts(fate[i]!) && value[i] !== 0) counting[kept++] = i;
    }
    nCounting = kept;
  };

  // 5. Caps (indicator-score.ts applyCaps, the same sums in the same order).
  const capUncorroborated = capValue(m.uncorroboratedCap, saturation);
  const capTalk = capValue(m.talkCap, saturation);
  const capBooks = capValue(m.booksCap, saturation);
  const applyCaps = () => {
    let weakUp = 0;
    let weakDown = 0;
    let nWeakUp = 0;
    let nWeakDown = 0;
    for (let k = 0; k < nCounting; k++) {
      const i = counting[k]!;
      const v = value[i]!;
      capped[i] = v;
      if (solid[i] === 1) continue;
      if (v > 0) (weakUp += v), nWeakUp++;
      else if (v < 0) (weakDown += -v), nWeakDown++;
    }
    capsFrom(weakUp, weakDown, nWeakUp, nWeakDown);
  };
  /** The caps once the uncorroborated values are summed (the first pass of applyCaps); what they bound is kept in `caps`. */
  const capsFrom = (weakUp: number, weakDown: number, nWeakUp: number, nWeakDown: number) => {
    const fPos = capFactor(weakUp, capUncorroborated);
    const fNeg = capFactor(weakDown, capUncorroborated);
    let talkUp = 0;
    let lapsedDown = 0;
    let booksUp = 0;
    let nTalk = 0;
    let nLapses = 0;
    let nBooks = 0;
    for (let k = 0; k < nCounting; k++) {
      const i = counting[k]!;
      if (solid[i] === 0) {
        const v = value[i]!;
        if (v > 0) capped[i] = capped[i]! * fPos;
        else if (v < 0) capped[i] = capped[i]! * fNeg;
      }
      const x = capped[i]!;
      if (capClass[i] === TALK && x > 0) (talkUp += x), nTalk++;
      else if (fate[i] === LAPSED && x < 0) (lapsedDown += -x), nLapses++;
      else if (capClass[i] === BOOKS && x > 0) (booksUp += x), nBooks++;
    }
    const fTalk = capFactor(talkUp, capTalk);
    const fLapse = capFactor(lapsedDown, capTalk);
    const fBooks = capFactor(booksUp, capBooks);
    caps.positive = fPos;
    caps.negative = fNeg;
    caps.talk = fTalk;
    caps.lapse = fLapse;
    caps.books = fBooks;
    caps.weakUp = nWeakUp;
    caps.weakDown = nWeakDown;
    caps.talked = nTalk;
    caps.lapses = nLapses;
    caps.laws = nBooks;
    if (fTalk < 1 || fLapse < 1 || fBooks < 1) {
      for (let k = 0; k < nCounting; k++) {
        const i = counting[k]!;
        const x = capped[i]!;
        if (capClass[i] === TALK && x > 0) capped[i] = x * fTalk;
        else if (fate[i] === LAPSED && x < 0) capped[i] = x * fLapse;
        else if (capClass[i] === BOOKS && x > 0) capped[i] = x * fBooks;
      }
    }
  };
  // What counts, and the first pass of the caps over it, in one pass over the live items.
  let nCounting = 0;
  let weakUp = 0;
  let weakDown = 0;
  let nWeakUp = 0;
  let nWeakDown = 0;
  for (let k = 0; k < nLive; k++) {
    const i = live[k]!;
    const v = value[i]!;
    if (outOfWindow[i] === 1 || !counts(fate[i]!) || v === 0) continue;
    counting[nCounting++] = i;
    capped[i] = v;
    if (solid[i] === 1) continue;
    if (v > 0) (weakUp += v), nWeakUp++;
    else if (v < 0) (weakDown += -v), nWeakDown++;
  }
  capsFrom(weakUp, weakDown, nWeakUp, nWeakDown);

  //    The talk and law stages of a measure count once, at the best after caps; so do its steps
  //    back (key: measure × sign).
  if (c.measures > 0) {
    let groups = 0;
    for (let k = 0; k < nCounting; k++) {
      const i = counting[k]!;
      const id = measureId[i]!;
      const s = stage[i]!;
      const negative = s === NEGATIVE && fate[i] !== LAPSED;
      if (id < 0 || (s !== TALK && s !== BOOKS && !negative)) continue;
      const key = 2 * id + (negative ? 1 : 0);
      if (append(key, i)) order[groups++] = key;
    }
    let superseded = false;
    for (let g = 0; g < groups; g++) {
      const key = order[g]!;
      const first = head[key]!;
      head[key] = -1;
      if (next[first] === -1) continue;
      let law = -1;
      for (let e = first; e !== -1; e = next[e]!) {
        if (stage[e] === BOOKS && solid[e] === 1 && (law === -1 || day[e]! < day[law]!)) law = e;
      }
      let best = -1;
      for (let e = first; e !== -1; e = next[e]!) {
        if (law !== -1 && stage[e] === TALK && day[e]! > day[law]!) continue;
        if (best === -1) {
          best = e;
          continue;
        }
        const size = Math.abs(capped[e]!);
        const bestSize = Math.abs(capped[best]!);
        if (size > bestSize || (size === bestSize && day[e]! > day[best]!)) best = e;
      }
      if (best === -1) continue;
      for (let e = first; e !== -1; e = next[e]!) {
        if (e === best) continue;
        fate[e] = SUPERSEDED;
        fateBy[e] = best;
        value[e] = 0;
        capped[e] = 0;
        superseded = true;
      }
    }
    // Caps again without the stages that no longer count (nothing else changed when none did).
    if (superseded) {
      stillCounting();
      applyCaps();
    }
  }

  // 6. A promise and the act that delivers it count once, as the larger (key: the act's position).
  let pairs = 0;
  for (let k = 0; k < nCounting; k++) {
    const i = counting[k]!;
    const a = paired[i]!;
    if (a === -1 || stage[i] !== TALK) continue;
    if (!counts(fate[a]!) || outOfWindow[a] === 1) continue;
    if (append(a, i)) order[pairs++] = a;
  }
  for (let g = 0; g < pairs; g++) {
    const a = order[g]!;
    const first = head[a]!;
    head[a] = -1;
    let best = a;
    for (let e = first; e !== -1; e = next[e]!) if (capped[e]! > capped[best]!) best = e;
    for (let e = a; e !== -1; e = e === a ? first : next[e]!) {
      if (e === best) continue;
      larger[e] = Math.max(capped[e]!, capped[best]!);
      capped[e] = 0;
      value[e] = 0;
      fate[e] = DELIVERED;
      fateBy[e] = best;
    }
    // A delivered promise counts as delivery (practice or books), not as talk.
    if (best !== a && solid[a] === 1) stage[best] = stage[a]!;
  }
  if (pairs > 0) {
    stillCounting();
    applyCaps();
  }

  // 7. Sums.
  let practice = 0;
  let books = 0;
  let talked = 0;
  let negative = 0;
  for (let k = 0; k < nCounting; k++) {
    const i = counting[k]!;
    const x = capped[i]!;
    if (x < 0) negative -= x;
    else if (stage[i] === TALK) talked += x;
    else if (stage[i] === BOOKS) books += x;
    else practice += x;
    if (x !== value[i] && fate[i] === COUNTED) fate[i] = CAPPED;
  }
  return { practice, books, talk: talked, negative, positive: practice + books + talked, listed };
}

// A promise's state as of a date (commitments.ts commitmentAt), as a code into PROMISE_STATES.
export const PROMISE_STATES = ['delivered', 'open', 'delivered-late', 'lapsed'] as const;
const ON_TIME = 0;
const OPEN = 1;
const LATE = 2;
const LAPSE = 3;

function stateOf(delivered: number, due: number, asOfDay: number, day: Int32Array): number {
  if (delivered !== -1 && day[delivered]! <= due) return ON_TIME;
  if (due > asOfDay) return OPEN;
  if (delivered !== -1) return LATE;
  return LAPSE;
}

/**
 * A side's state after the last sideSums call with facts `f`, valid until the next call with them:
 * by position, its fate and stage (codes into FATES and STAGES), its value before and after caps,
 * its decay, whether a stock is in effect (-1: not a stock), whether it left the window, and the
 * position of what decided its fate (-1: nothing); and what the point score's words and evidence
 * read besides (indicator-score.ts scoreItems): each live talk item's promise, the act a talk item
 * was paired with, the larger of a pair, the caps and the suspensions.
 */
export interface SideState {
  readonly fate: Uint8Array;
  readonly stage: Uint8Array;
  readonly value: Float64Array;
  readonly capped: Float64Array;
  readonly decay: Float64Array;
  readonly inEffect: Int8Array;
  readonly outOfWindow: Uint8Array;
  readonly fateBy: Int32Array;
  readonly paired: Int32Array;
  readonly promiseState: Uint8Array;
  readonly promiseFirst: Int32Array;
  readonly promiseDueAt: Int32Array;
  readonly promiseBy: Int32Array;
  readonly larger: Float64Array;
  readonly caps: Readonly<CapsSeen>;
  readonly suspensions: number;
}

export const sideState = (f: Facts): SideState => columnsOf(f);

/** Fates whose evidence still counts for coverage and the mean grade (indicator-score.ts COVERING). */
export const covering = (fate: number) => fate <= LAPSED || fate === DELIVERED;
