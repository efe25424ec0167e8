import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fitBands, fitSaturation, satisfies, type AnchorCheck } from '../src/core/calibrate.js';
import { scoreEvents } from '../src/core/engine.js';
import type { Event } from '../src/core/types.js';
import type { CalibrationReport } from '../src/format/calibration.js';
import { loadEventFiles } from '../src/io/load.js';
import { runCli } from './helpers/cli.js';
import { defaultSet, ROOT } from './helpers/fixtures.js';

const set = defaultSet();
let events: Event[];
let dir: string;
beforeAll(async () => {
  events = (await loadEventFiles(['seeds'], set, { cwd: ROOT, readStdin: async () => Buffer.alloc(0) })).events;
  dir = await mkdtemp(path.join(tmpdir(), 'coopscore-calibrate-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const anchor = (asOf: string, band: string) => ({ asOf, band, quote: 'q', source: { title: 't' }, line: 1 });

describe('coopscore calibrate', () => {
  it('the bundled set passes the anchors quoted from its source, over the seeds', async () => {
    const result = await runCli(['calibrate', 'seeds/', '--anchors', 'seeds/anchors.yaml', '-f', 'json']);
    const report = JSON.parse(result.stdout) as CalibrationReport;
    expect(report.anchors.map((a) => [a.asOf, a.expected])).toEqual([
      ['2022-12-31', 'minimal'],
      ['2023-09-30', 'minimal'],
      ['2024-01-31', 'limited'],
      ['2024-01-31', 'limited'],
      ['2024-01-31', 'limited'],
    ]);
    expect(report.anchors.filter((a) => !a.passed).map((a) => `${a.asOf} ${a.score} ${a.scoredBand}`)).toEqual([]);
    expect(result.code).toBe(0);
  });

  it('checks each anchor against a score of its date, as `score --as-of` gives it, and prints the quote', async () => {
    const report = JSON.parse((await runCli(['calibrate', '--anchors', 'seeds/anchors.yaml', '-f', 'json'])).stdout) as CalibrationReport;
    expect(report.events).toEqual(['seeds']);
    for (const a of report.anchors) {
      const scored = scoreEvents(events, set, { asOf: a.asOf });
      expect(a.score).toBe(scored.score);
      expect(a.scoredBand).toBe(scored.band);
      expect(a.confidence).toEqual(scored.confidence);
    }
    const table = await runCli(['calibrate', 'seeds/', '--anchors', 'seeds/anchors.yaml']);
    expect(table.stdout).toContain('"at least some temporary progress has been made"');
    expect(table.stdout).toMatch(/seeds\/anchors\.yaml:\d+\)/);
    const markdown = await runCli(['calibrate', 'seeds/', '--anchors', 'seeds/anchors.yaml', '-f', 'markdown']);
    expect(markdown.stdout).toContain('| As of | Expected | Score | Band | Result | Confidence | Judgement |');
  });

  it('exits 1 when an anchor fails, with the failing row marked', async () => {
    const text = (await readFile(path.join(ROOT, 'seeds/anchors.yaml'), 'utf8')).replace('band: limited', 'band: robust');
    const file = path.join(dir, 'anchors.yaml');
    await writeFile(file, text.replace('events: [.]', `events: [${JSON.stringify(path.join(ROOT, 'seeds'))}]`));
    const result = await runCli(['calibrate', '--anchors', file]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/2024-01-31 {2}robust .* FAIL/);
    expect(result.stderr).toContain('anchors fail');
  });

  it('--fit saturation prints the satisfying interval and the set’s value; it holds every anchor inside it', async () => {
    const result = await runCli(['calibrate', 'seeds/', '--anchors', 'seeds/anchors.yaml', '--fit', 'saturation', '-f', 'json']);
    const fit = (JSON.parse(result.stdout) as CalibrationReport).fit!;
    expect(fit.parameter).toBe('saturation');
    if (fit.parameter !== 'saturation') return;
    expect(fit.current).toBe(set.method.saturation);
    expect(fit.intervals.length).toBeGreaterThan(0);
    const inside = fit.intervals.some((v) => v.low <= fit.current && fit.current <= v.high);
    expect(fit.currentPasses).toBe(inside);
    // Scoring with each printed end passes every anchor.
    for (const v of fit.intervals) {
      for (const s of [v.low, v.high]) {
        const at = { ...set, method: { ...set.method, saturation: s } };
        for (const a of set.method.bands.length ? [['2022-12-31', 'minimal'], ['2023-09-30', 'minimal'], ['2024-01-31', 'limited']] : []) {
          expect(scoreEvents(events, at, { asOf: a[0] }).band, `${s} ${a[0]}`).toBe(a[1]);
        }
      }
    }
    const table = await runCli(['calibrate', 'seeds/', '--anchors', 'seeds/anchors.yaml', '--fit', 'saturation']);
    expect(table.stdout).toMatch(/Every anchor holds for saturation [\d.]+ (to [\d.]+|or (less|more))/);
  });

  it('--fit saturation names the anchors that conflict when no value satisfies all of them', () => {
    // The same date cannot be both minimal and limited.
    const fit = fitSaturation(events, set, [anchor('2024-01-31', 'minimal'), anchor('2024-01-31', 'limited'), anchor('2022-12-31', 'minimal')]);
    expect(fit.intervals).toEqual([]);
    expect(fit.conflicts).toEqual([[0, 1]]);
  });

  it('--fit bands bounds each cut point by the anchors below and above it', () => {
    const check = (asOf: string, band: string, score: number): AnchorCheck => ({
      asOf, band, expected: band, score, scoredBand: 'minimal', quote: 'q', source: { title: 't' }, line: 1,
      confidence: { level: 'low', limitedBy: [], bandStability: null }, passed: satisfies({ band }, score, set.method),
    });
    const fit = fitBands([check('2022-12-31', 'minimal', 3), check('2024-01-31', 'limited', 12)], set);
    const limited = fit.cuts.find((c) => c.band === 'limited')!;
    expect(limited).toMatchObject({ above: 3, atMost: 12, currentPasses: false });
    expect(fit.cuts.find((c) => c.band === 'partial')).toMatchObject({ above: 12, atMost: null, currentPasses: true });
    const crossed = fitBands([check('2022-12-31', 'minimal', 15), check('2024-01-31', 'limited', 12)], set);
    expect(crossed.cuts.find((c) => c.band === 'limited')!.conflict).toEqual([0, 1]);
  });
});

describe('anchors files', () => {
  it('are checked like every input: file:line:col, a code, a hint', async () => {
    const file = path.join(dir, 'bad.anchors.yaml');
    await writeFile(file, ['version: 1', 'set: us-china-2024', 'events: [x]', 'anchors:', '  - asOf: 2024-02-30', '    band: limted', '    quote: q', '    source: { title: t }', '    extra: 1', ''].join('\n'));
    const result = await runCli(['calibrate', 'seeds/', '--anchors', file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/bad\.anchors\.yaml:5:11 {2}error {2}invalid-date/);
    expect(result.stderr).toMatch(/bad\.anchors\.yaml:9:5 {2}error {2}unknown-key/);
    await writeFile(file, ['version: 1', 'set: us-china-2024', 'events: [x]', 'anchors:', '  - asOf: 2024-01-31', '    band: limted', '    quote: q', '    source: { title: t }', ''].join('\n'));
    const band = await runCli(['calibrate', 'seeds/', '--anchors', file]);
    expect(band.code).toBe(2);
    expect(band.stderr).toMatch(/bad\.anchors\.yaml:6:11 {2}error {2}unknown-band {2}unknown band "limted"/);
    expect(band.stderr).toContain('did you mean "limited"?');
    await writeFile(file, ['version: 1', 'set: other-set', 'events: [x]', 'anchors:', '  - { asOf: 2024-01-31, min: 20, quote: q, source: { title: t } }', ''].join('\n'));
    const other = await runCli(['calibrate', 'seeds/', '--anchors', file]);
    expect(other.stderr).toMatch(/bad\.anchors\.yaml:2:6 {2}error {2}invalid-value {2}these anchors calibrate the set "other-set"/);
    const missing = await runCli(['calibrate', 'seeds/', '--anchors', path.join(dir, 'none.yaml')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('file-not-found');
    expect((await runCli(['calibrate', 'seeds/'])).code).toBe(2); // --anchors is required
  });

  it('have a published JSON Schema that the bundled anchors satisfy', async () => {
    const schema = JSON.parse((await runCli(['schema', 'anchors'])).stdout) as object;
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    const data = parse(await readFile(path.join(ROOT, 'seeds/anchors.yaml'), 'utf8')) as unknown;
    expect(ajv.validate(schema, data), JSON.stringify(ajv.errors)).toBe(true);
    expect(ajv.validate(schema, { version: 1, set: 'x', events: ['.'], anchors: [{ asOf: '2024-01-31', band: 'limited', quote: 'q' }] })).toBe(false);
  });

  it('beside events are never read as events by a folder walk', async () => {
    const report = JSON.parse((await runCli(['score', 'seeds/', '-f', 'json'])).stdout) as { inputs: { files: { path: string }[] } };
    expect(report.inputs.files.map((f) => f.path)).not.toContain('seeds/anchors.yaml');
    expect((await runCli(['validate', 'seeds/'])).code).toBe(0);
  });
});
