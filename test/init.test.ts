import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import type { ScoreReport } from '../src/core/report.js';
import { defaultSet, ROOT } from './helpers/fixtures.js';
import { runCli } from './helpers/cli.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'coopscore-init-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let n = 0;
const freshDir = () => path.join(tmp, `case-${++n}`);

describe('coopscore init', () => {
  it('writes an example with the schema modeline, and the schema next to it, that validate and score', async () => {
    const dir = freshDir();
    const run = await runCli(['init', dir]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    const events = readFileSync(path.join(dir, 'events.yaml'), 'utf8');
    expect(events.split('\n')[0]).toBe('# yaml-language-server: $schema=./events.schema.json');
    expect(readFileSync(path.join(dir, 'events.schema.json'), 'utf8')).toBe((await runCli(['schema', 'events'])).stdout);

    const ajv = new Ajv2020({ strict: true, validateFormats: false });
    ajv.addVocabulary(['enumDescriptions']);
    const validate = ajv.compile(JSON.parse(readFileSync(path.join(dir, 'events.schema.json'), 'utf8')) as object);
    expect(validate(parse(events)), JSON.stringify(validate.errors)).toBe(true);

    const checked = await runCli(['validate', path.join(dir, 'events.yaml'), '--max-warnings', '0']);
    expect(checked).toMatchObject({ code: 0, stdout: '' });
    // Scoring the folder reads the example only: the schema beside it is not an event file.
    const scored = await runCli(['score', dir, '--format', 'json'], { cwd: tmp });
    expect(scored.code).toBe(0);
    const report = JSON.parse(scored.stdout) as ScoreReport;
    expect(report.inputs.files.map((f) => f.path)).toEqual([`${path.basename(dir)}/events.yaml`]);
    expect(report.inputs.events).toBe(2);
    expect(report.excluded).toEqual([]);
    expect(report.score).toBeGreaterThan(0);
  });

  it('writes into the working folder by default', async () => {
    const dir = freshDir();
    mkdirSync(dir);
    expect((await runCli(['init'], { cwd: dir })).code).toBe(0);
    expect(existsSync(path.join(dir, 'events.yaml')) && existsSync(path.join(dir, 'events.schema.json'))).toBe(true);
  });

  it('refuses to overwrite either file (exit 2, nothing written) unless --force', async () => {
    const dir = freshDir();
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'events.yaml'), 'my own events\n');
    const refused = await runCli(['init', dir]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/events\.yaml already exists.*--force/);
    expect(readFileSync(path.join(dir, 'events.yaml'), 'utf8')).toBe('my own events\n');
    expect(existsSync(path.join(dir, 'events.schema.json'))).toBe(false);

    const forced = await runCli(['init', dir, '--force']);
    expect(forced.code).toBe(0);
    expect(readFileSync(path.join(dir, 'events.yaml'), 'utf8')).toMatch(/^# yaml-language-server/);
  });

  it('fits the example to a custom indicator set: its subject, kinds and substances', async () => {
    const base = defaultSet();
    const custom = {
      version: 2,
      id: 'mx-seizures',
      title: 'Seizures only',
      subject: 'MX',
      source: { title: 'A test framework' },
      // The default method's alert rules name a crisis kind this small set does not define.
      method: { ...base.method, alerts: undefined },
      kinds: { seizure: 'Drugs or precursors seized.' },
      substances: {},
      context: [],
      reasons: base.reasons,
      indicators: [{ id: 'seizures', title: 'Seizures', weight: 1, rationale: 'Seizures show action.', match: [{ kind: 'seizure' }] }],
    };
    const setFile = path.join(tmp, 'mx.yaml');
    writeFileSync(setFile, stringify(custom));
    const dir = freshDir();
    expect((await runCli(['init', dir, '--indicators', setFile])).code).toBe(0);
    const example = parse(readFileSync(path.join(dir, 'events.yaml'), 'utf8')) as { subject: string; events: { kind: string; actor: string }[] };
    expect(example.subject).toBe('MX');
    expect(example.events.map((e) => [e.actor, e.kind])).toEqual([['MX', 'seizure'], ['MX', 'seizure']]);
    const scored = await runCli(['score', path.join(dir, 'events.yaml'), '--indicators', setFile, '--format', 'json']);
    expect(scored.code, scored.stderr).toBe(0);
    expect((JSON.parse(scored.stdout) as ScoreReport).indicators[0]!.evidence).toHaveLength(2);
  });

  it('writes a config with the flags it was given, and a "next:" line whose commands run as printed', async () => {
    const work = freshDir();
    mkdirSync(path.join(work, '.git'), { recursive: true });
    writeFileSync(path.join(work, 'us-mexico.yaml'), readFileSync(`${ROOT}indicators/us-precursor-cooperation.yaml`, 'utf8').replace('id: us-precursor-cooperation', 'id: us-mexico'));
    const run = await runCli(['init', 'mx2', '--indicators', 'us-mexico.yaml', '--subject', 'MX'], { cwd: work });
    expect(run.code, run.stderr).toBe(0);
    const config = parse(readFileSync(path.join(work, 'mx2', 'coopscore.config.yaml'), 'utf8')) as Record<string, unknown>;
    expect(config).toEqual({ version: 1, indicators: '../us-mexico.yaml', subject: 'MX', paths: ['.'] });
    const next = /^next: edit mx2\/events\.yaml, then run: (.*) && (.*) \(in mx2, coopscore\.config\.yaml holds these settings/m.exec(run.stderr);
    expect(next, run.stderr).not.toBeNull();
    expect(next![1]).toBe('coopscore validate mx2/events.yaml --indicators us-mexico.yaml --subject MX');
    expect(next![2]).toBe('coopscore score mx2 --indicators us-mexico.yaml --subject MX');
    // Both commands as printed, and both with no arguments inside the folder (the config there).
    for (const command of [next![1]!, next![2]!]) expect((await runCli(command.split(' ').slice(1), { cwd: work })).code).toBe(0);
    const inside = path.join(work, 'mx2');
    expect((await runCli(['validate'], { cwd: inside })).code).toBe(0);
    const scored = await runCli(['score', '--format', 'json'], { cwd: inside });
    expect(scored.code, scored.stderr).toBe(0);
    expect(JSON.parse(scored.stdout)).toMatchObject({ subject: 'MX', indicatorSet: { id: 'us-mexico' }, inputs: { config: { path: 'coopscore.config.yaml' } } });
    // --no-config: no config written, and the flag is carried too.
    const plain = await runCli(['init', 'plain', '--no-config'], { cwd: work });
    expect(existsSync(path.join(work, 'plain', 'coopscore.config.yaml'))).toBe(false);
    expect(plain.stderr).toContain('coopscore validate plain/events.yaml --no-config && coopscore score plain --no-config\n');
  });

  it('says so in one line, exit 2, when the folder cannot be made', async () => {
    const file = path.join(tmp, 'a-file');
    writeFileSync(file, '');
    const run = await runCli(['init', path.join(file, 'sub')]);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^coopscore: cannot write .*(ENOTDIR|EEXIST)/);
  });
});
