import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { scoreEvents } from '../src/core/engine.js';
import { eventSchema } from '../src/core/schema.js';
import { validateEventDoc, vocabularyOf } from '../src/core/validate.js';
import { problem } from '../src/core/problems.js';
import type { LocatedData } from '../src/core/validate.js';
import { fastParseDoc, parseAndCheck } from '../src/io/fast-load.js';
import type { PathKey } from '../src/io/yaml-doc.js';
import { loadEventFiles, loadIndicatorSet, type LoadedEvents } from '../src/io/load.js';
import { parseYamlDoc } from '../src/io/yaml-doc.js';
import { defaultSet, ROOT } from './helpers/fixtures.js';
import { mutate } from './helpers/mutate.js';

/**
 * The fast path (js-yaml with positions from its listener, src/io/fast-load.ts) must give exactly
 * what the reference path (the `yaml` package, src/io/yaml-doc.ts) gives: the same events with the
 * same origins, the same problems at the same file:line:col, and so the same reports.
 */

const set = defaultSet();
const readStdin = async () => Buffer.alloc(0);
const INPUT = /\.(ya?ml|json|jsonl)$/i;

/** Every input file under a folder, recursively: fixtures added later are covered too. */
function inputsUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...inputsUnder(full));
    else if (INPUT.test(name) && !/(^|\.)anchors\.ya?ml$/i.test(name)) out.push(full); // anchors files are not events
  }
  return out;
}

const relative = (file: string) => path.relative(ROOT, file).split(path.sep).join('/');
const corpus = [...inputsUnder(path.join(ROOT, 'seeds')), ...inputsUnder(path.join(ROOT, 'test', 'fixtures'))].map(relative);
const folders = [...new Set(corpus.map((f) => path.posix.dirname(f)))];

async function both(paths: string[], cwd = ROOT): Promise<[LoadedEvents, LoadedEvents]> {
  return [
    await loadEventFiles(paths, set, { cwd, readStdin }),
    await loadEventFiles(paths, set, { cwd, readStdin, reference: true }),
  ];
}

const strip = (loaded: LoadedEvents) => ({ events: loaded.events, problems: loaded.problems, inputs: loaded.inputs, sources: [...loaded.sources] });

describe('fast path against the reference parser', () => {
  it('the corpus is not empty (seeds and fixtures are found)', () => {
    expect(corpus.filter((f) => f.startsWith('seeds/')).length).toBeGreaterThanOrEqual(3);
    expect(corpus.some((f) => f.startsWith('test/fixtures/'))).toBe(true);
  });

  it.each(corpus)('%s gives the same events and problems', async (file) => {
    const [fast, reference] = await both([file]);
    expect(strip(fast)).toEqual(strip(reference));
  });

  it.each(folders)('the folder %s as one input gives the same events and problems', async (folder) => {
    const [fast, reference] = await both([folder]);
    expect(strip(fast)).toEqual(strip(reference));
  });

  it.each(corpus.filter((f) => !f.endsWith('.jsonl')))('%s read as an indicator set gives the same set and problems', async (file) => {
    const fast = await loadIndicatorSet(file, ROOT);
    const reference = await loadIndicatorSet(file, ROOT, { reference: true });
    expect(fast).toEqual(reference);
  });

  it('the bundled indicator set loads the same on both paths', async () => {
    expect(await loadIndicatorSet(undefined, ROOT)).toEqual(await loadIndicatorSet(undefined, ROOT, { reference: true }));
  });

  it('scores the seeds to identical reports, in every format-relevant detail', async () => {
    const [fast, reference] = await both(['seeds']);
    const options = { tool: { name: 'coopscore', version: 'test' }, inputs: fast.inputs, warnings: fast.problems };
    expect(fast.events.length).toBeGreaterThan(29);
    expect(scoreEvents(fast.events, set, options)).toEqual(scoreEvents(reference.events, set, { ...options, inputs: reference.inputs, warnings: reference.problems }));
  });

  it('places the date, source and published date of every seed event from recorded positions', () => {
    for (const file of corpus.filter((f) => f.startsWith('seeds/') && f.endsWith('.yaml'))) {
      const text = readFileSync(path.join(ROOT, file), 'utf8');
      const fast = fastParseDoc(file, text)!;
      const reference = parseYamlDoc(file, text);
      const events = (fast.data as { events: { source?: { published?: string }; sources?: { published?: string }[] }[] }).events;
      events.forEach((e, i) => {
        // One source is recorded by the fast path; the reports of a `sources:` list are placed from
        // the event's own text when a warning asks (exactDoc), which the corpus test compares.
        const sources: [PathKey[], { published?: string }][] = e.sources ? [] : [[['events', i, 'source'], e.source!]];
        const paths: PathKey[][] = [['events', i, 'date'], ...sources.flatMap(([p, s]) => [p, ...(s.published ? [[...p, 'published']] : [])])];
        for (const p of paths) expect(fast.locate(p), `${file} ${p.join('.')}`).toEqual(reference.locate(p));
      });
      expect(fast.fellBack).toBe(false);
    }
  });

  it('really takes the fast path for every clean seed file (no fallback hides behind the equality)', () => {
    const schema = eventSchema(vocabularyOf(set));
    for (const file of corpus.filter((f) => f.startsWith('seeds/') && f.endsWith('.yaml'))) {
      const fast = fastParseDoc(file, readFileSync(path.join(ROOT, file), 'utf8'));
      expect(fast, file).toBeDefined();
      const result = validateEventDoc(fast!, set, schema);
      expect(result.problems).toEqual([]);
      expect(fast!.fellBack).toBe(false);
    }
  });
});

describe('fast path on generated YAML in many styles', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'coopscore-fast-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const schema = eventSchema(vocabularyOf(set));

  /** Load one text both ways and compare everything a user could see. */
  async function compareText(text: string, name = 'events.yaml') {
    const file = path.join(dir, name);
    writeFileSync(file, text);
    const [fast, reference] = await both([name], dir);
    expect(strip(fast)).toEqual(strip(reference));
    return fast;
  }

  const word = fc.constantFrom('arrest', 'seizure', 'scheduling', 'Police', 'said:', 'it\'s', '#not-a-comment', 'a "quote"', 'ünïcode', 'tab\there', '- dash', '2024-02-30', 'yes', 'null', '0o17', '1e3', '~', '', ' ');
  const text = fc.array(word, { minLength: 1, maxLength: 6 }).map((w) => w.join(' '));
  const scalarStyle = fc.constantFrom('plain', 'single', 'double', 'folded', 'literal');
  const render = (value: string, style: string, indent: string): string => {
    const plainSafe = /^[A-Za-z][\w .,'-]*$/.test(value) && !/\s$/.test(value) && !/^(?:yes|no|null|true|false|y|n|on|off)$/i.test(value);
    if (style === 'plain' && plainSafe) return value;
    if (style === 'single' || (style === 'plain' && !value.includes('\n'))) return `'${value.replace(/'/g, "''")}'`;
    if ((style === 'folded' || style === 'literal') && value.trim() === value && value !== '' && !value.includes('\t')) {
      return `${style === 'folded' ? '>-' : '|-'}\n${indent}  ${value}`;
    }
    return JSON.stringify(value);
  };
  const event = fc.record({
    id: fc.oneof(fc.stringMatching(/^[a-z0-9][a-z0-9.-]{0,12}$/), fc.constantFrom('Bad Id', 'dup', 'x')),
    date: fc.constantFrom('2024-01-31', '2024-02-30', '2023-12-01', '2024-13-01'),
    actor: fc.constantFrom('CN', 'US', 'cn'),
    kind: fc.constantFrom('arrest', 'seizure', 'intel-sharing', 'dialogue', 'arest'),
    status: fc.constantFrom('enforced', 'pledged', 'in-force', 'reversed', 'enforcd'),
    summary: text,
    magnitude: fc.option(fc.constantFrom('3', '0', '1.5', '0x10', '1e2', '"7"'), { nil: undefined }),
    substances: fc.option(fc.subarray(['fentanyl', 'xylazine', 'nitazenes', 'fentanil']), { nil: undefined }),
    title: text,
    grade: fc.option(fc.tuple(fc.constantFrom('A', 'B', 'F', 'Z'), fc.constantFrom('1', '2', '6', '9')), { nil: undefined }),
    notes: fc.option(text, { nil: undefined }),
    styles: fc.array(scalarStyle, { minLength: 6, maxLength: 6 }),
    flow: fc.boolean(),
    comment: fc.boolean(),
    keyOrder: fc.boolean(),
  });
  const layout = fc.record({ indent: fc.constantFrom('  ', '    '), crlf: fc.boolean(), blank: fc.boolean(), dashAlone: fc.boolean() });

  type Generated<A> = A extends fc.Arbitrary<infer T> ? T : never;
  function toYaml(events: Generated<typeof event>[], l: Generated<typeof layout>): string {
    const i = l.indent;
    const lines = ['subject: CN', 'events:'];
    for (const e of events) {
      const [sId, sSummary, sTitle, sNotes, sDate, sKind] = e.styles as [string, string, string, string, string, string];
      const fields: [string, string][] = [
        ['id', render(e.id, sId === 'folded' || sId === 'literal' ? 'plain' : sId, `${i}  `)],
        ['date', sDate === 'double' ? `"${e.date}"` : e.date],
        ['actor', e.actor],
        ['kind', render(e.kind, sKind === 'folded' ? 'plain' : sKind, `${i}  `)],
        ['status', e.status],
        ['summary', render(e.summary, sSummary, `${i}  `)],
      ];
      if (e.magnitude) fields.push(['magnitude', e.magnitude]);
      if (e.substances) fields.push(['substances', e.flow ? `[${e.substances.join(', ')}]` : e.substances.map((s) => `\n${i}    - ${s}`).join('')]);
      const source = [`title: ${render(e.title, sTitle === 'folded' || sTitle === 'literal' ? 'double' : sTitle, '')}`];
      if (e.grade) source.push(`reliability: ${e.grade[0]}`, `credibility: ${e.grade[1]}`);
      fields.push(['source', e.flow ? `{ ${source.join(', ')} }` : source.map((s) => `\n${i}    ${s}`).join('')]);
      if (e.notes !== undefined) fields.push(['notes', render(e.notes, sNotes, `${i}  `)]);
      if (e.keyOrder) fields.reverse();
      if (e.flow && fields.every(([, v]) => !v.includes('\n'))) {
        lines.push(`${i}- { ${fields.map(([k, v]) => `${k}: ${v}`).join(', ')} }`);
        continue;
      }
      const [first, ...rest] = fields;
      if (l.dashAlone) lines.push(`${i}-${e.comment ? ' # an event' : ''}`, `${i}  ${first![0]}: ${first![1]}`);
      else lines.push(`${i}- ${first![0]}: ${first![1]}${e.comment ? '   # trailing comment' : ''}`);
      for (const [k, v] of rest) lines.push(`${i}  ${k}: ${v}`);
      if (l.blank) lines.push('');
    }
    return `${lines.join(l.crlf ? '\r\n' : '\n')}\n`;
  }

  it('gives the same events, origins and problems as the reference, whatever the style', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(event, { minLength: 1, maxLength: 6 }), layout, async (events, l) => {
        await compareText(toYaml(events, l));
      }),
      { numRuns: Number(process.env.STYLES ?? 150) },
    );
  });

  it('places warnings anywhere in an event exactly as the reference, without reparsing the file', async () => {
    // A check that only warns, at paths the fast path does not record: as the input warnings do.
    const paths = (i: number): [PathKey[], 'key' | 'value'][] => [
      [['events', i, 'source'], 'value'],
      [['events', i, 'date'], 'value'],
      [['events', i, 'summary'], 'value'],
      [['events', i, 'source', 'title'], 'value'],
      [['events', i, 'source', 'reliability'], 'value'],
      [['events', i, 'source', 'published'], 'value'],
      [['events', i, 'source', 'nothing-here'], 'value'],
      [['events', i, 'substances', 1], 'value'],
      [['events', i, 'notes'], 'key'],
      [['events', i, 'id'], 'value'],
      [['events', i], 'value'],
    ];
    const warnEverywhere = (doc: LocatedData) => {
      const events = (doc.data as { events?: unknown[] } | undefined)?.events;
      const problems = (Array.isArray(events) ? events : []).flatMap((_, i) =>
        paths(i).map(([path, part]) => problem(doc.file, doc.locate(path, part), 'empty-events', path.join('.'), { severity: 'warning' })),
      );
      return { problems };
    };
    await fc.assert(
      fc.asyncProperty(fc.array(event, { minLength: 1, maxLength: 5 }), layout, async (events, l) => {
        const text = toYaml(events, l);
        const fast = await parseAndCheck('x.yaml', text, warnEverywhere);
        const reference = await parseAndCheck('x.yaml', text, warnEverywhere, { reference: true });
        expect(fast).toEqual(reference);
      }),
      { numRuns: Number(process.env.STYLES ?? 150) },
    );
  });

  it('vouches for clean files in those styles (the fast path is taken, not skipped)', () => {
    let taken = 0;
    fc.assert(
      fc.property(fc.array(event, { minLength: 1, maxLength: 4 }), layout, (events, l) => {
        const clean = events.map((e, n) => ({ ...e, id: `ev-${n}`, date: '2024-01-31' as const, actor: 'CN' as const, kind: 'arrest' as const, status: 'enforced' as const, magnitude: '3' as const, substances: undefined, grade: undefined, summary: e.summary.trim() || 'x', title: e.title.trim() || 't' }));
        const doc = fastParseDoc('events.yaml', toYaml(clean, l));
        if (doc && validateEventDoc(doc, set, schema).problems.length === 0 && !doc.fellBack) taken++;
      }),
      { numRuns: 100 },
    );
    expect(taken).toBeGreaterThan(80);
  });

  it('agrees with the reference on mutated seed files (broken YAML, deleted and repeated lines)', async () => {
    const seeds = corpus.filter((f) => f.startsWith('seeds/') && f.endsWith('.yaml')).map((f) => readFileSync(path.join(ROOT, f), 'utf8'));
    const mutation = fc.record({
      seed: fc.nat(seeds.length - 1),
      at: fc.nat(),
      kind: fc.constantFrom('insert', 'delete', 'replace', 'repeat-line', 'drop-line', 'indent-line'),
      char: fc.constantFrom(':', '-', ' ', '\t', '#', '"', "'", '&a ', '*a', '!!str ', '{', '[', '\n', '? ', '|', '>', '%', ',', 'x'),
    });
    await fc.assert(
      fc.asyncProperty(mutation, async (m) => {
        const out = mutate(seeds[m.seed]!, m);
        await compareText(out, 'mutated.yaml');
      }),
      { numRuns: Number(process.env.MUTATIONS ?? 300) },
    );
  });

  it('the reference and the fast path read the same data from one document', () => {
    // A direct check on data, below the loaders: scalars the core schema resolves (numbers, nulls,
    // booleans, octal and hex) come out the same.
    const text = 'a: 0o17\nb: 0x1F\nc: 1e3\nd: .inf\ne: ~\nf: True\ng: "2024-02-30"\nh: 2024-02-30\ni: -0\nj: .5\nk: 1_000\nl: 08\n';
    expect(fastParseDoc('x.yaml', text)!.data).toEqual(parseYamlDoc('x.yaml', text).data);
  });
});
