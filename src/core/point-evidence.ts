import { dueOf } from './commitments.js';
import { isAct, type Item } from './evidence.js';
import { round } from './numbers.js';
import type { Evidence, PromiseState, Stage } from './report.js';
import { anyCapBound, capNotes, WORDS } from './rule-words.js';
import { FATES, PROMISE_STATES, sideState, STAGES, type Facts, type SideState, type SideSums } from './side-numbers.js';
import { endOfReversal, refreshOfLaw } from './stocks.js';
import type { Event, IndicatorSet } from './types.js';

/** What evidence reads of the run's context (indicator-score.ts IndicatorContext): the indicators that count each event. */
interface Counting {
  indicatorsOf: ReadonlyMap<Event, readonly string[]>;
}

/**
 * The point score's evidence from the rules on columns (side-numbers.ts): after sideSums has run
 * one side of one indicator at the scoring date, each piece the side lists becomes an Evidence
 * object, with the words the rules would have left on it (rule-words.ts), read back from the state
 * the rules left: its fate and what decided it, its promise, the pair it counted once with. The
 * two things the state does not keep are looked up for the few pieces that need them: the claim
 * too weak to end a reversal still in effect, and the enforcement a law in force decays from.
 *
 * Entries (indicator-score.ts valueSide) say the same of the same pieces; a property test
 * (point-evidence.test.ts) holds the two to the same report, words and all.
 */

/** What the rules decided about one piece, as an Evidence object reads it. */
export interface Decided {
  /** Value after the rules and before caps, then after caps. */
  value: number;
  capped: number;
  decay: number;
  fate: Evidence['fate'];
  stage: Stage;
  inEffect: boolean | undefined;
  fateBy: Item | undefined;
  notes: readonly string[] | undefined;
  promise: PromiseState | undefined;
}

/**
 * One counted or compared event as evidence. On large inputs (a million events) this is built once
 * per piece, so with as few temporaries as it can: no list for notes or other indicators unless
 * there are some.
 */
export function evidenceOf(item: Item, role: Evidence['role'], d: Decided, ctx: Counting, indicatorId: string): Evidence {
  const e = item.event;
  const from = e.source;
  const source: Evidence['source'] = { title: from.title, url: from.url, publisher: from.publisher };
  const { grade } = item;
  const capped = round(d.capped, 4);
  const by = d.fateBy;
  const notes = d.notes;
  let note = notes === undefined || notes.length === 0 ? undefined : notes.length === 1 ? notes[0]! : notes.join('; ');
  if (item.counted < (e.magnitude ?? 1)) {
    const counted = `magnitude ${e.magnitude} counted as ${item.counted}`;
    note = note === undefined ? counted : `${note}; ${counted}`;
  }
  const uncapped = round(d.value, 4);
  let alsoCounts: string[] | undefined;
  if (role === 'subject') {
    // Nearly always the list is this indicator alone: filter only when it is not.
    const all = ctx.indicatorsOf.get(e);
    if (all !== undefined && (all.length > 1 || all[0] !== indicatorId)) {
      const others = all.filter((id) => id !== indicatorId);
      if (others.length) alsoCounts = others;
    }
  }
  // Every key written at once, the optional ones undefined when absent (JSON leaves those out, in
  // this order): one shape for every piece. Adding them one by one gave each mix of optional keys
  // its own shape, and building a million pieces that way was a tenth of scoring a million events.
  const evidence: Evidence = {
    eventId: e.id,
    date: e.date,
    actor: e.actor,
    kind: e.kind,
    status: e.status,
    role,
    value: capped,
    decay: round(d.decay, 4),
    graded: grade.graded,
    file: e.origin.file,
    line: e.origin.line,
    source,
    summary: e.summary,
    grade: grade.label,
    gradeFactor: round(grade.factor, 4),
    solid: grade.solid,
    stage: d.stage,
    fate: d.fate,
    inEffect: d.inEffect,
    endedBy: by && d.fate === 'ended' ? { eventId: by.event.id, date: by.event.date } : undefined,
    fateBy: by ? { eventId: by.event.id, date: by.event.date } : undefined,
    note,
    uncapped: capped !== uncapped && d.value !== 0 ? uncapped : undefined,
    share: item.share < 1 ? round(item.share, 4) : undefined,
    alsoCounts,
    measure: e.measure,
    datePrecision: e.datePrecision === 'month' || e.datePrecision === 'year' ? e.datePrecision : undefined,
    promise: d.promise !== undefined && role === 'subject' ? d.promise : undefined,
  };
  return evidence;
}

/** One side at the point, on columns: its evidence and what the indicator's flags, notes and tally read of it. */
export interface PointSide {
  evidence: Evidence[];
  /** The items behind `evidence`, in its order. */
  listed: Item[];
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
  ctx: Counting,
  indicatorId: string,
): PointSide {
  const s = sideState(f);
  const method = set.method;
  const n = items.length;
  const lists = liveLists(items, s);
  const evidence: Evidence[] = new Array<Evidence>(sums.listed);
  const listed: Item[] = new Array<Item>(sums.listed);
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
    evidence[k] = evidenceOf(
      item,
      role,
      {
        value,
        capped: s.capped[p]!,
        decay,
        fate: FATES[fate]!,
        stage: STAGES[s.stage[p]!]!,
        inEffect: inEffect === -1 ? undefined : inEffect === 1,
        fateBy: by >= 0 ? items[by] : undefined,
        notes: wordsAt(p, items, s, lists, method, asOf, sinceDay),
        promise: talk && role === 'subject' ? promiseAt(p, items, s, method) : undefined,
      },
      ctx,
      indicatorId,
    );
    listed[k++] = item;
    byStatus.set(item.status, (byStatus.get(item.status) ?? 0) + 1);
    if (inEffect === -1 && counts(fate) && value !== 0 && (oldestDecay === null || decay < oldestDecay)) oldestDecay = decay;
    if (fate === LAPSED && value !== 0) lapsed = true;
  }
  const caps = s.caps;
  return {
    evidence,
    listed,
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
