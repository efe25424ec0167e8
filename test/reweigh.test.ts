import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: the bench generator is plain JavaScript without types
import { writeYamlSet } from '../bench/generate.mjs';
import { matchEvents } from '../src/core/engine.js';
import { mulberry32 } from '../src/core/random.js';
import { lightModel } from '../src/core/reweigh.js';
import { designFor, resolveRanges, scoreMatched } from '../src/core/sensitivity.js';
import type { Event } from '../src/core/types.js';
import { loadEventFiles } from '../src/io/load.js';
import { defaultSet, ROOT } from './helpers/fixtures.js';
import { referenceLightModel } from './helpers/reweigh-reference.js';

const set = defaultSet();
const load = async (paths: string[]) => (await loadEventFiles(paths, set, { cwd: ROOT, readStdin: async () => Buffer.alloc(0) })).events;

// 2,000 generated events (magnitudes, grades, laws, promises, lapses, shared events) and the seeds.
const generated = mkdtempSync(path.join(tmpdir(), 'coopscore-reweigh-'));
let seeds: Event[];
let many: Event[];
beforeAll(async () => {
  writeYamlSet(generated, { files: 2, perFile: 1_000, seed: 11 });
  seeds = await load(['seeds']);
  many = await load([generated]);
});
afterAll(() => rmSync(generated, { recursive: true, force: true }));

describe('the light analysis model in columns', () => {
  it.each([
    ['the seeds', () => seeds, ['2021-06-30', '2023-09-30', '2024-01-31', undefined]],
    ['2,000 generated events', () => many, ['2021-12-31', '2023-06-30', undefined]],
  ] as const)('draws the composite the per-piece model draws, bit for bit, on %s', (_, events, dates) => {
    // Every assumption the set draws (both attribution rules among them).
    const ranges = resolveRanges(set.method);
    expect(ranges.attribution).toEqual(['full', 'split']);
    const design = designFor(set, ranges);
    let draws = 0;
    for (const asOf of dates) {
      const matching = matchEvents(events(), set, asOf === undefined ? {} : { asOf });
      const pointScored = scoreMatched(matching, set);
      const columns = lightModel(matching, set, design, pointScored);
      const reference = referenceLightModel(matching, set, design, pointScored);
      expect(columns.work).toBe(reference.work);
      const random = mulberry32(5);
      for (let d = 0; d < 150; d++) {
        const row = Float64Array.from({ length: design.dims }, () => random());
        expect(columns.composite(row), `${asOf} draw ${d}`).toBe(reference.composite(row));
        draws++;
      }
    }
    expect(draws).toBeGreaterThan(400);
  });

  it('re-scores in full, as the reference does, an indicator whose point score it cannot reproduce', () => {
    const design = designFor(set, resolveRanges(set.method));
    const matching = matchEvents(many, set);
    // A point score off by a point for two indicators: the model cannot reproduce it and re-scores them each draw.
    const pointScored = scoreMatched(matching, set).map((s, i) => (i === 1 || i === 4 ? { ...s, result: { ...s.result, score: s.result.score + 1 } } : s));
    const columns = lightModel(matching, set, design, pointScored);
    const reference = referenceLightModel(matching, set, design, pointScored);
    expect(columns.work).toBe(reference.work);
    expect(columns.work).toBeGreaterThan(25 * matching.matched[1]!.length);
    const random = mulberry32(9);
    for (let d = 0; d < 30; d++) {
      const row = Float64Array.from({ length: design.dims }, () => random());
      expect(columns.composite(row), `draw ${d}`).toBe(reference.composite(row));
    }
  });
});
