import { dueOf } from './commitments.js';
import { isAct, type Item } from './evidence.js';
import type { Evidence, PromiseState } from './report.js';
import { anyCapBound, capNotes, WORDS } from './rule-words.js';
import { FATES, PROMISE_STATES, sideState, STAGES, type Facts, type SideState, type SideSums } from './side-numbers.js';
import { endOfReversal, refreshOfLaw } from './stocks.js';
import type { IndicatorSet } from './types.js';
import { bestOf, EvidenceFactsBuilder, newPieces, type EvidenceFacts, type KeptEvidence, type Pieces } from './pieces.js';
import { round } from './numbers.js';

/**
 * The point score's evidence from the rules on columns (side-numbers.ts): after sideSums has run
 * one side of one indicator at the scoring date, each piece the side lists is copied out of the
 * state into columns (pieces.ts), with the words the rules would have left on it (rule-words.ts),
 * read back from the state the rules left: its fate and what decided it, its promise, the pair it
 * counted once with. The
 * two things the state does not keep are looked up for the few pieces that need them: the claim
 * too weak to end a reversal still in effect, and the enforcement a law in force decays from.
 *
 * Entries (indicator-score.ts valueSide) say the same of the same pieces; a property test
 * (side-numbers.test.ts) holds the two to the same report, words and all.
 */

/** One side at the point, on columns: its pieces of evidence and what the indicator's flags, notes and tally read of it. */
export interface PointSide {
  /** Its evidence, as columns (pieces.ts). */
  pieces: Pieces;
  /** What the reasoning reads of a subject side's pieces, gathered as they are read (undefined for a counterpart). */
  facts: EvidenceFacts | undefined;
  suspended: boolean;
  lapsed: boolean;
  thin: boolean;
  capped: boolean;
  /** The caps that bound, in words. */
  notes: string[];
  /** How many listed pieces have each status, and the smallest decay of a flow that counts (null: none). */
  byStatus: Map<Item['status'], number>;
  oldestDecay: number | null;
}

// Codes of side-numbers.ts's FATES and STAGES that the words read.
const fateCode = (name: (typeof FATES)[number]) => FATES.indexOf(name);
const [DUPLICATE, ENDED, UNDONE, LAPSED, DELIVERED_LATE, SILENCED, SUPERSEDED, DELIVERED] = (
  ['duplicate', 'ended', 'undone', 'lapsed', 'delivered-late', 'silenced', 'superseded', 'delivered'] as const
).map(fateCode) as [number, number, number, number, number, number, number, number];
/** Fates whose value enters the sums (counted, capped, carried in, lapsed). */
const counts = (fate: number) => fate < DUPLICATE;

/**
 * The evidence of one side (`items`, those of facts `f`, or a prefix of them dated up to the
 * scoring date) from the state the last sideSums call with `f` left (`sums` its result), with the
 * rules' words when `explain`.
 */
export function sideEvidence(
  items: readonly Item[],
  f: Facts,
  sums: SideSums,
  role: Evidence['role'],
  set: IndicatorSet,
  asOf: string,
  sinceDay: number,
  keep: KeptEvidence = 'all',
): PointSide {
  const s = sideState(f);
  const method = set.method;
  const n = items.length;
  const lists = liveLists(items, s);
  const pieces = newPieces(sums.listed, role, keep === 'all');
  const subject = role === 'subject';
  // The reasoning reads every subject piece's words; with `{ top }` only the pieces a table names
  // keep theirs (and their promise), found before the pass from the values the rules left.
  const facts = subject ? new EvidenceFactsBuilder() : undefined;
  const named =
    keep === 'all' || !subject
      ? undefined
      : new Set(bestOf(keep.top, n, (p) => round(s.capped[p]!, 4), (p) => items[p]!.event, (p) => s.outOfWindow[p] !== 1));
  const byStatus = new Map<Item['status'], number>();
  let oldestDecay: number | null = null;
  let lapsed = false;
  let k = 0;
  for (let p = 0; p < n; p++) {
    if (s.outOfWindow[p] === 1) continue;
    const item = items[p]!;
    const fate = s.fate[p]!;
    const value = s.value[p]!;
    const decay = s.decay[p]!;
    const inEffect = s.inEffect[p]!;
    const by = s.fateBy[p]!;
    const talk = fate !== DUPLICATE && item.stage === 'talk';
    pieces.listed[k] = item;
    pieces.value[k] = value;
    pieces.capped[k] = s.capped[p]!;
    pieces.decay[k] = decay;
    pieces.fate[k] = fate;
    pieces.stage[k] = s.stage[p]!;
    pieces.inEffect[k] = inEffect;
    if (by >= 0) pieces.fateBy[k] = items[by];
    const kept = keep === 'all' || named?.has(p) === true;
    const words = kept || facts !== undefined ? wordsAt(p, items, s, lists, method, asOf, sinceDay) : undefined;
    facts?.add(item, fate, s.capped[p]!, inEffect, pieces.fateBy[k], words);
    if (kept) {
      if (pieces.full !== undefined) pieces.full[k] = 1;
      pieces.notes[k] = words;
      if (talk && subject) pieces.promise[k] = promiseAt(p, items, s, method);
    }
    k++;
    byStatus.set(item.status, (byStatus.get(item.status) ?? 0) + 1);
    if (inEffect === -1 && counts(fate) && value !== 0 && (oldestDecay === null || decay < oldestDecay)) oldestDecay = decay;
    if (fate === LAPSED && value !== 0) lapsed = true;
  }
  const caps = s.caps;
  return {
    pieces,
    facts: facts?.done(),
    suspended: s.suspensions > 0,
    lapsed,
    thin: caps.positive < 1 || caps.negative < 1,
    capped: anyCapBound(caps),
    notes: capNotes(caps, method),
    byStatus,
    oldestDecay,
  };
}

/** The live acts and enforcements (not exact duplicates), found only when a word needs them. */
interface LiveLists {
  acts(): Item[];
  enforced(): Item[];
}

function liveLists(items: readonly Item[], s: SideState): LiveLists {
  let acts: Item[] | undefined;
  let enforced: Item[] | undefined;
  const find = () => {
    acts = [];
    enforced = [];
    for (let p = 0; p < items.length; p++) {
      const item = items[p]!;
      if (s.fate[p] === DUPLICATE || !isAct(item.status)) continue;
      acts.push(item);
      if (item.status === 'enforced') enforced.push(item);
    }
  };
  return {
    acts: () => (acts ?? (find(), acts!)),
    enforced: () => (enforced ?? (find(), enforced!)),
  };
}

/**
 * The words the rules leave on the piece at `p`, in the order valueSide writes them: its duplicate;
 * its stock's end or undoing, or what keeps it in effect; its promise; carried in from before the
 * since date; superseded by another stage; counted once with its pair. Undefined when none.
 */
function wordsAt(p: number, items: readonly Item[], s: SideState, lists: LiveLists, method: IndicatorSet['method'], asOf: string, sinceDay: number): string[] | undefined {
  const item = items[p]!;
  const fate = s.fate[p]!;
  const by = s.fateBy[p]! >= 0 ? items[s.fateBy[p]!] : undefined;
  if (fate === DUPLICATE) return [WORDS.duplicate(by!)];
  let words: string[] | undefined;
  const say = (text: string) => (words ??= []).push(text);
  const status = item.status;
  if (status === 'reversed') {
    if (fate === ENDED) say(WORDS.ended(item, by!));
    else {
      if (!item.grade.solid) say(WORDS.notSolid(item));
      const { tooWeak } = endOfReversal(item, lists.acts());
      if (tooWeak) say(WORDS.tooWeak(item, tooWeak, method));
    }
  } else if (status === 'in-force') {
    if (fate === UNDONE) say(WORDS.undone(item, by!));
    else {
      const refresh = refreshOfLaw(item, lists.enforced());
      if (refresh) say(WORDS.refreshed(item, refresh));
    }
  } else if (item.stage === 'talk') {
    const first = s.promiseFirst[p] === p;
    if (fate === LAPSED && first) say(WORDS.lapsed(item, dueOf(items[s.promiseDueAt[p]!]!, method)));
    else if (fate === DELIVERED_LATE && first) say(WORDS.deliveredLate(item, dueOf(items[s.promiseDueAt[p]!]!, method), items[s.promiseBy[p]!]!));
    else if (fate === SILENCED) say(WORDS.silenced(item, by!));
  }
  if (item.day < sinceDay && s.inEffect[p] === 1) say(WORDS.carriedIn(asOf));
  if (fate === SUPERSEDED) say(WORDS.superseded(item, by!));
  else if (fate === DELIVERED) {
    if (isAct(status)) say(WORDS.pairedAct(by!, item.grade.solid));
    else say(WORDS.pairedTalk(item, items[s.paired[p]!]!, s.larger[p]!));
  }
  return words;
}

/** The promise of the live talk item at `p`, as its evidence reports it. */
function promiseAt(p: number, items: readonly Item[], s: SideState, method: IndicatorSet['method']): PromiseState {
  const promise: PromiseState = { due: dueOf(items[s.promiseDueAt[p]!]!, method), state: PROMISE_STATES[s.promiseState[p]!]! };
  const by = s.promiseBy[p]!;
  if (by >= 0 && (promise.state === 'delivered' || promise.state === 'delivered-late')) {
    const act = items[by]!;
    promise.by = { eventId: act.event.id, date: act.event.date };
    promise.days = act.day - items[s.promiseFirst[p]!]!.day;
  }
  return promise;
}
