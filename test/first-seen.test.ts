import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FirstSeen } from '../src/core/first-seen.js';

describe('FirstSeen', () => {
  it('answers as a Map of first positions would, across growth and collisions', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 6 }), { maxLength: 3000 }), (strings) => {
        const table = new FirstSeen();
        const map = new Map<string, number>();
        for (const s of strings) {
          const expected = map.get(s) ?? -1;
          if (expected === -1) map.set(s, map.size);
          expect(table.see(s)).toBe(expected);
        }
        expect(table.size).toBe(map.size);
      }),
      { numRuns: 60 },
    );
  });

  it('keeps 100,000 ids apart that differ in one character, and finds each again', () => {
    const table = new FirstSeen();
    const ids = Array.from({ length: 100_000 }, (_, i) => `ev-${String(i).padStart(7, '0')}-arrest`);
    for (const id of ids) expect(table.see(id)).toBe(-1);
    for (const [i, id] of ids.entries()) if (i % 997 === 0) expect(table.see(`${id} `.trimEnd())).toBe(i);
    expect(table.see('ev-0000000-arrest ')).toBe(-1);
    expect(table.size).toBe(100_001);
  });
});
