import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { alertRules, crisisAlerts, DEFAULT_ALERT_RULES, dropAlert } from '../src/core/alerts.js';
import { diffReports } from '../src/core/diff.js';
import { scoreEvents } from '../src/core/engine.js';
import type { ScoreReport } from '../src/core/report.js';
import { trendEvents } from '../src/core/trend.js';
import type { IndicatorSet } from '../src/core/types.js';
import { validateIndicatorSet } from '../src/core/validate.js';
import { parseYamlDoc } from '../src/io/yaml-doc.js';
import { defaultSet, ev, ROOT } from './helpers/fixtures.js';

const set = defaultSet();
const AS_OF = '2024-06-30';

/** A real report with its composite set to `score`, to put a drop exactly on a threshold. */
function withScore(report: ScoreReport, score: number): ScoreReport {
  return { ...report, score };
}

describe('backsliding by a composite drop', () => {
  const report = scoreEvents([ev({ kind: 'arrest', status: 'enforced', date: AS_OF })], set, { asOf: AS_OF });
  const rules = alertRules(set);

  it('fires at exactly the threshold and not a hundredth below it', () => {
    expect(rules.dropPoints).toBe(10);
    expect(dropAlert(diffReports(withScore(report, 30), withScore(report, 20)), rules)).toMatchObject({ code: 'backsliding', trigger: 'score-drop', drop: 10 });
    expect(dropAlert(diffReports(withScore(report, 30), withScore(report, 20.01)), rules)).toBeUndefined();
    expect(dropAlert(diffReports(withScore(report, 20), withScore(report, 30)), rules)).toBeUndefined();
  });

  it('takes the threshold from --drop-alert over the set', () => {
    const strict = alertRules(set, { dropPoints: 2.5 });
    expect(dropAlert(diffReports(withScore(report, 10), withScore(report, 7.5)), strict)?.drop).toBe(2.5);
    expect(dropAlert(diffReports(withScore(report, 10), withScore(report, 7.51)), strict)).toBeUndefined();
  });

  it('names the events that took the composite down, in a trend', () => {
    const lead = ev({ id: 'big-response', kind: 'intel-response', status: 'enforced', date: '2024-01-15', magnitude: 100 });
    // Magnitude counts up to 8 (size 4), so it takes three large refusals to undo the response.
    const refusals = [1, 2, 3].map((n) => ev({ id: `big-refusal-${n}`, kind: 'intel-response', status: 'refused', date: '2024-02-10', magnitude: 10_000 }));
    const trend = trendEvents([lead, ...refusals], set, { every: 'month', since: '2024-01-01', until: '2024-02-29' });
    const [jan, feb] = trend.periods;
    expect(jan!.alerts).toEqual([]);
    const drop = feb!.alerts.find((a) => a.trigger === 'score-drop')!;
    expect(jan!.score - feb!.score).toBeGreaterThanOrEqual(10);
    expect(drop.drop).toBe(Math.round((jan!.score - feb!.score) * 100) / 100);
    // The refusal took the most; the big response, a month older, also lost a little to decay.
    expect(drop.events.map((e) => e.eventId)).toEqual(['big-refusal-1', 'big-refusal-2', 'big-refusal-3', 'big-response']);
    expect(drop.events[0]!.indicators).toEqual(['intel-responsiveness']);
    // A higher --drop-alert silences it.
    const lenient = trendEvents([lead, ...refusals], set, { every: 'month', since: '2024-01-01', until: '2024-02-29', dropPoints: 50 });
    expect(lenient.periods[1]!.alerts.filter((a) => a.trigger === 'score-drop')).toEqual([]);
  });
});

describe('crisis-risk', () => {
  const crisis = (date: string) => ev({ id: `crisis-${date}`, kind: 'bilateral-crisis', status: 'enforced', date, actor: 'US' });

  it('fires for a crisis up to 180 days before the as-of date, not 181, not after it', () => {
    const rules = alertRules(set);
    expect(rules.crisisWindowDays).toBe(180);
    // 2024-06-30 minus 180 days is 2024-01-02 (2024 is a leap year).
    expect(crisisAlerts([crisis('2024-01-02')], rules, AS_OF)).toMatchObject([{ code: 'crisis-risk', daysBefore: 180 }]);
    expect(crisisAlerts([crisis('2024-01-01')], rules, AS_OF)).toEqual([]);
    expect(crisisAlerts([crisis('2024-07-01')], rules, AS_OF)).toEqual([]);
    expect(crisisAlerts([crisis(AS_OF)], rules, AS_OF)).toMatchObject([{ daysBefore: 0 }]);
  });

  it('reads its kinds and window from the set', () => {
    const custom: IndicatorSet = {
      ...set,
      method: { ...set.method, alerts: { crisisRisk: { kinds: ['us-sanction'], windowDays: 30 } } },
    };
    const rules = alertRules(custom);
    expect(rules).toMatchObject({ crisisKinds: ['us-sanction'], crisisWindowDays: 30, dropPoints: DEFAULT_ALERT_RULES.dropPoints });
    const sanction = ev({ id: 'sanction', kind: 'us-sanction', status: 'enforced', date: '2024-06-01', actor: 'US' });
    expect(crisisAlerts([sanction, crisis('2024-06-01')], rules, AS_OF).map((a) => a.events[0]!.eventId)).toEqual(['sanction']);
  });
});

describe('alerts in the score report', () => {
  it('lists a reversal still in effect, and drops it once action resumes', () => {
    const suspension = ev({ id: 'suspension', kind: 'cooperation-suspension', status: 'reversed', date: '2022-08-05' });
    const before = scoreEvents([suspension], set, { asOf: '2023-01-01' });
    expect(before.alerts).toMatchObject([{ code: 'backsliding', trigger: 'reversal', events: [{ eventId: 'suspension', indicators: ['intel-responsiveness', 'intel-reciprocity'] }] }]);

    const response = ev({ id: 'response', kind: 'intel-response', status: 'enforced', date: AS_OF });
    const after = scoreEvents([suspension, response], set, { asOf: AS_OF });
    // Ended on responsiveness, still in effect on reciprocity.
    expect(after.alerts).toMatchObject([{ code: 'backsliding', events: [{ eventId: 'suspension', indicators: ['intel-reciprocity'] }] }]);
  });

  it('lists a crisis within the window and leaves out one before --since', () => {
    const crisis = ev({ id: 'crisis', kind: 'bilateral-crisis', status: 'enforced', date: '2024-05-01', actor: 'US' });
    const arrest = ev({ kind: 'arrest', status: 'enforced', date: AS_OF });
    expect(scoreEvents([crisis, arrest], set, { asOf: AS_OF }).alerts).toMatchObject([{ code: 'crisis-risk', daysBefore: 60 }]);
    expect(scoreEvents([crisis, arrest], set, { asOf: AS_OF, since: '2024-06-01' }).alerts).toEqual([]);
  });
});

describe('alert rules in the indicator set', () => {
  it('refuses a crisis kind the vocabulary does not have, with its line and a hint', () => {
    const text = readFileSync(`${ROOT}indicators/us-china-2024.yaml`, 'utf8').replace('kinds: [bilateral-crisis]', 'kinds: [bilateral-crises]');
    const { set, problems } = validateIndicatorSet(parseYamlDoc('set.yaml', text));
    expect(set).toBeUndefined();
    const line = text.split('\n').findIndex((l) => l.includes('bilateral-crises')) + 1;
    expect(problems).toMatchObject([{ code: 'invalid-set', line, hint: 'did you mean "bilateral-crisis"?' }]);
  });
});
