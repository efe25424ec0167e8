import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/fixtures.js';

/** The core is pure: a function of its arguments, testable without a file system, clock or dice. */
describe('src/core stays pure', () => {
  const dir = path.join(ROOT, 'src', 'core');
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));
  const forbidden: [RegExp, string][] = [
    [/from ['"]node:/, 'a node: module'],
    [/from ['"](fs|path|os|child_process|crypto)['"]/, 'a node built-in'],
    [/\bprocess\./, 'process'],
    [/\bconsole\./, 'console'],
    [/Date\.now\(|new Date\(\)/, 'the clock'],
    [/Math\.random\(/, 'global randomness'],
    [/from ['"]\.\.\/(io|format|commands|cli)/, 'an outer layer'],
  ];
  for (const file of files) {
    it(file, () => {
      const text = readFileSync(path.join(dir, file), 'utf8');
      for (const [pattern, what] of forbidden) expect(pattern.test(text), `${file} uses ${what}`).toBe(false);
    });
  }
});
