import type { CliIO, CommonOptions } from './context.js';
import { UsageError } from './context.js';
import { buildLedger } from '../core/ledger.js';
import { ledgerComposites } from '../io/parallel-ledger.js';
import { LEDGER_FORMATS, render } from '../format/index.js';
import { packageVersion } from '../io/package-version.js';
import { progressBar } from '../io/progress.js';
import { configure, requirePaths } from './configured.js';
import { formatOptionsFor, loadScorable, reportWarnings, warningsKept, writeOutput } from './shared.js';

export interface LedgerCommandOptions extends CommonOptions {
  format: string;
  asOf?: string;
  since?: string;
  window: number;
  output?: string;
  maxFileSize?: number;
}

/** `coopscore ledger`: promises against delivery, and the counterpart's levers against what followed. */
export async function ledger(given: string[], flags: LedgerCommandOptions, io: CliIO): Promise<number> {
  const configured = await configure('ledger', given, flags, io);
  if (!configured) return 2;
  const { options } = configured;
  const paths = requirePaths(configured.paths, configured.config);
  // The inputs' digests are printed only in JSON (see score); no format lists warnings, so only the first few are kept.
  const ready = await loadScorable(paths, { ...options, digest: options.format === 'json', keepWarnings: warningsKept(options) }, io, options.asOf !== undefined);
  if (ready.exit !== undefined) return ready.exit;
  const { loadedSet, set, loaded } = ready;
  await reportWarnings(loaded.problems, loaded.sources, options, io, loaded.rereadable, loaded.omittedWarnings);
  if (options.asOf !== undefined && options.since !== undefined && options.since > options.asOf) {
    throw new UsageError(`--since (${options.since}) is after --as-of (${options.asOf}): the ledger would hold no day`);
  }
  const window = {
    ...(options.asOf !== undefined ? { asOf: options.asOf } : {}),
    ...(options.since !== undefined ? { since: options.since } : {}),
    windowDays: options.window,
  };
  // Many events: the levers' dates are shared with a second thread (parallel-ledger.ts), which on
  // 100,000 events still takes about twenty seconds: a terminal shows how far it has got.
  const progress = progressBar('ledger dates', io.stderr, io.stderrIsTTY === true);
  const composites = await ledgerComposites(loaded.events, set, window, (done, total) => progress.update(done, total));
  progress.end();
  const result = buildLedger(loaded.events, set, {
    ...window,
    ...(composites ? { composites } : {}),
    tool: { name: 'coopscore', version: packageVersion() },
    setSha256: loadedSet.sha256,
    inputs: loaded.inputs,
  });
  await writeOutput(await render(LEDGER_FORMATS, options.format, result, await formatOptionsFor(options, io)), options.output, io);
  return 0;
}
