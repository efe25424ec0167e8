import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cruise, type ICruiseOptions, type ICruiseResult } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './helpers/fixtures.js';

// The layer graph (bin -> cli -> commands -> io, format -> core; the library beside the CLI) is
// written down in .dependency-cruiser.cjs; dependency-cruiser parses every import there is, static,
// dynamic and type-only, so these tests see what the compiler sees.

let options: ICruiseOptions;

async function violations(baseDir: string, paths: string[]): Promise<string[]> {
  const { output } = await cruise(paths, { ...options, baseDir, validate: true });
  return (output as ICruiseResult).summary.violations.map((v) => {
    const cycle = v.cycle ? ` (cycle: ${[v.from, ...v.cycle.map((c) => c.name)].join(' -> ')})` : '';
    return `${v.rule.name}: ${v.from} -> ${v.to}${cycle}`;
  });
}

beforeAll(async () => {
  options = await extractDepcruiseOptions(path.join(ROOT, '.dependency-cruiser.cjs'));
});

describe('the layer graph', () => {
  it('holds for src/ and bin/: nothing imports upward, nothing imports in a cycle', async () => {
    const found = await violations(ROOT, ['src', 'bin']);
    const why = (options.ruleSet?.forbidden ?? []).filter((r) => found.some((v) => v.startsWith(`${r.name}:`))).map((r) => `${r.name}: ${r.comment}`);
    expect(found, `the layer graph in .dependency-cruiser.cjs is broken:\n${why.join('\n')}\n`).toEqual([]);
  });

  describe('catches what it is there to catch', () => {
    let dir: string;
    const write = (file: string, text: string) => {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), text);
    };
    beforeAll(() => {
      dir = mkdtempSync(path.join(tmpdir(), 'coopscore-layers-'));
      write('src/core/engine.ts', "import type { Options } from '../commands/score.js';\nexport const run = (o: Options) => o;\n");
      write('src/commands/score.ts', 'export interface Options { a: number }\n');
      write('src/io/load.ts', "export const later = async () => (await import('../format/table.js')).table;\n");
      write('src/format/table.ts', "import { readFileSync } from 'node:fs';\nexport const table = readFileSync;\n");
      write('src/core/a.ts', "import { b } from './b.js';\nexport const a = () => b;\n");
      write('src/core/b.ts', "import { a } from './a.js';\nexport const b = () => a;\n");
      write('src/core/clock.ts', "import { readFile } from 'node:fs/promises';\nexport const read = readFile;\n");
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('a type-only upward import, a dynamic import across layers, a cycle and a built-in in core', async () => {
      const found = await violations(dir, ['src']);
      expect(found).toContain('core-imports-upward: src/core/engine.ts -> src/commands/score.ts');
      expect(found).toContain('io-imports-upward: src/io/load.ts -> src/format/table.ts');
      expect(found).toContain('no-cycle: src/core/a.ts -> src/core/b.ts (cycle: src/core/a.ts -> src/core/b.ts -> src/core/a.ts)');
      expect(found).toContain('core-imports-a-package: src/core/clock.ts -> fs/promises');
      expect(found.some((v) => v.includes('src/format/table.ts -> fs'))).toBe(false);
    });
  });
});

/** The core is pure: a function of its arguments, testable without a file system, clock or dice. */
describe('src/core stays pure', () => {
  const dir = path.join(ROOT, 'src', 'core');
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));
  // What it imports is checked above; these are the globals an import check cannot see.
  const forbidden: [RegExp, string][] = [
    [/\bprocess\./, 'process'],
    [/\bconsole\./, 'console'],
    [/Date\.now\(|new Date\(\)/, 'the clock'],
    [/Math\.random\(/, 'global randomness'],
  ];
  for (const file of files) {
    it(file, () => {
      const text = readFileSync(path.join(dir, file), 'utf8');
      for (const [pattern, what] of forbidden) expect(pattern.test(text), `${file} uses ${what}`).toBe(false);
    });
  }
});
