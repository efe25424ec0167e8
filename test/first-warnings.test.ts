import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import { compareProblems } from '../src/core/engine.js';
import { FirstWarnings } from '../src/core/first-warnings.js';
import type { Problem } from '../src/core/types.js';
import { loadEventFiles } from '../src/io/load.js';
import { main, type CliIO } from '../src/cli.js';
import { runCli, TEST_TODAY } from './helpers/cli.js';
import { defaultSet, ROOT } from './helpers/fixtures.js';

const countByCode = (problems: readonly Problem[]) => {
  const counts = new Map<string, number>();
  for (const p of problems) counts.set(p.code, (counts.get(p.code) ?? 0) + 1);
  return counts;
};

describe('FirstWarnings', () => {
  // Few files, lines, columns and codes, so many warnings tie under compareProblems; the message
  // tells apart two that tie, and a stable sort keeps them in the order they were added.
  const warning = fc.record({
    file: fc.constantFrom('a.yaml', 'b.jsonl'),
    line: fc.integer({ min: 1, max: 4 }),
    column: fc.integer({ min: 1, max: 2 }),
    code: fc.constantFrom('possible-duplicate', 'ungraded-source', 'future-date'),
  });

  it('keeps what a stable sort of every warning puts first, and counts the rest by code (asked first or not)', () => {
    const ask = fc.constantFrom('add', 'admits', 'closed-from-line', 'closed-from-file');
    fc.assert(
      fc.property(fc.array(fc.tuple(warning, ask), { maxLength: 60 }), fc.integer({ min: 0, max: 25 }), (drawn, limit) => {
        const all: Problem[] = drawn.map(([w], i) => ({ ...w, endLine: w.line, endColumn: w.column, severity: 'warning', message: `warning ${i}` }));
        const first = new FirstWarnings(limit);
        // Some asked first whether they would be kept (warnings.ts builds only those), some whether
        // nothing from their line or file on can be kept (then only counted, as the loaders do),
        // some added outright.
        all.forEach((p, i) => {
          const how = drawn[i]![1];
          if (how === 'admits' && !first.admits({ file: p.file, line: p.line, column: p.column, code: p.code })) return;
          if (how === 'closed-from-line' && first.closedFrom({ file: p.file, line: p.line, column: 0 })) return first.omit(p.code);
          if (how === 'closed-from-file' && first.closedFrom({ file: p.file, line: 0, column: 0 })) return first.omit(p.code);
          first.add(p);
        });
        const sorted = [...all].sort(compareProblems);
        expect(first.kept.map((p) => p.message)).toEqual(sorted.slice(0, limit).map((p) => p.message));
        expect(first.omitted).toEqual(countByCode(sorted.slice(limit)));
      }),
      { numRuns: 300 },
    );
  });
});

describe('keeping only the first warnings (LoadOptions.keepWarnings)', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'coopscore-first-warnings-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const put = (name: string, text: string) => writeFileSync(path.join(dir, name), text);
  // Ungraded sources (a warning each) and look-alikes a day or less apart (possible-duplicate), in
  // a JSON Lines file and a YAML file: 79 warnings. (Ties under compareProblems are the property
  // test's concern: an event earns at most one possible-duplicate.)
  const line = (i: number, day: number) =>
    `{"id":"l-${i}","date":"2021-03-${String(day).padStart(2, '0')}","actor":"CN","kind":"arrest","status":"enforced","summary":"Police detained ${i}.","source":{"title":"T"}}`;
  const jsonl = Array.from({ length: 30 }, (_, i) => line(i, 1 + Math.floor(i / 3))).join('\n');
  const yaml = `events:\n${Array.from(
    { length: 12 },
    (_, i) => `  - { id: y-${i}, date: 2022-0${1 + Math.floor(i / 3)}-0${1 + (i % 3)}, actor: CN, kind: prosecution, status: enforced, summary: Charged ${i}., source: { title: T } }`,
  ).join('\n')}\n`;
  put('events.jsonl', `${jsonl}\n`);
  put('events.yaml', yaml);
  const set = defaultSet();
  const readStdin = async () => Buffer.alloc(0);

  // Files in reading order and not: a file read after the list is full but named before the last
  // warning kept still has its warnings placed (only those after it are merely counted). As of
  // 2021-06-01, the YAML file's events are dated after today (a future-date warning each).
  // A YAML file with an error is checked twice (the fast path, then the reference parser for its
  // positions): its warnings are counted once.
  it.each([
    ['events.jsonl', 'events.yaml', 'broken.jsonl', 'broken.yaml'],
    ['events.yaml', 'broken.yaml', 'broken.jsonl', 'events.jsonl'],
  ])('keeps every error and the first warnings, and counts the others (%s, %s, %s, %s)', async (...files) => {
    put('broken.jsonl', `${line(100, 9)}\n{"id":"bad","date":"2021-13-01"}\n`);
    put('broken.yaml', `${yaml.replaceAll('y-', 'z-')}  - { id: z-bad, date: 2022-01-01, actor: CN }\n`);
    // Gone again however the test ends: the tests below read the whole folder.
    onTestFinished(() => ['broken.jsonl', 'broken.yaml'].forEach((f) => rmSync(path.join(dir, f), { force: true })));
    const today = '2021-06-01';
    const all = await loadEventFiles(files, set, { cwd: dir, readStdin, workers: false, today });
    const warnings = all.problems.filter((p) => p.severity === 'warning');
    expect(warnings.length).toBeGreaterThan(50);
    expect(new Set(warnings.map((w) => w.code))).toEqual(new Set(['ungraded-source', 'possible-duplicate', 'future-date']));
    expect(all.problems.some((p) => p.severity === 'error')).toBe(true);
    for (const keep of [0, 1, 7, 20, warnings.length + 5]) {
      const some = await loadEventFiles(files, set, { cwd: dir, readStdin, workers: false, keepWarnings: keep, today });
      expect(some.events).toEqual(all.events);
      expect(some.problems.filter((p) => p.severity === 'error')).toEqual(all.problems.filter((p) => p.severity === 'error'));
      expect(some.problems.filter((p) => p.severity === 'warning')).toEqual(warnings.slice(0, keep));
      expect(some.omittedWarnings).toEqual(countByCode(warnings.slice(keep)));
    }
    expect(all.omittedWarnings).toBeUndefined();
  });

  // Markdown lists every warning in the report, so its run keeps them all; the table, trend and
  // ledger keep twenty. All of them print the same warnings on stderr.
  it('a table, trend and ledger print the same warnings as a run that keeps them all', async () => {
    const every = await runCli(['score', '.', '-f', 'markdown', '-o', 'report.md'], { cwd: dir });
    expect(every.code).toBe(0);
    expect(every.stderr).toMatch(/coopscore: \d+ more warnings not shown \(\d+ ungraded-source, \d+ possible-duplicate\)/);
    for (const args of [['score', '.'], ['trend', '.', '--every', 'year'], ['ledger', '.']]) {
      const some = await runCli(args, { cwd: dir });
      expect(some.code, args.join(' ')).toBe(0);
      expect(some.stderr, args.join(' ')).toBe(every.stderr);
    }
    expect((await runCli(['score', '.', '-q'], { cwd: dir })).stderr).toBe('');
  });

  it('input with an error lists every warning with it, as before', async () => {
    put('broken.jsonl', `{"id":"bad","date":"2021-13-01"}\n`);
    const every = await runCli(['score', '.', '-f', 'markdown'], { cwd: dir });
    expect(every.code).toBe(2);
    expect(every.stderr).toMatch(/\d+ problems \(\d+ errors?, [1-9]\d+ warnings\)/);
    for (const args of [['score', '.'], ['trend', '.'], ['ledger', '.'], ['calibrate', '--anchors', path.join(ROOT, 'seeds', 'anchors.yaml'), '.']]) {
      const some = await runCli(args, { cwd: dir });
      expect(some.code, args.join(' ')).toBe(2);
      expect(some.stderr, args.join(' ')).toBe(every.stderr);
    }
    // --quiet lists only the errors, so the warnings it only counted are not read again.
    const quiet = await runCli(['score', '.', '-q'], { cwd: dir });
    expect(quiet.code).toBe(2);
    expect(quiet.stderr).toBe((await runCli(['score', '.', '-q', '-f', 'markdown'], { cwd: dir })).stderr);
    expect(quiet.stderr).toMatch(/\d+ problems \(\d+ errors?, 0 warnings\)/);
  });

  it('standard input, which gives its bytes once, keeps every warning for the listing of an error', async () => {
    const lines = `${jsonl}\n{"id":"bad","date":"2021-13-01"}\n`;
    const run = async (args: string[]) => {
      let stdin: Buffer | undefined = Buffer.from(lines);
      let err = '';
      const io: CliIO = {
        stdout: () => undefined,
        stderr: (s) => void (err += s),
        cwd: dir,
        env: {},
        stdoutIsTTY: false,
        today: TEST_TODAY,
        // A pipe: read again, it is empty.
        readStdin: async () => {
          const bytes = stdin ?? Buffer.alloc(0);
          stdin = undefined;
          return bytes;
        },
      };
      return { code: await main(args, io), err };
    };
    const table = await run(['score', '--stdin-filename', 'in.jsonl', '-']);
    expect(table.code).toBe(2);
    expect(table.err).toMatch(/\d+ problems \(\d+ errors?, [1-9]\d+ warnings\)/);
    expect(table.err).toBe((await run(['score', '--stdin-filename', 'in.jsonl', '-', '-f', 'markdown'])).err);
  });
});
