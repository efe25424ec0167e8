import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { ScoreReport } from '../src/core/report.js';
import { reportSchema } from '../src/core/report-schema.js';
import { findConfig } from '../src/io/config.js';
import { runCli } from './helpers/cli.js';
import { ROOT } from './helpers/fixtures.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'coopscore-config-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let n = 0;

/** A fresh folder with the given files (paths relative to it); it is a repository root when `git` is set. */
function folder(files: Record<string, string>, git = false): string {
  const dir = path.join(tmp, `case-${++n}`);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  if (git) mkdirSync(path.join(dir, '.git'), { recursive: true });
  return dir;
}

const SEED = `${ROOT}seeds/2024.yaml`;
const seedEvents = () => readFileSync(SEED, 'utf8');
const json = (stdout: string) => JSON.parse(stdout) as ScoreReport;

describe('finding coopscore.config.yaml', () => {
  it('looks in the working folder, then each parent, and stops at a repository root', () => {
    const repo = folder({ 'coopscore.config.yaml': 'version: 1\n', 'a/b/c/.keep': '', 'a/coopscore.config.yaml': 'version: 1\n' }, true);
    expect(findConfig(path.join(repo, 'a/b/c'))).toBe(path.join(repo, 'a/coopscore.config.yaml'));
    expect(findConfig(path.join(repo, 'a'))).toBe(path.join(repo, 'a/coopscore.config.yaml'));
    expect(findConfig(repo)).toBe(path.join(repo, 'coopscore.config.yaml'));
    // A config above the repository root is never read from inside it.
    const outer = folder({ 'coopscore.config.yaml': 'version: 1\n', 'inner/src/.keep': '' });
    mkdirSync(path.join(outer, 'inner/.git'));
    expect(findConfig(path.join(outer, 'inner/src'))).toBeUndefined();
    expect(findConfig(path.join(outer, 'inner/..'))).toBe(path.join(outer, 'coopscore.config.yaml'));
  });
});

describe('a configured folder', () => {
  const config = (extra = '') => `version: 1\npaths: [events]\nfailBelow: 90\nformat: { score: json }\n${extra}`;

  it('runs `score` and `validate` with no arguments, from the folder and from below it', async () => {
    const dir = folder({ 'coopscore.config.yaml': config(), 'events/2024.yaml': seedEvents(), 'docs/notes/.keep': '' }, true);
    const scored = await runCli(['score'], { cwd: dir });
    // failBelow 90 from the config: the score is far below, so the check fails (exit 1), in json (the config's format).
    expect(scored.code).toBe(1);
    const report = json(scored.stdout);
    expect(report.verdict.failures.map((f) => f.code)).toEqual(['score-below']);
    expect(report.inputs.files.map((f) => f.path)).toEqual(['events/2024.yaml']);
    expect(reportSchema.safeParse(report).success).toBe(true);
    expect(report.inputs.config).toEqual({ path: 'coopscore.config.yaml', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const below = await runCli(['score'], { cwd: path.join(dir, 'docs/notes') });
    expect(json(below.stdout).inputs.config!.path).toBe('../../coopscore.config.yaml');
    expect(json(below.stdout).score).toBe(report.score);
    const checked = await runCli(['validate'], { cwd: dir });
    expect(checked.code).toBe(0);
    expect(checked.stdout).not.toMatch(/error/);
  });

  it('gives flags the last word: flag > config > the set or command default', async () => {
    const dir = folder({ 'coopscore.config.yaml': config(), 'events/2024.yaml': seedEvents(), 'other/one.yaml': seedEvents().replace(/^events:[\s\S]*$/m, 'events: []\n') }, true);
    const table = await runCli(['score', '--format', 'table', '--fail-below', '0'], { cwd: dir });
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^Composite /m);
    // Paths on the command line replace the config's.
    const other = await runCli(['score', 'other', '--as-of', '2024-06-30', '--format', 'json'], { cwd: dir });
    expect(json(other.stdout).inputs.files.map((f) => f.path)).toEqual(['other/one.yaml']);
    // --no-config: the command default (table) and no paths at all.
    const bare = await runCli(['score', '--no-config', 'events'], { cwd: dir });
    expect(bare.code).toBe(0);
    expect(bare.stdout).toMatch(/^Composite /m);
    const none = await runCli(['score', '--no-config'], { cwd: dir });
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/no event paths/);
    // --config FILE names another file; its paths are relative to that file.
    const elsewhere = folder({ 'ci/coopscore.config.yaml': 'version: 1\npaths: ../events\n', 'events/x.yaml': seedEvents() });
    const named = await runCli(['score', '--config', 'ci/coopscore.config.yaml', '--format', 'json'], { cwd: elsewhere });
    expect(named.code).toBe(0);
    expect(json(named.stdout).inputs.config!.path).toBe('ci/coopscore.config.yaml');
    expect(json(named.stdout).inputs.files.map((f) => f.path)).toEqual(['events/x.yaml']);
  });

  it('takes the set, weights and subject from the config, and a flag replaces each', async () => {
    const weights = 'version: 1\nextends: default\nweights:\n  arrests: 0\n';
    const dir = folder({ 'coopscore.config.yaml': 'version: 1\nindicators: us-china-2024\nweights: w.yaml\npaths: events\n', 'w.yaml': weights, 'events/2024.yaml': seedEvents() }, true);
    const withFile = json((await runCli(['score', '--format', 'json'], { cwd: dir })).stdout);
    expect(withFile.weights).toMatchObject({ source: 'file', changed: [{ id: 'arrests', from: 8, to: 0 }] });
    const mx = await runCli(['score', '--subject', 'MX'], { cwd: dir });
    expect(mx.code).toBe(2);
    expect(mx.stderr).toMatch(/--indicators us-precursor-cooperation/);
  });
});

describe('a bad config', () => {
  it('is refused with every problem at file:line:col, "did you mean" for a misspelt key, and exit 2', async () => {
    const dir = folder({ 'coopscore.config.yaml': 'version: 1\nindicator: us-china-2024\nfailBelow: 500\nformat:\n  score: svg\n', 'events/a.yaml': seedEvents() }, true);
    const run = await runCli(['score', 'events'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    const lines = run.stderr.split('\n').filter((l) => /^\S+:\d+:\d+ /.test(l));
    expect(lines).toEqual([
      expect.stringMatching(/^coopscore\.config\.yaml:2:1 +error +unknown-key +unknown key "indicator"/),
      expect.stringMatching(/^coopscore\.config\.yaml:3:12 +error +invalid-value +failBelow must be at most 100/),
      expect.stringMatching(/^coopscore\.config\.yaml:5:10 +error +invalid-value +format\.score must be one of table, json, markdown/),
    ]);
    expect(run.stderr).toContain('did you mean "indicators"?');
    expect(run.stderr).toMatch(/--no-config/);
    // --no-config ignores it.
    expect((await runCli(['score', 'events', '--no-config'], { cwd: dir })).code).toBe(0);
  });

  it('reports YAML errors, a missing version and a missing --config file', async () => {
    const dir = folder({ 'coopscore.config.yaml': 'paths: [events\n', 'b/coopscore.config.yaml': 'paths: events\n' }, true);
    const syntax = await runCli(['validate', 'x'], { cwd: dir });
    expect(syntax.code).toBe(2);
    expect(syntax.stderr).toMatch(/coopscore\.config\.yaml:\d+:\d+ +error +yaml-syntax/);
    const version = await runCli(['validate', 'x', '--config', 'b/coopscore.config.yaml'], { cwd: dir });
    expect(version.stderr).toMatch(/b\/coopscore\.config\.yaml:1:1 +error +missing-field +missing required field "version"/);
    const missing = await runCli(['validate', 'x', '--config', 'nope.yaml'], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope\.yaml.*file-not-found/);
  });
});

describe('coopscore schema config', () => {
  it('publishes a JSON Schema that accepts the config init writes and rejects unknown keys', async () => {
    const run = await runCli(['schema', 'config']);
    expect(run.code).toBe(0);
    const ajv = new Ajv2020({ strict: false });
    const validate = ajv.compile(JSON.parse(run.stdout) as object);
    const dir = path.join(tmp, `init-${++n}`);
    expect((await runCli(['init', dir, '--indicators', 'us-precursor-cooperation', '--subject', 'MX'])).code).toBe(0);
    const written = parse(readFileSync(path.join(dir, 'coopscore.config.yaml'), 'utf8')) as object;
    expect(written).toEqual({ version: 1, indicators: 'us-precursor-cooperation', subject: 'MX', paths: ['.'] });
    expect(validate(written), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ version: 1, indicator: 'x' })).toBe(false);
  });
});

describe('the config names the anchors file for calibrate', () => {
  it('calibrates with no flags where the config gives `anchors:`, and says how when nothing does', async () => {
    const anchors = readFileSync(`${ROOT}seeds/anchors.yaml`, 'utf8');
    const files: Record<string, string> = { 'coopscore.config.yaml': 'version: 1\nanchors: calibration/anchors.yaml\n', 'calibration/anchors.yaml': anchors };
    // The anchors file names its events relative to itself (`events:`), here the bundled seeds.
    const dir = folder(files, true);
    const seedsDir = path.join(dir, 'calibration');
    for (const year of ['2019-2022', '2023', '2024', '2025', '2026']) writeFileSync(path.join(seedsDir, `${year}.yaml`), readFileSync(`${ROOT}seeds/${year}.yaml`, 'utf8'));
    const result = await runCli(['calibrate', '--format', 'json'], { cwd: dir });
    expect(result.stderr).toBe('');
    const report = JSON.parse(result.stdout) as { anchorsFile: string; passed: boolean };
    expect(report.anchorsFile).toMatch(/calibration\/anchors\.yaml$/);
    const bare = await runCli(['calibrate', '--no-config'], { cwd: dir });
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain('--anchors FILE');
  });
});
