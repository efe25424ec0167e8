import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROBLEM_CODES } from '../src/core/problems.js';
import type { Problem } from '../src/core/types.js';
import { formatProblemsGithub } from '../src/format/problems-github.js';
import { parseYamlDoc } from '../src/io/yaml-doc.js';
import { ROOT } from './helpers/fixtures.js';
import { runCli } from './helpers/cli.js';

const DIR = 'test/fixtures/hostile';
const SEED = readFileSync(path.join(ROOT, 'seeds/2019-2022.yaml'), 'utf8');
const STACK_FRAME = /^\s+at .+[:(]\d+:\d+\)?$/m;

interface Case {
  file: string;
  why: string;
  args?: string[];
  indicators?: boolean;
  scoreArgs?: string[];
  exit: number;
  scoreExit: number;
  problems: Located[];
  scoreWarnings?: Located[];
}
type Located = { code: string; line: number; column: number; severity?: string };
const located = (p: Problem): Located => ({ code: p.code, line: p.line, column: p.column, ...(p.severity === 'warning' ? { severity: 'warning' } : {}) });
const manifest = JSON.parse(readFileSync(path.join(ROOT, DIR, 'expected.json'), 'utf8')) as { today: string; cases: Case[] };

const argsFor = (c: Case, command: 'validate' | 'score') =>
  c.indicators
    ? [command, '--indicators', `${DIR}/${c.file}`, `${DIR}/aliases-ok.yaml`]
    : [command, ...(command === 'score' ? (c.args ?? []).filter((a, i, all) => a !== '--max-warnings' && all[i - 1] !== '--max-warnings') : (c.args ?? [])), `${DIR}/${c.file}`];

const scratch: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'coopscore-hostile-'));
  scratch.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

describe('hostile corpus: every file gets its code, line and column', () => {
  it('has a row in expected.json for every fixture and a fixture for every row', () => {
    const files = readdirSync(path.join(ROOT, DIR)).filter((f) => f !== 'expected.json' && !f.startsWith('.'));
    expect(manifest.cases.map((c) => c.file).sort()).toEqual(files.sort());
  });

  it('covers every problem code: in the corpus, or (for paths, weights files, anchors files and generated inputs) in other tests', () => {
    const pathCodes = ['file-not-found', 'read-error', 'no-input', 'no-events'];
    const weightsCodes = ['unknown-indicator', 'invalid-weight', 'all-weights-zero']; // test/weights.test.ts
    // large-file needs a 10 MiB file, line-too-long a 1 MiB line, symlink-skipped a link out of the
    // repository: test/large-file.test.ts and test/hostile-paths.test.ts make them.
    const generated = ['large-file', 'line-too-long', 'symlink-skipped'];
    const anchorsCodes = ['unknown-band']; // test/calibrate.test.ts
    const covered = new Set([...manifest.cases.flatMap((c) => [...c.problems, ...(c.scoreWarnings ?? [])].map((p) => p.code)), ...pathCodes, ...weightsCodes, ...generated, ...anchorsCodes]);
    expect(Object.keys(PROBLEM_CODES).filter((code) => !covered.has(code))).toEqual([]);
  });

  it('lists every problem code in the README table with the same meaning', () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const start = readme.indexOf('## Problem codes');
    const table = readme.slice(start, readme.indexOf('\n## ', start + 1));
    const rows = [...table.matchAll(/^\| `([a-z-]+)` \| (.+) \|$/gm)].map((m) => [m[1], m[2]]);
    expect(Object.fromEntries(rows)).toEqual(PROBLEM_CODES);
  });

  it.each(manifest.cases)('$file: $why', async (c) => {
    const validated = await runCli([...argsFor(c, 'validate'), '--format', 'json'], { today: manifest.today });
    const problems = JSON.parse(validated.stdout) as Problem[];
    expect(problems.map(located)).toEqual(c.problems);
    expect(validated.code).toBe(c.exit);
    for (const p of problems) expect(p.file).toBe(`${DIR}/${c.file}`);

    const scored = await runCli([...argsFor(c, 'score'), ...(c.scoreArgs ?? []), '--format', 'json'], { today: manifest.today });
    expect(scored.code).toBe(c.scoreExit);
    if (c.scoreWarnings) expect((JSON.parse(scored.stdout) as { warnings: Problem[] }).warnings.map(located)).toEqual(c.scoreWarnings);
    for (const run of [validated, scored]) {
      expect(run.stderr).not.toMatch(STACK_FRAME);
      expect(run.stderr).not.toContain('internal error');
    }
    if (c.scoreExit === 2) expect(scored.stdout).toBe(''); // never a partial report
  });

  it('prints file:line:col, severity and code in text, with a code frame under the bad bytes', async () => {
    const run = await runCli(['validate', `${DIR}/latin1.yaml`]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`${DIR}/latin1.yaml:8:19  error  invalid-encoding  byte 0xE9 is not UTF-8`);
    const date = await runCli(['validate', `${DIR}/crlf.yaml`]);
    expect(date.stdout).toContain(`${DIR}/crlf.yaml:4:11  error  invalid-date`);
    expect(date.stdout).toMatch(/> 4 \|     date: 2024-13-01\n +\|           \^{10}\n/);
  });

  it('lists every problem of every file, sorted by file, line and column; score refuses them all', async () => {
    const files = ['two-documents.yaml', 'date-feb-30.yaml', 'proto-keys.yaml', 'latin1.yaml'].map((f) => `${DIR}/${f}`);
    const run = await runCli(['validate', '--format', 'json', ...files]);
    const problems = JSON.parse(run.stdout) as Problem[];
    expect(new Set(problems.map((p) => p.file))).toEqual(new Set(files));
    const keys = problems.map((p) => [p.file, p.line, p.column] as const);
    const sorted = [...keys].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1] || a[2] - b[2]));
    expect(keys).toEqual(sorted);
    expect(problems).toHaveLength(6);

    const score = await runCli(['score', ...files]);
    expect(score.code).toBe(2);
    for (const f of files) expect(score.stderr).toContain(f);
    expect(score.stderr).toContain('6 problems (6 errors, 0 warnings) in 4 files');
    expect(score.stdout).toBe('');
  });

  it('reports a syntax error once, with a count of the echoes after it', async () => {
    const run = await runCli(['validate', '--format', 'json', `${DIR}/tabs.yaml`]);
    const [p] = JSON.parse(run.stdout) as Problem[];
    expect(p!.message).toMatch(/^Tabs are not allowed as indentation \(and \d+ more errors after it/);
    expect(p!.hint).toMatch(/spaces/);
  });
});

describe('resource limits', () => {
  it('refuses the alias bomb without building it', async () => {
    const run = await runCli(['validate', '--format', 'json', `${DIR}/alias-bomb.yaml`]);
    expect(JSON.parse(run.stdout)[0].code).toBe('too-many-aliases');

    // A far wider bomb (20 levels of 20): refused at the same cost, since nothing is expanded.
    const lines = ['subject: CN', 'events: []', `l0: &l0 [${Array(20).fill('"lol"').join(', ')}]`];
    for (let i = 1; i < 20; i++) lines.push(`l${i}: &l${i} [${Array(20).fill(`*l${i - 1}`).join(', ')}]`);
    const doc = parseYamlDoc('bomb.yaml', lines.join('\n'));
    expect(doc.problems.map((p) => p.code)).toEqual(['too-many-aliases']);
    expect(doc.data).toBeUndefined();
  });

  it('allows aliases up to the cap and refuses one past it', () => {
    const doc = (n: number) => `shared: &s x\nlist: [${Array(n).fill('*s').join(', ')}]\n`;
    expect(parseYamlDoc('a.yaml', doc(10_000), { maxDepth: 64, maxAliasValues: 10_000 }).problems).toEqual([]);
    expect(parseYamlDoc('a.yaml', doc(10_001), { maxDepth: 64, maxAliasValues: 10_000 }).problems.map((p) => p.code)).toEqual(['too-many-aliases']);
  });

  it('finds a duplicate among 20,000 keys', () => {
    const keys = Array.from({ length: 20_000 }, (_, i) => `k${i}: ${i}`);
    keys.push('k7: again');
    const doc = parseYamlDoc('many.yaml', keys.join('\n'));
    expect(doc.problems.map((p) => [p.code, p.line, p.column])).toEqual([['duplicate-key', 20_001, 1]]);
  });

  it('refuses a file above --max-file-size before reading it, and takes K/M/G sizes', async () => {
    const big = await runCli(['validate', '--max-file-size', '1K', 'seeds/2019-2022.yaml']);
    expect(big.code).toBe(1);
    expect(big.stdout).toContain('file-too-large');
    expect((await runCli(['validate', '--max-file-size', '1MiB', 'seeds/2019-2022.yaml'])).code).toBe(0);
    const bad = await runCli(['validate', '--max-file-size', 'lots', 'seeds/2019-2022.yaml']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--max-file-size takes a size');
    const stdin = await runCli(['score', '--max-file-size', '100', '-'], { stdin: SEED });
    expect(stdin.code).toBe(2);
    expect(stdin.stderr).toContain('<stdin>  error  file-too-large');
  });
});

describe('prototype pollution', () => {
  const protoFiles = () => {
    const dir = tempDir();
    const yaml = [
      '__proto__: { polluted: yes }',
      'subject: CN',
      'events:',
      '  - __proto__: { polluted: yes, isAdmin: true }',
      '    constructor: { prototype: { polluted: yes } }',
      '    id: cn-x',
      '    source: { title: t, __proto__: { polluted: yes } }',
      '    tags: [{ __proto__: { polluted: yes } }]',
    ].join('\n');
    const json = '{"__proto__": {"polluted": "yes"}, "subject": "CN", "events": [{"__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}}}]}';
    writeFileSync(path.join(dir, 'proto.yaml'), yaml);
    writeFileSync(path.join(dir, 'proto.json'), json);
    writeFileSync(path.join(dir, 'set.yaml'), readFileSync(path.join(ROOT, DIR, 'set-ok.yaml'), 'utf8').replace('  dialogue: Meetings.', '  dialogue: Meetings.\n  constructor: A kind named after the prototype slot.'));
    return dir;
  };
  const snapshot = () => [Object.prototype, Array.prototype, Function.prototype, String.prototype].map((p) => Object.getOwnPropertyNames(p).sort());

  it('never lets __proto__, constructor or prototype keys reach an object prototype', async () => {
    const dir = protoFiles();
    const before = snapshot();
    const runs = [
      await runCli(['validate', '--format', 'json', dir]),
      await runCli(['score', '--format', 'json', dir]),
      await runCli(['validate', '--indicators', path.join(dir, 'set.yaml'), `${DIR}/aliases-ok.yaml`]),
    ];
    expect(snapshot()).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    expect(runs.map((r) => r.code)).toEqual([1, 2, 1]);
    const codes = (JSON.parse(runs[0]!.stdout) as Problem[]).map((p) => `${p.file.split('/').pop()}:${p.line}:${p.code}`);
    expect(codes).toContain('proto.yaml:1:reserved-key');
    expect(codes).toContain('proto.yaml:4:reserved-key');
    expect(codes).toContain('proto.json:1:reserved-key');
    expect(runs[2]!.stdout).toContain('reserved-key');
  });

  it('builds no data from a file with a reserved key', () => {
    const doc = parseYamlDoc('p.yaml', 'a: { __proto__: { polluted: 1 } }\n');
    expect(doc.data).toBeUndefined();
    expect(doc.problems.map((p) => [p.code, p.line, p.column])).toEqual([['reserved-key', 1, 6]]);
  });
});

describe('files and paths', () => {
  it('a path that does not exist, an empty folder and a glob that matches nothing exit 2', async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'empty'));
    writeFileSync(path.join(dir, 'notes.txt'), 'not an event file');
    for (const command of ['validate', 'score']) {
      const missing = await runCli([command, 'no/such/file.yaml']);
      expect([missing.code, missing.stdout + missing.stderr]).toEqual([2, expect.stringContaining('file-not-found')]);
      const empty = await runCli([command, path.join(dir, 'empty')]);
      expect([empty.code, empty.stdout + empty.stderr]).toEqual([2, expect.stringContaining('no-input')]);
      const glob = await runCli([command, `${dir}/**/*.yaml`]);
      expect([glob.code, glob.stdout + glob.stderr]).toEqual([2, expect.stringContaining('no-input')]);
    }
    // Files that hold no events at all: valid (with a warning), but nothing to score.
    const none = await runCli(['score', `${DIR}/empty-events.yaml`]);
    expect([none.code, none.stderr]).toEqual([2, expect.stringContaining('no-events')]);
  });

  it('reads a file named twice, or reached through a link, once', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'a.yaml'), SEED);
    symlinkSync('a.yaml', path.join(dir, 'b.yaml'));
    const file = path.join(dir, 'a.yaml');
    const run = await runCli(['score', '--format', 'json', file, file, dir, `${dir}/*.yaml`]);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as { inputs: { files: unknown[]; events: number } };
    expect(report.inputs.files).toHaveLength(1);
    expect(report.inputs.events).toBe(9);
  });

  it('names a symlink loop, and a broken link named like an event file, instead of skipping them', async () => {
    const dir = tempDir();
    symlinkSync('loop-b.yaml', path.join(dir, 'loop-a.yaml'));
    symlinkSync('loop-a.yaml', path.join(dir, 'loop-b.yaml'));
    const direct = await runCli(['validate', '--format', 'json', path.join(dir, 'loop-a.yaml')]);
    expect(direct.code).toBe(2);
    expect(JSON.parse(direct.stdout)[0]).toMatchObject({ code: 'read-error', message: expect.stringContaining('symlink loop') });

    const folder = tempDir();
    writeFileSync(path.join(folder, 'good.yaml'), SEED);
    mkdirSync(path.join(folder, 'sub'));
    symlinkSync('..', path.join(folder, 'sub', 'up')); // a folder loop: searched once, not forever
    symlinkSync('gone.yaml', path.join(folder, 'broken.yaml'));
    const walked = await runCli(['validate', '--format', 'json', folder]);
    expect(walked.code).toBe(2);
    // The seed's own look-alike events (possible-duplicate) are another test's concern.
    const problems = (JSON.parse(walked.stdout) as Problem[]).filter((p) => p.code !== 'possible-duplicate');
    expect(problems.map((p) => [p.file.split('/').pop(), p.code])).toEqual([['broken.yaml', 'read-error']]);
  });

  it('reports permission denied without a stack trace (through the real bin, as an unprivileged user)', () => {
    const dir = tempDir();
    chmodSync(dir, 0o755);
    const file = path.join(dir, 'secret.yaml');
    writeFileSync(file, SEED);
    chmodSync(file, 0o000);
    const asRoot = process.getuid?.() === 0;
    const result = spawnSync(process.execPath, [path.join(ROOT, 'bin/coopscore.js'), 'validate', file], {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
      ...(asRoot ? { uid: 65534, gid: 65534 } : {}), // root reads anything; drop to nobody to see EACCES
    });
    expect(result.status).toBe(2);
    expect(result.stdout).toContain('read-error');
    expect(result.stdout).toContain('permission denied (EACCES)');
    expect(result.stderr).not.toMatch(STACK_FRAME);
  });

  it('says stdin is empty, and the same when stdin is closed (real bin)', async () => {
    const empty = await runCli(['validate', '-']);
    expect(empty.code).toBe(1);
    expect(empty.stdout).toContain('<stdin>  error  empty-file  stdin is empty');
    expect((await runCli(['score', '-'])).code).toBe(2);
    const closed = spawnSync('sh', ['-c', `"${process.execPath}" "${path.join(ROOT, 'bin/coopscore.js')}" validate - <&-`], {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(closed.status).toBe(1);
    expect(closed.stdout).toContain('empty-file');
    expect(closed.stderr).not.toMatch(STACK_FRAME);
  });
});

describe('warnings', () => {
  it('warns of a date after today, and fails only past --max-warnings', async () => {
    const file = `${DIR}/date-far-future.yaml`;
    const plain = await runCli(['validate', '--format', 'json', file], { today: '2025-01-01' });
    expect(plain.code).toBe(0);
    expect(JSON.parse(plain.stdout)).toEqual([expect.objectContaining({ code: 'future-date', severity: 'warning', line: 4, column: 11 })]);
    expect((await runCli(['validate', '--max-warnings', '1', file], { today: '2025-01-01' })).code).toBe(0);
    expect((await runCli(['validate', '--max-warnings', '0', file], { today: '2025-01-01' })).code).toBe(1);
    // Tomorrow is allowed for time zones; the day after is not.
    const at = (date: string) => SEED.replace('date: 2019-07-01', `date: ${date}`);
    expect(SEED).toContain('date: 2019-07-01');
    const today = '2025-01-01';
    expect(JSON.parse((await runCli(['validate', '--format', 'json', '-'], { stdin: at('2025-01-02'), today })).stdout)).toEqual([]);
    expect(JSON.parse((await runCli(['validate', '--format', 'json', '-'], { stdin: at('2025-01-03'), today })).stdout)[0].code).toBe('future-date');
  });

  it('names and places the source warnings alike in YAML and JSON Lines: one source, a list of one, a list of several', async () => {
    const events = [
      { id: 'several', date: '2024-01-01', actor: 'CN', kind: 'arrest', status: 'enforced', summary: 'Several reports.', sources: [{ title: 'One', published: '2031-01-01' }, { title: 'Two', reliability: 'B', credibility: 2, published: '2032-05-05' }] },
      { id: 'listed', date: '2024-01-02', actor: 'CN', kind: 'seizure', status: 'enforced', summary: 'A list of one.', sources: [{ title: 'Only', published: '2029-01-01' }] },
      { id: 'plain', date: '2030-01-01', actor: 'CN', kind: 'prosecution', status: 'enforced', summary: 'One source.', source: { title: 'Plain', reliability: 'C', published: '2033-01-01' } },
    ];
    const dir = mkdtempSync(path.join(tmpdir(), 'coopscore-source-warnings-'));
    try {
      const yamlFile = path.join(dir, 'events.yaml');
      const jsonlFile = path.join(dir, 'events.jsonl');
      writeFileSync(yamlFile, `events:\n${events.map((e) => `  - ${JSON.stringify(e)}`).join('\n')}\n`);
      writeFileSync(jsonlFile, `${events.map((e) => JSON.stringify(e)).join('\n')}\n`);
      const read = async (file: string) => (JSON.parse((await runCli(['validate', '--format', 'json', file], { today: '2026-12-02' })).stdout) as Problem[]).filter((p) => p.code !== 'possible-duplicate');
      const yaml = await read(yamlFile);
      expect(yaml.map((p) => `${p.code}: ${p.message.split(':')[0]}`)).toEqual([
        'ungraded-source: source 0 of event "several" has no reliability (A-F) or credibility (1-6) grade',
        'future-date: source 0 of event "several" is dated 2031-01-01, after today (2026-12-02)',
        'future-date: source 1 of event "several" is dated 2032-05-05, after today (2026-12-02)',
        'ungraded-source: the source of event "listed" has no reliability (A-F) or credibility (1-6) grade',
        'future-date: the source of event "listed" is dated 2029-01-01, after today (2026-12-02)',
        'future-date: event "plain" is dated 2030-01-01, after today (2026-12-02)',
        'ungraded-source: the source of event "plain" has no credibility (1-6) grade',
        'future-date: the source of event "plain" is dated 2033-01-01, after today (2026-12-02)',
      ]);
      const jsonl = await read(jsonlFile);
      // The same warnings in the same order, each on its event's own line, at the field it names.
      expect(jsonl.map((p) => p.message)).toEqual(yaml.map((p) => p.message));
      expect(jsonl.map((p) => p.line)).toEqual([1, 1, 1, 2, 2, 3, 3, 3]);
      const lines = readFileSync(jsonlFile, 'utf8').split('\n');
      expect(jsonl.map((p) => lines[p.line - 1]!.slice(p.column - 1, p.column + 11))).toEqual([
        '{"title":"On', '"2031-01-01"', '"2032-05-05"', '{"title":"On', '"2029-01-01"', '"2030-01-01"', '{"title":"Pl', '"2033-01-01"',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('score prints a future-date warning but keeps it out of the report, whose bytes must not depend on the day', async () => {
    const file = `${DIR}/date-far-future.yaml`;
    const a = await runCli(['score', '--format', 'json', file], { today: '2025-01-01' });
    const b = await runCli(['score', '--format', 'json', file], { today: '2300-01-01' });
    expect(a.code).toBe(0);
    expect(a.stderr).toContain('future-date');
    expect(b.stderr).not.toContain('future-date');
    expect(a.stdout).toBe(b.stdout);
  });
});

describe('CI formats', () => {
  // long-string.yaml (20 kB) is over the 10K limit given below; the others are not.
  const bad = ['date-feb-30.yaml', 'latin1.yaml', 'long-string.yaml', 'proto-keys.yaml', 'ungraded-source.yaml'];

  it('sarif: a SARIF 2.1.0 log with one rule per code, results pointing at the manifest lines', async () => {
    const run = await runCli(['validate', '--format', 'sarif', '--max-file-size', '10K', ...bad.map((f) => `${DIR}/${f}`)]);
    expect(run.code).toBe(1);
    const log = JSON.parse(run.stdout);
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toMatch(/sarif-2\.1\.0/);
    const [sarifRun] = log.runs;
    type Rule = { id: string; name: string; shortDescription: { text: string }; fullDescription: { text: string }; help: { text: string; markdown: string }; helpUri: string };
    const rules = sarifRun.tool.driver.rules as Rule[];
    expect(rules.map((r) => r.id)).toEqual(Object.keys(PROBLEM_CODES));
    // What the SARIF Multitool's SARIF and GitHub rule sets ask of a rule and of the tool.
    expect(sarifRun.tool.driver.informationUri).toMatch(/^https:\/\//);
    for (const rule of rules) {
      const meaning = PROBLEM_CODES[rule.id as keyof typeof PROBLEM_CODES];
      expect(rule.shortDescription.text).toBe(meaning);
      expect(rule.fullDescription.text.startsWith(meaning)).toBe(true);
      expect(rule.fullDescription.text.length).toBeGreaterThan(meaning.length);
      expect(rule.help.text.startsWith(meaning)).toBe(true);
      expect(rule.help.markdown).toContain('](https://');
      expect(rule.helpUri).toMatch(/^https:\/\/.+#problem-codes$/);
      expect(rule.name).toMatch(/^[A-Z][A-Za-z0-9]+$/);
    }

    type SarifResult = { ruleId: string; ruleIndex: number; level: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number; startColumn: number } } }[] };
    const results = sarifRun.results as SarifResult[];
    for (const r of results) expect(rules[r.ruleIndex]!.id).toBe(r.ruleId);
    const where = results.map((r) => {
      const loc = r.locations[0]!.physicalLocation;
      return [loc.artifactLocation.uri.split('/').pop(), r.ruleId, loc.region?.startLine ?? 0, loc.region?.startColumn ?? 0, r.level];
    });
    const expected = bad.flatMap((file) =>
      file === 'long-string.yaml'
        ? [[file, 'file-too-large', 0, 0, 'error']] // a problem with the whole file has a location but no region
        : manifest.cases.find((c) => c.file === file)!.problems.map((p) => [file, p.code, p.line, p.column, p.severity ?? 'error']),
    );
    expect(where).toEqual(expected);
  });

  it('github: one workflow command per problem, carrying file, line and column', async () => {
    const run = await runCli(['validate', '--format', 'github', ...bad.map((f) => `${DIR}/${f}`)]);
    expect(run.code).toBe(1);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines).toContain(
      `::error file=${DIR}/date-feb-30.yaml,line=4,col=11,endLine=4,endColumn=21,title=coopscore invalid-date::"2024-02-30" is not a calendar date (YYYY-MM-DD)`,
    );
    expect(lines.some((l) => l.startsWith(`::warning file=${DIR}/ungraded-source.yaml,line=9,col=13,`))).toBe(true);
    for (const line of lines) expect(line).toMatch(/^::(error|warning) file=[^,]+,line=\d+,col=\d+,.*title=coopscore [a-z-]+::./);
  });

  it('github: escapes separators in properties and line breaks in messages', () => {
    const p: Problem = { file: 'a,b:c.yaml', line: 0, column: 0, endLine: 0, endColumn: 0, severity: 'warning', code: 'read-error', message: '100% bad\nsecond line' };
    expect(formatProblemsGithub([p])).toBe('::warning file=a%2Cb%3Ac.yaml,title=coopscore read-error::100%25 bad%0Asecond line\n');
  });

  it('json: the documented fields, and --quiet drops warnings', async () => {
    const run = await runCli(['validate', '--format', 'json', `${DIR}/ungraded-source.yaml`, `${DIR}/date-feb-30.yaml`]);
    const problems = JSON.parse(run.stdout) as Record<string, unknown>[];
    for (const p of problems) {
      expect(Object.keys(p).filter((k) => k !== 'hint')).toEqual(['file', 'line', 'column', 'endLine', 'endColumn', 'severity', 'code', 'message']);
    }
    const quiet = await runCli(['validate', '--quiet', '--format', 'json', `${DIR}/ungraded-source.yaml`, `${DIR}/date-feb-30.yaml`]);
    expect((JSON.parse(quiet.stdout) as Problem[]).map((p) => p.severity)).toEqual(['error']);
  });
});
