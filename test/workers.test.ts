import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { ledgerSet, leverDates } from '../src/core/ledger.js';
import { compositeAtDate, prepareDates } from '../src/core/period-score.js';
import type { Event } from '../src/core/types.js';
import { takeDates } from '../src/io/parallel-ledger.js';
import { runWorker, workerMode } from '../src/io/workers.js';
import { defaultSet, ev } from './helpers/fixtures.js';

/** The plumbing both worker threads share: a worker's one reply, and what a failed worker gives. */
const dir = mkdtempSync(path.join(tmpdir(), 'coopscore-workers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const script = (name: string, body: string) => {
  const file = path.join(dir, name);
  writeFileSync(file, `const { parentPort, workerData } = require('node:worker_threads');\n${body}\n`);
  return file;
};

describe('worker threads', () => {
  const saved = process.env.COOPSCORE_WORKERS;
  afterEach(() => {
    if (saved === undefined) delete process.env.COOPSCORE_WORKERS;
    else process.env.COOPSCORE_WORKERS = saved;
  });

  it('reads COOPSCORE_WORKERS: 0 is off, always forces, anything else decides by size', () => {
    process.env.COOPSCORE_WORKERS = '0';
    expect(workerMode()).toBe('off');
    process.env.COOPSCORE_WORKERS = 'always';
    expect(workerMode()).toBe('always');
    delete process.env.COOPSCORE_WORKERS;
    expect(workerMode()).toBe('auto');
  });

  it("gives the worker's one message", async () => {
    const doubler = script('double.cjs', 'parentPort.postMessage(Float64Array.from(workerData.values, (v) => v * 2));');
    expect(Array.from((await runWorker<Float64Array>(doubler, { values: [1, 2.5] }, 'auto'))!)).toEqual([2, 5]);
  });

  it('gives undefined for a worker that throws or exits without a message, so its caller does the work', async () => {
    const throws = script('throws.cjs', "throw new Error('broken');");
    const silent = script('silent.cjs', '');
    expect(await runWorker(throws, {}, 'auto')).toBeUndefined();
    expect(await runWorker(silent, {}, 'auto')).toBeUndefined();
    expect(await runWorker(path.join(dir, 'missing.cjs'), {}, 'auto')).toBeUndefined();
  });

  it('fails with always, where a broken worker must not pass unseen', async () => {
    await expect(runWorker(script('throws2.cjs', "throw new Error('broken');"), {}, 'always')).rejects.toThrow('broken');
    await expect(runWorker(script('silent2.cjs', ''), {}, 'always')).rejects.toThrow('exited with code 0 before sending its results');
  });
});

describe("the ledger's dates shared between two threads (takeDates)", () => {
  const set = defaultSet();
  const events: Event[] = [
    ev({ id: 'a1', kind: 'arrest', status: 'enforced', date: '2023-01-10' }),
    ev({ id: 'l1', actor: 'US', kind: 'us-indictment', status: 'enforced', date: '2023-02-01' }),
    ev({ id: 'a2', kind: 'seizure', status: 'enforced', date: '2023-05-20' }),
    ev({ id: 'l2', actor: 'US', kind: 'us-sanction', status: 'enforced', date: '2023-09-15' }),
    ev({ id: 'l3', actor: 'US', kind: 'us-indictment', status: 'enforced', date: '2024-05-01' }),
    ev({ id: 'a3', kind: 'arrest', status: 'enforced', date: '2024-06-30' }),
  ];

  it('takes each date once, from where the other thread left the counter, and marks it done', () => {
    const { asOf, dates } = leverDates(events, set, { windowDays: 120 });
    expect(dates.length).toBeGreaterThan(3);
    const prepared = prepareDates(events, ledgerSet(set), asOf);
    const job = {
      dates,
      next: new Int32Array(new SharedArrayBuffer(4)),
      values: new Float64Array(new SharedArrayBuffer(8 * dates.length)),
      done: new Uint8Array(new SharedArrayBuffer(dates.length)),
    };
    job.next[0] = 2; // the other thread has taken the first two dates
    takeDates(job, prepared);
    expect([...job.done]).toEqual(dates.map((_, i) => (i < 2 ? 0 : 1)));
    dates.forEach((date, i) => expect(job.values[i]).toBe(i < 2 ? 0 : compositeAtDate(prepared, date)));
    // Nothing is left to take: another call takes nothing.
    takeDates(job, prepared);
    expect([...job.done].filter((d) => d === 1)).toHaveLength(dates.length - 2);
  });

  it('tells how many dates both threads have taken, as it takes each (the ledger progress bar)', () => {
    const { asOf, dates } = leverDates(events, set, { windowDays: 120 });
    const job = {
      dates,
      next: new Int32Array(new SharedArrayBuffer(4)),
      values: new Float64Array(new SharedArrayBuffer(8 * dates.length)),
      done: new Uint8Array(new SharedArrayBuffer(dates.length)),
    };
    const heard: [number, number][] = [];
    takeDates(job, prepareDates(events, ledgerSet(set), asOf), (count, total) => heard.push([count, total]));
    expect(heard).toEqual(dates.map((_, i) => [i + 1, dates.length]));
  });
});
