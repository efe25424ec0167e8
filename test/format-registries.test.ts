import { describe, expect, it } from 'vitest';
import { COMMAND_FORMATS } from '../src/core/config-schema.js';
import { CALIBRATION_FORMATS, COMPARE_FORMATS, DIFF_FORMATS, INDICATOR_FORMATS, LEDGER_FORMATS, PROBLEM_FORMATS, render, REPORT_FORMATS, TREND_FORMATS } from '../src/format/index.js';
import { problemsTextChunks } from '../src/format/problems-text.js';
import { makePaint } from '../src/format/paint.js';
import type { Problem } from '../src/core/types.js';

const REGISTRIES = {
  score: REPORT_FORMATS,
  validate: PROBLEM_FORMATS,
  trend: TREND_FORMATS,
  indicators: INDICATOR_FORMATS,
  diff: DIFF_FORMATS,
  compare: COMPARE_FORMATS,
  ledger: LEDGER_FORMATS,
  calibrate: CALIBRATION_FORMATS,
};

describe('the format registries', () => {
  it('hold every format each command accepts', () => {
    for (const [command, formats] of Object.entries(COMMAND_FORMATS)) {
      for (const format of formats) expect(Object.keys(REGISTRIES[command as keyof typeof REGISTRIES]), `${command} --format ${format}`).toContain(format);
    }
  });

  it('give validate its problems in each format from one options type', async () => {
    const problems: Problem[] = [{ file: 'a.yaml', line: 2, column: 3, endLine: 2, endColumn: 5, severity: 'warning', code: 'unknown-key', message: 'unknown key "x"', hint: 'did you mean "y"?' }];
    const options = { paint: await makePaint(false), color: false, width: 80, tool: { name: 'coopscore', version: '9.9.9' }, sources: new Map([['a.yaml', 'events:\n  x: 1\n']]) };
    expect(JSON.parse((await PROBLEM_FORMATS.json!())(problems, options))).toEqual([{ ...problems[0] }]);
    expect((await PROBLEM_FORMATS.text!())(problems, options)).toContain('a.yaml:2:3');
    expect((await PROBLEM_FORMATS.text!())([], options)).toBe('');
    expect((await PROBLEM_FORMATS.sarif!())(problems, options)).toContain('"version": "9.9.9"');
    expect((await PROBLEM_FORMATS.github!())(problems, options)).toContain('::warning');
  });

  it('render JSON in chunks only where the json format is the value as is', async () => {
    const options = { paint: await makePaint(false), color: false, width: 80 };
    const value = { list: Array.from({ length: 300 }, (_, i) => ({ i, text: `é${i}` })) };
    for (const registry of [REPORT_FORMATS, TREND_FORMATS, LEDGER_FORMATS, COMPARE_FORMATS, DIFF_FORMATS, CALIBRATION_FORMATS] as const) {
      const out = await render(registry as typeof TREND_FORMATS, 'json', value as never, options);
      expect(typeof out).not.toBe('string');
      expect([...out].join('')).toBe((await registry.json!())(value as never, options));
    }
    // The indicators' json prints the set (or one indicator), not the selection: never streamed as is.
    const selection = { set: { id: 'x' }, indicators: [{ id: 'a' }], single: true };
    expect(await render(INDICATOR_FORMATS, 'json', selection as never, options)).toBe(`${JSON.stringify({ id: 'a' }, null, 2)}\n`);
  });

  it('write validate\'s text in chunks with the text format\'s bytes', async () => {
    const paint = await makePaint(false);
    const source = Array.from({ length: 400 }, (_, i) => `line ${i + 1}`).join('\n');
    const problems: Problem[] = Array.from({ length: 300 }, (_, i) => ({
      file: i % 3 ? 'a.jsonl' : 'b.yaml', line: i + 1, column: 2, endLine: i + 1, endColumn: 4, severity: i % 7 ? 'warning' : 'error', code: 'unknown-key', message: `m${i}`, ...(i % 2 ? { hint: 'h' } : {}),
    }));
    const sources = new Map([['a.jsonl', source], ['b.yaml', source]]);
    const whole = (await PROBLEM_FORMATS.text!())(problems, { paint, color: false, width: 80, sources });
    const chunks = [...problemsTextChunks(problems, sources, paint, 1000)];
    expect(chunks.length).toBeGreaterThan(5);
    expect(chunks.join('')).toBe(whole);
    expect(whole).toContain('300 problems (43 errors, 257 warnings) in 2 files');
  });
});

