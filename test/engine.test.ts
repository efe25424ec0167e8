import { describe, expect, it } from 'vitest';
import { scoreEvents } from '../src/core/engine.js';
import type { Event } from '../src/core/types.js';
import { defaultSet, ev } from './helpers/fixtures.js';

const set = defaultSet();
const AS_OF = '2024-06-30';
const indicator = (events: Event[], id: string, asOf = AS_OF) => {
  const report = scoreEvents(events, set, { asOf });
  const result = report.indicators.find((i) => i.id === id);
  if (!result) throw new Error(`no indicator ${id}`);
  return { report, result };
};

describe('DESIGN.md worked examples (default method, as of 2024-06-30)', () => {
  it('one enforced A1 arrest on the day scores 28.35 and contributes 2.27', () => {
    const { result } = indicator([ev({ kind: 'arrest', status: 'enforced', date: AS_OF })], 'arrests');
    expect(result.score).toBe(28.35);
    expect(result.contribution).toBe(2.27);
    expect(result.flags).toEqual([]);
  });

  it('the same arrest with magnitude 12 scores 78.31', () => {
    const { result } = indicator([ev({ kind: 'arrest', status: 'enforced', date: AS_OF, magnitude: 12 })], 'arrests');
    expect(result.score).toBe(78.31);
  });

  it('a B2 KYC pledge a year old scores 2.38 and is flagged commitment-only', () => {
    const e = ev({ kind: 'kyc-rule', status: 'pledged', date: '2023-07-01', source: { title: 't', reliability: 'B', credibility: 2 } });
    const { result } = indicator([e], 'kyc-adoption');
    expect(result.evidence[0]!.value).toBeCloseTo(0.0723, 4);
    expect(result.score).toBe(2.38);
    expect(result.flags).toContain('commitment-only');
  });

  it('a nitazene scheduling in force two years ago is a stock: 20.81, no decay', () => {
    const e = ev({ kind: 'scheduling', status: 'in-force', date: '2022-06-30', substances: ['nitazenes'] });
    const { result } = indicator([e], 'emerging-substances');
    expect(result.score).toBe(20.81);
    expect(result.evidence[0]!.decay).toBe(1);
    expect(result.evidence[0]!.inEffect).toBe(true);
  });

  it('a refused C2 arrest scores 0 and is flagged negative', () => {
    const e = ev({ kind: 'arrest', status: 'refused', date: AS_OF, source: { title: 't', reliability: 'C', credibility: 2 } });
    const { result } = indicator([e], 'arrests');
    expect(result.evidence[0]!.value).toBeCloseTo(-0.2975, 4);
    expect(result.score).toBe(0);
    expect(result.flags).toEqual(['negative']);
  });

  it('intelligence sharing is scaled by the counterpart: 28.35 × 1/2 = 14.17', () => {
    const events = [
      ev({ kind: 'intel-sharing', status: 'enforced', date: AS_OF }),
      ev({ kind: 'intel-sharing', status: 'enforced', date: AS_OF, actor: 'US' }),
      ev({ kind: 'intel-sharing', status: 'enforced', date: AS_OF, actor: 'US' }),
    ];
    const { result } = indicator(events, 'intel-reciprocity');
    expect(result.tally.counterpart).toBe(2);
    expect(result.score).toBe(14.17);
  });

  it('a suspension ends where action resumes and stays in effect where it does not', () => {
    const events = [
      ev({ id: 'suspension', kind: 'cooperation-suspension', status: 'reversed', date: '2022-08-05' }),
      ev({ id: 'response', kind: 'intel-response', status: 'enforced', date: AS_OF }),
    ];
    const responsiveness = indicator(events, 'intel-responsiveness').result;
    expect(responsiveness.score).toBe(28.35);
    const ended = responsiveness.evidence.find((e) => e.eventId === 'suspension')!;
    expect(ended).toMatchObject({ value: 0, inEffect: false, endedBy: { eventId: 'response', date: AS_OF } });

    const reciprocity = indicator(events, 'intel-reciprocity').result;
    expect(reciprocity.score).toBe(0);
    expect(reciprocity.flags).toEqual(['negative', 'backsliding']);
    expect(reciprocity.reasoning).toContain('suspension (cooperation-suspension, 2022-08-05) is still in effect');
  });
});

describe('talk, refusals and missing evidence read differently', () => {
  it('a pledged-only indicator is capped at 40 and flagged commitment-only', () => {
    const events = [1, 2, 3, 4, 5, 6].map((n) => ev({ kind: 'kyc-rule', status: 'pledged', date: AS_OF, magnitude: 1000 * n }));
    const { result } = indicator(events, 'kyc-adoption');
    expect(result.score).toBe(40);
    expect(result.tally.capped).toBe(true);
    expect(result.flags).toContain('commitment-only');
    expect(result.summary).toContain('talk only');
  });

  it('one action lifts the cap', () => {
    const events = [ev({ kind: 'kyc-rule', status: 'pledged', date: AS_OF, magnitude: 5000 }), ev({ kind: 'kyc-enforcement', status: 'enforced', date: AS_OF })];
    const { result } = indicator(events, 'kyc-adoption');
    expect(result.score).toBeGreaterThan(40);
    expect(result.flags).not.toContain('commitment-only');
  });

  it('"not shown" is no-evidence; "refused" is negative, with different reasoning', () => {
    const none = indicator([ev({ kind: 'arrest', status: 'enforced', date: AS_OF })], 'kyc-adoption').result;
    const refused = indicator([ev({ kind: 'kyc-rule', status: 'refused', date: AS_OF })], 'kyc-adoption').result;
    expect([none.score, refused.score]).toEqual([0, 0]);
    expect(none.status).toBe('no-evidence');
    expect(none.flags).toEqual(['no-evidence']);
    expect(refused.status).toBe('scored');
    expect(refused.flags).toEqual(['negative']);
    expect(none.reasoning).toMatch(/no evidence/);
    expect(refused.reasoning).toMatch(/1 refusal/);
    expect(refused.reasoning).not.toBe(none.reasoning);
  });
});

describe('stocks and decay', () => {
  it('an in-force control is undone by a later reversal of the same substance, not of another', () => {
    const control = ev({ id: 'control', kind: 'scheduling', status: 'in-force', date: '2022-01-01', substances: ['xylazine'] });
    const otherReversal = ev({ id: 'other', kind: 'export-control', status: 'reversed', date: '2023-01-01', substances: ['nitazenes'] });
    const sameReversal = ev({ id: 'same', kind: 'export-control', status: 'reversed', date: '2023-06-01', substances: ['xylazine'] });
    const kept = indicator([control, otherReversal], 'emerging-substances').result.evidence.find((e) => e.eventId === 'control')!;
    expect(kept).toMatchObject({ inEffect: true, decay: 1 });
    const undone = indicator([control, sameReversal], 'emerging-substances').result.evidence.find((e) => e.eventId === 'control')!;
    expect(undone).toMatchObject({ inEffect: false, value: 0, endedBy: { eventId: 'same', date: '2023-06-01' } });
  });

  it('a control naming two substances ends at the first later reversal of either', () => {
    const events = [
      ev({ id: 'both', kind: 'scheduling', status: 'in-force', date: '2022-01-01', substances: ['xylazine', 'nitazenes'] }),
      ev({ id: 'x-undone', kind: 'scheduling', status: 'reversed', date: '2023-09-01', substances: ['xylazine'] }),
      ev({ id: 'n-undone', kind: 'scheduling', status: 'reversed', date: '2023-03-01', substances: ['nitazenes'] }),
    ];
    const both = indicator(events, 'emerging-substances').result.evidence.find((e) => e.eventId === 'both')!;
    expect(both.endedBy).toEqual({ eventId: 'n-undone', date: '2023-03-01' });
  });

  it('a pledge does not end a suspension; only action does', () => {
    const events = [
      ev({ kind: 'cooperation-suspension', status: 'reversed', date: '2022-08-05' }),
      ev({ kind: 'intel-sharing', status: 'pledged', date: '2023-11-15' }),
    ];
    const { result } = indicator(events, 'intel-reciprocity');
    expect(result.flags).toEqual(['negative', 'backsliding']);
  });

  it('flows halve every half-life', () => {
    const { result } = indicator([ev({ kind: 'arrest', status: 'enforced', date: '2022-07-01' })], 'arrests');
    expect(result.evidence[0]!.decay).toBeCloseTo(0.5 ** (730 / 365), 4);
    expect(result.tally.oldestDecay).toBeCloseTo(0.25, 2);
  });

  it('an ungraded source counts as "cannot be judged" (F6: 0.25), not zero, and is flagged', () => {
    const e = ev({ kind: 'arrest', status: 'enforced', date: AS_OF, source: { title: 'rumour' } });
    const { result } = indicator([e], 'arrests');
    expect(result.evidence[0]!.value).toBe(0.25);
    expect(result.flags).toContain('ungraded-evidence');
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

  it('coverage is the share of weight with evidence; confidence follows coverage and grades', () => {
    const report = scoreEvents([ev({ kind: 'arrest', status: 'enforced', date: AS_OF })], set, { asOf: AS_OF });
    expect(report.coverage).toBe(0.08);
    expect(report.confidence).toBe('low');
    expect(report.meanGrade).toBe(1);
  });
});
