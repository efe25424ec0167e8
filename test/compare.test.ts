import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareSchema } from '../src/core/compare-schema.js';
import { ranks, type CompareReport } from '../src/core/compare.js';
import { runCli, type CliResult } from './helpers/cli.js';
import { ROOT } from './helpers/fixtures.js';

/** Three synthetic subjects (test/fixtures/compare/README.md): MX leads on few large events, IN and ZA hold the same events. */
const DIRS = ['test/fixtures/compare/mx', 'test/fixtures/compare/in', 'test/fixtures/compare/za'];
const BASE = ['compare', ...DIRS, '--indicators', 'us-precursor-cooperation', '--draws', '200'];
let json: CliResult;
let report: CompareReport;

beforeAll(async () => {
  json = await runCli([...BASE, '--format', 'json']);
  report = JSON.parse(json.stdout) as CompareReport;
});

const row = (code: string) => report.subjects.find((r) => r.subject === code)!;

describe('ranks', () => {
  it('are competition ranks: ties share the better rank and the next rank is skipped', () => {
    expect(ranks([10, 30, 30, 5])).toEqual([3, 1, 1, 4]);
    expect(ranks([7, 7, 7])).toEqual([1, 1, 1]);
  });
});

describe('coopscore compare on three synthetic subjects', () => {
  it('ranks them on one date, ties sharing a rank, with names', () => {
    expect(json.code).toBe(0);
    expect(report.compareVersion).toBe(1);
    expect(report.asOf).toBe('2024-05-25');
    expect(report.subjects.map((r) => [r.rank, r.subject, r.name])).toEqual([
      [1, 'MX', 'Mexico'],
      [2, 'IN', 'India'],
      [2, 'ZA', 'South Africa'],
    ]);
    expect(row('IN').score).toBe(row('ZA').score);
    expect(row('MX').score).toBeGreaterThan(row('IN').score);
    expect(report.indicatorSet.title).toBe('United States–several countries cooperation against synthetic-drug precursors');
  });

  it('gives each score its 5–95% interval and each rank its interval across shared draws', () => {
    for (const r of report.subjects) {
      expect(r.interval.p5).toBeLessThanOrEqual(r.interval.median);
      expect(r.interval.median).toBeLessThanOrEqual(r.interval.p95);
      expect(r.rankInterval.p5).toBeLessThanOrEqual(r.rankInterval.median);
      expect(r.rankInterval.median).toBeLessThanOrEqual(r.rankInterval.p95);
      expect([r.rankInterval.p5, r.rankInterval.p95].every((x) => Number.isInteger(x) && x >= 1 && x <= 3)).toBe(true);
    }
    // Identical evidence under identical draws: identical intervals, and never ranked apart.
    expect(row('IN').interval).toEqual(row('ZA').interval);
    expect(row('IN').rankInterval).toEqual(row('ZA').rankInterval);
    expect(row('IN').rankInterval.p95).toBeLessThanOrEqual(2);
    // MX rests on three events on three indicators: the geometric draws drop it below the others.
    expect(row('MX').interval.p5).toBeLessThan(row('IN').interval.p5);
    expect(row('MX').rankInterval).toEqual({ median: 3, p5: 1, p95: 3 });
  });

  it('shows evidence counts and mean grade beside each score, and flags the thin record', () => {
    expect(row('MX').evidence.events).toBe(3);
    expect(row('IN').evidence.events).toBe(8);
    expect(report.thinEvidence.minEvents).toBe(4);
    expect(row('MX').thin).toContain('few-events');
    expect(row('IN').thin).not.toContain('few-events');
    expect(row('MX').indicators.map((i) => i.id)).toEqual(report.indicators.map((i) => i.id));
  });

  it('is deterministic for a seed and matches its published schema', async () => {
    expect((await runCli([...BASE, '--format', 'json'])).stdout).toBe(json.stdout);
    const other = JSON.parse((await runCli([...BASE, '--format', 'json', '--seed', '7'])).stdout) as CompareReport;
    expect(other.seed).toBe(7);
    expect(compareSchema.safeParse(report).success).toBe(true);
    const schema = await runCli(['schema', 'compare']);
    const validate = new Ajv2020({ strict: false }).compile(JSON.parse(schema.stdout) as object);
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
  });

  it('prints a table that fits 80 columns, markdown, and a well-formed SVG', async () => {
    const table = await runCli([...BASE], { tty: true, env: { NO_COLOR: '1' } });
    expect(table.code).toBe(0);
    const io80 = await (async () => {
      const { main } = await import('../src/cli.js');
      let out = '';
      await main(BASE, { stdout: (s) => void (out += s), stderr: () => {}, cwd: ROOT, env: { NO_COLOR: '1' }, stdoutIsTTY: true, columns: 80, readStdin: async () => Buffer.alloc(0) });
      return out;
    })();
    expect(Math.max(...io80.split('\n').map((l) => [...l].length))).toBeLessThanOrEqual(80);
    expect(io80).toMatch(/^1 +Mexico \(MX\) +\d+\.\d\d +\d+\.\d–\d+\.\d +\w+ +3 \(1–3\) +3 ev, grade/m);
    expect(io80).toMatch(/⚠ thin: few events/);
    expect(io80).toMatch(/^2 +India \(IN\)/m);
    const markdown = await runCli([...BASE, '--format', 'markdown']);
    expect(markdown.stdout).toContain('| 2 | South Africa (ZA) |');
    expect(markdown.stdout).toContain('### Scores by indicator');
    const svg = await runCli([...BASE, '--format', 'svg']);
    expect(XMLValidator.validate(svg.stdout)).toBe(true);
    expect(svg.stdout).toContain('1. Mexico (MX)');
    expect(svg.stdout).toContain('⚠ thin: few events');
    expect(svg.stdout).not.toMatch(/<script|href=/);
  });

  it('reads the subjects from the config, and refuses a folder of the wrong subject at its line', async () => {
    const tmp = mkdtempSync(path.join(tmpdir(), 'coopscore-compare-'));
    try {
      mkdirSync(path.join(tmp, '.git'));
      writeFileSync(
        path.join(tmp, 'coopscore.config.yaml'),
        `version: 1\nindicators: us-precursor-cooperation\nsubjects:\n  MX: ${ROOT}${DIRS[0]}\n  IN: [${ROOT}${DIRS[1]}]\n  ZA: ${ROOT}${DIRS[2]}\nformat: { compare: json }\n`,
      );
      const fromConfig = await runCli(['compare', '--draws', '200'], { cwd: tmp });
      expect(fromConfig.code).toBe(0);
      const configured = JSON.parse(fromConfig.stdout) as CompareReport;
      expect(configured.subjects.map((r) => [r.subject, r.score, r.rankInterval])).toEqual(report.subjects.map((r) => [r.subject, r.score, r.rankInterval]));
      writeFileSync(path.join(tmp, 'coopscore.config.yaml'), `version: 1\nindicators: us-precursor-cooperation\nsubjects:\n  IN: ${ROOT}${DIRS[0]}\n`);
      const wrong = await runCli(['compare'], { cwd: tmp });
      expect(wrong.code).toBe(2);
      expect(wrong.stderr).toMatch(/mx\/events\.yaml:3:10 +error +invalid-value +the file records Mexico \(MX\), but this run scores India \(IN\)/);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('needs subjects, and one folder per subject', async () => {
    expect((await runCli(['compare', '--no-config'])).stderr).toMatch(/compare needs subjects/);
    const twice = await runCli(['compare', DIRS[1]!, DIRS[1]!.replace('in', 'in/'), '--indicators', 'us-precursor-cooperation']);
    expect(twice.code).toBe(2);
  });
});

describe('compare --format html', () => {
  it('is one self-contained page: no script, nothing loaded, the picture inline, titles over all subjects', async () => {
    const { stdout, code } = await runCli(['compare', 'test/fixtures/compare/mx', 'test/fixtures/compare/in', 'test/fixtures/compare/za', '--indicators', 'us-precursor-cooperation', '--format', 'html']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^<!doctype html>/);
    // The briefing's page policy: nothing loads, no base URL or form target, no referrer.
    const head = stdout.slice(0, stdout.indexOf('<body>'));
    expect(head).toContain("content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'\"");
    expect(head).toContain('<meta name="referrer" content="no-referrer">');
    expect(stdout).not.toMatch(/<script|\bsrc=|href="http/);
    expect(stdout).toContain('<svg');
    expect(stdout).toContain('Arrests in each country');
    expect(stdout).not.toContain('Arrests in India');
    for (const name of ['Mexico (MX)', 'India (IN)', 'South Africa (ZA)']) expect(stdout).toContain(name);
  });
});
