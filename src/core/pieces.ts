import type { Item } from './evidence.js';
import { round } from './numbers.js';
import type { Evidence, PromiseState, Stage } from './report.js';
import { FATES, STAGE_CODE, STAGES } from './side-numbers.js';
import type { Event } from './types.js';

/**
 * Every piece of evidence of one side of one indicator, in the order the report lists them, as
 * columns: what the rules decided about each, without an Evidence object each. Scoring reads these
 * (coverage, the mean grade, the reasoning, the watch list, alerts, the light analysis), and an
 * Evidence object is made only for a piece a format prints (pieceEvidence): a table over a million
 * events names three per indicator, and a million Evidence objects were a third of its memory.
 *
 * Values are kept as the rules left them; the readers below round them as the Evidence object
 * does, so a figure read here is the figure the report prints.
 */
export interface Pieces {
  readonly role: Evidence['role'];
  /** The items behind the pieces, in order. */
  readonly listed: Item[];
  /** Value after the rules and before caps, then after caps. */
  readonly value: Float64Array;
  readonly capped: Float64Array;
  readonly decay: Float64Array;
  /** FATES and STAGES codes (side-numbers.ts). */
  readonly fate: Uint8Array;
  readonly stage: Uint8Array;
  /** -1 when the piece says nothing (not a stock), else 0 or 1. */
  readonly inEffect: Int8Array;
  readonly fateBy: (Item | undefined)[];
  readonly notes: (readonly string[] | undefined)[];
  readonly promise: (PromiseState | undefined)[];
  /**
   * Which pieces keep their words and promise (1), when not all do: a side that keeps only the
   * pieces a table names (sideEvidence with `{ top }`) words every piece for the reasoning but
   * keeps the words of those alone. Undefined: every piece keeps them.
   */
  full: Uint8Array | undefined;
}

/**
 * Which evidence a scored indicator keeps as Evidence objects in `result.evidence`: every piece
 * (the JSON report and the briefings print them all), or only the `top` subject pieces a table
 * names. Every figure is the same either way: the engine reads the pieces.
 */
export type KeptEvidence = 'all' | { top: number };

/** Room for `n` pieces of one side, filled in order (sideEvidence, or setDecided). */
export function newPieces(n: number, role: Evidence['role'], keepsAll = true): Pieces {
  return {
    role,
    listed: new Array<Item>(n),
    value: new Float64Array(n),
    capped: new Float64Array(n),
    decay: new Float64Array(n),
    fate: new Uint8Array(n),
    stage: new Uint8Array(n),
    inEffect: new Int8Array(n),
    fateBy: new Array<Item | undefined>(n).fill(undefined),
    // Without every piece's words, only the few named are set: a sparse list holds just those
    // (two full lists were 15 MB of the million events' table run).
    notes: keepsAll ? new Array<readonly string[] | undefined>(n).fill(undefined) : [],
    promise: keepsAll ? new Array<PromiseState | undefined>(n).fill(undefined) : [],
    full: keepsAll ? undefined : new Uint8Array(n),
  };
}

const FATE_CODE = new Map<string, number>(FATES.map((f, i) => [f, i]));

/** Piece `k` from a Decided (the entries' path, indicator-score.ts): the same fields, as codes. */
export function setDecided(p: Pieces, k: number, item: Item, d: Decided): void {
  p.listed[k] = item;
  p.value[k] = d.value;
  p.capped[k] = d.capped;
  p.decay[k] = d.decay;
  p.fate[k] = FATE_CODE.get(d.fate)!;
  p.stage[k] = STAGE_CODE[d.stage];
  p.inEffect[k] = d.inEffect === undefined ? -1 : d.inEffect ? 1 : 0;
  p.fateBy[k] = d.fateBy;
  p.notes[k] = d.notes;
  p.promise[k] = d.promise;
}

export const pieceCount = (p: Pieces) => p.listed.length;
export const pieceFate = (p: Pieces, k: number): Evidence['fate'] => FATES[p.fate[k]!]!;
/** The value the report prints (after caps, rounded). */
export const pieceValue = (p: Pieces, k: number) => round(p.capped[k]!, 4);
export const pieceDecay = (p: Pieces, k: number) => round(p.decay[k]!, 4);
export const pieceInEffect = (p: Pieces, k: number) => (p.inEffect[k] === -1 ? undefined : p.inEffect[k] === 1);
/** The value before caps as the report prints it (`uncapped`), when a cap cut it; else undefined. */
export function pieceUncapped(p: Pieces, k: number): number | undefined {
  const before = p.value[k]!;
  const value = round(before, 4);
  return pieceValue(p, k) !== value && before !== 0 ? value : undefined;
}
/** `uncapped ?? value`: what the light analysis re-weighs (reweigh.ts). */
export const pieceWeighed = (p: Pieces, k: number) => pieceUncapped(p, k) ?? pieceValue(p, k);

/** What evidence reads of the run's context: the indicators that count each event. */
export interface Counting {
  indicatorsOf: ReadonlyMap<Event, readonly string[]>;
}

/** The other indicators a subject event counts for (Evidence.alsoCounts), undefined when none. */
export function alsoCountsOf(ctx: Counting, event: Event, indicatorId: string): string[] | undefined {
  // Nearly always the list is this indicator alone: filter only when it is not.
  const all = ctx.indicatorsOf.get(event);
  if (all === undefined || (all.length === 1 && all[0] === indicatorId)) return undefined;
  const others = all.filter((id) => id !== indicatorId);
  return others.length ? others : undefined;
}

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
  const source: Evidence['source'] = { title: from.title };
  if (from.url !== undefined) source.url = from.url;
  if (from.publisher !== undefined) source.publisher = from.publisher;
  const { grade } = item;
  const capped = round(d.capped, 4);
  const by = d.fateBy;
  const note = noteOf(item, d.notes);
  const uncapped = round(d.value, 4);
  const alsoCounts = role === 'subject' ? alsoCountsOf(ctx, e, indicatorId) : undefined;
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
  };
  // The optional keys only when present: most pieces have few of them, and an object with every
  // key (undefined where absent) took 5% more memory for no time measured (300k events, 2026-12-03).
  if (d.inEffect !== undefined) evidence.inEffect = d.inEffect;
  if (by) {
    if (d.fate === 'ended') evidence.endedBy = { eventId: by.event.id, date: by.event.date };
    evidence.fateBy = { eventId: by.event.id, date: by.event.date };
  }
  if (note !== undefined) evidence.note = note;
  if (capped !== uncapped && d.value !== 0) evidence.uncapped = uncapped;
  if (item.share < 1) evidence.share = round(item.share, 4);
  if (alsoCounts !== undefined) evidence.alsoCounts = alsoCounts;
  if (e.measure !== undefined) evidence.measure = e.measure;
  if (e.datePrecision === 'month' || e.datePrecision === 'year') evidence.datePrecision = e.datePrecision;
  if (d.promise !== undefined && role === 'subject') evidence.promise = d.promise;
  return evidence;
}

/** The note an Evidence object carries: the rules' words, then how much of its magnitude counted. */
function noteOf(item: Item, notes: readonly string[] | undefined): string | undefined {
  let note = notes === undefined || notes.length === 0 ? undefined : notes.length === 1 ? notes[0]! : notes.join('; ');
  const e = item.event;
  if (item.counted < (e.magnitude ?? 1)) {
    const counted = `magnitude ${e.magnitude} counted as ${item.counted}`;
    note = note === undefined ? counted : `${note}; ${counted}`;
  }
  return note;
}

/** Piece `k` as the Evidence object the report prints. */
export function pieceEvidence(p: Pieces, k: number, ctx: Counting, indicatorId: string): Evidence {
  if (p.full !== undefined && p.full[k] !== 1) throw new Error(`internal: piece ${k} of ${indicatorId} was kept without its words`);
  return evidenceOf(
    p.listed[k]!,
    p.role,
    {
      value: p.value[k]!,
      capped: p.capped[k]!,
      decay: p.decay[k]!,
      fate: pieceFate(p, k),
      stage: STAGES[p.stage[k]!]! as Stage,
      inEffect: pieceInEffect(p, k),
      fateBy: p.fateBy[k],
      notes: p.notes[k],
      promise: p.promise[k],
    },
    ctx,
    indicatorId,
  );
}

/** Every piece as Evidence, in order. */
export function allEvidence(p: Pieces, ctx: Counting, indicatorId: string): Evidence[] {
  const n = pieceCount(p);
  const out = new Array<Evidence>(n);
  for (let k = 0; k < n; k++) out[k] = pieceEvidence(p, k, ctx, indicatorId);
  return out;
}

/**
 * The `n` subject pieces a table names (format/top-evidence.ts ranks them with bestOf too), as
 * Evidence, in their order among the pieces.
 */
export function topPieces(p: Pieces, n: number, ctx: Counting, indicatorId: string): Evidence[] {
  if (p.role !== 'subject') return [];
  return bestOf(n, pieceCount(p), (k) => pieceValue(p, k), (k) => p.listed[k]!.event)
    .sort((a, b) => a - b)
    .map((k) => pieceEvidence(p, k, ctx, indicatorId));
}

/**
 * Of positions 0..count-1 (those `counts` lets in), the `n` a table names, best first: largest
 * absolute value as printed, then newer, then smaller id (ties keep position order). One pass that
 * keeps the best n: a million pieces are not sorted to name three.
 */
export function bestOf(
  n: number,
  count: number,
  value: (at: number) => number,
  event: (at: number) => { readonly date: string; readonly id: string },
  counts: (at: number) => boolean = () => true,
): number[] {
  if (n <= 0) return [];
  const top: number[] = [];
  const before = (a: number, b: number) => {
    const d = Math.abs(value(a)) - Math.abs(value(b));
    if (d !== 0) return d > 0;
    const x = event(a);
    const y = event(b);
    if (x.date !== y.date) return x.date > y.date;
    return x.id < y.id;
  };
  for (let k = 0; k < count; k++) {
    if (!counts(k)) continue;
    if (top.length === n && !before(k, top[n - 1]!)) continue;
    let at = top.length === n ? n - 1 : top.length;
    while (at > 0 && before(k, top[at - 1]!)) {
      top[at] = top[at - 1]!;
      at--;
    }
    top[at] = k;
    if (top.length > n) top.length = n;
  }
  return top;
}

/** What an indicator's reasoning and its one-line summary read of its subject pieces (explain.ts). */
export interface EvidenceFacts {
  count: number;
  /** Pieces whose source is ungraded. */
  ungraded: number;
  /** Promises that lapsed and count against. */
  lapsed: number;
  /** The first solid reversal still in effect. */
  stuck: { kind: string; date: string } | undefined;
  /** The first piece ended by another, and the date of the one that ended it. */
  ended: { kind: string; date: string; by: string } | undefined;
  /** The pieces' notes (Evidence.note), each part once, in the order first seen. */
  notes: Set<string>;
}

/** EvidenceFacts gathered piece by piece, in order (sideEvidence reads each piece once, as it goes). */
export class EvidenceFactsBuilder {
  private readonly facts: EvidenceFacts = { count: 0, ungraded: 0, lapsed: 0, stuck: undefined, ended: undefined, notes: new Set() };

  /** A piece: its item, FATES code, value after caps, in-effect code (-1, 0, 1), what decided its fate, and its words. */
  add(item: Item, fate: number, capped: number, inEffect: number, fateBy: Item | undefined, notes: readonly string[] | undefined): void {
    const f = this.facts;
    const e = item.event;
    f.count++;
    if (!item.grade.graded) f.ungraded++;
    if (fate === LAPSED && round(capped, 4) < 0) f.lapsed++;
    if (f.stuck === undefined && e.status === 'reversed' && inEffect === 1 && item.grade.solid) f.stuck = { kind: e.kind, date: e.date };
    if (f.ended === undefined && fate === ENDED && fateBy !== undefined) f.ended = { kind: e.kind, date: e.date, by: fateBy.event.date };
    addNote(f.notes, noteOf(item, notes));
  }

  done(): EvidenceFacts {
    return this.facts;
  }
}

/** One piece's note (Evidence.note) into the distinct notes, each of its parts once. */
export function addNote(distinct: Set<string>, note: string | undefined): void {
  if (note === undefined) return;
  // Most evidence carries one note: split (an array per piece) only when there are several.
  if (!note.includes('; ')) distinct.add(note);
  else for (const one of note.split('; ')) distinct.add(one);
}

const LAPSED = FATES.indexOf('lapsed');
const ENDED = FATES.indexOf('ended');

/** EvidenceFacts of pieces that keep every piece's words (the entries' path). */
export function evidenceFacts(p: Pieces): EvidenceFacts {
  const facts = new EvidenceFactsBuilder();
  for (let k = 0; k < pieceCount(p); k++) facts.add(p.listed[k]!, p.fate[k]!, p.capped[k]!, p.inEffect[k]!, p.fateBy[k], p.notes[k]);
  return facts.done();
}
