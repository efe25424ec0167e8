import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ScoreReport } from '../src/core/report.js';
import { validateIndicatorSet } from '../src/core/validate.js';
import { parseYamlDoc } from '../src/io/yaml-doc.js';
import { runCli } from './helpers/cli.js';
import { defaultSet, ROOT } from './helpers/fixtures.js';

const FILE = 'indicators/us-china-2024-key.yaml';

describe('the example key-indicators set', () => {
  it('loads without problems and keeps the default vocabulary and method', () => {
    const { set, problems } = validateIndicatorSet(parseYamlDoc(FILE, readFileSync(`${ROOT}${FILE}`, 'utf8')));
    expect(problems).toEqual([]);
    const full = defaultSet();
    expect(set!.id).toBe('us-china-2024-key');
    expect(set!.indicators.map((i) => i.id)).toEqual(['intel-responsiveness', 'arrests', 'prosecutions', 'intel-reciprocity']);
    expect(set!.kinds).toEqual(full.kinds);
    expect(set!.method).toEqual(full.method);
  });

  it('scores the seeds: four indicators, the rest of the events listed as unmatched', async () => {
    const result = await runCli(['score', 'test/fixtures/record-2024/', '--indicators', FILE, '-f', 'json']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as ScoreReport;
    expect(report.indicatorSet.id).toBe('us-china-2024-key');
    expect(report.indicators).toHaveLength(4);
    // weights 18 : 8 : 10 : 12 over the same four scores as in the full set
    const full = JSON.parse((await runCli(['score', 'test/fixtures/record-2024/', '-f', 'json'])).stdout) as ScoreReport;
    const keyIds = report.indicators.map((i) => i.id);
    const same = full.indicators.filter((i) => keyIds.includes(i.id));
    expect(report.indicators.map((i) => i.score)).toEqual(same.map((i) => i.score));
    expect(report.score).toBeCloseTo(same.reduce((s, i) => s + i.score * i.weight, 0) / 48, 2);
    const unmatched = report.excluded.filter((e) => e.reason === 'unmatched').map((e) => e.eventId);
    expect(unmatched).toContain('cn-2023-11-website-takedowns');
    expect(report.coverage).toBe(1);
  });
});
