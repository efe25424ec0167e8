import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FileLines } from '../src/format/problems-text.js';

/** Code frames read lines from FileLines; it must cut a text exactly as splitting it at \r?\n does. */
describe('FileLines', () => {
  it('gives the lines of text.split(/\\r?\\n/), one by one (3,000 generated texts)', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'b', ' ', '\t', '\r', '\n', '\r\n', 'é'), maxLength: 40 });
    fc.assert(
      fc.property(text, (t) => {
        const split = t.split(/\r?\n/);
        const lines = new FileLines(t);
        expect([lines.has(0), lines.has(1), lines.has(split.length), lines.has(split.length + 1)]).toEqual([false, true, true, false]);
        for (let n = 1; n <= split.length; n++) expect(lines.line(n)).toBe(split[n - 1]);
        expect(lines.line(0)).toBe('');
        expect(lines.line(split.length + 1)).toBe('');
      }),
      { numRuns: 3_000 },
    );
  });
});
