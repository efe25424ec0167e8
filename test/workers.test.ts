import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { runWorker, workerMode } from '../src/io/workers.js';

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
