import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScoreReport } from '../src/core/report.js';
import { runBin, runCli } from './helpers/cli.js';
import { ROOT } from './helpers/fixtures.js';
import { expectGolden } from './helpers/golden.js';

const pkg = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as { version: string };

describe('score on the seeds (golden files)', () => {
  for (const [format, ext] of [['table', 'txt'], ['json', 'json'], ['markdown', 'md']] as const) {
    it(`--format ${format}`, async () => {
      const result = await runCli(['score', 'seeds/', '--format', format]);
      expect(result.code).toBe(0);
      expect(result.stderr).toBe('');
      expectGolden(`seeds.${ext}`, result.stdout);
    });
  }

  it('the real bin with NO_COLOR=1 prints the same table, no escape codes', () => {
    const result = runBin(['score', 'seeds/']);
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain('\u001b[');
    expectGolden('seeds.txt', result.stdout);
  });

  it('indicators lists every indicator with weight, what counts and why', async () => {
    const result = await runCli(['indicators']);
    expect(result.code).toBe(0);
    expectGolden('indicators.txt', result.stdout);
  });

  it('shows all ten indicators, the composite with band, coverage and confidence', async () => {
    const { stdout } = await runCli(['score', 'seeds/']);
    for (const id of [
      'intel-responsiveness', 'arrests', 'prosecutions', 'intel-reciprocity', 'industry-regulation',
      'kyc-adoption', 'emerging-substances', 'pill-press-enforcement', 'aml-cooperation', 'multilateral-engagement',
    ]) expect(stdout).toContain(id);
    expect(stdout).toMatch(/Composite \d+\.\d\d (minimal|limited|partial|substantial|robust) · coverage \d+% · confidence (low|moderate|high)/);
  });
});

describe('the JSON report', () => {
  let report: ScoreReport;
  let schema: object;
  beforeAll(async () => {
    report = JSON.parse((await runCli(['score', 'seeds/', '--format', 'json'])).stdout) as ScoreReport;
    schema = JSON.parse((await runCli(['schema', 'report'])).stdout) as object;
  });

  it('validates against `coopscore schema report` (draft 2020-12, independent validator)', () => {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    const valid = ajv.validate(schema, report);
    expect(ajv.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    // and the schema is not vacuous: a report with a broken field fails it
    expect(ajv.validate(schema, { ...report, score: 'high' })).toBe(false);
    expect(ajv.validate(schema, { ...report, extra: 1 })).toBe(false);
  });

  it('gives identical bytes whatever order the files are named in', async () => {
    const a = await runCli(['score', 'seeds/2024.yaml', 'seeds/2026.yaml', 'seeds/2019-2022.yaml', 'seeds/2025.yaml', 'seeds/2023.yaml', '-f', 'json']);
    const b = await runCli(['score', 'seeds/2023.yaml', 'seeds/2025.yaml', 'seeds/2024.yaml', 'seeds/2019-2022.yaml', 'seeds/2026.yaml', 'seeds/2023.yaml', '-f', 'json']);
    const c = await runCli(['score', 'seeds', '-f', 'json']);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout).toBe(c.stdout);
  });

  it('puts the overdose statistic, US actions and dialogue in excluded, with reasons, and they move nothing', () => {
    const reasons = Object.fromEntries(report.excluded.map((e) => [e.eventId, e.reason]));
    expect(reasons['us-2022-overdose-deaths']).toBe('lagging-outcome');
    expect(report.excluded.find((e) => e.eventId === 'us-2022-overdose-deaths')!.message).toMatch(/overdose deaths/);
    expect(reasons['us-2023-10-doj-indictments']).toBe('counterpart-action');
    expect(reasons['us-2023-09-majors-list']).toBe('counterpart-action');
    expect(reasons['cn-2023-11-biden-xi-summit']).toBe('process-not-outcome');
    const used = new Set(report.indicators.flatMap((i) => i.evidence.map((e) => e.eventId)));
    for (const e of report.excluded) expect(used.has(e.eventId)).toBe(false);
    // every event is either evidence somewhere or excluded: nothing silently dropped
    expect(new Set([...used, ...report.excluded.map((e) => e.eventId)]).size).toBe(report.inputs.events);
  });

  it('records inputs with hashes, the set hash and the tool version, and no run timestamp', () => {
    expect(report.inputs.files.map((f) => f.path)).toEqual(['seeds/2019-2022.yaml', 'seeds/2023.yaml', 'seeds/2024.yaml', 'seeds/2025.yaml', 'seeds/2026.yaml']);
    expect(report.inputs.files.every((f) => /^[0-9a-f]{64}$/.test(f.sha256))).toBe(true);
    expect(report.indicatorSet.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(report.tool).toEqual({ name: 'coopscore', version: pkg.version });
    expect(JSON.stringify(report)).not.toMatch(/20(2[5-9]|3\d)-\d\d-\d\dT/);
  });

  it('contributions add up to the composite exactly', () => {
    const sum = report.indicators.reduce((s, i) => s + Math.round(i.contribution * 100), 0);
    expect(sum).toBe(Math.round(report.score * 100));
  });
});

describe('options and exit codes', () => {
  it('--fail-below and --min-coverage turn a low score into exit 1, with the verdict in the report', async () => {
    const low = await runCli(['score', 'seeds/', '--fail-below', '50', '-f', 'json']);
    expect(low.code).toBe(1);
    const report = JSON.parse(low.stdout) as ScoreReport;
    expect(report.verdict.passed).toBe(false);
    expect(report.verdict.failures[0]).toMatchObject({ code: 'score-below', threshold: 50 });
    expect(low.stderr).toContain('is below --fail-below 50');
    expect((await runCli(['score', 'seeds/', '--fail-below', '1'])).code).toBe(0);
    expect((await runCli(['score', 'seeds/', '--min-coverage', '0.95'])).code).toBe(1);
    expect((await runCli(['score', 'seeds/', '--min-coverage', '0.5'])).code).toBe(0);
  });

  it('--as-of moves the scoring date and --since leaves older events out, listed as excluded', async () => {
    const result = await runCli(['score', 'test/fixtures/record-2024/', '--as-of', '2023-12-31', '--since', '2023-01-01', '-f', 'json']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as ScoreReport;
    expect(report.asOf).toBe('2023-12-31');
    const reasons = new Map(report.excluded.map((e) => [e.eventId, e.reason]));
    expect(reasons.get('cn-2024-01-intel-response')).toBe('after-as-of');
    expect(reasons.get('cn-2019-website-takedowns')).toBe('before-since');
    // the suspension of 2022 is still in effect, so it is carried in and silences the summit pledge
    const reciprocity = report.indicators.find((i) => i.id === 'intel-reciprocity')!;
    expect(reciprocity.evidence.find((e) => e.eventId === 'cn-2022-08-suspension')).toMatchObject({ fate: 'carried-in' });
    expect(reciprocity.flags).toContain('backsliding');
  });

  it('usage errors exit 2 with one line and no stack: unknown flag, unknown command, bad values', async () => {
    for (const args of [
      ['score', 'seeds/', '--bogus'],
      ['frobnicate'],
      ['score', 'seeds/', '--as-of', '2024-02-30'],
      ['score', 'seeds/', '--fail-below', 'lots'],
      ['score', 'seeds/', '--format', 'pdf'],
      ['score'],
      ['indicators', 'arests'],
      ['score', 'seeds/', '--since', '2024-02-01', '--as-of', '2024-01-01'],
      ['score', 'seeds/', '--seed', '7'],
    ]) {
      const result = await runCli(args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
    expect((await runCli(['indicators', 'arests'])).stderr).toContain('did you mean "arrests"?');
    expect((await runCli(['score', 'seeds/', '--since', '2024-02-01', '--as-of', '2024-01-01'])).stderr).toContain('--since 2024-02-01 is after --as-of 2024-01-01');
    expect((await runCli(['score', 'seeds/', '--seed', '7'])).stderr).toContain('--seed only applies with --sensitivity');
  });

  it('--version and --help exit 0', async () => {
    const version = await runCli(['--version']);
    expect(version).toMatchObject({ code: 0, stdout: `${pkg.version}\n` });
    expect((await runCli(['score', '--help'])).code).toBe(0);
  });

  it('reads events from stdin with -', async () => {
    const text = readFileSync(`${ROOT}seeds/2024.yaml`, 'utf8');
    const result = await runCli(['score', '-', '-f', 'json'], { stdin: text });
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as ScoreReport).inputs.files[0]!.path).toBe('<stdin>');
  });

  it('colour follows the terminal, NO_COLOR and --no-color', async () => {
    expect((await runCli(['score', 'seeds/'], { tty: true })).stdout).toContain('\u001b[');
    expect((await runCli(['score', 'seeds/'], { tty: true, env: { NO_COLOR: '1' } })).stdout).not.toContain('\u001b[');
    expect((await runCli(['score', 'seeds/', '--no-color'], { tty: true })).stdout).not.toContain('\u001b[');
    expect((await runCli(['score', 'seeds/'], { env: { FORCE_COLOR: '1' } })).stdout).toContain('\u001b[');
  });

  describe('-o writes atomically', () => {
    let dir: string;
    beforeAll(async () => void (dir = await mkdtemp(path.join(tmpdir(), 'coopscore-'))));
    afterAll(async () => rm(dir, { recursive: true, force: true }));

    it('writes the report to the file, nothing to stdout, and leaves no temporary file', async () => {
      const out = path.join(dir, 'report.json');
      const result = await runCli(['score', 'seeds/', '-f', 'json', '-o', out]);
      expect(result).toMatchObject({ code: 0, stdout: '' });
      expect(JSON.parse(await readFile(out, 'utf8'))).toMatchObject({ schemaVersion: 2 });
      expect(await readdir(dir)).toEqual(['report.json']);
      const bad = await runCli(['score', 'seeds/', '-o', path.join(dir, 'no/such/dir/r.txt')]);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('cannot write');
    });
  });
});

describe('schema events', () => {
  it('takes its kind and substance enums from the active set', async () => {
    const schema = JSON.parse((await runCli(['schema', 'events'])).stdout) as {
      properties: { events: { items: { properties: Record<string, { enum?: string[]; items?: { enum?: string[] } }> } } };
    };
    const props = schema.properties.events.items.properties;
    expect(props.kind!.enum).toContain('intel-response');
    expect(props.substances!.items!.enum).toContain('nitazenes');
  });
});

describe('warnings beside a report', () => {
  it('shows the first 20 in full and counts the rest by code; the JSON report keeps them all', async () => {
    const events = Array.from({ length: 25 }, (_, i) =>
      `  - { id: ungraded-${i}, date: 20${String(i).padStart(2, '0')}-06-01, actor: CN, kind: arrest, status: enforced, summary: s, source: { title: t } }`,
    ).join('\n');
    const stdin = `events:\n${events}\n`;
    const result = await runCli(['score', '-', '-f', 'json'], { stdin });
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as ScoreReport).warnings).toHaveLength(25);
    expect(result.stderr.match(/warning {2}ungraded-source/g)).toHaveLength(20);
    expect(result.stderr).toContain('coopscore: 5 more warnings not shown (5 ungraded-source)');
    expect((await runCli(['score', '-', '-q'], { stdin })).stderr).toBe('');
  });
});

describe('--max-file-size on every command that reads event files', () => {
  for (const command of ['score', 'validate', 'trend']) {
    it(`${command} refuses a file over the limit before reading it`, async () => {
      const result = await runCli([command, 'seeds/2024.yaml', '--max-file-size', '1K']);
      expect(result.code).toBe(command === 'validate' ? 1 : 2);
      expect(result.stderr + result.stdout).toContain('seeds/2024.yaml  error  file-too-large');
    });
  }
});
