import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scoreEvents } from '../src/core/engine.js';
import { jsonChunks } from '../src/format/json-chunks.js';
import { defaultSet, drawnEvents } from './helpers/fixtures.js';
import { seedEvents } from './helpers/seeds.js';

const native = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
const joined = (value: unknown, chunkSize?: number) => [...jsonChunks(value, chunkSize)].join('');

// JSON values, objects with members JSON.stringify leaves out (undefined, functions) and lists
// holding them, and long lists of objects, so both the walked path and the plain one are taken.
const leaf = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constant(undefined), fc.constant(() => 1), fc.string({ unit: 'binary' }), fc.double());
const { tree } = fc.letrec<{ tree: unknown }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'xsmall', withCrossShrink: true },
    leaf,
    fc.array(tie('tree'), { maxLength: 24 }),
    fc.dictionary(fc.string({ unit: 'binary', maxLength: 6 }), tie('tree'), { maxKeys: 8 }),
  ),
}));
const bulky = fc.dictionary(fc.string({ maxLength: 4 }), fc.array(fc.dictionary(fc.string({ maxLength: 3 }), tree, { maxKeys: 4 }), { minLength: 17, maxLength: 30 }), {
  minKeys: 1,
  maxKeys: 3,
});

// A long list (walked) holding members JSON.stringify writes as null: undefined, functions.
// Past 64 members a list goes in runs of 256 through JSON.stringify: some are that long.
const mixed = fc.oneof(
  fc.array(fc.oneof(fc.dictionary(fc.string({ maxLength: 3 }), leaf, { maxKeys: 3 }), fc.constant(undefined), fc.constant(() => 1), leaf), { minLength: 17, maxLength: 30 }),
  fc.array(fc.oneof(fc.dictionary(fc.string({ maxLength: 2 }), fc.integer(), { maxKeys: 2 }), fc.constant(undefined), fc.boolean()), { minLength: 60, maxLength: 600, size: 'max' }),
);

describe('JSON in chunks', () => {
  it('writes the bytes JSON.stringify(value, null, 2) writes, for any chunk size', () => {
    fc.assert(
      fc.property(fc.oneof(tree, bulky, fc.array(bulky, { maxLength: 4 }), mixed, fc.dictionary(fc.string({ maxLength: 3 }), fc.oneof(mixed, leaf), { minKeys: 2, maxKeys: 5 })), fc.integer({ min: 1, max: 4096 }), (value, chunkSize) => {
        expect(joined(value, chunkSize)).toBe(native(value));
      }),
      { numRuns: 300 },
    );
  });

  it('writes the reports of the seeds and of generated events as JSON.stringify does, in several chunks', async () => {
    const set = defaultSet();
    const seeds = await seedEvents('seeds');
    const raws = Array.from({ length: 3000 }, (_, i) => ({
      date: `202${i % 5}-0${1 + (i % 9)}-1${i % 10}`,
      actor: i % 4 === 0 ? 'US' : 'CN',
      kind: Object.keys(set.kinds)[i % Object.keys(set.kinds).length]!,
      status: (['enforced', 'pledged', 'announced', 'in-force', 'refused', 'reversed'] as const)[i % 6]!,
    }));
    for (const report of [scoreEvents(seeds, set), scoreEvents(drawnEvents(raws, { sameEvery: 7, files: 3 }), set)]) {
      const chunks = [...jsonChunks(report, 8 * 1024)];
      expect(chunks.join('')).toBe(native(report));
      expect(chunks.length).toBeGreaterThan(1);
    }
    // The generated report is never one piece: its long lists go in runs of members.
    const big = scoreEvents(drawnEvents(raws, { sameEvery: 7, files: 3 }), set);
    const whole = native(big).length;
    expect(Math.max(...[...jsonChunks(big, 8 * 1024)].map((c) => c.length))).toBeLessThan(whole / 3);
  });

  it('refuses a cycle as JSON.stringify does', () => {
    const looped: Record<string, unknown> = { list: Array.from({ length: 20 }, (_, i) => ({ i })) };
    (looped.list as unknown[]).push(looped);
    expect(() => joined(looped)).toThrow(TypeError);
  });
});
