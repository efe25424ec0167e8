import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayNumber } from '../src/core/dates.js';
import { indicatorFacts, itemsOf, numbersWith, scoreItems, scoreNumbers, statusOf, valueIndicator, type IndicatorContext, type IndicatorFacts, type IndicatorItems } from '../src/core/indicator-score.js';
import { itemOf, related, type Item } from '../src/core/evidence.js';
import { matchesAny, matchesClause } from '../src/core/match.js';
import { watchEvent } from '../src/core/watch-list.js';
import { matchEvents } from '../src/core/matching.js';
import { bitsOf, FATES, relatedOn, sideSums, substanceBits, type SideSums } from '../src/core/side-numbers.js';
import { firstAfter } from '../src/core/stocks.js';
import type { Event, Indicator, IndicatorSet, Status } from '../src/core/types.js';
import { CREDIBILITY_GRADES, RELIABILITY_GRADES, STATUSES } from '../src/core/types.js';
import { defaultSet, drawnEvents } from './helpers/fixtures.js';

// The rules on columns (side-numbers.ts) against valueSide scanning the same items, at dates
// inside a history: the ledger's composites and a trend's periods score prefixes of one match.
// (test/sensitivity.test.ts holds them to scanning under drawn methods, the other use.)

const base = defaultSet();
const split: IndicatorSet = { ...base, method: { ...base.method, attribution: 'split' } };

const mixOf = ({ practice, books, talk, negative }: SideSums) => ({ practice, books, talk, negative });

const day = (from: string, to: string) =>
  fc.integer({ min: Date.parse(from) / 86_400_000, max: Date.parse(to) / 86_400_000 }).map((d) => new Date(d * 86_400_000).toISOString().slice(0, 10));

interface Shape {
  from: string;
  statuses: readonly Status[];
  measures: number;
  minLength: number;
  maxLength: number;
}

/**
 * Histories dense in what the rules between events decide: few kinds, so many events meet on one
 * indicator (kyc-adoption above all); promises in and out of measures that lapse, come late or are
 * delivered; reversals and laws that end, undo and refresh each other; the stages of a measure;
 * grades either side of solid (half of them C3 or better); counterpart events; and some events
 * reported twice (the same record on the same day under another id: exact duplicates).
 */
const historyOf = (shape: Shape) =>
  fc
    .array(
      fc.record({
        date: day(shape.from, '2024-06-30'),
        actor: fc.constantFrom('CN', 'CN', 'CN', 'US'),
        kind: fc.constantFrom('kyc-rule', 'kyc-rule', 'kyc-enforcement', 'intel-sharing', 'cooperation-suspension', 'arrest', 'scheduling'),
        status: fc.constantFrom(...shape.statuses),
        magnitude: fc.option(fc.integer({ min: 1, max: 30 }), { nil: undefined }),
        substances: fc.option(fc.subarray(['fentanyl', 'xylazine', 'nitazenes'], { minLength: 1, maxLength: 2 }), { nil: undefined }),
        measure: fc.option(fc.constantFrom(...['m-a', 'm-b', 'm-c'].slice(0, shape.measures)), { nil: undefined, freq: 3 }),
        due: fc.option(day('2019-06-01', '2025-06-30'), { nil: undefined, freq: 4 }),
        reliability: fc.option(fc.constantFrom('A', 'B', 'C', ...RELIABILITY_GRADES), { nil: undefined, freq: 8 }),
        credibility: fc.option(fc.constantFrom(1, 2, 3, ...CREDIBILITY_GRADES), { nil: undefined, freq: 8 }),
      }),
      { minLength: shape.minLength, maxLength: shape.maxLength },
    )
    .map((raws) => {
      const events = drawnEvents(raws, { sameEvery: 5, files: 2 });
      const again = events.filter((_, i) => i % 6 === 1).map((e) => ({ ...e, id: `${e.id}-again`, origin: { ...e.origin, line: e.origin.line + 1000 } }));
      return [...events, ...again];
    });

/** What scanning decided, counted over a run: each fate, lapses of measures, and caps that bound. */
interface Seen {
  fates: Map<string, number>;
  measureLapses: number;
  lapseCaps: number;
}

/**
 * Score every indicator of `events` at `dates` on columns and by scanning, and hold them equal:
 * the score and status, and each side's mix (where each piece's value went, not only the total).
 */
/**
 * Each indicator of `events` (matched as of 2024-06-30, with `since`) at each of `dates` on or after
 * the since date: its items dated up to it, and the facts of its whole history.
 */
function eachDate(
  events: readonly Event[],
  set: IndicatorSet,
  since: string | undefined,
  dates: readonly string[],
  visit: (indicator: Indicator, items: IndicatorItems, date: string, ctx: IndicatorContext, facts: IndicatorFacts) => void,
): void {
  const matching = matchEvents(events, set, { asOf: '2024-06-30', ...(since !== undefined ? { since } : {}) });
  const ctx = matching.context;
  const templates = set.indicators.map((indicator, i) => itemsOf(indicator, matching.matched[i]!, matching.counterparts[i]!, set, ctx));
  const facts = templates.map((t) => indicatorFacts(t, set, ctx));
  for (const date of dates) {
    if (since !== undefined && date < since) continue;
    const at = dayNumber(date);
    set.indicators.forEach((indicator, i) => {
      const { subject, counterpart } = templates[i]!;
      visit(indicator, { subject: subject.slice(0, firstAfter(subject, at)), counterpart: counterpart.slice(0, firstAfter(counterpart, at)) }, date, ctx, facts[i]!);
    });
  }
}

function checkDates(events: readonly Event[], set: IndicatorSet, since: string | undefined, dates: readonly string[], seen: Seen): void {
  const sinceDay = since === undefined ? -Infinity : dayNumber(since);
  eachDate(events, set, since, dates, (indicator, items, date, ctx, facts) => {
    const at = dayNumber(date);
    const scanned = valueIndicator(indicator, items, set, date, ctx, true);
    expect(scoreNumbers(indicator, items, set, date, ctx, facts).result).toEqual({ score: scanned.score, status: statusOf(indicator, scanned) });
    const sums = (side: 'subject' | 'counterpart') => sideSums(items[side], facts[side], undefined, indicator, set, at, sinceDay, ctx.duplicateOf.size > 0);
    expect(mixOf(sums('subject'))).toEqual(scanned.subject.mix);
    if (scanned.counterpart) expect(mixOf(sums('counterpart'))).toEqual(scanned.counterpart.mix);
    for (const e of [...scanned.subject.entries, ...(scanned.counterpart?.entries ?? [])]) {
      if (e.value === 0 && e.fate === 'counted') continue;
      seen.fates.set(e.fate, (seen.fates.get(e.fate) ?? 0) + 1);
      if (e.fate === 'lapsed' && e.item.measure !== undefined) seen.measureLapses++;
    }
    if (scanned.subject.notes.some((n) => n.includes('lapse cap'))) seen.lapseCaps++;
  });
}

const newSeen = (): Seen => ({ fates: new Map(), measureLapses: 0, lapseCaps: 0 });
/** Fixed, so the counts of what each run exercised (asserted below) are the same on every machine. */
const SEED = 20_261_203;
const sinceDates = fc.constantFrom(undefined, '2021-01-01', '2022-06-01');

describe('the rules on columns, at dates inside a history', () => {
  it('score every indicator at every date as valueSide scanning the same items does, bit for bit (fast-check)', () => {
    const seen = newSeen();
    const history = historyOf({ from: '2019-01-01', statuses: [...STATUSES, 'reversed', 'in-force', 'pledged', 'announced', 'enforced'], measures: 3, minLength: 5, maxLength: 100 });
    fc.assert(
      fc.property(history, fc.constantFrom(base, split), sinceDates, fc.array(day('2019-01-01', '2024-06-30'), { minLength: 1, maxLength: 6 }), (events, set, since, dates) =>
        checkDates(events, set, since, dates, seen),
      ),
      { numRuns: 400, seed: SEED },
    );
    for (const fate of ['counted', 'capped', 'carried-in', 'duplicate', 'lapsed', 'delivered-late', 'superseded', 'delivered']) {
      expect(seen.fates.get(fate) ?? 0, fate).toBeGreaterThan(5);
    }
    expect(seen.measureLapses).toBeGreaterThan(50);
  });

  it('and where stocks pile up: laws, reversals and the acts that end, undo and refresh them (fast-check)', () => {
    const seen = newSeen();
    const history = historyOf({ from: '2019-01-01', statuses: ['in-force', 'reversed', 'enforced', 'in-force', 'reversed', 'pledged'], measures: 1, minLength: 10, maxLength: 80 });
    fc.assert(
      fc.property(history, fc.constantFrom(base, split), sinceDates, fc.array(day('2020-01-01', '2024-06-30'), { minLength: 1, maxLength: 4 }), (events, set, since, dates) =>
        checkDates(events, set, since, dates, seen),
      ),
      { numRuns: 150, seed: SEED },
    );
    for (const fate of ['ended', 'undone', 'silenced', 'carried-in']) expect(seen.fates.get(fate) ?? 0, fate).toBeGreaterThan(20);
  });

  it('and where promises pile up and lapse, under the lapse cap (fast-check)', () => {
    const seen = newSeen();
    const history = historyOf({ from: '2022-01-01', statuses: ['pledged', 'announced', 'pledged', 'announced', 'pledged', 'enforced', 'refused'], measures: 1, minLength: 40, maxLength: 120 });
    fc.assert(
      fc.property(history, sinceDates, fc.array(day('2023-06-01', '2024-06-30'), { minLength: 1, maxLength: 4 }), (events, since, dates) => checkDates(events, base, since, dates, seen)),
      { numRuns: 60, seed: SEED },
    );
    expect(seen.lapseCaps).toBeGreaterThan(20);
  });
});

describe('the watch list on columns: one more act appended to a history', () => {
  it('gives each assumed act the score, status and ended reversals that scanning the items with the act appended gives (fast-check)', () => {
    let endedByAct = 0;
    let deliveredByAct = 0;
    const history = historyOf({ from: '2019-01-01', statuses: [...STATUSES, 'reversed', 'pledged', 'announced', 'in-force'], measures: 2, minLength: 5, maxLength: 80 });
    fc.assert(
      fc.property(history, fc.constantFrom(base, split), sinceDates, (events, set, since) => {
        const matching = matchEvents(events, set, { asOf: '2024-06-30', ...(since !== undefined ? { since } : {}) });
        const ctx = matching.context;
        const items = set.indicators.map((indicator, i) => itemsOf(indicator, matching.matched[i]!, matching.counterparts[i]!, set, ctx));
        for (const indicator of set.indicators) {
          const event = watchEvent(indicator, set, matching.asOf);
          if (!event) continue;
          set.indicators.forEach((other, j) => {
            const counts = matchesAny(event, other.match, set.subject);
            const compares = other.compareTo !== undefined && matchesClause(event, other.compareTo, set.counterpart);
            if (!counts && !compares) return;
            const own = items[j]!;
            const acts = { ...(counts ? { subject: itemOf(event, set, 0.5, own.subject.length) } : {}), ...(compares ? { counterpart: itemOf(event, set, 1, own.counterpart.length) } : {}) };
            const columns = numbersWith(other, own, acts, set, matching.asOf, ctx, indicatorFacts(own, set, ctx));
            const scanned = valueIndicator(other, { subject: acts.subject ? [...own.subject, acts.subject] : own.subject, counterpart: acts.counterpart ? [...own.counterpart, acts.counterpart] : own.counterpart }, set, matching.asOf, ctx, false);
            expect({ score: columns.score, status: columns.status }).toEqual({ score: scanned.score, status: statusOf(other, scanned) });
            const byAct = scanned.subject.entries.filter((e) => e.fateBy?.event === event);
            const ended = byAct.filter((e) => e.fate === 'ended').map((e) => e.item.event.id);
            const endedOnColumns = own.subject.flatMap((item, p) =>
              columns.subject.outOfWindow[p] === 0 && FATES[columns.subject.fate[p]!] === 'ended' && columns.subject.fateBy[p] === own.subject.length ? [item.event.id] : [],
            );
            expect(endedOnColumns).toEqual(ended);
            endedByAct += ended.length;
            deliveredByAct += scanned.subject.entries.filter((e) => e.commitment?.deliveredBy?.event === event).length;
          });
        }
      }),
      { numRuns: 200, seed: SEED },
    );
    // The act ended reversals and delivered promises (lapsed or open) many times over.
    expect(endedByAct).toBeGreaterThan(20);
    expect(deliveredByAct).toBeGreaterThan(20);
  });
});


/** The words each rule leaves on the evidence it decides (rule-words.ts), by a phrase only it uses. */
const WORD_MARKS: Record<string, RegExp> = {
  duplicate: /^repeats /,
  ended: / ended on .*acted/,
  notSolid: /is not solid: it counts against/,
  tooWeak: / claim of .* does not end the /,
  undone: /was undone by the reversal/,
  refreshed: /decays from its newest solid enforcement/,
  lapsed: / lapsed on .*: nothing delivered/,
  deliveredLate: /delivered late by/,
  silenced: /counts 0 while the /,
  carriedIn: /carried in: still in effect/,
  superseded: / is superseded by its /,
  pairedAct: /counts once with the larger/,
  pairedTalk: /delivered by .*: counted once, as the larger \(/,
  followed: /which is not solid: counted once, as the larger/,
};

/** What the point score's comparisons exercised: each rule's words, each promise state, the caps' notes and the evidence compared. */
interface Said {
  marks: Map<string, number>;
  states: Map<string, number>;
  capNotes: number;
  compared: number;
}

/** Every indicator's report at the scoring date and at `dates`, on columns and by scanning, held equal: evidence, words, flags, tally and all. */
function checkPoint(events: readonly Event[], set: IndicatorSet, since: string | undefined, dates: readonly string[], said: Said): void {
  eachDate(events, set, since, ['2024-06-30', ...dates], (indicator, items, date, ctx, facts) => {
    const scanned = scoreItems(indicator, items, set, date, ctx);
    const columns = scoreItems(indicator, items, set, date, ctx, facts);
    expect(columns.result).toEqual(scanned.result);
    expect(columns.pieces).toEqual(scanned.pieces);
    expect(columns.subjectFacts).toEqual(scanned.subjectFacts);
    said.compared += scanned.result.evidence.length;
    for (const e of scanned.result.evidence) {
      for (const [name, mark] of Object.entries(WORD_MARKS)) if (e.note !== undefined && mark.test(e.note)) said.marks.set(name, (said.marks.get(name) ?? 0) + 1);
      if (e.promise) said.states.set(e.promise.state, (said.states.get(e.promise.state) ?? 0) + 1);
    }
    said.capNotes += scanned.result.notes.length;
  });
}

describe('the point score on columns: evidence and words read from the rules\' state', () => {
  it('gives every indicator the report scanning gives, evidence, words, flags, tally and all, at the scoring date and at dates inside the history (fast-check)', () => {
    const said: Said = { marks: new Map(), states: new Map(), capNotes: 0, compared: 0 };
    const history = historyOf({ from: '2019-01-01', statuses: [...STATUSES, 'reversed', 'in-force', 'pledged', 'announced', 'enforced'], measures: 3, minLength: 5, maxLength: 120 });
    fc.assert(
      fc.property(history, fc.constantFrom(base, split), sinceDates, fc.array(day('2019-01-01', '2024-06-30'), { minLength: 0, maxLength: 3 }), (events, set, since, dates) =>
        checkPoint(events, set, since, dates, said),
      ),
      { numRuns: 400, seed: SEED },
    );
    // And where promises meet acts, so that an act counts once with the larger promise it follows.
    const pairs = historyOf({ from: '2022-01-01', statuses: ['pledged', 'announced', 'pledged', 'enforced', 'in-force'], measures: 1, minLength: 20, maxLength: 80 });
    fc.assert(
      fc.property(pairs, fc.constantFrom(base, split), (events, set) => checkPoint(events, set, undefined, [], said)),
      { numRuns: 150, seed: SEED },
    );
    // Every rule's words, every promise state and the caps' notes were compared many times over.
    for (const name of Object.keys(WORD_MARKS)) expect(said.marks.get(name) ?? 0, name).toBeGreaterThan(10);
    for (const state of ['open', 'delivered', 'delivered-late', 'lapsed']) expect(said.states.get(state) ?? 0, state).toBeGreaterThan(10);
    expect(said.capNotes).toBeGreaterThan(10);
    expect(said.compared).toBeGreaterThan(10_000);
  });
});

describe('related on positions (substance bits)', () => {
  // Few substances (bits) and more than there are bits (the items decide), measures or none,
  // empty lists, and an item added later that may name substances the history does not.
  const history = (names: number) => {
    const many = names > 30; // enough items naming enough substances to pass the bits, most runs
    return fc.array(
      fc.record({
        measure: fc.option(fc.constantFrom('m1', 'm2'), { nil: undefined, freq: many ? 10 : 2 }),
        substances: fc.option(fc.uniqueArray(fc.integer({ min: 0, max: names - 1 }).map((k) => `s${k}`), { minLength: many ? 2 : 0, maxLength: 4 }), { nil: undefined, freq: many ? 10 : 2 }),
      }),
      { minLength: many ? 25 : 1, maxLength: 40 },
    );
  };
  it.each([6, 45])('answers as evidence.ts related does, for every pair, with %i substances to draw from (fast-check)', (names) => {
    let unusable = 0;
    fc.assert(
      fc.property(history(names), history(names + 3), (drawn, later) => {
        const items = drawn as unknown as Item[];
        const added = later[0] as unknown as Item;
        const s = substanceBits(items, 1);
        s.bits[items.length] = bitsOf(added.substances, s.bitOf);
        const all = [...items, added];
        const measureId = Int32Array.from(all, (item) => (item.measure === undefined ? -1 : Number(item.measure.slice(1))));
        // Every pair, compared at once (an expect per pair made this the slowest test of its file).
        const on: boolean[] = [];
        const reference: boolean[] = [];
        for (let a = 0; a < all.length; a++) {
          for (let b = 0; b < all.length; b++) {
            on.push(relatedOn(measureId, s, (p) => all[p]!, a, b));
            reference.push(related(all[a]!, all[b]!));
          }
        }
        expect(on).toEqual(reference);
        expect(s.usable).toBe(new Set(items.flatMap((i) => i.substances ?? [])).size <= 30);
        if (!s.usable) unusable++;
      }),
      { numRuns: 150 },
    );
    // The many-substance runs mostly pass the bits, so `related` itself is what they test.
    if (names > 30) expect(unusable).toBeGreaterThan(75);
  });
});
