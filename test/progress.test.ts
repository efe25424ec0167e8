import { describe, expect, it } from 'vitest';
import { progressBar } from '../src/io/progress.js';

/** The progress bar of long runs (sensitivity draws, reading many files, the ledger's dates), on a clock the test moves. */
describe('progressBar', () => {
  const bar = (isTTY: boolean) => {
    let t = 0;
    const out: string[] = [];
    const progress = progressBar('ledger dates', (s) => out.push(s), isTTY, () => t);
    return { progress, out, at: (ms: number) => (t = ms) };
  };

  it('draws nothing off a terminal', () => {
    const { progress, out, at } = bar(false);
    at(5_000);
    progress.update(1, 2);
    progress.end();
    expect(out).toEqual([]);
  });

  it('waits a second, redraws at most ten times a second, and erases itself at the end', () => {
    const { progress, out, at } = bar(true);
    at(999);
    progress.update(10, 2007);
    expect(out).toEqual([]);
    at(1_000);
    progress.update(1_004, 2007);
    at(1_050);
    progress.update(1_100, 2007); // too soon after the last
    at(1_100);
    progress.update(2_007, 2007);
    expect(out).toEqual([
      `\rledger dates [${'#'.repeat(15)}${' '.repeat(15)}] 50% (1004/2007)\u001b[K`,
      `\rledger dates [${'#'.repeat(30)}] 100% (2007/2007)\u001b[K`,
    ]);
    progress.end();
    expect(out.at(-1)).toBe('\r\u001b[K');
  });

  it('leaves nothing to erase when it never drew', () => {
    const { progress, out } = bar(true);
    progress.update(1, 2);
    progress.end();
    expect(out).toEqual([]);
  });
});
