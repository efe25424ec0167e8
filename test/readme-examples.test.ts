import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './helpers/fixtures.js';

/**
 * Every shell example in the README, run in order, as written, in a fresh copy of the repository
 * (the files git would check out, with this checkout's node_modules and dist/ standing in for
 * `npm ci`). Each must exit 0, or the code its comment names ("exits 1: ..."), and together they may
 * leave files only in the folders .gitignore names for them.
 */

/** Commands the test does not run, each with the reason; a README change that adds one fails the test. */
const NOT_RUN: Record<string, string> = {
  'npm test': 'runs this very suite',
  'UPDATE_GOLDEN=1 npm test': 'runs this very suite',
  'npm ci': 'the copy is installed already: its node_modules and dist/ are this checkout’s',
  'npm run typecheck': 'the suite is run after it in CI (.ci/run)',
  'npm run bench': 'the benchmark takes minutes; .ci/run runs its smoke size',
  'npm run docs': 'rewrites the README; test/indicator-docs.test.ts checks it is current',
  'npm run test:slow': 'the slow suites take minutes; .ci/run runs them',
  'npm run knip': 'reads the whole tree; .ci/run runs it',
};

interface Example {
  command: string;
  comment: string;
}

/** The commands of every ```sh block, in order, with their trailing comments. */
export function shellExamples(readme: string): Example[] {
  const examples: Example[] = [];
  for (const block of readme.matchAll(/^```sh\n([\s\S]*?)^```/gm)) {
    for (const line of block[1]!.split('\n')) {
      if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
      const split = /^(.*?)\s+#(?:\s+|$)(.*)$/.exec(line);
      examples.push({ command: (split ? split[1]! : line).trim(), comment: split ? split[2]! : '' });
    }
  }
  return examples;
}

/** The files a fresh clone would hold: tracked, plus new files not ignored (this branch's work). */
function repositoryFiles(): string[] {
  const out = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' });
  return out.split('\0').filter((f) => f !== '');
}

function walk(dir: string, base = dir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isSymbolicLink()) return [path.relative(base, full)];
    return entry.isDirectory() ? walk(full, base) : [path.relative(base, full)];
  });
}

describe('the README shell examples', () => {
  let copy: string;
  let shims: string;
  const files = repositoryFiles();

  beforeAll(() => {
    const root = mkdtempSync(path.join(tmpdir(), 'coopscore-readme-'));
    copy = path.join(root, 'coopscore');
    for (const file of files) {
      mkdirSync(path.dirname(path.join(copy, file)), { recursive: true });
      cpSync(path.join(ROOT, file), path.join(copy, file));
    }
    symlinkSync(path.join(ROOT, 'node_modules'), path.join(copy, 'node_modules'), 'dir');
    symlinkSync(path.join(ROOT, 'dist'), path.join(copy, 'dist'), 'dir');
    // `coopscore` on the PATH, as `npm install -g` or `npx` in the package's folder would give.
    shims = path.join(root, 'bin');
    mkdirSync(shims);
    writeFileSync(path.join(shims, 'coopscore'), `#!/bin/sh\nexec "${process.execPath}" "${path.join(copy, 'bin', 'coopscore.js')}" "$@"\n`);
    chmodSync(path.join(shims, 'coopscore'), 0o755);
  });
  afterAll(() => rmSync(path.dirname(copy), { recursive: true, force: true }));

  it('run in order on a fresh copy, exit as their comments say, and leave files only where .gitignore expects them', () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const examples = shellExamples(readme);
    const ran: string[] = [];
    const skipped: string[] = [];
    for (const { command, comment } of examples) {
      // `npm ci && X`: the copy is installed, so X runs alone; `npx coopscore` in the package's own
      // folder runs its bin, which the shim is.
      const runnable = command.replace(/^npm ci && /, '').replace(/\bnpx coopscore\b/g, 'coopscore');
      if (Object.hasOwn(NOT_RUN, runnable)) {
        skipped.push(runnable);
        continue;
      }
      expect(runnable, `a README example the test does not know how to run: ${command}`).toMatch(/^(coopscore|cat |mkdir |\(cd [a-z/]+ && coopscore)/);
      const expected = Number(/^exits (\d):/.exec(comment)?.[1] ?? 0);
      const result = spawnSync('bash', ['-o', 'pipefail', '-c', runnable], {
        cwd: copy,
        encoding: 'utf8',
        env: { PATH: `${shims}:${process.env.PATH ?? ''}`, NO_COLOR: '1', HOME: process.env.HOME ?? copy },
        timeout: 60_000,
      });
      expect({ command, code: result.status, stderr: result.stderr.slice(0, 2000) }).toMatchObject({ command, code: expected });
      ran.push(command);
    }
    // The count goes in the report: a README that loses its examples fails here.
    process.stdout.write(`README examples: ${ran.length} run, ${skipped.length} not run (${skipped.join('; ')})\n`);
    expect(ran.length).toBeGreaterThanOrEqual(20);
    expect(ran.length + skipped.length).toBe(examples.length);

    const ignored = readFileSync(path.join(ROOT, '.gitignore'), 'utf8').split('\n');
    expect(ignored).toContain('/out/');
    expect(ignored).toContain('/events/');
    const known = new Set(files);
    const left = walk(copy).filter((f) => !known.has(f) && !/^(out|events|node_modules|dist)(\/|$)/.test(f));
    expect(left).toEqual([]);
  }, 600_000);
});
