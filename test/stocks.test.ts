import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sharesSubstance, stockEnderFinder } from '../src/core/stocks.js';
import type { Event, Status } from '../src/core/types.js';
import type { StockRule } from '../src/core/stocks.js';
import { STATUSES } from '../src/core/types.js';
import { ev } from './helpers/fixtures.js';

const RULES: StockRule[] = [
  { endedBy: ['reversed'], sameSubstance: true },
  { endedBy: ['enforced', 'in-force'] },
];

/** The definition: the first event in array order dated later, ending the rule. */
const plainSearch = (events: readonly Event[], index: number, rule: StockRule) =>
  events.find(
    (later) => later.date > events[index]!.date && rule.endedBy.includes(later.status) && (!rule.sameSubstance || sharesSubstance(events[index]!, later)),
  );

const eventArb = fc.record({
  day: fc.integer({ min: 1, max: 28 }),
  status: fc.constantFrom(...STATUSES),
  substances: fc.option(fc.subarray(['fentanyl', 'xylazine', 'nitazenes']), { nil: undefined }),
});
const toEvents = (raw: { day: number; status: Status; substances: string[] | undefined }[]) =>
  raw.map((r) => ev({ kind: 'scheduling', status: r.status, date: `2024-02-${String(r.day).padStart(2, '0')}`, ...(r.substances ? { substances: r.substances } : {}) }));

describe('what ends a stock', () => {
  it('finds the same ending event as a plain search, on sorted and unsorted events', () => {
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 40 }), fc.boolean(), (raw, sort) => {
        const events = toEvents(raw);
        if (sort) events.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
        const enderOf = stockEnderFinder(events);
        for (const rule of RULES) {
          events.forEach((_, i) => expect(enderOf(i, rule)).toBe(plainSearch(events, i, rule)));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('stays linear: 100,000 in-force controls with no reversal are settled in well under a second', () => {
    const events = Array.from({ length: 100_000 }, (_, i) =>
      ev({ kind: 'scheduling', status: 'in-force', date: `20${10 + Math.floor(i / 10_000)}-01-01`, substances: ['nitazenes'] }),
    );
    const start = performance.now();
    const enderOf = stockEnderFinder(events);
    let open = 0;
    for (let i = 0; i < events.length; i++) if (enderOf(i, RULES[0]!) === undefined) open++;
    expect(open).toBe(100_000);
    expect(performance.now() - start).toBeLessThan(1_000);
  });
});
