import { describe, expect, it } from 'vitest';
import { classify, diffReports, incompatibility } from '../src/core/diff.js';
import { scoreEvents } from '../src/core/engine.js';
import { setAtSaturation3, ev } from './helpers/fixtures.js';
import { seedEvents } from './helpers/seeds.js';

const set = setAtSaturation3();

describe('diff of the seeds scored as of two dates', async () => {
  const events = await seedEvents();
  const base = scoreEvents(events, set, { asOf: '2023-06-30' });
  const head = scoreEvents(events, set, { asOf: '2024-01-31' });
  const diff = diffReports(base, head);
  const indicator = (id: string) => diff.indicators.find((i) => i.id === id)!;
  const changes = (id: string) => indicator(id).events.map((e) => [e.change, e.eventId]);

  it('gives the composite and each indicator its delta and movement', () => {
    expect(diff.composite).toEqual({ base: base.score, head: head.score, delta: Math.round((head.score - base.score) * 100) / 100, movement: 'improvement' });
    expect(indicator('industry-regulation')).toMatchObject({ base: 3.93, head: 24.26, delta: 20.33, movement: 'improvement' });
    expect(indicator('arrests')).toMatchObject({ delta: 0, movement: 'neutral' });
    expect(diff.indicators.map((i) => i.id)).toEqual(set.indicators.map((i) => i.id));
  });

  it('names the events that moved each indicator, largest first', () => {
    expect(changes('industry-regulation')).toEqual([
      ['added', 'cn-2023-11-website-takedowns'],
      ['added', 'cn-2023-11-nncc-notice'],
      ['aged', 'cn-2020-website-takedowns'],
      ['aged', 'cn-2019-website-takedowns'],
    ]);
    expect(changes('intel-responsiveness')).toEqual([
      ['ended', 'cn-2022-08-suspension'],
      ['added', 'cn-2024-01-intel-response'],
      ['added', 'us-2024-01-intel-provided'],
      ['aged', 'cn-2021-cooperation-denial'],
    ]);
    const ended = indicator('intel-responsiveness').events[0]!;
    expect(ended).toMatchObject({ base: -1, head: 0, delta: 1, endedBy: { eventId: 'cn-2024-01-intel-response', date: '2024-01-31' }, file: 'test/fixtures/record-2024/2019-2022.yaml', line: 73 });
    expect(indicator('intel-responsiveness').events[2]).toMatchObject({ role: 'counterpart' });
    // Refusals added in January 2024 explain why arrests stayed at 0.
    expect(changes('arrests')).toEqual([['added', 'cn-2024-01-arrests-reluctance']]);
    expect(indicator('emerging-substances').events).toEqual([]);
  });

  it('reads the other way round as removals and a regression', () => {
    const back = diffReports(head, base);
    expect(back.composite).toMatchObject({ delta: -diff.composite.delta, movement: 'regression' });
    expect(back.indicators.find((i) => i.id === 'industry-regulation')!.events[0]).toMatchObject({ change: 'removed', eventId: 'cn-2023-11-website-takedowns', head: null });
  });

  it('fails on a regression only when the fall is more than the limit', () => {
    const fall = diff.composite.delta;
    expect(diffReports(head, base, { failOnRegression: fall }).verdict.passed).toBe(true);
    const failed = diffReports(head, base, { failOnRegression: fall - 0.01 }).verdict;
    expect(failed.passed).toBe(false);
    expect(failed.failures).toMatchObject([{ code: 'regression', actual: fall }]);
    expect(diffReports(base, head, { failOnRegression: 0 }).verdict.passed).toBe(true);
  });

  it('reports alerts raised and cleared', () => {
    const crisisBase = scoreEvents(events, set, { asOf: '2022-06-30' });
    const crisisHead = scoreEvents(events, set, { asOf: '2022-09-30' });
    const d = diffReports(crisisBase, crisisHead);
    expect(d.alerts.raised.map((a) => a.code).sort()).toEqual(['backsliding', 'crisis-risk']);
    expect(diffReports(crisisHead, crisisBase).alerts.cleared).toHaveLength(2);
  });
});

describe('diff classification', () => {
  it('classifies by the threshold, inclusive', () => {
    expect(classify(1, 1)).toBe('improvement');
    expect(classify(0.99, 1)).toBe('neutral');
    expect(classify(-1, 1)).toBe('regression');
    expect(classify(0, 0)).toBe('neutral');
    expect(classify(0.01, 0)).toBe('improvement');
  });

  it('tells an aged event from a changed one', () => {
    const arrest = ev({ id: 'a', kind: 'arrest', status: 'enforced', date: '2024-01-01' });
    const regraded = { ...arrest, source: { title: 't', reliability: 'C' as const, credibility: 3 as const } };
    const earlier = scoreEvents([arrest], set, { asOf: '2024-03-01' });
    const aged = diffReports(earlier, scoreEvents([arrest], set, { asOf: '2025-01-01' }));
    expect(aged.indicators.find((i) => i.id === 'arrests')!.events).toMatchObject([{ change: 'aged', eventId: 'a' }]);
    const changed = diffReports(earlier, scoreEvents([regraded], set, { asOf: '2024-03-01' }));
    expect(changed.indicators.find((i) => i.id === 'arrests')!.events).toMatchObject([{ change: 'changed', eventId: 'a' }]);
    const refused = diffReports(earlier, scoreEvents([{ ...arrest, status: 'refused' }], set, { asOf: '2024-03-01' }));
    expect(refused.indicators.find((i) => i.id === 'arrests')!.events).toMatchObject([{ change: 'changed', status: 'refused' }]);
  });

  it('refuses reports with a different schemaVersion or indicator set', () => {
    const report = scoreEvents([ev({ kind: 'arrest', status: 'enforced', date: '2024-01-01' })], set);
    expect(incompatibility(report, report)).toBeUndefined();
    expect(incompatibility(report, { ...report, schemaVersion: 1 } as never)).toMatch(/schemaVersion: BASE has 2, HEAD has 1/);
    expect(incompatibility({ ...report, method: { ...report.method, version: 1 } } as never, report)).toMatch(/method version: BASE has 1, HEAD has 2/);
    expect(incompatibility(report, { ...report, indicatorSet: { ...report.indicatorSet, id: 'other' } })).toMatch(/indicator set: BASE has us-china-2024, HEAD has other/);
  });
});
