// The light analysis's model as first written (reweigh.ts before its columns): one object per
// piece of evidence, every factor worked out per piece per draw. The columnar model must give the
// same composite, bit for bit, on every draw (test/reweigh.test.ts).
import type { MatchedCore } from '../../src/core/matching.js';
import { compositeOf } from '../../src/core/composite.js';
import { itemsOf, scoreNumbers, type Scored } from '../../src/core/indicator-score.js';
import { isTalk } from '../../src/core/evidence.js';
import type { Evidence } from '../../src/core/report.js';
import { draftAt, draftSet, newDraft, type Design, type Draft } from '../../src/core/sensitivity.js';
import type { IndicatorSet, Method } from '../../src/core/types.js';

interface Piece {
  value: number;
  status: Evidence['status'];
  lapsed: boolean;
  talk: boolean;
  books: boolean;
  solid: boolean;
  magnitude: number;
  grade: number;
  decay: number;
  k: number;
}

interface IndicatorModel {
  subject: Piece[];
  counterpart: Piece[];
  saturation?: number;
  compares: boolean;
}

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

function reweigh(p: Piece, point: Method, d: Draft): number {
  const m = d.method;
  let v = p.value;
  if (!p.lapsed) {
    const f0 = point.stages[p.status];
    v *= f0 === 0 ? 0 : m.stages[p.status] / f0;
    if (p.magnitude > 1) v *= size(p.magnitude, m.magnitudeCap) / size(p.magnitude, point.magnitudeCap);
  }
  if (p.grade > 0 && d.gradePower !== 1) v *= p.grade ** (d.gradePower - 1);
  if (p.decay > 0 && p.decay < 1) {
    const stretch = p.books ? point.booksHalfLifeDays / m.booksHalfLifeDays : 1 / d.halfLifeRatio;
    v *= p.decay ** (stretch - 1);
  }
  if (m.attribution !== point.attribution && p.k > 1) v *= m.attribution === 'split' ? 1 / p.k : p.k;
  return v;
}

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

interface ReferenceModel {
  composite(row: ArrayLike<number>): number;
  work: number;
}

export function referenceLightModel(matching: MatchedCore, set: IndicatorSet, design: Design, pointScored: readonly Scored[]): ReferenceModel {
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
    if (m === 'exact') work += 25 * (matching.matched[i]!.length + matching.counterparts[i]!.length);
    else if (m !== 'fixed') work += m.subject.length + m.counterpart.length;
  });
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
