import { describe, expect, it } from 'vitest';
import { scoreEvents } from '../src/core/engine.js';
import type { Event, EventSource } from '../src/core/types.js';
import { defaultSet, ev } from './helpers/fixtures.js';

// The method's worked examples and rules are stated at saturation 3 (the default set's calibrated
// value is another); every other parameter is the default set's.
const bundled = defaultSet();
const set = { ...bundled, method: { ...bundled.method, saturation: 3 } };
const AS_OF = '2024-06-30';
const indicator = (events: Event[], id: string, asOf = AS_OF, options: { since?: string } = {}) => {
  const report = scoreEvents(events, set, { asOf, ...options });
  const result = report.indicators.find((i) => i.id === id);
  if (!result) throw new Error(`no indicator ${id}`);
  return { report, result };
};
const graded = (reliability: EventSource['reliability'], credibility: EventSource['credibility'], extra: Partial<EventSource> = {}): EventSource => ({
  title: 'report',
  reliability,
  credibility,
  ...extra,
});
const evidenceOf = (result: ReturnType<typeof indicator>['result'], id: string) => result.evidence.find((e) => e.eventId === id)!;

/** Every row of the method's worked-examples table (saturation 3, default parameters, as of 2024-06-30). */
describe('worked examples of method version 2', () => {
  it('one enforced A1 arrest on the day: 1.0, 28.35', () => {
    const { result } = indicator([ev({ kind: 'arrest', status: 'enforced', date: AS_OF })], 'arrests');
    expect(result.evidence[0]!.value).toBe(1);
    expect(result.score).toBe(28.35);
    expect(result.flags).toEqual([]);
  });

  it('the same, magnitude 12: size 1 + log2 8 = 4, 73.64', () => {
    const { result } = indicator([ev({ kind: 'arrest', status: 'enforced', date: AS_OF, magnitude: 12 })], 'arrests');
    expect(result.evidence[0]!.value).toBe(4);
    expect(result.score).toBe(73.64);
    expect(result.evidence[0]!.note).toContain('magnitude 12 counted as 8');
  });

  it('a B2 KYC pledge of 2023-12-31, not yet due: 0.0906, 2.97, commitment-only', () => {
    const e = ev({ kind: 'kyc-rule', status: 'pledged', date: '2023-12-31', source: graded('B', 2) });
    const { result } = indicator([e], 'kyc-adoption');
    expect(result.evidence[0]!.value).toBeCloseTo(0.0906, 4);
    expect(result.evidence[0]!.promise).toEqual({ due: '2024-12-30', state: 'open' });
    expect(result.score).toBe(2.97);
    expect(result.flags).toEqual(['commitment-only']);
  });

  it('an A1 KYC pledge of 2023-01-01 with nothing delivered lapses: −0.2127, 0, negative, lapsed-commitments', () => {
    const e = ev({ id: 'pledge', kind: 'kyc-rule', status: 'pledged', date: '2023-01-01' });
    const { result } = indicator([e], 'kyc-adoption');
    expect(evidenceOf(result, 'pledge')).toMatchObject({ fate: 'lapsed', value: -0.2127, promise: { due: '2024-01-01', state: 'lapsed' } });
    expect(result.score).toBe(0);
    expect(result.flags).toEqual(['negative', 'lapsed-commitments']);
    expect(result.reasoning).toContain('pledge of 2023-01-01 lapsed on 2024-01-01: nothing delivered');
  });

  it('the same pledge delivered late by a KYC rule in force on 2024-03-01: lapse ended, 0.6484, 19.44', () => {
    const events = [
      ev({ id: 'pledge', kind: 'kyc-rule', status: 'pledged', date: '2023-01-01' }),
      ev({ id: 'rule', kind: 'kyc-rule', status: 'in-force', date: '2024-03-01' }),
    ];
    const { result } = indicator(events, 'kyc-adoption');
    expect(evidenceOf(result, 'pledge')).toMatchObject({ fate: 'delivered-late', value: 0, promise: { state: 'delivered-late', by: { eventId: 'rule' }, days: 425 } });
    expect(evidenceOf(result, 'rule').value).toBeCloseTo(0.6484, 4);
    expect(result.score).toBe(19.44);
    expect(result.flags).toEqual([]);
  });

  it('a nitazene scheduling in force since 2022-06-30, never enforced, decays as a law: 0.4407, 13.66', () => {
    const e = ev({ kind: 'scheduling', status: 'in-force', date: '2022-06-30', substances: ['nitazenes'] });
    const { result } = indicator([e], 'emerging-substances');
    expect(result.evidence[0]!.value).toBeCloseTo(0.4407, 4);
    expect(result.score).toBe(13.66);
    expect(result.mix).toEqual({ practice: 0, books: 0.4407, talk: 0, negative: 0 });
  });

  it('a scheduling of 8 substances in force on the day: 2.8, capped at 2.0794 by the books cap, 50.00', () => {
    const e = ev({ kind: 'scheduling', status: 'in-force', date: AS_OF, substances: ['nitazenes'], magnitude: 8 });
    const { result } = indicator([e], 'emerging-substances');
    expect(result.evidence[0]).toMatchObject({ value: 2.0794, uncapped: 2.8, fate: 'capped' });
    expect(result.score).toBe(50);
    expect(result.reasoning).toContain('1 law in force capped at the 50-point books cap');
  });

  it('50 distinct ungraded arrests: 2.0, capped at 0.3161, 10.00, thin-sourcing', () => {
    const events = Array.from({ length: 50 }, () => ev({ kind: 'arrest', status: 'enforced', date: AS_OF, source: { title: 'rumour' } }));
    const { result } = indicator(events, 'arrests');
    expect(result.tally.positive).toBeCloseTo(0.3161, 4);
    expect(result.score).toBe(10);
    expect(result.flags).toEqual(['thin-sourcing']);
    expect(result.reasoning).toContain('50 uncorroborated claims capped at the 10-point thin-sourcing cap');
  });

  it('an arrest reported by Xinhua B3 and Reuters B3 is corroborated: 0.8, 23.41 (one source: 14.79)', () => {
    const two = ev({
      kind: 'arrest',
      status: 'enforced',
      date: AS_OF,
      source: graded('B', 3, { publisher: 'Xinhua' }),
      sources: [graded('B', 3, { publisher: 'Xinhua' }), graded('B', 3, { publisher: 'Reuters' })],
    });
    const one = ev({ kind: 'arrest', status: 'enforced', date: AS_OF, source: graded('B', 3, { publisher: 'Xinhua' }) });
    expect(indicator([two], 'arrests').result.evidence[0]).toMatchObject({ value: 0.8, grade: 'B3, corroborated' });
    expect(indicator([two], 'arrests').result.score).toBe(23.41);
    expect(indicator([one], 'arrests').result.score).toBe(14.79);
  });

  it('two arrests identical but for id and source title count once: 28.35', () => {
    const a = ev({ id: 'a', kind: 'arrest', status: 'enforced', date: AS_OF, summary: 'Police in Hebei arrested a broker.' });
    const b = ev({ id: 'b', kind: 'arrest', status: 'enforced', date: AS_OF, summary: 'Police in  Hebei arrested a broker. ', source: { title: 'another title', reliability: 'A', credibility: 1 } });
    const { result } = indicator([a, b], 'arrests');
    expect(evidenceOf(result, 'b')).toMatchObject({ fate: 'duplicate', value: 0, fateBy: { eventId: 'a' } });
    expect(result.score).toBe(28.35);
  });

  it('one A1 arrest plus 20 distinct A1 pledges on the day: 1.0 + 0.6694, 42.68', () => {
    const events = [ev({ kind: 'arrest', status: 'enforced', date: AS_OF }), ...Array.from({ length: 20 }, () => ev({ kind: 'arrest', status: 'pledged', date: AS_OF }))];
    const { result } = indicator(events, 'arrests');
    expect(result.mix.talk).toBeCloseTo(0.6694, 4);
    expect(result.score).toBe(42.68);
  });

  it('a KYC rule announced A1 on 2024-06-01 and delivered by a C3 enforcement on 2024-06-30: the larger, 0.3786, 11.86', () => {
    const events = [
      ev({ id: 'announced', kind: 'kyc-rule', status: 'announced', date: '2024-06-01' }),
      ev({ id: 'enforced', kind: 'kyc-enforcement', status: 'enforced', date: AS_OF, source: graded('C', 3) }),
    ];
    const { result } = indicator(events, 'kyc-adoption');
    expect(evidenceOf(result, 'announced')).toMatchObject({ value: 0.3786, stage: 'practice', promise: { state: 'delivered', by: { eventId: 'enforced' } } });
    expect(evidenceOf(result, 'enforced')).toMatchObject({ value: 0, fate: 'delivered', fateBy: { eventId: 'announced' } });
    expect(result.score).toBe(11.86);
    expect(result.flags).toEqual([]);
  });

  it('an export control announced then in force, one measure, same day: the announcement superseded, 0.7, 20.81', () => {
    const events = [
      ev({ id: 'announced', kind: 'export-control', status: 'announced', date: AS_OF, measure: 'm' }),
      ev({ id: 'in-force', kind: 'export-control', status: 'in-force', date: AS_OF, measure: 'm' }),
    ];
    const { result } = indicator(events, 'industry-regulation');
    expect(evidenceOf(result, 'announced')).toMatchObject({ value: 0, fate: 'superseded', fateBy: { eventId: 'in-force' } });
    expect(result.score).toBe(20.81);
    expect(result.reasoning).toContain(`the announcement of ${AS_OF} is superseded by its entry into force of ${AS_OF}`);
  });

  it('a suspension of 2022-08-05 is not ended by a D4 claim of sharing: −1 + 0.16, 0, negative, backsliding', () => {
    const events = [
      ev({ id: 'suspension', kind: 'cooperation-suspension', status: 'reversed', date: '2022-08-05' }),
      ev({ id: 'claim', kind: 'intel-sharing', status: 'enforced', date: AS_OF, source: graded('D', 4) }),
    ];
    const { result } = indicator(events, 'intel-reciprocity');
    expect(evidenceOf(result, 'suspension')).toMatchObject({ value: -1, inEffect: true, fate: 'counted' });
    expect(evidenceOf(result, 'claim').value).toBe(0.16);
    expect(result.score).toBe(0);
    expect(result.flags).toEqual(['negative', 'backsliding']);
    expect(result.reasoning).toContain('a D4 claim of 2024-06-30 (claim) does not end the cooperation-suspension of 2022-08-05');
  });

  it('the same suspension silences 10 A1 pledges: −1, 0, negative, backsliding', () => {
    const events = [
      ev({ kind: 'cooperation-suspension', status: 'reversed', date: '2022-08-05' }),
      ...Array.from({ length: 10 }, () => ev({ kind: 'intel-sharing', status: 'pledged', date: AS_OF })),
    ];
    const { result } = indicator(events, 'intel-reciprocity');
    expect(result.tally.net).toBe(-1);
    expect(result.evidence.filter((e) => e.fate === 'silenced')).toHaveLength(10);
    expect(result.flags).toEqual(['negative', 'backsliding']);
  });

  it('China sharing A1 against two distinct US shares: 1.0 vs 2.0, 14.17', () => {
    const events = [
      ev({ kind: 'intel-sharing', status: 'enforced', date: AS_OF }),
      ev({ kind: 'intel-sharing', status: 'enforced', date: AS_OF, actor: 'US' }),
      ev({ kind: 'intel-sharing', status: 'enforced', date: AS_OF, actor: 'US' }),
    ];
    const { result } = indicator(events, 'intel-reciprocity');
    expect(result.tally.counterpart).toBe(2);
    expect(result.score).toBe(14.17);
  });
});

/** The cases that gamed method version 1, each as a small file an analyst or a hostile entry would write. */
describe('what could be gamed under version 1', () => {
  const arrests = (events: Event[]) => indicator(events, 'arrests').result.score;

  it('a blank grade never beats an honest one: an F6 claim scores no more than a D4 claim', () => {
    const blank = arrests([ev({ kind: 'arrest', status: 'enforced', date: AS_OF, source: { title: 'x' } })]);
    const d4 = arrests([ev({ kind: 'arrest', status: 'enforced', date: AS_OF, source: graded('D', 4) })]);
    expect(blank).toBeLessThanOrEqual(d4);
  });

  it('150 ungraded claims spread over the indicators stay minimal', () => {
    const kinds = ['arrest', 'prosecution', 'intel-sharing', 'export-control', 'kyc-enforcement', 'pill-press-control', 'aml-action', 'multilateral', 'intel-response'];
    const events = Array.from({ length: 150 }, (_, i) => ev({ kind: kinds[i % kinds.length]!, status: 'enforced', date: AS_OF, source: { title: 'x' } }));
    const report = scoreEvents(events, set, { asOf: AS_OF });
    expect(report.band).toBe('minimal');
    expect(report.score).toBeLessThan(10);
  });

  it('the same act reported by Reuters and by Xinhua counts once', () => {
    const both = ev({ kind: 'arrest', status: 'enforced', date: AS_OF, source: graded('B', 3), sources: [graded('B', 3, { publisher: 'Reuters' }), graded('B', 3, { publisher: 'Xinhua' })] });
    expect(arrests([both])).toBeLessThan(arrests([ev({ kind: 'arrest', status: 'enforced', date: AS_OF })]));
    expect(arrests([both])).toBe(23.41);
  });

  it("the announcement, entry into force and enforcement of one nitazene control do not add up", () => {
    const stages = [
      ev({ kind: 'scheduling', status: 'announced', date: '2024-06-18', substances: ['nitazenes'], measure: 'nitazenes-2024' }),
      ev({ kind: 'scheduling', status: 'in-force', date: '2024-07-01', substances: ['nitazenes'], measure: 'nitazenes-2024' }),
    ];
    const enforcement = ev({ kind: 'seizure', status: 'enforced', date: '2024-07-15', substances: ['nitazenes'], measure: 'nitazenes-2024' });
    const all = indicator([...stages, enforcement], 'emerging-substances', '2024-07-15').result;
    expect(all.score).toBeLessThan(indicator([enforcement], 'emerging-substances', '2024-07-15').result.score + 25);
    expect(all.evidence.filter((e) => e.fate === 'superseded')).toHaveLength(1);
    // The talk and law stages count once: no more than the law alone would.
    expect(all.mix.books + all.mix.talk).toBeCloseTo(0.7, 4);
  });

  it('announcing an old law again does not refresh it: later talk of a measure in force never counts in its place', () => {
    // Found by the property "a measure never scores more than its best stage alone": an A1
    // announcement of 2022 was worth a little more than the A3 law of 2018 it restated, so it
    // became the stage that counted, as fresh talk, and the measure scored more than the law alone.
    const law = ev({ id: 'law', kind: 'intel-response', status: 'in-force', date: '2018-01-01', source: graded('A', 3), measure: 'm' });
    const pledge = ev({ id: 'pledge', kind: 'intel-response', status: 'pledged', date: '2018-01-01', measure: 'm' });
    const again = ev({ id: 'again', kind: 'intel-response', status: 'announced', date: '2022-09-28', measure: 'm' });
    const asOf = '2024-12-31';
    const alone = indicator([law], 'intel-responsiveness', asOf).result;
    const all = indicator([law, pledge, again], 'intel-responsiveness', asOf).result;
    expect(all.score).toBe(alone.score);
    expect(evidenceOf(all, 'law').fate).toBe('counted');
    expect(evidenceOf(all, 'again')).toMatchObject({ fate: 'superseded', fateBy: { eventId: 'law', date: '2018-01-01' }, value: 0 });
  });

  it('one action no longer lifts the talk cap: one F6 action plus 20 pledges stays below 30', () => {
    const events = [ev({ kind: 'arrest', status: 'enforced', date: AS_OF, source: { title: 'x' } }), ...Array.from({ length: 20 }, () => ev({ kind: 'arrest', status: 'pledged', date: AS_OF }))];
    expect(arrests(events)).toBeLessThan(30);
  });

  it('a 2004 law in force scores less in 2024 than a 2023 seizure', () => {
    const law = indicator([ev({ kind: 'export-control', status: 'in-force', date: '2004-01-01' })], 'industry-regulation', '2024-06-30').result;
    const seizure = indicator([ev({ kind: 'seizure', status: 'enforced', date: '2023-06-30' })], 'industry-regulation', '2024-06-30').result;
    expect(law.score).toBeLessThan(seizure.score);
  });

  it('a single E5 claim of action does not end an A1 suspension', () => {
    const events = [
      ev({ kind: 'cooperation-suspension', status: 'reversed', date: '2022-08-05' }),
      ev({ kind: 'intel-response', status: 'enforced', date: AS_OF, source: graded('E', 5) }),
    ];
    const { result } = indicator(events, 'intel-responsiveness');
    expect(result.flags).toContain('backsliding');
    expect(result.score).toBe(0);
  });

  it('--since carries in a suspension still in effect, and its alert stays', () => {
    const events = [ev({ id: 'suspension', kind: 'cooperation-suspension', status: 'reversed', date: '2022-08-05' }), ev({ kind: 'arrest', status: 'enforced', date: AS_OF })];
    const { report, result } = indicator(events, 'intel-reciprocity', AS_OF, { since: '2023-01-01' });
    expect(evidenceOf(result, 'suspension')).toMatchObject({ fate: 'carried-in', value: -1 });
    expect(report.alerts.map((a) => a.events[0]!.eventId)).toContain('suspension');
    expect(report.excluded.map((e) => e.eventId)).not.toContain('suspension');
  });

  it('a magnitude of 46 substances counts as 8: size 4, not 6.5', () => {
    const { result } = indicator([ev({ kind: 'scheduling', status: 'enforced', date: AS_OF, substances: ['nitazenes'], magnitude: 46 })], 'emerging-substances');
    expect(result.evidence[0]!.value).toBe(4);
  });

  it('a magnitude on a kind without a unit counts as 1', () => {
    const { result } = indicator([ev({ kind: 'multilateral', status: 'enforced', date: AS_OF, magnitude: 40 })], 'multilateral-engagement');
    expect(result.evidence[0]!.value).toBe(1);
  });
});

describe('stocks, promises and attribution', () => {
  it('a solid resumption ends a suspension and the restart pledge of the same measure is delivered by it', () => {
    const events = [
      ev({ id: 'suspension', kind: 'cooperation-suspension', status: 'reversed', date: '2022-08-05' }),
      ev({ id: 'pledge', kind: 'cooperation-resumption', status: 'pledged', date: '2023-11-15', measure: 'restart' }),
      ev({ id: 'resumed', kind: 'cooperation-resumption', status: 'enforced', date: '2024-01-30', measure: 'restart', source: graded('A', 2) }),
    ];
    const { report, result } = indicator(events, 'intel-reciprocity', '2024-01-31');
    expect(evidenceOf(result, 'suspension')).toMatchObject({ fate: 'ended', fateBy: { eventId: 'resumed' } });
    expect(evidenceOf(result, 'pledge')).toMatchObject({ fate: 'delivered', promise: { state: 'delivered', by: { eventId: 'resumed' } } });
    expect(result.flags).toEqual([]);
    expect(report.alerts.filter((a) => a.trigger === 'reversal')).toEqual([]);
  });

  it('an in-force control is undone by a later solid reversal of the same substance, not of another', () => {
    const control = ev({ id: 'control', kind: 'scheduling', status: 'in-force', date: '2022-01-01', substances: ['xylazine'] });
    const other = ev({ id: 'other', kind: 'export-control', status: 'reversed', date: '2023-01-01', substances: ['nitazenes'] });
    const same = ev({ id: 'same', kind: 'export-control', status: 'reversed', date: '2023-06-01', substances: ['xylazine'] });
    expect(evidenceOf(indicator([control, other], 'emerging-substances').result, 'control')).toMatchObject({ inEffect: true, fate: 'counted' });
    expect(evidenceOf(indicator([control, same], 'emerging-substances').result, 'control')).toMatchObject({ inEffect: false, value: 0, fate: 'undone', fateBy: { eventId: 'same' } });
  });

  it('a law decays from its newest solid related enforcement', () => {
    const law = ev({ id: 'law', kind: 'export-control', status: 'in-force', date: '2020-06-30' });
    const enforcement = ev({ kind: 'seizure', status: 'enforced', date: '2024-06-30' });
    expect(evidenceOf(indicator([law], 'industry-regulation').result, 'law').decay).toBeCloseTo(0.5 ** (1461 / 1095), 4);
    expect(evidenceOf(indicator([law, enforcement], 'industry-regulation').result, 'law').decay).toBe(1);
  });

  it('an explicit due date and 29 February: a pledge of 2024-02-29 comes due on 2025-02-28 by default', () => {
    const dated = ev({ id: 'p', kind: 'kyc-rule', status: 'pledged', date: '2024-02-29' });
    expect(evidenceOf(indicator([dated], 'kyc-adoption', '2024-03-01').result, 'p').promise).toEqual({ due: '2025-02-28', state: 'open' });
    const due = ev({ id: 'q', kind: 'kyc-rule', status: 'pledged', date: '2024-02-29', due: '2024-03-01' });
    expect(evidenceOf(indicator([due], 'kyc-adoption', '2024-03-02').result, 'q').promise).toEqual({ due: '2024-03-01', state: 'lapsed' });
  });

  it('under split attribution an event that counts for k indicators gives each 1/k of its value', () => {
    const split = { ...set, method: { ...set.method, attribution: 'split' as const } };
    const e = ev({ id: 'lead', kind: 'arrest', status: 'enforced', date: AS_OF, tags: ['us-intel-lead'] });
    const report = scoreEvents([e], split, { asOf: AS_OF });
    const arrests = report.indicators.find((i) => i.id === 'arrests')!;
    expect(arrests.evidence[0]).toMatchObject({ value: 0.5, share: 0.5, alsoCounts: ['intel-responsiveness'] });
    expect(report.method.attribution).toBe('split');
  });
});

describe('exclusions: nothing is dropped silently', () => {
  it('names a reason for every event that no indicator scores', () => {
    const events = [
      ev({ id: 'talk', kind: 'dialogue', status: 'pledged', date: '2024-01-01' }),
      ev({ id: 'deaths', kind: 'overdose-statistic', status: 'announced', date: '2024-01-01', actor: 'US' }),
      ev({ id: 'us-sanction', kind: 'us-sanction', status: 'enforced', date: '2024-01-01', actor: 'US' }),
      ev({ id: 'mx-arrest', kind: 'arrest', status: 'enforced', date: '2024-01-01', actor: 'MX' }),
      ev({ id: 'meth-scheduling', kind: 'scheduling', status: 'in-force', date: '2024-01-01', substances: ['methamphetamine'] }),
      ev({ id: 'late', kind: 'arrest', status: 'enforced', date: '2024-12-01' }),
      ev({ id: 'early', kind: 'arrest', status: 'enforced', date: '2020-01-01' }),
    ];
    const report = scoreEvents(events, set, { asOf: AS_OF, since: '2021-01-01' });
    expect(Object.fromEntries(report.excluded.map((e) => [e.eventId, e.reason]))).toEqual({
      early: 'before-since',
      talk: 'process-not-outcome',
      deaths: 'lagging-outcome',
      'us-sanction': 'counterpart-action',
      'mx-arrest': 'other-actor',
      'meth-scheduling': 'unmatched',
      late: 'after-as-of',
    });
    expect(report.score).toBe(0);
  });

  it('defaults the scoring date to the newest event, never the clock', () => {
    const report = scoreEvents([ev({ kind: 'arrest', status: 'enforced', date: '2021-03-04' })], set);
    expect(report.asOf).toBe('2021-03-04');
  });

  it('coverage counts evidence still worth a quarter of its value; confidence says what limited it', () => {
    const report = scoreEvents([ev({ kind: 'arrest', status: 'enforced', date: AS_OF })], set, { asOf: AS_OF });
    expect(report.coverage).toBe(0.08);
    expect(report.confidence).toMatchObject({ level: 'low', limitedBy: ['coverage'] });
    expect(report.meanGrade).toBe(1);
    const old = scoreEvents([ev({ kind: 'arrest', status: 'enforced', date: '2021-06-30' })], set, { asOf: AS_OF });
    expect(old.coverage).toBe(0);
  });

  it('"not shown" is no-evidence; "refused" is negative, with different reasoning', () => {
    const none = indicator([ev({ kind: 'arrest', status: 'enforced', date: AS_OF })], 'kyc-adoption').result;
    const refused = indicator([ev({ kind: 'kyc-rule', status: 'refused', date: AS_OF })], 'kyc-adoption').result;
    expect([none.score, refused.score]).toEqual([0, 0]);
    expect(none.flags).toEqual(['no-evidence']);
    expect(refused.flags).toEqual(['negative']);
    expect(refused.reasoning).toMatch(/1 refusal/);
    expect(none.reasoning).toMatch(/no evidence/);
  });
});
