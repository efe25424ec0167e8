import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scoreEvents } from '../src/core/engine.js';
import type { ScoreReport } from '../src/core/report.js';
import { applyWeights } from '../src/core/weights.js';
import { runCli } from './helpers/cli.js';
import { defaultSet, ev, ROOT, SET_AT_SATURATION_3, setAtSaturation3 } from './helpers/fixtures.js';

const W = 'test/fixtures/weights';
const json = (stdout: string) => JSON.parse(stdout) as ScoreReport;

describe('--weights FILE', () => {
  it('replaces the named weights, records the file and its sha256, and says so in the reasoning', async () => {
    const file = `${W}/enforcement-first.yaml`;
    const result = await runCli(['score', 'test/fixtures/record-2024/', '--weights', file, '-f', 'json']);
    expect(result.code).toBe(0);
    const report = json(result.stdout);
    const sha = createHash('sha256').update(readFileSync(`${ROOT}${file}`)).digest('hex');
    expect(report.weights).toEqual({
      source: 'file',
      file,
      sha256: sha,
      changed: [
        { id: 'arrests', from: 8, to: 12 },
        { id: 'prosecutions', from: 10, to: 16 },
        { id: 'multilateral-engagement', from: 4, to: 0 },
      ],
    });
    expect(report.indicators.find((i) => i.id === 'arrests')!.weight).toBe(12);
    expect(report.reasoning).toContain(`weights from ${file}`);
    expect(report.reasoning).toContain('arrests 8 → 12');
  });

  it('without a file the report says the set’s own weights were used', async () => {
    const report = json((await runCli(['score', 'test/fixtures/record-2024/', '-f', 'json'])).stdout);
    expect(report.weights).toMatchObject({ source: 'set', file: null, changed: [] });
    expect(report.weights.sha256).toBe(report.indicatorSet.sha256);
  });

  it('a weight of 0 shows the indicator, with its evidence, as unscored and keeps it out of the composite', async () => {
    const report = json((await runCli(['score', 'test/fixtures/record-2024/', '--indicators', SET_AT_SATURATION_3, '--weights', `${W}/enforcement-first.yaml`, '-f', 'json'])).stdout);
    const multilateral = report.indicators.find((i) => i.id === 'multilateral-engagement')!;
    expect(multilateral).toMatchObject({ status: 'unweighted', weight: 0, contribution: 0, pointsAvailable: 0, nextEventGain: 0 });
    expect(multilateral.evidence.length).toBeGreaterThan(0);
    expect(multilateral.score).toBeGreaterThan(0); // its own score is still shown
    expect(multilateral.reasoning).toMatch(/weight 0, so shown but not counted in the composite/);
    expect(report.watchList.map((w) => w.id)).not.toContain('multilateral-engagement');

    // The composite is the weighted mean of the other nine, with the file's weights.
    const others = report.indicators.filter((i) => i.id !== 'multilateral-engagement');
    const mean = others.reduce((s, i) => s + i.score * i.weight, 0) / others.reduce((s, i) => s + i.weight, 0);
    expect(report.score).toBeCloseTo(mean, 1);
    // Coverage counts weight, so the unscored indicator does not count either way.
    const evidenced = others.filter((i) => i.status === 'scored').reduce((s, i) => s + i.weight, 0);
    expect(report.coverage).toBeCloseTo(evidenced / others.reduce((s, i) => s + i.weight, 0), 4);

    const table = await runCli(['score', 'test/fixtures/record-2024/', '--indicators', SET_AT_SATURATION_3, '--weights', `${W}/enforcement-first.yaml`, '--width', '160']);
    expect(table.stdout).toMatch(/│\s+0 │\s+1\.32 │ not scored\s+│\s+0\.00 │ weight 0, not counted/);
    const markdown = await runCli(['score', 'test/fixtures/record-2024/', '--indicators', SET_AT_SATURATION_3, '--weights', `${W}/enforcement-first.yaml`, '-f', 'markdown']);
    expect(markdown.stdout).toContain('| Multilateral engagement on synthetic drug control | 0 | 1.32 | not scored | 0.00 |');
  });

  it('the engine gives the same report for a weights file and for a set written with those weights', () => {
    const set = setAtSaturation3();
    const events = [
      ev({ kind: 'arrest', status: 'enforced', date: '2024-06-30' }),
      ev({ kind: 'multilateral', status: 'enforced', date: '2024-06-30' }),
    ];
    const { set: weighted } = applyWeights(set, new Map([['multilateral-engagement', 0]]));
    const report = scoreEvents(events, weighted);
    const arrests = report.indicators.find((i) => i.id === 'arrests')!;
    // Only arrests counts: 28.35 × 8 / 96.
    expect(report.score).toBeCloseTo((28.35 * 8) / 96, 2);
    expect(arrests.contribution).toBe(report.score);
    expect(report.indicators.find((i) => i.id === 'multilateral-engagement')!.status).toBe('unweighted');
  });

  it('indicators --weights lists the new weights and marks weight 0 as not scored', async () => {
    const result = await runCli(['indicators', '--weights', `${W}/enforcement-first.yaml`]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/arrests {2}weight 12 \(/);
    expect(result.stdout).toContain('multilateral-engagement  weight 0 (shown, not scored)');
  });
});

describe('weights file errors exit 2 at file:line:col with a code', () => {
  const cases: [string, string[]][] = [
    ['unknown-indicator.yaml', ['5:3  error  unknown-indicator  no indicator "prosecution"', 'did you mean "prosecutions"?']],
    ['invalid-weight.yaml', ['4:12  error  invalid-weight  the weight of "arrests" must not be negative', '5:17  error  invalid-weight  the weight of "prosecutions" must be a number']],
    ['all-weights-zero.yaml', ['3:1  error  all-weights-zero']],
    ['wrong-header.yaml', ['1:10  error  invalid-value  version must be 1', '2:10  error  invalid-value  extends "us-china-2023"', '3:1  error  unknown-key  unknown key "wieghts"', 'did you mean "weights"?', '1:1  error  missing-field']],
  ];
  for (const [file, expected] of cases) {
    it(file, async () => {
      for (const command of [['score', 'test/fixtures/record-2024/'], ['indicators']]) {
        const result = await runCli([...command, '--weights', `${W}/${file}`]);
        expect(result.code).toBe(2);
        expect(result.stdout).toBe('');
        for (const text of expected) expect(result.stderr).toContain(text.includes('error') ? `${W}/${file}:${text}` : text);
        expect(result.stderr).not.toMatch(/\n\s+at /);
      }
    });
  }

  it('a missing weights file is file-not-found, exit 2', async () => {
    const result = await runCli(['score', 'test/fixtures/record-2024/', '--weights', 'no/such/weights.yaml']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('no/such/weights.yaml  error  file-not-found');
  });

  it('a weights file written for another set is refused when that set is active', async () => {
    const result = await runCli(['score', 'test/fixtures/record-2024/', '--indicators', 'indicators/us-china-2024-key.yaml', '--weights', `${W}/all-weights-zero.yaml`]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('extends "us-china-2024" does not name the active indicator set "us-china-2024-key"');
  });
});
