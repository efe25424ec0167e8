import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { TrendReport } from '../src/core/trend.js';
import { ROOT } from './helpers/fixtures.js';
import { runCli } from './helpers/cli.js';
import { SET_AT_SATURATION_3 } from './helpers/fixtures.js';

describe('coopscore trend', () => {
  it('prints deterministic JSON with one entry per period', async () => {
    const first = await runCli(['trend', '--indicators', SET_AT_SATURATION_3, 'test/fixtures/record-2024/', '--every', 'quarter', '-f', 'json']);
    expect(first.code).toBe(0);
    const again = await runCli(['trend', '--indicators', SET_AT_SATURATION_3, 'test/fixtures/record-2024/2024.yaml', 'test/fixtures/record-2024/', '-f', 'json']);
    expect(again.stdout).toBe(first.stdout);
    const report = JSON.parse(first.stdout) as TrendReport;
    expect(report.periods.map((p) => p.label)).toHaveLength(new Set(report.periods.map((p) => p.label)).size);
    expect(report.periods).toHaveLength(19);
    expect(report.periods.find((p) => p.label === '2022-Q3')!.alerts.map((a) => a.code)).toEqual(['backsliding', 'crisis-risk']);
  });

  it('marks the suspension and the resumption in the table, with sparklines and no chart off a terminal', async () => {
    const { code, stdout } = await runCli(['trend', '--indicators', SET_AT_SATURATION_3, 'test/fixtures/record-2024/']);
    expect(code).toBe(0);
    const line = (label: string) => stdout.split('\n').find((l) => l.startsWith(label))!;
    expect(line('2022-Q3')).toContain('cn-2022-08-suspension');
    expect(stdout).toMatch(/⚠ backsliding: cn-2022-08-suspension/);
    expect(line('2023-Q4')).toMatch(/3\.57\s+▲ \+3\.11/);
    expect(stdout).toMatch(/^industry-regulation\s+[▁-█]{19}\s/m);
    expect(stdout).not.toContain('┤');
  });

  it('draws the composite chart on a terminal or with --chart', async () => {
    expect((await runCli(['trend', '--indicators', SET_AT_SATURATION_3, 'test/fixtures/record-2024/', '--chart'])).stdout).toMatch(/┤.*[╭╯]/);
    expect((await runCli(['trend', '--indicators', SET_AT_SATURATION_3, 'test/fixtures/record-2024/'], { tty: true })).stdout).toContain('┤');
  });

  it('writes CSV with a header and a row per period', async () => {
    const { stdout } = await runCli(['trend', '--indicators', SET_AT_SATURATION_3, 'test/fixtures/record-2024/', '--every', 'year', '-f', 'csv']);
    const rows = stdout.trimEnd().split('\r\n');
    expect(rows).toHaveLength(1 + 6);
    expect(rows[0]).toMatch(/^period,start,end,as_of,partial,score,/);
    expect(rows[4]).toMatch(/^2022,2022-01-01,2022-12-31,2022-12-31,false,/);
    expect(rows[4]).toContain('backsliding:cn-2022-08-suspension');
  });

  it('writes Markdown with the alerts and their files', async () => {
    const { stdout } = await runCli(['trend', '--indicators', SET_AT_SATURATION_3, 'test/fixtures/record-2024/', '-f', 'markdown']);
    expect(stdout).toMatch(/\| 2022-Q3 \| 2022-09-30 \| 0\.91 \|/);
    expect(stdout).toContain('**2022-Q3 backsliding**');
    expect(stdout).toContain('(test/fixtures/record-2024/2019-2022.yaml:73)');
  });

  it('writes an SVG that parses as XML, with a viewBox, a title and axis labels', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'coopscore-trend-'));
    const { code } = await runCli(['trend', '--indicators', SET_AT_SATURATION_3, 'test/fixtures/record-2024/', '-f', 'svg', '-o', path.join(dir, 'trend.svg')]);
    expect(code).toBe(0);
    const svg = readFileSync(path.join(dir, 'trend.svg'), 'utf8');
    expect(XMLValidator.validate(svg)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(svg) as { svg: Record<string, unknown> };
    // 600 high, and a line per alert under the chart (3 here) so a printout says what the markers mean.
    expect(doc.svg.viewBox).toBe('0 0 1060 672');
    expect(doc.svg.title).toMatchObject({ '#text': expect.stringContaining('quarterly trend') });
    expect(svg).toContain('>Score (out of 100)</text>');
    expect(svg).toContain('>3. 2022-Q4: crisis-risk: us-2022-08-pelosi-taiwan-visit');
    expect(svg).toContain('>2019-Q3</text>');
    expect(svg).toContain('>2024-Q1*</text>');
    // One bold composite line, one thin line per indicator, and the alert markers.
    expect(svg.match(/stroke-width="3.2" stroke-linejoin/g)).toHaveLength(1);
    expect(svg.match(/stroke-width="1.8"/g)).toHaveLength(10);
    expect(svg.match(/class="alert backsliding"/g)).toHaveLength(1);
    expect(svg.match(/class="alert crisis-risk"/g)).toHaveLength(2);
  });

  it('escapes text from the set in the SVG', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'coopscore-set-'));
    const setText = readFileSync(path.join(ROOT, 'indicators/us-china-2024.yaml'), 'utf8');
    writeFileSync(path.join(dir, 'set.yaml'), setText.replace(/^title: .*$/m, 'title: Fentanyl & precursors <test>'));
    const { stdout } = await runCli(['trend', 'test/fixtures/time/crisis.yaml', '--indicators', path.join(dir, 'set.yaml'), '-f', 'svg']);
    expect(XMLValidator.validate(stdout)).toBe(true);
    expect(stdout).toContain('Fentanyl &amp; precursors &lt;test&gt;');
  });

  it('refuses a range that holds no day, and a range of too many periods', async () => {
    const inverted = await runCli(['trend', '--indicators', SET_AT_SATURATION_3, 'test/fixtures/record-2024/', '--since', '2024-06-01', '--until', '2024-01-01']);
    expect(inverted.code).toBe(2);
    expect(inverted.stderr).toMatch(/--since \(2024-06-01\) is after --until \(2024-01-01\)/);
    const huge = await runCli(['trend', '--indicators', SET_AT_SATURATION_3, 'test/fixtures/record-2024/', '--every', 'month', '--since', '1800-01-01']);
    expect(huge.code).toBe(2);
    expect(huge.stderr).toMatch(/more than 1200/);
    expect((await runCli(['trend', '--indicators', SET_AT_SATURATION_3, 'test/fixtures/record-2024/', '--every', 'week'])).code).toBe(2);
    expect((await runCli(['trend', '--indicators', SET_AT_SATURATION_3, 'test/fixtures/record-2024/', '--drop-alert', '-3'])).code).toBe(2);
  });

  it('exits 1 with --fail-on-alert when an alert is raised', async () => {
    const failed = await runCli(['trend', '--indicators', SET_AT_SATURATION_3, 'test/fixtures/record-2024/', '--fail-on-alert', '-f', 'json']);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('3 alerts raised');
    expect((await runCli(['trend', '--indicators', SET_AT_SATURATION_3, 'test/fixtures/record-2024/', '--fail-on-alert', '--since', '2019-01-01', '--until', '2021-12-31'])).code).toBe(0);
  });

  it('runs through the real bin', () => {
    const result = spawnSync(process.execPath, [path.join(ROOT, 'bin/coopscore.js'), 'trend', 'test/fixtures/record-2024/', '--every', 'year', '-f', 'json'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(result.status).toBe(0);
    expect((JSON.parse(result.stdout) as TrendReport).periods.map((p) => p.label)).toEqual(['2019', '2020', '2021', '2022', '2023', '2024']);
  });
});

describe('coopscore score shows alerts', () => {
  it('in the table and in Markdown', async () => {
    const table = await runCli(['score', 'test/fixtures/record-2024/', '-q', '--as-of', '2022-10-01']);
    expect(table.stdout).toContain('⚠ backsliding: cn-2022-08-suspension');
    expect(table.stdout).toContain('⚠ crisis-risk: us-2022-08-pelosi-taiwan-visit');
    const md = await runCli(['score', 'test/fixtures/record-2024/', '-q', '-f', 'markdown']);
    expect(md.stdout).toMatch(/^- \*\*backsliding\*\*.*cn-2022-08-suspension .* on intel-reciprocity/m);
  });
});
