import { parentPort, workerData } from 'node:worker_threads';
import { prepareDates } from '../core/period-score.js';
import { takeDates, type LedgerJob } from './parallel-ledger.js';

// The worker thread of parallel-ledger.ts: takes dates from the counter it shares with the main
// thread and writes their composites, exactly as the main thread would work them out, into the
// shared list; then says it is done.
const job = workerData as LedgerJob;
takeDates(job, prepareDates(job.events, job.set, job.asOf, job.since));
parentPort!.postMessage(true);
