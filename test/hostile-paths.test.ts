import { spawnSync } from 'node:child_process';
import { lstatSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Problem } from '../src/core/types.js';
import { jsonErrorAt, MAX_LINE_CHARS } from '../src/io/jsonl.js';
import { runCli } from './helpers/cli.js';
import { ROOT } from './helpers/fixtures.js';

/**
 * The reproductions of the hostile-input review that are not a single fixture file: outputs (-o),
 * paths (symlinks, devices), large generated inputs, numbers, and messages. Each asserts its exit
 * code and that no stack trace reaches the user.
 */

const SEED = readFileSync(path.join(ROOT, 'seeds/2024.yaml'), 'utf8');
const STACK_FRAME = /^\s+at .+[:(]\d+:\d+\)?$/m;
const BIN = path.join(ROOT, 'bin/coopscore.js');
const scratch: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'coopscore-paths-'));
  scratch.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

const event = (id: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ id, date: '2024-01-31', actor: 'CN', kind: 'arrest', status: 'enforced', summary: 'x', source: { title: 't', reliability: 'A', credibility: 1 }, ...extra });

describe('-o never destroys what it points at', () => {
  it('refuses an output that is one of the inputs, by any name, and writes nothing', async () => {
    const dir = tempDir();
    const input = path.join(dir, 'in.yaml');
    writeFileSync(input, SEED);
    symlinkSync('in.yaml', path.join(dir, 'alias.yaml'));
    for (const args of [
      ['score', input, '-o', input],
      ['score', dir, '-o', path.join(dir, 'alias.yaml')],
      ['trend', input, '--format', 'csv', '-o', input],
      ['validate', input, '--format', 'json', '-o', input],
      ['calibrate', input, '--anchors', path.join(ROOT, 'seeds', 'anchors.yaml'), '-o', input],
    ]) {
      const run = await runCli(args);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('one of the inputs; nothing written');
      expect(readFileSync(input, 'utf8')).toBe(SEED);
    }
    const report = path.join(dir, 'base.json');
    expect((await runCli(['score', input, '--format', 'json', '-o', report])).code).toBe(0);
    const saved = readFileSync(report, 'utf8');
    const diffed = await runCli(['diff', report, report, '-o', report]);
    expect([diffed.code, readFileSync(report, 'utf8')]).toEqual([2, saved]);
    const weights = path.join(dir, 'w.yaml');
    writeFileSync(weights, 'version: 1\nweights:\n  prosecutions: 2\n');
    expect((await runCli(['score', input, '--weights', weights, '-o', weights])).code).toBe(2);
  });

  it('writes through a symbolic link (the link stays) and into a device, as a shell redirect would', async () => {
    const dir = tempDir();
    const input = path.join(dir, 'in.yaml');
    writeFileSync(input, SEED);
    writeFileSync(path.join(dir, 'target.txt'), 'old');
    symlinkSync('target.txt', path.join(dir, 'link.txt'));
    symlinkSync('new.txt', path.join(dir, 'dangling.txt'));
    expect((await runCli(['score', input, '-o', path.join(dir, 'link.txt')])).code).toBe(0);
    expect((await runCli(['score', input, '-o', path.join(dir, 'dangling.txt')])).code).toBe(0);
    expect(lstatSync(path.join(dir, 'link.txt')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(path.join(dir, 'link.txt'))).toBe('target.txt');
    expect(readFileSync(path.join(dir, 'target.txt'), 'utf8')).toContain('Composite');
    expect(readFileSync(path.join(dir, 'new.txt'), 'utf8')).toContain('Composite');
    const run = await runCli(['score', input, '-o', '/dev/null']);
    expect(run.code).toBe(0);
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
    // JSON is written in chunks (json-chunks.ts): through each kind of path, the bytes stdout gets.
    const json = (await runCli(['score', input, '--format', 'json'])).stdout;
    for (const [name, read] of [['link.txt', 'target.txt'], ['dangling.txt', 'new.txt'], ['plain.json', 'plain.json']]) {
      expect((await runCli(['score', input, '--format', 'json', '-o', path.join(dir, name!)])).code).toBe(0);
      expect(readFileSync(path.join(dir, read!), 'utf8'), name).toBe(json);
    }
  });

  it('names the output, never a temp file, when it cannot write (init --force over a folder)', async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'events.yaml'));
    const run = await runCli(['init', dir, '--force']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('events.yaml');
    expect(run.stderr).not.toMatch(/\.tmp|\.\d+\.[0-9a-f]{8}/);
  });

  it('gives a slow reader every byte, waiting for the pipe between chunks (through the real bin)', () => {
    // The seeds' JSON report (~90 KB) is more than a pipe holds (64 KiB), so the writer must wait for
    // the reader to drain it; a reader that sleeps first makes sure the pipe is full when it does.
    const direct = spawnSync(process.execPath, [BIN, 'score', 'seeds', '--format', 'json'], { cwd: ROOT, encoding: 'utf8' });
    expect(direct.stdout.length).toBeGreaterThan(65_536);
    const slow = spawnSync('bash', ['-c', `node ${JSON.stringify(BIN)} score seeds --format json | (sleep 1; cat); echo "exit=\${PIPESTATUS[0]}" >&2`], { cwd: ROOT, encoding: 'utf8' });
    expect(slow.stdout).toBe(direct.stdout);
    expect(slow.stderr).toContain('exit=0');
  });

  it('ends quietly with the exit code when the reader closes the pipe (through the real bin)', () => {
    const result = spawnSync('bash', ['-c', `node ${JSON.stringify(BIN)} trend seeds --every month --format json | head -c 1 >/dev/null; echo "exit=\${PIPESTATUS[0]}" >&2`], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(result.stderr).not.toMatch(STACK_FRAME);
    expect(result.stderr).not.toContain('EPIPE');
    expect(result.stderr).toContain('exit=0');
  });
});

describe('paths: symbolic links, devices, stdin', () => {
  it('does not follow a link in a folder that leads outside it, unless --follow-symlinks', async () => {
    const outside = tempDir();
    writeFileSync(path.join(outside, 'secret.yaml'), 'root:x:0:0:root:/root:/bin/bash\n');
    const dir = tempDir();
    symlinkSync(path.join(outside, 'secret.yaml'), path.join(dir, 'leak.yaml'));
    const run = await runCli(['validate', '--format', 'json', dir]);
    const problems = JSON.parse(run.stdout) as Problem[];
    expect(problems.map((p) => [p.code, p.severity])).toEqual([
      ['no-input', 'error'],
      ['symlink-skipped', 'warning'],
    ]);
    expect(problems[1]!.message).toContain(path.join(outside, 'secret.yaml'));
    expect(run.stdout + run.stderr).not.toContain('/bin/bash');
    expect(run.code).toBe(2);

    const text = await runCli(['validate', dir]);
    expect(text.stdout + text.stderr).not.toContain('/bin/bash');

    const followed = await runCli(['validate', '--format', 'json', '--follow-symlinks', dir]);
    expect((JSON.parse(followed.stdout) as Problem[]).map((p) => p.code)).toContain('not-a-mapping');
  });

  it('never walks the file system through a link to / or to a folder above, even with --follow-symlinks', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'good.yaml'), SEED);
    symlinkSync('/', path.join(dir, 'root'));
    mkdirSync(path.join(dir, 'sub'));
    symlinkSync(path.dirname(dir), path.join(dir, 'sub', 'up'));
    for (const extra of [[], ['--follow-symlinks']]) {
      const run = await runCli(['validate', '--format', 'json', ...extra, dir]);
      const problems = (JSON.parse(run.stdout) as Problem[]).filter((p) => p.code === 'symlink-skipped' || p.severity === 'error');
      expect(problems.map((p) => [p.file.split('/').pop(), p.code])).toEqual([
        ['root', 'symlink-skipped'],
        ['up', 'symlink-skipped'],
      ]);
      expect(run.code).toBe(0);
    }
  });

  it('reads /dev/zero named .jsonl only to the first NUL, and a broken link is worded as one', async () => {
    const dir = tempDir();
    symlinkSync('/dev/zero', path.join(dir, 'zero.jsonl'));
    symlinkSync('/dev/zero', path.join(dir, 'zero.yaml'));
    for (const name of ['zero.jsonl', 'zero.yaml']) {
      const run = await runCli(['validate', '--format', 'json', path.join(dir, name)]);
      expect((JSON.parse(run.stdout) as Problem[]).map((p) => [p.code, p.line, p.column])).toEqual([['binary-file', 1, 1]]);
    }
    const folder = tempDir();
    symlinkSync('gone.yaml', path.join(folder, 'broken.yaml'));
    const broken = await runCli(['validate', '--format', 'json', folder]);
    expect((JSON.parse(broken.stdout) as Problem[])[0]!.message).toContain('a broken symbolic link (its target gone.yaml does not exist)');
    const missing = await runCli(['validate', '--format', 'json', path.join(folder, 'vanished.yaml')]);
    expect(missing.stdout).not.toContain('broken symbolic link');
  });

  it('reads stdin as JSON Lines with --stdin-filename, and names it so', async () => {
    const stdin = `${event('in-1')}\n${event('in-2', { kind: 'nope' })}\n`;
    const run = await runCli(['validate', '--format', 'json', '--stdin-filename', 'feed.jsonl', '-'], { stdin });
    expect((JSON.parse(run.stdout) as Problem[]).map((p) => `${p.file}:${p.line}:${p.column} ${p.code}`)).toEqual(['feed.jsonl:2:54 unknown-kind']);
    const yaml = await runCli(['validate', '--format', 'json', '-'], { stdin });
    expect(yaml.code).toBe(1); // without the flag stdin is YAML, and two JSON objects on two lines are not
    const big = await runCli(['validate', '--format', 'json', '--max-file-size', '100', '--stdin-filename', 'feed.jsonl', '-'], { stdin });
    expect((JSON.parse(big.stdout) as Problem[]).map((p) => p.code)).toEqual(['file-too-large']);
  });

  it('cuts a JSON Lines line longer than the limit and reads on', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'long.jsonl');
    writeFileSync(file, `${event('l-1')}\n{"id":"l-2","summary":"${'x'.repeat(MAX_LINE_CHARS + 10)}"}\n${event('l-3', { kind: 'nope' })}\n`);
    const run = await runCli(['validate', '--format', 'json', '--max-file-size', '4M', file]);
    expect((JSON.parse(run.stdout) as Problem[]).map((p) => [p.code, p.line, p.column])).toEqual([
      ['line-too-long', 2, 1],
      ['unknown-kind', 3, 53],
    ]);
    expect(run.code).toBe(1);
  });
});

describe('large inputs: no recursion or spread over input-sized data', () => {
  // Large on purpose (push(...items) overflowed past ~120,000 items): a generous timeout on a busy machine.
  it('checks a list of 130,000 items and 20,000 lines of {} without overflowing the stack', { timeout: 180_000 }, async () => {
    const dir = tempDir();
    const yaml = path.join(dir, 'ones.yaml');
    writeFileSync(yaml, `events: [${new Array(130_000).fill('1').join(',')}]\n`);
    const run = await runCli(['validate', '--format', 'json', yaml]);
    expect(run.code).toBe(1);
    expect((JSON.parse(run.stdout) as Problem[]).length).toBe(130_000);
    expect(run.stderr).not.toMatch(/internal error/);

    const jsonl = path.join(dir, 'empty-objects.jsonl');
    writeFileSync(jsonl, '{}\n'.repeat(20_000));
    const lines = await runCli(['validate', '--format', 'json', jsonl]);
    expect(lines.code).toBe(1);
    expect(lines.stderr).not.toMatch(/internal error/);
  });

  it('places 5,000 unknown keys in one mapping each at its own line', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'keys.yaml');
    const keys = Array.from({ length: 5000 }, (_, i) => `    k${i}: 1`).join('\n');
    writeFileSync(file, `events:\n  - id: k-1\n    date: 2024-01-31\n    actor: CN\n    kind: arrest\n    status: enforced\n    summary: x\n    source: { title: t, reliability: A, credibility: 1 }\n${keys}\n`);
    const run = await runCli(['validate', '--format', 'json', file]);
    const problems = JSON.parse(run.stdout) as Problem[];
    expect(problems).toHaveLength(5000);
    problems.forEach((p, i) => expect([p.code, p.line, p.column]).toEqual(['unknown-key', 9 + i, 5]));
  });
});

describe('numbers and reports', () => {
  it('refuses weights that would overflow, instead of a NaN composite that passes --fail-below', async () => {
    const dir = tempDir();
    const weights = path.join(dir, 'huge.yaml');
    writeFileSync(weights, 'version: 1\nweights:\n  intel-responsiveness: 1e308\n  prosecutions: 1e308\n');
    const run = await runCli(['score', 'seeds', '--weights', weights, '--fail-below', '1', '--min-coverage', '0.9']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('invalid-weight');
    expect(run.stdout).not.toContain('NaN');
  });

  it('treats --since after the scoring date as a usage error', async () => {
    const run = await runCli(['score', 'seeds', '--since', '2030-01-01']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--since 2030-01-01 is after the scoring date');
  });

  it('diff refuses reports with no indicators, a repeated indicator, or a composite its contributions do not make', async () => {
    const dir = tempDir();
    const base = path.join(dir, 'base.json');
    expect((await runCli(['score', 'seeds', '--format', 'json', '-o', base])).code).toBe(0);
    const report = JSON.parse(readFileSync(base, 'utf8')) as { score: number; indicators: unknown[] };
    const variants: [string, (r: typeof report) => void, string][] = [
      ['none', (r) => (r.indicators = []), 'has no indicators'],
      ['twice', (r) => r.indicators.push(r.indicators[0]), 'twice'],
      ['edited', (r) => (r.score = 99.5), 'contribute'],
    ];
    for (const [name, edit, words] of variants) {
      const copy = structuredClone(report);
      edit(copy);
      const file = path.join(dir, `${name}.json`);
      writeFileSync(file, JSON.stringify(copy));
      const run = await runCli(['diff', base, file]);
      expect([run.code, run.stderr]).toEqual([2, expect.stringContaining(words)]);
    }
    const small = await runCli(['diff', base, base, '--max-file-size', '1K']);
    expect([small.code, small.stderr]).toEqual([2, expect.stringContaining('--max-file-size')]);
    expect((await runCli(['diff', base, base, '--max-file-size', '10M'])).code).toBe(0);
  });

  it('caps --sensitivity at 10,000 draws', async () => {
    const run = await runCli(['score', 'seeds', '--sensitivity=100000']);
    expect([run.code, run.stderr]).toEqual([2, expect.stringContaining('from 1 to 10000')]);
  });

  it('does not suggest a coarser --every when year is already the coarsest', async () => {
    const run = await runCli(['trend', 'seeds', '--every', 'year', '--since', '0001-01-01']);
    expect(run.code).toBe(2);
    expect(run.stderr).not.toContain('coarser');
    const months = await runCli(['trend', 'seeds', '--every', 'month', '--since', '1900-01-01']);
    expect(months.stderr).toContain('a coarser --every');
  });
});

describe('text from files is neutralised in every text output', () => {
  const injected = 'test/fixtures/hostile/escape-injection.yaml';

  it('never prints a raw control character, and no line a CI runner would run', async () => {
    for (const format of ['text', 'github', 'sarif', 'json']) {
      const run = await runCli(['validate', '--format', format, injected]);
      const out = run.stdout + run.stderr;
      expect(out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
      const commands = out.split('\n').filter((line) => line.startsWith('::'));
      expect(commands).toHaveLength(format === 'github' ? 1 : 0);
    }
    const scored = await runCli(['score', injected]);
    expect(scored.stdout + scored.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  });

  it('quotes a hostile band id as text in trend CSV', async () => {
    const dir = tempDir();
    const set = readFileSync(path.join(ROOT, 'indicators/us-china-2024.yaml'), 'utf8').replace('{ id: minimal, min: 0 }', "{ id: '=HYPERLINK(\"http://x\")', min: 0 }");
    writeFileSync(path.join(dir, 'set.yaml'), set);
    const run = await runCli(['trend', 'seeds', '--indicators', path.join(dir, 'set.yaml'), '--format', 'csv']);
    expect(run.code).toBe(0);
    const cells = run.stdout.split('\r\n').slice(1).flatMap((row) => row.split(','));
    expect(cells.some((c) => c.startsWith('='))).toBe(false);
    expect(run.stdout).toContain(`"'=HYPERLINK(""http://x"")"`);
  });
});

describe('jsonErrorAt', () => {
  it.each([
    ['{"a":}', 5, '"}"'],
    ['{"a":1,}', 7, '"}"'],
    ['{"a" 1}', 5, '"1"'],
    ['{"a":tru}', 5, '"t"'],
    ['{"a":"\\x"}', 6, '"\\\\"'],
    ['{"a":1}}', 7, '"}"'],
    ['[1,2', 4, 'the end of the line'],
    ['{"a":[1,]}', 8, '"]"'],
  ])('%s fails at offset %i', (line, at, found) => {
    expect(jsonErrorAt(line)).toEqual({ at, found });
  });

  it('finds no error in valid JSON', () => {
    for (const line of ['{}', '[]', '"x"', '1.5e3', '{"a":[1,{"b":null}],"c":true}', '  {"a":"\\u00e9\\n"}  ']) expect(jsonErrorAt(line).at).toBe(-1);
  });
});
