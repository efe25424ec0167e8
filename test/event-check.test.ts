import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { acceptEvent } from '../src/core/event-check.js';
import { isCalendarDate } from '../src/core/dates.js';
import { eventFileSchema, eventSchema, isHttpUrl, PLAIN_HTTP_URL } from '../src/core/schema.js';
import { STATUSES } from '../src/core/types.js';
import { EVENT_FILE_KEYS, vocabularyOf } from '../src/core/validate.js';
import { parseYamlDoc } from '../src/io/yaml-doc.js';
import { defaultSet, ROOT } from './helpers/fixtures.js';

/**
 * The fast check (src/core/event-check.ts) stands in for zod on valid events, so it must agree
 * with the event schema exactly: it accepts an event exactly when the schema does (for plain data,
 * as parsers build it), and then returns the schema's output, key order and trimming included.
 */

const set = defaultSet();
const vocab = vocabularyOf(set);
const schema = eventSchema(vocab);

/** Both checks on one event: the fast one's answer must be the schema's, byte for byte. */
function agree(raw: unknown): boolean {
  const fast = acceptEvent(raw, vocab);
  const zod = schema.safeParse(raw);
  expect(fast !== undefined, JSON.stringify(raw)).toBe(zod.success);
  if (fast !== undefined && zod.success) {
    expect(JSON.stringify(fast)).toBe(JSON.stringify(zod.data));
    expect(fast).toStrictEqual(zod.data);
  }
  return zod.success;
}

// Each field: values the schema accepts and values it refuses, near its edges.
const DATES = ['2024-02-29', '2023-02-28', '2019-12-31', '2025-01-01', '2023-02-29', '2024-13-01', '2024-1-01', '2024-00-10', ' 2024-01-01', 20240101, null];
// Characters at the edges of the patterns' ranges (` before a, { after z, / and : around the digits, @ and [ around A-Z).
const EDGES = [...'az09AZ._-`{/:@[ é'];
const edgy = (maxLength: number) => fc.string({ unit: fc.constantFrom(...EDGES), minLength: 1, maxLength });
const ids = fc.oneof(
  fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,12}$/),
  edgy(6),
  fc.constantFrom('', '-a', 'A-1', 'a b', 'x'.repeat(200), 'x'.repeat(201), 7, null),
);
const texts = (max: number) =>
  fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.constantFrom('  padded  ', '\n\t', '', ' ', '\nfolded text\n', 'x'.repeat(max), ` ${'x'.repeat(max)} `, 'x'.repeat(max + 1), 3, true, ['a']),
  );
const source = fc.record(
  {
    title: texts(10_000),
    publisher: texts(500),
    url: fc.constantFrom('https://example.org/a', 'http://x.y', 'ftp://x.y/z', 'not a url', 'https://', ' https://example.org', 42),
    published: fc.constantFrom(...DATES),
    reliability: fc.constantFrom('A', 'B', 'F', 'G', 'a', 1),
    credibility: fc.constantFrom(1, 3, 6, 0, 7, 2.5, '2'),
    extra: fc.constant('x'),
  },
  { requiredKeys: [], noNullPrototype: true },
);
const kinds = Object.keys(set.kinds);
const substances = Object.keys(set.substances);
const event = fc.record(
  {
    id: ids,
    date: fc.constantFrom(...DATES),
    actor: fc.oneof(fc.constantFrom('CN', 'US', 'UN', 'EU-27', 'cn', 'C', 'X'.repeat(16), 'X'.repeat(17), 'C N', 5), edgy(4)),
    kind: fc.oneof(fc.constantFrom(...kinds), fc.constantFrom('nope', '', 4)),
    status: fc.constantFrom(...STATUSES, 'done', 'Enforced'),
    summary: texts(10_000),
    magnitude: fc.constantFrom(1, 2, 1_000_000_000, 1_000_000_001, 0, -3, 2.5, '3', Number.NaN, Number.POSITIVE_INFINITY),
    substances: fc.oneof(fc.array(fc.constantFrom(...substances, 'unobtainium'), { maxLength: 3 }), fc.constantFrom('fentanyl', Array(101).fill('fentanyl'), [3])),
    tags: fc.oneof(fc.array(fc.oneof(fc.constantFrom('a', 'a-b.c_d', 'A', '-a', 'x'.repeat(100), 'x'.repeat(101), 9), edgy(4)), { maxLength: 3 }), fc.constantFrom('tag', Array(101).fill('a'))),
    source,
    sources: fc.oneof(fc.array(source, { maxLength: 2 }), fc.constantFrom('one', Array(101).fill({ title: 'a' }))),
    notes: fc.constantFrom('', 'some notes', 'x'.repeat(100_001), 12),
    measure: ids,
    due: fc.constantFrom(...DATES),
    datePrecision: fc.constantFrom('day', 'month', 'year', 'week', 1),
    unknown: fc.constant(1),
  },
  { requiredKeys: [], noNullPrototype: true },
);
/**
 * Mostly valid events (so the accepting side is well covered), with one or two fields set from the
 * broad generator above: broken, missing, or an optional field added (a due date, a magnitude ...).
 */
const SOURCE_FIELDS = ['title', 'publisher', 'url', 'published', 'reliability', 'credibility', 'extra'];
const nearlyValidSource = fc
  .tuple(
    fc.record({ title: fc.constantFrom('A report', ' padded '), reliability: fc.constantFrom('A', 'C'), credibility: fc.constantFrom(1, 2) }, { requiredKeys: ['title'], noNullPrototype: true }),
    fc.subarray(SOURCE_FIELDS, { maxLength: 1 }),
    source,
  )
  .map(([base, keys, other]) => {
    const out: Record<string, unknown> = { ...base };
    for (const key of keys) {
      if (key in other) out[key] = (other as Record<string, unknown>)[key];
      else delete out[key];
    }
    return out;
  });
const FIELDS = ['id', 'date', 'actor', 'kind', 'status', 'summary', 'magnitude', 'substances', 'tags', 'source', 'sources', 'notes', 'measure', 'due', 'datePrecision', 'unknown'];
const nearlyValid = fc
  .tuple(
    fc.record({
      id: fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,12}$/),
      date: fc.constantFrom('2024-02-29', '2023-02-28', '2019-12-31'),
      actor: fc.constantFrom('CN', 'US', 'UN'),
      kind: fc.constantFrom(...kinds),
      status: fc.constantFrom(...STATUSES),
      summary: fc.string({ minLength: 1, maxLength: 20 }).filter((s) => s.trim() !== ''),
      source: nearlyValidSource,
    }),
    fc.subarray(FIELDS, { minLength: 1, maxLength: 2 }),
    event,
    fc.boolean(),
  )
  .map(([base, keys, other, replaceSource]) => {
    const out: Record<string, unknown> = { ...base };
    for (const key of keys) {
      if (key in other) out[key] = (other as Record<string, unknown>)[key];
      else delete out[key];
      // `sources` instead of `source`, not beside it (half the time), so a valid `sources` is reached.
      if (key === 'sources' && key in other && replaceSource) delete out.source;
    }
    return out;
  });

describe('the fast event check agrees with the event schema', () => {
  it('on generated events, valid and broken (4,000 each kind)', () => {
    let accepted = 0;
    fc.assert(fc.property(event, (e) => void (agree(e) && accepted++)), { numRuns: 4_000 });
    fc.assert(fc.property(nearlyValid, (e) => void (agree(e) && accepted++)), { numRuns: 4_000 });
    // The runs must reach the accepting side, or they prove nothing about the output.
    expect(accepted).toBeGreaterThan(500);
  });

  it('on ids, actors, tags and measures made of the characters at the patterns\' edges (2,000 texts)', () => {
    const valid = { id: 'a', date: '2024-01-01', actor: 'CN', kind: kinds[0], status: 'enforced', summary: 's', source: { title: 't' } };
    const texts = fc.oneof(edgy(8), edgy(2), fc.stringMatching(/^[A-Z][A-Z0-9-]{1,15}$/), fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,8}$/));
    fc.assert(
      fc.property(texts, (t) => {
        for (const field of ['id', 'actor', 'measure']) agree({ ...valid, [field]: t });
        agree({ ...valid, tags: [t] });
      }),
      { numRuns: 2_000 },
    );
  });

  it('on every seed event, each accepted with the schema output', () => {
    const dir = path.join(ROOT, 'seeds');
    let count = 0;
    for (const name of readdirSync(dir).filter((f) => /^\d.*\.yaml$/.test(f))) {
      const doc = parseYamlDoc(name, readFileSync(path.join(dir, name), 'utf8'));
      for (const e of (doc.data as { events: unknown[] }).events) {
        expect(acceptEvent(e, vocab), name).toBeDefined();
        expect(agree(e)).toBe(true);
        count++;
      }
    }
    expect(count).toBeGreaterThan(50);
  });

  it('leaves to the schema what parsers do not build: undefined values, other prototypes, holes', () => {
    const valid = { id: 'a', date: '2024-01-01', actor: 'CN', kind: kinds[0], status: 'enforced', summary: 's', source: { title: 't' } };
    expect(acceptEvent(valid, vocab)).toBeDefined();
    expect(acceptEvent({ ...valid, notes: undefined }, vocab)).toBeUndefined();
    expect(acceptEvent(Object.assign(Object.create(null), valid), vocab)).toBeUndefined();
    expect(acceptEvent({ ...valid, source: Object.assign(Object.create(null), valid.source) }, vocab)).toBeUndefined();
    // eslint-disable-next-line no-sparse-arrays
    expect(acceptEvent({ ...valid, tags: ['a', , 'b'] }, vocab)).toBeUndefined();
    // Whatever it leaves, the schema still decides (and words any problem): these are all valid to zod.
    expect(schema.safeParse({ ...valid, notes: undefined }).success).toBe(true);
  });

  it('copies what it returns: the input is not shared with the event', () => {
    const raw = { id: 'a', date: '2024-01-01', actor: 'CN', kind: kinds[0], status: 'enforced', summary: 's', tags: ['x'], sources: [{ title: 't' }] };
    const out = acceptEvent(raw, vocab)!;
    expect(out.tags).not.toBe(raw.tags);
    expect(out.sources![0]).not.toBe(raw.sources[0]);
  });

  it('reads every URL its quick pattern passes as the URL parser does (3,000 generated URLs)', () => {
    const parses = (u: string) => {
      try {
        const { protocol } = new URL(u);
        return protocol === 'http:' || protocol === 'https:';
      } catch {
        return false;
      }
    };
    fc.assert(fc.property(fc.stringMatching(PLAIN_HTTP_URL), (u) => parses(u)), { numRuns: 3_000 });
    // and the texts it does not pass still go to the parser
    for (const u of ['http://1.2.3.999/', 'https://xn--a.com/', 'HTTPS://Example.org', 'http://user@host/', 'http://[::1]/', 'mailto:a@b']) expect(isHttpUrl(u)).toBe(parses(u));
  });

  it('reads calendar dates as the YYYY-MM-DD pattern and the calendar do (5,000 generated texts)', () => {
    const reference = (t: string) => {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
      if (!m) return false;
      const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
      return mo >= 1 && mo <= 12 && d >= 1 && d <= new Date(Date.UTC(2000, mo, 0)).getUTCDate() - (mo === 2 && !(y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)) ? 1 : 0);
    };
    const digits = (n: number) => fc.string({ unit: fc.constantFrom(...'0123456789/:'), minLength: n, maxLength: n });
    const dateLike = fc.tuple(digits(4), fc.constantFrom('-', '-', '/'), digits(2), fc.constantFrom('-', '-', '.'), digits(2), fc.constantFrom('', '', ' ', '\n')).map((p) => p.join(''));
    const nearDates = fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 })).map(
      ([y, m, d]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
    );
    fc.assert(fc.property(fc.oneof(dateLike, nearDates, fc.string({ maxLength: 11 })), (t) => isCalendarDate(t) === reference(t)), { numRuns: 5_000 });
  });

  it('names the top keys of an event file as the file schema does', () => {
    expect(EVENT_FILE_KEYS).toEqual(Object.keys(eventFileSchema(vocab).shape));
  });
});
