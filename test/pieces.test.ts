import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchEvents, scoreEvents, type ScoreOptions } from '../src/core/engine.js';
import { COVERING, coversScored, coveringEvidence, indicatorFacts, itemsOf, scoreItems, type Scored } from '../src/core/indicator-score.js';
import { pieceCount, pieceDecay, pieceFate, pieceInEffect, pieceUncapped, pieceValue, pieceWeighed, type Pieces } from '../src/core/pieces.js';
import type { Evidence, IndicatorResult, ScoreReport } from '../src/core/report.js';
import type { Event } from '../src/core/types.js';
import { plain } from '../src/format/paint.js';
import { formatTable } from '../src/format/table.js';
import { TOP_EVIDENCE, topEvidence } from '../src/format/top-evidence.js';
import { eventFields } from './helpers/arbitraries.js';
import { defaultSet, drawnEvents } from './helpers/fixtures.js';
import { RECORD, seedEvents } from './helpers/seeds.js';

// Scoring reads the evidence as columns (src/core/pieces.ts) and makes Evidence objects only for
// what the report lists. A report that keeps only the pieces a table names must be the full
// report with each indicator's evidence cut to those pieces: every score, tally, reasoning, alert,
// watch-list entry and confidence the same, and the same table.

const set = defaultSet();
const dateArb = fc.integer({ min: 0, max: 7 * 365 }).map((d) => new Date(Date.UTC(2018, 0, 1 + d)).toISOString().slice(0, 10));
const eventArb = fc.record({
  ...eventFields(set, dateArb),
  // A few measures, so stages supersede each other, promises are delivered and laws are undone.
  measure: fc.option(fc.constantFrom('m1', 'm2', 'm3'), { nil: undefined }),
  due: fc.option(dateArb, { nil: undefined }),
});
const eventsArb = fc.array(eventArb, { maxLength: 60 }).map((raws) => drawnEvents(raws, { sameEvery: 5, files: 3 }));
// Old pledges, lapsed, each worth the same rounded value whatever its date: ties on value that
// only the date, then the id, break (the newest event sets the scoring date).
const oldTalkArb = fc
  .array(fc.record({ date: fc.integer({ min: 0, max: 400 }).map((d) => new Date(Date.UTC(2016, 0, 1 + d)).toISOString().slice(0, 10)), kind: fc.constantFrom('kyc-rule', 'arrest') }), {
    minLength: 1,
    maxLength: 30,
  })
  .map((raws) =>
    drawnEvents([...raws.map((r) => ({ ...r, actor: 'CN', status: 'pledged' as const })), { date: '2024-12-31', actor: 'CN', kind: 'arrest', status: 'enforced' }], {
      sameEvery: 1000,
      files: 2,
    }),
  );

/** The pieces a table names, in the report's order: what `{ top: n }` should keep. */
function cut(ind: IndicatorResult, n: number): Evidence[] {
  const { top } = topEvidence(ind, n);
  return ind.evidence.filter((e) => top.includes(e));
}

function expectSameBut(events: Event[], options: ScoreOptions, n: number): ScoreReport {
  const full = scoreEvents(events, set, options);
  const lean = scoreEvents(events, set, { ...options, evidence: { top: n } });
  const expected = { ...full, indicators: full.indicators.map((ind) => ({ ...ind, evidence: cut(ind, n) })) };
  expect(lean).toEqual(expected);
  // Keys and values alike, not only what toEqual compares.
  expect(JSON.stringify(lean)).toBe(JSON.stringify(expected));
  // The table names TOP_EVIDENCE pieces: a report that keeps at least as many prints the same.
  const table = (r: ScoreReport) => formatTable(r, { paint: plain, color: false, width: 100 });
  if (n >= TOP_EVIDENCE) expect(table(lean)).toBe(table(full));
  return full;
}

describe('a report that keeps only the evidence a table names', () => {
  it('is the full report with each indicator cut to those pieces, and prints the same table (generated sets)', () => {
    fc.assert(
      fc.property(fc.oneof(eventsArb, oldTalkArb), fc.integer({ min: 1, max: 5 }), fc.option(dateArb, { nil: undefined }), fc.option(dateArb, { nil: undefined }), (events, n, asOf, since) => {
        // Without events the engine needs a scoring date.
        const at = asOf ?? (events.length ? undefined : '2024-12-31');
        const options: ScoreOptions = { ...(at ? { asOf: at } : {}), ...(since && (!at || since <= at) ? { since } : {}) };
        expectSameBut(events, options, n);
      }),
      { numRuns: 200 },
    );
  });

  it('refuses a count that is not a whole number of 0 or more, and keeps none for 0', async () => {
    const events = await seedEvents(RECORD);
    for (const top of [-1, 1.5, Number.NaN, Infinity]) expect(() => scoreEvents(events, set, { evidence: { top } })).toThrow(RangeError);
    expect(scoreEvents(events, set, { evidence: { top: 0 } }).indicators.every((i) => i.evidence.length === 0)).toBe(true);
  });

  it('holds on the bundled seeds and the frozen record', async () => {
    for (const folder of ['seeds', RECORD]) {
      const events = await seedEvents(folder);
      const full = expectSameBut(events, {}, TOP_EVIDENCE);
      // The record holds more evidence than a table names, so the cut is real.
      expect(full.indicators.some((i) => i.evidence.length > TOP_EVIDENCE)).toBe(true);
      expectSameBut(events, { asOf: '2023-06-30', since: '2020-01-01' }, TOP_EVIDENCE);
    }
  });
});

/** Each indicator scored as scoreEvents scores it, with every piece also as Evidence. */
function scoredOf(events: Event[], options: ScoreOptions): Scored[] {
  const matching = matchEvents(events, set, options);
  return set.indicators.map((indicator, i) => {
    const items = itemsOf(indicator, matching.matched[i]!, matching.counterparts[i]!, set, matching.context);
    return scoreItems(indicator, items, set, matching.asOf, matching.context, indicatorFacts(items, set, matching.context));
  });
}

describe('what scoring reads of the pieces is what the Evidence objects say', () => {
  // The engine reads coverage, the mean grade, the reasoning's facts and the light analysis's
  // count from the pieces; each is checked here against its old definition on the Evidence list.
  it('field by field, and every fact read of them (generated sets)', () => {
    fc.assert(
      fc.property(eventsArb, fc.option(dateArb, { nil: undefined }), (events, since) => {
        const options: ScoreOptions = { asOf: '2024-12-31', ...(since ? { since } : {}) };
        for (const s of scoredOf(events, options)) {
          const evidence = s.result.evidence;
          const sides = [s.pieces!.subject, s.pieces!.counterpart].filter((p): p is Pieces => p !== undefined);
          const read = sides.flatMap((p) =>
            Array.from({ length: pieceCount(p) }, (_, k) => ({
              role: p.role,
              eventId: p.listed[k]!.event.id,
              value: pieceValue(p, k),
              uncapped: pieceUncapped(p, k),
              decay: pieceDecay(p, k),
              fate: pieceFate(p, k),
              inEffect: pieceInEffect(p, k),
            })),
          );
          expect(read).toEqual(evidence.map((e) => ({ role: e.role, eventId: e.eventId, value: e.value, uncapped: e.uncapped, decay: e.decay, fate: e.fate, inEffect: e.inEffect })));
          expect(sides.reduce((n, p) => n + Array.from({ length: pieceCount(p) }, (_, k) => pieceWeighed(p, k)).filter((v) => v !== 0).length, 0)).toBe(
            evidence.filter((e) => (e.uncapped ?? e.value) !== 0).length,
          );

          const subject = evidence.filter((e) => e.role === 'subject');
          const facts = s.subjectFacts!;
          const stuck = subject.find((e) => e.status === 'reversed' && e.inEffect === true && e.solid);
          const ended = subject.find((e) => e.fate === 'ended' && e.fateBy);
          expect({ ...facts, notes: [...facts.notes] }).toEqual({
            count: subject.length,
            ungraded: subject.filter((e) => !e.graded).length,
            lapsed: subject.filter((e) => e.fate === 'lapsed' && e.value < 0).length,
            stuck: stuck && { kind: stuck.kind, date: stuck.date },
            ended: ended && { kind: ended.kind, date: ended.date, by: ended.fateBy!.date },
            notes: [...new Set(subject.flatMap((e) => (e.note === undefined ? [] : e.note.split('; '))))],
          });

          for (const floor of [0, 0.25, 0.5, 1]) {
            expect(coversScored(s, floor)).toBe(subject.some((e) => COVERING.has(e.fate) && e.decay >= floor - 1e-9));
          }
          const visited: [string, number, boolean][] = [];
          coveringEvidence(s, { since: null, indicatorsOf: indicatorsOf(events, options), duplicateOf: new Map() }, (event, grade, shared) => visited.push([event.id, grade, shared]));
          expect(visited).toEqual(subject.filter((e) => COVERING.has(e.fate)).map((e) => [e.eventId, e.gradeFactor, e.alsoCounts !== undefined]));
        }
      }),
      { numRuns: 150 },
    );
  });
});

const indicatorsOf = (events: Event[], options: ScoreOptions) => matchEvents(events, set, options).context.indicatorsOf;
