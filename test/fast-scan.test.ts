import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: the bench generator is plain JavaScript without types
import { makeEvent, toYaml as benchYaml } from '../bench/generate.mjs';
import { mulberry32 } from '../src/core/random.js';
import { loadWithPositions } from '../src/io/fast-load.js';
import { LEFT_TO_JS_YAML, scanPlainYaml, type MapPosition } from '../src/io/fast-scan.js';
import { readInput, TextChecker } from '../src/io/inputs.js';
import { ROOT } from './helpers/fixtures.js';
import { mutate } from './helpers/mutate.js';

/**
 * The line scanner (src/io/fast-scan.ts) must read whatever it accepts exactly as js-yaml with the
 * fast path's listener does (src/io/fast-load.ts): the same data, keys in the same order, numbers
 * of the same sign, and the same recorded positions for every mapping. Where it declines, js-yaml
 * decides as before, so declining is always safe; reading differently never is.
 */

/** The data as text that tells apart everything a reader could: key order, -0, NaN, null and undefined. */
function canonical(x: unknown): string {
  if (typeof x === 'number') return Object.is(x, -0) ? 'n:-0' : `n:${String(x)}`;
  if (typeof x === 'string') return JSON.stringify(x);
  if (x === null || typeof x !== 'object') return String(x);
  if (Array.isArray(x)) return `[${x.map(canonical).join(',')}]`;
  return `{${Object.entries(x).map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}

/** What a recorded position means (idEnd is left over from another mapping when there is no id, and never read then). */
const meaning = (at: MapPosition | undefined) => (at ? { ...at, idEnd: at.idStart >= 0 ? at.idEnd : -1 } : undefined);

/** Compare the positions recorded for every mapping of two parses of the same data, walking both together. */
function samePositions(a: unknown, b: unknown, mapsA: Map<object, MapPosition>, mapsB: Map<object, MapPosition>, where = '$'): void {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return;
  if (!Array.isArray(a)) expect(meaning(mapsA.get(a)), where).toEqual(meaning(mapsB.get(b)));
  for (const [k, v] of Object.entries(a)) samePositions(v, (b as Record<string, unknown>)[k], mapsA, mapsB, `${where}.${k}`);
}

/** True when the scanner read the text; then it read it as js-yaml does (or the test fails). */
function agrees(text: string): boolean {
  const scanned = scanPlainYaml(text);
  if (!scanned) return false;
  const loaded = loadWithPositions(text);
  expect(loaded, `js-yaml refused a text the scanner read:\n${text}`).toBeDefined();
  expect(canonical(scanned.data), text).toBe(canonical(loaded!.data));
  samePositions(scanned.data, loaded!.data, scanned.maps, loaded!.maps);
  return true;
}

function yamlUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...yamlUnder(full));
    else if (/\.ya?ml$/i.test(name)) out.push(full);
  }
  return out;
}

const seedFiles = yamlUnder(path.join(ROOT, 'seeds'));
const corpus = [...seedFiles, ...yamlUnder(path.join(ROOT, 'test', 'fixtures')), ...yamlUnder(path.join(ROOT, 'indicators'))];
const rel = (f: string) => path.relative(ROOT, f);

/** Events as the bench writes them (one file of 200, seed 3): the shape large inputs have. */
function benchText(quoteDates: boolean): string {
  const rand = mulberry32(3);
  const events = Array.from({ length: 200 }, (_, i) => makeEvent(rand, i));
  return benchYaml(events, { quoteDates }) as string;
}

describe('the line scanner against js-yaml', () => {
  it('reads every seed file, and reads it as js-yaml does', () => {
    expect(seedFiles.length).toBeGreaterThanOrEqual(4);
    for (const file of seedFiles) expect(agrees(readFileSync(file, 'utf8')), rel(file)).toBe(true);
  });

  it('reads the bench files (plain and quoted dates) as js-yaml does', () => {
    expect(agrees(benchText(false))).toBe(true);
    expect(agrees(benchText(true))).toBe(true);
  });

  it.each(corpus.map(rel))('%s: read as js-yaml does, or left to it', (file) => {
    agrees(readFileSync(path.join(ROOT, file), 'utf8'));
  });

  it('agrees on scalars of every type the core schema resolves, and declines the rest', () => {
    const text = [
      'a: 0o17', 'b: 0x1F', 'c: 1e3', 'd: .inf', 'e: ~', 'f: True', 'g: "2024-02-30"', 'h: 2024-02-30', 'i: -0', 'j: .5', 'k: 1_000', 'l: 08',
      'm: -.INF', 'n2: .NaN', 'o: null', 'p: NULL', 'q: +12', 'r: 1.', 's: FALSE', 't: yes', 'u: "a\\"b\\\\c\\/d\\n\\t\\u00e9"', "v: 'it''s'",
      'w: [1, "two", three four, 0x10, ~]', 'x: []', 'y: a#b', 'z: -a', 'url: https://example.org/a?b=c#d   # a comment',
      '',
    ].join('\n');
    expect(agrees(text)).toBe(true);
    // Keys Object.prototype holds are ordinary keys to js-yaml too.
    expect(agrees('toString: 1\nvalueOf: x\nhasOwnProperty: [a]\n')).toBe(true);
    for (const outside of ['a: &x 1\n', 'a: *x\n', 'a: !!str 1\n', 'a: {b: 1}\n', '"a": 1\n', 'a:\n', 'a: "x\n  y"\n', 'a: x\n  y\n', 'a: >+\n  x\n', 'a: |2\n  x\n', 'a: >\n\n  x\n', 'a: "\\x41"\n', '---\na: 1\n', 'a: b: c\n', 'a: [b, [c]]\n', 'a: [b,]\n', 'a:\tb\n', 'a: b\r\n', '- a\n', '  a: 1\n', 'null: 1\n', 'a: 1\na: 2\n', '__proto__: 1\n', 'a:\n  b: 1\n  c: 2\n  b: 3\n',
      // What js-yaml refuses, wherever it is (found by an adversarial review: the scanner read these).
      'a: \x01\n', 'a: x\x7f\n', 'a: "x\x01"\n', 'a: x\uD800\n', 'a: \uFFFE\n', 'a: |\n  x\f\n', 'a: [x\x0b]\n', '# \0\na: 1\n']) {
      expect(scanPlainYaml(outside), JSON.stringify(outside)).toBeUndefined();
    }
  });

  it('follows nesting as deep as the reference allows, and leaves deeper nesting to js-yaml', () => {
    // js-yaml takes several stack frames a level and runs out of stack around a thousand levels;
    // the scanner must not read what it cannot.
    const nested = (depth: number) => `${Array.from({ length: depth }, (_, i) => `${' '.repeat(i)}a:`).join('\n')}\n${' '.repeat(depth)}id: x\n`;
    expect(agrees(nested(60))).toBe(true);
    expect(scanPlainYaml(nested(100))).toBeUndefined();
    expect(scanPlainYaml(nested(2000))).toBeUndefined();
  });

  it('folds and keeps block scalars as js-yaml does', () => {
    const text = 'a: >-\n  one\n  two\n\n  three\n\n\n  four\nb: |\n  x\n\n  y\nc: >\n  z\n\n\nd: |-\n    deep\n    text\n# c\ne: end\n';
    expect(agrees(text)).toBe(true);
  });

  // Documents built from the pieces event files use, in many layouts: most in the subset, some not.
  // Mostly words event files hold, now and then one that takes a text outside the subset.
  const word = fc.oneof(
    { arbitrary: fc.constantFrom('arrest', 'Police', "it's", 'C#', 'ünï', '2024-02-30', 'null', '0o17', '1e3', '~', '-3', '.5', 'x,y', 'a"b', 'true', '08'), weight: 60 },
    { arbitrary: fc.constantFrom('said:', '#tag', 'a #b', '- dash', '[z]', '{w}', '*', '&', '!', '%', '@', '`', '?', ':', '|', '>', '"q"'), weight: 1 },
  );
  const scalar = fc.tuple(fc.array(word, { minLength: 1, maxLength: 4 }), fc.constantFrom('plain', 'single', 'double', 'folded', 'literal', 'flow')).map(([w, style]) => ({ text: w.join(' '), style }));
  const render = (s: { text: string; style: string }, indent: string): string => {
    if (s.style === 'single') return `'${s.text.replace(/'/g, "''")}'`;
    if (s.style === 'double') return JSON.stringify(s.text);
    if (s.style === 'folded' || s.style === 'literal') {
      const words = s.text.split(' ');
      const half = Math.ceil(words.length / 2);
      return `${s.style === 'folded' ? '>-' : '|'}\n${indent}  ${words.slice(0, half).join(' ')}\n${indent}  ${words.slice(half).join(' ') || 'end'}`;
    }
    if (s.style === 'flow') return `[${s.text.split(' ').join(', ')}]`;
    return s.text;
  };
  // (`source` comes as a mapping below, so a field never repeats it.)
  const key = fc.constantFrom('id', 'date', 'published', 'title', 'summary', 'kind', 'notes', 'k-2', 'a_b');
  const entry = fc.tuple(key, scalar, fc.boolean(), fc.boolean());
  const doc = fc.record({
    events: fc.array(fc.record({ fields: fc.uniqueArray(entry, { minLength: 1, maxLength: 6, selector: (e) => e[0] }), source: fc.option(fc.uniqueArray(entry, { minLength: 1, maxLength: 3, selector: (e) => e[0] }), { nil: undefined }), list: fc.option(fc.array(scalar, { minLength: 1, maxLength: 3 }), { nil: undefined }) }), { minLength: 1, maxLength: 4 }),
    indent: fc.constantFrom('', '  ', '    '),
    after: fc.constantFrom('', '   ', ' '),
    finalNewline: fc.boolean(),
  });
  type Doc = typeof doc extends fc.Arbitrary<infer T> ? T : never;
  const toText = (d: Doc) => {
    const i = d.indent;
    const lines = ['# generated', 'subject: CN', 'events:'];
    for (const e of d.events) {
      e.fields.forEach(([k, v, comment, blank], n) => {
        const block = v.style === 'folded' || v.style === 'literal';
        lines.push(`${i}${n === 0 ? '- ' : '  '}${k}: ${render(v, `${i}  `)}${block ? '' : d.after}${comment && !block ? ' # note' : ''}`);
        if (blank) lines.push('');
      });
      if (e.source) {
        lines.push(`${i}  source:${d.after}`);
        for (const [k, v, comment] of e.source) lines.push(`${i}    ${k}: ${render(v, `${i}    `)}${comment && v.style !== 'folded' && v.style !== 'literal' ? '   # c' : ''}`);
      }
      if (e.list) {
        lines.push(`${i}  substances:`);
        for (const s of e.list) lines.push(`${i}    - ${render(s, `${i}    `)}`);
      }
    }
    const text = lines.join('\n');
    return d.finalNewline ? `${text}\n` : text;
  };

  it('agrees on generated documents in many styles, and reads most of them', () => {
    let read = 0;
    fc.assert(
      fc.property(doc, (d) => {
        if (agrees(toText(d))) read++;
      }),
      { numRuns: Number(process.env.SCAN_RUNS ?? 400) },
    );
    expect(read).toBeGreaterThan(Number(process.env.SCAN_RUNS ?? 400) / 20);
  });

  it('agrees on mutated seed and bench files, and still reads many of them', () => {
    const texts = [...seedFiles.map((f) => readFileSync(f, 'utf8')), benchText(false)];
    const mutation = fc.record({
      text: fc.nat(texts.length - 1),
      at: fc.nat(),
      kind: fc.constantFrom('insert', 'delete', 'replace', 'repeat-line', 'drop-line', 'indent-line', 'dedent-line', 'blank-spaces', 'comment-line', 'trailing-spaces'),
      depth: fc.nat(8),
      char: fc.constantFrom(':', '-', ' ', '  ', '#', ' #', '"', "'", '\\', '&a ', '*a', '!!str ', '{', '[', ']', ',', '\n', '? ', '|', '>', '>-', '%', 'x', '0', '~', '\u00e9'),
    });
    let read = 0;
    const runs = Number(process.env.SCAN_MUTATIONS ?? 1500);
    fc.assert(
      fc.property(mutation, (m) => {
        const out = mutate(texts[m.text]!, m);
        if (agrees(out)) read++;
      }),
      { numRuns: runs },
    );
    expect(read).toBeGreaterThan(runs / 4);
  });
});

describe("the input check's word that a text is plain (TextChecker.plain)", () => {
  // Characters the scanner leaves to js-yaml, characters it reads, and the ones the input check
  // refuses (NUL, control characters): a text it calls plain must be one the scanner would not
  // have declined for its characters, however the bytes are cut into pieces.
  const alphabet = fc.constantFrom('a', ' ', '\n', ':', '-', 'é', '\t', '\r', '\r\n', '\u2028', '\u2029', '\uFEFF', '\u0085', '\u0007', '\u007f', '\u009f', '😀', '\ufffe');
  it('is given only to text without a character the scanner leaves to js-yaml, and to all such text', () => {
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 40 }), fc.integer({ min: 1, max: 8 }), (chars, piece) => {
        const bytes = Buffer.from(chars.join(''), 'utf8');
        const checker = new TextChecker('t.yaml', 1 << 20, false);
        let text = '';
        for (let at = 0; at < bytes.length || at === 0; at += piece) {
          const got = checker.push(bytes.subarray(at, at + piece), at + piece >= bytes.length);
          if (got === undefined) return; // refused (a control character): nothing to scan
          text += got;
        }
        expect(checker.plain).toBe(!LEFT_TO_JS_YAML.test(text));
        if (checker.plain) expect(canonical(scanPlainYaml(text, true)?.data)).toBe(canonical(scanPlainYaml(text)?.data));
      }),
      { numRuns: 400 },
    );
  });

  it('reaches the scanner through a read file, so a plain file is searched once', async () => {
    const noStdin = async () => Buffer.alloc(0);
    expect((await readInput(path.join(ROOT, 'seeds', '2024.yaml'), ROOT, noStdin)).input?.plain).toBe(true);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'coopscore-plain-'));
    try {
      writeFileSync(path.join(dir, 'crlf.yaml'), 'events:\r\n  - id: a\r\n');
      expect((await readInput(path.join(dir, 'crlf.yaml'), dir, noStdin)).input?.plain).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
