import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareProblems, scoreEvents } from '../src/core/engine.js';
import { byDateThenId, sortedByDateThenId } from '../src/core/dates.js';
import { decayFor, decayOf, exactDuplicates, normalizedLength } from '../src/core/evidence.js';
import { bestSource, gradeEvent, gradeKey, gradesUnder } from '../src/core/grade.js';
import { clauseValues } from '../src/core/match.js';
import type { Event, IndicatorSet, Problem, Status } from '../src/core/types.js';
import { eventWarnings, lookAlike } from '../src/core/warnings.js';
import { CREDIBILITY_GRADES, RELIABILITY_GRADES, STATUSES } from '../src/core/types.js';
import { eventFields } from './helpers/arbitraries.js';
import { defaultSet, drawnEvents } from './helpers/fixtures.js';

const set = defaultSet();
const AS_OF = '2024-12-31';
const KINDS = Object.keys(set.kinds);
const SUBSTANCES = Object.keys(set.substances);

const dateArb = fc
  .date({ min: new Date('2018-01-01T00:00:00Z'), max: new Date(`${AS_OF}T00:00:00Z`), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

const eventArb = fc.record(eventFields(set, dateArb));

/** Events with unique ids and plausible origins; some share a summary, so exact duplicates occur too. */
const eventsArb = fc.array(eventArb, { maxLength: 40 }).map((raws) => drawnEvents(raws, { sameEvery: 5, files: 3 }));

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

describe('method version 2 cannot be gamed (fast-check)', () => {
  const indicatorArb = fc.constantFrom(...set.indicators.filter((i) => i.weight > 0));
  const gradeArb = fc.record({ reliability: fc.constantFrom(...RELIABILITY_GRADES), credibility: fc.constantFrom(...CREDIBILITY_GRADES) });
  const positiveStatus = fc.constantFrom<Status>('pledged', 'announced', 'in-force', 'enforced');
  /** An event the indicator counts, built from one of its match clauses. */
  const eventFor = (indicator: (typeof set.indicators)[number], pick: number, partial: Partial<Event> & { status: Status; date: string }): Event => {
    const clause = indicator.match[pick % indicator.match.length]!;
    const kinds = clauseValues(clause, 'kind');
    const substances = clauseValues(clause, 'substances');
    const tags = clauseValues(clause, 'tags');
    const e: Event = {
      id: 'probe',
      actor: clauseValues(clause, 'actor')[0] ?? set.subject,
      kind: kinds[pick % Math.max(1, kinds.length)] ?? KINDS[0]!,
      summary: 'probe',
      source: { title: 'probe', reliability: 'A', credibility: 1 },
      origin: { file: 'probe.yaml', line: 1, column: 5 },
      ...partial,
    };
    if (substances.length) e.substances = [substances[pick % substances.length]!];
    if (tags.length) e.tags = [tags[pick % tags.length]!];
    return e;
  };
  const scoreOf = (events: Event[], id: string) => score(events).indicators.find((i) => i.id === id)!.score;
  const factor = (g: { reliability: Event['source']['reliability']; credibility: Event['source']['credibility'] }) =>
    set.method.reliability[g.reliability!] * set.method.credibility[`${g.credibility!}`];

  it('a worse grade on a positive event never raises its indicator (a lapsed promise counts against: grades are sign-aware there)', () => {
    fc.assert(
      fc.property(eventsArb, indicatorArb, fc.nat(), dateArb, positiveStatus, gradeArb, gradeArb, (events, indicator, pick, date, status, a, b) => {
        // A pledge or announcement still positive on the scoring date: not yet due.
        fc.pre(status === 'in-force' || status === 'enforced' || date > '2024-01-01');
        const [better, worse] = factor(a) >= factor(b) ? [a, b] : [b, a];
        const probe = (g: typeof a) => eventFor(indicator, pick, { status, date, source: { title: 'probe', ...g } });
        expect(scoreOf([...events, probe(worse)], indicator.id)).toBeLessThanOrEqual(scoreOf([...events, probe(better)], indicator.id) + 1e-9);
      }),
      RUNS,
    );
  });

  it('adding a weak event never lowers an indicator by more than the uncorroborated cap', () => {
    fc.assert(
      fc.property(eventsArb, indicatorArb, fc.nat(), dateArb, fc.constantFrom(...STATUSES), (events, indicator, pick, date, status) => {
        const weak = eventFor(indicator, pick, { status, date, source: { title: 'probe', reliability: 'E', credibility: 5 } });
        const before = scoreOf(events, indicator.id);
        expect(before - scoreOf([...events, weak], indicator.id)).toBeLessThanOrEqual(set.method.uncorroboratedCap + 1e-6);
      }),
      RUNS,
    );
  });

  it('adding a source to an event never lowers its grade', () => {
    const sourceArb = fc.record({
      title: fc.constant('s'),
      publisher: fc.option(fc.constantFrom('Xinhua', 'Reuters', 'AP', 'MPS'), { nil: undefined }),
      reliability: fc.option(fc.constantFrom(...RELIABILITY_GRADES), { nil: undefined }),
      credibility: fc.option(fc.constantFrom(...CREDIBILITY_GRADES), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(sourceArb, { minLength: 1, maxLength: 4 }), sourceArb, (sources, extra) => {
        const clean = (list: typeof sources) => list.map((s) => Object.fromEntries(Object.entries(s).filter(([, v]) => v !== undefined)) as unknown as Event["source"]);
        const event = (list: Event['source'][]): Event => ({
          id: 'e', date: AS_OF, actor: 'CN', kind: 'arrest', status: 'enforced', summary: 's',
          source: bestSource(list, set.method), sources: list, origin: { file: 'f', line: 1, column: 1 },
        });
        const before = gradeEvent(event(clean(sources)), set.method).factor;
        const after = gradeEvent(event(clean([...sources, extra])), set.method).factor;
        expect(after).toBeGreaterThanOrEqual(before - 1e-12);
      }),
      RUNS,
    );
  });

  it('a measure never scores more than its best stage alone', () => {
    fc.assert(
      fc.property(eventsArb, indicatorArb, fc.nat(), fc.array(fc.tuple(fc.constantFrom<Status>('pledged', 'announced', 'in-force'), dateArb, gradeArb), { minLength: 1, maxLength: 4 }), (events, indicator, pick, stages) => {
        const others = events.filter((e) => e.actor !== set.subject);
        const staged = stages.map(([status, date, g], i) => ({ ...eventFor(indicator, pick, { status, date, source: { title: 'probe', ...g }, measure: 'm' }), id: `stage-${i}`, summary: `stage ${i}` }));
        const together = scoreOf([...others, ...staged], indicator.id);
        const best = Math.max(...staged.map((e) => scoreOf([...others, e], indicator.id)));
        expect(together).toBeLessThanOrEqual(best + 1e-9);
      }),
      RUNS,
    );
  });

  it('delivering a promise never lowers a score, and a lapsed pledge never scores more than the same pledge delivered', () => {
    fc.assert(
      fc.property(eventsArb, indicatorArb, fc.nat(), dateArb, gradeArb, fc.constantFrom<Status>('in-force', 'enforced'), fc.integer({ min: 1, max: 400 }), (events, indicator, pick, date, g, act, after) => {
        if (date > '2023-12-01') return;
        const pledge = { ...eventFor(indicator, pick, { status: 'pledged', date, source: { title: 'probe', ...g } }), id: 'pledge', summary: 'pledge' };
        const deliveryDate = new Date(Date.parse(`${date}T00:00:00Z`) + after * 86_400_000).toISOString().slice(0, 10);
        const delivery = { ...eventFor(indicator, pick, { status: act, date: deliveryDate }), id: 'delivery', summary: 'delivery' };
        const undelivered = scoreOf([...events, pledge], indicator.id);
        const delivered = scoreOf([...events, pledge, delivery], indicator.id);
        expect(delivered).toBeGreaterThanOrEqual(undelivered - 1e-9);
      }),
      RUNS,
    );
  });
});

describe('exact duplicates (fast-check)', () => {
  /** The first definition: one key per event, grouped in a map. The day-by-day version must agree. */
  function byKey(events: readonly Event[]): Map<Event, Event> {
    const list = (l: readonly string[] | undefined) => (l ? [...l].sort().join(',') : '');
    const groups = new Map<string, Event[]>();
    for (const e of events) {
      const key = [e.actor, e.kind, e.status, e.date, e.magnitude ?? 1, list(e.substances), list(e.tags), e.measure ?? '', e.summary.trim().replace(/\s+/g, ' ')].join('\u0000');
      groups.set(key, [...(groups.get(key) ?? []), e]);
    }
    const out = new Map<Event, Event>();
    for (const group of groups.values()) {
      if (group.length < 2) continue;
      const best = [...group].sort((a, b) => gradeEvent(b, set.method).factor - gradeEvent(a, set.method).factor || (a.id < b.id ? -1 : 1))[0]!;
      for (const e of group) if (e !== best) out.set(e, best);
    }
    return out;
  }
  // Few dates, kinds and summaries, so days crowd (past the 64 compared pair by pair) and records
  // repeat. `narrow`: one actor, kind, status and magnitude, so the events of a day that share every
  // short field also crowd past 64 (the busy-day path buckets by those fields first).
  const crowded = (narrow: boolean) =>
    fc
      .array(
        fc.record({
          date: fc.constantFrom('2023-01-01', '2023-01-01', '2023-01-01', '2023-01-02', '2023-02-01'),
          actor: narrow ? fc.constant('CN') : fc.constantFrom('CN', 'US'),
          kind: fc.constantFrom(...KINDS.slice(0, narrow ? 1 : 2)),
          status: narrow ? fc.constant<Status>('enforced') : fc.constantFrom<Status>('enforced', 'pledged'),
          magnitude: narrow ? fc.constant(undefined) : fc.option(fc.constantFrom(1, 2), { nil: undefined }),
          substances: fc.option(fc.subarray(SUBSTANCES.slice(0, 2)), { nil: undefined }),
          reliability: fc.option(fc.constantFrom(...RELIABILITY_GRADES), { nil: undefined }),
          credibility: fc.option(fc.constantFrom(...CREDIBILITY_GRADES), { nil: undefined }),
          summary: fc.constantFrom('seized', ' seized ', 'seized  pills', 'seized pills', 'seized\tpills', 'seized\u00a0pills\n'),
        }),
        { minLength: 10, maxLength: 160, size: 'max' },
      )
      .map((raws) => drawnEvents(raws, { sameEvery: 1, files: 2 }).map((e, i) => ({ ...e, summary: raws[i]!.summary })));

  for (const narrow of [false, true]) {
    it(`groups one record entered twice as a key per event does, in any input order${narrow ? ' (one set of short fields)' : ''}`, () => {
      fc.assert(
        fc.property(crowded(narrow), fc.boolean(), (events, reversed) => {
          const input = reversed ? [...events].reverse() : [...events].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
          const want = [...byKey(events)].map(([e, by]) => `${e.id}>${by.id}`).sort();
          // A SummaryKey only spares reading summaries: any number equal summaries share gives the same groups.
          for (const key of [undefined, (e: Event) => normalizedLength(e.summary) & 0xff, (e: Event) => normalizedLength(e.summary) % 2, () => 0]) {
            const got = exactDuplicates(input, set.method, key);
            expect([...got].map(([e, by]) => `${e.id}>${by.id}`).sort()).toEqual(want);
          }
        }),
        RUNS,
      );
    });
  }
});

describe('sorting events by date then id (fast-check)', () => {
  it('gives the order a comparator sort gives, ties in input order', () => {
    const item = fc.record({ date: fc.constantFrom('2023-01-01', '2023-01-02', '2022-12-31', '2023-10-01'), id: fc.constantFrom('a', 'b', 'B', 'c-1', 'c-10', 'c-2'), n: fc.nat() });
    fc.assert(
      fc.property(fc.array(item, { maxLength: 80 }), (items) => {
        expect(sortedByDateThenId(items)).toEqual([...items].sort(byDateThenId));
      }),
      RUNS,
    );
  });

  it('gives that order for days fuller than 64 (the built-in sort) and days already in id order (only checked)', () => {
    const item = fc.record({ date: fc.constantFrom('2023-01-01', '2023-01-02', '2022-12-31'), id: fc.string({ maxLength: 3 }), n: fc.nat() });
    fc.assert(
      fc.property(fc.array(item, { minLength: 100, maxLength: 600 }), fc.boolean(), (items, byIdFirst) => {
        const input = byIdFirst ? [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)) : items;
        expect(sortedByDateThenId(input)).toEqual([...input].sort(byDateThenId));
      }),
      { numRuns: 50 },
    );
  });
});

describe('warnings across events (fast-check)', () => {
  // Dense in time, few kinds and a few shared URLs and measures, so look-alikes by date, by URL and
  // linked by a measure all occur; some events cite several sources.
  const dense = fc
    .array(
      fc.record({
        date: fc.constantFrom('2023-01-01', '2023-01-03', '2023-01-09', '2023-02-20', '2023-06-01'),
        actor: fc.constantFrom('CN', 'US'),
        // arrest and prosecution have units, multilateral has none (a magnitude on it earns a warning).
        kind: fc.constantFrom('arrest', 'prosecution', 'multilateral'),
        status: fc.constantFrom<Status>('enforced', 'pledged'),
        magnitude: fc.option(fc.constantFrom(1, 3), { nil: undefined }),
        substances: fc.option(fc.subarray(SUBSTANCES.slice(0, 2)), { nil: undefined }),
        measure: fc.option(fc.constantFrom('m-1', 'm-2'), { nil: undefined }),
        urls: fc.array(fc.option(fc.constantFrom('https://a.example/1', 'https://b.example/2'), { nil: undefined }), { minLength: 1, maxLength: 3 }),
      }),
      { maxLength: 60, size: 'max' },
    )
    .map((raws) =>
      drawnEvents(raws, { sameEvery: 7, files: 2 }).map((e, i) => {
        const sources = raws[i]!.urls.map((url, j) => ({ title: `report ${j}`, ...(url === undefined ? {} : { url }) }));
        return sources.length > 1 ? { ...e, source: sources[0]!, sources } : { ...e, source: sources[0]! };
      }),
    );
  const sorted = (problems: Problem[]) => [...problems].sort(compareProblems);

  it('are the same in any input order, and for what validate keeps of each event', () => {
    fc.assert(
      fc.property(dense, fc.integer(), (events, seed) => {
        const shuffled = fc.sample(fc.shuffledSubarray(events, { minLength: events.length, maxLength: events.length }), { numRuns: 1, seed })[0]!;
        const want = sorted(eventWarnings(events, set));
        expect(sorted(eventWarnings(shuffled, set))).toEqual(want);
        expect(sorted(eventWarnings(shuffled.map(lookAlike), set))).toEqual(want);
      }),
      RUNS,
    );
  });

  it('find look-alikes in the dense sets (the property above is not vacuous)', () => {
    const found = fc.sample(dense, { numRuns: 100, seed: 1 }).flatMap((events) => eventWarnings(events, set));
    const alike = found.filter((p) => p.code === 'possible-duplicate');
    expect(alike.filter((p) => p.message.includes('day(s) apart')).length).toBeGreaterThan(200);
    expect(alike.filter((p) => p.message.includes('same source URL')).length).toBeGreaterThan(20);
    expect(found.filter((p) => p.code === 'magnitude-without-unit').length).toBeGreaterThan(20);
  });
});

describe('values remembered for speed are the values worked out (fast-check)', () => {
  it('a remembered decay (decayFor) is decayOf, bit for bit, whatever the half-lives asked for between', () => {
    const ageArb = fc.oneof(fc.integer({ min: -400, max: 5_000 }), fc.integer({ min: 60_000, max: 200_000 }), fc.double({ min: -10, max: 4_000, noNaN: true }));
    const halfLifeArb = fc.oneof(fc.constantFrom(365, 730, 1825, 3650), fc.double({ min: 1, max: 10_000, noNaN: true }));
    fc.assert(
      fc.property(fc.array(fc.tuple(halfLifeArb, fc.array(ageArb, { minLength: 1, maxLength: 40 })), { minLength: 1, maxLength: 12 }), (asks) => {
        // More half-lives than are kept, each asked again later: a table evicted and made anew.
        for (const [halfLife, ages] of [...asks, ...asks]) {
          const decay = decayFor(halfLife);
          for (const age of ages) expect(Object.is(decay(age), decayOf(age, halfLife))).toBe(true);
        }
      }),
      RUNS,
    );
    expect(decayFor(365)(Number.NaN)).toBeNaN();
    expect(decayFor(365)(-0)).toBe(1);
  });

  it('a remembered grade (gradesUnder) is the grade gradeEvent gives, under the method it was made for', () => {
    const sourceArb = fc.record({
      title: fc.constant('s'),
      url: fc.option(fc.constantFrom('https://a.example/1', 'https://b.example/2', 'https://c.example/3'), { nil: undefined }),
      reliability: fc.option(fc.constantFrom(...RELIABILITY_GRADES), { nil: undefined }),
      credibility: fc.option(fc.constantFrom(...CREDIBILITY_GRADES), { nil: undefined }),
    });
    const clean = (s: Record<string, unknown>) => Object.fromEntries(Object.entries(s).filter(([, v]) => v !== undefined)) as unknown as Event['source'];
    fc.assert(
      fc.property(fc.array(fc.array(sourceArb, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 60 }), fc.double({ min: 0.5, max: 2, noNaN: true }), (lists, power) => {
        // A method of its own, as a sensitivity draw makes one: its tables raised to a power.
        const raise = <K extends string>(t: Record<K, number>) => Object.fromEntries(Object.entries(t).map(([k, v]) => [k, (v as number) ** power])) as Record<K, number>;
        const method = { ...set.method, reliability: raise(set.method.reliability), credibility: raise(set.method.credibility), solidGrade: set.method.solidGrade ** power };
        const gradeOf = gradesUnder(method);
        for (const list of lists) {
          const sources = list.map(clean);
          const event: Event = { id: 'e', date: AS_OF, actor: 'CN', kind: 'arrest', status: 'enforced', summary: 's', source: sources[0]!, origin: { file: 'f', line: 1, column: 1 } };
          if (sources.length > 1) event.sources = sources;
          expect(gradeOf(event)).toEqual(gradeEvent(event, method));
          // The key kept for the event (itemsUnder keeps one per item) gives the same grade.
          expect(gradeOf(event, gradeKey(event))).toEqual(gradeEvent(event, method));
        }
      }),
      RUNS,
    );
  });
});
