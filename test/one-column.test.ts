import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
// string-width and emoji-regex as cli-table3 itself requires them.
const fromTable = createRequire(createRequire(`${ROOT}package.json`).resolve('cli-table3'));
const stringWidth = fromTable('string-width') as (s: string) => number;
const emojiRegex = fromTable('emoji-regex') as () => RegExp;

describe("the bundle's one-column fast path for cli-table3 (scripts/one-column.mjs)", () => {
  it('holds only characters string-width counts as one column, alone and beside any other', async () => {
    const { ONE_COLUMN } = (await import(`${ROOT}scripts/one-column.mjs`)) as { ONE_COLUMN: string };
    const only = new RegExp(`^[${ONE_COLUMN}]*$`);
    const chars: string[] = [];
    for (let code = 0; code < 0x10000; code++) {
      if (code >= 0xd800 && code < 0xe000) continue;
      const c = String.fromCharCode(code);
      if (only.test(c)) chars.push(c);
    }
    // The borders cli-table3 draws and the report's own symbols are in it; wide, combining and
    // control characters are not.
    for (const c of '─│┌┐└┘├┤┬┴┼═║╭╮░▒▓█·×–—‘’“”•…≥≤−→') expect(chars, c).toContain(c);
    for (const c of '中\u0301\u001b\u009b\u200d\ufe0f⚡✅') expect(chars, c).not.toContain(c);
    expect(chars.length).toBe(682);
    for (const c of chars) {
      expect(stringWidth(c), c).toBe(1);
      expect(c.replace(emojiRegex(), ''), c).toBe(c);
    }
    // Every pair: no sequence of them starts an emoji or changes another's width.
    let wrong = 0;
    for (const a of chars) for (const b of chars) if (stringWidth(a + b) !== 2) wrong++;
    expect(wrong).toBe(0);
  });
});
