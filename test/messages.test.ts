import { describe, expect, it } from 'vitest';
import { CLI_SETTING_NAMES } from '../src/commands/shared.js';
import { diffReports } from '../src/core/diff.js';
import { scoreEvents } from '../src/core/engine.js';
import { message, NEUTRAL_NAMES, problemText, signed } from '../src/core/messages.js';
import { PROBLEM_CODES } from '../src/core/problems.js';
import { validateConfigDoc } from '../src/core/config-schema.js';
import { verdictFailures } from '../src/core/verdict.js';
import { setAtSaturation3 } from './helpers/fixtures.js';
import { seedEvents } from './helpers/seeds.js';

describe('the message catalogue', () => {
  it('words a threshold neutrally for a library caller, and by the flag the CLI passes', () => {
    expect(message('score-below', { actual: 12.5, threshold: 40 })).toBe('score 12.5 is below the fail-below threshold 40');
    expect(message('score-below', { actual: 12.5, threshold: 40 }, CLI_SETTING_NAMES)).toBe('score 12.5 is below --fail-below 40');
    expect(message('coverage-below', { actual: 0.4, threshold: 0.5 })).toBe('coverage 0.4 is below the minimum coverage 0.5');
    expect(message('coverage-below', { actual: 0.4, threshold: 0.5 }, CLI_SETTING_NAMES)).toBe('coverage 0.4 is below --min-coverage 0.5');
    expect(message('regression', { fall: 5.27, limit: 5 })).toBe('composite fell 5.27 points, more than the regression limit 5.00');
    expect(message('regression', { fall: 5.27, limit: 5 }, CLI_SETTING_NAMES)).toBe('composite fell 5.27 points, more than --fail-on-regression 5.00');
  });

  it('names no command-line flag in the neutral words', () => {
    for (const name of Object.values(NEUTRAL_NAMES)) expect(name).not.toMatch(/--/);
  });

  it('keeps the report failure keys in order: code, message, threshold, actual', () => {
    const [failure] = verdictFailures(10, 1, { failBelow: 20 });
    expect(Object.keys(failure!)).toEqual(['code', 'message', 'threshold', 'actual']);
  });

  it('signs a change in either style', () => {
    expect([signed(4.471, 'ascii'), signed(-3.29, 'ascii'), signed(0, 'ascii')]).toEqual(['+4.47', '-3.29', '0.00']);
    expect([signed(4.471, 'typographic'), signed(-3.29, 'typographic'), signed(0, 'typographic')]).toEqual(['+4.47', '−3.29', '±0.00']);
    expect(signed(-0.61, 'typographic', 4)).toBe('−0.6100');
  });
});

describe('a library caller of scoreEvents and diffReports', async () => {
  const set = setAtSaturation3();
  const events = await seedEvents();

  it('gets verdict messages without flag names, unless it passes its own', () => {
    const report = scoreEvents(events, set, { failBelow: 99, minCoverage: 0.99 });
    expect(report.verdict.failures.map((f) => f.message)).toEqual([
      `score ${report.score} is below the fail-below threshold 99`,
      `coverage ${report.coverage} is below the minimum coverage 0.99`,
    ]);
    const named = scoreEvents(events, set, { failBelow: 99, settingNames: { failBelow: 'failBelow' } });
    expect(named.verdict.failures[0]!.message).toBe(`score ${named.score} is below failBelow 99`);
  });

  it('gets a diff regression message without the flag name', () => {
    const base = scoreEvents(events, set, { asOf: '2024-01-31' });
    const head = scoreEvents(events, set, { asOf: '2023-06-30' });
    const [failure] = diffReports(base, head, { failOnRegression: 0 }).verdict.failures;
    expect(failure!.message).toMatch(/^composite fell \d+\.\d\d points, more than the regression limit 0\.00$/);
  });
});

describe('the problem wording', () => {
  it('is keyed by the problem code it is reported under (or hint/)', () => {
    const ids = ['unknown-key/top', 'invalid-set/rule-kind', 'possible-duplicate/days', 'hint/did-you-mean'];
    for (const id of ids) expect(id.split('/')[0]! in PROBLEM_CODES || id.startsWith('hint/')).toBe(true);
  });

  it('words each problem from typed arguments, as the files have always read it', () => {
    expect(problemText('unknown-key', { key: 'dtae', where: 'events[0]' })).toBe('unknown key "dtae" in events[0]');
    expect(problemText('invalid-value/items', { field: 'sources', most: false, limit: 1, count: 0 })).toBe('sources must have at least 1 item (it has 0)');
    expect(problemText('invalid-value/items', { field: 'tags', most: true, limit: 20 })).toBe('tags must have at most 20 items');
    expect(problemText('unknown-status', { status: 'done', statuses: ['pledged', 'enforced'] })).toBe('unknown status "done"; use one of pledged, enforced');
    expect(problemText('hint/did-you-mean', { word: '{subject}' })).toBe('did you mean "{subject}"?');
  });

  it('reaches the problems core reports', () => {
    const doc = { file: 'c.yaml', data: [1], locate: () => ({ line: 1, column: 1, endLine: 1, endColumn: 2 }) };
    expect(validateConfigDoc(doc as never).problems[0]!.message).toBe(problemText('not-a-mapping/config', {}));
  });
});
