import { parentPort, workerData } from 'node:worker_threads';
import { eventSchema } from '../core/schema.js';
import { vocabularyOf } from '../core/validate.js';
import { compiledAfter, loadYamlFile, type FileResult } from './load-file.js';
import type { WorkerJob } from './parallel-load.js';

// The worker thread of parallel-load.ts: load its files exactly as the main thread would, and send
// the results back in one message.
const job = workerData as WorkerJob;
const schema = compiledAfter(() => eventSchema(vocabularyOf(job.set)), 500);
const noStdin = async () => Buffer.alloc(0);

async function loadAll(): Promise<FileResult[]> {
  const results: FileResult[] = [];
  for (const file of job.files) {
    const result = await loadYamlFile(file, job.set, schema, { cwd: job.cwd, readStdin: noStdin, reference: job.reference, maxFileSize: job.maxFileSize, today: job.today, digest: job.digest });
    // validate keeps no events for itself, but the warnings across events (possible-duplicate) need them.
    results.push(result);
  }
  return results;
}

// No top-level await: the build bundles this file as CommonJS.
void loadAll().then((results) => parentPort!.postMessage(results));
