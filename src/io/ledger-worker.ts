import { parentPort, workerData } from 'node:worker_threads';
import { compositeAtDate, prepareDates } from '../core/period-score.js';
import type { LedgerJob } from './parallel-ledger.js';

// The worker thread of parallel-ledger.ts: the composite at each of its dates, exactly as the
// main thread would work it out, sent back in one message.
const job = workerData as LedgerJob;
const prepared = prepareDates(job.events, job.set, job.asOf, job.since);
const values = new Float64Array(job.dates.length);
for (let i = 0; i < job.dates.length; i++) values[i] = compositeAtDate(prepared, job.dates[i]!);
parentPort!.postMessage(values);
