// The light analysis's model as first written (reweigh.ts before its columns): one object per
// piece of evidence, every factor worked out per piece per draw. The columnar model must give the
// same composite, bit for bit, on every draw (test/reweigh.test.ts).
import type { MatchedCore } from '../../src/core/matching.js';
import { compositeOf } from '../../src/core/composite.js';
import { itemsOf, scoreNumbers, type Scored } from '../../src/core/indicator-score.js';
import { isTalk } from '../../src/core/evidence.js';
import type { Evidence } from '../../src/core/report.js';
import { draftAt, draftSet, type Design, type Draft } from '../../src/core/sensitivity.js';
import type { Event, IndicatorSet, Method } from '../../src/core/types.js';

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

/** One side's pieces, each found by its event among the side's events (`counts`: how many indicators count each subject event). */
function piecesOf(scored: Scored, role: Evidence['role'], events: readonly Event[], counts: ReadonlyMap<string, number> | undefined, set: IndicatorSet): Piece[] {
  return scored.result.evidence
    .filter((e) => e.role === role && (e.uncapped ?? e.value) !== 0)
    .map((e) => {
      const event = events.find((x) => x.id === e.eventId);
      const lapsed = e.fate === 'lapsed';
      return {
        value: e.uncapped ?? e.value,
        status: e.status,
        lapsed,
        talk: !lapsed && isTalk(e.status),
        books: e.status === 'in-force',
        solid: e.solid,
        magnitude: set.units[e.kind] === undefined || event === undefined ? 1 : (event.magnitude ?? 1),
        grade: e.gradeFactor,
        decay: e.decay,
        k: event === undefined ? 1 : (counts?.get(event.id) ?? 1),
      };
    });
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

/** A sum taken left to right, as the model's loops take theirs (floating-point sums depend on order). */
const total = (xs: readonly number[]) => xs.reduce((a, x) => a + x, 0);

/** The caps of method version 2 on one side's re-weighed values, written as sums over filtered lists. */
function capped(values: ArrayLike<number>, pieces: readonly Piece[], method: Method, saturation: number): { positive: number; net: number } {
  const all = pieces.map((p, j) => ({ p, v: values[j]! }));
  const loose = all.filter(({ p }) => !p.solid);
  const looseUp = total(loose.filter(({ v }) => v > 0).map(({ v }) => v));
  // Subtracting each non-positive value, as `looseDown -= v` does, is adding its negation.
  const looseDown = total(loose.filter(({ v }) => !(v > 0)).map(({ v }) => -v));
  const looseCap = capValue(method.uncorroboratedCap, saturation);
  const upScale = looseUp > looseCap ? looseCap / looseUp : 1;
  const downScale = looseDown > looseCap ? looseCap / looseDown : 1;
  const scaled = all.map(({ p, v }) => ({ p, v: p.solid ? v : v * (v > 0 ? upScale : downScale) }));
  const lapses = total(scaled.filter(({ p }) => p.lapsed).map(({ v }) => -v));
  const rest = scaled.filter(({ p }) => !p.lapsed);
  const negative = total(rest.filter(({ v }) => v < 0).map(({ v }) => -v));
  const upward = rest.filter(({ v }) => !(v < 0));
  const talk = total(upward.filter(({ p }) => p.talk).map(({ v }) => v));
  const books = total(upward.filter(({ p }) => !p.talk && p.books).map(({ v }) => v));
  const practice = total(upward.filter(({ p }) => !p.talk && !p.books).map(({ v }) => v));
  const talkCap = capValue(method.talkCap, saturation);
  const positive = practice + Math.min(books, capValue(method.booksCap, saturation)) + Math.min(talk, talkCap);
  return { positive, net: positive - negative - Math.min(lapses, talkCap) };
}

function scoreModel(model: IndicatorModel, mine: ArrayLike<number>, theirs: ArrayLike<number>, method: Method, saturation: number): number {
  const subject = capped(mine, model.subject, method, saturation);
  const counterpart = model.compares ? capped(theirs, model.counterpart, method, saturation) : undefined;
  const comparison = counterpart && counterpart.positive > 0 ? Math.min(1, subject.positive / counterpart.positive) : 1;
  return 100 * (1 - Math.exp(-Math.max(subject.net, 0) / saturation)) * comparison;
}

interface ReferenceModel {
  composite(row: ArrayLike<number>): number;
  work: number;
}

export function referenceLightModel(matching: MatchedCore, set: IndicatorSet, design: Design, pointScored: readonly Scored[]): ReferenceModel {
  const point = set.method;
  const counts = new Map<string, number>();
  for (const e of matching.matched.flat()) counts.set(e.id, (counts.get(e.id) ?? 0) + 1);
  const models = set.indicators.map((indicator, i): IndicatorModel | 'exact' | 'fixed' => {
    const subject = matching.matched[i]!;
    const counterpart = matching.counterparts[i]!;
    if (subject.length + counterpart.length === 0) return 'fixed';
    const model: IndicatorModel = {
      subject: piecesOf(pointScored[i]!, 'subject', subject, counts, set),
      counterpart: piecesOf(pointScored[i]!, 'counterpart', counterpart, undefined, set),
      compares: indicator.compareTo !== undefined,
      ...(indicator.saturation === undefined ? {} : { saturation: indicator.saturation }),
    };
    const at = scoreModel(model, model.subject.map((p) => p.value), model.counterpart.map((p) => p.value), point, indicator.saturation ?? point.saturation);
    return Math.abs(at - pointScored[i]!.result.score) <= POINT_TOLERANCE ? model : 'exact';
  });
  const work = models.reduce(
    (sum, m, i) => sum + (m === 'exact' ? 25 * (matching.matched[i]!.length + matching.counterparts[i]!.length) : m === 'fixed' ? 0 : m.subject.length + m.counterpart.length),
    0,
  );
  // Every draw from scratch: a new draft, new values, a new list of indicator scores.
  const composite = (row: ArrayLike<number>) => {
    const d = draftAt(design, row);
    const drawn = draftSet(set, d);
    const scored = pointScored.map((s, i): Scored => {
      const model = models[i]!;
      if (model === 'fixed') return s;
      if (model === 'exact') {
        const indicator = drawn.indicators[i]!;
        const again = scoreNumbers(indicator, itemsOf(indicator, matching.matched[i]!, matching.counterparts[i]!, drawn, matching.context), drawn, matching.asOf, matching.context);
        return { indicator, result: { ...s.result, ...again.result } };
      }
      const weigh = (pieces: readonly Piece[]) => pieces.map((p) => reweigh(p, point, d));
      const saturation = model.saturation === undefined ? d.method.saturation : model.saturation * d.saturationRatio;
      return { indicator: s.indicator, result: { ...s.result, score: scoreModel(model, weigh(model.subject), weigh(model.counterpart), d.method, saturation) } };
    });
    return compositeOf(scored, d.method, d.weights).composite;
  };
  return { composite, work };
}
