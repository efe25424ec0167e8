import { execFileSync } from 'node:child_process';
import { closeSync, constants, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { main, type CliIO } from '../src/cli.js';
import { loadEventFiles } from '../src/io/load.js';
import { hasRepeatedKey, jsonLocate, stringEnd } from '../src/io/jsonl.js';
import { ForwardLines, withFrameLines } from '../src/io/frame-lines.js';
import type { LineSource } from '../src/core/problems.js';
import type { Problem } from '../src/core/types.js';
import { parseYamlDoc } from '../src/io/yaml-doc.js';
import { YAML_LIMITS } from '../src/io/yaml-limits.js';
import { defaultSet } from './helpers/fixtures.js';

const set = defaultSet();
const dir = mkdtempSync(path.join(os.tmpdir(), 'coopscore-jsonl-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const readStdin = async () => Buffer.alloc(0);

// Each event a month after the last, so none looks like a duplicate of another (that is a warning).
let month = 0;
const event = (id: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ id, date: `20${20 + Math.floor(month / 12)}-${String((month++ % 12) + 1).padStart(2, '0')}-15`, actor: 'CN', kind: 'arrest', status: 'enforced', summary: 'Police detained suspects.', source: { title: 'Test', reliability: 'A', credibility: 1 }, ...extra });

function write(name: string, content: string | Buffer): string {
  writeFileSync(path.join(dir, name), content);
  return name;
}

/** Loaded events and problems; possible-duplicate (another test's concern) is left out. */
const load = async (paths: string[], reference = false) => {
  const loaded = await loadEventFiles(paths, set, { cwd: dir, readStdin, reference });
  return { ...loaded, problems: loaded.problems.filter((p) => p.code !== 'possible-duplicate') };
};
const where = (p: { file: string; line: number; column: number; code: string }) => `${p.file}:${p.line}:${p.column} ${p.code}`;
/** Lines 1..upTo of a source as a frame reads them: the text, or null for a line the file does not have. */
const readBack = (source: string | LineSource | undefined, upTo: number) =>
  source === undefined || typeof source === 'string' ? source : Array.from({ length: upTo }, (_, i) => (source.has(i + 1) ? source.line(i + 1) : null));
const warningAt = (file: string, line: number): Problem => ({ file, line, column: 1, endLine: line, endColumn: 1, severity: 'warning', code: 'possible-duplicate', message: 'm' });

describe('JSON Lines input', () => {
  it('reads one event per line, skips blank lines, and records each event at its line', async () => {
    const file = write('good.jsonl', `${event('a-1')}\n\n   \n${event('a-2', { magnitude: 3 })}\r\n  ${event('a-3')}`);
    const loaded = await load([file]);
    expect(loaded.problems).toEqual([]);
    expect(loaded.events.map((e) => [e.id, e.origin.line, e.origin.column])).toEqual([
      ['a-1', 1, 1],
      ['a-2', 4, 1],
      ['a-3', 5, 3],
    ]);
    expect(loaded.inputs).toEqual([{ path: 'good.jsonl', sha256: expect.stringMatching(/^[0-9a-f]{64}$/), events: 3 }]);
  });

  it('takes a text or key that starts with a colon for what it is, not for a repeated key', async () => {
    // The quote that opens ": note" stands before a colon as a key's closing quote does: counting
    // every quote before a colon once called these lines a repeated key.
    const file = write('colons.jsonl', `${event('c-1', { summary: ': a note' })}\n${event('c-2', { notes: ':' })}\n`);
    const loaded = await load([file]);
    expect(loaded.problems).toEqual([]);
    expect(loaded.events.map((e) => e.summary)).toEqual([': a note', 'Police detained suspects.']);
  });

  it('places every problem at its line and column, and names the first place of a repeated id', async () => {
    const lines = [
      event('b-1'), // 1
      event('b-2', { date: '2024-02-30', kind: 'arest' }), // 2
      `${event('b-3').slice(0, -1)},"id":"b-4"}`, // 3: a repeated key
      event('b-1'), // 4: a repeated id
      '{"id":"b-5","date":"2024-01-01", oops}', // 5
      '[1,2]', // 6
      event('b-6', { sumary: 'typo' }), // 7
    ];
    const file = write('bad.jsonl', `${lines.join('\n')}\n`);
    const loaded = await load([file]);
    expect(loaded.problems.map(where)).toEqual([
      'bad.jsonl:2:20 invalid-date',
      'bad.jsonl:2:53 unknown-kind',
      `bad.jsonl:3:${lines[2]!.lastIndexOf('"id"') + 1} duplicate-key`,
      'bad.jsonl:4:7 duplicate-id',
      'bad.jsonl:5:34 yaml-syntax',
      'bad.jsonl:6:1 invalid-type',
      `bad.jsonl:7:${lines[6]!.indexOf('"sumary"') + 1} unknown-key`,
    ]);
    expect(loaded.problems.find((p) => p.code === 'duplicate-id')!.message).toContain('bad.jsonl:1:7');
    expect(loaded.problems.find((p) => p.code === 'unknown-key')!.hint).toBe('did you mean "summary"?');
    expect(loaded.events.map((e) => e.id)).toEqual(['b-1', 'b-1']);
    // The file's text is not kept; it is read again for the lines its frames show (lines 2-7 have
    // problems, so 1-8 are wanted; the file ends in a newline, so there is no line 8).
    expect(loaded.sources.has('bad.jsonl')).toBe(false);
    const framed = withFrameLines(loaded.problems, loaded.sources, loaded.rereadable);
    expect(readBack(framed.get('bad.jsonl'), 8)).toEqual([...lines, null]);
    // Only the lines a frame shows are kept: for a problem on line 2, lines 1-3.
    expect(readBack(withFrameLines(loaded.problems.slice(0, 1), loaded.sources, loaded.rereadable).get('bad.jsonl'), 5)).toEqual([...lines.slice(0, 3), '', '']);
  });

  it('reads back just the lines a frame shows: across chunks, after a BOM, with CRLF, never from a pipe', () => {
    const long = `{"id":"${'x'.repeat(200_000)}"}`;
    const [r1, r3, r5] = [event('r-1'), event('r-3'), event('r-5')];
    write('back.jsonl', `\ufeff${r1}\r\n${long}\n${r3}\r\n\n${r5}`);
    const at = path.join(dir, 'back.jsonl');
    expect(readBack(new ForwardLines(at, new Set([1, 2, 3])), 3)).toEqual([r1, long, r3]);
    expect(readBack(new ForwardLines(at, new Set([3, 5])), 6)).toEqual(['', '', r3, '', r5, null]);
    expect(readBack(new ForwardLines(at, new Set([9])), 9)).toEqual(['', '', '', '', '', null, null, null, null]);
    // Asked for a line it has passed (problems out of line order): it reads the file again.
    const again = new ForwardLines(at, new Set([1, 5]));
    expect([again.line(5), again.line(1), again.line(5)]).toEqual([r5, r1, r5]);
    // Every line of a large file wanted (validate prints a warning on most lines of a million).
    expect(readBack(new ForwardLines(at, new Set(Array.from({ length: 300_000 }, (_, i) => i + 1))), 6)).toEqual([r1, long, r3, '', r5, null]);
    // A folder, a file gone since it was loaded, a named pipe: no frames (a pipe is never opened).
    const framesOf = (file: string) => withFrameLines([warningAt('x.jsonl', 1)], new Map(), new Map([['x.jsonl', file]])).get('x.jsonl');
    expect(framesOf(dir)).toBeUndefined();
    expect(framesOf(path.join(dir, 'gone.jsonl'))).toBeUndefined();
    if (process.platform === 'linux') {
      // Opening a named pipe to read waits for a writer, so it must be turned away unopened. The
      // test holds the pipe open with a line in it, so a reader that did open it would get that
      // line (and fail here) instead of hanging the suite.
      const fifo = path.join(dir, 'pipe.jsonl');
      execFileSync('mkfifo', [fifo]);
      const fd = openSync(fifo, constants.O_RDWR | constants.O_NONBLOCK);
      try {
        writeSync(fd, `${r1}\n`);
        expect(framesOf(fifo)).toBeUndefined();
      } finally {
        closeSync(fd);
      }
    }
  });

  it('reads back lines as splitting the text would, whatever the chunks, the wanted lines and the order asked (fast-check)', () => {
    // Lines long enough now and then to cross the 64 KiB chunks; CR, LF, empty lines, non-ASCII.
    const lineArb = fc.oneof({ weight: 20, arbitrary: fc.string({ unit: fc.constantFrom('a', 'é', '€', '\r', ' '), maxLength: 12 }) }, { weight: 1, arbitrary: fc.integer({ min: 30_000, max: 70_000 }).map((n) => 'é'.repeat(n)) });
    let run = 0;
    fc.assert(
      fc.property(fc.array(lineArb, { maxLength: 30 }), fc.boolean(), fc.boolean(), fc.array(fc.nat(32), { maxLength: 12 }), fc.boolean(), (parts, bom, finalNewline, asks, sorted) => {
        const text = `${bom ? '\ufeff' : ''}${parts.join('\n')}${finalNewline && parts.length ? '\n' : ''}`;
        const file = write(`prop-${run++}.jsonl`, text);
        const split = (bom ? text.slice(1) : text).split('\n');
        if (split.at(-1) === '') split.pop(); // what follows the last newline is a line only if it holds something
        const wanted = new Set(asks.map((n) => n + 1));
        const source = new ForwardLines(path.join(dir, file), wanted);
        for (const n of sorted ? [...wanted].sort((a, b) => a - b) : [...wanted]) {
          expect(source.has(n)).toBe(n <= split.length);
          expect(source.line(n)).toBe(n <= split.length ? split[n - 1]!.replace(/\r$/, '') : '');
        }
      }),
      { numRuns: 150 },
    );
  });

  it('gives the same events and problems when every line is placed by the reference parser', async () => {
    const file = write('mixed.jsonl', [event('c-1'), event('c-2', { status: 'enforcd' }), event('c-1'), event('c-3', { substances: ['fentanil'] })].join('\n'));
    const [fast, reference] = [await load([file]), await load([file], true)];
    expect(fast.problems).toEqual(reference.problems);
    expect(fast.events).toEqual(reference.events);
    expect(fast.problems.length).toBe(3);
  });

  it('places ids exactly when lines hold escapes, spaces, or "id" inside text', async () => {
    const lines = [
      event('g-1', { summary: 'He said "no": \\ "id": "g-9"' }),
      `{ "summary" : "x" , "id" : "g-2", "date":"2024-01-31","actor":"CN","kind":"arrest","status":"enforced","source":{"title":"t"}}`,
      event('g-1', { source: { title: 'nested "id": "g-1"' } }),
      `{"id":"g-\u0033","date":"2024-01-31","actor":"CN","kind":"arrest","status":"enforced","summary":"x","source":{"title":"t"}}`,
      event('g-3'),
    ];
    const file = write('escapes.jsonl', lines.join('\n'));
    const [fast, reference] = [await load([file]), await load([file], true)];
    expect(fast.problems).toEqual(reference.problems);
    expect(fast.events).toEqual(reference.events);
    expect(fast.problems.filter((p) => p.severity === 'error').map(where)).toEqual(['escapes.jsonl:3:7 duplicate-id', 'escapes.jsonl:5:7 duplicate-id']);
    // The ungraded sources of lines 2 to 4 are warned about as in a YAML file, at the source.
    expect(fast.problems.filter((p) => p.severity === 'warning').map(where)).toEqual([
      'escapes.jsonl:2:113 ungraded-source',
      'escapes.jsonl:3:129 ungraded-source',
      'escapes.jsonl:4:105 ungraded-source',
    ]);
  });

  it('finds an id repeated between a YAML file and a JSON Lines file', async () => {
    const yaml = write('one.yaml', 'events:\n  - id: d-1\n    date: 2024-01-31\n    actor: CN\n    kind: arrest\n    status: enforced\n    summary: x\n    source: { title: t, reliability: B, credibility: 2 }\n');
    const jsonl = write('two.jsonl', `${event('d-1')}\n`);
    const loaded = await load([yaml, jsonl]);
    expect(loaded.problems.map(where)).toEqual(['two.jsonl:1:7 duplicate-id']);
    expect(loaded.problems[0]!.message).toContain('one.yaml:2:9');
  });

  it('refuses a file that is not UTF-8 (at its line and column) and one with no events, as for YAML', async () => {
    const latin1 = write('latin1.jsonl', Buffer.from([0x7b, 0x22, 0x69, 0x64, 0x22, 0x3a, 0x22, 0xe9, 0x22, 0x7d, 0x0a]));
    const empty = write('empty.jsonl', '\n\n');
    const loaded = await load([latin1, empty]);
    expect(loaded.problems.map((p) => [p.file, p.code, p.severity, p.line, p.column])).toEqual([
      ['empty.jsonl', 'empty-file', 'error', 1, 1],
      ['latin1.jsonl', 'invalid-encoding', 'error', 1, 8],
    ]);
  });

  it('is found in folders and scored from the command line, with evidence lines', async () => {
    const file = write('cli.jsonl', `\n${event('e-1')}\n${event('e-2', { kind: 'prosecution' })}\n`);
    let out = '';
    let err = '';
    const io: CliIO = { stdout: (s) => (out += s), stderr: (s) => (err += s), cwd: dir, env: {}, stdoutIsTTY: false, readStdin };
    expect(await main(['score', '--format', 'json', file], io)).toBe(0);
    const report = JSON.parse(out) as { indicators: { id: string; evidence: { eventId: string; file: string; line: number }[] }[] };
    const evidence = report.indicators.flatMap((i) => i.evidence);
    expect(evidence.find((e) => e.eventId === 'e-2')).toMatchObject({ file: 'cli.jsonl', line: 3 });
    out = '';
    write('bad-cli.jsonl', `${event('f-1', { date: '2024-13-01' })}\n`);
    expect(await main(['validate', 'bad-cli.jsonl'], io)).toBe(1);
    expect(out).toContain('bad-cli.jsonl:1:20');
    expect(err).toBe('');
  });

  it('warns of look-alike events in validate as score does (validate keeps only what it compares)', async () => {
    const like = (id: string, date: string) =>
      JSON.stringify({ id, date, actor: 'CN', kind: 'arrest', status: 'enforced', summary: `Arrest ${id}.`, source: { title: 'T', reliability: 'A', credibility: 1 } });
    write('alike.jsonl', `${like('g-1', '2023-03-10')}\n${like('g-2', '2023-03-12')}\n`);
    let out = '';
    let err = '';
    const io: CliIO = { stdout: (s) => (out += s), stderr: (s) => (err += s), cwd: dir, env: {}, stdoutIsTTY: false, readStdin };
    expect(await main(['validate', '--format', 'json', 'alike.jsonl'], io)).toBe(0);
    const codes = (JSON.parse(out) as { code: string; line: number }[]).map((p) => `${p.code}@${p.line}`);
    expect(codes).toEqual(['possible-duplicate@2']);
    out = '';
    expect(await main(['score', '--format', 'json', 'alike.jsonl'], io)).toBe(0);
    expect((JSON.parse(out) as { warnings: { code: string; line: number }[] }).warnings.map((p) => `${p.code}@${p.line}`)).toEqual(codes);
    expect(err).toContain('possible-duplicate');
  });

  it('draws no empty code frame for a look-alike line whose text was not kept', async () => {
    // Line 1's load warning keeps lines 1-2 for their frames; the look-alikes on lines 4 and 6 are
    // found after reading, when their text is gone: their warning has no frame, not a blank one.
    const like = (id: string, date: string) =>
      JSON.stringify({ id, date, actor: 'CN', kind: 'arrest', status: 'enforced', summary: `Arrest ${id}.`, source: { title: 'T', reliability: 'A', credibility: 1 } });
    const ungraded = JSON.stringify({ id: 'u-1', date: '2021-01-01', actor: 'CN', kind: 'seizure', status: 'enforced', summary: 'Seizure.', source: { title: 'T' } });
    const other = (id: string, date: string) => like(id, date).replace('"arrest"', '"prosecution"');
    write('frames.jsonl', [ungraded, other('o-1', '2020-01-01'), other('o-2', '2020-06-01'), like('g-1', '2023-03-10'), other('o-3', '2021-01-01'), like('g-2', '2023-03-12')].join('\n') + '\n');
    let out = '';
    const io: CliIO = { stdout: (s) => (out += s), stderr: () => undefined, cwd: dir, env: {}, stdoutIsTTY: false, readStdin };
    expect(await main(['validate', 'frames.jsonl'], io)).toBe(0);
    expect(out).toContain('frames.jsonl:1:');
    expect(out).toMatch(/> 1 \| \{"id":"u-1"/);
    expect(out).toMatch(/frames\.jsonl:\d:1 +warning +possible-duplicate/);
    expect(out).not.toMatch(/^ *> +\d+ \|$/m);
    // Read back from the file, the last line's frame ends with it: the newline after it starts no line 7.
    expect(out).toMatch(/> 6 \| \{"id":"g-2"/);
    expect(out).not.toMatch(/^ +7 \|/m);
    // score, trend and ledger print their warnings with the same frames, read back from the file.
    for (const command of ['score', 'trend', 'ledger']) {
      let err = '';
      const quiet: CliIO = { ...io, stdout: () => undefined, stderr: (s) => (err += s) };
      expect(await main([command, 'frames.jsonl'], quiet)).toBe(0);
      expect(err, command).toMatch(/> 1 \| \{"id":"u-1"/);
    }
  });
});

describe('reading without digests (LoadOptions.digest)', () => {
  it('lists every input with an empty sha256 and loads the same events and problems', async () => {
    const lines = write('digest.jsonl', `${event('d-1')}\n${event('d-2')}\n`);
    const yaml = write('digest.yaml', `events:\n  - id: d-3\n    date: 2021-06-15\n    actor: CN\n    kind: arrest\n    status: enforced\n    summary: Police detained suspects.\n    source:\n      title: Test\n`);
    const hashed = await loadEventFiles([lines, yaml], set, { cwd: dir, readStdin });
    const plain = await loadEventFiles([lines, yaml], set, { cwd: dir, readStdin, digest: false });
    expect(hashed.inputs.map((i) => i.sha256)).toEqual([expect.stringMatching(/^[0-9a-f]{64}$/), expect.stringMatching(/^[0-9a-f]{64}$/)]);
    expect(plain.inputs).toEqual(hashed.inputs.map((i) => ({ ...i, sha256: '' })));
    expect(plain.events).toEqual(hashed.events);
    expect(plain.problems).toEqual(hashed.problems);
  });
});

describe('placing a path on a JSON line without the reference parser', () => {
  /** Every path in a value, and one missing key under each mapping. */
  function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
    const out: (string | number)[][] = [prefix];
    if (Array.isArray(value)) value.forEach((v, i) => out.push(...pathsOf(v, [...prefix, i])));
    else if (value !== null && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) out.push(...pathsOf(v, [...prefix, k]));
      out.push([...prefix, 'not-there'], [...prefix, 3]);
    }
    return out;
  }
  const key = fc.oneof(fc.constantFrom('id', 'date', 'source', 'sources', 'title', 'a"b', 'é', 'x y'), fc.string({ maxLength: 4 }));
  const json = fc.letrec((tie) => ({
    value: fc.oneof({ depthSize: 'small' }, fc.string({ maxLength: 6 }), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null), tie('list'), tie('map')),
    list: fc.array(tie('value'), { maxLength: 3 }),
    map: fc.dictionary(key, tie('value'), { maxKeys: 4 }),
  }));
  /** The same value written with the spacing a person might use. */
  const spaced = (text: string) => text.replace(/([,:[{])(?=(?:[^"\\]|\\.|"(?:[^"\\]|\\.)*")*$)/g, '$1 ');

  it('gives the span the reference parser gives, for every path and both parts', () => {
    fc.assert(
      fc.property(json.map, fc.boolean(), (value, space) => {
        const compact = JSON.stringify(value);
        const line = space ? spaced(compact) : compact;
        if (JSON.stringify(JSON.parse(line)) !== compact) return; // the spacing regex must not change the value
        const doc = parseYamlDoc('x.jsonl', line, YAML_LIMITS, { firstLine: 7 });
        if (doc.problems.length) return; // keys the reference refuses (reserved names) go to the reference anyway
        for (const path of pathsOf(value)) {
          for (const part of ['value', 'key'] as const) {
            const range = jsonLocate(line, path, part);
            expect(range, `${line} ${JSON.stringify(path)} ${part}`).toBeDefined();
            const want = doc.locate(path, part);
            expect({ line: 7, column: range![0] + 1, endLine: 7, endColumn: range![1] + 1 }, `${line} ${JSON.stringify(path)} ${part}`).toEqual(want);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('finding a repeated key on a JSON line', () => {
  // Keys and texts with the characters the fast count must not be fooled by: quotes, colons,
  // backslashes and white space after a quote.
  const key = fc.constantFrom('id', 'date', 'a"b', 'x y', ':', '":', 'back\\slash', 'é');
  const text = fc.constantFrom('plain', ':', ': a note', 'say "no" now', '":', '"x" : 1', 'a\\"b', 'end"', ' "', '\t"\r');
  /** The same line with white space a person might put around colons and commas (outside strings). */
  const spaced = (line: string, gap: string) => line.replace(/([,:{])(?=(?:[^"\\]|\\.|"(?:[^"\\]|\\.)*")*$)|"(?=:)(?=(?:[^"\\]|\\.|"(?:[^"\\]|\\.)*")*$)/g, (m) => (m === '"' ? `"${gap}` : `${m}${gap}`));

  it('reports a repeat exactly when the text writes a key twice', () => {
    fc.assert(
      fc.property(fc.dictionary(key, text, { minKeys: 1, maxKeys: 5 }), fc.boolean(), fc.constantFrom('', ' ', '\t', '\r', ' \t'), fc.nat(), (value, repeat, gap, which) => {
        const keys = Object.keys(value);
        let line = JSON.stringify(value);
        if (repeat) line = `${line.slice(0, -1)},${JSON.stringify(keys[which % keys.length])}:"again"}`;
        line = spaced(line, gap);
        const parsed = JSON.parse(line) as Record<string, unknown>;
        expect(hasRepeatedKey(line, Object.keys(parsed).length), line).toBe(repeat);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('finding the end of a JSON string', () => {
  it('ends at the first quote that no backslash escapes, however many backslashes come before it', () => {
    const text = fc.string({ unit: fc.constantFrom('a', '"', '\\', ' ', ':', 'é'), maxLength: 16 });
    fc.assert(
      fc.property(text, text, (inner, after) => {
        const token = JSON.stringify(inner);
        const line = `{"k":${token},"rest":${JSON.stringify(after)}}`;
        expect(stringEnd(line, 5), line).toBe(5 + token.length);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('the fast path and the reference parser agree on hostile texts', () => {
  it('gives the same events and problems for lines whose texts hold quotes, colons, braces and backslashes, damaged or not (fast-check)', async () => {
    // Each text starts with one of the characters that confuse a scan half the time, then goes on.
    const text = fc
      .tuple(fc.constantFrom(':', '"', '\\', '{', ' ', 'a', 'b', 'c'), fc.string({ unit: fc.constantFrom('a', 'a', 'a', ' ', '"', ':', '\\', '{', '}', ',', 'é', '"id":'), maxLength: 8 }))
      .map(([first, rest]) => first + rest);
    const line = fc.record({
      summary: text,
      title: text,
      notes: fc.option(text, { nil: undefined }),
      grade: fc.boolean(),
      spaced: fc.boolean(),
      repeat: fc.constantFrom(undefined, 'id', 'summary', 'source'),
      // Damage that the checks place at a field: each must land where the reference puts it.
      damage: fc.constantFrom<Record<string, unknown>>(
        {},
        {},
        { date: '2024-02-30' },
        { kind: 'arest' },
        { status: 7 },
        { magnitude: 'many' },
        { substances: ['fentanil', 'xylazine'] },
        { tags: 'online' },
        { sumary: 'typo' },
        { source: 'a string' },
        { source: { title: 'T', reliability: 'Z', credibility: 9 } },
        { due: '2020-01-01', status: 'pledged' },
        { measure: '' },
        { id: '' },
      ),
    });
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(line, { minLength: 1, maxLength: 4 }), async (lines) => {
        const written = lines.map((l, i) => {
          let json = event(`h-${run}-${i}`, {
            summary: l.summary,
            source: { title: l.title, ...(l.grade ? { reliability: 'B', credibility: 2 } : {}) },
            ...(l.notes === undefined ? {} : { notes: l.notes }),
            ...l.damage,
          });
          if (l.repeat) json = `${json.slice(0, -1)},"${l.repeat}":"again"}`;
          return l.spaced ? json.replaceAll('","', '" , "').replaceAll('":{', '" : {') : json;
        });
        const file = write(`hostile-${run++}.jsonl`, `${written.join('\n')}\n`);
        const [fast, reference] = [await load([file]), await load([file], true)];
        expect(fast.problems).toEqual(reference.problems);
        expect(fast.events).toEqual(reference.events);
        expect(fast.problems.filter((p) => p.code === 'duplicate-key').length).toBe(lines.filter((l) => l.repeat).length);
      }),
      { numRuns: 300 },
    );
  });
});
