import { execFileSync, spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { scoreEvents } from '../src/core/engine.js';
import type { Event } from '../src/core/types.js';
import { loadEventFiles, type LoadedEvents } from '../src/io/load.js';
import { InputChangedError, summaryLengthKey } from '../src/io/text-in-file.js';
import { exactDuplicates, type SummaryKey } from '../src/core/evidence.js';
import { eventFields } from './helpers/arbitraries.js';
import { defaultSet } from './helpers/fixtures.js';
import { RECORD, seedEvents } from './helpers/seeds.js';
import { runCli } from './helpers/cli.js';

// Events of a JSON Lines file with their words left in the file (text-in-file.ts) must read, and
// score, exactly as events held whole: every field, every report, whatever the line ends (LF, CRLF,
// a lone CR), byte-order mark, characters outside ASCII, blank or indented lines, notes, several
// sources or exact duplicates.

const set = defaultSet();
const dir = mkdtempSync(path.join(os.tmpdir(), 'coopscore-words-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const readStdin = async () => Buffer.alloc(0);
let files = 0;

const load = (file: string, wordsInFile: boolean) => loadEventFiles([file], set, { cwd: dir, readStdin, wordsInFile });

/** Every field of an event as its readers see it (getters included, which toEqual would skip). */
const fieldsOf = (e: Event) => ({
  id: e.id,
  date: e.date,
  datePrecision: e.datePrecision,
  actor: e.actor,
  kind: e.kind,
  status: e.status,
  summary: e.summary,
  magnitude: e.magnitude,
  substances: e.substances,
  tags: e.tags,
  measure: e.measure,
  due: e.due,
  notes: e.notes,
  source: { ...e.source, title: e.source.title },
  sources: e.sources,
  origin: e.origin,
});

const closeAll = (loaded: LoadedEvents) => {
  for (const text of loaded.textInFiles ?? []) text.close();
};

/** The file both ways: the same events, field by field, and the same reports, kept whole and as a table keeps them. */
async function expectSameBothWays(text: string | Buffer): Promise<{ rereads: number; events: number }> {
  const file = `f${files++}.jsonl`;
  writeFileSync(path.join(dir, file), text);
  const [whole, inFile] = [await load(file, false), await load(file, true)];
  try {
    expect(inFile.problems).toEqual(whole.problems);
    expect(inFile.events.map(fieldsOf)).toEqual(whole.events.map(fieldsOf));
    if (inFile.events.length > 0) {
      for (const evidence of ['all', { top: 3 }] as const) {
        const report = (events: readonly Event[], summaryKey?: SummaryKey) => JSON.stringify(scoreEvents(events, set, { evidence, ...(summaryKey ? { summaryKey } : {}) }));
        expect(report(inFile.events)).toBe(report(whole.events));
        // The CLI's run: look-alikes' summaries compared only when their lengths agree (modulo 256).
        expect(report(inFile.events, summaryLengthKey)).toBe(report(whole.events));
      }
    }
    return { rereads: inFile.textInFiles?.[0]?.rereads ?? 0, events: inFile.events.length };
  } finally {
    closeAll(inFile);
  }
}

const wordArb = fc.constantFrom('police', 'seized', 'précurseurs', '芬太尼', 'ports', 'naïve', 'tablets', '🚢');
const summaryArb = fc.array(wordArb, { minLength: 1, maxLength: 8 }).map((words) => words.join(' '));
/** The same summary as another event's, with its white space loosened (still one record). */
const loosen = (s: string) => `  ${s.replace(/ /g, ' \t ')}  `;

const drawnArb = fc.record({
  ...eventFields(set, fc.constantFrom('2023-05-01', '2023-05-02', '2024-01-10', '2024-06-30')),
  summary: summaryArb,
  notes: fc.option(summaryArb, { nil: undefined }),
  title: summaryArb,
  url: fc.option(fc.constantFrom('https://example.org/a', 'https://example.org/ü'), { nil: undefined }),
  severalSources: fc.boolean(),
  duplicate: fc.boolean(),
  /** How its line ends: LF, CRLF, or a lone CR (which the reader takes for a line end). */
  ending: fc.constantFrom('\n', '\r\n', '\r'),
  blankAfter: fc.boolean(),
  indented: fc.boolean(),
});

type Drawn = typeof drawnArb extends fc.Arbitrary<infer T> ? T : never;

function lineOf(d: Drawn, id: string, summary: string): string {
  const source = { title: d.title, ...(d.url ? { url: d.url } : {}), ...(d.reliability ? { reliability: d.reliability } : {}), ...(d.credibility ? { credibility: d.credibility } : {}) };
  const event = {
    id,
    date: d.date,
    actor: d.actor,
    kind: d.kind,
    status: d.status,
    summary,
    ...(d.magnitude !== undefined ? { magnitude: d.magnitude } : {}),
    ...(d.substances?.length ? { substances: d.substances } : {}),
    ...(d.tags?.length ? { tags: d.tags } : {}),
    ...(d.notes !== undefined ? { notes: d.notes } : {}),
    ...(d.severalSources ? { sources: [source, { title: `${d.title} (again)`, publisher: 'Other desk', reliability: 'C', credibility: 3 }] } : { source }),
  };
  return JSON.stringify(event);
}

describe('events with their words left in the file', () => {
  it('read and score as events held whole, on drawn files (120 files of up to 40 events)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(drawnArb, { minLength: 1, maxLength: 40 }), fc.boolean(), async (drawn, bom) => {
        let text = bom ? '\uFEFF' : '';
        drawn.forEach((d, i) => {
          text += (d.indented ? '  ' : '') + lineOf(d, `e-${i}`, d.summary) + d.ending;
          if (d.duplicate) text += `${lineOf(d, `e-${i}-again`, loosen(d.summary))}\n`;
          if (d.blankAfter) text += '\n';
        });
        await expectSameBothWays(text);
      }),
      { numRuns: 120 },
    );
  });

  it('read and score as events held whole on the bundled seeds and the frozen record, written as JSON Lines', async () => {
    for (const folder of ['seeds', RECORD]) {
      const events = await seedEvents(folder);
      // As written in a file: an event with several sources names them only (its `source` is the best of them).
      const lines = events.map(({ origin: _origin, source, ...fields }) => JSON.stringify(fields.sources ? fields : { ...fields, source }));
      const { events: count } = await expectSameBothWays(`${lines.join('\n')}\n`);
      expect(count).toBe(events.length);
    }
  });

  it('are read back only for the few events a table names and the look-alikes of one day', async () => {
    // 2,000 events, one a day for each kind in turn: none alike on every field but the summary.
    const kinds = Object.keys(set.kinds).filter((k) => !set.context.some((g) => g.kinds.includes(k)));
    const start = Date.UTC(2019, 0, 1);
    const lines = Array.from({ length: 2000 }, (_, i) =>
      JSON.stringify({
        id: `d-${i}`,
        date: new Date(start + i * 86_400_000).toISOString().slice(0, 10),
        actor: 'CN',
        kind: kinds[i % kinds.length],
        status: 'enforced',
        summary: `Act number ${i}.`,
        notes: 'Never printed.',
        source: { title: `Report ${i}`, reliability: 'B', credibility: 2 },
      }),
    );
    const { rereads } = await expectSameBothWays(`${lines.join('\n')}\n`);
    // expectSameBothWays reads every word (the field comparison, then every piece of evidence);
    // a table's run alone reads those of the pieces it names.
    const file = `f${files++}.jsonl`;
    writeFileSync(path.join(dir, file), `${lines.join('\n')}\n`);
    const loaded = await load(file, true);
    scoreEvents(loaded.events, set, { evidence: { top: 3 } });
    const text = loaded.textInFiles![0]!;
    expect(text.rereads).toBeGreaterThan(0);
    expect(text.rereads).toBeLessThanOrEqual(3 * 2 * set.indicators.length);
    expect(rereads).toBeGreaterThanOrEqual(2000);
    closeAll(loaded);
  });

  it('are not read back for look-alikes whose summaries differ in length, when the run gives summaryLengthKey', async () => {
    // 200 events of one day, alike on every field; summaries of 200 lengths, and two of one record.
    const line = (id: string, summary: string) => JSON.stringify({ id, date: '2024-03-01', actor: 'CN', kind: 'seizure', status: 'enforced', summary, source: { title: 'T', reliability: 'B', credibility: 2 } });
    const lines = Array.from({ length: 200 }, (_, i) => line(`s-${i}`, `Seized${'!'.repeat(i)}`));
    lines.push(line('s-again', '  Seized!!!  '));
    const file = `f${files++}.jsonl`;
    writeFileSync(path.join(dir, file), `${lines.join('\n')}\n`);
    const loaded = await load(file, true);
    const text = loaded.textInFiles![0]!;
    const plain = JSON.stringify(scoreEvents(loaded.events, set, { evidence: { top: 3 } }));
    const readEach = text.rereads;
    expect(readEach).toBeGreaterThanOrEqual(201);
    const keyed = JSON.stringify(scoreEvents(loaded.events, set, { evidence: { top: 3 }, summaryKey: summaryLengthKey }));
    expect(keyed).toBe(plain);
    // Read back: the two summaries of one length (s-3 and s-again, one record), and the table's three pieces.
    expect(text.rereads - readEach).toBeLessThanOrEqual(2 + 3);
    const before = text.rereads;
    const merged = exactDuplicates(loaded.events, set.method, summaryLengthKey);
    expect([...merged].map(([e, by]) => [e.id, by.id].sort().join(' '))).toEqual(['s-3 s-again']);
    expect(text.rereads - before).toBe(2);
    closeAll(loaded);
  });

  it("share their lists, frozen: a change to one event's list throws instead of reaching the others", async () => {
    const line = (id: string) => JSON.stringify({ id, date: '2024-01-01', actor: 'CN', kind: 'seizure', status: 'enforced', summary: `S ${id}`, substances: ['fentanyl'], source: { title: 'T' } });
    const file = `f${files++}.jsonl`;
    writeFileSync(path.join(dir, file), `${line('a')}\n${line('b')}\n`);
    const loaded = await load(file, true);
    const [a, b] = loaded.events;
    expect(a!.substances).toBe(b!.substances);
    expect(() => a!.substances!.push('xylazine')).toThrow(TypeError);
    expect(b!.substances).toEqual(['fentanyl']);
    expect(() => {
      (a as { summary: string }).summary = 'changed';
    }).toThrow(TypeError);
    closeAll(loaded);
  });

  it('refuse a file changed after it was read, naming the line, instead of reading a wrong word', async () => {
    const file = `f${files++}.jsonl`;
    const line = (id: string, summary: string) => JSON.stringify({ id, date: '2024-01-01', actor: 'CN', kind: 'arrest', status: 'enforced', summary, source: { title: 'T' } });
    writeFileSync(path.join(dir, file), `${line('x-1', 'First.')}\n${line('x-2', 'Second.')}\n`);
    const loaded = await load(file, true);
    appendFileSync(path.join(dir, file), `${line('x-3', 'Third.')}\n`);
    const error = (() => {
      try {
        return loaded.events[1]!.summary;
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(InputChangedError);
    expect((error as Error).message).toBe(
      `${file}:2:1: error input-changed: its size or modification time is not what it was: the file changed while coopscore was reading it; run again on a file that stays put`,
    );
    closeAll(loaded);
    // Rewritten in place to the same size and time: the line must still hold the event it held.
    const full = path.join(dir, file);
    const sameTime = 1_700_000_000;
    writeFileSync(full, `${line('x-1', 'First.')}\n${line('x-2', 'Second.')}\n`);
    utimesSync(full, sameTime, sameTime);
    const again = await load(file, true);
    writeFileSync(full, `${line('x-2', 'Second.')}\n${line('x-1', 'First.')}\n`);
    utimesSync(full, sameTime, sameTime);
    expect(statSync(full).mtimeMs).toBe(sameTime * 1000);
    expect(() => again.events[0]!.summary).toThrow(/^f\d+\.jsonl:1:1: error input-changed: line 1 no longer holds event "x-1": /);
    closeAll(again);
    // Gone: the same error, not a crash.
    const gone = await load(file, true);
    rmSync(full);
    expect(() => gone.events[1]!.summary).toThrow(/:2:1: error input-changed: it cannot be read again \(ENOENT\)/);
    closeAll(gone);
  });
  it('are held whole when the file is a named pipe, which cannot be read again', async () => {
    if (process.platform !== 'linux') return;
    const lines = ['p-1', 'p-2'].map((id, i) => JSON.stringify({ id, date: `2024-0${i + 1}-10`, actor: 'CN', kind: 'arrest', status: 'enforced', summary: `Pipe ${id}.`, notes: 'n', source: { title: 'T', reliability: 'B', credibility: 2 } }));
    const plain = path.join(dir, 'piped-source.jsonl');
    writeFileSync(plain, `${lines.join('\n')}\n`);
    const fifo = path.join(dir, 'piped.jsonl');
    execFileSync('mkfifo', [fifo]);
    // Another process writes the pipe (and closes it, so the reader sees its end).
    const writer = spawn('sh', ['-c', 'cat "$0" > "$1"', plain, fifo]);
    const written = new Promise((done) => writer.once('exit', done));
    const viaPipe = await runCli(['score', fifo], { cwd: dir });
    await written;
    const viaFile = await runCli(['score', plain], { cwd: dir });
    expect(viaPipe.code).toBe(0);
    expect(viaPipe.stdout).toBe(viaFile.stdout.replaceAll('piped-source.jsonl', 'piped.jsonl'));
    const again = spawn('sh', ['-c', 'cat "$0" > "$1"', plain, fifo]);
    const writtenAgain = new Promise((done) => again.once('exit', done));
    const loaded = await load('piped.jsonl', true);
    await writtenAgain;
    expect(loaded.textInFiles).toBeUndefined();
    expect(Object.keys(loaded.events[0]!)).toContain('summary');
  });
  // trend prints no words, but its exact-duplicate check reads back the two look-alikes of 2024-01-10 (summaries as long).
  it.each([[['score']], [['trend', '--every', 'month']]])('stop %j with input-changed and exit 2 when a file changes before its words are read back', async (command) => {
    if (process.platform !== 'linux') return;
    const line = (id: string, date: string, kind: string) => JSON.stringify({ id, date, actor: 'CN', kind, status: 'enforced', summary: `Act ${id}.`, source: { title: 'T', reliability: 'B', credibility: 2 } });
    writeFileSync(path.join(dir, 'a-changing.jsonl'), `${['2024-01-10', '2024-01-10', '2024-03-10'].map((d, i) => line(`c-${i}`, d, 'arrest')).join('\n')}\n`);
    writeFileSync(path.join(dir, 'later-source.txt'), `${line('c-9', '2024-04-10', 'seizure')}\n`);
    rmSync(path.join(dir, 'z-pipe.jsonl'), { force: true });
    execFileSync('mkfifo', [path.join(dir, 'z-pipe.jsonl')]);
    // The pipe is read after a-changing.jsonl: once the CLI opens it, that file has been read in
    // full, and the writer changes it before handing the pipe its line.
    const writer = spawn('sh', ['-c', 'exec 3>"$0"; echo >> "$1"; cat "$2" >&3', 'z-pipe.jsonl', 'a-changing.jsonl', 'later-source.txt'], { cwd: dir });
    const written = new Promise((done) => writer.once('exit', done));
    const run = await runCli([...command, 'a-changing.jsonl', 'z-pipe.jsonl'], { cwd: dir });
    await written;
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^a-changing\.jsonl:[1-3]:1: error input-changed: its size or modification time is not what it was: the file changed while coopscore was reading it; run again on a file that stays put$/m);
    expect(run.stderr).not.toContain('internal error');
  });
  it('give the CLI the output of the same lines read from stdin, which keeps every word (score table, trend)', async () => {
    // Look-alikes and one record entered twice (its summary's spaces loosened), so words are read back.
    const line = (id: string, date: string, summary: string, kind = 'arrest') =>
      JSON.stringify({ id, date, actor: 'CN', kind, status: 'enforced', summary, notes: 'n', magnitude: 3, source: { title: `Report ${id}`, url: `https://example.org/${id}` } });
    const lines = [
      line('s-1', '2024-01-10', 'Police detained three suspects.'),
      line('s-2', '2024-01-10', '  Police  detained three\tsuspects. '),
      line('s-3', '2024-01-12', 'Customs seized a shipment.', 'seizure'),
      line('s-4', '2024-03-01', 'Police detained two suspects.'),
      line('s-5', '2024-06-30', 'Regulators scheduled a precursor.', 'scheduling'),
    ];
    const text = `${lines.join('\n')}\n`;
    writeFileSync(path.join(dir, 'same.jsonl'), text);
    for (const args of [['score'], ['trend', '--every', 'month'], ['trend', '--every', 'quarter', '--format', 'json']]) {
      const fromFile = await runCli([...args, 'same.jsonl'], { cwd: dir });
      const fromStdin = await runCli([...args, '-', '--stdin-filename', 'same.jsonl'], { cwd: dir, stdin: text });
      expect(fromFile.code).toBe(0);
      expect(fromFile.stdout).toBe(fromStdin.stdout);
      expect(fromFile.stderr).toBe(fromStdin.stderr);
    }
  });
});
