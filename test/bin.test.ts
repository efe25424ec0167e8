import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error: the bench generator is plain JavaScript without types
import { writeYamlSet } from '../bench/generate.mjs';
import { main, type CliIO } from '../src/cli.js';
import { ROOT } from './helpers/fixtures.js';

/**
 * The real bin runs the bundle (dist/coopscore.cjs) with V8's code cache; without it, the modules
 * tsc built. Both must behave exactly like main() in-process. (npm test builds first.)
 */

const BIN = path.join(ROOT, 'bin', 'coopscore.js');
const bin = (args: string[], env: Record<string, string> = {}) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

async function inProcess(args: string[]) {
  let stdout = '';
  let stderr = '';
  const io: CliIO = { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), cwd: ROOT, env: { NO_COLOR: '1' }, stdoutIsTTY: false, readStdin: async () => Buffer.alloc(0) };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

describe('the bin, bundled and not', () => {
  it('prints the package version for --version and -V', () => {
    const { version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(bin(['--version'])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
    expect(bin(['-V']).stdout).toBe(`${version}\n`);
  });

  it.each([
    [['score', 'seeds']],
    [['score', '--format', 'json', 'seeds']],
    [['validate', 'test/fixtures/invalid']],
    [['score', 'test/fixtures/invalid']],
    [['score', '--bogus', 'seeds']],
    [['--help']],
  ])('coopscore %j gives the same exit code and output as main()', async (args) => {
    const expected = await inProcess(args);
    expect(bin(args)).toEqual(expected);
    expect(bin(args, { COOPSCORE_NO_BUNDLE: '1' })).toEqual(expected);
  });

  it.each([[['score', 'seeds']], [['score', '--format', 'json', 'seeds']]])('coopscore %j gives the same bytes with V8\'s own tier-up budget (boot.cts raises it)', (args) => {
    expect(bin(args)).toEqual(bin(args, { COOPSCORE_V8_DEFAULTS: '1' }));
  });

  it('loads the bundle with the code cache the build saved (a rejected cache would cost start-up)', () => {
    const probe = `const b = require(${JSON.stringify(path.join(ROOT, 'dist', 'boot.cjs'))});
const fs = require('node:fs');
const loaded = b.loadBundle(fs.readFileSync(b.BUNDLE_CACHE));
process.stdout.write(String(loaded.script.cachedDataRejected));`;
    const r = spawnSync(process.execPath, ['-e', probe], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('false');
  });
});

describe('node:crypto only where a digest is printed', () => {
  // The bundle requires node:crypto lazily (scripts/bundle.mjs): a table run or validate reads its
  // inputs without their digests and takes the bundled set's digest from the build's cache.
  const probe = (args: string[]) => {
    const script = `require(${JSON.stringify(path.join(ROOT, 'dist', 'boot.cjs'))}).boot(${JSON.stringify(args)}).then((code) => {
  process.stderr.write('\\ncrypto ' + process.moduleLoadList.includes('NativeModule crypto') + ' exit ' + code + '\\n');
});`;
    const dir = mkdtempSync(path.join(tmpdir(), 'coopscore-probe-'));
    try {
      const file = path.join(dir, 'probe.cjs');
      writeFileSync(file, script);
      const r = spawnSync(process.execPath, [file], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
      return r.stderr.trim().split('\n').at(-1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  it.each([
    [['score', 'seeds'], false],
    [['score', '--format', 'markdown', 'seeds'], false],
    [['validate', 'seeds'], false],
    [['trend', 'seeds'], false],
    [['score', '--format', 'json', 'seeds'], true],
    [['ledger', '--format', 'json', 'seeds'], true],
  ])('coopscore %j loads it: %s', (args, loads) => {
    expect(probe(args)).toBe(`crypto ${loads} exit 0`);
  });

  it("takes the bundled set's digest from the cache only for exactly the bytes the build read", async () => {
    const { cachedDefaultSet } = (await import(path.join(ROOT, 'dist', 'io', 'set-cache.js'))) as typeof import('../src/io/set-cache.js');
    const setFile = path.join(ROOT, 'indicators', 'us-china-2024.yaml');
    const bytes = readFileSync(setFile);
    const hit = cachedDefaultSet(setFile);
    expect(hit?.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(hit?.text).toBe(bytes.toString('utf8'));
    const dir = mkdtempSync(path.join(tmpdir(), 'coopscore-set-'));
    try {
      const variants = {
        'line ends': Buffer.from(bytes.toString('utf8').replaceAll('\n', '\r\n')),
        'byte-order mark': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]),
        'one more byte': Buffer.concat([bytes, Buffer.from('\n')]),
      };
      for (const [name, changed] of Object.entries(variants)) {
        const file = path.join(dir, `${name}.yaml`);
        writeFileSync(file, changed);
        expect(cachedDefaultSet(file), name).toBeUndefined();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('loading on two threads', () => {
  it.each([[['score', '--format', 'json', 'seeds']], [['validate', '--format', 'json', 'seeds', 'test/fixtures']], [['score', 'seeds', 'test/fixtures']]])(
    'coopscore %j gives the same output with a worker thread loading the last files',
    (args) => {
      const alone = bin(args, { COOPSCORE_WORKERS: '0' });
      expect(bin(args, { COOPSCORE_WORKERS: 'always' })).toEqual(alone);
      expect(bin(args, { COOPSCORE_WORKERS: 'always', COOPSCORE_NO_BUNDLE: '1' })).toEqual(alone);
    },
  );
});

describe('the ledger on two threads', () => {
  // 1,000 generated events in two files: a hundred and more lever dates, shared between the threads.
  const generated = mkdtempSync(path.join(tmpdir(), 'coopscore-ledger-threads-'));
  writeYamlSet(generated, { files: 2, perFile: 500, seed: 7 });
  afterAll(() => rmSync(generated, { recursive: true, force: true }));

  it.each([[['ledger', '--format', 'json', 'seeds']], [['ledger', '--format', 'json', '--since', '2023-01-01', '--window', '90', 'seeds']], [['ledger', '--format', 'json', generated]]])(
    'coopscore %j gives the same ledger with a worker thread sharing the composites (it takes the first)',
    (args) => {
      const alone = bin(args, { COOPSCORE_WORKERS: '0' });
      expect(alone.code).toBe(0);
      expect((JSON.parse(alone.stdout) as { levers: { items: unknown[] } }).levers.items.length).toBeGreaterThan(2);
      expect(bin(args, { COOPSCORE_WORKERS: 'always' })).toEqual(alone);
      expect(bin(args, { COOPSCORE_WORKERS: 'always', COOPSCORE_NO_BUNDLE: '1' })).toEqual(alone);
    },
  );
});
