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
