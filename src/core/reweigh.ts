import type { MatchedCore } from './matching.js';
import { compositeOf } from './composite.js';
import { itemsOf, scoreNumbers, type Scored } from './indicator-score.js';
import { isTalk } from './evidence.js';
import type { Evidence } from './report.js';
import { draftAt, draftSet, newDraft, type Design, type Draft } from './sensitivity.js';
import type { IndicatorSet, Method } from './types.js';

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

interface Piece {
  /** Value before caps under the set's own method. */
  value: number;
  status: Evidence['status'];
  lapsed: boolean;
  talk: boolean;
  books: boolean;
  solid: boolean;
  magnitude: number;
  grade: number;
  decay: number;
  /** Indicators the event counts for (the split rule shares its value among them). */
  k: number;
}

interface IndicatorModel {
  subject: Piece[];
  counterpart: Piece[];
  /** The indicator's own saturation and half-life, when it overrides the method's. */
  saturation?: number;
  compares: boolean;
}

/**
 * How close (in score points) the model must come to the engine's point score to be used: the
 * evidence values it starts from are rounded to 4 decimals, which moves a score by thousandths.
 */
const POINT_TOLERANCE = 0.01;

const capValue = (cap: number, saturation: number) => saturation * Math.log(100 / (100 - cap));
const size = (magnitude: number, cap: number) => 1 + Math.log2(Math.min(magnitude, cap));

function piecesOf(scored: Scored, role: Evidence['role'], events: ReadonlyMap<string, { magnitude: number; k: number }>, set: IndicatorSet): Piece[] {
  const pieces: Piece[] = [];
  for (const e of scored.result.evidence) {
    if (e.role !== role) continue;
    const value = e.uncapped ?? e.value;
    if (value === 0) continue;
    const event = events.get(`${e.role}:${e.eventId}`);
    const lapsed = e.fate === 'lapsed';
    pieces.push({
      value,
      status: e.status,
      lapsed,
      talk: !lapsed && isTalk(e.status),
      books: e.status === 'in-force',
      solid: e.solid,
      magnitude: set.units[e.kind] === undefined ? 1 : (event?.magnitude ?? 1),
      grade: e.gradeFactor,
      decay: e.decay,
      k: event?.k ?? 1,
    });
  }
  return pieces;
}

/** A piece's value under a drawn method, before caps. */
function reweigh(p: Piece, point: Method, d: Draft): number {
  const m = d.method;
  let v = p.value;
  if (!p.lapsed) {
    const f0 = point.stages[p.status];
    v *= f0 === 0 ? 0 : m.stages[p.status] / f0;
    if (p.magnitude > 1) v *= size(p.magnitude, m.magnitudeCap) / size(p.magnitude, point.magnitudeCap);
  }
  // The grade factor is reliability × credibility; raising both tables to a power raises it alike.
  if (p.grade > 0 && d.gradePower !== 1) v *= p.grade ** (d.gradePower - 1);
  if (p.decay > 0 && p.decay < 1) {
    const stretch = p.books ? point.booksHalfLifeDays / m.booksHalfLifeDays : 1 / d.halfLifeRatio;
    v *= p.decay ** (stretch - 1);
  }
  if (m.attribution !== point.attribution && p.k > 1) v *= m.attribution === 'split' ? 1 / p.k : p.k;
  return v;
}

/** Positive and net value of one side's pieces after the method-2 caps (uncorroborated, talk, books). */
function capped(values: ArrayLike<number>, pieces: readonly Piece[], method: Method, saturation: number): { positive: number; net: number } {
  let looseUp = 0;
  let looseDown = 0;
  for (let j = 0; j < pieces.length; j++) {
    if (pieces[j]!.solid) continue;
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
    const p = pieces[j]!;
    let v = values[j]!;
    if (!p.solid) v *= v > 0 ? upScale : downScale;
    if (p.lapsed) lapses -= v;
    else if (v < 0) negative -= v;
    else if (p.talk) talk += v;
    else if (p.books) books += v;
    else practice += v;
  }
  const talkCap = capValue(method.talkCap, saturation);
  const positive = practice + Math.min(books, capValue(method.booksCap, saturation)) + Math.min(talk, talkCap);
  return { positive, net: positive - negative - Math.min(lapses, talkCap) };
}

function scoreModel(model: IndicatorModel, mine: ArrayLike<number>, theirs: ArrayLike<number>, method: Method, saturation: number): number {
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
      subject: piecesOf(pointScored[i]!, 'subject', events, set),
      counterpart: piecesOf(pointScored[i]!, 'counterpart', events, set),
      compares: indicator.compareTo !== undefined,
    };
    if (indicator.saturation !== undefined) model.saturation = indicator.saturation;
    const values = (pieces: Piece[]) => pieces.map((p) => p.value);
    const at = scoreModel(model, values(model.subject), values(model.counterpart), point, indicator.saturation ?? point.saturation);
    return Math.abs(at - pointScored[i]!.result.score) <= POINT_TOLERANCE ? model : 'exact';
  });
  const anyExact = models.includes('exact');
  let work = 0;
  models.forEach((m, i) => {
    if (m === 'exact') work += EXACT_COST * (matching.matched[i]!.length + matching.counterparts[i]!.length);
    else if (m !== 'fixed') work += m.subject.length + m.counterpart.length;
  });
  // Allocated once: the draft, each model's value buffers, and the scored list compositeOf reads.
  const d = newDraft(design);
  const buffers = models.map((m) => (typeof m === 'string' ? undefined : { mine: new Float64Array(m.subject.length), theirs: new Float64Array(m.counterpart.length) }));
  const scored: Scored[] = pointScored.map((s, i) => (typeof models[i] === 'string' ? s : { indicator: s.indicator, result: { ...s.result } }));
  const composite = (row: ArrayLike<number>) => {
    draftAt(design, row, d);
    const drawn = anyExact ? draftSet(set, d) : undefined;
    for (let i = 0; i < models.length; i++) {
      const model = models[i]!;
      if (model === 'fixed') continue;
      if (model === 'exact') {
        // Numbers only: the composite reads each indicator's score and status, never its words.
        const indicator = drawn!.indicators[i]!;
        const items = itemsOf(indicator, matching.matched[i]!, matching.counterparts[i]!, drawn!, matching.context);
        const again = scoreNumbers(indicator, items, drawn!, matching.asOf, matching.context);
        scored[i] = { indicator, result: { ...pointScored[i]!.result, ...again.result } };
        continue;
      }
      const { mine, theirs } = buffers[i]!;
      for (let j = 0; j < mine.length; j++) mine[j] = reweigh(model.subject[j]!, point, d);
      for (let j = 0; j < theirs.length; j++) theirs[j] = reweigh(model.counterpart[j]!, point, d);
      const saturation = model.saturation === undefined ? d.method.saturation : model.saturation * d.saturationRatio;
      scored[i]!.result.score = scoreModel(model, mine, theirs, d.method, saturation);
    }
    return compositeOf(scored, d.method, d.weights).composite;
  };
  return { composite, work };
}
