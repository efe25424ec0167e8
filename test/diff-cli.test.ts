import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ReportDiff } from '../src/core/diff.js';
import { runCli } from './helpers/cli.js';
import { SET_AT_SATURATION_3 } from './helpers/fixtures.js';

describe('coopscore diff', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'coopscore-diff-'));
  const base = path.join(dir, 'base.json');
  const head = path.join(dir, 'head.json');
  beforeAll(async () => {
    expect((await runCli(['score', 'test/fixtures/record-2024/', '--indicators', SET_AT_SATURATION_3, '-q', '-f', 'json', '--as-of', '2023-06-30', '-o', base])).code).toBe(0);
    expect((await runCli(['score', 'test/fixtures/record-2024/', '--indicators', SET_AT_SATURATION_3, '-q', '-f', 'json', '-o', head])).code).toBe(0);
  });
  const edited = (name: string, edit: (report: Record<string, unknown>) => void) => {
    const report = JSON.parse(readFileSync(head, 'utf8')) as Record<string, unknown>;
    edit(report);
    const file = path.join(dir, name);
    writeFileSync(file, JSON.stringify(report));
    return file;
  };

  it('names the events that moved each indicator, in JSON', async () => {
    const { code, stdout } = await runCli(['diff', base, head, '-f', 'json']);
    expect(code).toBe(0);
    const diff = JSON.parse(stdout) as ReportDiff;
    expect(diff.composite).toMatchObject({ delta: 5.27, movement: 'improvement' });
    const regulation = diff.indicators.find((i) => i.id === 'industry-regulation')!;
    expect(regulation.events.filter((e) => e.change === 'added').map((e) => e.eventId)).toEqual(['cn-2023-11-website-takedowns', 'cn-2023-11-nncc-notice']);
  });

  it('lists every event change with its file and line in the table', async () => {
    const { code, stdout } = await runCli(['diff', base, head]);
    expect(code).toBe(0);
    expect(stdout).toContain('2023-06-30 → 2024-01-31: composite 0.55 → 5.82 (+5.27, improvement; threshold 1)');
    expect(stdout).toContain('ended cn-2022-08-suspension by cn-2024-01-intel-response (+1.0000)  test/fixtures/record-2024/2019-2022.yaml:73');
    expect(stdout).toMatch(/industry-regulation\s+│\s+3\.93 │\s+24\.26 │\s+▲ \+20\.33 │ improvement/);
  });

  it('writes a Markdown comment with a folded table per indicator', async () => {
    const { stdout } = await runCli(['diff', base, head, '-f', 'markdown']);
    expect(stdout).toMatch(/^\| Regulation of the chemical and pharmaceutical industries \| 3\.93 \| 24\.26 \| ▲ \+20\.33 \| improvement \|$/m);
    expect(stdout).toContain('| `cn-2023-11-website-takedowns` | added | — | 0.5384 | +0.5384 | test/fixtures/record-2024/2023.yaml:148 |');
  });

  it('takes the movement threshold from --threshold', async () => {
    const diff = JSON.parse((await runCli(['diff', base, head, '-f', 'json', '--threshold', '5'])).stdout) as ReportDiff;
    expect(diff.indicators.find((i) => i.id === 'pill-press-enforcement')).toMatchObject({ delta: 4.17, movement: 'neutral' });
    expect(diff.indicators.find((i) => i.id === 'aml-cooperation')).toMatchObject({ delta: 8.17, movement: 'improvement' });
  });

  it('exits 1 when the composite falls by more than --fail-on-regression', async () => {
    const failed = await runCli(['diff', head, base, '--fail-on-regression', '5']);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('composite fell 5.27 points, more than --fail-on-regression 5.00');
    expect((await runCli(['diff', head, base, '--fail-on-regression', '5.27'])).code).toBe(0);
    expect((await runCli(['diff', base, head, '--fail-on-regression', '0'])).code).toBe(0);
  });

  it('refuses reports from another schemaVersion or indicator set', async () => {
    const v2 = edited('v2.json', (r) => (r.schemaVersion = 1));
    const other = edited('other.json', (r) => ((r.indicatorSet as { id: string }).id = 'eu-2025'));
    const version = await runCli(['diff', base, v2]);
    expect(version.code).toBe(2);
    expect(version.stderr).toMatch(/cannot compare reports with a different schemaVersion: .*base\.json has 2, .*v2\.json has 1/);
    const set = await runCli(['diff', other, base]);
    expect(set.code).toBe(2);
    expect(set.stderr).toMatch(/different indicator set: .*other\.json has eu-2025, .*base\.json has us-china-2024/);
  });

  it('refuses files that are not valid reports, naming the file and the field', async () => {
    const broken = edited('broken.json', (r) => (r.score = 'high'));
    const invalid = await runCli(['diff', base, broken]);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toMatch(/broken\.json is not a valid coopscore report: score: /);
    const notJson = path.join(dir, 'not.json');
    writeFileSync(notJson, 'score: 3\n');
    const parsed = await runCli(['diff', notJson, head]);
    expect(parsed.code).toBe(2);
    expect(parsed.stderr).toMatch(/not\.json is not JSON/);
    expect((await runCli(['diff', path.join(dir, 'missing.json'), head])).code).toBe(2);
    expect((await runCli(['diff', base])).code).toBe(2);
  });
});
