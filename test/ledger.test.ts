import { describe, expect, it } from 'vitest';
import { addDays } from '../src/core/dates.js';
import {
  daysBetween,
  leverClasses,
  ledgerActions,
  ledgerCommitments,
  leverWindows,
  LEVER_CAVEAT,
  median,
  buildLedger,
  type Action,
  type LeverEvent,
} from '../src/core/ledger.js';
import type { Evidence, PromiseState } from '../src/core/report.js';
import { formatLedgerMarkdown } from '../src/format/ledger-markdown.js';
import { defaultSet, evidenceOf } from './helpers/fixtures.js';

/** Evidence as the report gives it, with only what a test states. */
const ev = evidenceOf;
const promise = (due: string, state: PromiseState['state'], by?: { eventId: string; date: string }, days?: number): { promise: PromiseState } => ({
  promise: { due, state, ...(by ? { by } : {}), ...(days !== undefined ? { days } : {}) },
});
const indicator = (id: string, evidence: Evidence[], score = 0) => ({ id, title: `Title ${id}`, score, evidence });

describe('due-date and window arithmetic', () => {
  it('adds calendar days across 29 February', () => {
    expect(addDays('2024-02-29', 365)).toBe('2025-02-28'); // the default horizon from a leap day
    expect(addDays('2023-03-01', 365)).toBe('2024-02-29');
    expect(addDays('2024-01-01', 365)).toBe('2024-12-31'); // a leap year has 366 days
    expect(addDays('2023-09-01', 180)).toBe('2024-02-28');
    expect(addDays('2023-09-02', 180)).toBe('2024-02-29');
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2023-02-28', '2023-03-01')).toBe(1);
  });

  it('counts days overdue and days left from the due date the report gives (default horizon or explicit due)', () => {
    const { items } = ledgerCommitments(
      [
        indicator('kyc', [
          ev('leap-pledge', '2024-02-29', promise('2025-02-28', 'lapsed')), // default horizon: 365 days later
          ev('explicit-due', '2025-01-10', promise('2025-03-02', 'open')), // explicit `due`
        ]),
      ],
      '2025-03-01',
    );
    const [leap, explicit] = items;
    expect(leap).toMatchObject({ eventId: 'leap-pledge', due: '2025-02-28', state: 'lapsed', daysOverdue: 1 });
    expect(explicit).toMatchObject({ eventId: 'explicit-due', due: '2025-03-02', state: 'open', daysLeft: 1 });
  });
});

describe('ledgerCommitments: a promise across its indicators', () => {
  it('is delivered when every indicator delivered it, by the last act, and late when any was late', () => {
    const act = { eventId: 'law', date: '2024-05-01' };
    const late = { eventId: 'raid', date: '2024-09-01' };
    const { items, totals } = ledgerCommitments(
      [
        indicator('kyc', [ev('p1', '2024-01-01', promise('2024-06-30', 'delivered', act, 121)), ev('p2', '2024-01-01', promise('2024-06-30', 'delivered-late', late, 244))]),
        indicator('industry', [ev('p1', '2024-01-01', promise('2024-06-30', 'delivered', late, 244))]),
      ],
      '2024-12-31',
    );
    expect(items.map((c) => [c.eventId, c.state, c.by?.eventId, c.days, c.daysLate])).toEqual([
      ['p1', 'delivered', 'raid', 244, 63],
      ['p2', 'delivered-late', 'raid', 244, 63],
    ]);
    expect(totals).toMatchObject({ promises: 2, delivered: 1, deliveredLate: 1, due: 2, sayDo: 1 });
  });

  it('is partly delivered when some indicators delivered it and others did not (by indicator plus substance)', () => {
    const act = { eventId: 'nitazene-raid', date: '2024-03-01' };
    const { items, totals, byIndicator } = ledgerCommitments(
      [
        indicator('emerging-substances', [ev('controls', '2024-01-01', { ...promise('2024-12-31', 'delivered', act, 60), kind: 'scheduling' })], 20),
        indicator('industry-regulation', [ev('controls', '2024-01-01', { ...promise('2024-12-31', 'lapsed'), kind: 'scheduling', value: -0.21 })], 0),
      ],
      '2025-06-30',
    );
    expect(items[0]).toMatchObject({ state: 'partly-delivered', by: act, lapseValue: -0.21 });
    expect(items[0]!.indicators.map((p) => [p.indicator, p.state])).toEqual([
      ['emerging-substances', 'delivered'],
      ['industry-regulation', 'lapsed'],
    ]);
    // Due and not delivered on every indicator: counts against the say–do ratio.
    expect(totals).toMatchObject({ partlyDelivered: 1, due: 1, sayDo: 0 });
    expect(byIndicator.map((i) => [i.indicator, i.delivered, i.lapsed, i.due, i.sayDo, i.lapseValue])).toEqual([
      ['emerging-substances', 1, 0, 1, 1, 0],
      ['industry-regulation', 0, 1, 1, 0, -0.21],
    ]);
  });

  it('leaves a partly delivered promise that is not yet due out of the say–do denominator', () => {
    const act = { eventId: 'act', date: '2024-02-01' };
    const { totals, items } = ledgerCommitments(
      [indicator('a', [ev('p', '2024-01-01', promise('2024-12-31', 'delivered', act, 31))]), indicator('b', [ev('p', '2024-01-01', promise('2024-12-31', 'open'))])],
      '2024-06-30',
    );
    expect(items[0]).toMatchObject({ state: 'partly-delivered', daysLeft: 184 });
    expect(totals).toMatchObject({ due: 0, sayDo: null });
  });

  it('counts the talk stages of one measure as one promise, carried by its first stage', () => {
    const law = { eventId: 'control-in-force', date: '2024-07-01' };
    const delivered = promise('2025-03-01', 'delivered', law, 122);
    const { items, totals, byIndicator } = ledgerCommitments(
      [
        indicator('industry', [
          // The engine supersedes both talk stages by the law that delivered them.
          ev('control-pledged', '2024-03-01', { measure: 'm1', fate: 'superseded', fateBy: law, value: 0, ...delivered }),
          ev('control-announced', '2024-05-01', { status: 'announced', measure: 'm1', fate: 'superseded', fateBy: law, value: 0, ...delivered }),
          ev('control-in-force', '2024-07-01', { status: 'in-force', measure: 'm1', stage: 'books' }),
          // A superseded stage the report gives no promise for still shows as superseded.
          ev('old-stage', '2024-01-01', { fate: 'superseded', fateBy: law, value: 0 }),
        ]),
      ],
      '2024-12-31',
    );
    expect(items.map((c) => [c.eventId, c.state, c.by?.eventId ?? c.supersededBy?.eventId])).toEqual([
      ['old-stage', 'superseded', 'control-in-force'],
      ['control-pledged', 'delivered', 'control-in-force'],
      ['control-announced', 'superseded', 'control-pledged'],
    ]);
    expect(totals).toMatchObject({ promises: 3, delivered: 1, superseded: 2, due: 1, sayDo: 1 });
    expect(byIndicator[0]).toMatchObject({ promises: 3, delivered: 1, superseded: 2, due: 1 });
  });

  it('counts a lapsed measure once, where its first stage carries the lapse', () => {
    const { items, totals } = ledgerCommitments(
      [
        indicator('kyc', [
          ev('m-pledge', '2023-01-01', { measure: 'm', fate: 'lapsed', value: -0.2, ...promise('2024-01-01', 'lapsed') }),
          ev('m-announce', '2023-06-01', { status: 'announced', measure: 'm', fate: 'lapsed', value: 0, fateBy: { eventId: 'm-pledge', date: '2023-01-01' }, ...promise('2024-01-01', 'lapsed') }),
        ]),
      ],
      '2024-06-30',
    );
    expect(items.map((c) => [c.eventId, c.state, c.lapseValue])).toEqual([
      ['m-pledge', 'lapsed', -0.2],
      ['m-announce', 'superseded', 0],
    ]);
    expect(totals).toMatchObject({ lapsed: 1, superseded: 1, due: 1, sayDo: 0 });
  });

  it('reads a measure delivered by its own law stage as delivered, naming that stage', () => {
    const law = { eventId: 'm-law', date: '2024-06-01' };
    const { items } = ledgerCommitments(
      [indicator('kyc', [ev('m-pledge', '2024-01-15', { measure: 'm', fate: 'delivered', fateBy: law, ...promise('2025-01-15', 'delivered', law, 138) })])],
      '2024-12-31',
    );
    expect(items[0]).toMatchObject({ state: 'delivered', by: law, days: 138 });
    expect(items[0]!.daysLate).toBeUndefined();
  });

  it('skips duplicates, counterpart evidence and acts; lists open promises oldest first', () => {
    const { items, oldestOpen, totals } = ledgerCommitments(
      [
        indicator('intel', [
          ev('newer', '2024-05-01', promise('2025-05-01', 'open')),
          ev('older', '2024-02-01', promise('2025-02-01', 'open')),
          ev('twin', '2024-02-01', { fate: 'duplicate', ...promise('2025-02-01', 'open') }),
          ev('us-pledge', '2024-01-01', { role: 'counterpart', actor: 'US', ...promise('2025-01-01', 'open') }),
          ev('arrest', '2024-03-01', { status: 'enforced', stage: 'practice' }),
        ]),
      ],
      '2024-06-30',
    );
    expect(items.map((c) => c.eventId)).toEqual(['older', 'newer']);
    expect(oldestOpen).toEqual(['older', 'newer']);
    expect(totals).toMatchObject({ promises: 2, open: 2, due: 0, sayDo: null });
  });

  it('is empty, with no ratio, when there are no promises', () => {
    const result = ledgerCommitments([indicator('a', [ev('arrest', '2024-03-01', { status: 'enforced', stage: 'practice' })])], '2024-06-30');
    expect(result).toEqual({
      items: [],
      totals: { promises: 0, open: 0, delivered: 0, deliveredLate: 0, partlyDelivered: 0, lapsed: 0, superseded: 0, due: 0, sayDo: null },
      byIndicator: [],
      oldestOpen: [],
    });
    expect(ledgerCommitments([], '2024-06-30').items).toEqual([]);
  });

  it('says lapsed only when no indicator delivered, and sums what the lapses cost', () => {
    const { items, totals } = ledgerCommitments(
      [
        indicator('a', [ev('p', '2023-01-01', { ...promise('2024-01-01', 'lapsed'), fate: 'lapsed', value: -0.2127 })]),
        indicator('b', [ev('p', '2023-01-01', { ...promise('2024-01-01', 'lapsed'), fate: 'lapsed', value: -0.1 })]),
      ],
      '2024-06-30',
    );
    expect(items[0]).toMatchObject({ state: 'lapsed', daysOverdue: 181, lapseValue: -0.3127 });
    expect(totals).toMatchObject({ lapsed: 1, due: 1, sayDo: 0 });
  });
});

describe('levers and what followed', () => {
  const lever = (eventId: string, date: string, c: LeverEvent['class'] = 'pressure'): LeverEvent => ({ eventId, date, actor: 'US', kind: 'us-sanction', class: c, summary: '', file: 'f', line: 1 });
  const act = (eventId: string, date: string): Action => ({ eventId, date, kind: 'arrest', status: 'enforced', summary: '', file: 'f', line: 1, indicators: ['arrests'] });
  // A composite that rises one point a month from 2023-01-01.
  const composite = (date: string) => Math.round((daysBetween('2023-01-01', date) / 30) * 100) / 100;

  it('takes the acts strictly after the lever up to its window end, and the composite at both ends', () => {
    const actions = [act('same-day', '2023-03-01'), act('in', '2023-05-01'), act('last-day', '2023-08-28'), act('after', '2023-08-29')];
    const { items } = leverWindows([lever('s', '2023-03-01')], actions, 180, '2024-01-01', composite);
    expect(items[0]).toMatchObject({ windowEnd: '2023-08-28', complete: true, followedBy: { first: 1, count: 2 } });
    expect(actions.slice(1, 3).map((a) => a.eventId)).toEqual(['in', 'last-day']);
    expect(items[0]!.before).toBe(composite('2023-03-01'));
    expect(items[0]!.change).toBeCloseTo(6, 2);
  });

  it('flags levers within one window of each other as overlapping, and windows the scoring date cuts', () => {
    const { items, classes } = leverWindows(
      [lever('a', '2023-01-01'), lever('b', '2023-06-30'), lever('c', '2024-06-01', 'inducement'), lever('d', '2023-10-03', 'engagement')],
      [],
      180,
      '2024-07-01',
      composite,
    );
    const byId = new Map(items.map((l) => [l.eventId, l]));
    const near = (id: string) => {
      const l = byId.get(id)!;
      return [items.slice(l.near.first, l.near.first + l.near.count).filter((o) => o !== l).map((o) => o.eventId), l.overlaps];
    };
    expect(near('a')).toEqual([['b'], 1]); // 180 days apart: inside one window
    expect(near('b')).toEqual([['a', 'd'], 2]);
    expect(near('c')).toEqual([[], 0]);
    expect(byId.get('c')).toMatchObject({ complete: false, windowEnd: '2024-07-01' });
    expect(classes).toEqual([
      { class: 'pressure', count: 2, medianChange: 6, overlapping: 2, cut: 0 },
      { class: 'inducement', count: 1, medianChange: 1, overlapping: 0, cut: 1 },
      { class: 'engagement', count: 1, medianChange: 6, overlapping: 1, cut: 0 },
    ]);
  });

  it('gives a window as ranges of the ledger\'s lists, so dense levers and acts stay linear in size (ledger version 2)', () => {
    // 300 levers and 3,000 acts inside one window: version 1 listed 900,000 acts and 89,700 overlaps.
    const levers = Array.from({ length: 300 }, (_, i) => lever(`l${String(i).padStart(3, '0')}`, addDays('2023-01-01', i % 30)));
    const actions = Array.from({ length: 3_000 }, (_, i) => act(`a${String(i).padStart(4, '0')}`, addDays('2023-02-01', i % 60)));
    actions.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.eventId < b.eventId ? -1 : 1));
    const { items } = leverWindows(levers, actions, 180, '2024-01-01', composite);
    expect(items.every((l) => l.followedBy.first === 0 && l.followedBy.count === 3_000 && l.near.first === 0 && l.near.count === 300 && l.overlaps === 299)).toBe(true);
    expect(JSON.stringify(items).length).toBeLessThan(300 * 400);
    const ledger = { ...buildLedger([], defaultSet(), { asOf: '2024-01-01' }), actions, levers: { caveat: LEVER_CAVEAT, items, classes: [] } };
    const markdown = formatLedgerMarkdown(ledger);
    const line = markdown.split('\n').find((l) => l.startsWith('- `l000`'))!;
    expect(line).toContain('`a0000` (2023-02-01), ');
    expect(line).toContain(' and 2988 more; cannot be told apart from ');
    expect(line).toMatch(/and 287 more\.$/);
    expect(line.match(/`a\d{4}`/g)).toHaveLength(12);
    expect(line.match(/`l\d{3}`/g)).toHaveLength(13); // itself, then the 12 it names
  });

  it('refuses actions out of date order (a window is a range of them)', () => {
    expect(() => leverWindows([lever('s', '2023-03-01')], [act('late', '2023-05-01'), act('early', '2023-04-01')], 180, '2024-01-01', composite)).toThrow(
      'leverWindows needs the actions in date order',
    );
  });

  it('gives every class a row, with no median when it has no levers', () => {
    expect(leverWindows([], [], 180, '2024-01-01', composite).classes.map((c) => [c.class, c.count, c.medianChange])).toEqual([
      ['pressure', 0, null],
      ['inducement', 0, null],
      ['engagement', 0, null],
    ]);
  });

  it('takes the median of an even count as the mean of the middle two', () => {
    expect(median([3, 1, 4, 2])).toBe(2.5);
    expect(median([5])).toBe(5);
    expect(median([])).toBeNull();
  });

  it('classes lever kinds from the set, first class wins', () => {
    expect([...leverClasses({ levers: { pressure: ['us-sanction'], engagement: ['dialogue', 'us-sanction'] } })]).toEqual([
      ['us-sanction', 'pressure'],
      ['dialogue', 'engagement'],
    ]);
  });

  it('lists each scored act once with every indicator it counts for', () => {
    const actions = ledgerActions([
      indicator('arrests', [ev('x', '2024-01-02', { status: 'enforced' }), ev('us', '2024-01-01', { role: 'counterpart' })]),
      indicator('aml', [ev('x', '2024-01-02', { status: 'enforced' }), ev('w', '2024-01-01', { status: 'enforced' })]),
    ]);
    expect(actions.map((a) => [a.eventId, a.indicators])).toEqual([
      ['w', ['aml']],
      ['x', ['arrests', 'aml']],
    ]);
  });
});
