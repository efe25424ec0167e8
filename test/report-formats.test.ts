import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { countryName } from '../src/core/names.js';
import type { ScoreReport } from '../src/core/report.js';
import { formatHtml } from '../src/format/html.js';
import { formatMarkdown } from '../src/format/markdown.js';
import { plain } from '../src/format/paint.js';
import { wrapText } from '../src/format/summary.js';
import { formatTable } from '../src/format/table.js';
import { runCli } from './helpers/cli.js';
import { expectGolden } from './helpers/golden.js';
import { ROOT } from './helpers/fixtures.js';

// The frozen first-release record (stable ids and counts); the bundled seeds grow with the record.
const RECORD = 'test/fixtures/record-2024/';
const seedsReport = async () => JSON.parse((await runCli(['score', RECORD, '--format', 'json'])).stdout) as ScoreReport;
const options = { paint: plain, color: false, width: 80 };
const columns = (line: string) => [...line].length;

describe('country names', () => {
  it('names ISO 3166 codes and leaves anything else as written', () => {
    expect(countryName('CN')).toBe('China');
    expect(countryName('US')).toBe('United States');
    expect(countryName('cn')).toBe('China');
    expect(countryName('UN')).toBe('United Nations');
    expect(countryName('XX')).toBe('XX');
    expect(countryName('INCB')).toBe('INCB');
    expect(countryName('<b>')).toBe('<b>');
  });
});

describe('terminal output fits the terminal', () => {
  it('`COLUMNS=80 coopscore score seeds/`: every line is at most 80 columns', () => {
    // Not a terminal: 80 columns whatever COLUMNS says, unless --width.
    const result = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'coopscore.js'), 'score', 'seeds/'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', COLUMNS: '80' },
    });
    expect(result.status).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines.filter((l) => columns(l) > 80)).toEqual([]);
    expect(Math.max(...lines.map(columns))).toBeGreaterThan(70);
  });

  it.each([60, 72, 80, 100, 132, 200])('at --width %i: no line is wider, and no id is split', async (width) => {
    const report = await seedsReport();
    // Run beside the record so file names are as short as a user's (a word is never split, so a
    // path longer than the column would overflow it).
    const cwd = path.join(ROOT, 'test', 'fixtures');
    for (const args of [['score', 'record-2024/'], ['trend', 'record-2024/', '--chart'], ['trend', 'record-2024/', '--every', 'month']]) {
      const { stdout, code } = await runCli([...args, '--width', String(width)], { cwd });
      expect(code).toBe(0);
      expect(stdout.split('\n').filter((l) => columns(l) > width)).toEqual([]);
      const words = new Set(stdout.split(/[\s│,()]+/));
      for (const ind of report.indicators) expect(words.has(ind.id)).toBe(true);
      for (const e of report.excluded) expect(args[0] === 'trend' || words.has(e.eventId)).toBe(true);
    }
  });

  it('says what the columns and flags mean, and names every excluded event', async () => {
    const report = await seedsReport();
    const table = formatTable(report, options).replace(/\n/g, ' ');
    expect(table).toContain('Score out of 100; Contrib. = points of the composite');
    for (const flag of new Set(report.indicators.flatMap((i) => i.flags).filter((f) => f !== 'no-evidence'))) expect(table).toMatch(new RegExp(`${flag} = `));
    for (const e of report.excluded) expect(table).toContain(e.eventId);
  });

  it('wraps at spaces and keeps a word longer than the line whole', () => {
    expect(wrapText('aaa bbb ccc', 7)).toEqual(['aaa bbb', 'ccc']);
    expect(wrapText('  a-very-long-identifier x', 10, 4)).toEqual(['  a-very-long-identifier', '    x']);
  });

  it('refuses a width it cannot use', async () => {
    const result = await runCli(['score', 'seeds/', '--width', '10']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--width takes a number of columns from 60 to 1000');
  });
});

describe('the HTML report, as text', () => {
  it('loads nothing: no script, stylesheet, font, image or frame, and a policy that forbids them', async () => {
    const { stdout, code } = await runCli(['score', 'seeds', '--format', 'html']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(stdout).toContain(`content="default-src 'none'; style-src 'unsafe-inline'`);
    expect(stdout).not.toMatch(/<script|<link|<img|<iframe|<object|<embed|@import|url\(/i);
    // Every http(s) URL is a link target (or the set's source), never something the page loads.
    expect(stdout).not.toMatch(/\ssrc=/i);
    expect(stdout).toContain('<h1>Cooperation briefing: China</h1>');
    expect(stdout).toContain('<svg xmlns="http://www.w3.org/2000/svg"');
    expect(stdout).toContain('@media (prefers-color-scheme: dark)');
    expect(stdout).toContain('@media print');
    // Same input, same bytes; the golden file is reviewed like code.
    expect((await runCli(['score', 'seeds', '--format', 'html'])).stdout).toBe(stdout);
    expectGolden('seeds.html', stdout);
  });

  it('shows every indicator, its evidence with summary, grade and fate, and every excluded event', async () => {
    const report = await seedsReport();
    const html = formatHtml(report, options);
    for (const ind of report.indicators) {
      expect(html).toContain(`id="row-${ind.id}"`);
      expect(html).toContain(`id="ind-${ind.id}"`);
      for (const e of ind.evidence) expect(html).toContain(`<code>${e.eventId}</code>`);
    }
    const e = report.indicators.flatMap((i) => i.evidence).find((x) => x.summary.includes("'"))!;
    expect(html).toContain(e.summary.replace(/'/g, '&#39;'));
    expect(html).toContain('<td data-label="Grade">B2');
    for (const x of report.excluded) expect(html).toContain(`<code>${x.eventId}</code>`);
  });

  it('escapes hostile text and links only http(s) URLs', async () => {
    const report = structuredClone(await seedsReport());
    const e = report.indicators[0]!.evidence[0]!;
    e.summary = '<script>alert(1)</script>';
    e.source = { title: '"><img src=x onerror=alert(1)>', url: 'javascript:alert(1)' };
    report.indicators[0]!.title = '<iframe>';
    const html = formatHtml(report, options);
    expect(html).not.toMatch(/<script|<img|<iframe|javascript:/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
  });
});

describe('the Markdown briefing', () => {
  it('names the subject, and gives each piece of evidence its summary, grade and fate', async () => {
    const report = await seedsReport();
    const md = formatMarkdown(report);
    expect(md).toMatch(/^# Cooperation briefing: China\n/);
    expect(md).toContain('| Date | What happened | Status | Grade | Value | Fate | Source | Event |');
    expect(md).toContain('an action of United States: the bar China is measured against');
    expect(md).toMatch(/\| B2 \| -?\d+\.\d{4} \| counted/);
  });

  it('draws the composite over time as a Mermaid chart on the 0-100 scale when the CLI writes it', async () => {
    const { stdout } = await runCli(['score', 'seeds', '--format', 'markdown']);
    const chart = /```mermaid\nxychart-beta\n([\s\S]*?)```/.exec(stdout)?.[1];
    expect(chart).toContain('y-axis "Score (out of 100)" 0 --> 100');
    const trend = JSON.parse((await runCli(['trend', 'seeds', '--format', 'json'])).stdout) as { periods: { score: number }[] };
    expect(chart).toContain(`line [${trend.periods.map((p) => p.score.toFixed(2)).join(', ')}]`);
  });
});

describe('the trend SVG scale', () => {
  it('is 0-100 by default and zooms with --y-auto', async () => {
    const fixed = (await runCli(['trend', RECORD, '--format', 'svg'])).stdout;
    const zoomed = (await runCli(['trend', RECORD, '--format', 'svg', '--y-auto'])).stdout;
    const ticks = (svg: string) => [...svg.matchAll(/text-anchor="end" fill="#3e4c59">(\d+)<\/text>/g)].map((m) => Number(m[1]));
    expect(Math.max(...ticks(fixed))).toBe(100);
    expect(Math.max(...ticks(zoomed))).toBeLessThan(100);
    expect(zoomed).toContain('Score (zoomed to 0–');
  });

  it('draws 0 above the x axis, and names lines that would hide each other', async () => {
    const svg = (await runCli(['trend', 'seeds', '--format', 'svg'])).stdout;
    const zero = Number(/<line x1="72" x2="760" y1="([\d.]+)" y2="[\d.]+" stroke="#cbd2d9" stroke-width="0.8"/.exec(svg)?.[1]);
    const axis = Number(/<line x1="72" x2="760" y1="(\d+)" y2="\d+" stroke="#3e4c59"/.exec(svg)?.[1]);
    expect(axis - zero).toBeGreaterThanOrEqual(5);
    expect(svg).toMatch(/, 0 throughout</);
    // Okabe-Ito colours.
    expect(svg).toContain('stroke="#E69F00"');
    expect(svg).toContain('stroke="#0072B2"');
  });
});

describe('validate', () => {
  it('-o writes the problems to a file; --quiet never says "no problems" when warnings were found', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'coopscore-validate-'));
    const out = path.join(dir, 'problems.json');
    const written = await runCli(['validate', RECORD, '--format', 'json', '-o', out]);
    expect(written.stdout).toBe('');
    const problems = JSON.parse(readFileSync(out, 'utf8')) as { severity: string }[];
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((p) => p.severity === 'warning')).toBe(true);
    expect(written.code).toBe(0);
    const quiet = await runCli(['validate', RECORD, '-q']);
    expect(quiet.code).toBe(0);
    expect(quiet.stderr).not.toContain('no problems');
    expect(quiet.stdout).toBe('');
  });
});
