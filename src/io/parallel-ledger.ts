import { ledgerSet, leverDates, type LedgerOptions } from '../core/ledger.js';
import { compositeAtDate, prepareDates } from '../core/period-score.js';
import type { Event, IndicatorSet } from '../core/types.js';
import { hasCores, runWorker, workerMode, workerScript } from './workers.js';

/**
 * The ledger's composites on two threads. Each lever needs the composite at its date and at the
 * end of its window, and each of those dates values all the evidence up to it: ~2,000 dates over
 * 100k events took ~50 s on one thread, nearly all of it in those dates. A worker thread gets a copy
 * of the events and every other date; this thread works out the rest; the ledger takes both
 * (LedgerOptions.composites). The same functions on the same events give the same numbers, so the
 * ledger is byte for byte the one a single thread builds (tested). Measured on this project's
 * 2-core machine: 100k events 53.3 → 29.0 s, 10k events 1.51 → 1.35 s; below MIN_EVENTS the
 * worker's start and the copy are not worth it. A worker that fails to start or dies leaves its
 * dates to this thread. COOPSCORE_WORKERS=0 turns it off; =always uses it whatever the size (for
 * tests; a failed worker is then an error).
 */
const MIN_EVENTS = 5_000;
const MIN_CORES = 2;

export interface LedgerJob {
  events: readonly Event[];
  set: IndicatorSet;
  asOf: string;
  since?: string;
  dates: string[];
}

/** The composites of the ledger's lever dates, worked out on two threads; undefined when one thread will do. */
export async function ledgerComposites(events: readonly Event[], set: IndicatorSet, options: Pick<LedgerOptions, 'asOf' | 'since' | 'windowDays'>): Promise<Map<string, number> | undefined> {
  const mode = workerMode();
  if (mode === 'off' || events.length === 0) return undefined;
  if (mode === 'auto' && (events.length < MIN_EVENTS || !hasCores(MIN_CORES))) return undefined;
  const script = workerScript('ledger-worker', mode);
  if (!script) return undefined;
  const { asOf, dates } = leverDates(events, set, options);
  if (dates.length < 2) return undefined;
  const quiet = ledgerSet(set);
  // Every other date, so each thread gets early (cheap) and late (dear) dates alike.
  const mine = dates.filter((_, i) => i % 2 === 0);
  const theirs = dates.filter((_, i) => i % 2 === 1);
  const job: LedgerJob = { events, set: quiet, asOf, ...(options.since !== undefined ? { since: options.since } : {}), dates: theirs };
  const fromWorker = runWorker<Float64Array>(script, job, mode);
  const prepared = prepareDates(events, quiet, asOf, options.since);
  const composites = new Map<string, number>();
  for (const date of mine) composites.set(date, compositeAtDate(prepared, date));
  const values = await fromWorker;
  theirs.forEach((date, i) => composites.set(date, values && values.length === theirs.length ? values[i]! : compositeAtDate(prepared, date)));
  return composites;
}
