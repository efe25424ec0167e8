import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { XMLValidator } from 'fast-xml-parser';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scoreEvents } from '../src/core/engine.js';
import { mulberry32 } from '../src/core/random.js';
import type { ScoreReport } from '../src/core/report.js';
import { analyzeSensitivity, ASSUMPTIONS, defaultRanges, designFor, draftAt, drawModel, draftSet, quantile, resolveRanges, zeroRanges } from '../src/core/sensitivity.js';
import { mixedRow, sampleMatrix } from '../src/core/sobol.js';
import { matchEvents } from '../src/core/matching.js';
import { indicatorFacts, itemsOf, itemsUnder, scoreRemade, statusOf, valueIndicator, valuesUnder } from '../src/core/indicator-score.js';
import { dueOf } from '../src/core/commitments.js';
import { dayNumber } from '../src/core/dates.js';
import { sideSums } from '../src/core/side-numbers.js';
import { applyWeights } from '../src/core/weights.js';
import { signed } from '../src/core/messages.js';
import type { Event } from '../src/core/types.js';
import { CREDIBILITY_GRADES, RELIABILITY_GRADES, STATUSES } from '../src/core/types.js';
import { loadEventFiles } from '../src/io/load.js';
import { runCli } from './helpers/cli.js';
import { defaultSet, drawnEvents, ROOT } from './helpers/fixtures.js';
import { expectGolden } from './helpers/golden.js';

const set = defaultSet();
let events: Event[];
beforeAll(async () => {
  events = (await loadEventFiles(['test/fixtures/record-2024'], set, { cwd: ROOT, readStdin: async () => Buffer.alloc(0) })).events;
});

describe('mulberry32', () => {
  it('is deterministic for a seed, differs between seeds, and is uniform on [0, 1)', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const xs = Array.from({ length: 10_000 }, () => a());
    expect(Array.from({ length: 10_000 }, () => b())).toEqual(xs);
    expect(mulberry32(43)()).not.toBe(xs[0]);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(mean).toBeCloseTo(0.5, 1);
    // each tenth of the interval gets about a tenth of the draws
    const deciles = Array.from({ length: 10 }, (_, d) => xs.filter((x) => Math.floor(x * 10) === d).length);
    for (const n of deciles) expect(Math.abs(n - 1000)).toBeLessThan(120);
  });
});

describe('items remade under a draw (itemsUnder)', () => {
  it('are the items itemsOf makes afresh under that draw, due dates included', async () => {
    const seeds = (await loadEventFiles(['seeds'], set, { cwd: ROOT, readStdin: async () => Buffer.alloc(0) })).events;
    const design = designFor(set, resolveRanges(set.method));
    const random = mulberry32(7);
    let compared = 0;
    for (const list of [events, seeds]) {
      const matching = matchEvents(list, set);
      const templates = set.indicators.map((indicator, i) => itemsOf(indicator, matching.matched[i]!, matching.counterparts[i]!, set, matching.context));
      for (let draw = 0; draw < 40; draw++) {
        const drawn = draftSet(set, draftAt(design, Array.from({ length: design.dims }, () => random())));
        drawn.indicators.forEach((indicator, i) => {
          const again = itemsUnder(templates[i]!, drawn, matching.context);
          const fresh = itemsOf(indicator, matching.matched[i]!, matching.counterparts[i]!, drawn, matching.context);
          const due = (items: typeof fresh) => [...items.subject, ...items.counterpart].map((item) => dueOf(item, drawn.method));
          expect(due(again)).toEqual(due(fresh));
          expect(again).toEqual(fresh);
          compared += again.subject.length + again.counterpart.length;
        });
      }
    }
    expect(compared).toBeGreaterThan(2_000);
  });
});

describe("draws that read their templates' facts instead of scanning the history", () => {
  // Histories with what the facts answer: promises outside a measure that lapse or are delivered
  // (the dates run past their horizon), reversals and laws, measures, exact duplicates, and grades
  // on both sides of solid, so a draw's power moves lapse weights and values.
  const day = (from: string, to: string) =>
    fc.integer({ min: Date.parse(from) / 86_400_000, max: Date.parse(to) / 86_400_000 }).map((d) => new Date(d * 86_400_000).toISOString().slice(0, 10));
  const history = fc
    .array(
      fc.record({
        date: day('2019-01-01', '2024-06-30'),
        actor: fc.constantFrom('CN', 'CN', 'CN', 'US'),
        kind: fc.constantFrom('arrest', 'prosecution', 'kyc-rule', 'kyc-enforcement', 'scheduling', 'cooperation-suspension', 'intel-sharing', 'export-control'),
        status: fc.constantFrom(...STATUSES, 'pledged', 'announced'),
        magnitude: fc.option(fc.integer({ min: 1, max: 30 }), { nil: undefined }),
        substances: fc.option(fc.subarray(['fentanyl', 'xylazine', 'nitazenes'], { minLength: 1, maxLength: 2 }), { nil: undefined }),
        measure: fc.option(fc.constantFrom('m-a', 'm-b'), { nil: undefined, freq: 5 }),
        due: fc.option(day('2019-06-01', '2025-06-30'), { nil: undefined, freq: 4 }),
        reliability: fc.option(fc.constantFrom(...RELIABILITY_GRADES), { nil: undefined, freq: 8 }),
        credibility: fc.option(fc.constantFrom(...CREDIBILITY_GRADES), { nil: undefined, freq: 8 }),
      }),
      { minLength: 5, maxLength: 60 },
    )
    .map((raws) => drawnEvents(raws, { sameEvery: 6, files: 2 }));

  it('score every indicator of every draw as scanning does, bit for bit (fast-check)', () => {
    const design = designFor(set, resolveRanges(set.method));
    let lapsed = 0;
    fc.assert(
      fc.property(history, fc.array(fc.array(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), { minLength: design.dims, maxLength: design.dims }), { minLength: 1, maxLength: 6 }), (list, rows) => {
        const matching = matchEvents(list, set, { asOf: '2024-06-30' });
        const templates = set.indicators.map((indicator, i) => itemsOf(indicator, matching.matched[i]!, matching.counterparts[i]!, set, matching.context));
        const facts = templates.map((t) => indicatorFacts(t, set, matching.context));
        for (const [r, row] of rows.entries()) {
          // Every other draw also moves the solid threshold on its own, which no draw of an
          // analysis does: items solid in the templates are then not all solid, and must be scanned.
          const drafted = draftSet(set, draftAt(design, row));
          const drawn = r % 2 ? { ...drafted, method: { ...drafted.method, solidGrade: drafted.method.solidGrade * 1.8 } } : drafted;
          drawn.indicators.forEach((indicator, i) => {
            const items = itemsUnder(templates[i]!, drawn, matching.context);
            const scanned = valueIndicator(indicator, items, drawn, matching.asOf, matching.context, false);
            // On columns with the templates' facts (side-numbers.ts), from the draw's values alone
            // (valuesUnder, as the analysis draws; it scans when solidity moved): the same score and status.
            const values = valuesUnder(templates[i]!, drawn, matching.context);
            expect(values.subject.solidAsBefore).toBe(items.subject.every((item, k) => item.grade.solid === templates[i]!.subject[k]!.grade.solid));
            expect(scoreRemade(indicator, templates[i]!, values, drawn, matching.asOf, matching.context, facts[i]!).result).toEqual({ score: scanned.score, status: statusOf(indicator, scanned) });
            if (values.subject.solidAsBefore) {
              // Where each piece's value went too, not only the total.
              const sums = sideSums(templates[i]!.subject, facts[i]!.subject, values.subject, indicator, drawn, dayNumber(matching.asOf), -Infinity, matching.context.duplicateOf.size > 0);
              expect({ practice: sums.practice, books: sums.books, talk: sums.talk, negative: sums.negative }).toEqual(scanned.subject.mix);
            }
            lapsed += scanned.subject.entries.filter((e) => e.fate === 'lapsed' && e.item.measure === undefined).length;
          });
        }
      }),
      { numRuns: 150 },
    );
    // The lapses of promises outside a measure are what the facts' scans answer and a draw re-weighs.
    expect(lapsed).toBeGreaterThan(100);
  });
});

describe('Sobol mixed rows that borrow from the row of A they mix from', () => {
  it('give the composite and scores a full evaluation gives: scores for weights and aggregation, items for what remakes none, pooled as the analysis pools them', () => {
    const model = drawModel(matchEvents(events, set), set, resolveRanges(set.method));
    const random = mulberry32(3);
    const n = 30;
    const a = sampleMatrix(random, n, model.dims);
    const b = sampleMatrix(random, n, model.dims);
    let start = 0;
    const lent = { scores: [] as string[], items: [] as string[] };
    for (const f of model.factors) {
      const lend = !f.rescores ? 'scores' : !f.remakesItems ? 'items' : undefined;
      if (lend !== undefined) {
        lent[lend].push(f.id);
        for (let d = 0; d < n; d++) {
          // As analyzeSensitivity scores them: the row of A in pool 0, then B and the mixes in
          // pool 1, which writes over B's items while A's are lent.
          const fromA = model.evaluate(a.subarray(d * model.dims, (d + 1) * model.dims), undefined, undefined, 0);
          model.evaluate(b.subarray(d * model.dims, (d + 1) * model.dims), undefined, undefined, 1);
          const mixed = mixedRow(a, b, model.dims, d, start, f.dims);
          const borrowed = model.evaluate(mixed, fromA, lend, 1);
          const full = model.evaluate(mixed);
          expect(borrowed.composite).toBe(full.composite);
          expect(borrowed.scores).toEqual(full.scores);
        }
      }
      start += f.dims;
    }
    expect(lent).toEqual({ scores: ['weights', 'aggregation'], items: ['halfLifeDays', 'booksHalfLifeDays', 'saturation', 'talkCap', 'uncorroboratedCap', 'booksCap'] });
  });
});

describe('analyzeSensitivity', () => {
  it('gives the reviewed analysis of the 2024 fixture, Sobol indices included (golden)', () => {
    // The bytes every speed-up must keep: the draws, their mixes (which borrow items and scores from
    // their row of A) and the indices, on a history with lapses, reversals and measures.
    const result = analyzeSensitivity(events, set, { draws: 60, seed: 3, sobol: true, bootstrap: 50 });
    expectGolden('sensitivity-record-2024.json', `${JSON.stringify(result, null, 2)}\n`);
  });

  it('with zero ranges every draw is the point score: the interval collapses and the band never moves', () => {
    const point = scoreEvents(events, set).score;
    const result = analyzeSensitivity(events, set, { draws: 200, seed: 3, ranges: zeroRanges(set.method) });
    expect(result).toMatchObject({ point, median: point, p5: point, p95: point, min: point, max: point, bandStability: 1 });
    expect(result.bands).toEqual([{ band: result.band, share: 1 }]);
  });

  it('is deterministic for a seed and moves with the seed', () => {
    const a = analyzeSensitivity(events, set, { draws: 300, seed: 11 });
    const b = analyzeSensitivity(events, set, { draws: 300, seed: 11 });
    const c = analyzeSensitivity(events, set, { draws: 300, seed: 12 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(c)).not.toBe(JSON.stringify(a));
  });

  it('takes the random source as a parameter: a source stuck at the middle of every range gives one value', () => {
    const result = analyzeSensitivity(events, set, { draws: 50, seed: 0, random: () => 0.5 });
    // u = 0.5 leaves every weight as it is and puts each stage and every numeric range at its midpoint;
    // the rule index floor(0.5 × 2) picks the second rule: split attribution, geometric aggregation.
    const r = resolveRanges(set.method);
    const mid = ([lo, hi]: [number, number]) => (lo + hi) / 2;
    const power = mid(r.gradeExponent);
    const table = <K extends string>(t: Record<K, number>) => Object.fromEntries(Object.entries(t).map(([k, v]) => [k, (v as number) ** power])) as Record<K, number>;
    const stages = { ...set.method.stages };
    for (const [status, range] of Object.entries(r.stages)) stages[status as keyof typeof stages] = mid(range!);
    const moved = {
      ...set,
      method: {
        ...set.method,
        stages,
        halfLifeDays: mid(r.halfLifeDays),
        booksHalfLifeDays: mid(r.booksHalfLifeDays),
        saturation: mid(r.saturation),
        reliability: table(set.method.reliability),
        credibility: table(set.method.credibility),
        solidGrade: set.method.solidGrade ** power,
        magnitudeCap: mid(r.magnitudeCap),
        talkCap: mid(r.talkCap),
        uncorroboratedCap: mid(r.uncorroboratedCap),
        booksCap: mid(r.booksCap),
        attribution: 'split' as const,
        aggregation: 'geometric' as const,
      },
    };
    expect(result.p5).toBe(result.p95);
    expect(result.median).toBe(scoreEvents(events, moved).score);
  });

  it('leave-one-out deltas are the composite with that indicator at weight 0, minus the point', () => {
    const result = analyzeSensitivity(events, set, { draws: 10, seed: 1 });
    const point = scoreEvents(events, set).score;
    expect(result.leaveOneOut).toHaveLength(10);
    for (const { id, score, delta } of result.leaveOneOut) {
      const without = scoreEvents(events, applyWeights(set, new Map([[id, 0]])).set).score;
      expect(score).toBeCloseTo(without, 2);
      expect(delta).toBeCloseTo(without - point, 1);
    }
    const sizes = result.leaveOneOut.map((l) => Math.abs(l.delta));
    expect(sizes).toEqual([...sizes].sort((x, y) => y - x));
  });

  it('perturbs every weight by at most ±25%: a single indicator with evidence keeps the arithmetic composite within bounds', () => {
    const ranges = { ...zeroRanges(set.method), weights: 0.25 };
    const result = analyzeSensitivity(events, set, { draws: 500, seed: 5, ranges });
    // the composite moves, but not beyond what ±25% weights can do to a weighted mean
    expect(result.p95).toBeGreaterThan(result.p5);
    const scores = scoreEvents(events, set).indicators;
    const extreme = (up: boolean) => {
      const w = scores.map((i) => i.weight * (i.score > 6.74 === up ? 1.25 : 0.75));
      return scores.reduce((s, i, k) => s + i.score * w[k]!, 0) / w.reduce((a, b) => a + b, 0);
    };
    expect(result.min).toBeGreaterThanOrEqual(extreme(false) - 0.01);
    expect(result.max).toBeLessThanOrEqual(extreme(true) + 0.01);
  });

  it('the default ranges draw every assumption, and perturb stage discounts and penalties, never the ±1 anchors', () => {
    const ranges = defaultRanges(set.method);
    expect(Object.keys(ranges).sort()).toEqual([...ASSUMPTIONS].sort());
    expect(Object.keys(ranges.stages).sort()).toEqual(['announced', 'in-force', 'pledged', 'refused']);
    expect(ranges.stages.pledged).toEqual([0.15, 0.25]);
    expect(ranges.halfLifeDays).toEqual([273.75, 456.25]);
    expect(ranges.saturation[0]).toBeCloseTo(set.method.saturation * 0.75, 4);
    expect(ranges.saturation[1]).toBeCloseTo(set.method.saturation * 1.25, 4);
    expect(ranges.gradeExponent).toEqual([0.75, 1.25]);
    expect(ranges.attribution).toEqual(['full', 'split']);
  });

  it('a set that states some ranges gets the defaults for the rest', () => {
    const method = { ...set.method, sensitivity: { weights: 0, stages: {}, halfLifeDays: [365, 365] as [number, number], aggregation: ['arithmetic' as const] } };
    const ranges = resolveRanges(method);
    expect(ranges.weights).toBe(0);
    expect(ranges.talkCap).toEqual(defaultRanges(method).talkCap);
  });

  it('with Sobol indices: one per assumption drawn, the same bytes for a seed, the intervals unchanged', () => {
    const plain = analyzeSensitivity(events, set, { draws: 64, seed: 4 });
    const a = analyzeSensitivity(events, set, { draws: 64, seed: 4, sobol: true, bootstrap: 50 });
    const b = analyzeSensitivity(events, set, { draws: 64, seed: 4, sobol: true, bootstrap: 50 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(a.median).toBe(plain.median);
    expect(a.p95).toBe(plain.p95);
    expect(a.sobol!.indices.map((x) => x.id)).toEqual([...ASSUMPTIONS]);
    expect(a.sobol!.evaluations).toBe(64 * (ASSUMPTIONS.length + 2));
    for (const x of a.sobol!.indices) {
      expect(x.totalInterval[0]).toBeLessThanOrEqual(x.totalInterval[1]);
      expect(x.total).toBeGreaterThanOrEqual(0);
    }
    expect(a.reasoning).toMatch(/drives the variance most \(total Sobol index/);
    // Nothing drawn: no factor, no indices.
    expect(analyzeSensitivity(events, set, { draws: 10, seed: 4, sobol: true, ranges: zeroRanges(set.method) }).sobol).toBeUndefined();
  });

  it('reports each indicator’s interval beside the composite’s', () => {
    const result = analyzeSensitivity(events, set, { draws: 100, seed: 9 });
    expect(result.indicators!.map((i) => i.id)).toEqual(set.indicators.map((i) => i.id));
    const point = scoreEvents(events, set);
    for (const [k, i] of result.indicators!.entries()) {
      expect(i.point).toBe(point.indicators[k]!.score);
      expect(i.p5).toBeLessThanOrEqual(i.p95);
    }
  });

  it('quantile interpolates between order statistics', () => {
    expect(quantile([1, 2, 3, 4, 5], 0.5)).toBe(3);
    expect(quantile([0, 10], 0.05)).toBeCloseTo(0.5, 10);
    expect(quantile([7], 0.95)).toBe(7);
  });
});

describe('score --sensitivity', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'coopscore-sens-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('gives byte-identical JSON for a seed, records draws and seed, and validates against the report schema', async () => {
    // The default (1000 draws) once; the byte comparisons on fewer draws, which the Sobol indices make costly.
    const report = JSON.parse((await runCli(['score', 'test/fixtures/record-2024/', '-f', 'json', '--sensitivity', '--seed', '7'])).stdout) as ScoreReport;
    const s = report.sensitivity!;
    expect(s).toMatchObject({ draws: 1000, seed: 7, point: report.score, band: report.band });
    expect(s.p5).toBeLessThanOrEqual(s.median);
    expect(s.median).toBeLessThanOrEqual(s.p95);
    expect(s.byAggregation.map((r) => r.aggregation)).toEqual(['arithmetic', 'geometric']);
    expect(s.byAggregation.reduce((n, r) => n + r.draws, 0)).toBe(1000);
    expect(s.sobol).toMatchObject({ samples: 1000, evaluations: 14_000, bootstrap: 200 });
    const schema = JSON.parse((await runCli(['schema', 'report'])).stdout) as object;
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    expect(ajv.validate(schema, report), JSON.stringify(ajv.errors)).toBe(true);
    const args = ['score', 'test/fixtures/record-2024/', '-f', 'json', '--sensitivity=150', '--seed', '7'];
    const first = await runCli(args);
    expect(first.code).toBe(0);
    expect((await runCli(args)).stdout).toBe(first.stdout);
    const other = await runCli(['score', 'test/fixtures/record-2024/', '-f', 'json', '--sensitivity=150', '--seed', '8']);
    expect(other.stdout).not.toBe(first.stdout);
  }, 120_000);

  it('is absent unless asked for', async () => {
    const report = JSON.parse((await runCli(['score', 'test/fixtures/record-2024/', '-f', 'json'])).stdout) as ScoreReport;
    expect('sensitivity' in report).toBe(false);
  });

  it('with a set whose ranges are zero, the interval is the point score', async () => {
    const yaml = await readFile(path.join(ROOT, 'indicators/us-china-2024.yaml'), 'utf8');
    const start = yaml.indexOf('  sensitivity:\n');
    const end = yaml.indexOf('    aggregation: [arithmetic, geometric]\n', start) + '    aggregation: [arithmetic, geometric]\n'.length;
    const m = set.method;
    const fixed = `booksHalfLifeDays: [${m.booksHalfLifeDays}, ${m.booksHalfLifeDays}], saturation: [${m.saturation}, ${m.saturation}], gradeExponent: [1, 1], magnitudeCap: [${m.magnitudeCap}, ${m.magnitudeCap}], talkCap: [${m.talkCap}, ${m.talkCap}], uncorroboratedCap: [${m.uncorroboratedCap}, ${m.uncorroboratedCap}], booksCap: [${m.booksCap}, ${m.booksCap}], attribution: [${m.attribution}]`;
    const zero = `${yaml.slice(0, start)}  sensitivity: { weights: 0, stages: {}, halfLifeDays: [365, 365], aggregation: [arithmetic], ${fixed} }\n${yaml.slice(end)}`;
    const file = path.join(dir, 'zero.yaml');
    await writeFile(file, zero);
    const result = await runCli(['score', 'test/fixtures/record-2024/', '--indicators', file, '-f', 'json', '--sensitivity', '300']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as ScoreReport;
    expect(report.sensitivity).toMatchObject({ median: report.score, p5: report.score, p95: report.score, bandStability: 1, draws: 300 });
    const table = await runCli(['score', 'test/fixtures/record-2024/', '--indicators', file, '--sensitivity', '300', '--width', '160']);
    expect(table.stdout).toContain(`Sensitivity (300 draws, seed 1): median ${report.score.toFixed(2)}, 5–95% ${report.score.toFixed(2)} to ${report.score.toFixed(2)}; band ${report.band} in 100% of draws`);
  });

  it('a range that leaves out the set’s own value is an invalid-set error at its line', async () => {
    const yaml = await readFile(path.join(ROOT, 'indicators/us-china-2024.yaml'), 'utf8');
    const file = path.join(dir, 'bad-range.yaml');
    await writeFile(file, yaml.replace('pledged: [0.1, 0.3]', 'pledged: [0.3, 0.5]'));
    const line = yaml.slice(0, yaml.indexOf('pledged: [0.1, 0.3]')).split('\n').length;
    const result = await runCli(['score', 'test/fixtures/record-2024/', '--indicators', file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(new RegExp(`bad-range\\.yaml:${line}:\\d+  error  invalid-set  the sensitivity range \\[0\\.3, 0\\.5\\] for "pledged"`));
  });

  it('shows the interval, band stability, rules and leave-one-out in table and Markdown', async () => {
    const table = await runCli(['score', 'test/fixtures/record-2024/', '--sensitivity', '200', '--seed', '2', '--width', '160']);
    expect(table.stdout).toMatch(/Sensitivity \(200 draws, seed 2\): median \d+\.\d\d, 5–95% \d+\.\d\d to \d+\.\d\d; band (minimal|limited) in [\d.]+% of draws/);
    expect(table.stdout).toMatch(/by rule: arithmetic median [\d.]+ \([\d.]+ to [\d.]+\) · geometric median/);
    const json = JSON.parse((await runCli(['score', 'test/fixtures/record-2024/', '--sensitivity', '200', '--seed', '2', '-f', 'json'])).stdout) as ScoreReport;
    const top = json.sensitivity!.leaveOneOut[0]!;
    expect(table.stdout).toContain(`leave one out: ${top.id} ${signed(top.delta, 'ascii')}`);
    expect(table.stdout).toMatch(/Sobol \(total\): \w/);
    const markdown = await runCli(['score', 'test/fixtures/record-2024/', '--sensitivity', '200', '--seed', '2', '-f', 'markdown']);
    expect(markdown.stdout).toContain('## Sensitivity');
    expect(markdown.stdout).toContain(`| \`${top.id}\` | ${top.score.toFixed(2)} |`);
    expect(markdown.stdout).toContain('| Assumption | First-order | 90% interval | Total | 90% interval |');
    const embedded = /\(data:image\/svg\+xml;base64,([A-Za-z0-9+/=]+)\)/.exec(markdown.stdout);
    expect(XMLValidator.validate(Buffer.from(embedded![1]!, 'base64').toString('utf8'))).toBe(true);
  });

  it('draws the intervals with the band cut points and the Sobol bars as a well-formed SVG, and escapes set text', async () => {
    const result = await runCli(['score', 'test/fixtures/record-2024/', '--sensitivity', '100', '--format', 'svg']);
    expect(result.code).toBe(0);
    expect(XMLValidator.validate(result.stdout)).toBe(true);
    expect(result.stdout).toContain('<text x="240" y="');
    for (const band of set.method.bands) expect(result.stdout).toContain(`>${band.id}</text>`);
    for (const indicator of set.indicators) expect(result.stdout).toContain(`>${indicator.id}</text>`);
    expect(result.stdout).toContain('Which assumption drives the variance');
    expect(result.stdout).toMatch(/<title>aggregation, total: [\d.]+ \([\d.]+ to [\d.]+\)<\/title>/);
    const yaml = await readFile(path.join(ROOT, 'indicators/us-china-2024.yaml'), 'utf8');
    const file = path.join(dir, 'hostile-title.yaml');
    await writeFile(file, yaml.replace('title: US–China counternarcotics cooperation (2024 framework)', 'title: "<script>alert(1)</script> & co"'));
    const hostile = await runCli(['score', 'test/fixtures/record-2024/', '--indicators', file, '--sensitivity', '20', '--format', 'svg']);
    expect(hostile.stdout).not.toContain('<script>');
    expect(hostile.stdout).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; co');
    const without = await runCli(['score', 'test/fixtures/record-2024/', '--format', 'svg']);
    expect(without.code).toBe(2);
    expect(without.stderr).toContain('--format svg draws the sensitivity analysis: add --sensitivity');
  });

  it('rejects a bad draw count or seed, and --seed without --sensitivity', async () => {
    for (const args of [['--sensitivity', '0'], ['--sensitivity=abc'], ['--sensitivity', '--seed', '-1'], ['--seed', '4']]) {
      const result = await runCli(['score', 'test/fixtures/record-2024/', ...args]);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stdout).toBe('');
    }
    const swallowed = await runCli(['score', '--sensitivity', 'test/fixtures/record-2024/']);
    expect(swallowed.code).toBe(2);
    expect(swallowed.stderr).toContain('write --sensitivity=N, or put it after the paths');
  });
});
