import { describe, expect, it } from 'vitest';
import { COMMAND_FORMATS } from '../src/core/config-schema.js';
import { CALIBRATION_FORMATS, COMPARE_FORMATS, DIFF_FORMATS, INDICATOR_FORMATS, LEDGER_FORMATS, PROBLEM_FORMATS, REPORT_FORMATS, TREND_FORMATS } from '../src/format/index.js';
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
});
