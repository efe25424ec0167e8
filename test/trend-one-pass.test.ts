import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alertRules, crisisAlerts, dropAlert, reversalAlerts } from '../src/core/alerts.js';
import { byDateThenId } from '../src/core/dates.js';
import { classify, DEFAULT_DIFF_THRESHOLD, diffReports } from '../src/core/diff.js';
import { scoreEvents } from '../src/core/engine.js';
import { round } from '../src/core/numbers.js';
import { periodsBetween, type Every } from '../src/core/periods.js';
import type { Alert, ScoreReport } from '../src/core/report.js';
import { trendEvents, type TrendPeriod } from '../src/core/trend.js';
import { compositeAtDate, prepareDates, scoreAtDate } from '../src/core/period-score.js';
import { numbersAt, valueIndicator, type Side } from '../src/core/indicator-score.js';
import { FATES, STAGES } from '../src/core/side-numbers.js';
import { firstAfter } from '../src/core/stocks.js';
import { dayNumber } from '../src/core/dates.js';
import type { Event, IndicatorSet, Status } from '../src/core/types.js';
import { CREDIBILITY_GRADES, RELIABILITY_GRADES, STATUSES } from '../src/core/types.js';
import { defaultSet, drawnEvents } from './helpers/fixtures.js';
import { seedEvents } from './helpers/seeds.js';

/**
 * The trend scores every period from one match (period-score.ts). The oracle here is the plain
 * way: scoreEvents on the events dated up to each period's end, every period on its own, and the
 * period's row built from that full report, as trend.ts did before.
 */
function periodsByRescoring(events: readonly Event[], set: IndicatorSet, since: string, until: string, every: Every, dropPoints?: number): TrendPeriod[] {
  const rules = alertRules(set, dropPoints !== undefined ? { dropPoints } : {});
  const threshold = DEFAULT_DIFF_THRESHOLD;
  const counted = new Set(set.indicators.filter((i) => i.weight > 0).map((i) => i.id));
  const sorted = [...events].sort(byDateThenId);
  const crises = sorted.filter((e) => rules.crisisKinds.includes(e.kind));
  let previous: ScoreReport | undefined;
  return periodsBetween(since, until, every).map((period) => {
    const report = scoreEvents(sorted.filter((e) => e.date <= period.asOf), set, { asOf: period.asOf });
    const window = { from: period.start, to: period.asOf };
    const alerts: Alert[] = [];
    if (previous) {
      const drop = dropAlert(diffReports(previous, report, { threshold }), rules);
      if (drop) alerts.push(drop);
    }
    alerts.push(...reversalAlerts(report.indicators, rules, window), ...crisisAlerts(crises, rules, period.asOf));
    const inPeriod = new Map<string, string>();
    for (const indicator of report.indicators) {
      if (!counted.has(indicator.id)) continue;
      for (const e of indicator.evidence) if (e.date >= window.from && e.date <= window.to) inPeriod.set(e.eventId, e.date);
    }
    const before = previous;
    const change = before ? round(report.score - before.score, 2) : null;
    previous = report;
    return {
      ...period,
      score: report.score,
      band: report.band,
      coverage: report.coverage,
      confidence: report.confidence.level,
      change,
      movement: change === null ? null : classify(change, threshold),
      indicators: report.indicators.map((i, n) => ({ id: i.id, score: i.score, change: before ? round(i.score - (before.indicators[n]?.score ?? 0), 2) : null })),
      events: [...inPeriod].map(([id, date]) => ({ id, date })).sort(byDateThenId).map((e) => e.id),
      alerts,
    };
  });
}

const set = defaultSet();
const KINDS = Object.keys(set.kinds);
const SUBSTANCES = Object.keys(set.substances);
const day = (from: string, to: string) =>
  fc.date({ min: new Date(`${from}T00:00:00Z`), max: new Date(`${to}T00:00:00Z`), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

/** Events that exercise every rule between events: stages of a measure, due dates, reversals, duplicates, weak and strong sources. */
const eventsArb = fc
  .array(
    fc.record({
      date: day('2021-01-01', '2024-12-31'),
      actor: fc.constantFrom('CN', 'CN', 'CN', 'US'),
      kind: fc.constantFrom(...KINDS),
      status: fc.constantFrom(...STATUSES),
      magnitude: fc.option(fc.integer({ min: 1, max: 50 }), { nil: undefined }),
      substances: fc.option(fc.subarray(SUBSTANCES.slice(0, 3), { minLength: 1, maxLength: 2 }), { nil: undefined }),
      measure: fc.option(fc.constantFrom('m-a', 'm-b'), { nil: undefined, freq: 3 }),
      due: fc.option(day('2021-06-01', '2025-06-30'), { nil: undefined, freq: 4 }),
      reliability: fc.option(fc.constantFrom(...RELIABILITY_GRADES), { nil: undefined }),
      credibility: fc.option(fc.constantFrom(...CREDIBILITY_GRADES), { nil: undefined }),
    }),
    { maxLength: 30 },
  )
  .map((raws) => drawnEvents(raws, { sameEvery: 4, files: 1 }));

describe('trend in one pass', () => {
  it('gives every period exactly what scoring that period end on its own gives (generated events)', () => {
    fc.assert(
      fc.property(eventsArb, fc.constantFrom<Every>('month', 'quarter'), fc.constantFrom(undefined, 2), (events, every, dropPoints) => {
        const trend = trendEvents(events, set, { every, since: '2021-01-01', until: '2025-03-10', ...(dropPoints !== undefined ? { dropPoints } : {}) });
        expect(trend.periods).toEqual(periodsByRescoring(events, set, '2021-01-01', '2025-03-10', every, dropPoints));
      }),
      { numRuns: 30 },
    );
  });

  it('gives the same with the backsliding statuses a set names: refusals too (from columns), or talk (from entries) (fast-check)', () => {
    const withStatuses = (statuses: Status[]): IndicatorSet => ({ ...set, method: { ...set.method, alerts: { backsliding: { statuses } } } });
    fc.assert(
      fc.property(eventsArb, fc.constantFrom(withStatuses(['reversed', 'refused']), withStatuses(['refused', 'pledged'])), (events, named) => {
        const trend = trendEvents(events, named, { every: 'quarter', since: '2021-01-01', until: '2025-03-10' });
        expect(trend.periods).toEqual(periodsByRescoring(events, named, '2021-01-01', '2025-03-10', 'quarter'));
      }),
      { numRuns: 30 },
    );
  });

  it('gives the seeds the same months as scoring each month end on its own', async () => {
    const events = await seedEvents('seeds');
    const trend = trendEvents(events, set, { every: 'month', dropPoints: 3 });
    expect(trend.periods.length).toBeGreaterThan(80);
    expect(trend.periods.some((p) => p.alerts.some((a) => a.trigger === 'score-drop'))).toBe(true);
    expect(trend.periods).toEqual(periodsByRescoring(events, set, trend.since, trend.until, 'month', 3));
  });
});

/**
 * Promises and what delivers them, dense: a measure's talk stages with their own due dates, acts of
 * the same measure and substances, strong and weak sources. The ledger's dates share promise scans
 * across dates (commitments.ts), so these are asked about in any order.
 */
const promisesArb = fc
  .array(
    fc.record({
      date: day('2021-01-01', '2023-12-31'),
      actor: fc.constant('CN'),
      kind: fc.constantFrom('kyc-rule', 'kyc-enforcement', 'kyc-rule', 'scheduling'),
      status: fc.constantFrom<(typeof STATUSES)[number]>('pledged', 'announced', 'pledged', 'in-force', 'enforced'),
      magnitude: fc.constant(undefined),
      substances: fc.option(fc.subarray(SUBSTANCES.slice(0, 2), { minLength: 1, maxLength: 1 }), { nil: undefined }),
      measure: fc.option(fc.constantFrom('m-a', 'm-b'), { nil: undefined, freq: 2 }),
      due: fc.option(day('2021-03-01', '2024-06-30'), { nil: undefined, freq: 2 }),
      reliability: fc.constantFrom('A', 'B', 'E'),
      credibility: fc.constantFrom(1, 2, 5),
    }),
    { minLength: 2, maxLength: 24 },
  )
  .map((raws) => drawnEvents(raws, { sameEvery: 1_000, files: 1 }));

describe('the composite at many dates from one match (the ledger)', () => {
  it('gives the coverage, mean grade and confidence scoreEvents gives as of each date (fast-check)', () => {
    const repeated = (events: Event[]) => [...events, ...events.filter((_, i) => i % 3 === 0).map((e) => ({ ...e, id: `${e.id}-again` }))];
    fc.assert(
      fc.property(fc.oneof(eventsArb, promisesArb).map(repeated), fc.array(day('2021-01-01', '2025-03-10'), { minLength: 1, maxLength: 6 }), (events, dates) => {
        const prepared = prepareDates(events, set, '2025-03-10');
        for (const date of dates) {
          const at = scoreAtDate(prepared, date, { recentFrom: date });
          const full = scoreEvents(events, set, { asOf: date });
          expect({ coverage: at.coverage, meanGrade: at.meanGrade, confidence: at.confidence }).toEqual({ coverage: full.coverage, meanGrade: full.meanGrade, confidence: full.confidence.level });
        }
      }),
      { numRuns: 100 },
    );
  });

  it('does not let a superseded stage cover an indicator whose counting stage has decayed below the floor, nor grade it', () => {
    // An old law of a measure (decayed below the coverage floor) and a recent announcement of it,
    // which restates the law and is superseded: the indicator is not covered, on columns as in full.
    const raws = [
      { date: '2016-01-01', actor: 'CN', kind: 'kyc-rule', status: 'in-force' as const, measure: 'm-x', reliability: 'A' as const, credibility: 1 as const },
      { date: '2023-06-01', actor: 'CN', kind: 'kyc-rule', status: 'announced' as const, measure: 'm-x', reliability: 'B' as const, credibility: 2 as const },
      { date: '2023-06-02', actor: 'CN', kind: 'arrest', status: 'enforced' as const, reliability: 'A' as const, credibility: 1 as const },
    ];
    const events = drawnEvents(raws, { sameEvery: 1_000, files: 1 });
    const prepared = prepareDates(events, set, '2023-12-31');
    const full = scoreEvents(events, set, { asOf: '2023-12-31' });
    expect(full.indicators.find((i) => i.id === 'kyc-adoption')!.evidence.map((e) => e.fate)).toEqual(['counted', 'superseded']);
    const date = scoreAtDate(prepared, '2023-12-31', { recentFrom: '2023-10-01' });
    expect(date.coverage).toBe(full.coverage);
    expect(date.coverage).toBeLessThan(1);
    // Nor does its grade (B2) enter the mean grade, which is then that of the A1 law and arrest.
    expect(full.meanGrade).toBe(1);
    expect(date.meanGrade).toBe(full.meanGrade);
    expect(date.confidence).toBe(full.confidence.level);
  });

  it('reads on to an act dated the day after the date asked before (a scan resumes, never stops short)', () => {
    const raws = [
      { date: '2021-01-01', actor: 'CN', kind: 'kyc-rule', status: 'pledged' as const, due: '2021-06-30', reliability: 'A' as const, credibility: 1 as const },
      { date: '2021-03-10', actor: 'CN', kind: 'kyc-rule', status: 'enforced' as const, reliability: 'A' as const, credibility: 1 as const },
    ];
    const events = drawnEvents(raws, { sameEvery: 1_000, files: 1 });
    const prepared = prepareDates(events, set, '2021-12-31');
    for (const date of ['2021-03-09', '2021-03-10', '2021-02-01', '2021-07-01', '2021-03-10']) {
      expect(compositeAtDate(prepared, date), date).toBe(scoreEvents(events, set, { asOf: date }).score);
    }
  });

  it('counts a promise and a weak act once from the act\'s own date (the date asked is inclusive)', () => {
    const raws = [
      { date: '2021-01-01', actor: 'CN', kind: 'kyc-rule', status: 'pledged' as const, reliability: 'A' as const, credibility: 1 as const },
      { date: '2021-03-10', actor: 'CN', kind: 'kyc-rule', status: 'in-force' as const, reliability: 'E' as const, credibility: 5 as const },
    ];
    const events = drawnEvents(raws, { sameEvery: 1_000, files: 1 });
    const fates = (asOf: string) => scoreEvents(events, set, { asOf }).indicators.flatMap((i) => i.evidence.map((e) => `${e.eventId} ${e.fate}`));
    expect(fates('2021-03-09')).toEqual([`${events[0]!.id} counted`]);
    expect(fates('2021-03-10')).toEqual([`${events[0]!.id} counted`, `${events[1]!.id} delivered`]);
    const prepared = prepareDates(events, set, '2021-12-31');
    for (const date of ['2021-03-10', '2021-03-09', '2021-03-10']) expect(compositeAtDate(prepared, date), date).toBe(scoreEvents(events, set, { asOf: date }).score);
  });

  it('answers promises at dates asked in any order as scoring each date on its own does', () => {
    fc.assert(
      fc.property(promisesArb, fc.array(day('2021-01-01', '2024-12-31'), { minLength: 2, maxLength: 16 }), (events, dates) => {
        const prepared = prepareDates(events, set, '2024-12-31');
        for (const date of dates) expect(compositeAtDate(prepared, date)).toBe(scoreEvents(events, set, { asOf: date }).score);
      }),
      { numRuns: 150 },
    );
  });

  it('is the score scoreEvents gives as of each date, with and without a since date', () => {
    fc.assert(
      fc.property(eventsArb, fc.array(day('2021-01-01', '2025-03-10'), { minLength: 1, maxLength: 8 }), fc.constantFrom(undefined, '2022-06-01'), (events, dates, since) => {
        const prepared = prepareDates(events, set, '2025-03-10', since);
        for (const date of dates) {
          if (since !== undefined && date < since) continue;
          expect(compositeAtDate(prepared, date)).toBe(scoreEvents(events, set, { asOf: date, ...(since !== undefined ? { since } : {}) }).score);
        }
      }),
      { numRuns: 40 },
    );
  });
});

/** Every entry of a side as plain data (entries scored with facts are reused by the next date). */
const plainSide = (side: Side | undefined) =>
  side && {
    ...side,
    entries: side.entries.map((e) => ({ id: e.item.event.id, value: e.value, capped: e.capped, decay: e.decay, fate: e.fate, by: e.fateBy?.event.id, stage: e.stage, inEffect: e.inEffect, state: e.commitment?.state })),
  };

describe('facts of the whole history (SideFacts) answer each date as the scans do', () => {
  it('gives every entry the same value, fate and promise state at any date, in any order, with and without a since date', () => {
    fc.assert(
      fc.property(fc.oneof(eventsArb, promisesArb), fc.array(day('2021-01-01', '2025-03-10'), { minLength: 1, maxLength: 10 }), fc.constantFrom(undefined, '2022-06-01'), (events, dates, since) => {
        const prepared = prepareDates(events, set, '2025-03-10', since);
        // Each event's own date and the day before it too: an act that ends, undoes or delivers on the date asked.
        const edges = events.flatMap((e) => [e.date, new Date((dayNumber(e.date) - 1) * 86_400_000).toISOString().slice(0, 10)]);
        for (const date of [...dates, ...edges]) {
          if (date > '2025-03-10') continue;
          const asOfDay = dayNumber(date);
          set.indicators.forEach((indicator, i) => {
            const all = prepared.items[i]!;
            const items = { subject: all.subject.slice(0, firstAfter(all.subject, asOfDay)), counterpart: all.counterpart.slice(0, firstAfter(all.counterpart, asOfDay)) };
            const scanned = valueIndicator(indicator, items, set, date, prepared.matching.context);
            const read = valueIndicator(indicator, items, set, date, prepared.matching.context, false, prepared.facts[i]);
            expect(plainSide(read.subject)).toEqual(plainSide(scanned.subject));
            expect(plainSide(read.counterpart)).toEqual(plainSide(scanned.counterpart));
            expect(read.score).toBe(scanned.score);
          });
        }
      }),
      { numRuns: 120 },
    );
  });
});

describe('the rules on columns at a date (side-numbers.ts), entry by entry', () => {
  it('leave every item the value, capped value, decay, fate, decider, stage and stock state the scans give it', () => {
    // Some events reported twice too (the same record on the same day under another id: exact duplicates).
    const repeated = (events: Event[]) => [...events, ...events.filter((_, i) => i % 3 === 0).map((e) => ({ ...e, id: `${e.id}-again` }))];
    fc.assert(
      fc.property(fc.oneof(eventsArb, promisesArb).map(repeated), fc.array(day('2021-01-01', '2025-03-10'), { minLength: 1, maxLength: 10 }), fc.constantFrom(undefined, '2022-06-01'), (events, dates, since) => {
        const prepared = prepareDates(events, set, '2025-03-10', since);
        const edges = events.flatMap((e) => [e.date, new Date((dayNumber(e.date) - 1) * 86_400_000).toISOString().slice(0, 10)]);
        for (const date of [...dates, ...edges]) {
          if (date > '2025-03-10' || (since !== undefined && date < since)) continue;
          const asOfDay = dayNumber(date);
          set.indicators.forEach((indicator, i) => {
            const all = prepared.items[i]!;
            const items = { subject: all.subject.slice(0, firstAfter(all.subject, asOfDay)), counterpart: all.counterpart.slice(0, firstAfter(all.counterpart, asOfDay)) };
            const scanned = valueIndicator(indicator, items, set, date, prepared.matching.context);
            const columns = numbersAt(indicator, items, set, date, prepared.matching.context, prepared.facts[i]!)!;
            expect(columns.score).toBe(scanned.score);
            const sides = [['subject', columns.subject, scanned.subject], ['counterpart', columns.counterpart, scanned.counterpart]] as const;
            for (const [role, state, side] of sides) {
              if (side === undefined || state === undefined) continue;
              const list = items[role];
              // The scans list the entries left in the window, in order; the columns keep every position.
              const kept = list.map((_, p) => p).filter((p) => state.outOfWindow[p] === 0);
              const rebuilt = kept.map((p) => {
                const by = state.fateBy[p]!;
                const inEffect = state.inEffect[p]!;
                return { id: list[p]!.event.id, value: state.value[p], capped: state.capped[p], decay: state.decay[p], fate: FATES[state.fate[p]!], by: by >= 0 ? list[by]!.event.id : undefined, stage: STAGES[state.stage[p]!], inEffect: inEffect === -1 ? undefined : inEffect === 1 };
              });
              expect(rebuilt).toEqual(side.entries.map((e) => ({ id: e.item.event.id, value: e.value, capped: e.capped, decay: e.decay, fate: e.fate, by: e.fateBy?.event.id, stage: e.stage, inEffect: e.inEffect })));
            }
          });
        }
      }),
      { numRuns: 120 },
    );
  });
});

