import type { CliIO, CommonOptions } from './context.js';
import { UsageError } from './context.js';
import { didYouMean } from '../core/problems.js';
import { INDICATOR_FORMATS } from '../format/index.js';
import { configure } from './configured.js';
import { formatOptionsFor, usableSet } from './shared.js';

export interface IndicatorsCommandOptions extends CommonOptions {
  format: 'text' | 'json' | 'markdown';
}

/** `coopscore indicators [id]`: what the active set counts, how much, and why. */
export async function indicators(id: string | undefined, flags: IndicatorsCommandOptions, io: CliIO): Promise<number> {
  const configured = await configure('indicators', [], flags, io);
  if (!configured) return 2;
  const { options } = configured;
  const loaded = await usableSet(options, io);
  if (!loaded) return 2;
  const { set } = loaded;
  let chosen = set.indicators;
  if (id !== undefined) {
    chosen = set.indicators.filter((i) => i.id === id);
    if (chosen.length === 0) {
      const hint = didYouMean(id, set.indicators.map((i) => i.id));
      throw new UsageError(`no indicator "${id}" in ${set.id}${hint ? `; did you mean "${hint}"?` : ''}`);
    }
  }
  const formatter = await INDICATOR_FORMATS[options.format]!();
  io.stdout(formatter({ set, indicators: chosen, single: id !== undefined }, await formatOptionsFor(options, io)));
  return 0;
}
