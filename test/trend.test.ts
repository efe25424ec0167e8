import { describe, expect, it } from 'vitest';
import { scoreEvents } from '../src/core/engine.js';
import { trendEvents } from '../src/core/trend.js';
import { setAtSaturation3, ev } from './helpers/fixtures.js';
import { seedEvents } from './helpers/seeds.js';

const set = setAtSaturation3();

describe('trend over the seeds, quarterly', async () => {
  const events = await seedEvents();
  const trend = trendEvents(events, set, { every: 'quarter' });
  const period = (label: string) => {
    const p = trend.periods.find((x) => x.label === label);
    if (!p) throw new Error(`no period ${label}`);
    return p;
  };

  it('has one entry per quarter from the oldest to the newest event', () => {
    expect(trend.since).toBe('2019-07-01');
    expect(trend.until).toBe('2024-01-31');
    expect(trend.periods).toHaveLength(19);
    expect(trend.periods[0]!.label).toBe('2019-Q3');
    expect(trend.periods.at(-1)).toMatchObject({ label: '2024-Q1', asOf: '2024-01-31', partial: true });
  });

  it('shows the August 2022 suspension as a backsliding alert naming the event', () => {
    const q = period('2022-Q3');
    const backsliding = q.alerts.filter((a) => a.code === 'backsliding');
    expect(backsliding).toHaveLength(1);
    expect(backsliding[0]).toMatchObject({ trigger: 'reversal' });
    expect(backsliding[0]!.events.map((e) => e.eventId)).toEqual(['cn-2022-08-suspension']);
    expect(backsliding[0]!.events[0]!.indicators).toEqual(['intel-responsiveness', 'intel-reciprocity']);
    expect(backsliding[0]!.events[0]).toMatchObject({ file: 'test/fixtures/record-2024/2019-2022.yaml', line: 73 });
    // The suspension is dated in 2022-Q3 only: later quarters do not repeat the reversal alert.
    expect(trend.periods.filter((p) => p.alerts.some((a) => a.trigger === 'reversal')).map((p) => p.label)).toEqual(['2022-Q3']);
  });

  it('raises crisis-risk while the Pelosi visit is within 180 days of the period end', () => {
    const crisis = trend.periods.filter((p) => p.alerts.some((a) => a.code === 'crisis-risk'));
    expect(crisis.map((p) => p.label)).toEqual(['2022-Q3', '2022-Q4']);
    expect(period('2022-Q4').alerts[0]).toMatchObject({ daysBefore: 151, events: [{ eventId: 'us-2022-08-pelosi-taiwan-visit', indicators: [] }] });
  });

  it('shows the late-2023 resumption as a rise, with the events behind it', () => {
    const q = period('2023-Q4');
    expect(q.movement).toBe('improvement');
    expect(q.change).toBe(3.11);
    expect(q.score).toBeGreaterThan(period('2023-Q3').score);
    expect(q.events).toEqual(['cn-2023-11-nncc-notice', 'cn-2023-11-website-takedowns', 'cn-2023-11-restart-pledge']);
    expect(q.indicators.find((i) => i.id === 'industry-regulation')!.change).toBeGreaterThan(20);
  });

  it('scores each period exactly as `score --as-of` the period end would', () => {
    for (const p of [period('2020-Q3'), period('2022-Q3'), trend.periods.at(-1)!]) {
      const report = scoreEvents(events, set, { asOf: p.asOf });
      expect(p.score).toBe(report.score);
      expect(p.indicators.map((i) => i.score)).toEqual(report.indicators.map((i) => i.score));
    }
  });

  it('is deterministic whatever the order of the events', () => {
    const shuffled = [...events].reverse();
    shuffled.push(shuffled.shift()!);
    expect(JSON.stringify(trendEvents(shuffled, set, { every: 'quarter' }))).toBe(JSON.stringify(trend));
  });
});

describe('trend edge cases', () => {
  it('a range with no events in it decays smoothly, lists no events and raises no alert', async () => {
    const events = await seedEvents();
    const trend = trendEvents(events, set, { every: 'month', since: '2021-01-01', until: '2021-06-30' });
    expect(trend.periods.map((p) => p.label)).toEqual(['2021-01', '2021-02', '2021-03', '2021-04', '2021-05', '2021-06']);
    expect(trend.periods.every((p) => p.events.length === 0 && p.alerts.length === 0)).toBe(true);
    const scores = trend.periods.map((p) => p.score);
    for (let i = 1; i < scores.length; i++) expect(scores[i]).toBeLessThanOrEqual(scores[i - 1]!);
    expect(scores[0]!).toBeGreaterThan(scores.at(-1)!);
  });

  it('scores a range before any event as zero throughout', () => {
    const trend = trendEvents([ev({ kind: 'arrest', status: 'enforced', date: '2024-06-30' })], set, {
      every: 'year',
      since: '2020-01-01',
      until: '2022-12-31',
    });
    expect(trend.periods.map((p) => p.score)).toEqual([0, 0, 0]);
    expect(trend.summary).toMatchObject({ first: 0, last: 0, change: 0, alerts: 0 });
  });

  it('works with no events at all when the range is given', () => {
    const trend = trendEvents([], set, { every: 'quarter', since: '2024-01-01', until: '2024-12-31' });
    expect(trend.periods).toHaveLength(4);
    expect(trend.periods.every((p) => p.score === 0 && p.movement !== 'regression')).toBe(true);
  });

  it('scores month ends through February of a leap year', () => {
    const events = [ev({ kind: 'arrest', status: 'enforced', date: '2024-02-29' })];
    const trend = trendEvents(events, set, { every: 'month', since: '2024-01-01', until: '2024-03-31' });
    expect(trend.periods.map((p) => p.asOf)).toEqual(['2024-01-31', '2024-02-29', '2024-03-31']);
    // The arrest counts from its own day: nothing in January, full weight on 29 February.
    expect(trend.periods.map((p) => p.indicators.find((i) => i.id === 'arrests')!.score)).toEqual([0, 28.35, expect.any(Number)]);
    expect(trend.periods[1]!.events).toEqual([events[0]!.id]);
  });
});
