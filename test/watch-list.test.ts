import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scoreEvents, watchEvent } from '../src/core/engine.js';
import { reportSchema } from '../src/core/report-schema.js';
import type { Event, IndicatorSet } from '../src/core/types.js';
import { loadEventFiles } from '../src/io/load.js';
import { runCli } from './helpers/cli.js';
import { setAtSaturation3, ev, ROOT, SET_AT_SATURATION_3 } from './helpers/fixtures.js';

const set = setAtSaturation3();

/** Brute force: for every indicator, score again from scratch with its assumed event added. */
function bruteForce(events: Event[], s: IndicatorSet, asOf?: string) {
  const base = scoreEvents(events, s, asOf ? { asOf } : {});
  return s.indicators
    .filter((i) => i.weight > 0)
    .map((indicator) => {
      const added = watchEvent(indicator, s, base.asOf)!;
      const after = scoreEvents([...events, added], s, { asOf: base.asOf });
      return { id: indicator.id, gain: after.score - base.score, score: after.score };
    });
}

async function seeds(): Promise<Event[]> {
  const loaded = await loadEventFiles(['test/fixtures/record-2024'], set, { cwd: ROOT, readStdin: async () => Buffer.alloc(0) });
  return loaded.events;
}

describe('watch list: what one more enforced, A1 action would add', () => {
  it('on the seeds, its first entry is the indicator whose added event raises the composite most (brute force)', async () => {
    const events = await seeds();
    const report = scoreEvents(events, set);
    const brute = bruteForce(events, set);
    const best = brute.reduce((a, b) => (b.gain > a.gain ? b : a));
    expect(report.watchList[0]!.id).toBe(best.id);
    // the runner-up is clearly behind, so the ranking is not a rounding accident
    const second = [...brute].sort((a, b) => b.gain - a.gain)[1]!;
    expect(best.gain - second.gain).toBeGreaterThan(0.1);
    // every entry agrees with the brute-force composite, and the list is sorted
    for (const entry of report.watchList) {
      const b = brute.find((x) => x.id === entry.id)!;
      expect(entry.score).toBeCloseTo(b.score, 2);
      expect(Math.abs(entry.gain - b.gain)).toBeLessThanOrEqual(0.011);
      expect(report.indicators.find((i) => i.id === entry.id)!.nextEventGain).toBe(entry.gain);
    }
    expect(report.watchList.map((w) => w.gain)).toEqual([...report.watchList.map((w) => w.gain)].sort((a, b) => b - a));
    expect(report.watchList).toHaveLength(set.indicators.length);
  });

  it('names the stock an action would end: intel sharing would end the 2022 suspension', async () => {
    // As of a date while the 2022 suspension holds (the seeds' January 2024 restart ends it).
    const report = scoreEvents(await seeds(), set, { asOf: '2023-09-30' });
    const reciprocity = report.watchList.find((w) => w.id === 'intel-reciprocity')!;
    expect(reciprocity.event).toEqual({ kind: 'intel-sharing' });
    expect(reciprocity.ends).toEqual(['cn-2022-08-suspension']);
    expect(reciprocity.reasoning).toContain('it would end cn-2022-08-suspension');
  });

  it('counts the whole effect of an event two indicators count', () => {
    // An arrest tagged money-laundering counts for aml-cooperation and for arrests.
    const custom: IndicatorSet = {
      ...set,
      indicators: set.indicators.map((i) => (i.id === 'aml-cooperation' ? { ...i, match: [{ kind: 'arrest', tags: 'money-laundering' }, ...i.match] } : i)),
    };
    const events = [ev({ kind: 'arrest', status: 'enforced', date: '2024-06-30' })];
    const report = scoreEvents(events, custom);
    const aml = report.watchList.find((w) => w.id === 'aml-cooperation')!;
    expect(aml.event).toEqual({ kind: 'arrest', tags: ['money-laundering'] });
    expect(aml.alsoCounts).toEqual(['arrests']);
    const brute = bruteForce(events, custom).find((b) => b.id === 'aml-cooperation')!;
    expect(aml.score).toBeCloseTo(brute.score, 2);
  });

  for (const method of [{}, { aggregation: 'geometric' as const }, { missing: 'renormalize' as const }]) {
    it(`agrees with brute force on generated events (${JSON.stringify(method)})`, () => {
      const s: IndicatorSet = { ...set, method: { ...set.method, ...method } };
      const kinds = Object.keys(set.kinds);
      const eventArb = fc.record({
        kind: fc.constantFrom(...kinds),
        status: fc.constantFrom('pledged', 'announced', 'in-force', 'enforced', 'refused', 'reversed' as const),
        day: fc.integer({ min: 0, max: 1500 }),
        actor: fc.constantFrom('CN', 'CN', 'US'),
        substances: fc.subarray(['xylazine', 'nitazenes', 'fentanyl-precursors']),
      });
      fc.assert(
        fc.property(fc.array(eventArb, { minLength: 1, maxLength: 25 }), (raws) => {
          const events = raws.map((r, i) =>
            ev({
              id: `g${i}`,
              kind: r.kind,
              status: r.status,
              actor: r.actor,
              date: new Date(Date.UTC(2020, 0, 1 + r.day)).toISOString().slice(0, 10),
              ...(r.substances.length ? { substances: r.substances } : {}),
            }),
          );
          const report = scoreEvents(events, s);
          const brute = bruteForce(events, s, report.asOf);
          for (const entry of report.watchList) {
            const b = brute.find((x) => x.id === entry.id)!;
            expect(entry.score).toBeCloseTo(b.score, 2);
          }
          const max = Math.max(...brute.map((b) => b.gain));
          expect(report.watchList[0]!.gain).toBeGreaterThanOrEqual(max - 0.011);
          if (s.method.missing === 'zero') for (const entry of report.watchList) expect(entry.gain).toBeGreaterThanOrEqual(0);
        }),
        { numRuns: 60 },
      );
    });
  }

  it('under missing: renormalize an action can lower the composite, and the report (valid against its schema) says so', () => {
    const s: IndicatorSet = { ...set, method: { ...set.method, missing: 'renormalize' } };
    // Only arrests has evidence (near 100), so any other indicator would join the composite at 28.35.
    const report = scoreEvents([ev({ kind: 'arrest', status: 'enforced', date: '2024-06-30', magnitude: 100_000 })], s);
    const kyc = report.watchList.find((w) => w.id === 'kyc-adoption')!;
    expect(kyc.gain).toBeLessThan(0);
    expect(kyc.reasoning).toContain('would lower the composite by');
    expect(report.indicators.find((i) => i.id === 'kyc-adoption')!.nextEventGain).toBe(kyc.gain);
    expect(reportSchema.safeParse(report).success).toBe(true);
    expect(report.watchList[0]!.id).toBe('arrests');
  });

  it('is shown in the table (top five) and in Markdown (all), ranked', async () => {
    const table = await runCli(['score', 'test/fixtures/record-2024/', '--indicators', SET_AT_SATURATION_3]);
    expect(table.stdout).toMatch(/Watch list: what one more enforced, A1-graded action on 2024-01-31 would add:\n\s+\+4\.61 {2}intel-responsiveness/);
    expect(table.stdout).toContain('(5 more in --format json, markdown or html)');
    const markdown = await runCli(['score', 'test/fixtures/record-2024/', '--indicators', SET_AT_SATURATION_3, '-f', 'markdown']);
    expect(markdown.stdout).toContain('## Watch list');
    expect(markdown.stdout).toMatch(/\| 1 \| Responsiveness to US-provided intelligence `intel-responsiveness` \| intel-response \| \+4\.61 \| 10\.42 \| 16\.25 \|/);
    expect(markdown.stdout).toMatch(/\| 10 \| Multilateral engagement/);
  });
});
