import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/fixtures.js';
import { runCli } from './helpers/cli.js';

/**
 * Whatever bytes arrive, coopscore ends with a result or a precise error: exit 0, 1 or 2, no
 * stack trace, no internal error. The seeds are mutated the ways real files
 * break: flipped and inserted bytes, truncation, deleted and duplicated lines (dropped and
 * repeated keys), and values swapped for another type. fast-check prints the seed and the
 * shrunk input of any failure; replay one with FUZZ_SEED=<seed>.
 */

const SEEDS = ['seeds/2019-2022.yaml', 'seeds/2023.yaml', 'seeds/2024.yaml'].map((f) => readFileSync(path.join(ROOT, f)));
const RUNS = 1000;
const STACK_FRAME = /^\s+at .+[:(]\d+:\d+\)?$/m;

const SWAPS = ['[]', '{}', '~', '0', '-1', '1.5', '1e309', '.nan', 'true', '"text"', "''", '[a, [b]]', '{ a: 1 }', '2024-02-30', '!!binary AA==', '!custom x', '*nowhere', '&a', '__proto__', '"\\u0000"', '|\n  block'];

type Mutation =
  | { kind: 'flip'; at: number; byte: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'truncate'; at: number }
  | { kind: 'delete-line'; at: number }
  | { kind: 'duplicate-line'; at: number }
  | { kind: 'swap-value'; at: number; value: string };

const at = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at, byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('insert' as const), at, bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at }),
  fc.record({ kind: fc.constant('delete-line' as const), at }),
  fc.record({ kind: fc.constant('duplicate-line' as const), at }),
  fc.record({ kind: fc.constant('swap-value' as const), at, value: fc.constantFrom(...SWAPS) }),
);

function apply(bytes: Buffer, m: Mutation): Buffer {
  const i = Math.floor(m.at * bytes.length);
  switch (m.kind) {
    case 'flip': {
      const out = Buffer.from(bytes);
      if (out.length > 0) out[i] = m.byte;
      return out;
    }
    case 'insert':
      return Buffer.concat([bytes.subarray(0, i), m.bytes, bytes.subarray(i)]);
    case 'truncate':
      return bytes.subarray(0, i);
  }
  const lines = bytes.toString('latin1').split('\n');
  const n = Math.floor(m.at * lines.length);
  if (m.kind === 'delete-line') lines.splice(n, 1);
  else if (m.kind === 'duplicate-line') lines.splice(n, 0, lines[n] ?? '');
  else {
    // Swap the value of the nearest `key: value` line at or after n for one of another type.
    const k = lines.findIndex((line, j) => j >= n && /^\s*(- )?[\w-]+:\s*\S/.test(line));
    if (k !== -1) lines[k] = lines[k]!.replace(/^(\s*(?:- )?[\w-]+:\s*).*$/, (_, key: string) => `${key}${m.value}`);
  }
  return Buffer.from(lines.join('\n'), 'latin1');
}

describe('fuzz: mutated seed files', () => {
  it(`ends every one of ${RUNS} runs with exit 0, 1 or 2, no stack trace`, async () => {
    const outcomes = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(fc.nat(SEEDS.length - 1), fc.array(mutation, { minLength: 1, maxLength: 3 }), fc.boolean(), async (seed, mutations, score) => {
        const input = mutations.reduce(apply, SEEDS[seed]!);
        const run = await runCli([score ? 'score' : 'validate', '--format', 'json', '-'], { stdin: input });
        outcomes.set(run.code, (outcomes.get(run.code) ?? 0) + 1);
        expect([0, 1, 2]).toContain(run.code);
        expect(run.stderr).not.toMatch(STACK_FRAME);
        expect(run.stderr).not.toContain('internal error');
        if (score) {
          // Never a partial report: a score on exit 0, nothing at all on exit 2.
          expect([0, 2]).toContain(run.code);
          if (run.code === 2) expect(run.stdout).toBe('');
          else expect((JSON.parse(run.stdout) as { score: number }).score).toBeGreaterThanOrEqual(0);
        } else {
          // Bytes on stdin are never a usage or path error: exit 1 exactly when an error is listed.
          const problems = JSON.parse(run.stdout) as { severity: string }[];
          expect(run.code).toBe(problems.some((p) => p.severity === 'error') ? 1 : 0);
        }
      }),
      { numRuns: RUNS, ...(process.env.FUZZ_SEED ? { seed: Number(process.env.FUZZ_SEED) } : {}) },
    );
    // The mutations must reach both sides: some inputs stay valid, most break.
    expect(outcomes.get(0) ?? 0).toBeGreaterThan(0);
    expect((outcomes.get(1) ?? 0) + (outcomes.get(2) ?? 0)).toBeGreaterThan(RUNS / 4);
  }, 120_000);
});
