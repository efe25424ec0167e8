import { capFactor, capValue } from './caps.js';
import { commitmentAt, commitmentOf, promisesOf, scanPromise, type Commitment, type PromiseScan } from './commitments.js';
import { dayNumber } from './dates.js';
import { decayFor, itemOf, itemUnder, related, type Item } from './evidence.js';
import type { Evidence, Flag, IndicatorResult, IndicatorTally, Mix, PromiseState, Stage } from './report.js';
import { sideEvidence, type PointSide } from './point-evidence.js';
import { allEvidence, alsoCountsOf, evidenceFacts, evidenceOf, newPieces, pieceCount, pieceDecay, pieceFate, setDecided, topPieces, type Decided, type EvidenceFacts, type KeptEvidence, type Pieces } from './pieces.js';
import { round } from './numbers.js';
import { endOfReversal, refreshOfLaw, undoOfLaw } from './stocks.js';
import { gradeKey, gradesUnder } from './grade.js';
import { sideState, sideSums, type CapsSeen, type ItemValues, type SideState } from './side-numbers.js';
import { anyCapBound, capNotes as capNotesOf, WORDS } from './rule-words.js';
import type { Event, Indicator, IndicatorSet, Status } from './types.js';
import { STATUSES } from './types.js';

/**
 * Stage 4 of scoring: one indicator, from the events it counts (all of them up to the scoring date:
 * stocks are computed over the whole history) and the counterpart events it compares with.
 *
 *     net   = practice + books + talk − |negative|          (each after its caps)
 *     score = 100 × (1 − e^(−max(net, 0) / saturation)) × comparison
 *
 * The rules run in a fixed order: exact duplicates count once; stocks (suspensions, laws) are
 * settled; promises come due (delivered, open, lapsed) and talk under a solid suspension is
 * silenced; flows before --since drop out while stocks still in effect are carried in; caps apply
 * (uncorroborated first, then talk, laws and lapses); the stages of one measure count once, at the
 * best; and a promise and the act that delivers it count once, as the larger.
 */

/** What the engine knows about events across indicators, computed once per run. */
export interface IndicatorContext {
  since: string | null;
  /** For each subject event counted by more than one indicator, their ids (split attribution, "also counts for"); an event not in it counts on one. */
  indicatorsOf: Map<Event, readonly string[]>;
  /** Exact duplicates: the event that counts instead of each one. */
  duplicateOf: Map<Event, Event>;
}

export const EMPTY_CONTEXT: IndicatorContext = { since: null, indicatorsOf: new Map(), duplicateOf: new Map() };

/** One indicator scored on its own, before the composite is known. */
export interface Scored {
  indicator: Indicator;
  /** Every piece of evidence of each side, as columns (pieces.ts), when scoreItems built it: what the engine reads of the evidence. */
  pieces?: { subject: Pieces; counterpart?: Pieces };
  /** What the reasoning reads of the subject pieces (pieces.ts), when scoreItems built it. */
  subjectFacts?: EvidenceFacts;
  result: Omit<IndicatorResult, 'contribution' | 'pointsAvailable' | 'nextEventGain' | 'band' | 'reasoning' | 'summary'> & {
    /** Rule notes at the level of the indicator (caps), for the reasoning. */
    notes: string[];
  };
}

export interface Entry {
  item: Item;
  /** Value after the rules and before caps (negative for refusals, reversals and lapses). */
  value: number;
  decay: number;
  fate: Evidence['fate'];
  fateBy: Item | undefined;
  /** The rules' words about it, when the run explains (most entries have none). */
  notes: string[] | undefined;
  /** What the evidence counts as in the mix (a delivered promise counts as delivery). */
  stage: Stage;
  /** Which cap it falls under: its own stage, even when it counts as delivery ("still within the talk cap"). */
  capClass: Stage;
  inEffect: boolean | undefined;
  commitment: Commitment | undefined;
  /** Dated before --since and not a stock still in effect: left out of the evidence. */
  outOfWindow: boolean;
  /** Value after caps. */
  capped: number;
}

/** Counting fates: the evidence whose value enters the sums. */
const COUNTING = new Set<Evidence['fate']>(['counted', 'capped', 'carried-in', 'lapsed']);

export interface Side {
  entries: Entry[];
  mix: Mix;
  positive: number;
  negative: number;
  capped: boolean;
  thin: boolean;
  suspended: boolean;
  lapsed: boolean;
  notes: string[];
}

/**
 * What the rules between events decide once for a whole history of one side, for scoring many dates
 * inside it (period-score.ts): which items are exact duplicates of which, the act that ends each
 * reversal, the reversal that undoes each law, and each promise's scan of the acts. Found over all
 * the items, each is there as of a date exactly when it is dated by then, so a date reads them
 * instead of scanning the acts again (the scans were most of the ledger's time).
 */
export interface SideFacts {
  items: readonly Item[];
  /** Whether each item sits at its own index (itemsOf's lists do): the facts are read by position. */
  inPlace: boolean;
  /** By position: the position of the item this one repeats (an exact duplicate, so of the same day), or -1. */
  duplicateAt: Int32Array;
  /** By position: for a reversal, the solid act that ends it; for a law in force, the solid reversal that undoes it. */
  ender: (Item | undefined)[];
  /** By position: for a talk item outside any measure, its promise scanned to the end of the history (a measure's stages join by date, so those are scanned per date). */
  promise: (PromiseScan | undefined)[];
  /** One entry per item, reused by every date scored on entries with these facts (reusedEntries): made on the first. */
  entries: Entry[] | undefined;
}

/** The facts of one side's items (all of them, sorted by date): the same lists and scans valueSide makes, once. */
export function sideFacts(items: readonly Item[], set: IndicatorSet, ctx: IndicatorContext): SideFacts {
  const n = items.length;
  const duplicateAt = new Int32Array(n).fill(-1);
  if (ctx.duplicateOf.size > 0) {
    const at = new Map<Event, number>();
    items.forEach((item, i) => at.set(item.event, i));
    items.forEach((item, i) => {
      const best = ctx.duplicateOf.get(item.event);
      const j = best && at.get(best);
      if (j !== undefined) duplicateAt[i] = j;
    });
  }
  const acts: Item[] = [];
  const reversals: Item[] = [];
  for (let i = 0; i < n; i++) {
    const item = items[i]!;
    if (duplicateAt[i]! >= 0) continue;
    if (item.status === 'enforced' || item.status === 'in-force') acts.push(item);
    else if (item.status === 'reversed') reversals.push(item);
  }
  const ender: (Item | undefined)[] = new Array<Item | undefined>(n).fill(undefined);
  const promise: (PromiseScan | undefined)[] = new Array<PromiseScan | undefined>(n).fill(undefined);
  for (let i = 0; i < n; i++) {
    const item = items[i]!;
    if (duplicateAt[i]! >= 0) continue;
    if (item.status === 'reversed') ender[i] = endOfReversal(item, acts).by;
    else if (item.status === 'in-force') ender[i] = undoOfLaw(item, reversals);
    else if ((item.status === 'pledged' || item.status === 'announced') && item.measure === undefined) {
      promise[i] = scanPromise([item], acts, set.method, Infinity);
    }
  }
  return { items, inPlace: inPlace(items), duplicateAt, ender, promise, entries: undefined };
}

/**
 * An entry before any rule has looked at it, with every field from the start, so all entries share
 * one shape (fields added later gave them several, and the rules read them for every entry of
 * every date a trend or ledger scores).
 */
function freshEntry(item: Item): Entry {
  return { item, value: 0, decay: 1, fate: 'counted', fateBy: undefined, notes: undefined, stage: item.stage, capClass: item.stage, inEffect: undefined, commitment: undefined, outOfWindow: false, capped: 0 };
}

/**
 * Entries for `items` (a prefix of the facts' items) from the facts' own, set back to fresh:
 * scoring date after date, a new entry per item per date filled the young generation over and over
 * with entries that were all still in use (on 100,000 events garbage collection was 17 s of a 59 s
 * ledger). So the entries of a date scored with facts are valid until the next is scored with the
 * same facts (period-score.ts reads each date's before it scores the next).
 */
function reusedEntries(f: SideFacts, items: readonly Item[]): Entry[] {
  const pool = (f.entries ??= f.items.map(freshEntry));
  const n = items.length;
  for (let i = 0; i < n; i++) {
    const e = pool[i]!;
    const item = items[i]!;
    const stage = item.stage;
    e.item = item;
    e.value = 0;
    e.decay = 1;
    e.fate = 'counted';
    e.fateBy = undefined;
    e.notes = undefined;
    e.stage = stage;
    e.capClass = stage;
    e.inEffect = undefined;
    e.commitment = undefined;
    e.outOfWindow = false;
    e.capped = 0;
  }
  return n === pool.length ? pool : pool.slice(0, n);
}

/** Facts apply to the items dated up to some day: a prefix of the items they were found for (each in place, checked once). */
const isPrefixOf = (items: readonly Item[], facts: SideFacts) =>
  facts.inPlace &&
  items.length <= facts.items.length && (items.length === 0 || (items[0] === facts.items[0] && items[items.length - 1] === facts.items[items.length - 1]));

/** Whether facts hold for `items`: they are the facts' own, or a prefix of them. */
const factsHold = (items: readonly Item[], facts: SideFacts | undefined): facts is SideFacts => facts !== undefined && isPrefixOf(items, facts);

/** Whether each item sits at its own `index`: then an item's entry is found by position, not through a map. */
function inPlace(items: readonly Item[]): boolean {
  for (let i = 0; i < items.length; i++) if (items[i]!.index !== i) return false;
  return true;
}

/** An ender found over the whole history, as of `day`: there only when dated by then. */
const byDay = (ender: Item | undefined, day: number) => (ender !== undefined && ender.day <= day ? ender : undefined);

function valueSide(
  items: readonly Item[],
  indicator: Indicator,
  set: IndicatorSet,
  asOf: string,
  ctx: IndicatorContext,
  explain: boolean,
  facts?: SideFacts,
): Side {
  const m = set.method;
  const asOfDay = dayNumber(asOf);
  const sinceDay = ctx.since === null ? -Infinity : dayNumber(ctx.since);
  const halfLife = indicator.halfLifeDays ?? m.halfLifeDays;
  const saturation = indicator.saturation ?? m.saturation;
  const flowDecay = decayFor(halfLife);
  const booksDecay = decayFor(m.booksHalfLifeDays);
  // Notes are words for the reader: a run that only needs the numbers (the watch list, a trend's
  // periods) skips building them. They never change a number.
  const note = explain ? (entry: Entry, text: () => string) => (entry.notes ??= []).push(text()) : () => undefined;
  // Facts found for the whole history answer the same questions for any date in it; a run that
  // explains scans, since the words name what a scan finds on the way (a claim too weak to end a
  // reversal).
  const f = !explain && factsHold(items, facts) ? facts : undefined;
  const positional = f !== undefined || inPlace(items);
  const entries: Entry[] = f ? reusedEntries(f, items) : items.map(freshEntry);

  // 1. Exact duplicates count once.
  let live: Entry[] = entries;
  /** The position in `entries` of each live entry, when some are duplicates. */
  let liveAt: number[] | undefined;
  if (ctx.duplicateOf.size > 0) {
    live = [];
    liveAt = [];
    const byEvent = f ? undefined : new Map(entries.map((e) => [e.item.event, e]));
    for (let i = 0; i < entries.length; i++) {
      const entry = entries[i]!;
      let bestEntry: Entry | undefined;
      if (f) bestEntry = f.duplicateAt[i]! >= 0 ? entries[f.duplicateAt[i]!] : undefined;
      else {
        const best = ctx.duplicateOf.get(entry.item.event);
        bestEntry = best && byEvent!.get(best);
      }
      if (bestEntry) {
        entry.fate = 'duplicate';
        entry.fateBy = bestEntry.item;
        entry.decay = 0;
        note(entry, () => WORDS.duplicate(bestEntry.item));
      } else {
        live.push(entry);
        liveAt.push(i);
      }
    }
  }
  // One pass sorts the live entries by what the rules ask of them (each list keeps date order).
  const acts: Item[] = [];
  const enforced: Item[] = [];
  const reversals: Item[] = [];
  const talk: Item[] = [];
  // The entries of acts and talk, by item: by position when the items are in place (a map per
  // call was a fifth of scoring a ledger's dates), else through a map.
  const byItem = positional ? undefined : new Map<Item, Entry>();
  const entryOf = (item: Item) => (byItem ? byItem.get(item) : entries[item.index]);
  for (const entry of live) {
    const { item } = entry;
    const status = item.status;
    if (status === 'enforced' || status === 'in-force') {
      acts.push(item);
      if (status === 'enforced') enforced.push(item);
      byItem?.set(item, entry);
    } else if (status === 'pledged' || status === 'announced') {
      talk.push(item);
      byItem?.set(item, entry);
    } else if (status === 'reversed') reversals.push(item);
  }

  // 2. Stocks and flows.
  const suspensions: Entry[] = [];
  for (let k = 0; k < live.length; k++) {
    const entry = live[k]!;
    const at = liveAt ? liveAt[k]! : k;
    const { item } = entry;
    const status = item.status;
    if (status === 'reversed') {
      const ending = f ? { by: byDay(f.ender[at], asOfDay) } : endOfReversal(item, acts);
      const by = ending.by;
      if (by) {
        entry.fate = 'ended';
        entry.fateBy = by;
        entry.decay = 0;
        entry.inEffect = false;
        note(entry, () => WORDS.ended(item, by));
      } else {
        entry.value = item.base;
        entry.inEffect = true;
        if (item.grade.solid) suspensions.push(entry);
        else note(entry, () => WORDS.notSolid(item));
        if (ending.tooWeak) {
          const w = ending.tooWeak;
          note(entry, () => WORDS.tooWeak(item, w, m));
        }
      }
    } else if (status === 'in-force') {
      const undo = f ? byDay(f.ender[at], asOfDay) : undoOfLaw(item, reversals);
      if (undo) {
        entry.fate = 'undone';
        entry.fateBy = undo;
        entry.decay = 0;
        entry.inEffect = false;
        note(entry, () => WORDS.undone(item, undo));
      } else {
        const refresh = refreshOfLaw(item, enforced);
        const from = refresh ? Math.max(item.day, refresh.day) : item.day;
        entry.decay = booksDecay(asOfDay - from);
        entry.value = item.base * entry.decay;
        entry.inEffect = true;
        if (refresh) note(entry, () => WORDS.refreshed(item, refresh));
      }
    } else {
      entry.decay = flowDecay(asOfDay - item.day);
      entry.value = item.base * entry.decay;
    }
  }

  // 3. Promises come due; talk under a solid suspension counts nothing.
  // A measure's promise is delivered by its own stages only: hand it just those acts.
  const actsOfMeasure = new Map<string, Item[]>();
  for (const act of acts) {
    const measure = act.measure;
    if (measure === undefined) continue;
    const list = actsOfMeasure.get(measure);
    if (list) list.push(act);
    else actsOfMeasure.set(measure, [act]);
  }
  for (const promise of promisesOf(talk)) {
    const measure = promise[0]!.measure;
    const scan = f && measure === undefined ? f.promise[promise[0]!.index] : undefined;
    const c = scan
      ? commitmentAt(scan, asOfDay)
      : commitmentOf(promise, measure === undefined ? acts : (actsOfMeasure.get(measure) ?? []), m, asOfDay);
    promise.forEach((t, i) => {
      const entry = entryOf(t)!;
      entry.commitment = c;
      if (c.state === 'lapsed') {
        entry.fate = 'lapsed';
        entry.stage = 'negative';
        entry.capClass = 'negative';
        if (i === 0) {
          entry.decay = flowDecay(asOfDay - c.dueDay);
          entry.value = -m.lapsePenalty * c.lapseGrade * entry.decay * t.share;
          note(entry, () => WORDS.lapsed(t, c.due));
        } else {
          entry.value = 0;
          entry.decay = 0;
          entry.fateBy = promise[0]!;
        }
      } else if (c.state === 'delivered-late') {
        entry.fate = 'delivered-late';
        entry.fateBy = c.deliveredBy!;
        entry.value = 0;
        entry.decay = 0;
        if (i === 0) note(entry, () => WORDS.deliveredLate(t, c.due, c.deliveredBy!));
      } else {
        const suspension = suspensions.find((s) => related(s.item, t));
        if (suspension) {
          entry.fate = 'silenced';
          entry.fateBy = suspension.item;
          entry.value = 0;
          note(entry, () => WORDS.silenced(t, suspension.item));
        }
      }
    });
  }

  // 4. --since: flows dated before it drop out; stocks still in effect are carried in.
  for (const entry of live) {
    if (entry.item.day >= sinceDay) continue;
    if (entry.inEffect === true) {
      entry.fate = entry.fate === 'counted' ? 'carried-in' : entry.fate;
      note(entry, () => WORDS.carriedIn(asOf));
    } else entry.outOfWindow = true;
  }
  for (const entry of entries) if (entry.fate === 'duplicate' && entry.item.day < sinceDay) entry.outOfWindow = true;

  const inWindow = sinceDay === -Infinity ? live : live.filter((e) => !e.outOfWindow);
  // What counts: kept as a list, and filtered again only after a rule took some out (an entry never comes back).
  let counting = inWindow.filter((e) => COUNTING.has(e.fate) && e.value !== 0);
  const stillCounting = () => (counting = counting.filter((e) => COUNTING.has(e.fate) && e.value !== 0));

  // 5. Caps, then the stages of one measure count once, at the best after caps (caps are then
  //    applied again without the stages that no longer count, so those never dilute the others).
  const caps = {
    uncorroborated: capValue(m.uncorroboratedCap, saturation),
    talk: capValue(m.talkCap, saturation),
    books: capValue(m.booksCap, saturation),
  };
  let thin = false;
  let anyCap = false;
  let capNotes: string[] = [];
  // Each cap shared out pro rata (capFactor), the values summed in list order in one pass.
  const applyCaps = (final: boolean) => {
    const list = counting;
    let weakUp = 0;
    let weakDown = 0;
    let nWeakUp = 0;
    let nWeakDown = 0;
    for (const e of list) {
      e.capped = e.value;
      if (e.item.grade.solid) continue;
      if (e.value > 0) (weakUp += e.value), nWeakUp++;
      else if (e.value < 0) (weakDown += -e.value), nWeakDown++;
    }
    const fPos = capFactor(weakUp, caps.uncorroborated);
    const fNeg = capFactor(weakDown, caps.uncorroborated);
    let talkUp = 0;
    let lapsedDown = 0;
    let booksUp = 0;
    let nTalk = 0;
    let nLapses = 0;
    let nBooks = 0;
    for (const e of list) {
      if (!e.item.grade.solid) {
        if (e.value > 0) e.capped *= fPos;
        else if (e.value < 0) e.capped *= fNeg;
      }
      if (e.capClass === 'talk' && e.capped > 0) (talkUp += e.capped), nTalk++;
      else if (e.fate === 'lapsed' && e.capped < 0) (lapsedDown += -e.capped), nLapses++;
      else if (e.capClass === 'books' && e.capped > 0) (booksUp += e.capped), nBooks++;
    }
    const fTalk = capFactor(talkUp, caps.talk);
    const fLapse = capFactor(lapsedDown, caps.talk);
    const fBooks = capFactor(booksUp, caps.books);
    if (fTalk < 1 || fLapse < 1 || fBooks < 1) {
      for (const e of list) {
        if (e.capClass === 'talk' && e.capped > 0) e.capped *= fTalk;
        else if (e.fate === 'lapsed' && e.capped < 0) e.capped *= fLapse;
        else if (e.capClass === 'books' && e.capped > 0) e.capped *= fBooks;
      }
    }
    if (!final) return;
    const seen: CapsSeen = { positive: fPos, negative: fNeg, talk: fTalk, lapse: fLapse, books: fBooks, weakUp: nWeakUp, weakDown: nWeakDown, talked: nTalk, lapses: nLapses, laws: nBooks };
    capNotes = capNotesOf(seen, m);
    thin = fPos < 1 || fNeg < 1;
    anyCap = anyCapBound(seen);
  };
  applyCaps(false);
  // Talk and law stages of a measure form one group; its steps back (a refusal, then the
  // suspension that restates it) another: each counts once, at its largest.
  const measures = new Map<string, Entry[]>();
  for (const e of counting) {
    const measure = e.item.measure;
    const negative = e.stage === 'negative' && e.fate !== 'lapsed';
    if (measure === undefined || (e.stage !== 'talk' && e.stage !== 'books' && !negative)) continue;
    const key = `${negative ? '-' : '+'}${measure}`;
    const group = measures.get(key);
    if (group) group.push(e);
    else measures.set(key, [e]);
  }
  const size = (e: Entry) => Math.abs(e.capped);
  for (const group of measures.values()) {
    if (group.length < 2) continue;
    // Talk dated after the measure's law came into force (its earliest solid in-force stage)
    // restates a law already there: it cannot be the stage that counts, or announcing an old law
    // again would make it count as fresh talk instead of a law decayed by its age.
    let law: Entry | undefined;
    for (const e of group) if (e.stage === 'books' && e.item.grade.solid && (law === undefined || e.item.day < law.item.day)) law = e;
    let best: Entry | undefined;
    for (const e of group) {
      if (law !== undefined && e.stage === 'talk' && e.item.day > law.item.day) continue;
      if (best === undefined || size(e) > size(best) || (size(e) === size(best) && e.item.day > best.item.day)) best = e;
    }
    if (best === undefined) continue; // unreachable: a law, when there is one, is never skipped
    for (const e of group) {
      if (e === best) continue;
      e.fate = 'superseded';
      e.fateBy = best.item;
      e.value = 0;
      e.capped = 0;
      note(e, () => WORDS.superseded(e.item, best.item));
    }
  }
  if (measures.size > 0) stillCounting();
  applyCaps(false);

  // 6. A promise and the act that delivers it count once, as the larger of the two (after caps;
  //    the caps are then applied once more without the one that no longer counts).
  const pairs = new Map<Item, Entry[]>();
  for (const e of counting) {
    const c = e.commitment;
    if (!c?.pairedWith || e.stage !== 'talk') continue;
    const act = entryOf(c.pairedWith);
    if (!act || !COUNTING.has(act.fate) || act.outOfWindow) continue;
    const group = pairs.get(c.pairedWith);
    if (group) group.push(e);
    else pairs.set(c.pairedWith, [act, e]);
  }
  for (const [actItem, group] of pairs) {
    const act = group[0]!;
    let best = act;
    for (const e of group) if (e.capped > best.capped) best = e;
    const delivered = actItem.grade.solid;
    for (const e of group) {
      if (e === best) continue;
      const wasCapped = e.capped;
      e.capped = 0;
      e.value = 0;
      e.fate = 'delivered';
      e.fateBy = best.item;
      if (e === act) note(e, () => WORDS.pairedAct(best.item, delivered));
      else note(e, () => WORDS.pairedTalk(e.item, actItem, Math.max(wasCapped, best.capped)));
    }
    // A delivered promise counts as delivery (practice or books), not as talk.
    if (best !== act && delivered) best.stage = act.stage;
  }
  if (pairs.size > 0) stillCounting();
  applyCaps(true);

  // 7. Sums.
  const mix: Mix = { practice: 0, books: 0, talk: 0, negative: 0 };
  for (const e of counting) {
    if (e.capped < 0) mix.negative -= e.capped;
    else if (e.stage === 'talk') mix.talk += e.capped;
    else if (e.stage === 'books') mix.books += e.capped;
    else mix.practice += e.capped;
    if (e.capped !== e.value && e.fate === 'counted') e.fate = 'capped';
  }
  const positive = mix.practice + mix.books + mix.talk;
  return {
    entries: sinceDay === -Infinity ? entries : entries.filter((e) => !e.outOfWindow),
    mix,
    positive,
    negative: mix.negative,
    capped: anyCap,
    thin,
    suspended: suspensions.length > 0,
    lapsed: inWindow.some((e) => e.fate === 'lapsed' && e.value !== 0),
    notes: capNotes,
  };
}

export function toEvidence(entry: Entry, role: Evidence['role'], ctx: IndicatorContext, indicatorId: string): Evidence {
  return evidenceOf(entry.item, role, decidedOf(entry, role), ctx, indicatorId);
}

/** What the rules decided about an entry, as evidence reads it. */
function decidedOf(entry: Entry, role: Evidence['role']): Decided {
  const c = entry.commitment;
  let promise: PromiseState | undefined;
  if (c && role === 'subject') {
    promise = { due: c.due, state: c.state };
    if (c.deliveredBy) {
      promise.by = { eventId: c.deliveredBy.event.id, date: c.deliveredBy.event.date };
      promise.days = c.deliveredBy.day - c.talk[0]!.day;
    }
  }
  const { value, capped, decay, fate, stage, inEffect, fateBy, notes } = entry;
  return { value, capped, decay, fate, stage, inEffect, fateBy, notes, promise };
}

/** The items of one indicator, each event valued on its own once per run (evidence.ts): what it counts and what it compares with. */
export interface IndicatorItems {
  subject: Item[];
  counterpart: Item[];
}

export function itemsOf(indicator: Indicator, matched: readonly Event[], counterpartEvents: readonly Event[], set: IndicatorSet, ctx: IndicatorContext = EMPTY_CONTEXT): IndicatorItems {
  const split = set.method.attribution === 'split';
  // Events with one source share one Grade per pair of letters (a Grade and its label per item
  // were a tenth of the items' memory on a million events).
  const grade = gradesUnder(set.method);
  return {
    subject: matched.map((event, at) => itemOf(event, set, split ? shareOf(event, ctx) : 1, at, grade)),
    counterpart: indicator.compareTo ? counterpartEvents.map((event, at) => itemOf(event, set, 1, at, grade)) : [],
  };
}

const shareOf = (event: Event, ctx: IndicatorContext) => 1 / Math.max(1, ctx.indicatorsOf.get(event)?.length ?? 1);

/**
 * A column worked out once per template list and kept with it (the draws of an analysis value the
 * same lists again and again); `arg` is only read the first time (each list belongs to one matching).
 */
function perList<T, A = void>(make: (list: readonly Item[], arg: A) => T): (list: readonly Item[], arg: A) => T {
  const known = new WeakMap<readonly Item[], T>();
  return (list, arg) => {
    let column = known.get(list);
    if (column === undefined) known.set(list, (column = make(list, arg)));
    return column;
  };
}

/** Each item's share under split attribution (its events' indicators are those of one matching). */
const splitShares = perList((list, ctx: IndicatorContext) => Float64Array.from(list, (item) => shareOf(item.event, ctx)));
/** Each item's gradeKey: a draw grades by it without reading the event's sources. */
const gradeKeys = perList((list) => Int8Array.from(list, (item) => gradeKey(item.event)));
/** Each item's magnitude (1 when it gives none): the draws size the same events. */
const magnitudesOf = perList((list) => Float64Array.from(list, (item) => item.event.magnitude ?? 1));

/**
 * The same items under another method (itemUnder): what itemsOf gives for their events under `set`,
 * without reading their dates again. A draw reads its items as columns (valuesUnder); this makes
 * them as objects for a draw whose solidity moved, which is scanned.
 */
export function itemsUnder(items: IndicatorItems, set: IndicatorSet, ctx: IndicatorContext): IndicatorItems {
  const gradeOf = gradesUnder(set.method);
  const remade = (list: readonly Item[], shares: Float64Array | undefined): Item[] => {
    const keys = gradeKeys(list);
    return list.map((item, i) => itemUnder(item, set, shares === undefined ? 1 : shares[i]!, gradeOf(item.event, keys[i])));
  };
  return {
    subject: remade(items.subject, set.method.attribution === 'split' ? splitShares(items.subject, ctx) : undefined),
    counterpart: remade(items.counterpart, undefined),
  };
}

/** The facts of both sides of one indicator (SideFacts). */
export interface IndicatorFacts {
  subject: SideFacts;
  counterpart: SideFacts;
}

export const indicatorFacts = (items: IndicatorItems, set: IndicatorSet, ctx: IndicatorContext): IndicatorFacts => ({
  subject: sideFacts(items.subject, set, ctx),
  counterpart: sideFacts(items.counterpart, set, ctx),
});

/** One indicator's numbers after every rule: its sides (with each entry's fate) and its score. */
export interface Valued {
  subject: Side;
  counterpart?: Side;
  net: number;
  counterpartTotal: number | null;
  ratio: number;
  score: number;
}

/**
 * The rules and the score of one indicator, from its items. `explain` false skips the words (notes):
 * the numbers and fates are the same, so the watch list and a trend's periods need no more.
 */
export function valueIndicator(indicator: Indicator, items: IndicatorItems, set: IndicatorSet, asOf: string, ctx: IndicatorContext, explain = false, facts?: IndicatorFacts): Valued {
  const subject = valueSide(items.subject, indicator, set, asOf, ctx, explain, facts?.subject);
  const counterpart = indicator.compareTo ? valueSide(items.counterpart, indicator, set, asOf, ctx, explain, facts?.counterpart) : undefined;
  const net = subject.positive - subject.negative;
  const counterpartTotal = counterpart ? counterpart.positive : null;
  const ratio = ratioOf(counterpartTotal, subject.positive);
  const score = scoreOf(indicator, set, net, counterpartTotal, subject.positive);
  return { subject, ...(counterpart ? { counterpart } : {}), net, counterpartTotal, ratio, score };
}

/** The comparison with the counterpart: the subject's positive evidence as a share of the counterpart's, at most 1. */
const ratioOf = (counterpartTotal: number | null, positive: number) => (counterpartTotal !== null && counterpartTotal > 0 ? Math.min(1, positive / counterpartTotal) : 1);

/** score = 100 × (1 − e^(−max(net, 0) / saturation)) × comparison. */
function scoreOf(indicator: Indicator, set: IndicatorSet, net: number, counterpartTotal: number | null, positive: number): number {
  const saturation = indicator.saturation ?? set.method.saturation;
  return 100 * (1 - Math.exp(-Math.max(net, 0) / saturation)) * ratioOf(counterpartTotal, positive);
}

/** An indicator's status: unweighted, without evidence (nothing it counts in the window), or scored. */
export function statusOf(indicator: Pick<Indicator, 'weight'>, valued: Valued): IndicatorResult['status'] {
  return statusFor(indicator, valued.subject.entries.length);
}

/** The status rule, from how many pieces of evidence the subject side lists (however it was valued). */
const statusFor = (indicator: Pick<Indicator, 'weight'>, listed: number): IndicatorResult['status'] =>
  indicator.weight === 0 ? 'unweighted' : listed === 0 ? 'no-evidence' : 'scored';

/**
 * What the composite needs of an indicator under a method: its score and status, no evidence or
 * words. With `facts` of a whole history (indicatorFacts), `items` must be those dated up to `asOf`.
 */
export function scoreNumbers(
  indicator: Indicator,
  items: IndicatorItems,
  set: IndicatorSet,
  asOf: string,
  ctx: IndicatorContext,
  facts?: IndicatorFacts,
): { indicator: Indicator; result: { score: number; status: IndicatorResult['status'] } } {
  if (facts === undefined || !factsHold(items.subject, facts.subject) || (indicator.compareTo && !factsHold(items.counterpart, facts.counterpart))) {
    const valued = valueIndicator(indicator, items, set, asOf, ctx, false, facts);
    return { indicator, result: { score: valued.score, status: statusOf(indicator, valued) } };
  }
  // Facts hold for both sides: the same rules on columns (side-numbers.ts), without entries.
  return numbersOn(indicator, items, undefined, undefined, set, asOf, ctx, facts);
}

/** Score and status from the rules on columns, for items the facts hold for (with values drawn for them, if any). */
function numbersOn(
  indicator: Indicator,
  items: { subject: readonly Item[]; counterpart: readonly Item[] },
  subjectValues: ItemValues | undefined,
  counterpartValues: ItemValues | undefined,
  set: IndicatorSet,
  asOf: string,
  ctx: IndicatorContext,
  facts: IndicatorFacts,
  acts: { subject?: Item; counterpart?: Item } = {},
): { indicator: Indicator; result: { score: number; status: IndicatorResult['status'] } } {
  const asOfDay = dayNumber(asOf);
  const sinceDay = ctx.since === null ? -Infinity : dayNumber(ctx.since);
  const duplicates = ctx.duplicateOf.size > 0;
  const own = sideSums(items.subject, facts.subject, subjectValues, indicator, set, asOfDay, sinceDay, duplicates, acts.subject);
  const other = indicator.compareTo
    ? sideSums(items.counterpart, facts.counterpart, counterpartValues, indicator, set, asOfDay, sinceDay, duplicates, acts.counterpart)
    : undefined;
  const score = scoreOf(indicator, set, own.positive - own.negative, other ? other.positive : null, own.positive);
  const status = statusFor(indicator, own.listed);
  return { indicator, result: { score, status } };
}

/**
 * One indicator on columns as of a date inside its facts' history (`items` those dated up to it),
 * with each side's state after the rules (side-numbers.ts sideState, valid until the next date is
 * scored with the same facts): what a trend's period reads. Undefined where the facts do not hold.
 */
export function numbersAt(
  indicator: Indicator,
  items: IndicatorItems,
  set: IndicatorSet,
  asOf: string,
  ctx: IndicatorContext,
  facts: IndicatorFacts,
): { score: number; status: IndicatorResult['status']; subject: SideState; counterpart: SideState | undefined } | undefined {
  if (!factsHold(items.subject, facts.subject) || (indicator.compareTo && !factsHold(items.counterpart, facts.counterpart))) return undefined;
  const { result } = numbersOn(indicator, items, undefined, undefined, set, asOf, ctx, facts);
  return { ...result, subject: sideState(facts.subject), counterpart: indicator.compareTo ? sideState(facts.counterpart) : undefined };
}

/**
 * One indicator on columns with one more act appended to a side (the watch list's assumed act:
 * enforced, outside any measure, dated at `asOf`), after all of `items`, whose facts `facts` are
 * (itemsOf's lists, every one dated up to `asOf`): its score and status, and each side's state, in
 * which the act sits at the position after the side's items.
 */
export function numbersWith(
  indicator: Indicator,
  items: IndicatorItems,
  acts: { subject?: Item; counterpart?: Item },
  set: IndicatorSet,
  asOf: string,
  ctx: IndicatorContext,
  facts: IndicatorFacts,
): { score: number; status: IndicatorResult['status']; subject: SideState; counterpart: SideState | undefined } {
  const all = (list: readonly Item[], f: SideFacts) => list.length === f.items.length && factsHold(list, f);
  if (!all(items.subject, facts.subject) || (indicator.compareTo && !all(items.counterpart, facts.counterpart))) {
    throw new RangeError('numbersWith needs the facts of the very items it is given');
  }
  const { result } = numbersOn(indicator, items, undefined, undefined, set, asOf, ctx, facts, acts);
  return { ...result, subject: sideState(facts.subject), counterpart: indicator.compareTo ? sideState(facts.counterpart) : undefined };
}

/**
 * An indicator's items (its templates, as itemsOf made them) under a drawn method, as columns:
 * what itemsUnder would write into each item that the rules read (its value before decay, grade
 * factor and share), and whether every item stays as solid as its template. A draw's whole use of
 * its items; no item object is made or written.
 */
export interface RemadeItems {
  subject: ItemValues & { solidAsBefore: boolean };
  counterpart: ItemValues & { solidAsBefore: boolean };
}

/**
 * `items` under `set`'s method as columns (RemadeItems), into `into`'s arrays when given (made by
 * this function for the same items before): itemUnder's numbers, in its order of operations.
 */
export function valuesUnder(items: IndicatorItems, set: IndicatorSet, ctx: IndicatorContext, into?: RemadeItems): RemadeItems {
  const method = set.method;
  const gradeOf = gradesUnder(method);
  const side = (list: readonly Item[], shares: Float64Array | undefined, pool: RemadeItems['subject'] | undefined): RemadeItems['subject'] => {
    const n = list.length;
    const out = pool ?? { base: new Float64Array(n), factor: new Float64Array(n), share: new Float64Array(n), solidAsBefore: true };
    const keys = gradeKeys(list);
    const magnitudes = magnitudesOf(list);
    let solidAsBefore = true;
    for (let i = 0; i < n; i++) {
      const item = list[i]!;
      const grade = gradeOf(item.event, keys[i]);
      if (grade.solid !== item.grade.solid) solidAsBefore = false;
      // evidence.ts sizeOf: 1 + log2(min(magnitude, magnitudeCap)) for a kind with a unit.
      const magnitude = magnitudes[i]!;
      const size = magnitude <= 1 || set.units[item.event.kind] === undefined ? 1 : 1 + Math.log2(Math.min(magnitude, method.magnitudeCap));
      const share = shares === undefined ? 1 : shares[i]!;
      out.base[i] = method.stages[item.status] * size * grade.factor * share;
      out.factor[i] = grade.factor;
      out.share[i] = share;
    }
    out.solidAsBefore = solidAsBefore;
    return out;
  };
  return {
    subject: side(items.subject, method.attribution === 'split' ? splitShares(items.subject, ctx) : undefined, into?.subject),
    counterpart: side(items.counterpart, undefined, into?.counterpart),
  };
}

/**
 * scoreNumbers for an indicator's templates remade under a drawn method as columns (valuesUnder),
 * with the templates' facts. The facts hold for the draw while every item is as solid as its
 * template: a duplicate, an ender and a promise's delivery are found by status, date, measure and
 * solidity alone, which no draw of an analysis moves (a grade's power moves the solid threshold
 * with it); what a draw does move, the values and a lapse's grade, is the draw's own. A method
 * that moves the solid threshold on its own is scored on items remade and scanned.
 */
export function scoreRemade(
  indicator: Indicator,
  templates: IndicatorItems,
  remade: RemadeItems,
  set: IndicatorSet,
  asOf: string,
  ctx: IndicatorContext,
  facts: IndicatorFacts,
): { indicator: Indicator; result: { score: number; status: IndicatorResult['status'] } } {
  if (remade.subject.solidAsBefore && (remade.counterpart.solidAsBefore || !indicator.compareTo)) {
    return numbersOn(indicator, templates, remade.subject, remade.counterpart, set, asOf, ctx, facts);
  }
  const valued = valueIndicator(indicator, itemsUnder(templates, set, ctx), set, asOf, ctx, false);
  return { indicator, result: { score: valued.score, status: statusOf(indicator, valued) } };
}

/** Score one indicator from the events it counts and the counterpart events it compares with. */
export function scoreIndicator(
  indicator: Indicator,
  matched: readonly Event[],
  counterpartEvents: readonly Event[],
  set: IndicatorSet,
  asOf: string,
  ctx: IndicatorContext = EMPTY_CONTEXT,
): Scored {
  return scoreItems(indicator, itemsOf(indicator, matched, counterpartEvents, set, ctx), set, asOf, ctx);
}

/**
 * Score one indicator from its items (itemsOf), with the evidence and words a report shows. With
 * `facts` of the items (indicatorFacts; for a prefix of them, those dated up to `asOf`), the rules
 * run on columns and the evidence is read from their state (point-evidence.ts); else on entries.
 * Both give the same result.
 */
export function scoreItems(
  indicator: Indicator,
  items: IndicatorItems,
  set: IndicatorSet,
  asOf: string,
  ctx: IndicatorContext = EMPTY_CONTEXT,
  facts?: IndicatorFacts,
  evidence: KeptEvidence = 'all',
): Scored {
  const compares = indicator.compareTo !== undefined;
  let subject: PointSide;
  let counterpart: PointSide | undefined;
  let mix: Mix;
  let counterpartTotal: number | null;
  if (facts !== undefined && factsHold(items.subject, facts.subject) && (!compares || factsHold(items.counterpart, facts.counterpart))) {
    const asOfDay = dayNumber(asOf);
    const sinceDay = ctx.since === null ? -Infinity : dayNumber(ctx.since);
    const duplicates = ctx.duplicateOf.size > 0;
    // Each side's evidence is read before the next sideSums call with the same facts overwrites its state.
    const own = sideSums(items.subject, facts.subject, undefined, indicator, set, asOfDay, sinceDay, duplicates);
    subject = sideEvidence(items.subject, facts.subject, own, 'subject', set, asOf, sinceDay, evidence);
    mix = { practice: own.practice, books: own.books, talk: own.talk, negative: own.negative };
    counterpartTotal = null;
    if (compares) {
      const other = sideSums(items.counterpart, facts.counterpart, undefined, indicator, set, asOfDay, sinceDay, duplicates);
      counterpart = sideEvidence(items.counterpart, facts.counterpart, other, 'counterpart', set, asOf, sinceDay, evidence);
      counterpartTotal = other.positive;
    }
  } else {
    const valued = valueIndicator(indicator, items, set, asOf, ctx, true);
    subject = pointOfEntries(valued.subject, 'subject');
    counterpart = valued.counterpart && pointOfEntries(valued.counterpart, 'counterpart');
    mix = valued.subject.mix;
    counterpartTotal = valued.counterpartTotal;
  }
  // The sums in valueSide's order: positive = practice + books + talk.
  const positive = mix.practice + mix.books + mix.talk;
  const negative = mix.negative;
  const net = positive - negative;
  const ratio = ratioOf(counterpartTotal, positive);
  const score = scoreOf(indicator, set, net, counterpartTotal, positive);

  const listed = pieceCount(subject.pieces);
  const flags: Flag[] = [];
  if (listed === 0) flags.push('no-evidence');
  if (net < 0) flags.push('negative');
  if (subject.suspended) flags.push('backsliding');
  if (positive > 0 && mix.talk > positive / 2) flags.push('commitment-only');
  if (subject.thin) flags.push('thin-sourcing');
  if (subject.lapsed) flags.push('lapsed-commitments');

  const byStatus: Partial<Record<Status, number>> = {};
  for (const status of STATUSES) if (subject.byStatus.has(status)) byStatus[status] = subject.byStatus.get(status)!;
  const oldestDecay = subject.oldestDecay;
  const tally: IndicatorTally = {
    positive: round(positive, 4),
    negative: round(negative, 4),
    net: round(net, 4),
    counterpart: counterpartTotal === null ? null : round(counterpartTotal, 4),
    ratio: round(ratio, 4),
    capped: subject.capped,
    byStatus,
    oldestDecay: oldestDecay === null ? null : round(oldestDecay, 4),
  };
  const rounded: Mix = { practice: round(mix.practice, 4), books: round(mix.books, 4), talk: round(mix.talk, 4), negative: round(mix.negative, 4) };
  const status = statusFor(indicator, listed);
  return {
    indicator,
    pieces: counterpart ? { subject: subject.pieces, counterpart: counterpart.pieces } : { subject: subject.pieces },
    subjectFacts: subject.facts!,
    result: {
      id: indicator.id,
      title: indicator.title,
      weight: indicator.weight,
      status,
      score,
      flags,
      mix: rounded,
      tally,
      notes: subject.notes,
      evidence:
        evidence === 'all'
          ? [...allEvidence(subject.pieces, ctx, indicator.id), ...(counterpart ? allEvidence(counterpart.pieces, ctx, indicator.id) : [])]
          : topPieces(subject.pieces, evidence.top, ctx, indicator.id),
    },
  };
}

/** A side valued on entries as point-evidence.ts reads one on columns. */
function pointOfEntries(side: Side, role: Evidence['role']): PointSide {
  const byStatus = new Map<Status, number>();
  let oldestDecay: number | null = null;
  for (const e of side.entries) {
    byStatus.set(e.item.status, (byStatus.get(e.item.status) ?? 0) + 1);
    const flow = e.inEffect === undefined && COUNTING.has(e.fate) && e.value !== 0;
    if (flow && (oldestDecay === null || e.decay < oldestDecay)) oldestDecay = e.decay;
  }
  const pieces = newPieces(side.entries.length, role);
  side.entries.forEach((e, k) => setDecided(pieces, k, e.item, decidedOf(e, role)));
  return {
    pieces,
    facts: role === 'subject' ? evidenceFacts(pieces) : undefined,
    suspended: side.suspended,
    lapsed: side.lapsed,
    thin: side.thin,
    capped: side.capped,
    notes: side.notes,
    byStatus,
    oldestDecay,
  };
}

/** Fates whose evidence still counts for coverage and the mean grade. */
export const COVERING = new Set<Evidence['fate']>(['counted', 'capped', 'carried-in', 'lapsed', 'delivered']);

/**
 * Whether a subject side still covers its indicator: evidence that counts and keeps at least
 * `floor` of its undecayed value (decay as the report rounds it, so the report and this agree).
 */
export function covers(subject: Side, floor: number): boolean {
  return subject.entries.some((e) => COVERING.has(e.fate) && round(e.decay, 4) >= floor - 1e-9);
}

/** Each side's pieces of a scored indicator: the subject's, then the counterpart's when it compares. */
export function sidesOf(s: Scored): Pieces[] {
  const { subject, counterpart } = s.pieces!;
  return counterpart ? [subject, counterpart] : [subject];
}

/** covers, read from a scored indicator's subject pieces (their decay rounded as covers rounds it). */
export function coversScored(s: Scored, floor: number): boolean {
  const p = s.pieces!.subject;
  for (let k = 0; k < pieceCount(p); k++) if (COVERING.has(pieceFate(p, k)) && pieceDecay(p, k) >= floor - 1e-9) return true;
  return false;
}

/** coveringGrades, read from a scored indicator's subject pieces: the grade as the report rounds it, and whether the event counts elsewhere too (alsoCounts). */
export function coveringEvidence(s: Scored, ctx: IndicatorContext, visit: GradeVisit): void {
  const p = s.pieces!.subject;
  for (let k = 0; k < pieceCount(p); k++) {
    if (!COVERING.has(pieceFate(p, k))) continue;
    const item = p.listed[k]!;
    visit(item.event, round(item.grade.factor, 4), alsoCountsOf(ctx, item.event, s.indicator.id) !== undefined);
  }
}

/** Visits a covering subject entry for the mean grade: its event, its grade factor as rounded, and whether the event counts on other indicators too. */
export type GradeVisit = (event: Event, grade: number, shared: boolean) => void;

/** Each entry of a side that covers (COVERING), in order, for meanGradeOver. */
export function coveringGrades(side: Side, ctx: IndicatorContext, visit: GradeVisit): void {
  for (const e of side.entries) {
    if (!COVERING.has(e.fate)) continue;
    const event = e.item.event;
    visit(event, round(e.item.grade.factor, 4), (ctx.indicatorsOf.get(event)?.length ?? 1) > 1);
  }
}

/**
 * Mean grade over the distinct subject events that count on weighted indicators, each taken where
 * first seen (in set order), from each indicator's covering subject evidence in order, wherever it
 * is read from (a report's evidence, entries, or columns at a date). An event that counts for one
 * indicator only cannot be seen twice, so only the others are remembered.
 */
export function meanGradeOver(sides: readonly { weight: number; each(visit: GradeVisit): void }[]): number {
  const seen = new Set<Event>();
  let sum = 0;
  let n = 0;
  const visit: GradeVisit = (event, grade, shared) => {
    if (shared) {
      if (seen.has(event)) return;
      seen.add(event);
    }
    sum += grade;
    n++;
  };
  for (const side of sides) if (side.weight !== 0) side.each(visit);
  return n ? sum / n : 0;
}

/** How many pieces of evidence carry a value, as the light analysis counts them (reweigh.ts: the value before caps, as rounded in the report). */
export function valuedPieces(side: Side): number {
  let n = 0;
  for (const e of side.entries) {
    const value = round(e.capped, 4);
    const uncapped = value !== round(e.value, 4) && e.value !== 0 ? round(e.value, 4) : undefined;
    if ((uncapped ?? value) !== 0) n++;
  }
  return n;
}
