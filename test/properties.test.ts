import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scoreEvents } from '../src/core/engine.js';
import { clauseValues } from '../src/core/match.js';
import type { Event, IndicatorSet, Status } from '../src/core/types.js';
import { CREDIBILITY_GRADES, RELIABILITY_GRADES, STATUSES } from '../src/core/types.js';
import { defaultSet } from './helpers/fixtures.js';

const set = defaultSet();
const AS_OF = '2024-12-31';
const KINDS = Object.keys(set.kinds);
const SUBSTANCES = Object.keys(set.substances);

const dateArb = fc
  .date({ min: new Date('2018-01-01T00:00:00Z'), max: new Date(`${AS_OF}T00:00:00Z`), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

const eventArb = fc.record({
  date: dateArb,
  actor: fc.constantFrom('CN', 'CN', 'CN', 'US', 'MX'),
  kind: fc.constantFrom(...KINDS),
  status: fc.constantFrom(...STATUSES),
  magnitude: fc.option(fc.integer({ min: 1, max: 200 }), { nil: undefined }),
  substances: fc.option(fc.subarray(SUBSTANCES, { maxLength: 3 }), { nil: undefined }),
  tags: fc.option(fc.subarray(['us-intel-lead', 'money-laundering', 'other'], { maxLength: 2 }), { nil: undefined }),
  reliability: fc.option(fc.constantFrom(...RELIABILITY_GRADES), { nil: undefined }),
  credibility: fc.option(fc.constantFrom(...CREDIBILITY_GRADES), { nil: undefined }),
});

/** Events with unique ids and plausible origins. */
const eventsArb = fc.array(eventArb, { maxLength: 40 }).map((raws) =>
  raws.map((r, i): Event => {
    const e: Event = {
      id: `ev-${String(i).padStart(3, '0')}`,
      date: r.date,
      actor: r.actor,
      kind: r.kind,
      status: r.status,
      summary: 'generated',
      source: { title: 'generated' },
      origin: { file: `f${i % 3}.yaml`, line: i + 1, column: 5 },
    };
    if (r.magnitude !== undefined) e.magnitude = r.magnitude;
    if (r.substances?.length) e.substances = r.substances;
    if (r.tags?.length) e.tags = r.tags;
    if (r.reliability) e.source.reliability = r.reliability;
    if (r.credibility) e.source.credibility = r.credibility;
    return e;
  }),
);

const score = (events: Event[], s: IndicatorSet = set) => scoreEvents(events, s, { asOf: AS_OF });
const RUNS = { numRuns: 300 };

describe('engine invariants (fast-check)', () => {
  it('every score is within 0..100', () => {
    fc.assert(
      fc.property(eventsArb, (events) => {
        const report = score(events);
        expect(report.score).toBeGreaterThanOrEqual(0);
        expect(report.score).toBeLessThanOrEqual(100);
        for (const i of report.indicators) {
          expect(i.score).toBeGreaterThanOrEqual(0);
          expect(i.score).toBeLessThanOrEqual(100);
          expect(i.pointsAvailable).toBeGreaterThanOrEqual(0);
        }
      }),
      RUNS,
    );
  });

  it('the order of events does not change the report', () => {
    fc.assert(
      fc.property(eventsArb, fc.integer(), (events, seed) => {
        const shuffled = fc.sample(fc.shuffledSubarray(events, { minLength: events.length, maxLength: events.length }), { numRuns: 1, seed })[0]!;
        expect(JSON.stringify(score(shuffled))).toBe(JSON.stringify(score(events)));
      }),
      RUNS,
    );
  });

  it('scaling every weight by k changes no score', () => {
    fc.assert(
      fc.property(eventsArb, fc.integer({ min: 2, max: 50 }), (events, k) => {
        const scaled: IndicatorSet = { ...set, indicators: set.indicators.map((i) => ({ ...i, weight: i.weight * k })) };
        const a = score(events);
        const b = score(events, scaled);
        expect(Math.abs(a.score - b.score)).toBeLessThanOrEqual(0.01);
        expect(b.indicators.map((i) => i.score)).toEqual(a.indicators.map((i) => i.score));
        expect(b.coverage).toBe(a.coverage);
      }),
      RUNS,
    );
  });

  it('contributions add up to the composite, to the cent', () => {
    fc.assert(
      fc.property(eventsArb, (events) => {
        const report = score(events);
        const cents = report.indicators.reduce((s, i) => s + Math.round(i.contribution * 100), 0);
        expect(cents).toBe(Math.round(report.score * 100));
      }),
      RUNS,
    );
  });

  it('the report survives a JSON round trip unchanged (no NaN, Infinity or undefined)', () => {
    fc.assert(
      fc.property(eventsArb, (events) => {
        const report = score(events);
        expect(JSON.parse(JSON.stringify(report))).toEqual(report);
      }),
      RUNS,
    );
  });

  it('an added enforced event never lowers the indicator it counts for', () => {
    const indicatorArb = fc.constantFrom(...set.indicators);
    fc.assert(
      fc.property(eventsArb, indicatorArb, fc.nat(), dateArb, fc.integer({ min: 1, max: 20 }), (events, indicator, pick, date, magnitude) => {
        const clause = indicator.match[pick % indicator.match.length]!;
        const kinds = clauseValues(clause, 'kind');
        const substances = clauseValues(clause, 'substances');
        const tags = clauseValues(clause, 'tags');
        const added: Event = {
          id: 'added-event',
          date,
          actor: clauseValues(clause, 'actor')[0] ?? set.subject,
          kind: kinds[pick % Math.max(1, kinds.length)] ?? KINDS[0]!,
          status: 'enforced' as Status,
          summary: 'added',
          magnitude,
          source: { title: 'added', reliability: 'A', credibility: 1 },
          origin: { file: 'added.yaml', line: 1, column: 5 },
        };
        if (substances.length) added.substances = [substances[pick % substances.length]!];
        if (tags.length) added.tags = [tags[pick % tags.length]!];
        const before = score(events).indicators.find((i) => i.id === indicator.id)!;
        const after = score([...events, added]).indicators.find((i) => i.id === indicator.id)!;
        expect(after.evidence.some((e) => e.eventId === 'added-event')).toBe(true);
        expect(after.score).toBeGreaterThanOrEqual(before.score);
      }),
      RUNS,
    );
  });
});

describe('stocks end exactly as DESIGN.md defines them', () => {
  /** The definition, written the slow obvious way: the first later event on the list that ends it. */
  function naiveEnder(list: readonly Event[], event: Event): Event | undefined {
    const rules: Partial<Record<Event['status'], { endedBy: Event['status'][]; sameSubstance?: boolean }>> = { 'in-force': { endedBy: ['reversed'], sameSubstance: true }, reversed: { endedBy: ['enforced', 'in-force'] } };
    const rule = rules[event.status];
    if (!rule) return undefined;
    const shares = (a: Event, b: Event) => {
      const as = a.substances ?? [];
      const bs = b.substances ?? [];
      return as.length === 0 || bs.length === 0 || as.some((s) => bs.includes(s));
    };
    return list.find((later) => later.date > event.date && rule.endedBy.includes(later.status) && (!rule.sameSubstance || shares(event, later)));
  }

  // Few kinds, few dates and few substances, so stocks, enders and same-day ties are common.
  const denseArb = fc
    .array(
      fc.record({
        date: fc.constantFrom('2023-01-01', '2023-06-01', '2023-06-01', '2024-01-01', '2024-06-01'),
        kind: fc.constantFrom('scheduling', 'export-control', 'cooperation-suspension', 'intel-sharing', 'intel-response'),
        status: fc.constantFrom(...STATUSES),
        substances: fc.subarray(['xylazine', 'nitazenes', 'fentanyl'], { maxLength: 2 }),
        actor: fc.constantFrom('CN', 'CN', 'US'),
      }),
      { maxLength: 30 },
    )
    .map((raws) =>
      raws.map((r, i): Event => ({
        id: `d-${String(i).padStart(2, '0')}`,
        date: r.date,
        actor: r.actor,
        kind: r.kind,
        status: r.status,
        summary: 'dense',
        ...(r.substances.length ? { substances: r.substances } : {}),
        source: { title: 'dense', reliability: 'A', credibility: 1 },
        origin: { file: 'dense.yaml', line: i + 1, column: 5 },
      })),
    );

  it('the linear pass names the same ender as the definition, for every stock on every indicator', () => {
    fc.assert(
      fc.property(fc.oneof(eventsArb, denseArb), (events) => {
        const report = score(events);
        const byId = new Map(events.map((e) => [e.id, e]));
        for (const indicator of report.indicators) {
          for (const role of ['subject', 'counterpart'] as const) {
            const list = indicator.evidence.filter((e) => e.role === role).map((e) => byId.get(e.eventId)!);
            for (const evidence of indicator.evidence.filter((e) => e.role === role && e.inEffect !== undefined)) {
              const expected = naiveEnder(list, byId.get(evidence.eventId)!);
              expect(evidence.endedBy?.eventId, `${indicator.id} ${evidence.eventId}`).toBe(expected?.id);
            }
          }
        }
      }),
      { numRuns: 500 },
    );
  });
});
