import { ledgerSet, leverDates, type LedgerOptions } from '../core/ledger.js';
import { compositeAtDate, prepareDates } from '../core/period-score.js';
import type { Event, IndicatorSet } from '../core/types.js';
import { hasCores, runWorker, workerMode, workerScript } from './workers.js';

/**
 * The ledger's composites on two threads. Each lever needs the composite at its date and at the
 * end of its window, and each of those dates values all the evidence up to it: ~2,000 dates over
 * 100k events took ~50 s on one thread, nearly all of it in those dates. A worker thread gets a copy
 * of the events; both threads then take the next date not yet taken from a counter they share
 * (Atomics), until none is left, and write its composite into a shared list. Sharing the dates this
 * way keeps both threads busy to the end: a fixed half each (every other date) left this thread
 * idle for a quarter of the run, as the worker, which starts later and works slower (measured on
 * 100k events: 21.7 ms a date against 15.6 here), still had a third of its dates to do. The same
 * functions on the same events give the same numbers, so the ledger is byte for byte the one a
 * single thread builds (tested). Below MIN_EVENTS the worker's start and the copy are not worth it.
 * A worker that fails to start or dies leaves its dates to this thread. COOPSCORE_WORKERS=0 turns
 * it off; =always uses it whatever the size (for tests; a failed worker is then an error).
 */
const MIN_EVENTS = 5_000;
const MIN_CORES = 2;
const WAIT_FOR_WORKER_MS = 10_000;

export interface LedgerJob {
  events: readonly Event[];
  set: IndicatorSet;
  asOf: string;
  since?: string;
  dates: string[];
  /** [0]: the index of the next date to take (both threads add 1 to it to take one). */
  next: Int32Array;
  /** The composite at each date, and whether it is there (1) yet. */
  values: Float64Array;
  done: Uint8Array;
}

/**
 * Take dates from the shared counter and work out their composites until none is left; `taken`
 * hears how many dates both threads have taken so far (the main thread's progress bar).
 */
export function takeDates(
  job: Pick<LedgerJob, 'dates' | 'next' | 'values' | 'done'>,
  prepared: ReturnType<typeof prepareDates>,
  taken?: (count: number, total: number) => void,
): void {
  const total = job.dates.length;
  for (let i = Atomics.add(job.next, 0, 1); i < total; i = Atomics.add(job.next, 0, 1)) {
    if (i === 0) Atomics.notify(job.next, 0); // a main thread told to wait for the worker (below) goes on
    taken?.(Math.min(total, Atomics.load(job.next, 0)), total);
    job.values[i] = compositeAtDate(prepared, job.dates[i]!);
    Atomics.store(job.done, i, 1);
  }
}

/**
 * The composites of the ledger's lever dates, worked out on two threads; undefined when one thread
 * will do. `taken` hears how many of the dates have been taken, as they are.
 */
export async function ledgerComposites(
  events: readonly Event[],
  set: IndicatorSet,
  options: Pick<LedgerOptions, 'asOf' | 'since' | 'windowDays'>,
  taken?: (count: number, total: number) => void,
): Promise<Map<string, number> | undefined> {
  const mode = workerMode();
  if (mode === 'off' || events.length === 0) return undefined;
  if (mode === 'auto' && (events.length < MIN_EVENTS || !hasCores(MIN_CORES))) return undefined;
  const script = workerScript('ledger-worker', mode);
  if (!script) return undefined;
  const { asOf, dates } = leverDates(events, set, options);
  if (dates.length < 2) return undefined;
  const quiet = ledgerSet(set);
  const shared = {
    dates,
    next: new Int32Array(new SharedArrayBuffer(4)),
    values: new Float64Array(new SharedArrayBuffer(8 * dates.length)),
    done: new Uint8Array(new SharedArrayBuffer(dates.length)),
  };
  const job: LedgerJob = { events, set: quiet, asOf, ...(options.since !== undefined ? { since: options.since } : {}), ...shared };
  const worker = runWorker<true>(script, job, mode);
  const prepared = prepareDates(events, quiet, asOf, options.since);
  // With COOPSCORE_WORKERS=always (the tests), let the worker take the first date, so it works out
  // at least one even when this thread could do them all before the worker has started.
  if (mode === 'always') Atomics.wait(shared.next, 0, 0, WAIT_FOR_WORKER_MS);
  takeDates(shared, prepared, taken);
  // The worker may still be on its last date; one that died may have left a date taken, not done.
  await worker;
  const composites = new Map<string, number>();
  dates.forEach((date, i) => composites.set(date, Atomics.load(shared.done, i) === 1 ? shared.values[i]! : compositeAtDate(prepared, date)));
  return composites;
}
