import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * What the worker threads share (parallel-load.ts, parallel-ledger.ts): whether to use one
 * (COOPSCORE_WORKERS=0 never, =always whatever the size, for tests), where its script is, and its
 * one reply. node:os and node:worker_threads are loaded only when a worker may start: they cost
 * start-up, and most runs need no worker.
 */

const load = createRequire(import.meta.url);
const DIST = fileURLToPath(new URL('../', import.meta.url));

export type WorkerMode = 'off' | 'auto' | 'always';

export function workerMode(): WorkerMode {
  const setting = process.env.COOPSCORE_WORKERS;
  return setting === '0' ? 'off' : setting === 'always' ? 'always' : 'auto';
}

/** Whether the machine has at least `min` cores for the threads to run on. */
export function hasCores(min: number): boolean {
  const os = load('node:os') as typeof import('node:os');
  return (os.availableParallelism?.() ?? os.cpus().length) >= min;
}

/**
 * The worker `name` as bundled by the build (dist/NAME.cjs, scripts/bundle.mjs) or as tsc built it
 * (dist/io/NAME.js; the only one with COOPSCORE_NO_BUNDLE). Undefined when neither is there, which
 * with `always` is an error.
 */
export function workerScript(name: string, mode: WorkerMode): string | undefined {
  const files = [path.join(DIST, `${name}.cjs`), path.join(DIST, 'io', `${name}.js`)];
  const script = files.slice(process.env.COOPSCORE_NO_BUNDLE ? 1 : 0).find((f) => existsSync(f));
  if (!script && mode === 'always') throw new Error(`COOPSCORE_WORKERS=always, but there is no built ${name} (run npm run build)`);
  return script;
}

/**
 * Start a worker on `data` and wait for its one message. A worker that fails to start, throws or
 * exits first gives undefined (its caller does the work itself), or with `always` an error.
 */
export function runWorker<T>(script: string, data: unknown, mode: WorkerMode): Promise<T | undefined> {
  const reply = new Promise<T | undefined>((resolve, reject) => {
    const failed = (error: unknown) => (mode === 'always' ? reject(error instanceof Error ? error : new Error(`the worker ${path.basename(script)} ${String(error)}`)) : resolve(undefined));
    let worker: import('node:worker_threads').Worker;
    try {
      const { Worker } = load('node:worker_threads') as typeof import('node:worker_threads');
      worker = new Worker(script, { workerData: data });
    } catch (error) {
      failed(error);
      return;
    }
    worker.once('message', (message: T) => resolve(message));
    worker.once('error', failed);
    worker.once('exit', (code) => failed(`exited with code ${code} before sending its results`));
  });
  reply.catch(() => undefined); // a failure surfaces where the reply is awaited, once
  return reply;
}
