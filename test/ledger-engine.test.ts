import { describe, expect, it } from 'vitest';
import { buildLedger, ledgerSet, leverDates, type Commitment } from '../src/core/ledger.js';
import { compositeAtDate, prepareDates } from '../src/core/period-score.js';
import type { Event } from '../src/core/types.js';
import { defaultSet, ev } from './helpers/fixtures.js';

/**
 * The ledger over the engine's own promise states (method version 2, section "Promises come
 * due"): what the report says about each promise is what the ledger adds up, never a rule of its own.
 */
const set = defaultSet();
const ledgerOf = (events: Event[], asOf: string) => buildLedger(events, set, { asOf });
const promiseOf = (events: Event[], asOf: string, id: string): Commitment => {
  const found = ledgerOf(events, asOf).commitments.items.find((c) => c.eventId === id);
  if (!found) throw new Error(`no promise ${id}`);
  return found;
};

describe('the ledger over the engine', () => {
  it('dates a promise without `due` by the default horizon, across 29 February', () => {
    const pledge = ev({ id: 'leap', kind: 'kyc-rule', status: 'pledged', date: '2024-02-29' });
    expect(set.method.pledgeHorizonDays).toBe(365);
    expect(promiseOf([pledge], '2025-02-27', 'leap')).toMatchObject({ due: '2025-02-28', state: 'open', daysLeft: 1 });
    expect(promiseOf([pledge], '2025-03-01', 'leap')).toMatchObject({ due: '2025-02-28', state: 'lapsed', daysOverdue: 1 });
  });

  it('takes an explicit `due` instead of the horizon', () => {
    const pledge = ev({ id: 'soon', kind: 'kyc-rule', status: 'pledged', date: '2024-01-01', due: '2024-03-31' });
    const c = promiseOf([pledge], '2024-06-30', 'soon');
    expect(c).toMatchObject({ due: '2024-03-31', state: 'lapsed', daysOverdue: 91 });
    expect(c.lapseValue).toBeLessThan(0);
  });

  it('is delivered by a solid related act on the indicator by the due date, and late after it', () => {
    const pledge = ev({ id: 'kyc-pledge', kind: 'kyc-rule', status: 'pledged', date: '2023-01-01' });
    const onTime = ev({ id: 'kyc-law', kind: 'kyc-rule', status: 'in-force', date: '2023-06-01' });
    const late = ev({ id: 'kyc-law-late', kind: 'kyc-rule', status: 'in-force', date: '2024-03-01' });
    expect(promiseOf([pledge, onTime], '2024-06-30', 'kyc-pledge')).toMatchObject({ state: 'delivered', by: { eventId: 'kyc-law' }, days: 151 });
    expect(promiseOf([pledge, late], '2024-06-30', 'kyc-pledge')).toMatchObject({ state: 'delivered-late', by: { eventId: 'kyc-law-late' }, daysLate: 60 });
  });

  it('needs a shared substance: a xylazine control does not deliver a nitazene promise', () => {
    const pledge = ev({ id: 'nitazene-pledge', kind: 'scheduling', status: 'pledged', date: '2024-01-01', substances: ['nitazenes'] });
    const nitazenes = ev({ id: 'nitazene-law', kind: 'scheduling', status: 'in-force', date: '2024-05-01', substances: ['nitazenes'] });
    const xylazine = ev({ id: 'xylazine-law', kind: 'scheduling', status: 'in-force', date: '2024-05-01', substances: ['xylazine'] });
    expect(promiseOf([pledge, nitazenes], '2025-06-30', 'nitazene-pledge')).toMatchObject({ state: 'delivered', by: { eventId: 'nitazene-law' } });
    expect(promiseOf([pledge, xylazine], '2025-06-30', 'nitazene-pledge')).toMatchObject({ state: 'lapsed' });
  });

  it('is partly delivered when an act delivers it on one of its indicators only', () => {
    // An export control of nitazenes counts for industry regulation and emerging substances; one
    // without substances counts for industry regulation only.
    const pledge = ev({ id: 'controls', kind: 'export-control', status: 'pledged', date: '2024-01-01', substances: ['nitazenes'] });
    const act = ev({ id: 'general-control', kind: 'export-control', status: 'in-force', date: '2024-04-01' });
    const c = promiseOf([pledge, act], '2025-06-30', 'controls');
    expect(c.state).toBe('partly-delivered');
    expect(Object.fromEntries(c.indicators.map((p) => [p.indicator, p.state]))).toMatchObject({ 'industry-regulation': 'delivered', 'emerging-substances': 'lapsed' });
    const { totals } = ledgerOf([pledge, act], '2025-06-30').commitments;
    expect(totals).toMatchObject({ partlyDelivered: 1, due: 1, sayDo: 0 });
  });

  it('delivers a measure by its own enforcement or law stage, and counts its talk stages once', () => {
    const pledged = ev({ id: 'm-pledge', kind: 'export-control', status: 'pledged', date: '2024-01-01', measure: 'm' });
    const enforced = ev({ id: 'm-enforced', kind: 'export-control', status: 'enforced', date: '2024-03-01', measure: 'm' });
    expect(promiseOf([pledged, enforced], '2024-06-30', 'm-pledge')).toMatchObject({ state: 'delivered', by: { eventId: 'm-enforced' } });

    const first = ev({ id: 'n-pledged', kind: 'export-control', status: 'pledged', date: '2024-01-01', measure: 'n' });
    const announced = ev({ id: 'n-announced', kind: 'export-control', status: 'announced', date: '2024-03-01', measure: 'n' });
    const inForce = ev({ id: 'n-in-force', kind: 'export-control', status: 'in-force', date: '2024-07-01', measure: 'n' });
    const events = [first, announced, inForce];
    expect(promiseOf(events, '2024-12-31', 'n-pledged')).toMatchObject({ state: 'delivered', by: { eventId: 'n-in-force' } });
    expect(promiseOf(events, '2024-12-31', 'n-announced')).toMatchObject({ state: 'superseded', supersededBy: { eventId: 'n-pledged' } });
    expect(ledgerOf(events, '2024-12-31').commitments.totals).toMatchObject({ promises: 2, delivered: 1, superseded: 1, due: 1, sayDo: 1 });
  });

  it('is empty for inputs with no promises', () => {
    const ledger = ledgerOf([ev({ kind: 'arrest', status: 'enforced', date: '2024-01-01' })], '2024-06-30');
    expect(ledger.commitments.items).toEqual([]);
    expect(ledger.commitments.totals.sayDo).toBeNull();
  });
});

describe('composites worked out elsewhere (a second thread)', () => {
  // Levers of the counterpart (sanctions, indictments) among the subject's acts, over a year and a half.
  const events: Event[] = [
    ev({ id: 'a1', kind: 'arrest', status: 'enforced', date: '2023-01-10' }),
    ev({ id: 'l1', actor: 'US', kind: 'us-indictment', status: 'enforced', date: '2023-02-01' }),
    ev({ id: 'a2', kind: 'seizure', status: 'enforced', date: '2023-05-20' }),
    ev({ id: 'l2', actor: 'US', kind: 'us-sanction', status: 'enforced', date: '2023-09-15' }),
    ev({ id: 'p1', kind: 'kyc-rule', status: 'pledged', date: '2023-10-01' }),
    ev({ id: 'l3', actor: 'US', kind: 'us-indictment', status: 'enforced', date: '2024-05-01' }),
    ev({ id: 'a3', kind: 'arrest', status: 'enforced', date: '2024-06-30' }),
  ];

  it('lists every date the ledger asks for, and a ledger given them all is the same', () => {
    const { asOf, dates } = leverDates(events, set, { windowDays: 120 });
    expect(asOf).toBe('2024-06-30');
    expect(dates).toEqual(['2023-02-01', '2023-06-01', '2023-09-15', '2024-01-13', '2024-05-01']);
    const prepared = prepareDates(events, ledgerSet(set), asOf);
    const composites = new Map(dates.map((d) => [d, compositeAtDate(prepared, d)]));
    expect(buildLedger(events, set, { windowDays: 120, composites })).toEqual(buildLedger(events, set, { windowDays: 120 }));
  });

  it('uses what it is given and works out only what is missing', () => {
    const plain = buildLedger(events, set, { windowDays: 120 });
    const given = buildLedger(events, set, { windowDays: 120, composites: new Map([['2023-09-15', 99]]) });
    const lever = (l: typeof plain, id: string) => l.levers.items.find((x) => x.eventId === id)!;
    expect(lever(given, 'l2').before).toBe(99);
    expect(lever(given, 'l1')).toEqual(lever(plain, 'l1'));
    expect(lever(given, 'l3')).toEqual(lever(plain, 'l3'));
  });
});
