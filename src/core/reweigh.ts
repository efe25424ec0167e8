import type { MatchedCore } from './matching.js';
import { compositeOf } from './composite.js';
import type { Scored } from './indicator-score.js';
import { isTalk } from './evidence.js';
import { round } from './numbers.js';
import { pieceCount, pieceDecay, pieceFate, pieceWeighed } from './pieces.js';
import type { Evidence } from './report.js';
import { draftAt, draftSet, newDraft, scoreIndicatorDrawn, type Design, type Draft } from './sensitivity.js';
import { STATUSES, type IndicatorSet, type Method, type Status } from './types.js';

/**
 * The light analysis's model: each counted piece of evidence re-weighed under a drawn method from
 * components computed once at the point (its stage factor, size, grade, decay, share), then the
 * caps, saturation and comparison of the method applied again per indicator. No event is re-read,
 * re-matched, re-dated or re-graded, so 200 draws cost about as much as scoring once.
 *
 * The point's structure is held: which stage of a measure counts, which promise was delivered or
 * lapsed, which evidence is solid. Draws move the numbers, not those decisions (`score
 * --sensitivity` re-scores every draw in full). An indicator whose point score this model does
 * not reproduce (to POINT_TOLERANCE) is re-scored in full on every draw instead, so the model can never
 * drift from the engine at the point.
 */

/**
 * One side's pieces of evidence, a column per component (typed arrays: the draws read them a
 * million times on a large input). Each factor a draw multiplies a piece by depends on the piece
 * only through a few values shared by many pieces (its status, size, grade, decay), so a draw works
 * each factor out once per distinct value (Tables) and a piece reads its own by index.
 */
interface Pieces {
  length: number;
  /** Value before caps under the set's own method. */
  value: Float64Array;
  /** Index into Tables.stage: the piece's status, or LAPSED (stage and size are not re-weighed). */
  stage: Uint8Array;
  /** Index into Tables.size (0: a size of 1 or a lapse, factor 1). */
  size: Int32Array;
  /** Index into Tables.grade (0: no grade factor to raise, factor 1). */
  grade: Int32Array;
  /** Index into Tables.decay (0: no decay to stretch, factor 1). */
  decay: Int32Array;
  /** Indicators the event counts for (the split rule shares its value among them). */
  k: Float64Array;
  /** 1 when the piece is solid (never under the uncorroborated cap). */
  solid: Uint8Array;
  /** What the caps count it as: PRACTICE, BOOKS, TALK or LAPSE (a negative value counts as negative first). */
  capClass: Uint8Array;
}

const PRACTICE = 0;
const BOOKS = 1;
const TALK = 2;
const LAPSE = 3;
/** Tables.stage's slot for a lapse: factor 1. */
const LAPSED = STATUSES.length;

interface IndicatorModel {
  subject: Pieces;
  counterpart: Pieces;
  /** The indicator's own saturation and half-life, when it overrides the method's. */
  saturation?: number;
  compares: boolean;
}

/**
 * The distinct values the pieces' factors depend on, each list's slot 0 standing for "no factor"
 * (a factor of 1, which leaves a number as it is), and the factors a draw works out for them.
 */
class Tables {
  readonly magnitudes: number[] = [1];
  readonly grades: number[] = [1];
  /** Decays, with whether the piece is a law in force (its own half-life stretches it). */
  readonly decays: number[] = [1];
  readonly decayBooks: boolean[] = [false];
  private readonly at = { magnitude: new Map<number, number>(), grade: new Map<number, number>(), decay: [new Map<number, number>(), new Map<number, number>()] };
  stage = new Float64Array(LAPSED + 1);
  size = new Float64Array(0);
  grade = new Float64Array(0);
  decay = new Float64Array(0);

  private static slot(map: Map<number, number>, list: number[], value: number): number {
    let i = map.get(value);
    if (i === undefined) {
      i = list.length;
      list.push(value);
      map.set(value, i);
    }
    return i;
  }
  magnitudeSlot(magnitude: number): number {
    return Tables.slot(this.at.magnitude, this.magnitudes, magnitude);
  }
  gradeSlot(grade: number): number {
    return Tables.slot(this.at.grade, this.grades, grade);
  }
  decaySlot(decay: number, books: boolean): number {
    const map = this.at.decay[books ? 1 : 0]!;
    const before = this.decays.length;
    const i = Tables.slot(map, this.decays, decay);
    if (i === before) this.decayBooks.push(books);
    return i;
  }
  /** Size the factor lists once every piece has its slots. */
  seal(): void {
    this.size = new Float64Array(this.magnitudes.length).fill(1);
    this.grade = new Float64Array(this.grades.length).fill(1);
    this.decay = new Float64Array(this.decays.length).fill(1);
  }

  /** Each factor under a drawn method: what re-weighing one piece computed, once per distinct value. */
  draw(point: Method, d: Draft): void {
    const m = d.method;
    STATUSES.forEach((status, i) => {
      const f0 = point.stages[status];
      this.stage[i] = f0 === 0 ? 0 : m.stages[status] / f0;
    });
    this.stage[LAPSED] = 1;
    for (let i = 1; i < this.magnitudes.length; i++) {
      const magnitude = this.magnitudes[i]!;
      this.size[i] = size(magnitude, m.magnitudeCap) / size(magnitude, point.magnitudeCap);
    }
    // The grade factor is reliability × credibility; raising both tables to a power raises it alike.
    for (let i = 1; i < this.grades.length; i++) this.grade[i] = d.gradePower !== 1 ? this.grades[i]! ** (d.gradePower - 1) : 1;
    const booksStretch = point.booksHalfLifeDays / m.booksHalfLifeDays;
    const stretch = 1 / d.halfLifeRatio;
    for (let i = 1; i < this.decays.length; i++) this.decay[i] = this.decays[i]! ** ((this.decayBooks[i] ? booksStretch : stretch) - 1);
  }
}

/**
 * How close (in score points) the model must come to the engine's point score to be used: the
 * evidence values it starts from are rounded to 4 decimals, which moves a score by thousandths.
 */
const POINT_TOLERANCE = 0.01;

const capValue = (cap: number, saturation: number) => saturation * Math.log(100 / (100 - cap));
const size = (magnitude: number, cap: number) => 1 + Math.log2(Math.min(magnitude, cap));
const STATUS_INDEX = new Map<Status, number>(STATUSES.map((s, i) => [s, i]));

function piecesOf(scored: Scored, role: Evidence['role'], events: ReadonlyMap<string, { magnitude: number; k: number }>, set: IndicatorSet, tables: Tables): Pieces {
  const side = role === 'subject' ? scored.pieces!.subject : scored.pieces!.counterpart;
  // The pieces that carry a value (before caps, as the report rounds it), in order.
  const kept: number[] = [];
  if (side !== undefined) for (let k = 0; k < pieceCount(side); k++) if (pieceWeighed(side, k) !== 0) kept.push(k);
  const n = kept.length;
  const pieces: Pieces = {
    length: n,
    value: new Float64Array(n),
    stage: new Uint8Array(n),
    size: new Int32Array(n),
    grade: new Int32Array(n),
    decay: new Int32Array(n),
    k: new Float64Array(n),
    solid: new Uint8Array(n),
    capClass: new Uint8Array(n),
  };
  kept.forEach((at, j) => {
    const item = side!.listed[at]!;
    const e = item.event;
    const event = events.get(`${role}:${e.id}`);
    const lapsed = pieceFate(side!, at) === 'lapsed';
    const books = e.status === 'in-force';
    const magnitude = set.units[e.kind] === undefined ? 1 : (event?.magnitude ?? 1);
    const gradeFactor = round(item.grade.factor, 4);
    const decay = pieceDecay(side!, at);
    pieces.value[j] = pieceWeighed(side!, at);
    pieces.stage[j] = lapsed ? LAPSED : STATUS_INDEX.get(e.status)!;
    pieces.size[j] = !lapsed && magnitude > 1 ? tables.magnitudeSlot(magnitude) : 0;
    pieces.grade[j] = gradeFactor > 0 ? tables.gradeSlot(gradeFactor) : 0;
    pieces.decay[j] = decay > 0 && decay < 1 ? tables.decaySlot(decay, books) : 0;
    pieces.k[j] = event?.k ?? 1;
    pieces.solid[j] = item.grade.solid ? 1 : 0;
    pieces.capClass[j] = lapsed ? LAPSE : isTalk(e.status) ? TALK : books ? BOOKS : PRACTICE;
  });
  return pieces;
}

/** How a drawn attribution rule moves a piece counted by k indicators: not at all, split (1/k) or whole (k). */
const SAME = 0;
const SPLIT = 1;
const WHOLE = 2;

/**
 * Each piece's value under a drawn method, before caps, into `out`: its value times its status's,
 * size's, grade's and decay's factors, in that order, then the attribution rule's.
 */
function reweigh(p: Pieces, t: Tables, attribution: number, out: Float64Array): void {
  const { stage, size: sizeFactor, grade, decay } = t;
  for (let j = 0; j < p.length; j++) {
    let v = p.value[j]! * stage[p.stage[j]!]!;
    v *= sizeFactor[p.size[j]!]!;
    v *= grade[p.grade[j]!]!;
    v *= decay[p.decay[j]!]!;
    const k = p.k[j]!;
    if (attribution !== SAME && k > 1) v *= attribution === SPLIT ? 1 / k : k;
    out[j] = v;
  }
}

/** Positive and net value of one side's pieces after the method-2 caps (uncorroborated, talk, books). */
function capped(values: Float64Array, pieces: Pieces, method: Method, saturation: number): { positive: number; net: number } {
  let looseUp = 0;
  let looseDown = 0;
  for (let j = 0; j < pieces.length; j++) {
    if (pieces.solid[j] === 1) continue;
    const v = values[j]!;
    if (v > 0) looseUp += v;
    else looseDown -= v;
  }
  const looseCap = capValue(method.uncorroboratedCap, saturation);
  const upScale = looseUp > looseCap ? looseCap / looseUp : 1;
  const downScale = looseDown > looseCap ? looseCap / looseDown : 1;
  let practice = 0;
  let books = 0;
  let talk = 0;
  let lapses = 0;
  let negative = 0;
  for (let j = 0; j < pieces.length; j++) {
    let v = values[j]!;
    if (pieces.solid[j] !== 1) v *= v > 0 ? upScale : downScale;
    const capClass = pieces.capClass[j]!;
    if (capClass === LAPSE) lapses -= v;
    else if (v < 0) negative -= v;
    else if (capClass === TALK) talk += v;
    else if (capClass === BOOKS) books += v;
    else practice += v;
  }
  const talkCap = capValue(method.talkCap, saturation);
  const positive = practice + Math.min(books, capValue(method.booksCap, saturation)) + Math.min(talk, talkCap);
  return { positive, net: positive - negative - Math.min(lapses, talkCap) };
}

function scoreModel(model: IndicatorModel, mine: Float64Array, theirs: Float64Array, method: Method, saturation: number): number {
  const subject = capped(mine, model.subject, method, saturation);
  let comparison = 1;
  if (model.compares) {
    const counterpart = capped(theirs, model.counterpart, method, saturation);
    if (counterpart.positive > 0) comparison = Math.min(1, subject.positive / counterpart.positive);
  }
  return 100 * (1 - Math.exp(-Math.max(subject.net, 0) / saturation)) * comparison;
}

/**
 * What one re-scored piece of evidence costs against one re-weighed piece: a full re-score dates,
 * grades and builds every piece again (measured on the interim engine: about 25 times as long).
 */
export const EXACT_COST = 25;

export interface LightModel {
  /** The composite a sample row draws. */
  composite(row: ArrayLike<number>): number;
  /** The work of one draw, in re-weighed pieces of evidence (a re-scored piece counts EXACT_COST). */
  work: number;
}

/** The composite a sample row draws, from the point's evidence re-weighed (or re-scored where the model cannot follow). */
export function lightModel(matching: MatchedCore, set: IndicatorSet, design: Design, pointScored: readonly Scored[]): LightModel {
  const point = set.method;
  const tables = new Tables();
  const counts = new Map<string, number>();
  for (const list of matching.matched) for (const e of list) counts.set(e.id, (counts.get(e.id) ?? 0) + 1);
  const models = set.indicators.map((indicator, i): IndicatorModel | 'exact' | 'fixed' => {
    const matched = matching.matched[i]!;
    const counterparts = matching.counterparts[i]!;
    if (matched.length === 0 && counterparts.length === 0) return 'fixed';
    const events = new Map<string, { magnitude: number; k: number }>();
    for (const e of matched) events.set(`subject:${e.id}`, { magnitude: e.magnitude ?? 1, k: counts.get(e.id) ?? 1 });
    for (const e of counterparts) events.set(`counterpart:${e.id}`, { magnitude: e.magnitude ?? 1, k: 1 });
    const model: IndicatorModel = {
      subject: piecesOf(pointScored[i]!, 'subject', events, set, tables),
      counterpart: piecesOf(pointScored[i]!, 'counterpart', events, set, tables),
      compares: indicator.compareTo !== undefined,
    };
    if (indicator.saturation !== undefined) model.saturation = indicator.saturation;
    const at = scoreModel(model, model.subject.value, model.counterpart.value, point, indicator.saturation ?? point.saturation);
    return Math.abs(at - pointScored[i]!.result.score) <= POINT_TOLERANCE ? model : 'exact';
  });
  const anyExact = models.includes('exact');
  let work = 0;
  models.forEach((m, i) => {
    if (m === 'exact') work += EXACT_COST * (matching.matched[i]!.length + matching.counterparts[i]!.length);
    else if (m !== 'fixed') work += m.subject.length + m.counterpart.length;
  });
  tables.seal();
  // Allocated once: the draft, each model's value buffers, and the scored list compositeOf reads.
  const d = newDraft(design);
  const buffers = models.map((m) => (typeof m === 'string' ? undefined : { mine: new Float64Array(m.subject.length), theirs: new Float64Array(m.counterpart.length) }));
  const scored: Scored[] = pointScored.map((s, i) => (typeof models[i] === 'string' ? s : { indicator: s.indicator, result: { ...s.result } }));
  const composite = (row: ArrayLike<number>) => {
    draftAt(design, row, d);
    const drawn = anyExact ? draftSet(set, d) : undefined;
    tables.draw(point, d);
    const attribution = d.method.attribution === point.attribution ? SAME : d.method.attribution === 'split' ? SPLIT : WHOLE;
    for (let i = 0; i < models.length; i++) {
      const model = models[i]!;
      if (model === 'fixed') continue;
      if (model === 'exact') {
        // Numbers only: the composite reads each indicator's score and status, never its words.
        const indicator = drawn!.indicators[i]!;
        const again = scoreIndicatorDrawn(matching, drawn!, i);
        scored[i] = { indicator, result: { ...pointScored[i]!.result, ...again.result } };
        continue;
      }
      const { mine, theirs } = buffers[i]!;
      reweigh(model.subject, tables, attribution, mine);
      reweigh(model.counterpart, tables, attribution, theirs);
      const saturation = model.saturation === undefined ? d.method.saturation : model.saturation * d.saturationRatio;
      scored[i]!.result.score = scoreModel(model, mine, theirs, d.method, saturation);
    }
    return compositeOf(scored, d.method, d.weights).composite;
  };
  return { composite, work };
}
