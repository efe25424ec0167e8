import type { Paint } from './paint.js';

// The options every formatter takes. They live below the registries (index.ts), which load the
// formatters, so a formatter never imports the module that loads it.

export interface FormatOptions {
  paint: Paint;
  color: boolean;
  /** Terminal width for the table; a fixed default when not on a terminal keeps output stable. */
  width: number;
}

/** Options for trend and diff formatters; `chart` asks the trend table for a line chart. */
export interface TimeFormatOptions extends FormatOptions {
  chart: boolean;
}
